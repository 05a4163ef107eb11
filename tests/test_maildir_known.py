"""A source that passes over names it knows offers what a fresh source does, when the files
behind those names are replaced: a name reused for another message, a Maildir replaced by a
restored copy with the same names, a symlink pointed at another copy, a folder removed and made
again, a cursor passed between two sources."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from connectors.mail.maildir import MaildirSource, _Entry
from tests.test_maildir import _maildir

OLD = 1_000_000_000


def _write(folder: Path, name: str, body: str, sub: str = "cur") -> Path:
    path = folder / sub / name
    path.write_bytes(f"Subject: {body}\nMessage-ID: <{body}@x>\n\n{body}\n".encode())
    os.utime(path, (OLD, OLD))
    return path


def _tick() -> None:
    """Let the file clock move, so the next file changes after the last (ctime is coarse)."""
    time.sleep(0.03)


def _offered(src: MaildirSource, cursor: str | None) -> tuple[list[tuple[str, bytes]], str]:
    batch = src.fetch_new("INBOX", cursor)
    return sorted((m.key, m.data) for m in batch.messages), batch.cursor


def _known_folder(root: Path) -> tuple[MaildirSource, str]:
    """A source that has seen ``a`` and ``b`` in cur/ and ``n`` in new/, and remembers them:
    a later delivery moved its cursor past them."""
    _write(root, "a", "first")
    _write(root, "b", "second")
    _write(root, "n", "newone", sub="new")
    _tick()
    src = MaildirSource(root)
    _, cursor = _offered(src, None)
    _tick()
    _write(root, "c", "third")
    _write(root, "m", "later", sub="new")
    got, cursor = _offered(src, cursor)
    assert [k for k, _ in got] == ["c", "m"]
    _tick()
    _write(root, "d", "fourth")
    _write(root, "o", "latest", sub="new")
    got, cursor = _offered(src, cursor)
    assert [k for k, _ in got] == ["d", "o"]
    return src, cursor


def test_a_name_reused_for_another_message_is_read(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    src, cursor = _known_folder(root)
    # A tool that names files itself moves ``n`` on and delivers another message as ``n``.
    os.rename(root / "new" / "n", root / "cur" / "n:2,S")
    _write(root, "n", "another", sub="new")
    want, _ = _offered(MaildirSource(root), cursor)
    got, _ = _offered(src, cursor)
    assert (("n", b"Subject: another\nMessage-ID: <another@x>\n\nanother\n") in got) and got == want


def test_a_maildir_replaced_by_a_restored_copy_with_the_same_names_is_read(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    src, cursor = _known_folder(root)
    restored = _maildir(tmp_path / "restored")
    for name in ("a", "b", "c", "d"):
        _write(restored, name, f"restored-{name}")
    os.rename(root, tmp_path / "mail.old")
    os.rename(restored, root)
    want, _ = _offered(MaildirSource(root), cursor)
    got, _ = _offered(src, cursor)
    assert len(want) == 4 and got == want


def test_a_folder_removed_and_made_again_with_the_same_names_is_read(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    src, cursor = _known_folder(root)
    shutil.rmtree(root / "cur")
    assert _offered(src, cursor)[0] == []  # listed while it is gone
    (root / "cur").mkdir()
    for name in ("a", "b"):
        _write(root, name, f"again-{name}")
    want, _ = _offered(MaildirSource(root), cursor)
    got, _ = _offered(src, cursor)
    assert len(want) == 2 and got == want


def test_a_symlinked_maildir_pointed_at_another_copy_is_read(tmp_path: Path) -> None:
    first = _maildir(tmp_path / "one")
    link = tmp_path / "mail"
    link.symlink_to(first)
    src, cursor = _known_folder(link)
    second = _maildir(tmp_path / "two")
    for name in ("a", "b", "n"):
        _write(second, name, f"two-{name}", sub="new" if name == "n" else "cur")
    link.unlink()
    link.symlink_to(second)
    want, _ = _offered(MaildirSource(link), cursor)
    got, _ = _offered(src, cursor)
    assert len(want) == 3 and got == want


def test_two_sources_on_one_folder_passing_the_cursor_offer_each_file_once(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    one, two = MaildirSource(root), MaildirSource(root)
    cursor: str | None = None
    seen: list[str] = []
    for n in range(8):
        _write(root, f"m{n}", f"m{n}", sub="new" if n % 2 else "cur")
        if n == 4:
            os.rename(root / "cur" / "m0", root / "cur" / "m0:2,S")  # offered again, renamed
        _tick()
        src = (one, two, two, one)[n % 4]
        want, _ = _offered(MaildirSource(root), cursor)
        got, cursor = _offered(src, cursor)
        assert got == want
        seen += [k for k, _ in got]
    assert sorted(seen) == sorted([f"m{n}" for n in range(8)] + ["m0"])


def test_a_hard_link_or_a_mode_change_offers_nothing_twice_and_loses_nothing(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    src, cursor = _known_folder(root)
    os.link(root / "cur" / "a", tmp_path / "a.snapshot")  # a backup tool's hard link changes a's ctime
    os.chmod(root / "cur" / "b", 0o600)
    os.link(root / "cur" / "c", root / "cur" / "c2")  # a second name in the folder is a new file
    got, cursor = _offered(src, cursor)
    assert [k for k, _ in got] == ["c2"]
    assert _offered(src, cursor)[0] == []


class _MovedWhileRead(MaildirSource):
    """A source whose reading of ``x`` finds it gone: a client moved it out and, before the
    next listing, back under the same name (the same file, so the same inode)."""

    moved = False

    def _read(self, entry: _Entry) -> bytes | str | None:
        if entry.file != "x" or self.moved:
            return super()._read(entry)
        self.moved = True
        away = entry.path.parent.parent / "tmp" / "x"
        os.rename(entry.path, away)
        try:
            return super()._read(entry)
        finally:
            os.rename(away, entry.path)


def test_a_file_gone_when_read_and_back_under_its_name_is_read_then(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    _write(root, "x", "moved", sub="new")
    _tick()
    _write(root, "y", "stays", sub="new")
    src = _MovedWhileRead(root)
    got, cursor = _offered(src, None)
    assert [k for k, _ in got] == ["y"]  # x was away when read
    want, _ = _offered(MaildirSource(root), cursor)
    got, _ = _offered(src, cursor)
    assert [k for k, _ in want] == ["x"] and got == want


def _polled_an_hour_ahead(src: MaildirSource, cursor: str) -> str:
    """The source and its cursor as they would be had the last poll run with the clock an hour
    ahead (file change times cannot be set back, so the cursor is moved on instead)."""
    import json

    shift = 3600 * 10**9
    for path, (bound, ident, names) in list(src._known.items()):
        src._known[path] = (bound + shift, ident, names)
    state = json.loads(cursor)
    state["ctime"] += shift
    return json.dumps(state)


def test_mail_delivered_after_the_clock_was_stepped_back_is_read_once(tmp_path: Path) -> None:
    """An NTP correction sets the clock back: mail delivered until it catches up changes before
    the cursor's time. A name the source has never seen, under the cursor it wrote, is new."""
    root = _maildir(tmp_path / "mail")
    src, cursor = _known_folder(root)
    ahead = _polled_an_hour_ahead(src, cursor)
    _tick()
    _write(root, "late", "stepped", sub="new")
    got, after = _offered(src, ahead)
    assert [k for k, _ in got] == ["late"]
    assert _offered(src, after)[0] == []  # read once
    _tick()
    _write(root, "later", "again", sub="new")
    assert [k for k, _ in _offered(src, after)[0]] == ["later"]
    # A new source (a restart) cannot tell old names from new ones: it trusts the cursor, as
    # before, and offers nothing twice.
    assert _offered(MaildirSource(root), after)[0] == []


def test_a_name_first_seen_but_left_for_the_next_batch_is_not_remembered_as_read(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    src, cursor = _known_folder(root)
    ahead = _polled_an_hour_ahead(src, cursor)
    _tick()
    for n in range(3):
        _write(root, f"s{n}", f"stepped{n}", sub="new")
    keys: list[str] = []
    for _ in range(4):
        batch = src.fetch_new("INBOX", ahead, limit=1)
        keys += [m.key for m in batch.messages]
        ahead = batch.cursor
    assert sorted(keys) == ["s0", "s1", "s2"]
