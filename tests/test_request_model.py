from __future__ import annotations

from pathlib import Path

from agent.extractors import train
from agent.extractors.model import features, request_features
from tests.conftest import shared_data

SHIPPED = Path(train.__file__).with_name("request_model.json")

# A small fixed slice: training twice on it must write the same file.
SLICE = [
    ("Could you send me the signed order form by Friday?", True),
    ("Please review the draft and reply with comments.", True),
    ("Call me when you land.", True),
    ("Can you confirm the room for Tuesday?", True),
    ("Let me know which slot works for you.", True),
    ("The quarterly numbers came in above plan.", False),
    ("We met with the auditors yesterday.", False),
    ("Thanks for the update.", False),
    ("I'll send the revised quote on Monday.", False),
    ("The office is closed on the holiday.", False),
]


def test_training_is_deterministic() -> None:
    assert train.train(SLICE).to_json() == train.train(SLICE).to_json()


def test_training_reproduces_the_shipped_model_and_it_is_small() -> None:
    rows, _ = train.split(train.load_rows(shared_data("requests", "parakweet-ask-train.tsv")))
    assert train.train(rows).to_json() + "\n" == SHIPPED.read_text()
    assert SHIPPED.stat().st_size < 5_000_000


def test_the_request_model_adds_the_opening_and_a_length_band() -> None:
    sentence = "Could you send me the signed order form by Friday?"
    assert request_features(sentence) == (*features(sentence), "open:could_you", "len:medium")
    assert request_features("Call me.")[-2:] == ("open:call_me", "len:short")
    assert request_features("Thanks")[-1] == "len:short"
    assert "open:" not in " ".join(request_features("Thanks"))
    assert request_features(" ".join(["word"] * 40))[-1] == "len:longer"
