"""The daily brief: a short morning note, numbered so the owner can reply to its lines.

Sections, in order: Today's focus, Today's meetings, Due soon and overdue, Waiting on others,
Blockers. Each section shows only what earns its place; empty sections are left out of the
text. A footer says how to steer it.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from connectors.types import Event
from planner.models import (
    Block,
    Brief,
    BriefLine,
    FollowUp,
    GoalProgress,
    Item,
    ItemContext,
    Meeting,
    Replan,
)
from planner.priority import display_name

SECTIONS = (("focus", "Today's focus"), ("meetings", "Today's meetings"), ("tomorrow", "Tomorrow's meetings"),
            ("due_soon", "Due soon and overdue"), ("waiting", "Waiting on others"), ("blockers", "Blockers"))
MAX_TOMORROW = 6  # tomorrow's meetings: enough to prepare, not a second calendar
MAX_AGENDA = 160  # characters of a meeting's description shown
MAX_PER_SECTION = 5
MAX_MEETINGS = 12  # a day fuller than this is told in a count, not a list
# The reply language's cheat sheet. No line of it is itself a command, so a reply that quotes
# the brief without quote marks still changes nothing.
REPLY_HELP = (
    "Reply to steer, one command a line; numbers are this brief's lines:",
    "  Items: done 2 · drop 3 · top 4 · snooze 1 monday · snooze 1 3d · due 2 friday · note 2 text",
    "  New: add: Call the lawyer by Friday · goal: Close the seed round by Dec 15",
    "  Time: block 1 90m tomorrow 14:00 (a focus block on your calendar)",
    "  Also: done 1-3 or done 1, 4 · undo (the last reply) · help",
)
FOOTER = "\n".join(REPLY_HELP)


@dataclass
class BriefInput:
    day: date
    tz: tzinfo
    owner_name: str
    owner_email: str
    items: list[Item]  # open items, ranked best first
    events: list[Event]  # today's events
    tomorrow: list[Event] = field(default_factory=list)  # tomorrow's events
    max_focus: int = 3
    handled: list[Item] = field(default_factory=list)
    first: bool = False  # no brief was sent before: "handled" covers the last day
    blocks: list[Block] = field(default_factory=list)  # booked, asked for by reply, or suggested
    related: Callable[[Item], list[dict[str, Any]]] | None = None
    calendar_problem: str = ""  # why the calendar could not be read; then no free time is suggested
    mail_problem: str = ""  # why some mail could not be read at the last sync
    unblocked: str = ""  # said beside a focus item that got no block, when blocks were looked for
    # Over days (see planner/models.py): each is rendered only when given.
    context: Callable[[Item], ItemContext] | None = None  # a focus item's context
    replanned: list[Replan] = field(default_factory=list)  # what changed since the last brief, and why
    stale: list[Item] = field(default_factory=list)  # asked about once: "still relevant? reply drop N"
    followups: dict[int, FollowUp] = field(default_factory=dict)  # waiting item id -> a nudge to copy
    progress: list[GoalProgress] = field(default_factory=list)  # one line per goal
    health: list[str] = field(default_factory=list)  # one line each for what is wrong


def _why(item: Item) -> str:
    """One sentence from the item's reasons: urgency first, then the goal, then people."""
    urgency: list[str] = []
    goal: list[str] = []
    people: list[str] = []
    rest: list[str] = []
    for r in item.reasons:
        if r.startswith(("due ", "overdue")):
            urgency.append(r)
        elif r.startswith("goal: "):
            goal.insert(0, f"moves “{r[6:]}” forward")
        elif r.startswith("goal deadline in "):
            goal.append(f"(goal due in {r[len('goal deadline in '):]})")
        elif r.endswith((" is waiting", " is late")):
            people.append(r)
        elif r in ("you promised it", "it blocks other work", "pinned for today"):
            rest.append({"pinned for today": "you pinned it for today"}.get(r, r))
    clauses = [*urgency, " ".join(goal), *people, *rest]
    clauses = [c for c in clauses if c]
    if not clauses:
        return ""
    text = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
    return text[0].upper() + text[1:] + "."


def _source_line(item: Item, tz: tzinfo) -> str:
    src = item.source
    who = display_name(src.get("from", ""))
    try:
        when = datetime.fromisoformat(src.get("date", "")).astimezone(tz).strftime("%a %d %b")
    except ValueError:
        when = ""
    subject = src.get("subject") or "(no subject)"
    return f"{who}, “{subject}”, {when}".strip(", ")


def _due_text(item: Item, day: date) -> str:
    due = item.due_date()
    if due is None:
        return ""
    left = (due - day).days
    if left < 0:
        return f"overdue since {due.strftime('%a %d %b')}"
    if left == 0:
        return "due today"
    if left == 1:
        return "due tomorrow"
    return f"due {due.strftime('%a %d %b')}"


_GENERIC_MEETING_WORDS = frozenset("call with meeting sync team standup stand weekly daily review check "
                                   "update prep planning round moved".split())


def _related_to_meeting(event: Event, items: list[Item], owner_domain: str) -> list[int]:
    """Items with someone from outside the owner's company in the meeting, or that share a
    word of the meeting's title: what to have in mind when walking in."""
    attendees = {a.email for a in event.attendees} | ({event.organizer} if event.organizer else set())
    outside = {a for a in attendees if a and not a.endswith("@" + owner_domain)}
    words = _topic_words(event.title)
    out = []
    for item in items:
        if item.id is None:
            continue
        text = f"{item.title} {item.source.get('subject', '')}".lower()
        if item.counterparty in outside or any(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
            out.append(item.id)
    return out


def _topic_words(title: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]{4,}", title.lower())) - _GENERIC_MEETING_WORDS


def meeting(event: Event, items: list[Item], owner_email: str) -> Meeting:
    """A calendar event as the brief shows it, with the owner's answer and the related items."""
    owner = owner_email.lower()
    response = next((a.status for a in event.attendees if a.email == owner), "")
    others = [a for a in event.attendees if a.email != owner]
    return Meeting(title=event.title, start=event.start, end=event.end, uid=event.uid, all_day=event.all_day,
                   attendees=[a.email for a in others], names={a.email: a.name for a in others if a.name},
                   organizer=event.organizer, location=event.location,
                   description=" ".join(event.description.split())[:MAX_AGENDA], response=response,
                   related=_related_to_meeting(event, items, owner.rpartition("@")[2]))


def meeting_json(n: int, m: Meeting, tz: tzinfo) -> dict[str, Any]:
    """A meeting line of the brief as data (``brief --format json``, and the brief as sent)."""
    return {"line": n, "title": m.title, "start": m.start.astimezone(tz).isoformat(),
            "end": m.end.astimezone(tz).isoformat(), "all_day": m.all_day, "attendees": m.attendees,
            "location": m.location, "description": m.description, "response": m.response, "related": m.related}


def compose(inp: BriefInput) -> Brief:
    """Choose what goes in the brief and number its lines."""
    actionable = [i for i in inp.items if i.kind != "waiting"]
    pinned = [i for i in actionable if i.pinned]
    focus = (pinned + [i for i in actionable if not i.pinned])[: inp.max_focus]
    shown = {id(i) for i in focus}
    horizon = inp.day + timedelta(days=3)
    soon = [i for i in inp.items if id(i) not in shown and i.kind != "waiting"
            and (i.due_date() or date.max) <= horizon]
    # What is due today or tomorrow always makes the list; then what is overdue; then the rest
    # of the next three days; each group in rank order (the sort is stable).
    soon.sort(key=lambda i: _urgency(i, inp.day))
    due_soon = soon[:MAX_PER_SECTION]
    shown |= {id(i) for i in due_soon}
    waiting = [i for i in inp.items if i.kind == "waiting"]
    waiting.sort(key=lambda i: (i.due or "9999", i.id or 0))
    all_blockers = [i for i in inp.items if i.kind == "blocker" and id(i) not in shown]
    blockers = all_blockers[:MAX_PER_SECTION]
    more = {"due_soon": len(soon) - len(due_soon), "waiting": len(waiting) - MAX_PER_SECTION,
            "blockers": len(all_blockers) - len(blockers),
            "tomorrow": len(_meetings(inp, inp.tomorrow)) - MAX_TOMORROW}
    meetings = _meetings(inp, inp.events)
    tomorrow = _meetings(inp, inp.tomorrow)

    lines: list[BriefLine] = []
    n = 0
    for item in focus:
        n += 1
        lines.append(BriefLine(n, "focus", item=item, why=_why(item)))
    for section, events in (("meetings", meetings[:MAX_MEETINGS]), ("tomorrow", tomorrow[:MAX_TOMORROW])):
        for event in events:
            n += 1
            lines.append(BriefLine(n, section, meeting=meeting(event, inp.items, inp.owner_email)))
    for section, chosen in (("due_soon", due_soon), ("waiting", waiting[:MAX_PER_SECTION]), ("blockers", blockers)):
        for item in chosen:
            n += 1
            lines.append(BriefLine(n, section, item=item, why=_why(item)))
    top = focus[0].title if focus else "a clear day"
    subject = f"Your focus for {inp.day.strftime('%a %d %b')}: {top}"
    brief = Brief(date=inp.day, subject=subject, lines=lines, handled=list(inp.handled), first=inp.first, tz=inp.tz,
                  more={k: n for k, n in more.items() if n > 0},
                  calendar_problem=inp.calendar_problem, mail_problem=inp.mail_problem)
    brief.text = render_text(brief, inp)
    brief.html = render_html(brief, inp)
    return brief


def _urgency(item: Item, day: date) -> int:
    due = item.due_date()
    if due is not None and 0 <= (due - day).days <= 1:
        return 0
    return 1 if due is not None and due < day else 2


def _more_text(n: int, section: str = "") -> str:
    lister = "`focusd calendar`" if section == "tomorrow" else "`focusd items`"
    return f"…and {n} more ({lister} lists them all)"


def _opening(brief: Brief, inp: BriefInput) -> list[str]:
    first = inp.owner_name.split()[0] if inp.owner_name.strip() else "there"
    focus = [bl for bl in brief.lines if bl.section == "focus"]
    meetings = _meetings(inp, inp.events)
    out = [f"Good morning, {first}."]
    if focus:
        lead = focus[0]
        assert lead.item is not None
        out.append(f"Today's focus: {lead.item.title[0].lower() + lead.item.title[1:]}. {lead.why}".rstrip())
    else:
        out.append("Nothing needs you urgently today.")
    if meetings:
        out.append(f"You have {len(meetings)} meeting{'s' if len(meetings) != 1 else ''} today"
                   + (f"; the first {MAX_MEETINGS} are listed, and `focusd calendar` shows them all."
                      if len(meetings) > MAX_MEETINGS else "."))
    return [" ".join(out)]


def _meetings(inp: BriefInput, events: list[Event]) -> list[Event]:
    """The meetings among ``events``: not focusd's blocks, not all-day markers, and not the
    ones the owner declined."""
    owner = inp.owner_email.lower()
    return [e for e in events if not e.is_focus_block and not e.all_day
            and not any(a.email == owner and a.status == "declined" for a in e.attendees)]


_RESPONSE_NOTES = {"tentative": "you said maybe", "needs-action": "you have not answered"}


def _meeting_lines(bl: BriefLine, brief: Brief, inp: BriefInput) -> list[str]:
    m = bl.meeting
    assert m is not None
    start, end = m.start.astimezone(inp.tz), m.end.astimezone(inp.tz)
    names = ", ".join(display_name(a) for a in m.attendees)
    notes = [f"with {names}"] if names else []
    if m.response in _RESPONSE_NOTES:
        notes.append(_RESPONSE_NOTES[m.response])
    out = [f"{bl.line}. {start:%H:%M}–{end:%H:%M} {m.title}" + (f" ({'; '.join(notes)})" if notes else "")]
    if m.description:
        agenda = re.sub(r"^(agenda|notes?)\s*:\s*", "", m.description, flags=re.I)  # said once, not twice
        out.append(f"   Agenda: {agenda}")
    shown = sorted(n for n in (_line_of(brief, r) for r in m.related) if n is not None)
    if shown:
        out.append(f"   Related: {'line' if len(shown) == 1 else 'lines'} {', '.join(map(str, shown[:4]))}")
    return out


def _calendar_notice(inp: BriefInput) -> str:
    """Said near the top when the calendar could not be read: free time would be a guess."""
    if not inp.calendar_problem:
        return ""
    return (f"Your calendar could not be read ({inp.calendar_problem}), so no free time is suggested "
            "and meetings may be missing.")


def _notices(inp: BriefInput) -> list[str]:
    """What the owner must know before trusting the brief: the sources that could not be read."""
    out = [_calendar_notice(inp)] if inp.calendar_problem else []
    if inp.mail_problem:
        out.append(f"Some of your mail could not be read ({inp.mail_problem}), so items from it may be missing.")
    return out


def _block_text(inp: BriefInput, item: Item) -> str:
    for block in inp.blocks:
        if block.item_id != item.id:
            continue
        span = f"{block.start.astimezone(inp.tz):%H:%M}–{block.end.astimezone(inp.tz):%H:%M}"
        if block.state == "booked":
            return f"Focus block booked: {span}."
        if block.state == "requested":
            return f"Focus block asked for: {span} (on your calendar once the calendar takes it)."
        if not inp.calendar_problem:
            return f"Suggested time: {span} (free on your calendar)."
    return ""


def _unblocked_item(brief: Brief, inp: BriefInput) -> int | None:
    """The first focus item without a block: the one line that says why there is none."""
    if not inp.unblocked:
        return None
    for bl in brief.lines:
        if bl.section == "focus" and bl.item is not None and not _block_text(inp, bl.item):
            return bl.item.id
    return None


def render_text(brief: Brief, inp: BriefInput) -> str:
    out = _opening(brief, inp)
    unblocked = _unblocked_item(brief, inp)
    for notice in _notices(inp):
        out += ["", notice]
    for section, heading in SECTIONS:
        lines = [bl for bl in brief.lines if bl.section == section]
        if not lines:
            continue
        out += ["", heading, "-" * len(heading)]
        for bl in lines:
            if bl.meeting is not None:
                out += _meeting_lines(bl, brief, inp)
                continue
            item = bl.item
            assert item is not None
            due = _due_text(item, inp.day)
            head = f"{bl.line}. {item.title}" + (f" ({due})" if due and section != "focus" else "")
            out.append(head)
            if section == "focus":
                if bl.why:
                    out.append(f"   Why: {bl.why}")
                out.append(f"   “{item.evidence}”")
                out.append(f"   {_source_line(item, inp.tz)}")
                block = _block_text(inp, item) or (inp.unblocked if item.id == unblocked else "")
                if block:
                    out.append(f"   {block}")
                if inp.related is not None:
                    for rel in inp.related(item)[:1]:
                        who = "you" if rel["sender"] == inp.owner_email else display_name(rel["sender"])
                        out.append(f"   See also: “{rel['subject']}” from {who}")
            else:
                out.append(f"   “{item.evidence}” ({_source_line(item, inp.tz)})")
        if brief.more.get(section):
            out.append(_more_text(brief.more[section], section))
    if brief.handled:
        since = "in the last day" if brief.first else "since the last brief"
        out += ["", f"Handled {since}: {', '.join(i.title for i in brief.handled[:5])}."]
    out += ["", "--", FOOTER]
    return "\n".join(out) + "\n"


def _line_of(brief: Brief, item_id: int) -> int | None:
    for bl in brief.lines:
        if bl.item is not None and bl.item.id == item_id:
            return bl.line
    return None


def render_html(brief: Brief, inp: BriefInput) -> str:
    """Simple HTML: the text brief's structure with headings and lists, nothing remote."""
    e = html_lib.escape
    unblocked = _unblocked_item(brief, inp)
    parts = ["<html><body style=\"font-family:sans-serif;max-width:42em\">", f"<p>{e(_opening(brief, inp)[0])}</p>"]
    for notice in _notices(inp):
        parts.append(f"<p><b>{e(notice)}</b></p>")
    for section, heading in SECTIONS:
        lines = [bl for bl in brief.lines if bl.section == section]
        if not lines:
            continue
        parts.append(f"<h3>{e(heading)}</h3><ol start=\"{lines[0].line}\">")
        for bl in lines:
            if bl.meeting is not None:
                head, *rest = _meeting_lines(bl, brief, inp)
                parts.append(f"<li>{e(head.split('. ', 1)[1])}"
                             + "".join(f"<br><small>{e(r.strip())}</small>" for r in rest) + "</li>")
                continue
            item = bl.item
            assert item is not None
            block = (_block_text(inp, item) or (inp.unblocked if item.id == unblocked else "")) \
                if section == "focus" else ""
            parts.append(f"<li><b>{e(item.title)}</b>"
                         + (f"<br><small>{e(bl.why)}</small>" if bl.why else "")
                         + (f"<br><small>{e(block)}</small>" if block else "")
                         + f"<blockquote>{e(item.evidence)}<br><small>{e(_source_line(item, inp.tz))}</small>"
                         + "</blockquote></li>")
        parts.append("</ol>")
        if brief.more.get(section):
            parts.append(f"<p><small>{e(_more_text(brief.more[section], section))}</small></p>")
    parts.append(f"<hr><p><small>{'<br>'.join(e(line) for line in REPLY_HELP)}</small></p></body></html>")
    return "\n".join(parts)


def to_json(brief: Brief) -> dict[str, Any]:
    """The brief as data, with ``calendar_problem`` only when the calendar could not be read."""
    out: dict[str, Any] = {"date": brief.date.isoformat(), "subject": brief.subject}
    if brief.calendar_problem:
        out["calendar_problem"] = brief.calendar_problem
    if brief.mail_problem:
        out["mail_problem"] = brief.mail_problem
    for section, _ in SECTIONS:
        entries = []
        for bl in brief.lines:
            if bl.section != section:
                continue
            if bl.meeting is not None:
                entries.append(meeting_json(bl.line, bl.meeting, brief.tz))
            elif bl.item is not None:
                entries.append(bl.item.to_json() | {"line": bl.line, "why": bl.why})
        out[section] = entries
    out["handled"] = [i.to_json() for i in brief.handled]
    if brief.more:
        out["more"] = dict(brief.more)  # items left out of a section, by section
    return out
