"""TOML configuration: one schema holds each key's type, default and help text.

The example config (``config/focusd.example.toml``) and ``focusd init`` are both rendered from
this schema, so neither can drift from the code. :func:`load` collects every problem, unknown
keys included, and raises one :class:`ConfigError` that lists them all.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agent.errors import ConfigError, SecretError

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FULL_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SECRET_SUFFIXES = ("_env", "_file", "_command")


# -- value formats ---------------------------------------------------------------------------------


def parse_duration(value: str) -> timedelta:
    """``"90s"``, ``"2m"``, ``"1h"``, ``"1d"`` -> timedelta."""
    m = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", str(value))
    if not m:
        raise ValueError(f"{value!r} is not a duration such as '30s', '2m', '1h' or '1d'")
    n, unit = int(m.group(1)), m.group(2)
    return timedelta(**{{"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}[unit]: n})


def parse_time(value: str) -> time:
    m = re.fullmatch(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*", str(value))
    if not m:
        raise ValueError(f"{value!r} is not a time such as '07:30'")
    return time(int(m.group(1)), int(m.group(2)))


def parse_hours(value: str) -> tuple[time, time]:
    start, sep, end = str(value).partition("-")
    if not sep:
        raise ValueError(f"{value!r} is not a range such as '09:00-18:00'")
    a, b = parse_time(start), parse_time(end)
    if b <= a:
        raise ValueError(f"{value!r} ends before it starts")
    return a, b


def _day(text: str) -> int | None:
    """"mon" or "monday" -> 0."""
    for n, (short, full) in enumerate(zip(DAYS, FULL_DAYS, strict=True)):
        if text in (short, full):
            return n
    return None


def parse_days(value: str | list[str]) -> list[int]:
    """``"mon-fri"``, ``"mon,wed"`` or ``["mon", "thu"]`` -> weekday numbers (Monday is 0)."""
    items = value if isinstance(value, list) else str(value).split(",")
    out: set[int] = set()
    for item in items:
        text = str(item).strip().lower()
        first, dash, last = text.partition("-")
        if dash:
            i, j = _day(first), _day(last)
            if i is None or j is None:
                raise ValueError(f"{text!r} is not a day range such as 'mon-fri'")
            out.update(range(i, j + 1) if i <= j else [*range(i, 7), *range(0, j + 1)])
        elif (d := _day(text)) is not None:
            out.add(d)
        else:
            raise ValueError(f"{text!r} is not a day (mon, tue, wed, thu, fri, sat, sun)")
    if not out:
        raise ValueError("no working days given")
    return sorted(out)


def _check_tz(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not a time zone such as 'Europe/London'") from None


def _check_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date such as '2026-12-15'") from None


# -- schema ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One config key: TOML type, default, help; ``check`` validates and converts the value."""

    type: type | tuple[type, ...]
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    check: Callable[[Any], Any] | None = None
    required: bool = False
    secret: bool = False  # the key names a secret: *_env / *_file / *_command
    path: bool = False  # relative to the config file's folder


S = str
SCHEMA: dict[str, dict[str, Key]] = {
    "owner": {
        "name": Key(S, "", "Your name, as it appears in mail.", required=True),
        "email": Key(S, "", "Your address; only mail from it can steer focusd.", required=True),
        "timezone": Key(S, "UTC", "IANA time zone; 'today' and relative dates use it.", check=_check_tz),
        "working_hours": Key(S, "09:00-18:00", "When focus blocks may be booked.", check=parse_hours),
        "working_days": Key((S, list), "mon-fri", "'mon-fri' or a list such as [\"mon\", \"tue\"].", check=parse_days),
    },
    "mail": {
        "backend": Key(S, "maildir", "Where mail is read from.", choices=("imap", "maildir")),
        "path": Key(S, "mail", "maildir: a Maildir++ root (INBOX in path/cur, Sent in path/.Sent/).", path=True),
        "host": Key(S, "", "imap: server host name."),
        "port": Key(int, 993, "imap: server port."),
        "security": Key(S, "ssl", "imap: ssl, starttls or none (none only on loopback).", choices=("ssl", "starttls", "none")),
        "username": Key(S, "", "imap: login name."),
        "password": Key(S, None, "imap: the password, named by password_env, password_file or password_command.", secret=True),
        "folders": Key(list, ["INBOX"], "Folders to read requests and replies from."),
        "sent_folder": Key(S, "Sent", "The folder holding mail you sent (your commitments live there)."),
        "poll_interval": Key(S, "2m", "How often to look for new mail.", check=parse_duration),
        "max_age": Key(S, "30d", "Mail older than this yields no items (the first sync of a full mailbox "
                       "does not dig up years-old asks).", check=parse_duration),
        "idle": Key(bool, True, "imap: wait for new mail with IDLE between polls."),
    },
    "smtp": {
        "backend": Key(S, "file", "How the brief is sent: smtp, or file (writes .eml files).", choices=("smtp", "file")),
        "path": Key(S, "outbox", "file: the folder that receives one .eml per outgoing mail.", path=True),
        "host": Key(S, "", "smtp: server host name."),
        "port": Key(int, 587, "smtp: server port."),
        "security": Key(S, "starttls", "smtp: ssl, starttls or none.", choices=("ssl", "starttls", "none")),
        "username": Key(S, "", "smtp: login name."),
        "password": Key(S, None, "smtp: the password (password_env, password_file or password_command).", secret=True),
        "from_address": Key(S, "", "The brief's From address; empty means owner.email."),
        "dry_run": Key(bool, False, "Compose and log outgoing mail, but send nothing."),
    },
    "calendar": {
        "backend": Key(S, "none", "google, caldav, ics (read-only files) or none.", choices=("google", "caldav", "ics", "none")),
        "paths": Key(list, [], "ics: calendar files to read.", path=True),
        "url": Key(S, "", "caldav: the calendar collection URL."),
        "username": Key(S, "", "caldav: login name."),
        "password": Key(S, None, "caldav: the password (password_env, password_file or password_command).", secret=True),
        "calendar_id": Key(S, "primary", "google: the calendar to read and book."),
        "credentials_file": Key(S, "", "google: the OAuth client file downloaded from the console.", path=True),
        "token_file": Key(S, "google-token.json", "google: where `focusd auth google` stores the token (mode 0600).", path=True),
    },
    "llm": {
        "provider": Key(S, "none", "none (embedded, offline), openai, anthropic, ollama or openai-compatible.",
                        choices=("none", "openai", "anthropic", "ollama", "openai-compatible")),
        "model": Key(S, "", "The model name, as the provider spells it."),
        "base_url": Key(S, "", "For ollama and openai-compatible servers."),
        "api_key": Key(S, None, "The API key (api_key_env, api_key_file or api_key_command).", secret=True),
        "timeout": Key(S, "60s", "Give up on one call after this long and fall back to the embedded extractor.", check=parse_duration),
        "max_tokens_per_message": Key(int, 4000, "Longer messages are cut before they reach the model."),
    },
    "brief": {
        "time": Key(S, "07:30", "When the morning brief is sent, in your time zone.", check=parse_time),
        "max_focus": Key(int, 3, "At most this many items in Today's focus."),
    },
    "focus": {
        "block_minutes": Key(int, 90, "Length of one focus block."),
        "max_blocks_per_day": Key(int, 2, "At most this many focus blocks a day."),
        "earliest": Key(S, "09:00", "No focus block starts before this.", check=parse_time),
        "latest": Key(S, "17:00", "No focus block ends after this.", check=parse_time),
    },
    "storage": {
        "path": Key(S, "focusd.db", "The SQLite database; one per owner.", path=True),
    },
}
GOAL_SCHEMA: dict[str, Key] = {
    "title": Key(S, "", "What you are working towards.", required=True),
    "weight": Key((int, float), 1.0, "How much it counts, 0-5."),
    "keywords": Key(list, [], "Words that tie mail and items to the goal."),
    "deadline": Key((S, date), None, "Optional date, such as 2026-12-15.", check=_check_date),
}


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
        return read_secret(name, how, ref)


def read_secret(name: str, how: str, ref: str) -> str:
    if how == "env":
        value = os.environ.get(ref)
        if value is None:
            raise SecretError(f"{name}: the environment variable {ref} is not set")
        return value
    if how == "file":
        path = Path(ref)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            raise SecretError(f"{name}: cannot read {path}: {exc.strerror}") from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise SecretError(f"{name}: {path} can be read by group or others; run chmod 600 {path}")
        return path.read_text().strip()
    try:
        done = subprocess.run(ref, shell=True, capture_output=True, text=True, timeout=30, check=False)
    except subprocess.TimeoutExpired:
        raise SecretError(f"{name}: the command timed out after 30 s") from None
    if done.returncode != 0:
        raise SecretError(f"{name}: the command exited {done.returncode}")
    return done.stdout.strip()


def _type_name(t: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
             list: "a list", date: "a date"}
    ts = t if isinstance(t, tuple) else (t,)
    return " or ".join(names.get(x, x.__name__) for x in ts)


def _check_value(where: str, key: Key, value: Any, problems: list[str]) -> Any:
    types = key.type if isinstance(key.type, tuple) else (key.type,)
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        problems.append(f"{where}: expected {_type_name(key.type)}, got {value!r}")
        return None
    if key.choices and value not in key.choices:
        problems.append(f"{where}: {value!r} is not one of {', '.join(key.choices)}")
        return None
    if key.check is not None:
        try:
            return key.check(value)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            return None
    return value


def _section(name: str, schema: Mapping[str, Key], raw: Mapping[str, Any], base: Path,
             problems: list[str], secrets: dict[str, tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    secret_keys = {f"{k}{suf}": k for k, key in schema.items() if key.secret for suf in SECRET_SUFFIXES}
    for k, v in raw.items():
        if k in secret_keys:
            base_key = secret_keys[k]
            if not isinstance(v, str) or not v:
                problems.append(f"{name}.{k}: expected a non-empty string")
                continue
            if f"{name}.{base_key}" in secrets:
                problems.append(f"{name}.{k}: give only one of {base_key}_env, {base_key}_file, {base_key}_command")
                continue
            how = k[len(base_key) + 1:]
            ref = str(_resolve(base, v)) if how == "file" else v
            secrets[f"{name}.{base_key}"] = (how, ref)
        elif k in schema and schema[k].secret:
            problems.append(f"{name}.{k}: secrets are never written in the config; "
                            f"use {k}_env, {k}_file or {k}_command")
        elif k not in schema:
            problems.append(f"{name}.{k}: unknown key" + _suggest(k, [*schema, *secret_keys]))
    for k, key in schema.items():
        if key.secret:
            continue
        if k not in raw:
            if key.required:
                problems.append(f"{name}.{k}: required")
            default = key.default
            value = key.check(default) if key.check is not None and default is not None else default
        else:
            value = _check_value(f"{name}.{k}", key, raw[k], problems)
        if key.path and value is not None:
            value = [_resolve(base, v) for v in value] if isinstance(value, list) else _resolve(base, value)
        out[k] = list(value) if isinstance(value, list) else value
    return out


def _resolve(base: Path, value: Any) -> Path:
    p = Path(os.path.expanduser(str(value)))
    return p if p.is_absolute() else base / p


def _suggest(key: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def from_mapping(raw: Mapping[str, Any], base: Path, source: Path | None = None) -> Settings:
    """Validate a parsed TOML document; relative paths are taken from ``base``."""
    problems: list[str] = []
    secrets: dict[str, tuple[str, str]] = {}
    values: dict[str, dict[str, Any]] = {}
    for section in raw:
        if section not in SCHEMA and section != "goals":
            problems.append(f"[{section}]: unknown section" + _suggest(section, [*SCHEMA, "goals"]))
    for section, schema in SCHEMA.items():
        body = raw.get(section, {})
        if not isinstance(body, dict):
            problems.append(f"[{section}]: expected a table")
            body = {}
        values[section] = _section(section, schema, body, base, problems, secrets)
    goals = []
    raw_goals = raw.get("goals", [])
    if not isinstance(raw_goals, list):
        problems.append("goals: expected [[goals]] tables")
        raw_goals = []
    for n, g in enumerate(raw_goals, 1):
        if not isinstance(g, dict):
            problems.append(f"goals[{n}]: expected a table")
            continue
        v = _section(f"goals[{n}]", GOAL_SCHEMA, g, base, problems, secrets)
        if v["weight"] is not None and not 0 <= v["weight"] <= 5:
            problems.append(f"goals[{n}].weight: {v['weight']} is outside 0-5")
        if v["title"]:
            goals.append(Goal(v["title"], float(v["weight"] or 1.0),
                              tuple(str(k).lower() for k in v["keywords"] or []), v["deadline"]))
    _cross_checks(values, secrets, problems)
    if problems:
        raise ConfigError(problems, str(source) if source else "")
    return Settings(values=values, goals=goals, source=source, secret_refs=secrets)


def _cross_checks(v: dict[str, dict[str, Any]], secrets: dict[str, tuple[str, str]], problems: list[str]) -> None:
    email = v["owner"].get("email") or ""
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        problems.append(f"owner.email: {email!r} is not an address")
    if v["mail"]["backend"] == "imap":
        for k in ("host", "username"):
            if not v["mail"][k]:
                problems.append(f"mail.{k}: required when mail.backend is imap")
        if "mail.password" not in secrets:
            problems.append("mail.password_env: imap needs a password (password_env, password_file or password_command)")
    if v["smtp"]["backend"] == "smtp" and not v["smtp"]["host"]:
        problems.append("smtp.host: required when smtp.backend is smtp")
    if v["calendar"]["backend"] == "ics" and not v["calendar"]["paths"]:
        problems.append("calendar.paths: required when calendar.backend is ics")
    if v["calendar"]["backend"] == "caldav" and not v["calendar"]["url"]:
        problems.append("calendar.url: required when calendar.backend is caldav")
    if v["llm"]["provider"] not in ("none",) and not v["llm"]["model"]:
        problems.append("llm.model: required when llm.provider is not none")
    f = v["focus"]
    if f["earliest"] and f["latest"] and f["latest"] <= f["earliest"]:
        problems.append("focus.latest: must be later than focus.earliest")
    for sec, k in (("brief", "max_focus"), ("focus", "block_minutes"), ("focus", "max_blocks_per_day")):
        if isinstance(v[sec][k], int) and v[sec][k] < 1:
            problems.append(f"{sec}.{k}: must be at least 1")


def load(path: Path) -> Settings:
    """Read and validate a config file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{path}: no such file (run `focusd init` to write one)"]) from None
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read it: {exc.strerror}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    return from_mapping(raw, path.resolve().parent, source=path)


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
           "# commented out keep the default shown. Relative paths are taken from this file's folder.",
           "# Secrets never go in this file: name them with *_env, *_file or *_command.", ""]
    for section, schema in SCHEMA.items():
        out.append(f"[{section}]")
        given = values.get(section, {})
        for k, key in schema.items():
            choices = f" One of: {', '.join(key.choices)}." if key.choices else ""
            out.append(f"# {key.help}{choices}")
            if key.secret:
                for suf in SECRET_SUFFIXES:
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
                out.append(f"{line:<50}# {key.help}" if goals else f"# {line:<48}# {key.help}")
        out.append("")
    return "\n".join(out)


EXAMPLE_VALUES: dict[str, dict[str, Any]] = {
    "owner": {"name": "Ada Lovelace", "email": "ada@example.com", "timezone": "Europe/London",
              "working_hours": "09:00-18:00", "working_days": "mon-fri"},
    "mail": {"backend": "maildir", "path": "mail", "sent_folder": "Sent"},
    "smtp": {"backend": "file", "path": "outbox"},
    "calendar": {"backend": "ics", "paths": ["calendar.ics"]},
    "llm": {"provider": "none"},
    "storage": {"path": "focusd.db"},
}
EXAMPLE_GOALS: list[dict[str, Any]] = [
    {"title": "Close the seed round", "weight": 3, "keywords": ["investor", "deck", "term sheet"],
     "deadline": "2026-12-15"},
    {"title": "Ship the pilot", "weight": 2, "keywords": ["pilot", "customer"]},
]


def example() -> str:
    """The text of ``config/focusd.example.toml``: every key, rendered from the schema."""
    return render(EXAMPLE_VALUES, EXAMPLE_GOALS)
