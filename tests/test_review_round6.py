"""A review of this round's rules, as cases: each line is a sentence a rule misread when it was
first written (real work dropped, or news made into work), and what it yields now. Sent by the
owner when the second field is True."""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from connectors.types import Message
from tests.conftest import make_message

EX = EmbeddedExtractor()

CASES: list[tuple[str, bool, tuple[str, ...]]] = [
    ("Thanks for flagging, I'll fix the invoice by Friday.", True, ('commitment',)),
    ("Thanks for the call, I'll share the minutes tomorrow.", True, ('commitment',)),
    ('Thanks for your patience, we are blocked until the vendor replies.', False, ('blocker',)),
    ("Thanks for the heads-up, we'll have the figures to you on Monday.", False, ('waiting',)),
    ('Please return the signed lease by Friday and we will get back to you if we have any questions.', False, ('request',)),
    ("Send me the invoice by Friday; we'll come back to you if we need more.", False, ('request',)),
    ('Marketing to send the banners by Friday, could you approve the copy by Thursday?', False, ('request',)),
    ("Please bear with us, we can't ship until customs clears the parts.", False, ('blocker',)),
    ("Please keep in mind we can't start until the deposit arrives.", False, ('blocker',)),
    ('See the final budget in the thread, thoughts by Friday?', False, ('request',)),
    ('Please see the notes on the wiki, any objections by Friday?', False, ('request',)),
    ('Please find the quote via the link, sign-off needed by Friday.', False, ('request',)),
    ('Please confirm yes / no by Friday', False, ('request',)),
    ("I'll send the deck on Friday and call you at 3pm.", True, ('commitment', 'commitment')),
    ('The guests may not arrive until 8pm.', False, ()),
    ('Payment may not clear until the bank opens on Tuesday.', False, ()),
    ('I may not get to it until the kids are back at school.', False, ()),
    ("We're pausing the gym membership until my knee is better.", False, ()),
    ("I'm ready to go, but the kids have to check in first.", False, ()),
    ("I can't believe we got through the whole year without them.", False, ()),
    ("I couldn't have planned the whole trip without that.", False, ()),
    ('No one is in the office until Monday.', False, ()),
    ('Nobody will be around until the new year.', False, ()),
    ('Can you book a table for the Mardi Gras party?', False, ('request',)),
    ('The price is going to double on Monday.', False, ()),
    ('The price goes to 40 tomorrow.', False, ()),
    ('The schedule goes to print Monday.', False, ()),
    ('We need more coffee by Monday.', True, ()),
    ('I need some sleep before the launch on Friday.', True, ()),
    ('We need everyone seated by 9am Friday.', True, ()),
    ('Signing off for today, back tomorrow.', True, ()),
    ('Calling it a day now, talk tomorrow.', True, ()),
    ('Chasing my tail today, sorry.', True, ()),
    ('Posting from my phone today.', True, ()),
    ('JP will send the deck Monday.', True, ()),
    ("O'Brien will send the contract on Monday.", True, ()),
    ('Ask Tom to send the invoice by Friday.', True, ('waiting',)),
    ('Lo sentimos mucho por el retraso.', False, ()),
    ('Te esperamos el viernes en la oficina.', False, ()),
    ('Les recordamos que el pago vence el viernes.', False, ()),
    ('Le confirmamos su reserva para el sábado.', False, ()),
    ('Le informamos que su cuenta será suspendida el lunes.', False, ()),
    ("J'ai besoin d'une pause, à lundi.", False, ()),
    ('Tu auras froid samedi, prends un manteau.', False, ()),
    ('Your bank information must reach us by Friday to avoid suspension of your account.', False, ()),
    ('Your login information must be received by Friday or the mailbox will be closed.', False, ()),
]


def _message(text: str, mine: bool) -> Message:
    if mine:
        return make_message(f"Hi Priya,\n\n{text}\n\nAda", sender="ada@example.com", to=("priya@acme.example",),
                            name="Ada", subject="Re: plan")
    return make_message(f"Hi Ada,\n\n{text}\n\nThanks,\nMaria", subject="Re: plan")


@pytest.mark.parametrize("text,mine,kinds", CASES, ids=[c[0][:40] for c in CASES])
def test_what_the_review_found_reads_as_it_should(text: str, mine: bool, kinds: tuple[str, ...], owner: Owner) -> None:
    assert tuple(i.kind for i in EX.extract(_message(text, mine), owner)) == kinds


def test_an_hour_after_a_day_keeps_its_time(owner: Owner) -> None:
    msg = _message("I'll send the deck on Friday and call you at 3pm.", mine=True)
    assert [i.due for i in EX.extract(msg, owner)] == ["2026-11-20", "2026-11-20T15:00:00+00:00"]
