"""The kinds of sentence the rules once missed on a week they were never tuned on (issue 7, part 6).

Each case is one made-up sentence in a short message: from a colleague to the owner, or from the
owner (``mine``) for the owner's own promises. ``TUNE`` cases guided the rules; ``ASIDE`` cases
were written with them, before any rule changed, and were never read to fix a miss: their pass
rate is the honest figure for unseen wording.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message

EX = EmbeddedExtractor()

# The messages are dated Wednesday 2026-11-18, 09:00 UTC.
WED, THU, FRI, MON, TUE = "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"


class Case(NamedTuple):
    text: str
    want: tuple[tuple[str, str | None], ...]  # (kind, due) per item, in order
    mine: bool = False  # written by the owner
    tell: bool = False  # a "let me know" request: titled by what is asked, not by the subject


def C(text: str, *want: tuple[str, str | None], mine: bool = False, tell: bool = False) -> Case:
    return Case(text, want, mine, tell)


NONE: tuple[tuple[str, str | None], ...] = ()

TUNE: list[Case] = [
    # Two promises in one sentence: one item each.
    C("I'll draft the memo tonight and will share the budget on Monday.",
      ("commitment", WED), ("commitment", MON), mine=True),
    C("We'll fix the login bug by Friday and then I'll send you the release notes on Monday.",
      ("commitment", FRI), ("commitment", MON), mine=True),
    C("I will review the contract tomorrow and I'll sign it by Friday.",
      ("commitment", THU), ("commitment", FRI), mine=True),
    C("I'll book the venue today, and I'll send the invites next Tuesday.",
      ("commitment", WED), ("commitment", TUE), mine=True),
    C("I'm going to call the bank tomorrow and will send you the statement by Friday.",
      ("commitment", THU), ("commitment", FRI), mine=True),
    C("I'll ping legal tomorrow morning and I'll get you their answer by Dec 4.",
      ("commitment", THU), ("commitment", "2026-12-04"), mine=True),
    # Promises without "I'll".
    C("You'll get the signed contract from me on Thursday.", ("commitment", THU), mine=True),
    C("Let me circle back on the hiring plan by Friday.", ("commitment", FRI), mine=True),
    C("We'll have the export fixed by March 3.", ("commitment", "2027-03-03"), mine=True),
    C("You will have the revised quote from me by tomorrow.", ("commitment", THU), mine=True),
    C("Let me confirm the room booking by end of day.", ("commitment", WED), mine=True),
    C("We're going to send over the draft SOW on Monday.", ("commitment", MON), mine=True),
    # Owed to the owner without "I'll".
    C("You should have the invoice by Friday.", ("waiting", FRI)),
    C("Expect the signed copy tomorrow.", ("waiting", THU)),
    C("You'll get the final figures from me on Monday.", ("waiting", MON)),
    C("The revised proposal will be in your inbox by Thursday.", ("waiting", THU)),
    C("Expect our comments on the draft by end of next week.", ("waiting", "2026-11-27")),
    C("You will receive the access badge on Tuesday.", ("waiting", TUE)),
    # Asks stated as a need or a wish.
    C("The renewal needs your signature in DocuSign by the 30th.", ("request", "2026-11-30")),
    C("We need your approval on the vendor by Thursday.", ("request", THU)),
    C("We'd love a decision on the logo by Tuesday.", ("request", TUE)),
    C("We would also like a copy of the insurance certificate.", ("request", None)),
    C("I'd appreciate your feedback on the pitch before Monday.", ("request", MON)),
    C("The budget request requires your sign-off by Friday.", ("request", FRI)),
    # Blockers stated as a precondition.
    C("We're still waiting on the audit letter before we can file.", ("blocker", None)),
    C("The contractors need VPN access before they can start.", ("blocker", None)),
    C("Nothing ships until security signs off.", ("blocker", None)),
    C("We can't go live without the signed DPA.", ("blocker", None)),
    C("Legal has to approve the terms before we can send the offer.", ("blocker", None)),
    C("We are waiting for the bank details so we can release the payment.", ("blocker", None)),
    # Due phrases: an event's weekday, and "let me know by".
    C("Can you send the deck ahead of our Tuesday board call?", ("request", TUE)),
    C("Let me know by Thursday whether you want to extend the lease.", ("request", THU), tell=True),
    C("Please review the agenda ahead of our Friday offsite.", ("request", FRI)),
    C("Let me know by Monday which vendor you prefer.", ("request", MON), tell=True),
    C("Could you share the numbers before the Monday standup?", ("request", MON)),
    C("Let us know by Friday if you can make the dinner.", ("request", FRI), tell=True),
    # Ordinary sentences: nothing.
    C("Thanks for sending the slides over yesterday.", *NONE),
    C("The launch went well and the team is celebrating.", *NONE),
    C("FYI, the office will be closed on Monday for the holiday.", *NONE),
    C("Just a heads-up that the build is green again.", *NONE),
    C("We shipped version 2.3 to all customers this morning.", *NONE),
    C("Our new spring collection is here, shop the looks today.", *NONE),
    C("Great catching up at the conference last week!", *NONE),
    C("The meeting notes are in the shared drive.", *NONE),
    C("Revenue was up 12% quarter over quarter.", *NONE),
    C("I had a lovely time at dinner on Friday.", *NONE),
    C("The board approved the budget on Tuesday.", *NONE),
    C("Sam joined the team as our new designer.", *NONE),
    C("Don't miss our biggest sale of the year.", *NONE),
    C("The migration finished overnight without errors.", *NONE),
    C("Quick update: the vendor signed the contract.", *NONE),
    C("Weather looks great for the offsite on Thursday.", *NONE),
    C("I had a great time at the workshop yesterday.", *NONE, mine=True),
    # Harder wording of the same kinds.
    C("Tomorrow I'll run the numbers, and on Friday we'll present them to the partners.",
      ("commitment", THU), ("commitment", FRI), mine=True),
    C("I'll sort out the visas by Friday and I'm going to book flights on Monday.",
      ("commitment", FRI), ("commitment", MON), mine=True),
    C("I'm going to have the draft ready by Thursday.", ("commitment", THU), mine=True),
    C("I can get you the slides by Friday.", ("commitment", FRI), mine=True),
    C("Let me send you the revised timeline on Monday.", ("commitment", MON), mine=True),
    C("I plan to wrap up the review by end of week.", ("commitment", FRI), mine=True),
    C("The signed copy will follow tomorrow.", ("waiting", THU)),
    C("You should get the updated deck from me by Monday.", ("waiting", MON)),
    C("Expect an invite for the review on Friday.", ("waiting", FRI)),
    C("We need a signed W-9 from your side by Friday.", ("request", FRI)),
    C("It would be great to get your comments by Thursday.", ("request", THU)),
    C("Your approval is needed on the Q1 hiring plan by Monday.", ("request", MON)),
    C("We can't start the audit until we get access to the ledger.", ("blocker", None)),
    C("Onboarding is stuck until IT creates the accounts.", ("blocker", None)),
    C("The release can't go out before QA signs off.", ("blocker", None)),
    C("Could you send the contract ahead of Thursday's meeting?", ("request", THU)),
    C("Let me know by Friday what you decide on the offsite.", ("request", FRI), tell=True),
    C("Please let me know by Monday whether the quote works.", ("request", MON), tell=True),
    C("I'll be in Berlin next week for the conference.", *NONE, mine=True),
    C("We'll see how the numbers look next quarter.", *NONE),
    C("The contractors finished before the deadline.", *NONE),
]

ASIDE: list[Case] = [
    C("We will ship the beta on Monday and will publish the changelog on Tuesday.",
      ("commitment", MON), ("commitment", TUE), mine=True),
    C("I'll finish the slides tonight, then I'll email them to the board tomorrow.",
      ("commitment", WED), ("commitment", THU), mine=True),
    C("I'll order the laptops by end of week and will set up the accounts by next Monday.",
      ("commitment", FRI), ("commitment", MON), mine=True),
    C("Let me dig into the churn numbers before Friday.", ("commitment", FRI), mine=True),
    C("You'll receive the updated invoice from us next Tuesday.", ("commitment", TUE), mine=True),
    C("We shall deliver the final designs by Dec 4.", ("commitment", "2026-12-04"), mine=True),
    C("You should see the refund in your account by the 30th.", ("waiting", "2026-11-30")),
    C("Our counter-offer is coming your way tomorrow.", ("waiting", THU)),
    C("You'll have the benchmark results from us by Dec 2.", ("waiting", "2026-12-02")),
    C("We'd like your thoughts on the pricing page by tomorrow.", ("request", THU)),
    C("I would love a quick intro to your CFO.", ("request", None)),
    C("Finance still needs your expense report by end of month.", ("request", "2026-11-30")),
    C("The new hires need laptops before they can onboard.", ("blocker", None)),
    C("Nothing gets invoiced until the client accepts the milestone.", ("blocker", None)),
    C("We cannot publish the report without your sign-off.", ("blocker", None)),
    C("Please sign the NDA ahead of their Thursday kickoff.", ("request", THU)),
    C("Let me know by tomorrow what time works for the call.", ("request", THU), tell=True),
    C("Would you send the brief ahead of next week's Monday review?", ("request", MON)),
    C("Thanks again for the warm introduction to Leo.", *NONE),
    C("The quarterly newsletter is now live on our blog.", *NONE),
    C("We hit 10,000 active users this week.", *NONE),
    C("FYI the printer on floor 3 is fixed.", *NONE),
    C("Your order has shipped and is on its way.", *NONE),
    C("The team offsite was a big success.", *NONE),
    C("Priya presented the roadmap at Monday's all-hands.", *NONE),
    C("Introducing our new analytics dashboard for teams.", *NONE),
    C("We'll merge the fix tonight and we will deploy it on Thursday.",
      ("commitment", WED), ("commitment", THU), mine=True),
    C("We're going to migrate the billing system by Dec 10.", ("commitment", "2026-12-10"), mine=True),
    C("Let me look into the payroll error tomorrow.", ("commitment", THU), mine=True),
    C("You'll see the new pricing in the portal on Tuesday.", ("waiting", TUE)),
    C("We really need your go-ahead on the budget before Friday.", ("request", FRI)),
    C("It'd be great to have your signature on the lease by Tuesday.", ("request", TUE)),
    C("We won't be able to pay the supplier until finance releases the funds.", ("blocker", None)),
    C("The launch can't happen before legal clears the copy.", ("blocker", None)),
    C("Can you prep the slides ahead of the Tuesday investor meeting?", ("request", TUE)),
    C("Let us know by Thursday which dates suit you.", ("request", THU), tell=True),
    C("We will be closed on Friday for the public holiday.", *NONE),
    C("You should have seen the crowd at the launch!", *NONE),
]


def passes(case: Case, owner: Owner) -> bool:
    if case.mine:
        msg = make_message(f"Hi Priya,\n\n{case.text}\n\nAda", sender="ada@example.com",
                           to=("priya@acme.example",), name="Ada", subject="Re: plan")
    else:
        msg = make_message(f"Hi Ada,\n\n{case.text}\n\nThanks,\nMaria", subject="Re: plan")
    items = EX.extract(msg, owner)
    if tuple((i.kind, i.due) for i in items) != case.want:
        return False
    return not case.tell or not items[0].title.startswith("Reply to")


@pytest.mark.parametrize("case", TUNE, ids=[c.text[:40] for c in TUNE])
def test_tune(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# ASIDE cases that fail at this commit, each with why: none. Before the rules changed two did,
# the same gaps TUNE showed: "can't happen before legal clears the copy" (a precondition after
# "before" was no blocker) and "let us know by Thursday which dates suit you" (titled by the
# subject). The rest must keep passing.
ASIDE_MISSES: frozenset[str] = frozenset()


def test_aside_rate(owner: Owner) -> None:
    passed = [c for c in ASIDE if passes(c, owner)]
    # 36 of 38 before any rule changed, 38 of 38 after.
    assert {c.text for c in ASIDE} - {c.text for c in passed} == ASIDE_MISSES


# Kinds the rules missed on the operations week (eval/week-ops), each written here in new wording:
# the week's sentences themselves are not among them.
MORE: list[Case] = [
    # A later promise that drops "I'll": each clause with a date of its own is an item.
    C("I'll call the bank today and send you the statement by Friday.",
      ("commitment", WED), ("commitment", FRI), mine=True),
    C("We'll book the flights tomorrow and confirm the hotel on Monday.",
      ("commitment", THU), ("commitment", MON), mine=True),
    C("I will chase legal tomorrow, and give you their answer by Tuesday.",
      ("commitment", THU), ("commitment", TUE), mine=True),
    C("Payroll: I'll get the CFO to approve it on Monday and then email it to you on Tuesday.",
      ("commitment", MON), ("commitment", TUE), mine=True),
    # ...but one date at the end may hold for both clauses, and an undated clause is no item.
    C("I'll book the room and send round the agenda by Friday.", ("commitment", FRI), mine=True),
    C("I'll send it over and make sure it's right.", ("commitment", None), mine=True),
    # A later object of the same promise: "...and the final by Wednesday".
    C("You'll have the outline on Thursday and the full draft by Monday.",
      ("commitment", THU), ("commitment", MON), mine=True),
    C("I'll send the slides today and the speaker notes by Friday.",
      ("commitment", WED), ("commitment", FRI), mine=True),
    C("You'll get the deck on Monday and the budget by Tuesday.", ("waiting", MON), ("waiting", TUE)),
    # Two promises joined by a semicolon.
    C("I'll sign the lease on Friday; I'll send you a copy on Monday.",
      ("commitment", FRI), ("commitment", MON), mine=True),
    C("Sam or I will meet the auditors on Thursday; I will share the notes on Friday.",
      ("commitment", THU), ("commitment", FRI), mine=True),
    C("We'll meet on Friday to discuss.", *NONE, mine=True),
    # Owed to the reader after a lead-in clause or a label.
    C("Finance is redoing the figures, you'll get them from me on Monday.", ("commitment", MON), mine=True),
    C("The courier picked up the parcel this morning, you should have it by Friday.", ("waiting", FRI)),
    C("Contract: you will receive the countersigned copy from us on Tuesday.", ("waiting", TUE)),
    C("If the courier is on time, you'll get it from me on Friday.", *NONE, mine=True),
    C("The printer is fixed, you should see the jobs go through now.", *NONE),
    C("You'll get it once you see the demo.", *NONE),
    # A need stated in second-language order: "we need from you the...".
    C("For the audit we need from you the list of all company cars.", ("request", None)),
    C("Also I would need from you the signed timesheets by Friday.", ("request", FRI)),
    C("Next month we need from you a short update on hiring, if possible.", ("request", None)),
    # "We need your X before I can..." asks the owner, the reason given: a request, not a blocker.
    C("We need your sign-off on the budget before we can place the order.", ("request", None)),
    C("Per policy I need your approval on the contract before I can countersign it.", ("request", None)),
    C("The movers need the elevator key before they can start.", ("blocker", None)),
    # A precondition in the passive.
    C("The NDA has to be countersigned by your legal team before we can share the data.", ("blocker", None)),
    C("Just so you know: the purchase order must be approved on your side before we can ship anything.",
      ("blocker", None)),
    C("All invoices need to be uploaded before they can be paid.", ("blocker", None)),
    C("The report must be finished before we leave.", *NONE),
    # Two things asked as one need.
    C("For the renewal we would need the signed form as well as a copy of the last audit.",
      ("request", None), ("request", None)),
    C("I'd need the floor plan as well as the fire escape map by Monday.", ("request", MON), ("request", MON)),
    C("The team worked hard as well as the vendors.", *NONE),
    # News is no request, however likely the request model finds it.
    C("Priya said yes on the phone on Friday evening!!", *NONE),
    C("Lunch on Friday is on us.", *NONE),
    C("The movers finished on Tuesday, all boxes are upstairs.", *NONE),
    C("Marco accepted the offer this morning!", *NONE),
    # A sentence that sets an earlier ask's deadline gives it the date and is no item itself.
    C("I need a decision from you on the two options. A short answer by Friday would let me book it.",
      ("request", FRI)),
    C("Could you review the lease? Your feedback before Monday would be great, the landlord wants it on the 30th.",
      ("request", MON)),
    C("We need your sign-off on the budget. A quick yes or no by Thursday helps us order in time.",
      ("request", THU)),
    C("A quick answer by Friday would be great.", ("request", FRI)),
    # A disclaimer's "please notify the sender" asks nothing.
    C("If you are not the intended recipient, please notify the sender and delete this email.", *NONE),
    C("This e-mail is confidential; if you received it in error please delete it.", *NONE),
    # Work promised in the passive, by a deadline.
    C("The meeting room will be cleared by this evening, so the movers can start early.", ("commitment", WED),
      mine=True),
    C("The invoices will be paid by the end of the month.", ("commitment", "2026-11-30"), mine=True),
    C("The new laptops will be delivered before Monday.", ("waiting", MON)),
    C("Your badge will be sent by Friday, security is on it.", ("waiting", FRI)),
    C("The office will be closed by noon on Friday.", *NONE),
    C("Your signature will be required by Friday.", *NONE),
    C("The office will be painted on Monday.", *NONE),
    # An explicit ask drowned by the reason that follows it.
    C("Pls send Marta the headcount numbers by tomorrow EOD, she is building the board slides and I don't "
      "want to hold her up any longer than needed.", ("request", THU)),
    C("Kindly loop in Sven on the freight costs by Thursday, he has other figures than finance and I do not "
      "want two versions going to the client.", ("request", THU)),
    C("Pls forward the signed lease to Emil by Monday, the landlord lost his copy and I have no scan of it "
      "anywhere either.", ("request", MON)),
    C("The landlord lost his copy, he has no scan of it and I have none either.", *NONE),
    # The owner's own direction to a colleague is owed to the owner; leave to go on is not.
    C("Start collecting quotes for the new forklift so we can decide in March.", ("waiting", None), mine=True),
    C("Send me the signed timesheets by Friday.", ("waiting", FRI), mine=True),
    C("Book the large meeting room for the offsite on Tuesday.", ("waiting", TUE), mine=True),
    C("Go ahead and send it.", *NONE, mine=True),
    C("Feel free to book the room.", *NONE, mine=True),
    # A promise whose deadline is an event, not a date.
    C("I'll have the badges printed before the new hires arrive.", ("waiting", None)),
    C("We will get the firewall rules changed before the audit starts.", ("waiting", None)),
    C("I'll be there before the meeting starts.", *NONE),
    # A verbless promise in a reply.
    C("Quotes from both movers by Thursday.", ("waiting", THU)),
    C("Revised seating chart by Monday!", ("waiting", MON)),
    C("Updated budget by Friday.", ("commitment", FRI), mine=True),
    C("Payment by Friday.", *NONE),
    C("Registration closes by Friday.", *NONE),
    C("I want to circulate it before our Monday partner meeting.", *NONE),
    # The need of whoever is behind an ask dates the ask; it asks nothing more.
    C("Could you give a short talk at the meetup? They need a name by Tuesday.", ("request", TUE)),
    C("Can you review the lease draft? The landlord wants an answer by Friday.", ("request", FRI)),
    C("They need a name by Tuesday.", ("request", TUE)),
    # Asks in second-language English.
    C("I ask you kindly to confirm the order until tomorrow.", ("request", THU)),
    C("We kindly ask you to send the forecast.", ("request", None)),
    C("We need that you confirm the booking by Friday.", ("request", FRI)),
    C("You must send us the papers by Friday.", ("request", FRI)),
    C("For us is important to receive the forecast until Monday.", ("request", MON)),
    C("It is urgent for me to get your signed copy by Thursday.", ("request", THU)),
    C("Our accountant need the signed contract until Monday.", ("request", MON)),
    C("It is important that the team rests.", *NONE),
    C("It is important to have a good plan.", *NONE),
]


@pytest.mark.parametrize("case", MORE, ids=[c.text[:40] for c in MORE])
def test_more(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


# Kinds the rules missed in loose, phone-written mail (eval/week-shop), each in new wording: the
# week's sentences themselves are not among them.
LOOSE: list[Case] = [
    # The owner's question to the person written to waits on their answer.
    C("Is there parking round the back of the venue?", ("waiting", None), mine=True),
    C("Any idea when the glaze order will ship?", ("waiting", None), mine=True),
    C("Do I need to bring my own extension lead on Friday?", ("waiting", FRI), mine=True),
    C("Could I get a second trestle table for the stall?", ("waiting", None), mine=True),
    C("Does the invoice need a PO number on it?", ("waiting", None), mine=True),
    C("How was your weekend?", *NONE, mine=True),
    C("Did you have a good trip back?", *NONE, mine=True),
    C("Who knew mugs would sell out so fast?", *NONE, mine=True),
    C("Isn't that brilliant?", *NONE, mine=True),
    C("Ok?", *NONE, mine=True),
    # A sentence begun in lower case or after a spaced dash is a sentence of its own.
    C("Shoot went well - I'll send the edits over Thurs.", ("commitment", THU), mine=True),
    C("Sorry, mad week. can you send me the tracking number?", ("request", None)),
    C("Boxes came in! could you check the count by Friday?", ("request", FRI)),
    C("Please send over the model no. off the sticker on the back.", ("request", None)),
    # "can't ... till", the precondition said first, and the owner's own work held up by someone else.
    C("We can't print the labels till the artwork is signed off.", ("blocker", None)),
    C("Without the floor plan we cannot book the stand.", ("blocker", None)),
    C("I can't post the orders till the new tape arrives.", ("blocker", None), mine=True),
    C("Can't finish the glaze tests til the kiln is fixed.", ("blocker", None), mine=True),
    C("Sorry, we can't send the refund until the parcel is back with us.", ("blocker", None), mine=True),
    C("Won't have the van back till Thurs pm.", *NONE),
    C("I can't make it till Friday.", *NONE, mine=True),
    C("Can't wait till the market!", *NONE, mine=True),
    # A thing on its way: "to follow", "on its way" (a thing that is sent), "goes out Friday".
    C("Quote to follow tomorrow, just pricing the glaze.", ("waiting", THU)),
    C("Your refund is on its way.", ("waiting", None)),
    C("Parcel ships Friday with a tracking number.", ("waiting", FRI)),
    C("The courier picked it up this morning, so the pallet should arrive Monday.", ("waiting", MON)),
    C("Replacement lid going in the post tmrw.", ("commitment", THU), mine=True),
    C("Your order goes out Friday, tracked.", ("commitment", FRI), mine=True),
    C("Orders placed this week so you should have the stock by Tuesday.", ("waiting", TUE)),
    C("Spring is on its way!", *NONE),
    C("The market is planned for Saturday.", *NONE),
    C("Good things to follow.", *NONE),
    C("The team goes out for lunch on Friday.", *NONE),
    C("Samples went out yesterday.", *NONE, mine=True),
    # An ask after a comma, beside a promise or a blocker, is an item of its own.
    C("I'll post the proofs tomorrow, please check them before Monday.", ("waiting", THU), ("request", MON)),
    C("We can't close the month until we see the card statement, so can you forward it?",
      ("blocker", None), ("request", None)),
    C("I will ring the printer on Friday, could you send me the artwork?", ("waiting", FRI), ("request", None)),
    C("When you're back, could you call me?", ("request", None)),
    C("Shout by Friday if that's ok and we'll hold the stall for you.", ("request", FRI), ("waiting", None)),
    # Imperatives as phone mail puts them.
    C("Just pop the invoice over when you get a sec.", ("waiting", None), mine=True),
    C("Drop the mugs round to the studio on Friday.", ("waiting", FRI), mine=True),
    C("pop me a text when the van leaves.", ("request", None)),
    C("Shout if you need anything else.", *NONE),
    C("Pop in whenever you like!", *NONE),
    # A need that points back at a question makes the question an ask, due when the need says.
    C("Glossy or matt for the labels? need to know by Friday so I can order.", ("request", FRI)),
    C("Did the deposit come from the business account or yours? Need to know how to book it.", ("request", None)),
    C("Are you still ok with the Tuesday slot? We need an answer before Monday.", ("request", MON)),
    C("Can you believe the queue? Need to know where they all came from!", *NONE),
    C("What a week! Need to know how they do it.", *NONE),
    # "We'd need to know X" asks for X; a need of an answer dates the ask before it.
    C("We'd also need to know your minimum order size.", ("request", None)),
    C("I'd like to know the delivery costs for Bristol by Friday.", ("request", FRI)),
    C("I'd love to know how they do it!", *NONE),
    C("Can you confirm the colours? I need your answer by tomorrow to keep the slot.", ("request", THU)),
    C("Could you check the proofs? We need your feedback before Monday so print can start.", ("request", MON)),
    # "let me dig it out", and "I'll be in ... to sign for it" with its day.
    C("Not sure where the receipt is, let me dig it out.", ("commitment", None), mine=True),
    C("Let me hunt it down tonight.", ("commitment", WED), mine=True),
    C("I'll be in all Thurs morning to sign for the pallet.", ("commitment", THU), mine=True),
    C("We'll be there at 8 on Friday to let the movers in.", ("commitment", FRI), mine=True),
    C("I'll be around to help if needed.", *NONE, mine=True),
    C("I'll be in London on Friday.", *NONE, mine=True),
    # A lead-in closed by "so" before what is owed; each later object keeps its own day.
    C("The printer is slow this week, so you'll get the flyers Friday and the posters tmrw.",
      ("commitment", FRI), ("commitment", THU), mine=True),
    C("Courier is booked for Monday, so you should have the samples by Tuesday.", ("waiting", TUE)),
    C("It rained all week, so you should see why the stall was quiet.", *NONE),
    # A promise in the present tense, with a day to come; "you'd have" what is owed.
    C("I send you the corrected invoice tomorrow.", ("waiting", THU)),
    C("On Monday we ship the second pallet.", ("waiting", MON)),
    C("I post the keys to you on Friday.", ("commitment", FRI), mine=True),
    C("I send invoices at the end of every month.", *NONE),
    C("We ship on Fridays only.", *NONE),
    C("The courier's booked, you'd have the stock by Friday.", ("waiting", FRI)),
    C("You'd have loved the market.", *NONE),
    C("Check the proofs tonight, then on Friday I send them to print.", ("request", WED), ("waiting", FRI)),
    # A soft ask put as the condition of the writer's part.
    C("If you can get the artwork over by Thursday I can print Friday.", ("request", THU)),
    C("if u could send the sizes over tonight I can cut the boxes first thing", ("request", WED)),
    C("If you can make it, great.", *NONE),
    C("If you can't, no worries.", *NONE),
    # A verbless need that speaks to the reader.
    C("Proof of address needed too.", ("request", None)),
    C("A signed copy of the T&Cs is also required from you.", ("request", None)),
    C("Two forms of ID needed as well!", ("request", None)),
    C("No deposit needed.", *NONE),
    C("More volunteers needed!", *NONE),
    # An imperative after the purpose it serves.
    C("To keep your slot pay the balance by Friday.", ("request", FRI)),
    C("To book the van, send me your postcode.", ("request", None)),
    C("In order to list the mugs, please send over the product sheet by Monday.", ("request", MON)),
    C("To be honest the market was quiet.", *NONE),
    C("To my surprise the kiln held up.", *NONE),
    # "click the link" is a notification's, not a person's ask.
    C("To confirm your pitch, click the link below.", *NONE),
    C("Drop us a review, click the link in your order email!", *NONE),
    C("Drop me the sizes when you have them.", ("request", None)),
    # Pleasantries and disclaimers ask for nothing.
    C("Lovely to meet you at the craft fair on Saturday!", *NONE),
    C("Great seeing you at the trade show last week.", *NONE),
    C("So nice to hear from you!", *NONE),
    C("If you have received this email in error please delete it and tell us.", *NONE),
    C("Good to know, I'll send the revised quote on Friday.", ("waiting", FRI)),
    # Leave to take what is offered asks for nothing.
    C("Photos are in the shared folder, grab whatever you need.", *NONE, mine=True),
    C("take anything you like from the samples box.", *NONE, mine=True),
]


@pytest.mark.parametrize("case", LOOSE, ids=[c.text[:40] for c in LOOSE])
def test_loose(case: Case, owner: Owner) -> None:
    assert passes(case, owner)
