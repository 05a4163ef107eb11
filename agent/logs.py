"""structlog, configured once at the entry point: JSON to stderr off a TTY, readable on one.

Standard output belongs to what commands print; logs never go there. Known secret keys are
redacted before anything is rendered, and message bodies are never passed to a logger.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

SECRET_KEYS = frozenset({"password", "passwd", "secret", "token", "api_key", "apikey", "authorization",
                         "access_token", "refresh_token", "client_secret", "body", "text", "reply_text"})


def redact(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event):
        if key.lower() in SECRET_KEYS:
            event[key] = "[redacted]"
    return event


def configure(verbose: bool = False, json: bool | None = None, level: str | None = None) -> None:
    """``level`` is a name such as "warning"; the default is info, and debug when ``verbose``."""
    use_json = not sys.stderr.isatty() if json is None else json
    chosen = logging.DEBUG if verbose else getattr(logging, (level or "info").upper())
    renderer: Any = structlog.processors.JSONRenderer() if use_json else structlog.dev.ConsoleRenderer(colors=False)
    # In JSON the traceback becomes a field, so journald keeps it with its event; the console
    # renderer prints it itself.
    tracebacks = [structlog.processors.format_exc_info] if use_json else []
    # The CalDAV client library logs a server's raw answers, which hold calendar text; focusd
    # reports every CalDAV failure itself, in one sentence without that text.
    logging.getLogger("caldav").setLevel(logging.CRITICAL)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            redact,
            *tracebacks,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(chosen),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
