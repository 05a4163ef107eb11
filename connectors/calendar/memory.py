"""An in-memory calendar for tests and dry runs.

Occurrences of a recurring event share their UID, so events are kept as a list, not by UID.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from connectors import BackendEnv
from connectors.calendar.base import CalendarBackend
from connectors.types import Event


class MemoryCalendar(CalendarBackend):
    backend_name = "memory"

    def __init__(self, events: list[Event] | None = None) -> None:
        self._events: list[Event] = list(events or [])

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> MemoryCalendar:
        """An empty calendar that keeps what focusd books in it: for trying focus blocks out
        without touching a real calendar."""
        return cls()

    def events(self, start: datetime, end: datetime) -> list[Event]:
        found = [e for e in self._events if e.start < end and e.end > start]
        return sorted(found, key=lambda e: (e.start, e.uid))

    def _get(self, uid: str) -> Event | None:
        return next((e for e in self._events if e.uid == uid), None)

    def _create(self, event: Event) -> Event:
        stored = replace(event, uid=event.uid or f"{uuid.uuid4()}@focusd")
        self._events.append(stored)
        return stored

    def _update(self, event: Event) -> Event:
        self._events = [event if e.uid == event.uid else e for e in self._events]
        return event

    def _delete(self, uid: str) -> None:
        self._events = [e for e in self._events if e.uid != uid]
