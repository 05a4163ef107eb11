"""Triage: bulk, automated and hostile mail goes past extraction, with the reason logged."""

from __future__ import annotations

import re

import structlog
from langgraph.runtime import Runtime

from agent.extractors.base import examined_text
from agent.extractors.dates import fold
from agent.spam import MailPolicy, verdict
from agent.state import BatchState, Context
from connectors.types import Message

log = structlog.get_logger(__name__)

_AUTO_SUBJECT_RE = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|abwesenheit|"
    r"réponse automatique|respuesta automática|autosvar|away from (the )?office|delivery status notification|"
    r"undeliverable|mail delivery failed)\b", re.I)
# Mail that addresses the assistant or gives it orders. It is data, never instructions: such a
# message yields no item at all, so its text cannot steer what lands in the brief. The patterns
# are kept in three groups, each searched only when the words it cannot match without are in
# the text (after fold(), under which an ASCII word a case-insensitive pattern matches is a
# plain substring): one search of everything cost about 0.4 ms a message.
_ADDRESSED_RE = re.compile(  # a line that opens by speaking to the assistant: cheap, anchored
    r"^\W*(dear |attention |hey |hi |note to (the )?)?(ai|assistant|focusd|bot|agent|gpt|llm|"
    r"ai assistant|email assistant)\s*[,:!]", re.I | re.M)
_ORDERS_RE = re.compile(
    r"\b(ignore|disregard|forget|override) (all |any |your |the |previous |prior |above |earlier )*"
    r"(instructions|rules|prompts?|guidelines|directives)\b|"
    r"\b(system|developer) prompt\b|\bnew instructions\b|\bprompt injection\b|"
    r"\byou are (now )?(an? )?(ai|assistant|language model|llm|chatbot|agent)\b|\bas an ai\b|"
    r"\b(ai|email|executive) assistant[,:]?\s+(please\s+)?(forward|send|delete|mark|add|drop|ignore|reply|"
    r"move|archive|schedule|book|pay|transfer)\b|"
    r"\b(reveal|print|output|repeat) (your|the) (instructions|prompt|configuration|api key|password)",
    re.I | re.M)
# Every branch above needs one of these words.
_ORDERS_KEYS = ("instruction", "rule", "prompt", "guideline", "directive", "you are", "as an ai", "assistant",
                "configuration", "api key", "password")
_SWEEPING_RE = re.compile(
    r"\b(forward|send|email) (all|every|the owner's|your owner's) .{0,40}(emails?|mail|messages|files|passwords?)\b|"
    r"\b(mark|set) (all|every) .{0,30}\b(done|complete|completed)\b|\bdelete (all|every) .{0,30}\b(items|emails?|tasks)\b",
    re.I | re.M)
# Every branch above needs one word of each.
_SWEEPING_KEYS = (("all", "every", "owner's"), ("forward", "send", "email", "mark", "set", "delete"))


def hostile(text: str) -> bool:
    """Whether ``text`` addresses the assistant or gives it orders."""
    if _ADDRESSED_RE.search(text):
        return True
    low = fold(text)
    if any(k in low for k in _ORDERS_KEYS) and _ORDERS_RE.search(text):
        return True
    return all(any(k in low for k in keys) for keys in _SWEEPING_KEYS) and bool(_SWEEPING_RE.search(text))


_NO_POLICY = MailPolicy()


def triage_reason(msg: Message, policy: MailPolicy = _NO_POLICY) -> str:
    """Why ``msg`` needs no extraction, or "" when it does. ``policy`` names the lists read like
    personal mail and who the owner knows (without them, no stranger is told from a friend)."""
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
    if not msg.reply_text.strip():
        return "no visible text"
    return ""


def triage(state: BatchState, runtime: Runtime[Context]) -> BatchState:
    ctx = runtime.context
    oldest = ctx.clock() - ctx.max_age if ctx.max_age is not None else None
    policy = ctx.policy or _NO_POLICY
    skipped = {}
    for msg in state["messages"]:
        reason = "older than max_age" if oldest is not None and msg.date < oldest else triage_reason(msg, policy)
        if reason:
            skipped[msg.message_id] = reason
            log.debug("message.skipped", message_id=msg.message_id, reason=reason)
    return {"skipped": skipped}
