"""Kinds of sentence found on the development weeks (univ, game, biotech, legal, hotel) by reading
their misses at the start of a session, each rule written here in new wording, with negatives that
must stay as they are. The weeks' own sentences are not among them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.dates import find_due
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, MON, NONE, THU, C, Case, passes

EX = EmbeddedExtractor()

# A thing made, then handed on ("...and send them round", "...and get it back to you"): two
# promises, each with its day, the second titled by the thing the first one made.
HANDED_ON: list[Case] = [
    C("I'll write up the minutes tonight and send them round on Friday.", ("commitment", "2026-11-18"),
      ("commitment", FRI), mine=True),
    C("I'll check the figures tonight and send them to you on Monday.", ("waiting", "2026-11-18"), ("waiting", MON)),
]

# A refusal with an adverb before its "not" promises nothing.
REFUSALS: list[Case] = [
    C("We will therefore not be renewing the maintenance contract.", *NONE, mine=True),
    C("We will regrettably not be attending the fair on Friday.", *NONE, mine=True),
    C("I will never sign an agreement like that.", *NONE, mine=True),
    C("We will gladly send the samples by Friday.", ("commitment", FRI), mine=True),
]

# A thing put first with its day, that would be welcome, is asked for; praise, a day alone and a
# meeting wished for are not.
WISHES: list[Case] = [
    C("A shorter version by Monday morning would be perfect.", ("request", MON)),
    C("The revised quote by Thursday would be great.", ("request", THU)),
    C("If possible, a signed copy before Friday would be ideal.", ("request", FRI)),
    C("Your notes ahead of Friday's review would be a big help.", ("request", FRI)),
    C("The new layout would be great.", *NONE),
    C("Friday would be perfect for me.", *NONE),
    C("A call on Monday would be great.", *NONE),
    C("The weather on Friday would be perfect for the shoot.", *NONE),
    C("Could we get 2 signed copies by Friday?", ("request", FRI)),
]

# French orders first in the sentence, in the tu and vous forms, and "attend ta/vos..."; not the
# set phrases that ask nothing.
FRENCH_ORDERS: list[Case] = [
    C("Envoie-moi le contrat signé avant jeudi.", ("request", THU)),
    C("Vérifiez les chiffres avant la réunion de vendredi, s'il vous plaît.", ("request", FRI)),
    C("Relis le script quand tu peux.", ("request", None)),
    C("J'attends ta réponse pour vendredi.", ("request", FRI)),
    C("Dis-leur qu'ils peuvent commencer les travaux lundi.", ("waiting", MON), mine=True),
    C("Le comptable attend vos relevés pour lundi au plus tard.", ("waiting", MON), mine=True),
    C("Dis-moi si tu as des questions.", *NONE),
    C("Passe une bonne fin de semaine!", *NONE),
    C("Fais-moi signe quand tu arrives.", *NONE),
]

# A thing named by its label after "and" is a second thing promised, with its own day.
LABELLED: list[Case] = [
    C("You'll have the Q3 forecast tomorrow and Q4 by Monday as agreed.", ("commitment", THU), ("commitment", MON),
      mine=True),
]

# A stay somewhere, from one day to another, is no work.
AWAY: list[Case] = [
    C("We shall be in Lisbon from the 14th to the 20th of December, and the signal there is poor.", *NONE),
    C("I'll be in Friday morning to sign for the delivery.", ("commitment", FRI), mine=True),
]


@pytest.mark.parametrize("case", HANDED_ON + REFUSALS + WISHES + FRENCH_ORDERS + LABELLED + AWAY,
                         ids=[c.text[:40] for c in HANDED_ON + REFUSALS + WISHES + FRENCH_ORDERS + LABELLED + AWAY])
def test_round_seven_kinds(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def _titles(text: str, mine: bool = True) -> list[str]:
    if mine:
        msg = make_message(f"Hi Priya,\n\n{text}\n\nAda", sender="ada@example.com", to=("priya@acme.example",),
                           name="Ada", subject="Re: plan")
    else:
        msg = make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan")
    return [i.title for i in EX.extract(msg, Owner("Ada Lovelace", "ada@example.com", ZoneInfo("Europe/London")))]


def test_what_is_handed_on_is_named_in_its_title() -> None:
    assert _titles("I'll write up the minutes tonight and send them round on Friday.") == [
        "Write up the minutes", "Send the minutes round"]
    assert _titles("I'll review the lease tomorrow and get it back to you by Friday.") == [
        "Review the lease", "Get the lease back to Priya"]
    assert _titles("I'll test the patch today and then I'll push it to production on Tuesday.") == [
        "Test the patch", "Push the patch to production"]
    # an earlier title that names no thing leaves "it" as it is
    assert _titles("I'll get Tobias to sign it on Monday and send it to you by Tuesday.") == [
        "Get Tobias to sign it", "Send it to Priya"]


def test_a_day_a_thing_moves_to_stays_in_its_title() -> None:
    assert _titles("I'll move the standup to Thursday.") == ["Move the standup to Thursday"]
    assert _titles("I'll push the launch back to next Monday.") == ["Push the launch back to next Monday"]
    # a deadline still leaves the title
    assert _titles("I'll send the deck to Ana by Friday.") == ["Send the deck to Ana"]


def test_a_deadline_and_its_word_leave_a_title_together() -> None:
    assert _titles("They'd need a build by Monday to finish testing.", mine=False) == ["Get a build to finish testing to Maria"]


def test_a_need_with_another_day_than_the_ask_before_it_is_its_own_ask(owner: Owner) -> None:
    msg = make_message("Hi Ada,\n\nCould we get the logo files by Friday? They'd need a build by Monday to finish "
                       "testing.\n\nMaria")
    assert [(i.kind, i.due) for i in EX.extract(msg, owner)] == [("request", FRI), ("request", MON)]
    # ...while a need that only dates an undated ask still dates it
    msg = make_message("Hi Ada,\n\nCould you speak at the meetup? They need a name by Friday.\n\nMaria")
    assert [(i.kind, i.due) for i in EX.extract(msg, owner)] == [("request", FRI)]


@pytest.mark.parametrize("text,want", [
    ("I'll update the grid by month-end.", "2026-11-30"),
    ("I'll close the books before month end.", "2026-11-30"),
    ("Please have it in by the month end.", "2026-11-30"),
])
def test_month_end_is_the_months_last_day(text: str, want: str) -> None:
    assert find_due(text, datetime(2026, 11, 18, 9, 0, tzinfo=UTC), ZoneInfo("Europe/London"))[0] == want
