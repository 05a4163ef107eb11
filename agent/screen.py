"""Screening: why a message needs no extraction (bulk, automated, hostile or forged mail), from
the message and the owner's settings alone.

Triage (:mod:`agent.nodes.triage`) asks it of every message; the sync's worker process
(:mod:`agent.workers`) asks it too, without the owner's correspondents, to spare extracting
mail that triage will skip whoever the owner knows.
"""

from __future__ import annotations

import re

from agent.extractors.base import examined_text
from agent.hostility import OwnerProof, hostile
from agent.spam import MailPolicy, verdict
from connectors.types import Message

_AUTO_SUBJECT_RE = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|abwesenheit|"
    r"réponse automatique|respuesta automática|autosvar|away from (the )?office|delivery status notification|"
    r"undeliverable|mail delivery failed)\b", re.I)
_NO_POLICY = MailPolicy()


def is_hostile(msg: Message) -> bool:
    """Whether the text an extractor reads of ``msg`` (its subject, its visible reply) speaks to
    the assistant or gives it orders: only that text can steer what an extractor finds."""
    return hostile(msg.subject) or hostile(examined_text(msg))


def triage_reason(msg: Message, policy: MailPolicy = _NO_POLICY, proof: OwnerProof | None = None,
                  hostile_text: bool | None = None) -> str:
    """Why ``msg`` needs no extraction, or "" when it does. ``policy`` names the lists read like
    personal mail and who the owner knows (without them, no stranger is told from a friend);
    ``proof`` tells the owner's own mail from mail that only claims the owner's address;
    ``hostile_text`` is :func:`is_hostile` of ``msg`` when it was found already."""
    if msg.message_id.startswith("<focusd-brief."):
        return "own brief"
    # A reply to a brief steers focusd and holds no work. Only the owner's can be one: another's
    # mail that cites a brief (a thread the owner copied someone into) is read as any mail, and a
    # stranger gains nothing by citing one.
    if msg.is_brief_reply and (proof is None or msg.sender.email.strip().lower() == proof.email.strip().lower()):
        return "brief reply"
    if verdict(msg):
        return "spam"
    # A list the owner allowed is read like personal mail: its footer and headers are the list's.
    if msg.is_bulk and not ((msg.list_id or msg.list_post) and policy.allowed_list(msg)):
        return "bulk"
    if policy.marketing(msg):
        return "marketing"
    if _AUTO_SUBJECT_RE.search(msg.subject):
        return "auto-reply"
    if is_hostile(msg) if hostile_text is None else hostile_text:
        return "hostile"
    if not msg.sender.email:
        return "no sender"
    if proof is not None and proof.forged(msg):
        return "forged owner"  # its own words would become the owner's commitments
    if not msg.reply_text.strip():
        return "no visible text"
    return ""
