"""The reply language: the owner steers focusd by replying to a brief.

A reply is obeyed only when it comes from the owner's address, answers a brief that focusd sent
(its Message-ID holds a token kept in the store), and no ``Authentication-Results`` header on it
reports a failure; a brief whose token an earlier reply carried to others takes no more replies. Only the visible reply is read, never the quoted brief. All commands of one
reply are applied in one transaction, recorded with what they changed and how to put it back,
so ``undo`` can revert them and the same reply seen twice (under one Message-ID or two) is
applied once. Each line is obeyed whole or not at all: one that cannot be carried out is said in
the confirmation, and the reply's other lines still apply.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from email.utils import parseaddr
from typing import TYPE_CHECKING, Any

import structlog

from agent import faults
from agent.extractors.dates import WEEKDAYS, find_due
from agent.hostility import reported_failure
from connectors.mime import is_app_line
from connectors.types import BRIEF_ID_RE, Message, OutgoingMail
from planner.adapt import waiting_title
from planner.brief import REPLY_HELP
from planner.models import Block, Item

if TYPE_CHECKING:
    from agent.app import App
    from planner.store import Store

log = structlog.get_logger(__name__)

HELP_TEXT = "\n".join(REPLY_HELP)
MAX_LINES = 200  # a range such as "done 1-999999" names no brief's lines
MAX_REPLY_LINES = 50  # lines of a reply read: a reply is a few commands, not a flood
MAX_LINE_CHARS = 300  # of one line: an added item's title, a note; a longer line is not read at all
MAX_REFERENCES = 20  # the latest References looked up for the brief a reply answers
MAX_SHOWN = 30  # changes, and lines not understood, listed in one confirmation
HORIZON_YEARS = 5  # how far ahead a date in a reply may be: no one plans a task further out
HORIZON = timedelta(days=366 * HORIZON_YEARS)
TOO_FAR = f"that date is too far ahead: focusd takes dates up to {HORIZON_YEARS} years ahead"
PASSED = "that date has passed"
# Item fields a command may change: what undo puts back.
UNDO_FIELDS = ("status", "snoozed_until", "due", "due_said_at", "pinned", "pinned_on", "notes", "updated_at")
# Digits are ASCII only ([0-9], never \d): "1٣" must not read as line 13.
_NUMS = r"[0-9]+(?:\s*-\s*[0-9]+)?(?:(?:\s*,\s*|\s+)(?:and\s+)?[0-9]+(?:\s*-\s*[0-9]+)?)*"
_LINES_RE = re.compile(rf"(done|drop|top)\s+({_NUMS})\s*\.?", re.I)
_WHEN_RE = re.compile(rf"(snooze|due)\s+({_NUMS})\s+(.+?)\s*\.?", re.I)
_NOTE_RE = re.compile(r"note\s+([0-9]+)\s*[:\-]?\s+(\S.*)", re.I)
_COLON_RE = re.compile(r"(goal|add)\s*:\s*(\S.*)", re.I)
_WORD_RE = re.compile(r"(undo|help|block)\b.*", re.I)
_BLOCK_RE = re.compile(r"block\s+([0-9]+)(?:\s+([0-9]{1,3})\s*(m|mins?|minutes?|h|hrs?|hours?))?\s+(\S.*?)\s*\.?",
                       re.I)
_CLOCK_RE = re.compile(r"^(.*?)\s*(?:\bat\s+)?\b([0-9]{1,2})(?:[:.]([0-9]{2}))?\s*(am|pm)?$", re.I)
# A time said after a day ("tomorrow 23:59", "friday at 9", "monday 5pm"): a bare number is no time.
_TRAILING_CLOCK_RE = re.compile(r"^(.*?\S)[\s,]+(?:(at)\s+)?([0-9]{1,2})(?:[:.]([0-9]{2}))?\s*(am|pm)?$", re.I)
# Any time in a phrase, checked before the phrase is read as a date: "13pm" and "0am" are none.
_ANY_CLOCK_RE = re.compile(r"(?<![0-9:.])([0-9]{1,2})(?:[:.]([0-9]{2}))?\s*(am|pm)\b|(?<![0-9:.])([0-9]{1,2}):([0-9]{2})"
                           r"(?![0-9])", re.I)
_PAST_RE = re.compile(r"\b(?:yesterday|last\s+\w+|\w+\s+ago)\b", re.I)
_NUMBERED_RE = re.compile(r"(done|drop|top|snooze|due|block)\b", re.I)  # a note's own text may hold any digits
BLOCK_MINUTES = (15, 480)  # the shortest and longest block a reply may ask for
_SPAN_RE = re.compile(r"(?:for\s+|in\s+)?([0-9]{1,3})\s*(d|days?|w|wks?|weeks?)", re.I)
_BY_RE = re.compile(r"^(.*\S)\s+(?:by|before|until|due)\s+(\S.*)$", re.I)
_STOP = frozenset("with from that this into about have will your their them then than what when "
                  "which there were been some more also just over "
                  # the verbs a goal starts with say nothing of which work serves it
                  "close finish complete ship launch make start finalise finalize deliver achieve reach".split())


def help_guide(owner: str) -> tuple[str, ...]:
    """The fuller guide a reply saying ``help`` gets: each command with what it does and an
    example, then how numbers, lists and dates are read, and who may steer."""
    return (
        "How to steer focusd: reply to a brief, one command a line.",
        "Numbers are the numbered lines of the brief you answer (an older brief keeps its own numbers).",
        "",
        "  done 2                        line 2 is done",
        "  drop 3                        line 3 no longer needs doing",
        "  snooze 1 monday               hide line 1 until then; also: until friday, Dec 3, 3d, 2 weeks",
        "  top 4                         pin line 4 to today's focus (for today only)",
        "  due 2 friday 5pm              set line 2's due date, with a time if you like (tomorrow 17:00)",
        "  note 2 waiting for redlines   add a note to line 2",
        "  block 1 90m tomorrow 14:00    book a focus block for line 1 on your calendar (15m to 8h)",
        "  add: Call the lawyer by Friday          a new item you owe; \"by ...\" gives its due date",
        "  goal: Close the seed round by Dec 15    a new goal: items that mention its words rank with it",
        "  undo                          take back the last reply that changed something",
        "  help                          this guide",
        "",
        "Several lines at once: done 1-3 (a range), done 1, 4 or done 1 3 5 (a list).",
        f"Dates are read in your time zone, from the day you write, up to {HORIZON_YEARS} years ahead.",
        "When two lines of one reply change the same thing of an item (done 2, then drop 2), the later one holds.",
        "Only what you write is read: quoted text (\"> ...\") and a brief pasted back are ignored,",
        f"and a line over {MAX_LINE_CHARS} characters is not read at all.",
        f"Send replies from {owner}, and to {owner} alone:",
        "a reply that also goes to someone else hands them the brief's id, and that brief then takes no more replies.",
    )


# Lines of focusd's own mail that a reply may carry back unquoted: never commands, never an error.
_OWN_LINES = ("focusd read your reply.", "Changed:", "Nothing was changed.", *REPLY_HELP, *help_guide(""))


@dataclass(frozen=True)
class Command:
    """One understood line. ``lines`` are brief line numbers; ``when`` an ISO date (or
    date-time for ``due``); ``text`` the title, goal or note."""

    verb: str  # done | drop | snooze | top | due | goal | add | note | undo | help | block
    line: str
    lines: tuple[int, ...] = ()
    when: str | None = None
    text: str = ""
    minutes: int | None = None  # block: its length; None means [focus].block_minutes


@dataclass(frozen=True)
class Unknown:
    """A line that is no command, with why when it looked like one. ``unread``: a line not read
    at all (too long, or cut off); a notice about the whole reply has no ``line``."""

    line: str
    why: str = ""
    unread: bool = False

    def said(self) -> str:
        """The line for the confirmation."""
        if not self.line:
            return self.why
        if self.unread:
            head = self.line if len(self.line) <= 60 else self.line[:60].rstrip() + "…"
            return f"Not read: “{head}” ({self.why})"
        return f"Not understood: “{self.line}”" + (f" ({self.why})" if self.why else "")


CHANGING = frozenset({"done", "drop", "snooze", "top", "due", "goal", "add", "note", "undo", "block"})


def _numbers(spec: str) -> tuple[int, ...] | str:
    """``"1 3 5"``, ``"1-3"``, ``"1, 2 and 4"`` -> line numbers in order, or why not."""
    out: list[int] = []
    for a, b in re.findall(r"([0-9]+)(?:\s*-\s*([0-9]+))?", spec):
        lo, hi = int(a), int(b or a)
        if hi < lo:
            return f"the range {a}-{b} runs backwards: write {b}-{a}"
        if hi - lo >= MAX_LINES or len(out) + hi - lo >= MAX_LINES:
            return "too many lines"
        out.extend(n for n in range(lo, hi + 1) if n not in out)
    return tuple(out) if out else "too many lines"


def _base(today: date, tz: tzinfo) -> datetime:
    return datetime.combine(today, time(12), tzinfo=tz)


def _bad_clock(phrase: str) -> str:
    """Why a time in ``phrase`` is no time ("13pm", "0am", "25:00"), or ""."""
    for m in _ANY_CLOCK_RE.finditer(phrase):
        if m.group(3):
            hour, minute, ok = int(m.group(1)), int(m.group(2) or 0), 1 <= int(m.group(1)) <= 12
        else:
            hour, minute = int(m.group(4)), int(m.group(5))
            ok = hour <= 23
        if not ok or minute > 59:
            return f"“{m.group().strip()}” is not a time"
    return ""


def _at(day: date, hour: int, minute: int, tz: tzinfo) -> str:
    """A wall-clock time in the owner's zone, ISO; one that does not exist that day (the hour
    skipped when clocks go forward) is read as the same wall time after the change."""
    start = datetime.combine(day, time(hour, minute), tzinfo=tz)
    return start.astimezone(UTC).astimezone(tz).isoformat()


def read_date(phrase: str, today: date, tz: tzinfo, later: bool = False) -> tuple[str | None, str]:
    """A date phrase ("friday", "until monday", "3d", "Dec 15", "tomorrow 14:00") as an ISO date,
    or a date-time when a time is said, resolved against ``today`` in ``tz``; else None and why
    ("" when it names no date). With ``later`` the answer is a date, after today, and a bare
    weekday that is today means next week's, as in "snooze 1 monday" said on a Monday. A date
    before today, or more than :data:`HORIZON_YEARS` ahead, is refused with its reason."""
    text = phrase.strip().rstrip(".").strip()
    bad = _bad_clock(text)
    if bad:
        return None, bad
    clock = _TRAILING_CLOCK_RE.match(text)
    if clock and (clock.group(2) or clock.group(4) or clock.group(5)):
        on, why = read_date(clock.group(1), today, tz, later)
        if on is not None:
            if later:
                return on, ""  # a snooze lasts whole days
            hour, minute = int(clock.group(3)), int(clock.group(4) or 0)
            if clock.group(5):
                hour = hour % 12 + (12 if clock.group(5).lower() == "pm" else 0)
            return _at(date.fromisoformat(on[:10]), hour, minute, tz), ""
        if why:
            return None, why
    span = _SPAN_RE.fullmatch(text)
    if span:
        n = int(span.group(1)) * (7 if span.group(2).lower().startswith("w") else 1)
        found: str | None = (today + timedelta(days=n)).isoformat()
        said = text
    else:
        try:
            found, said = find_due(text, _base(today, tz), tz)
        except OverflowError:  # a date at the calendar's edge
            return None, TOO_FAR
    if found is None:
        return None, PASSED if _PAST_RE.search(text) else ""
    # The phrase must be the whole text: "friday or so, ask Bob" is no date to act on.
    rest = re.sub(r"\s+", " ", text.lower().replace(said.lower(), " ", 1)).strip()
    if rest not in ("", "until", "on", "by", "next"):
        return None, ""
    day = date.fromisoformat(found[:10])
    if day > today + HORIZON:
        return None, TOO_FAR
    if later and day <= today and said.lower().split()[-1] in WEEKDAYS:
        day += timedelta(days=7)
    if day < today or (later and day <= today):
        return None, PASSED
    return day.isoformat() if later else found, ""


def _title_and_date(text: str, today: date, tz: tzinfo) -> tuple[str, str | None, str]:
    """``"Call the lawyer by Friday"`` -> ("Call the lawyer", "2026-11-20", ""); the reason
    last when the date it ends with cannot be taken ("by yesterday")."""
    m = _BY_RE.match(text)
    if m:
        found, why = read_date(m.group(2), today, tz)
        if found is not None:
            return m.group(1).strip(), found[:10], ""
        if why:
            return m.group(1).strip(), None, why
    return text.strip(), None, ""


def parse_line(line: str, today: date, tz: tzinfo) -> Command | Unknown | None:
    """One line of a reply: a command, an unknown line, or None for a blank one. Never raises:
    a line that breaks the parser is an unknown line."""
    text = " ".join(line.split()).strip("*_").strip()
    if not text:
        return None
    if len(text) > MAX_LINE_CHARS:  # never obeyed cut short: "done 1 <5000 spaces> 2" is no "done 1"
        return Unknown(text, f"it is {len(text):,} characters long; focusd reads lines of up to "
                             f"{MAX_LINE_CHARS}, so nothing on it was done", unread=True)
    try:
        loose = _loose(text)
        parsed = _parse_line(loose, today, tz)
        return replace(parsed, line=text) if loose != text else parsed  # said back as written
    except OverflowError:
        return Unknown(text, TOO_FAR)
    except Exception as exc:  # noqa: BLE001 - one odd line must not cost the reply its other lines
        log.warning("reply.line_unreadable", error=type(exc).__name__)
        return Unknown(text, "focusd could not read it")


_LOOSE_VERB_RE = re.compile(r"^(done|drop|top|snooze|due|block)\b\s*:?\s*", re.I)
_COURTESY_END_RE = re.compile(r"(?:[\s,;:.!]*\b(?:please|pls|plz|thanks|thank you|thx|ty|cheers)\b)+[\s,;:.!]*$", re.I)


def _loose(text: str) -> str:
    """A command line as a person types it, made plain: "Done #2!", "done: 2", "drop 16 please",
    "done 2 & 3", "Done 2 👍", "snooze 3 to monday" read as "done 2", "done 2, 3", "snooze 3
    monday". Only lines that open with a numbered verb; free text (add:, goal:, note) is kept."""
    m = _LOOSE_VERB_RE.match(text)
    if m is None:
        return text
    out = m.group(1) + " " + text[m.end():]
    out = re.sub(r"#\s*(?=[0-9])", "", out)
    out = re.sub(r"(?<=[0-9])\s*(?:&|\+)\s*(?=[0-9])", ", ", out)
    out = _COURTESY_END_RE.sub("", out)
    # A full stop, "!" or a yes-emoji after the command: never part of a date or a time. A "?" or
    # any other sign stays, and the line is then no command: "Done 2?" asks, "Done 2 👎" says no.
    out = re.sub(r"[\s.!…👍✅✔🙏👌\ufe0f]+$", "", out)
    out = re.sub(r"^(snooze|due)(\s+[0-9][0-9,\s-]*?)\s+(?:to|till|til|until)\s+", r"\1\2 ", out, flags=re.I)
    return " ".join(out.split())


def _parse_line(text: str, today: date, tz: tzinfo) -> Command | Unknown:
    if _NUMBERED_RE.match(text) and any(c.isdigit() and not c.isascii() for c in text):
        return Unknown(text, "write line numbers, dates and times with the digits 0-9")
    m = _LINES_RE.fullmatch(text)
    if m:
        nums = _numbers(m.group(2))
        if isinstance(nums, str):
            return Unknown(text, nums)
        verb = m.group(1).lower()
        # A pin is for the day it was asked on: tomorrow's ranking starts afresh.
        return Command(verb, text, lines=nums, when=today.isoformat() if verb == "top" else None)
    m = _WHEN_RE.fullmatch(text)
    if m:
        verb, spec, phrase = m.group(1).lower(), m.group(2), m.group(3)
        found, why = read_date(phrase, today, tz, later=verb == "snooze")
        last = re.search(r"[\s,]+(?:and\s+)?([0-9]+)$", spec)
        if found is None and not why and last:  # "snooze 1 2 weeks": the last number belongs to the date
            spec, phrase = spec[: last.start()], f"{last.group(1)} {phrase}"
            found, why = read_date(phrase, today, tz, later=verb == "snooze")
        nums = _numbers(spec)
        if isinstance(nums, str):
            return Unknown(text, nums)
        if found is None:
            return Unknown(text, why or f"“{phrase}” is not a date")
        return Command(verb, text, lines=nums, when=found)
    m = _NOTE_RE.fullmatch(text)
    if m:
        return Command("note", text, lines=(int(m.group(1)),), text=m.group(2).strip())
    m = _COLON_RE.fullmatch(text)
    if m:
        verb = m.group(1).lower()
        title, found, why = _title_and_date(m.group(2), today, tz)
        if why:
            return Unknown(text, f"{why}, so nothing was {'added' if verb == 'add' else 'set'}: "
                                 "write it again with a date ahead, or with none")
        return Command(verb, text, when=found, text=title)
    m = _BLOCK_RE.fullmatch(text)
    if m:
        return _block(text, m, today, tz)
    m = _WORD_RE.fullmatch(text)
    if m and (m.group(1).lower() == "block" or text.lower() == m.group(1).lower()):
        if m.group(1).lower() == "block":
            return Unknown(text, "say which line and when, as in “block 1 90m tomorrow 14:00”")
        return Command(m.group(1).lower(), text)
    verb = _LOOSE_VERB_RE.match(text)
    if verb is not None and not any(c.isdigit() for c in text):  # "Done", "drop this" under a quoted line
        return Unknown(text, f"say which line: write its number from the brief, as in “{verb.group(1).lower()} 2”")
    return Unknown(text)


def _block(text: str, m: re.Match[str], today: date, tz: tzinfo) -> Command | Unknown:
    """``block 1 90m tomorrow 14:00``: line 1, 90 minutes, from that local time."""
    minutes = None
    if m.group(2):
        minutes = int(m.group(2)) * (60 if m.group(3).lower().startswith("h") else 1)
        if not BLOCK_MINUTES[0] <= minutes <= BLOCK_MINUTES[1]:
            return Unknown(text, f"a block lasts {BLOCK_MINUTES[0]} to {BLOCK_MINUTES[1]} minutes")
    clock = _CLOCK_RE.match(m.group(4))
    if clock is None or (":" not in m.group(4) and "." not in m.group(4) and not clock.group(4)
                         and not re.search(r"\bat\s+[0-9]", m.group(4), re.I)):
        return Unknown(text, "say when it starts, as in “tomorrow 14:00”")
    hour, minute = int(clock.group(2)), int(clock.group(3) or 0)
    if clock.group(4):
        if not 1 <= hour <= 12:
            return Unknown(text, "that is not a time")
        hour = hour % 12 + (12 if clock.group(4).lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        return Unknown(text, "that is not a time")
    day_phrase = clock.group(1).strip().rstrip(",")
    day: str | None = today.isoformat()
    if day_phrase.lower() not in ("", "today"):
        day, why = read_date(day_phrase, today, tz)
        if day is None:
            return Unknown(text, why or f"“{day_phrase}” is not a date")
    start = _at(date.fromisoformat((day or "")[:10]), hour, minute, tz)
    return Command("block", text, lines=(int(m.group(1)),), when=start, minutes=minutes)


def _line_key(line: str) -> str:
    """A line as pasting leaves it recognisable: without indentation, quote marks or runs of spaces."""
    return " ".join(line.strip().lstrip(">").split()).casefold()


def line_keys(*texts: str) -> frozenset[str]:
    """The lines of ``texts`` as :func:`parse` skips them (see ``skip``)."""
    return frozenset(_line_key(line) for text in texts for line in text.splitlines()) - {""}


_OWN_KEYS = line_keys(*_OWN_LINES)


def without_name_lines(text: str, name: str, today: date, tz: tzinfo) -> str:
    """``text`` without the signature that closes it with the owner's name and no sign-off
    before it: "Ada", "Ada Lovelace | CEO, Loom" (Outlook's), or the name over a title, a company
    and a phone number. Told back, each line was "Not understood", though no command was there.
    Only at the end, within its last five lines, and never a line that is a command."""
    first = name.split()[0] if name.split() else ""
    lines = text.rstrip().split("\n")
    if not first or len([ln for ln in lines if ln.strip()]) < 2:
        return text
    signed = re.compile(rf"^\W*{re.escape(first)}\b(?:\s+[\w.'’-]+){{0,3}}\s*(?:$|[|–—]\s*\S.{{0,60}}$|\s-\s\S.{{0,60}}$)",
                        re.I)
    for at in range(len(lines) - 1, max(len(lines) - 6, 0), -1):
        tail = lines[at:]
        if (signed.match(lines[at].strip()) and all(len(ln.strip()) <= 60 for ln in tail)
                and not any(isinstance(parse_line(ln, today, tz), Command) for ln in tail)):
            return "\n".join(lines[:at])
    return text


_REPLY_PREFIX_RE = re.compile(r"^(?:\s*(?:re|aw|sv|antw|r)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_SIGN_OFF_RE = re.compile(r"^(?:best|best regards|kind regards|warm regards|warmly|regards|cheers|thanks|thank you|"
                          r"many thanks|thx|sincerely|yours|all the best|talk soon|br|mfg|viele grüße|liebe grüße|"
                          r"beste grüße|cordialement|bien à vous|saludos|un saludo|groeten|met vriendelijke groet)"
                          r"\b[^.?]{0,30}[,.!]?$", re.I)


def parse(text: str, today: date, tz: tzinfo, skip: frozenset[str] = frozenset()) -> list[Command | Unknown]:
    """Every line of a reply's visible text, as commands or unknown lines, in order. Dates are
    resolved against ``today`` (the day the reply was written) in ``tz``. Lines of focusd's own
    mail (the cheat sheet, and ``skip``: the brief's lines, see :func:`line_keys`) pasted into
    the reply unquoted are passed over in silence."""
    out: list[Command | Unknown] = []
    own = skip | _OWN_KEYS
    lines = text.splitlines()
    for at, line in enumerate(lines):
        if _line_key(line) in own or is_app_line(line):  # "Sent with Proton Mail secure email."
            continue
        parsed = parse_line(line, today, tz)
        if parsed is None:
            continue
        after = [ln for ln in lines[at + 1:] if ln.strip()]
        if (isinstance(parsed, Unknown) and after and _SIGN_OFF_RE.match(parsed.line)
                and not any(isinstance(parse_line(ln, today, tz), Command) for ln in after[:MAX_REPLY_LINES])):
            # "Best regards," after the commands, and the name, title and phone under it: a
            # signature, said back as one line, not one "Not understood" each.
            out.append(Unknown(parsed.line, f"taken with the {len(after)} line{'s' if len(after) != 1 else ''} "
                                            "after it for your signature"))
            break
        if len(out) >= MAX_REPLY_LINES:  # a reply is a few commands; a flood is cut, and said so
            head = parsed.line if len(parsed.line) <= 60 else parsed.line[:60].rstrip() + "…"
            out.append(Unknown("", f"Your reply was cut after its first {MAX_REPLY_LINES} lines: nothing from "
                                   f"“{head}” on was read or done."))
            break
        out.append(parsed)
    return out


# -- authentication ---------------------------------------------------------------------------


def replied_brief(msg: Message, store: Store) -> dict[str, Any] | None:
    """The brief that ``msg`` answers, found by the token in its In-Reply-To, else in its
    References (latest first); None when it names no brief that focusd sent."""
    # The latest references only: a reply names its brief near the end, and a message with
    # thousands of made-up ids must not cost a lookup each.
    for ref in [msg.in_reply_to, *reversed(msg.references[-MAX_REFERENCES:])]:
        m = BRIEF_ID_RE.fullmatch(ref or "")
        if m:
            brief = store.brief_for_reply_token(m.group(1))
            if brief is not None:
                return brief
    return None


def without_brief_lines(msg: Message, store: Store) -> None:
    """Take the lines of the brief ``msg`` cites out of its visible text. For another person's
    mail that cites a brief (a colleague copied into the owner's answer to it): pasted there
    unquoted, the brief's own lines would read as that person's asks, and the brief's items must
    never become items again."""
    brief = replied_brief(msg, store)
    text = str((brief or {}).get("text") or "")
    own = {_line_key(line) for line in text.splitlines()} - {""}
    if own:
        msg.reply_text = "\n".join(line for line in msg.reply_text.splitlines() if _line_key(line) not in own)


def auth_failure(headers: list[str]) -> str:
    """The first DKIM, SPF or DMARC failure any Authentication-Results (or ARC-Authentication-
    Results) header reports, or "": fail, softfail, permerror or hardfail, however and wherever
    the header writes it (see :func:`agent.hostility.reported_failure`)."""
    for value in headers:
        failure = reported_failure(value)
        if failure:
            return failure
    return ""


EXPOSED = "that brief's id went to others with an earlier reply"


def copied(brief: dict[str, Any]) -> str:
    """The reason recorded with an obeyed reply that also went to others: it names the brief (by
    a digest of its Message-ID, never the token itself), since a weekly review and that week's
    Monday brief share a date."""
    return "copied to others " + hashlib.sha256(str(brief["message_id"]).encode()).hexdigest()[:16]


def copied_to(msg: Message, *own: str) -> list[str]:
    """Whom else a reply went to, besides ``own`` (the owner's address and focusd's From): each
    of them now holds the brief's id."""
    mine = {a.strip().lower() for a in own}
    return list(dict.fromkeys(a.email for a in msg.to + msg.cc if a.email and a.email.lower() not in mine))


def authenticate(msg: Message, store: Store, owner_email: str) -> tuple[bool, str]:
    """Whether ``msg`` may steer focusd, and why not: the owner's From, a reference to a brief
    focusd sent, and no reported authentication failure."""
    if msg.sender.email.strip().lower() != owner_email.strip().lower():
        return False, "not from the owner"
    if msg.strict_from != owner_email.strip().lower():
        return False, "its From header is ambiguous (several headers or addresses, or an address in the name)"
    brief = replied_brief(msg, store)
    if brief is None:
        return False, "no brief of ours is referenced"
    failure = auth_failure(msg.authentication_results)
    if failure:
        return False, f"authentication failed ({failure})"
    # A reply the owner also sent to others handed them the brief's id, the proof a reply is the
    # owner's: from then on that brief (and its confirmations) steers nothing.
    if store.reply_with_reason(copied(brief)):
        return False, EXPOSED
    return True, ""


# -- apply ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one reply did: human lines for the confirmation, and errors for lines not understood.
    ``help``: the short cheat sheet goes with the answer; ``guide``: the reply asked for help, and
    gets the fuller guide."""

    status: str  # applied | undo | answered | empty | duplicate | ignored
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    help: bool = False
    reason: str = ""
    guide: bool = False

    @property
    def answer(self) -> bool:
        """True when the owner gets a confirmation."""
        return bool(self.changes or self.errors or self.help or self.guide)


def _day(iso: str, today: date | None = None) -> str:
    """``"2026-11-23"`` -> "Mon 23 Nov"; with the year when it is not ``today``'s."""
    d = date.fromisoformat(iso[:10])
    year = f" {d.year}" if today is not None and d.year != today.year else ""
    return d.strftime("%a %d %b") + year + (f" {iso[11:16]}" if len(iso) > 10 else "")


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _keywords(title: str) -> list[str]:
    """Content words of a goal's title, so items that mention them rank with it, and the words the
    work towards the common goals is said in: "Hire a senior backend engineer" also matches the
    interview, the scorecard and the offer letter, which never say "hire"."""
    words = [w for w in re.findall(r"[a-z0-9]{4,}", title.lower()) if w not in _STOP]
    for stems, related in _GOAL_WORDS:
        if any(w.startswith(stems) for w in words):
            words += related
    return list(dict.fromkeys(words))


# The work a common goal's title does not name: (stems of the title's words, what its work says).
_GOAL_WORDS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("hire", "hiring", "recruit", "headcount"),
     ("candidate", "interview", "scorecard", "offer letter", "references", "recruiter", "onboarding", "job post")),
    (("fundrais", "raise", "round", "seed", "series", "investor"),
     ("investor", "term sheet", "deck", "data room", "cap table", "side letter", "due diligence")),
    (("launch", "ship", "release"),
     ("release", "launch", "beta", "rollout", "go-live", "changelog")),
    (("close", "sign", "deal", "renewal", "contract", "pilot"),
     ("contract", "msa", "order form", "proposal", "pricing", "quote", "security questionnaire", "renewal")),
)


# What of an item each command sets: two commands of one reply that set the same thing of one
# item conflict, and the later line holds. Notes add up and blocks are each their own.
_SETS = {"done": "status", "drop": "status", "snooze": "status", "top": "pin", "due": "due"}


@dataclass
class _Change:
    text: str
    line: str
    key: tuple[int, str] | None = None  # (item id, what it sets)
    replaced: list[str] = field(default_factory=list)  # earlier lines of the reply it took the place of
    live: bool = True

    def said(self) -> str:
        if not self.replaced:
            return self.text
        lines = " and ".join(f"“{line}”" for line in dict.fromkeys(self.replaced))
        return f"{self.text} (a later line, so it replaces {lines} above)"


class _Applier:
    """Applies one reply's commands inside the caller's transaction, keeping the undo record."""

    def __init__(self, store: Store, msg: Message, brief: dict[str, Any], booking: Booking | None = None,
                 today: date | None = None) -> None:
        self.store, self.msg = store, msg
        self.booking = booking or Booking()
        self.today = today or msg.date.date()
        self.lines: dict[str, int] = brief["lines"]
        self.before: dict[str, dict[str, Any]] = {}
        self.added_items: list[int] = []
        self.added_goals: list[int] = []
        self.added_blocks: list[int] = []
        self.changes: list[_Change] = []
        self.held: dict[tuple[int, str], _Change] = {}
        self.added_titles: set[str] = set()
        self.out = Outcome("applied")
        self.said = msg.date.isoformat()

    def changed(self) -> list[str]:
        """What this reply changed, as it stands after its last line."""
        return [c.said() for c in self.changes if c.live]

    def _item(self, n: int, line: str) -> Item | None:
        item_id = self.lines.get(str(n))
        item = self.store.item(item_id) if item_id is not None else None
        if item is None or item.id is None:
            self.out.errors.append(f"“{line}”: line {n} is not an item in that brief")
            return None
        if str(item.id) not in self.before:
            row = self.store.item_row(item.id)
            self.before[str(item.id)] = {k: row[k] for k in UNDO_FIELDS}
        return item

    def _note(self, text: str, line: str, key: tuple[int, str] | None = None) -> None:
        """Say a change; one that sets what an earlier line of the reply set takes its place."""
        earlier = self.held.get(key) if key else None
        change = _Change(text, line, key)
        if earlier is not None:
            if earlier.text == text:  # "done 1-3" then "done 2": the same again, said once
                return
            earlier.live = False
            change.replaced = [*earlier.replaced, earlier.line]
        if key:
            self.held[key] = change
        self.changes.append(change)

    def _set(self, item: Item, fields: dict[str, Any], change: str, cmd: Command) -> None:
        self.store.update_item(item.id or 0, fields)
        self._note(change, cmd.line, (item.id or 0, _SETS[cmd.verb]) if cmd.verb in _SETS else None)

    def attempt(self, cmd: Command) -> None:
        """Run one command; one that fails is taken back whole and said to have failed, and the
        reply's other lines still apply. The store's own errors stop the whole reply."""
        mark = (len(self.changes), dict(self.held), set(self.added_titles), dict(self.before),
                len(self.added_items), len(self.added_goals), len(self.added_blocks),
                [c.live for c in self.changes])
        try:
            with self.store.write():  # a savepoint inside the reply's transaction
                self.run(cmd)
        except sqlite3.Error:
            raise
        except Exception as exc:  # noqa: BLE001 - one command that cannot be carried out is one error line
            log.warning("reply.command_failed", verb=cmd.verb, error=type(exc).__name__)
            count, held, titles, before, items, goals, blocks, live = mark
            del self.changes[count:]
            for change, was in zip(self.changes, live, strict=False):
                change.live = was
            self.held, self.added_titles, self.before = held, titles, before
            del self.added_items[items:], self.added_goals[goals:], self.added_blocks[blocks:]
            why = TOO_FAR if isinstance(exc, OverflowError) else f"focusd could not carry it out ({type(exc).__name__})"
            self.out.errors.append(f"“{cmd.line}”: {why}; nothing of it was changed")

    def run(self, cmd: Command) -> None:
        if cmd.verb in ("goal", "add"):
            self._create(cmd)
            return
        for n in cmd.lines:
            item = self._item(n, cmd.line)
            if item is None:
                continue
            label = f"{n}. {waiting_title(item)}"  # the title as the brief showed it
            if cmd.verb == "done":
                self._set(item, {"status": "done"}, f"Done: {label}", cmd)
            elif cmd.verb == "drop":
                self._set(item, {"status": "dropped"}, f"Dropped: {label}", cmd)
            elif cmd.verb == "snooze" and cmd.when:
                self._set(item, {"status": "snoozed", "snoozed_until": cmd.when},
                          f"Snoozed until {_day(cmd.when, self.today)}: {label}", cmd)
            elif cmd.verb == "top":
                self._set(item, {"pinned": 1, "pinned_on": cmd.when}, f"Pinned to today's focus: {label}", cmd)
            elif cmd.verb == "due" and cmd.when:
                self._set(item, {"due": cmd.when, "due_said_at": self.said}, f"Due {_day(cmd.when, self.today)}: {label}",
                          cmd)
            elif cmd.verb == "note":
                self._set(item, {"notes": json.dumps([*item.notes, cmd.text])}, f"Note on {label}: {cmd.text}", cmd)
            elif cmd.verb == "block" and cmd.when:
                self._block(item, cmd, label)

    def _block(self, item: Item, cmd: Command, label: str) -> None:
        """Ask for a block at the owner's time; the cycle books it on the calendar right after."""
        if self.booking.refused:
            self.out.errors.append(f"“{cmd.line}”: {self.booking.refused}")
            return
        start = datetime.fromisoformat(cmd.when or "")
        if start.date() > self.today + HORIZON:
            self.out.errors.append(f"“{cmd.line}”: {TOO_FAR}")
            return
        end = start + timedelta(minutes=cmd.minutes or self.booking.minutes)
        if item.status != "open":
            self.out.errors.append(f"“{cmd.line}”: {label} is {item.status}, so it needs no focus time")
            return
        if start < self.booking.now:
            self.out.errors.append(f"“{cmd.line}”: that time has passed")
            return
        block = self.store.add_block(Block(item.id or 0, start.astimezone(UTC), end.astimezone(UTC),
                                           state="requested", owner_set=True))
        self.added_blocks.append(block.id or 0)
        local = start.astimezone(self.booking.tz)
        local_end = end.astimezone(self.booking.tz)
        year = f" {local.year}" if local.year != self.today.year else ""
        day_off = "; that is not one of your working days" if local.weekday() not in self.booking.working_days else ""
        self._note(f"Focus block {local:%a %d %b}{year} {local:%H:%M}–{local_end:%H:%M} for "
                   f"{label} (focusd puts it on your calendar now{day_off}{self._clashes(start, end)})", cmd.line)

    def _clashes(self, start: datetime, end: datetime) -> str:
        """What a block asked for at the owner's time runs into: the meetings it overlaps and the
        focus hours it leaves, said so the owner can move it ("; it overlaps Team standup 09:30")."""
        tz = self.booking.tz
        said = ""
        events = [e for e in self.store.events(start, end) if not e.is_focus_block and e.busy]
        meetings = [e for e in events if not e.all_day]
        if meetings:
            shown = ", ".join(f"“{e.title}” {e.start.astimezone(tz):%H:%M}" for e in meetings[:3])
            said += f"; it overlaps {shown}"
        away = [e for e in events if e.all_day]
        if away:
            said += f"; that day your calendar is busy all day (“{away[0].title or 'busy'}”)"
        b = self.booking
        if (b.earliest and start.astimezone(tz).time() < b.earliest) or (
                b.latest and (end.astimezone(tz).time() > b.latest or end.astimezone(tz).date() > start.astimezone(tz).date())):
            hours = f"{b.earliest:%H:%M}–{b.latest:%H:%M}" if b.earliest and b.latest else "your focus hours"
            said += f"; it is outside your focus hours ({hours})"
        return said

    def _create(self, cmd: Command) -> None:
        due = f" (by {_day(cmd.when, self.today)})" if cmd.when else ""
        if cmd.verb == "goal":
            if any(g["title"].lower() == cmd.text.lower() for g in self.store.goals()):
                self.out.errors.append(f"“{cmd.line}”: that goal is already set")
                return
            self.added_goals.append(self.store.add_goal(cmd.text, _keywords(cmd.text), cmd.when))
            words = _keywords(cmd.text)
            self._note(f"Goal added: {cmd.text}{due}"
                       + (f"; items that mention {_either(words)} now rank with it" if words else ""), cmd.line)
            return
        if cmd.text.casefold() in self.added_titles:
            self.out.errors.append(f"“{cmd.line}”: an earlier line of this reply already added it, so it was "
                                   "added once")
            return
        # The same add: sent twice (send pressed again, a reply written twice): one item.
        there = next((i for i in self.store.items(("open", "snoozed")) if i.title.casefold() == cmd.text.casefold()), None)
        if there is not None:
            kept = (f"; its date stays {_day(there.due, self.today)}" if there.due and cmd.when and cmd.when != there.due
                    else "; it has no date" if cmd.when and not there.due else "")
            self.out.errors.append(f"“{cmd.line}”: “{there.title}” is already on your list, so nothing was added{kept}"
                                   + (" (reply `due N` with its line number to change it)" if kept else ""))
            return
        # The reply's subject and thread are the brief's: they name other items, and others may
        # write in that thread (a colleague copied in, a stranger citing the brief). The added item
        # has neither, so no goal is matched by the brief's subject and no mail in the brief's
        # thread becomes its context.
        source = {"message_id": self.msg.message_id, "subject": "",
                  "from": self.msg.sender.email, "date": self.said}
        item = Item(kind="commitment", title=cmd.text, evidence=cmd.line, source=source,
                    thread_id="", owner="me", due=cmd.when,
                    due_said_at=self.said if cmd.when else None)
        self.added_items.append(self.store.add_item(item))
        self.added_titles.add(cmd.text.casefold())
        self._note(f"Added: {cmd.text}" + (f" (due {_day(cmd.when, self.today)})" if cmd.when else ""), cmd.line)

    def undo_record(self) -> dict[str, Any]:
        return {"items": self.before, "added_items": self.added_items, "added_goals": self.added_goals,
                "added_blocks": self.added_blocks}


def _undo_last(store: Store, out: Outcome) -> None:
    """Revert the last applied reply; its changes are listed back as undone."""
    last = store.last_applied_reply()
    if last is None:
        out.errors.append("“undo”: there is no applied reply left to undo")
        return
    record = json.loads(last["undo"] or "{}")
    for item_id, fields in record.get("items", {}).items():
        store.update_item(int(item_id), fields)
    for item_id in record.get("added_items", []):
        store.delete_item(int(item_id))
    for goal_id in record.get("added_goals", []):
        store.delete_goal(int(goal_id))
    for block_id in record.get("added_blocks", []):
        block = store.block(int(block_id))
        if block is None:
            continue
        if block.state == "booked":  # on the calendar: the cycle takes it off, then forgets it
            store.update_block(replace(block, state="cancelled"))
        else:
            store.delete_block(int(block_id))
    store.set_reply_status(last["message_id"], "undone")
    out.changes += [f"Undone: {c}" for c in json.loads(last["changes"] or "[]")]


@dataclass(frozen=True)
class Booking:
    """What a ``block`` command needs: the default length, now, the owner's zone, and why no
    block can be booked ("" when one can)."""

    minutes: int = 90
    refused: str = "no calendar that focusd can write is configured"
    now: datetime = datetime.min.replace(tzinfo=UTC)
    tz: tzinfo = UTC
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    # The focus hours ([focus].earliest and latest): a block asked for outside them is booked as
    # asked, and the confirmation says so.
    earliest: time | None = None
    latest: time | None = None


def reply_digest(msg: Message, brief: dict[str, Any]) -> str:
    """What tells the same reply seen twice under two Message-IDs (the INBOX copy with the
    server's id, a copy in Sent with none, so focusd's stand-in): its sender, its Date header (when
    it has one: a date that arrival stands in for differs per copy), the brief it answers and the
    ids it names in In-Reply-To and References (a second ``undo`` answers a newer confirmation),
    and the text it shows, each line without its spacing (the subject, when it shows none)."""
    text = "\n".join(" ".join(line.split()) for line in msg.reply_text.splitlines() if line.strip())
    if not text:  # with nothing written, the subject may be the command ("done 2")
        text = "subject: " + " ".join(msg.subject.split())
    refs = " ".join([msg.in_reply_to, *msg.references[-MAX_REFERENCES:]])
    key = "\n".join((msg.sender.email.strip().lower(), msg.date.isoformat() if msg.dated else "",
                     str(brief.get("message_id") or ""), refs, text))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def apply_reply(store: Store, msg: Message, brief: dict[str, Any], commands: list[Command | Unknown],
                booking: Booking | None = None, own: tuple[str, ...] = (), today: date | None = None) -> Outcome:
    """Apply one authenticated reply's commands to the store in one transaction and record it.
    Numbers refer to ``brief``'s own line map; ``today`` is the day the dates were read against
    (the year is said of a date in another). A reply already recorded, under its Message-ID or
    as the same reply under another (:func:`reply_digest`), changes nothing.
    ``own``: addresses besides the sender's (the owner's) that are no one else, as focusd's From."""
    with store.write():
        if store.reply(msg.message_id) is not None:
            return Outcome("duplicate")
        digest = reply_digest(msg, brief)
        first = store.reply_by_digest(digest)
        if first is not None:
            reason = f"the same reply as {first['message_id']}"
            store.record_reply(msg.message_id, brief["date"], msg.sender.email, msg.date.isoformat(), "duplicate",
                               reason, [], {}, digest=digest)
            return Outcome("duplicate", reason=reason)
        applier = _Applier(store, msg, brief, booking, today)
        out = applier.out
        # Undo first: "undo" with new commands means "not that, this".
        for cmd in commands:
            if isinstance(cmd, Command) and cmd.verb == "undo":
                try:
                    with store.write():
                        _undo_last(store, out)
                except sqlite3.Error:
                    raise
                except Exception as exc:  # noqa: BLE001 - said, and the reply's other lines still apply
                    log.warning("reply.command_failed", verb="undo", error=type(exc).__name__)
                    out.errors.append(f"“{cmd.line}”: focusd could not carry it out ({type(exc).__name__}); "
                                      "nothing was undone")
        undone = list(out.changes)
        for cmd in commands:
            if isinstance(cmd, Unknown):
                out.errors.append(cmd.said())
                out.help = out.help or not cmd.unread
            elif cmd.verb == "help":
                out.guide = True
            elif cmd.verb != "undo":
                applier.attempt(cmd)
        changed = applier.changed()
        out.changes = undone + changed
        out.status = "applied" if changed else "undo" if undone else "answered" if out.answer else "empty"
        # The sender is the owner (see authenticate): whom else it went to now holds the brief's id.
        store.record_reply(msg.message_id, brief["date"], msg.sender.email, msg.date.isoformat(),
                           out.status, copied(brief) if copied_to(msg, msg.sender.email, *own) else "",
                           changed, applier.undo_record() if changed else {}, digest=digest)
    return out


def read_whole(msg: Message) -> tuple[str, list[Unknown]]:
    """The visible text of a reply to read, and what to say when the mail was longer than focusd
    reads of one (``msg.text_cut``): then its last line, when the cut fell in it, is not obeyed."""
    if not msg.text_cut:
        return msg.reply_text, []
    lines = msg.reply_text.rstrip().split("\n")
    said = [Unknown("", f"Your reply was cut after {len(msg.text):,} characters, the most focusd reads of one "
                        "mail: nothing after that was read or done.")]
    last = lines[-1].strip()
    if last and msg.text.rstrip().endswith(last):  # the cut fell in the visible text, maybe mid-line
        said.insert(0, Unknown(last, "your mail was cut off here, maybe mid-line, so it was not obeyed",
                               unread=True))
        lines = lines[:-1]
    return "\n".join(lines), said


# -- confirmation and the cycle's hook --------------------------------------------------------


def confirmation(app: App, msg: Message, brief: dict[str, Any], out: Outcome) -> OutgoingMail:
    """The short answer to a reply: each change, each line not understood, and the help text.
    Its Message-ID extends the brief's token, so a reply to it (an ``undo``, say) is read
    against the same brief, and its own copy in the INBOX is taken for focusd's own mail."""
    body = ["focusd read your reply."]
    # Changes are said as they stand, one line each (two items added under one title are two);
    # the same error twice is said once.
    changes, errors = out.changes, list(dict.fromkeys(out.errors))
    if changes:
        body += ["", "Changed:", *[f"- {c}" for c in changes[:MAX_SHOWN]]]
        body += [f"- … and {len(changes) - MAX_SHOWN} more"] if len(changes) > MAX_SHOWN else []
    elif not errors and not out.guide:
        body += ["", "Nothing was changed."]
    if errors:
        body += ["", *errors[:MAX_SHOWN]]
        body += [f"… and {len(errors) - MAX_SHOWN} more lines not read or not understood"] \
            if len(errors) > MAX_SHOWN else []
    if out.guide:  # asked for: the fuller guide, not the cheat sheet every brief ends with
        body += ["", *help_guide(app.settings.owner_email)]
    elif out.help or out.errors:
        body += ["", HELP_TEXT]
    # The brief's id is the proof a reply is yours, and a reply sent to others hands it to them.
    others = copied_to(msg, *own_addresses(app))
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        body += ["", f"Note: your reply also went to {shown}. A reply to a brief is how you steer focusd, and it",
                 "carries the brief's id, so this brief now takes no more replies (nor does this mail):",
                 "steer focusd from another brief. Answer briefs to yourself alone, and write to others",
                 "in a new mail."]
    return OutgoingMail(sender=app.from_address, to=[app.settings.owner_email], subject=f"Re: {brief['subject']}",
                        text="\n".join(body) + "\n", message_id=_answer_id(app, brief), in_reply_to=msg.message_id,
                        references=(brief["message_id"],), date=app.now())


def _answer_id(app: App, brief: dict[str, Any]) -> str:
    """The Message-ID of focusd's answer to a reply: the brief's token and more random characters,
    so its own copy in the INBOX is taken for focusd's mail, and a reply to it is read against the
    same brief."""
    token = BRIEF_ID_RE.fullmatch(brief["message_id"])
    host = app.settings.owner_email.rsplit("@", 1)[-1] or "focusd.invalid"
    return f"<focusd-brief.{token.group(1) if token else ''}{secrets.token_hex(8)}@{host}>"


def closed_notice(app: App, msg: Message, brief: dict[str, Any]) -> OutgoingMail:
    """The one word the owner gets when a reply to a closed brief is refused (see EXPOSED): else
    a genuine reply would seem to have worked. Sent once per brief, so a forger holding the id
    cannot fill the owner's INBOX."""
    text = ("focusd did not read a reply to this brief, and will read none: an earlier reply to it also went to\n"
            "others, who now hold its id, the proof that a reply is yours. Nothing was changed. Steer focusd by\n"
            "replying to another brief; the next one comes with the morning.\n\n"
            "If you did not write that reply, someone who saw the earlier one used the brief's id.\n")
    return OutgoingMail(sender=app.from_address, to=[app.settings.owner_email], subject=f"Re: {brief['subject']}",
                        text=text, message_id=_answer_id(app, brief), in_reply_to=msg.message_id,
                        references=(brief["message_id"],), date=app.now())


def queue_confirmation(app: App, mail: OutgoingMail, key: str) -> dict[str, Any]:
    """Put a confirmation in the outbox, once per ``key`` (the reply's Message-ID). Only ever to
    the owner."""
    if mail.to != [app.settings.owner_email]:
        raise ValueError("a confirmation goes to the owner only")
    from agent import outbox

    return outbox.queue(app, mail, "confirmation", key)


def booking(app: App) -> Booking:
    """Whether, and how, a reply may book focus time on the configured calendar."""
    cfg = app.settings["focus"]
    backend = app.settings["calendar"]["backend"]
    if backend == "none":
        refused = "no calendar is configured, so there is nowhere to book the time"
    elif backend == "ics" or not cfg["book"]:
        refused = ("focusd only reads this calendar ([calendar].backend is ics)" if backend == "ics" else
                   "booking is off ([focus].book = false); the brief suggests focus time instead")
    else:
        refused = ""
    return Booking(minutes=cfg["block_minutes"], refused=refused, now=app.now(), tz=app.settings.tz,
                   working_days=tuple(app.settings["owner"]["working_days"]), earliest=cfg.get("earliest"),
                   latest=cfg.get("latest"))


def own_addresses(app: App) -> tuple[str, str]:
    """The owner's address and focusd's From: a reply addressed to them went to no one else."""
    return app.settings.owner_email, parseaddr(app.from_address)[1]


def handle(app: App, messages: list[Message]) -> list[Outcome]:
    """Obey the authenticated brief replies among ``messages`` and answer each one that changed
    something or was not understood. Every other one is logged and recorded as ignored."""
    outcomes: list[Outcome] = []
    owner = app.settings.owner_email
    tz = app.settings.tz
    # focusd's own mail (a confirmation, whose References name the brief, seen again in the INBOX)
    # is no reply, whatever it cites.
    fresh = [m for m in messages if m.is_brief_reply and not m.message_id.startswith("<focusd-brief.")
             and app.store.reply(m.message_id) is None]
    # The replies of this batch that went to others too, each brief's first: they expose their brief
    # before any other reply of the batch is read, whatever the Dates (which the sender writes) say.
    exposed: dict[str, str] = {}
    for msg in fresh:
        if copied_to(msg, *own_addresses(app)) and authenticate(msg, app.store, owner)[0]:
            brief = replied_brief(msg, app.store)
            if brief is not None:
                exposed.setdefault(copied(brief), msg.message_id)
    for msg in fresh:
        try:
            outcomes.append(_handle_one(app, msg, owner, tz, exposed))
        except sqlite3.Error:
            raise  # the store's fault, not the reply's: the cycle is retried
        except Exception as exc:  # noqa: BLE001 - one reply must not stop every later cycle
            reason = f"failed: {type(exc).__name__}"
            log.error("reply.failed", message_id=msg.message_id, error=type(exc).__name__)
            app.store.record_reply(msg.message_id, "", msg.sender.email, "", "ignored", reason, [], {})
            outcomes.append(Outcome("ignored", reason=reason))
    return outcomes


def _handle_one(app: App, msg: Message, owner: str, tz: tzinfo, exposed: dict[str, str]) -> Outcome:
    ok, reason = authenticate(msg, app.store, owner)
    brief = replied_brief(msg, app.store) if ok else None
    if brief is not None and exposed.get(copied(brief), msg.message_id) != msg.message_id:
        ok, reason = False, EXPOSED  # another reply of this batch handed its id to others
    if not ok or brief is None:
        log.info("reply.ignored", message_id=msg.message_id, reason=reason)
        closed = replied_brief(msg, app.store) if reason == EXPOSED else None
        row = None
        with app.store.write():
            app.store.record_reply(msg.message_id, brief["date"] if brief else "", msg.sender.email,
                                   msg.date.isoformat(), "ignored", reason, [], {})
            if closed is not None and not app.sender.dry_run:
                row = queue_confirmation(app, closed_notice(app, msg, closed), copied(closed))
        if row is not None:
            from agent import outbox

            outbox.attempt(app, row, delays=())  # a failure is retried by the next cycles
        return Outcome("ignored", reason=reason)
    # Dates in a reply ("snooze 1 monday") count from the day it was written, as its Date says,
    # unless that Date is more than a day from now: then from today.
    now = app.clock()
    written = msg.date if abs(msg.date - now) <= timedelta(days=1) else now
    today = written.astimezone(tz).date()
    text, cut = read_whole(msg)
    text = without_name_lines(text, app.settings["owner"]["name"], today, tz)
    # The brief's own lines, and the guide's, pasted into the reply unquoted, are no commands.
    skip = line_keys(str(brief.get("text") or ""), *help_guide(owner))
    commands = parse(text, today, tz, skip) + cut
    if not commands:
        # Nothing written above the quoted brief: a command typed into the subject ("done 2")
        # is the reply. Only a whole command counts; any other subject stays a reply with no text.
        said = parse_line(_REPLY_PREFIX_RE.sub("", msg.subject), today, tz)
        if isinstance(said, Command) and said.verb in ("done", "drop", "top", "snooze", "due"):
            commands = [said]
    row = None
    # The change and its confirmation are kept together: a crash cannot leave one without the other.
    with app.store.write():
        out = apply_reply(app.store, msg, brief, commands, booking(app), own_addresses(app), today)
        faults.point("reply.applied")
        if out.status != "duplicate" and out.answer and not app.sender.dry_run:
            row = queue_confirmation(app, confirmation(app, msg, brief, out), msg.message_id)
    log.info("reply.read", message_id=msg.message_id, status=out.status, changes=len(out.changes),
             errors=len(out.errors))
    faults.point("reply.queued")
    if row is not None:
        from agent import outbox

        done = outbox.attempt(app, row, delays=())  # a failure is retried by the next cycles
        log.info("reply.confirmed", message_id=msg.message_id, outcome=done.outcome)
    return out
