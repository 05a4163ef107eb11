"""One cycle at a time per store: an exclusive lock file beside the database.

The daemon, ``focusd sync`` and ``focusd brief --send`` each hold it for the whole of what they
do, so a manual sync while the daemon runs waits for the daemon's cycle instead of fetching the
same mail beside it. The store's own transactions (BEGIN IMMEDIATE) keep every write whole even
without it; the lock keeps two processes from doing the same work twice, such as composing two
briefs or booking one block twice. ``flock`` is released by the kernel when its holder dies, so a
killed process never leaves the store locked.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import structlog

log = structlog.get_logger(__name__)

SLICE = 0.25  # seconds between tries while waiting, so a stop is heard


def lock_path(store_path: str | os.PathLike[str]) -> Path:
    path = Path(store_path)
    return path.with_name(path.name + ".lock")


def _make_folder(folder: Path) -> None:
    """Make the store's folder, owner-only, when it is not there yet (the first sync takes the lock
    before the store makes it)."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True)
        folder.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened
    except OSError:
        pass  # made meanwhile by another process, or not to be made: opening the lock file says why


class Busy(Exception):
    """Another process holds the lock and the caller would not wait."""


@contextmanager
def cycle_lock(store_path: str | os.PathLike[str], stop: threading.Event | None = None,
               on_wait: Callable[[], None] | None = None, wait: bool = True,
               tick: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the store's cycle lock. While another process holds it, wait (``on_wait`` is called
    once, when waiting starts, and ``tick`` at each try, so a watchdog knows the waiter lives),
    until ``stop`` is set; then, or when ``wait`` is false, raise
    :class:`Busy`. Where no lock file can be made (a read-only folder), go on unlocked: the
    store's transactions still keep every write whole."""
    path = lock_path(store_path)
    _make_folder(path.parent)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        log.warning("lock.unavailable", error=exc.strerror)
        yield
        return
    try:
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait or (stop is not None and stop.is_set()):
                    raise Busy("another focusd process is running a cycle on this store") from None
                if not told and on_wait is not None:
                    on_wait()
                told = True
                if tick is not None:
                    tick()
                if stop is not None:
                    stop.wait(SLICE)
                else:
                    time.sleep(SLICE)
        yield
    finally:
        os.close(fd)  # closing releases the lock
