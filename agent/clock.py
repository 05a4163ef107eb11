"""The one clock. Everything that decides by the time takes it as a parameter.

``FOCUSD_NOW`` (an ISO date-time with offset) pins it, for tests and for reproducing what
focusd did on a given morning; ``faketime`` works too, since the default reads the system time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

from agent.errors import EnvironmentSettingError

Clock = Callable[[], datetime]


def fixed(moment: datetime) -> Clock:
    if moment.tzinfo is None:
        raise ValueError("a fixed clock needs an aware datetime")
    return lambda: moment


def system() -> Clock:
    """The system clock, or the moment ``FOCUSD_NOW`` pins; a bad ``FOCUSD_NOW`` is an error (exit 2)."""
    pinned = os.environ.get("FOCUSD_NOW")
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            what = "has no UTC offset" if moment is not None else "is not a date-time"
            raise EnvironmentSettingError(f"FOCUSD_NOW: {pinned[:40]!r} {what}; give an ISO date-time with "
                                          "its offset, such as 2026-11-19T07:30:00+00:00")
        return fixed(moment)
    return lambda: datetime.now(UTC)
