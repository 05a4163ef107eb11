"""Where focus blocks go, and how they follow the plan. Pure logic: no I/O, no store, no calendar.

Every instant is compared and added in UTC and converted to the owner's zone only for the
result, so a 90-minute block is 90 real minutes on a daylight-saving day too. (Two datetimes
that share a ``ZoneInfo`` compare and subtract by wall clock, which is wrong across a change.)
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from connectors.types import Event
from planner.models import Block

Span = tuple[datetime, datetime]  # [start, end) in UTC

QUARTER = 15 * 60
MIN_MINUTES, MAX_MINUTES = 15, 480
DEFAULT_BUFFER = 10
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FocusRules:
    """What a focus block may be. ``earliest``/``latest`` already hold the working hours."""

    earliest: time
    latest: time
    minutes: int
    max_blocks: int
    tz: tzinfo
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # 0 = Monday
    buffer: int = DEFAULT_BUFFER  # minutes kept free before and after a busy meeting
    owner_email: str = ""

    @classmethod
    def from_config(cls, focus: Mapping[str, Any], tz: tzinfo, working_days: Iterable[int],
                    owner_email: str = "") -> FocusRules:
        """Rules from the ``[focus]`` section (times as ``time`` or "HH:MM")."""
        return cls(earliest=_as_time(focus["earliest"]), latest=_as_time(focus["latest"]),
                   minutes=int(focus["block_minutes"]), max_blocks=int(focus["max_blocks_per_day"]),
                   tz=tz, working_days=tuple(sorted(set(working_days))),
                   buffer=int(focus.get("buffer_minutes", DEFAULT_BUFFER)), owner_email=owner_email)


@dataclass
class Changes:
    """What one cycle does so that a day's blocks follow the plan. Blocks carry the store's id.

    ``dismiss`` and ``adopt`` hold the blocks as they are to be stored; ``move`` (old, new);
    ``create`` new blocks to book; ``unplaced`` the items whose block found no room."""

    dismiss: list[Block] = field(default_factory=list)
    adopt: list[Block] = field(default_factory=list)
    delete: list[Block] = field(default_factory=list)
    move: list[tuple[Block, Block]] = field(default_factory=list)
    create: list[Block] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.dismiss, self.adopt, self.delete, self.move, self.create, self.unplaced))


def _as_time(value: time | str) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place in the plan")
    return moment.astimezone(UTC)


def _ceil_quarter(moment: datetime) -> datetime:
    """Up to the next quarter hour. Every zone's offset is a whole number of quarter hours, so
    a quarter hour in UTC is one on the owner's clock too."""
    seconds = (moment - _EPOCH) // timedelta(microseconds=1)
    step = QUARTER * 1_000_000
    return _EPOCH + timedelta(microseconds=-(-seconds // step) * step)


def _local(moment: datetime, rules: FocusRules) -> datetime:
    return moment.astimezone(rules.tz)


def _day_bounds(day: date, rules: FocusRules) -> Span:
    start = datetime.combine(day, time(0), tzinfo=rules.tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=rules.tz)
    return _utc(start), _utc(end)


def _window(day: date, rules: FocusRules, now: datetime | None) -> Span:
    """Where blocks may go on ``day``: [earliest, latest], from now on, starting on a quarter hour."""
    start = _utc(datetime.combine(day, rules.earliest, tzinfo=rules.tz))
    end = _utc(datetime.combine(day, rules.latest, tzinfo=rules.tz))
    if now is not None:
        start = max(start, _utc(now))
    return _ceil_quarter(start), end


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _takes_time(event: Event, rules: FocusRules) -> bool:
    # focusd's own blocks are handled as blocks; a tagged event with guests is a meeting (the
    # owner invited someone to a block, or an invitation carries the tag) and takes time.
    # An all-day event takes the day only when it is marked busy ("Out of office", "Offsite"):
    # calendar apps mark an all-day event free unless the owner says otherwise, as birthdays
    # and holidays on a shared calendar are.
    if not event.busy or (event.focusd_item is not None and not event.attendees):
        return False
    owner = rules.owner_email.lower()
    return not (owner and any(a.email.lower() == owner and a.status == "declined" for a in event.attendees))


def busy_spans(day: date, events: Iterable[Event], rules: FocusRules) -> list[Span]:
    """The time ``day``'s meetings take, in UTC, merged and sorted, padded by the buffer.

    Free (transparent) events, meetings the owner declined and focusd's own blocks (handled as
    blocks) take none; a busy all-day event takes the whole day."""
    day_start, day_end = _day_bounds(day, rules)
    pad = timedelta(minutes=rules.buffer)
    spans = []
    for event in events:
        if not _takes_time(event, rules):
            continue
        start, end = _utc(event.start) - pad, _utc(event.end) + pad
        if start < day_end and end > day_start:
            spans.append((start, end))
    return _merge(spans)


def _fit(window: Span, obstacles: Sequence[Span], minutes: int, count: int | None) -> list[Span]:
    """Up to ``count`` (None: any number of) spans of ``minutes``, earliest first, in the gaps ``obstacles`` (merged,
    sorted) leave inside ``window``, each starting on a quarter hour."""
    length = timedelta(minutes=minutes)
    w_start, w_end = window
    out: list[Span] = []
    cursor = w_start
    for o_start, o_end in [*obstacles, (w_end, w_end)]:
        if o_end <= cursor:
            continue
        gap_end = min(o_start, w_end)
        while (count is None or len(out) < count) and cursor + length <= gap_end:
            out.append((cursor, cursor + length))
            cursor = _ceil_quarter(cursor + length)
        if (count is not None and len(out) >= count) or o_start >= w_end:
            break
        cursor = max(cursor, _ceil_quarter(o_end))
    return out


def place(day: date, item_ids: Sequence[int], events: Iterable[Event], rules: FocusRules,
          now: datetime | None, taken: Iterable[Span] = (), spent: int = 0) -> list[Block]:
    """One suggested block per item, in rank order, in the earliest free windows on ``day``.

    ``taken``: spans of the blocks already there (they count toward ``max_blocks``); ``spent``:
    blocks the day counts that hold no time (the owner deleted them). Nothing on a day off, in
    the past, over a busy span or another block. The same inputs give the same blocks."""
    if day.weekday() not in rules.working_days:
        return []
    taken = [(_utc(s), _utc(e)) for s, e in taken]
    room = rules.max_blocks - len(taken) - spent
    if room <= 0 or not item_ids:
        return []
    obstacles = _merge([*busy_spans(day, events, rules), *taken])
    slots = _fit(_window(day, rules, now), obstacles, rules.minutes, min(room, len(item_ids)))
    return [Block(item_id, _local(s, rules), _local(e, rules)) for item_id, (s, e) in zip(item_ids, slots, strict=False)]


def _span(block: Block | Event) -> Span:
    return _utc(block.start), _utc(block.end)


def _overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def reconcile(day: date, top: Sequence[int], open_ids: Container[int], stored: Iterable[Block],
              calendar_blocks: Mapping[str, Event], events: Iterable[Event], rules: FocusRules,
              now: datetime) -> Changes:
    """What to do this cycle so that ``day``'s blocks follow the plan.

    ``top``: ranked items that want a block today; ``open_ids``: every open item; ``stored``: the
    store's blocks for the day; ``calendar_blocks``: every focusd block on the calendar by uid
    (any day of the synced range); ``events``: the day's events. The owner's choices stand: a
    deleted block is dismissed and its item not booked again that day, a moved block keeps the
    owner's time for good. Past blocks are never deleted or moved. Once the changes are applied,
    a second call returns none."""
    events = list(events)
    open_set = open_ids
    now_utc = _utc(now)
    day_start, day_end = _day_bounds(day, rules)
    busy = busy_spans(day, events, rules)
    changes = Changes()
    staying: list[Block] = []  # booked blocks that keep their time on this day
    to_move: list[Block] = []
    spent = 0  # dismissed blocks: they count toward max_blocks but hold no time
    has_block: set[int] = set()
    stored = sorted(stored, key=lambda b: (_span(b), b.item_id, b.uid))
    known = {b.uid for b in stored if b.uid}
    for block in stored:
        has_block.add(block.item_id)
        if block.state == "dismissed":
            spent += 1
            continue
        if not block.booked:
            continue
        event = calendar_blocks.get(block.uid)
        if event is None:
            changes.dismiss.append(replace(block, state="dismissed"))
            spent += 1
            continue
        if _span(event) != _span(block):
            block = replace(block, start=_local(event.start, rules), end=_local(event.end, rules), owner_set=True)
            changes.adopt.append(block)
        start, end = _span(block)
        if start > now_utc and block.item_id not in open_set:
            changes.delete.append(block)
        elif not (start < day_end and end > day_start):
            continue  # the owner moved it to another day: today neither holds nor counts it
        elif start > now_utc and not block.owner_set and _overlaps((start, end), busy):
            to_move.append(block)
        else:
            staying.append(block)
    # A focusd block the store does not know (another day's, or one it lost) is left alone; one
    # still ahead means its item has its time, and one on this day holds that time.
    foreign = [e for uid, e in sorted(calendar_blocks.items()) if uid not in known]
    for event in foreign:
        if event.focusd_item is not None and _utc(event.end) > now_utc:
            has_block.add(event.focusd_item)
    taken = [_span(b) for b in staying]
    taken += [_span(e) for e in foreign if _span(e)[0] < day_end and _span(e)[1] > day_start]
    window = _window(day, rules, now)
    for block in to_move:
        # It keeps its length: the block length set when it was booked may since have changed.
        minutes = int((_utc(block.end) - _utc(block.start)) / timedelta(minutes=1))
        slot = _fit(window, _merge([*busy, *taken]), minutes, 1)
        if not slot:
            changes.delete.append(block)
            changes.unplaced.append(block.item_id)
            continue
        new = replace(block, start=_local(slot[0][0], rules), end=_local(slot[0][1], rules))
        changes.move.append((block, new))
        taken.append(slot[0])
    wanted = [i for i in dict.fromkeys(top) if i not in has_block and i in open_set]
    changes.create = place(day, wanted, events, rules, now, taken, spent)
    return changes


def explicit(item_id: int, start: datetime, minutes: int, rules: FocusRules) -> Block:
    """The block the owner asked for by reply (``block N 90m tomorrow 14:00``): exactly then,
    and never moved. Whether ``start`` is in the past is the caller's check."""
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(f"a block is {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}")
    begin = _utc(start)
    return Block(item_id, _local(begin, rules), _local(begin + timedelta(minutes=minutes), rules), owner_set=True)


def free_slots(day: date, events: list[Event], tz: tzinfo, earliest: time, latest: time,
               minutes: int, now: datetime | None = None, owner_email: str = "") -> list[Span]:
    """Non-overlapping free windows of ``minutes`` on ``day``, earliest first, without a buffer."""
    rules = FocusRules(earliest, latest, minutes, max_blocks=0, tz=tz, buffer=0, owner_email=owner_email)
    window = _window(day, rules, now)
    slots = _fit(window, busy_spans(day, events, rules), minutes, None)
    return [(_local(s, rules), _local(e, rules)) for s, e in slots]


def plan_blocks(day: date, item_ids: list[int], events: list[Event], tz: tzinfo, earliest: time,
                latest: time, minutes: int, max_blocks: int, working_days: list[int],
                now: datetime | None = None, owner_email: str = "") -> list[tuple[int, datetime, datetime]]:
    """(item id, start, end) for the top items, one block each, at most ``max_blocks``: the
    cycle's call until it reconciles with :func:`reconcile`. focusd's blocks among ``events``
    hold their time without counting: the caller has taken them off ``max_blocks``. No buffer,
    as before: the buffer comes with :func:`reconcile`."""
    ours = [_span(e) for e in events if e.focusd_item is not None and not e.all_day]
    rules = FocusRules(earliest, latest, minutes, max_blocks + len(ours), tz, tuple(working_days),
                       buffer=0, owner_email=owner_email)
    return [(b.item_id, b.start, b.end) for b in place(day, item_ids, events, rules, now, ours)]


def busy_all_day(day: date, events: Iterable[Event], rules: FocusRules) -> list[Event]:
    """``day``'s all-day events that take its time: busy, and not declined by the owner."""
    day_start, day_end = _day_bounds(day, rules)
    return [e for e in events if e.all_day and _takes_time(e, rules)
            and _utc(e.start) < day_end and _utc(e.end) > day_start]
