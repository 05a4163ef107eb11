"""Outgoing mail, delivered at most once and retried until it goes.

Every mail focusd sends (the brief, a reply's confirmation) is written to the store's outbox
before it is handed to the sender, with the exact bytes that will go out. A row moves
``queued`` -> ``sending`` -> ``sent``. A send that fails goes back to ``queued`` with the error and
the time of its next try (exponential backoff with jitter, at most an hour); every cycle retries
what is due (:func:`flush`).

A process that dies after the server said OK but before the store heard of it leaves its row in
``sending``; so does a send whose connection broke once the message was on its way (the server
may have taken it and hung up before its OK), after one look in the mailbox right away. Nobody touches such a row for :data:`SENDING_GRACE` (another process may still be
sending it). After that, before any resend, focusd looks for the mail's Message-ID where it
would be if it went out: the file sender's folder, or the owner's INBOX and Sent folder (the
brief goes to the owner). Found, the row is settled as sent; so a brief goes at most once.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import structlog

from agent import faults
from agent.app import App
from connectors.errors import ConnectorError
from connectors.send.base import SendError, to_mime
from connectors.types import OutgoingMail

log = structlog.get_logger()

SENDING_GRACE = timedelta(minutes=5)  # a try older than this died with its process
RETRY_DELAYS: tuple[float, ...] = (1.0, 4.0)  # quick retries within one call, in seconds
BACKOFF_MAX = timedelta(hours=1)
CONFIRMATION_TTL = timedelta(days=2)  # a confirmation this late would only confuse


@dataclass
class Delivery:
    """What one try did: ``sent``, ``found`` (it had gone before), ``already_sent``,
    ``failed`` (queued again: ``error``, ``retry_at``), ``in_progress`` (another process holds
    it), ``dry_run`` (nothing sent), or ``expired``."""

    outcome: str
    row: dict[str, Any]
    error: str = ""
    retry_at: datetime | None = None

    @property
    def delivered(self) -> bool:
        return self.outcome in ("sent", "found", "already_sent")


def queue(app: App, mail: OutgoingMail, kind: str, key: str) -> dict[str, Any]:
    """Write ``mail`` to the outbox once per (kind, key); the row already there wins."""
    raw = to_mime(mail).as_bytes()
    return app.store.outbox_add(kind, key, mail.message_id or "", ", ".join(mail.to), mail.subject, raw)


def deliver(app: App, mail: OutgoingMail, kind: str, key: str,
            delays: tuple[float, ...] | None = None) -> Delivery:
    """Queue ``mail`` and try to send it now; under dry-run nothing is queued."""
    if app.sender.dry_run:
        log.info("outbox.dry_run", kind=kind, key=key)
        return Delivery("dry_run", {"kind": kind, "key": key})
    return attempt(app, queue(app, mail, kind, key), delays)


def backoff(attempts: int, rand: Callable[[], float] = random.random) -> timedelta:
    """How long to wait after the ``attempts``-th failed try: 1, 2, 4 ... minutes, with up to a
    quarter more at random so many focusd instances do not retry in step; at most an hour."""
    base = min(timedelta(minutes=2 ** max(attempts - 1, 0)), BACKOFF_MAX)
    return min(base * (1 + rand() / 4), BACKOFF_MAX)


def attempt(app: App, row: dict[str, Any], delays: tuple[float, ...] | None = None,
            sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Try to send one outbox row, retrying quickly ``delays`` times on a send error."""
    if row["status"] == "sent":
        return Delivery("already_sent", row)
    if row["status"] == "expired":
        return Delivery("expired", row, row.get("last_error") or "")
    if app.sender.dry_run:  # kept queued: it goes once dry-run is off
        log.info("outbox.dry_run", kind=row["kind"], key=row["key"])
        return Delivery("dry_run", row)
    taken = app.store.outbox_take(row["id"], app.clock() - SENDING_GRACE)
    if taken is None:
        return Delivery("in_progress", row)
    # Whether a try before this one was cut off, as the store saw it when this one took over.
    interrupted = taken["was"] == "sending"
    if interrupted:
        found = _already_delivered(app, taken)
        if found is None:
            retry_at = app.clock() + backoff(taken["attempts"])
            error = "an earlier send was interrupted and the mailbox could not be searched for it"
            app.store.outbox_done(taken["id"], "queued", error=error, retry_at=retry_at)
            return Delivery("failed", taken, error, retry_at)
        if found:
            _settle(app, taken, "found in the mailbox after an interrupted send")
            log.info("outbox.found", kind=taken["kind"], key=taken["key"])
            return Delivery("found", taken)
    faults.point("outbox.taken")
    error, permanent = "", False
    for delay in (*(delays if delays is not None else RETRY_DELAYS), None):
        try:
            sent = app.sender.send_raw(taken["raw"])
        except Exception as exc:  # noqa: BLE001 - a full disk as much as a refused login: queued again
            error = str(exc) if isinstance(exc, SendError) else f"{type(exc).__name__}: {exc}"
            log.info("outbox.send_failed", kind=taken["kind"], key=taken["key"], attempt=taken["attempts"],
                        error=error)
            if isinstance(exc, SendError) and exc.maybe_sent:
                # It may have arrived: never sent again before the mailbox is searched for it. Found
                # now, it is settled; else the row stays "sending", and the try after the grace
                # (when a slow delivery has landed) searches again, as after a crash.
                if _already_delivered(app, taken):
                    _settle(app, taken, "found in the mailbox after a broken send")
                    log.info("outbox.found", kind=taken["kind"], key=taken["key"])
                    return Delivery("found", taken)
                app.store.outbox_done(taken["id"], "sending", error=error, retry_at=app.clock())
                return Delivery("failed", taken, error, app.clock() + SENDING_GRACE)
            permanent = isinstance(exc, SendError) and exc.permanent
            if delay is None or permanent:
                break  # a refusal for good is not asked again at once
            sleep(delay)
            continue
        faults.point("outbox.sent")
        if not sent:  # dry-run switched on meanwhile: nothing went
            app.store.outbox_done(taken["id"], "queued")
            return Delivery("dry_run", taken)
        via = app.sender.destination
        _settle(app, taken, via)
        log.info("outbox.sent", kind=taken["kind"], key=taken["key"], via=via)
        if not _save_to_sent(app, taken["raw"]):
            app.store.outbox_copy_pending(taken["id"], taken["raw"])  # filed by a later cycle
        return Delivery("sent", dict(taken, sent_via=via))
    # A refusal for good waits the longest: the owner has to change something first.
    retry_at = app.clock() + (BACKOFF_MAX if permanent else backoff(taken["attempts"]))
    app.store.outbox_done(taken["id"], "queued", error=error, retry_at=retry_at)
    return Delivery("failed", taken, error, retry_at)


def flush(app: App, delays: tuple[float, ...] = ()) -> list[Delivery]:
    """Retry every queued mail that is due; a brief for a past day, or an old confirmation,
    expires instead (sent late it would mislead)."""
    now = app.clock()
    done = []
    for row in app.store.outbox_pending():
        late = _too_late(app, row, now)
        if late:
            app.store.outbox_done(row["id"], "expired", error=late)
            log.info("outbox.expired", kind=row["kind"], key=row["key"], reason=late)
            continue
        if row["status"] == "queued" and datetime.fromisoformat(row["next_attempt_at"]) > now:
            continue
        done.append(attempt(app, row, delays))
    file_copies(app)
    return done


def _too_late(app: App, row: dict[str, Any], now: datetime) -> str:
    if row["kind"] == "brief" and date.fromisoformat(row["key"]) < app.today():
        return "the day of this brief has passed"
    if row["kind"] != "brief" and datetime.fromisoformat(row["created_at"]) < now - CONFIRMATION_TTL:
        return "not sent within two days"
    return ""


def _settle(app: App, row: dict[str, Any], via: str) -> None:
    with app.store.write():
        app.store.outbox_done(row["id"], "sent", via=via)
        if row["kind"] in ("brief", "review"):  # a review is kept beside the briefs, keyed by its Monday
            day = date.fromisoformat(row["key"])
            app.store.mark_brief_sent(day, via, kind=row["kind"])
            # The stale items it asks about are asked once it is delivered: never twice, and not
            # at all when it expires unsent.
            app.store.mark_asked_stale(_stale_ids(app.store.brief(day, row["kind"])))


def _stale_ids(sent: dict[str, Any] | None) -> list[int]:
    """The items a brief as sent asked about under "Still relevant?"."""
    data = json.loads(sent["json"]) if sent and sent.get("json") else {}
    return [int(row["id"]) for row in data.get("stale", []) if row.get("id") is not None]


def _already_delivered(app: App, row: dict[str, Any]) -> bool | None:
    """Whether the mail of an interrupted send went out; None when there is no way to tell."""
    known = app.sender.delivered(row["message_id"])
    if known is not None:
        return known
    try:
        found = app.mail.has_message_id(row["message_id"], ["INBOX", app.settings["mail"]["sent_folder"]])
    except ConnectorError as exc:
        log.warning("outbox.lookup_failed", kind=row["kind"], key=row["key"], error=str(exc))
        return None
    if found is None:  # a source that cannot search: sending again is the only way it arrives
        log.warning("outbox.resend_unverified", kind=row["kind"], key=row["key"])
        return False
    return found


def _save_to_sent(app: App, raw: bytes) -> bool:
    """Keep a copy in the Sent folder when the SMTP server does not ([smtp].save_to_sent). False
    when the copy could not be filed now (a later cycle tries again: see :func:`file_copies`)."""
    if not app.settings["smtp"].get("save_to_sent") or app.settings["smtp"]["backend"] != "smtp":
        return True
    try:
        app.mail.append(app.settings["mail"]["sent_folder"], raw)
    except ConnectorError as exc:
        log.warning("outbox.save_to_sent_failed", error=str(exc))
        return False
    return True


def file_copies(app: App) -> int:
    """File the Sent copies an earlier cycle could not ([smtp].save_to_sent), unless the copy is
    there already (the APPEND may have gone through before its answer was lost); after
    :data:`CONFIRMATION_TTL` a copy is given up, with one line in the log. Returns how many were filed."""
    filed = 0
    for row in app.store.outbox_copies_pending():
        if datetime.fromisoformat(row["created_at"]) < app.clock() - CONFIRMATION_TTL:
            log.warning("outbox.save_to_sent_given_up", kind=row["kind"], key=row["key"])
            app.store.outbox_copy_done(row["id"])
            continue
        try:
            there = app.mail.has_message_id(row["message_id"], [app.settings["mail"]["sent_folder"]])
        except (ConnectorError, ValueError):
            there = None
        if there or _save_to_sent(app, row["raw"]):
            app.store.outbox_copy_done(row["id"])
            filed += 1
    return filed
