"""TOML configuration: one schema holds each key's type, default and help text.

The example config (``config/focusd.example.toml``) and ``focusd init`` are both rendered from
this schema, so neither can drift from the code. :func:`load` collects every problem, unknown
keys included, and raises one :class:`ConfigError` that lists them all.
"""

from __future__ import annotations

import builtins
import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from agent import secrets as secrets_mod
from agent.errors import ConfigError, SecretError
from agent.formats import (
    is_address,
    parse_date,
    parse_days,
    parse_duration,
    parse_hours,
    parse_time,
    parse_tz,
)
from connectors.calendar import BACKENDS as CALENDARS
from connectors.files import FileProblem, describe, read_file
from connectors.mail import BACKENDS as MAIL
from connectors.mail.maildir import create_command
from connectors.send import BACKENDS as SENDERS

# The registries that say which backends this version has; the schema lists every planned one.
REGISTRIES: dict[str, Mapping[str, str]] = {"mail": MAIL, "smtp": SENDERS, "calendar": CALENDARS}
NO_BACKEND = {"calendar": "none"}  # a valid choice that needs no module
# Backends the design names that later versions build: a config naming one is told plainly that
# it is not available in this version, rather than that it is unknown.
PLANNED: dict[str, tuple[str, ...]] = {"mail": ("imap",), "smtp": ("smtp",)}


def backend_choices(section: str) -> tuple[str, ...]:
    """Every ``[section].backend`` value the schema knows: the registered backends (each
    package's ``BACKENDS``), the planned ones, and "none" where nothing is a choice."""
    names = sorted({*REGISTRIES[section], *PLANNED.get(section, ())})
    none = NO_BACKEND.get(section)
    return (*names, none) if none else tuple(names)
LLM_PROVIDERS = ("none", "openai", "anthropic", "ollama", "openai-compatible")  # what agent/app.py builds


# -- schema ----------------------------------------------------------------------------------------


def _feed_urls(urls: list[str]) -> list[str]:
    """Calendar feeds: https, or http for a server on this machine (webcal:// is https)."""
    from urllib.parse import urlsplit

    from connectors.net import is_loopback

    out = []
    for url in urls:
        fixed = "https://" + url[len("webcal://"):] if url.lower().startswith("webcal://") else url
        parts = urlsplit(fixed)
        local = parts.scheme == "http" and is_loopback(parts.hostname or "")
        if parts.hostname and (parts.scheme == "https" or local):
            out.append(fixed)
        else:
            raise ValueError(f"{url!r} is not an https:// (or webcal://) address; plain http is allowed only "
                             "for a server on this machine")
    return out


@dataclass(frozen=True)
class Key:
    """One config key: TOML type, default, help; ``check`` validates and converts the value.

    ``bounds`` are inclusive, written as in the config (``("1s", "1d")``, ``(1, 65535)``), and
    stated in the rendered help. ``items`` is the type of a list's elements.
    """

    type: type | tuple[type, ...]
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    check: Callable[[Any], Any] | None = None
    required: bool = False
    secret: bool = False  # the key names a secret: *_env / *_file / *_command
    path: bool = False  # relative to the config file's folder
    state: bool = False  # path: when unset, the default lives in the state directory
    items: builtins.type | None = None
    bounds: tuple[Any, Any] | None = None

    def describe(self) -> str:
        """The help text, with the choices and range the loader enforces."""
        text = self.help
        if self.bounds is not None:
            text += f" From {self.bounds[0]} to {self.bounds[1]}."
        if self.choices:
            text += f" One of: {', '.join(self.choices)}."
        return text


S = str
PORT = (1, 65535)
def _oauth_keys(section: str) -> dict[str, Key]:
    """The login keys [mail] and [smtp] share: a password, or XOAUTH2 with a ready token or a
    client id and refresh token to mint tokens with."""
    return {
        "auth": Key(S, "password", "imap and smtp: password, or xoauth2 (Gmail, Microsoft 365).",
                    choices=("password", "xoauth2")),
        "oauth_token": Key(S, None, "xoauth2: a ready access token (oauth_token_env, _file or _command); "
                           "or leave it out and give oauth_client_id and oauth_refresh_token.", secret=True),
        "oauth_client_id": Key(S, "", "xoauth2: the OAuth client id focusd mints access tokens with."),
        "oauth_client_secret": Key(S, None, "xoauth2: the client's secret (Google's clients have one).", secret=True),
        "oauth_refresh_token": Key(S, None, "xoauth2: the refresh token from your consent.", secret=True),
        "oauth_provider": Key(S, "google", "xoauth2: google or microsoft (names the token endpoint).",
                              choices=("google", "microsoft")),
        "oauth_token_url": Key(S, "", "xoauth2: another token endpoint; empty means the provider's."),
        "oauth_scope": Key(S, "", "xoauth2: the scope to ask for; empty means the provider's default."),
        "oauth_cache": Key(S, f"oauth-{section}.json", "xoauth2: where minted access tokens are kept (0600); unset, "
                           "in the state directory.", path=True, state=True),
        "google_token_file": Key(S, "", "xoauth2: the token file `focusd auth google --mail` wrote (the calendar's "
                                 "token_file); it holds the client and refresh token, so no other oauth key is "
                                 "needed.", path=True),
    }


SCHEMA: dict[str, dict[str, Key]] = {
    "owner": {
        "name": Key(S, "", "Your name, as it appears in mail.", required=True),
        "email": Key(S, "", "Your address; only mail from it can steer focusd.", required=True),
        "timezone": Key(S, "UTC", "IANA time zone; 'today' and relative dates use it.", check=parse_tz),
        "working_hours": Key(S, "09:00-18:00", "When focus blocks may be booked.", check=parse_hours),
        "working_days": Key((S, list), "mon-fri", "'mon-fri' or a list such as [\"mon\", \"tue\"].",
                            check=parse_days, items=str),
    },
    "mail": {
        "backend": Key(S, "maildir", "Where mail is read from.", choices=backend_choices("mail")),
        "path": Key(S, "mail", "maildir: a Maildir, in Maildir++ layout (INBOX in path/cur, Sent in path/.Sent) "
                    "or one folder per directory as mbsync and offlineimap write it (path/INBOX, path/Sent).", path=True),
        "host": Key(S, "", "imap: server host name."),
        "port": Key(int, 993, "imap: server port.", bounds=PORT),
        "security": Key(S, "ssl", "imap: ssl, starttls or none (none only on loopback).", choices=("ssl", "starttls", "none")),
        "username": Key(S, "", "imap: login name."),
        "password": Key(S, None, "imap: the password, named by password_env, password_file or password_command.", secret=True),
        "folders": Key(list, ["INBOX"], "Folders to read requests and replies from.", items=str),
        "sent_folder": Key(S, "Sent", "The folder holding mail you sent (your commitments live there)."),
        "poll_interval": Key(S, "2m", "How often to look for new mail.", check=parse_duration, bounds=("1s", "1d")),
        "max_age": Key(S, "30d", "Mail older than this yields no items (the first sync of a full mailbox "
                       "does not dig up years-old asks).", check=parse_duration, bounds=("1h", "3650d")),
        "authserv_id": Key(S, "", "The authserv-id your receiving mail server writes in Authentication-Results "
                           "(e.g. mx.example.com): mail in INBOX from your own address counts as yours only when "
                           "that server's header passes DKIM or DMARC for your domain. Empty: none does."),
        "idle": Key(bool, True, "imap: wait for new mail with IDLE between polls."),
        "lists": Key(list, [], "Mailing lists read like personal mail, by List-Id (\"team.corp.example\") or list "
                     "address (\"team@corp.example\"); other list mail yields no items.", items=str),
        **_oauth_keys("mail"),
    },
    "smtp": {
        "backend": Key(S, "file", "How the brief is sent: smtp, or file (writes .eml files).",
                       choices=backend_choices("smtp")),
        "path": Key(S, "outbox", "file: the folder that receives one .eml per outgoing mail; unset, it is "
                    "'outbox' in the state directory.", path=True, state=True),
        "host": Key(S, "", "smtp: server host name."),
        "port": Key(int, 587, "smtp: server port.", bounds=PORT),
        "security": Key(S, "starttls", "smtp: ssl (port 465), starttls (port 587) or none (only for a server on "
                        "this machine).", choices=("ssl", "starttls", "none")),
        "username": Key(S, "", "smtp: login name."),
        "password": Key(S, None, "smtp: the password (password_env, password_file or password_command).", secret=True),
        **_oauth_keys("smtp"),
        "from_address": Key(S, "", "The brief's From address; empty means owner.email."),
        "dry_run": Key(bool, False, "Compose and log outgoing mail, but send nothing."),
        "save_to_sent": Key(bool, False, "smtp: also keep a copy of each mail in your Sent folder over IMAP, for "
                            "servers that do not keep one (Gmail and Fastmail do)."),
    },
    "calendar": {
        "backend": Key(S, "none", "google, caldav, ics (read-only files), memory (kept in memory while focusd "
                       "runs: for trying focus blocks out) or none.", choices=backend_choices("calendar")),
        "paths": Key(list, [], "ics: calendar files to read.", path=True, items=str),
        "urls": Key(list, [], "ics: calendar feeds to read over https (read-only), fetched again only when they "
                    "changed (ETag, Last-Modified).", items=str, check=_feed_urls),
        "url": Key(S, "", "caldav: the calendar collection URL."),
        "username": Key(S, "", "caldav: login name."),
        "password": Key(S, None, "caldav: the password (password_env, password_file or password_command).", secret=True),
        "calendar_id": Key(S, "primary", "google: the calendar to read and book."),
        "credentials_file": Key(S, "", "google: the OAuth client file downloaded from the console.", path=True),
        "token_file": Key(S, "google-token.json", "google: where `focusd auth google` stores the token (mode 0600); "
                          "unset, it is in the state directory.", path=True, state=True),
    },
    "llm": {
        "provider": Key(S, "none", "none (embedded, offline), openai, anthropic, ollama or openai-compatible.",
                        choices=("none", "openai", "anthropic", "ollama", "openai-compatible")),
        "model": Key(S, "", "The model name, as the provider spells it."),
        "base_url": Key(S, "", "For ollama and openai-compatible servers."),
        "api_key": Key(S, None, "The API key (api_key_env, api_key_file or api_key_command).", secret=True),
        "timeout": Key(S, "60s", "Give up on one call after this long and fall back to the embedded extractor.",
                       check=parse_duration, bounds=("1s", "1h")),
        "max_tokens_per_message": Key(int, 4000, "Longer messages are cut before they reach the model.",
                                      bounds=(100, 1_000_000)),
        "retries": Key(int, 2, "Try a call again this many times after a connection error, 429 or 5xx, waiting "
                       "longer each time; never after a refusal or a timeout.", bounds=(0, 10)),
    },
    "brief": {
        "time": Key(S, "07:30", "When the morning brief is sent, in your time zone.", check=parse_time),
        "max_focus": Key(int, 3, "At most this many items in Today's focus.", bounds=(1, 20)),
        "weekends": Key(bool, False, "Send a brief on days outside [owner].working_days too; false sends "
                        "one per working day only."),
        "latest": Key(S, "12:00", "A brief not sent by this time (the host was down all morning) is not sent "
                      "that day: a stale brief is worse than none.", check=parse_time),
    },
    "focus": {
        "block_minutes": Key(int, 90, "Length of one focus block, in minutes.", bounds=(15, 480)),
        "max_blocks_per_day": Key(int, 2, "At most this many focus blocks a day.", bounds=(1, 12)),
        "earliest": Key(S, "09:00", "No focus block starts before this.", check=parse_time),
        "latest": Key(S, "17:00", "No focus block ends after this.", check=parse_time),
        "buffer_minutes": Key(int, 10, "Minutes kept free before and after a meeting.", bounds=(0, 120)),
        "book": Key(bool, True, "Book focus blocks on a calendar focusd can write (google, caldav, memory); "
                    "false only suggests focus time in the brief."),
    },
    "planner": {
        "commitment": Key((int, float), 2.5, "Points for a promise you made.", bounds=(0, 100)),
        "request": Key((int, float), 2.0, "Points for something asked of you.", bounds=(0, 100)),
        "blocker": Key((int, float), 2.0, "Points for a blocker.", bounds=(0, 100)),
        "waiting": Key((int, float), 1.0, "Points for something owed to you.", bounds=(0, 100)),
        "goal": Key((int, float), 1.0, "A matching goal adds its weight times this (0: goals do not count).",
                    bounds=(0, 100)),
        "goal_deadline": Key((int, float), 1.0, "Points when a matching goal's deadline is within "
                             "goal_deadline_days.", bounds=(0, 100)),
        "goal_deadline_days": Key(int, 14, "How near a goal's deadline must be to raise its items.", bounds=(0, 365)),
        "due_today": Key((int, float), 3.5, "Points for an item due today; fewer each day further out, smoothly "
                         "down to due_far.", bounds=(0, 100)),
        "due_far": Key((int, float), 0.5, "Points for an item with a far-off due date.", bounds=(0, 100)),
        "due_half_days": Key((int, float), 4, "Days ahead at which a due date counts half way between due_far "
                             "and due_today.", bounds=(0.1, 365)),
        "overdue_per_day": Key((int, float), 0.5, "Points added to due_today per day overdue, up to "
                               "overdue_max_days.", bounds=(0, 100)),
        "overdue_max_days": Key(int, 5, "Overdue escalation stops after this many days.", bounds=(0, 365)),
        "overdue_grace_days": Key(int, 3, "Working days an overdue item stays near the top; then it is asked "
                                  "about once, like a stale item.", bounds=(0, 365)),
        "someone_waiting": Key((int, float), 1.0, "Points when someone waits on you for a request or a promise.",
                               bounds=(0, 100)),
        "waiting_per_day": Key((int, float), 0.1, "Points per day they have waited beyond the first, up to "
                               "14 days.", bounds=(0, 100)),
        "late": Key((int, float), 1.0, "Points when what is owed to you is overdue.", bounds=(0, 100)),
        "blocking": Key((int, float), 1.0, "Points an item gets above the best open item it blocks, or a blocker above "
                        "the best item of the goal it stands in the way of.",
                        bounds=(0, 100)),
        "blocked": Key((int, float), 1.0, "Points taken off an item while an open item blocks it.", bounds=(0, 100)),
        "stale": Key((int, float), 1.0, "Points taken off an item untouched for stale_days.", bounds=(0, 100)),
        "stale_days": Key(int, 14, "Days untouched after which an item is stale and asked about once.",
                          bounds=(1, 3650)),
        "pinned": Key((int, float), 10.0, "Points for an item pinned for today.", bounds=(0, 1000)),
        "snoozed": Key((int, float), 10.0, "Points taken off an item snoozed past today.", bounds=(0, 1000)),
    },
    "storage": {
        "path": Key(S, "focusd.db", "The SQLite database, one per owner; unset, it is 'focusd.db' in the "
                    "state directory.", path=True, state=True),
    },
}
GOAL_SCHEMA: dict[str, Key] = {
    "title": Key(S, "", "What you are working towards.", required=True),
    "weight": Key((int, float), 1.0, "How much it counts.", bounds=(0, 5)),
    "keywords": Key(list, [], "Words that tie mail and items to the goal.", items=str),
    "deadline": Key((S, date), None, "Optional date, such as 2026-12-15.", check=parse_date),
}


def default_state_dir() -> Path:
    """Where unset data paths live: ``$STATE_DIRECTORY`` (systemd; the first of several), else
    ``$XDG_STATE_HOME/focusd``, else ``~/.local/state/focusd``."""
    systemd = os.environ.get("STATE_DIRECTORY", "").split(":")[0]
    if systemd:
        return Path(systemd)
    xdg = os.environ.get("XDG_STATE_HOME", "")
    # the XDG spec says a relative value is to be ignored
    base = Path(xdg) if os.path.isabs(xdg) else Path(os.path.expanduser("~")) / ".local" / "state"
    return base / "focusd"


# -- typed settings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    title: str
    weight: float = 1.0
    keywords: tuple[str, ...] = ()
    deadline: date | None = None


@dataclass
class Settings:
    """The validated configuration. ``values[section][key]`` holds the converted values."""

    values: dict[str, dict[str, Any]]
    goals: list[Goal]
    source: Path | None = None
    secret_refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    state_dir: Path = field(default_factory=default_state_dir)
    unset: frozenset[str] = frozenset()  # data paths left to their default in the state directory
    missing: tuple[str, ...] = ()  # with allow_missing: the mail folder or calendar files not there yet
    ignored: tuple[str, ...] = ()  # keys set for another backend than the one chosen (see _ignored)

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.values[section]

    @property
    def tz(self) -> ZoneInfo:
        tz: ZoneInfo = self.values["owner"]["timezone"]
        return tz

    @property
    def owner_email(self) -> str:
        return str(self.values["owner"]["email"]).lower()

    def secret(self, name: str) -> str:
        """Read the secret ``section.key`` now, from its environment variable, file or command."""
        if name not in self.secret_refs:
            raise SecretError(f"{name} is not configured: set {name.split('.')[1]}_env, _file or _command")
        how, ref = self.secret_refs[name]
        return secrets_mod.read(name, how, ref)


def _type_name(t: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
             list: "a list", date: "a date"}
    ts = t if isinstance(t, tuple) else (t,)
    return " or ".join(names.get(x, x.__name__) for x in ts)


def _is(value: Any, t: type | tuple[type, ...]) -> bool:
    types = t if isinstance(t, tuple) else (t,)
    # TOML's true is an int to Python; a flag is never a number
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


def _type_hint(key: Key, value: Any) -> str:
    """What to write instead of a value of the wrong type, for the values people write bare."""
    if key.check is parse_duration and isinstance(value, int | float) and not isinstance(value, bool):
        return f' (write a string with its unit, as in "{value:g}d", "{value:g}h" or "{value:g}m")'
    if key.check is parse_time and isinstance(value, time | int):
        shown = f"{value:%H:%M}" if isinstance(value, time) else "07:30"
        return f' (write the time in quotes, as in "{shown}")'
    return ""


def _check_value(where: str, key: Key, value: Any, problems: list[str]) -> Any:
    if not _is(value, key.type):
        problems.append(f"{where}: expected {_type_name(key.type)}, got {_show(value)}{_type_hint(key, value)}")
        return None
    if isinstance(value, list) and key.items is not None:
        bad = [v for v in value if not _is(v, key.items)]
        if bad:
            problems.append(f"{where}: expected a list of {_type_name(key.items)[2:]}s, got {_show(bad[0])}")
            return None
    if isinstance(value, str) and "\0" in value:
        problems.append(f"{where}: holds a NUL character")
        return None
    if key.choices and value not in key.choices:
        problems.append(f"{where}: {_show(value)} is not one of {', '.join(key.choices)}")
        return None
    if key.path and (value in ("", []) and key.default not in ("", []) or isinstance(value, list) and "" in value):
        problems.append(f"{where}: must not be empty")
        return None
    converted = value
    if key.check is not None:
        try:
            converted = key.check(value)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            return None
    if key.bounds is not None:
        lo, hi = (key.check(b) if key.check else b for b in key.bounds)
        if not lo <= converted <= hi:  # NaN fails this too
            problems.append(f"{where}: {_show(value)} is outside {key.bounds[0]} to {key.bounds[1]}")
            return None
    return converted


def _show(value: Any) -> str:
    """A value for a message, cut short: a config line can be very long. A TOML time or date
    is shown as written, not as Python's repr."""
    text = value.isoformat() if isinstance(value, time | date) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _section(name: str, schema: Mapping[str, Key], raw: Mapping[str, Any], base: Path, state: Path,
             problems: list[str], secrets: dict[str, tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    secret_keys = {f"{k}{suf}": k for k, key in schema.items() if key.secret for suf in secrets_mod.SUFFIXES}
    for k, v in raw.items():
        if k in secret_keys:
            base_key = secret_keys[k]
            if not isinstance(v, str) or not v or "\0" in v:
                problems.append(f"{name}.{k}: expected a non-empty string")
                continue
            if f"{name}.{base_key}" in secrets:
                problems.append(f"{name}.{k}: give only one of {base_key}_env, {base_key}_file, {base_key}_command")
                continue
            how = k[len(base_key) + 1:]
            ref = str(_secret_file(base, v)) if how == "file" else v
            secrets[f"{name}.{base_key}"] = (how, ref)
        elif k in schema and schema[k].secret:
            problems.append(f"{name}.{k}: secrets are never written in the config; "
                            f"use {k}_env, {k}_file or {k}_command")
        elif k not in schema:
            home = [sec for sec, keys in SCHEMA.items() if sec != name and k in keys]
            problems.append(f"{name}.{k}: unknown key" + (f" here (it belongs in [{home[0]}])" if home
                                                          else _suggest(k, [*schema, *secret_keys])))
    for k, key in schema.items():
        if key.secret:
            continue
        if k not in raw:
            if key.required:
                problems.append(f"{name}.{k}: required")
            default = key.default
            value = key.check(default) if key.check is not None and default is not None else default
            if key.state:
                value = state / default
        else:
            value = _check_value(f"{name}.{k}", key, raw[k], problems)
        if key.path and value not in (None, "") and not isinstance(value, Path):  # "" is unset, not "here"
            value = [_resolve(base, v) for v in value] if isinstance(value, list) else _resolve(base, value)
        out[k] = list(value) if isinstance(value, list) else value
    return out


def _secret_file(base: Path, value: str) -> Path:
    """A ``*_file`` secret's path. Under systemd, a bare relative name that ``LoadCredential=``
    placed in ``$CREDENTIALS_DIRECTORY`` is read from there (``password_file = "imap"`` works in
    the unit and, from the config's folder, in a shell); otherwise as any other path."""
    credentials = os.environ.get("CREDENTIALS_DIRECTORY")
    if credentials and not Path(value).is_absolute() and not value.startswith("~"):
        candidate = Path(credentials) / value
        if candidate.is_file():
            return candidate
    return _resolve(base, value)


def _resolve(base: Path, value: Any) -> Path:
    """``value`` with ``~`` expanded, taken from ``base`` when relative, and ``..`` folded so
    messages show the path a person would write."""
    p = Path(os.path.expanduser(str(value)))
    return Path(os.path.normpath(p if p.is_absolute() else base / p))


def _suggest(key: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def from_mapping(raw: Mapping[str, Any], base: Path, source: Path | None = None, *,
                 check_files: bool = True, allow_missing: bool = False, check_secrets: bool = True) -> Settings:
    """Validate a parsed TOML document; relative paths are taken from ``base``.

    With ``check_files`` (the default) the world the config names is checked too: folders and
    files exist, data paths can be written, and secret variables and files are there. ``focusd
    init`` turns it off, since the mail folder may not exist yet. Without ``check_secrets`` the
    secret sources are not looked at: a command that only reads the store (``status``,
    ``items``, a printed brief) runs in a shell that lacks the service's variables.
    """
    problems: list[str] = []
    secrets: dict[str, tuple[str, str]] = {}
    values: dict[str, dict[str, Any]] = {}
    state = default_state_dir()
    for section in raw:
        if section not in SCHEMA and section != "goals":
            problems.append(f"[{section}]: unknown section" + _suggest(section, [*SCHEMA, "goals"]))
    for section, schema in SCHEMA.items():
        body = raw.get(section, {})
        if not isinstance(body, dict):
            problems.append(f"[{section}]: expected a table")
            body = {}
        values[section] = _section(section, schema, body, base, state, problems, secrets)
    goals = []
    raw_goals = raw.get("goals", [])
    if not isinstance(raw_goals, list):
        problems.append("goals: expected [[goals]] tables")
        raw_goals = []
    for n, g in enumerate(raw_goals, 1):
        if not isinstance(g, dict):
            problems.append(f"goals[{n}]: expected a table")
            continue
        v = _section(f"goals[{n}]", GOAL_SCHEMA, g, base, state, problems, secrets)
        if v["title"]:
            goals.append(Goal(v["title"], float(v["weight"] if v["weight"] is not None else 1.0),
                              tuple(str(k).lower() for k in v["keywords"] or []), v["deadline"]))
    unavailable = _availability(values, problems)
    _cross_checks(values, secrets, problems, unavailable)
    missing: list[str] = []
    unset = {f"{sec}.path" for sec in ("storage", "smtp")
             if not isinstance(raw.get(sec), dict) or "path" not in raw[sec]}
    if check_files:
        _world_checks(values, secrets if check_secrets else {}, problems, missing, state, unset)
    if problems and not (allow_missing and len(missing) == len(problems)):
        raise ConfigError(problems, str(source) if source else "")
    return Settings(values=values, goals=goals, source=source, secret_refs=secrets, state_dir=state,
                    unset=frozenset(unset), missing=tuple(missing), ignored=_ignored(raw, values))


def _ignored(raw: Mapping[str, Any], values: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The keys a config sets that only another backend reads: "[mail].path" left over after
    a move from maildir to imap would be silently unused. A key's help names the backend that
    reads it ("imap: server host name."); one sentence each."""
    out = []
    for section, schema in SCHEMA.items():
        body = raw.get(section)
        if "backend" not in schema or not isinstance(body, dict):
            continue
        chosen = values[section]["backend"]
        backends = set(backend_choices(section))
        secret_keys = {f"{k}{suf}": k for k, key in schema.items() if key.secret for suf in secrets_mod.SUFFIXES}
        for k in body:
            key = schema.get(secret_keys.get(k) or k)
            reader = key.help.split(":", 1)[0] if key is not None and ":" in key.help else ""
            if reader in backends and reader != chosen:
                out.append(f"[{section}].{k} is read only by the {reader} backend, and backend is {chosen}: "
                           f"it is ignored (remove it, or set backend = \"{reader}\")")
    return tuple(out)


def _cross_checks(v: dict[str, dict[str, Any]], secrets: dict[str, tuple[str, str]], problems: list[str],
                  unavailable: set[str]) -> None:
    """Checks across keys. What a backend needs is not asked of one this version lacks: that
    it is not available is the one thing to say about it."""
    email = v["owner"].get("email") or ""
    if email and not is_address(email):
        problems.append(f"owner.email: {_show(email)} is not an address")
    sender = v["smtp"].get("from_address") or ""
    if sender and not is_address(sender):
        problems.append(f"smtp.from_address: {_show(sender)} is not an address")
    if v["mail"]["sent_folder"] is not None and not v["mail"]["sent_folder"].strip():
        problems.append("mail.sent_folder: name the folder that holds the mail you send")
    if any(isinstance(f, str) and not f.strip() for f in v["mail"]["folders"] or []):
        problems.append("mail.folders: a folder name is empty")
    if v["mail"]["backend"] == "imap" and "mail" not in unavailable:
        for k in ("host", "username"):
            if not v["mail"][k]:
                problems.append(f"mail.{k}: required when mail.backend is imap")
        from connectors.net import is_loopback

        if v["mail"]["host"] and v["mail"]["security"] == "none" and not is_loopback(v["mail"]["host"]):
            problems.append(f"mail.security: none sends passwords and mail in clear text; it is allowed only for "
                            f"a server on this machine, not {v['mail']['host']!r}")
        _login_checks("mail", v["mail"], secrets, problems, required=True)
    if v["mail"]["folders"] is not None and not v["mail"]["folders"]:
        problems.append("mail.folders: name at least one folder")
    if v["smtp"]["backend"] == "smtp" and "smtp" not in unavailable:
        _smtp_checks(v["smtp"], secrets, problems)
    if v["smtp"]["save_to_sent"] and v["mail"]["backend"] != "imap":
        problems.append("smtp.save_to_sent: needs [mail].backend = \"imap\" (the copy is stored over IMAP)")
    if v["calendar"]["backend"] == "ics" and v["calendar"]["paths"] == [] and not v["calendar"]["urls"]:
        problems.append("calendar.paths: required when calendar.backend is ics (or calendar.urls)")
    if v["calendar"]["backend"] == "caldav" and "calendar" not in unavailable and not v["calendar"]["url"]:
        problems.append("calendar.url: required when calendar.backend is caldav")
    if v["llm"]["provider"] not in (None, "none") and "llm" not in unavailable and not v["llm"]["model"]:
        problems.append("llm.model: required when llm.provider is not none")
    if v["llm"]["provider"] in ("openai", "anthropic") and "llm" not in unavailable and "llm.api_key" not in secrets:
        problems.append(f"llm.api_key: required when llm.provider is {v['llm']['provider']} "
                        "(api_key_env, api_key_file or api_key_command)")
    url = v["llm"]["base_url"]
    if url and not re.match(r"https?://[^\s/]+", url):
        # "127.0.0.1:8080/v1" reached no server, and doctor could only say "connection error".
        problems.append(f"llm.base_url: {url!r} is no web address; write it with its scheme, such as "
                        "http://127.0.0.1:8080/v1")
    b = v["brief"]
    if b["time"] and b["latest"] and b["latest"] <= b["time"]:
        problems.append("brief.latest: must be later than brief.time")
    f = v["focus"]
    if f["earliest"] and f["latest"] and f["latest"] <= f["earliest"]:
        problems.append("focus.latest: must be later than focus.earliest")
    elif f["earliest"] and f["latest"] and f["block_minutes"] and v["owner"]["working_hours"]:
        start = max(f["earliest"], v["owner"]["working_hours"][0])
        end = min(f["latest"], v["owner"]["working_hours"][1])
        room = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        if room < f["block_minutes"]:
            problems.append(f"focus.block_minutes: {f['block_minutes']} minutes do not fit between "
                            f"{start:%H:%M} and {end:%H:%M} (your focus hours inside your working hours), so no "
                            "block could ever be booked")


def _smtp_checks(smtp: dict[str, Any], secrets: dict[str, tuple[str, str]], problems: list[str]) -> None:
    from connectors.net import is_loopback

    if not smtp["host"]:
        problems.append("smtp.host: required when smtp.backend is smtp")
    elif smtp["security"] == "none" and not is_loopback(smtp["host"]):
        problems.append(f"smtp.security: none sends passwords and briefs in clear text; it is allowed only for "
                        f"a server on this machine, not {smtp['host']!r}")
    if smtp["username"] or smtp["auth"] == "xoauth2":
        _login_checks("smtp", smtp, secrets, problems, required=False)


def _login_checks(name: str, sec: dict[str, Any], secrets: dict[str, tuple[str, str]], problems: list[str],
                  required: bool) -> None:
    """A password, or for xoauth2 a ready token or a client id with a refresh token."""
    if sec["auth"] != "xoauth2":
        # A password written in the config is already one problem, which says where it goes instead.
        if f"{name}.password" not in secrets and not any(p.startswith(f"{name}.password:") for p in problems):
            need = "imap needs a password" if required else "a username needs a password"
            problems.append(f"{name}.password_env: {need} (password_env, password_file or password_command)")
        return
    if not sec["username"]:
        problems.append(f"{name}.username: xoauth2 needs the account's address as username")
    if sec["google_token_file"]:
        return
    if sec["oauth_client_id"]:
        if f"{name}.oauth_refresh_token" not in secrets:
            problems.append(f"{name}.oauth_refresh_token_env: oauth_client_id needs a refresh token "
                            "(oauth_refresh_token_env, _file or _command)")
        if sec["oauth_provider"] == "google" and not sec["oauth_token_url"] \
                and f"{name}.oauth_client_secret" not in secrets:
            problems.append(f"{name}.oauth_client_secret_env: Google's OAuth clients need their secret "
                            "(oauth_client_secret_env, _file or _command)")
    elif f"{name}.oauth_token" not in secrets:
        problems.append(f"{name}.oauth_token_env: xoauth2 needs an access token (oauth_token_env, _file or "
                        "_command), or oauth_client_id and a refresh token to mint one")


def _availability(v: dict[str, dict[str, Any]], problems: list[str]) -> set[str]:
    """A backend the schema knows but this version does not have is a config problem.
    Returns the sections whose backend (or provider) is not available."""
    unavailable: set[str] = set()
    for section, registry in REGISTRIES.items():
        name = v[section]["backend"]
        if name is None or name == NO_BACKEND.get(section) or name in registry:
            continue
        unavailable.add(section)
        known = [b for b in SCHEMA[section]["backend"].choices if b in registry or b == NO_BACKEND.get(section)]
        problems.append(f"{section}.backend: {name!r} is not available in this version "
                        f"(available: {', '.join(known)})")
    provider = v["llm"]["provider"]
    if provider is not None and provider not in LLM_PROVIDERS:
        unavailable.add("llm")
        problems.append(f"llm.provider: {provider!r} is not available in this version "
                        f"(available: {', '.join(LLM_PROVIDERS)})")
    return unavailable


def _world_checks(v: dict[str, dict[str, Any]], secrets: dict[str, tuple[str, str]], problems: list[str],
                  missing: list[str], state: Path, unset: set[str]) -> None:
    """The folders, files and variables the config names exist and can be used. A mail folder
    or calendar file that does not exist yet also goes to ``missing``: it may still appear (a
    late mount, a sync tool's first run), so the daemon rides it out."""
    for name, (how, ref) in secrets.items():
        problem = secrets_mod.check(how, ref)
        if problem:
            problems.append(f"{name}_{how}: {problem}")
    mail = v["mail"]
    if mail["backend"] == "maildir" and isinstance(mail["path"], Path):
        kind = _kind(mail["path"])
        if kind != FOLDER:
            what = {MISSING: "does not exist", FILE: "is not a folder"}.get(kind, kind)
            if kind == MISSING:
                # Name every folder the config reads, so one command makes the whole Maildir.
                wanted = [*(mail["folders"] or []), mail["sent_folder"]]
                folders = [f for f in dict.fromkeys(["INBOX", *wanted]) if isinstance(f, str) and f.strip()]
                what += f"; create it with: {create_command(mail['path'], folders)}"
            problems.append(f"mail.path: {mail['path']} {what}")
            if kind == MISSING:
                missing.append(problems[-1])
    cal = v["calendar"]
    if cal["backend"] == "ics":
        for n, p in enumerate(cal["paths"] or [], 1):
            kind = _kind(p)
            if kind != FILE:
                what = {MISSING: "does not exist", FOLDER: "is a folder, not a calendar file"}.get(kind, kind)
                problems.append(f"calendar.paths[{n}]: {p} {what}")
                if kind == MISSING:
                    missing.append(problems[-1])
    if cal["backend"] == "google":
        creds, token = cal["credentials_file"], cal["token_file"]
        signed_in = isinstance(token, Path) and token.is_file()
        # Unset, `focusd auth google` says where to get one; named but not there, say it here.
        if isinstance(creds, Path) and not creds.is_file() and not signed_in:
            problems.append(f"calendar.credentials_file: {creds} does not exist: in the Google Cloud console (APIs & "
                            "Services > Credentials) create an OAuth client ID of type Desktop app and save its JSON "
                            "there, then run `focusd auth google`")
            missing.append(problems[-1])  # it may be copied in later; the daemon rides it out

    def where(key: str) -> str:
        # A data path left unset lives in the state directory: say so, or the message names a
        # key the owner never wrote.
        if key not in unset:
            return key
        return (f"{key} (not set, so the state directory {state} holds it; set {key}, or "
                "$STATE_DIRECTORY or $XDG_STATE_HOME)")

    if isinstance(v["storage"]["path"], Path):
        problem = _writable_file(v["storage"]["path"])
        if problem:
            problems.append(f"{where('storage.path')}: {problem}")
    if v["smtp"]["backend"] == "file" and isinstance(v["smtp"]["path"], Path):
        problem = _writable_folder(v["smtp"]["path"])
        if problem:
            problems.append(f"{where('smtp.path')}: {problem}")


MISSING, FOLDER, FILE = "missing", "folder", "file"


def _kind(p: Path) -> str:
    """MISSING, FOLDER or FILE; anything else says why ``p`` cannot be looked at."""
    try:
        mode = p.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return MISSING
    except OSError as exc:
        return f"cannot be used: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return FOLDER
    return FILE if stat.S_ISREG(mode) else f"is {describe(mode)}, not a file"


def _creatable(p: Path) -> str | None:
    """Why ``p``, which does not exist, cannot be created, or None."""
    ancestor = p.parent
    while (kind := _kind(ancestor)) == MISSING and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if kind == FILE:
        return f"{p} cannot be created: {ancestor} is not a folder"
    if kind != FOLDER:
        return f"{p} cannot be created: {ancestor} {kind}"
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return f"{p} cannot be created: {ancestor} is not writable"
    return None


def _not_writable(p: Path) -> str:
    """"P is not writable", with whom it belongs to when that is not the user focusd runs as
    (a database a root command created in the service's folder): the fix is then a chown."""
    try:
        uid = p.stat().st_uid
    except OSError:
        return f"{p} is not writable"
    if not hasattr(os, "geteuid") or uid == os.geteuid():
        return f"{p} is not writable"
    import pwd

    try:
        owner = pwd.getpwuid(uid).pw_name
        me = pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        owner, me = str(uid), str(os.geteuid())
    return f"{p} is not writable: it belongs to {owner}, and focusd runs as {me} (chown -R {me} {p})"


def _writable_file(p: Path) -> str | None:
    """Why the database file ``p`` cannot be created or written, or None."""
    kind = _kind(p)
    if kind == MISSING:
        return _creatable(p)
    if kind == FOLDER:
        return f"{p} is a folder; name a file such as {p / 'focusd.db'}"
    if kind != FILE:
        return f"{p} {kind}"
    if not os.access(p, os.W_OK):
        return _not_writable(p)
    # SQLite writes its journal beside the database
    if not os.access(p.parent, os.W_OK | os.X_OK):
        return f"{p.parent} is not writable (the database keeps its journal there)"
    return None


def _writable_folder(p: Path) -> str | None:
    """Why the folder ``p`` cannot be created or written into, or None."""
    kind = _kind(p)
    if kind == MISSING:
        return _creatable(p)
    if kind == FILE:
        return f"{p} is not a folder"
    if kind != FOLDER:
        return f"{p} {kind}"
    if not os.access(p, os.W_OK | os.X_OK):
        return _not_writable(p)
    return None


CONFIG_LIMIT = 1024 * 1024  # a config is a few kilobytes; /dev/zero is not one


def _toml_hint(text: str, error: str) -> str:
    """The line a TOML error names, and for a value written bare that TOML cannot read
    (``time = 07:30``, ``max_age = 30d``), to quote it."""
    m = re.search(r"at line (\d+)", error)
    lines = text.splitlines()
    if m is None or not 0 < int(m.group(1)) <= len(lines):
        return ""
    line = lines[int(m.group(1)) - 1].strip()
    shown = line if len(line) <= 60 else line[:57] + "..."
    bare = re.fullmatch(r"([\w.-]+)\s*=\s*([^\"'\[{\s][^#]*?)\s*(?:#.*)?", line)
    if bare and not re.fullmatch(r"[+-]?[\d_.]+|true|false|\d{4}-\d\d-\d\d", bare.group(2)):
        return f"; line {m.group(1)} is “{shown}”: write the value in quotes, as in {bare.group(1)} = \"{bare.group(2)}\""
    return f"; line {m.group(1)} is “{shown}”" if line else ""


def load(path: Path, allow_missing: bool = False, check_secrets: bool = True) -> Settings:
    """Read and validate a config file, and check the folders, files and secrets it names.

    Raises only :class:`ConfigError`, with every problem found. With ``allow_missing`` a mail
    folder or calendar file that does not exist yet is no error (the daemon rides it out, as
    it does a server that is down): it is listed in ``Settings.missing``.
    """
    try:
        text = read_file(path, CONFIG_LIMIT).decode("utf-8-sig")  # a BOM, as Notepad writes one, is no statement
        raw = tomllib.loads(text)
    except FileProblem as exc:
        raise ConfigError([f"{exc} (a config is a TOML file)"]) from None
    except FileNotFoundError:
        raise ConfigError([f"{path}: no such file (run `focusd init` to write one)"]) from None
    except IsADirectoryError:
        raise ConfigError([f"{path}: is a folder, not a config file"]) from None
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read it: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: not UTF-8 text (byte {exc.start})"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}{_toml_hint(text, str(exc))}"]) from None
    except RecursionError:
        raise ConfigError([f"{path}: not valid TOML: nested too deeply"]) from None
    try:
        base = path.resolve().parent
    except (OSError, RuntimeError) as exc:
        raise ConfigError([f"{path}: cannot resolve its folder: {exc}"]) from None
    return from_mapping(raw, base, source=path, allow_missing=allow_missing, check_secrets=check_secrets)


def find_config(explicit: str | None) -> Path:
    """``--config``, then ``$FOCUSD_CONFIG``, then XDG, then /etc."""
    if explicit:
        return Path(explicit)
    if os.environ.get("FOCUSD_CONFIG"):
        return Path(os.environ["FOCUSD_CONFIG"])
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "focusd" / "config.toml"
    if xdg.exists():
        return xdg
    etc = Path("/etc/focusd/config.toml")
    return etc if etc.exists() else xdg


# -- rendering the commented config ----------------------------------------------------------------


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(values: Mapping[str, Mapping[str, Any]], goals: Sequence[Mapping[str, Any]] | None = None) -> str:
    """A commented config: every key with its help; keys given in ``values`` are set, others
    are shown commented out with their default."""
    out = ["# focusd configuration. Every key is listed with its help text; keys that are",
           "# commented out keep the default shown. Relative paths are taken from this file's folder;",
           "# unset, the database and outbox live in the state directory ($STATE_DIRECTORY under systemd,",
           "# else $XDG_STATE_HOME/focusd, else ~/.local/state/focusd).",
           "# Secrets never go in this file: name them with *_env, *_file or *_command.", ""]
    for section, schema in SCHEMA.items():
        out.append(f"[{section}]")
        given = values.get(section, {})
        for k, key in schema.items():
            out.append(f"# {key.describe()}")
            if key.secret:
                for suf in secrets_mod.SUFFIXES:
                    if f"{k}{suf}" in given:
                        out.append(f"{k}{suf} = {_toml(given[k + suf])}")
                        break
                else:
                    out.append(f'# {k}_env = "FOCUSD_{section.upper()}_{k.upper()}"')
                continue
            if k in given:
                out.append(f"{k} = {_toml(given[k])}")
            elif key.default not in (None, ""):
                out.append(f"# {k} = {_toml(key.default)}")
            else:
                out.append(f'# {k} = ""')
        out.append("")
    out.append("# Goals rank the work: items that match a goal's keywords score higher.")
    for g in goals or [{"title": "Close the seed round", "weight": 3,
                        "keywords": ["investor", "deck", "term sheet"], "deadline": "2026-12-15"}]:
        out.append("[[goals]]" if goals else "# [[goals]]")
        for k, key in GOAL_SCHEMA.items():
            if k in g and g[k] is not None:
                line = f"{k} = {_toml(g[k])}"
                out.append(f"{line:<50}# {key.describe()}" if goals else f"# {line:<48}# {key.describe()}")
        out.append("")
    return "\n".join(out)


EXAMPLE_VALUES: dict[str, dict[str, Any]] = {
    "owner": {"name": "Ada Lovelace", "email": "ada@example.com", "timezone": "Europe/London",
              "working_hours": "09:00-18:00", "working_days": "mon-fri"},
    "mail": {"backend": "maildir", "path": "mail", "sent_folder": "Sent"},
    "smtp": {"backend": "file"},
    "calendar": {"backend": "ics", "paths": ["calendar.ics"]},
    "llm": {"provider": "none"},
}
EXAMPLE_GOALS: list[dict[str, Any]] = [
    {"title": "Close the seed round", "weight": 3, "keywords": ["investor", "deck", "term sheet"],
     "deadline": "2026-12-15"},
    {"title": "Ship the pilot", "weight": 2, "keywords": ["pilot", "customer"]},
]


def example() -> str:
    """The text of ``config/focusd.example.toml``: every key, rendered from the schema."""
    return render(EXAMPLE_VALUES, EXAMPLE_GOALS)
