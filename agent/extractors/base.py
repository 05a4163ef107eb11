"""The extractor seam: the embedded extractor and the LLM extractor both implement it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Protocol

from connectors.types import Message
from planner.models import Item


@dataclass(frozen=True)
class Owner:
    """Who focusd works for: decides which mail is "mine" and what "Friday" means."""

    name: str
    email: str
    tz: tzinfo
    last_workday: int = 4  # Friday; from [owner].working_days

    @property
    def first_name(self) -> str:
        return self.name.split()[0].lower() if self.name.strip() else ""


class Extractor(Protocol):
    """Finds candidate items in one message. Candidates are checked by the grounding node,
    so an extractor may be wrong, but it must quote its evidence from ``message.reply_text``."""

    name: str

    def extract(self, message: Message, owner: Owner) -> list[Item]: ...
