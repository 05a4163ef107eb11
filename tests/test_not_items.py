"""Mail that looks like work but is not the owner's: each group of look-alikes must yield nothing,
and the sentences beside each group that are the owner's work must still yield their item.

The owner is Ada (ada@example.com); messages are dated Wednesday 2026-11-18.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message

EX = EmbeddedExtractor()
COPIED = {"to": ("tom@loom.example",), "cc": ("ada@example.com",)}


def kinds(text: str, owner: Owner, **kw: object) -> list[str]:
    return [i.kind for i in EX.extract(make_message(text, **kw), owner)]  # type: ignore[arg-type]


# -- a promise made to the person in To, the owner only copied -------------------------------------

PROMISED_TO_ANOTHER = [
    "We'll then send you the execution version the same day.",
    "I will send you tomorrow the template of the employee letters so you can adapt it.",
    "You'll have the signed purchase order from me by Thursday.",
    "I'll get the revised floor plan over to you on Monday.",
    "We will process the refund in the next payment run on Friday.",
    "Expect the corrected statement from us tomorrow morning.",
]
PROMISED_TO_THE_OWNER = [
    # the owner in To
    ("I'll send you the signed copy by Friday.", {}),
    ("You'll get the revised budget from me on Monday.", {"to": ("ada@example.com",), "cc": ("tom@loom.example",)}),
    # copied, but named
    ("Ada, I'll send you the bank letter tomorrow.", COPIED),
    ("We'll have the audit schedule to Ada by Thursday.", COPIED),
]


@pytest.mark.parametrize("text", PROMISED_TO_ANOTHER)
def test_a_promise_to_the_person_in_to_is_not_owed_to_a_copied_owner(owner: Owner, text: str) -> None:
    assert kinds(text, owner, **COPIED) == []


@pytest.mark.parametrize(("text", "kw"), PROMISED_TO_THE_OWNER)
def test_a_promise_to_the_owner_is_still_waiting(owner: Owner, text: str, kw: dict[str, object]) -> None:
    assert kinds(text, owner, **kw) == ["waiting"]


# -- a plan the writer shares with a colleague --------------------------------------------------

JOINT_PLANS = [
    "Rania and I will run the AP batch Tuesday morning.",
    "Yes, Amélie and I will join for the first 30 minutes on Tuesday.",
    "Tom and I will walk the site on Friday.",
    "Ok, Priya Shah and I are going to rerun the forecast tomorrow.",
    "My team and I will close the ledger on Monday.",
]
OWN_PROMISES = [
    "I will run the reconciliation and send you the file by Friday.",
    "I'll send you the renewal term sheet by Wednesday.",
    "Sam will be out, so I'll have the Q2 plan to you by Tuesday.",
]


@pytest.mark.parametrize("text", JOINT_PLANS)
def test_a_plan_shared_with_a_colleague_is_owed_to_no_one(owner: Owner, text: str) -> None:
    assert kinds(text, owner) == []


@pytest.mark.parametrize("text", OWN_PROMISES)
def test_a_promise_to_the_owner_with_a_date_is_waiting(owner: Owner, text: str) -> None:
    assert "waiting" in kinds(text, owner)


# -- the owner spoken of, not to, in a thread she is copied on -----------------------------------

SPOKEN_OF = [
    "Let's hold the four reqs until Ada's one-pager is in.",
    "Can you get Ada's numbers into the deck by Friday?",
    "Please book a room for Ada's review on Thursday.",
    "Could you forward Ada's memo to the auditors?",
    "Send me Ada's draft once it lands.",
]
SPOKEN_TO = [
    "Ada, can you approve the payment list by Friday?",
    "Could you and Ada confirm the headcount by Monday? Ada, please sign the form.",
    "Could you review the lease schedule by Thursday, Ada?",
]


@pytest.mark.parametrize("text", SPOKEN_OF)
def test_a_copied_owner_named_in_the_third_person_is_not_asked(owner: Owner, text: str) -> None:
    assert kinds(text, owner, **COPIED) == []


@pytest.mark.parametrize("text", SPOKEN_TO)
def test_a_copied_owner_named_as_the_one_asked_is_asked(owner: Owner, text: str) -> None:
    assert "request" in kinds(text, owner, **COPIED)


# -- a calendar's invitation notice ------------------------------------------------------------

INVITATIONS = [
    "Robert Chen has invited you to a meeting.\n\nAudit Committee - Q1\nTuesday, April 13, 2027, 4:00 PM\n"
    "Microsoft Teams meeting - Join on your computer or mobile app\n\nAccept | Tentative | Decline",
    "Tobias Keller has invited you to: Leadership sync\nWhen: Tuesday 2 Feb 2027, 10:00 - 11:00\n"
    "Please review the agenda before the call.",
    "Board prep\nWhen: Thu 10 Dec 2026 14:00 - 15:00\nGoing? Yes - Maybe - No\nInvitation from Google Calendar",
    "Q1 close review\nJoin with Google Meet\nInvitation from Google Calendar\nYou are receiving this because you "
    "are an attendee. Please confirm your attendance.",
    "Interview panel\nWhere: Alster room\n\nAccept - Tentative - Decline\nCould you bring the scorecards?",
]
NOT_INVITATIONS = [
    "I've invited you to the board call on Tuesday - could you send the deck by Monday?",
    "Can you accept the invitation and confirm the room by Friday?",
    "Please decline the Thursday slot and propose another time by tomorrow.",
]


@pytest.mark.parametrize("text", INVITATIONS)
def test_an_invitation_notice_yields_nothing(owner: Owner, text: str) -> None:
    assert kinds(text, owner, subject="Invitation: Audit Committee") == []


@pytest.mark.parametrize("text", NOT_INVITATIONS)
def test_mail_about_an_invitation_still_asks(owner: Owner, text: str) -> None:
    assert "request" in kinds(text, owner)


def items(text: str, owner: Owner, **kw: object) -> list[tuple[str, str | None]]:
    return [(i.kind, i.due) for i in EX.extract(make_message(text, **kw), owner)]  # type: ignore[arg-type]


# -- a lead-in that only says when, before an ask ------------------------------------------------

LEAD_INS = [
    "Ahead of our audit committee call next Tuesday",
    "For the Monday review",
    "Before Thursday's board meeting",
    "In time for the close on Friday",
    "Following our call last week",
]
LEAD_IN_ASKS = [
    ("Ahead of our audit committee call next Tuesday, please send me the planning memo and your view on the "
     "going-concern paragraph.", [("request", "2026-11-24")]),
    ("For the Monday review, please bring the forecast and the hiring plan.", [("request", "2026-11-23")]),
    ("Ahead of the board call on Friday, could you share the cash bridge and the covenant summary?",
     [("request", "2026-11-20")]),
]


@pytest.mark.parametrize("text", LEAD_INS)
def test_a_lead_in_alone_asks_nothing(owner: Owner, text: str) -> None:
    assert items(f"{text}, and thanks again.", owner) == []


@pytest.mark.parametrize(("text", "want"), LEAD_IN_ASKS)
def test_a_lead_in_dates_the_ask_it_leads_into(owner: Owner, text: str, want: list[tuple[str, str | None]]) -> None:
    assert items(text, owner) == want


# -- an offer to talk, as a polite closing -------------------------------------------------------

CLOSINGS = [
    "Happy to discuss if useful.",
    "Glad to walk you through it.",
    "As always, happy to jump on a call.",
    "I'm happy to talk it through whenever suits.",
    "More than happy to go through the numbers with you.",
]
ASKS_BESIDE_CLOSINGS = [
    "Happy to discuss, but could you send me the draft by Friday?",
    "Could you review the memo by Thursday? Happy to discuss if useful.",
    "Please sign the engagement letter by Monday. Glad to walk you through it.",
]


@pytest.mark.parametrize("text", CLOSINGS)
def test_an_offer_to_talk_is_a_closing(owner: Owner, text: str) -> None:
    assert items(text, owner) == []


@pytest.mark.parametrize("text", ASKS_BESIDE_CLOSINGS)
def test_an_ask_beside_a_closing_stays(owner: Owner, text: str) -> None:
    assert [k for k, _ in items(text, owner)] == ["request"]


# -- "I can't move without you": a preamble, not a blocker -------------------------------------

PREAMBLES = [
    "Two things on the PBC list that I can't move without you.",
    "We can't close the quarter without your help.",
    "There are a few items I cannot finish without you.",
    "Honestly we can't do this without you guys.",
    "I won't be able to wrap this up without your input.",
]
BLOCKERS = [
    "Two things I can't move without you. I can't finalize the lease schedule until you approve the discount rate.",
    "We can't file the return without your signed authorization form.",
    "Without the bank letter we cannot open the account.",
]


@pytest.mark.parametrize("text", PREAMBLES)
def test_a_preamble_naming_only_the_reader_is_no_blocker(owner: Owner, text: str) -> None:
    assert items(text, owner) == []


@pytest.mark.parametrize("text", BLOCKERS)
def test_a_precondition_that_says_what_is_a_blocker(owner: Owner, text: str) -> None:
    assert [k for k, _ in items(text, owner)] == ["blocker"]


# -- the writer's own work in progress, beside an ask --------------------------------------------

OWN_WORK = [
    "I am finishing the tax claim for 2026.",
    "Preparing the board pack at the moment.",
    "We're drafting the renewal terms with the bank.",
    "Getting the audit binder together now.",
    "I'm finishing the reconciliation as we speak.",
]
OWN_WORK_WITH_ASK = [
    "I am finishing the tax claim for 2026 and for this I need from you the final list of salaries before Friday.",
    "I'm preparing the board pack, could you send me the headcount numbers by Thursday?",
    "We're finishing the audit file and we need from you the signed rep letter by Monday.",
]


@pytest.mark.parametrize("text", OWN_WORK)
def test_work_in_progress_without_a_date_is_no_item(owner: Owner, text: str) -> None:
    assert items(text, owner) == []


@pytest.mark.parametrize("text", OWN_WORK_WITH_ASK)
def test_an_ask_beside_work_in_progress_is_a_request(owner: Owner, text: str) -> None:
    assert "request" in [k for k, _ in items(text, owner)]
    assert "waiting" not in [k for k, _ in items(text, owner)]


# -- an account of a kindness already done ------------------------------------------------------

KINDNESSES_DONE = [
    "Sophie has already kindly arranged the Boardroom 4B.",
    "Our team will need a room; Sophie has already kindly arranged the Boardroom 4B.",
    "They have kindly agreed to extend the deadline.",
    "Rania had kindly sent the statements over last week.",
    "The bank was kindly flexible on the fee.",
]
KIND_ASKS = [
    "Kindly arrange a room for the auditors by Monday.",
    "Could you kindly send the signed letter by Friday?",
    "We have a question: kindly confirm the instalment amount.",
]


@pytest.mark.parametrize("text", KINDNESSES_DONE)
def test_a_kindness_already_done_asks_nothing(owner: Owner, text: str) -> None:
    assert items(text, owner) == []


@pytest.mark.parametrize("text", KIND_ASKS)
def test_a_kindly_ask_is_a_request(owner: Owner, text: str) -> None:
    assert [k for k, _ in items(text, owner)] == ["request"]


# -- the owner's promise after a semicolon, and "let me look at" with a day ----------------------

OWNER_PROMISES = [
    ("Julie is pulling the final salary list now; you'll have it Thursday.", "2026-11-19"),
    ("Let me look at the rep letter tomorrow morning.", "2026-11-19"),
    ("The bank is slow this week; you'll have it Friday.", "2026-11-20"),
]
OWNER_NON_PROMISES = [
    "Let me look at it.",
    "Let me take a look at this.",
    "Julie is pulling the list now; it should be fine.",
    "The memo is solid; go with 6.25%.",
    "Approved; thanks for chasing it.",
]


def _mine(text: str, owner: Owner) -> list[tuple[str, str | None]]:
    return items(text, owner, sender="ada@example.com", to=("tom@loom.example",), name="Ada Lovelace")


@pytest.mark.parametrize(("text", "due"), OWNER_PROMISES)
def test_the_owners_promise_in_a_clause_is_a_commitment(owner: Owner, text: str, due: str) -> None:
    assert _mine(text, owner) == [("commitment", due)]


@pytest.mark.parametrize("text", OWNER_NON_PROMISES)
def test_the_owners_vague_or_settled_lines_are_no_commitment(owner: Owner, text: str) -> None:
    assert "commitment" not in [k for k, _ in _mine(text, owner)]


# -- a need of a thing done, said of the thing ---------------------------------------------------

NEEDS_DONE = [
    ("We need it approved in the portal until Monday 23 at the latest, otherwise it goes in the next run.",
     "2026-11-23"),
    ("I need these signed before Friday.", "2026-11-20"),
    ("We need them returned by the 30th.", "2026-11-30"),
]
NOT_NEEDS_DONE = [
    "We needed it approved last month.",
    "They need it approved by Friday.",
    "We need it done properly.",
    "I don't think we need it signed before Monday.",
    "We no longer need them returned by the 30th.",
]


@pytest.mark.parametrize(("text", "due"), NEEDS_DONE)
def test_a_dated_need_of_a_thing_done_is_a_request(owner: Owner, text: str, due: str) -> None:
    assert items(text, owner) == [("request", due)]


@pytest.mark.parametrize("text", NOT_NEEDS_DONE)
def test_a_past_third_party_undated_or_denied_need_is_no_request(owner: Owner, text: str) -> None:
    assert items(text, owner) == []
