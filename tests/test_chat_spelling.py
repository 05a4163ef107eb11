"""Work said in chat spelling, as phones and hurried replies write it: "ill collect thurs 4pm",
"can u send the call sheet pls", "r u free 26-27 nov", "whats the cost if we add a 2nd day",
"will trim the sting to 3s" (no "I"), a question without its question mark. Each is read in full
spelling and still quotes itself as written. The same words in their other senses ("she was ill",
"the U.S. team", "Will do.", "Need to know how they do it!") still give nothing."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor, chat_reading
from tests.conftest import make_message
from tests.test_unseen_kinds import FRI, NONE, THU, WED, C, Case, passes

CASES: list[Case] = [
    # The writer's own promises, with "I'll" spelt "ill", or with no "I" at all.
    C("ill collect thurs 4pm", ("commitment", f"{THU}T16:00:00+00:00"), mine=True),
    C("ill transfer the cash tonight", ("commitment", WED), mine=True),
    C("ill pop them in the post today", ("waiting", WED)),
    C("ill send u the invoice tmrw", ("waiting", THU)),
    C("will trim the sting to 3s and tighten the opening too", ("commitment", None), mine=True),
    C("Will ring Natalie tomorrow about the salvage.", ("waiting", THU)),
    C("on it, cut v2 by thurs.", ("commitment", THU), mine=True),
    C("Will confirm once he locks the install date, prob Mon.", ("waiting", "2026-11-23")),
    C("Will email Wayne now.", ("commitment", WED), mine=True),
    # ...and one piece of work, read through to its sending: not two.
    C("wait for notes pls, ill go thru them tonight and send by 10 tmrw", ("commitment", THU), mine=True),
    # Asks with "u", "r", "ur", and questions left unmarked.
    C("can u send the call sheet pls", ("request", None)),
    C("what hours r u planning to be on the street, they want start and wrap times", ("request", None)),
    C("whats the cost if we add a 2nd day", ("request", None)),
    C("do we have genny power or am i running off the house", ("request", None)),
    C("shall i start assembling or wait for ur notes", ("request", None)),
    C("need the original cards if u still have them", ("request", None)),
    C("can u add a 2nd v-mount charger and 4 more batteries to the order pls by fri", ("waiting", FRI), mine=True),
    # Not work: the same letters in their other senses, and acknowledgements.
    C("she was ill last week so the edit slipped", *NONE),
    C("im off sick today so replies will be slow", *NONE),
    C("thx, all good", *NONE),
    C("Will do.", *NONE, mine=True),
    C("What a week! Need to know how they do it.", *NONE),
    C("i cant make thurs sorry", *NONE),
]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_chat_spelling(case: Case, owner: Owner) -> None:
    assert passes(case, owner)


@pytest.mark.parametrize(("written", "read"), [
    ("ill collect thurs 4pm", "I'll collect thurs 4pm"),
    ("hi dan r u free 26-27 nov for a 2 day corporate, london.", "hi dan are you free 26-27 nov for a 2 day corporate, london?"),
    ("we r good to go", "we are good to go"),
    ("need them urgently, cant fix 2 clips without them", "I need them urgently, can't fix 2 clips without them"),
    ("Will send the deck Friday.", "I will send the deck Friday."),
    # Left as written: capitals, abbreviations, a question, "no prob", a sentence in full spelling.
    ("The U.S. team signed off.", "The U.S. team signed off."),
    ("Our IM channel is #ops.", "Our IM channel is #ops."),
    ("Will you send it?", "Will you send it?"),
    ("no prob, see you then", "no prob, see you then"),
    ("she was ill on Monday", "she was ill on Monday"),
    ("How many other merchants have sub-merchants.", "How many other merchants have sub-merchants."),
])
def test_chat_reading(written: str, read: str) -> None:
    assert chat_reading(written) == read


def test_the_quote_stays_as_written(owner: Owner) -> None:
    msg = make_message("hi ada, can u send the call sheet pls. ill bring the splitter tmrw\n\nmarco", subject="fri")
    items = EmbeddedExtractor().extract(msg, owner)
    assert [(i.kind, i.evidence) for i in items] == [("request", "hi ada, can u send the call sheet pls."),
                                                     ("waiting", "ill bring the splitter tmrw")]
    assert items[1].due == THU


@pytest.mark.parametrize("case", [c for c in CASES if c.want], ids=[c.text[:40] for c in CASES if c.want])
def test_the_recall_pass_lets_chat_through(case: Case, owner: Owner) -> None:
    """The LLM gate's recall pass sees in chat what the rules find in it."""
    if case.mine:
        msg = make_message(f"{case.text}\n\na", sender="ada@example.com", to=("priya@acme.example",), name="Ada")
    else:
        msg = make_message(f"{case.text}\n\nmaria")
    assert EmbeddedExtractor().flags(msg, owner)
