"""One cycle: mail -> agent graph -> store, calendar -> store, rank, focus blocks; and the brief.

Every step is idempotent. Messages are persisted before the folder cursor moves, each in its
own transaction, so a cycle killed anywhere and run again loses nothing and doubles nothing.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import structlog

from agent.app import App
from agent.graph import run_batch
from agent.state import Context
from connectors.calendar.base import CalendarError
from connectors.mail.base import MailError
from connectors.mime import try_parse
from connectors.types import Event, Message, OutgoingMail, day_span
from planner import brief as brief_mod
from planner import focus as focus_mod
from planner.context import related_messages
from planner.models import Brief, Item
from planner.priority import GoalRef, rank

log = structlog.get_logger(__name__)

BATCH = 200  # messages per graph invoke
CALENDAR_DAYS_BACK = 1
CALENDAR_DAYS_AHEAD = 14


@dataclass
class CycleReport:
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    unparseable: int = 0
    skipped: int = 0
    items_created: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)


def graph_context(app: App) -> Context:
    return Context(extractor=app.extractor, owner=app.owner, clock=app.clock, store=app.store,
                   max_age=app.settings["mail"]["max_age"])


def process_messages(app: App, messages: list[Message], report: CycleReport) -> None:
    """Run the graph over messages not yet processed, in batches."""
    seen = app.store.processed(m.message_id for m in messages)
    fresh: list[Message] = []
    ids: set[str] = set()
    for m in messages:
        if m.message_id in seen or m.message_id in ids:
            report.duplicates += 1
            continue
        ids.add(m.message_id)
        fresh.append(m)
    ctx = graph_context(app)
    for i in range(0, len(fresh), BATCH):
        _run_guarded(app, fresh[i : i + BATCH], ctx, report)


def _run_guarded(app: App, batch: list[Message], ctx: Context, report: CycleReport) -> None:
    """Run a batch; when it fails, find the message that made it fail and set it aside, so one
    poisonous message cannot stall every later cycle. A database error is not the message's
    fault: it propagates, and the cycle is retried whole."""
    try:
        state = run_batch(batch, ctx)
    except sqlite3.Error:
        raise
    except Exception as exc:  # noqa: BLE001 - isolate the message, log, carry on
        if len(batch) > 1:
            for msg in batch:
                _run_guarded(app, [msg], ctx, report)
            return
        msg = batch[0]
        log.error("message.failed", message_id=msg.message_id, error=type(exc).__name__)
        app.store.record_message(msg, [], [], skipped=f"failed: {type(exc).__name__}")
        report.new += 1
        report.skipped += 1
        return
    report.new += len(batch)
    report.skipped += len(state.get("skipped", {}))
    report.items_created += sum(len(v) for v in state.get("stored", {}).values())


def sync_mail(app: App, report: CycleReport) -> None:
    """Read every folder from its cursor. Each round takes one batch from each folder and
    processes the lot in date order, so a reply is seen after the message it answers even
    when the two sit in different folders."""
    cfg = app.settings["mail"]
    active = list(dict.fromkeys([*cfg["folders"], cfg["sent_folder"]]))
    while active:
        batches = {}
        for folder in active:
            try:
                batches[folder] = app.mail.fetch_new(folder, app.store.cursor(f"mail:{folder}"))
            except MailError as exc:
                log.error("mail.unavailable", folder=folder, error=str(exc))
                report.problems.append(f"mail folder {folder}: {exc}")
        messages = []
        for folder, batch in batches.items():
            for raw in batch.messages:
                report.fetched += 1
                msg, reason = try_parse(raw.data, received=raw.received)
                if msg is None:
                    report.unparseable += 1
                    log.warning("message.unparseable", folder=folder, key=raw.key, reason=reason)
                    continue
                msg.folder = folder
                messages.append(msg)
        messages.sort(key=lambda m: m.date)
        process_messages(app, messages, report)
        for folder, batch in batches.items():
            if batch.cursor:
                app.store.set_cursor(f"mail:{folder}", batch.cursor)
        active = [f for f, batch in batches.items() if batch.more]


def sync_calendar(app: App, report: CycleReport) -> None:
    if app.calendar is None:
        return
    today = app.today()
    start, _ = day_span(today - timedelta(days=CALENDAR_DAYS_BACK), app.settings.tz)
    _, end = day_span(today + timedelta(days=CALENDAR_DAYS_AHEAD), app.settings.tz)
    try:
        events = app.calendar.events(start, end)
    except CalendarError as exc:
        log.error("calendar.unavailable", error=str(exc))
        report.problems.append(f"calendar: {exc}")
        return
    app.store.replace_events(start, end, events)
    report.events = len(events)


def goals(app: App) -> list[GoalRef]:
    return [GoalRef.from_row(r) for r in app.store.goals()]


def rerank(app: App) -> None:
    app.store.sync_goals((g.title, g.weight, g.keywords, g.deadline) for g in app.settings.goals)
    app.store.wake_snoozed(app.today())
    ranked = rank(app.store.items(("open",)), goals(app), app.today())
    app.store.set_scores((i.id, i.score or 0.0, i.reasons, i.goal) for i in ranked if i.id is not None)


def plan_focus(app: App, day: date, focus: list[Item], events: list[Event],
               book: bool) -> list[tuple[int, datetime, datetime, bool]]:
    """Focus blocks for the day's focus items around the day's ``events``: booked when ``book``
    and the calendar is writable, otherwise only suggested. Returns (item id, start, end, booked)."""
    cfg = app.settings["focus"]
    start, end = day_span(day, app.settings.tz)
    titles = {i.id: i.title for i in focus if i.id is not None}
    existing = {b["item_id"]: b for b in app.store.blocks(start, end)}
    now = app.now() if day == app.today() else None
    plan = focus_mod.plan_blocks(day, [i for i in titles if i not in existing], events, app.settings.tz,
                                 cfg["earliest"], cfg["latest"], cfg["block_minutes"],
                                 cfg["max_blocks_per_day"] - len(existing), app.settings["owner"]["working_days"],
                                 now=now, owner_email=app.owner.email)
    out = [(b["item_id"], datetime.fromisoformat(b["start"]), datetime.fromisoformat(b["end"]), True)
           for b in existing.values()]
    cal = app.calendar
    for item_id, s, e in plan:
        if not book or cal is None or cal.read_only:
            out.append((item_id, s, e, False))
            continue
        try:
            event = cal.create_block(Event(uid="", title=f"Focus: {titles[item_id]}",
                                           start=s, end=e, focusd_item=item_id))
        except CalendarError as exc:
            log.error("focus.block_failed", item=item_id, error=str(exc))
            out.append((item_id, s, e, False))
            continue
        app.store.add_block(item_id, s, e, event.uid)
        out.append((item_id, s, e, True))
    return out


def sync_once(app: App) -> CycleReport:
    """One cycle without the brief."""
    report = CycleReport()
    sync_mail(app, report)
    sync_calendar(app, report)
    rerank(app)
    log.info("cycle.done", fetched=report.fetched, new=report.new, duplicates=report.duplicates,
             skipped=report.skipped,
             unparseable=report.unparseable, items=report.items_created, events=report.events)
    return report


def compose_brief(app: App, day: date, book: bool = False) -> Brief:
    items = rank(app.store.items(("open",)), goals(app), day)
    start, end = day_span(day, app.settings.tz)
    events = app.store.events(start, end)
    max_focus = app.settings["brief"]["max_focus"]
    top = [i for i in items if i.kind != "waiting" and i.id is not None][:max_focus]
    blocks = plan_focus(app, day, top, events, book)
    previous = app.store.last_sent_brief(day)
    since = previous["sent_at"] if previous else (app.clock() - timedelta(days=1)).astimezone(UTC).isoformat(
        timespec="seconds")
    handled = app.store.closed_since(since)
    inp = brief_mod.BriefInput(day=day, tz=app.settings.tz, owner_name=app.settings["owner"]["name"],
                               owner_email=app.settings.owner_email,
                               items=items, events=events, max_focus=max_focus, blocks=blocks,
                               handled=handled, related=lambda it: related_messages(app.store, it))
    return brief_mod.compose(inp)


def brief_message_id(token: str, owner_email: str) -> str:
    host = owner_email.rsplit("@", 1)[-1] or "focusd.invalid"
    return f"<focusd-brief.{token}@{host}>"


def send_brief(app: App, day: date) -> tuple[bool, Brief]:
    """Send the brief for ``day`` unless one was already sent. Returns (sent now, brief)."""
    existing = app.store.brief(day)
    brief = compose_brief(app, day, book=not (existing and existing["sent_at"]))
    if existing and existing["sent_at"]:
        log.info("brief.already_sent", date=day.isoformat())
        return False, brief
    token = secrets.token_urlsafe(18)
    message_id = brief_message_id(token, app.settings.owner_email)
    if not app.store.claim_brief(day, token, message_id, brief.subject, brief.line_map()):
        return False, brief
    sent = app.sender.send(OutgoingMail(sender=app.from_address, to=[app.settings.owner_email],
                                        subject=brief.subject, text=brief.text, html=brief.html,
                                        message_id=message_id, date=app.now()))
    if sent:
        app.store.mark_brief_sent(day)
        log.info("brief.sent", date=day.isoformat(), lines=len(brief.lines))
    else:
        log.info("brief.dry_run", date=day.isoformat())
    return sent, brief
