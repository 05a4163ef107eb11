from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.dates import find_due, find_due_in_context

LONDON = ZoneInfo("Europe/London")
WEDNESDAY = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("sentence,due", [
    ("I'll send the deck by Friday.", "2026-11-20"),
    # Phone-mail shorthand: "Weds", "tmrw", "this arvo".
    # A bare weekday written on that weekday is next week's ("by Monday" sent on a Monday):
    # today would be "today". A part of the day keeps it today ("Wednesday EOD").
    ("I'll let you know Weds.", "2026-11-25"),
    ("Should be with you by next weds at the latest", "2026-11-25"),
    ("can drop them round tmrw arvo", "2026-11-19"),
    ("will post it this arvo x", "2026-11-18"),
    ("Samples out Weds, first class.", "2026-11-25"),
    # A weekday beside a calendar date: the date says which one.
    ("pay the deposit by Friday 27 November", "2026-11-27"),
    ("Delivery is planned Friday 20.11 before 12:00.", "2026-11-20"),
    ("the fair is on Sat, November 28", "2026-11-28"),
    ("by Friday the 27th of November", "2026-11-27"),
    ("Can you do it by Wednesday?", "2026-11-25"),
    ("Feedback by Wednesday EOD please.", "2026-11-18"),
    ("Numbers by Tuesday.", "2026-11-24"),
    ("next Tuesday works", "2026-11-24"),
    ("Send it EOD.", "2026-11-18"),
    ("by close of business", "2026-11-18"),
    ("I'll have it tomorrow.", "2026-11-19"),
    ("by end of week", "2026-11-20"),
    ("by the end of next week", "2026-11-27"),
    ("before the end of the month", "2026-11-30"),
    ("in two days", "2026-11-20"),
    ("in 3 business days", "2026-11-23"),
    ("in a week", "2026-11-25"),
    ("early next week", "2026-11-23"),
    # A week named whole is due at its last working day: late only once it is out.
    ("I'll get the contract over next week.", "2026-11-27"),
    ("Could you share the plan sometime next week?", "2026-11-27"),
    ("Please send it to Tom this week.", "2026-11-20"),
    ("We'd like the figures later this week.", "2026-11-20"),
    ("before the pilot review on Dec 3?", "2026-12-03"),
    ("by 15 December", "2026-12-15"),
    ("due 2027-01-10", "2027-01-10"),
    ("Call me tomorrow at 3pm", "2026-11-19T15:00:00+00:00"),
    ("Slides please, ahead of our Friday board call.", "2026-11-20"),
    ("Two slides ahead of our Wednesday board call.", "2026-11-25"),
    ("for the Wednesday standup", "2026-11-25"),
    ("Can you do it this Wednesday?", "2026-11-18"),
    ("The renewal needs your signature by the 30th.", "2026-11-30"),
    ("before the auditors arrive on the 2nd", "2026-12-02"),
    ("due on the 18th", "2026-11-18"),
    ("Could you fix the alerts before the weekend?", "2026-11-20"),
    ("I'll read it over the weekend.", "2026-11-22"),
    ("We can chat this weekend.", "2026-11-22"),
    # A weekday of next week said after it: that week's day, not this week's.
    ("Can you send it by Thursday next week?", "2026-11-26"),
    ("Please book the room for Monday of next week.", "2026-11-23"),
    ("Let's meet Friday, next week.", "2026-11-27"),
    # "Mitte nächster Woche" is its Wednesday, as "mid next week" is.
    ("Die Freigabe brauchen wir bis Mitte nächster Woche.", "2026-11-25"),
    ("By Thursday, and next week we start the rollout.", "2026-11-19"),
    # A weekday with "a" or "any" is any such day: no day at all.
    ("Can they take deliveries on a Saturday?", None),
    ("Is any Tuesday good for you?", None),
    ("Nothing to see here.", None),
    ("The 4th floor is closed.", None),
    ("We sat in the sun.", None),
])
def test_relative_dates_resolve_against_the_message_date(sentence: str, due: str | None) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


def test_dates_resolve_in_the_owners_time_zone() -> None:
    # 23:30 UTC on Wednesday is already Thursday in Tokyo: "tomorrow" is Friday there.
    late = datetime(2026, 11, 18, 23, 30, tzinfo=UTC)
    assert find_due("tomorrow", late, ZoneInfo("Asia/Tokyo"))[0] == "2026-11-20"
    assert find_due("tomorrow", late, LONDON)[0] == "2026-11-19"


def test_a_bare_month_day_prefers_the_future() -> None:
    december = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
    assert find_due("by Jan 5", december, LONDON)[0] == "2027-01-05"


def test_end_of_week_follows_the_owners_last_working_day() -> None:
    assert find_due("by end of week", WEDNESDAY, LONDON, last_workday=3)[0] == "2026-11-19"


def test_the_phrase_is_returned_for_titles() -> None:
    assert find_due("I'll send it by Friday.", WEDNESDAY, LONDON)[1] == "by Friday"


def test_a_deadline_past_the_calendar_or_a_decade_away_is_no_deadline() -> None:
    import time

    sent = datetime(2026, 11, 18, 9, tzinfo=UTC)
    began = time.perf_counter()
    for sentence in ("Please send the deck in 99999999 days.", "Send it in 99999999 working days.",
                     "Review it in 600 weeks."):
        assert find_due(sentence, sent, LONDON) == (None, "")
    assert time.perf_counter() - began < 1  # counting 99,999,999 working days took minutes
    assert find_due("Send it in 3 working days.", sent, LONDON)[0] == "2026-11-23"


def test_a_date_at_the_calendars_edge_or_a_weekday_in_odd_letters_is_handled() -> None:
    edge = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    assert find_due("Please send it by Friday.", edge, ZoneInfo("Pacific/Kiritimati")) == (None, "")
    sent = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # a Wednesday
    # Case-insensitive matching takes "ſ" for "s" and "ı" for "i": the weekday must still resolve.
    assert find_due("Can you do it by ſunday?", sent, UTC)[0] == "2026-11-22"
    assert find_due("Can you do it by next Frıday?", sent, UTC)[0] == find_due("by next Friday", sent, UTC)[0]


# -- phrases from unseen mail: ordinals that count, deadlines beside other days, named months ----

@pytest.mark.parametrize("sentence,due", [
    # An ordinal before a noun counts floors, rounds and times, not days.
    ("Can you get the desks on the 3rd floor cleared by this evening?", "2026-11-18"),
    ("Please book the meeting room on the 2nd floor.", None),
    ("Could you order two chairs for the 4th floor?", None),
    ("We're sending the 1st round of offers.", None),
    ("This is the 3rd time the alarm went off.", None),
    ("This is the 2nd reminder about the badge.", None),
    # A clause that ends on "is the 25th" names a day.
    ("The cut-off for payroll changes is the 25th.", "2026-11-25"),
    ("Our deadline is the 2nd, so please hurry.", "2026-12-02"),
    ("the interns start on the 30th?", "2026-11-30"),
])
def test_an_ordinal_names_a_day_only_where_it_can(sentence: str, due: str | None) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


@pytest.mark.parametrize("sentence,due", [
    # A deadline word picks the due day of a sentence that names several days.
    ("I'll confirm Friday by Thursday morning.", "2026-11-19"),
    ("Our driver needs the slot confirmation for Friday before 12:00 on Thursday, else we take Monday.",
     "2026-11-19"),
    ("Could you let me know by Monday whether someone can meet the engineer on the 30th?", "2026-11-23"),
    ("Slides for the Tuesday review, by Friday at the latest please.", "2026-11-20"),
    ("The booking for the 28th must be confirmed until Monday.", "2026-11-23"),
    ("Please send the forms for Thursday's visit no later than Monday.", "2026-11-23"),
    # Past an "and" the deadline is another piece of work's: the first day stays.
    ("You'll have a first draft on Monday and the final by Friday.", "2026-11-23"),
    ("I'll get Tom to sign it on Thursday and send it to you by Monday EOD.", "2026-11-19"),
    # Offered days: the later one is when the offer runs out.
    ("Could we have a call Thursday or Friday afternoon?", "2026-11-20"),
    ("Are you free on Monday or on Tuesday?", "2026-11-24"),
    ("Thursday/Friday both work for the visit.", "2026-11-20"),
    # A weekday with its date: the date, even a week or more on.
    ("the final by Wednesday the 2nd as asked", "2026-12-02"),
    ("Send it by Friday, the 27th.", "2026-11-27"),
    # Of two deadlines the first said: the other is someone else's.
    ("An answer by Thursday lets me return it well before their deadline on 30 November.", "2026-11-19"),
    ("Comments by Monday please, the filing deadline is the 30th.", "2026-11-23"),
])
def test_of_several_days_the_deadline_is_picked(sentence: str, due: str) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


@pytest.mark.parametrize("sentence,sent,due", [
    ("please arrange the inspection until end of February", datetime(2027, 2, 3, 14, tzinfo=UTC), "2027-02-28"),
    ("by the end of Feb.", datetime(2028, 1, 10, 9, tzinfo=UTC), "2028-02-29"),  # a leap year
    ("We need the figures by end of March.", WEDNESDAY, "2027-03-31"),
    ("Can you close it out by end of November?", WEDNESDAY, "2026-11-30"),
    ("the audit report is due end-January", datetime(2026, 12, 31, 22, tzinfo=UTC), "2027-01-31"),
    ("Let's aim for late January.", WEDNESDAY, "2027-01-31"),
    ("I'll have it back to you mid-December.", WEDNESDAY, "2026-12-15"),
    ("The move is planned for mid March.", WEDNESDAY, "2027-03-15"),
    ("We're running late, may I call you?", WEDNESDAY, None),
    ("It is the end of an era.", WEDNESDAY, None),
])
def test_a_named_months_end_or_middle(sentence: str, sent: datetime, due: str | None) -> None:
    assert find_due(sentence, sent, LONDON)[0] == due


def test_month_and_year_ends_and_dst_resolve_in_the_owners_zone() -> None:
    # 31 December 23:30 UTC is already New Year's Day in Berlin: "tomorrow" is 2 January.
    berlin = ZoneInfo("Europe/Berlin")
    new_year = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert find_due("Send it tomorrow.", new_year, berlin)[0] == "2027-01-02"
    assert find_due("by the end of the month", new_year, berlin)[0] == "2027-01-31"
    assert find_due("by end of January", new_year, LONDON)[0] == "2027-01-31"
    # The clocks go forward on 28 March 2027: a time tomorrow carries summer time's offset.
    assert find_due("Call me tomorrow at 3pm", datetime(2027, 3, 27, 12, tzinfo=UTC), LONDON)[0] == \
        "2027-03-28T15:00:00+01:00"
    # 00:30 UTC on 31 October 2027 is 01:30 summer time in London, still that Sunday.
    assert find_due("Can you check it this evening?", datetime(2027, 10, 31, 0, 30, tzinfo=UTC), LONDON)[0] == \
        "2027-10-31"
    # Written on a Saturday, "by the 1st" is next month's first, "end of week" the coming Friday.
    saturday = datetime(2027, 1, 30, 10, tzinfo=UTC)
    assert find_due("Please have it done by the 1st.", saturday, LONDON)[0] == "2027-02-01"
    assert find_due("Could we wrap it up by end of week?", saturday, LONDON)[0] == "2027-02-05"


@pytest.mark.parametrize("sentence,due", [
    # A weekday gone by is no deadline.
    ("The review of last Saturday's outage is on Monday.", "2026-11-23"),
    ("We spoke last Friday about the pricing.", None),
    ("Since past Tuesday the build is red.", None),
])
def test_a_past_weekday_is_no_deadline(sentence: str, due: str | None) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


def _in_context(text: list[str], evidence: str) -> str | None:
    return find_due_in_context(evidence, text, WEDNESDAY, LONDON)[0]


@pytest.mark.parametrize("text,evidence,due", [
    # A sentence that points back takes the day named before it.
    (["For our 1:1 on Friday: I'd like to talk about the staff path.",
      "Could you send me the promotion rubric before then?"], "Could you send me the promotion rubric before then?",
     "2026-11-20"),
    (["The incident review is scheduled for Monday.", "Please read the draft timeline before the meeting."],
     "Please read the draft timeline before the meeting.", "2026-11-23"),
    (["Thursday at 10:00 works for us; I'll send an invite.", "We will have the forecast ready for the call.",
      "Could you send the price breakdown by then?"], "Could you send the price breakdown by then?", "2026-11-19"),
    (["You'll have my answer on Friday, and I'll chase the landlord at the same time."],
     "I'll chase the landlord at the same time.", "2026-11-20"),
    (["The hiring panel is next Tuesday and we're one short.", "Can you join the 14:00 slot?"],
     "Can you join the 14:00 slot?", "2026-11-24"),
    # A deadline set after the ask is the ask's.
    (["Could you or someone from your team give the talk?", "Ten minutes on hiring.", "They need a name by the 30th."],
     "Could you or someone from your team give the talk?", "2026-11-30"),
    (["We would need the updated headcount figures.", "The insurers want complete submissions by the 27th."],
     "We would need the updated headcount figures.", "2026-11-27"),
    (["I also need the signed bonus list from you.", "The cut-off for payroll changes is the 25th."],
     "I also need the signed bonus list from you.", "2026-11-25"),
    (["I need a decision from you on two points:", "whether we accept the cap;", "whether the break option stays.",
      "A short answer by Thursday would help me a lot."], "I need a decision from you on two points:", "2026-11-19"),
    # ... but not another ask's or promise's deadline, nor a day named for some other matter.
    (["Nothing ships until security signs off.", "We need your team to patch the issue by next Friday."],
     "Nothing ships until security signs off.", None),
    (["Can you send the deck?", "Also, please review the budget by Friday."], "Can you send the deck?", None),
    (["Can you send the deck?", "I'll be out on Friday.", "The board wants it by Monday."], "Can you send the deck?", None),
    (["Could you check the invoice?", "Thanks for the lunch on Tuesday!"], "Could you check the invoice?", None),
    # A reference with nothing before it to point at names no day.
    (["Please sign the CMR and send the copy back the same day."],
     "Please sign the CMR and send the copy back the same day.", None),
    (["We met on Monday.", "Could you send the notes?"], "Could you send the notes?", None),
    # Its own date comes first.
    (["The review is on Monday.", "Please read it before the meeting, by Friday at the latest."],
     "Please read it before the meeting, by Friday at the latest.", "2026-11-20"),
])
def test_a_sentence_naming_no_day_takes_one_from_its_message(text: list[str], evidence: str, due: str | None) -> None:
    assert _in_context(text, evidence) == due


def test_context_resolves_in_the_owners_zone_and_ignores_evidence_not_in_the_text() -> None:
    text = ["The audit starts tomorrow.", "Could you send the ledger before then?"]
    late = datetime(2026, 11, 18, 23, 30, tzinfo=UTC)  # Thursday already in Tokyo
    assert find_due_in_context(text[1], text, late, ZoneInfo("Asia/Tokyo"))[0] == "2026-11-20"
    assert find_due_in_context("Something else entirely?", text, late, LONDON) == (None, "")


@pytest.mark.parametrize("sentence,due", [
    # The day a thing expires is no one's work beside a day that is; alone, it is the day.
    ("The agreement expires on 31 December, and the bank requires the signed form no later than 3 December.", "2026-12-03"),
    ("Your passport expires on 3 December.", "2026-12-03"),
])
def test_a_day_that_something_expires_gives_way_to_a_deadline(sentence: str, due: str) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


@pytest.mark.parametrize("sentence,due", [
    ("Please own it end to end, I don't want this dragging past the 19th.", "2026-11-19"),
    ("Don't let the handover slip past the 25th.", "2026-11-25"),
    # ...and what would help, dated, is the work's day, not that of what it is for.
    ("It would help if we could have these by 16 December, so that we can issue the report by the end of the month.",
     "2026-12-16"),
])
def test_a_day_the_work_must_not_drag_past(sentence: str, due: str) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


@pytest.mark.parametrize("sentence,due", [
    ("Preciso do ok até 11h pra subir.", "2026-11-18T11:00:00+00:00"),
    ("O senhor poderia nos mandar, na semana que vem, um resumo?", "2026-11-27"),
    ("Envio até ao fim do dia.", "2026-11-18"),
    ("Envio na quinta.", "2026-11-19"),
    # ...and Dutch "na" is after: a start, no deadline.
    ("We beginnen na maandag.", None),
])
def test_portuguese_day_words(sentence: str, due: str | None) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


@pytest.mark.parametrize("sentence,due", [
    # Calendar days offered as a choice are what is asked about, not when, beside a day that is.
    ("I need your recommendation, 15 March or 1 April, before the board meeting on Sunday.", "2026-11-22"),
    ("Is the review on 3 December or 10 December?", "2026-12-03"),
    # ...not a day and a fallback: "today, or Monday first thing" is due by the later one.
    ("Can you do them today, or Monday first thing if today is too tight?", "2026-11-23"),
])
def test_days_offered_as_a_choice(sentence: str, due: str) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


@pytest.mark.parametrize("sentence,due", [
    ("Te lo mando in giornata.", "2026-11-18"),
    ("I risultati Le verranno inviati entro la giornata.", "2026-11-18"),
    ("Mi serve entro mezzogiorno.", "2026-11-18"),
    ("Domattina chiamo la banca.", "2026-11-19"),
    ("Vi ricontatteremo all'inizio della prossima settimana.", "2026-11-23"),
    ("Ti mando il budget lunedì mattina.", "2026-11-23"),
    ("La seconda rata la bonifico entro il 10.", "2026-12-10"),
    ("Provvederemo entro e non oltre il 28.", "2026-11-28"),
    # ...the day of the month before a vowel, never an hour ("entro l'11", "prima dell'8 marzo")
    ("Mi mandi il preventivo entro l'11 marzo?", "2027-03-11"),
    ("Mandami il file prima dell'8 marzo.", "2027-03-08"),
    ("Mandami il file entro l'8.", "2026-12-08"),
    ("Mi serve entro le 15.", "2026-11-18T15:00:00+00:00"),
    # ...counted from this letter, not from an event still to come
    ("Vi invitiamo a provvedere al saldo entro e non oltre 10 giorni dal ricevimento della presente.", "2026-11-28"),
    ("Il pagamento avviene entro 30 giorni dalla consegna.", None),
    # ...a number that is no day of the month: an invoice's, a quantity.
    ("La fattura n. 22 è stata pagata.", None),
    ("Ne servono entro il 10 pezzi in più.", None),
])
def test_italian_day_words(sentence: str, due: str | None) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


@pytest.mark.parametrize("sentence,due", [
    # A day a thing is moved or extended to, a stay it is booked for, or news to pass on is what the
    # work is about, beside the day it is due.
    ("I'll ask the council to extend the parking permit to 12 January today.", "2026-11-18"),
    ("Please book the crane for the weekend of 5-6 December this week.", "2026-11-20"),
    ("Could you tell the landlord today that the movers arrive on Monday?", "2026-11-18"),
    # ...but a deadline in what is to be passed on is one.
    ("Please let the tenants know today that all keys must be returned by Monday.", "2026-11-23"),
    ("Could you move the review to Friday?", "2026-11-20"),
])
def test_a_day_the_work_is_about(sentence: str, due: str) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due


@pytest.mark.parametrize("sentence,due", [
    # "the week of" a day is that week, late by its last working day; "calendar days" are counted as days.
    ("We'll have the purchase order out the week of November 30.", "2026-12-04"),
    ("The crates ship the week of the 7th of December.", "2026-12-11"),
    ("Please return the form within 10 calendar days of receipt of this notice.", "2026-11-28"),
    ("Please return the form within 5 business days.", "2026-11-25"),
])
def test_weeks_named_by_a_day_and_calendar_days(sentence: str, due: str) -> None:
    assert find_due(sentence, WEDNESDAY, LONDON)[0] == due
