"""Re-ranking after each cycle: skipped when nothing a score depends on changed, done again
when an item, a goal or the day changes, and read a chunk at a time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from agent import cycle
from agent.app import App
from agent.settings import load
from tests.conftest import DEMO_NOW


class Clock:
    def __init__(self) -> None:
        self.now = DEMO_NOW

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now


def _scores(app: App) -> dict[int, tuple[float | None, list[str]]]:
    return {i.id: (i.score, i.reasons) for i in app.store.items(("open",)) if i.id is not None}


def test_rerank_is_skipped_without_change_and_redone_on_each_kind_of_change(demo_dir: Path,
                                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    app = App(load(demo_dir / "focusd.toml"), clock)
    monkeypatch.setattr(cycle, "RERANK_CHUNK", 3)  # several chunks on the demo week
    cycle.sync_once(app)
    before = _scores(app)
    assert before and all(score is not None for score, _ in before.values())
    reads = []
    original = app.store.iter_items
    app.store.iter_items = lambda *a, **k: (reads.append(1), original(*a, **k))[1]  # type: ignore[method-assign]
    partial = app.store.rank_candidates  # a same-day change scores what changed, not every item
    app.store.rank_candidates = lambda *a, **k: (reads.append(1), partial(*a, **k))[1]  # type: ignore[method-assign]
    cycle.rerank(app)
    assert reads == []  # nothing changed: not scored again

    target = next(iter(before))
    with app.store.write():
        app.store.db.execute("UPDATE items SET pinned = 1 WHERE id = ?", [target])
    cycle.rerank(app)
    assert reads == [1]
    pinned = _scores(app)[target]
    assert pinned[0] == (before[target][0] or 0) + 10 and "pinned for today" in pinned[1]

    clock.now += timedelta(days=30)  # another day: every due date is now overdue
    cycle.rerank(app)
    later = _scores(app)
    assert any("overdue" in " ".join(reasons) for _, reasons in later.values())
    assert later != pinned

    config = demo_dir / "focusd.toml"  # a new goal counts at once
    config.write_text(config.read_text() + '\n[[goals]]\ntitle = "Hire a designer"\nkeywords = ["deck"]\nweight = 5\n')
    app2 = App(load(config), clock)
    cycle.rerank(app2)
    assert any("goal: Hire a designer" in reasons for _, reasons in _scores(app2).values())


def test_a_pin_lasts_the_day_it_was_asked_on(demo_dir: Path) -> None:
    from zoneinfo import ZoneInfo

    from agent.replies import Command, parse_line

    today = DEMO_NOW.date()
    top = parse_line("top 2", today, ZoneInfo("Europe/London"))
    assert isinstance(top, Command) and top.lines == (2,) and top.when == today.isoformat()

    clock = Clock()
    app = App(load(demo_dir / "focusd.toml"), clock)
    cycle.sync_once(app)
    target = next(i.id for i in app.store.items(("open",)) if i.id is not None)
    app.store.update_item(target, {"pinned": 1, "pinned_on": today.isoformat()})
    cycle.rerank(app)
    assert app.store.item(target).pinned  # type: ignore[union-attr]  # still today
    clock.now += timedelta(days=1)
    cycle.rerank(app)
    item = app.store.item(target)
    assert item is not None and not item.pinned and "pinned for today" not in item.reasons


def test_rerank_keeps_every_reason_with_its_points_and_lifts_a_blocker(demo_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from agent.cli import cli

    clock = Clock()
    app = App(load(demo_dir / "focusd.toml"), clock)
    cycle.sync_once(app)
    ranked = sorted(app.store.items(("open",)), key=lambda i: -(i.score or 0))
    top, low = ranked[0], ranked[-1]
    assert all(i.contributions and i.score == round(sum(p for _, p in i.contributions), 2) for i in ranked)
    # The lowest item blocks the top one: it now ranks above it, and the top one is held down.
    app.store.update_item(low.id, {"blocks": f"[{top.id}]"})  # type: ignore[arg-type]
    app.store.update_item(top.id, {"blocked_by": f"[{low.id}]"})  # type: ignore[arg-type]
    cycle.rerank(app)
    lifted, held = app.store.item(low.id), app.store.item(top.id)  # type: ignore[arg-type]
    assert lifted is not None and held is not None and (lifted.score or 0) > (held.score or 0)
    assert any(r.startswith("blocks “") for r in lifted.reasons) and f"blocked by item {low.id}" in held.reasons
    app.store.close_item(low.id, "done")  # type: ignore[arg-type]
    cycle.rerank(app)
    cleared = app.store.item(top.id)  # type: ignore[arg-type]
    assert cleared is not None and (cleared.score or 0) > (held.score or 0)
    assert not any(r.startswith("blocked by") for r in cleared.reasons)
    app.close()

    capsys.readouterr()
    cli.main(["--config", str(demo_dir / "focusd.toml"), "items", "--json"], standalone_mode=False)
    import json

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    first = next(r for r in rows if r["id"] == top.id)
    assert first["score"] == cleared.score and first["contributions"] == [
        {"reason": r, "points": p} for r, p in cleared.contributions]


def test_the_stored_ranking_is_the_one_a_brief_would_work_out(demo_dir: Path) -> None:
    """The cycle's re-rank (stored scores) and ranking afresh agree on every open item of the
    demo week, goal blockers included, so a brief may use either."""
    from agent.clock import fixed
    from agent.cycle import correspondents, goals, planner_weights, rerank, sync_once
    from planner.priority import rank

    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    rerank(app)
    stored = {i.id: (i.score, i.contributions, i.goal) for i in app.store.items()}
    fresh = rank(app.store.items(), goals(app), app.today(), known=correspondents(app).known,
                 weights=planner_weights(app), touched=app.store.touched())
    assert {i.id: (i.score, i.contributions, i.goal) for i in fresh} == stored
    assert any(r.startswith("blocks “") for _, (_, parts, _) in stored.items() for r, _ in parts)


@pytest.mark.parametrize("seed", [2, 3, 7, 23])
def test_a_rerank_of_what_changed_gives_the_scores_a_full_one_gives(demo_dir: Path, seed: int) -> None:
    """Seeded random changes of every kind a score depends on, on one day: after each, the
    re-rank that scores only what changed must store what scoring every open item stores."""
    import random

    from agent import replies  # noqa: F401 - the store API the reply language uses
    from planner.models import Item

    clock = Clock()
    app = App(load(demo_dir / "focusd.toml"), clock)
    cycle.sync_once(app)
    rng = random.Random(seed)  # 2, 3 and 23 catch a note that moved no score (7 does not)
    scored_again: list[int] = []
    original = app.store.items_by_id

    def counting(ids):  # type: ignore[no-untyped-def]
        ids = list(ids)
        scored_again.append(len(ids))
        return original(ids)

    app.store.items_by_id = counting  # type: ignore[method-assign]
    for step in range(40):
        clock.now += timedelta(minutes=5)
        ids = sorted(app.store.open_ids())
        target = rng.choice(ids)
        op = rng.choice(["due", "done", "pin", "snooze", "block", "add", "undo_fields", "title", "note", "touch"])
        if op == "due":
            app.store.update_item(target, {"due": (clock.now.date() + timedelta(days=rng.randint(-9, 9))).isoformat()})
        elif op == "done":
            app.store.update_item(target, {"status": rng.choice(["done", "dropped"])})
        elif op == "pin":
            app.store.update_item(target, {"pinned": 1, "pinned_on": clock.now.date().isoformat()})
        elif op == "snooze":
            app.store.update_item(target, {"status": "snoozed", "snoozed_until": "2026-11-19"})  # wakes at once
        elif op == "block":
            other = rng.choice(ids)
            if other != target:
                app.store.update_item(target, {"kind": "blocker", "blocks": f"[{other}]"})
        elif op == "add":
            app.store.add_item(Item(kind="request", title=f"New ask {step} about the deck", evidence="x",
                                    source={"from": "maria@northwind.vc"}, counterparty="maria@northwind.vc",
                                    due=clock.now.date().isoformat()))
        elif op == "undo_fields":  # an undo writes an older updated_at back: "untouched for weeks"
            app.store.update_item(target, {"pinned": 0, "updated_at": "2026-10-01T00:00:00+00:00"})
        elif op == "note":  # `note N ...`: touched now, nothing else a score reads
            app.store.update_item(target, {"notes": f'["note {step}"]'})
        elif op == "touch":  # a message that restates the item: only its time moves
            app.store.update_item(target, {})
        else:
            app.store.update_item(target, {"title": f"Send the deck v{step}"})
        cycle.rerank(app)
        incremental = _scores(app)
        app.store.set_status("rank", {})  # forget the last re-rank: score every open item
        cycle.rerank(app)
        assert _scores(app) == incremental, (step, op)
    # Most re-ranks scored a handful of items, not all of them.
    open_now = len(app.store.open_ids())
    assert scored_again and sorted(scored_again)[len(scored_again) // 2] < open_now / 2
