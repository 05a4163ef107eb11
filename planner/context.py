"""Context for an item: earlier mail on the same subject, found with SQLite full-text search."""

from __future__ import annotations

import re
from typing import Any

from planner.models import Item
from planner.store import Store

_STOP = frozenset("the a an to of for and or on in by with from me you your my our us it this that "
                  "send share review get follow up reply about re fwd".split())


def query_for(item: Item) -> str:
    words = [w for w in re.findall(r"[a-z0-9]{3,}", item.title.lower()) if w not in _STOP]
    return " OR ".join(f'"{w}"' for w in words[:6])


def related_messages(store: Store, item: Item, limit: int = 2) -> list[dict[str, Any]]:
    """Other messages about the item's subject, best match first (its own source excluded)."""
    query = query_for(item)
    if not query:
        return []
    found = store.search_messages(query, limit=limit + 1)
    return [m for m in found if m["message_id"] != item.message_id][:limit]
