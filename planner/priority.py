"""Deterministic scoring. Every point an item gets comes with a reason a person can read.

The score adds, each weighted by a ``[planner]`` key (:class:`Weights`): the kind (a promise I
made weighs most), goal match (the goal's weight, more as its deadline nears), a smooth due-date
curve with overdue escalation (for ``overdue_grace_days`` working days; then the item gives way
and is asked about), who is waiting on the owner and for how long, what an item blocks (it ranks
above the best open item it blocks) and what blocks it, staleness, a pin and a snooze. A weight
of 0 takes its reason away. An item from a stranger whose subject reads like an advertisement
ranks below every item from someone the owner knows, whatever its points.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from planner.models import Item

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


# A promise the owner made for someone on her side, as the extractor titles it: "Tuan to install it".
_ON_BEHALF_RE = re.compile(r"^((?-i:[A-Z][\w'’-]+)(?: and (?-i:[A-Z][\w'’-]+))?) to ")
_PROMO_RE = re.compile(
    r"\d+\s?% off|\b(sale|deals?|discount|coupon|promo(tion)?|offer|free (trial|shipping|gift)|limited time|"
    r"last chance|exclusive|save \$?\d+|black friday|cyber monday|webinar|newsletter|don'?t miss|"
    r"act now|win a|prize|giveaway|special price|lowest price)\b", re.I)


def promotional(subject: str) -> bool:
    """Whether a subject line has the words of an advertisement."""
    return bool(_PROMO_RE.search(subject))


# Said of an item that comes after every other, and that the brief keeps out of its focus.
DEMOTED = "a stranger's promotional mail"


def demoted(item: Item, known: Callable[[str], bool], suspicious: Callable[[Item], bool] | None = None) -> bool:
    """Whether ``item`` comes from a stranger with a promotional subject, or from a stranger's
    mail that ``suspicious`` finds a scam or marketing trait in. A pin keeps its place."""
    sender = item.source.get("from", "")
    if not sender or item.pinned or known(sender):
        return False
    return promotional(item.source.get("subject", "")) or (suspicious is not None and suspicious(item))


# Mailboxes named for a role, not a person: "hola@palomaruiz-retouch.example" is Palomaruiz's.
_ROLE_MAILBOXES = frozenset("hello hola hi hey info contact contacto kontakt team support office admin sales mail "
                            "bonjour hallo ciao studio billing accounts inbox enquiries inquiries general".split())


@lru_cache(maxsize=4096)
def display_name(address: str) -> str:
    local, _, host = address.partition("@")
    if local.lower() in _ROLE_MAILBOXES and host:
        local = host.split(".")[0]
    return re.split(r"[._+-]", local)[0].capitalize() if local else "someone"


@lru_cache(maxsize=256)
def _keywords_re(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a goal's keywords, each at the start of a word (built once per goal)."""
    words = [re.escape(k) for k in keywords if k]
    return re.compile(r"\b(?:" + "|".join(words) + ")") if words else None


class Goals(tuple[GoalRef, ...]):
    """The goals an item is matched against, with their keyword patterns compiled once: a
    re-rank matches every open item against the same goals."""

    any: re.Pattern[str] | None
    patterns: list[tuple[GoalRef, re.Pattern[str] | None]]

    def __new__(cls, goals: Iterable[GoalRef]) -> Goals:
        self = super().__new__(cls, goals)
        # Most items name no goal: one search for every goal's keywords at once tells them apart.
        self.any = _keywords_re(tuple(k for g in self for k in g.keywords))
        # Heaviest first (ties in their order): the first goal named is the one that counts.
        self.patterns = [(g, _keywords_re(g.keywords)) for g in sorted(self, key=lambda g: -g.weight)]
        return self


def matching_goal(item: Item, goals: Iterable[GoalRef]) -> GoalRef | None:
    """The heaviest goal one of whose keywords appears in the item's title, evidence or subject."""
    haystack = " ".join([item.title, item.evidence, item.source.get("subject", "")]).lower()
    matcher = goals if isinstance(goals, Goals) else Goals(goals)
    if matcher.any is None or matcher.any.search(haystack) is None:
        return None
    for goal, pattern in matcher.patterns:
        if pattern is not None and pattern.search(haystack) is not None:
            return goal
    return None


def _linked_goal(item: Item, goals: Iterable[GoalRef]) -> GoalRef | None:
    """The goal an LLM linked the item to, while the owner still has it."""
    if not item.goal_link:
        return None
    return next((g for g in goals if g.title == item.goal_link), None)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


@dataclass(frozen=True)
class Weights:
    """The points of each contribution, as the ``[planner]`` config sets them (defaults equal)."""

    commitment: float = 2.5
    request: float = 2.0
    blocker: float = 2.0
    waiting: float = 1.0
    goal: float = 1.0
    goal_deadline: float = 1.0
    goal_deadline_days: int = 14
    due_today: float = 3.5
    due_far: float = 0.5
    due_half_days: float = 4.0
    overdue_per_day: float = 0.5
    overdue_max_days: int = 5
    overdue_grace_days: int = 3
    someone_waiting: float = 1.0
    waiting_per_day: float = 0.1
    late: float = 1.0
    blocking: float = 1.0
    blocked: float = 1.0
    stale: float = 1.0
    stale_days: int = 14
    pinned: float = 10.0
    snoozed: float = 10.0
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday is 0: the owner's, for the grace

    @property
    def working_set(self) -> frozenset[int]:
        return frozenset(self.working_days)

    @classmethod
    def from_settings(cls, planner: Mapping[str, Any], working_days: Iterable[int] = (0, 1, 2, 3, 4)) -> Weights:
        """Weights from the ``[planner]`` section and ``[owner].working_days``."""
        names = {f.name for f in fields(cls)} - {"working_days"}
        return cls(**{k: v for k, v in planner.items() if k in names}, working_days=tuple(working_days))


DEFAULT_WEIGHTS = Weights()
WAITING_DAYS_MAX = 14  # waiting longer than this adds nothing more


class Scored(NamedTuple):
    """An item's score, each reason with its points, and the goal it serves."""

    points: float
    contributions: list[tuple[str, float]]
    goal: str | None

    @property
    def reasons(self) -> list[str]:
        return [r for r, _ in self.contributions]


def working_days_after(start: date, end: date, working_days: Iterable[int]) -> int:
    """Working days in (start, end]: how long an item due ``start`` has been overdue on ``end``."""
    return _working_days_after(start, end, frozenset(working_days))


@lru_cache(maxsize=4096)
def _working_days_after(start: date, end: date, days: frozenset[int]) -> int:
    span = (end - start).days
    if span <= 0:
        return 0
    weeks, rest = divmod(span, 7)
    return weeks * len(days) + sum((start + timedelta(days=weeks * 7 + i)).weekday() in days
                                   for i in range(1, rest + 1))


@lru_cache(maxsize=1024)
def since(day: date, today: date) -> str:
    """"Fri" within the last week, else "13 Nov": how a past date reads in a reason."""
    return day.strftime("%a") if (today - day).days < 7 else f"{day.day} {day.strftime('%b')}"


def past_grace(item: Item, today: date, weights: Weights = DEFAULT_WEIGHTS) -> bool:
    """Whether ``item`` has been overdue longer than the grace: it gives way and is asked about."""
    due = _day(item.due[:10]) if item.due else None
    return (due is not None and due < today and item.kind != "waiting"
            and _working_days_after(due, today, weights.working_set) > weights.overdue_grace_days)


def _due_points(left: int, w: Weights) -> float:
    """A smooth curve: near due_today for the next day or two, half way to due_far at
    due_half_days, a fifth of the way at twice that; no step between days, and a date weeks
    away adds next to nothing."""
    return w.due_far + (w.due_today - w.due_far) / (1 + (left / w.due_half_days) ** 2)


def _message_day(item: Item) -> date | None:
    return _local_day(item.source.get("date", ""))


@lru_cache(maxsize=8192)
def _local_day(stamp: str) -> date | None:
    """The day of a message's date in its own offset; None when it is no date."""
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _day(iso: str) -> date:
    return date.fromisoformat(iso)


@lru_cache(maxsize=4096)
def _due_reason(due: date, left: int) -> str:
    """How a due date ``left`` days ahead reads: "due tomorrow", "due in 4 days", "due Mon 30 Nov"."""
    return {0: "due today", 1: "due tomorrow"}.get(left) or (
        f"due in {_days(left)}" if left <= 7 else f"due {due:%a} {due.day} {due:%b}")


def touched_day(item: Item, touched: Mapping[int, str] | None = None) -> date | None:
    """The day ``item`` was last touched: the store's stamp when given, else its message's date."""
    stamp = (touched or {}).get(item.id or 0)
    if stamp:
        return _stamp_day(stamp)
    return _message_day(item)


@lru_cache(maxsize=8192)
def _stamp_day(stamp: str) -> date:
    """The day of a store stamp (UTC): many items share one, and a re-rank reads every one."""
    return datetime.fromisoformat(stamp).date()


def explain(item: Item, goals: Iterable[GoalRef], today: date, weights: Weights = DEFAULT_WEIGHTS, *,
            open_ids: Container[int] | None = None, touched: Mapping[int, str] | None = None) -> Scored:
    """The item's own contributions as of ``today`` (what it blocks is :func:`rank`'s to add).

    ``open_ids`` are the open items, so a blocker that was closed no longer holds an item down
    (None: every listed blocker counts); ``touched`` maps item id -> when the store last changed
    it (ISO), else the item's message date tells staleness."""
    w = weights
    parts: list[tuple[str, float]] = []

    def add(reason: str, points: float) -> None:
        if points:
            parts.append((reason, round(points, 2)))

    reason = KIND_REASON[item.kind]
    if item.kind == "commitment" and (for_whom := _ON_BEHALF_RE.match(item.title)):
        reason = f"you promised it on {for_whom.group(1)}'s behalf"  # "Tuan to install it": said of a colleague
    add(reason, getattr(w, item.kind))
    goal = (matching_goal(item, goals) or _linked_goal(item, goals)) if w.goal else None
    if goal is not None:
        add(f"goal: {goal.title}", goal.weight * w.goal)
        if goal.deadline is not None and 0 <= (goal.deadline - today).days <= w.goal_deadline_days:
            add(f"goal deadline in {_days((goal.deadline - today).days)}", w.goal_deadline)
    due = _day(item.due[:10]) if item.due else None
    if due is not None:
        left = (due - today).days
        if left < 0 and past_grace(item, today, w):
            add(f"overdue since {since(due, today)}, past its grace", w.due_far)
        elif left < 0:
            add(f"overdue since {since(due, today)}", w.due_today + w.overdue_per_day * min(-left, w.overdue_max_days))
        else:
            add(_due_reason(due, left), _due_points(left, w))
    name = display_name(item.counterparty)
    if item.counterparty and item.kind in ("request", "commitment"):
        asked = _message_day(item)
        waited = (today - asked).days if asked else 0
        add(f"{name} is waiting", w.someone_waiting)
        if asked is not None and waited > 1:
            add(f"waiting since {since(asked, today)}", w.waiting_per_day * min(waited - 1, WAITING_DAYS_MAX - 1))
    if item.kind == "waiting" and due is not None and due < today:
        add(f"{name} is late", w.late)
    for blocker in item.blocked_by:
        if open_ids is None or blocker in open_ids:
            add(f"blocked by item {blocker}", -w.blocked)
    last = touched_day(item, touched)
    if last is not None and (today - last).days >= w.stale_days:
        add(f"untouched for {_days((today - last).days)}", -w.stale)
    if item.pinned:
        add("pinned for today", w.pinned)
    if item.snoozed_until and item.snoozed_until[:10] > today.isoformat():
        add(f"snoozed until {item.snoozed_until[:10]}", -w.snoozed)
    return Scored(round(sum(p for _, p in parts), 2), parts, goal.title if goal else None)


def score(item: Item, goals: Iterable[GoalRef], today: date,
          weights: Weights = DEFAULT_WEIGHTS) -> tuple[float, list[str], str | None]:
    """(score, reasons, goal title) for one item, as of ``today`` in the owner's time zone."""
    s = explain(item, goals, today, weights)
    return s.points, s.reasons, s.goal


def with_blocking(scored: Mapping[int, Scored], blocks: Mapping[int, Iterable[int]],
                  titles: Mapping[int, str], weights: Weights = DEFAULT_WEIGHTS) -> dict[int, Scored]:
    """The blockers' scores once what they block counts: an item that blocks open items gets
    ``blocking`` points above the best of them (itself raised first if it blocks too), with the
    reason naming it. ``scored`` holds every open item (id -> its own score), ``blocks`` each
    blocker's list, ``titles`` the open items' titles. Returns only the scores that changed."""
    final: dict[int, float] = {}
    out: dict[int, Scored] = {}

    def resolve(item_id: int, seen: frozenset[int]) -> float:
        if item_id in final:
            return final[item_id]
        own = scored[item_id]
        targets = [t for t in blocks.get(item_id, ()) if t in scored and t not in seen and t != item_id]
        points = own.points
        if targets and weights.blocking:
            best = max(targets, key=lambda t: resolve(t, seen | {item_id}))
            lift = max(resolve(best, seen | {item_id}) - own.points, 0.0) + weights.blocking
            parts = [*own.contributions, (f"blocks “{titles.get(best, best)}”", round(lift, 2))]
            points = round(own.points + lift, 2)
            out[item_id] = Scored(points, parts, own.goal)
        final[item_id] = points
        return points

    for item_id in blocks:
        if item_id in scored:
            resolve(item_id, frozenset())
    return out


def with_goal_blocking(blockers: Mapping[int, Scored], best: Mapping[str, float],
                       weights: Weights = DEFAULT_WEIGHTS) -> dict[int, Scored]:
    """A blocker that stands in a goal's way ranks ``blocking`` points above the goal's best
    open item, with the reason naming the goal: "blocks “Close the seed round”". ``blockers``
    are the open items of kind blocker (id -> score so far), ``best`` each goal's best score
    among its other open items. Returns only the scores that changed."""
    out: dict[int, Scored] = {}
    if not weights.blocking:
        return out
    for item_id, own in blockers.items():
        top = best.get(own.goal or "")
        if own.goal and top is not None and own.points < top + weights.blocking:
            lift = top - own.points + weights.blocking
            out[item_id] = Scored(round(own.points + lift, 2),
                                  [*own.contributions, (f"blocks “{own.goal}”", round(lift, 2))], own.goal)
    return out


def goal_best(scored: Iterable[tuple[str, Scored]]) -> dict[str, float]:
    """Each goal's best score among (kind, score) pairs of open items that are no blockers."""
    best: dict[str, float] = {}
    for kind, s in scored:
        if kind != "blocker" and s.goal and s.points > best.get(s.goal, float("-inf")):
            best[s.goal] = s.points
    return best


def rank(items: Iterable[Item], goals: Iterable[GoalRef], today: date,
         known: Callable[[str], bool] | None = None, weights: Weights = DEFAULT_WEIGHTS,
         touched: Mapping[int, str] | None = None, suspicious: Callable[[Item], bool] | None = None) -> list[Item]:
    """Score every item in place and return them best first (ties: earlier due, then older).
    ``items`` are taken as the open ones: what they block and what blocks them is read among
    them. With ``known`` (whether the owner knows a sender), a stranger's promotional items come
    last. ``touched``: item id -> when the store last changed it, for staleness."""
    goals = Goals(goals)
    out = list(items)
    open_ids = {i.id for i in out if i.id is not None}
    scored = {i.id if i.id is not None else -n: explain(i, goals, today, weights, open_ids=open_ids, touched=touched)
              for n, i in enumerate(out, 1)}
    keys = {id(i): i.id if i.id is not None else -n for n, i in enumerate(out, 1)}
    best = goal_best((i.kind, scored[keys[id(i)]]) for i in out)  # their own scores, as a re-rank has them
    blocks = {i.id: i.blocks for i in out if i.id is not None and i.blocks}
    scored |= with_blocking(scored, blocks, {i.id: i.title for i in out if i.id is not None}, weights)
    scored |= with_goal_blocking({keys[id(i)]: scored[keys[id(i)]] for i in out if i.kind == "blocker"}, best, weights)
    for n, item in enumerate(out, 1):
        s = scored[item.id if item.id is not None else -n]
        item.score, item.contributions, item.goal = s.points, s.contributions, s.goal
        item.reasons = s.reasons
    return ordered(out, known, suspicious)


def ordered(items: Iterable[Item], known: Callable[[str], bool] | None = None,
            suspicious: Callable[[Item], bool] | None = None) -> list[Item]:
    """Items already scored (by :func:`rank`, or as the store kept them), best first; with
    ``known``, a stranger's promotional items (see :func:`demoted`) come last, whatever their points."""
    out = list(items)
    low = {id(i) for i in out if demoted(i, known, suspicious)} if known is not None else set()
    for item in out:
        if id(item) in low:
            mark_demoted(item)
    return sorted(out, key=lambda i: (id(i) in low, -(i.score or 0.0), i.due or "9999", i.id or 0))


def mark_demoted(item: Item) -> None:
    """Say why ``item`` comes after every other: it is a stranger's promotional mail."""
    item.reasons = [*item.reasons, DEMOTED]
    item.contributions = [*item.contributions, (DEMOTED, 0.0)]
