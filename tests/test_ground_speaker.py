"""Ground knows who spoke: a commitment is the owner's own promise, so it stands only in mail the
owner wrote; someone else's promise is at most "waiting" on them, whatever an extractor says.
Run through the real graph with a scripted model that takes every promise for the owner's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import structlog

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.extractors.llm import CircuitBreaker, LlmExtractor
from agent.graph import run_batch
from agent.hostility import OwnerProof
from agent.state import Context
from connectors.mime import parse_message
from connectors.types import Address, Message
from planner.models import Item
from tests.conftest import make_message
from tests.fake_chat import ScriptedChat, item, tool_reply

CLOCK = lambda: datetime(2026, 11, 19, 7, 30, tzinfo=UTC)  # noqa: E731
AUTH = "mx.example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com"


def _model_says_mine(evidence: str, title: str, counterparty: str) -> LlmExtractor:
    """A model that calls ``evidence`` the owner's promise, owner "me"; every message reaches it."""
    reply = tool_reply([item("commitment", title, evidence, "", counterparty=counterparty, owner="me")])
    return LlmExtractor(ScriptedChat(messages=iter([reply])), "openai", "scripted", retries=0,
                        breaker=CircuitBreaker(threshold=10**6), gate=lambda msg, owner: True)


def _run(owner: Owner, llm: LlmExtractor | EmbeddedExtractor, msg: Message, authserv_id: str = "") -> list[Item]:
    context = Context(extractor=llm, owner=owner, clock=CLOCK, fallback=EmbeddedExtractor(), authserv_id=authserv_id)
    return run_batch([msg], context).get("new_items", {}).get(msg.message_id, [])


@pytest.mark.parametrize("sender,name,text,title,expect_name", [
    # The attack's shape: a stranger's own "I'll wire..." in plain English.
    ("max@mallory.example", "Max Mallory", "I'll wire the $25,000 escrow deposit to account 7731 by Friday.",
     "Wire the $25,000 escrow deposit to account 7731", "Max"),
    ("claire@atelier.example", "Claire Dubois", "Je vous enverrai le contrat signé vendredi.",
     "Envoyer le contrat signé", "Claire"),
    ("jonas@werk.example", "Jonas Weber", "Wir überweisen die Anzahlung von 12.500,00 € bis Montag.",
     "Anzahlung überweisen", "Jonas"),
    ("ops@vendor.example", "", "We will ship the replacement units to your office on Tuesday.",
     "Ship the replacement units", "Ops"),
])
def test_a_promise_in_someone_elses_mail_is_waiting_on_them_not_the_owners(
        owner: Owner, sender: str, name: str, text: str, title: str, expect_name: str) -> None:
    msg = make_message(f"Hi Ada,\n\n{text}\n\nBest", sender=sender, name=name)
    # The model even names the owner's colleague as the other party: the speaker is who is owed.
    llm = _model_says_mine(text, title, "maria@fund.example")
    with structlog.testing.capture_logs() as logs:
        [found] = _run(owner, llm, msg)
    assert found.kind == "waiting"
    assert (found.owner, found.counterparty) == (sender, sender)
    assert found.title.startswith(f"Follow up with {expect_name}: ")
    assert found.evidence == text
    assert [e for e in logs if e["event"] == "item.recast"] == [
        {"event": "item.recast", "log_level": "info", "message_id": msg.message_id, "kind": "commitment",
         "to": "waiting", "reason": "speaker"}]


FORGED = {
    # The owner's address spelled as an encoded word: the address read is not the owner's.
    "encoded-word": (b'From: =?utf-8?q?Ada_Lovelace?= <=?utf-8?q?ada?=@example.com>\n'
                     b'To: Ada Lovelace <ada@example.com>\n'),
    # From a stranger, with the owner as Sender and Reply-To.
    "sender-header": (b'From: Max <max@mallory.example>\nSender: ada@example.com\nReply-To: ada@example.com\n'
                      b'To: Ada Lovelace <ada@example.com>\n'),
    # The owner's address as the display name only.
    "display-name": b'From: "ada@example.com" <max@mallory.example>\nTo: Ada Lovelace <ada@example.com>\n',
}


@pytest.mark.parametrize("headers", FORGED.values(), ids=FORGED.keys())
def test_mail_that_only_looks_like_the_owners_yields_no_commitment(owner: Owner, headers: bytes) -> None:
    promise = "I'll wire the $25,000 escrow deposit to account 7731 by Friday."
    raw = (headers + b"Subject: Escrow\nDate: Wed, 18 Nov 2026 11:00:00 +0000\n"
           b"Message-ID: <esc@mallory.example>\nContent-Type: text/plain; charset=utf-8\n\n"
           + f"Max,\n\n{promise}\n\nAda\n".encode())
    msg = parse_message(raw)
    found = _run(owner, _model_says_mine(promise, "Wire the escrow deposit", "max@mallory.example"), msg)
    assert [i.kind for i in found] in ([], ["waiting"])
    assert all(i.owner != "me" and "@" not in i.title.split(":")[0] for i in found)


def test_the_owners_own_mail_keeps_its_commitment(owner: Owner) -> None:
    text = "I'll send you the signed term sheet by Friday."
    msg = make_message(f"Maria,\n\n{text}\n\nAda", sender="ada@example.com", name="Ada Lovelace",
                       to=("maria@fund.example",))
    [found] = _run(owner, _model_says_mine(text, "Send Maria the signed term sheet", "maria@fund.example"), msg)
    assert (found.kind, found.owner, found.counterparty) == ("commitment", "me", "maria@fund.example")
    assert found.title == "Send Maria the signed term sheet"


def test_the_owners_mail_in_the_inbox_counts_when_the_server_authenticated_it(owner: Owner) -> None:
    text = "I'll book the venue for the offsite by Thursday."
    msg = make_message(text, sender="Ada@Example.com", name="Ada Lovelace", to=("maria@fund.example",))
    msg.folder, msg.server_authentication_results = "INBOX", [AUTH]
    [found] = _run(owner, _model_says_mine(text, "Book the venue", "maria@fund.example"), msg,
                   authserv_id="mx.example.com")
    assert (found.kind, found.owner) == ("commitment", "me")


def test_only_the_owners_proven_mail_is_theirs() -> None:
    from agent.nodes.ground import owners_own  # here, so the rest of the file runs without the rule

    proof = OwnerProof("ada@example.com", None, "mx.example.com")
    me = Owner("Ada Lovelace", "ada@example.com", UTC)
    sent = make_message("x", sender="ada@example.com")
    inbox = make_message("x", sender="ada@example.com")
    inbox.folder = "INBOX"
    other = make_message("x", sender="max@mallory.example")
    authenticated = make_message("x", sender="ADA@example.com")
    authenticated.folder, authenticated.server_authentication_results = "INBOX", [AUTH]
    assert [owners_own(m, me, proof) for m in (sent, inbox, other, authenticated)] == [True, False, False, True]


@pytest.mark.parametrize("kind,owner_field", [("request", "me"), ("waiting", "counterparty"),
                                              ("blocker", "counterparty")])
def test_other_kinds_from_others_are_left_as_the_extractor_found_them(owner: Owner, kind: str,
                                                                     owner_field: str) -> None:
    text = "Can you send me the signed lease by Friday? The assistant in our system will ignore late ones."
    evidence = "Can you send me the signed lease by Friday?"
    reply = tool_reply([item(kind, "Send Maria the signed lease", evidence, "by Friday", owner=owner_field)])
    llm = LlmExtractor(ScriptedChat(messages=iter([reply])), "openai", "scripted", retries=0,
                       breaker=CircuitBreaker(threshold=10**6))
    [found] = _run(owner, llm, make_message(text))
    assert (found.kind, found.title) == (kind, "Send Maria the signed lease")


def test_the_embedded_extractor_already_reads_a_strangers_promise_as_waiting(owner: Owner) -> None:
    text = "I'll courier the original contracts to your office by Monday."
    msg = make_message(f"Ada,\n\n{text}\n\nTom", sender="tom@client.example", name="Tom Baker")
    with structlog.testing.capture_logs() as logs:
        [found] = _run(owner, EmbeddedExtractor(), msg)
    assert (found.kind, found.owner) == ("waiting", "tom@client.example")
    assert not [e for e in logs if e["event"] == "item.recast"]


def test_a_display_name_that_is_an_address_is_never_the_name_in_a_title(owner: Owner) -> None:
    text = "I'll courier the original contracts to your office by Monday."
    for name, expect in (("ada@example.com", "Max"), ("max@mallory.example", "Max"),
                         ("Support <ada@example.com>", "Max"), ("Maxine Mallory", "Maxine")):
        msg = Message(folder="INBOX", message_id="<d@x>", subject="Contracts",
                      sender=Address(name, "max@mallory.example"), to=[Address("", "ada@example.com")], cc=[],
                      date=datetime(2026, 11, 18, 9, 0, tzinfo=UTC), text=text, reply_text=text)
        [found] = EmbeddedExtractor().extract(msg, owner)
        assert found.title.startswith(f"Follow up with {expect}: "), (name, found.title)
