"""The development weeks' sentences as classifier data: rebuilt exactly from the weeks' gold, from
development weeks alone, and among the shipped model's training files."""

from __future__ import annotations

import pytest

from agent.extractors import build_kinds_weeks, train_kinds
from agent.extractors.kinds import ACTS
from bench.agent import EVAL_WEEKS, HELD_OUT


def test_the_file_is_what_the_weeks_build() -> None:
    want = [(text, act) for name in build_kinds_weeks.DEV_WEEKS for text, act in build_kinds_weeks.week_rows(name)]
    lines = build_kinds_weeks.OUT.read_text(encoding="utf-8").splitlines()
    got = [(text, act) for act, _, text in (line.partition("\t") for line in lines if not line.startswith("#"))]
    assert got == want
    assert {act for _, act in got} == set(ACTS)
    weeks = [line.split(": ", 1)[1] for line in lines if line.startswith("# week: ")]
    assert weeks == list(build_kinds_weeks.DEV_WEEKS)


def test_only_development_weeks_are_read() -> None:
    # Development weeks of the benchmark, and no held-out one. (Weeks written after the shipped
    # classifier was trained, such as the six written in one session (week-cologne, -doha, -nairobi, -warsaw, -cebu, -graz)
    # the four of the next (week-singapore, -amsterdam, -boston, -saopaulo) and the six after (week-osaka,
    # -monterrey, -council, -turin, -toronto, -valencia) and the seven after (week-denver, -saigon, -leeds, -dublin, -accra,
    # -speyside, -calgary) and the four after (week-perth, -chennai, -pasig, -riyadh),
    # are scored but not yet read by it:
    # reading them would mean retraining it.)
    assert set(build_kinds_weeks.DEV_WEEKS) <= set(EVAL_WEEKS) - HELD_OUT
    assert set(EVAL_WEEKS) - HELD_OUT - set(build_kinds_weeks.DEV_WEEKS) == {"week-cologne", "week-doha", "week-nairobi", "week-warsaw",
                                                                          "week-cebu", "week-graz", "week-singapore",
                                                                          "week-amsterdam", "week-boston", "week-saopaulo",
                                                                          "week-osaka", "week-monterrey", "week-council",
                                                                          "week-turin", "week-toronto", "week-valencia",
                                                                          "week-denver", "week-saigon", "week-leeds",
                                                                          "week-dublin", "week-accra", "week-speyside",
                                                                          "week-calgary", "week-perth", "week-chennai",
                                                                          "week-pasig", "week-riyadh"}
    with pytest.raises(ValueError):
        build_kinds_weeks.week_rows("week-sales")


def test_a_gold_sentence_takes_its_act_by_who_says_it() -> None:
    rows = dict(build_kinds_weeks.week_rows("week-em"))
    assert rows["Could you send me your team's hiring plan by Wednesday noon?"] == "ask"
    assert rows["You'll get the rollback runbook from me on Wednesday."] == "promise"  # owed to the owner
    assert rows["Thanks,"] == "none"


def test_the_weeks_train_the_shipped_model() -> None:
    # Leaving one development week out, a model trained on the others beat the rules alone.
    assert build_kinds_weeks.OUT.name in train_kinds.TRAIN_FILES
