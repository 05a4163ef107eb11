"""Where focus blocks go: free time inside working hours, around meetings, after now."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from connectors.types import Event


def free_slots(day: date, events: list[Event], tz: tzinfo, earliest: time, latest: time,
               minutes: int, now: datetime | None = None, owner_email: str = "") -> list[tuple[datetime, datetime]]:
    """Non-overlapping free windows of ``minutes`` on ``day``, earliest first. All-day events and
    meetings the owner declined do not take time."""
    start = datetime.combine(day, earliest, tzinfo=tz)
    end = datetime.combine(day, latest, tzinfo=tz)
    if now is not None and now > start:
        # Start at the next quarter hour after now.
        now = now.astimezone(tz)
        start = now.replace(minute=(now.minute // 15) * 15, second=0, microsecond=0) + timedelta(minutes=15)
    busy = sorted(
        (e.start.astimezone(tz), e.end.astimezone(tz)) for e in events
        if not e.all_day and not any(a.email == owner_email and a.status == "declined" for a in e.attendees)
    )
    slots = []
    cursor = start
    length = timedelta(minutes=minutes)
    for b_start, b_end in [*busy, (end, end)]:
        while cursor + length <= min(b_start, end):
            slots.append((cursor, cursor + length))
            cursor += length
        cursor = max(cursor, b_end)
        if cursor >= end:
            break
    return slots


def plan_blocks(day: date, item_ids: list[int], events: list[Event], tz: tzinfo, earliest: time,
                latest: time, minutes: int, max_blocks: int, working_days: list[int],
                now: datetime | None = None, owner_email: str = "") -> list[tuple[int, datetime, datetime]]:
    """(item id, start, end) for the top items, one block each, at most ``max_blocks``."""
    if day.weekday() not in working_days:
        return []
    slots = free_slots(day, events, tz, earliest, latest, minutes, now, owner_email)
    return [(item_id, s, e) for item_id, (s, e) in zip(item_ids[:max_blocks], slots, strict=False)]
