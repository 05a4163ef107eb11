"""The outside world: mail sources, senders and calendars, one module per backend."""

from __future__ import annotations

import importlib
from typing import Any


class BackendUnavailable(Exception):
    """The configured backend name has no module in this version."""


def load_backend(registry: dict[str, str], kind: str, name: str) -> Any:
    """The class registered under ``name``, e.g. ``load_backend(BACKENDS, "calendar", "ics")``."""
    if name not in registry:
        known = ", ".join(sorted(registry))
        raise BackendUnavailable(f"{kind} backend {name!r} is not available in this version (available: {known})")
    module, _, cls = registry[name].partition(":")
    try:
        return getattr(importlib.import_module(module), cls)
    except ImportError as exc:
        raise BackendUnavailable(f"{kind} backend {name!r} could not be loaded: {exc}") from exc
