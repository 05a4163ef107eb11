"""What the owner let a "Still relevant?" pass: it stays open, after the rest of its section,
and is not nudged again, until something touches it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from agent.app import App
from agent.clock import fixed
from agent.cycle import compose_brief, sync_once
from agent.settings import load

LONDON = ZoneInfo("Europe/London")


def test_a_wait_the_owner_let_a_still_relevant_pass_is_not_nudged_again(demo_dir: Path) -> None:
    """Asked about once and left: after the other waits, and without the daily nudge."""
    from planner.brief import to_json

    later = datetime(2026, 12, 3, 7, 30, tzinfo=LONDON)  # every demo wait is overdue by then
    app = App(load(demo_dir / "focusd.toml"), fixed(later))
    sync_once(app)
    before = to_json(compose_brief(app, later.date()))
    nudged = [row["id"] for row in before["waiting"] if row.get("followup")]
    assert len(nudged) >= 2, before["waiting"]
    app.store.mark_asked_stale([nudged[0]])
    after = to_json(compose_brief(app, later.date()))
    rows = {row["id"]: row for row in after["waiting"]}
    assert nudged[0] in rows and "followup" not in rows[nudged[0]]
    assert rows[nudged[1]].get("followup")
    assert [row["id"] for row in after["waiting"]][-1] == nudged[0]  # after the others
