"""Asks to pay no mind to something are no work; a polite order with its day asks however little
the request model makes of its words; a day's tail ("your time", "today itself") leaves the title
with the day."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import make_message

OWNER = Owner("Ada Lovelace", "ada@example.com", ZoneInfo("Europe/London"))


def _items(sentence: str) -> list[tuple[str, str, str | None]]:
    message = make_message(f"Hi Ada,\n\n{sentence}\n\nThanks,\nMaria", subject="Re: Steel delivery")
    return [(i.kind, i.title, i.due) for i in EmbeddedExtractor().extract(message, OWNER)]


@pytest.mark.parametrize("sentence", [
    "Kindly disregard the earlier reminder, it was sent in error.",
    "Please ignore the reminder you received this morning, the payment is in.",
    "You are kindly requested to ignore the previous reminder.",
    "Please ignore the first attachment and use this one.",
    "Pls disregard my last mail, wrong thread.",
    "Just ignore the invoice number on page 2, it's a typo.",
])
def test_an_ask_to_ignore_something_is_no_work(sentence: str) -> None:
    assert _items(sentence) == []


@pytest.mark.parametrize("sentence, title", [
    ("Please disregard the draft and review the final version by Friday.", "review the final version"),
    ("Please ignore the old link and send me the signed copy today.", "send"),
])
def test_a_step_after_the_ignoring_still_asks(sentence: str, title: str) -> None:
    [(kind, got, _)] = _items(sentence)
    assert kind == "request" and title in got.lower()


@pytest.mark.parametrize("sentence, title, due", [
    ("Kindly revert by 12 noon.", "Revert", "2026-11-18"),
    ("Kindly reply by 12 noon.", "Reply", "2026-11-18"),
    ("Pls confirm by 12 noon tomorrow.", "Confirm", "2026-11-19"),
    ("Please revert by Friday.", "Revert", "2026-11-20"),
])
def test_a_polite_order_with_its_day_asks(sentence: str, title: str, due: str) -> None:
    assert _items(sentence) == [("request", title, due)]


@pytest.mark.parametrize("sentence", [
    "Kindly note the office is closed by 12 noon on Friday.",
    "Please find the minutes of the 12 noon meeting below.",
])
def test_a_polite_line_that_asks_no_step_stays_quiet(sentence: str) -> None:
    assert _items(sentence) == []


@pytest.mark.parametrize("sentence, title", [
    ("Pls revert today itself.", "Revert"),
    ("Please reply by Wednesday your time.", "Reply"),
    ("Could you confirm by Thursday your time?", "Confirm"),
    ("Please send me the drawings by 5pm Dhaka time.", "Send Maria the drawings"),
    ("Please fix the server itself by Friday.", "Fix the server itself"),  # "itself" not after a day stays
])
def test_a_days_tail_leaves_the_title(sentence: str, title: str) -> None:
    [(kind, got, _)] = _items(sentence)
    assert (kind, got) == ("request", title)
