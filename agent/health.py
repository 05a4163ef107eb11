"""What the daemon knows about its own health: the last cycle, outages, recent errors.

Everything here is kept in the store's ``status`` table, so ``focusd status`` can show it from
another process while the daemon runs, and the brief can say in one line each what is wrong.

An outage (a mail server down, a locked database, an LLM that hangs) is logged once when it
begins and once when it ends, not once per retry: a server down for a night must not bury the
log in the same line every two minutes. What each retry saw is still logged, at info level.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import structlog

if TYPE_CHECKING:
    from agent.app import App

log = structlog.get_logger(__name__)

# Counts kept by this process since it started (LLM calls, fallbacks): the daemon reads the
# difference across one cycle for its log line.
TALLY: Counter[str] = Counter()
# Why messages fell back from the LLM in this process, by reason ("timeout", "AuthenticationError
# (HTTP 401)"): words safe to log, never the reply or the prompt.
FALLBACK_REASONS: Counter[str] = Counter()

MAX_ERRORS = 10  # recent errors kept for `focusd status`
MAX_FALLBACK_MARKS = 500  # cycles with LLM fallbacks kept for the brief's health line

SERVICES = {"mail": "the mail server", "smtp": "the mail sender", "calendar": "the calendar",
            "llm": "the LLM", "store": "the database", "cycle": "the cycle"}


def _utc(app: App) -> str:
    return app.clock().astimezone(UTC).isoformat(timespec="seconds")


def record_error(app: App, where: str, message: str) -> None:
    """Keep ``message`` among the recent errors that ``focusd status`` shows (never a body or a
    secret: callers pass exception messages of their own making, or the type's name)."""
    try:
        held = app.store.status("errors") or {}
        recent = [*held.get("recent", []), [_utc(app), where, message[:300]]][-MAX_ERRORS:]
        app.store.set_status("errors", {"recent": recent})
    except Exception as exc:  # noqa: BLE001 - a locked store cannot keep this; the log has it
        log.info("health.not_recorded", error=type(exc).__name__)


class Outages:
    """Which services are down, logged once per outage. Kept in memory by the daemon, and in
    the store (``status`` row ``outages``) so that ``focusd status`` and the brief see it."""

    def __init__(self) -> None:
        self.down: dict[str, tuple[datetime, str]] = {}

    def load(self, app: App) -> None:
        """Take up the outages an earlier process recorded (a restart in the middle of one),
        so that their end is logged and ``focusd status`` stops showing them."""
        try:
            held = app.store.status("outages") or {}
        except Exception as exc:  # noqa: BLE001 - the database itself may be what is down
            log.info("health.not_read", error=type(exc).__name__)
            return
        for service, value in held.items():
            if service != "updated_at" and isinstance(value, list) and len(value) == 2:
                self.down.setdefault(service, (datetime.fromisoformat(value[0]), str(value[1])))

    def failed(self, app: App | None, service: str, problem: str, now: datetime,
               exc: BaseException | None = None) -> None:
        """``exc``, when given, puts its traceback on the outage's one line."""
        first = service not in self.down
        if first:
            self.down[service] = (now, problem)
            log.error("outage", service=service, problem=problem, exc_info=exc,
                      note="retried on its own; logged again when it ends")
        else:
            log.info("outage.ongoing", service=service, problem=problem)
        if first and app is not None:
            self._keep(app)
            record_error(app, service, problem)

    def ok(self, app: App | None, service: str, now: datetime) -> None:
        if service not in self.down:
            return
        since, problem = self.down.pop(service)
        log.warning("outage.over", service=service, lasted_s=round((now - since).total_seconds()), problem=problem)
        if app is not None:
            self._keep(app)

    def _keep(self, app: App) -> None:
        try:
            app.store.set_status("outages", {s: [t.astimezone(UTC).isoformat(timespec="seconds"), p]
                                             for s, (t, p) in self.down.items()})
        except Exception as exc:  # noqa: BLE001 - the database itself may be what is down
            log.info("health.not_recorded", error=type(exc).__name__)


def note_fallbacks(app: App, count: int) -> None:
    """Remember that ``count`` messages fell back from the LLM in this cycle, for the brief."""
    if count <= 0:
        return
    held = app.store.status("llm_fallbacks") or {}
    marks = [*held.get("marks", []), [_utc(app), count]][-MAX_FALLBACK_MARKS:]
    app.store.set_status("llm_fallbacks", {"marks": marks})


def fallbacks_since(app: App, since: str) -> int:
    held = app.store.status("llm_fallbacks") or {}
    return sum(n for at, n in held.get("marks", []) if at > since)


def _local(app: App, iso: str) -> str:
    """A stored UTC time as the owner reads it: "08:10" today, else "Tue 24 Nov 08:10"."""
    moment = datetime.fromisoformat(iso).astimezone(app.settings.tz)
    if moment.date() == app.today():
        return moment.strftime("%H:%M")
    return moment.strftime("%a %d %b %H:%M")


def brief_lines(app: App, since: str) -> list[str]:
    """One line for each thing that is wrong, for the brief: mail not synced for a while, LLM
    fallbacks since the last brief, a send that failed. (An unreadable calendar or mail folder
    has its own notice in the brief, with what it means for the plan.)"""
    out: list[str] = []
    mail = app.store.status("mail")
    if mail is not None:
        last_ok = mail.get("ok_at") or (mail["updated_at"] if mail.get("ok") else None)
        stale_after = max(app.settings["mail"]["poll_interval"] * 3, timedelta(hours=1))
        if last_ok and app.clock() - datetime.fromisoformat(last_ok) > stale_after:
            out.append(f"Health: mail has not been synced since {_local(app, last_ok)}.")
    if app.settings["llm"]["provider"] != "none":
        n = fallbacks_since(app, since)
        if n:
            out.append(f"Health: the LLM failed on {n} message{'s' if n != 1 else ''} since the last brief; "
                       "the embedded extractor read them instead.")
    from agent.booking import writes_refused

    refused = writes_refused(app)
    if refused:
        out.append(f"Health: your calendar refused focusd's focus blocks ({refused}), so times are only suggested; "
                   "give focusd write access to it, or set [focus].book = false.")
    for row in app.store.outbox_pending():
        if row["attempts"] and row["last_error"]:
            out.append(f"Health: a {row['kind']} could not be sent ({row['last_error'] or 'no answer'}); "
                       "it is retried.")
    return out


def fallback_line(count: int, reasons: Counter[str]) -> str:
    """What a sync says of the messages that fell back from the LLM: how many, and why, most
    frequent reason first: "25 messages read by the embedded extractor: the LLM failed
    (OpenAIConnectionError 3), then was skipped after repeated failures (22)"."""
    if count <= 0:
        return ""
    skipped = sum(n for r, n in reasons.items() if r.startswith("circuit open"))
    failed = Counter({r: n for r, n in reasons.items() if not r.startswith("circuit open")})
    why = ", ".join(f"{r} {n}" for r, n in failed.most_common(3))
    out = f"{count:,} message{'s' if count != 1 else ''} read by the embedded extractor: the LLM failed"
    out += f" ({why})" if why else ""
    return out + (f", then was skipped after repeated failures ({skipped})" if skipped else "")
