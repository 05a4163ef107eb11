"""Kinds of sentence from the registers of the development weeks ``week-agency`` and ``week-lead``.

Each rule changed for them is written here in new wording (other names, tenses and punctuation),
with negatives that must stay non-items. The weeks' own sentences are not among them.
"""

from __future__ import annotations

import pytest

from agent.extractors import embedded
from agent.extractors.base import Owner
from agent.extractors.dates import fold
from agent.extractors.embedded import EmbeddedExtractor
from connectors.types import Address, Message
from tests.conftest import make_message
from tests.test_extractor_prefilter import LONDON, WEDNESDAY, _Unfiltered
from tests.test_unseen_kinds import FRI, MON, NONE, THU, TUE, C, Case, passes

# A step allowed only after someone else's: a blocker. A time or a bare noun after "after" is a
# schedule, not a precondition.
ONLY_AFTER: list[Case] = [
    C("The refund can only be issued after finance approves the credit note.", ("blocker", None)),
    C("We can only go live once legal has signed the DPA.", ("blocker", None)),
    C("Sorry, the booking can only be confirmed once the deposit has been paid.", ("blocker", None)),
    C("The migration will have to wait until the platform team finishes the upgrade.", ("blocker", None)),
    C("Phase two has to wait until their IT department returns the access forms.", ("blocker", None)),
    C("You can only park after 6 on weekdays.", *NONE),
    C("It has to wait until Monday.", *NONE),
    C("Lunch can only be served after 12.", *NONE),
    C("The discount can only be applied once per order.", *NONE),
]


# A promise in the present tense after "as discussed", a topic or a condition, as second-language
# mail puts it; and "you get ... from me" / "on <day>" for "you'll get". Only with a day to come
# (or "from me"), and never a condition on the reader's side or an offer of a price.
PRESENT: list[Case] = [
    C("As agreed, we send you the signed contract on Tuesday.", ("waiting", TUE)),
    C("As discussed I deliver the translated files until Friday.", ("waiting", FRI)),
    C("Regarding the hotel, I book the rooms tomorrow.", ("waiting", THU)),
    C("About the moodboard, we send it Monday with the three routes.", ("waiting", MON)),
    C("If the client agrees I book the studio for Friday.", ("waiting", FRI)),
    C("If all is fine on our side we transfer the deposit on Monday.", ("waiting", MON)),
    C("You get the revised quote from us on Thursday.", ("waiting", THU)),
    C("You receive the signed NDA from me tomorrow.", ("waiting", THU)),
    C("Our printer is closed Monday, so you get the proofs on Tuesday.", ("waiting", TUE)),
    C("You get the revised quote from me tomorrow.", ("commitment", THU), mine=True),
    C("Finance closes the books Monday, so let's say you get the numbers on Tuesday.", ("commitment", TUE), mine=True),
    C("As discussed, I send you the minutes.", *NONE),
    C("If you want I send you the file tomorrow.", *NONE),
    C("You get 20% off until Friday.", *NONE),
    C("You get a free coffee with every order on Friday.", *NONE),
    C("Hope you get some rest this weekend.", *NONE),
    C("About the invoice, I sent it on Monday.", *NONE),
]

# Small talk asked as a question waits on no answer; a question about the work still asks.
SMALL_TALK: list[Case] = [
    C("How are you?", *NONE),
    C("Hey Sam, how's it going?", *NONE),
    C("Hi Ana, how are things?", *NONE),
    C("Hola Chloé, ¿qué tal?", *NONE),
    C("Ciao Marco, come stai?", *NONE),
    C("How was the trip, Dana?", *NONE),
    C("And how was your weekend?", *NONE),
    C("Ça va?", *NONE),
    C("How are you getting on with the deck?", ("request", None)),
    C("How are you fixed for a call on Friday?", ("request", FRI)),
    C("Hi Ana, can you send the rota by Friday?", ("request", FRI)),
    # A courtesy with a day in it promises nothing; a verbless deliverable with a day still does.
    C("Sorry to chase you again before the long weekend.", *NONE),
    C("apologies for the slow reply before Easter", *NONE),
    C("Many thanks for the quick turnaround before the holidays!", *NONE),
    C("Congrats on shipping it before the deadline!", *NONE),
    C("Updated quotes by Thursday.", ("waiting", THU)),
]


@pytest.mark.parametrize("case", SMALL_TALK, ids=[c.text[:40] for c in SMALL_TALK])
def test_small_talk(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("case", ONLY_AFTER, ids=[c.text[:40] for c in ONLY_AFTER])
def test_only_after(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize("case", PRESENT, ids=[c.text[:40] for c in PRESENT])
def test_present_tense_promises(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


def test_the_quiet_check_opens_every_new_path() -> None:
    """Each sentence here, to the owner and from the owner, gives what the full chain gives."""
    fast, full = EmbeddedExtractor(), _Unfiltered()
    found = 0
    for case in ONLY_AFTER + PRESENT + SMALL_TALK:
        for mine in (False, True):
            sender, to = Address("Sam Colleague", "sam@example.com"), Address("Ada Lovelace", "ada@example.com")
            if mine:
                sender, to = to, sender
            msg = Message(message_id="<k3@example.com>", subject="Re: plan", sender=sender, to=[to], cc=[],
                          date=WEDNESDAY, text=case.text, reply_text=case.text)
            owner = Owner("Ada Lovelace", "ada@example.com", LONDON)
            expected = [(i.kind, i.title, i.due) for i in full.extract(msg, owner)]
            assert [(i.kind, i.title, i.due) for i in fast.extract(msg, owner)] == expected, case.text
            found += len(expected)
    assert found > 20


@pytest.mark.parametrize("sentence", [c.text for c in ONLY_AFTER if c.want])
def test_blocker_branches_hold_a_key(sentence: str) -> None:
    """The literal gate before _BLOCKER_RE must let every sentence through that a branch matches."""
    assert embedded._BLOCKER_RE.search(sentence), sentence
    assert any(k in fold(sentence) for k in embedded._BLOCKER_KEYS), sentence


# A connective that opens an ask in mail to the owner and others is no name: the ask is the owner's.
CONNECTIVE_ASKS = [
    ("Additionally, could you send me the usage terms for the photos?", 1),
    ("Furthermore, can you check the second invoice by Friday?", 1),
    ("Moreover, please confirm the venue.", 1),
    ("Ideally, could you share the floor plan before Monday?", 1),
    ("Lastly, can you approve the budget line?", 1),
    # A colleague named first is still someone else's.
    ("Jana, could you send me the usage terms for the photos?", 0),
]


@pytest.mark.parametrize(("text", "n"), CONNECTIVE_ASKS)
def test_a_connective_is_no_name(text: str, n: int, owner: Owner) -> None:
    msg = make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", to=("ada@example.com",), cc=("jana@acme.example",))
    assert [i.kind for i in EmbeddedExtractor().extract(msg, owner)] == ["request"] * n
