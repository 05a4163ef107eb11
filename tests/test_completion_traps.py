"""Replies that look like a handover or an answer and finish nothing: the work stays open.

A wrong close drops work from the brief without a word, which is worse than a stale line. These
are the traps two reviews set for closing rules tried and taken back (a handover that opens on the
work's word, an answer said before a promise, "give me a date" read as a question, "sent the ..."
and "... are below" as handovers); the rules at this commit pass them all. Each case is a thread
of its own wording, run through the whole graph as tests/test_completion.py runs its cases.
"""

from __future__ import annotations

import pytest

from tests.test_completion import _run, _status
from tests.test_threads import ME, _Thread

# (ask's sender, the ask, the owner's reply, words of the item that must stay open)
TRAPS = [
    ("dana@acme.example", "Could you send me the signed contracts for the two new hires? Could you also confirm "
     "their start dates?", "Contracts went to legal this morning for a last check.", "signed contracts"),
    ("james@harbor.example", "Could you build the demo environment for our pilot users? Could you also send me "
     "the pricing for fifty seats?", "Builds are in the queue, should be live tomorrow.", "demo environment"),
    ("maria@fund.example", "Could you send me the Q1 budget before the board call? Could you also confirm who "
     "from your team joins?", "The budget is in EUR this year, as usual.", "q1 budget"),
    ("maria@fund.example", "Could you send me the Q4 numbers ahead of our partner meeting? Could you also intro "
     "me to your new CFO?", "Numbers were shared with the board last week, I need their OK first.", "q4 numbers"),
    ("grace@angels.example", "Should we raise prices for existing customers this year?",
     "Great question, we'll decide at the board meeting in January.", "raise prices"),
    ("sam@partner.example", "Can you confirm whether your team will staff the booth at the expo?",
     "Sorry for the delay, we'll confirm on Monday once the rota is done.", "booth"),
    ("priya@acme.example", "Let me know whether we can use your logo on the case study page.",
     "Sure thing, I'll send the logo files tonight.", "logo"),
    ("dana@acme.example", "Can you confirm the venue is booked and let me know the budget cap for the dinner?",
     "Venue is booked, we'll send the budget cap next week.", "budget cap"),
    ("james@harbor.example", "Can you give me a date for the security questionnaire?",
     "No date yet, IT is swamped this week.", "questionnaire"),
    ("james@harbor.example", "Could you give me a price for the enterprise tier with SSO?",
     "The quote is coming tomorrow, just waiting on Sam.", "enterprise tier"),
    ("dana@acme.example", "Could you send me the signed offer letter for Olu? Could you also confirm his start date?",
     "We sent the offer letter to Olu on Monday, no signature back from him.", "offer letter"),
    ("maria@fund.example", "Could you send me the final board deck by Thursday? Could you also confirm the "
     "meeting room?", "Apologies, I sent the wrong board deck earlier. The right one is coming tonight.", "board deck"),
    ("grace@angels.example", "Could you send me the Q3 numbers before our call? Could you also tell me who is "
     "joining from your side?", "Q3 numbers are below plan. Happy to walk you through them on the call.", "q3 numbers"),
    ("dana@acme.example", "Could you get me the signed lease from the landlord? Could you also book the movers?",
     "I sent a reminder to the landlord about the lease this morning.", "signed lease"),
]


@pytest.mark.parametrize(("sender", "ask", "reply", "words"), TRAPS, ids=[t[2][:40] for t in TRAPS])
def test_a_reply_that_finishes_nothing_closes_nothing(sender: str, ask: str, reply: str, words: str) -> None:
    t = _Thread("trap")
    t.mail(16, 9, sender, ME, ask)
    t.mail(17, 10, ME, sender, reply)
    assert _status(_run(t), words) == "open"
