"""Focus blocks on the calendar: the cycle's booking step, and the blocks the brief shows.

``planner.focus`` decides where blocks go; this module applies its decisions to the calendar and
the store, and nothing else writes blocks. Booking is its own step in the cycle, after the
calendar was read: composing the brief never writes. Every write goes through the calendar's
guarded base class, so only focusd's own events are ever changed or deleted.

A block the owner deleted is not booked again that day, and a block the owner moved stays where
the owner put it. A failed write is logged and tried again next cycle; it never stops the cycle.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path

import structlog

from agent import faults
from agent.app import App
from connectors.calendar.base import CalendarError, Gone, ReadOnly
from connectors.types import Event, day_span
from planner import focus as focus_mod
from planner.brief import _why as why_text
from planner.models import Block, Item
from planner.priority import demoted
from planner.titles import quick_reply

log = structlog.get_logger(__name__)

CALENDAR_DAYS_BACK = 1
CALENDAR_DAYS_AHEAD = 14  # the calendar window each cycle reads, and the blocks it follows


@dataclass
class BookReport:
    created: int = 0
    moved: int = 0
    deleted: int = 0
    adopted: int = 0  # moved by the owner: kept where the owner put them
    dismissed: int = 0  # deleted by the owner: not booked again that day
    failed: int = 0
    unplaced: list[int] = field(default_factory=list)  # items whose block found no free time
    refused: str = ""  # why the calendar refused this cycle's writes (no write access), when it did

    def changed(self) -> bool:
        return bool(self.created or self.moved or self.deleted or self.adopted or self.dismissed)


# After the calendar refuses writes (HTTP 403, a read-only calendar) in this many cycles in a row,
# focusd only suggests times for WRITE_PAUSE before it tries to book again: a calendar shared
# read-only refused every cycle, two errors each time. (Google also says 403 for a spent quota:
# one refusal is not taken for the calendar's answer.)
REFUSALS_TO_PAUSE = 3
WRITE_PAUSE = timedelta(hours=6)


class _Refused(Exception):
    """The calendar refused a write for want of access: no more writes this cycle."""


def _no_access(exc: CalendarError) -> bool:
    return isinstance(exc, ReadOnly) or getattr(exc, "status", None) == 403


def writes_refused(app: App) -> str:
    """Why the calendar refused focusd's writes within the last :data:`WRITE_PAUSE`, or ""."""
    held = app.store.status("calendar_write") or {}
    at = held.get("at")
    if not held.get("problem") or not isinstance(at, str) or int(held.get("count") or 0) < REFUSALS_TO_PAUSE:
        return ""
    try:
        recent = app.clock() - datetime.fromisoformat(at) < WRITE_PAUSE
    except (TypeError, ValueError):
        return ""
    return str(held["problem"]) if recent else ""


def _note_refused(app: App, exc: CalendarError) -> None:
    """Count a cycle whose write the calendar refused, and stop this cycle's writes: the next
    would be refused too. The cycle that makes REFUSALS_TO_PAUSE starts the pause."""
    held = app.store.status("calendar_write") or {}
    count = int(held.get("count") or 0) + 1
    app.store.set_status("calendar_write", {"problem": str(exc), "at": app.clock().isoformat(), "count": count})
    if count == REFUSALS_TO_PAUSE:
        log.warning("focus.writes_refused", error=str(exc), retry_after_h=WRITE_PAUSE.total_seconds() / 3600)
        raise _Refused(str(exc))
    raise _Refused("")


def rules(app: App) -> focus_mod.FocusRules:
    """The placement rules from ``[focus]`` and the owner's working hours and days."""
    cfg = app.settings["focus"]
    hours = app.settings["owner"]["working_hours"]
    earliest, latest = cfg["earliest"], cfg["latest"]
    if hours:
        earliest, latest = max(earliest, hours[0]), min(latest, hours[1])
    return focus_mod.FocusRules(earliest=earliest, latest=latest, minutes=cfg["block_minutes"],
                                max_blocks=cfg["max_blocks_per_day"], buffer=cfg["buffer_minutes"],
                                working_days=tuple(app.settings["owner"]["working_days"]),
                                owner_email=app.settings.owner_email, tz=app.settings.tz)


def focus_items(app: App, day: date, items: list[Item] | None = None) -> list[Item]:
    """The day's focus: the best-ranked open items that are the owner's to do (not waiting).
    ``items`` ranked already (the brief's); else the scores the cycle's re-rank stored, read best
    first only as far as needed, so a store of many open items costs a cycle no more than a few."""
    n = app.settings["brief"]["max_focus"]
    if items is not None:
        return [i for i in items if i.kind != "waiting" and i.id is not None][:n]
    from agent.cycle import correspondents, suspicious_mail

    known = correspondents(app).known
    suspicious = suspicious_mail(app)
    top: list[Item] = []
    # A stranger's promotional or scam-like items are never focus (the brief leaves them out too).
    for item in app.store.open_by_score(skip_kinds=("waiting",)):
        if not demoted(item, known, suspicious):
            top.append(item)
        if len(top) >= n:
            break
    return top[:n]


def can_book(app: App) -> bool:
    cal = app.settings["calendar"]["backend"]
    return cal not in ("none", "ics") and bool(app.settings["focus"]["book"])


def block_event(item: Item, block: Block) -> Event:
    """The calendar event for a block: busy, tagged with the item, its why and source inside."""
    src = item.source
    lines = [why_text(item) or "From focusd's plan for the day.", ""]
    if src.get("event"):  # from a meeting's agenda, not from mail
        lines.append(f"From the meeting: {src.get('title') or src.get('subject', '')}, {src.get('start', '')[:16]}")
    else:
        if src.get("from"):
            lines.append(f"From: {src['from']}")
        if src.get("subject"):
            lines.append(f"Subject: {src['subject']}")
        if src.get("message_id"):
            lines.append(f"Message-ID: {src['message_id']}")
    lines += ["", f"focusd item {item.id}. Move it or delete it as you like: focusd keeps your choice."]
    return Event(uid="", title=f"Focus: {item.title}"[:200], start=block.start, end=block.end,
                 description="\n".join(lines), focusd_item=item.id, busy=True)


def book(app: App) -> BookReport:
    """Make the calendar's focus blocks follow the plan: book the day's focus items, move a
    block a meeting landed on, take off the blocks of work that is done, and book or take off
    what a reply asked for. Does nothing unless the calendar is writable, booking is on, and
    the calendar was read this cycle."""
    from agent.cycle import calendar_problem

    report = BookReport()
    if not app.settings["focus"]["book"] or app.calendar is None or app.calendar.read_only:
        return report
    problem = calendar_problem(app)
    if problem:
        log.info("focus.not_booked", reason="the calendar was not read this cycle")
        return report
    if writes_refused(app):
        log.info("focus.not_booked", reason="the calendar refused focusd's writes lately; times are suggested")
        return report
    with _booking_lock(app) as mine:
        if not mine:
            # Another focusd process on this store is booking now (a `sync` beside the daemon):
            # two at once would book the same block twice. The next cycle books.
            log.info("focus.not_booked", reason="another focusd process is booking")
            return report
        try:
            _book(app, report)
        except _Refused as exc:
            report.refused = str(exc)
            return report
        if report.changed() and (app.store.status("calendar_write") or {}).get("count"):
            app.store.set_status("calendar_write", {})  # writing again: the refusal is over
    return report


@contextmanager
def _booking_lock(app: App) -> Iterator[bool]:
    """An exclusive lock beside the store, held while one process books; False when another
    process holds it. Where no lock file can be made, booking goes on unlocked."""
    path = Path(app.settings["storage"]["path"])
    try:
        fd = os.open(path.with_name(path.name + ".booking.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield True
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing releases the lock


class _OpenIds:
    """``item_id in open_items``, asked of the store once per item."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.seen: dict[int, bool] = {}

    def __contains__(self, item_id: object) -> bool:
        if not isinstance(item_id, int):
            return False
        if item_id not in self.seen:
            self.seen[item_id] = self.app.store.is_open(item_id)
        return self.seen[item_id]


def _book(app: App, report: BookReport) -> None:
    cal = app.calendar
    assert cal is not None
    tz = app.settings.tz
    now, day = app.now(), app.today()
    window_start, _ = day_span(day - timedelta(days=CALENDAR_DAYS_BACK), tz)
    _, window_end = day_span(day + timedelta(days=CALENDAR_DAYS_AHEAD), tz)
    # Whether an item is open is asked of the few items that blocks name, not read for every
    # open item; the items a block is written for are read one by one.
    open_items = _OpenIds(app)
    # focusd's blocks as the calendar was read this cycle, kept up to date with this step's own
    # writes: a block taken off must not hold its time, one just booked must not look deleted.
    # A tagged event with guests is a meeting (an invitation can carry any tag): it holds no
    # item's focus time.
    calendar_blocks = {e.uid: e for e in app.store.events(window_start, window_end, blocks_only=True)
                       if e.focusd_item is not None and not e.attendees}
    # A block booked after the calendar was last read (by another process, between its read and
    # this one) is not missing from the calendar: it is not in the copy read yet.
    for block in app.store.blocks_booked_after(_calendar_read_at(app), window_start, window_end):
        calendar_blocks.setdefault(block.uid, Event(uid=block.uid, title="", start=block.start, end=block.end,
                                                    focusd_item=block.item_id))
    failed: list[Block] = []  # blocks whose write failed: each still holds its time, or wants it

    def write(what: str, block: Block, action: Callable[[], object]) -> bool:
        try:
            action()
            if what == "delete":
                calendar_blocks.pop(block.uid, None)
            return True
        except Gone:
            calendar_blocks.pop(block.uid, None)
            return True  # already off the calendar: what was wanted
        except CalendarError as exc:
            report.failed += 1
            failed.append(block)
            log.error("focus.write_failed", action=what, item=block.item_id, error=str(exc))
            if _no_access(exc):
                _note_refused(app, exc)
            return False

    # What replies asked for, on any day; a request whose time went by unbooked is forgotten.
    for block in app.store.blocks(window_start - timedelta(days=365), now, states=("requested",)):
        if block.end <= now:
            log.warning("focus.request_expired", item=block.item_id)
            app.store.delete_block(block.id or 0)
    for block in app.store.blocks(now, window_end + timedelta(days=365), states=("requested",)):
        item = app.store.item(block.item_id) if block.item_id in open_items else None
        if item is None:
            app.store.delete_block(block.id or 0)
            continue
        # Booked before, and cut off before the store heard of it (a crash between the two): the
        # calendar already holds it, so it is taken, not booked a second time.
        there = next((e for e in calendar_blocks.values() if e.focusd_item == block.item_id
                      and e.start == block.start and e.end == block.end), None)
        if there is not None:
            app.store.update_block(replace(block, state="booked", uid=there.uid))
            continue
        try:
            made = cal.create_block(block_event(item, block))
        except CalendarError as exc:
            report.failed += 1
            failed.append(block)
            log.error("focus.write_failed", action="create", item=block.item_id, error=str(exc))
            if _no_access(exc):
                _note_refused(app, exc)
            continue
        faults.point("booking.created")
        app.store.update_block(replace(block, state="booked", uid=made.uid))
        calendar_blocks[made.uid] = made
        report.created += 1
    # After the requests: one cut off before the store heard of it was taken as itself above.
    _take_back_lost(app, calendar_blocks, window_start, window_end)
    for block in app.store.blocks(window_start - timedelta(days=365), window_end + timedelta(days=365),
                                  states=("cancelled",)):
        if write("delete", block, partial(cal.delete_block, block.uid)):
            app.store.delete_block(block.id or 0)
            report.deleted += 1
    # Blocks of work no longer open, on any later day (today's are the reconcile's below: taking
    # them off here too would try a failing delete twice).
    start, end = day_span(day, tz)
    for block in app.store.blocks(max(now, end), window_end, states=("booked",)):
        if block.item_id not in open_items and block.start > now and write(
                "delete", block, partial(cal.delete_block, block.uid)):
            app.store.delete_block(block.id or 0)
            report.deleted += 1

    events = app.store.events(start, end)
    stored = app.store.blocks(start, end, states=("booked", "dismissed"))
    # A reply to write earns no focus block: it is answered between them.
    from agent.cycle import brief_focus

    # The brief's own focus: a block for an item it asks about as stale would be in no line of it.
    top = [i.id for i in brief_focus(app, day) if i.id is not None and not quick_reply(i.kind, i.title)]
    changes = focus_mod.reconcile(day, top, open_items, stored, calendar_blocks, events, rules(app), now)
    for block in changes.dismiss:
        app.store.update_block(replace(block, state="dismissed"))
        report.dismissed += 1
    for block in changes.adopt:
        app.store.update_block(block)
        report.adopted += 1
    for block in changes.delete:
        if write("delete", block, partial(cal.delete_block, block.uid)):
            app.store.delete_block(block.id or 0)
            report.deleted += 1
    for old, new in changes.move:
        if write("move", old, partial(cal.move_block, old.uid, new.start, new.end)):
            app.store.update_block(replace(new, id=old.id, uid=old.uid, state="booked"))
            report.moved += 1
    if any(b.start < end and b.end > start for b in failed):
        # A block of the day that could not be moved or taken off still holds its time, and one
        # the owner asked for wants its time: new blocks placed without them could overlap
        # them. The next cycle places them again.
        log.info("focus.not_booked", reason="a write for the day failed")
        changes.create = []
    for block in changes.create:
        item = app.store.item(block.item_id) if block.item_id in open_items else None
        if item is None:
            continue
        try:
            made = cal.create_block(block_event(item, block))
        except CalendarError as exc:
            report.failed += 1
            log.error("focus.write_failed", action="create", item=block.item_id, error=str(exc))
            if _no_access(exc):
                _note_refused(app, exc)
            continue
        faults.point("booking.created")
        app.store.add_block(replace(block, state="booked", uid=made.uid))
        report.created += 1
    report.unplaced = list(changes.unplaced)
    if report.changed() or report.failed:
        log.info("focus.booked", created=report.created, moved=report.moved, deleted=report.deleted,
                 adopted=report.adopted, dismissed=report.dismissed, failed=report.failed)


def _take_back_lost(app: App, calendar_blocks: dict[str, Event], window_start: datetime,
                    window_end: datetime) -> None:
    """Record the blocks a process put on the calendar and died before storing. Left unknown,
    such a block would stay for good: never moved off a meeting, never taken off once its work
    is done, and holding its item's time. Only a block whose title still names its item is
    taken: a tag alone may come from another store."""
    # Only the uids on the calendar are looked up: not every block of the year, each cycle.
    known = app.store.block_uids(calendar_blocks, states=("booked", "dismissed", "requested", "cancelled"))
    for uid, event in sorted(calendar_blocks.items()):
        item = app.store.item(event.focusd_item) if event.focusd_item is not None and uid not in known else None
        if item is None or event.title != f"Focus: {item.title}"[:200]:
            continue
        app.store.add_block(Block(event.focusd_item or 0, event.start, event.end, state="booked", uid=uid))
        log.info("focus.block_taken_back", item=item.id)


def _calendar_read_at(app: App) -> str:
    """When the stored copy of the calendar was read from the server (its request began)."""
    status = app.store.status("calendar")
    return str(status.get("read_at") or status["updated_at"]) if status else ""


def day_blocks(app: App, day: date, top: list[Item], events: list[Event]) -> list[Block]:
    """The blocks the brief shows for ``day``: those booked, and for the focus items without one
    a suggested free time (not for an item whose block the owner deleted that day, nor for one
    with a block still ahead on another day: as the cycle's booking, which books neither)."""
    tz = app.settings.tz
    start, end = day_span(day, tz)
    stored = app.store.blocks(start, end, states=("booked", "dismissed", "requested"))
    shown = [b for b in stored if b.state != "dismissed"]
    now = app.now() if day == app.today() else datetime.combine(day, time(0), tzinfo=tz)
    _, window_end = day_span(app.today() + timedelta(days=CALENDAR_DAYS_AHEAD), tz)
    known = {b.uid for b in stored if b.uid}
    # focusd's blocks on the calendar that the day's stored ones are not: the owner moved them
    # here from another day, or to another day; either way their item has its time.
    elsewhere = [e for e in app.store.events(now, max(window_end, end), blocks_only=True)
                 if e.focusd_item is not None and not e.attendees and e.uid not in known and e.end > now]
    have = {b.item_id for b in stored} | {e.focusd_item for e in elsewhere}
    wanted = [i.id for i in top if i.id is not None and i.id not in have and not quick_reply(i.kind, i.title)]
    if not wanted:
        return shown
    taken = [(b.start, b.end) for b in shown]
    taken += [(e.start, e.end) for e in elsewhere if e.start < end and e.end > start]
    spent = len(stored) - len(shown)  # blocks the owner deleted count toward the day's limit
    return shown + focus_mod.place(day, wanted, events, rules(app), now, taken, spent)


def why_no_block(app: App, day: date, blocks: list[Block]) -> str:
    """What the brief says beside a focus item that got no block that day, in one sentence."""
    cfg = app.settings["focus"]
    if day.weekday() not in app.settings["owner"]["working_days"]:
        return "No focus time today: it is not one of your working days."
    start, end = day_span(day, app.settings.tz)
    away = focus_mod.busy_all_day(day, app.store.events(start, end), rules(app))
    if away:
        names = ", ".join(f"“{e.title or 'busy'}”" for e in away[:2])
        return f"No focus time today: your calendar is busy all day ({names})."
    held = len(app.store.blocks(start, end, states=("booked", "dismissed", "requested")))
    if max(held, len(blocks)) >= cfg["max_blocks_per_day"]:
        most = cfg["max_blocks_per_day"]
        return (f"No more focus time today: {most} block{'s are' if most != 1 else ' is'} the most a day has "
                "([focus].max_blocks_per_day).")
    return f"No more focus time today: no free {cfg['block_minutes']} minutes are left in your focus hours."
