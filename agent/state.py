"""The agent graph's state and its injected runtime context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict

from agent.extractors.base import Extractor, Owner
from agent.spam import MailPolicy
from connectors.types import Message
from planner.models import Item
from planner.store import Store


class BatchState(TypedDict, total=False):
    """One batch of messages on its way through triage > extract > ground > resolve > persist.

    Every map is keyed by Message-ID. Nodes return only the keys they set.
    """

    messages: list[Message]
    skipped: dict[str, str]  # triage: why a message needs no extraction
    candidates: dict[str, list[Item]]  # extract: what an extractor proposed
    grounded: dict[str, list[Item]]  # ground: candidates whose evidence is verbatim
    merges: dict[str, list[tuple[int, Item]]]  # resolve: (existing item id, restatement)
    new_items: dict[str, list[Item]]  # resolve: items to create
    answered: dict[str, list[int]]  # resolve: waiting items this message answered
    stored: dict[str, list[int]]  # persist: ids of created items


@dataclass
class Prepared:
    """What the sync's worker found of one message: the embedded extractor's items (None: not
    run) and whether its text is hostile (None: not looked at)."""

    items: list[Item] | None = None
    hostile: bool | None = None


@dataclass
class Context:
    """Runtime dependencies, injected per invoke; nodes never build these themselves."""

    extractor: Extractor
    owner: Owner
    clock: Callable[[], datetime]
    store: Store | None = None  # None: extract only, nothing is stored
    fallback: Extractor | None = None  # used for a message when ``extractor`` fails
    max_age: timedelta | None = None  # older mail is recorded, but yields no items
    policy: MailPolicy | None = None  # allowed lists and known correspondents; None: the defaults
    sent_folder: str | None = None  # mail from the owner's address counts as the owner's only here...
    authserv_id: str = ""  # ...or when this receiving server authenticated it
    # What the sync's worker process (agent/workers.py) found of a message, by the message
    # object's id(): two messages may share a Message-ID. Triage and extract take it instead of
    # finding it again.
    prepared: dict[int, Prepared] | None = None
