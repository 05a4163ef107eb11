"""The brief reads only what it can show: composed from a bounded pick of the stored scores, it
is the very brief composed from every open item at once (text, HTML, data and line numbers),
on a store with many more open items than a brief has lines."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path

import pytest

from agent import cycle
from agent.app import App
from agent.settings import load
from planner import brief as brief_mod
from planner.models import Item
from tests.conftest import DEMO_NOW

KINDS = ["request", "request", "commitment", "waiting", "waiting", "blocker"]
SENDERS = ["maria@northwind.vc", "dana@acme.example", "deals@shop.example", "news@stranger.example"]
SUBJECTS = ["Seed round deck", "Acme pilot", "50% off everything, last chance", "Black Friday deals", "Hiring"]


class Clock:
    def __init__(self) -> None:
        self.now = DEMO_NOW

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now


def _fill(app: App, rng: random.Random, n: int, today, undated: float = 0.35) -> None:  # type: ignore[no-untyped-def]
    ids = sorted(app.store.open_ids())
    for k in range(n):
        kind = rng.choice(KINDS if undated < 0.5 else KINDS[:-1])  # mostly undated: no blockers either
        sender = rng.choice(SENDERS)
        due = None if rng.random() < undated else (today + timedelta(days=rng.randint(-25, 8))).isoformat()
        item = Item(kind=kind, title=f"{rng.choice(['Send', 'Review', 'Approve', 'Call'])} the "
                                     f"{rng.choice(['deck', 'pilot plan', 'invoice', 'term sheet'])} {k}",
                    evidence=f"Could you handle item {k}?", counterparty=sender, due=due,
                    source={"from": sender, "subject": rng.choice(SUBJECTS), "message_id": f"<r{k}@x>",
                            "date": (DEMO_NOW - timedelta(days=rng.randint(0, 40))).isoformat()})
        item_id = app.store.add_item(item)
        fields: dict[str, object] = {}
        if rng.random() < 0.4:  # untouched for a while: some are stale
            fields["updated_at"] = (DEMO_NOW - timedelta(days=rng.randint(0, 40))).isoformat(timespec="seconds")
        if rng.random() < 0.03:
            fields |= {"pinned": 1, "pinned_on": today.isoformat()}
        if kind == "blocker" and ids and rng.random() < 0.5:
            fields["blocks"] = json.dumps(rng.sample(ids, min(2, len(ids))))
        if fields:
            app.store.update_item(item_id, fields)
        ids.append(item_id)


def _both(app: App) -> tuple[object, object]:
    day = app.today()
    picked = cycle._compose_brief(app, day)
    whole = cycle._compose_brief(app, day, pick=False)
    return picked, whole


def _same(picked, whole) -> None:  # type: ignore[no-untyped-def]
    assert picked.text == whole.text
    assert picked.html == whole.html
    assert brief_mod.to_json(picked) == brief_mod.to_json(whole)
    assert picked.line_map() == whole.line_map()


@pytest.mark.parametrize("seed,undated", [(1, 0.35), (2, 0.35), (5, 0.35), (3, 0.9)])
def test_a_brief_picked_from_the_stored_scores_is_the_brief_of_every_open_item(demo_dir: Path, seed: int,
                                                                              undated: float) -> None:
    """Mostly dated items fill every section; undated ones without blockers leave focus to rank
    alone."""
    rng = random.Random(seed)
    clock = Clock()
    app = App(load(demo_dir / "focusd.toml"), clock)
    cycle.sync_once(app)
    _fill(app, rng, 220, app.today(), undated)
    reads: list[int] = []
    original = app.store.items

    def counting(statuses=("open",)):  # type: ignore[no-untyped-def]
        out = original(statuses)
        reads.append(len(out))
        return out

    for day in range(6):
        cycle.rerank(app)
        app.store.items = counting  # type: ignore[method-assign]
        picked, whole = _both(app)
        app.store.items = original  # type: ignore[method-assign]
        _same(picked, whole)
        assert reads[-1] > 200  # the reference read every open item at once
        more = picked.more  # type: ignore[attr-defined]
        assert more.get("waiting", 0) > 0  # sections were cut
        assert more.get("due_soon", 0) > 0 or undated > 0.5
        assert more.get("focus", 0) > 0  # open work beyond focus that no section shows is counted
        if day % 2 == 0:  # a sent brief: the next one re-plans what it planned
            assert cycle.send_brief(app, app.today()).outcome in ("sent", "not_working_day")
        for item_id in rng.sample(sorted(app.store.open_ids()), 8):  # the owner closes a few
            app.store.update_item(item_id, {"status": "done"})
        _fill(app, rng, 15, app.today(), undated)
        clock.now += timedelta(days=1)


def test_the_pick_holds_far_fewer_items_than_are_open(demo_dir: Path) -> None:
    clock = Clock()
    app = App(load(demo_dir / "focusd.toml"), clock)
    cycle.sync_once(app)
    _fill(app, random.Random(9), 400, app.today())
    cycle.rerank(app)
    weights = cycle.planner_weights(app)
    chosen = cycle._pick_for_brief(app, app.today(), cycle.correspondents(app).known, weights, app.store.touched(),
                                   set())
    assert len(chosen.items) < len(app.store.open_ids()) / 4
    assert sum(chosen.unlisted.values()) > 100
