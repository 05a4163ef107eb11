"""The outside world: mail sources, senders and calendars, one module per backend."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class BackendEnv:
    """What a backend may need beyond its own config section: the owner's time zone, a way
    to read a secret by its config name (``"mail.password"``), read only when it is used, and
    a folder for local copies (beside the store)."""

    tz: tzinfo
    secret: Callable[[str], str]
    configured: Callable[[str], bool] = lambda name: True  # whether the config names that secret
    cache_dir: Path | None = None  # where a backend may keep a local copy (a calendar mirror); None: keep none


class BackendUnavailable(Exception):
    """The configured backend name has no module in this version."""


def load_backend(registry: dict[str, str], kind: str, name: str) -> Any:
    """The class registered under ``name``, e.g. ``load_backend(BACKENDS, "calendar", "ics")``.
    Every backend is then built the same way: ``cls.from_config(section, env)``."""
    if name not in registry:
        known = ", ".join(sorted(registry))
        raise BackendUnavailable(f"{kind} backend {name!r} is not available in this version (available: {known})")
    module, _, cls = registry[name].partition(":")
    try:
        return getattr(importlib.import_module(module), cls)
    except ImportError as exc:
        raise BackendUnavailable(f"{kind} backend {name!r} could not be loaded: {exc}") from exc
