"""Keeping the list true: does later mail close the work it finished, and nothing else?

    python bench/completion.py [--dev-misses]

Each evaluation week with a ``closures.json`` (beside its ``gold.json``: for each labelled piece of
work, the first later message that shows it finished, or null) is read as a daemon would read
it: day by day, oldest first, each day's mail in one sync, through the whole graph into a fresh
store. Then each labelled item the extractor found is compared with its label:

- closed: labelled closed, and the store closed it (with the note that quotes why);
- left open: labelled closed, and the store still lists it (a stale line in the brief);
- closed wrongly: labelled open, and the store closed it (work dropped from the brief).

Each morning after the first, before that day's mail, it also takes the three best-ranked open
pieces of work (what leads the brief, without goals or a calendar) and counts those the labels
show finished already, and how much of the work due that day, not yet finished, is among them.

The labels were written by people who had not read the completion rules. Held-out weeks (see
bench/agent.py) are scored, never printed item by item.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python bench/completion.py
    sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.clock import fixed  # noqa: E402
from agent.extractors.embedded import EmbeddedExtractor  # noqa: E402
from agent.graph import run_batch  # noqa: E402
from agent.state import Context  # noqa: E402
from bench.agent import EVAL_WEEKS, HELD_OUT, WEEKS, Week, load_week  # noqa: E402
from connectors.mime import try_parse  # noqa: E402
from connectors.types import Message  # noqa: E402
from planner.models import Item  # noqa: E402
from planner.priority import rank  # noqa: E402
from planner.store import Store  # noqa: E402


@dataclasses.dataclass
class Closures:
    """One week's figures against its closure labels."""

    name: str
    labelled: int = 0  # labelled items the extractor found
    should_close: int = 0
    closed: int = 0  # of those, closed by the store
    closed_wrongly: int = 0  # labelled open, closed by the store
    picks: int = 0  # focus picks on the mornings after the first
    stale_picks: int = 0  # of those, work the labels show finished before that morning
    due_today: int = 0  # open work due that morning and not yet finished
    due_today_picked: int = 0  # of that, among the focus picks
    left_open: list[tuple[dict[str, str | None], Item]] = dataclasses.field(default_factory=list)
    wrong: list[tuple[dict[str, str | None], Item]] = dataclasses.field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.closed / self.should_close if self.should_close else 1.0

    @property
    def precision(self) -> float:
        return self.closed / (self.closed + self.closed_wrongly) if self.closed + self.closed_wrongly else 1.0


def week_messages(root: Path) -> list[Message]:
    """The week's messages oldest first, those of ``.Sent`` marked as read from the Sent folder
    (as a sync marks them: the owner's mail counts as the owner's only from there)."""
    out = []
    for sub, folder in (("cur", "INBOX"), ("new", "INBOX"), (".Sent/cur", "Sent"), (".Sent/new", "Sent")):
        for p in sorted((root / "mail" / sub).glob("*")):
            msg = try_parse(p.read_bytes())[0] if p.is_file() else None
            if msg is not None:
                out.append(dataclasses.replace(msg, folder=folder))
    return sorted(out, key=lambda m: m.date)


FOCUS = 3  # the brief's default [brief].max_focus


def replay(week: Week, root: Path, mornings: dict[str, tuple[list[int], list[int]]] | None = None) -> list[Item]:
    """The week's mail through the graph day by day (in the owner's zone), into a fresh store.
    With ``mornings``, each day before its mail is read: the ids of the open work that would
    lead that morning's brief (the best ranked, no goals, no calendar), and of the open work due
    that day, by day."""
    messages = week_messages(root)
    days: dict[str, list[Message]] = defaultdict(list)
    for m in messages:
        days[m.date.astimezone(week.owner.tz).date().isoformat()].append(m)
    store = Store.open(":memory:", fixed(messages[-1].date))
    for day in sorted(days):
        if mornings is not None:
            ranked = [i for i in rank(store.items(("open",)), [], date.fromisoformat(day)) if i.kind != "waiting"]
            mornings[day] = ([i.id or 0 for i in ranked[:FOCUS]],
                             [i.id or 0 for i in ranked if i.due and i.due[:10] == day])
        batch = days[day]
        ctx = Context(extractor=EmbeddedExtractor(), owner=week.owner, clock=fixed(batch[-1].date), store=store)
        run_batch(batch, ctx)
    return store.all_items()


def score(name: str, labels: list[dict[str, str | None]], items: list[Item],
          found: dict[int, dict[str, str | None]] | None = None) -> Closures:
    """The week's figures; ``found`` (when given) gets each labelled item's label by item id."""
    out = Closures(name)
    free = list(items)
    for g in labels:
        evidence = str(g["evidence"]).lower()
        hit = next((i for i in free if i.message_id == g["message_id"] and i.kind == g["kind"]
                    and evidence in i.evidence.lower()), None)
        if hit is None:
            continue
        free.remove(hit)
        out.labelled += 1
        if found is not None and hit.id is not None:
            found[hit.id] = g
        closed = hit.status != "open"
        if g.get("closed_by"):
            out.should_close += 1
            if closed:
                out.closed += 1
            else:
                out.left_open.append((g, hit))
        elif closed:
            out.closed_wrongly += 1
            out.wrong.append((g, hit))
    return out


def _mornings(r: Closures, mornings: dict[str, tuple[list[int], list[int]]], found: dict[int, dict[str, str | None]],
              dates: dict[str, datetime], week: Week) -> None:
    """Each morning after the first: how many focus picks the labels show finished before that
    day, and how much of the work due that day (and not yet finished) is among them."""
    def done(item_id: int, start: datetime) -> bool:
        closer = (found.get(item_id) or {}).get("closed_by")
        return bool(closer) and str(closer) in dates and dates[str(closer)] < start

    for day, (picks, due) in sorted(mornings.items())[1:]:
        start = datetime.combine(date.fromisoformat(day), datetime.min.time(), week.owner.tz)
        r.picks += len(picks)
        r.stale_picks += sum(1 for i in picks if done(i, start))
        live = [i for i in due if not done(i, start)]
        r.due_today += len(live)
        r.due_today_picked += sum(1 for i in live if i in picks)


def completion(show_dev_misses: bool = False) -> list[Closures]:
    results = []
    print("== completion: later mail closes the work it finished (day-by-day syncs) ==")
    print(f"{'week':<14} {'found':>5} {'to close':>8} {'closed':>6} {'recall':>7} {'wrong':>5} {'precision':>9}"
          f" {'focus: finished':>15} {'due today in focus':>18}")
    for name in EVAL_WEEKS:
        path = WEEKS / name / "closures.json"
        if not path.is_file():
            continue
        week = load_week(WEEKS / name)
        labels = json.loads(path.read_text())["closures"]
        mornings: dict[str, tuple[list[int], list[int]]] = {}
        found: dict[int, dict[str, str | None]] = {}
        r = score(name, labels, replay(week, WEEKS / name, mornings), found)
        _mornings(r, mornings, found, {m.message_id: m.date for m in week_messages(WEEKS / name)}, week)
        results.append(r)
        star = "*" if name in HELD_OUT else ""
        print(f"{name + star:<14} {r.labelled:>5} {r.should_close:>8} {r.closed:>6} {r.recall:>7.2f} "
              f"{r.closed_wrongly:>5} {r.precision:>9.2f} {f'{r.stale_picks}/{r.picks}':>15} "
              f"{f'{r.due_today_picked}/{r.due_today}':>18}")
        if show_dev_misses and name not in HELD_OUT:
            for g, item in r.left_open:
                print(f"   open   {item.kind}: {item.title[:70]!r} <- closed by {g['closed_by']} ({g.get('how')}): "
                      f"{str(g.get('quote'))[:90]!r}")
            for _, item in r.wrong:
                print(f"   wrong  {item.kind}: {item.title[:70]!r} <- {(item.notes or [''])[-1][:140]!r}")
    for group, names in (("development", [r for r in results if r.name not in HELD_OUT]),
                         ("held out", [r for r in results if r.name in HELD_OUT])):
        if names:
            to_close = sum(r.should_close for r in names)
            closed = sum(r.closed for r in names)
            wrong = sum(r.closed_wrongly for r in names)
            print(f"{group:<14} closed {closed}/{to_close} ({closed / max(1, to_close):.0%}), "
                  f"closed wrongly {wrong} (precision {closed / max(1, closed + wrong):.2f}); "
                  f"focus picks already finished {sum(r.stale_picks for r in names)}/{sum(r.picks for r in names)}, "
                  f"work due that day in focus {sum(r.due_today_picked for r in names)}/"
                  f"{sum(r.due_today for r in names)}")
    return results


def main() -> None:
    logs.configure(verbose=False, level="error")
    completion(show_dev_misses="--dev-misses" in sys.argv)


if __name__ == "__main__":
    main()
