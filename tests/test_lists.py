"""Lists read through the line that opens them: who each bullet is given to, whose promise it is,
what it blocks, and when the lead-in's ask is the item."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.dates import find_due
from agent.extractors.embedded import EmbeddedExtractor, list_leads
from tests.conftest import make_message

OWNER = Owner("Ada Lovelace", "ada@example.com", ZoneInfo("Europe/London"))


@pytest.fixture(scope="module")
def extractor() -> EmbeddedExtractor:
    return EmbeddedExtractor()


def _inbox(body: str) -> list[tuple[str, str]]:
    msg = make_message(f"Hi Ada,\n\n{body}\n\nThanks,\nMaria", sender="maria@acme.example", subject="Re: pilot")
    return [(i.kind, i.evidence) for i in EmbeddedExtractor().extract(msg, OWNER)]


def _sent(body: str, to: tuple[str, ...] = ("priya@acme.example",)) -> list[tuple[str, str, str]]:
    msg = make_message(f"Hi Priya,\n\n{body}\n\nAda", sender="ada@example.com", to=to, name="Ada Lovelace",
                       subject="Re: plan")
    return [(i.kind, i.title, i.evidence) for i in EmbeddedExtractor().extract(msg, OWNER)]


@pytest.mark.parametrize("body, want", [
    # Each step given to a name: the owner's is hers, the others' are no one's business of hers.
    ("Action items:\n- Ada: share the pricing sheet with Northwind by Tuesday\n- Tom: update the pilot plan\n"
     "- Maria: book travel", [("request", "Ada: share the pricing sheet with Northwind by Tuesday")]),
    ("Notes from today's sync. Action items:\n* @Ada: review the security questionnaire before Thursday\n"
     "* @Tom: fix the export bug", [("request", "@Ada: review the security questionnaire before Thursday")]),
    # ...with a spaced dash, which splits a sentence: the bullet is read whole, and Maria's venue
    # is not Ada's to book.
    ("Next steps:\n1. Ada - confirm headcount with finance (Wed)\n2. Tom - circulate the draft agenda\n"
     "3. Maria - book the venue", [("request", "Ada - confirm headcount with finance (Wed)")]),
    ("To-dos from the call:\n- review the data processing agreement (Ada)\n- chase the logo files (Tom)",
     [("request", "review the data processing agreement (Ada)")]),
    ("Next steps:\n- Everyone: send your slides to me by Friday\n- Tom: book the room",
     [("request", "Everyone: send your slides to me by Friday")]),
    # The sender's own step, promised to the owner, is owed to her.
    ("Next steps:\n- Me: send you the signed contract by Thursday\n- Ada: countersign it",
     [("waiting", "Me: send you the signed contract by Thursday"), ("request", "Ada: countersign it")]),
    # The sender's side's promises.
    ("On our side we will:\n- ship the fix on Monday\n- send you the incident report by Wednesday",
     [("waiting", "ship the fix on Monday"), ("waiting", "send you the incident report by Wednesday")]),
    # One blocker a bullet.
    ("Still blocked on:\n- legal sign-off on the DPA\n- the VPN access for the contractors",
     [("blocker", "legal sign-off on the DPA"), ("blocker", "the VPN access for the contractors")]),
    # "Can you:" asks nothing beside its bullets.
    ("Can you:\n- approve the PO\n- send me the tax form", [("request", "approve the PO"), ("request", "send me the tax form")]),
    # A list that says it asks nothing.
    ("Quick status, no action needed:\n- Release went out yesterday\n- Support backlog down to 12", []),
    ("FYI, next week:\n- Tom will update the pilot plan\n- Maria will book travel", []),
])
def test_inbox_lists(body: str, want: list[tuple[str, str]]) -> None:
    assert sorted(_inbox(body)) == sorted(want)


def test_owner_lists_are_hers_or_waited_on() -> None:
    got = _sent("Action items from the call:\n- Priya: send me the signed SOW by Friday\n"
                "- Ada: share the pricing sheet with Tom\n- Tom: update the pilot plan")
    assert [(k, e) for k, _, e in got] == [
        ("waiting", "Priya: send me the signed SOW by Friday"), ("commitment", "Ada: share the pricing sheet with Tom"),
        ("waiting", "Tom: update the pilot plan")]
    # Tom is no recipient, and still the one waited on.
    assert got[2][1].startswith("Follow up with Tom:")


@pytest.mark.parametrize("lead", ["Next steps on my side:", "I'll:", "From my end:", "My to-dos:"])
def test_owner_own_steps_are_commitments(lead: str) -> None:
    got = _sent(f"{lead}\n- send you the revised budget by Wednesday\n- book the room for the offsite")
    assert [k for k, _, _ in got] == ["commitment", "commitment"]


def test_a_lead_in_ask_is_titled_by_its_bullets(extractor: EmbeddedExtractor) -> None:
    msg = make_message("Hi Ada,\n\nCould you send me the following by Thursday:\n- the signed NDA\n- the W-9\n\nMaria")
    (item,) = extractor.extract(msg, OWNER)
    assert item.title == "Send Maria the signed NDA and the W-9"
    assert item.due == "2026-11-19"
    msg = make_message("Hi Ada,\n\nA few things I need from you before Friday:\n- the signed NDA\n"
                       "- your availability for the kickoff\n- a copy of the insurance certificate\n\nMaria")
    (item,) = extractor.extract(msg, OWNER)
    assert item.title == ("Send Maria the signed NDA, your availability for the kickoff and a copy of the "
                          "insurance certificate")


def test_the_following_by_a_day_is_due_that_day() -> None:
    sent = datetime(2026, 11, 17, 9, tzinfo=UTC)
    assert find_due("Please send me the following by Thursday:", sent, ZoneInfo("Europe/London"))[0] == "2026-11-19"
    # ...where "following" alone still starts a period: no deadline.
    assert find_due("We start the following Monday", sent, ZoneInfo("Europe/London"))[0] is None


def test_lists_in_another_language_read_as_they_stand() -> None:
    # The bullets' English stand-ins would be nonsense; a French bug list under an English lead-in
    # yields what its sentences yield alone (here nothing).
    assert _inbox("Still blocked on:\n- LF-2304 pas de message de déconnexion manette dans le menu pause\n"
                  "- LF-2310 le succès du chapitre 5 ne se débloque pas") == []


def test_list_leads_maps_bullets_to_their_lead() -> None:
    bullets, under = list_leads("Can you:\n- approve the PO\n\nDetails:\n- 1 crate, 420 kg\n- pick-up Krefeld")
    # "Details:" might be a name ("Lena:"); the extractor asks whether it is one of the people the
    # message is between before it gives the bullets to it.
    assert bullets == {"approve the PO": ("Can you:", "ask", "approve the PO"),
                       "1 crate, 420 kg": ("Details:", "label", "1 crate, 420 kg"),
                       "pick-up Krefeld": ("Details:", "label", "pick-up Krefeld")}
    assert under == {"Can you:": ("ask", ["approve the PO"]), "Details:": ("label", ["1 crate, 420 kg", "pick-up Krefeld"])}


@pytest.mark.parametrize("body, want", [
    # Steps asked of the reader under a lead-in that says so, in any wording.
    ("couple things before the demo tmrw:\n* push the hotfix to prod\n* rename the 'beta' flag in the dashboard",
     [("request", "push the hotfix to prod"), ("request", "rename the 'beta' flag in the dashboard")]),
    ("following tasks are still open on your side:\n- sign the framework agreement\n- provide the test data set",
     [("request", "sign the framework agreement"), ("request", "provide the test data set")]),
    # Things named under a need laid on the reader: one ask, the lead-in's.
    ("Pending from your side:\n- access to the SAP reporting\n- name of the contact person in controlling",
     [("request", "Pending from your side:")]),
    # A decision asked on points: the points are what is asked, not asks of their own.
    ("Before I can send our comments back, I need a decision from you on two points:\n"
     "1. whether we accept an indexation cap of 3 %;\n2. whether the break option after year 3 is a must-have for you.",
     [("request", "Before I can send our comments back, I need a decision from you on two points:")]),
    # Options: none is asked for; a promise inside one still holds.
    ("There are two options I'd like you to consider:\n1. We ship the 24-port units now.\n"
     "2. We substitute two 24-port units for each 48-port unit. I'll have exact pricing to you tomorrow.\n\n"
     "Can you let me know which way you'd like to go by Thursday?",
     [("waiting", "I'll have exact pricing to you tomorrow."),
      ("request", "Can you let me know which way you'd like to go by Thursday?")]),
    # A blocker a bullet, said as a clause.
    ("The migration is stuck. Blockers:\n- finance hasn't signed off on the Snowflake contract\n"
     "- we lack a second data engineer since Leo left",
     [("blocker", "finance hasn't signed off on the Snowflake contract"),
      ("blocker", "we lack a second data engineer since Leo left")]),
    # A step given to the owner among others.
    ("Action items:\n- Ada and Tom: agree on the data retention settings\n- Maria: book travel",
     [("request", "Ada and Tom: agree on the data retention settings")]),
    # People listed are no one's steps.
    ("Participants from our side:\n- Julia Brandt (Controlling)\n- Martin Gruber (IT)\n- myself", []),
])
def test_more_inbox_lists(body: str, want: list[tuple[str, str]]) -> None:
    assert sorted(_inbox(body)) == sorted(want)


def test_owner_lists_of_things_and_own_promises() -> None:
    got = _sent("To get started, what I need from you:\n- the brand guidelines PDF\n- access to your Google Analytics\n"
                "- a list of three competitors you admire")
    assert [(k, e) for k, _, e in got] == [("waiting", "To get started, what I need from you:")]
    assert got[0][1] == ("Follow up with Priya: the brand guidelines PDF, access to your Google Analytics and a list "
                         "of three competitors you admire")
    got = _sent("From my side:\n- I will review the risk matrix by Wednesday and send comments to you")
    assert [k for k, _, _ in got] == ["commitment"]


@pytest.mark.parametrize("body, want", [
    # The owner named in the notations lists use.
    ("Action items:\n- [Ada] approve the extra Redis node\n- [Tom] size the cluster",
     [("request", "[Ada] approve the extra Redis node")]),
    ("Release checklist:\n- [ ] release notes approved — @ada\n- [ ] smoke tests green — @tom",
     [("request", "release notes approved — @ada")]),
    ("Next steps:\n1. Owner: Ada — get sign-off from marketing on the launch copy\n2. Owner: Tom — book the room",
     [("request", "Owner: Ada — get sign-off from marketing on the launch copy")]),
    ("Minutes:\n- AI (Ada): write the customer comms plan by Dec 5\n- AI (Raj): confirm the date",
     [("request", "AI (Ada): write the customer comms plan by Dec 5")]),
    ("Follow-ups:\n- AL to circulate the revised shooting schedule\n- TB to book the crew",
     [("request", "AL to circulate the revised shooting schedule")]),
    # Lettered bullets under an ask, and decisions asked of the reader.
    ("Asks for you:\na) send a written SSO reliability plan before Dec 3\nb) name a technical contact for escalations",
     [("request", "send a written SSO reliability plan before Dec 3"),
      ("request", "name a technical contact for escalations")]),
    # What the work depends on is what blocks it.
    ("Dependencies:\n- Lena's failover test must pass before we send the plan\n- the export work needs Raj back from leave",
     [("blocker", "Lena's failover test must pass before we send the plan"),
      ("blocker", "the export work needs Raj back from leave")]),
    # One blocker a bullet, however many clauses it has.
    ("Blocked on:\n- Okta support confirming the rate limit increase; the failover test can't run until then",
     [("blocker", "Okta support confirming the rate limit increase; the failover test can't run until then")]),
    # Each question a list asks is one of its own.
    ("A few questions for you:\n- Can I send my final transcript after the deadline?\n- Is there a fee for the application?",
     [("request", "Can I send my final transcript after the deadline?"),
      ("request", "Is there a fee for the application?")]),
    # An investor update's asks are of its investors, not of the colleague asked to review it.
    ("Draft below, please review the engineering section by Tuesday.\n\nAsks:\n- intros to heads of platform at fintechs\n"
     "- senior backend engineer referrals",
     [("request", "Draft below, please review the engineering section by Tuesday.")]),
    # A heading that is no name and asks nothing.
    ("Your profile is getting noticed:\n- 14 search appearances\n- 3 recruiters viewed your profile", []),
])
def test_list_notations(body: str, want: list[tuple[str, str]]) -> None:
    assert sorted(_inbox(body)) == sorted(want)


def test_owner_lists_under_names() -> None:
    got = _sent("Here's the split I suggest:\n\nMe:\n- sections 3 and 5 by Wednesday\n\nYou:\n"
                "- sections 1-2, send them to me by Tuesday\n\nGreg:\n- the appendix")
    # Greg takes no part in the mail: whose "Greg:" is, the list does not say.
    assert [(k, e) for k, _, e in got] == [("commitment", "sections 3 and 5 by Wednesday"),
                                           ("waiting", "sections 1-2, send them to me by Tuesday")]
    got = _sent("Action items:\n1. Ada -> set up a review rotation by Monday\n"
                "2. Raj -> write up the outage timeline and send it to me by Wednesday")
    assert [(k, e) for k, _, e in got] == [("commitment", "Ada -> set up a review rotation by Monday"),
                                           ("waiting", "Raj -> write up the outage timeline and send it to me by Wednesday")]


@pytest.mark.parametrize("body, want", [
    # A question a bullet answers itself asks nothing.
    ("FAQ:\n- Do I need to reinstall Office? No, IT does it for you.\n- Can I keep my old laptop? Yes, until Friday.", []),
    # A lead-in that asks for answers by a day is the one ask; questions asked outright are each one.
    ("I need your answers to the following questions by 20 November:\n1. When did you first notify the supplier?\n"
     "2. Do you have written confirmation of the delivery date?",
     [("request", "I need your answers to the following questions by 20 November:")]),
    # Steps for the owner by name, with a handle, an owner and a day, or a checkbox.
    ("Couple of bits for Ada:\n- collect the tickets from the school office\n- ask the bakery whether they'd donate a prize",
     [("request", "collect the tickets from the school office"),
      ("request", "ask the bakery whether they'd donate a prize")]),
    ("Follow-ups:\n- @ada add alerting on queue depth\n- @tom fix the retry config",
     [("request", "@ada add alerting on queue depth")]),
    ("Findings:\n- Calibration records for torque wrenches incomplete - Owner: Ada, due 30 May\n"
     "- Training matrix out of date - Owner: Tom, due 6 June",
     [("request", "Calibration records for torque wrenches incomplete - Owner: Ada, due 30 May")]),
    ("Before you leave on Thursday, please:\n[ ] back up anything stored only on your desktop\n"
     "[ ] leave the old laptop and charger on your desk",
     [("request", "back up anything stored only on your desktop"),
      ("request", "leave the old laptop and charger on your desk")]),
])
def test_more_list_notations(body: str, want: list[tuple[str, str]]) -> None:
    assert sorted(_inbox(body)) == sorted(want)


def test_the_owners_plan_is_hers() -> None:
    got = _sent("My plan for the next two weeks:\n1. trim related work to ten pages by Tuesday\n"
                "2. send the revised chapter to you on the 7th")
    assert [k for k, _, _ in got] == ["commitment", "commitment"]


@pytest.mark.parametrize("body, want", [
    ("Open points:\n- Mrs Lovelace: decide the colour of the bathroom tiles by Friday\n- Marek: order the tiles",
     [("request", "Mrs Lovelace: decide the colour of the bathroom tiles by Friday")]),
    ("Shoot day:\n- @Ada -> confirm the location permit with the city hall\n- @Jonas -> prepare the call sheet",
     [("request", "@Ada -> confirm the location permit with the city hall")]),
    ("Who brings what:\n- you - flowers and the card everyone signs\n- Priya - the playlist",
     [("request", "you - flowers and the card everyone signs")]),
    ("We cannot release it because of the following issues:\n- the crash on Android 12 at login\n"
     "- the missing French strings in settings",
     [("blocker", "the crash on Android 12 at login"), ("blocker", "the missing French strings in settings")]),
    ("Volunteer FAQ:\n- Do I need to bring anything?\n- Can I bring my kids?", []),
])
def test_list_notations_again(body: str, want: list[tuple[str, str]]) -> None:
    assert sorted(_inbox(body)) == sorted(want)


def test_a_promise_over_things_is_one_item() -> None:
    got = _sent("Still to come from me (should have them by the 20th):\n- the rental income spreadsheet\n"
                "- receipts for the home office equipment")
    assert [(k, e) for k, _, e in got] == [("commitment", "Still to come from me (should have them by the 20th):")]
    assert got[0][1] == "Send Priya the rental income spreadsheet and receipts for the home office equipment"
    got = _sent("To confirm the scope we agreed, you'll deliver:\n- one cover illustration\n- five spot illustrations")
    assert [(k, e) for k, _, e in got] == [("waiting", "To confirm the scope we agreed, you'll deliver:")]
    # ...and the owner's own steps each, even when one reads like a noun ("pair with Leo").
    got = _sent("On my side:\n- pair with leo on the flaky deploy script\n- write up the incident timeline")
    assert [k for k, _, _ in got] == ["commitment", "commitment"]


@pytest.mark.parametrize("body, want", [
    # An agenda's slot that names the owner asks nothing, however long the agenda's heading.
    ("Agenda for Thursday's steering group (2pm, Room 4B):\n1. Welcome and minutes of the last meeting\n"
     "2. Budget update - Finance\n3. Website refresh progress - Ada\n4. AOB", []),
    # Blockers under the ways people head them.
    ("Before I can finish the tender, a couple of things are in the way:\n- the Windows CI runner has been failing\n"
     "- I don't have permission to re-run workflows",
     [("blocker", "the Windows CI runner has been failing"), ("blocker", "I don't have permission to re-run workflows")]),
])
def test_agendas_and_blocker_headings(body: str, want: list[tuple[str, str]]) -> None:
    assert sorted(_inbox(body)) == sorted(want)


def test_how_to_steps_are_one_piece_of_work() -> None:
    # The steps of how to upload are no items of their own, in mail to the owner or hers.
    assert _sent("To upload, please:\n1. Log in to the client portal\n2. Open the 2025/26 folder\n"
                 "3. Drag the files in and click Submit") == []
    assert _inbox("To reset your password:\n- open the settings page\n- click Reset and follow the link") == []
