"""The one clock. Everything that decides by the time takes it as a parameter.

``FOCUSD_NOW`` (an ISO date-time with offset) pins it, for tests and for reproducing what
focusd did on a given morning; ``faketime`` works too, since the default reads the system time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def fixed(moment: datetime) -> Clock:
    if moment.tzinfo is None:
        raise ValueError("a fixed clock needs an aware datetime")
    return lambda: moment


def system() -> Clock:
    pinned = os.environ.get("FOCUSD_NOW")
    if pinned:
        return fixed(datetime.fromisoformat(pinned))
    return lambda: datetime.now(UTC)
