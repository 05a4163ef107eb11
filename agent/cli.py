"""The ``focusd`` command. Each command builds its objects, calls the library, and lets
:func:`main` turn known errors into one sentence on stderr and an exit code."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import tomllib
import traceback
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import click

from agent import clock as clock_mod
from agent import logs
from agent.app import App
from agent.errors import ConfigError, FocusdError
from agent.extractors.embedded import EmbeddedExtractor
from agent.settings import Settings, find_config, from_mapping, load, render
from connectors.calendar.base import CalendarError
from connectors.mail.base import MailError
from connectors.send.base import SendError
from connectors.types import Message

DEMO_NOW = "2026-11-19T07:30:00+00:00"  # Thursday morning of the sample week, Europe/London


class Ctx:
    def __init__(self, config: str | None, verbose: bool) -> None:
        self.config = config
        self.verbose = verbose

    def settings(self) -> Settings:
        return load(find_config(self.config))

    def app(self) -> App:
        return App(self.settings(), clock_mod.system())


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

    Example: focusd --config ~/.config/focusd/config.toml sync --once
    """
    ctx.obj = Ctx(config, verbose)
    logs.configure(verbose=verbose, level=None if ctx.invoked_subcommand == "run" else "warning")


@cli.command()
@click.option("--name", help="Your name.")
@click.option("--email", help="Your address.")
@click.option("--timezone", "tz", default="UTC", show_default=True, help="IANA time zone, e.g. Europe/London.")
@click.option("--mail-path", default="mail", show_default=True, help="Maildir++ root to read.")
@click.option("--calendar", "ics", multiple=True, help="An .ics file to read (repeatable).")
@click.option("--force", is_flag=True, help="Overwrite an existing config.")
@pass_ctx
def init(obj: Ctx, name: str | None, email: str | None, tz: str, mail_path: str, ics: tuple[str, ...],
         force: bool) -> None:
    """Write a commented config file.

    Example: focusd --config ./focusd.toml init --name "Ada Lovelace" --email ada@example.com
    """
    if sys.stdin.isatty():
        name = name or click.prompt("Your name")
        email = email or click.prompt("Your email address")
    if not name or not email:
        raise click.UsageError("--name and --email are required when not on a terminal")
    path = find_config(obj.config)
    if path.exists() and not force:
        raise click.ClickException(f"{path} already exists; pass --force to overwrite it")
    values: dict[str, dict[str, Any]] = {"owner": {"name": name, "email": email, "timezone": tz},
                                         "mail": {"backend": "maildir", "path": mail_path}}
    if ics:
        values["calendar"] = {"backend": "ics", "paths": list(ics)}
    text = render(values)
    from_mapping(tomllib.loads(text), path.resolve().parent, source=path)  # refuse to write a bad config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    click.echo(f"wrote {path}")


@cli.command()
@pass_ctx
def doctor(obj: Ctx) -> None:
    """Check the config and every configured connection, one line per check.

    Example: focusd doctor
    """
    checks: list[tuple[str, bool, str]] = []
    path = find_config(obj.config)
    try:
        settings = load(path)
    except ConfigError as exc:
        click.echo(f"FAIL config    {exc}")
        sys.exit(1)
    checks.append(("config", True, str(path)))
    app = App(settings, clock_mod.system())

    def check(name: str, fn: Any) -> None:
        try:
            checks.append((name, True, str(fn())))
        except (FocusdError, MailError, CalendarError, SendError, OSError) as exc:
            checks.append((name, False, str(exc)))

    check("storage", lambda: f"{settings['storage']['path']} (schema v{app.store.version})")
    check("mail", lambda: app.mail.check())
    check("calendar", lambda: app.calendar.check() if app.calendar else "none configured")
    check("smtp", lambda: app.sender.check())
    check("llm", lambda: _describe_extractor(app))
    for name, ok, detail in checks:
        click.echo(f"{'ok  ' if ok else 'FAIL'} {name:<9} {detail}")
    app.close()
    if not all(ok for _, ok, _ in checks):
        sys.exit(1)


def _describe_extractor(app: App) -> str:
    extractor = app.extractor
    if isinstance(extractor, EmbeddedExtractor):
        return f"embedded extractor, offline (request model with {len(extractor.model.weights):,} weights)"
    return extractor.name


@cli.command()
@pass_ctx
def run(obj: Ctx) -> None:
    """Run the daemon in the foreground (for systemd Type=notify).

    Example: focusd run
    """
    from agent.daemon import run as run_daemon

    sys.exit(run_daemon(obj.app()))


@cli.command()
@click.option("--once", is_flag=True, required=True, help="Run one cycle and exit.")
@pass_ctx
def sync(obj: Ctx, once: bool) -> None:
    """One cycle without the brief: mail and calendar into the store, then re-rank.

    Example: focusd sync --once
    """
    from agent.cycle import sync_once

    app = obj.app()
    try:
        report = sync_once(app)
    finally:
        app.close()
    click.echo(f"{report.new} new messages, {report.items_created} new items, "
               f"{report.skipped} skipped, {report.unparseable} unreadable, {report.events} events")
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    if report.problems:
        sys.exit(1)


@cli.command()
@click.option("--send", is_flag=True, help="Send it (once per date) instead of printing it.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The brief's date (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text", show_default=True)
@pass_ctx
def brief(obj: Ctx, send: bool, day: str | None, fmt: str) -> None:
    """Compose the brief from the store and print it, or send it.

    Example: focusd brief --format json
    """
    from agent.cycle import compose_brief, send_brief
    from planner.brief import to_json

    app = obj.app()
    try:
        when = _parse_date(day, "--date") or app.today()
        if send:
            sent, composed = send_brief(app, when)
            click.echo(f"{'sent' if sent else 'already sent (or dry run)'}: {composed.subject}")
            return
        composed = compose_brief(app, when)
    finally:
        app.close()
    if fmt == "json":
        _jsonl(to_json(composed))
    elif fmt == "html":
        click.echo(composed.html)
    else:
        click.echo(composed.text, nl=False)


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Also done, dropped and snoozed items.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one item per line.")
@pass_ctx
def items(obj: Ctx, show_all: bool, as_json: bool) -> None:
    """List open items, best first.

    Example: focusd items --json
    """
    app = obj.app()
    try:
        found = app.store.all_items() if show_all else app.store.items(("open",))
    finally:
        app.close()
    found.sort(key=lambda i: (i.status != "open", -(i.score or 0), i.id or 0))
    for item in found:
        if as_json:
            _jsonl(item.to_json())
        else:
            due = f" due {item.due[:10]}" if item.due else ""
            status = "" if item.status == "open" else f" [{item.status}]"
            click.echo(f"{item.id:>4}  {item.score or 0:>5.1f}  {item.kind:<10} {item.title}{due}{status}")


def _read_files(files: tuple[str, ...]) -> list[tuple[str, Message | None, str]]:
    """(path, message or None, error) per file, in order."""
    from connectors.mime import try_parse

    out: list[tuple[str, Message | None, str]] = []
    for f in files:
        try:
            data = Path(f).read_bytes()
        except OSError as exc:
            out.append((f, None, f"cannot read {f}: {exc.strerror}"))
            continue
        msg, reason = try_parse(data)
        out.append((f, msg, reason))
    return out


def _unreadable(path: str, error: str, as_json: bool) -> bool:
    """Report a file that is not a readable message, in its place in the output."""
    if as_json:
        _jsonl({"file": path, "error": error})
    else:
        click.echo(f"{path}: {error}", err=True)
    return True


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one line per file.")
@pass_ctx
def extract(obj: Ctx, files: tuple[str, ...], as_json: bool) -> None:
    """Run the agent graph on messages without storing anything.

    Example: focusd extract message.eml --json
    """
    from agent.graph import run_batch
    from agent.state import Context

    settings = obj.settings()
    app = App(settings, clock_mod.system())
    parsed = _read_files(files)
    messages = [m for _, m, _ in parsed if m is not None]
    state = run_batch(messages, Context(extractor=app.extractor, owner=app.owner,
                                        clock=app.clock)) if messages else {}
    failed = False
    for path, msg, error in parsed:
        if msg is None:
            failed = _unreadable(path, error, as_json)
            continue
        found = state.get("new_items", {}).get(msg.message_id, [])
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
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
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
        if as_json:
            _jsonl({"file": path} | msg.to_json())
        else:
            click.echo(f"{path}\n  from:    {msg.sender.name} <{msg.sender.email}>\n  subject: {msg.subject}\n"
                       f"  date:    {msg.date.isoformat()}\n  bulk:    {msg.is_bulk}\n"
                       f"  reply:\n" + "\n".join(f"    {ln}" for ln in msg.reply_text.splitlines()))
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

    app = obj.app()
    first = _parse_date(start, "--from") or app.today()
    last = _parse_date(end, "--to") or first + timedelta(days=6)
    if app.calendar is None:
        raise click.ClickException("no calendar is configured ([calendar].backend is none)")
    begin, _ = day_span(first, app.settings.tz)
    _, finish = day_span(last, app.settings.tz)
    for event in app.calendar.events(begin, finish):
        if as_json:
            _jsonl(event.to_json())
        else:
            mark = " [focus]" if event.is_focus_block else ""
            when = "all day" if event.all_day else (f"{event.start.astimezone(app.settings.tz):%a %d %b %H:%M}"
                                                    f"–{event.end.astimezone(app.settings.tz):%H:%M}")
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
            _, composed = send_brief(app, app.today())
        finally:
            app.close()
        click.echo(composed.text, nl=False)
        if keep:
            click.echo(f"\n(the demo's mail, calendar, store and outbox are in {workdir})", err=True)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one clear sentence on stderr for known errors, a traceback only with --verbose."""
    args = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in args or "-v" in args
    try:
        code = cli.main(args=args, prog_name="focusd", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("focusd: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except FocusdError as exc:
        if verbose:
            traceback.print_exc()
        click.echo(f"focusd: {exc}", err=True)
        sys.exit(exc.exit_code)
    except (MailError, CalendarError, SendError) as exc:
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
