"""The calendar seam. The base class guards every write: focusd changes only its own events.

An event is focusd's when it carries ``focusd_item`` (Google: private extended property
``focusd=<item id>``; CalDAV and ICS: ``X-FOCUSD-ITEM``). Subclasses implement the underscore
methods; the public ones check ownership first, so a backend cannot touch another event by
accident. Error messages name events by a short hash of their UID, never by their text.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any, ClassVar, Self

from connectors import BackendEnv
from connectors.errors import ConnectorError
from connectors.types import Event


def short_uid(uid: object) -> str:
    """A short hash naming an event in logs and errors without copying calendar text."""
    return hashlib.sha256(str(uid).encode("utf-8", "replace")).hexdigest()[:8]


def parse_tag(value: object) -> int | None:
    """focusd's tag on an event (``X-FOCUSD-ITEM``, Google's ``focusd=``) as an item id: 1 to 12
    ASCII digits, else None. Anyone can put the tag on an invitation, so nothing else is read:
    not other scripts' digits, not a number too big for the store."""
    text = str(value).strip() if value is not None else ""
    if 1 <= len(text) <= 12 and text.isascii() and text.isdigit():
        return int(text)
    return None


class CalendarError(ConnectorError):
    """The calendar could not be read or written."""


class NotOurs(CalendarError):
    """A write was attempted on an event focusd did not create."""


class Gone(CalendarError):
    """The event is no longer on the calendar (the owner deleted it)."""


class ReadOnly(CalendarError):
    """A write was attempted on a read-only calendar."""


class CalendarBackend(ABC):
    backend_name: ClassVar[str]
    read_only: ClassVar[bool] = False
    # Why the last ``events()`` call may have left events out (a budget ran out), in one short
    # sentence; empty when it read everything. Every ``events()`` call sets it afresh.
    incomplete: str = ""
    # Objects the last ``events()`` left out as too large to be an invitation (logged each).
    skipped: int = 0

    @classmethod
    @abstractmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> Self:
        """The backend the config section describes; every backend is built this way."""

    @abstractmethod
    def events(self, start: datetime, end: datetime) -> list[Event]:
        """Every occurrence overlapping [start, end), recurring events expanded, sorted by start.

        Sets :attr:`incomplete` when something was left out, so that the caller does not take a
        partly read calendar for the whole of it.
        """

    def check(self) -> str:
        """Raise :class:`CalendarError` when the calendar cannot be read; else say what was read."""
        return self.backend_name

    def check_write(self) -> str:
        """Raise :class:`CalendarError` when focusd could not book blocks here; else say why it
        can. Creates, changes and deletes nothing: a backend asks the server for its rights."""
        self._writable()
        return "writable"

    # -- guarded writes ----------------------------------------------------------------------

    def create_block(self, event: Event) -> Event:
        self._writable()
        if event.focusd_item is None:
            raise NotOurs("refusing to create an event that carries no focusd tag")
        return self._create(event)

    def update_block(self, event: Event) -> Event:
        self._writable()
        self._owned(event.uid)
        if event.focusd_item is None:
            raise NotOurs(f"refusing to remove the focusd tag from event {short_uid(event.uid)}")
        return self._update(event)

    def move_block(self, uid: str, start: datetime, end: datetime) -> Event:
        """The block ``uid`` at a new time, read fresh from the calendar and checked to be ours."""
        self._writable()
        current = self._owned(uid)
        return self._update(replace(current, start=start, end=end))

    def delete_block(self, uid: str) -> None:
        self._writable()
        self._owned(uid)
        self._delete(uid)

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnly(f"the {self.backend_name} calendar is read-only")

    def _owned(self, uid: str) -> Event:
        current = self._get(uid)
        if current is None:
            raise Gone(f"no event {short_uid(uid)}")
        if current.focusd_item is None:
            raise NotOurs(f"refusing to change event {short_uid(uid)}: focusd did not create it")
        if current.attendees:
            # focusd books blocks for the owner alone. A tagged event with guests is a meeting:
            # someone else's invitation carrying the tag, or a block the owner turned into one.
            raise NotOurs(f"refusing to change event {short_uid(uid)}: it has guests, so it is a meeting")
        return current

    # -- what a writable backend implements ---------------------------------------------------
    # ``_get`` reads the event from the server, never from a local copy: ownership is decided
    # on what the calendar holds now. ``_update`` changes only the time of a block it is given.

    def _get(self, uid: str) -> Event | None:
        raise ReadOnly(f"the {self.backend_name} calendar is read-only")

    def _create(self, event: Event) -> Event:
        raise ReadOnly(f"the {self.backend_name} calendar is read-only")

    def _update(self, event: Event) -> Event:
        raise ReadOnly(f"the {self.backend_name} calendar is read-only")

    def _delete(self, uid: str) -> None:
        raise ReadOnly(f"the {self.backend_name} calendar is read-only")
