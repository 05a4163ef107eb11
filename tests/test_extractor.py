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


def test_mail_to_a_group_the_owner_is_in_asks_the_owner_too(owner: Owner) -> None:
    # In neither To nor Cc, the owner had it through a list or a blind copy.
    group = {"to": ("stallholders@market.example",)}
    for text in ("Hi all, we need a copy of your insurance before Friday.",
                 "Everyone, please send your menus by Monday.",
                 "Can you each confirm your table size by Thursday?",
                 "Please fill in the rota for December."):
        assert kinds(text, owner, **group)[0][0] == "request", text
    for text in ("Thanks all for a great market!", "The car park opens at 7."):
        assert kinds(text, owner, **group) == [], text


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
    # One line of words, cut after its last whole sentence within reach: never mid-word.
    words = "Please send Tom the signed contract. " * (MAX_TEXT // 30)
    cut = examined_text(make_message(words))
    assert len(cut) <= MAX_TEXT and words.startswith(cut) and cut.endswith("contract.")
    no_stop = "send Tom the signed contract " * (MAX_TEXT // 25)
    cut = examined_text(make_message(no_stop))
    assert len(cut) <= MAX_TEXT and no_stop.startswith(cut) and no_stop[len(cut)] == " "


# -- kinds written without "I'll", "can you" or "blocked" -------------------------------------
# Wednesday 18 November 2026 is the message date: Thu 19, Fri 20, Mon 23, Tue 24, Wed 25.

def _owner_mail(text: str, owner: Owner) -> list[tuple[str, str | None, str]]:
    msg = make_message(text, sender="ada@example.com", to=("sam@client.example",), name="Ada")
    return [(i.kind, i.due, i.evidence) for i in EX.extract(msg, owner)]


def _their_mail(text: str, owner: Owner) -> list[tuple[str, str | None]]:
    return [(i.kind, i.due) for i in EX.extract(make_message(text), owner)]


def test_two_promises_in_one_sentence_are_two_commitments_each_with_its_date(owner: Owner) -> None:
    for text, first, second in (
        ("I'll draft the memo tonight and will share the budget on Monday.", "2026-11-18", "2026-11-23"),
        ("I will book the venue today, and I'll send the invites by Friday.", "2026-11-18", "2026-11-20"),
        ("We'll fix the export tomorrow and we will ship the patch next Tuesday.", "2026-11-19", "2026-11-24"),
        ("I'm going to call the bank on Thursday and will wire the deposit on Friday!", "2026-11-19", "2026-11-20"),
        ("I'll review Jo's draft this afternoon, then will send my notes tomorrow morning.",
         "2026-11-18", "2026-11-19"),
    ):
        got = _owner_mail(text, owner)
        assert [(k, d) for k, d, _ in got] == [("commitment", first), ("commitment", second)], text
        assert all(ev in text for _, _, ev in got)  # each quotes its own clause verbatim


def test_one_promise_with_and_inside_stays_one_item(owner: Owner) -> None:
    got = _owner_mail("I'll send the deck and the notes by Friday.", owner)
    assert [(k, d) for k, d, _ in got] == [("commitment", "2026-11-20")]


def test_promises_without_ill_from_the_owner(owner: Owner) -> None:
    for text, due in (
        ("You'll get the signed contract from me on Thursday.", "2026-11-19"),
        ("You will receive the revised quote from me by Monday.", "2026-11-23"),
        ("You'll have the pricing from me first thing tomorrow.", "2026-11-19"),
        # Written on a Wednesday: next Wednesday ("today" would say today).
        ("Let me circle back on the hiring plan by Wednesday.", "2026-11-25"),
        ("We'll have the export fixed by March 3.", "2027-03-03"),
        ("We are going to send the final invoice next week.", "2026-11-27"),  # late once that week is out
    ):
        assert [(k, d) for k, d, _ in _owner_mail(text, owner)] == [("commitment", due)], text


def test_owed_to_the_owner_without_ill_is_waiting(owner: Owner) -> None:
    for text, due in (
        ("You should have the invoice by Friday.", "2026-11-20"),
        ("Expect the signed copy tomorrow.", "2026-11-19"),
        ("You'll get the final numbers from me on Monday.", "2026-11-23"),
        ("you will receive the countersigned NDA from us shortly", None),
        ("Sure thing, you should have the new build in staging by Thursday.", "2026-11-19"),
        ("Expect a draft of the proposal early next week.", "2026-11-23"),
    ):
        assert _their_mail(text, owner) == [("waiting", due)], text


def test_asks_stated_as_a_need_or_a_wish_are_requests(owner: Owner) -> None:
    for text, due in (
        ("The renewal needs your signature in DocuSign by the 30th.", "2026-11-30"),
        ("We need your approval on the vendor by Thursday.", "2026-11-19"),
        ("We'd love a decision on the logo by Tuesday.", "2026-11-24"),
        ("We would also like a copy of the insurance certificate.", None),
        ("I'd appreciate a quick summary of the incident before Friday.", "2026-11-20"),
        ("I need your sign-off on the budget by Monday, the hotels are filling up.", "2026-11-23"),
        ("The migration plan needs a review from your side by next Tuesday.", "2026-11-24"),
        ("We'd really like your feedback on the new onboarding flow.", None),
        ("Our auditors require your written confirmation by the 25th.", "2026-11-25"),
        ("I will need the approved salary band from you by Thursday.", "2026-11-19"),
    ):
        assert _their_mail(text, owner) == [("request", due)], text


def test_blockers_stated_as_a_precondition(owner: Owner) -> None:
    for text in (
        "We are still waiting on the audit letter before we can file.",
        "The contractors need VPN access before they can start.",
        "Nothing ships until security signs off.",
        "Nothing goes to production until the pen test is closed.",
        "Our team needs the API keys before we can begin the integration.",
        "Procurement requires a signed DPA before they will issue the PO.",
        "We won't launch until the translations are approved.",
        "We're waiting for the final designs so we can start building.",
    ):
        assert _their_mail(text, owner) == [("blocker", None)], text


def test_due_phrases_ahead_of_an_event_and_let_me_know_by(owner: Owner) -> None:
    assert _their_mail("Please send two slides on reliability ahead of our Wednesday board call.", owner) == [
        ("request", "2026-11-25")]
    assert _their_mail("Please send two slides on reliability ahead of our Friday board call.", owner) == [
        ("request", "2026-11-20")]
    items = EX.extract(make_message("Let me know by Thursday whether you want to extend the offer.",
                                    subject="Candidate feedback"), owner)
    assert [(i.kind, i.due) for i in items] == [("request", "2026-11-19")]
    assert "extend the offer" in items[0].title and "Candidate feedback" not in items[0].title


def test_statements_pleasantries_and_newsletters_stay_non_items(owner: Owner) -> None:
    for text in (
        "Thanks so much for the help last week!",
        "We need a bigger office, honestly.",
        "The team would love the new coffee machine.",
        "Lunch was great, see you next time.",
        "Our revenue grew 40% last quarter.",
        "The board meeting moved to next Wednesday.",
        "You should have seen the crowd at the launch!",
        "Expect some delays on the ring road tomorrow.",
        "You'll love the new dashboard.",
        "Nothing to report this week.",
        "We waited for the train for an hour.",
        "Hope you have a lovely weekend.",
        "Join our webinar on Thursday and get 20% off.",
        "I would like to thank everyone for a great quarter.",
        "The renewal went through yesterday without a hitch.",
    ):
        assert _their_mail(text, owner) == [], text


def test_quick_replies_promise_without_a_subject_when_they_name_a_date(owner: Owner) -> None:
    for text, due in (
        ("Will send it over tomorrow.", "2026-11-19"),
        ("Should have it to you by Friday.", "2026-11-20"),
        ("On it, will have the numbers by Monday.", "2026-11-23"),
        ("The signed copy will follow tomorrow.", "2026-11-19"),
        ("The report is coming your way on Friday.", "2026-11-20"),
        ("I'm sending the revised SOW on Monday.", "2026-11-23"),
    ):
        assert _their_mail(text, owner) == [("waiting", due)], text
        assert [(k, d) for k, d, _ in _owner_mail(text, owner)] == [("commitment", due)], text
    assert _their_mail("Will do.", owner) == []
    assert _their_mail("Should be fine on Friday.", owner) == []
    assert _their_mail("Happy to help any time.", owner) == []


def test_more_ways_of_asking(owner: Owner) -> None:
    for text, due in (
        ("Any chance you could look at the contract today?", "2026-11-18"),
        ("Are you OK to take the Monday call?", "2026-11-23"),
        ("Mind sending the slides again?", None),
        ("Could we get the final quote by Friday?", "2026-11-20"),
        ("Can we get a demo account for our team?", None),
        ("Request you to approve the PO at the earliest.", None),
        ("We are waiting your reply on the proposal.", None),
        ("Your sign-off is needed on the launch plan by Friday.", "2026-11-20"),
    ):
        got = EX.extract(make_message(text, subject="Re: deck"), owner)
        assert [(i.kind, i.due) for i in got] == [("request", due)], text
        assert "about deck" not in got[0].title, text  # titled by the ask, not the subject


def test_more_preconditions(owner: Owner) -> None:
    for text in (
        "We cannot move forward without your signature on the SOW.",
        "Legal has to approve the terms before we sign.",
        "We're held up by the missing tax form.",
        "Still waiting on your PO to process the order.",
    ):
        assert _their_mail(text, owner) == [("blocker", None)], text
