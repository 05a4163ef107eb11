"""Progress toward goals without manual updates: what moved since a time, and what is next,
drawn from items' status, kind, goal and when they last changed."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from itertools import chain

from planner.models import GoalProgress, Item
from planner.priority import GoalRef, matching_goal
from planner.store import Store

OPEN_CHUNK = 500  # open items read at a time by goal_progress


def _who(counterparty: str) -> str:
    """A person as a line names them: the part before the @, capitalised, for a bare address."""
    name = counterparty.split("@", 1)[0] if "@" in counterparty else counterparty
    return name.replace(".", " ").strip().title() if "@" in counterparty else name.strip()


def _overdue(item: Item, today: date) -> bool:
    due = item.due_date()
    return due is not None and due < today


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def progress_from(items: Iterable[tuple[Item, str]], goals: Iterable[GoalRef | str], since: str, today: date,
                  aside: Collection[int] = ()) -> list[GoalProgress]:
    """Per goal, from (item, updated_at) pairs: the items done since ``since`` (UTC, ISO),
    waiting items answered, blockers cleared, and the next open item (highest score, then the
    earliest due; one already overdue on ``today`` first). Every goal has its line: one that
    nothing moved and no open item serves says so, since a goal just set by reply, or one the mail
    never speaks of, is what the owner most needs to see. An item closed before it was ever ranked has no goal yet: given
    :class:`GoalRef` goals, it is matched by their keywords. An item in ``aside`` (the owner let a
    "Still relevant?" about it pass) is next only when nothing else is."""
    goals = list(goals)
    refs = [g for g in goals if isinstance(g, GoalRef)]
    titles = [g.title if isinstance(g, GoalRef) else g for g in goals]
    # Read once, keeping per goal what moved and the best next item so far (one that is not
    # itself blocked, and any): a store of thousands of open items is not held in memory.
    moved_by: dict[str, list[Item]] = {}
    best_free: dict[str, tuple[tuple[bool, bool, float, str, int], Item]] = {}
    best_any: dict[str, tuple[tuple[bool, bool, float, str, int], Item]] = {}
    for item, updated in items:
        # An open item's goal is its rank's; only one closed before it was ranked lacks one.
        goal = item.goal or (ref.title if refs and item.status != "open" and (ref := matching_goal(item, refs))
                             else None)
        if not goal:
            continue
        if item.status == "done" and updated > since:
            moved_by.setdefault(goal, []).append(item)
        elif item.status == "open":
            # What is already late comes next whatever its score: it is what the goal waits on.
            key = (item.id in aside, not _overdue(item, today), -(item.score or 0.0), item.due or "9999", item.id or 0)
            if goal not in best_any or key < best_any[goal][0]:
                best_any[goal] = (key, item)
            if not item.blocked_by and (goal not in best_free or key < best_free[goal][0]):
                best_free[goal] = (key, item)
    passed = {g.title: g.deadline for g in refs if g.deadline is not None and g.deadline < today}
    out = []
    for goal in titles:
        moved_now = moved_by.get(goal, [])
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
        best = best_free.get(goal) or best_any.get(goal)
        nxt = best[1].title if best else ""
        out.append(GoalProgress(goal=goal, moved=moved, next=nxt, passed=passed.get(goal)))
    return out


def goal_progress(store: Store, goals: Iterable[GoalRef | str], since: str, today: date) -> list[GoalProgress]:
    """Per goal in ``goals`` (refs or titles), what moved since ``since`` (UTC, ISO) and what is next,
    read from the store; see :func:`progress_from`."""
    changed = store.items_with_times(("done",), changed_since=since)
    return progress_from(chain(((i, "") for i in store.iter_items(("open",), OPEN_CHUNK)),
                               ((i, u) for i, _, u in changed)), goals, since, today, store.set_aside())
