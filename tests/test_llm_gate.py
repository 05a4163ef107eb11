"""The gate before the LLM: mail in which the embedded recall pass flags no sentence never costs a
call, and the pass lets through every message of the labelled weeks that holds an item."""

from __future__ import annotations

import pytest
import structlog

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.extractors.llm import CircuitBreaker, LlmExtractor
from agent.nodes.triage import triage_reason
from bench.agent import WEEKS, Week, demo_week, load_week
from tests.conftest import make_message
from tests.fake_chat import ScriptedChat, item, tool_reply

ASK = "Can you send me the signed lease by Friday?"
EMBEDDED = EmbeddedExtractor()


def extractor(*replies: object) -> LlmExtractor:
    return LlmExtractor(ScriptedChat(messages=iter(replies)), "openai", "scripted", retries=0,
                        breaker=CircuitBreaker())


def test_a_message_the_gate_rejects_costs_no_call_and_logs_only_its_id(owner: Owner) -> None:
    # Were the model called, the scripted failure would raise out of extract.
    llm = extractor(AssertionError("the model must not be called"))
    msg = make_message("Great to see you at the offsite.\n\nThanks, Maria", message_id="<thanks@x>")
    with structlog.testing.capture_logs() as logs:
        assert llm.extract(msg, owner) == []
    assert llm.model.calls == 0  # type: ignore[attr-defined]
    assert [e for e in logs if e["event"] == "llm.gated"] == [
        {"event": "llm.gated", "message_id": "<thanks@x>", "log_level": "info"}]


def test_a_message_the_gate_passes_is_asked(owner: Owner) -> None:
    llm = extractor(tool_reply([item("request", "Send Maria the signed lease", ASK, "by Friday")]))
    with structlog.testing.capture_logs() as logs:
        [found] = llm.extract(make_message(f"Hi Ada,\n\n{ASK}\n\nThanks, Maria"), owner)
    assert found.title == "Send Maria the signed lease" and llm.model.calls == 1  # type: ignore[attr-defined]
    assert not [e for e in logs if e["event"] == "llm.gated"]


@pytest.mark.parametrize("text,from_owner", [
    ("I'll draft the memo tonight.", True),  # a promise
    ("Sending the deck over on Friday.", True),  # a bare promise with a date
    ("Still waiting on the audit letter before we can file.", False),  # a blocker
    ("You should have the invoice by Friday.", False),  # owed to the owner
    ("We'd love a decision on the logo.", False),  # a wish
    ("The renewal is due Thursday.", False),  # a due phrase beside a verb
    ("Thoughts on the new pricing page?", False),  # a question to the owner
    ("Share the board notes with the team.", False),  # an imperative
    ("Blockers:\n- finance hasn't signed off on the Snowflake contract", False),  # a list its lead-in explains
])
def test_the_recall_pass_flags_every_kind_of_cue(owner: Owner, text: str, from_owner: bool) -> None:
    sender = owner.email if from_owner else "maria@fund.example"
    to = ("maria@fund.example",) if from_owner else (owner.email,)
    assert EMBEDDED.flags(make_message(text, sender=sender, to=to), owner)


@pytest.mark.parametrize("text", [
    "Great to see you at the offsite.",
    "Thanks, that was really helpful.\n\nBest,\nMaria",
    "FYI the office is closed on Friday.",
    "Loved the demo yesterday.",
    "Quick status, no action needed:\n- Release went out yesterday\n- Support backlog down to 12",
])
def test_the_recall_pass_lets_news_and_thanks_go(owner: Owner, text: str) -> None:
    assert not EMBEDDED.flags(make_message(text), owner)


def weeks() -> list[Week]:
    return [demo_week(), load_week(WEEKS / "week-em")]


@pytest.mark.parametrize("week", weeks(), ids=lambda w: w.name)
def test_the_gate_lets_through_every_message_that_holds_a_gold_item(week: Week) -> None:
    passed = {m.message_id for m in week.messages if not triage_reason(m) and EMBEDDED.flags(m, week.owner)}
    assert [g["message_id"] for g in week.gold if g["message_id"] not in passed] == []


@pytest.mark.parametrize("week", weeks(), ids=lambda w: w.name)
def test_the_gate_passes_every_message_the_embedded_extractor_finds_work_in(week: Week) -> None:
    # So the fallback never finds work in a message the gate turned away from the model.
    missed = [m.message_id for m in week.messages
              if not EMBEDDED.flags(m, week.owner) and EMBEDDED.extract(m, week.owner)]
    assert missed == []
