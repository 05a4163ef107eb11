"""Progress toward goals without manual updates: what moved since a time, and what is next,
drawn from items' status, kind, goal and when they last changed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from planner.models import GoalProgress, Item
from planner.priority import GoalRef, matching_goal
from planner.store import Store


def _who(counterparty: str) -> str:
    """A person as a line names them: the part before the @, capitalised, for a bare address."""
    name = counterparty.split("@", 1)[0] if "@" in counterparty else counterparty
    return name.replace(".", " ").strip().title() if "@" in counterparty else name.strip()


def _overdue(item: Item, today: date) -> bool:
    due = item.due_date()
    return due is not None and due < today


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def progress_from(items: Iterable[tuple[Item, str]], goals: Iterable[GoalRef | str], since: str, today: date
                  ) -> list[GoalProgress]:
    """Per goal, from (item, updated_at) pairs: the items done since ``since`` (UTC, ISO),
    waiting items answered, blockers cleared, and the next open item (highest score, then the
    earliest due; one already overdue on ``today`` first). Goals with nothing moved and nothing
    next are left out. An item closed before it was ever ranked has no goal yet: given
    :class:`GoalRef` goals, it is matched by their keywords."""
    goals = list(goals)
    refs = [g for g in goals if isinstance(g, GoalRef)]
    titles = [g.title if isinstance(g, GoalRef) else g for g in goals]
    by_goal: dict[str, list[tuple[Item, str]]] = {}
    for item, updated in items:
        # An open item's goal is its rank's; only one closed before it was ranked lacks one.
        goal = item.goal or (ref.title if refs and item.status != "open" and (ref := matching_goal(item, refs))
                             else None)
        if goal:
            by_goal.setdefault(goal, []).append((item, updated))
    out = []
    for goal in titles:
        mine = by_goal.get(goal, [])
        moved_now = [i for i, updated in mine if i.status == "done" and updated > since]
        answered = [i for i in moved_now if i.kind == "waiting"]
        cleared = [i for i in moved_now if i.kind == "blocker"]
        done = [i for i in moved_now if i.kind not in ("waiting", "blocker")]
        moved = []
        if done:
            moved.append(f"{_plural(len(done), 'item')} done")
        if answered:
            names = list(dict.fromkeys(_who(i.counterparty) for i in answered if i.counterparty))
            moved.append(f"{', '.join(names)} answered" if names else f"{_plural(len(answered), 'reply')} came in")
        if cleared:
            moved.append(f"{_plural(len(cleared), 'blocker')} cleared")
        open_ = [i for i, _ in mine if i.status == "open" and not i.blocked_by]
        open_ = open_ or [i for i, _ in mine if i.status == "open"]
        # What is already late comes next whatever its score: it is what the goal waits on.
        open_.sort(key=lambda i: (not _overdue(i, today), -(i.score or 0.0), i.due or "9999", i.id or 0))
        nxt = open_[0].title if open_ else ""
        if moved or nxt:
            out.append(GoalProgress(goal=goal, moved=moved, next=nxt))
    return out


def goal_progress(store: Store, goals: Iterable[GoalRef | str], since: str, today: date) -> list[GoalProgress]:
    """Per goal in ``goals`` (refs or titles), what moved since ``since`` (UTC, ISO) and what is next,
    read from the store; see :func:`progress_from`."""
    changed = store.items_with_times(("done",), changed_since=since)
    return progress_from([*((i, "") for i in store.items(("open",))), *((i, u) for i, _, u in changed)],
                         goals, since, today)
