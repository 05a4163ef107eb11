from __future__ import annotations

from pathlib import Path

from agent.extractors import train_kinds
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.extractors.kinds import shipped_kinds_model
from tests.conftest import make_message

SHIPPED = Path(train_kinds.__file__).with_name("kinds_model.json")


def _items(text: str, owner: Owner, **kw: object) -> list[tuple[str, str, str | None]]:
    return [(i.kind, i.title, i.due) for i in EmbeddedExtractor().extract(make_message(text, **kw), owner)]  # type: ignore[arg-type]


def test_training_reproduces_the_shipped_model_and_it_is_small() -> None:
    model = train_kinds.train(train_kinds.load_rows(SHIPPED.with_name("kinds_train.tsv")))
    assert model.to_json() + "\n" == SHIPPED.read_text()
    assert SHIPPED.stat().st_size < 5_000_000


def test_the_classifier_names_the_act() -> None:
    model = shipped_kinds_model()
    assert model.best("Could you send me the signed order form by Friday?")[0] == "ask"
    assert model.best("I'll send you the revised quote on Monday.")[0] == "promise"
    assert model.best("We can't ship until the credit check clears.")[0] == "blocker"
    assert model.best("The quarterly numbers came in above plan.")[0] == "none"


def test_the_classifier_adds_what_the_rules_miss(owner: Owner) -> None:
    # Neither sentence matches a rule; the classifier is sure of the act.
    assert _items("The rollout is paused until the contract is signed.", owner) == [
        ("blocker", "Unblock: The rollout is paused until the contract is signed", None)]
    assert _items("Drop me the final slides when they're ready.", owner) == [
        ("request", "Reply to Maria about deck", None)]


def test_the_classifier_adds_nothing_the_rules_would_refuse(owner: Owner) -> None:
    # A promise without a date, a condition, a link and an ask aimed at someone else stay out.
    assert _items("I'll walk the team through it at standup.", owner) == []
    assert _items("If you'd like to change your plan, visit your account settings.", owner) == []
    assert _items("Drop me the final slides, click the link when they're ready.", owner) == []
    assert _items("Bob, drop me the final slides when they're ready.", owner, cc=("bob@example.com",)) == []
