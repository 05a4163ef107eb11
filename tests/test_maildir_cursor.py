"""The Maildir cursor loses no file whatever its modification time, and a no-op poll is cheap."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from connectors.mail.maildir import MaildirSource, _Entry, _Listed
from tests.test_maildir import _deliver, _maildir

OLD = 1_000_000_000  # 2001: older than anything delivered here


def _settle(*folders: Path) -> None:
    """Age the new/ and cur/ directories, as they are a few seconds after the last delivery."""
    for folder in folders:
        for sub in ("new", "cur"):
            os.utime(folder / sub, (OLD, OLD))


def _keys(src: MaildirSource, folder: str, cursor: str | None, **kw: int) -> tuple[list[str], str]:
    batch = src.fetch_new(folder, cursor, **kw)
    return [m.key for m in batch.messages], batch.cursor


def test_a_file_older_than_the_cursor_is_still_read(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    _deliver(root, "recent", 2_000_000_000)
    src = MaildirSource(root)
    keys, cursor = _keys(src, "INBOX", None)
    assert keys == ["recent"]
    _deliver(root, "restored", OLD, sub="cur")  # a restore sets the old mtime back
    keys, cursor = _keys(src, "INBOX", cursor)
    assert keys == ["restored"]
    assert _keys(src, "INBOX", cursor)[0] == []


def test_a_copy_that_keeps_its_old_time_is_read(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    elsewhere = _deliver(_maildir(tmp_path / "backup"), "kept", OLD)
    _deliver(root, "recent", 2_000_000_000)
    src = MaildirSource(root)
    _, cursor = _keys(src, "INBOX", None)
    shutil.copy2(elsewhere, root / "cur" / "kept:2,S")  # what rsync -a and cp -p do
    assert (root / "cur" / "kept:2,S").stat().st_mtime_ns == OLD * 10**9
    assert _keys(src, "INBOX", cursor)[0] == ["kept"]


def test_a_message_moved_in_from_another_folder_is_read(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    (root / ".Junk").mkdir()
    for sub in ("cur", "new", "tmp"):
        (root / ".Junk" / sub).mkdir()
    junk = _deliver(root / ".Junk", "spamlike", OLD, sub="cur")
    _deliver(root, "recent", 2_000_000_000)
    src = MaildirSource(root)
    _, cursor = _keys(src, "INBOX", None)
    os.rename(junk, root / "cur" / junk.name)  # a move keeps the file and its time
    assert _keys(src, "INBOX", cursor)[0] == ["spamlike"]


def test_files_sharing_one_ctime_are_each_offered_once(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    first = _deliver(root, "a", OLD)
    os.link(first, root / "new" / "b")  # two names, one inode: the very same ctime
    src = MaildirSource(root)
    seen, cursor = _keys(src, "INBOX", None, limit=1)
    more, cursor = _keys(src, "INBOX", cursor, limit=1)
    assert seen + more == ["a", "b"]
    assert _keys(src, "INBOX", cursor)[0] == []


class CountingSource(MaildirSource):
    """Records which of new/ and cur/ each poll lists."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.listed: list[tuple[str, ...]] = []
        self.statted: list[list[str]] = []  # per listing, the files it read the status of

    def _listing(self, base: Path, subs: tuple[str, ...] = ("new", "cur"), before: int | None = None
                 ) -> tuple[list[_Entry], dict[Path, _Listed]]:
        self.listed.append(subs)
        entries, listing = super()._listing(base, subs, before)
        self.statted.append(sorted(e.file for e in entries))
        return entries, listing


def test_a_no_op_poll_does_not_list_the_folder(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    for n in range(3):
        _deliver(root, f"m{n}", OLD)
    _settle(root)
    src = CountingSource(root)
    batch = src.fetch_new("INBOX", None)
    assert len(batch.messages) == 3 and src.listed == [("new", "cur")]
    again = src.fetch_new("INBOX", batch.cursor)
    assert (again.messages, again.cursor, again.more, again.remaining) == ([], batch.cursor, False, 0)
    assert src.listed == [("new", "cur")]
    _deliver(root, "late", OLD)  # changes new/'s mtime only: cur/ is not listed
    late = src.fetch_new("INBOX", batch.cursor)
    assert [m.key for m in late.messages] == ["late"] and src.listed[1:] == [("new",)]
    _deliver(root, "restored", OLD, sub="cur")
    assert [m.key for m in src.fetch_new("INBOX", late.cursor).messages] == ["restored"]
    assert src.listed[2:] == [("new", "cur")]  # new/ changed too recently to be trusted


def test_directories_changed_just_now_are_listed_again(tmp_path: Path) -> None:
    # Within one clock tick a second change would leave the directory's mtime as it was.
    root = _maildir(tmp_path / "mail")
    _deliver(root, "a", OLD)
    src = CountingSource(root)
    batch = src.fetch_new("INBOX", None)
    assert json.loads(batch.cursor)["dirs"] == [None, None]
    src.fetch_new("INBOX", batch.cursor)
    assert src.listed == [("new", "cur"), ("new", "cur")]


def test_the_shortcut_is_kept_only_once_nothing_is_pending(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    for n in range(3):
        _deliver(root, f"m{n}", OLD)
    _settle(root)
    src = MaildirSource(root)
    batch = src.fetch_new("INBOX", None, limit=2)
    assert (len(batch.messages), batch.more, batch.remaining) == (2, True, 1)
    assert json.loads(batch.cursor)["dirs"] == [None, None]
    rest = src.fetch_new("INBOX", batch.cursor, limit=2)
    assert [m.key for m in rest.messages] == ["m2"] and not rest.more and rest.remaining == 0


def test_an_old_mtime_cursor_moves_over_without_rereading(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    for n, at in enumerate((1_000, 2_000, 3_000, 4_000)):
        _deliver(root, f"m{n}", at)
    src = MaildirSource(root)
    old = f"{2_000 * 10**9}:m1"  # the cursor the previous version stored after m1
    batch = src.fetch_new("INBOX", old, limit=1)
    assert [m.key for m in batch.messages] == ["m2"] and batch.more
    assert batch.cursor == f"{3_000 * 10**9}:m2"  # still the old form until caught up
    batch = src.fetch_new("INBOX", batch.cursor, limit=1)
    assert [m.key for m in batch.messages] == ["m3"] and not batch.more
    assert json.loads(batch.cursor)["v"] == 2
    assert src.fetch_new("INBOX", batch.cursor).messages == []
    _deliver(root, "m4", 500)
    assert [m.key for m in src.fetch_new("INBOX", batch.cursor).messages] == ["m4"]


def test_an_unreadable_cursor_starts_over_and_says_so(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    _deliver(root, "a", OLD)
    with capture_logs() as logs:
        batch = MaildirSource(root).fetch_new("INBOX", '{"v": 99}')
    assert [m.key for m in batch.messages] == ["a"]
    assert logs == [{"event": "maildir.cursor_unreadable", "folder": "INBOX", "log_level": "warning"}]


def _big(folder: Path, name: str, size: int) -> None:
    path = folder / "new" / name
    path.write_bytes(b"Subject: x\n\n" + b"x" * size)
    os.utime(path, (OLD, OLD))


def test_batches_stop_at_max_bytes(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    for n in range(5):
        _big(root, f"m{n}", 100_000)
    src = MaildirSource(root)
    batch = src.fetch_new("INBOX", None, max_bytes=250_000)
    assert (len(batch.messages), batch.more, batch.remaining) == (2, True, 3)
    assert sum(len(m.data) for m in batch.messages) <= 250_000
    seen = [m.key for m in batch.messages]
    while batch.more:
        batch = src.fetch_new("INBOX", batch.cursor, max_bytes=250_000)
        seen += [m.key for m in batch.messages]
    assert seen == [f"m{n}" for n in range(5)]


def test_a_message_larger_than_max_bytes_still_moves_the_cursor(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    _big(root, "huge", 300_000)
    _big(root, "small", 10)
    src = MaildirSource(root)
    batch = src.fetch_new("INBOX", None, max_bytes=1_000)
    assert [m.key for m in batch.messages] == ["huge"] and batch.remaining == 1
    assert [m.key for m in src.fetch_new("INBOX", batch.cursor, max_bytes=1_000).messages] == ["small"]


class RacingSource(MaildirSource):
    """A mail client renames or deletes each file just before it is read."""

    def __init__(self, root: Path, action: str) -> None:
        super().__init__(root)
        self.action: str | None = action

    def _read(self, entry: _Entry) -> bytes | None:
        if self.action and entry.name == "a":
            if self.action == "rename":
                os.rename(entry.path, entry.path.parent.parent / "cur" / f"{entry.path.name}:2,S")
            else:
                entry.path.unlink()
            self.action = None
        return super()._read(entry)


@pytest.mark.parametrize("action", ["rename", "delete"])
def test_a_file_that_goes_away_mid_read_is_not_lost_nor_fatal(tmp_path: Path, action: str) -> None:
    root = _maildir(tmp_path / "mail")
    _deliver(root, "a", OLD)
    _deliver(root, "b", OLD)
    src = RacingSource(root, action)
    batch = src.fetch_new("INBOX", None)
    assert [m.key for m in batch.messages] == ["b"]
    later = [m.key for m in src.fetch_new("INBOX", batch.cursor).messages]
    assert later == (["a"] if action == "rename" else [])


def test_a_listing_reads_the_status_of_new_names_only(tmp_path: Path) -> None:
    root = _maildir(tmp_path / "mail")
    for n in range(5):
        _deliver(root, f"m{n}", OLD, sub="cur")
    src = CountingSource(root)
    batch = src.fetch_new("INBOX", None)
    assert len(batch.messages) == 5 and len(src.statted[0]) == 5
    _deliver(root, "late", OLD, sub="cur")
    late = src.fetch_new("INBOX", batch.cursor)
    assert [m.key for m in late.messages] == ["late"]
    # Four of the five offered before are passed over; m4, the newest, changed at the cursor's
    # very time, where a name is told from a new one by the cursor's list rather than its time.
    assert src.statted[1] == ["late", "m4"]
    os.rename(root / "cur" / "m1", root / "cur" / "m1:2,RS")  # a flag change renames the file
    again = src.fetch_new("INBOX", late.cursor)
    assert src.statted[2] == ["late", "m1:2,RS"] and [m.key for m in again.messages] == ["m1"]
    # A cursor from before what the source remembers (a resync) reads every file again.
    src.fetch_new("INBOX", None)
    assert len(src.statted[3]) == 6


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_source_that_remembers_names_offers_what_a_fresh_one_does(tmp_path: Path, seed: int) -> None:
    """Random deliveries, flag changes, moves between new/ and cur/ and deletions: a source
    kept across polls (passing over names it knows) offers each poll exactly what a new
    source given the same cursor offers."""
    import random

    rng = random.Random(seed)
    root = _maildir(tmp_path / "mail")
    kept = MaildirSource(root)
    cursor: str | None = None
    made = 0
    for _ in range(40):
        for _ in range(rng.randrange(0, 4)):
            action = rng.random()
            files = sorted((root / "new").iterdir()) + sorted((root / "cur").iterdir())
            if action < 0.5 or not files:
                made += 1
                _deliver(root, f"m{made}", rng.choice([OLD, 2_000_000_000]), sub=rng.choice(["new", "cur"]))
            elif action < 0.7:
                f = rng.choice(files)
                stem = f.name.split(":", 1)[0]
                os.rename(f, root / "cur" / f"{stem}:2,{rng.choice(['S', 'RS', 'FS', 'T'])}")
            elif action < 0.85:
                f = rng.choice(files)
                if f.parent.name == "new":
                    os.rename(f, root / "cur" / (f.name.split(":", 1)[0] + ":2,S"))
            else:
                rng.choice(files).unlink()
        limit = rng.choice([2, 500])
        want = MaildirSource(root).fetch_new("INBOX", cursor, limit=limit)
        got = kept.fetch_new("INBOX", cursor, limit=limit)
        assert [m.key for m in got.messages] == [m.key for m in want.messages]
        assert (got.cursor, got.more) == (want.cursor, want.more)
        cursor = got.cursor
