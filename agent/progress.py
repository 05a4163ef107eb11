"""A progress bar on stderr for long syncs: counts, a bar when the total is known, and the rate.

A first sync of a full mailbox reads thousands of messages; a person at a terminal sees it
move instead of a silent minute. Off a terminal (systemd, cron, pipes) nothing is drawn.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 28


class Bar:
    """Call with (done, total or None) as often as you like; it redraws at most ten times a
    second. :meth:`close` ends the line."""

    def __init__(self, label: str, stream: TextIO | None = None, min_interval: float = 0.1) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.min_interval = min_interval
        self.started = time.monotonic()
        self.last_draw = 0.0
        self.drawn = False
        self.done = 0
        self.total: int | None = None

    def __call__(self, done: int, total: int | None) -> None:
        self.done, self.total = done, total if total is not None else self.total
        now = time.monotonic()
        if now - self.last_draw >= self.min_interval:
            self.last_draw = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the bar as it stands."""
        elapsed = max((now if now is not None else time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        total = self.total
        if total:
            filled = min(WIDTH, WIDTH * self.done // total)
            bar = "#" * filled + "-" * (WIDTH - filled)
            left = f", {((total - self.done) / rate):.0f} s left" if rate > 0 and self.done < total else ""
            return f"{self.label} [{bar}] {self.done:,}/{total:,} ({rate:,.0f}/s{left})"
        return f"{self.label} {self.done:,} ({rate:,.0f}/s)"

    def _draw(self, now: float) -> None:
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


def for_terminal(label: str) -> Bar | None:
    """A bar when stderr is a terminal, else None (nothing is drawn into logs or pipes)."""
    return Bar(label) if sys.stderr.isatty() else None
