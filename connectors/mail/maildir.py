"""A Maildir++ root as Dovecot lays it out: INBOX is ``root/{cur,new}``, Sent is ``root/.Sent``.

Maildir has no UIDs, so the cursor is the last file seen in the order (modification time,
unique name). Renames by a mail client (new/ -> cur/, flag changes) keep both, so a message
is never offered twice; a file copied in with an old modification time is not seen.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from connectors.mail.base import Batch, MailError, MailSource
from connectors.types import RawMessage


def _unique(name: str) -> str:
    """The unique part of a Maildir file name, without the ``:2,FLAGS`` info suffix."""
    return name.split(":", 1)[0]


class MaildirSource(MailSource):
    backend_name = "maildir"

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def folder_path(self, folder: str) -> Path:
        if folder.upper() == "INBOX":
            return self.root
        return self.root / f".{folder}"

    def check(self) -> str:
        if not (self.root / "cur").is_dir() and not (self.root / "new").is_dir():
            raise MailError(f"{self.root} is not a Maildir (it has no cur/ or new/ folder)")
        return f"maildir {self.root}"

    def _listing(self, folder: str) -> list[tuple[int, str, Path]]:
        base = self.folder_path(folder)
        if not base.is_dir():
            raise MailError(f"folder {folder!r} does not exist at {base}")
        out = []
        for sub in ("new", "cur"):
            try:
                entries = list(os.scandir(base / sub))
            except FileNotFoundError:
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    mtime = entry.stat().st_mtime_ns
                except FileNotFoundError:  # moved by a client while we listed
                    continue
                out.append((mtime, _unique(entry.name), Path(entry.path)))
        out.sort()
        return out

    def fetch_new(self, folder: str, cursor: str | None, limit: int = 500) -> Batch:
        after: tuple[int, str] = (-1, "")
        if cursor:
            at, _, after_name = cursor.partition(":")
            after = (int(at), after_name)
        pending = [e for e in self._listing(folder) if (e[0], e[1]) > after]
        messages = []
        last = after
        for mtime, name, path in pending[:limit]:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                # Renamed between listing and reading (a flag change): find it again.
                matches = list(path.parent.parent.glob(f"*/{name}*"))
                if not matches:
                    last = (mtime, name)
                    continue
                data = matches[0].read_bytes()
            received = datetime.fromtimestamp(mtime / 1e9, UTC)
            messages.append(RawMessage(folder=folder, key=name, data=data, received=received))
            last = (mtime, name)
        return Batch(messages, f"{last[0]}:{last[1]}" if last[0] >= 0 else (cursor or ""),
                     more=len(pending) > limit)
