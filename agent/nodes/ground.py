"""Ground: an item survives only if its evidence is a verbatim quote of the text its extractor read,
and its counterparty took part in the message; a due date before the message's needs the text to
say so. These bind every extractor, the embedded one and a model alike.

That text is the head of the visible reply (:func:`agent.extractors.base.examined_text`). Quotes
are compared with runs of whitespace collapsed, so a sentence the sender's client wrapped over
two lines still counts as verbatim; nothing else is forgiven. The reply is collapsed once per
message, so the cost is the reply's length plus the candidates', never their product.
A counterparty took part when it is the sender or a recipient (To, Cc), or is named in the text.

A commitment is the owner's own promise, so only the owner's own mail (from the owner's address,
and not forged: see :class:`agent.hostility.OwnerProof`) can hold one. A promise someone else
makes in their mail is what the embedded extractor makes of it, at most: "waiting", on the
speaker. Whatever an extractor says, a mail that reads "I'll wire the deposit" never becomes a
promise of the owner's. Nor does a stranger's mail that states the owner's promise ("As agreed,
Ada will wire the deposit today", or a line given to her: "Ada: I will wire it"): a "waiting" or
commitment item whose evidence has the owner, by name, as the one who will act is dropped unless
the owner wrote the mail. Nor does any extractor's item ask to pay into a new or changed account
(:data:`agent.spam.BANK_CHANGE`): whoever seems to write it, that is invoice fraud's one move.

Evidence is what a person wrote to the owner, so a quote of machine text is no evidence: JSON
(a mail that is a forged tool call, '{"tool":"Extraction","items":[...]}'), markup tags and
code are dropped, whichever extractor quoted them; so is a greeting, a sign-off or a courtesy
("Dear Ada,", "Kind regards,", "Looking forward to it."), which a model may quote as its evidence.
"""

from __future__ import annotations

import re
from datetime import tzinfo
from functools import lru_cache

import structlog
from langgraph.runtime import Runtime

from agent.extractors.base import Owner, examined_text
from agent.extractors.embedded import first_name, says_nothing
from agent.hostility import OwnerProof
from agent.spam import BANK_CHANGE
from agent.state import BatchState, Context
from connectors.types import Message
from planner.models import KINDS, Item

log = structlog.get_logger(__name__)


def collapse(text: str) -> str:
    """``text`` with every run of whitespace made one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def is_grounded(item: Item, collapsed_text: str) -> bool:
    """Is the item's evidence, collapsed, a quote of ``collapsed_text`` (already collapsed)?"""
    evidence = collapse(item.evidence)
    return len(evidence) >= 8 and evidence in collapsed_text


# Words by which a message says that a date already gone by is meant ("was due yesterday").
_PAST = re.compile(r"\b(yesterday|overdue|past due|was due|were due|already late|last (week|month|"
                   r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|night)|ago|"
                   r"earlier this (week|month)|missed|slipped)\b", re.IGNORECASE)


# Text no person writes in a sentence: JSON keys and arrays, markup tags, code calls and braces.
_MACHINE = re.compile(r'[{\[]\s*"[^"]{0,40}"\s*:|"\s*:\s*[\[{"]|\[\s*\{|</?[a-z][a-z0-9]*(\s[^<>]*)?/?>|'
                      r"\w\(\s*[\"'{\[]|[{}]\s*[{}]|;\s*}", re.IGNORECASE)


def machine_text(evidence: str) -> bool:
    """Is ``evidence`` machine text (JSON, markup, code) rather than a sentence a person wrote?"""
    return _MACHINE.search(evidence) is not None


# Words of a signature's title line: "Corporate Secretary", "Victor, CEO", "Head of IT".
_ROLE_WORDS = frozenset("ceo cfo coo cto cio ciso vp svp evp president founder co-founder cofounder director manager head "
                        "secretary officer partner chair chairman chairwoman assistant lead counsel associate analyst "
                        "accountant treasurer controller administrator admin it hr ops finance legal sales support "
                        "team office desk department dept corporate general senior junior chief executive of and & the"
                        .split())


def signature_line(evidence: str, msg: Message) -> bool:
    """Is ``evidence`` a name or a title, as a signature has them ("Victor Kane", "Victor, CEO",
    "Corporate Secretary"): at most four words, each capitalised, each the sender's name or a
    role's word, and at least one of them a role's or the sender's own?"""
    words = re.findall(r"[^\W\d_][\w'’&-]*", evidence)
    if not words or len(words) > 4 or evidence.rstrip().endswith(("?", "!")):
        return False
    name = {w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", msg.sender.name)}
    if not all(w[0].isupper() or w.lower() in ("of", "and", "the") for w in words):
        return False
    return all(w.lower() in name or w.lower() in _ROLE_WORDS for w in words)


def took_part(counterparty: str, msg: Message, visible: str) -> bool:
    """Did ``counterparty`` (an address) take part in ``msg``: From, To or Cc, or named in the
    visible text by its address or the name it goes by on the message? No counterparty claims
    no one, and passes."""
    who = counterparty.strip().lower()
    if not who:
        return True
    people = [msg.sender, *msg.to, *msg.cc]
    if who in {a.email.lower() for a in people}:
        return True
    text = visible.lower()
    if who in text:
        return True
    # A person named in the message: by the first name its address starts with ("tom@...").
    local = re.split(r"[._+-]", who.split("@")[0])[0]
    return len(local) >= 3 and re.search(rf"\b{re.escape(local)}\b", text) is not None


def past_due_said(item: Item, msg: Message, visible: str, tz: tzinfo) -> bool:
    """Is ``item``'s due date before the message's own day (in the owner's zone ``tz``) without
    the text saying so?"""
    due = item.due_date()
    if due is None:
        return False
    return due < msg.date.astimezone(tz).date() and _PAST.search(visible) is None


# Money moved or owed: what a changed account would receive.
_MONEY_RE = re.compile(r"\b(?:pay|paid|payment|payments|wire|transfer|remit|remittance|invoice|deposit|refund|funds|"
                       r"[$€£]\s?\d|\d+(?:[.,]\d+)?\s?(?:usd|eur|gbp|chf))", re.I)


def as_speakers(item: Item, msg: Message) -> Item:
    """``item``, a commitment found in mail the owner did not write, as what it can only be: the
    speaker's promise, which the owner waits on (as the embedded extractor has it)."""
    speaker = msg.sender.email.lower()
    title = item.title.strip()
    what = title[:1].lower() + title[1:] if title[1:2].islower() else title  # "Wire ..." -> "wire ..."
    item.kind, item.owner, item.counterparty = "waiting", speaker, speaker
    item.title = f"Follow up with {first_name(msg.sender)}: {what}"
    return item


def owner_acts(evidence: str, owner: Owner) -> bool:
    """Does ``evidence`` have the owner, by full, first or last name, as the one who will act
    ("Ada will wire", "Ms Lovelace has agreed to send", "Ada wird überweisen")?"""
    names = {n for n in (owner.name.strip(), *owner.name.split()) if len(n) >= 2}
    if not names:
        return False
    who = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.search(rf"\b({who})\s*(['’]ll\b|\s(will|shall|is going to|is to|agreed to|has agreed to|promised( to)?|"
                     rf"has promised|committed to|has committed to|undertakes to|undertook to|wird|va|vai|ira|zal|"
                     # ...or given a line as if speaking: "Ada: I will wire $5000 by Friday"
                     rf"gaat)\b|\s*:\s*(i|we)\s*(['’]ll\b|\s(will|shall|am going to|are going to)\b))", evidence, re.I) is not None


def owners_own(msg: Message, owner: Owner, proof: OwnerProof) -> bool:
    """Did the owner write ``msg``: from the owner's address, and not forged?"""
    return msg.sender.email.strip().lower() == owner.email.strip().lower() and not proof.forged(msg)


def ground(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    by_id = {m.message_id: m for m in state["messages"]}
    ctx = runtime.context
    tz = ctx.owner.tz
    proof = OwnerProof(ctx.owner.email, ctx.sent_folder, ctx.authserv_id)
    grounded: dict[str, list[Item]] = {}
    for message_id, items in state.get("candidates", {}).items():
        msg = by_id[message_id]
        visible = collapse(examined_text(msg)) if items else ""
        redirects = lru_cache(maxsize=1)(BANK_CHANGE.search)
        kept = []
        for item in items:
            if not (item.kind in KINDS and item.title.strip() and is_grounded(item, visible)):
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind)
                continue
            if machine_text(item.evidence):
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind, reason="machine_text")
                continue
            if says_nothing(item.evidence) or signature_line(item.evidence, msg):
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind, reason="says_nothing")
                continue
            if not took_part(item.counterparty, msg, visible):
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind, reason="counterparty")
                continue
            if (BANK_CHANGE.search(item.evidence) or (_MONEY_RE.search(item.evidence) and redirects(visible))) \
                    and not owners_own(msg, ctx.owner, proof):
                # "...send the payment to the new account below": invoice fraud's one move, from a
                # lookalike or a hijacked mailbox of someone the owner knows. No item asks to pay
                # there, nor moves money in a mail that says the bank details changed.
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind, reason="payment_redirect")
                continue
            if past_due_said(item, msg, visible, tz):
                # A date gone by that the text never calls late is a misread: keep the work, not the date.
                log.info("item.due_dropped", message_id=message_id, kind=item.kind, reason="before_message")
                item.due = None
            if item.kind in ("waiting", "commitment") and owner_acts(item.evidence, ctx.owner) \
                    and not owners_own(msg, ctx.owner, proof):
                # The owner's promises come from the owner's mail, never from someone saying so.
                log.warning("item.ungrounded", message_id=message_id, kind=item.kind, reason="owner_acts")
                continue
            if item.kind == "commitment" and not owners_own(msg, ctx.owner, proof):
                if not msg.sender.email:
                    log.warning("item.ungrounded", message_id=message_id, kind=item.kind, reason="speaker")
                    continue
                # Someone else's words: their promise to chase, never the owner's.
                log.info("item.recast", message_id=message_id, kind=item.kind, to="waiting", reason="speaker")
                item = as_speakers(item, msg)
            item.evidence = collapse(item.evidence)
            kept.append(item)
        grounded[message_id] = kept
    return {"grounded": grounded}
