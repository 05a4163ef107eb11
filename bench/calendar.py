"""Calendar figures, one section a function called from ``main()``, each printing its own.

    python bench/calendar.py [--repeats N] [--remote] [--quick]   (from the project root; default 21)

- Placement: 45-minute focus blocks, at most 10 a day between 06:00 and 22:00, for 50 ranked
  items over a working week (Mon-Fri, ``place`` per day, items left over carried to the next day)
  around 200 events (seeded, 40 a day starting between 08:00 and 18:00 on quarter hours, 15-60
  minutes; one in ten declined, free or all day). Printed: the median over the
  repeats (goal under 50 ms), the same placement by a naive minute-by-minute scan over the raw
  events in the same run, as a ratio, and that both placed the same blocks. Then ``reconcile``
  for the week once those blocks are booked: the steady cycle, which must change nothing.

With ``--remote`` (a few minutes, most of it filling the servers), two more:

- Sync: one calendar of 5,000 events (4,800 single, 200 recurring series, some with a moved and
  some with a cancelled occurrence, some all day, in four time zones), served by the local Google
  server (tests/google_server.py) and by Radicale (tests/radicale_server.py). For each: the
  requests and the time of the first sync and of a sync with no change (goal: one request).
- First read: the same calendar read for the cycle's window (1 day back, 14 ahead) from Google,
  CalDAV and, as the baseline, one ICS file of the same events; each read in a child process
  started from a small launcher, so its peak RSS is its own (the kernel's high-water mark). Time
  of the first read (sync, then expansion), of a second read with no change, and the peak RSS;
  once as the mirror works now and once with its shortcuts off (``Mirror.caching = False``, the
  mirror before them): every object parsed whole, every lone event expanded, every read afresh.
``--quick`` makes the calendar 200 events and the repeats few (the smoke test uses it).
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
    import base64
    import json
    import random
    import shutil
    import statistics
    import tempfile
    import time as clock
    import urllib.request
    from collections.abc import Callable
    from datetime import UTC, date, datetime, time, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo

    ROOT = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(ROOT))

    import icalendar

    from bench.peak import measured
    from connectors import BackendEnv
    from connectors.calendar.caldav import CaldavCalendar
    from connectors.calendar.google import GoogleCalendar
    from connectors.calendar.ics import IcsCalendar
    from connectors.calendar.mirror import Mirror
    from connectors.types import Attendee, Event
    from planner.focus import FocusRules, place, reconcile
    from planner.models import Block
    from tests.google_server import GoogleServer
    from tests.radicale_server import PASSWORD, USER, Radicale, radicale

    TZ = ZoneInfo("Europe/London")
    MONDAY = date(2026, 11, 16)
    WEEK = [MONDAY + timedelta(days=k) for k in range(5)]
    NOW = datetime(2026, 11, 16, 7, 0, tzinfo=TZ)
    OWNER = "ada@example.com"
    RULES = FocusRules(time(6), time(22), 45, 10, TZ, owner_email=OWNER)
    ZONES = ("Europe/London", "America/New_York", "Asia/Tokyo", "UTC")
    TODAY = date(2026, 11, 19)
    READ_FROM = datetime.combine(TODAY - timedelta(days=1), time(), tzinfo=TZ)  # the cycle's window
    READ_TO = datetime.combine(TODAY + timedelta(days=15), time(), tzinfo=TZ)
    WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
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


# -- a large calendar, as Google, CalDAV and an ICS file hold it ------------------------------



def big_calendar(singles: int, series: int, seed: int = 8) -> list[dict[str, object]]:
    """Events as plain data: ``singles`` over a year around today and ``series`` recurring ones
    started up to two years back; one series in three has an occurrence in the window moved by
    two hours, one in three one cancelled; one event in twenty is all day; four time zones."""
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for k in range(singles):
        zone = ZoneInfo(ZONES[k % len(ZONES)])
        day = date(2026, 6, 1) + timedelta(days=rng.randrange(365))
        start: date | datetime = day if k % 20 == 0 else datetime.combine(day, time(8), tzinfo=zone) + timedelta(
            minutes=15 * rng.randrange(40))
        out.append({"id": f"e{k:05d}", "zone": zone, "start": start,
                    "length": timedelta(days=1) if k % 20 == 0 else timedelta(minutes=rng.choice((15, 30, 45, 60))),
                    "rule": None, "moved": None, "cancelled": None})
    for k in range(series):
        zone = ZoneInfo(ZONES[k % len(ZONES)])
        first = date(2025, 1, 6) + timedelta(days=7 * rng.randrange(90) + k % 5)  # a weekday
        all_day = k % 10 == 9
        daily = k % 4 == 0 and not all_day
        start = first if all_day else datetime.combine(first, time(8), tzinfo=zone) + timedelta(
            minutes=15 * rng.randrange(36))
        rule = "FREQ=DAILY" if daily else f"FREQ=WEEKLY;BYDAY={WEEKDAYS[first.weekday()]}"
        step = 1 if daily else 7
        near = first + timedelta(days=step * -(-(TODAY - first).days // step))  # an occurrence on or after today
        original = datetime.combine(near, start.timetz()) if isinstance(start, datetime) else near
        event: dict[str, object] = {"id": f"s{k:05d}", "zone": zone, "start": start, "rule": rule,
                                    "length": timedelta(days=1) if all_day else timedelta(minutes=30),
                                    "moved": None, "cancelled": None}
        if not all_day and k % 3 == 0:
            event["moved"] = original
        elif not all_day and k % 3 == 1:
            event["cancelled"] = original
        out.append(event)
    return out


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_items(events: list[dict[str, object]]) -> list[tuple[str, dict[str, object]]]:
    """(id, body) as the owner would add them to Google: an exception is its own event."""

    def when(moment: object, zone: ZoneInfo) -> dict[str, str]:
        if isinstance(moment, datetime):
            return {"dateTime": moment.isoformat(), "timeZone": str(zone)}
        assert isinstance(moment, date)
        return {"date": moment.isoformat()}

    out: list[tuple[str, dict[str, object]]] = []
    for e in events:
        zone, start, length = e["zone"], e["start"], e["length"]
        assert isinstance(zone, ZoneInfo) and isinstance(length, timedelta)
        body: dict[str, object] = {"summary": f"Meeting {e['id']}", "description": "Agenda to follow.",
                                   "start": when(start, zone), "end": when(start + length, zone),  # type: ignore[operator]
                                   "attendees": [{"email": OWNER, "responseStatus": "accepted"},
                                                 {"email": "bob@example.com", "responseStatus": "needsAction"}]}
        if e["rule"]:
            body["recurrence"] = [f"RRULE:{e['rule']}"]
        out.append((str(e["id"]), body))
        for kind in ("moved", "cancelled"):
            original = e[kind]
            if isinstance(original, datetime):
                new = original + timedelta(hours=2) if kind == "moved" else original
                exception: dict[str, object] = {"summary": f"Meeting {e['id']} (moved)", "recurringEventId": e["id"],
                                                "originalStartTime": when(original, zone), "start": when(new, zone),
                                                "end": when(new + length, zone)}
                if kind == "cancelled":
                    exception["status"] = "cancelled"
                out.append((f"{e['id']}_{_utc_stamp(original)}", exception))
    return out


def vevents(e: dict[str, object]) -> list[icalendar.Event]:
    """One event as iCalendar: its master, and an override when an occurrence was moved; a
    cancelled occurrence is an EXDATE."""
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    start, length = e["start"], e["length"]
    assert isinstance(length, timedelta)
    ev = icalendar.Event()
    ev.add("uid", e["id"])
    ev.add("dtstamp", stamp)
    ev.add("summary", f"Meeting {e['id']}")
    ev.add("description", "Agenda to follow.")
    ev.add("dtstart", start)
    ev.add("dtend", start + length)  # type: ignore[operator]
    ev.add("organizer", f"mailto:{OWNER}")
    ev.add("attendee", f"mailto:{OWNER}", parameters={"PARTSTAT": "ACCEPTED"})
    ev.add("attendee", "mailto:bob@example.com", parameters={"PARTSTAT": "NEEDS-ACTION"})
    if e["rule"]:
        ev.add("rrule", icalendar.vRecur.from_ical(str(e["rule"])))
    if isinstance(e["cancelled"], datetime):
        ev.add("exdate", e["cancelled"])
    out = [ev]
    if isinstance(e["moved"], datetime):
        moved = icalendar.Event()
        moved.add("uid", e["id"])
        moved.add("dtstamp", stamp)
        moved.add("summary", f"Meeting {e['id']} (moved)")
        moved.add("recurrence-id", e["moved"])
        moved.add("dtstart", e["moved"] + timedelta(hours=2))
        moved.add("dtend", e["moved"] + timedelta(hours=2) + length)
        out.append(moved)
    return out


def vcalendar(components: list[icalendar.Event]) -> str:
    """The components as one VCALENDAR with the time zones they name."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//focusd//bench//EN")
    cal.add("version", "2.0")
    for comp in components:
        cal.add_component(comp)
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def ics_text(events: list[dict[str, object]]) -> str:
    """The events as one ICS file."""
    return vcalendar([comp for e in events for comp in vevents(e)])


def caldav_objects(events: list[dict[str, object]]) -> list[tuple[str, str]]:
    """The events as CalDAV objects ``(name, ical)``, one per UID with the time zone it names, as
    a client writes them."""
    return [(f"{e['id']}.ics", vcalendar(vevents(e))) for e in events]


# -- the servers -----------------------------------------------------------------------------

def google_server(items: list[tuple[str, dict[str, object]]]) -> GoogleServer:
    server = GoogleServer().start()
    for event_id, body in items:
        server.add(body, event_id)
    return server


def google_calendar(endpoint: str, cache: Path | None) -> GoogleCalendar:
    from google.oauth2.credentials import Credentials

    return GoogleCalendar(TZ, "primary", credentials=Credentials(token="test"), api_endpoint=endpoint,
                          cache_dir=cache)


def caldav_calendar(url: str, cache: Path | None) -> CaldavCalendar:
    return CaldavCalendar(url, USER, PASSWORD, TZ, BackendEnv(tz=TZ, secret=lambda name: PASSWORD, cache_dir=cache))


def seed_radicale(server: Radicale, folder: Path, objects: list[tuple[str, str]]) -> None:
    """The calendar's objects written straight into Radicale's storage (thousands of PUTs would
    take minutes), then read once by a request the counts leave out, so that Radicale's own
    first parse of every object is not timed as focusd's."""
    collection = folder / "collections" / "collection-root" / USER / "work"
    for name, ical in objects:
        (collection / name).write_text(ical, encoding="utf-8")
    body = ('<d:sync-collection xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:sync-token/>'
            "<d:sync-level>1</d:sync-level><d:prop><d:getetag/><c:calendar-data/></d:prop></d:sync-collection>")
    request = urllib.request.Request(server.calendar_url, data=body.encode(), method="REPORT", headers={
        "Depth": "1", "Content-Type": "application/xml", "X-Test-Client": "helper",
        "Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()})
    with urllib.request.urlopen(request, timeout=600) as answer:  # Radicale parses every object once
        if answer.status != 207:
            raise RuntimeError(f"Radicale did not read the seeded calendar: {answer.status}")


def timed(fn: Callable[[], object]) -> float:
    """Seconds ``fn`` took."""
    start = clock.perf_counter()
    fn()
    return clock.perf_counter() - start


def sync_requests(google: GoogleServer, radicale_server: Radicale, events: int) -> None:
    """Requests and time of a first sync and of a sync with no change, counted at the server."""
    with tempfile.TemporaryDirectory(prefix="focusd-bench-cal-") as tmp:
        for name, backend, count, reset in (
                ("google", google_calendar(google.endpoint, Path(tmp) / "g"), google.api_requests, None),
                ("caldav", caldav_calendar(radicale_server.calendar_url, Path(tmp) / "c"), radicale_server.count,
                 radicale_server.reset_count)):
            if reset:
                reset()
            before = count()
            first = timed(backend.sync)
            middle = count()
            again = timed(backend.sync)
            print(f"sync {name}: {events:,} events  first sync {middle - before} requests {first:6.2f} s  "
                  f"no-change sync {count() - middle} request(s) (goal 1) {again * 1000:7.1f} ms")


def read_once(kind: str, target: str, caching: bool) -> None:
    """The child's part: one backend's first read, timed as sync then expansion, then a second
    read with no change; printed as JSON."""
    Mirror.caching = caching
    if kind == "ics":
        cal = IcsCalendar([Path(target)], TZ)
        first = timed(lambda: cal.events(READ_FROM, READ_TO))
        sync = 0.0
    else:
        backend = google_calendar(target, None) if kind == "google" else caldav_calendar(target, None)
        sync = timed(backend.sync)
        first = sync + timed(lambda: backend.mirror.events(READ_FROM, READ_TO, kind))
    reader = cal.events if kind == "ics" else backend.events
    found: list[Event] = []
    second = timed(lambda: found.extend(reader(READ_FROM, READ_TO)))
    print(json.dumps({"first": first, "sync": sync, "second": second, "found": len(found)}))


def child_read(kind: str, target: str, caching: bool) -> tuple[dict[str, float], float]:
    """``read_once`` in a child process: its figures and its peak RSS in MiB."""
    done = measured([sys.executable, str(Path(__file__).resolve()), "--child", kind, target]
                    + ([] if caching else ["--no-cache"]), ROOT)
    if done.status:
        raise RuntimeError(f"the {kind} read failed: {done.stderr}")
    return json.loads(done.stdout), done.peak_mib


def first_read(google: GoogleServer, radicale_server: Radicale, ics: Path, events: int) -> None:
    """First and second reads of the big calendar, each backend in its own child process."""
    print(f"first read: {events:,} events, window {READ_FROM:%Y-%m-%d} to {READ_TO:%Y-%m-%d} "
          "(child processes; peak RSS as the kernel reports it)")
    base: dict[str, float] = {}
    for kind, target in (("ics", str(ics)), ("google", google.endpoint), ("caldav", radicale_server.calendar_url)):
        for caching in ((True,) if kind == "ics" else (False, True)):
            got, rss = child_read(kind, target, caching)
            if kind == "ics":
                base = got
            label = "ics file (baseline)" if kind == "ics" else f"{kind} {'mirror caches on ' if caching else 'caches off (before)'}"
            print(f"  {label:30} first {got['first']:6.2f} s (sync {got['sync']:5.2f} s, expand "
                  f"{got['first'] - got['sync']:5.2f} s; {got['first'] / base['first']:4.1f}x the file)  "
                  f"second {got['second'] * 1000:8.1f} ms  peak RSS {rss:6.1f} MiB  occurrences {got['found']:.0f}")


def remote(singles: int, series: int) -> None:
    """The sync and first-read sections around one Google server and one Radicale."""
    events = big_calendar(singles, series)
    started = clock.perf_counter()
    items = google_items(events)
    ics = ics_text(events)
    google = google_server(items)
    work = Path(tempfile.mkdtemp(prefix="focusd-bench-cal-"))
    try:
        (work / "calendar.ics").write_text(ics, encoding="utf-8")
        with radicale(work / "radicale", auth=True) as server:
            seed_radicale(server, work / "radicale", caldav_objects(events))
            print(f"(set-up: {len(items):,} Google items, {len(events):,} CalDAV objects, "
                  f"{len(ics) / 1e6:.1f} MB of iCalendar, {clock.perf_counter() - started:.1f} s)")
            sync_requests(google, server, len(events))
            first_read(google, server, work / "calendar.ics", len(events))
        if google.problems:
            raise RuntimeError(f"the Google server refused a body: {google.problems[:3]}")
    finally:
        google.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=21, help="runs per figure (the median is printed)")
    parser.add_argument("--remote", action="store_true", help="also the Google and CalDAV sync and first-read figures")
    parser.add_argument("--quick", action="store_true", help="a small calendar and few repeats (the smoke test)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "TARGET"), help=argparse.SUPPRESS)
    parser.add_argument("--no-cache", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        read_once(args.child[0], args.child[1], not args.no_cache)
        return
    placement(3 if args.quick else args.repeats)
    if args.remote:
        remote(*((190, 10) if args.quick else (4800, 200)))


if __name__ == "__main__":
    main()
