"""Round fifteen of the embedded extractor, from sentences of my own; none from an evaluation week.

Someone else's need passed on to the owner, by name, role or "they": "Gabe would like a
two-paragraph version by Monday", "Finance wants a note from us explaining why by the 12th",
"they need a confirmation from us by Friday", "Marketing would love to have the copy approved by
Thursday". The rules read such a need only from "I" or "we" or a short list of principals ("the
board", "the client"), so these were missed. A need of this kind is read only with its day and
only of the reader's side (a thing from us or from you, the reader's own, or to be approved); the
title names the one who needs it. A need between others ("Engineering needs the specs from
design") is none.

Also: "waiting on your X", "it would help to have your X by ...", a hedged dated promise ("we
should be able to ship it Monday"), a dated "looking forward to your X by ...", a reminder the
request model reads as a refusal ("Don't forget to send it back by Monday", "Make sure the invoices
are paid before the 30th"), and a "Please note that ..." sentence quoted whole.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.conftest import make_message
from tests.test_unseen_kinds import EX, FRI, MON, NONE, THU, TUE, C, Case, passes

CASES: list[Case] = [
    C("Gabe would like a two-paragraph version of the postmortem from us by Monday.", ("request", MON)),
    C("Finance wants a note from us explaining the variance by Friday.", ("request", FRI)),
    C("They need a confirmation from us by Thursday.", ("request", THU)),
    C("Marketing would love to have the launch copy approved by Tuesday.", ("request", TUE)),
    C("Deloitte wants your signed representation letter by Friday.", ("request", FRI)),
    C("Legal has asked for a signed copy from you before Monday.", ("request", MON)),
    # Not the reader's: a need between others, one with no day, and a day off.
    C("Engineering needs the specs from design by Friday.", *NONE),
    C("Gabe would like a note from us.", *NONE),
    C("Gabe would like a day off on Friday.", *NONE),
    # Found by a review: no name, a negation, news, a warning, in hand, the owner's own, undated.
    C("Customers want the best price from us by Black Friday.", *NONE),
    C("Finance doesn't need a note from us by Friday.", *NONE),
    C("Unless Finance wants a note from us by Friday, we're done.", *NONE),
    C("Our competitor wants the deal signed by Friday, according to Reuters.", *NONE),
    C("Tesla wants the deal approved by regulators by Friday.", *NONE),
    C("Scammers want your bank details by Friday, so be careful.", *NONE),
    C("Legal wants the contract signed by Friday; Priya has it covered.", *NONE),
    C("Marketing wants the copy approved by Thursday, Jo already sent it over.", *NONE),
    C("Ada wants the keys from us by Monday.", *NONE),
    C("Tom wants your feedback.", *NONE),
    # Needs and wishes in other words.
    C("The insurer is waiting on your signed claim form.", ("request", None)),
    C("It would help to have your headcount plan by Friday.", ("request", FRI)),
    C("It would help to see the bigger picture.", *NONE),
    C("Looking forward to your confirmation by Friday.", ("request", FRI)),
    C("I'm looking forward to your thoughts on the draft before Tuesday.", ("request", TUE)),
    C("Looking forward to your reply.", *NONE),  # a letter's close
    C("We look forward to your visit on Friday.", *NONE),
    # A hedged promise with its day.
    C("We should be able to ship the replacement part on Monday.", ("waiting", MON)),
    C("I should be able to send you the figures by Friday.", ("commitment", FRI), mine=True),
    # Reminders, whatever the request model makes of "don't".
    C("Don't forget to send the signed copy back by Monday.", ("request", MON)),
    C("Do not forget to pay the deposit by Friday.", ("request", FRI)),
    C("Make sure the invoices are paid before Friday.", ("request", FRI)),
    C("Don't forget to enjoy the weekend!", *NONE),
    C("Don't forget to tag us on social: #launchday!", *NONE),
    # "Let me ..." with its day, in someone else's mail: the writer's promise, not an ask.
    C("Let me circle back on the hiring plan by Wednesday.", ("waiting", "2026-11-25")),
    C("Let me dig into the numbers and come back to you on Friday.", ("waiting", FRI)),
    # A handover with an ask after it asks; a handover alone does not.
    C("Please find attached the invoice and arrange payment by Friday.", ("request", FRI)),
    C("Please find attached the invoice.", *NONE),
    C("Please find attached our brochure and let us know if you have any questions.", *NONE),
    # A precondition that holds while a thing is missing; a deal's condition is none.
    C("We cannot continue with the installation as long as the permit is missing.", ("blocker", None)),
    C("We won't charge you as long as you cancel by Friday.", *NONE),
    # The owner still waiting on the reader.
    C("I'm still waiting for the signed NDA from you.", ("waiting", None), mine=True),
    C("I'm waiting for the board's decision.", *NONE, mine=True),
    # Found by a second review: reminders of no work, or of a scam; things of no one's to deliver;
    # waits on others; a hedge that doubts; a "let me" over an ask or as news; a handover with
    # no step; stillness of the owner's own; a person's state as a blocker.
    C("Don't forget to claim your free gift before midnight.", *NONE),
    C("Don't forget to bring a jacket, it's cold out there!", *NONE),
    C("Make sure your seatbelt is fastened at all times.", *NONE),
    C("Just make sure you're happy with it before Friday.", *NONE),
    C("Don't forget to update your payment details by Friday or your account will be suspended.", *NONE),
    C("We look forward to your presentation on Thursday.", *NONE),
    C("Looking forward to your success by the end of the year!", *NONE),
    C("It would help to have some sunshine this weekend!", *NONE),
    C("I'm not sure we should be able to finish by Friday.", *NONE),
    C("I should be able to sleep in on Saturday.", *NONE, mine=True),
    C("Let me send you the draft tomorrow, but please sign the lease by Monday.", ("request", MON)),
    C("Please find attached our latest newsletter and check out our Black Friday deals!", *NONE),
    C("I'm still waiting for the bus, running late.", *NONE, mine=True),
    C("Sorry, I'm still waiting for the figures from Priya.", *NONE, mine=True),
    C("I can't relax as long as the kids are not back home.", *NONE),
    C("You can't lose as long as the offer is still pending!", *NONE),
    # Found by a third review: the narrowed rules keep these.
    C("Don't forget to drop off the keys by Friday.", ("request", FRI)),
    C("Don't forget to get the forms signed by Monday.", ("request", MON)),
    C("Make sure the slides are finalised by Thursday.", ("request", THU)),
    C("Make sure the report is ready by Friday.", ("request", FRI)),
    C("Looking forward to your revised quote by Thursday.", ("request", THU)),
    C("Hopefully we should be able to ship it Monday.", ("waiting", MON)),
    C("We should be able to start on site on Monday.", ("waiting", MON)),
    C("Let me confirm that with legal by Friday.", ("waiting", FRI)),
    C("We're still waiting for the figures you promised.", ("waiting", None), mine=True),
    C("Make sure everything is ready for the party.", *NONE),
    # A delay or a pause told of the writer's life or as news is no blocker of the owner's.
    C("My recovery is delayed because my knee still hurts.", *NONE),
    C("The player has been suspended pending an investigation, the club said.", *NONE),
    C("I can't get through a Monday morning without a coffee.", *NONE),
    # A Spanish "we'll take care of it", the owner's.
    C("Nos encargamos de la factura esta semana.", ("commitment", FRI), mine=True),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_fifteen_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,title", [
    ("Gabe would like a two-paragraph version of the postmortem from us by Monday.",
     "Get a two-paragraph version of the postmortem to Gabe"),
    ("Finance wants a note from us explaining the variance by Friday.", "Get a note explaining the variance to Finance"),
    ("Tom needs the keys by Monday.", "Get the keys to Tom"),
    ("Also Tom needs the keys by Monday.", "Get the keys to Tom"),
    ("Dr Smith needs the signed consent from you by Friday.", "Get the signed consent to Dr Smith"),
    # No one named: the writer passes it on.
    ("They need a confirmation from us by Thursday.", "Get a confirmation to Maria"),
    ("Two offers need your approval by Friday.", "Give Maria your approval"),
    # What is asked after a handover is the title, with the thing handed over.
    ("Please find attached the contract, kindly sign and return by Friday.", "Sign and return: the contract"),
    ("Please find attached the revised SOW and let me know if it works.", "Tell Maria if the revised SOW works"),
    ("Let me dig into the numbers and come back to you on Friday.", "Follow up with Maria: dig into the numbers"),
    ("Could you pack your bags and come on Friday?", "Pack your bags and come"),
    # A time of day left behind by its day leaves the title; a move's target stays.
    ("Please submit your timesheet by Friday noon.", "Submit your timesheet"),
    ("Send me the deck by noon Friday.", "Send Maria the deck"),
    ("Can you move the standup to noon?", "Move the standup to noon"),
    ("Please find attached the agenda, and confirm your attendance by Monday.", "Confirm your attendance"),
])
def test_the_title_names_who_needs_it(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)
    assert [i.title for i in items] == [title]


def test_the_owner_named_as_the_one_in_need_is_not_the_title(owner: Owner) -> None:
    # "Ada needs the keys by Monday", written to Ada: the writer wants them for Ada; the title
    # does not send the owner's own thing to the owner.
    items = EX.extract(make_message("Hi Ada,\n\nAda needs the keys by Monday.\n\nThanks,\nMaria", subject="Re: plan"),
                       owner)
    assert all("to Ada" not in i.title for i in items)


def test_a_noted_item_quotes_the_sentence_as_written(owner: Owner) -> None:
    text = "Please note that cover will not be bound until conditions 2 and 4 have been satisfied."
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: renewal"), owner)
    assert [(i.kind, i.evidence) for i in items] == [("blocker", text)]
