"""Due dates from phrases such as "by Friday", "EOD", "end of next week" or "in two days".

Everything resolves against the message's Date header taken in the owner's time zone. Rules
cover the relative phrases people write in mail; dateparser handles explicit calendar dates
("Dec 15", "15 December", "2026-12-15") with ``PREFER_DATES_FROM='future'`` and
``RELATIVE_BASE`` set, so a bare "Dec 3" written in November is this year's.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache

WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "weds": 2,
            "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
            "saturday": 5, "sat": 5, "sunday": 6, "sun": 6}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3}
MONTH_NUMBERS = {name: n for n, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                                  "oct", "nov", "dec"), start=1)}
MONTHS = ("jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|"
          "sep|sept|september|oct|october|nov|november|dec|december")

_WD = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed|thurs|thur|thu|fri)"
_NUM = r"(\d+|a couple of|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten)"
# Words an ordinal counts rather than dates: "the 3rd floor", "the 2nd round", "the 4th time".
_ORDINAL_NOUNS = (r"(?:floors?|storeys?|stor(?:y|ies)|levels?|rows?|rooms?|times?|places?|rounds?|quarters?|"
                  r"items?|points?|persons?|people|candidates?|interviews?|drafts?|versions?|editions?|"
                  r"pages?|slides?|steps?|stages?|phases?|lines?|options?|attempts?|years?|months?|weeks?|"
                  r"days?|hours?|gen(?:eration)?s?|anniversar(?:y|ies)|birthdays?|century|grades?|"
                  r"parties|party|percentile|largest|biggest|best|most|one|ones)\b")
_TIME = r"(?:\s+(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b)?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Most specific first: "Wednesday EOD" is Wednesday, not today.
    ("explicit", re.compile(
        r"\b(\d{4}-\d{2}-\d{2}|(?:" + MONTHS + r")\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|"
        r"\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + MONTHS + r")(?:,? \d{4})?|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b", re.I)),
    # "the 18th": the next such day of a month, this one or the next.
    # "the 3rd floor" or "the 2nd round" names no day.
    # "The cut-off is the 15th." names a day where "this is the 2nd reminder" counts: after "is",
    # the ordinal must end the clause.
    ("day_of_month", re.compile(r"\b(?:on|by|before|until|till|due|for|from|arrive on|ahead of) the (\d{1,2})(?:st|nd|rd|th)\b"
                                r"(?! (?:of )?(?:" + MONTHS + r")\b)(?!\s*(?:-\s*)?" + _ORDINAL_NOUNS + r")|"
                                r"\b(?:is|was|are|be) the (\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:[.,;:!?)]|$|"
                                r"(?:and|so|but|or|at|when|if|because|which|as|then)\b))", re.I)),
    ("next_weekday", re.compile(r"\bnext " + _WD + r"\b" + _TIME, re.I)),
    # A weekday naming an event ("our Tuesday board call") is that event's next day, a week on
    # when the mail is written on that weekday: today's event would be "today's".
    ("event_weekday", re.compile(r"\b(?:our|the|your|their|my|next week's) " + _WD + r"(?:'s)? (?=[a-z])"
                                 r"(?!morning|afternoon|evening|night|eod\b)", re.I)),
    # "last Saturday's outage" is past: no due date.
    # "Friday 26 March", "Fri, March 26": the calendar date says which Friday ("19.03" is no date
    # the explicit pattern reads, so there the weekday stays).
    ("this_weekday", re.compile(r"\b(?<!\blast )(?<!\bpast )(?:this |on |by |before |until |till |due )?" + _WD + r"\b"
                                r"(?!,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:" + MONTHS + r")\b|/\d{1,2}\b)"
                                r"|,?\s+(?:" + MONTHS + r")\.?\s+\d)"
                                r"(?:\s+(?:morning|afternoon|evening|night|eod))?" + _TIME, re.I)),
    ("tomorrow", re.compile(r"\b(tomorrow|tmrw|tmr)( (morning|afternoon|arvo|evening))?" + _TIME, re.I)),
    # "by the end of February", "until end of Feb": that month's last day, this year or next.
    ("end_of_month_named", re.compile(r"\b(?:end of|end-|late) ?(" + MONTHS + r")\b\.?", re.I)),
    ("mid_month_named", re.compile(r"\bmid[- ]?(" + MONTHS + r")\b\.?", re.I)),
    ("end_next_week", re.compile(r"\bend of next week\b", re.I)),
    ("before_weekend", re.compile(r"\b(?:before|by) the weekend\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|at|during|on) the weekend\b|\bthis weekend\b", re.I)),
    # "this week" as a deadline is its last working day: the work is late only once the week is out.
    ("end_week", re.compile(r"\b(eow|end of (the |this )?week|(?:later |sometime |some time )?this week)\b", re.I)),
    ("end_next_month", re.compile(r"\bend of next month\b", re.I)),
    ("end_month", re.compile(r"\b(eom|end of (the |this )?month)\b", re.I)),
    # "next week" is late only once that week is out: its last working day. "Early next week"
    # is its Monday.
    ("next_week", re.compile(r"\b(early next week|(?:the )?(?:beginning|start) of next week|next week)\b", re.I)),
    ("in_n", re.compile(r"\bin " + _NUM + r" (business |working )?(day|week)s?\b", re.I)),
    ("eod", re.compile(r"\b(eod|end of (the )?(day|today)|cob|close of business|end of play|eop|tonight|"
                       r"later today|this (morning|afternoon|arvo|evening))\b", re.I)),
    ("today", re.compile(r"\btoday\b", re.I)),
    # A time alone ("I'll ring you at 3pm") is that time today, or tomorrow once it has passed.
    ("at_time", re.compile(r"\bat (\d{1,2})(?::(\d{2}))?\s*(am|pm)\b", re.I)),
]

# Prefilters: every match of a pattern holds a key of each of its key groups in the folded
# sentence (and a digit, for those in _DIGITS), so a sentence missing a group cannot match and
# skips the regex. The keys are literals the pattern spells out.
_DIGIT_RE = re.compile(r"\d")
_WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "saturday", "sunday")  # a part of every name in _WD
_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    # A calendar date is an ISO date, a month name beside a day, or a day and month with slashes.
    "explicit": (("-", "/", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),),
    "day_of_month": (("the ",), ("st", "nd", "rd", "th")),
    "next_weekday": (("next ",), _WEEKDAY_KEYS),
    "event_weekday": (("our ", "the ", "your ", "their ", "my ", "next week's "), _WEEKDAY_KEYS),
    "before_weekend": (("weekend",),),
    "weekend": (("weekend",),),
    "this_weekday": (_WEEKDAY_KEYS,),
    "tomorrow": (("tomorrow", "tmr"),),
    "end_of_month_named": (("end of", "end-", "late"), ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                                     "sep", "oct", "nov", "dec")),
    "mid_month_named": (("mid",), ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                   "dec")),
    "end_next_week": (("end of next week",),),
    "end_week": (("eow", "end of ", "this week"),),
    "end_next_month": (("end of next month",),),
    "end_month": (("eom", "end of "),),
    "next_week": (("next week",),),
    "in_n": (("in ",), ("day", "week")),
    "eod": (("eod", "end of ", "cob", "close of business", "eop", "tonight", "later today", "this morning",
             "this afternoon", "this arvo", "this evening"),),
    "today": (("today",),),
    "at_time": (("at ",), ("am", "pm")),
}
_DIGITS = frozenset(("explicit", "day_of_month", "at_time"))
# Under re.I an ASCII letter also matches these three characters, which lower() leaves
# elsewhere (U+212A KELVIN SIGN already lowers to "k"; no other character lowers to ASCII).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """``text`` lower-cased so that an ASCII literal a case-insensitive pattern matches in it is
    a plain substring of the result: what the literal prefilters search."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


# Every key, looked for once a sentence; then each pattern's gate is a few set tests.
_ALL_KEYS = tuple(dict.fromkeys(k for groups in _KEYS.values() for keys in groups for k in keys))
# Most sentences name no date at all: without a digit, a sentence holding none of these keys
# (a calendar date needs a digit) is matched by no pattern.
_UNDATED = frozenset(k for kind, groups in _KEYS.items() if kind not in _DIGITS for k in groups[0])
# (kind, pattern, its key groups, needs a digit?), in the order of PATTERNS.
_GATED = tuple((kind, rx, tuple(frozenset(keys) for keys in _KEYS[kind]), kind in _DIGITS) for kind, rx in PATTERNS)


def _may_match(kind: str, sentence: str, low: str) -> bool:
    """The gate _matches puts before one pattern: may it match ``sentence`` (``low`` folded)?"""
    return ((kind not in _DIGITS or _DIGIT_RE.search(sentence) is not None)
            and all(any(map(low.__contains__, keys)) for keys in _KEYS[kind]))


# What the patterns find in a sentence, by sentence: the date it resolves to depends on when the
# mail was sent, the matches do not, and one sentence is asked for its date on several paths and
# in many messages (a signature's hours). Short sentences only, and afresh past _SCANS_KEPT.
_SCANS: dict[str, tuple[tuple[str, re.Match[str]], ...]] = {}
_SCANS_KEPT = 1024
_MAX_SCANNED = 400


def _matches(sentence: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Every match of each pattern in ``sentence``, in the order of :data:`PATTERNS`, then of place."""
    found = _SCANS.get(sentence)
    if found is not None:
        return found
    low = fold(sentence)
    digit = _DIGIT_RE.search(sentence) is not None
    present = set(filter(low.__contains__, _ALL_KEYS))
    if not digit and present.isdisjoint(_UNDATED):
        found = ()
    else:
        # A pattern runs only when the sentence holds a key of each of its groups.
        found = tuple((kind, m) for kind, rx, groups, needs_digit in _GATED
                      if (digit or not needs_digit) and not any(map(present.isdisjoint, groups))
                      for m in rx.finditer(sentence))
    if len(sentence) <= _MAX_SCANNED:
        if len(_SCANS) >= _SCANS_KEPT:
            _SCANS.clear()
        _SCANS[sentence] = found
    return found


def names_a_date(sentence: str) -> bool:
    """Whether any due-date pattern matches ``sentence``: without one, :func:`find_due` finds no
    date in it whatever the message's date and zone."""
    return bool(_matches(sentence))


def _hm(hour: str | None, minute: str | None, ampm: str | None) -> time | None:
    if not hour or not ampm:
        return None
    h = int(hour) % 12 + (12 if ampm.lower() == "pm" else 0)
    return time(h, int(minute or 0)) if h < 24 else None


def _weekday_on_or_after(base: date, weekday: int) -> date:
    return base + timedelta(days=(weekday - base.weekday()) % 7)


def _end_of_week(base: date, last_workday: int) -> date:
    return base + timedelta(days=(last_workday - base.weekday()) % 7)


@lru_cache(maxsize=4096)
def _explicit(phrase: str, base: datetime) -> date | None:
    import dateparser  # imported late: it costs half a second and most messages need none

    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base.replace(tzinfo=None),
                "DATE_ORDER": "MDY" if "/" in phrase else "DMY", "REQUIRE_PARTS": ["day", "month"]}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


MAX_DAYS_AHEAD = 3660  # "in N days" further out than ten years names no deadline


# A phrase a deadline word leads ("by", "before 12:00 on", "until", "no later than Wednesday, the")
# is the due date where a sentence names several days: "I'll confirm Friday by Thursday morning"
# is due Thursday, "let me know by Monday whether you can meet on the 10th" Monday.
_DEADLINE_BEFORE_RE = re.compile(
    r"\b(?:by|before|until|till|til|due|no later than|not later than|latest|deadline(?: is)?)"
    r"(?:\s+(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|h)?|noon|midday|midnight|on|at|the|latest|end of|"
    r"the end of|" + _WD + r",?))*\s*$", re.I)
_DEADLINE_LEAD_RE = re.compile(r"(?:by|before|until|till|due)\b", re.I)
_THE_NTH_RE = re.compile(r",?\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b")
_FOR_BEFORE_RE = re.compile(r"\b(?:for|after)\s+(?:the\s+)?$", re.I)
_JOINED_RE = re.compile(r"\b(?:and|then|but|also)\b|;", re.I)
# "Thursday or Friday afternoon": the later of the two is when the offer runs out.
_OR_WEEKDAY_RE = re.compile(r"\s*(?:morning|afternoon|evening)?(?:,?\s*or\s+|\s*/\s*)(?:on\s+)?" + _WD + r"\b", re.I)


def _is_deadline(sentence: str, m: re.Match[str]) -> bool:
    """Whether a deadline word leads the phrase ``m`` found in ``sentence``."""
    return bool(_DEADLINE_LEAD_RE.match(m.group(0)) or _DEADLINE_BEFORE_RE.search(sentence, 0, m.start()))


def find_due(sentence: str, sent: datetime, tz: tzinfo, last_workday: int = 4) -> tuple[str | None, str]:
    """The due date a sentence names, as an ISO date (or date-time when a time is given),
    resolved against ``sent`` in ``tz``; and the phrase that named it ("" when none).

    Of several phrases, the first in the order of :data:`PATTERNS` (most specific first), unless
    a deadline word leads another one of the same clause."""
    try:
        local = sent.astimezone(tz)
    except OverflowError:  # a Date at the calendar's edge (year 9999) has no day in the owner's zone
        return None, ""
    resolved = [(m, found) for kind, m in _matches(sentence)
                if (found := _resolve(kind, m, sentence, local, tz, last_workday)) is not None]
    if not resolved:
        return None, ""
    if len(resolved) > 1:
        # "two training slots for next week, today": a day led by "for" says what the thing is
        # for, and one led by "after" ("after Friday's decision") when it may start; another day
        # the sentence names is when it is due.
        kept = [(m, found) for m, found in resolved if not _FOR_BEFORE_RE.search(sentence, 0, m.start())]
        resolved = kept or resolved
    first_m, first = resolved[0]
    # "a first draft on Monday and the final by the 10th" names two pieces of work: a deadline
    # past an "and" is the next one's, not a better reading of the first. Of several deadlines,
    # the first said: "an answer by Thursday, well before their deadline on the 9th".
    deadlines = [(m.start(), found) for m, found in resolved if _is_deadline(sentence, m) and not _JOINED_RE.search(
        sentence, min(m.end(), first_m.end()), max(m.start(), first_m.start()))]
    return min(deadlines, key=lambda d: d[0])[1] if deadlines else first


def _resolve(kind: str, m: re.Match[str], sentence: str, local: datetime, tz: tzinfo,
             last_workday: int) -> tuple[str, str] | None:
    """What one pattern's match ``m`` names, as :func:`find_due` returns it, or None."""
    base = local.date()
    when: date | None = None
    at: time | None = None
    if kind == "eod" or kind == "today":
        when = base
    elif kind == "tomorrow":
        when, at = base + timedelta(days=1), _hm(m.group(4), m.group(5), m.group(6))
    elif kind == "day_of_month":
        when = _day_of_month(base, int(m.group(1) or m.group(2)))
    elif kind == "event_weekday":
        wd = WEEKDAYS[fold(m.group(1))]
        when = _weekday_on_or_after(base + timedelta(days=1), wd)
    elif kind in ("before_weekend", "end_week"):
        when = _end_of_week(base, last_workday)
    elif kind == "weekend":
        when = _weekday_on_or_after(base, 6)
    elif kind == "end_next_week":
        when = _end_of_week(base, last_workday) + timedelta(days=7)
    elif kind == "end_month":
        when = base.replace(day=calendar.monthrange(base.year, base.month)[1])
    elif kind == "end_next_month":
        nxt = (base.replace(day=1) + timedelta(days=32)).replace(day=1)
        when = nxt.replace(day=calendar.monthrange(nxt.year, nxt.month)[1])
    elif kind in ("end_of_month_named", "mid_month_named"):
        when = _in_named_month(base, _month_number(m.group(1)), kind == "mid_month_named")
    elif kind == "next_weekday":
        wd = WEEKDAYS[fold(m.group(1))]
        monday_next = base - timedelta(days=base.weekday()) + timedelta(days=7)
        when, at = monday_next + timedelta(days=wd), _hm(m.group(2), m.group(3), m.group(4))
    elif kind == "this_weekday":
        wd = WEEKDAYS[fold(m.group(1))]
        when, at = _weekday_on_or_after(base, wd), _hm(m.group(2), m.group(3), m.group(4))
        # "by Wednesday the 10th" names the 10th, which may be a week or more away.
        nth = _THE_NTH_RE.match(sentence, m.end())
        if nth is not None and (day := _day_of_month(base, int(nth.group(1)))) is not None:
            when = day
        alt = _OR_WEEKDAY_RE.match(sentence, m.end())
        if alt is not None and at is None:
            when = max(when, _weekday_on_or_after(base, WEEKDAYS[fold(alt.group(1))]))
    elif kind == "next_week":
        monday_next = base - timedelta(days=base.weekday()) + timedelta(days=7)
        when = monday_next if m.group(1).lower().startswith(("early", "beginning", "start", "the")) else \
            _end_of_week(base, last_workday) + timedelta(days=7)
    elif kind == "in_n":
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1).lower()]
        unit_days = 7 if m.group(3).lower() == "week" else 1
        if n * unit_days > MAX_DAYS_AHEAD:
            return None  # "in 99999999 days" is no deadline, and counting workdays to it would take minutes
        if m.group(2) and unit_days == 1:
            when = _add_workdays(base, n, last_workday)
        else:
            when = base + timedelta(days=n * unit_days)
    elif kind == "at_time":
        at = _hm(m.group(1), m.group(2), m.group(3))
        if at is None:
            return None
        when = base if at > local.time().replace(tzinfo=None) else base + timedelta(days=1)
    elif kind == "explicit":
        try:
            when = _explicit(m.group(1), local)
        except (OverflowError, ValueError):  # a date past the calendar's end names no deadline
            return None
    if when is None:
        return None
    if at is not None:
        return datetime.combine(when, at, tzinfo=tz).isoformat(), m.group(0).strip()
    return when.isoformat(), m.group(0).strip()


def _month_number(name: str) -> int:
    return MONTH_NUMBERS[fold(name)[:3]]


def _in_named_month(base: date, month: int, mid: bool) -> date | None:
    """The last (or, ``mid``, the 15th) day of the next ``month`` not yet past: "end of February"
    written in March is next year's."""
    for year in (base.year, base.year + 1):
        if year > 9999:
            return None
        when = date(year, month, 15 if mid else calendar.monthrange(year, month)[1])
        if when >= base:
            return when
    return None


def _day_of_month(base: date, day: int) -> date | None:
    """The first date on or after ``base`` whose day of the month is ``day``."""
    if not 1 <= day <= 31:
        return None
    year, month = base.year, base.month
    for _ in range(3):  # 31 exists in one of any two months in a row
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= base:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _add_workdays(base: date, n: int, last_workday: int) -> date:
    d = base
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() <= last_workday:
            n -= 1
    return d


# -- a date from the message around a sentence that names none ----------------------------------

# A sentence that points at a day named earlier: "before then", "at the same time", "ready for
# the call", "before the meeting", "join the 14:00 slot".
_BACK_REF_RE = re.compile(
    r"\b(?:(?:before|by|until|till|after) then|at the same time|the same day|on that day|"
    r"(?:before|for|at|in|to|after|ahead of|during|join|by|until|till) the (?:[\w:.'-]+ ){0,2}?"
    r"(?:meeting|call|sync|session|slot|visit|review|interview|panel|workshop|demo|presentation|"
    r"appointment|1:1|one-on-one|standup|kickoff|kick-off)s?)\b", re.I)
# A later sentence that sets the deadline for an ask that names none: "They need a name by the
# 12th.", "The cut-off for payroll changes is the 15th.", "A short answer by Thursday would help."
_DEADLINE_WORD_RE = re.compile(r"\b(?:by|before|until|till|due|deadline|cut-?off|no later than|latest)\b", re.I)
# ... unless it asks or promises something of its own, whose deadline it is.
_OWN_WORK_RE = re.compile(r"\?\s*$|\b(?:please|could you|can you|would you|will you|let me know|i'll|i will|"
                          r"we'll|we will|you'll|i'm going to|we're going to|(?:need|needs|want|wants|would like|"
                          r"'d like|require|requires) (?:you|your)|i'd appreciate|we'd appreciate)\b", re.I)
_LIST_LINE_RE = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")
_LOOK_BACK = 3  # sentences back to the day a reference points at
_LOOK_AHEAD = 2  # sentences on to a deadline set after the ask (list lines not counted)


def find_due_in_context(evidence: str, text: list[str], sent: datetime, tz: tzinfo,
                        last_workday: int = 4) -> tuple[str | None, str]:
    """The due date of ``evidence``, a sentence (or a clause of one) of the message whose
    sentences are ``text``: its own date, else the day it points back at ("send it before
    then", "ready for the call"), else a deadline the next sentences set for it ("Could you
    find a speaker? They need a name by the 12th."). ("", None) when none of them names one."""
    own = find_due(evidence, sent, tz, last_workday)
    if own[0] is not None:
        return own
    at = next((i for i, s in enumerate(text) if evidence in s), None)
    if at is None:
        return None, ""
    if _BACK_REF_RE.search(evidence):
        # The clause before the evidence in its own sentence, then the sentences before it.
        earlier = [text[at][:text[at].index(evidence)], *reversed(text[max(0, at - _LOOK_BACK):at])]
        for s in earlier:
            found = find_due(s, sent, tz, last_workday)
            if found[0] is not None:
                return found
    later = [s for s in text[at + 1:] if not _LIST_LINE_RE.match(s)]
    if evidence.rstrip().endswith(":"):
        # "I need a decision from you on two points:" - its points run to one ending in a full stop.
        while later and later[0].rstrip()[-1:] in (";", ",", ":"):
            later.pop(0)
        later = later[1:]
    later = later[:_LOOK_AHEAD]
    for s in later:
        found = find_due(s, sent, tz, last_workday)
        if found[0] is not None:
            if _DEADLINE_WORD_RE.search(s) and not _OWN_WORK_RE.search(s):
                return found
            break  # the next day named is some other matter's
        if _OWN_WORK_RE.search(s):
            break  # a new ask or promise: what follows is its, not ours
    return None, ""
