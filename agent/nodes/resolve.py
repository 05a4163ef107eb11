"""Resolve: a restatement of an open item merges into it instead of becoming a second item.

Two items are the same work when their kinds agree (the owner's promise and the request it
answers count as one), thread and counterparty agree, and they share real content: near-identical
evidence, or title words that are neither stop words nor names of the people on the message:
two of them, or all of the shorter title's, or half of it when the owner's promise answers an
earlier request.
Titles that name only different numbers ("report 12", "report 13") are different work.

The result does not depend on the order in which messages arrive: when a request and the
owner's promise are the same work the request is the item, and the due date is the one stated
in the latest-dated message. Items earlier in the same batch count as open items too, so
``focusd extract`` resolves across the files it is given without a store. Candidates come from
an index on content words, so a batch costs time near-linear in its items.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from langgraph.runtime import Runtime

from agent.extractors.base import Owner, examined_text
from agent.state import BatchState, Context
from connectors.types import Message
from planner.models import Item

SIMILAR = 0.85
# A word on more open items of one thread and person than this tells them apart no better than
# a stop word; it is not used to look candidates up, which keeps a hostile thread linear.
COMMON = 64
_STOP = frozenset(
    "the and for with from that this your you our their them they about into onto over then than will "
    "would could can please send sending share get give have has had make take follow reply back let know "
    "me my us him her his its it's also just some any all one two to of on in by at up an a is are be "
    "new latest updated update".split())


_NOT_WORD_RE = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    # Cached: resolve compares each item's title and evidence with many others' in a batch.
    return _NOT_WORD_RE.sub(" ", text.lower()).strip()


@lru_cache(maxsize=8192)
def _candidate_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _norm(text).split() if (len(w) >= 3 or _has_digit(w)) and w not in _STOP)


def content_words(text: str, names: Iterable[str] = ()) -> set[str]:
    """Words of ``text`` that can show two items are the same work: not stop words, not names."""
    return set(_candidate_words(text).difference(names))


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def name_words(addresses: Iterable[tuple[str, str]]) -> set[str]:
    """Words of the names and mailbox names in ``addresses``."""
    words: set[str] = set()
    for name, email in addresses:
        words.update(_norm(name).split())
        words.update(_norm(email.split("@")[0]).split())
    return words


def message_names(msg: Message, owner: Owner) -> frozenset[str]:
    """Words naming the people on a message (sender, recipients, owner): no evidence of anything."""
    people = [(a.name, a.email) for a in [msg.sender, *msg.to, *msg.cc]]
    return frozenset(name_words([*people, (owner.name, owner.email)]))


def _kinds_match(a: str, b: str) -> bool:
    # The owner's promise to do what was asked is the same piece of work as the request.
    return a == b or {a, b} == {"request", "commitment"}


def same_item(a: Item, b: Item, names: Iterable[str] = ()) -> bool:
    """Same work: kinds agree, same thread and counterparty, no conflicting numbers in the titles,
    and near-identical evidence, or titles that share two content words or all of the shorter
    one's (half, for the owner's promise made after the request). ``names`` (the people on the
    messages) never count as shared content."""
    return match_level(a, b, names) > LOOSE - 1


# How close two items are: the same thing said again, or the owner's promise of a step towards
# what was asked ("Can you take the culture round?" "I'll prepare the culture questions tomorrow").
NONE, LOOSE, RESTATED = 0, 1, 2


def match_level(a: Item, b: Item, names: Iterable[str] = ()) -> int:
    """RESTATED, LOOSE (the owner's later promise shares half of the request's words: the same
    work, but its date is the step's, not the request's) or NONE; see :func:`same_item`."""
    if not _kinds_match(a.kind, b.kind) or a.thread_id != b.thread_id or a.counterparty != b.counterparty:
        return NONE
    skip = set(names) | name_words([("", a.counterparty), ("", a.source.get("from", "")),
                                     ("", b.source.get("from", ""))])
    wa, wb = content_words(a.title, skip), content_words(b.title, skip)
    na, nb = {w for w in wa if _has_digit(w)}, {w for w in wb if _has_digit(w)}
    if na and nb and not na & nb:
        return NONE
    ea, eb = _norm(a.evidence), _norm(b.evidence)
    if ea == eb:
        return RESTATED
    matcher = difflib.SequenceMatcher(None, ea, eb)
    if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
        return RESTATED
    if not wa or not wb:
        return NONE
    shared = len(wa & wb)
    if shared >= 2 or shared == min(len(wa), len(wb)):
        return RESTATED
    # The owner's promise in answer to a request restates it in the owner's words ("Can you take
    # the culture round?" "I'll prepare the culture questions"): half of the shorter title will do.
    if _promise_answers(a, b) and shared / min(len(wa), len(wb)) >= 0.5:
        return LOOSE
    return NONE


def _promise_answers(a: Item, b: Item) -> bool:
    """Is one of the two the owner's promise, made no earlier than the other, a request?"""
    if {a.kind, b.kind} != {"request", "commitment"}:
        return False
    promise, request = (a, b) if a.kind == "commitment" else (b, a)
    return _later(_said_at(promise), _said_at(request))


@dataclass(frozen=True)
class _Heard:
    """A message already resolved, in this batch or an earlier sync: who wrote it, and when."""

    message_id: str
    thread_id: str
    sender: str
    date: datetime | None

    @classmethod
    def of(cls, msg: Message) -> _Heard:
        return cls(msg.message_id, msg.thread_id, msg.sender.email, msg.date)


def _answers(msg: _Heard, waiting: Item, owner_email: str) -> bool:
    """A later reply from the person the owner asked, in the same thread, settles what was asked."""
    return (waiting.kind == "waiting" and waiting.counterparty == msg.sender
            and waiting.source.get("from") == owner_email and waiting.thread_id == msg.thread_id
            and waiting.message_id != msg.message_id and msg.sender != owner_email
            and _later(msg.date, _said_at(waiting)))


def _said_at(item: Item) -> datetime | None:
    return _parse(item.source.get("date"))


def _due_said_at(item: Item) -> datetime | None:
    """When the message that set ``item.due`` was dated, or None (then any date may replace it)."""
    return _parse(item.due_said_at)


def _parse(when: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(when or "")
    except ValueError:
        return None


def _later(a: datetime | None, b: datetime | None) -> bool:
    """Was ``a`` said after ``b``? An undated message counts as the later one."""
    return a is None or b is None or a >= b


@dataclass
class _Entry:
    item: Item
    names: frozenset[str]
    position: int = -1


@dataclass
class _Index:
    """Open items by kind group, thread and counterparty, then by evidence and content word."""

    entries: list[_Entry] = field(default_factory=list)
    by_evidence: dict[tuple[str, str, str, str], list[int]] = field(default_factory=dict)
    by_word: dict[tuple[str, str, str, str], list[int]] = field(default_factory=dict)

    @staticmethod
    def _group(item: Item) -> tuple[str, str, str]:
        kind = "work" if item.kind in ("request", "commitment") else item.kind
        return kind, item.thread_id, item.counterparty

    def _words(self, item: Item, names: frozenset[str]) -> set[str]:
        return content_words(item.title, names) | content_words(item.evidence, names)

    def add(self, entry: _Entry) -> None:
        entry.position = len(self.entries)
        self.entries.append(entry)
        self.reindex(entry)

    def reindex(self, entry: _Entry) -> None:
        """Index an entry's evidence and words; again when its item took another's title."""
        group = self._group(entry.item)
        self.by_evidence.setdefault((*group, _norm(entry.item.evidence)), []).append(entry.position)
        for word in self._words(entry.item, entry.names):
            self.by_word.setdefault((*group, word), []).append(entry.position)

    def find(self, item: Item, names: frozenset[str]) -> tuple[_Entry | None, int]:
        """The earliest indexed entry that is the same work as ``item``, and how close it is."""
        group = self._group(item)
        found = set(self.by_evidence.get((*group, _norm(item.evidence)), []))
        for word in self._words(item, names):
            posting = self.by_word.get((*group, word), [])
            if len(posting) <= COMMON:
                found.update(posting)
        for n in sorted(found):
            entry = self.entries[n]
            level = match_level(item, entry.item, names | entry.names)
            if level:
                return entry, level
        return None, NONE


def _restate(entry: _Entry, item: Item) -> None:
    """Fold ``item`` into a batch item that is the same work, the same whichever came first: a
    request is the record of the work over the owner's promise, else the earlier message is; the
    date stated in the latest message wins."""
    kept = entry.item
    said = _said_at(item)
    if item.due and _later(said, _due_said_at(kept)):
        kept.due, kept.due_said_at = item.due, item.due_said_at
    if kept.kind != item.kind:
        takes_over = item.kind == "request"
    else:
        takes_over = not _later(said, _said_at(kept))
    if takes_over:
        kept.kind, kept.title, kept.evidence, kept.owner = item.kind, item.title, item.evidence, item.owner
        kept.source = item.source


def resolve(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    store = runtime.context.store
    owner = runtime.context.owner
    owner_email = owner.email.lower()
    skipped = state.get("skipped", {})
    new_items: dict[str, list[Item]] = {}
    merges: dict[str, list[tuple[int, Item]]] = {}
    answered: dict[str, list[int]] = {}
    index = _Index()
    stored: dict[str, list[Item]] = {}  # open items in the store, per thread, read once a batch
    batch_open: dict[str, list[Item]] = {}  # items this batch creates, per thread
    home: dict[int, str] = {}  # id(batch item) -> the message it is created with
    seen: dict[tuple[str, str], list[_Heard]] = {}  # messages resolved so far, by thread and sender
    for msg in state["messages"]:
        if msg.message_id in skipped:
            continue
        if msg.thread_id not in stored:
            stored[msg.thread_id] = store.open_items_in_thread(msg.thread_id) if store else []
            # An answer stored by an earlier sync settles a request the owner's mail makes only now.
            for message_id, sender, date in store.thread_messages(msg.thread_id) if store else []:
                heard = _Heard(message_id, msg.thread_id, sender, _parse(date))
                seen.setdefault((msg.thread_id, sender), []).append(heard)
            for e in stored[msg.thread_id]:
                index.add(_Entry(e, frozenset(name_words([("", e.counterparty)]))))
        existing = stored[msg.thread_id]
        heard = _Heard.of(msg)
        names = message_names(msg, owner)
        restated: set[int] = set()
        for item in state.get("grounded", {}).get(msg.message_id, []):
            item.due_said_at = item.source.get("date") if item.due else None
            match, level = index.find(item, names)
            if level == LOOSE and item.kind == "commitment":
                # The promise's date is for its step, not for what was asked: it moves no due date.
                item.due = item.due_said_at = None
            if match is None:
                new_items.setdefault(msg.message_id, []).append(item)
                batch_open.setdefault(msg.thread_id, []).append(item)
                home[id(item)] = msg.message_id
                if any(_answers(m, item, owner_email) for m in seen.get((msg.thread_id, item.counterparty), [])):
                    item.status = "done"  # the answer came first (a backlog read out of order)
                index.add(_Entry(item, names))
            elif match.item.id is not None:
                if item.due and not _later(_said_at(item), _due_said_at(match.item)):
                    item.due = None  # an older message's date does not override a newer one
                elif item.due:  # a later message of this batch compares with this date, as the store will
                    match.item.due, match.item.due_said_at = item.due, item.due_said_at
                merges.setdefault(msg.message_id, []).append((match.item.id, item))
                restated.add(match.item.id)
            else:
                was = match.item.message_id
                if level == LOOSE and item.kind == "request":  # the step's date was never the request's
                    match.item.due, match.item.due_said_at = item.due, item.due_said_at
                _restate(match, item)
                restated.add(id(match.item))
                if match.item.message_id != was:  # this message holds the record now: create it here
                    index.reindex(match)
                    before = new_items[home[id(match.item)]]
                    before[:] = [i for i in before if i is not match.item]
                    new_items.setdefault(msg.message_id, []).append(match.item)
                    home[id(match.item)] = msg.message_id
        for e in existing:
            if e.id is not None and e.id not in restated and _answers(heard, e, owner_email):
                answered.setdefault(msg.message_id, []).append(e.id)
        for e in batch_open.get(msg.thread_id, []):
            if id(e) not in restated and e.status == "open" and _answers(heard, e, owner_email):
                e.status = "done"
                e.notes.append(answer_note(msg))
        seen.setdefault((msg.thread_id, msg.sender.email), []).append(heard)
    return {"new_items": {k: v for k, v in new_items.items() if v}, "merges": merges, "answered": answered}


# -- completion -------------------------------------------------------------------------------
# The owner's sent mail that hands over the promised thing closes it; a counterparty's word that
# it is done clears what the owner waits on or is blocked by. Each close quotes its sentence.

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_DELIVERS = re.compile(r"\b(attached|attaching|enclosed|here is|here are|here's|herewith|find below|"
                       r"just sent|sent you|shared|sharing)\b", re.IGNORECASE)
_DONE = re.compile(r"\b(approved|signed|done|merged|sent it|sent them|sent over|has been sent|have been sent|"
                   r"shipped|resolved|fixed|unblocked|granted|signed off)\b", re.IGNORECASE)
# Words that make a sentence a plan or a doubt, not a fact: "I'll send it attached", "not signed yet".
_NOT_YET = re.compile(r"\b(will|i'll|we'll|going to|shall|not|never|yet|once|when|if|until|soon|"
                      r"hasn't|haven't|isn't|aren't|wasn't|can't|won't|didn't)\b|n't\b", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


# Words of when, not of what: "the agenda for Friday" delivers nothing promised "by Friday".
_WHEN_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight week weekend morning "
    "afternoon evening month january february march april june july august september october november "
    "december eod eow asap soon later next".split())


def _work_words(item: Item, names: Iterable[str]) -> set[str]:
    return (content_words(item.title, names) | content_words(item.evidence, names)) - _WHEN_WORDS


def _names_the_work(sentence: str, names: Iterable[str], wanted: set[str]) -> bool:
    """Whether ``sentence`` names the work: two of its words (one, when it has only one)."""
    return len(content_words(sentence, names) & wanted) >= min(2, len(wanted)) > 0


def _owners_mail(msg: Message, owner_email: str) -> bool:
    """Mail the owner sent: from the owner's address and not read from the inbox, where anyone
    can write that address into From."""
    return msg.sender.email.lower() == owner_email and msg.folder.upper() != "INBOX"


def _after(msg: Message, item: Item) -> bool:
    return msg.message_id != item.message_id and msg.thread_id == item.thread_id and _later(msg.date, _said_at(item))


def delivery(msg: Message, item: Item, owner: Owner, text: str) -> str | None:
    """The sentence of the owner's sent ``msg`` (visible ``text``) that hands over what ``item``
    (a commitment or request on the owner) promised, with any matching attachment named, or None."""
    owner_email = owner.email.lower()
    if item.kind not in ("commitment", "request") or not _owners_mail(msg, owner_email) or not _after(msg, item):
        return None
    if item.counterparty and item.counterparty not in {a.email.lower() for a in [*msg.to, *msg.cc]}:
        return None
    names = message_names(msg, owner) | name_words([("", item.counterparty)])
    wanted = _work_words(item, names)
    files = [a.filename for a in msg.attachments if content_words(a.filename.replace("_", " "), names) & wanted]
    for sentence in _sentences(text):
        if not _DELIVERS.search(sentence) or _NOT_YET.search(sentence):
            continue
        if files or _names_the_work(sentence, names, wanted):
            return sentence + (f" (attached: {', '.join(files)})" if files else "")
    return None


def clearance(msg: Message, item: Item, owner: Owner, text: str, rivals: int) -> str | None:
    """The sentence of the counterparty's ``msg`` (visible ``text``) saying that what ``item`` (a
    blocker or waiting item) waits on is done, or None. With ``rivals`` other such items from the
    same person in the thread, the sentence must also name this one's work."""
    if item.kind not in ("blocker", "waiting") or not _after(msg, item):
        return None
    sender = msg.sender.email.lower()
    if sender == owner.email.lower() or sender != item.counterparty:
        return None
    names = message_names(msg, owner)
    wanted = _work_words(item, names)
    for sentence in _sentences(text):
        said_done = _DONE.search(sentence) and not _NOT_YET.search(sentence)
        if said_done and (not rivals or content_words(sentence, names) & wanted):
            return sentence
    return None


def completion_note(msg: Message, quote: str) -> str:
    """The note an automatic close leaves on its item: who, when, and the verbatim sentence."""
    return f"Closed by {msg.sender.email}'s mail of {msg.date.date().isoformat()} ({msg.message_id}): \"{quote}\""


def answer_note(msg: Message) -> str:
    """The note on a waiting item that ``msg``, the reply of the person asked, settled: its
    opening sentence, verbatim."""
    opening = next(iter(_sentences(examined_text(msg))), "")
    return completion_note(msg, opening)
