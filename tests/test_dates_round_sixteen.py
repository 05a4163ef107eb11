"""Due dates, round sixteen, from sentences of my own: which of several days a sentence names is
its work's.

- A deadline word before a weekday holds for the calendar date beside it: "am 24. März benötigen
  wir bis Freitag, 12. März 2027, die Bestätigung" is due the 12th, not the audit's 24th.
- A weekday's event ("Tuesday's safety meeting") is what the work is about; another day beside it
  is when it is due.
- An ordinal naming a thing ("6th period", "3rd chapter") is no day of the month.
- A day past an "and" is the next piece of work's: "The returns will be lodged today, and the bank
  will have the form by Monday" is due today.
- "will follow" and "will be sent" promise as "will send" does, and a German or Spanish clause
  that asks or promises in the present is the acting clause: "Die Messe ist am Freitag; ich schicke
  dir die Liste morgen" is due tomorrow. (Within one clause, "Den Transport kläre ich heute noch,
  die Abholung ist am Freitag", the order of the patterns still picks Friday.)
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.extractors.dates import find_due
from tests.test_dates import LONDON, WEDNESDAY  # Wednesday 2026-11-18, 09:00 UTC

THU, FRI, MON, TUE = "2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"


@pytest.mark.parametrize("sentence,due", [
    ("Für das Audit am 24. März benötigen wir bis Freitag, 12. März 2027, die Bestätigung.", "2027-03-12"),
    ("For the audit on March 24 we need the confirmation by Friday, March 12.", "2027-03-12"),
    ("I'll ask Sheila about Tuesday's safety meeting today.", "2026-11-18"),
    ("Can you send the deck before Tuesday's board call?", TUE),
    ("Could you book the room for Friday's offsite by Thursday?", THU),
    ("Can you fix it before 6th period?", None),
    ("Please read the 3rd chapter before class.", None),
    ("The returns will be lodged today, and Harbourline will have the form by Monday.", "2026-11-18"),
    ("Could you send a first draft on Monday and the final by the 30th?", MON),
    ("The countersigned addendum will follow by Friday, and I have told the family the balance is due on the 30th.", FRI),
    ("The office will be closed on Monday, please send it by Friday.", FRI),
    ("Die Messe ist am Freitag; ich schicke dir die Liste morgen.", THU),
    ("Rheintal ruf ich heute noch an; KW 12 nehm ich so nicht hin.", "2026-11-18"),
])
def test_the_work_takes_its_own_day(sentence: str, due: str | None) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


def test_a_german_sentence_told_in_the_past_still_dates_nothing_of_it() -> None:
    # The acting clause is the ask; the past clause's day is no deadline.
    sentence = "Ich war am Montag in Berlin, bitte schick mir das Angebot bis Freitag."
    assert find_due(sentence, datetime(2026, 11, 18, 9, tzinfo=UTC), LONDON)[0] == FRI


@pytest.mark.parametrize("sentence,due", [
    ("Ich schaue mir das am Wochenende an.", "2026-11-22"),
    ("Je regarde ça ce week-end.", "2026-11-22"),
    ("Ich lese es am Wochenende, schick mir die Zahlen bitte morgen.", THU),
])
def test_the_weekend_in_other_languages_is_its_sunday(sentence: str, due: str) -> None:
    # As "over the weekend" is; a day named beside it keeps the rank it had.
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


# From a review: the rules above must not move the day of an ask or a promise past a clause that
# only tells (the writer's state, a thing that will be ready, a German feeling or trip).
@pytest.mark.parametrize("sentence,due", [
    ("I'm on leave today and will reply by Friday.", FRI),
    ("I got your note today and will reply by Friday.", FRI),
    ("The office is shut tomorrow and please have the report to me by Monday.", MON),
    ("We're closed tomorrow and will deliver on Monday.", MON),
    ("The room will be ready on Monday; please send the agenda by Friday.", FRI),
    ("The invoice will be sent on the 30th, can you confirm the PO by Friday?", FRI),
    ("Can you do Monday's shift instead of Friday?", MON),
    ("Ich freue mich auf Dienstag; kannst du mir bis Montag die Folien schicken?", MON),
    ("Morgen fliege ich nach Paris; bitte schick mir die Liste bis Freitag.", FRI),
])
def test_a_telling_clause_keeps_its_day_to_itself(sentence: str, due: str) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due

