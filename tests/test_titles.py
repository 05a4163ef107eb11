"""Titles that name nothing ("Unblock: I know", "Review it"): a blocker is titled by what it holds
up, and the brief's opening line and subject say which thread a bare title is about."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor, first_name
from connectors.types import Address
from planner.brief import BriefInput, compose, subject
from planner.models import Item
from planner.titles import vague
from tests.conftest import make_message

EX = EmbeddedExtractor()


@pytest.mark.parametrize("title", [
    "Review it", "Nudge him", "Send these", "Check", "Sign off on it", "Forward that", "Pick one",
    "Unblock: I know", "Unblock: it is", "Unblock: that's", "Unblock: you confirm", "Unblock: they agree to that",
    "Unblock: you've finalized it", "Follow up with Marek: send you", "Follow up with Anja: yes please", "",
    "Send Sam", "Tell Léa", "Follow up with Pablo: send you separately",
    "Sign and return it", "Review and send them back",
])
def test_titles_that_name_nothing_are_vague(title: str) -> None:
    assert vague(title)


@pytest.mark.parametrize("title", [
    "Send Maria the updated deck", "Review #2291", "Confirm Paloma", "Follow up with Hélène: the PO",
    "Unblock: Dana's legal team reviews the MSA", "Unblock: I've seen the February bank statement",
    "Unblock: he's looked at the dose strings", "Reply to Tom about the Q1 update", "Sign the lease",
    "Call Dana", "Email Priya", "Send Inès the dark theme tokens",
])
def test_titles_that_name_the_work_are_not(title: str) -> None:
    assert not vague(title)


def _blocker(text: str, owner: Owner, **kw: object) -> Item:
    found = [i for i in EX.extract(make_message(text, **kw), owner) if i.kind == "blocker"]  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,title", [
    ("I can't sign the supplier contract until I know which entity is buying.",
     "Unblock Maria: sign the supplier contract"),
    ("Honestly, we cannot book the venue till you confirm.", "Unblock Maria: book the venue"),
    ("Sadly I won't be able to release my slides until it is.", "Unblock Maria: release Maria's slides"),
    ("Until that's settled the March payroll can't go out.", "Unblock Maria: “Until that's settled the March payroll can't go out”"),
])
def test_a_blocker_that_names_no_step_is_titled_by_what_it_holds_up(text: str, title: str, owner: Owner) -> None:
    assert _blocker(text, owner).title == title


def test_a_blocker_holding_up_only_a_bare_verb_is_quoted(owner: Owner) -> None:
    item = _blocker("We can't countersign until they agree to that.", owner)
    assert item.title == "Unblock Maria: “We can't countersign until they agree to that”"


def test_a_blocker_that_names_its_step_keeps_it(owner: Owner) -> None:
    item = _blocker("We can't start the pilot until our legal team reviews the MSA.", owner)
    assert item.title == "Unblock: Maria's legal team reviews the MSA"


def test_an_honorific_is_not_a_first_name(owner: Owner) -> None:
    assert first_name(Address("Dr. Marek Nowak", "m@x.example")) == "Marek"
    assert first_name(Address("Mme Hélène Castel", "h@x.example")) == "Hélène"
    assert first_name(Address("Eng. Yousef Haddad", "y@x.example")) == "Yousef"  # as Gulf mail writes an engineer
    assert first_name(Address("Dr.", "m@x.example")) == "Dr."  # nothing else to call them
    item = _blocker("We cannot sign the extension until that confirmation is in.", owner, name="Dr. Marek Nowak")
    assert item.title == "Unblock Marek: sign the extension"


def _brief(title: str, subject_line: str) -> BriefInput:
    it = Item(kind="request", title=title, evidence=f"Can you {title.lower()} by Friday?", id=1, due="2026-11-20",
              counterparty="maria@fund.example",
              source={"message_id": "<1@x>", "subject": subject_line, "from": "maria@fund.example",
                      "date": "2026-11-18T09:00:00+00:00"})
    return BriefInput(day=date(2026, 11, 19), tz=ZoneInfo("Europe/London"), owner_name="Ada Lovelace",
                      owner_email="ada@example.com", items=[it], events=[], max_focus=3)


def test_the_opening_and_subject_say_what_a_bare_title_is_about() -> None:
    brief = compose(_brief("Review it", "Re: Lumio KV round 2"))
    assert "Today's focus: review it (“Lumio KV round 2”)." in brief.text
    assert brief.subject == "Focus Thu 19 Nov: Review it (“Lumio KV round 2”)"
    assert "1. Review it\n" in brief.text  # the numbered line keeps the title, its quote and subject below


def test_a_title_that_names_its_work_is_shown_as_it_is() -> None:
    brief = compose(_brief("Review the MSA", "Re: Lumio KV round 2"))
    assert "Today's focus: review the MSA." in brief.text and "Lumio KV round 2”)" not in brief.text
    assert subject(date(2026, 11, 19), [brief.lines[0].item]) == "Focus Thu 19 Nov: Review the MSA"  # type: ignore[list-item]



@pytest.mark.parametrize("text,title", [
    ("The signed lease we will send you separately on Friday.", "Follow up with Maria: send the signed lease"),
    ("Numbers are still rough, the final figures I'll share tomorrow.", "Follow up with Maria: share the final figures"),
])
def test_a_promise_whose_thing_comes_first_is_titled_by_it(text: str, title: str, owner: Owner) -> None:
    items = [i for i in EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nMaria"), owner) if i.kind == "waiting"]
    assert [i.title for i in items] == [title]


def test_the_owners_promise_whose_thing_comes_first_is_titled_by_it(owner: Owner) -> None:
    msg = make_message("Hi Sam,\n\nThe signed copy I'll send you tomorrow.\n\nAda", sender="ada@example.com",
                       to=("sam@client.example",), name="Ada")
    assert [i.title for i in EX.extract(msg, owner)] == ["Send the signed copy"]


def test_a_question_asked_outright_is_titled_by_itself(owner: Owner) -> None:
    text = "Hi Ada,\n\nQuick one from marketing: can we call the plan free if it costs money after a month?\n\nMaria"
    assert [i.title for i in EX.extract(make_message(text), owner)] == [
        "Answer Maria: can we call the plan free if it costs money after a month?"]


def test_questions_of_one_message_still_make_one_reply(owner: Owner) -> None:
    text = "Hi Ada,\n\nDo we need a cookie banner on the help pages?\n\nAre we allowed to keep the logs for a year?\n\nMaria"
    items = EX.extract(make_message(text), owner)
    assert [(i.kind, i.title) for i in items] == [("request", "Answer Maria: do we need a cookie banner on the help pages?")]


@pytest.mark.parametrize("text,title", [
    ("Hi Ada, any news on the booking form?", "Answer Maria: any news on the booking form?"),
    ("Ada, any interest in speaking at the meetup?", "Answer Maria: any interest in speaking at the meetup?"),
])
def test_a_questions_greeting_and_name_are_not_its_title(text: str, title: str, owner: Owner) -> None:
    assert [i.title for i in EX.extract(make_message(f"{text}\n\nMaria"), owner)] == [title]


@pytest.mark.parametrize("text,title", [
    # A lead-in is no part of the work ("Unblock: FYI we can't ship..." once headed the brief).
    ("FYI we can't ship release 2.4 until the security review is signed off.",
     "Unblock: can't ship release 2.4 until the security review is signed off"),
    # Nor is a greeting in another language, in a question titled by its own words.
    ("hola Ada, ¿me puedes enviar el presupuesto revisado antes del viernes?",
     "Answer Maria: me puedes enviar el presupuesto revisado antes del viernes?"),
    ("Hallo Ada, kannst du mir bitte bis Freitag die Zahlen schicken?",
     "Answer Maria: kannst du mir bitte bis Freitag die Zahlen schicken?"),
])
def test_titles_leave_out_lead_ins_and_greetings(text: str, title: str, owner: Owner) -> None:
    items = EX.extract(make_message(f"Hi Ada,\n\n{text}\n\nMaria"), owner)
    assert [i.title for i in items] == [title]


def test_a_reply_to_write_earns_no_focus_block_nor_the_line_that_says_there_was_no_time() -> None:
    """A trial's brief offered 11:45-13:15 to "Answer Dana: can we move... to Wednesday at 16:00?"."""
    from dataclasses import replace

    from planner.titles import quick_reply

    assert quick_reply("request", "Answer Dana: can we move the check-in to Wednesday at 16:00?")
    assert quick_reply("request", "Reply to Dana about Pilot kickoff")
    assert not quick_reply("request", "Send Maria the updated deck")
    assert not quick_reply("commitment", "Answer the security questionnaire")
    said = "No more focus time today: no free 90 minutes are left in your focus hours."
    answer = replace(_brief("Answer Dana: can we move the check-in to Wednesday?", "Check-in"), unblocked=said)
    assert said not in compose(answer).text
    work = replace(_brief("Send Maria the updated deck", "Deck"), unblocked=said)
    assert said in compose(work).text


# -- titles cut short -------------------------------------------------------------------------
# Each sentence here was written for these tests; the weeks' own sentences are not repeated.

def _titles(text: str, owner: Owner, mine: bool = False) -> list[tuple[str, str]]:
    if mine:
        msg = make_message(f"Hi Sam,\n\n{text}\n\nAda", sender="ada@example.com", to=("sam@client.example",), name="Ada")
    else:
        msg = make_message(f"Hi Ada,\n\n{text}\n\nMaria")
    return [(i.kind, i.title) for i in EX.extract(msg, owner)]


@pytest.mark.parametrize("text,title", [
    # A question is what "confirm", "check", "tell" and "decide" ask for, not a condition on them.
    ("Please confirm which of the two quotes you signed by Thursday.", "Confirm which of the two quotes you signed"),
    ("Could you check whether the pallets fit through the side door?", "Check whether the pallets fit through the side door"),
    ("Can you check with Oskar if the van has a tail lift?", "Check with Oskar if the van has a tail lift"),
    ("Please confirm once the refund has gone out.", "Confirm once the refund has gone out"),
    ("Can you decide who takes the Leeds visit before Monday?", "Decide who takes the Leeds visit"),
    # ...while a condition or a reason after the thing asked is still cut off.
    ("Can you review the floor plan if you get a minute?", "Review the floor plan"),
    ("Please send the stock count once the audit is over.", "Send the stock count"),
    ("Please confirm the room booking when you can.", "Confirm the room booking"),
])
def test_a_question_that_is_the_object_stays_in_the_title(text: str, title: str, owner: Owner) -> None:
    assert _titles(text, owner) == [("request", title)]


@pytest.mark.parametrize("text,title", [
    # A due day cut from the title takes the words that led it, and leaves no half phrase.
    ("Could you give the tender summary a once-over by 4pm tomorrow?", "Give the tender summary a once-over"),
    ("Can you confirm by Friday that the crane is booked for the lift?", "Confirm that the crane is booked for the lift"),
    ("Can you send the revised drawings before 11:30 on Monday?", "Send the revised drawings"),
    # ...but a state that ends on its particle is whole.
    ("We can't pour the slab until the rebar inspectors are back.", "Unblock: the rebar inspectors are back"),
])
def test_a_cut_date_leaves_no_half_phrase(text: str, title: str, owner: Owner) -> None:
    assert [t for _, t in _titles(text, owner)] == [title]


def test_a_day_said_of_no_week_is_no_due_date(owner: Owner) -> None:
    """"on a Saturday" is any Saturday: it is what is asked about, not when."""
    items = EX.extract(make_message("Hi Ada,\n\nCould you ask the warehouse whether they can take deliveries on a Sunday?\n\nMaria"), owner)
    assert [(i.title, i.due) for i in items] == [("Ask the warehouse whether they can take deliveries on a Sunday", None)]
    dated = EX.extract(make_message("Hi Ada,\n\nCould you send the pallet count on Sunday?\n\nMaria"), owner)
    assert [i.due for i in dated] != [None]


@pytest.mark.parametrize("text,title", [
    # The owner's promise whose thing is said first, with any verb.
    ("The insurance renewal I'll check this afternoon.", "Check the insurance renewal"),
    ("The fire door quote I'll look at on Thursday.", "Look at the fire door quote"),
    ("Both timesheets I'll approve tonight.", "Approve both timesheets"),
    # ...but a day said first is no thing.
    ("Tomorrow I'll check.", "Check"),
])
def test_the_owners_promise_with_its_thing_first_names_it(text: str, title: str, owner: Owner) -> None:
    assert _titles(text, owner, mine=True) == [("commitment", title)]


@pytest.mark.parametrize("text,title", [
    ("Yes, the signed NDA will be with Oskar by Wednesday.", "NDA"),
    ("Will do, I'll walk the site with the surveyor tomorrow and note the cracks.",
     "Walk the site with the surveyor and note the cracks"),
])
def test_a_word_of_assent_is_not_the_title(text: str, title: str, owner: Owner) -> None:
    found = _titles(text, owner, mine=True)
    assert len(found) == 1 and found[0][0] == "commitment" and title in found[0][1], found


@pytest.mark.parametrize("text,title", [
    ("Please find attached the revised NDA. Could you sign it by Friday?", "Sign the revised NDA"),
    ("Attached is the draft budget for Q1. Can you review it before Monday?", "Review the draft budget for Q1"),
    ("Here's the updated floor plan. Please approve it by Thursday.", "Approve the updated floor plan"),
    # ...not a turn of phrase ("Here's the thing"), nor people ("call them").
    ("Here's the thing: the client is unhappy. Can you call them?", "Call them"),
    ("Please sign it by Friday.", "Sign it"),
])
def test_it_is_the_thing_just_handed_over(text: str, title: str, owner: Owner) -> None:
    assert [t for _, t in _titles(text, owner)] == [title]


@pytest.mark.parametrize("text,title", [
    # The topic the sentence opens with: a label, or "On ..."/"About ..."/"Re ...".
    ("Loading plan: could you check it by Thursday?", "Check loading plan"),
    ("On the venue contract, can you sign it by Friday?", "Sign the venue contract"),
    ("About the Q3 variance memo: please review it before Monday.", "Review the Q3 variance memo"),
    # ...else the thing the sentence names before the pronoun, of one number with it.
    ("We still haven't received the signed lease addendum, could you send it by Wednesday?", "Send the signed lease addendum"),
    ("Finance needs the expense breakdown per project by Tuesday, can you pull it?",
     "Pull the expense breakdown"),
    ("The auditors flagged two missing receipts from March, can you find them by Friday?", "Find two missing receipts"),
    # ...not a place it sits in, nor what it is for, nor the one who says so.
    ("I've uploaded the revised floor plan to the shared drive, could you approve it by Monday?",
     "Approve the revised floor plan"),
    ("The bank hasn't issued the guarantee for the Leeds lease yet, can you follow it up by Thursday?",
     "Follow the guarantee up"),
    ("Legal says your conflict declaration is missing, could you complete it by Friday?",
     "Complete your conflict declaration"),
    # ...and an aside in brackets is no part of the thing's name, nor is the state it is in.
    ("The board pack (P&L, balance sheet, cash flow) is ready, can you sign off on it by Friday?", "Sign off on the board pack"),
])
def test_it_is_the_thing_its_sentence_named(text: str, title: str, owner: Owner) -> None:
    assert [t for _, t in _titles(text, owner)] == [title]


@pytest.mark.parametrize("text,title", [
    # A pronoun said of something before ("it's in the old drive somewhere") has no thing here.
    ("It's somewhere in the old shared drive, could you dig it out by Friday?", "Dig it out"),
    # ...a label that is no thing, or a person's name, is no topic.
    ("Quick one: could you send it over by Friday?", "Send it over"),
    ("Marta: could you send it over by Friday?", "Send it over"),
    # ...a plural thing is not "it", and people are not called things.
    ("The movers need the floor plans, could you send it by Friday?", "Send it"),
    ("The client is upset about the delay, could you call them by Friday?", "Call them"),
])
def test_no_thing_named_leaves_the_pronoun(text: str, title: str, owner: Owner) -> None:
    assert [t for _, t in _titles(text, owner)] == [title]


@pytest.mark.parametrize("text,title", [
    ("I'm finishing the board pack tonight, you'll have it first thing tomorrow.", "the board pack"),
    ("Screenshots: you'll have them on Thursday.", "screenshots"),
])
def test_the_owners_promise_names_its_thing(text: str, title: str, owner: Owner) -> None:
    found = _titles(text, owner, mine=True)
    assert len(found) == 1 and title in found[0][1], found


@pytest.mark.parametrize("text,title", [
    # "It" in an ask is the thing the sentence before needs, waits for or hands over.
    ("Legal needs the signed side letter for the filing. Can you sign it today?", "Sign the side letter"),
    ("Procurement sent you the renewal this morning. Could you approve it by Friday?", "Approve the renewal"),
    ("The lease addendum is ready. Can you sign it by Thursday?", "Sign the lease addendum"),
    # ...not what a thing needs, nor people, nor a plural for "it".
    ("The filing is late because it needs the registration number. Please sign it today.", "Sign it"),
    ("The auditors need the invoices for March. Can you send it by Friday?", "Send it"),
])
def test_it_is_the_thing_the_sentence_before_needs(text: str, title: str, owner: Owner) -> None:
    assert [t for _, t in _titles(text, owner)] == [title]
