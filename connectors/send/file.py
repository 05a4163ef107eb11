"""Writes each outgoing message as one ``.eml`` file into an outbox folder (the default).

The brief holds the owner's mail, so each file is created owner-only (0600), whatever the umask.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from connectors import BackendEnv
from connectors.send.base import Sender, SendError


def _file_token(message_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "", message_id)[:80]


class FileSender(Sender):
    backend_name = "file"

    def __init__(self, path: Path, dry_run: bool = False) -> None:
        super().__init__(dry_run)
        self.path = Path(path)

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> FileSender:
        return cls(section["path"], dry_run=section["dry_run"])

    def check(self) -> str:
        """Whether briefs can be written here, creating nothing: ``doctor`` only looks. A folder
        not made yet is made by the first brief, when its nearest existing parent is writable."""
        if not self.path.exists():
            parent = next((p for p in self.path.parents if p.exists()), None)
            if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
                raise SendError(f"cannot create outbox {self.path}: {parent or self.path.anchor} is not writable")
            return f"file {self.path} (made by the first brief)"
        if not self.path.is_dir() or not os.access(self.path, os.W_OK):
            raise SendError(f"outbox {self.path} is not writable")
        return f"file {self.path}"

    def _ready(self) -> None:
        try:
            self.path.mkdir(mode=0o700, parents=True, exist_ok=True)  # briefs are private mail
        except OSError as exc:
            raise SendError(f"cannot create outbox {self.path}: {exc.strerror}") from None
        if not os.access(self.path, os.W_OK):
            raise SendError(f"outbox {self.path} is not writable")

    def delivered(self, message_id: str) -> bool | None:
        token = _file_token(message_id)
        return self.path.is_dir() and any(p.name.endswith(f"-{token}.eml") for p in self.path.iterdir())

    def _send(self, msg: EmailMessage) -> None:
        self._ready()
        name = f"{time.time_ns()}-{_file_token(str(msg['Message-ID']))}.eml"
        tmp = self.path / f".{name}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(msg.as_bytes())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, self.path / name)  # readers never see half a file

    @property
    def destination(self) -> str:
        return f"the outbox {self.path}"
