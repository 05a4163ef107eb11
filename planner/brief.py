"""The daily brief: a short morning note, numbered so the owner can reply to its lines.

Sections, in order: Today's focus, Today's meetings, Tomorrow's meetings, Due soon and overdue,
Waiting on others, Blockers, Still relevant?. Each section shows only what earns its place;
empty sections are left out. Health lines, notices and re-planned lines come first, goal
progress and what was handled last, and a footer says how to steer it.

The brief is built once as data (:class:`BriefView`); the text, the HTML (a Jinja2 template)
and the JSON are all read off it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

import jinja2

from connectors.types import Event
from planner.models import (
    GENERIC_MEETING_WORDS,
    Block,
    Brief,
    BriefLine,
    FollowUp,
    GoalProgress,
    Item,
    ItemContext,
    Link,
    Meeting,
    Replan,
)
from planner.priority import DEMOTED, display_name
from planner.titles import quick_reply, vague

SECTIONS = (("focus", "Today's focus"), ("meetings", "Today's meetings"), ("tomorrow", "Tomorrow's meetings"),
            ("due_soon", "Due soon and overdue"), ("waiting", "Waiting on others"), ("blockers", "Blockers"),
            ("stale", "Still relevant?"))
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
    # Per section ("due_soon", "waiting", "blockers"), how many of its candidates the caller
    # did not pass in ``items`` because they could not be shown: counted in "…and N more".
    unlisted: dict[str, int] = field(default_factory=dict)
    # Items asked about as stale and untouched since (see Store.set_aside): after the rest of
    # their section, and never nudged again.
    set_aside: frozenset[int] = frozenset()
    # Items back from a snooze since the last brief: among what is due soon, said so, dated or not.
    woken: frozenset[int] = frozenset()
    hour: int = 7  # the owner's local hour when the brief is composed: it picks the greeting


def _why(item: Item) -> str:
    """One sentence from the item's reasons: urgency first, then the goal, then people."""
    urgency: list[str] = []
    goal: list[str] = []
    people: list[str] = []
    rest: list[str] = []
    blocked = [r[len("blocks "):] for r in item.reasons if r.startswith("blocks “")]
    for r in item.reasons:
        if r.startswith("goal: ") and f"“{r[6:]}”" in blocked:
            continue  # "it blocks “Close the round”" says more than "moves it forward"
        if r.startswith(("due ", "overdue")):
            urgency.append(r)
        elif r.startswith("goal: "):
            goal.insert(0, f"moves “{r[6:]}” forward")
        elif r.startswith("goal deadline in "):
            left = r[len("goal deadline in "):]
            goal.append("(goal due today)" if left == "0 days" else f"(goal due in {left})")
        elif r.endswith((" is waiting", " is late")):
            people.append(r)
        elif r.startswith("blocks “"):
            rest.append(f"it blocks {r[len('blocks '):]}")
        elif r == "it blocks other work" and blocked:
            continue  # named just above
        elif r == "it blocks other work" and item.counterparty and "@" in item.counterparty:
            # No blocked item or goal to name: whose work waits on it is the most it can say.
            rest.append(f"it holds up {display_name(item.counterparty)}")
        elif r in ("you promised it", "it blocks other work", "pinned for today") or r.startswith("you promised it on "):
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
    if item.added_by_reply:
        return f"added by your reply, {when}".strip(", ")
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


class _ItemWords:
    """The open items by the people in them and by the words of their title and subject, built
    once per brief: a day of meetings is matched against thousands of items in a few lookups."""

    def __init__(self, items: list[Item]) -> None:
        self.order = [i.id for i in items if i.id is not None]
        self.by_person: dict[str, set[int]] = {}
        self.by_word: dict[str, set[int]] = {}
        for item in items:
            if item.id is None:
                continue
            self.by_person.setdefault(item.counterparty, set()).add(item.id)
            for word in set(_WORD_RE.findall(f"{item.title} {item.source.get('subject', '')}".lower())):
                self.by_word.setdefault(word, set()).add(item.id)


_WORD_RE = re.compile(r"\w+")


def _related_to_meeting(event: Event, index: _ItemWords, owner_domain: str) -> list[int]:
    """Items with someone from outside the owner's company in the meeting, or that share a
    word of the meeting's title: what to have in mind when walking in. In rank order."""
    attendees = {a.email for a in event.attendees} | ({event.organizer} if event.organizer else set())
    outside = {a for a in attendees if a and not a.endswith("@" + owner_domain)}
    hits: set[int] = set()
    for person in outside:
        hits |= index.by_person.get(person, set())
    for word in _topic_words(event.title):
        hits |= index.by_word.get(word, set())
    return [i for i in index.order if i in hits]


def _topic_words(title: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]{4,}", title.lower())) - GENERIC_MEETING_WORDS


def meeting(event: Event, items: list[Item] | _ItemWords, owner_email: str) -> Meeting:
    """A calendar event as the brief shows it, with the owner's answer and the related items."""
    owner = owner_email.lower()
    index = items if isinstance(items, _ItemWords) else _ItemWords(items)
    response = next((a.status for a in event.attendees if a.email == owner), "")
    others = [a for a in event.attendees if a.email != owner]
    return Meeting(title=event.title, start=event.start, end=event.end, uid=event.uid, all_day=event.all_day,
                   attendees=[a.email for a in others], names={a.email: a.name for a in others if a.name},
                   organizer=event.organizer, location=event.location,
                   description=" ".join(event.description.split())[:MAX_AGENDA], response=response,
                   related=_related_to_meeting(event, index, owner.rpartition("@")[2]))


def meeting_json(n: int, m: Meeting, tz: tzinfo) -> dict[str, Any]:
    """A meeting line of the brief as data (``brief --format json``, and the brief as sent)."""
    return {"line": n, "title": m.title, "start": m.start.astimezone(tz).isoformat(),
            "end": m.end.astimezone(tz).isoformat(), "all_day": m.all_day, "attendees": m.attendees,
            "location": m.location, "description": m.description, "response": m.response, "related": m.related}


# -- the brief as data -----------------------------------------------------------------------------
# Built once by ``compose``; the text, the HTML and the JSON are each read off this one tree, so
# what one shows the others show too.


@dataclass(frozen=True)
class Detail:
    """One line under a numbered entry, as the text shows it. ``kind`` names what it is, for
    the HTML's style; ``links`` are the ways back to the source, clickable in the HTML."""

    kind: str  # why | quote | source | block | see_also | latest | people | attachment | meeting | notes
    #            | links | nudge | agenda | related | snooze
    text: str
    links: tuple[Link, ...] = ()


@dataclass
class Entry:
    """A numbered line of the brief: an item or a meeting, with everything shown under it."""

    line: int
    section: str
    title: str  # the numbered line's text after its number
    item: Item | None = None
    meeting: Meeting | None = None
    why: str = ""
    evidence: str = ""
    source: str = ""
    block: str = ""
    context: ItemContext | None = None
    followup: str = ""
    details: list[Detail] = field(default_factory=list)  # in the order shown


@dataclass
class Section:
    key: str
    heading: str
    entries: list[Entry]
    more: str = ""  # "…and 3 more", when the section was cut
    note: str = ""  # a hint said under the section


@dataclass
class BriefView:
    """The brief's content, ready to render: each part is left out when it is empty."""

    subject: str
    opening: str
    health: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    replanned: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)
    handled: str = ""
    footer: tuple[str, ...] = REPLY_HELP


@dataclass
class ComposedBrief(Brief):
    """A brief with the view it was rendered from, so that its JSON says all the text says."""

    view: BriefView | None = None
    inp: BriefInput | None = None


MAX_SUBJECT = 78  # a subject line longer than this is cut by many clients
MAX_QUOTE = 140  # characters of an evidence quote shown: the rest is in the mail
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|sv|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
MAX_OPENING_TITLE = 70  # the opening names the top focus; its full title is the first line below
MAX_SNIPPET = 80  # characters of the latest related message shown: enough to recognise it
STALE_NOTE = "Reply `drop N` for what no longer matters; each is asked about once."


def compose(inp: BriefInput) -> Brief:
    """Choose what goes in the brief and number its lines, then render it once as data and
    from that data as text and HTML."""
    asked = {i.id for i in inp.stale if i.id is not None}
    # An item is on at most one numbered line: one asked about is not also listed elsewhere.
    items = [i for i in inp.items if i.id is None or i.id not in asked]
    actionable = [i for i in items if i.kind != "waiting"]
    pinned = [i for i in actionable if i.pinned]
    # A stranger's promotional or scam-like mail is never focus, and comes last among what is due.
    low = {id(i) for i in items if DEMOTED in i.reasons}
    focus = (pinned + [i for i in actionable if not i.pinned and id(i) not in low])[: inp.max_focus]
    shown = {id(i) for i in focus}
    horizon = inp.day + timedelta(days=3)
    soon = [i for i in items if id(i) not in shown and i.kind != "waiting"
            and ((i.due_date() or date.max) <= horizon or i.id in inp.woken)]
    # What is due today or tomorrow always makes the list; then what is overdue; then the rest
    # of the next three days; each group in rank order (the sort is stable).
    soon.sort(key=lambda i: (id(i) in low, soon_group(i, inp.day, inp.set_aside, inp.woken)))
    due_soon = soon[:MAX_PER_SECTION]
    shown |= {id(i) for i in due_soon}
    waiting = [i for i in items if i.kind == "waiting"]
    waiting.sort(key=lambda i: waiting_order(i, inp.set_aside))
    all_blockers = [i for i in items if i.kind == "blocker" and id(i) not in shown]
    blockers = all_blockers[:MAX_PER_SECTION]
    left = inp.unlisted
    more = {"due_soon": len(soon) + left.get("due_soon", 0) - len(due_soon),
            "waiting": len(waiting) + left.get("waiting", 0) - MAX_PER_SECTION,
            "blockers": len(all_blockers) + left.get("blockers", 0) - len(blockers),
            "tomorrow": len(_meetings(inp, inp.tomorrow)) - MAX_TOMORROW,
            # Open work on no line of the brief and due after the next three days (or never): the
            # focus section says how much there is, so that nothing open is silently out of sight.
            "focus": sum(1 for i in items if later(i, horizon, inp.woken) and id(i) not in shown)
            + left.get("focus", 0)}
    meetings = _meetings(inp, inp.events)
    tomorrow = _meetings(inp, inp.tomorrow)

    lines: list[BriefLine] = []
    # A meeting names the brief's own lines it relates to: what to have in mind walking in.
    index = _ItemWords([*focus, *due_soon, *waiting[:MAX_PER_SECTION], *blockers, *inp.stale])
    n = 0
    for item in focus:
        n += 1
        lines.append(BriefLine(n, "focus", item=item, why=_why(item)))
    for section, events in (("meetings", meetings[:MAX_MEETINGS]), ("tomorrow", tomorrow[:MAX_TOMORROW])):
        for event in events:
            n += 1
            lines.append(BriefLine(n, section, meeting=meeting(event, index, inp.owner_email)))
    for section, chosen in (("due_soon", due_soon), ("waiting", waiting[:MAX_PER_SECTION]), ("blockers", blockers),
                            ("stale", inp.stale)):
        for item in chosen:
            n += 1
            lines.append(BriefLine(n, section, item=item, why=_why(item)))
    brief = ComposedBrief(date=inp.day, subject=subject(inp.day, [bl.item for bl in lines if bl.section == "focus"
                                                                  and bl.item is not None]),
                          lines=lines, handled=list(inp.handled), first=inp.first, tz=inp.tz,
                          more={k: n for k, n in more.items() if n > 0},
                          calendar_problem=inp.calendar_problem, mail_problem=inp.mail_problem, inp=inp)
    brief.view = build_view(brief, inp)
    brief.text = render_text(brief.view)
    brief.html = render_html(brief.view)
    return brief


def brief_day(day: date, working_days: Collection[int], weekends: bool = False) -> bool:
    """One brief per working date: a day outside ``working_days`` (weekday numbers, Monday 0)
    gets none, unless ``weekends`` asks for one every day."""
    return weekends or day.weekday() in working_days


def subject(day: date, focus: list[Item]) -> str:
    """The subject names the top focus: "Focus Thu 19 Nov: Send Maria the deck (+2)", a long
    title shortened so that the whole stays within :data:`MAX_SUBJECT` characters."""
    head = f"Focus {day.strftime('%a %d %b')}: "
    if not focus:
        return head + "a clear day"
    tail = f" (+{len(focus) - 1})" if len(focus) > 1 else ""
    return head + _shorten(_standalone(focus[0]), MAX_SUBJECT - len(head) - len(tail)) + tail


def _shorten(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word with an ellipsis when it is longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"


def later(item: Item, horizon: date, woken: Collection[int] = ()) -> bool:
    """Open work that no section but focus can show: neither waiting nor a blocker, due after
    ``horizon`` or never, and not just back from a snooze."""
    return (item.kind not in ("waiting", "blocker") and (item.due_date() or date.max) > horizon
            and item.id not in woken)


def soon_group(item: Item, day: date, set_aside: Collection[int], woken: Collection[int] = ()) -> int:
    """Where ``item`` goes among what is due soon: by :func:`urgency_group`, with what just came
    back from a snooze as if due today, and last when the owner let the brief's "Still
    relevant?" about it pass."""
    if item.id in set_aside:
        return 3
    return 0 if item.id in woken else urgency_group(item, day)


def waiting_order(item: Item, set_aside: Collection[int]) -> tuple[bool, str, int]:
    """Waiting items soonest due first, those the owner let a "Still relevant?" pass last."""
    return (item.id in set_aside, item.due or "9999", item.id or 0)


def urgency_group(item: Item, day: date) -> int:
    due = item.due_date()
    if due is not None and 0 <= (due - day).days <= 1:
        return 0
    return 1 if due is not None and due < day else 2


def _more_text(n: int, section: str = "") -> str:
    lister = "`focusd calendar`" if section == "tomorrow" else "`focusd items`"
    if section == "focus":
        return f"…and {n} more open, not due in the next three days ({lister} lists them all)"
    return f"…and {n} more ({lister} lists them all)"


def _standalone(item: Item) -> str:
    """``item``'s title where it stands without its quote (the opening line, the mail's subject):
    one that names nothing ("Review it", "Nudge him") says which thread it is about."""
    subject = _SUBJECT_PREFIX_RE.sub("", str(item.source.get("subject") or "")).strip()
    return f"{item.title} (“{subject}”)" if subject and vague(item.title) else item.title


_SUBJECT_PREFIX_RE = re.compile(r"^(?:(?:re|fwd?|aw|wg|tr|sv|vs)\s*:\s*)+", re.I)


def _mid_sentence(title: str, evidence: str) -> str:
    """``title`` as it reads after "Today's focus:": its first word lower-cased when it is an
    ordinary word ("send Maria the deck"), kept when it is a name ("Inès will send...")."""
    word = title.split(" ", 1)[0]
    ordinary = word.lower() in _TITLE_VERBS or re.search(rf"(?<![.!?]\s)\b{re.escape(word.lower())}\b", evidence)
    return word[:1].lower() + title[1:] if ordinary and word[1:] == word[1:].lower() else title


# The verbs titles begin with: lower-cased mid-sentence even when the quote never uses them.
_TITLE_VERBS = frozenset("reply answer send review confirm get follow unblock tell check ask book call make prepare "
                         "share finish write draft update pay sign approve fix add schedule chase nudge read look "
                         "decide pick choose give have find bring move order plan set".split())


def _greeting(hour: int) -> str:
    """A brief read at 17:00 (a late first run, a brief asked for by hand) does not say "Good morning"."""
    return "Good morning" if hour < 12 else "Good afternoon" if hour < 18 else "Good evening"


def _opening(brief: Brief, inp: BriefInput) -> str:
    first = inp.owner_name.split()[0] if inp.owner_name.strip() else "there"
    focus = [bl for bl in brief.lines if bl.section == "focus"]
    meetings = _meetings(inp, inp.events)
    out = [f"{_greeting(inp.hour)}, {first}."]
    if focus:
        lead = focus[0]
        assert lead.item is not None
        title = _shorten(_standalone(lead.item), MAX_OPENING_TITLE)  # in full just below
        out.append(f"Today's focus: {_mid_sentence(title, lead.item.evidence)}{'' if title.endswith('…') else '.'} "
                   f"{lead.why}".rstrip())
    else:
        out.append("Nothing needs you urgently today.")
    if meetings:
        out.append(f"You have {len(meetings)} meeting{'s' if len(meetings) != 1 else ''} today"
                   + (f"; the first {MAX_MEETINGS} are listed, and `focusd calendar` shows them all."
                      if len(meetings) > MAX_MEETINGS else "."))
    whole = _all_day(inp)
    if whole:
        out.append("All day today: " + ", ".join(f"“{_shorten(e.title, 40)}”" for e in whole[:MAX_ALL_DAY])
                   + (f" and {len(whole) - MAX_ALL_DAY} more" if len(whole) > MAX_ALL_DAY else "") + ".")
    return " ".join(out)


MAX_ALL_DAY = 2  # all-day events named in the opening


def _all_day(inp: BriefInput) -> list[Event]:
    """Today's all-day events the owner has not declined ("Team offsite", "Out of office"),
    busy ones first: no numbered line, since there is nothing to do about them but know."""
    owner = inp.owner_email.lower()
    day = [e for e in inp.events if e.all_day and not e.is_focus_block and e.title.strip()
           and e.start.astimezone(inp.tz).date() <= inp.day
           and inp.day < max(e.end.astimezone(inp.tz).date(), e.start.astimezone(inp.tz).date() + timedelta(days=1))
           and not any(a.email == owner and a.status == "declined" for a in e.attendees)]
    return sorted(day, key=lambda e: not e.busy)


def _meetings(inp: BriefInput, events: list[Event]) -> list[Event]:
    """The meetings among ``events``: not focusd's blocks, not all-day markers, and not the
    ones the owner declined."""
    owner = inp.owner_email.lower()
    return [e for e in events if not e.is_focus_block and not e.all_day
            and not any(a.email == owner and a.status == "declined" for a in e.attendees)]


_RESPONSE_NOTES = {"tentative": "you said maybe", "needs-action": "you have not answered"}


def _agenda(description: str) -> str:
    return re.sub(r"^(agenda|notes?)\s*:\s*", "", description, flags=re.I)  # said once, not twice


def _meeting_entry(bl: BriefLine, brief: Brief, inp: BriefInput) -> Entry:
    m = bl.meeting
    assert m is not None
    start, end = m.start.astimezone(inp.tz), m.end.astimezone(inp.tz)
    names = ", ".join(display_name(a) for a in m.attendees)
    notes = [f"with {names}"] if names else []
    if m.response in _RESPONSE_NOTES:
        notes.append(_RESPONSE_NOTES[m.response])
    entry = Entry(bl.line, bl.section, f"{start:%H:%M}–{end:%H:%M} {m.title}"
                  + (f" ({'; '.join(notes)})" if notes else ""), meeting=m)
    if m.description:
        entry.details.append(Detail("agenda", f"Agenda: {_agenda(m.description)}"))
    numbered = {bl.item.id: bl.line for bl in brief.lines if bl.item is not None and bl.item.id is not None}
    shown = sorted(numbered[r] for r in m.related if r in numbered)
    if shown:
        entry.details.append(Detail("related", f"Related: {'line' if len(shown) == 1 else 'lines'} "
                                               f"{', '.join(map(str, shown[:4]))}"))
    return entry


def _calendar_notice(inp: BriefInput) -> str:
    """Said near the top when the calendar could not be read: free time would be a guess."""
    if not inp.calendar_problem:
        return ""
    # The reason is a sentence of its own, parentheses and all: it is set off by a colon, not nested.
    return (f"Your calendar could not be read, so no free time is suggested and meetings may be missing: "
            f"{inp.calendar_problem.rstrip('.')}.")


def _notices(inp: BriefInput) -> list[str]:
    """What the owner must know before trusting the brief: the sources that could not be read."""
    out = [_calendar_notice(inp)] if inp.calendar_problem else []
    if inp.mail_problem:
        out.append(f"Some of your mail could not be read, so items from it may be missing: {inp.mail_problem.rstrip('.')}.")
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
        if (bl.section == "focus" and bl.item is not None and not _block_text(inp, bl.item)
                and not quick_reply(bl.item.kind, bl.item.title)):
            return bl.item.id
    return None


def _who(address: str, inp: BriefInput) -> str:
    return "you" if address.lower() == inp.owner_email.lower() else display_name(address)


def _when(moment: datetime | None, inp: BriefInput) -> str:
    """A day said briefly: its weekday within the past week, else its date too."""
    if moment is None:
        return ""
    local = moment.astimezone(inp.tz) if moment.tzinfo else moment
    return local.strftime("%a" if 0 <= (inp.day - local.date()).days < 7 else "%a %d %b")


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1000:
        return f"{round(n / 1000)} KB"
    return f"{n} bytes"


def _bare_subject(subject: str) -> str:
    """A subject without its "Re:"/"Fwd:" prefixes, for telling whether two are one thread's."""
    return _REPLY_PREFIX.sub("", subject).strip().lower()


def _context_details(item: Item, ctx: ItemContext, inp: BriefInput) -> list[Detail]:
    """A focus item's context, one short line each: what was said last, who is in it, the
    latest file, the next meeting and its notes, and the ways back to the source."""
    out: list[Detail] = []
    # The latest message, unless it is the item's own: its words are quoted just above.
    if ctx.latest is not None and ctx.latest.message_id != item.message_id:
        m = ctx.latest
        # The subject is left out when it is the item's own thread's: the source line names it.
        same = _bare_subject(m.subject) == _bare_subject(item.source.get("subject", ""))
        said = f"from {_who(m.sender, inp)}" if same else f"“{m.subject or '(no subject)'}” from {_who(m.sender, inp)}"
        when = _when(m.when, inp)
        line = f"Latest: {said}" + (f", {when}" if when else "")
        if m.snippet:
            line += f": “{_shorten(m.snippet, MAX_SNIPPET)}”"
        out.append(Detail("latest", line))
    # The thread's people, when there is anyone beyond the one the source line names already.
    people = [display_name(p) for p in ctx.people if p.lower() != inp.owner_email.lower()]
    if people and {p.lower() for p in ctx.people} - {inp.owner_email.lower(), item.counterparty.lower()}:
        out.append(Detail("people", f"People: {', '.join(people)}"))
    if ctx.attachment is not None:
        a = ctx.attachment
        when = _when(a.when, inp)
        out.append(Detail("attachment", f"Latest version: {a.filename} ({_size(a.size)}) from {_who(a.sender, inp)}"
                                        + (f", {when}" if when else "")))
    if ctx.meeting is not None:
        mt = ctx.meeting
        start = mt.start.astimezone(inp.tz)
        day = "today" if start.date() == inp.day else start.strftime("%a %d %b")
        out.append(Detail("meeting", f"Next meeting: {mt.title}, {day} {start:%H:%M}"))
        if mt.description:
            out.append(Detail("notes", f"Notes: {_agenda(mt.description)}"))
    if ctx.links:
        out.append(Detail("links", " · ".join(f"{link.label}: {link.target}" for link in ctx.links),
                          tuple(ctx.links)))
    return out


def _item_entry(bl: BriefLine, inp: BriefInput, unblocked: int | None) -> Entry:
    item = bl.item
    assert item is not None
    evidence = _shorten(item.evidence, MAX_QUOTE)
    source = _source_line(item, inp.tz)
    if bl.section == "focus":
        entry = Entry(bl.line, bl.section, item.title, item=item, why=bl.why, evidence=evidence, source=source)
        if bl.why:
            entry.details.append(Detail("why", f"Why: {bl.why}"))
        entry.details += [Detail("quote", f"“{evidence}”"), Detail("source", source)]
        if item.id in inp.woken:
            entry.details.append(Detail("snooze", "Back from snooze."))
        entry.block = _block_text(inp, item) or (inp.unblocked if item.id == unblocked else "")
        if entry.block:
            entry.details.append(Detail("block", entry.block))
        if inp.context is not None:
            entry.context = inp.context(item)
            entry.details += _context_details(item, entry.context, inp)
        elif inp.related is not None:
            for rel in inp.related(item)[:1]:
                entry.details.append(Detail("see_also", f"See also: “{rel['subject']}” from {_who(rel['sender'], inp)}"))
        return entry
    due = _due_text(item, inp.day)
    if item.id in inp.woken:
        due = "back from snooze" + (f", {due}" if due else "")
    entry = Entry(bl.line, bl.section, item.title + (f" ({due})" if due else ""), item=item, why=bl.why,
                  evidence=evidence, source=source)
    entry.details.append(Detail("quote", f"“{evidence}” ({source})"))
    nudge = inp.followups.get(item.id) if bl.section == "waiting" and item.id is not None else None
    if nudge is not None and nudge.draft.strip():
        entry.followup = " ".join(nudge.draft.split())
        entry.details.append(Detail("nudge", f"Nudge: {entry.followup}"))
    return entry


def _progress_line(p: GoalProgress) -> str:
    late = f" Its date, {p.passed:%a} {p.passed.day} {p.passed:%b}, has passed." if p.passed else ""
    if not p.moved and not p.next:
        return f"{p.goal}: nothing moved yet; no open item moves it forward.{late}"
    moved = ", ".join(p.moved) if p.moved else "nothing moved yet"
    return f"{p.goal}: {moved}." + (f" Next: {_sentence_end(p.next)}" if p.next else "") + late


def _sentence_end(text: str) -> str:
    """``text`` ended once: "Send the deck." and "Unblock: the signed…", never "…."."""
    return text if text.endswith((".", "…", "?", "!")) else text + "."


def build_view(brief: Brief, inp: BriefInput) -> BriefView:
    """The brief's content as data: what every rendering shows, in order."""
    unblocked = _unblocked_item(brief, inp)
    sections = []
    for key, heading in SECTIONS:
        lines = [bl for bl in brief.lines if bl.section == key]
        if not lines:
            continue
        entries = [_meeting_entry(bl, brief, inp) if bl.meeting is not None else _item_entry(bl, inp, unblocked)
                   for bl in lines]
        sections.append(Section(key, heading, entries,
                                more=_more_text(brief.more[key], key) if brief.more.get(key) else "",
                                note=STALE_NOTE if key == "stale" else ""))
    handled = ""
    if brief.handled:
        since = "in the last day" if brief.first else "since the last brief"
        handled = f"Handled {since}: {', '.join(i.title for i in brief.handled[:5])}."
    return BriefView(subject=brief.subject, opening=_opening(brief, inp),
                     health=[" ".join(h.split()) for h in inp.health if h.strip()], notices=_notices(inp),
                     replanned=[f"Re-planned: {r.text}" for r in inp.replanned if r.text.strip()],
                     sections=sections, progress=[_progress_line(p) for p in inp.progress], handled=handled)


def render_text(view: BriefView) -> str:
    """The brief as plain text: the note itself, and the text part of the mail."""
    out = [view.opening]
    if view.health:
        out += ["", *view.health]
    for notice in view.notices:
        out += ["", notice]
    if view.replanned:
        out += ["", *view.replanned]
    for section in view.sections:
        out += ["", section.heading, "-" * len(section.heading)]
        for entry in section.entries:
            out.append(f"{entry.line}. {entry.title}")
            out += [f"   {d.text}" for d in entry.details]
        if section.more:
            out.append(section.more)
        if section.note:
            out.append(section.note)
    if view.progress:
        out += ["", PROGRESS_HEADING, "-" * len(PROGRESS_HEADING), *view.progress]
    if view.handled:
        out += ["", view.handled]
    out += ["", "--", *view.footer]
    return "\n".join(out) + "\n"


PROGRESS_HEADING = "Goals this week"


_LINK_SCHEMES = ("https:", "message:")  # what the HTML makes clickable: a mail client's own links


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("planner", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["clickable"] = lambda target: target.lower().startswith(_LINK_SCHEMES)
    return env


def render_html(view: BriefView) -> str:
    """The brief as an HTML document: every text line, escaped, with inline styles and nothing
    remote, the focus section first and within one phone screen."""
    return _environment().get_template("brief.html").render(view=view, progress_heading=PROGRESS_HEADING)


def _view_of(brief: Brief) -> BriefView:
    """The view a brief was rendered from; a brief made elsewhere gets one from its lines."""
    if isinstance(brief, ComposedBrief) and brief.view is not None:
        return brief.view
    inp = BriefInput(day=brief.date, tz=brief.tz, owner_name="", owner_email="", items=[], events=[],
                     handled=brief.handled, first=brief.first, calendar_problem=brief.calendar_problem,
                     mail_problem=brief.mail_problem)
    return build_view(brief, inp)


def _when_json(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def context_json(ctx: ItemContext, tz: tzinfo) -> dict[str, Any]:
    """A focus item's context as data."""
    out: dict[str, Any] = {"people": list(ctx.people), "links": [{"label": x.label, "target": x.target}
                                                                  for x in ctx.links]}
    if ctx.latest is not None:
        m = ctx.latest
        out["latest"] = {"message_id": m.message_id, "subject": m.subject, "sender": m.sender,
                         "date": _when_json(m.when), "snippet": m.snippet}
    if ctx.attachment is not None:
        a = ctx.attachment
        out["attachment"] = {"filename": a.filename, "size": a.size, "sender": a.sender, "date": _when_json(a.when),
                             "message_id": a.message_id}
    if ctx.meeting is not None:
        out["meeting"] = meeting_json(0, ctx.meeting, tz) | {"line": None}
    return out


def _item_json(bl: BriefLine, entry: Entry | None, tz: tzinfo, blocks: list[Block]) -> dict[str, Any]:
    assert bl.item is not None
    row = bl.item.to_json() | {"line": bl.line, "why": bl.why}
    # A focus item's time, booked or suggested: the next brief tells whether it passed unused.
    block = next((b for b in blocks if b.item_id == bl.item.id), None) if bl.section == "focus" else None
    if block is not None:
        row["focus_time"] = {"start": block.start.astimezone(tz).isoformat(), "end": block.end.astimezone(tz).isoformat(),
                             "state": block.state}
    if entry is not None and entry.context is not None:
        row["context"] = context_json(entry.context, tz)
    if entry is not None and entry.followup:
        row["followup"] = entry.followup
    return row


def to_json(brief: Brief) -> dict[str, Any]:
    """The brief as data, with ``calendar_problem`` only when the calendar could not be read.
    Each section is a list of its numbered lines. Only when there is something to say:
    ``stale`` (the items asked about), and ``health``, ``replanned`` and ``progress``, the
    lines said about the brief as a whole."""
    view = _view_of(brief)
    out: dict[str, Any] = {"date": brief.date.isoformat(), "subject": brief.subject}
    if brief.calendar_problem:
        out["calendar_problem"] = brief.calendar_problem
    if brief.mail_problem:
        out["mail_problem"] = brief.mail_problem
    entries = {e.line: e for s in view.sections for e in s.entries}
    inp = brief.inp if isinstance(brief, ComposedBrief) else None
    blocks = inp.blocks if inp is not None else []
    for section, _ in SECTIONS:
        rows = []
        for bl in brief.lines:
            if bl.section != section:
                continue
            if bl.meeting is not None:
                rows.append(meeting_json(bl.line, bl.meeting, brief.tz))
            elif bl.item is not None:
                rows.append(_item_json(bl, entries.get(bl.line), brief.tz, blocks))
        if rows or section != "stale":  # the stale question is there only when asked
            out[section] = rows
    out["handled"] = [i.to_json() for i in brief.handled]
    if brief.more:
        out["more"] = dict(brief.more)  # items left out of a section, by section
    if view.health:
        out["health"] = list(view.health)
    if inp is not None and inp.replanned:
        out["replanned"] = [{"item_id": r.item_id, "text": r.text} for r in inp.replanned]
    if inp is not None and inp.progress:
        out["progress"] = [{"goal": p.goal, "moved": list(p.moved), "next": p.next}
                           | ({"passed": p.passed.isoformat()} if p.passed else {}) for p in inp.progress]
    return out
