"""Deterministic scoring. Every point an item gets comes with a reason a person can read.

The score adds: the kind (a promise I made weighs most), goal match (the goal's weight, more
as its deadline nears), due-date urgency (overdue most of all), someone waiting, and a pin.
An item from a stranger whose subject reads like an advertisement ranks below every item from
someone the owner knows, whatever its points.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.models import Item

KIND_POINTS = {"commitment": 2.5, "request": 2.0, "blocker": 2.0, "waiting": 1.0}
KIND_REASON = {"commitment": "you promised it", "request": "asked of you",
               "blocker": "it blocks other work", "waiting": "owed to you"}


@dataclass(frozen=True)
class GoalRef:
    title: str
    weight: float
    keywords: tuple[str, ...]
    deadline: date | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> GoalRef:
        deadline = row.get("deadline")
        return cls(row["title"], float(row["weight"]), tuple(k.lower() for k in row.get("keywords") or []),
                   date.fromisoformat(deadline) if isinstance(deadline, str) and deadline else None)


_PROMO_RE = re.compile(
    r"\d+\s?% off|\b(sale|deals?|discount|coupon|promo(tion)?|offer|free (trial|shipping|gift)|limited time|"
    r"last chance|exclusive|save \$?\d+|black friday|cyber monday|webinar|newsletter|don'?t miss|"
    r"act now|win a|prize|giveaway|special price|lowest price)\b", re.I)


def promotional(subject: str) -> bool:
    """Whether a subject line has the words of an advertisement."""
    return bool(_PROMO_RE.search(subject))


def demoted(item: Item, known: Callable[[str], bool]) -> bool:
    """Whether ``item`` comes from a stranger with a promotional subject. A pin keeps its place."""
    sender = item.source.get("from", "")
    return bool(sender) and not item.pinned and not known(sender) and promotional(item.source.get("subject", ""))


def display_name(address: str) -> str:
    local = address.split("@")[0]
    return re.split(r"[._+-]", local)[0].capitalize() if local else "someone"


def matching_goal(item: Item, goals: Iterable[GoalRef]) -> GoalRef | None:
    """The heaviest goal one of whose keywords appears in the item's title, evidence or subject."""
    haystack = " ".join([item.title, item.evidence, item.source.get("subject", "")]).lower()
    best = None
    for goal in goals:
        hit = any(re.search(rf"\b{re.escape(k)}", haystack) for k in goal.keywords if k)
        if hit and (best is None or goal.weight > best.weight):
            best = goal
    return best


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def score(item: Item, goals: Iterable[GoalRef], today: date) -> tuple[float, list[str], str | None]:
    """(score, reasons, goal title) for one item, as of ``today`` in the owner's time zone."""
    points = KIND_POINTS[item.kind]
    reasons = [KIND_REASON[item.kind]]
    goal = matching_goal(item, goals)
    if goal is not None:
        points += goal.weight
        reasons.append(f"goal: {goal.title}")
        if goal.deadline is not None:
            left = (goal.deadline - today).days
            if 0 <= left <= 14:
                points += 1.0
                reasons.append(f"goal deadline in {_days(left)}")
    due = item.due_date()
    if due is not None:
        left = (due - today).days
        if left < 0:
            points += 4.0 + min(-left, 5) * 0.2
            reasons.append(f"overdue by {_days(-left)}")
        elif left == 0:
            points += 3.5
            reasons.append("due today")
        elif left == 1:
            points += 3.0
            reasons.append("due tomorrow")
        elif left <= 3:
            points += 2.5
            reasons.append(f"due in {_days(left)}")
        elif left <= 7:
            points += 1.5
            reasons.append(f"due in {_days(left)}")
        else:
            points += 0.5
            reasons.append(f"due {due.isoformat()}")
    if item.counterparty and item.kind in ("request", "commitment"):
        points += 1.0
        reasons.append(f"{display_name(item.counterparty)} is waiting")
    if item.kind == "waiting" and due is not None and due < today:
        points += 1.0
        reasons.append(f"{display_name(item.counterparty)} is late")
    if item.pinned:
        points += 10.0
        reasons.append("pinned for today")
    return round(points, 1), reasons, goal.title if goal else None


def rank(items: Iterable[Item], goals: Iterable[GoalRef], today: date,
         known: Callable[[str], bool] | None = None) -> list[Item]:
    """Score every item in place and return them best first (ties: earlier due, then older).
    With ``known`` (whether the owner knows a sender), a stranger's promotional items come last."""
    goals = list(goals)
    out = []
    for item in items:
        item.score, item.reasons, item.goal = score(item, goals, today)
        out.append(item)
    low = {id(i) for i in out if demoted(i, known)} if known is not None else set()
    for item in out:
        if id(item) in low:
            item.reasons = [*item.reasons, "a stranger's promotional mail"]
    return sorted(out, key=lambda i: (id(i) in low, -(i.score or 0.0), i.due or "9999", i.id or 0))
