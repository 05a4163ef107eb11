"""The demo week end to end: the gold labels, the skipped mail, and a brief that makes sense."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agent.app import App
from agent.cli import main
from agent.clock import fixed
from agent.cycle import send_brief, sync_once
from agent.settings import load
from planner.models import Item
from tests.conftest import DEMO_NOW

GOLD = json.loads((Path(__file__).parent / "gold" / "demo_items.json").read_text())
GOLD_BRIEF = Path(__file__).parent / "gold" / "demo_brief.txt"
REGOLD = "if the change is meant, regenerate it: python -m agent.cli demo > tests/gold/demo_brief.txt"


def _run(demo_dir: Path) -> App:
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    return app


def _matches(gold: dict[str, str], item: Item) -> bool:
    return (item.message_id == gold["message_id"] and item.kind == gold["kind"]
            and gold["evidence"].lower() in item.evidence.lower())


def test_the_week_has_at_least_thirty_messages(demo_dir: Path) -> None:
    inbox = list((demo_dir / "mail" / "cur").glob("*.demo*"))
    sent = list((demo_dir / "mail" / ".Sent" / "cur").glob("*.demo*"))
    assert len(inbox) + len(sent) >= 30 and len(sent) >= 5


def test_precision_and_recall_against_the_gold_labels(demo_dir: Path) -> None:
    items = _run(demo_dir).store.all_items()
    gold = GOLD["items"]
    true_pos = [g for g in gold if any(_matches(g, i) for i in items)]
    correct = [i for i in items if any(_matches(g, i) for g in gold)]
    recall = len(true_pos) / len(gold)
    precision = len(correct) / len(items)
    missed = [g for g in gold if g not in true_pos]
    extra = [(i.message_id, i.kind, i.evidence) for i in items if i not in correct]
    assert recall >= 0.85, missed
    assert precision >= 0.85, extra


def test_newsletters_notifications_and_the_hostile_message_yield_nothing(demo_dir: Path) -> None:
    app = _run(demo_dir)
    by_source = {i.message_id for i in app.store.all_items()}
    for message_id in GOLD["no_items"]:
        assert message_id not in by_source, message_id
    assert app.store.message("<h1@leadgen.example>")["skipped"] == "hostile"
    assert app.store.message("<nl1@foundersdigest.example>")["skipped"] == "bulk"
    assert app.store.message("<nl2@saasmetrics.example>")["skipped"] == "bulk"
    assert app.store.message("<cal1@google.com>")["skipped"] == "bulk"
    # The hostile message asked for every task to be marked done. The one item not open is the
    # question Maria answered in her reply.
    closed = [(i.message_id, i.status) for i in app.store.all_items() if i.status != "open"]
    assert closed == [("<s1.ada@loom.example>", "done")]


def test_the_brief_puts_the_deck_first_and_is_sent_once(demo_dir: Path) -> None:
    app = _run(demo_dir)
    result = send_brief(app, app.today())
    assert result.outcome == "sent" and result.sent_at and str(demo_dir / "outbox") in result.via
    brief = result.brief
    focus = [bl.item.title for bl in brief.lines if bl.section == "focus" and bl.item]
    assert focus[0] == "Send Maria the updated deck with the Q3 numbers"
    assert len(focus) == 3
    assert brief.subject == "Focus Thu 19 Nov: Send Maria the updated deck with the Q3 numbers (+2)"
    meetings = [bl.meeting.title for bl in brief.lines if bl.meeting and bl.section == "meetings"]
    assert meetings == ["Team standup", "1:1 Ada / Tom (moved)", "Final interview: Alex Kim (culture round)",
                        "Call with Maria Chen (Northwind)"]
    tomorrow = [bl.meeting.title for bl in brief.lines if bl.meeting and bl.section == "tomorrow"]
    assert tomorrow and "Board prep" in tomorrow
    outbox = list((demo_dir / "outbox").glob("*.eml"))
    assert len(outbox) == 1
    raw = outbox[0].read_bytes()
    assert b"Message-ID: <focusd-brief." in raw and b"@loom.example>" in raw
    stored = app.store.brief(app.today())
    assert stored["sent_at"] and stored["lines"]["1"] == brief.lines[0].item.id
    again = send_brief(app, app.today())
    assert again.outcome == "already_sent" and again.sent_at == result.sent_at and again.via == result.via
    assert len(list((demo_dir / "outbox").glob("*.eml"))) == 1


def test_the_demo_brief_matches_its_golden_file(demo_dir: Path) -> None:
    app = _run(demo_dir)
    text = send_brief(app, app.today()).brief.text
    assert text == GOLD_BRIEF.read_text(), f"the demo's brief changed; {REGOLD}"


def test_focusd_demo_prints_the_golden_brief(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["demo"])
    assert done.value.code == 0
    assert capsys.readouterr().out == GOLD_BRIEF.read_text(), f"the demo's brief changed; {REGOLD}"


def test_the_readme_shows_the_demo_brief() -> None:
    """The README's demo block is the demo's output: regenerated from the golden file."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    blocks = re.findall(r"```text\n(Good morning, .*?)```", readme, flags=re.S)
    assert blocks and blocks[0] == GOLD_BRIEF.read_text(), "the README's demo block differs from the demo's brief"
