"""A promise tied to an event rather than a day, which the weakest development weeks (a dental
practice, a payments start-up, a vet practice, a solar installer) showed focusd missing: "I'll let you
know as soon as it lands", "will forward it to you as soon as it comes". Said without the event ("I'll
let you know", "I'll keep you posted", "I'll let you know if anything changes") it stays a courtesy.
Then two kinds of sentence that owe the reader nothing: a word that nothing is needed from them
("Greg and I will decide that, so nothing needed from you there"), and carrying on with one's own
work ("I'll keep analysing cohort A in the meantime"). The cases are written here in other words
than the weeks'.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from tests.conftest import make_message
from tests.test_unseen_kinds import EX, NONE, THU, C, Case, passes

CASES: list[Case] = [
    # The owner's own word, with its subject or without.
    C("I'll let you know the moment the bank confirms the transfer.", ("commitment", None), mine=True),
    C("Will send you the signed copy once legal has countersigned.", ("commitment", None), mine=True),
    C("I'll forward you the tracking number as soon as the courier gives it to me.", ("commitment", None), mine=True),
    C("We'll get back to you once the board has voted.", ("commitment", None), mine=True),
    C("I'll let you know when Harriet confirms the slot.", ("commitment", None), mine=True),
    C("Will confirm to you as soon as the hall replies.", ("commitment", None), mine=True),
    # ...and the courtesies without an event.
    C("I'll let you know if I hear anything.", *NONE, mine=True),
    C("I'll let you know.", *NONE, mine=True),
    C("I'll keep you posted.", *NONE, mine=True),
    C("Will let you know once again how it went.", *NONE, mine=True),
    # ...and a time, or the writer's own leisure, is no event (these came from a review of the rule).
    C("I'll let you know as soon as possible.", *NONE, mine=True),
    C("I'll get back to you as soon as I can.", *NONE, mine=True),
    C("I'll get back to you once I've had a chance.", *NONE, mine=True),
    C("I'll let you know when I get a minute.", *NONE, mine=True),
    C("I'll let you know once I know more.", *NONE),
    C("We'll get back to you as soon as we're able.", *NONE),
    C("I'll let you know at once if it arrives.", *NONE, mine=True),
    C("I'll get back to you once a week.", *NONE, mine=True),
    C("I'll let you know as soon as I hear from the lab.", ("commitment", None), mine=True),
    # Another's word to the owner: what to follow up on.
    C("I'll send you the final invoice as soon as the job is signed off.", ("waiting", None)),
    C("Will email you the access codes once the account is provisioned.", ("waiting", None)),
    C("I'll let you know as soon as the part arrives.", ("waiting", None)),
    C("We'll let you know as soon as a decision is made.", ("waiting", None)),
    # ...but not a notice that names no one ("when" counts only in the owner's own mail).
    C("I'll confirm as soon as we have a date.", *NONE),
    C("Will confirm as soon as we have a date.", *NONE),
    C("We'll let you know when it's there.", *NONE),
    C("I'll let you know if anything comes up.", *NONE),
    # Nothing asked of the reader, said outright; an ask beside it still counts.
    C("Mo has already booked the courier, so nothing is needed from you.", *NONE),
    C("The auditors and I will agree the sample between us, so nothing needed from you on that.", *NONE),
    C("No further action is required.", *NONE),
    C("Nothing needed from you yet, but could you confirm the headcount by Thursday?", ("request", THU)),
    # Carrying on with one's own work; with a thing owed by a day it is still a promise.
    C("I'll keep pushing the landlord on the repairs in the meantime.", *NONE),
    C("I'll keep pushing the landlord on the repairs.", *NONE, mine=True),
    C("I'll keep working on the plan and send it to you by Thursday.", ("waiting", THU)),
    # A verb of the imperative list used as a noun with what it is of; a word passed on to others.
    C("Review of the vendor contracts - Q3 summary", *NONE),
    C("Update of the staff handbook, as discussed.", *NONE, mine=True),
    C("Update the staff handbook by Thursday.", ("request", THU)),
    C("Thanks, I'll pass that on to the rest of the board.", *NONE),
    # A closing offer of help without its comma, and a reminder's own way out; an ask after it counts.
    C("If you have any question please contact our office.", *NONE),
    C("If you have already renewed, please disregard this notice.", *NONE),
    C("Please disregard this notice if you have already renewed.", *NONE),
    C("Please approve the invoice by Thursday and please disregard this reminder.", ("request", THU)),
    C("Please ignore my last email and send me the payroll file by Thursday.", ("request", THU)),
    C("If you have questions about the quote please call Tom before Thursday and confirm the order.", ("request", THU)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_round_thirteen_items(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("text,title", [
    ("I'll let you know as soon as the part arrives.", "Follow up with Maria: let you know"),
    ("Will email you the access codes once the account is provisioned.", "Follow up with Maria: email you the access codes"),
])
def test_titles_say_what_is_owed(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan"), owner)
    assert [i.title for i in items] == [title]
