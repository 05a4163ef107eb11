"""The ``focusd`` command. Each command builds its objects, calls the library, and lets
:func:`main` turn known errors into one sentence on stderr and an exit code."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import tempfile
import tomllib
import traceback
from collections import Counter
from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import click

from agent import clock as clock_mod
from agent import logs
from agent.app import App
from agent.errors import ConfigError, FocusdError
from agent.formats import is_address, parse_tz
from agent.settings import Settings, find_config, from_mapping, load, render
from connectors.errors import ConnectorError
from connectors.mail.maildir import MAILDIR_PARTS, create_command, folder_dir
from connectors.types import Message

DEMO_NOW = "2026-11-19T07:30:00+00:00"  # Thursday morning of the sample week, Europe/London


def _state_owner(folder: Path) -> str | None:
    """The user who owns ``folder`` (or its nearest existing parent), when focusd runs as root
    and that user is not: files written now would be root's, and the service could not open them."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    here = folder
    while not here.exists() and here != here.parent:
        here = here.parent
    try:
        uid = here.stat().st_uid
    except OSError:
        return None
    if uid == 0 or here == here.parent:
        return None
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def not_as_root(settings: Settings) -> None:
    """Stop, with the command to run instead, when root would write into another user's state
    folder: a root-owned database or outbox there is one the service cannot write."""
    folder = Path(settings["storage"]["path"]).parent
    user = _state_owner(folder)
    if user is not None:
        click.echo(f"error: focusd runs as root here, but its state folder {folder} belongs to {user}; run it as that "
                   f"user (sudo -u {user} focusd ...), since files written now would be root's and the service could "
                   "not open them", err=True)
        sys.exit(2)


class Ctx:
    def __init__(self, config: str | None, verbose: bool) -> None:
        self.config = config
        self.verbose = verbose

    def settings(self, read_only: bool = False) -> Settings:
        settings = load(find_config(self.config), check_secrets=not read_only)
        for line in settings.ignored:
            click.echo(f"warning: {line}", err=True)
        return settings

    def app(self, read_only: bool = False) -> App:
        """The app for a command; ``read_only`` for one that reads only the store, which then runs
        without the secrets the daemon's unit provides (``sudo -u focusd focusd status``)."""
        settings = self.settings(read_only)
        not_as_root(settings)
        return App(settings, clock_mod.system())


pass_ctx = click.make_pass_decorator(Ctx)


def _jsonl(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date such as 2026-11-25", param_hint=option) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", metavar="PATH", help="Config file (default: $FOCUSD_CONFIG, "
              "$XDG_CONFIG_HOME/focusd/config.toml, /etc/focusd/config.toml).")
@click.option("--verbose", "-v", is_flag=True, help="Debug logs, and tracebacks on errors.")
@click.version_option(package_name="focusd")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: bool) -> None:
    """focusd turns your mail and calendar into a ranked daily brief.

    Example: focusd --config ~/.config/focusd/config.toml sync
    """
    ctx.obj = Ctx(config, verbose)
    logs.configure(verbose=verbose, level=None if ctx.invoked_subcommand == "run" else "warning")




def _zone_name(path: Path) -> str | None:
    """The IANA name of a zoneinfo file, from the part of its path below a ``zoneinfo`` folder."""
    parts = path.parts
    if "zoneinfo" not in parts:
        return None
    rest = list(parts[len(parts) - parts[::-1].index("zoneinfo"):])
    if rest and rest[0] in ("posix", "right"):
        rest = rest[1:]
    return "/".join(rest) or None


DEFAULT_MAILDIR = "~/Maildir"
MAIL_PASSWORD_ENV = "FOCUSD_MAIL_PASSWORD"  # the README's name too: one app password serves IMAP and SMTP


def _from_here(value: str) -> str:
    """A path typed on the command line, made absolute from the folder it was typed in: the
    config reads relative paths from its own folder, which is seldom where the user stands.
    ``~`` is kept, so the config still reads well."""
    return value if value.startswith("~") or os.path.isabs(value) else os.path.abspath(value)


def _valid_zone(name: str) -> bool:
    try:
        parse_tz(name)
    except ValueError:
        return False
    return True


def system_timezone(env: Mapping[str, str] | None = None, localtime: Path = Path("/etc/localtime"),
                    timezone_file: Path = Path("/etc/timezone")) -> str | None:
    """The system's IANA time zone: ``$TZ``, else the ``/etc/localtime`` link's target, else
    ``/etc/timezone``; None when none of them names a zone."""
    tz_var = (os.environ if env is None else env).get("TZ", "")
    candidates = [tz_var.removeprefix(":")]
    if localtime.is_symlink():
        candidates.append(_zone_name(Path(os.path.realpath(localtime))) or "")
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append(timezone_file.read_text().strip())
    return next((c for c in candidates if c and _valid_zone(c)), None)


def _name_problem(value: str) -> str:
    return "" if value.strip() else "a name is required"


def _email_problem(value: str) -> str:
    return "" if is_address(value) else f"{value.strip()!r} is not an address such as ada@example.com"


def _tz_problem(value: str) -> str:
    return "" if _valid_zone(value.strip()) else f"{value.strip()!r} is not an IANA time zone such as Europe/London"


def _ask(text: str, problem: Any, default: str | None = None) -> str:
    """Prompt until the answer passes ``problem`` (which returns "" for a good answer)."""
    while True:
        answer = str(click.prompt(text, default=default)).strip()
        why = problem(answer)
        if not why:
            return answer
        click.echo(f"focusd: {why}; try again", err=True)


@cli.command()
@click.option("--name", help="Your name.")
@click.option("--email", help="Your address.")
@click.option("--timezone", "tz", help="IANA time zone, e.g. Europe/London (default: the system's).")
@click.option("--mail-path", help="The Maildir to read: Maildir++, or one folder per directory as mbsync "
              f"writes it (default: {DEFAULT_MAILDIR}).")
@click.option("--imap", "imap_host", metavar="HOST[:PORT]", help="Read an IMAP account on HOST (port 993, ssl; "
              f"143 means starttls) instead of a Maildir; the password is read from ${MAIL_PASSWORD_ENV}.")
@click.option("--imap-user", metavar="NAME", help="The IMAP user name (default: --email).")
@click.option("--imap-security", type=click.Choice(["ssl", "starttls", "none"]),
              help="How to secure the IMAP connection (default: ssl, or starttls on port 143; none only on this "
                   "machine).")
@click.option("--calendar", "ics", multiple=True, help="An .ics file to read (repeatable).")
@click.option("--data-dir", metavar="DIR", help="Where the database and outbox go (default: the state directory). "
              "On a server, name the service's state directory so every command finds the same data.")
@click.option("--create-maildir", is_flag=True, help="Create the Maildir (INBOX and the Sent folder, "
              "Maildir++ layout, mode 0700) if it does not exist or is empty. On a terminal init asks.")
@click.option("--force", is_flag=True, help="Overwrite an existing config.")
@pass_ctx
def init(obj: Ctx, name: str | None, email: str | None, tz: str | None, mail_path: str | None,
         imap_host: str | None, imap_user: str | None, imap_security: str | None, ics: tuple[str, ...],
         data_dir: str | None, create_maildir: bool, force: bool) -> None:
    """Write a commented config file. On a terminal it asks for what the options leave out.
    Relative paths given here are taken from the folder you run it in.

    Example: focusd --config ./focusd.toml init --name "Ada Lovelace" --email ada@example.com

    For an IMAP account: focusd init --name "Ada Lovelace" --email ada@fastmail.com --imap imap.fastmail.com
    """
    if imap_host and (mail_path or create_maildir):
        raise click.UsageError("--imap reads an IMAP account: leave out --mail-path and --create-maildir")
    if (imap_user or imap_security) and not imap_host:
        raise click.UsageError(f"{'--imap-user' if imap_user else '--imap-security'} needs --imap HOST")
    imap_port = 993
    if imap_host and re.fullmatch(r"[^:\[\]]+:\d{1,5}", imap_host):  # HOST:PORT (an IPv6 address has several colons)
        imap_host, _, port = imap_host.rpartition(":")
        imap_port = int(port)
    path = find_config(obj.config)
    if path.exists() and not force:
        raise click.ClickException(f"{path} already exists; pass --force to overwrite it")
    found = system_timezone()
    if sys.stdin.isatty():
        name = name or _ask("Your name", _name_problem)
        email = email or _ask("Your email address", _email_problem)
        tz = tz or _ask("Your time zone", _tz_problem, default=found or "UTC")
        if not imap_host:
            mail_path = mail_path or _ask("Your Maildir", lambda _: "", default=DEFAULT_MAILDIR)
    if not name or not email:
        raise click.UsageError("--name and --email are required when not on a terminal")
    if tz and _tz_problem(tz):
        raise click.BadParameter(_tz_problem(tz), param_hint="--timezone")
    if not tz:
        tz = found or "UTC"
        if not found:
            click.echo("note: no system time zone found ($TZ, /etc/localtime); using UTC, "
                       "change [owner].timezone if that is wrong", err=True)
    maildir = _from_here(mail_path or DEFAULT_MAILDIR)
    mail_values: dict[str, Any] = {"backend": "maildir", "path": maildir}
    if imap_host:
        mail_values = {"backend": "imap", "host": imap_host, "port": imap_port,
                       "security": imap_security or ("starttls" if imap_port == 143 else "ssl"),
                       "username": imap_user or email, "password_env": MAIL_PASSWORD_ENV}
    values: dict[str, dict[str, Any]] = {"owner": {"name": name, "email": email, "timezone": tz},
                                         "mail": mail_values}
    if ics:
        values["calendar"] = {"backend": "ics", "paths": [_from_here(p) for p in ics]}
    if data_dir:
        data = Path(_from_here(data_dir))
        values["storage"] = {"path": str(data / "focusd.db")}
        values["smtp"] = {"backend": "file", "path": str(data / "outbox")}
    text = render(values)
    # Refuse to write a bad config; its mail folder and calendar may not exist yet.
    settings = from_mapping(tomllib.loads(text), path.resolve().parent, source=path, check_files=False)
    mail = settings["mail"]
    root = Path(mail["path"])
    folders = list(dict.fromkeys(["INBOX", *mail["folders"], mail["sent_folder"]]))
    if imap_host:
        click.echo(f"note: the IMAP password is read from ${MAIL_PASSWORD_ENV}: set it to the account's password "
                   "(an app password at Gmail, iCloud or Fastmail), or name a file with password_file in [mail]; "
                   "`focusd doctor` then logs in to check", err=True)
    elif _empty_or_missing(root):
        if not create_maildir and sys.stdin.isatty():
            create_maildir = click.confirm(f"Create the Maildir {maildir} (folders {', '.join(folders)})?",
                                           default=True)
        if create_maildir:
            _create_maildir(root, folders)
            click.echo(f"created the Maildir {maildir} (Maildir++: {', '.join(folders)})")
        else:
            state = "is an empty folder" if root.exists() else "does not exist yet"
            click.echo(f"note: {maildir} {state}; create it with: {create_command(root, folders)} (for an IMAP "
                       "account instead, run init again with --imap HOST --force)", err=True)
    elif create_maildir:
        click.echo(f"note: {maildir} exists and is not an empty folder; left as it is", err=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    config = f" --config {path}" if obj.config else ""
    # Run as root for a service's state folder, the next commands must be the service user's.
    user = _state_owner(Path(settings["storage"]["path"]).parent)
    run_as = f"sudo -u {user} " if user else ""
    click.echo(f"wrote {path} (time zone {tz})\nnext:\n"
               f"  {run_as}focusd{config} doctor   check the config and connections\n"
               f"  {run_as}focusd{config} sync     read mail and calendar into the store\n"
               f"  {run_as}focusd{config} brief    print today's brief")


def _empty_or_missing(root: Path) -> bool:
    """True when ``root`` does not exist or is an empty folder: a Maildir may be made there
    without touching anything a mail tool wrote."""
    try:
        return not any(root.iterdir())
    except FileNotFoundError:
        return True
    except OSError:  # a file, or a folder we may not list: doctor says which
        return False


def _create_maildir(root: Path, folders: list[str]) -> None:
    """Make ``folders`` in Maildir++ layout below ``root``, readable by the owner only (mail is
    private). Existing folders are left as they are."""
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        for folder in folders:
            base = folder_dir(root, folder)
            for d in (base, *(base / sub for sub in MAILDIR_PARTS)):
                if not d.is_dir():
                    d.mkdir(mode=0o700)
                    d.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened
    except OSError as exc:
        raise click.ClickException(f"cannot create the Maildir {root}: {exc.strerror or exc}; "
                                   f"create it with: {create_command(root, folders)}") from None


@cli.command()
@pass_ctx
def doctor(obj: Ctx) -> None:
    """Check the config and every configured connection, one line per check. Exit 2 for a
    config problem (a backend not available in this version is one), 1 for a failed connection.

    Example: focusd doctor
    """
    path = find_config(obj.config)
    try:
        settings = load(path)
    except ConfigError as exc:
        click.echo(f"FAIL config    {exc}")
        sys.exit(2)
    from agent import booking as booking_mod
    from agent import checks as host
    from planner.store import StoreError

    checks: list[tuple[str, str, str]] = [("ok", "config", str(path))]
    checks += [("warn", "config", line) for line in settings.ignored]
    config_problem = False
    not_as_root(settings)  # before the store is opened, which creates it
    app = App(settings, clock_mod.system())
    store_path = Path(settings["storage"]["path"])
    # Taken before the store is opened, which writes to it.
    written = store_path.stat().st_mtime if store_path.exists() else None

    def check(name: str, fn: Any) -> None:
        nonlocal config_problem
        try:
            checks.append(("ok", name, str(fn())))
        except ConfigError as exc:  # a backend or provider this version does not have, a blank key
            config_problem = True
            checks.append(("FAIL", name, "config: " + "; ".join(exc.problems)))
        except (FocusdError, ConnectorError, OSError, StoreError) as exc:
            checks.append(("FAIL", name, str(exc)))

    def storage() -> str:
        if not store_path.exists():
            # doctor only looks: the first sync makes the database (and the folders it lives in).
            parent = next((p for p in store_path.parents if p.exists()), None)
            if parent is None or not os.access(parent, os.W_OK | os.X_OK):
                raise StoreError(f"{store_path} cannot be created: {parent or store_path.anchor} is not writable")
            return f"{store_path} not made yet: the first `focusd sync` makes it"
        started = datetime.now()
        problem = app.store.check()  # reads every page: 0.6 s cold on a 50,000-message store
        if problem:
            raise StoreError(f"{store_path} fails its integrity check: {problem}")
        took = (datetime.now() - started).total_seconds()
        return f"{store_path} (schema v{app.store.version}, quick_check ok in {took:.2f} s)"

    try:
        check("storage", storage)
        if store_path.exists():
            checks.append(host.store_permissions(store_path))
        checks.extend(host.secret_files(settings))
        checks.append(host.clock(settings, app.clock(), written))
        mail = settings["mail"]
        check("mail", lambda: app.mail.check(list(dict.fromkeys([*mail["folders"], mail["sent_folder"]]))))
        check("calendar", lambda: app.calendar.check() if app.calendar else "none configured")
        if app.calendar is not None and booking_mod.can_book(app):
            # Booking needs write access: asked of the server, creating nothing.
            check("blocks", lambda: app.calendar.check_write() if app.calendar else "")
        check("smtp", lambda: app.sender.check())
        check("llm", lambda: _describe_extractor(app))
    finally:
        app.close()
    for status, name, detail in checks:
        click.echo(f"{status:<4} {name:<9} {detail}")
    if config_problem:
        sys.exit(2)
    if any(status not in ("ok", "warn") for status, _, _ in checks):
        sys.exit(1)


def _describe_extractor(app: App) -> str:
    from agent.extractors.embedded import EmbeddedExtractor

    extractor = app.extractor
    if isinstance(extractor, EmbeddedExtractor):
        return f"embedded extractor, offline (request model with {len(extractor.model.weights):,} weights)"
    import time

    from agent import llm
    from agent.extractors.llm import LlmExtractor, reason

    if not isinstance(extractor, LlmExtractor):
        return extractor.name
    started = time.monotonic()
    try:
        llm.ping(extractor.model)
    except Exception as exc:  # any client's error, told without its text (it may echo the prompt)
        raise FocusdError(f"{extractor.name}: the model did not answer: {reason(exc)}") from None
    return f"{extractor.name}: the model answered in {time.monotonic() - started:.1f} s"


@cli.group()
def auth() -> None:
    """Sign in to an account that needs it (Google Calendar).

    Example: focusd auth google
    """


@auth.command()
@click.option("--headless", is_flag=True, help="For a server without a browser: print the URL to open elsewhere, "
              "then paste back the code or the address the browser ended on.")
@click.option("--mail", is_flag=True, help="Also allow IMAP and SMTP to Gmail, so one consent serves mail too.")
@pass_ctx
def google(obj: Ctx, headless: bool, mail: bool) -> None:
    """Authorise focusd to read your Google Calendar and book focus blocks on it. Needs the
    OAuth client file ([calendar].credentials_file); the token goes to [calendar].token_file.

    Example: focusd auth google --headless
    """
    from connectors.google_auth import authorize

    section = obj.settings()["calendar"]
    token_file = Path(section["token_file"])
    authorize(section["credentials_file"], token_file, mail=mail, headless=headless,
              ask=lambda text: click.prompt(text, prompt_suffix="", err=True), say=click.echo)
    click.echo(f"Signed in. The token is in {token_file} (readable by you only).")


@cli.command()
@pass_ctx
def run(obj: Ctx) -> None:
    """Run the daemon in the foreground (for systemd Type=notify).

    Example: focusd run
    """
    from agent.daemon import run as run_daemon

    # A mail folder or calendar file not there yet (a late mount) is ridden out, not fatal.
    settings = load(find_config(obj.config), allow_missing=True)
    not_as_root(settings)
    sys.exit(run_daemon(App(settings, clock_mod.system())))


def _one_cycle(app: App) -> Any:
    """The store's cycle lock: a sync or send waits while the daemon runs a cycle on the store."""
    from agent.lock import cycle_lock

    return cycle_lock(app.settings["storage"]["path"],
                      on_wait=lambda: click.echo("focusd: another focusd process is running a cycle on this store; "
                                                 "waiting for it to finish", err=True))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="The same as one JSON object.")
@pass_ctx
def status(obj: Ctx, as_json: bool) -> None:
    """The last cycle and its outcome, the next brief, counts and the last errors.

    Read from the store, so it works while `focusd run` runs. Example: focusd status
    """
    from agent import status as status_mod

    app = obj.app(read_only=True)
    try:
        data = status_mod.gather(app)
        text = status_mod.render(app, data)
    finally:
        app.close()
    if as_json:
        _jsonl(data)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.option("--once", is_flag=True, help="Run one cycle and exit (the default; kept for scripts).")
@pass_ctx
def sync(obj: Ctx, once: bool) -> None:
    """One cycle without the brief: mail and calendar into the store, then re-rank.

    Example: focusd sync
    """
    import sqlite3
    import time

    from agent import health
    from agent.cycle import sync_once
    from agent.progress import for_terminal

    app = obj.app()
    bar = for_terminal("mail")
    started, at = time.monotonic(), app.clock()
    calls, fallbacks, reasons = health.TALLY["llm_calls"], health.TALLY["llm_fallbacks"], health.FALLBACK_REASONS.copy()
    try:
        with _one_cycle(app):
            before = _Before.of(app)
            try:
                report = sync_once(app, progress=bar)
            except Exception as exc:
                _record_sync(app, at, started, {"outcome": "failed", "problems": [_failure(exc)]})
                raise
            fell_back = health.TALLY["llm_fallbacks"] - fallbacks
            _record_sync(app, at, started, {
                "outcome": "problems" if report.problems else "ok", "messages": report.fetched, "new": report.new,
                "items_created": report.items_created, "items_closed": app.store.count_closed() - before.closed,
                "replies": report.replies, "llm_calls": health.TALLY["llm_calls"] - calls,
                "llm_fallbacks": fell_back, "problems": report.problems[:5]})
            with contextlib.suppress(sqlite3.Error, FocusdError):  # for the next brief's health line, as a cycle's
                health.note_fallbacks(app, fell_back)
            out, problems = _sync_lines(app, report, before)
            if out and fell_back:
                out += "; " + health.fallback_line(fell_back, health.FALLBACK_REASONS - reasons)
    finally:
        if bar is not None:
            bar.close()
        app.close()
    if out:
        click.echo(out)
    for problem in problems:
        click.echo(f"focusd: {problem}", err=True)
    if report.problems or any(not p.startswith("note:") for p in problems):
        sys.exit(1)


class _Before:
    """What the store held before a sync, to tell what the sync did: the last reply recorded,
    the items closed, and the outbox rows queued."""

    def __init__(self, last_reply: int, closed: int, queued: set[int]) -> None:
        self.last_reply, self.closed, self.queued = last_reply, closed, queued

    @classmethod
    def of(cls, app: App) -> _Before:
        last = app.store.db.execute("SELECT coalesce(max(rowid), 0) FROM replies").fetchone()[0]
        return cls(int(last), app.store.count_closed(), {int(r["id"]) for r in app.store.outbox_pending()})


def _failure(exc: BaseException) -> str:
    """A failed sync in a few words for ``status``: a known error's sentence, else its type
    (an unknown error's text may quote mail)."""
    return str(exc) if isinstance(exc, FocusdError | ConnectorError) else f"failed: {type(exc).__name__}"


def _record_sync(app: App, at: datetime, started: float, record: dict[str, Any]) -> None:
    """Record a manual sync as the daemon records its cycles, so ``status`` shows the last one
    whichever ran it. A store that cannot take it does not hide the sync's own outcome."""
    import sqlite3
    import time

    with contextlib.suppress(sqlite3.Error, FocusdError):
        app.store.set_status("cycle", {"at": at.astimezone(UTC).isoformat(timespec="seconds"),
                                       "duration_s": round(time.monotonic() - started, 3), "by": "sync"} | record)


def _merged_folders(problems: list[str]) -> list[str]:
    """``problems`` with the folders that failed for one reason said once: a refused login fails
    INBOX and Sent alike, and is one thing to fix ("mail folders INBOX, Sent: ... refused the login")."""
    folders: dict[str, list[str]] = {}
    for problem in problems:
        name, sep, why = problem.removeprefix("mail folder ").partition(": ")
        if problem.startswith("mail folder ") and sep:
            folders.setdefault(why, []).append(name)
    out, said = [], set()
    for problem in problems:
        name, sep, why = problem.removeprefix("mail folder ").partition(": ")
        if not (problem.startswith("mail folder ") and sep):
            out.append(problem)
        elif why not in said:
            said.add(why)
            names = folders[why]
            out.append(f"mail folder{'s' if len(names) != 1 else ''} {', '.join(names)}: {why}")
    return out


def _sync_lines(app: App, report: Any, before: _Before) -> tuple[str, list[str]]:
    """What ``sync`` prints: the summary for stdout (empty when no mail could be read, so a
    failure never reads as an empty mailbox) and the problems for stderr, each one sentence."""
    problems = _merged_folders(report.problems)
    line = report.summary()
    if app.calendar is None:
        line = line.rsplit("; ", 1)[0] + "; no calendar configured"  # not "0 calendar events"
    elif "calendar" in report.down:
        line = line.rsplit("; ", 1)[0] + "; the calendar could not be read"  # not "0 calendar events"
    ignored = [str(r[0]) or "unknown reason" for r in app.store.db.execute(
        "SELECT reason FROM replies WHERE rowid > ? AND status = 'ignored' ORDER BY rowid", [before.last_reply])]
    if ignored:
        # The reason only: a reply that is not obeyed is still mail, and its text is never shown.
        reasons = "; ".join(f"{n} {why}" if n > 1 else why for why, n in Counter(ignored).items())
        line += f"; {len(ignored)} brief repl{'ies' if len(ignored) != 1 else 'y'} ignored ({reasons})"
    if report.unread_folders:
        names = [u.split(":", 1)[0].removeprefix("folder ") for u in report.unread_folders]
        # A batch is stored only once every folder's mail up to its date is in hand (replies in
        # Sent after the requests they answer): what was fetched before a failure waits unstored.
        held = report.fetched - sum(report.outcomes.values())
        unstored = (f"; {held:,} message{'s' if held != 1 else ''} fetched before the failure "
                    f"{'were' if held != 1 else 'was'} not stored") if held > 0 else ""
        problems.append(f"mail folder{'s' if len(names) != 1 else ''} {', '.join(names)} not read in full{unstored}; "
                        "nothing is lost: once they can be read, the next sync resumes each one where this one stopped")
        if not sum(report.outcomes.values()):
            line = ""
    for row in app.store.outbox_pending():
        if row["last_error"] and int(row["id"]) not in before.queued:
            problems.append(f"the {row['kind']} could not be sent: {row['last_error']}")
    nxt = [datetime.fromisoformat(r["next_attempt_at"]) for r in app.store.outbox_pending() if r["next_attempt_at"]]
    if nxt and problems:
        when = min(nxt).astimezone(app.settings.tz)
        problems.append(f"note: {len(nxt)} mail{'s' if len(nxt) != 1 else ''} queued in the outbox; the next try is "
                        f"at {when:%H:%M} on {when:%a %d %b}, by the daemon or the next `focusd sync`")
    return line, problems


@cli.command()
@click.option("--send", is_flag=True, help="Send it (once per date) instead of printing it.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The brief's date (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text", show_default=True,
              help="text for a terminal, html as mailed, json for scripts.")
@pass_ctx
def brief(obj: Ctx, send: bool, day: str | None, fmt: str) -> None:
    """Compose the brief from the store and print it, or send it.

    Example: focusd brief --format json
    """
    from agent.cycle import compose_brief, send_brief, stored_brief
    from planner.brief import to_json

    app = obj.app(read_only=not send)
    try:
        when = _parse_date(day, "--date") or app.today()
        if _never_synced(app):
            raise click.ClickException("nothing has been synced yet: run `focusd sync` first (or, with `focusd run` "
                                       "started, wait for its first cycle), then `focusd brief`")
        if send:
            if when != app.today():
                # A brief sent ahead would count as that day's, and the morning's would not go.
                raise click.BadParameter(f"only today's brief can be sent ({app.today().isoformat()}); "
                                         "print another day's without --send", param_hint="--date")
            with _one_cycle(app):
                result = send_brief(app, when)
            if result.outcome == "failed":
                raise click.ClickException(_failed_line(app, result))
            click.echo(_sent_line(app, result))
            return
        # A brief already sent (or queued) is shown as it went out: its numbers are the ones
        # the owner's replies refer to.
        composed = stored_brief(app, when)
        if composed is not None:
            click.echo(_as_sent_note(app, when), err=True)
        else:
            composed = compose_brief(app, when)
    finally:
        app.close()
    if fmt == "json":
        _jsonl(composed.sent_json if composed.sent_json is not None else to_json(composed))
    elif fmt == "html":
        click.echo(composed.html)
    else:
        click.echo(composed.text, nl=False)


def _first_working_day(day: date, working_days: Collection[int]) -> bool:
    """Whether ``day`` is the first of its ISO week's working days."""
    return day.weekday() in working_days and not any(d < day.weekday() for d in working_days)


@cli.command()
@click.option("--send", is_flag=True, help="Send it (once per week) instead of printing it.")
@click.option("--week", metavar="YYYY-Www", help="The ISO week to review, e.g. 2026-W47 (default: this week; on its "
                                                 "first working day, printed, the week before).")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text", show_default=True,
              help="text for a terminal, html as mailed, json for scripts.")
@pass_ctx
def review(obj: Ctx, send: bool, week: str | None, fmt: str) -> None:
    """Compose the weekly review from the store and print it, or send it: what got done, what
    slipped and why, progress per goal, what is due next week, and stale items to drop.

    Example: focusd review --week 2026-W47
    """
    from agent.cycle import compose_review, send_review
    from planner.review import parse_week, to_json, week_of

    app = obj.app(read_only=not send)
    try:
        try:
            monday = parse_week(week) if week else week_of(app.today())
            if not week and not send and _first_working_day(app.today(), app.settings["owner"]["working_days"]):
                # Monday morning, this week has nothing to review yet: last week is what is wanted.
                monday -= timedelta(days=7)
        except ValueError:
            raise click.BadParameter(f"{week!r} is not a week such as 2026-W47", param_hint="--week") from None
        if _never_synced(app):
            raise click.ClickException("nothing has been synced yet: run `focusd sync` first (or, with `focusd run` "
                                       "started, wait for its first cycle), then `focusd review`")
        if send:
            if monday != week_of(app.today()):
                raise click.BadParameter("only this week's review can be sent; print another week's without --send",
                                         param_hint="--week")
            with _one_cycle(app):
                result = send_review(app, monday)
            if result.outcome == "failed":
                raise click.ClickException(f"the review could not be sent: {result.error}. It is kept in the outbox "
                                           "and retried by the daemon, or now by running `focusd review --send` again")
            labels = {"sent": f"sent to {app.settings.owner_email} via {result.via}",
                      "already_sent": "already sent, so nothing was sent now",
                      "dry_run": "dry run ([smtp].dry_run is on): composed, sent nothing"}
            click.echo(f"{labels.get(result.outcome, 'another focusd is sending it; nothing was sent now')}: "
                       f"{result.subject}")
            return
        stored = app.store.brief(monday, "review")
        composed = None if stored and stored.get("text") else compose_review(app, monday)
    finally:
        app.close()
    if composed is None:
        assert stored is not None
        click.echo("focusd: the review as sent (replies refer to its numbers)", err=True)
        shown = {"text": stored["text"], "html": stored.get("html") or "", "json": stored.get("json") or "{}"}
    else:
        shown = {"text": composed.text, "html": composed.html, "json": json.dumps(to_json(composed))}
    if fmt == "json":
        _jsonl(json.loads(shown["json"]))
    elif fmt == "html":
        click.echo(shown["html"])
    else:
        click.echo(shown["text"], nl=False)


def _sent_line(app: App, result: Any) -> str:
    """What ``brief --send`` did, in one line: when and where it went, or why nothing was sent."""
    subject = result.brief.subject
    when = ""
    if result.sent_at:
        at = datetime.fromisoformat(result.sent_at).astimezone(app.settings.tz)
        when = f" at {at:%H:%M} on {at:%a %d %b}"
    if result.outcome == "sent":
        if app.sender.backend_name == "file":
            # The file sender delivers nothing: say where the mail is, and how to have it mailed.
            return (f"written{when} to {result.via} (the file sender: no mail leaves this machine; "
                    f'[smtp] backend = "smtp" mails it to {app.settings.owner_email}): {subject}')
        return f"sent{when} to {app.settings.owner_email} via {result.via}: {subject}"
    if result.outcome == "already_sent":
        via = f" via {result.via}" if result.via else ""
        return f"already sent{when}{via}, so nothing was sent now: {subject}"
    if result.outcome == "dry_run":
        return f"dry run ([smtp].dry_run is on): composed, sent nothing: {subject}"
    if result.outcome == "expired":
        return f"this brief was not sent in time and has expired; nothing was sent: {subject}"
    if result.outcome == "not_working_day":
        return (f"{result.brief.date:%a %d %b} is not one of your working days ([owner].working_days; "
                f"[brief].weekends = true sends a brief every day), so no brief was sent: {subject}")
    return (f"another focusd is sending this brief right now, or was cut off while sending it (focusd looks "
            f"in your mailbox for it before sending again); nothing was sent now: {subject}")


def _as_sent_note(app: App, day: Any) -> str:
    """Says that a brief is shown as it was sent, and what has closed since."""
    row = app.store.brief(day) or {}
    ids = set((row.get("lines") or {}).values())
    closed = sum(1 for i in ids if (item := app.store.item(i)) is not None and item.status != "open")
    when = ""
    if row.get("sent_at"):
        when = f" at {datetime.fromisoformat(row['sent_at']).astimezone(app.settings.tz):%H:%M}"
    since = f"; {closed} of its items {'was' if closed == 1 else 'were'} closed since" if closed else ""
    return (f"focusd: the brief as sent{when} (replies refer to its numbers){since}; `focusd items` lists what "
            "is open now")


def _failed_line(app: App, result: Any) -> str:
    """Why ``brief --send`` could not deliver, and that it will be tried again."""
    when = ""
    if result.retry_at is not None:
        when = f" at {result.retry_at.astimezone(app.settings.tz):%H:%M}"
    return (f"the brief could not be sent: {result.error}. It is kept in the outbox and retried{when} by the "
            "daemon, or now by running `focusd brief --send` again")


def _never_synced(app: App) -> bool:
    """True before the first sync: no message, folder cursor or event in the store."""
    return not any(app.store.count(table) for table in ("messages", "sync_state", "events"))


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Also done, dropped and snoozed items.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one item per line.")
@pass_ctx
def items(obj: Ctx, show_all: bool, as_json: bool) -> None:
    """List open items, best first.

    Example: focusd items --json
    """
    app = obj.app(read_only=True)
    try:
        found = app.store.all_items() if show_all else app.store.items(("open",))
        never_synced = not found and _never_synced(app)
    finally:
        app.close()
    found.sort(key=lambda i: (i.status != "open", -(i.score or 0), i.id or 0))
    if not found and not as_json:
        hint = "nothing has been synced yet; run `focusd sync`" if never_synced else (
            "no items" if show_all else "no open items (`focusd items --all` shows done ones too)")
        click.echo(hint, err=True)
    elif not as_json:
        click.echo(f"{'id':>4}  {'score':>5}  {'kind':<10} title")
    for item in found:
        if as_json:
            _jsonl(item.to_json())
        else:
            due = f" due {item.due[:10]}" if item.due else ""
            status = "" if item.status == "open" else f" [{item.status}]"
            click.echo(f"{item.id:>4}  {item.score or 0:>5.1f}  {item.kind:<10} {item.title}{due}{status}")


def _read_files(files: tuple[str, ...]) -> list[tuple[str, Message | None, str]]:
    """(path, message or None, error) per file, in order."""
    from connectors.files import FileProblem, read_file
    from connectors.mime import try_parse
    from connectors.types import MAX_MESSAGE_BYTES

    out: list[tuple[str, Message | None, str]] = []
    for f in files:
        try:
            data = read_file(Path(f), MAX_MESSAGE_BYTES, truncate=True)
        except FileProblem as exc:
            out.append((f, None, f"it {exc.reason}"))
            continue
        except OSError as exc:
            out.append((f, None, f"cannot read it: {exc.strerror}"))
            continue
        try:
            msg, reason = try_parse(data)
        except Exception as exc:  # noqa: BLE001 - one bad file (deep MIME nesting, say) must not stop the others
            msg, reason = None, f"cannot parse it: {type(exc).__name__}"
        out.append((f, msg, reason))
    return out


def _extract_all(messages: list[Message], ctx: Any) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """Items per Message-ID, and an error per Message-ID whose graph run raised. The batch runs
    once. Only when it raises is each message tried alone, to find the ones that fail; the rest
    then run together again, so they still resolve across each other."""
    from agent.graph import run_batch

    if not messages:
        return {}, {}
    try:
        return dict(run_batch(messages, ctx).get("new_items", {})), {}
    except Exception:  # noqa: BLE001 - the failing messages are found and named below
        pass
    errors: dict[str, str] = {}
    for msg in messages:
        try:
            run_batch([msg], ctx)
        except Exception as exc:  # noqa: BLE001 - reported in the message's own line
            errors[msg.message_id] = f"extraction failed: {type(exc).__name__}"
    good = [m for m in messages if m.message_id not in errors]
    return (dict(run_batch(good, ctx).get("new_items", {})) if good else {}), errors


def _unreadable(path: str, error: str, as_json: bool) -> bool:
    """Report a file that is not a readable message, in its place in the output."""
    if as_json:
        _jsonl({"file": path, "error": error})
    else:
        click.echo(f"focusd: {path}: {error}", err=True)
    return True


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one line per file.")
@pass_ctx
def extract(obj: Ctx, files: tuple[str, ...], as_json: bool) -> None:
    """Run the agent graph on messages without storing anything.

    Mail from a stranger is screened as sync screens it: with the store of earlier syncs, a
    stranger is anyone you never wrote with; with no store yet, everyone but your own domain,
    as on a first sync. A file from your address is read as mail you sent.

    Example: focusd extract message.eml --json
    """
    from agent.cycle import correspondents
    from agent.spam import Correspondents, MailPolicy
    from agent.state import Context

    settings = obj.settings()
    not_as_root(settings)
    app = App(settings, clock_mod.system())
    parsed = _read_files(files)
    messages = [m for _, m, _ in parsed if m is not None]
    sent = settings["mail"]["sent_folder"]
    for m in messages:
        if m.sender.email == settings.owner_email:
            m.folder = sent  # a file has no folder: one from you is read as the mail you sent
    # The store is read only when it is there: extract creates nothing.
    known = (correspondents(app) if Path(settings["storage"]["path"]).is_file()
             else Correspondents.of([settings.owner_email]))
    # As sync reads: a model that fails falls back to the embedded extractor, once per message.
    new_items, errors = _extract_all(messages, Context(extractor=app.extractor, owner=app.owner, clock=app.clock,
                                                       sent_folder=sent, fallback=app.fallback,
                                                       policy=MailPolicy.of(settings["mail"]["lists"], known)))
    failed = False
    for path, msg, error in parsed:
        if msg is None or msg.message_id in errors:
            failed = _unreadable(path, error if msg is None else errors[msg.message_id], as_json)
            continue
        found = new_items.get(msg.message_id, [])
        rows = [i.to_json() | {"id": None, "score": None, "status": None} for i in found]
        if as_json:
            _jsonl({"file": path, "message_id": msg.message_id, "items": rows})
        else:
            click.echo(f"{path}: {len(rows)} item{'s' if len(rows) != 1 else ''}")
            for i in found:
                due = f" (due {i.due})" if i.due else ""
                click.echo(f"  {i.kind:<10} {i.title}{due}\n             “{i.evidence}”")
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one line per file.")
def inspect(files: tuple[str, ...], as_json: bool) -> None:
    """Show how focusd reads messages: headers, text, visible reply, flags.

    Example: focusd inspect message.eml --json
    """
    failed = False
    for path, msg, error in _read_files(files):
        if msg is None:
            failed = _unreadable(path, error, as_json)
            continue
        from connectors.mime import forwarded  # imported late: the parser's modules cost start-up

        carried = forwarded(msg.text, msg.subject)
        if as_json:
            _jsonl({"file": path} | msg.to_json() | ({"forwards": {
                "from": carried.sender.email or carried.sender.name, "subject": carried.subject,
                "date": carried.date.isoformat() if carried.date else None, "text": carried.text}} if carried else {}))
        else:
            click.echo(f"{path}\n  from:    {msg.sender.name} <{msg.sender.email}>\n  subject: {msg.subject}\n"
                       f"  date:    {msg.date.isoformat()}\n  bulk:    {msg.is_bulk}\n"
                       f"  reply:\n" + "\n".join(f"    {ln}" for ln in msg.reply_text.splitlines()))
            if carried is not None:
                # What a note that hands the mail over is titled by (see README, "A forward is read by its note").
                when = carried.date.date().isoformat() if carried.date else "no date read"
                click.echo(f"  forwards: {carried.sender.name} <{carried.sender.email}>, {carried.subject!r}, {when}\n"
                           + "\n".join(f"    {ln}" for ln in carried.text.splitlines()))
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--from", "start", metavar="YYYY-MM-DD", help="First day (default: today).")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="Last day (default: a week from the first).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one event per line.")
@pass_ctx
def calendar(obj: Ctx, start: str | None, end: str | None, as_json: bool) -> None:
    """Events in a range from the configured calendar; focus blocks are marked.

    Example: focusd calendar --from 2026-11-23 --to 2026-11-27
    """
    from connectors.types import day_span

    app = obj.app()  # the calendar is read live: its sign-in is needed
    first = _parse_date(start, "--from") or app.today()
    last = _parse_date(end, "--to") or first + timedelta(days=6)
    if last < first:
        raise click.BadParameter(f"{last} is before the first day, {first}", param_hint="--to")
    if app.calendar is None:
        raise click.ClickException("no calendar is configured ([calendar].backend is none)")
    begin, _ = day_span(first, app.settings.tz)
    _, finish = day_span(last, app.settings.tz)
    for event in app.calendar.events(begin, finish):
        if as_json:
            _jsonl(event.to_json())
        else:
            owner = app.settings.owner_email.lower()
            mark = " [focus]" if event.is_focus_block else ""
            if any(a.email.lower() == owner and a.status == "declined" for a in event.attendees):
                mark += " [declined]"
            elif not event.busy:
                mark += " [free]"
            tz = app.settings.tz
            if event.all_day:
                last_day = max(event.start.astimezone(tz).date(), (event.end.astimezone(tz) - timedelta(seconds=1)).date())
                when = f"{event.start.astimezone(tz):%a %d %b}" + (f"–{last_day:%a %d %b}" if last_day > event.start.astimezone(tz).date()
                                                                   else "") + " all day"
            else:
                when = f"{event.start.astimezone(tz):%a %d %b %H:%M}–{event.end.astimezone(tz):%H:%M}"
            click.echo(f"{when:<24} {event.title}{mark}")


@cli.command()
@click.option("--dir", "keep", type=click.Path(file_okay=False), help="Keep the demo's files in this folder.")
@pass_ctx
def demo(obj: Ctx, keep: str | None) -> None:
    """One full cycle on a bundled sample week, printing the brief. No account, network or key.

    Example: focusd demo --dir /tmp/focusd-demo
    """
    from agent.cycle import send_brief, sync_once

    workdir = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="focusd-demo-"))
    bundled = resources.files("agent.bundled").joinpath("demo")
    with resources.as_file(bundled) as src:
        shutil.copytree(src, workdir, dirs_exist_ok=True)
    try:
        settings = load(workdir / "focusd.toml")
        app = App(settings, clock_mod.fixed(datetime.fromisoformat(DEMO_NOW)))
        try:
            sync_once(app)
            composed = send_brief(app, app.today()).brief
        finally:
            app.close()
        click.echo(composed.text, nl=False)
        if keep:
            click.echo(f"\n(the demo's mail, calendar, store and outbox are in {workdir})", err=True)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


def _show_click_error(exc: click.ClickException) -> None:
    """Click's own error, with the usage for a usage error, but under focusd's one error prefix."""
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"Try '{exc.ctx.command_path} --help' for help.", err=True)
    click.echo(f"focusd: {exc.format_message()}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one clear sentence on stderr for known errors, a traceback only with --verbose."""
    args = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in args or "-v" in args
    try:
        code = cli.main(args=args, prog_name="focusd", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("focusd: aborted", err=True)
        sys.exit(1)
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()  # the help text, not an error
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        _show_click_error(exc)
        sys.exit(exc.exit_code)
    except FocusdError as exc:
        if verbose:
            traceback.print_exc()
        click.echo(f"focusd: {exc}", err=True)
        sys.exit(exc.exit_code)
    except ConnectorError as exc:
        if verbose:
            traceback.print_exc()
        click.echo(f"focusd: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        if verbose:
            traceback.print_exc()
        click.echo(f"focusd: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one sentence, no traceback
        if verbose:
            traceback.print_exc()
        click.echo(f"focusd: unexpected error: {type(exc).__name__}: {exc} (run with --verbose for details)",
                   err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
