"""Calendar figures, one section a function called from ``main()``, each printing its own.

    python bench/calendar.py [--repeats N]        (from the project root; default 21)

- Placement: 45-minute focus blocks, at most 10 a day between 06:00 and 22:00, for 50 ranked
  items over a working week (Mon-Fri, ``place`` per day, items left over carried to the next day)
  around 200 events (seeded, 40 a day starting between 08:00 and 18:00 on quarter hours, 15-60
  minutes; one in ten declined, free or all day). Printed: the median over the
  repeats (goal under 50 ms), the same placement by a naive minute-by-minute scan over the raw
  events in the same run, as a ratio, and that both placed the same blocks. Then ``reconcile``
  for the week once those blocks are booked: the steady cycle, which must change nothing.
Nothing here needs pytest.
"""

from __future__ import annotations

import sys


def _stdlib_calendar() -> None:
    """Stand aside for the standard library's ``calendar``. A script run from bench/ has this
    folder first on sys.path, so its ``import calendar`` (made by email, http and others) finds
    this file; the import machinery hands over whatever ``sys.modules`` holds once it ran."""
    import importlib.util
    import sysconfig
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("calendar", Path(sysconfig.get_paths()["stdlib"]) / "calendar.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["calendar"] = module
    spec.loader.exec_module(module)


if __name__ == "calendar":
    _stdlib_calendar()
else:
    import argparse
    import random
    import statistics
    import time as clock
    from collections.abc import Callable
    from datetime import UTC, date, datetime, time, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo

    ROOT = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(ROOT))

    from connectors.types import Attendee, Event
    from planner.focus import FocusRules, place, reconcile
    from planner.models import Block

    TZ = ZoneInfo("Europe/London")
    MONDAY = date(2026, 11, 16)
    WEEK = [MONDAY + timedelta(days=k) for k in range(5)]
    NOW = datetime(2026, 11, 16, 7, 0, tzinfo=TZ)
    OWNER = "ada@example.com"
    RULES = FocusRules(time(6), time(22), 45, 10, TZ, owner_email=OWNER)
ITEMS = list(range(1, 51))


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    """The median of ``repeats`` runs, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = clock.perf_counter()
        fn()
        times.append(clock.perf_counter() - start)
    return statistics.median(times) * 1000


def busy_week(n: int = 200, seed: int = 8) -> dict[date, list[Event]]:
    """``n`` events spread evenly over the week; one in ten declined, free or all day."""
    rng = random.Random(seed)
    week: dict[date, list[Event]] = {d: [] for d in WEEK}
    for k in range(n):
        day = WEEK[k % len(WEEK)]
        start = datetime.combine(day, time(8), tzinfo=TZ) + timedelta(minutes=15 * rng.randrange(10 * 4))
        event = Event(f"m{k}", "Meeting", start, start + timedelta(minutes=rng.choice((15, 30, 30, 45, 60))))
        kind = rng.randrange(30)
        if kind == 0:
            event.attendees = [Attendee(OWNER, status="declined")]
        elif kind == 1:
            event.busy = False
        elif kind == 2:
            event.all_day = True
        week[day].append(event)
    return week


def place_week(week: dict[date, list[Event]]) -> list[Block]:
    """``place`` per day, the items left over carried to the next day."""
    left, out = ITEMS, []
    for day in WEEK:
        blocks = place(day, left, week[day], RULES, NOW)
        out += blocks
        placed = {b.item_id for b in blocks}
        left = [i for i in left if i not in placed]
    return out


def naive_week(week: dict[date, list[Event]]) -> list[Block]:
    """The same placement by scanning every minute against every raw event and placed block."""
    pad, length = timedelta(minutes=RULES.buffer), timedelta(minutes=RULES.minutes)
    left, out = ITEMS, []
    for day in WEEK:
        spans = [(e.start.astimezone(UTC) - pad, e.end.astimezone(UTC) + pad) for e in week[day]
                 if not e.all_day and e.busy and not any(a.email == OWNER and a.status == "declined" for a in e.attendees)]
        start = max(datetime.combine(day, RULES.earliest, tzinfo=TZ), NOW).astimezone(UTC)
        end = datetime.combine(day, RULES.latest, tzinfo=TZ).astimezone(UTC)
        placed: list[Block] = []
        t = start
        while len(placed) < min(RULES.max_blocks, len(left)) and t + length <= end:
            if t.minute % 15 == 0 and not any(s < t + length and t < e for s, e in spans) \
                    and not any(b.start < t + length and t < b.end for b in placed):
                placed.append(Block(left[len(placed)], t.astimezone(TZ), (t + length).astimezone(TZ)))
                t += length
            else:
                t += timedelta(minutes=1)
        out += placed
        done = {b.item_id for b in placed}
        left = [i for i in left if i not in done]
    return out


def placement(repeats: int) -> None:
    """Blocks for 50 items in a week around 200 events, against the naive scan."""
    week = busy_week()
    ours = median_ms(lambda: place_week(week), repeats)
    naive = median_ms(lambda: naive_week(week), max(3, repeats // 4))
    blocks = place_week(week)
    same = blocks == naive_week(week)
    print(f"placement: 50 items, 5 days, {sum(map(len, week.values()))} events  "
          f"place {ours:7.2f} ms (goal < 50)  naive minute scan {naive:8.2f} ms  ratio {naive / ours:6.1f}x  "
          f"blocks {len(blocks)}  same blocks: {'yes' if same else 'NO'}")
    booked = [Block(b.item_id, b.start, b.end, "booked", f"u{k}", id=k) for k, b in enumerate(blocks)]
    calendar = {b.uid: Event(b.uid, "Focus", b.start, b.end, focusd_item=b.item_id) for b in booked}

    def steady() -> int:
        changes = 0
        for day in WEEK:
            stored = [b for b in booked if b.start.date() == day]
            events = week[day] + [calendar[b.uid] for b in stored]
            changes += bool(reconcile(day, [b.item_id for b in stored], ITEMS, stored, calendar, events, RULES, NOW))
        return changes

    print(f"reconcile: the same week booked, a cycle with no change  {median_ms(steady, repeats):7.2f} ms  "
          f"days with changes: {steady()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=21, help="runs per figure (the median is printed)")
    args = parser.parse_args()
    placement(args.repeats)


if __name__ == "__main__":
    main()
