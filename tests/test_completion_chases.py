"""Closing work on the mail that finishes it, without closing anything else: a review's cases
for the handover that opens on the work's word and for the chase that clears a blocker.

Each case is short threads of its own wording, run day by day through the whole graph (see
tests/test_completion.py), and the status each named item must end with.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.test_completion import _run, _status
from tests.test_threads import ME, NAMES, _Thread

Case = Callable[[], list[_Thread]]
MORE_NAMES = {"will@north.example": "Will Hart", "tbaker@gmail.com": "Baker, Tom",
              "claire@maisonperal.example": "Claire Roux"}


def _priya_blocked() -> _Thread:
    t = _Thread("pricing-model")
    t.mail(16, 9, "priya@acme.example", ME, "I'm on it, but I can't finish the pricing model until Tom gives me "
           "the transaction mix from the pilot.")
    return t


def _chase(*replies: tuple[int, int, str]) -> _Thread:
    t = _Thread("mix")
    t.mail(16, 11, ME, "tom@loom.example", "Could you get the transaction mix to Priya by tomorrow midday?")
    for day, hour, text in replies:
        t.mail(day, hour, "tom@loom.example", ME, text)
    return t


def _two_asks(first: str, reply: str) -> list[_Thread]:
    t = _Thread("asks")
    t.mail(16, 9, "dana@acme.example", ME, f"{first} Could you also check whether Olu can join the panel?")
    t.mail(17, 15, ME, "dana@acme.example", reply)
    return [t]


def _blocked_then(blocker: str, ask: str, to: str, reply: str, attachments: tuple[str, ...] = ()) -> list[_Thread]:
    b = _Thread("blocked")
    b.mail(16, 9, "priya@acme.example", ME, blocker)
    c = _Thread("chase")
    c.mail(16, 11, ME, to, ask)
    c.mail(17, 10, to, ME, reply, attachments=attachments)
    return [b, c]


CASES: dict[str, tuple[Case, list[tuple[str, str]]]] = {
    "another role's scores close no scoring": (
        lambda: _two_asks("Could you score the four portfolios by Wednesday?",
                          "Scores for the other role are in Greenhouse, these ones are next."),
        [("four portfolios", "open"), ("olu", "open")]),
    "plane tickets are no plan": (
        lambda: _two_asks("Could you send me the hiring plan?", "Plane tickets are in the travel folder."),
        [("hiring plan", "open")]),
    "notes said to be below are handed over": (
        lambda: _two_asks("Could you send me the notes from today's call?",
                          "Notes from today's call are below.\n- pricing agreed\n- pilot in March"),
        [("notes", "done"), ("olu", "open")]),
    "a bare thanks settles no chase": (
        lambda: [_priya_blocked(), _chase((17, 10, "Thanks!"))],
        [("follow up with tom", "open"), ("unblock: tom gives", "open")]),
    "the chase and its answer on one day clear the blocker": (
        lambda: [_priya_blocked(), _chase((16, 15, "Sent the transaction mix to Priya ten minutes ago."))],
        [("follow up with tom", "done"), ("unblock: tom gives", "done")]),
    "a word both say in passing ('until') is no shared work": (
        lambda: _blocked_then("I can't finish the deck until Tom sends the numbers.",
                              "Could you hold the boardroom until Friday for the offsite prep?", "tom@loom.example",
                              "Done, the boardroom is held."),
        [("follow up with tom", "done"), ("tom sends the numbers", "open")]),
    "the blocker's own thing in the reply is not what it waits on": (
        lambda: _blocked_then("I can't finish the sales deck until Tom sends the pricing tiers.",
                              "Could you send me the board deck by Friday?", "tom@loom.example",
                              "Here is the board deck.", ("board_deck.pdf",)),
        [("follow up with tom", "done"), ("pricing tiers", "open")]),
    "a blocker that says 'will' waits on no Will": (
        lambda: _blocked_then("I can't finish the forecast until Ben sends the pipeline, which he says will be Friday.",
                              "Could you review the venue contract by Thursday?", "will@north.example",
                              "Finished the contract review, all fine."),
        [("follow up with will", "done"), ("pipeline", "open")]),
    "another Tom, of a firm named, is not the sender": (
        lambda: _blocked_then("I can't file the taxes until Tom from the accountants sends the receipts.",
                              "Could you send me the offsite receipts?", "tom@loom.example",
                              "Offsite receipts attached.", ("receipts.pdf",)),
        [("follow up with tom", "done"), ("accountants", "open")]),
    "a display name 'Baker, Tom' on webmail is Tom": (
        lambda: _blocked_then("I can't finish the pricing model until Tom gives me the transaction mix.",
                              "Could you send me the transaction mix from the pilot?", "tbaker@gmail.com",
                              "The transaction mix is attached.", ("transaction_mix.csv",)),
        [("tom gives", "done")]),
    "a firm with an accent is the domain that spells it": (
        lambda: _blocked_then("We can't print the menus until Maison Péral sends the final artwork.",
                              "Could you send the final artwork for the menus?", "claire@maisonperal.example",
                              "The final artwork for the menus is attached.", ("menus.pdf",)),
        [("follow up with claire", "done"), ("final artwork", "done")]),
}


@pytest.mark.parametrize("name", CASES)
def test_mail_closes_the_work_it_finishes_and_nothing_else(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for address, person in MORE_NAMES.items():
        monkeypatch.setitem(NAMES, address, person)
    build, want = CASES[name]
    items = _run(*build())
    assert [(words, _status(items, words)) for words, _ in want] == want
