"""The evaluation weeks: they parse, their labels quote the mail, and the extractor holds its score.

The development weeks are ``eval/week-em`` (an engineering manager's week), ``eval/week-ops`` (an
operations lead's), ``eval/week-shop`` (a shop founder's, in loose phone mail), ``eval/week-cfo`` (a
CFO's, mostly mail that looks like work but is not hers), ``eval/week-bd`` (a partnerships lead's),
``eval/week-design`` (a design lead's), ``eval/week-talent`` (an in-house recruiter's), ``eval/week-agency``
(an agency account director's), ``eval/week-lead`` (a tech lead's), ``eval/week-legal`` (an in-house
counsel's, much of it in second-language English) and ``eval/week-clinic`` (a vet clinic group's operations
manager's, in terse phone mail), ``eval/week-arch`` (a project architect's) and ``eval/week-lab`` (a lab
head's, partly in French). Held out and
never tuned on: ``eval/week-sales`` (a sales lead's), ``eval/week-pm`` (a product manager's),
``eval/week-recruit`` (a recruiter's, in loose chatty mail), ``eval/week-cs`` (a customer success
manager's), ``eval/week-founder`` (a founder's, raising a round) and ``eval/week-ngo`` (a nonprofit director's,
written after the rules it is scored on). The floors sit a little under the scores measured
with ``python bench/agent.py``, so a regression fails here.
"""

from __future__ import annotations

import pytest

from agent.extractors.embedded import EmbeddedExtractor
from agent.nodes.triage import triage_reason
from bench.agent import WEEKS, Week, extract_week, load_week, score

# week: (precision, recall, due-date accuracy) floors
FLOORS = {"week-em": (0.95, 0.97, 0.99), "week-ops": (0.96, 0.93, 0.88), "week-shop": (0.95, 0.85, 0.82),
          "week-cfo": (0.90, 0.95, 0.95), "week-bd": (0.90, 0.93, 0.92), "week-design": (0.92, 0.95, 0.94),
          "week-talent": (0.92, 0.95, 0.97), "week-cs": (0.78, 0.79, 0.75),
          "week-agency": (0.87, 0.87, 0.89), "week-lead": (0.82, 0.85, 0.96), "week-founder": (0.81, 0.75, 0.89),
          "week-sales": (0.82, 0.82, 0.88), "week-pm": (0.77, 0.76, 0.72), "week-recruit": (0.78, 0.80, 0.90),
          "week-legal": (0.83, 0.88, 0.97), "week-clinic": (0.93, 0.91, 0.89), "week-ngo": (0.81, 0.80, 0.95),
          "week-arch": (0.76, 0.84, 0.88), "week-lab": (0.87, 0.86, 0.97),
          "week-hotel": (0.82, 0.82, 0.92), "week-sre": (0.93, 0.84, 0.85), "week-school": (0.84, 0.83, 0.91),
          "week-editor": (0.77, 0.85, 0.82), "week-biotech": (0.82, 0.77, 0.82),
          "week-freight": (0.79, 0.87, 0.86), "week-film": (0.81, 0.80, 0.88),
          "week-restaurant": (0.95, 0.50, 0.82), "week-univ": (0.72, 0.76, 0.84), "week-devrel": (0.92, 0.78, 0.94),
          "week-property": (0.87, 0.71, 0.79), "week-tax": (0.80, 0.82, 0.92),
          "week-build": (0.88, 0.69, 0.87), "week-game": (0.82, 0.70, 0.88), "week-events": (0.81, 0.71, 0.88),
          "week-mro": (0.83, 0.79, 0.82), "week-compliance": (0.83, 0.73, 0.91), "week-music": (0.83, 0.75, 0.95),
          "week-consult": (0.88, 0.82, 0.78), "week-wedding": (0.83, 0.76, 0.95), "week-solar": (0.80, 0.63, 0.85),
          "week-berlin": (0.72, 0.52, 0.82), "week-vet": (0.78, 0.76, 0.80), "week-insure": (0.80, 0.74, 0.95),
          "week-montreal": (0.82, 0.65, 0.88), "week-ohio": (0.83, 0.78, 0.85), "week-joburg": (0.83, 0.76, 0.87),
          "week-auckland": (0.81, 0.80, 0.87), "week-dubai": (0.73, 0.69, 0.80),
          "week-munich": (0.82, 0.87, 0.88), "week-lyon": (0.84, 0.77, 0.89), "week-vienna": (0.72, 0.58, 0.81),
          "week-brussels": (0.80, 0.68, 0.95), "week-zurich": (0.84, 0.85, 0.85), "week-mumbai": (0.84, 0.75, 0.82),
          "week-geneva": (0.81, 0.67, 0.86), "week-lagos": (0.79, 0.71, 0.89),
          "week-cologne": (0.86, 0.75, 0.90), "week-doha": (0.85, 0.66, 0.88), "week-casablanca": (0.91, 0.67, 0.90),
          "week-nairobi": (0.87, 0.77, 0.91), "week-warsaw": (0.84, 0.85, 0.92), "week-manila": (0.71, 0.71, 0.89),
          "week-cebu": (0.85, 0.67, 0.88), "week-graz": (0.88, 0.78, 0.91),
          "week-singapore": (0.88, 0.69, 0.93), "week-amsterdam": (0.83, 0.75, 0.90), "week-boston": (0.81, 0.77, 0.95),
          "week-lisbon": (0.81, 0.70, 0.82), "week-antwerp": (0.80, 0.75, 0.88),
          "week-saopaulo": (0.88, 0.82, 0.86), "week-austin": (0.85, 0.80, 0.94),
          "week-istanbul": (0.83, 0.74, 0.95), "week-osaka": (0.86, 0.84, 0.93), "week-monterrey": (0.90, 0.67, 0.81),
          "week-council": (0.84, 0.82, 0.89), "week-milan": (0.84, 0.34, 0.93), "week-seattle": (0.76, 0.72, 0.88),
          "week-turin": (0.92, 0.75, 0.97), "week-toronto": (0.83, 0.77, 0.93),
          "week-bologna": (0.81, 0.71, 0.95), "week-bogota": (0.84, 0.70, 0.92), "week-valencia": (0.83, 0.70, 0.93),
          "week-madrid": (0.79, 0.68, 0.92), "week-chicago": (0.88, 0.73, 0.88),
          "week-denver": (0.80, 0.78, 0.88), "week-saigon": (0.87, 0.83, 0.93), "week-leeds": (0.92, 0.80, 0.93),
          "week-wichita": (0.86, 0.75, 0.90), "week-bordeaux": (0.86, 0.76, 0.92),
          "week-dublin": (0.77, 0.72, 0.93), "week-accra": (0.87, 0.77, 0.94),
          "week-manchester": (0.87, 0.78, 0.93), "week-stuttgart": (0.83, 0.78, 0.97),
          "week-speyside": (0.85, 0.83, 0.92), "week-calgary": (0.80, 0.79, 0.95), "week-sydney": (0.89, 0.80, 0.91),
          "week-rotterdam": (0.84, 0.78, 0.89), "week-phoenix": (0.90, 0.74, 0.92), "week-helsinki": (0.91, 0.74, 0.87),
          "week-kampala": (0.81, 0.70, 0.91), "week-perth": (0.89, 0.83, 0.92), "week-chennai": (0.88, 0.76, 0.84),
          "week-linz": (0.82, 0.69, 0.96), "week-london": (0.88, 0.77, 0.94), "week-pasig": (0.88, 0.74, 0.93),
          "week-riyadh": (0.82, 0.65, 0.85), "week-lima": (0.82, 0.64, 0.81), "week-glasgow": (0.81, 0.62, 0.81)}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def week(request: pytest.FixtureRequest) -> Week:
    return load_week(WEEKS / request.param)


def _visible(text: str) -> str:
    return " ".join(text.split())


def test_the_week_parses_with_enough_mail_and_labels(week: Week) -> None:
    assert len(week.messages) >= 40
    assert len(week.gold) >= 35
    assert {g["kind"] for g in week.gold} == {"request", "commitment", "waiting", "blocker"}
    sent = [m for m in week.messages if m.sender.email == week.owner.email]
    assert len(sent) >= 5
    # Newsletters and notifications are part of the week, and the triage sets them aside. (week-monterrey
    # has four with bulk headers, its internal SAP notification none; week-madrid three.)
    assert sum(1 for m in week.messages if triage_reason(m) == "bulk") >= 3


# Messages with a label whose evidence sits where focusd does not read, kept as their writers froze them:
# the message and why. (The week's score counts such a label as a miss.)
OUT_OF_SIGHT = {
    # A forward with a note of its own: focusd reads the note ("Coordinen y me avisan antes del lunes..."),
    # not the notice it forwards, where this label quotes the ask.
    ("week-lima", "<lm33.ricardo.benavides@andesproteccion.example>"),
}


def test_every_gold_evidence_is_verbatim_in_its_messages_visible_text(week: Week) -> None:
    by_id = {m.message_id: m for m in week.messages}
    assert len(by_id) == len(week.messages)
    for g in week.gold:
        msg = by_id[str(g["message_id"])]
        if (week.name, g["message_id"]) in OUT_OF_SIGHT and str(g["evidence"]) not in _visible(msg.reply_text):
            continue
        assert str(g["evidence"]) in _visible(msg.reply_text), g
        assert g["due"] is None or len(str(g["due"])) == 10


def test_the_extractor_holds_its_score(week: Week) -> None:
    s = score(week, extract_week(week, EmbeddedExtractor()))
    precision, recall, _ = s.prf()
    p_floor, r_floor, due_floor = FLOORS[week.name]
    assert precision >= p_floor
    assert recall >= r_floor
    assert s.due_total and s.due_accuracy >= due_floor
