from __future__ import annotations

from agent.extractors.base import MAX_TEXT, Owner, examined_text
from agent.extractors.embedded import EmbeddedExtractor, sentences
from connectors.mime import parse_message
from tests.conftest import make_message

EX = EmbeddedExtractor()


def kinds(text: str, owner: Owner, **kw: object) -> list[tuple[str, str, str | None]]:
    return [(i.kind, i.title, i.due) for i in EX.extract(make_message(text, **kw), owner)]  # type: ignore[arg-type]


def test_owner_promise_is_a_commitment_with_due_and_counterparty(owner: Owner) -> None:
    items = EX.extract(make_message("Thanks Maria! I'll send you the updated deck by Friday.",
                                    sender="ada@example.com", to=("maria@fund.example",), name="Ada"), owner)
    assert len(items) == 1
    item = items[0]
    assert (item.kind, item.title, item.due) == ("commitment", "Send Maria the updated deck", "2026-11-20")
    assert item.counterparty == "maria@fund.example"
    assert item.evidence == "I'll send you the updated deck by Friday."


def test_owner_ask_is_a_waiting_item(owner: Owner) -> None:
    got = kinds("Could you send me the signed SOW by Monday?", owner, sender="ada@example.com",
                to=("priya@acme.example",), name="Ada")
    assert got == [("waiting", "Follow up with Priya: send you the signed SOW", "2026-11-23")]


def test_requests_from_others(owner: Owner) -> None:
    assert kinds("Can you send me the cap table by end of next week?", owner) == [
        ("request", "Send Maria the cap table", "2026-11-27")]
    assert kinds("Please review the offer letter before Thursday.", owner) == [
        ("request", "Review the offer letter", "2026-11-19")]
    assert kinds("We need the signed NDA from you by Friday.", owner) == [
        ("request", "Get the signed NDA to Maria", "2026-11-20")]
    assert kinds("Would you mind sending the investor update?", owner) == [
        ("request", "Send the investor update", None)]
    assert kinds("I was wondering if you could review my PR when you have a moment.", owner) == [
        ("request", "Review Maria's PR", None)]
    assert kinds("If you could send the slides over by Friday that would be great.", owner) == [
        ("request", "Send the slides over", "2026-11-20")]


def test_promises_to_the_owner_are_waiting_items(owner: Owner) -> None:
    assert kinds("I'll have the Q3 numbers to you by Tuesday.", owner) == [
        ("waiting", "Follow up with Maria: have the Q3 numbers to you", "2026-11-24")]


def test_blockers(owner: Owner) -> None:
    for text, title in (
        ("We can't sign until legal reviews the MSA.", "Unblock: legal reviews the MSA"),
        ("The launch is blocked on the security review.", "Unblock: the security review"),
        ("The deal is on hold until the board approves it.", "Unblock: the board approves it"),
        ("Payment is pending approval from finance.", "Unblock: pending approval from finance"),
    ):
        assert kinds(text, owner) == [("blocker", title, None)]


def test_one_blocker_per_message(owner: Owner) -> None:
    text = "The SSO work is blocked on their IdP metadata. We can't start testing until IT sends it."
    assert [k for k, _, _ in kinds(text, owner)] == ["blocker"]


def test_not_items(owner: Owner) -> None:
    for text in (
        "Let me know if you have any questions!",
        "Hope this helps.",
        "Thanks so much for the intro.",
        "Who knew it would be this hard?",
        "I'm out of the office until Monday with limited access to email.",
        "Looking forward to it!",
        "I'll let you take it from here.",
        "Great to see you last week.",
        "Please find attached the signed contract.",
        "Please don't forward this email.",
    ):
        assert kinds(text, owner) == [], text


def test_a_request_addressed_to_someone_else_is_not_the_owners(owner: Owner) -> None:
    assert kinds("Bob, can you book the room for Thursday?", owner, cc=("bob@example.com",)) == []
    # Mail to the owner alone is the owner's, whatever name it opens with.
    assert kinds("Addy, can you book the room for Thursday?", owner)[0][0] == "request"
    # The owner only copied: "you" is the person in To.
    assert kinds("Can you send the API docs?", owner, to=("tom@loom.example",), cc=("ada@example.com",)) == []
    # ...unless the owner is named.
    assert kinds("Ada, can you send the API docs?", owner, to=("tom@loom.example",),
                 cc=("ada@example.com",))[0][0] == "request"


def test_quoted_history_yields_nothing(owner: Owner) -> None:
    raw = (b"From: Maria <maria@fund.example>\nTo: ada@example.com\nSubject: Re: deck\n"
           b"Date: Wed, 18 Nov 2026 09:00:00 +0000\nMessage-ID: <q@x>\n\nThanks, got it.\n\n"
           b"On Mon, 16 Nov 2026 at 09:12, Ada <ada@example.com> wrote:\n> Can you send me the numbers by Friday?\n")
    assert EX.extract(parse_message(raw), owner) == []


def test_evidence_is_a_sentence_of_the_visible_text(owner: Owner) -> None:
    text = "Hi Ada,\n\nQuick one. Could you send the\nrevised budget by Friday? Thanks!\n\nBest,\nMaria"
    items = EX.extract(make_message(text), owner)
    assert [i.evidence for i in items] == ["Could you send the revised budget by Friday?"]


def test_sentence_splitting_keeps_lines_and_bullets_apart() -> None:
    text = "Hi Ada,\nTwo things:\n- send the deck\n- book the room\nThanks,\nMaria"
    assert sentences(text) == ["Hi Ada,", "Two things:", "send the deck", "book the room", "Thanks,", "Maria"]


def test_the_extractor_reads_only_the_head_of_a_long_reply(owner: Owner) -> None:
    filler = "The quarter went as planned and the team is in good shape.\n" * (MAX_TEXT // 60 + 10)
    tail = make_message(filler + "Could you send me the signed contract by Friday?")
    assert len(tail.reply_text) > MAX_TEXT
    assert EX.extract(tail, owner) == []
    head = make_message("Could you send me the signed contract by Friday?\n" + filler)
    assert [i.title for i in EX.extract(head, owner)] == ["Send Maria the signed contract"]


def test_examined_text_is_a_prefix_cut_at_a_line_break() -> None:
    lines = "".join(f"line {n} of a long reply\n" for n in range(5000))
    text = examined_text(make_message(lines))
    assert len(text) <= MAX_TEXT and lines.startswith(text) and lines[len(text)] == "\n"
    one_line = "x" * (MAX_TEXT * 2)
    assert examined_text(make_message(one_line)) == one_line[:MAX_TEXT]
    assert examined_text(make_message("short")) == "short"
