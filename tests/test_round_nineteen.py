"""Round nineteen of the embedded extractor, from a fresh review set of office mail written in a
second language, and in German and French (none from an evaluation week).

A promise in the progressive ("We will be submitting the final drawings by 1st December") is a
promise; a referral ("We'll send more clients your way") and an offer ("We are happy to offer you a
discount") are none. A titled name promises as a bare one does ("Mr. Sharma will call you
tomorrow"), also after "my colleague". Work stuck somewhere pending a thing, on hold "till" it, or
that cannot be done in the passive "as long as" it is missing is blocked. "Nous vous saurions gré de
bien vouloir..." asks, and "Do send across the quotation" is an order as "Please send" is. "I'll
send the draft tonight, and could you get your comments back by Friday?" is a promise and an ask;
"I'm still waiting to hear back from you on the quote", in the owner's mail, waits on the reader; a
reminder that an invoice is still outstanding asks for it to be paid; "could you send us the wifi
password" is an ask, no phishing.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.test_unseen_kinds import FRI, MON, NONE, THU, TUE, C, Case, passes

DEC1 = "2026-12-01"

CASES: list[Case] = [
    # A promise in the progressive, of work handed over.
    C("We will be submitting the final drawings by 1st December.", ("waiting", DEC1)),
    C("We'll be shipping the replacement units on Monday.", ("waiting", MON)),
    C("We will be paying the invoice on Friday.", ("waiting", FRI)),
    C("I'll be sending the deck to the board on Friday.", ("commitment", FRI), mine=True),
    C("We will be submitting the final drawings by 1st December.", ("commitment", DEC1), mine=True),
    C("We'll be attending the fair in Frankfurt on Tuesday.", *NONE, mine=True),
    C("I'll be travelling next week.", *NONE),
    # A referral, and an offer, are no promises.
    C("We'll definitely send more clients your way.", *NONE),
    C("We'll be sending every engaged friend we have your way.", *NONE),
    C("I'll send more clients your way.", *NONE, mine=True),
    C("We'll send the invoice your way on Friday.", ("waiting", FRI)),
    C("We are happy to offer you a special discount of 15% on all orders placed before 31st December.", *NONE),
    C("We will offer you a full refund by Friday.", ("waiting", FRI)),
    # A titled name, and a colleague named, promise.
    C("Mr. Sharma will call you tomorrow to discuss the details.", ("waiting", THU)),
    C("My colleague Mr. Sharma will call you tomorrow to discuss the details.", ("waiting", THU)),
    C("My colleague, Jana Novak, will send you the offer on Monday.", ("waiting", MON)),
    C("My colleague Tom will be out of office until Monday.", *NONE),
    # Blocked: stuck somewhere pending a thing, on hold till it, not done as long as it is missing.
    C("The shipment is stuck at customs pending the certificate of origin.", ("blocker", None)),
    C("The container is stuck in Rotterdam pending the customs release.", ("blocker", None)),
    C("Kindly note that the work is on hold till the advance payment is received.", ("blocker", None)),
    C("The launch is on hold till legal signs off.", ("blocker", None)),
    C("The audit cannot be closed as long as the bank confirmation is outstanding.", ("blocker", None)),
    C("The permit cannot be issued as long as the fire report is missing.", ("blocker", None)),
    C("The truck was stuck in traffic until 9pm.", *NONE),
    C("I was stuck at the airport until midnight.", *NONE),
    C("We cannot be held responsible as long as the goods are in transit.", *NONE),
    C("Please note that the office is closed till Monday.", *NONE),
    # French asks of "nous vous saurions gré", "nous vous serions reconnaissants".
    C("Nous vous saurions gré de bien vouloir confirmer la date de livraison.", ("request", None)),
    C("Nous vous serions reconnaissants de nous envoyer le devis avant vendredi.", ("request", FRI)),
    C("Nous vous prions d'agréer nos salutations distinguées.", *NONE),
    # An emphatic "do" before an order.
    C("Do send across the revised quotation by tomorrow noon.", ("request", THU)),
    C("Do send the revised quotation by Tuesday.", ("request", TUE)),
    C("Do the numbers look right to you? I think so.", *NONE),
    # A promise, then an ask after ", and": both.
    C("I'll return the signed lease by courier on Monday, and could you confirm the keys handover date?",
      ("commitment", MON), ("waiting", None), mine=True),
    C("I'll send the draft tonight, and could you get your comments back by Friday?",
      ("waiting", "2026-11-18"), ("request", FRI)),
    C("Would you be available, and could you send me a quote by Friday?", ("request", FRI)),
    # The owner still waiting on the reader's answer; and her own work that cannot go on ("cant").
    C("I'm still waiting to hear back from you on the revised quote.", ("waiting", None), mine=True),
    C("Still waiting to hear from you about the invoice.", ("waiting", None), mine=True),
    C("I'm waiting to hear from the bank, will keep you posted.", *NONE, mine=True),
    C("cant merge anything till the CI runners are fixed", ("blocker", None), mine=True),
    # What goes out to its audience is owed to no one here; what goes out to the reader is.
    C("The newsletter goes out on Friday.", *NONE),
    C("The press release goes out Monday at 9.", *NONE),
    C("The board deck goes out to you on Thursday.", ("waiting", THU)),
    C("The replacement goes out tomorrow with tracking.", ("waiting", THU)),
    # A reminder that a bill is unpaid asks for it to be paid.
    C("Just a gentle reminder that the invoice for October is still outstanding.", ("request", None)),
    C("A friendly reminder that your invoice 1042 is still unpaid.", ("request", None)),
    C("Just a reminder that the office is closed on Friday.", *NONE),
    # An ask, then a promise after a comma: both.
    C("Could you send me a large instead, I'll post the medium back to you tomorrow.", ("request", None),
      ("waiting", THU)),
    C("Could you book the room, I'll send the invite tomorrow.", ("waiting", None), ("commitment", THU), mine=True),
    C("Could you check the draft, I'm not sure about page 3.", ("request", None)),
    # A guest's ask for the wifi password is an ask; a stranger's for the reader's password is not.
    C("Hi, could you send us the wifi password, we've just arrived.", ("request", None)),
    C("Please send me your password so I can fix your account.", *NONE),
    # (a review's cases: a board or a campaign of the reader's, a lounge or a balance that is no bill,
    # a courtesy before a promise, the reader's own network password, a feeling)
    C("Your replacement circuit board ships Friday.", ("waiting", FRI)),
    C("Your ironing board replacement goes out tomorrow.", ("waiting", THU)),
    C("The press release draft goes out for your review tomorrow.", ("waiting", THU)),
    C("Just a reminder that the premium lounge is open to all our members this weekend.", *NONE),
    C("Just a reminder that the work-life balance at this company is outstanding.", *NONE),
    C("Just a reminder that the payment from our side is still outstanding, apologies for the delay.", *NONE),
    C("Just a reminder that the invoice for October is still outstanding, so please settle it by Friday.",
      ("request", FRI)),
    C("Just a reminder that your bill is overdue, pay here: bit.ly/x", *NONE),
    C("Please bear with us, we'll call you back by Thursday.", ("waiting", THU)),
    C("Could you send me your network password so I can fix the laptop remotely?", *NONE),
    C("Please confirm your wifi password to avoid disconnection.", *NONE),
    C("I cant relax till the launch is done, honestly.", *NONE, mine=True),
    # "lmk" is "let me know"; an order after a polite lead-in is an order; "skim", "answer" are orders.
    C("lmk which slot works for the partner meeting next week.", ("request", "2026-11-27")),
    C("lmk when the DNS change is live.", ("waiting", None), mine=True),
    C("lmk if you need anything else!", *NONE),
    C("When you get a chance, answer the three open questions in the SIG Lite questionnaire.", ("request", None)),
    C("If you get a minute, skim the draft investor update and flag anything off.", ("request", None)),
    C("When you get a chance, book the flights to Berlin.", ("waiting", None), mine=True),
    C("When you get a chance, have a great weekend.", *NONE),
    C("Answer is yes, we can do it.", *NONE),
    # (a review's cases: "lmk" told of, or closing small talk; "Answer:" as a label)
    C("She said to lmk if the numbers look odd, so I'm flagging it to her.", *NONE),
    C("Lol lmk, that was a wild meeting.", *NONE),
    C("Answer: the Berlin office opens in March.", *NONE, mine=True),
    # A thing to bring along, the reader's report outstanding, work stuck for a step not yet taken; time
    # given and a demo sold ask nothing.
    C("Don't forget to bring the lanyards to the registration desk tomorrow.", ("request", THU)),
    C("Reminder that your expense report for the Berlin trip is still outstanding.", ("request", None)),
    C("Deliverables are stuck because the distributor hasn't approved the closed captions.", ("blocker", None)),
    C("The builds are stuck because of the weather.", *NONE),
    C("We were blocked because the vendor hadn't replied, but it's fine now.", *NONE),
    C("I'm so sorry to hear about your father; take all the time you need.", *NONE),
    C("Take your time, but please send the deck by Friday.", ("request", FRI)),
    C("Our new scheduling app is now live — book a demo today!", *NONE),
    # (a review's cases)
    C("Here's the revised budget, lmk thoughts.", ("request", None)),
    C("Answer Priya's email about the venue when you get a chance.", ("request", None)),
    C("Don't forget to bring your umbrella with you, it's pouring out there.", *NONE),
    C("Sales are stuck because the market is still soft after the summer.", *NONE),
    C("My brain is stuck because I haven't had my coffee yet, haha.", *NONE),
    C("Take all the time you need with the draft, and send it over when it's done.", ("request", None)),
    C("Can you book a demo today with the Flowly rep so we can compare pricing?", ("request", "2026-11-18")),
    # A sigh put as a question, not to the reader, asks nothing; a question about the work does.
    C("Who even reads these procurement questionnaires anyway?", *NONE),
    C("Wow, who knew hiring a backend engineer would take four months?", *NONE),
    C("Honestly, who has time for a 40-page RFP?", *NONE, mine=True),
    C("Is it just me or has the ticket volume doubled this week?", *NONE),
    C("Why do customers always wait until the last day to renew?", *NONE),
    C("Who needs the keys on Monday?", ("request", MON)),
    C("Who has the signed contract? I can't find it.", ("request", None)),
    # (a review's cases: questions that ask after all)
    C("Who has time for a quick call this afternoon to go over the quote?", ("request", "2026-11-18")),
    C("Who really needs edit access to the finance folder? I'm cleaning up permissions.", ("request", None)),
    C("Why does the nightly export always fail on Sundays, any idea what's going on?", ("request", None)),
    C("Why did the refund never reach the customer, could someone look into it today?", ("request", "2026-11-18")),
    C("The deploy is blocked because the staging server isn't up yet.", ("blocker", None)),
    # Leave given to skip the rest does not swallow the ask after it; a disclaimer is still no ask.
    C("Feel free to ignore the rest, but I really need the headcount plan from you by Thursday.", ("request", THU)),
    C("No rush on the deck, but could you sign the NDA by Friday?", ("request", FRI)),
    C("Feel free to ignore this, but thanks for the help.", *NONE),
    C("Feel free to ignore this, but I'd love a sunny day for the picnic.", *NONE),
    C("Feel free to skip the appendix, but we need your comments on section two by Monday.", ("request", MON)),
    C("If you have received this message in error, please notify the sender and delete it.", *NONE),
    # (a review's cases: courtesies said with "do", plans in the progressive, a name, a real question)
    C("Do call me old-fashioned, but I prefer paper invoices.", *NONE),
    C("Do remember to relax this weekend.", *NONE),
    C("Do give my regards to your mother.", *NONE),
    C("Do drop by if you're ever in Leeds.", *NONE),
    C("I'll be returning to the office on Monday.", *NONE),
    C("I'll be paying a visit to the Leeds office on Tuesday.", *NONE),
    C("We'll be sharing a table at the gala dinner on Saturday.", *NONE),
    C("I'll be completing my training course on Friday.", *NONE),
    C("I'll be signing copies of my book at the fair on Saturday.", *NONE),
    C("We'll be preparing for the audit all week.", *NONE, mine=True),
    C("Chase and I had lunch on Monday.", *NONE),
    C("Chase says the venue looks great.", *NONE, mine=True),
    C("Which option do you prefer, honestly?", ("request", None)),
    C("Nous vous remercions de votre confiance.", *NONE),
    C("Your card won't be charged as long as the order is not submitted.", *NONE),
    C("The lift was stuck at the third floor pending repairs last week.", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:50] for c in CASES])
def test_round_nineteen(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_an_emphatic_order_is_quoted_as_written(owner: Owner) -> None:
    from tests.test_round_seventeen import _items

    items = _items("Do send across the revised quotation by tomorrow noon.", owner)
    assert [(i.kind, i.evidence) for i in items] == [
        ("request", "Do send across the revised quotation by tomorrow noon.")]
