from __future__ import annotations

import math
from pathlib import Path

from agent.extractors import train_kinds
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.extractors.kinds import ACTS, KindsModel, shipped_kinds_model
from tests.conftest import make_message

SHIPPED = Path(train_kinds.__file__).with_name("kinds_model.tsv")


def _items(text: str, owner: Owner, extractor: EmbeddedExtractor | None = None,
           **kw: object) -> list[tuple[str, str, str | None]]:
    return [(i.kind, i.title, i.due)
            for i in (extractor or EmbeddedExtractor()).extract(make_message(text, **kw), owner)]  # type: ignore[arg-type]


def test_training_reproduces_the_shipped_model_and_it_is_small() -> None:
    model = train_kinds.train(train_kinds.load_all(), **train_kinds.SHIPPED)
    assert model.to_tsv() == SHIPPED.read_text()
    # What is written reads back as the same model, and the package ships it.
    assert KindsModel.from_lines(SHIPPED.read_text().splitlines()).to_tsv() == model.to_tsv()
    assert shipped_kinds_model().weights == model.weights
    assert SHIPPED.stat().st_size < 5_000_000


def test_training_is_seeded() -> None:
    # The same slice trained twice gives the same weights, byte for byte; a different slice does not.
    rows = train_kinds.load_all()[::9]
    first = train_kinds.train(rows, epochs=5).to_tsv()
    assert train_kinds.train(list(rows), epochs=5).to_tsv() == first
    assert train_kinds.train(rows[1:], epochs=5).to_tsv() != first


def test_every_training_file_is_read_and_well_formed() -> None:
    rows = train_kinds.load_all()
    assert len(rows) >= 1700
    assert {label for _, label in rows} == set(ACTS)
    # Most sentences in mail do nothing; the data keep that share so "none" is not a rare guess.
    assert sum(label == "none" for _, label in rows) / len(rows) >= 0.45
    for name in train_kinds.TRAIN_FILES:
        for line in SHIPPED.with_name(name).read_text(encoding="utf-8").splitlines():
            assert line.startswith("#") or line.split("\t")[0] in ACTS, line


def test_the_classifier_names_the_act() -> None:
    model = shipped_kinds_model()
    assert model.best("Could you send me the signed order form by Friday?")[0] == "ask"
    assert model.best("I'll send you the revised quote on Monday.")[0] == "promise"
    assert model.best("We can't ship until the credit check clears.")[0] == "blocker"
    assert model.best("The quarterly numbers came in above plan.")[0] == "none"


def test_the_classifier_reads_varied_language() -> None:
    # Sentences in none of the training files: promises without "I'll", asks as needs, blockers as
    # preconditions, second-language English, and lines that look like asks but are not.
    model = shipped_kinds_model()
    cases = {
        "ask": ["The tenancy renewal needs your initials on page 3 by the 28th.",
                "We require that you send the updated W-8 form before payment.",
                "Would love your approval on the caterer by Wednesday."],
        "promise": ["You'll have the stitched panorama files from me on Sunday.",
                    "Expect the corrected payslips in your inbox on Tuesday.",
                    "We will have the boiler part replaced by the 9th."],
        "blocker": ["The refit cannot start until the council grants the permit.",
                    "We're held up on the wiring until the electrician certifies the board."],
        "none": ["Let me know if anything is unclear.", "Happy to help with anything else.",
                 "Feel free to skip this one.", "The choir concert raised $3,400 for the shelter.",
                 "Our clinic moved to the second floor last spring."],
    }
    for act, sentences in cases.items():
        for sentence in sentences:
            assert model.best(sentence)[0] == act, sentence


def test_the_classifier_adds_what_the_rules_miss(owner: Owner) -> None:
    # Neither sentence matches a rule (the rules alone find nothing); the classifier is sure of the act.
    rules_alone = EmbeddedExtractor(add_at=1.01)
    assert _items("The rollout is parked until the contract is signed.", owner) == [
        ("blocker", "Unblock: The rollout is parked until the contract is signed", None)]
    assert _items("The rollout is parked until the contract is signed.", owner, rules_alone) == []
    assert _items("Your sign-off on the floor plan by Wednesday.", owner) == [
        ("request", "Reply to Maria about deck", "2026-11-25")]
    assert _items("Your sign-off on the floor plan by Wednesday.", owner, rules_alone) == []


def test_the_classifier_adds_nothing_the_rules_would_refuse(owner: Owner) -> None:
    # A promise without a date, a condition, a link and an ask aimed at someone else stay out.
    assert _items("I'll walk the team through it at standup.", owner) == []
    assert _items("If you'd like to change your plan, visit your account settings.", owner) == []
    assert _items("Drop me the final slides, click the link when they're ready.", owner) == []
    assert _items("Bob, drop me the final slides when they're ready.", owner, cc=("bob@example.com",)) == []


def test_the_classifier_adds_promises_and_preconditions_said_without_the_rules_words(owner: Owner) -> None:
    # Owed to the owner, told as a schedule; a blocker told as "no X until Y". No rule reads either.
    assert _items("The signed lease goes out to you by courier on Friday.", owner) == [
        ("waiting", "Follow up with Maria: The signed lease goes out to you by courier", "2026-11-20")]
    assert _items("The signed lease goes out to you by courier on Friday.", owner, EmbeddedExtractor(add_at=1.01)) == []
    assert _items("No orders ship until the credit check clears.", owner) == [
        ("blocker", "Unblock: No orders ship until the credit check clears", None)]
    # Routine schedules are not work owed to anyone.
    assert _items("Our shop is going to close early on Friday.", owner) == []
    assert _items("The next issue of the newsletter goes out on Monday.", owner) == []


def test_an_ask_needs_more_certainty_than_a_promise() -> None:
    # One weight on the bias gives every sentence the same probabilities: 0.97 for the act named,
    # enough to add a promise (0.95) but not an ask (0.99).
    bias = math.log(0.97 * 3 / 0.03)
    sure_ask = EmbeddedExtractor(kinds=KindsModel({"ask": {"bias": bias}, "promise": {}, "blocker": {}, "none": {}}))
    sure_promise = EmbeddedExtractor(kinds=KindsModel({"ask": {}, "promise": {"bias": bias}, "blocker": {}, "none": {}}))
    assert round(sure_ask.kinds.best("Anything at all.")[1], 6) == 0.97
    assert sure_ask._added_act("Anything at all.", question=False) is None
    assert sure_promise._added_act("Anything at all.", question=False) == "promise"
    assert sure_promise._added_act("Anything at all?", question=True) is None
    assert not sure_ask.shipped and EmbeddedExtractor().shipped
