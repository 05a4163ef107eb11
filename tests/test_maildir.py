from __future__ import annotations

import os
from pathlib import Path

import pytest

from connectors.mail.base import MailError
from connectors.mail.maildir import MaildirSource


def _maildir(root: Path) -> Path:
    for folder in (root, root / ".Sent"):
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
    return root


def _deliver(folder: Path, name: str, mtime: int, sub: str = "new") -> Path:
    path = folder / sub / name
    path.write_bytes(f"Subject: {name}\nMessage-ID: <{name}@x>\n\nhi\n".encode())
    os.utime(path, (mtime, mtime))
    return path


class MailSourceContract:
    """What every mail source promises: order, cursors, and only-new delivery."""

    def source(self, tmp_path: Path) -> tuple[object, callable]:  # type: ignore[valid-type]
        raise NotImplementedError

    def test_only_new_messages_after_the_cursor(self, tmp_path: Path) -> None:
        src, deliver = self.source(tmp_path)
        deliver("INBOX", "a", 1_000)
        deliver("INBOX", "b", 2_000)
        first = src.fetch_new("INBOX", None)
        assert [m.key for m in first.messages] == ["a", "b"]
        assert src.fetch_new("INBOX", first.cursor).messages == []
        deliver("INBOX", "c", 3_000)
        assert [m.key for m in src.fetch_new("INBOX", first.cursor).messages] == ["c"]

    def test_batches_respect_the_limit(self, tmp_path: Path) -> None:
        src, deliver = self.source(tmp_path)
        for n in range(5):
            deliver("INBOX", f"m{n}", 1_000 + n)
        batch = src.fetch_new("INBOX", None, limit=2)
        assert batch.more and len(batch.messages) == 2
        seen = [m.key for m in batch.messages]
        while batch.more:
            batch = src.fetch_new("INBOX", batch.cursor, limit=2)
            seen += [m.key for m in batch.messages]
        assert seen == [f"m{n}" for n in range(5)]

    def test_sent_folder_is_separate(self, tmp_path: Path) -> None:
        src, deliver = self.source(tmp_path)
        deliver("INBOX", "in", 1_000)
        deliver("Sent", "out", 1_000)
        assert [m.key for m in src.fetch_new("Sent", None).messages] == ["out"]

    def test_missing_folder_is_a_clear_error(self, tmp_path: Path) -> None:
        src, _ = self.source(tmp_path)
        with pytest.raises(MailError, match="Archive"):
            src.fetch_new("Archive", None)


class TestMaildir(MailSourceContract):
    def source(self, tmp_path: Path) -> tuple[MaildirSource, callable]:  # type: ignore[valid-type]
        root = _maildir(tmp_path / "mail")

        def deliver(folder: str, name: str, mtime: int) -> None:
            _deliver(root if folder == "INBOX" else root / f".{folder}", name, mtime)

        return MaildirSource(root), deliver

    def test_a_flag_change_offers_the_message_again_under_the_same_key(self, tmp_path: Path) -> None:
        # A rename sets the ctime the cursor follows; the cycle drops it again by Message-ID.
        root = _maildir(tmp_path / "mail")
        path = _deliver(root, "a", 1_000)
        src = MaildirSource(root)
        batch = src.fetch_new("INBOX", None)
        os.rename(path, root / "cur" / "a:2,S")  # what a mail client does on read
        again = src.fetch_new("INBOX", batch.cursor)
        assert [m.key for m in again.messages] == ["a"]
        assert src.fetch_new("INBOX", again.cursor).messages == []

    def test_check_refuses_a_folder_that_is_not_a_maildir(self, tmp_path: Path) -> None:
        with pytest.raises(MailError, match="not a Maildir"):
            MaildirSource(tmp_path).check()


def test_only_the_head_of_a_huge_file_is_read(tmp_path: Path) -> None:
    from connectors.types import MAX_MESSAGE_BYTES

    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    head = b"From: a@b.example\nSubject: scan\n\nCould you sign the scan?\n"
    with (tmp_path / "new" / "1795300000.huge.host").open("wb") as f:
        f.write(head)
        f.truncate(3 * MAX_MESSAGE_BYTES)  # a sparse 30 MB file: no disk spent on the test
    batch = MaildirSource(tmp_path).fetch_new("INBOX", None, max_bytes=MAX_MESSAGE_BYTES)
    (raw,) = batch.messages
    assert len(raw.data) == MAX_MESSAGE_BYTES and raw.data.startswith(head)
