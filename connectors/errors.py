"""One base for every error the outside world causes, so callers handle one type."""

from __future__ import annotations


class ConnectorError(Exception):
    """A mailbox, server, calendar or outbox could not be used; the text says which and why."""
