"""One exception tree; :func:`agent.cli.main` is the one place that turns it into words."""

from __future__ import annotations


class FocusdError(Exception):
    """Base of every error focusd raises on purpose."""

    exit_code = 1


class ConfigError(FocusdError):
    """The configuration is invalid; carries every problem found, each naming its key."""

    exit_code = 2

    def __init__(self, problems: list[str], source: str = "") -> None:
        self.problems = problems
        self.source = source
        where = f" in {source}" if source else ""
        lines = "\n".join(f"  - {p}" for p in problems)
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"the configuration{where} has {len(problems)} {noun}:\n{lines}")


class EnvironmentSettingError(FocusdError):
    """An environment variable focusd reads (``FOCUSD_NOW``) holds something it cannot use."""

    exit_code = 2


class StoreRefused(FocusdError):
    """The store file cannot be used as it is (not a sound store, from a newer focusd, or its
    upgrade failed); the message says why and what to do. Restarting cannot fix it."""

    exit_code = 2


class SecretError(FocusdError):
    """A secret could not be read, or is stored unsafely."""

    exit_code = 2
