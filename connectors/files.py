"""Reading a file the owner named, safely: only a regular file, and never more than a cap.

A path may name a folder, a pipe that blocks forever, or a link to ``/dev/zero`` that never
ends. Each of those gets a one-line reason instead of a hang or a process that fills memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileProblem(OSError):
    """The path is not a regular file, or is larger than allowed. ``str()`` names the path and
    the reason; ``reason`` alone is the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} {reason}")
        self.reason = reason


def describe(mode: int) -> str:
    """What kind of directory entry ``mode`` describes, in words."""
    for test, words in ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a pipe"),
                        (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return words
    return "not a regular file"


def read_file(path: Path, limit: int, truncate: bool = False) -> bytes:
    """The bytes of the regular file at ``path`` (links followed). Beyond ``limit`` bytes it is
    cut when ``truncate``, else refused. Raises OSError (FileProblem for the cases above)."""
    with open(path, "rb", opener=_nonblocking) as f:
        mode = os.fstat(f.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise FileProblem(path, f"is {describe(mode)}, not a file")
        data = f.read(limit + 1)
    if len(data) > limit:
        if not truncate:
            raise FileProblem(path, f"is larger than {limit // 2**20} MB")
        data = data[:limit]
    return data


def _nonblocking(path: str, flags: int) -> int:
    # Opening a pipe for reading waits for a writer; O_NONBLOCK returns at once, and fstat
    # then refuses it before anything is read.
    return os.open(path, flags | os.O_NONBLOCK)
