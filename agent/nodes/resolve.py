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
    settles: bool = True  # see settles(); unknown (True) for a message an earlier sync stored

    @classmethod
    def of(cls, msg: Message) -> _Heard:
        return cls(msg.message_id, msg.thread_id, msg.sender.email, msg.date, settles(msg))


def _answers(msg: _Heard, waiting: Item, owner_email: str) -> bool:
    """A later reply from the person the owner asked, in the same thread, settles what was asked,
    unless it only promises or starts it ("on it", "I'll dig it out tonight")."""
    return (msg.settles and waiting.kind == "waiting" and waiting.counterparty == msg.sender
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
# The owner's sent mail that hands over the promised thing, or answers what was asked, closes it;
# a counterparty's word that it is done, or the thing itself, clears what the owner waits on or is
# blocked by; the person owed thanking for it closes what the owner owed. Each close quotes its
# sentence. Labelled weeks (bench/completion.py) measure how much of this the rules catch.

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
# A thing handed over: "attached", "here you go", "the draft is in the incident folder", "scores
# are in Greenhouse", "I've uploaded the deck", "it went out this morning", "as promised, the list".
_PLACE = (r"(?:folder|drive|doc|docs|document|guide|sheet|spreadsheet|repo|wiki|tracker|channel|page|board|ticket|"
          r"packet|portal|system|data room|dropbox|deck|file|inbox|calendar|batch|queue|dashboard|workspace|notebook)")
_DELIVERS = re.compile(
    r"\b(attached|attaching|enclosed|in attachment|please find|find attached|here is|here are|here's|here you go|"
    r"here (?:they|it) (?:are|is)|herewith|find below|see below|below (?:is|are)|just sent|sent you|"
    r"sent (?:it|them|over|across)|shared|sharing|uploaded|as promised|went (?:out|to)|"
    r"(?:is|are) (?:now )?(?:in|on|up on|at) (?:the |our |your |my )?(?:[\w-]+ ){0,3}?" + _PLACE + r"|"
    r"(?:is|are) (?:now )?in (?-i:[A-Z])\w+|"
    r"(?:i|we)(?:'ve| have) (?:now |just |already )?(?:sent|shared|added|updated|uploaded|booked|filed|submitted|"
    r"signed|approved|merged|done|finished|fixed|created|set up|scheduled|confirmed|introduced|paid|ordered|posted|"
    r"written|drafted|reviewed|replied|answered|forwarded|put))\b", re.IGNORECASE)
_DONE = re.compile(r"\b(approved|signed|done|merged|sent it|sent them|sent over|has been sent|have been sent|"
                   r"shipped|resolved|fixed|unblocked|granted|signed off|(?:is|are|has been|have been) "
                   r"(?:cleared|booked|created|confirmed|live|back|ready|sorted|in place)|came through|arrived|"
                   r"has created|have created|checked with|looked at it)\b", re.IGNORECASE)
# Words that make a sentence a plan, a doubt or a part, not a fact: "I'll send it attached", "not
# signed yet", "basically done except the appendix".
_NOT_YET = re.compile(r"\b(will|i'll|we'll|going to|shall|not|never|yet|once|when|if|until|soon|needs? to|has to|"
                      r"have to|pending|"
                      r"hasn't|haven't|isn't|aren't|wasn't|can't|won't|didn't|except|apart from|almost|nearly|"
                      r"basically|mostly|partly|partially|half)\b|n't\b", re.IGNORECASE)
# A reply that opens by only promising, starting or deferring: "yep, on it", "I'll dig out the
# contract tonight", "the PO is requested", "I can't finish the model until Sofia confirms".
_ONLY_STARTED = re.compile(r"\b(on it|will do|i'll|i will|we'll|we will|going to|working on|looking into|"
                           r"tonight|tomorrow|later today|shortly|requested|pending|in progress|not yet|still|"
                           r"can't|cannot|until|let me (?:check|look|think|see|dig)|get back to you|circle back|"
                           r"come back to you|except|basically|almost|nearly)\b", re.IGNORECASE)
_POINTS_BACK = re.compile(r"\b(?:here you go|here (?:it|they|this|these) (?:is|are)|as (?:promised|discussed|agreed|"
                          r"requested|asked|announced))\b", re.IGNORECASE)
_AS_PROMISED = re.compile(r"\bas (?:promised|discussed|agreed|requested|asked|announced)\b", re.IGNORECASE)
_GREETING = re.compile(r"^(?:(hi|hey|hello|dear|morning|good (morning|afternoon|evening)|hallo|bonjour|hola|ol[aá]|"
                       r"thanks|thank you|many thanks|cheers|best|regards|kind regards)\b[^.!?]{0,40}[,!.:]?|"
                       r"[\w.' -]{1,30},)$", re.IGNORECASE)  # or a name alone: "Jonas,"


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def substance(text: str) -> list[str]:
    """The sentences of ``text`` past greetings and sign-offs ("Hi Marcus,", "Thanks!")."""
    return [s for s in _sentences(text) if not _GREETING.match(s)]


def hands_over(sentence: str) -> bool:
    return bool((_DELIVERS.search(sentence) or _DONE.search(sentence)) and not _NOT_YET.search(sentence))


def settles(msg: Message) -> bool:
    """Whether a reply settles what its writer was asked: it hands something over, says it is
    done, or answers. One that opens by only promising, starting or deferring does not."""
    return settles_text(examined_text(msg), bool(msg.attachments))


def settles_text(text: str, attached: bool = False) -> bool:
    """:func:`settles` on a reply's visible text (as the store keeps it) and whether it carried files."""
    said = substance(text)
    if attached or any(map(hands_over, said)):
        return True
    return not (said and _ONLY_STARTED.search(said[0]))


# Words of when, not of what: "the agenda for Friday" delivers nothing promised "by Friday".
_WHEN_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight week weekend morning "
    "afternoon evening month january february march april june july august september october november "
    "december eod eow asap soon later next".split())


def _stem(word: str) -> str:
    """A word without its plural or verb ending, so "scores" names "score the portfolios"."""
    for end in ("ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 3 and not word[-len(end) - 1].isdigit():
            return word[:-len(end)]
    return word


# Numbers of a date ("by 17 September", "the 3rd", "2026"): when, not what.
_DATE_NUMBER_RE = re.compile(r"^(?:\d{1,2}(?:st|nd|rd|th)?|(?:19|20)\d\d)$")
# A number that many things share: a version, a quarter, a half, a fiscal year ("v2", "Q3", "FY26").
_COMMON_NUMBER_RE = re.compile(r"^(?:v|r|q|h|fy|rev)?\d{1,2}$")
_VERSION_RE = re.compile(r"^(?:v|rev)\d{1,3}$")


def _work_words(item: Item, names: Iterable[str]) -> set[str]:
    words = (content_words(item.title, names) | content_words(item.evidence, names)) - _WHEN_WORDS
    return {_stem(w) for w in words if not _DATE_NUMBER_RE.match(w)}


def _identifier(word: str) -> bool:
    """A word that names one thing by its number ("2291", "inv8812", "t661"); not a version or a
    quarter ("v2", "q3"), which many things share."""
    return _has_digit(word) and not _COMMON_NUMBER_RE.match(word)


def _names_the_work(sentence: str, names: Iterable[str], wanted: set[str]) -> bool:
    """Whether ``sentence`` names the work: two of its words (one, when it has only one); a
    shared number ("#2291", "invoice 8812") counts as two, a version or a quarter ("v2", "Q3")
    as one."""
    said = {_stem(w) for w in content_words(sentence, names)}
    # "the load test results (v5)" is not the v4 that was promised, however many words they share.
    wanted_versions, said_versions = ({w for w in ws if _VERSION_RE.match(w)} for ws in (wanted, said))
    if wanted_versions and said_versions and not wanted_versions & said_versions:
        return False
    shared = said & wanted
    weight = len(shared) + sum(1 for w in shared if _identifier(w))
    return weight >= min(2, len(wanted)) > 0


def _owners_mail(msg: Message, owner_email: str) -> bool:
    """Mail the owner sent: from the owner's address and not read from the inbox, where anyone
    can write that address into From."""
    return msg.sender.email.lower() == owner_email and msg.folder.upper() != "INBOX"


def _after(msg: Message, item: Item, same_thread: bool = True) -> bool:
    return (msg.message_id != item.message_id and (not same_thread or msg.thread_id == item.thread_id)
            and _later(msg.date, _said_at(item)))


def _handover(msg: Message, item: Item, text: str, names: frozenset[str], rivals: int, said_done: bool) -> str | None:
    """The sentence of ``msg`` that hands over or says done what ``item`` is about: one that names
    its work or carries its file, or, for the only such item of that person in this thread (or
    anywhere, said "as promised"), one that points back at it ("here it is").
    ``said_done``: a bare "done" or "approved" counts alone too, as it does from the person the
    owner waits on. In another thread the work must be named by a word that is no
    one's name ("send Mme Castel an invitation" is not delivered by "the storyboard for Mme Castel")."""
    wanted = _work_words(item, names)
    same = msg.thread_id == item.thread_id
    if not same:
        wanted &= {_stem(w) for w in _common_words(f"{item.title} {item.evidence}")}
    files = [a.filename for a in msg.attachments
             if {_stem(w) for w in content_words(a.filename.replace("_", " "), names)} & wanted]
    for sentence in substance(text):
        if not hands_over(sentence):
            continue
        # Alone, without naming the work: "done" from the person waited on, or a handing over that
        # points back at what was owed ("here it is", "as promised"); "here is the agenda" names
        # another thing.
        alone = not rivals and (same or _AS_PROMISED.search(sentence)) and (
            (said_done and _DONE.search(sentence)) or _POINTS_BACK.search(sentence))
        if files or _names_the_work(sentence, names, wanted) or alone:
            return sentence + (f" (attached: {', '.join(files)})" if files else "")
    return None


def _common_words(text: str) -> set[str]:
    """The words of ``text`` written in lower case somewhere in it: not names. A word with a digit
    ("T661", "INV-8812") names a thing, however it is written."""
    return {w.lower() for w in re.findall(r"[A-Za-z0-9']+", text) if not w[:1].isupper() or any(c.isdigit() for c in w)}


def delivery(msg: Message, item: Item, owner: Owner, text: str, rivals: int = 0) -> str | None:
    """The sentence of the owner's sent ``msg`` (visible ``text``) that hands over or says done what
    ``item`` (a commitment or request on the owner) is about, with any matching attachment named,
    or None. In another thread it must name the work, carry a matching file, or say "as promised"
    with no ``rivals`` (other open items of that person)."""
    owner_email = owner.email.lower()
    if item.kind not in ("commitment", "request") or not _owners_mail(msg, owner_email):
        return None
    if not _after(msg, item, same_thread=False):
        return None
    to = {a.email.lower() for a in [*msg.to, *msg.cc]}
    # (A forwarded mail handed to the owner is delivered to whoever wrote it, too: "Send Tom the
    # signed renewal form", handed over by Maria, is done by the owner's mail to Tom.)
    handed = str(item.source.get("forwarded_from") or "").lower()
    if item.counterparty and item.counterparty not in to and not (handed and handed in to):
        return None
    names = message_names(msg, owner) | name_words([("", item.counterparty)])
    return _handover(msg, item, text, names, rivals, said_done=False)


def clearance(msg: Message, item: Item, owner: Owner, text: str, rivals: int) -> str | None:
    """The sentence of the counterparty's ``msg`` (visible ``text``) saying that what ``item`` (a
    blocker or waiting item) waits on is done, or handing it over, or None. With ``rivals`` other
    such items from the same person, the sentence must also name this one's work (or carry its file)."""
    if item.kind not in ("blocker", "waiting") or not _after(msg, item, same_thread=False):
        return None
    sender = msg.sender.email.lower()
    if sender == owner.email.lower():
        # A blocker that waits on the owner ("we can't roll out until you approve the runbook")
        # is cleared by the owner's own word in its thread: "Approved, go ahead with the rollout."
        if (item.kind == "blocker" and _owners_mail(msg, sender) and msg.thread_id == item.thread_id
                and _ON_THE_READER_RE.search(item.evidence)):
            return _handover(msg, item, text, message_names(msg, owner), rivals, said_done=True)
        return None
    if sender != item.counterparty:
        return None
    return _handover(msg, item, text, message_names(msg, owner), rivals, said_done=True)


# A blocker's sentence that waits on the reader: "until you approve", "without your sign-off".
_ON_THE_READER_RE = re.compile(r"\b(?:until|till|before|without|unless|pending|waiting (?:on|for)) (?:you|your)\b|"
                               r"\b(?:you|your)\b[^.!?]{0,40}\b(?:approv|sign|go-ahead|green light|ok\b|okay)", re.I)


# The person the owner owed something to saying they have it: "thanks for pulling this together",
# "got it", "the pre-read list was exactly right", "look very good now", "Amazing, thank you!!".
_ACKNOWLEDGES = re.compile(
    r"\b(thanks? (?:you )?(?:so much |a lot |again )?for (?:the|this|these|that|those|your|sending|sharing|"
    r"taking|doing|getting|pulling|putting|turning|writing|the quick|looking|confirming|sitting)|got it|received|"
    # ...or says it has it now: "have it now", "it arrived" ("Got the spreadsheet": see _RECEIPT)
    r"(?:have|got) (?:it|them) now|(?:it|they) (?:arrived|came through)|"
    r"(?:looks?|reads?) (?:very |really |all |so )?(?:good|great|perfect|fine|right)(?: now)?|exactly (?:right|what)|"
    r"just what|perfect|amazing|brilliant|fantastic|that works|works for (?:me|us)|all good|lgtm|"
    r"approved|spot on|nice work|great work|good review)\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(not|never|yet|still|haven't|hasn't|didn't|no)\b|n't\b", re.IGNORECASE)
# A request the owner settles by answering: a question put to them, or an ask to reply, confirm,
# decide, approve or give a view. A request to make or send something needs the thing itself.
_ANSWER_TITLE = re.compile(r"^(reply|answer|confirm|tell|let|decide|choose|pick|approve|agree|say|check whether|"
                           r"get back)\b", re.IGNORECASE)
_ANSWER_ASK = re.compile(
    r"\b(let (?:me|us) know|confirm|tell (?:me|us)|are you (?:able|free|ok|okay|around|available)|"
    r"would you be (?:able|free|available)|is it possible|could we|can we|shall (?:i|we)|"
    r"should (?:i|we)|do (?:i|we) |your (?:take|thoughts|view|opinion|ok|okay|go-ahead|sign-off|approval|feedback|"
    r"eyes|answer|input|decision|call)|whether|what do you think)\b", re.IGNORECASE)
# The owner's promise to answer: "let me check with Mia and come back to you", "I'll confirm tomorrow".
_ANSWER_PROMISE = re.compile(r"\b(come back to|get back to|let you know|revert|confirm|answer|reply to|check (?:with|whether|if))\b",
                             re.IGNORECASE)
# A question that asks the owner to do something: "Can you take the culture round?" is taken on
# by "Yes, happy to", not done by it.
_YOU_DO = re.compile(r"\b(?:can|could|would|will) (?:you|u)\b(?! be (?:able|free|around|available))", re.IGNORECASE)
# An ask about willingness or availability, which a promise answers: "let me know whether you'd be
# willing to present it", "are you able to observe a session?".
_WILLING = re.compile(r"\b(?:would you be (?:able|free|available)|are you (?:able|free|around|available)|willing|"
                      r"up for|available)\b", re.IGNORECASE)
_PROMISES = re.compile(r"\b(?:i'll|i will|we'll|we will|you'll|you will|i'm going to|we're going to)\b", re.IGNORECASE)
# A reply that opens by putting the answer off: "let me check", "I'll get back to you".
_DEFERS = re.compile(r"\b(let me (?:check|look|think|see|get back|come back|dig|ask)|i'll (?:check|look|get back|"
                     r"come back|revert|think|confirm|find out|ask)|will (?:check|look|get back|come back|revert)|"
                     r"need to check|not sure|give me|circle back|haven't had|on it|looking into|checking)\b",
                     re.IGNORECASE)


def _from_the_one_owed(msg: Message, item: Item, owner: Owner) -> bool:
    """Whether ``msg``, later than ``item`` (a commitment or request), is from the person the owner
    owes it to, and not the owner."""
    sender = msg.sender.email.lower()
    return (item.kind in ("commitment", "request") and _after(msg, item) and sender != owner.email.lower()
            and sender == item.counterparty)


def acknowledgement(msg: Message, item: Item, owner: Owner, text: str, rivals: int, owner_replied: bool) -> str | None:
    """The sentence of the counterparty's ``msg`` thanking for or accepting what the owner owed
    them (``item``, a commitment or request): one that names the work, or, after the owner
    answered or handed something over in the thread (``owner_replied``), any (one that shares a
    word of the work, with ``rivals``: other such items for that person in the thread). Or None."""
    if not _from_the_one_owed(msg, item, owner):
        return None
    names = message_names(msg, owner)
    wanted = _work_words(item, names)
    for sentence in _sentences(text):
        if _NEGATED.search(sentence):
            continue
        if _receipt_of(sentence, item, names):
            return sentence
        if not _ACKNOWLEDGES.search(sentence):
            continue
        # After the owner's answer in the thread, thanks will do (one word of the work, with
        # rivals); without one, the thanks must name the work ("the pre-read list was exactly
        # right": the list went to others).
        if _names_the_work(sentence, names, wanted) or (owner_replied and (
                not rivals or {_stem(w) for w in content_words(sentence, names)} & wanted)):
            return sentence
    return None


# Saying one has the thing: "Got the spreadsheet", "received your signed NDA", "have the deck now".
_RECEIPT = re.compile(r"\b(?:got|received|have)\s+(?:the|your|both|all)\s+(?:[\w-]+\s+){0,3}?(?P<thing>[\w-]+)\b"
                      r"(?!\s+(?:of|for|from|about|to)\b)", re.IGNORECASE)


def _receipt_of(sentence: str, item: Item, names: Iterable[str]) -> bool:
    """Whether ``sentence`` says its writer has the very thing ``item`` hands over: the head of
    what it names is the last word of the item's title ("Got the spreadsheet" for "Send Priya the
    final Q4 budget spreadsheet"); "I got the flu" names nothing owed."""
    head = [w for w in content_words(item.title, names) if not w.isdigit()]
    if not head:
        return False
    last = _stem(re.findall(r"[\w-]+", item.title.lower())[-1])
    return any(_stem(m.group("thing").lower()) == last for m in _RECEIPT.finditer(sentence))


# The person who asked calling it off: "let's skip it", "no need for the slides after all", "never
# mind the invoice", "ignore my last email". Not a thing done, so what it closes is dropped.
_CALLS_OFF = re.compile(
    r"\b(?:let's|let us|we(?:'ll| will| can| could| should)|you can|feel free to|ok to|okay to|fine to)\s+(?:just\s+)?"
    r"(?:skip|drop|cancel|scrap|shelve|forget(?: about)?)\s+(?:it|that|this|them|the)\b|"
    r"\bno (?:longer )?need (?:for (?:the|it|that|this|them)\b|to (?:send|book|do|prepare|sign|arrange|order|"
    r"organi[sz]e|make|get|bring|write|draft)\b)|"
    r"\b(?:is|are|isn't|aren't|'s) (?:not |no longer )?(?:needed|necessary|required) (?:any ?more|after all)\b|"
    r"\bno longer (?:needed|necessary|required)\b|\bwon't be needed\b|"
    r"\bnever ?mind\b|\bignore my (?:last|previous|earlier) (?:e-?mail|message|note|ask|request)\b|"
    r"\bcall(?:ing|ed)? (?:it|that|this|the \w+) off\b", re.IGNORECASE)


def called_off(msg: Message, item: Item, owner: Owner, text: str, rivals: int) -> str | None:
    """The sentence of ``msg`` in which the person who asked for ``item`` (a request of theirs, or
    the owner's promise to them) calls it off, in the item's own thread: one that names the
    work, or any when it is the only such item of theirs there. Or None."""
    if msg.thread_id != item.thread_id or not _from_the_one_owed(msg, item, owner):
        return None
    names = message_names(msg, owner)
    wanted = _work_words(item, names)
    for sentence in _sentences(text):
        if not _CALLS_OFF.search(sentence):
            continue
        # "Let's skip it" points back at the one thing asked; "let's skip the small talk" must
        # name the work to call it off.
        # "No need for the quote now": one word of the work will do when nothing else of theirs is open.
        if _names_the_work(sentence, names, wanted) or (not rivals and (
                _CALLS_IT_OFF.search(sentence) or {_stem(w) for w in content_words(sentence, names)} & wanted)):
            return sentence
    return None


_CALLS_IT_OFF = re.compile(r"\b(?:skip|drop|cancel|scrap|shelve|forget(?: about)?)\s+(?:it|that|this|them)\b|"
                           r"\bnever ?mind\b|\bignore my\b|\bcall(?:ing|ed)? (?:it|that|this) off\b|"
                           r"\b(?:it's|it is|that's|that is) (?:not |no longer )?(?:needed|necessary|required)\b",
                           re.IGNORECASE)


def answered(msg: Message, item: Item, owner: Owner, text: str, rivals: int) -> str | None:
    """The owner's sent reply, in the thread, to whoever ``item`` is with, that answers it: a
    request for an answer (a question, or an ask to reply, confirm, decide, approve or give a
    view), or the owner's own promise to come back with one. A reply that opens by putting it off
    answers nothing. Returns its answering sentence, or None; with ``rivals`` other such items of
    that person in the thread, the sentence must name this one's work."""
    if item.kind not in ("request", "commitment") or not _owners_mail(msg, owner.email.lower()) or not _after(msg, item):
        return None
    if item.counterparty not in {a.email.lower() for a in [*msg.to, *msg.cc]}:
        return None
    if item.kind == "request":
        asks_answer = (bool(_ANSWER_TITLE.match(item.title)) or bool(_ANSWER_ASK.search(item.evidence))
                       or (item.evidence.rstrip().endswith("?") and not _YOU_DO.search(item.evidence)))
    else:
        asks_answer = bool(_ANSWER_PROMISE.search(item.evidence))
    said = substance(text)
    if not asks_answer or not said:
        return None
    if rivals:
        # One word of the work is enough to tell which of that person's asks a sentence answers
        # ("Olu's in for Friday" answers "check whether Olu can do it").
        names = message_names(msg, owner) | name_words([("", item.counterparty)])
        wanted = _work_words(item, names)
        answer = next((s for s in said if {_stem(w) for w in content_words(s, names)} & wanted), None)
    else:
        answer = said[0]
    if answer is None or _DEFERS.search(answer):
        return None
    if _PROMISES.search(answer) and not _WILLING.search(item.evidence):
        return None  # "Sure, I'll include it": the ask is taken on, not done
    return answer


# What a blocker waits on, said as the thing just asked for: "until it's done", "until we have it".
# (The pronoun in lower case: "until IT has set up the account" waits on a team, not on the ask.)
_UNTIL_IT = re.compile(r"\b(?:until|till|before|unless) (?:(?-i:it|this|that|they|these|those)(?:'s|’s| is| are|'re|’re|"
                       r" has been| have been| gets?| comes?)? (?:done|in|back|complete|completed|finished|signed|returned|"
                       r"received|filled (?:in|out)|submitted|approved|sorted|through|here)|(?:we|i) (?:have|get|receive|see) "
                       r"(?-i:it|them|this|that|those|these))\b|\bwithout (?-i:it|them)\b", re.IGNORECASE)


def waits_on_the_ask(evidence: str) -> bool:
    """Whether a blocker's sentence waits on the thing the ask beside it asked for."""
    return bool(_UNTIL_IT.search(evidence))


def completion_note(msg: Message, quote: str, how: str = "Closed") -> str:
    """The note an automatic close leaves on its item: who, when, and the verbatim sentence."""
    return f"{how} by {msg.sender.email}'s mail of {msg.date.date().isoformat()} ({msg.message_id}): \"{quote}\""


def answer_note(msg: Message) -> str:
    """The note on a waiting item that ``msg``, the reply of the person asked, settled: its
    opening sentence past the greeting, verbatim."""
    text = examined_text(msg)
    opening = next(iter(substance(text) or _sentences(text)), "")
    return completion_note(msg, opening)
