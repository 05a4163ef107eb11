"""Triage: bulk, automated and hostile mail goes past extraction, with the reason logged."""

from __future__ import annotations

import re

import structlog
from langgraph.runtime import Runtime

from agent.extractors.base import examined_text
from agent.hostility import OwnerProof, hostile
from agent.spam import MailPolicy, verdict
from agent.state import BatchState, Context
from connectors.types import Message

log = structlog.get_logger(__name__)

_AUTO_SUBJECT_RE = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|abwesenheit|"
    r"réponse automatique|respuesta automática|autosvar|away from (the )?office|delivery status notification|"
    r"undeliverable|mail delivery failed)\b", re.I)
_NO_POLICY = MailPolicy()


def triage_reason(msg: Message, policy: MailPolicy = _NO_POLICY, proof: OwnerProof | None = None) -> str:
    """Why ``msg`` needs no extraction, or "" when it does. ``policy`` names the lists read like
    personal mail and who the owner knows (without them, no stranger is told from a friend);
    ``proof`` tells the owner's own mail from mail that only claims the owner's address."""
    if msg.message_id.startswith("<focusd-brief."):
        return "own brief"
    if msg.is_brief_reply:
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
    # Only the text an extractor reads can steer what it finds, so only that text is checked.
    if hostile(msg.subject) or hostile(examined_text(msg)):
        return "hostile"
    if not msg.sender.email:
        return "no sender"
    if proof is not None and proof.forged(msg):
        return "forged owner"  # its own words would become the owner's commitments
    if not msg.reply_text.strip():
        return "no visible text"
    return ""


def triage(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    ctx = runtime.context
    oldest = ctx.clock() - ctx.max_age if ctx.max_age is not None else None
    policy = ctx.policy or _NO_POLICY
    skipped = {}
    proof = OwnerProof(ctx.owner.email, ctx.sent_folder, ctx.authserv_id)
    for msg in state["messages"]:
        reason = ("older than max_age" if oldest is not None and msg.date < oldest
                  else triage_reason(msg, policy, proof))
        if reason:
            skipped[msg.message_id] = reason
            log.debug("message.skipped", message_id=msg.message_id, reason=reason)
    return {"skipped": skipped}
