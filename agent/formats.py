"""Config value formats: durations, times, working hours and days, time zones and dates.

Each parser takes the TOML value and returns the converted one, or raises ``ValueError`` with a
sentence that says what was expected; the settings loader turns that into a config problem.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FULL_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# timedelta's own limit; a longer duration would overflow rather than fail cleanly
_MAX_SECONDS = int(timedelta.max.total_seconds())


def parse_duration(value: str) -> timedelta:
    """``"90s"``, ``"2m"``, ``"1h"``, ``"1d"`` -> timedelta."""
    m = re.fullmatch(r"\s*(\d{1,18})\s*([smhd])\s*", str(value))
    if not m:
        raise ValueError(f"{value!r} is not a duration such as '30s', '2m', '1h' or '1d'")
    seconds = int(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    if seconds > _MAX_SECONDS:
        raise ValueError(f"{value!r} is far too long")
    return timedelta(seconds=seconds)


def parse_time(value: str) -> time:
    """``"07:30"`` -> time(7, 30)."""
    m = re.fullmatch(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*", str(value))
    if not m:
        raise ValueError(f"{value!r} is not a time such as '07:30'")
    return time(int(m.group(1)), int(m.group(2)))


def parse_hours(value: str) -> tuple[time, time]:
    """``"09:00-18:00"`` -> (start, end); the end must come after the start."""
    start, sep, end = str(value).partition("-")
    if not sep:
        raise ValueError(f"{value!r} is not a range such as '09:00-18:00'")
    a, b = parse_time(start), parse_time(end)
    if b <= a:
        raise ValueError(f"{value!r} ends before it starts")
    return a, b


def _day(text: str) -> int | None:
    """"mon" or "monday" -> 0."""
    for n, (short, full) in enumerate(zip(DAYS, FULL_DAYS, strict=True)):
        if text in (short, full):
            return n
    return None


def parse_days(value: str | list[str]) -> list[int]:
    """``"mon-fri"``, ``"mon,wed"`` or ``["mon", "thu"]`` -> weekday numbers (Monday is 0)."""
    items = value if isinstance(value, list) else str(value).split(",")
    out: set[int] = set()
    for item in items:
        text = str(item).strip().lower()
        first, dash, last = text.partition("-")
        if dash:
            i, j = _day(first), _day(last)
            if i is None or j is None:
                raise ValueError(f"{text!r} is not a day range such as 'mon-fri'")
            out.update(range(i, j + 1) if i <= j else [*range(i, 7), *range(0, j + 1)])
        elif (d := _day(text)) is not None:
            out.add(d)
        else:
            raise ValueError(f"{text!r} is not a day (mon, tue, wed, thu, fri, sat, sun)")
    if not out:
        raise ValueError("no working days given")
    return sorted(out)


_ADDRESS_RE = re.compile(r"[^@\s]+@[^@\s]+")


def is_address(value: str) -> bool:
    """True for text shaped like a mail address (something@somewhere)."""
    return bool(_ADDRESS_RE.fullmatch(value.strip()))


def parse_tz(value: str) -> ZoneInfo:
    """An IANA time zone name -> ZoneInfo."""
    try:
        return ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        import difflib
        import zoneinfo

        close = difflib.get_close_matches(str(value), sorted(zoneinfo.available_timezones()), n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"{value!r} is not a time zone such as 'Europe/London'{hint}") from None


def parse_date(value: Any) -> date:
    """A TOML date or an ISO string such as ``"2026-12-15"`` -> date."""
    if isinstance(value, datetime):
        raise ValueError(f"{value.isoformat()!r} is a date-time; give a date such as 2026-12-15")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date such as '2026-12-15'") from None
