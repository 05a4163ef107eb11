"""Forms a construction project manager's mail showed and the rules had missed (written anew
here, not copied from that mail): a deadline stated of a thing the reader decides on ("The
purchase order must be approved by Thursday"), or that must reach the writer ("needs to be with
us by Friday"); work that is not possible before a step, or "a no go until"; a hedged promise of
the owner's ("I should have the price for you by Wednesday"); steps under "a few actions on your
side:"; and a rhetorical "who ... anyway?", which asks nothing. Each beside look-alikes."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, MON, NONE, THU, TUE, C, Case, passes

R, B, P = "request", "blocker", "commitment"

CASES: list[Case] = [
    # A deadline of a thing the reader decides on, or must get to the writer.
    C("The purchase order must be approved by Thursday or it misses this month's run.", (R, THU)),
    C("The method statement needs to be approved by noon tomorrow.", (R, THU)),
    C("The snagging list has to be signed off before Monday's handover.", (R, MON)),
    C("The insurance renewal has to be agreed by Friday.", (R, FRI)),
    C("The signed variation order needs to be with us by Friday.", (R, FRI)),
    C("The revised drawings need to be with us no later than Tuesday.", (R, TUE)),
    C("The new library needs to be approved by the council, which usually takes months.", *NONE),
    C("The budget has to be approved by the board, not by us.", *NONE),
    C("It was approved by Dana on Monday.", *NONE),
    # Work that is not possible before a step.
    C("Commissioning is not possible before the permanent power is connected.", (B, None)),
    C("Pouring the slab isn't possible until the rebar is inspected.", (B, None)),
    C("It's a no go on the scaffold strike until the roofers finish.", (B, None)),
    C("A refund is not possible after 30 days.", *NONE),
    C("It's not possible to say yet how long it will take.", *NONE),
    # The owner's hedged promise of a thing for the reader.
    C("I should have a revised price for you by Friday.", (P, FRI), mine=True),
    C("We should have the survey results for you on Monday.", (P, MON), mine=True),
    C("I should have told you earlier that the crane is booked.", *NONE, mine=True),
    C("We should have lunch with you sometime.", *NONE, mine=True),
    C("We should have a call with Greg about this.", *NONE, mine=True),
    # A sigh put as a question.
    C("Who books a concrete pour in December anyway, eh?", *NONE),
    C("Why would anyone run a cable through there anyway?", *NONE),
    C("Who should I send the drawings to anyway?", (R, None)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_site_mail(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_the_steps_under_actions_on_your_side_are_asked_of_the_reader(owner: Owner) -> None:
    msg = make_message("Hi Ada,\n\nGood meeting. Two actions on your end:\n\n- circulate the notes by Friday\n"
                       "- price the extra drainage run\n\nThanks,\nMaria", subject="Re: site meeting")
    got = [(i.kind, i.title, i.due) for i in EmbeddedExtractor().extract(msg, owner)]
    assert got == [(R, "Circulate the notes", FRI), (R, "Price the extra drainage run", None)]


def test_titles_name_what_is_decided_and_what_waits(owner: Owner) -> None:
    order = make_message("Hi Ada,\n\nThe purchase order must be approved by Thursday.\n\nThanks,\nMaria")
    assert [i.title for i in EmbeddedExtractor().extract(order, owner)] == ["Approve the purchase order"]
    slab = make_message("Hi Ada,\n\nPouring the slab isn't possible until the rebar is inspected.\n\nThanks,\nMaria")
    assert [i.title for i in EmbeddedExtractor().extract(slab, owner)] == ["Unblock: pouring the slab"]


def test_a_deadline_of_the_next_ask_is_not_the_one_before(owner: Owner) -> None:
    """"Can you chase the glazier? And it'd be great if you could approve the samples by Friday.":
    Friday is the second ask's; the first stays undated, and "also" is no word of a title."""
    msg = make_message("Hi Ada,\n\nCan you chase the glazier for a new delivery date? It would be great if you could "
                       "also approve the tile samples by Friday.\n\nThanks,\nMaria")
    got = [(i.title, i.due) for i in EmbeddedExtractor().extract(msg, owner)]
    assert got == [("Chase the glazier for a new delivery date", None), ("Approve the tile samples", FRI)]
