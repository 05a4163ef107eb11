"""The focus planner: where blocks go, and how they follow the plan and the owner's choices."""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from connectors.types import Attendee, Event
from planner.focus import Changes, FocusRules, busy_all_day, busy_spans, explicit, place, reconcile
from planner.models import Block
from tests.conftest import ROOT

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2026, 11, 19)  # a Thursday
OWNER = "ada@example.com"
RULES = FocusRules(time(9), time(17), 90, 3, LONDON, owner_email=OWNER)
MORNING = datetime(2026, 11, 19, 7, 0, tzinfo=LONDON)


def at(h: int, m: int = 0, day: date = DAY, tz: ZoneInfo = LONDON) -> datetime:
    return datetime(day.year, day.month, day.day, h, m, tzinfo=tz)


def meeting(uid: str, start: tuple[int, int], end: tuple[int, int], day: date = DAY, **kw: object) -> Event:
    return Event(uid, "Review", at(*start, day=day), at(*end, day=day), **kw)  # type: ignore[arg-type]


def wall(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(b.start.strftime("%H:%M"), b.end.strftime("%H:%M")) for b in blocks]


def real_minutes(block: Block) -> float:
    return (block.end.astimezone(UTC) - block.start.astimezone(UTC)) / timedelta(minutes=1)


class World:
    """The store and the calendar as the agent keeps them: it applies what reconcile asks, and
    the owner edits the calendar between cycles."""

    def __init__(self, meetings: list[Event] | None = None) -> None:
        self.stored: dict[int | None, Block] = {}
        self.calendar: dict[str, Event] = {}
        self.meetings = list(meetings or [])
        self.rows = 0

    def cycle(self, top: list[int], open_ids: list[int] | None = None, now: datetime = MORNING,
              rules: FocusRules = RULES) -> Changes:
        start, end = at(0), at(0, day=DAY + timedelta(days=1))
        today = [b for b in self.stored.values() if start <= b.start < end]
        ours = [e for e in self.calendar.values() if start <= e.start < end]
        return reconcile(DAY, top, top if open_ids is None else open_ids, today, dict(self.calendar),
                         [*self.meetings, *ours], rules, now)

    def apply(self, changes: Changes) -> None:
        for block in [*changes.dismiss, *changes.adopt]:
            self.stored[block.id] = block
        for block in changes.delete:
            del self.stored[block.id]
            self.calendar.pop(block.uid, None)
        for old, new in changes.move:
            self.stored[new.id] = new
            self.calendar[new.uid] = replace(self.calendar[old.uid], start=new.start, end=new.end)
        for block in changes.create:
            self.rows += 1
            uid = f"focus-{self.rows}"
            self.stored[self.rows] = replace(block, state="booked", uid=uid, id=self.rows)
            self.calendar[uid] = Event(uid, "Focus", block.start, block.end, focusd_item=block.item_id)

    def block_of(self, item_id: int) -> Block:
        return next(b for b in self.stored.values() if b.item_id == item_id)


# -- what takes time ---------------------------------------------------------------------------

def test_declined_all_day_transparent_and_own_blocks_take_no_time_and_the_buffer_pads() -> None:
    events = [
        meeting("a", (10, 0), (11, 0)),
        meeting("b", (11, 5), (11, 30)),  # within the buffer of a: merged with it
        meeting("c", (13, 0), (14, 0), attendees=[Attendee("Ada@Example.com", status="declined")]),
        Event("d", "Dad's birthday", at(0), at(0, day=DAY + timedelta(days=1)), all_day=True, busy=False),
        meeting("e", (14, 0), (15, 0), busy=False),
        meeting("f", (15, 0), (16, 0), focusd_item=7),
        meeting("g", (16, 0), (16, 30), attendees=[Attendee(OWNER, status="tentative")]),
        meeting("h", (10, 0), (11, 0), day=DAY + timedelta(days=2)),  # another day
    ]
    spans = busy_spans(DAY, events, RULES)
    assert spans == [(at(9, 50).astimezone(UTC), at(11, 40).astimezone(UTC)),
                     (at(15, 50).astimezone(UTC), at(16, 40).astimezone(UTC))]
    assert all(s.tzinfo is UTC for span in spans for s in span)


def test_blocks_go_in_rank_order_into_the_earliest_windows_around_meetings_with_the_buffer() -> None:
    events = [meeting("a", (10, 0), (11, 0))]
    assert wall(place(DAY, [5, 3, 8], events, RULES, MORNING)) == [("11:15", "12:45"), ("12:45", "14:15"),
                                                                   ("14:15", "15:45")]
    assert [b.item_id for b in place(DAY, [5, 3, 8], events, RULES, MORNING)] == [5, 3, 8]
    # Ten minutes free before a meeting is room enough: the block ends where the buffer starts.
    assert wall(place(DAY, [1], [meeting("a", (10, 40), (11, 0))], RULES, MORNING)) == [("09:00", "10:30")]
    assert wall(place(DAY, [1], [meeting("a", (10, 35), (11, 0))], RULES, MORNING)) == [("11:15", "12:45")]
    no_buffer = replace(RULES, buffer=0)
    assert wall(place(DAY, [1], [meeting("a", (10, 0), (11, 0))], no_buffer, MORNING)) == [("11:00", "12:30")]


def test_declined_all_day_and_free_events_leave_the_morning_open() -> None:
    events = [meeting("c", (9, 0), (12, 0), attendees=[Attendee(OWNER, status="declined")]),
              Event("d", "Dad's birthday", at(0), at(0, day=DAY + timedelta(days=1)), all_day=True, busy=False),
              Event("o", "Offsite", at(0), at(0, day=DAY + timedelta(days=1)), all_day=True,
                    attendees=[Attendee(OWNER, status="declined")]),
              meeting("e", (9, 0), (12, 0), busy=False)]
    assert wall(place(DAY, [1], events, RULES, MORNING)) == [("09:00", "10:30")]
    assert busy_all_day(DAY, events, RULES) == []


def test_a_busy_all_day_event_takes_the_whole_day_and_only_its_days() -> None:
    """"Out of office" or an offsite, marked busy as calendar apps mark it when the owner says
    so: no focus block is placed on its days, and the days around it are untouched."""
    away = Event("o", "Out of office", at(0), at(0, day=DAY + timedelta(days=2)), all_day=True)
    assert place(DAY, [1], [away], RULES, MORNING) == []
    assert place(DAY + timedelta(days=1), [1], [away], RULES, None) == []
    assert busy_all_day(DAY, [away], RULES) == [away]
    before = DAY - timedelta(days=1)
    after = DAY + timedelta(days=2)  # Saturday, the day it ends (exclusive)
    assert busy_all_day(before, [away], RULES) == [] and busy_all_day(after, [away], RULES) == []
    assert wall(place(before, [1], [away], RULES, None)) == [("09:00", "10:30")]


def test_at_most_max_blocks_counting_blocks_already_there_and_dismissed_ones() -> None:
    assert len(place(DAY, [1, 2, 3, 4, 5], [], RULES, MORNING)) == 3
    taken = [(at(9), at(10, 30))]
    assert wall(place(DAY, [1, 2, 3], [], RULES, MORNING, taken)) == [("10:30", "12:00"), ("12:00", "13:30")]
    assert wall(place(DAY, [1, 2, 3], [], RULES, MORNING, taken, spent=1)) == [("10:30", "12:00")]
    assert place(DAY, [1], [], RULES, MORNING, taken, spent=2) == []


def test_never_in_the_past_starting_on_the_next_quarter_hour() -> None:
    assert wall(place(DAY, [1], [], RULES, at(10, 5))) == [("10:15", "11:45")]
    assert wall(place(DAY, [1], [], RULES, at(10, 0))) == [("10:00", "11:30")]
    assert wall(place(DAY, [1], [], RULES, at(10, 1))) == [("10:15", "11:45")]
    odd = replace(RULES, earliest=time(9, 10), minutes=50)  # the quarter hours hold between blocks too
    assert wall(place(DAY, [1, 2], [], odd, MORNING)) == [("09:15", "10:05"), ("10:15", "11:05")]


def test_nothing_when_now_is_after_latest_or_the_day_is_too_short() -> None:
    assert place(DAY, [1], [], RULES, at(17, 30)) == []
    assert place(DAY, [1], [], RULES, at(15, 31)) == []  # 15:45 + 90 minutes ends after 17:00
    assert wall(place(DAY, [1], [], RULES, at(15, 30))) == [("15:30", "17:00")]


def test_no_blocks_on_a_day_off() -> None:
    saturday = date(2026, 11, 21)
    assert place(saturday, [1], [], RULES, None) == []
    assert len(place(saturday, [1], [], replace(RULES, working_days=(5,)), None)) == 1


def test_the_same_inputs_give_the_same_blocks() -> None:
    rng = random.Random(8)
    events = [meeting(f"m{k}", (h, m), (h + 1, m)) for k, (h, m) in
              enumerate((rng.randrange(8, 16), rng.choice((0, 15, 30, 45))) for _ in range(6))]
    first = place(DAY, [4, 1, 9], events, RULES, MORNING)
    for _ in range(5):
        rng.shuffle(events)
        assert place(DAY, [4, 1, 9], events, RULES, MORNING) == first
    assert all(b.start.minute % 15 == 0 and b.start.tzinfo is LONDON for b in first)


def test_a_block_never_overlaps_a_busy_span_or_another_block() -> None:
    rng = random.Random(3)
    for _ in range(200):
        events = [meeting(f"m{k}", (h, m), (h, m + 20)) for k, (h, m) in
                  enumerate((rng.randrange(7, 18), rng.choice((0, 10, 25, 35))) for _ in range(rng.randrange(6)))]
        taken = [(at(h), at(h, 45)) for h in rng.sample(range(9, 17), 2)]
        rules = replace(RULES, minutes=rng.choice((30, 45, 60, 90)), max_blocks=8)
        blocks = place(DAY, list(range(6)), events, rules, MORNING, taken)
        spans = busy_spans(DAY, events, rules) + [(s.astimezone(UTC), e.astimezone(UTC)) for s, e in taken]
        mine = [(b.start.astimezone(UTC), b.end.astimezone(UTC)) for b in blocks]
        for k, (s, e) in enumerate(mine):
            assert at(9) <= s and e <= at(17) and s.minute % 15 == 0
            assert not any(bs < e and s < be for bs, be in spans + mine[:k])


# -- daylight saving ---------------------------------------------------------------------------

@pytest.mark.parametrize(("tz", "day", "expected"), [
    (LONDON, date(2026, 3, 29), [("00:00", "02:30"), ("02:30", "04:00"), ("04:00", "05:30")]),
    (LONDON, date(2026, 10, 25), [("00:00", "01:30"), ("01:30", "02:00"), ("02:00", "03:30"), ("03:30", "05:00")]),
    (NEW_YORK, date(2026, 3, 8), [("00:00", "01:30"), ("01:30", "04:00"), ("04:00", "05:30")]),
    (NEW_YORK, date(2026, 11, 1), [("00:00", "01:30"), ("01:30", "02:00"), ("02:00", "03:30"), ("03:30", "05:00")]),
])
def test_blocks_are_real_minutes_with_the_right_clock_on_daylight_saving_days(
        tz: ZoneInfo, day: date, expected: list[tuple[str, str]]) -> None:
    rules = FocusRules(time(0), time(6), 90, 6, tz, tuple(range(7)))
    blocks = place(day, list(range(6)), [], rules, None)
    assert wall(blocks) == expected
    assert [real_minutes(b) for b in blocks] == [90.0] * len(expected)
    for before, after in zip(blocks, blocks[1:], strict=False):
        assert before.end.astimezone(UTC) == after.start.astimezone(UTC)
    # The window is the real length of the night: 5 hours in spring, 7 in autumn.
    assert len(expected) == (3 if day.month == 3 else 4)


def test_a_meeting_across_the_autumn_change_is_kept_clear_in_real_time() -> None:
    day = date(2026, 10, 25)
    rules = FocusRules(time(0), time(6), 60, 6, LONDON, tuple(range(7)), buffer=0)
    # 01:30 GMT, the second 01:30 of the night, is an hour after 01:30 BST.
    second = datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON)
    event = Event("m", "Call", second, second + timedelta(minutes=30))
    blocks = place(day, [1, 2, 3], [event], rules, None)
    utc = [(b.start.astimezone(UTC).strftime("%H:%M"), b.end.astimezone(UTC).strftime("%H:%M")) for b in blocks]
    assert utc == [("23:00", "00:00"), ("00:00", "01:00"), ("02:00", "03:00")]


# -- following the plan ------------------------------------------------------------------------

def test_a_second_cycle_with_no_change_books_moves_and_deletes_nothing() -> None:
    world = World([meeting("a", (10, 0), (11, 0))])
    first = world.cycle([1, 2, 3, 4])
    assert wall(first.create) == [("11:15", "12:45"), ("12:45", "14:15"), ("14:15", "15:45")]
    assert not (first.dismiss or first.adopt or first.delete or first.move)
    world.apply(first)
    second = world.cycle([1, 2, 3, 4], now=MORNING + timedelta(minutes=20))
    assert not second and second.create == second.move == second.delete == []


def test_a_meeting_moved_onto_a_block_moves_it_to_the_earliest_free_window() -> None:
    world = World()
    world.apply(world.cycle([1, 2]))
    assert wall([world.block_of(1), world.block_of(2)]) == [("09:00", "10:30"), ("10:30", "12:00")]
    world.meetings.append(meeting("late", (9, 30), (10, 0)))
    changes = world.cycle([1, 2])
    ((old, new),) = changes.move
    assert old == world.block_of(1) and new.id == old.id and new.uid == old.uid
    assert wall([new]) == [("12:00", "13:30")]
    assert not (changes.create or changes.delete or changes.dismiss or changes.adopt)
    world.apply(changes)
    assert not world.cycle([1, 2])


def test_a_moved_block_keeps_its_own_length() -> None:
    world = World()
    world.apply(world.cycle([1], rules=replace(RULES, minutes=60)))
    world.meetings.append(meeting("late", (9, 30), (10, 0)))
    ((_, new),) = world.cycle([1]).move
    assert wall([new]) == [("10:15", "11:15")]


def test_a_block_with_no_room_left_is_deleted_and_its_item_named() -> None:
    world = World()
    world.apply(world.cycle([1]))
    world.meetings.append(meeting("all", (9, 0), (17, 0)))
    changes = world.cycle([1])
    assert changes.delete == [world.block_of(1)] and changes.unplaced == [1] and not changes.move
    world.apply(changes)
    assert not world.cycle([1])


def test_a_block_deleted_by_the_owner_is_dismissed_and_not_booked_again_that_day() -> None:
    world = World()
    world.apply(world.cycle([1, 2], rules=replace(RULES, max_blocks=2)))
    del world.calendar[world.block_of(1).uid]
    changes = world.cycle([1, 2, 3], rules=replace(RULES, max_blocks=2))
    assert changes.dismiss == [replace(world.block_of(1), state="dismissed")]
    assert changes.create == []  # not item 1 again, and not item 3: the dismissed block counts
    world.apply(changes)
    assert not world.cycle([1, 2, 3], rules=replace(RULES, max_blocks=2))
    # With room for more, the time the owner freed may hold another item, never item 1.
    more = world.cycle([1, 2, 3])
    assert [b.item_id for b in more.create] == [3]


def test_a_block_moved_by_the_owner_the_same_day_is_adopted_and_never_moved() -> None:
    world = World()
    world.apply(world.cycle([1]))
    uid = world.block_of(1).uid
    world.calendar[uid] = replace(world.calendar[uid], start=at(15), end=at(16, 30))
    changes = world.cycle([1])
    assert changes.adopt == [replace(world.block_of(1), start=at(15), end=at(16, 30), owner_set=True)]
    assert not (changes.move or changes.create or changes.delete)
    world.apply(changes)
    assert not world.cycle([1])
    world.meetings.append(meeting("onto", (15, 30), (16, 0)))  # a meeting on it: the owner's choice stands
    assert not world.cycle([1])


def test_a_block_moved_by_the_owner_to_another_day_leaves_today_and_is_not_booked_again() -> None:
    world = World()
    world.apply(world.cycle([1, 2], rules=replace(RULES, max_blocks=2)))
    uid = world.block_of(1).uid
    tomorrow = DAY + timedelta(days=1)
    world.calendar[uid] = replace(world.calendar[uid], start=at(9, day=tomorrow), end=at(10, 30, day=tomorrow))
    changes = world.cycle([1, 2, 3], rules=replace(RULES, max_blocks=2))
    assert [(b.item_id, b.start, b.owner_set) for b in changes.adopt] == [(1, at(9, day=tomorrow), True)]
    # Today's count freed one place: it goes to the next item, not back to item 1.
    assert [(b.item_id, wall([b])) for b in changes.create] == [(3, [("09:00", "10:30")])]
    world.apply(changes)
    assert not world.cycle([1, 2, 3], rules=replace(RULES, max_blocks=2))


def test_a_done_item_loses_its_future_block_and_keeps_its_past_one() -> None:
    world = World()
    world.apply(world.cycle([1, 2, 3]))  # 09:00, 10:30 and 12:00
    eleven = at(11)
    world.meetings.append(meeting("onto-past", (9, 0), (9, 30)))  # a past block is not moved either
    changes = world.cycle([], open_ids=[], now=eleven)
    assert changes.delete == [world.block_of(3)] and not changes.move and not changes.dismiss
    world.apply(changes)
    assert sorted(b.item_id for b in world.stored.values()) == [1, 2]  # past, and under way
    assert not world.cycle([], open_ids=[], now=eleven)


def test_a_block_under_way_is_not_moved_by_a_meeting() -> None:
    world = World()
    world.apply(world.cycle([1]))
    world.meetings.append(meeting("m", (10, 0), (10, 30)))
    assert not world.cycle([1], now=at(9, 30))


def test_a_calendar_block_the_store_does_not_know_holds_its_time_and_its_item() -> None:
    world = World()
    world.calendar["lost"] = Event("lost", "Focus", at(9), at(10, 30), focusd_item=1)
    changes = world.cycle([1, 2])
    assert [(b.item_id, wall([b])) for b in changes.create] == [(2, [("10:30", "12:00")])]


def test_the_same_instant_in_another_zone_is_no_move_but_the_second_one_thirty_is() -> None:
    day = date(2026, 10, 25)
    rules = FocusRules(time(0), time(6), 60, 2, LONDON, tuple(range(7)))
    first = datetime(2026, 10, 25, 1, 30, tzinfo=LONDON)
    stored = Block(1, first, first + timedelta(hours=1), "booked", "u", id=1)
    same = Event("u", "Focus", first.astimezone(UTC), (first + timedelta(hours=1)).astimezone(UTC), focusd_item=1)
    now = datetime(2026, 10, 24, 20, 0, tzinfo=LONDON)
    assert reconcile(day, [1], [1], [stored], {"u": same}, [same], rules, now).adopt == []
    # The same wall clock an hour later: equal to Python's same-zone comparison, yet moved.
    later = replace(same, start=first.replace(fold=1), end=(first + timedelta(hours=1)).replace(fold=1))
    adopted = reconcile(day, [1], [1], [stored], {"u": later}, [later], rules, now).adopt
    assert len(adopted) == 1 and adopted[0].start.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


# -- explicit blocks and rules -----------------------------------------------------------------

def test_an_explicit_block_is_exactly_where_the_owner_asked_and_owner_set() -> None:
    block = explicit(4, at(14, day=DAY + timedelta(days=1)), 90, RULES)
    assert block == Block(4, at(14, day=DAY + timedelta(days=1)), at(15, 30, day=DAY + timedelta(days=1)), owner_set=True)
    spring = explicit(4, datetime(2026, 3, 29, 0, 30, tzinfo=LONDON), 90, RULES)
    assert wall([spring]) == [("00:30", "03:00")] and real_minutes(spring) == 90
    for minutes in (14, 481):
        with pytest.raises(ValueError, match="15 to 480 minutes"):
            explicit(4, at(14), minutes, RULES)
    with pytest.raises(ValueError, match="naive"):
        explicit(4, datetime(2026, 11, 20, 14, 0), 90, RULES)


def test_rules_from_the_focus_section() -> None:
    rules = FocusRules.from_config({"earliest": "08:30", "latest": "16:00", "block_minutes": 60,
                                    "max_blocks_per_day": 2}, LONDON, [4, 0, 1], OWNER)
    assert rules == FocusRules(time(8, 30), time(16), 60, 2, LONDON, (0, 1, 4), 10, OWNER)
    assert FocusRules.from_config({"earliest": time(9), "latest": time(17), "block_minutes": 90,
                                   "max_blocks_per_day": 3, "buffer_minutes": 0}, LONDON, [0], "").buffer == 0


# -- the bench ---------------------------------------------------------------------------------

def test_the_placement_bench_runs_and_agrees_with_its_naive_baseline() -> None:
    done = subprocess.run([sys.executable, "bench/calendar.py", "--repeats", "1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "same blocks: yes" in done.stdout and "days with changes: 0" in done.stdout


def test_a_script_in_bench_still_gets_the_standard_calendar() -> None:
    done = subprocess.run([sys.executable, "-c", "import calendar; print(calendar.timegm((2026, 1, 1, 0, 0, 0)))"],
                          cwd=ROOT / "bench", capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "1767225600", done.stderr


def test_a_tagged_meeting_with_guests_takes_time_like_any_meeting() -> None:
    # An invitation can carry focusd's tag, and an owner can invite someone to a block: either
    # way it is a meeting, never free time to book over.
    board = meeting("board@x", (9, 0), (12, 0), focusd_item=7,
                    attendees=[Attendee("mallory@evil.example", status="accepted")])
    blocks = place(DAY, [1], [board], RULES, MORNING)
    assert wall(blocks) == [("12:15", "13:45")]
    ours = meeting("block@focusd", (9, 0), (12, 0), focusd_item=7)  # our own block is handled as a block
    assert wall(place(DAY, [1], [ours], RULES, MORNING)) == [("09:00", "10:30")]
