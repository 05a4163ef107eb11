"""One cycle: mail -> agent graph -> store, calendar -> store, rank, focus blocks; and the brief.

Every step is idempotent. Messages are persisted before the folder cursor moves, each in its
own transaction, so a cycle killed anywhere and run again loses nothing and doubles nothing.
"""

from __future__ import annotations

import gc
import json
import re
import secrets
import sqlite3
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from itertools import chain
from typing import Any

import structlog

from agent import booking, faults, health, intake, replies
from agent.app import App
from agent.spam import Correspondents, MailPolicy
from agent.state import Context, Prepared
from agent.workers import Extraction, Pending, Workers
from connectors.calendar.base import CalendarError
from connectors.mail.base import Batch, MailError, SourceUnreachable
from connectors.types import Address, Event, Message, OutgoingMail, day_span
from planner import brief as brief_mod
from planner import review as review_mod
from planner.adapt import brief_items as brief_item_ids
from planner.adapt import followups, replanned, stale_items, stale_key, waiting_title
from planner.context import MEETING_HORIZON, item_context, mail_kind
from planner.models import Block, Brief, Item
from planner.priority import (
    GoalRef,
    Goals,
    Scored,
    Weights,
    demoted,
    explain,
    mark_demoted,
    ordered,
    rank,
    with_blocking,
    with_goal_blocking,
)
from planner.progress import goal_progress, progress_from

log = structlog.get_logger(__name__)

BATCH = 200  # messages per graph invoke
FETCH_LIMIT = 500  # messages per folder per round
FETCH_BYTES = 16 * 1024 * 1024  # raw bytes per folder per round: memory stays bounded on any mailbox
FETCH_AHEAD = 2  # batches per folder fetched and parsed ahead of the one being processed

#: Outcomes in the order the summary line names them, with a hint where one helps.
OUTCOME_HINTS = {
    "older than max_age": " (see [mail].max_age)",
    "unreadable": " (each logged with its reason)",
    "failed": " (each logged with its reason)",
    # Mail in INBOX from the owner's own address that no receiving server vouched for: a note to
    # self on a server that adds no Authentication-Results reads so too.
    "forged owner": " (from your address without a passing Authentication-Results: see [mail].authserv_id)",
}
# Outcomes that are things, said in the plural past one ("2 brief replies", not "2 brief reply").
OUTCOME_PLURALS = {"brief reply": "brief replies", "own brief": "own briefs", "forged owner": "forged owner mails"}

Progress = Callable[[int, int | None], None]  # (messages done, total when known)


@dataclass
class CycleReport:
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    unparseable: int = 0
    skipped: int = 0
    failed: int = 0
    clashes: int = 0
    items_created: int = 0
    events: int = 0
    blocks: booking.BookReport = field(default_factory=booking.BookReport)
    outcomes: Counter[str] = field(default_factory=Counter)  # per message: "new" or why it yielded nothing
    problems: list[str] = field(default_factory=list)
    unread_folders: list[str] = field(default_factory=list)  # "folder NAME: why", for the brief
    replies: int = 0  # replies to briefs obeyed
    # Services this cycle found down (name -> why) or working: the daemon logs an outage once.
    down: dict[str, str] = field(default_factory=dict)
    up: set[str] = field(default_factory=set)

    def summary(self) -> str:
        """One line by outcome, e.g. "4,146 messages: 4,145 older than max_age (see
        [mail].max_age), 1 new; 2 new items; 12 events"."""
        order = ["new", *sorted((k for k in self.outcomes if k != "new"), key=lambda k: -self.outcomes[k])]
        parts = [f"{self.outcomes[k]:,} {OUTCOME_PLURALS.get(k, k) if self.outcomes[k] != 1 else k}"
                 f"{OUTCOME_HINTS.get(k, '')}" for k in order if self.outcomes[k]]
        total = sum(self.outcomes.values())
        head = f"{total:,} message{'s' if total != 1 else ''}" + (f": {', '.join(parts)}" if parts else "")
        items = f"{self.items_created:,} new item{'s' if self.items_created != 1 else ''}"
        return (f"{head}; {items}; {self.events:,} calendar event{'s' if self.events != 1 else ''} from yesterday "
                "to two weeks ahead")


def graph_context(app: App, prepared: dict[int, Prepared] | None = None) -> Context:
    return Context(extractor=app.extractor, owner=app.owner, clock=app.clock, store=app.store,
                   max_age=app.settings["mail"]["max_age"], fallback=app.fallback,
                   policy=MailPolicy.of(app.settings["mail"]["lists"], correspondents(app)),
                   sent_folder=app.settings["mail"]["sent_folder"], authserv_id=app.settings["mail"]["authserv_id"],
                   prepared=prepared)


def correspondents(app: App) -> Correspondents:
    """Whom the owner knows: everyone in a thread the owner wrote in, and the owner's domain.
    Kept until a message is stored (messages are only ever added): each batch, the booking and
    the brief ask, and reading it costs more with every month of Sent mail."""
    mark = app.store.messages_mark()
    sent = app.settings["mail"]["sent_folder"]
    held = app.memo.get("correspondents")
    if held is None:
        held = (mark, Correspondents.from_store(app.store, [app.owner.email], sent), app.store.sent_threads(sent))
    elif held[0] != mark:  # only the messages stored since are read; kept only once all are
        threads = set(held[2])
        held = (mark, held[1].updated(app.store, held[0], threads, sent), threads)
    app.memo["correspondents"] = held
    known: Correspondents = held[1]
    return known


def suspicious_mail(app: App) -> Callable[[Item], bool]:
    """Whether an item's message, as the store keeps it, shows a scam or marketing trait
    (:func:`agent.spam.scam_traits`): asked only of strangers' items that could be shown, and
    remembered per message, so a brief costs a few reads, not one per open item."""
    from agent.spam import scam_traits

    held: dict[str, bool] = app.memo.setdefault("suspicious", {})

    def check(item: Item) -> bool:
        found = held.get(item.message_id)
        if found is None:
            row = app.store.message(item.message_id) or {}
            text = str(row.get("reply_text") or "")
            msg = Message(message_id=item.message_id, subject=str(row.get("subject") or ""),
                          sender=Address("", str(row.get("sender") or "")), to=[], cc=[], date=app.now(),
                          text=text, reply_text=text)
            if len(held) >= 4096:
                held.clear()
            found = held[item.message_id] = bool(scam_traits(msg))
        return found

    return check


def clash_id(message_id: str, fingerprint: str) -> str:
    """A stable id for a different message that reuses an id already recorded."""
    return f"<{message_id.strip('<>')}.{fingerprint}@focusd.clash>"


def _fresh(app: App, messages: list[Message], report: CycleReport,
           prepared: dict[int, Prepared] | None = None) -> list[Message]:
    """Messages not processed yet. A second message under a recorded Message-ID is kept under
    a derived id, never dropped: only a copy of the same message is a duplicate."""
    # id -> fingerprint of everything recorded, or accepted earlier in this call; None for a
    # message recorded before fingerprints were kept, which counts as the same message.
    known: dict[str, str | None] = app.store.fingerprints(
        [m.message_id for m in messages] + [clash_id(m.message_id, m.fingerprint) for m in messages])
    fresh: list[Message] = []
    for m in messages:
        fp = m.fingerprint
        if m.message_id in known:
            theirs = known[m.message_id]
            alt = clash_id(m.message_id, fp)
            if theirs is None or theirs == fp or alt in known:
                report.duplicates += 1
                report.outcomes["seen before"] += 1  # a copy, or a file a mail client renamed
                continue
            log.warning("message.id_clash", message_id=m.message_id, kept_as=alt)
            report.clashes += 1
            m.message_id = alt
            if prepared is not None:
                prepared.pop(id(m), None)  # its items name the old id: extracted again under the new one
        known[m.message_id] = fp
        fresh.append(m)
    return fresh


def process_messages(app: App, messages: list[Message], report: CycleReport,
                     progress: Callable[[int], None] | None = None,
                     prepared: dict[int, Prepared] | None = None) -> None:
    """Run the graph over messages not yet processed, in batches. ``prepared``: what the
    sync's worker already found of them, by the message object's id()."""
    fresh = _fresh(app, messages, report, prepared)
    ctx = graph_context(app, prepared)
    for i in range(0, len(fresh), BATCH):
        _run_guarded(app, fresh[i : i + BATCH], ctx, report)
        faults.point("graph.batch")
        if progress is not None:
            progress(min(i + BATCH, len(fresh)))


def _where(exc: BaseException) -> str:
    """Where an exception was raised (file:line), which says what broke without quoting data."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return ""
    return f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"


def _run_guarded(app: App, batch: list[Message], ctx: Context, report: CycleReport) -> None:
    """Run a batch; when it fails, find the message that made it fail and set it aside, so one
    poisonous message cannot stall every later cycle. A database error is not the message's
    fault: it propagates, and the cycle is retried whole."""
    from agent.graph import (
        run_batch,  # langgraph costs a second at start-up; `brief` never needs it
    )

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
        # The exception's text may quote the mail, so the log names its type and place only.
        reason = f"failed: {type(exc).__name__} at {_where(exc)}"
        log.error("message.failed", message_id=msg.message_id, error=type(exc).__name__, where=_where(exc))
        try:
            app.store.record_message(msg, [], [], skipped=reason)
            app.store.record_failure(f"mail:{msg.folder}", msg.message_id, reason, msg.message_id)
        except (UnicodeError, ValueError):  # a field the store cannot hold: keep the failure, readably
            key = msg.message_id.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            app.store.record_failure(f"mail:{msg.folder}", key, reason, key)
        report.new += 1
        report.failed += 1
        report.outcomes["failed"] += 1
        return
    skipped = state.get("skipped", {})
    report.new += len(batch)
    report.skipped += len(skipped)
    for msg in batch:
        report.outcomes[skipped.get(msg.message_id) or "new"] += 1
    report.items_created += sum(len(v) for v in state.get("stored", {}).values())


@dataclass
class _Folder:
    """One folder's fetched batch, parsed, waiting for its turn in date order."""

    name: str
    pending: list[Message] = field(default_factory=list)
    cursor: str = ""
    more: bool = True
    remaining: int | None = None
    # The next batches, being fetched, then parsed; None: the one before was the last.
    ahead: deque[Future[tuple[Batch, Pending] | None]] = field(default_factory=deque)


@dataclass
class _Sync:
    """What the folders of one sync share: the fetch thread, the parsing worker, and what the
    worker extracted, by Message-ID, until the graph takes it."""

    pool: ThreadPoolExecutor
    workers: Workers
    prepared: dict[int, Prepared] = field(default_factory=dict)  # by id() of the message object


def _fetch_parsed(app: App, workers: Workers, folder: str, cursor: str | None) -> tuple[Batch, Pending]:
    """Fetch a batch and hand it to the worker to parse, without waiting for the parse: the
    fetch thread is free for the next batch while the worker parses this one."""
    batch = app.mail.fetch_new(folder, cursor, limit=FETCH_LIMIT, max_bytes=FETCH_BYTES)
    faults.point("fetch.batch")
    # When a message arrived stands in for a Date it lacks, and bounds one far ahead: never later
    # than now (a file's time is the copy's, not the clock's, when the clock is set back).
    now = app.now()
    raws = [replace(r, received=now) if r.received is not None and r.received > now else r for r in batch.messages]
    return batch, workers.submit(raws, folder)


def _fetch_after(app: App, workers: Workers, folder: str,
                 before: Future[tuple[Batch, Pending] | None]) -> tuple[Batch, Pending] | None:
    """The batch after ``before``'s, or None when that was the last. ``before`` is done: the one
    fetch thread ran it first."""
    found = before.result()
    if found is None or not (found[0].more and found[0].messages):
        return None
    return _fetch_parsed(app, workers, folder, found[0].cursor)


def _request(app: App, sync: _Sync, folder: _Folder) -> None:
    """Keep the folder's next FETCH_AHEAD batches fetching and parsing, each from where the one
    before ends: the worker parses one batch while the next is fetched, and both overlap the
    processing of the batch in hand. Only processed batches move the stored cursor."""
    while folder.more and len(folder.ahead) < FETCH_AHEAD:
        if folder.ahead:
            folder.ahead.append(sync.pool.submit(_fetch_after, app, sync.workers, folder.name, folder.ahead[-1]))
        else:
            cursor = folder.cursor or app.store.cursor(f"mail:{folder.name}")
            folder.ahead.append(sync.pool.submit(_fetch_parsed, app, sync.workers, folder.name, cursor))


def _fetch(app: App, sync: _Sync, folder: _Folder, report: CycleReport) -> bool:
    """Take the folder's next batch, parsed, and keep the ones after it coming; False when the
    folder cannot be read."""
    _request(app, sync, folder)
    try:
        found = folder.ahead.popleft().result()
    except MailError as exc:
        for later in folder.ahead:  # each would fail alike: the batch they follow never came
            later.cancel()
        folder.ahead.clear()
        log.info("mail.unavailable", folder=folder.name, error=str(exc))  # the daemon logs the outage once
        report.problems.append(f"mail folder {folder.name}: {exc}")
        report.unread_folders.append(f"folder {folder.name}: {exc}")
        if isinstance(exc, SourceUnreachable):
            raise  # the other folders are on the same server: not tried again in this cycle
        return False
    if found is None:
        folder.more = False
        return True
    batch, pending = found
    # A source that says "more" but gave nothing would loop forever: take it as done.
    folder.cursor, folder.more, folder.remaining = batch.cursor, batch.more and bool(batch.messages), batch.remaining
    _request(app, sync, folder)  # fetched, and queued to the worker, while this batch is parsed
    for p in pending.result():
        report.fetched += 1
        msg = p.message
        if msg is None:
            report.unparseable += 1
            report.outcomes["unreadable"] += 1
            log.warning("message.unparseable", folder=folder.name, key=p.key, reason=p.reason)
            app.store.record_failure(f"mail:{folder.name}", p.key, p.reason)
            continue
        msg.folder = folder.name
        if p.proposed is not None or p.hostile is not None:
            sync.prepared[id(msg)] = Prepared(p.proposed, p.hostile)
        folder.pending.append(msg)
    return True


def _advance(progress: Progress, base: int, total: int | None, n: int) -> None:
    progress(base + n, total)


def sync_mail(app: App, report: CycleReport, progress: Progress | None = None,
              stop: threading.Event | None = None) -> None:
    """Read every folder from its cursor, in date order across folders.

    Each folder holds at most one fetched batch. A round processes the messages dated up to
    the point every folder with more to read has reached, so a reply in Sent is seen after the
    request in INBOX that it answers, even with a backlog of thousands. A folder's cursor moves
    only once all of its batch is processed. When ``stop`` is set, the sync ends after the round
    in hand: what is left is fetched again by the next cycle.
    """
    cfg = app.settings["mail"]
    folders = [_Folder(name) for name in dict.fromkeys([*cfg["folders"], cfg["sent_folder"]])]
    # One thread fetches ahead (and has a big batch parsed in a worker process) while this one
    # runs the graph. A batch fetched ahead and not yet processed is only in memory: the cursor
    # moves once it is stored.
    sync = _Sync(ThreadPoolExecutor(max_workers=1, thread_name_prefix="focusd-fetch"),
                 Workers(_extraction(app), first_here=True))
    try:
        _sync_folders(app, sync, folders, report, progress, stop)
    finally:
        sync.pool.shutdown(wait=True, cancel_futures=True)
        sync.workers.close()
    ok = not report.unread_folders
    held = app.store.status("mail") or {}
    ok_at = app.clock().astimezone(UTC).isoformat(timespec="seconds") if ok else held.get("ok_at")
    app.store.set_status("mail", {"ok": ok, "error": "; ".join(report.unread_folders), "ok_at": ok_at})
    if ok:
        report.up.add("mail")
    else:
        report.down["mail"] = report.unread_folders[0]


def _extraction(app: App) -> Extraction | None:
    """What the worker needs to run the extractor itself: only the embedded one as configured
    by default runs there (an LLM's calls and cache stay in this process)."""
    from agent.extractors.embedded import EmbeddedExtractor

    extractor = app.extractor
    if type(extractor) is not EmbeddedExtractor or not extractor.shipped:
        return None
    max_age = app.settings["mail"]["max_age"]
    return Extraction(app.owner, app.clock() - max_age if max_age is not None else None,
                      MailPolicy.of(app.settings["mail"]["lists"]).lists)


def _sync_folders(app: App, sync: _Sync, folders: list[_Folder], report: CycleReport,
                  progress: Progress | None, stop: threading.Event | None = None) -> None:
    if stop is not None:
        app.mail.interrupt = stop.is_set  # a source that retries a broken server stops retrying
    done = 0
    total: int | None = None
    while folders and not (stop is not None and stop.is_set()):
        for f in [f for f in folders if not f.pending and f.more]:
            try:
                ok = _fetch(app, sync, f, report)
            except SourceUnreachable:
                for other in folders:
                    # A folder with more to read, or with messages fetched and held back until
                    # the others caught up (they are read again next time: nothing is lost).
                    if other is not f and (other.more or other.pending):
                        held = f", {len(other.pending)} fetched held back" if other.pending else ""
                        report.unread_folders.append(
                            f"folder {other.name}: not read in full, the server could not be reached{held}")
                        if other.pending:
                            log.info("mail.held_back", folder=other.name, messages=len(other.pending))
                folders.clear()
                break
            if not ok:
                folders.remove(f)
        if progress is not None:
            known = [f.remaining for f in folders if f.more]
            total = None if any(r is None for r in known) else report.fetched + sum(r or 0 for r in known)
            progress(done, total)
        open_ = [f for f in folders if f.more and f.pending]
        horizon = min(max(m.date for m in f.pending) for f in open_) if open_ else None
        ready: list[Message] = []
        for f in folders:
            take = f.pending if horizon is None else [m for m in f.pending if m.date <= horizon]
            f.pending = [] if horizon is None else [m for m in f.pending if m.date > horizon]
            ready.extend(take)
        ready.sort(key=lambda m: m.date)
        # Replies to briefs are obeyed here (triage gives them no items); each is recorded once
        # by Message-ID, so a cycle run again, or a copy in another folder, changes nothing twice.
        obeyed = replies.handle(app, [m for m in ready if m.is_brief_reply])
        owner = app.settings.owner_email.strip().lower()
        for m in ready:
            if m.is_brief_reply and m.sender.email.strip().lower() != owner:
                replies.without_brief_lines(m, app.store)  # read as mail, without the brief it may hold
        report.replies += sum(1 for o in obeyed if o.status in ("applied", "undo"))
        step = None if progress is None else partial(_advance, progress, done, total)
        process_messages(app, ready, report, step, sync.prepared)
        for m in ready:
            sync.prepared.pop(id(m), None)  # skipped by triage, or a copy seen before
        done += len(ready)
        faults.point("graph.cursor")
        for f in list(folders):
            if not f.pending:
                if f.cursor:
                    app.store.set_cursor(f"mail:{f.name}", f.cursor)
                if not f.more:
                    folders.remove(f)
    if progress is not None:
        progress(done, done)


def sync_calendar(app: App, report: CycleReport) -> None:
    if app.calendar is None:
        return
    today = app.today()
    start, _ = day_span(today - timedelta(days=booking.CALENDAR_DAYS_BACK), app.settings.tz)
    _, end = day_span(today + timedelta(days=booking.CALENDAR_DAYS_AHEAD), app.settings.tz)
    try:
        read_at = app.clock().astimezone(UTC).isoformat(timespec="seconds")  # before the read: see booking
        events = app.calendar.events(start, end)
    except CalendarError as exc:
        log.info("calendar.unavailable", error=str(exc))  # the daemon logs the outage once
        report.problems.append(f"calendar: {exc}")
        report.down["calendar"] = str(exc)
        app.store.set_status("calendar", {"ok": False, "error": str(exc)})
        return
    app.store.replace_events(start, end, events)
    report.items_created += intake.read_calendar(app, events)
    kept_at_meetings(app, events)
    report.events = len(events)
    gap = app.calendar.incomplete
    if gap:
        # What was read is kept, but free time computed from part of a calendar is a guess.
        log.warning("calendar.incomplete", reason=gap)
        report.problems.append(f"calendar: {gap}")
    if app.calendar.skipped:
        # Each is logged with its reason; the rest of the calendar is whole, so it still counts.
        report.problems.append(f"calendar: {app.calendar.skipped} object(s) left out as too large to be an "
                               "invitation (see the log)")
    app.store.set_status("calendar", {"ok": not gap, "error": gap, "read_at": read_at})
    report.up.add("calendar")


# A promise kept in a meeting: "Happy to walk you through it on our call this afternoon", "I'll
# show you the demo at Thursday's meeting".
_AT_A_MEETING_RE = re.compile(r"\b(?:on|at|in|during)\s+(?:our|the|today's|tomorrow's|\w+day's)\s+(?:call|meeting|catch-?up|"
                              r"sync|session|check-?in|1:1|one-on-one|chat)\b|\bwhen we (?:meet|speak|talk)\b", re.I)


def _when_said(item: Item) -> datetime | None:
    try:
        said = datetime.fromisoformat(str(item.source.get("date") or ""))
    except ValueError:
        return None
    return said if said.tzinfo is not None else said.replace(tzinfo=UTC)


def kept_at_meetings(app: App, events: list[Event]) -> int:
    """Close the owner's promises to be kept in a meeting with the person promised ("I'll walk you
    through it on our call this afternoon") once that meeting, after the promise, has ended: the
    calendar is the evidence, quoted in the note, and the close is listed under handled. Returns
    how many were closed."""
    now = app.clock()
    owner = app.settings.owner_email.lower()
    ended = [e for e in events if not e.all_day and e.end <= now and e.attendees]
    closed = 0
    for event in ended:
        guests = {a.email.lower() for a in event.attendees} - {owner}
        for person in guests:
            for item in app.store.open_items_with(person, ("commitment",)):
                said = _when_said(item)
                if item.id is None or not _AT_A_MEETING_RE.search(item.evidence) or said is None or event.start < said:
                    continue
                when = event.start.astimezone(app.settings.tz).strftime("%a %d %b %H:%M")
                app.store.close_item(item.id, f"Closed: the meeting it was promised for took place: “{event.title}”, "
                                              f"{when}, with {person}")
                log.info("item.completed", item_id=item.id, kind=item.kind, meeting=event.uid)
                closed += 1
    return closed


def mail_problem(app: App) -> str:
    """Why some mail could not be read at the last sync, or ""."""
    status = app.store.status("mail")
    return "" if status is None or status["ok"] else str(status["error"])


def calendar_problem(app: App) -> str:
    """Why the stored calendar cannot be trusted for today's plan, or "" when it can."""
    if app.settings["calendar"]["backend"] == "none":
        return ""
    status = app.store.status("calendar")
    if status is None:
        return "it has not been read yet (run `focusd sync`)"
    return "" if status["ok"] else str(status["error"])


def goals(app: App) -> list[GoalRef]:
    return [GoalRef.from_row(r) for r in app.store.goals()]


def sync_goals(app: App) -> None:
    """The config's goals become the stored ones, so a goal added to the config counts at once."""
    app.store.sync_goals((g.title, g.weight, g.keywords, g.deadline) for g in app.settings.goals)


RERANK_CHUNK = 250  # items scored, then written, at a time: a day's first re-rank scores every open one


def _rank_mark(app: App, day: date, refs: list[GoalRef], weights: Weights) -> dict[str, Any]:
    """Everything a score depends on: the day, the items (the store counts changes to them),
    the goals and the weights."""
    return {"day": day.isoformat(), "items": app.store.items_version(),
            "goals": [[g.title, g.weight, list(g.keywords), g.deadline.isoformat() if g.deadline else None]
                      for g in sorted(refs, key=lambda g: g.title)],
            "weights": json.loads(json.dumps(asdict(weights)))}


def _ranked(app: App, mark: dict[str, Any]) -> bool:
    """Whether the stored scores are those ``mark`` would give: then nothing needs scoring."""
    last = app.store.status("rank")
    return last is not None and {k: last.get(k) for k in mark} == mark


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused. A re-rank and a brief read every open item: tens
    of thousands of short-lived objects and no reference cycles, which reference counting frees
    as usual; on a store of 10,000 open items the collector's passes over them cost a sixth of
    a brief's time (bench/planner.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def rerank(app: App) -> None:
    """Score the open items again, unless nothing a score depends on changed since the last
    time: the day, the goals, the ``[planner]`` weights and the items (the store counts changes
    to them). When only items changed, only those changed since are scored again (and the few
    tied to others by blocking): a cycle's cost follows its new mail, not every open item. Items
    are read a chunk at a time and only the scores that moved are written; what an item blocks
    counts once every open item has its own score."""
    with _collector_paused():
        _rerank(app)


def _rerank(app: App) -> None:
    sync_goals(app)
    today = app.today()
    app.store.wake_snoozed(today)
    app.store.unpin_before(today)
    refs = goals(app)
    weights = planner_weights(app)
    mark = _rank_mark(app, today, refs, weights)
    last = app.store.status("rank")
    if last is not None and {k: last.get(k) for k in mark} == mark:
        return
    matcher = Goals(refs)
    points: dict[int, float] = {}  # open items' own points: what a blocker is lifted above
    blockers: dict[int, Item] = {}  # scored last: their points depend on what they block
    own: dict[int, Scored] = {}  # the blockers' scores before that
    best: dict[str, float] = {}  # each goal's best score among items that are no blockers
    moved: list[tuple[int, float, list[tuple[str, float]], str | None]] = []
    partial = last is not None and isinstance(last.get("items"), int) and \
        all(last.get(k) == mark[k] for k in ("day", "goals", "weights"))
    items: Iterable[Item]
    if partial:
        # Same day, goals and weights: only the items changed since the last re-rank can score
        # differently, besides those tied to others by blocking (their scores depend on other
        # items). Every other open item keeps its stored score, which is its own points, and
        # is not read: a cycle's cost follows what changed, not how many items are open.
        since = int(last["items"])  # type: ignore[index]
        best = app.store.best_unchanged_by_goal(since)
        items = list(app.store.items_by_id(app.store.rank_candidates(since)))
        # When each was last changed, and which of the items they name as blockers are open.
        touched = app.store.touched_of({i.id for i in items if i.id is not None}
                                       | {b for i in items for b in i.blocked_by})
    else:
        touched = app.store.touched()
        items = app.store.iter_items(("open",), RERANK_CHUNK)
    for item in items:
        if item.id is None:
            continue
        new = explain(item, matcher, today, weights, open_ids=touched, touched=touched)
        points[item.id] = new.points
        if item.kind != "blocker" and new.goal and new.points > best.get(new.goal, float("-inf")):
            best[new.goal] = new.points
        if item.blocks or item.kind == "blocker":
            own[item.id] = new
            blockers[item.id] = item
        elif new != (item.score, item.contributions, item.goal):
            moved.append((item.id, *new))
        if len(moved) >= RERANK_CHUNK:
            app.store.set_scores(moved)
            moved = []
    # Only the blockers and what they block take part from here: a store of many thousand open
    # items keeps no score or title of every one in memory.
    if partial:  # the open items blockers name that were not scored again: their stored points
        points |= app.store.open_points({t for b in blockers.values() for t in b.blocks} - points.keys())
    targets = {t for b in blockers.values() for t in b.blocks if t in points}
    scored = {i: own.get(i) or Scored(points[i], [], None) for i in targets | set(blockers)}
    lifted = with_blocking(scored, {i: b.blocks for i, b in blockers.items() if b.blocks},
                           app.store.titles(targets), weights)
    lifted |= with_goal_blocking({i: lifted.get(i, scored[i]) for i, b in blockers.items() if b.kind == "blocker"},
                                 best, weights)
    for item_id, item in blockers.items():
        new = lifted.get(item_id, scored[item_id])
        if new != (item.score, item.contributions, item.goal):
            moved.append((item_id, *new))
    app.store.set_scores(moved)
    app.store.set_status("rank", mark)


def sync_once(app: App, progress: Progress | None = None, stop: threading.Event | None = None) -> CycleReport:
    """One cycle without the brief. ``progress`` hears (messages done, total when known); a
    set ``stop`` ends the mail sync after the round in hand (see :func:`sync_mail`)."""
    report = CycleReport()
    sync_mail(app, report, progress, stop)
    sync_calendar(app, report)
    rerank(app)
    report.blocks = booking.book(app)
    if report.blocks.refused:
        report.problems.append(f"the calendar refused focusd's focus blocks ({report.blocks.refused}): give focusd "
                               "write access to it, or set [focus].book = false to have times only suggested; "
                               f"until then times are suggested, and booking is tried again in "
                               f"{booking.WRITE_PAUSE.total_seconds() / 3600:.0f} hours")
    if app.store.outbox_pending():
        from agent import outbox

        for done in outbox.flush(app):
            if done.outcome == "failed":
                report.problems.append(f"the {done.row['kind']} could not be sent: {done.error}; it stays in the "
                                       "outbox and is retried")
                report.down["smtp"] = done.error
            elif done.delivered:
                report.up.add("smtp")
    log.info("cycle.done", fetched=report.fetched, new=report.new, duplicates=report.duplicates,
             skipped=report.skipped, unparseable=report.unparseable, failed=report.failed,
             clashes=report.clashes, items=report.items_created, events=report.events)
    return report


MAX_STALE = 3  # items asked about in one brief: a question or two a day, not a survey


def planner_weights(app: App) -> Weights:
    return Weights.from_settings(app.settings["planner"], app.settings["owner"]["working_days"])


def _mail_kind(app: App) -> str:
    """Which mail client's links the brief offers: Gmail's or Apple Mail's, by the account."""
    mail = app.settings["mail"]
    return mail_kind(mail.get("host") or "" if mail["backend"] == "imap" else "", bool(mail.get("google_token_file")))


def _planned(app: App, previous: dict[str, Any] | None, until: datetime) -> list[Block]:
    """The focus times the last sent brief planned: the blocks on the calendar or asked for
    since then, and the free times it suggested (kept in its data as sent)."""
    if previous is None:
        return []
    start, _ = day_span(date.fromisoformat(previous["date"]), app.settings.tz)
    out = app.store.blocks(start, until, states=("booked", "requested"))
    sent = json.loads(previous["json"]) if previous.get("json") else {}
    for row in sent.get("focus", []):
        when = row.get("focus_time") or {}
        if row.get("id") is not None and when.get("state") == "suggested":
            out.append(Block(int(row["id"]), datetime.fromisoformat(when["start"]), datetime.fromisoformat(when["end"])))
    return out


class _Upcoming:
    """The events from ``now`` to :data:`MEETING_HORIZON` ahead, for the focus items' next
    meetings: today's and tomorrow's are read already; the rest of the fortnight is read from
    the store only if a next meeting is looked for beyond them, and then once."""

    def __init__(self, app: App, now: datetime, near: list[Event], near_end: datetime) -> None:
        self.app, self.now, self.near_end = app, now, near_end
        self.near = _overlapping(near, now, near_end)
        self.far: list[Event] | None = None

    def __iter__(self) -> Iterator[Event]:
        yield from self.near
        if self.far is None:
            self.far = [e for e in self.app.store.events(self.near_end, self.now + MEETING_HORIZON)
                        if e.start >= self.near_end]  # one that began earlier is among the near ones
        yield from self.far


def _overlapping(events: list[Event], start: datetime, end: datetime) -> list[Event]:
    """The events overlapping [start, end), as ``Store.events`` would read them."""
    return [e for e in events if e.start < end and e.end > start]


def compose_brief(app: App, day: date) -> Brief:
    """The brief for ``day`` from the store. Read-only: booking is the cycle's own step, and
    the stale items it asks about are marked asked when it is delivered."""
    with _collector_paused():
        return _compose_brief(app, day)


@dataclass
class _Pick:
    """The open items a brief can show or refer to, in rank order; the items it asks about as
    stale; and per section, how many candidates were left out because they could not be shown."""

    items: list[Item]
    stale: list[Item]
    unlisted: dict[str, int]


def woken_for(app: App, day: date) -> frozenset[int]:
    """The items back from a snooze since the brief before ``day``'s (or on ``day``, with none)."""
    previous = app.store.last_sent_brief(day)
    since = date.fromisoformat(previous["date"]) + timedelta(days=1) if previous else day
    return frozenset(app.store.woken_since(min(since, day)))


def _pick_for_brief(app: App, day: date, known: Callable[[str], bool], weights: Weights,
                    touched: dict[int, str], keep: set[int]) -> _Pick:
    """What :func:`brief_mod.compose` would choose from every open item, read from the stored
    scores best first without holding them all: per section, only as many as it can show plus
    the lines other sections may take first, and the ids in ``keep`` (what the last brief
    planned). Strangers' promotional items come last (as :func:`ordered` puts them), so the
    scores are read twice: the others, then those."""
    from heapq import heappush, heappushpop

    suspicious = suspicious_mail(app)
    max_focus = app.settings["brief"]["max_focus"]
    horizon = day + timedelta(days=3)
    ahead = max_focus + MAX_STALE  # lines that focus and the stale questions may take first
    asked_before = app.store.asked_stale()
    aside = app.store.set_aside()
    woken = woken_for(app, day)
    kept: dict[int, tuple[int, Item]] = {}  # id -> (place in rank order, item)
    stale_heap: list[tuple[tuple[Any, ...], int, Item]] = []  # the MAX_STALE stalest, negated
    waiting_heap: list[tuple[tuple[Any, ...], int, Item]] = []  # the first waiting items, negated
    seen: Counter[str] = Counter()  # candidates per section, and per urgency group
    place = 0

    def neg(key: tuple[Any, ...]) -> tuple[Any, ...]:
        # heapq keeps the smallest on top: order by the key reversed to keep the smallest keys.
        return tuple(_Reversed(k) for k in key)

    demoted_ids: set[int] = set()  # met in the first read, taken in the second
    for low in (False, True):
        if low and not demoted_ids:
            break
        for item in app.store.open_by_score(only=demoted_ids if low else None):
            if item.id is None:
                continue
            if not low and demoted(item, known, suspicious):
                demoted_ids.add(item.id)
                continue
            place += 1
            if low:
                mark_demoted(item)
            take = item.id in keep or (item.pinned and item.kind != "waiting")
            if item.kind == "waiting":
                entry = (neg(brief_mod.waiting_order(item, aside)), place, item)
                seen["waiting"] += 1
                if len(waiting_heap) < brief_mod.MAX_PER_SECTION + MAX_STALE:
                    heappush(waiting_heap, entry)
                else:
                    heappushpop(waiting_heap, entry)
            else:
                seen["actionable"] += 1
                take = take or seen["actionable"] <= ahead
                if (item.due_date() or date.max) <= horizon or item.id in woken:
                    group = f"soon{brief_mod.soon_group(item, day, aside, woken)}"
                    seen[group] += 1
                    take = take or seen[group] <= brief_mod.MAX_PER_SECTION + ahead
                elif item.kind != "blocker":
                    seen["later"] += 1  # beyond focus, such an item is one of focus's "…and N more"
                if item.kind == "blocker":
                    seen["blocker"] += 1
                    take = take or seen["blocker"] <= 2 * brief_mod.MAX_PER_SECTION + ahead
            key = stale_key(item, day, weights, touched, asked_before)
            if key is not None:
                entry_s = (neg(key), place, item)
                if len(stale_heap) < MAX_STALE:
                    heappush(stale_heap, entry_s)
                else:
                    heappushpop(stale_heap, entry_s)
            if take:
                kept[item.id] = (place, item)
    for _, at, item in [*waiting_heap, *stale_heap]:
        kept[item.id or 0] = (at, item)
    items = [item for _, item in sorted(kept.values(), key=lambda p: p[0])]
    stale = [item for _, _, item in sorted(stale_heap, key=lambda e: e[0], reverse=True)]
    # Candidates of each section that were not kept: none of them could be shown, and each is
    # one of "…and N more".
    soon = sum(1 for i in items if i.kind != "waiting" and ((i.due_date() or date.max) <= horizon or i.id in woken))
    unlisted = {"due_soon": sum(v for k, v in seen.items() if k.startswith("soon")) - soon,
                "waiting": seen["waiting"] - sum(1 for i in items if i.kind == "waiting"),
                "blockers": seen["blocker"] - sum(1 for i in items if i.kind == "blocker"),
                "focus": seen["later"] - sum(1 for i in items if brief_mod.later(i, horizon, woken))}
    return _Pick(items, stale, unlisted)


class _Reversed:
    """A value that sorts in the reverse order of the one it wraps."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(self.value > other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


def brief_focus(app: App, day: date) -> list[Item]:
    """The items the brief for ``day`` lists as its focus, chosen as :func:`_compose_brief` chooses
    them: what it asks about as stale ("Still relevant?") is not focus, and gets no block."""
    weights = planner_weights(app)
    touched = app.store.touched()
    known = correspondents(app).known
    previous = app.store.last_sent_brief(day)
    now = app.now() if day == app.today() else datetime.combine(day, app.settings["brief"]["time"], app.settings.tz)
    planned = _planned(app, previous, now)
    chosen = _pick_for_brief(app, day, known, weights, touched,
                             {b.item_id for b in planned} | (brief_item_ids(previous) if previous else set()))
    asked = {i.id for i in chosen.stale}
    return booking.focus_items(app, day, [i for i in chosen.items if i.id not in asked])


def _compose_brief(app: App, day: date, pick: bool = True) -> Brief:
    """The brief for ``day``; ``pick`` False reads every open item at once (the reference the
    pick is tested against)."""
    sync_goals(app)
    tz = app.settings.tz
    now = app.now() if day == app.today() else datetime.combine(day, app.settings["brief"]["time"], tz)
    weights = planner_weights(app)
    touched = app.store.touched()
    refs = goals(app)
    known = correspondents(app).known
    previous = app.store.last_sent_brief(day)
    planned = _planned(app, previous, now)
    # The cycle's re-rank keeps every open item's score; when they are this day's, with these
    # goals and weights, they are used as stored rather than worked out again, and only what the
    # brief can show is read into memory.
    ranked = _ranked(app, _rank_mark(app, day, refs, weights))
    unlisted: dict[str, int] = {}
    if ranked and pick:
        chosen = _pick_for_brief(app, day, known, weights, touched,
                                 {b.item_id for b in planned} | (brief_item_ids(previous) if previous else set()))
        items, stale, unlisted = chosen.items, chosen.stale, chosen.unlisted
    else:
        open_items = app.store.items(("open",))
        items = (ordered(open_items, known, suspicious_mail(app)) if ranked
                 else rank(open_items, refs, day, known=known, weights=weights, touched=touched,
                           suspicious=suspicious_mail(app)))
        # An item untouched for weeks, or overdue past its grace, is asked about once instead of
        # sitting at the top: the brief numbers it so that `drop N` ends it.
        stale = stale_items(items, day, weights, touched, app.store.asked_stale())[:MAX_STALE]
    asked = {i.id for i in stale}
    start, end = day_span(day, tz)
    # One read of the calendar for today, tomorrow and each focus item's next meeting.
    tomorrow_start, tomorrow_end = day_span(day + timedelta(days=1), tz)
    window = app.store.events(min(start, now), max(tomorrow_end, now))
    events = _overlapping(window, start, end)
    max_focus = app.settings["brief"]["max_focus"]
    top = booking.focus_items(app, day, [i for i in items if i.id not in asked])
    # Free time read from a calendar that could not be read would be a guess over meetings.
    problem = calendar_problem(app)
    # Without a calendar there is no free time to speak of: suggesting some would be a guess.
    no_calendar = app.settings["calendar"]["backend"] == "none"
    blocks = [] if problem or no_calendar else booking.day_blocks(app, day, top, events)
    unblocked = "" if problem or no_calendar else booking.why_no_block(app, day, blocks)
    since = previous["sent_at"] if previous else (app.clock() - timedelta(days=1)).astimezone(UTC).isoformat(
        timespec="seconds")
    # What the owner dropped is not news to her; what the mail called off is.
    handled = [i for i in app.store.closed_since(since)
               if i.status == "done" or any(n.startswith("Called off by") for n in i.notes)]
    # An item asked about as stale is not also said to be re-planned for today.
    replans = [r for r in replanned(previous, planned, {i.id: i for i in items if i.id is not None}, now, tz)
               if r.item_id not in asked]
    aside = frozenset(app.store.set_aside())
    nudges = {k: v for k, v in followups(items, day).items() if k not in aside}  # asked once, not nudged daily
    for item in [*items, *handled]:
        if item.kind == "waiting":
            item.title = waiting_title(item)  # shown as owed: "Rachel: comments on the side letter"
    monday = datetime.combine(day - timedelta(days=day.weekday()), datetime.min.time(), tz).astimezone(UTC).isoformat()
    done = app.store.items_with_times(("done",), changed_since=monday)
    progress = progress_from(chain(_titled(app.store.iter_items(("open",), RERANK_CHUNK)) if ranked and pick
                                   else ((i, "") for i in items), ((i, changed) for i, _, changed in done)),
                             refs, monday, day, aside)
    kind = _mail_kind(app)
    upcoming = _Upcoming(app, now, window, max(tomorrow_end, now))
    inp = brief_mod.BriefInput(day=day, tz=tz, owner_name=app.settings["owner"]["name"],
                               owner_email=app.settings.owner_email,
                               items=items, events=events, max_focus=max_focus, blocks=blocks,
                               tomorrow=_overlapping(window, tomorrow_start, tomorrow_end),
                               handled=handled, first=previous is None,
                               context=lambda it: item_context(app.store, it, now, app.settings.owner_email, kind,
                                                               upcoming),
                               calendar_problem=problem, mail_problem=mail_problem(app), unblocked=unblocked,
                               replanned=replans, stale=stale, followups=nudges, progress=progress,
                               health=health.brief_lines(app, since), unlisted=unlisted, set_aside=aside,
                               woken=woken_for(app, day),
                               hour=now.astimezone(tz).hour)
    return brief_mod.compose(inp)


def _titled(items: Iterable[Item]) -> Iterator[tuple[Item, str]]:
    """Open items for goal progress, a waiting one under the title the brief gives it."""
    for item in items:
        if item.kind == "waiting":
            item.title = waiting_title(item)
        yield item, ""


def brief_message_id(token: str, owner_email: str) -> str:
    host = owner_email.rsplit("@", 1)[-1] or "focusd.invalid"
    return f"<focusd-brief.{token}@{host}>"


@dataclass
class SendResult:
    """What ``send_brief`` did: ``sent``, ``dry_run``, ``already_sent``, ``in_progress``,
    ``not_working_day`` (a day off: nothing sent), or ``failed`` (queued again: ``error``, and
    ``retry_at`` the next try)."""

    outcome: str
    brief: Brief
    sent_at: str = ""  # when it was delivered (UTC, ISO), for sent and already_sent
    via: str = ""  # where it went: an outbox folder, a server
    error: str = ""
    retry_at: datetime | None = None

    @property
    def sent(self) -> bool:
        return self.outcome == "sent"


def stored_brief(app: App, day: date) -> Brief | None:
    """The brief for ``day`` as it was sent (or queued to be), with its text, HTML and data,
    so the numbers a reply refers to are the ones shown; None when none was kept."""
    row = app.store.brief(day)
    if row is None or not row.get("text"):
        return None
    return Brief(date=day, subject=row["subject"], lines=[], text=row["text"], html=row["html"] or "",
                 sent_json=json.loads(row["json"]) if row.get("json") else None)


def send_brief(app: App, day: date, delays: tuple[float, ...] | None = None) -> SendResult:
    """Send the brief for ``day`` at most once. The brief is written to the outbox first; a
    send that fails stays queued and is retried (here on the next call, in the daemon each
    cycle) with the same Message-ID and content, and a send cut off by a crash is looked for in
    the mailbox before it goes again. A dry run composes it and keeps nothing."""
    from agent import outbox

    iso = day.isoformat()
    if not brief_mod.brief_day(day, app.settings["owner"]["working_days"], app.settings["brief"]["weekends"]):
        # A day off gets no brief ([brief].weekends asks for one); what it would say is shown.
        log.info("brief.not_working_day", date=iso)
        return SendResult("not_working_day", compose_brief(app, day))
    existing = app.store.brief(day)
    if existing and existing["sent_at"]:
        log.info("brief.already_sent", date=iso)
        return SendResult("already_sent", stored_brief(app, day) or compose_brief(app, day), existing["sent_at"],
                          existing.get("sent_via") or "")
    row = app.store.outbox_row("brief", iso)
    shown: Brief | None = None
    if row is None:
        if app.sender.dry_run:
            log.info("brief.dry_run", date=iso)
            return SendResult("dry_run", compose_brief(app, day))
        brief = compose_brief(app, day)
        token = secrets.token_urlsafe(18)
        mail = OutgoingMail(sender=app.from_address, to=[app.settings.owner_email], subject=brief.subject,
                            text=brief.text, html=brief.html, message_id=brief_message_id(token, app.settings.owner_email),
                            date=app.now())
        content = {"text": brief.text, "html": brief.html, "json": json.dumps(brief_mod.to_json(brief))}
        with app.store.write():
            if not app.store.claim_brief(day, token, mail.message_id or "", brief.subject, brief.line_map(), content):
                log.info("brief.in_progress", date=iso)
                return SendResult("in_progress", brief)
            row = outbox.queue(app, mail, "brief", iso)
        shown = brief
        faults.point("brief.queued")
    shown = shown or stored_brief(app, day) or compose_brief(app, day)
    done = outbox.attempt(app, row, delays)
    if done.outcome == "failed":
        log.warning("brief.send_failed", date=iso, retry_at=done.retry_at.isoformat() if done.retry_at else "")
        return SendResult("failed", shown, error=done.error, retry_at=done.retry_at)
    if not done.delivered:
        return SendResult("in_progress" if done.outcome == "in_progress" else done.outcome, shown)
    sent = app.store.brief(day) or {}
    log.info("brief.sent", date=iso, via=sent.get("sent_via") or "")
    outcome = "sent" if done.outcome == "sent" else "already_sent"
    return SendResult(outcome, shown, sent.get("sent_at") or "", sent.get("sent_via") or "")


# -- the weekly review ------------------------------------------------------------------------


def _planner_setting(app: App, key: str, default: int) -> int:
    """A ``[planner]`` number, or ``default`` where the config has none."""
    try:
        return int(app.settings["planner"][key])
    except (KeyError, TypeError):
        return default


def _review_rows(app: App, week: date) -> Iterator[tuple[Item, str, str]]:
    """What the review reads: every open or snoozed item, and the items done since the day
    before its week began (``gather`` places them by the owner's day). Dropped items, and
    items done in earlier weeks, which pile up for as long as focusd runs, are not read."""
    since = datetime.combine(week - timedelta(days=1), datetime.min.time(), app.settings.tz).astimezone(UTC)
    for statuses, changed in ((("open", "snoozed"), None), (("done",), since.isoformat())):
        for item, created, updated in app.store.iter_items_with_times(statuses, changed, chunk=200):
            if item.kind == "waiting":
                item.title = waiting_title(item)  # as the brief shows it: "Rachel: comments on the side letter"
            yield item, created, updated


def compose_review(app: App, week: date) -> review_mod.Review:
    """The weekly review of the ISO week whose Monday is ``week``, from the store, as seen
    today (a past week is seen as at its end). Read-only."""
    sync_goals(app)
    today = min(app.today(), week + timedelta(days=6))
    tz = app.settings.tz
    parts = review_mod.gather(_review_rows(app, week), week, today, tz, stale_days=_planner_setting(app, "stale_days", 14),
                              grace_days=_planner_setting(app, "overdue_grace_days", 3),
                              working=tuple(app.settings["owner"]["working_days"]))
    since = datetime.combine(week, datetime.min.time(), tz).astimezone(UTC).isoformat()
    progress = goal_progress(app.store, goals(app), since, today)
    inp = review_mod.ReviewInput(week=week, today=today, owner_name=app.settings["owner"]["name"],
                                 progress=progress, **parts)
    return review_mod.compose(inp)


@dataclass
class ReviewResult:
    """What ``send_review`` did: ``sent``, ``dry_run``, ``already_sent``, ``in_progress`` or
    ``failed`` (queued again: ``error``, ``retry_at``); ``text`` is the review as shown."""

    outcome: str
    subject: str
    text: str
    sent_at: str = ""
    via: str = ""
    error: str = ""
    retry_at: datetime | None = None


def send_review(app: App, week: date, delays: tuple[float, ...] | None = None) -> ReviewResult:
    """Send the weekly review of ``week`` (its Monday) at most once, through the outbox like the
    brief: kept in the store under kind ``review`` with its line map, so a reply to it (its
    Message-ID carries a token as a brief's does) steers the items it numbers."""
    from agent import outbox

    key = week.isoformat()
    existing = app.store.brief(week, "review")
    row = app.store.outbox_row("review", key)
    if existing and existing["sent_at"]:
        log.info("review.already_sent", week=key)
        return ReviewResult("already_sent", existing["subject"], existing.get("text") or "", existing["sent_at"],
                            existing.get("sent_via") or "")
    if row is None:
        review = compose_review(app, week)
        if app.sender.dry_run:
            log.info("review.dry_run", week=key)
            return ReviewResult("dry_run", review.subject, review.text)
        token = secrets.token_urlsafe(18)
        mail = OutgoingMail(sender=app.from_address, to=[app.settings.owner_email], subject=review.subject,
                            text=review.text, html=review.html,
                            message_id=brief_message_id(token, app.settings.owner_email), date=app.now())
        content = {"text": review.text, "html": review.html, "json": json.dumps(review_mod.to_json(review))}
        with app.store.write():
            if not app.store.claim_brief(week, token, mail.message_id or "", review.subject, review.line_map(),
                                         content, kind="review"):
                log.info("review.in_progress", week=key)
                return ReviewResult("in_progress", review.subject, review.text)
            row = outbox.queue(app, mail, "review", key)
    stored = app.store.brief(week, "review") or {}
    done = outbox.attempt(app, row, delays)
    if done.outcome == "failed":
        log.warning("review.send_failed", week=key)
        return ReviewResult("failed", stored.get("subject") or "", stored.get("text") or "", error=done.error,
                            retry_at=done.retry_at)
    if not done.delivered:
        return ReviewResult(done.outcome, stored.get("subject") or "", stored.get("text") or "")
    after = app.store.brief(week, "review") or {}  # the outbox marked it sent
    log.info("review.sent", week=key, via=after.get("sent_via") or "")
    return ReviewResult("sent" if done.outcome == "sent" else "already_sent", after.get("subject") or "",
                        after.get("text") or "", after.get("sent_at") or "", after.get("sent_via") or "")
