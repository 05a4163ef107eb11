"""Builds focusd's parts from the settings: store, owner, backends and extractor.

Backends are built on first use, so a command that needs only the store never opens a mail
connection, and a broken calendar cannot stop mail from being read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import formataddr
from functools import cached_property
from pathlib import Path
from typing import Any

from agent.clock import Clock
from agent.errors import ConfigError, StoreRefused
from agent.extractors.base import Extractor, Owner
from agent.settings import Settings
from connectors import BackendEnv, BackendUnavailable, load_backend
from connectors.calendar import BACKENDS as CALENDARS
from connectors.calendar.base import CalendarBackend
from connectors.mail import BACKENDS as MAIL
from connectors.mail.base import MailSource
from connectors.send import BACKENDS as SENDERS
from connectors.send.base import Sender
from planner.store import Store, StoreError


def owner_from(settings: Settings) -> Owner:
    days = settings["owner"]["working_days"]
    return Owner(name=settings["owner"]["name"], email=settings.owner_email, tz=settings.tz,
                 last_workday=max(d for d in days if d <= 4) if any(d <= 4 for d in days) else max(days))


def _load(registry: dict[str, str], kind: str, name: str) -> Any:
    try:
        return load_backend(registry, kind, name)
    except BackendUnavailable as exc:
        raise ConfigError([f"{kind}.backend: {exc}"]) from None


@dataclass
class App:
    settings: Settings
    clock: Clock
    _closers: list[Any] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict)  # what is read from the store, kept while it holds

    @cached_property
    def owner(self) -> Owner:
        return owner_from(self.settings)

    @cached_property
    def store(self) -> Store:
        """The owner's store. The default database in the state directory is shared by every
        config that leaves ``[storage].path`` unset, so once it holds one owner's mail a config
        for another owner is refused instead of mixing their items. A path set in the config
        is that config's own, whatever the owner's address (a corrected typo, a new domain)."""
        path = self.settings["storage"]["path"]
        try:
            store = Store.open(path, clock=self.clock)
        except StoreError as exc:
            raise StoreRefused(str(exc)) from None
        self._closers.append(store)
        held = store.status("owner")
        if held is not None and held["email"] != self.settings.owner_email and "storage.path" in self.settings.unset \
                and store.count("messages"):
            raise ConfigError([f"storage.path: {path} (the default) holds the mail of {held['email']}, not "
                               f"{self.settings.owner_email}; give this config its own [storage].path, or set it "
                               "to that file if this is the same person under a new address"],
                              str(self.settings.source or ""))
        if held is None or held["email"] != self.settings.owner_email:
            store.set_status("owner", {"email": self.settings.owner_email})
        return store

    def now(self) -> datetime:
        return self.clock().astimezone(self.settings.tz)

    def today(self) -> date:
        return self.now().date()

    @cached_property
    def env(self) -> BackendEnv:
        """What backends get beside their own section: the time zone and the secret reader."""
        return BackendEnv(tz=self.settings.tz, secret=self.settings.secret,
                          configured=lambda name: name in self.settings.secret_refs,
                          cache_dir=Path(self.settings["storage"]["path"]).parent)

    def _build(self, registry: dict[str, str], section: str) -> Any:
        """The backend ``[section].backend`` names, built from its section like every other."""
        cfg = self.settings[section]
        return _load(registry, section, cfg["backend"]).from_config(cfg, self.env)

    def backends_available(self) -> None:
        """Raise :class:`ConfigError` when a backend the settings name cannot be loaded (not in
        this version, or its extra not installed). Builds and connects nothing."""
        _load(MAIL, "mail", self.settings["mail"]["backend"])
        _load(SENDERS, "smtp", self.settings["smtp"]["backend"])
        if self.settings["calendar"]["backend"] != "none":
            _load(CALENDARS, "calendar", self.settings["calendar"]["backend"])

    @cached_property
    def mail(self) -> MailSource:
        source: MailSource = self._build(MAIL, "mail")
        self._closers.append(source)
        return source

    @cached_property
    def calendar(self) -> CalendarBackend | None:
        if self.settings["calendar"]["backend"] == "none":
            return None
        backend: CalendarBackend = self._build(CALENDARS, "calendar")
        return backend

    @cached_property
    def sender(self) -> Sender:
        sender: Sender = self._build(SENDERS, "smtp")
        return sender

    @cached_property
    def extractor(self) -> Extractor:
        # Imported here: the extractor and its rules cost start-up time that only extraction needs.
        from agent.extractors.embedded import EmbeddedExtractor

        section = self.settings["llm"]
        if section["provider"] == "none":
            return EmbeddedExtractor()
        from agent import llm
        from agent.extractors.llm import Cache, LlmExtractor

        key = self.settings.secret("llm.api_key") if "llm.api_key" in self.settings.secret_refs else None
        if key is not None and (not key.strip() or any(c.isspace() for c in key.strip())):
            # A key is one word: a blank one, or one with a line break in it, reached the server as
            # a "connection error" and was retried as if the network had failed.
            raise ConfigError(["llm.api_key: the key read from its source is empty or has spaces or a line break "
                               "in it; check api_key_env, api_key_file or api_key_command"])
        try:
            model = llm.chat_model(section, key)
        except llm.LlmError as exc:
            raise ConfigError([str(exc)]) from None
        # Its own file beside the store: answers are worth keeping, but are no part of the owner's data.
        cache = Cache(Path(self.settings["storage"]["path"]).parent / "llm-cache.db")
        self._closers.append(cache)
        return LlmExtractor(model, section["provider"], section["model"], goals=[g.title for g in self.settings.goals],
                            store=self.store, cache=cache, max_tokens_per_message=section["max_tokens_per_message"],
                            retries=section["retries"], deadline=llm.timeout_seconds(section))

    @cached_property
    def fallback(self) -> Extractor | None:
        """What extracts a message the LLM failed on: the embedded extractor; None without an LLM."""
        from agent.extractors.embedded import EmbeddedExtractor

        return None if self.settings["llm"]["provider"] == "none" else EmbeddedExtractor()

    @property
    def from_address(self) -> str:
        """The From of what focusd sends: the configured address, else the owner's under the
        name "focusd", so the brief is easy to spot and to filter."""
        return self.settings["smtp"]["from_address"] or formataddr(("focusd", self.settings.owner_email))

    def close(self) -> None:
        for c in reversed(self._closers):
            c.close()
        self._closers.clear()
