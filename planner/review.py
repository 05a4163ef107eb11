"""The weekly review: what got done, what slipped and why, progress per goal, what is due next
week, and stale items to drop. Pure: data in, text, HTML and JSON out.

Item lines are numbered (slipped, due next week, stale), so a reply such as ``drop 3`` works on
the review as on a brief; :meth:`Review.line_map` is what the store keeps for that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import jinja2

from planner.models import GoalProgress, Item
from planner.priority import working_days_after

SECTIONS = (("slipped", "What slipped"), ("due_next", "Due next week"),
            ("stale", "Still relevant? Reply `drop N` to let go"))
MAX_DONE = 15  # done items listed by title; more are counted
# Lines per section: a month of unanswered asks must not make a review no one reads (or a store
# that grows by a megabyte a week). The oldest stale items come first; the rest are counted.
MAX_LINES = 10
MORE_HINT = "`focusd items` lists them all"
REPLY_HELP = "Reply to steer, one command a line: drop 3 · done 1 · snooze 2 monday · due 4 friday · undo"
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
    undefined=jinja2.StrictUndefined)


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week: the key a review is kept under."""
    return day - timedelta(days=day.weekday())


def parse_week(text: str) -> date:
    """``YYYY-Www`` (ISO week) -> its Monday; ValueError when it is not one."""
    return datetime.strptime(text.strip() + "-1", "%G-W%V-%u").date()


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _local_day(iso: str, tz: tzinfo) -> date | None:
    try:
        return datetime.fromisoformat(iso).astimezone(tz).date()
    except ValueError:
        return None


@dataclass
class ReviewInput:
    """What the review says, chosen by :func:`gather` (or by hand in tests)."""

    week: date  # its Monday
    today: date
    owner_name: str
    done: list[Item] = field(default_factory=list)
    slipped: list[tuple[Item, str]] = field(default_factory=list)  # (item, why)
    progress: list[GoalProgress] = field(default_factory=list)
    due_next: list[tuple[Item, str]] = field(default_factory=list)  # (item, when)
    stale: list[tuple[Item, str]] = field(default_factory=list)  # (item, why)
    # Per section, the rows past the first MAX_LINES that gather left out: counted only.
    unlisted: dict[str, int] = field(default_factory=dict)


def gather(items: Iterable[tuple[Item, str, str]], week: date, today: date, tz: tzinfo, stale_days: int = 14,
           grace_days: int = 3, working: tuple[int, ...] = (0, 1, 2, 3, 4)) -> dict[str, Any]:
    """Sort (item, created_at, updated_at) rows into the review's parts for ``week`` (its
    Monday), as seen on ``today``: done that week; slipped (due that week before today and not
    done, or snoozed past it); due next week; stale (overdue more than ``grace_days`` working
    days before the week, or untouched for ``stale_days``)."""
    end, next_end = week + timedelta(days=7), week + timedelta(days=14)
    done: list[Item] = []
    # Each section keeps only the lines the review can show; the rest are counted (a store of
    # thousands of stale items is not held in memory to list ten).
    slipped = _First(lambda r: (r[0].due or "", r[0].id or 0))
    due_next = _First(lambda r: (r[0].due or "", -(r[0].score or 0.0)))
    # Oldest first: the longest overdue or untouched are the likeliest to drop, and a long list
    # shows only its first lines.
    stale = _First(lambda r: (r[2], r[0].id or 0))
    for item, _created, updated in items:
        due = item.due_date()
        touched = _local_day(updated, tz)
        if item.status == "done":
            # Closed by a mail, the work was done the day that mail was written, not the day a
            # sync read it (Friday's delivery read on Monday is Friday's week).
            finished = _closed_by_mail_on(item) or touched
            if finished is not None and week <= finished < end and finished <= today:
                done.append(item)
            continue
        if item.status not in ("open", "snoozed"):
            continue
        if due is not None and week <= due < min(today, end):
            why = (f"due {_day(due)}, snoozed to {_day(date.fromisoformat(item.snoozed_until[:10]))}"
                   if item.status == "snoozed" and item.snoozed_until else f"due {_day(due)}, still open")
            slipped.add((item, why))
        elif due is not None and end <= due < next_end:
            due_next.add((item, _day(due)))
        elif item.status == "open" and due is not None and due < week \
                and working_days_after(due, today, working) > grace_days:
            stale.add((item, f"overdue since {_day(due)}", due))
        elif item.status == "open" and touched is not None and (today - touched).days >= stale_days:
            stale.add((item, f"untouched since {_day(touched)}", touched))
    return {"done": done, "slipped": slipped.rows(), "due_next": due_next.rows(),
            "stale": [(item, why) for item, why, _ in stale.rows()],
            "unlisted": {"slipped": slipped.dropped, "due_next": due_next.dropped, "stale": stale.dropped}}


class _First:
    """The first ``MAX_LINES`` rows by ``key`` of those added (ties in the order added, as a
    stable sort of them all would give), and how many others were dropped."""

    def __init__(self, key: Callable[[Any], Any]) -> None:
        self.key = key
        self._rows: list[Any] = []
        self.dropped = 0

    def add(self, row: Any) -> None:
        self._rows.append(row)
        if len(self._rows) >= 4 * MAX_LINES:
            self._trim()

    def _trim(self) -> None:
        self._rows.sort(key=self.key)
        self.dropped += max(0, len(self._rows) - MAX_LINES)
        del self._rows[MAX_LINES:]

    def rows(self) -> list[Any]:
        self._trim()
        return self._rows


@dataclass
class ReviewLine:
    line: int
    section: str  # slipped | due_next | stale
    item: Item
    note: str  # why it slipped, when it is due, why it is stale


@dataclass
class Review:
    week: date
    subject: str
    lines: list[ReviewLine]
    done: list[Item]
    progress: list[GoalProgress]
    text: str = ""
    html: str = ""
    more: dict[str, int] = field(default_factory=dict)  # section -> items past MAX_LINES, counted only

    def line_map(self) -> dict[int, int]:
        """Review line number -> item id, for replies."""
        return {rl.line: rl.item.id for rl in self.lines if rl.item.id is not None}

    @property
    def iso_week(self) -> str:
        year, number, _ = self.week.isocalendar()
        return f"{year}-W{number:02d}"


_CLOSED_ON_RE = re.compile(r"^Closed by \S+'s mail of (\d{4}-\d{2}-\d{2}) ")


def _closed_by_mail_on(item: Item) -> date | None:
    """The day of the mail that closed ``item``, from its completion note, or None."""
    for note in reversed(item.notes):
        if found := _CLOSED_ON_RE.match(note):
            return date.fromisoformat(found.group(1))
    return None


def progress_line(p: GoalProgress) -> str:
    """"Fundraise: 2 items done, Rachel answered. Next: Send Maria the deck"."""
    late = f" Its date, {p.passed:%a} {p.passed.day} {p.passed:%b}, has passed." if p.passed else ""
    if not p.moved and not p.next:
        return f"{p.goal}: nothing moved, and no open item moves it forward.{late}"
    moved = ", ".join(p.moved) if p.moved else "nothing moved"
    nxt = f" Next: {p.next}" if p.next else ""
    if nxt and late and not nxt.endswith((".", "…", "?", "!")):
        nxt += "."
    return f"{p.goal}: {moved}.{nxt}{late}"


def compose(inp: ReviewInput) -> Review:
    """The review of ``inp.week`` with its text and HTML."""
    lines: list[ReviewLine] = []
    more: dict[str, int] = {}
    total: dict[str, int] = {}
    for section, pairs in (("slipped", inp.slipped), ("due_next", inp.due_next), ("stale", inp.stale)):
        for item, note in pairs[:MAX_LINES]:
            lines.append(ReviewLine(len(lines) + 1, section, item, note))
        total[section] = len(pairs) + inp.unlisted.get(section, 0)
        if total[section] > MAX_LINES:
            more[section] = total[section] - MAX_LINES
    number = inp.week.isocalendar()[1]
    subject = (f"Week {number} review: {len(inp.done)} done, {total['slipped']} slipped"
               + (f", {total['stale']} to drop?" if total["stale"] else ""))
    review = Review(week=inp.week, subject=subject, lines=lines, done=list(inp.done), progress=list(inp.progress),
                    more=more)
    review.text = render_text(review, inp)
    review.html = render_html(review, inp)
    return review


def _span(inp: ReviewInput) -> str:
    last = min(inp.today, inp.week + timedelta(days=6))
    return f"{_day(inp.week)} – {_day(last)}"


def render_text(review: Review, inp: ReviewInput) -> str:
    number = review.week.isocalendar()[1]
    out = [f"Week {number} review for {inp.owner_name} ({_span(inp)})", ""]
    out.append(f"Done this week ({len(review.done)})")
    out += [f"- {i.title}" for i in review.done[:MAX_DONE]] or ["- nothing marked done"]
    if len(review.done) > MAX_DONE:
        out.append(f"- … and {len(review.done) - MAX_DONE} more")
    out.append("")
    if review.progress:
        out.append("Goals")
        out += [f"- {progress_line(p)}" for p in review.progress]
        out.append("")
    for section, heading in SECTIONS:
        mine = [rl for rl in review.lines if rl.section == section]
        if not mine:
            continue
        out.append(heading)
        out += [f"{rl.line:>2}. {rl.item.title} ({rl.note})" for rl in mine]
        if review.more.get(section):
            out.append(f"    … and {review.more[section]} more: {MORE_HINT}")
        out.append("")
    # The commands refer to numbered lines: a review without any has none to offer.
    out += ["--", REPLY_HELP] if review.lines else []
    return "\n".join(out) + "\n"


def render_html(review: Review, inp: ReviewInput) -> str:
    number = review.week.isocalendar()[1]
    sections = [(heading, [rl for rl in review.lines if rl.section == section], review.more.get(section, 0))
                for section, heading in SECTIONS]
    return _TEMPLATES.get_template("review.html").render(
        subject=review.subject, heading=f"Week {number} review", span=_span(inp), owner=inp.owner_name,
        done=review.done[:MAX_DONE], more_done=max(0, len(review.done) - MAX_DONE),
        progress=[progress_line(p) for p in review.progress],
        sections=[(h, rows, n) for h, rows, n in sections if rows], more_hint=MORE_HINT,
        help=REPLY_HELP if review.lines else "")


def to_json(review: Review) -> dict[str, Any]:
    """The review as data."""
    out: dict[str, Any] = {"week": review.iso_week, "monday": review.week.isoformat(), "subject": review.subject,
                           "done": [i.to_json() for i in review.done[:MAX_DONE]], "done_count": len(review.done),
                           "more": dict(review.more),
                           "progress": [{"goal": p.goal, "moved": list(p.moved), "next": p.next}
                                        | ({"passed": p.passed.isoformat()} if p.passed else {})
                                        for p in review.progress]}
    for section, _ in SECTIONS:
        out[section] = [rl.item.to_json() | {"line": rl.line, "note": rl.note}
                        for rl in review.lines if rl.section == section]
    return out
