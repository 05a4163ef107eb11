"""The SQLite store, through sqlite-utils: schema, migrations and every query.

One file per owner, WAL mode. The schema version lives in ``PRAGMA user_version``; each entry
of :data:`MIGRATIONS` moves it up by one. A message, its items and its "processed" mark are
written in one transaction (:meth:`Store.record_message`), so a cycle that dies anywhere can
be run again and nothing is lost or doubled.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
import structlog

from connectors.types import Attendee, Event, Message
from planner.models import Block, Item

Migration = Callable[[sqlite_utils.Database], None]
CLAIM_TIMEOUT = timedelta(minutes=5)  # an unsent brief claim older than this was a crash: retry it
# A sent brief's text, HTML and data are kept whole, compressed once it is this many days older
# than the newest: a brief is 40-50 KB, a reply reads the last one, and a year of them would
# otherwise be most of a store.
PACK_BRIEFS_AFTER = timedelta(days=7)
BUSY_MS = 5000  # how long one statement waits on another process's lock
# Opening waits this many more times (doubling from 0.1 s) when SQLite gives up on a lock even
# so: two processes creating or upgrading one store at once can meet before WAL is on, where
# SQLite reports "database is locked" at once rather than wait (to avoid a deadlock).
OPEN_TRIES = 6
# SQLite's own page cache, in KiB. The store file sits in the kernel's page cache anyway, so
# SQLite's cache is a second copy; at its 2 MiB default it filled as the store grew and was the
# largest part of a month's growth in the daemon's memory (soak: +10.1% against +8.6% at 512 KiB).
# A page it misses is one read from the kernel's cache: re-ranking and composing the brief on
# 10,000 open items (bench/planner.py) cost the same within noise.
CACHE_KIB = 512
_PACKED = ("text", "html", "json")
SQLITE_MAGIC = b"SQLite format 3\x00"
log = structlog.get_logger(__name__)


class StoreError(Exception):
    """The store file cannot be used as it is: not a sound store, written by a newer focusd, or
    its upgrade failed. The message is one sentence for the owner; the file is never changed."""

    exit_code = 2


def _refusal(path: Path, problem: str) -> str:
    return (f"{path} {problem}; focusd will not overwrite it: restore it from a copy (an upgrade leaves "
            f"one beside it, named {path.name}.v<N>.bak) or point [storage].path at another file")


def _header_problem(path: Path) -> str | None:
    """What the first 100 bytes and the size of ``path`` show wrong, or None (an empty file is a
    new store). This costs one small read, so it runs on every open; quick_check does not."""
    size = path.stat().st_size
    if size == 0:
        return None
    with path.open("rb") as f:
        head = f.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return "is not an SQLite database"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The page count holds only when "version-valid-for" matches the change counter, and a
    # write-ahead log left by a crash may still carry pages that recovery puts back.
    wal = path.with_name(path.name + "-wal")
    if head[92:96] == head[24:28] and not (wal.exists() and wal.stat().st_size) and size < pages * page_size:
        return f"is cut short ({size:,} bytes of the {pages * page_size:,} it says it holds)"
    return None


def _v1(db: sqlite_utils.Database) -> None:
    db.table("messages").create(
        {"message_id": str, "thread_id": str, "folder": str, "subject": str, "sender": str,
         "date": str, "is_bulk": int, "skipped": str, "items": int, "processed_at": str,
         "reply_text": str},
        pk="message_id",
    )
    db.table("messages").create_index(["thread_id"])
    db.table("items").create(
        {"id": int, "kind": str, "title": str, "owner": str, "counterparty": str, "due": str,
         "status": str, "score": float, "reasons": str, "evidence": str, "message_id": str,
         "thread_id": str, "source": str, "goal": str, "blocks": str, "blocked_by": str,
         "snoozed_until": str, "pinned": int, "notes": str, "created_at": str, "updated_at": str},
        pk="id",
    )
    db.table("items").create_index(["status"])
    db.table("items").create_index(["thread_id", "kind"])
    db.table("goals").create(
        {"id": int, "title": str, "weight": float, "keywords": str, "deadline": str, "origin": str},
        pk="id",
    )
    db.table("goals").create_index(["title"], unique=True)
    db.table("events").create(
        {"key": str, "uid": str, "title": str, "start": str, "end": str, "all_day": int,
         "attendees": str, "organizer": str, "focusd_item": int, "calendar": str},
        pk="key",
    )
    db.table("events").create_index(["start"])
    db.table("blocks").create(
        {"id": int, "item_id": int, "event_uid": str, "start": str, "end": str, "created_at": str},
        pk="id",
    )
    db.table("briefs").create(
        {"date": str, "token": str, "message_id": str, "subject": str, "lines": str,
         "created_at": str, "sent_at": str},
        pk="date",
    )
    db.table("briefs").create_index(["token"], unique=True)
    db.table("sync_state").create({"source": str, "cursor": str, "updated_at": str}, pk="source")
    db.table("messages").enable_fts(["subject", "reply_text"], create_triggers=True, tokenize="porter")


def _v2(db: sqlite_utils.Database) -> None:
    # Two different messages may share a Message-ID (ticket systems do this): the fingerprint
    # tells a second copy of the same message from another message under the same id.
    db.table("messages").add_column("fingerprint", str)
    # Mail that could not be read at all: kept with its reason, so it is reported, not lost.
    db.table("failures").create(
        {"source": str, "key": str, "reason": str, "message_id": str, "failed_at": str},
        pk=("source", "key"),
    )
    db.table("briefs").add_column("sent_via", str)
    # What the last cycle saw of each outside source (the calendar's readability, say).
    db.table("status").create({"name": str, "value": str, "updated_at": str}, pk="name")
    # When each due date was said, so the latest word wins whichever sync brings it; until now
    # an item's due date was the one its own message gave.
    db.table("items").add_column("due_said_at", str)
    db.execute("UPDATE items SET due_said_at = json_extract(source, '$.date') WHERE due IS NOT NULL")


def _v3(db: sqlite_utils.Database) -> None:
    # The brief as it was sent, so a later `brief --date D` shows the same lines and numbers the
    # owner replied to, not a fresh ranking.
    db.table("briefs").add_column("text", str)
    db.table("briefs").add_column("html", str)
    db.table("briefs").add_column("json", str)
    # Every outgoing mail is written here before it is handed over, so a send that fails is
    # retried, and a crash after the server's OK is found again instead of sent twice.
    db.table("outbox").create(
        {"id": int, "kind": str, "key": str, "message_id": str, "recipient": str, "subject": str,
         "raw": bytes, "status": str, "attempts": int, "last_error": str, "next_attempt_at": str,
         "created_at": str, "sent_at": str, "sent_via": str},
        pk="id",
    )
    db.table("outbox").create_index(["kind", "key"], unique=True)
    db.table("outbox").create_index(["status"])
    # Replies to briefs: each one once, with what it changed, so `undo` can put it back.
    db.table("replies").create(
        {"message_id": str, "brief_date": str, "sender": str, "received_at": str,
         "status": str, "reason": str, "changes": str, "undo": str, "applied_at": str},
        pk="message_id",
    )
    db.table("replies").create_index(["status", "applied_at"])


def _v4(db: sqlite_utils.Database) -> None:
    # A counter that moves whenever something a score depends on changes, so a cycle with no
    # such change (most polls) need not score every open item again.
    db.table("meta").create({"key": str, "value": int}, pk="key")
    db.table("meta").insert({"key": "items_version", "value": 0})
    bump = "BEGIN UPDATE meta SET value = value + 1 WHERE key = 'items_version'; END"
    db.execute(f"CREATE TRIGGER items_inserted AFTER INSERT ON items {bump}")
    db.execute(f"CREATE TRIGGER items_deleted AFTER DELETE ON items {bump}")
    db.execute("CREATE TRIGGER items_changed AFTER UPDATE OF kind, title, evidence, source, due, counterparty, "
               f"pinned, status ON items {bump}")


def _v5(db: sqlite_utils.Database) -> None:
    # The day an item was pinned to the focus by `top`: the pin lasts that day only.
    db.table("items").add_column("pinned_on", str)


def _utc(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(UTC).isoformat()


def _v6(db: sqlite_utils.Database) -> None:
    # Times of events and blocks in UTC, so that ranges compare as text whatever zone a calendar
    # wrote them in. Events keep what the brief shows of a meeting and whether it takes time.
    for table in ("events", "blocks"):
        for row in list(db.table(table).rows):
            pk = "key" if table == "events" else "id"
            db.table(table).update(row[pk], {"start": _utc(row["start"]), "end": _utc(row["end"])})
    db.table("events").add_column("description", str)
    db.table("events").add_column("location", str)
    db.table("events").add_column("busy", int)
    db.execute("UPDATE events SET busy = 1")
    # A block is booked, or dismissed (the owner deleted it: not booked again that day); one
    # the owner placed (moved, or asked for by reply) is never moved by focusd.
    db.table("blocks").add_column("state", str)
    db.table("blocks").add_column("owner_set", int)
    db.table("blocks").add_column("updated_at", str)
    db.execute("UPDATE blocks SET state = 'booked', owner_set = 0")
    db.table("blocks").create_index(["start"])


def _v7(db: sqlite_utils.Database) -> None:
    # The last description read of each calendar event, as a digest, so an unchanged agenda is
    # not read again on every cycle; its text stays in the events table only.
    db.table("event_reads").create({"uid": str, "digest": str, "message_id": str, "read_at": str}, pk="uid")


def _v8(db: sqlite_utils.Database) -> None:
    # Each reason with its points, so a score explains itself wherever it is shown; and when a
    # sent brief asked whether a stale item is still relevant, so it is asked once only.
    db.table("items").add_column("contributions", str)
    db.table("items").add_column("asked_stale_at", str)
    # What blocks an item, what it blocks and its snooze now move its score too.
    db.execute("DROP TRIGGER items_changed")
    db.execute("CREATE TRIGGER items_changed AFTER UPDATE OF kind, title, evidence, source, due, counterparty, "
               "pinned, status, blocks, blocked_by, snoozed_until ON items "
               "BEGIN UPDATE meta SET value = value + 1 WHERE key = 'items_version'; END")


_BRIEF_COLUMNS = ("date", "token", "message_id", "subject", "lines", "created_at", "sent_at", "sent_via", "text",
                  "html", "json")


def _v9(db: sqlite_utils.Database) -> None:
    # Attachments by name and size (never their bodies) and each message's recipients, so the
    # brief can name "the latest version" of a file and the people of a thread.
    db.table("attachments").create(
        {"message_id": str, "filename": str, "size": int, "content_type": str, "thread_id": str, "sender": str,
         "date": str},
    )
    db.table("attachments").create_index(["thread_id"])
    db.table("attachments").create_index(["message_id"])
    db.table("messages").add_column("recipients", str)
    # Briefs and weekly reviews share the table, told apart by kind: (kind, date) is the key
    # (a review's date is its week's Monday). SQLite cannot change a primary key in place.
    cols = ", ".join(_BRIEF_COLUMNS)
    db.execute("CREATE TABLE briefs_v9 (kind TEXT NOT NULL, date TEXT NOT NULL, token TEXT, message_id TEXT, "
               "subject TEXT, lines TEXT, created_at TEXT, sent_at TEXT, sent_via TEXT, text TEXT, html TEXT, "
               "json TEXT, PRIMARY KEY (kind, date))")
    db.execute(f"INSERT INTO briefs_v9 (kind, {cols}) SELECT 'brief', {cols} FROM briefs")
    db.execute("DROP TABLE briefs")
    db.execute("ALTER TABLE briefs_v9 RENAME TO briefs")
    db.execute("CREATE UNIQUE INDEX idx_briefs_token ON briefs (token)")


def _v10(db: sqlite_utils.Database) -> None:
    # The goal an LLM said an item serves, for an item whose words name no goal's keywords;
    # setting it moves the item's score like any other input to it.
    db.table("items").add_column("goal_link", str)
    db.execute("DROP TRIGGER items_changed")
    db.execute("CREATE TRIGGER items_changed AFTER UPDATE OF kind, title, evidence, source, due, counterparty, "
               "pinned, status, blocks, blocked_by, snoozed_until, goal_link ON items "
               "BEGIN UPDATE meta SET value = value + 1 WHERE key = 'items_version'; END")


def _v11(db: sqlite_utils.Database) -> None:
    # New messages are indexed for search once per transaction (Store.write), in one statement:
    # a trigger per row cost a first sync three times as much. Updates and deletes keep theirs.
    db.execute("DROP TRIGGER IF EXISTS messages_ai")


def _v12(db: sqlite_utils.Database) -> None:
    # Each item carries the items_version of its last change that a score depends on, so a
    # re-rank on the same day scores again only what changed since the last one: a cycle then
    # costs what its new mail costs, not what every open item does (bench/soak.py). A row's
    # own time cannot tell this: an undo puts an item's updated_at back.
    db.table("items").add_column("score_seq", int)
    db.execute("UPDATE items SET score_seq = 0")
    seq = "UPDATE items SET score_seq = (SELECT value FROM meta WHERE key = 'items_version') WHERE id = NEW.id;"
    bump = "UPDATE meta SET value = value + 1 WHERE key = 'items_version';"
    db.execute("DROP TRIGGER items_inserted")
    db.execute(f"CREATE TRIGGER items_inserted AFTER INSERT ON items BEGIN {bump} {seq} END")
    # updated_at too: how long an item went untouched is part of its score ("untouched for 3
    # weeks"), and a note or a restating message changes nothing else.
    db.execute("DROP TRIGGER items_changed")
    db.execute("CREATE TRIGGER items_changed AFTER UPDATE OF kind, title, evidence, source, due, counterparty, "
               f"pinned, status, blocks, blocked_by, snoozed_until, goal_link, updated_at, notes ON items "
               f"BEGIN {bump} {seq} END")
    # What the last re-rank saw was counted without score_seq: the next one scores every item.
    db.execute("DELETE FROM status WHERE name = 'rank'")
    # The day's focus is read best first from the stored scores, and stops after a few.
    db.execute("CREATE INDEX idx_items_rank ON items (status, COALESCE(score, 0) DESC, COALESCE(due, '9999'), id)")
    # Each re-rank lifts the pins of earlier days: the few pinned items, not every item, are read.
    db.execute("CREATE INDEX idx_items_pinned ON items (pinned_on) WHERE pinned = 1")


def _v13(db: sqlite_utils.Database) -> None:
    # Sent briefs a week older than the newest keep their text, HTML and data zlib-compressed
    # (_pack_briefs): a version that read them as text would show bytes, so it is refused.
    _pack_briefs(db.conn, None)


# An item a re-rank scores whatever changed: never scored (or scored before v12), or tied to
# others by blocking.
_TIED = ("(score_seq IS NULL OR score IS NULL OR kind = 'blocker' OR COALESCE(blocks, '[]') NOT IN ('[]', '') "
         "OR COALESCE(blocked_by, '[]') NOT IN ('[]', ''))")


def _v14(db: sqlite_utils.Database) -> None:
    # A same-day re-rank reads what changed and the tied few, and each goal's best unchanged
    # score, through these: its cost follows the change, not the count of open items.
    db.execute("CREATE INDEX IF NOT EXISTS idx_items_seq ON items (status, score_seq)")
    db.execute(f"CREATE INDEX IF NOT EXISTS idx_items_tied ON items (id) WHERE status = 'open' AND {_TIED}")
    db.execute("CREATE INDEX IF NOT EXISTS idx_items_goal ON items (status, goal, score)")


def _v15(db: sqlite_utils.Database) -> None:
    # Mail that hands over what was owed closes it in whatever thread it comes: the open items of
    # one person are looked up by counterparty.
    # Open items only: done work is never looked up this way, and the index stays the open list's size.
    db.execute("CREATE INDEX IF NOT EXISTS idx_items_counterparty ON items (counterparty, kind, id) "
               "WHERE status IN ('open', 'snoozed')")


def _v16(db: sqlite_utils.Database) -> None:
    # A reply's digest (agent.replies.reply_digest): the same reply seen under two Message-IDs (the
    # INBOX copy with the server's id, the Sent copy with focusd's stand-in) is applied once.
    if "digest" not in db.table("replies").columns_dict:  # run again over a store that has it: no change
        db.table("replies").add_column("digest", str)
    db.execute("CREATE INDEX IF NOT EXISTS idx_replies_digest ON replies (digest) WHERE digest IS NOT NULL")


def _v17(db: sqlite_utils.Database) -> None:
    # A sent mail whose copy to the Sent folder ([smtp].save_to_sent) failed keeps its bytes until a
    # later cycle files the copy.
    if "copy_pending" not in db.table("outbox").columns_dict:
        db.table("outbox").add_column("copy_pending", int)


def _v18(db: sqlite_utils.Database) -> None:
    # The day a snoozed item came back (wake_snoozed): the next brief shows it, dated or not,
    # rather than leaving it to rank below the focus where no section shows it.
    if "woke_on" not in db.table("items").columns_dict:
        db.table("items").add_column("woke_on", str)


MIGRATIONS: list[Migration] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10, _v11, _v12, _v13, _v14, _v15,
                               _v16, _v17, _v18]


def _pack_briefs(conn: sqlite3.Connection, before: date | None) -> int:
    """Compress the text, HTML and data of the sent briefs and reviews dated before ``before``
    (None: a week before the newest sent one) that are not yet; how many were."""
    if before is None:
        newest = conn.execute("SELECT max(date) FROM briefs WHERE sent_at IS NOT NULL").fetchone()[0]
        if newest is None:
            return 0
        before = date.fromisoformat(newest) - PACK_BRIEFS_AFTER
    rows = conn.execute("SELECT kind, date, text, html, json FROM briefs WHERE date < ? AND sent_at IS NOT NULL "
                        "AND (typeof(text) = 'text' OR typeof(html) = 'text' OR typeof(json) = 'text')",
                        [before.isoformat()]).fetchall()
    for kind, day, *content in rows:
        packed = [zlib.compress(v.encode(), 6) if isinstance(v, str) else v for v in content]
        conn.execute("UPDATE briefs SET text = ?, html = ?, json = ? WHERE kind = ? AND date = ?",
                     [*packed, kind, day])
    return len(rows)


def _unpacked(row: dict[str, Any]) -> dict[str, Any]:
    """A briefs row with its compressed columns read back as text. A damaged one (a bad sector,
    a hand edit) is told and read as no content at all: the brief is then composed again where
    it is shown, and its line map, kept plain, still serves replies; raising would stop every
    reply to it and the command that shows it."""
    try:
        for column in _PACKED:
            if isinstance(row.get(column), bytes):
                row[column] = zlib.decompress(row[column]).decode()
    except (zlib.error, UnicodeDecodeError) as exc:
        log.warning("store.brief_unreadable", kind=row.get("kind"), date=row.get("date"), column=column,
                    error=str(exc))
        for column in _PACKED:
            row[column] = None
    return row


def _iso(when: datetime) -> str:
    """A time as the store keeps it: UTC, so that text order is time order."""
    return when.astimezone(UTC).isoformat()


def _block_from_row(r: dict[str, Any]) -> Block:
    return Block(item_id=r["item_id"], start=datetime.fromisoformat(r["start"]), end=datetime.fromisoformat(r["end"]),
                 state=r["state"] or "booked", uid=r["event_uid"] or "", owner_set=bool(r["owner_set"]), id=r["id"])


def _system_clock() -> datetime:
    return datetime.now(UTC)


def _when(source: dict[str, Any]) -> datetime | None:
    """When the message behind an item's source was written, or None if that is unknown."""
    try:
        return datetime.fromisoformat(str(source.get("date") or ""))
    except ValueError:
        return None


def _due_said_at(item: Item) -> str | None:
    """When ``item``'s due date was said: as resolve found it, else its own message's date."""
    if not item.due:
        return None
    return item.due_said_at or item.source.get("date") or None


def _thread_or_ids(thread_id: str, ids: list[str]) -> tuple[list[str], list[Any]]:
    """SQL conditions (to be OR-ed) and their arguments for rows of a thread or among ids."""
    which: list[str] = []
    args: list[Any] = []
    if thread_id:
        which.append("thread_id = ?")
        args.append(thread_id)
    if ids:
        which.append(f"message_id IN ({','.join('?' * len(ids))})")
        args += ids
    return which, args


def _list(text: str | None) -> list[Any]:
    """A JSON list column; most are empty, and a store of thousands of items is read whole for
    each brief, so the empty ones cost no parse."""
    return [] if not text or text == "[]" else list(json.loads(text))


# What an Item is read from, in order: the many-item reads (a re-rank, a brief) take every open
# item, so they select these columns and build each Item from its tuple.
_ITEM_COLUMNS = ("id, kind, title, owner, counterparty, due, due_said_at, status, score, reasons, evidence, "
                 "source, thread_id, goal, blocks, blocked_by, snoozed_until, pinned, notes, contributions, goal_link")


def _item_from_tuple(r: tuple[Any, ...]) -> Item:
    (id_, kind, title, owner, counterparty, due, due_said_at, status, score, reasons, evidence, source, thread_id,
     goal, blocks, blocked_by, snoozed_until, pinned, notes, contributions, goal_link) = r
    parts = [(reason, points) for reason, points in _list(contributions)]
    return Item(kind=kind, title=title, evidence=evidence, source=json.loads(source or "{}"), thread_id=thread_id or "",
                owner=owner, counterparty=counterparty or "", due=due, due_said_at=due_said_at, id=id_, status=status,
                score=score, reasons=[reason for reason, _ in parts] if parts else _list(reasons), goal=goal,
                blocks=_list(blocks), blocked_by=_list(blocked_by), snoozed_until=snoozed_until, pinned=bool(pinned),
                notes=_list(notes), contributions=parts, goal_link=goal_link)


def _item_from_row(row: dict[str, Any]) -> Item:
    # Scored items keep their reasons twice, alone and with their points (set_scores writes both).
    parts = [(r, p) for r, p in _list(row.get("contributions"))]
    return Item(
        id=row["id"], kind=row["kind"], title=row["title"], owner=row["owner"],
        counterparty=row["counterparty"] or "", due=row["due"], due_said_at=row["due_said_at"],
        status=row["status"],
        score=row["score"], reasons=[r for r, _ in parts] if parts else _list(row["reasons"]), evidence=row["evidence"],
        source=json.loads(row["source"] or "{}"), thread_id=row["thread_id"] or "",
        goal=row["goal"], blocks=_list(row["blocks"]),
        blocked_by=_list(row["blocked_by"]), snoozed_until=row["snoozed_until"],
        pinned=bool(row["pinned"]), notes=_list(row["notes"]),
        contributions=parts, goal_link=row.get("goal_link"),
    )


def _item_row(item: Item) -> dict[str, Any]:
    return {
        "kind": item.kind, "title": item.title, "owner": item.owner,
        "counterparty": item.counterparty, "due": item.due, "due_said_at": _due_said_at(item),
        "status": item.status,
        "score": item.score, "reasons": json.dumps(item.reasons), "evidence": item.evidence,
        "message_id": item.message_id, "thread_id": item.thread_id,
        "source": json.dumps(item.source), "goal": item.goal, "blocks": json.dumps(item.blocks),
        "blocked_by": json.dumps(item.blocked_by), "snoozed_until": item.snoozed_until,
        "pinned": int(item.pinned), "notes": json.dumps(item.notes),
        "contributions": json.dumps(item.contributions), "goal_link": item.goal_link,
    }


class Store:
    """``clock`` stamps every row, so a pinned clock gives a store consistent with it."""

    def __init__(self, db: sqlite_utils.Database, clock: Callable[[], datetime] = _system_clock) -> None:
        self.db = db
        self.clock = clock
        self._unindexed: set[int] = set()  # rowids of messages this transaction added, for search
        self._depth = 0  # savepoints open inside the transaction

    def _now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    @classmethod
    def open(cls, path: Path | str, clock: Callable[[], datetime] = _system_clock) -> Store:
        """Open (creating and migrating as needed) the store at ``path``; ``":memory:"`` works.

        A store from an older focusd is copied to ``<name>.v<old>.bak`` beside it before it is
        migrated; one from a newer focusd, or a file that is not a sound store, is refused with
        :class:`StoreError` and left exactly as it is."""
        if str(path) == ":memory:":
            db = sqlite_utils.Database(memory=True)
            db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            store = cls(db, clock)
            store.migrate()
            return store
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with suppress(FileExistsError):  # mail lives in here: owner-only from the first byte
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        problem = _header_problem(path)
        if problem:
            raise StoreError(_refusal(path, problem))
        for attempt in range(OPEN_TRIES):
            try:
                return cls._open_file(path, clock)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc):
                    raise StoreError(_refusal(path, f"cannot be read as a database ({exc})")) from None
                if attempt == OPEN_TRIES - 1:
                    raise StoreError(f"{path} stayed locked by another process ({exc}): is another focusd "
                                     "upgrading or creating it? Try again once it is done") from None
                time.sleep(0.1 * 2**attempt)
        raise AssertionError("unreachable")  # the loop returns or raises

    @classmethod
    def _open_file(cls, path: Path, clock: Callable[[], datetime]) -> Store:
        db = sqlite_utils.Database(path)
        try:
            db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            store = cls(db, clock)
            # Read before anything is written: a store this focusd cannot read stays untouched.
            version = store.version
            if version > len(MIGRATIONS):
                raise StoreError(f"{path} has schema version {version}, written by a newer focusd, and this "
                                 f"focusd knows versions up to {len(MIGRATIONS)}: upgrade focusd or point "
                                 "[storage].path at another file")
            if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError(_refusal(path, "is an SQLite database, but not a focusd store"))
            if 0 < version < len(MIGRATIONS):
                store._upgrade(path, version)
            else:
                store.migrate()
            db.enable_wal()
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            # After each checkpoint the log is cut back to 1 MB: a daemon that runs for months
            # keeps a store of its data's size, not one with a log of its busiest hour beside it.
            db.execute("PRAGMA journal_size_limit=1048576")
        except sqlite3.OperationalError:
            db.close()
            raise  # a lock is waited out by open(); anything else is told there
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StoreError(_refusal(path, f"cannot be read as a database ({exc})")) from None
        except BaseException:
            db.close()
            raise
        return store

    def _upgrade(self, path: Path, old: int) -> None:
        """Migrate a store written by an older focusd, after checking it and copying it aside.
        Every step runs in one transaction, so a failure leaves the file at version ``old``."""
        # quick_check reads every page: 35 ms warm, 0.6 s cold on a 50,000-message store (37 MB),
        # so it runs here, once per upgrade, and in `focusd doctor`, not on every open.
        problem = self.check()
        if problem:
            raise StoreError(_refusal(path, f"fails its integrity check ({problem})"))
        backup = path.with_name(f"{path.name}.v{old}.bak")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # The copy is taken before the write lock (SQLite's backup waits forever on a lock its own
        # connection holds) and put in place only if it is of version ``old``: a focusd that
        # migrated the file meanwhile never leaves its new version under the old version's name.
        self._backup(backup, old)
        new = len(MIGRATIONS)
        try:
            with self.write():
                old = self.version  # read again under the lock: another focusd may have migrated
                for version in range(old, new):
                    MIGRATIONS[version](self.db)
                    self.db.execute(f"PRAGMA user_version={version + 1}")
        except Exception as exc:
            if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
                raise  # another focusd holds the store: not a failed upgrade
            raise StoreError(f"upgrading {path} from schema version {old} to {new} failed "
                             f"({type(exc).__name__}: {exc}); the store is left as it was, a copy of it is in "
                             f"{backup}, and the previous focusd still reads it") from None
        log.info("store.upgraded", path=str(path), from_version=old, to_version=new, backup=str(backup))

    def _backup(self, target: Path, version: int) -> None:
        """A consistent copy of the store (SQLite's online backup), owner-only, put in place whole
        if it is of ``version``."""
        part = target.with_name(target.name + ".part")
        part.unlink(missing_ok=True)
        os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        copy = sqlite3.connect(part)
        try:
            self.db.conn.backup(copy)
            copied = int(copy.execute("PRAGMA user_version").fetchone()[0])
        finally:
            copy.close()
        if copied == version:
            os.replace(part, target)
        else:
            part.unlink()

    def check(self) -> str | None:
        """What SQLite's quick_check finds wrong with the store (its first few lines), or None."""
        rows = [str(r[0]) for r in self.db.execute("PRAGMA quick_check(5)").fetchall()]
        return None if rows == ["ok"] else "; ".join(rows)

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Bring a new (or in-memory) store to the current schema, all steps in one transaction."""
        with self.write():
            version = self.version  # read under the lock: another process may have migrated
            for step in range(version, len(MIGRATIONS)):
                MIGRATIONS[step](self.db)
                self.db.execute(f"PRAGMA user_version={step + 1}")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction. It takes the write lock up front (BEGIN IMMEDIATE), so a
        second focusd on the same file (a cron job beside the daemon) waits, then sees what
        the first wrote, instead of both deciding on the same stale read. Nested uses become
        savepoints."""
        conn = self.db.conn
        if conn.in_transaction:
            # Named by depth, not by a fresh random name as sqlite-utils' atomic() does: the same
            # few statements are then compiled once, where a new name cost a message in a first
            # sync a third of its store time.
            self._depth += 1
            name = f"focusd_{self._depth}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:  # an error may have ended the whole transaction already
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                conn.execute(f"RELEASE SAVEPOINT {name}")
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._index_messages()
        except BaseException:
            self.db.conn.rollback()
            self._unindexed.clear()
            raise
        self.db.execute("COMMIT")

    def _index_messages(self) -> None:
        """Index for search the messages this transaction added (a rowid a rolled-back savepoint
        freed and a later insert took again is one row, indexed once)."""
        ids = sorted(self._unindexed)
        self._unindexed.clear()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            self.db.conn.execute(
                "INSERT INTO messages_fts (rowid, subject, reply_text) SELECT rowid, subject, reply_text FROM messages "
                f"WHERE rowid IN ({','.join('?' * len(chunk))})", chunk)

    # -- messages ----------------------------------------------------------------------------

    def processed(self, message_ids: Iterable[str]) -> set[str]:
        """The ids among ``message_ids`` that are already recorded."""
        return set(self.fingerprints(message_ids))

    def fingerprints(self, message_ids: Iterable[str]) -> dict[str, str | None]:
        """Recorded message id -> its fingerprint (None for messages recorded before v2)."""
        ids = list(message_ids)
        found: dict[str, str | None] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT message_id, fingerprint FROM messages WHERE message_id IN ({marks})", chunk)
            found.update((r[0], r[1]) for r in rows)
        return found

    def record_message(self, msg: Message, new_items: list[Item], merges: list[tuple[int, Item]],
                       skipped: str = "", answered: Iterable[int] = ()) -> list[int]:
        """Write a message, its new items, its merges into existing items, the waiting items it
        answered and its processed mark in one transaction. Returns the new item ids. A message
        already recorded is left as it is, so recording twice changes nothing."""
        ids: list[int] = []
        with self.write():
            if self.processed([msg.message_id]):
                return ids
            now = self._now()
            for item in new_items:
                item.id = self._insert("items", _item_row(item) | {"created_at": now, "updated_at": now})
                ids.append(item.id)
            for existing_id, item in merges:
                self._merge(existing_id, item, now)
            for item_id in answered:
                self.db.execute("UPDATE items SET status = 'done', updated_at = ? WHERE id = ?", [now, item_id])
            self._unindexed.add(self._insert("messages", {
                "message_id": msg.message_id, "thread_id": msg.thread_id, "folder": msg.folder,
                "subject": msg.subject, "sender": msg.sender.email, "date": msg.date.isoformat(),
                "is_bulk": int(msg.is_bulk), "skipped": skipped, "items": len(ids),
                "processed_at": now, "reply_text": msg.reply_text[:20_000],
                "fingerprint": msg.fingerprint,
                "recipients": json.dumps([a.email for a in [*msg.to, *msg.cc]]) if msg.to or msg.cc else None,
            }))
            if msg.attachments:
                when = msg.date.isoformat()
                self.db.conn.executemany(
                    "INSERT INTO attachments (message_id, filename, size, content_type, thread_id, sender, date) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(msg.message_id, a.filename, a.size, a.content_type, msg.thread_id, msg.sender.email, when)
                     for a in msg.attachments])
        return ids

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        """One plain INSERT (the hot path of a sync: sqlite-utils' insert reads the schema on
        every call); returns the new rowid."""
        cols = list(row)
        sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
        return int(self.db.conn.execute(sql, [row[c] for c in cols]).lastrowid or 0)

    def record_failure(self, source: str, key: str, reason: str, message_id: str = "") -> None:
        """Mail that could not be read: kept with why, so it is reported instead of lost."""
        with self.write():
            self.db.table("failures").upsert({"source": source, "key": key, "reason": reason,
                                              "message_id": message_id, "failed_at": self._now()},
                                             pk=("source", "key"))

    def failures(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest failures, newest first."""
        return list(self.db.table("failures").rows_where(order_by="failed_at desc", limit=limit))

    def _merge(self, existing_id: int, item: Item, now: str) -> None:
        """Another message stated an open item again: take its due date, and when it was said,
        when resolve passed one (it passes only the latest word).
        The record (kind, wording, source) is the request when there is one, else the earliest
        message, so a backlog read out of order (Sent before INBOX) ends as mail read in order."""
        cur = self.db.conn.execute("SELECT kind, source, goal_link FROM items WHERE id = ?", [existing_id])
        found = cur.fetchone()
        if found is None:
            raise sqlite_utils.db.NotFoundError(f"no item {existing_id}")
        row = dict(zip(("kind", "source", "goal_link"), found, strict=True))
        updates: dict[str, Any] = {"updated_at": now}
        if item.due:
            updates |= {"due": item.due, "due_said_at": _due_said_at(item)}
        if item.goal_link and not row.get("goal_link"):
            updates["goal_link"] = item.goal_link
        stored, incoming = _when(json.loads(row["source"] or "{}")), _when(item.source)
        earlier = row["kind"] == item.kind and stored is not None and incoming is not None and incoming < stored
        if (row["kind"] == "commitment" and item.kind == "request") or earlier:
            updates |= {"kind": item.kind, "title": item.title, "evidence": item.evidence, "owner": item.owner,
                        "counterparty": item.counterparty, "source": json.dumps(item.source),
                        "message_id": item.message_id}
        self.db.conn.execute(f"UPDATE items SET {', '.join(f'[{k}] = ?' for k in updates)} WHERE id = ?",
                             [*updates.values(), existing_id])

    def thread_messages(self, thread_id: str) -> list[tuple[str, str, str]]:
        """The messages recorded in a thread and not skipped, as (message id, sender, date)."""
        rows = self.db.execute(
            "SELECT message_id, sender, date FROM messages WHERE thread_id = ? AND coalesce(skipped, '') = ''",
            [thread_id])
        return [(r[0], r[1] or "", r[2] or "") for r in rows]

    def message(self, message_id: str) -> dict[str, Any] | None:
        rows = list(self.db.table("messages").rows_where("message_id = ?", [message_id]))
        return rows[0] if rows else None

    def count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])

    # -- items -------------------------------------------------------------------------------

    def items(self, statuses: Iterable[str] = ("open",)) -> list[Item]:
        st = list(statuses)
        marks = ",".join("?" * len(st))
        rows = self.db.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE status IN ({marks}) ORDER BY id", st)
        return [_item_from_tuple(r) for r in rows]

    def all_items(self) -> list[Item]:
        return [_item_from_row(r) for r in self.db.table("items").rows_where(order_by="id")]

    def is_open(self, item_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM items WHERE id = ? AND status = 'open'", [item_id]).fetchone() is not None

    def open_ids(self) -> set[int]:
        return {int(r[0]) for r in self.db.execute("SELECT id FROM items WHERE status = 'open'")}

    def open_by_score(self, skip_kinds: Iterable[str] = (), only: Container[int] | None = None) -> Iterator[Item]:
        """Open items best first by their stored score (ties: earlier due, then older), read
        lazily from one sorted query: the day's focus needs the first few, not every open item.
        ``only``: just the items with these ids (the others are not built)."""
        skip = list(skip_kinds)
        where = f" AND kind NOT IN ({','.join('?' * len(skip))})" if skip else ""
        cursor = self.db.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE status = 'open'{where} "
                                 "ORDER BY COALESCE(score, 0) DESC, COALESCE(due, '9999'), id", skip)
        try:
            while rows := cursor.fetchmany(20):
                yield from (_item_from_tuple(r) for r in rows if only is None or r[0] in only)
        finally:
            cursor.close()

    def messages_after(self, rowid: int) -> list[tuple[str | None, str | None, str | None]]:
        """(thread_id, sender, folder) of each message stored after ``rowid``, in order."""
        return [(r[0], r[1], r[2]) for r in self.db.execute(
            "SELECT thread_id, sender, folder FROM messages WHERE rowid > ? ORDER BY rowid", [rowid])]

    def sent_threads(self, sent_folder: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT DISTINCT thread_id FROM messages WHERE folder = ? "
                                              "AND thread_id IS NOT NULL", [sent_folder])}

    def thread_senders(self, thread_id: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT DISTINCT sender FROM messages WHERE thread_id = ? "
                                              "AND sender IS NOT NULL AND sender != ''", [thread_id])}

    def messages_mark(self) -> int:
        """Moves whenever a message is stored (messages are never changed or removed)."""
        return int(self.db.execute("SELECT COALESCE(max(rowid), 0) FROM messages").fetchone()[0])

    def count_closed(self) -> int:
        """How many items are done or dropped: the daemon's log line counts a cycle's closes."""
        return int(self.db.execute("SELECT count(*) FROM items WHERE status IN ('done', 'dropped')").fetchone()[0])

    def closed_since(self, since: str) -> list[Item]:
        """Items marked done or dropped after ``since`` (an ISO timestamp in UTC)."""
        rows = self.db.table("items").rows_where(
            "status IN ('done', 'dropped') AND updated_at > ?", [since], order_by="updated_at")
        return [_item_from_row(r) for r in rows]

    def item(self, item_id: int) -> Item | None:
        row = self.db.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE id = ?", [item_id]).fetchone()
        return _item_from_tuple(row) if row else None

    def titles(self, item_ids: Iterable[int]) -> dict[int, str]:
        """Item id -> title, for the given ids that exist."""
        ids = list(item_ids)
        found: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.db.execute(f"SELECT id, title FROM items WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((int(r[0]), r[1]) for r in rows)
        return found

    def open_items_in_thread(self, thread_id: str) -> list[Item]:
        rows = self.db.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE thread_id = ? AND status IN ('open', 'snoozed') "
                               "ORDER BY id", [thread_id])
        return [_item_from_tuple(r) for r in rows]

    def open_items_with(self, counterparty: str, kinds: Iterable[str], limit: int = 50) -> list[Item]:
        """The latest ``limit`` open (or snoozed) items of ``kinds`` whose counterparty is
        ``counterparty``, in any thread, oldest first."""
        # One index range per kind, read newest first: a person with a thousand open items costs
        # ``limit`` rows a lookup, not a thousand and a sort.
        rows = [r for kind in kinds for r in self.db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE counterparty = ? AND kind = ? AND status IN ('open', 'snoozed') "
            "ORDER BY id DESC LIMIT ?", [counterparty, kind, limit])]
        items = sorted((_item_from_tuple(r) for r in rows), key=lambda i: i.id or 0)
        return items[-limit:]

    def open_items_handed_from(self, address: str, kinds: Iterable[str], limit: int = 50) -> list[Item]:
        """The latest ``limit`` open (or snoozed) items of ``kinds`` handed to the owner in a forward
        of ``address``'s mail (``source["forwarded_from"]``, see EmbeddedExtractor._handed_over),
        oldest first. Few items are: the open ones holding the key are read, by the status index."""
        ks = list(kinds)
        rows = self.db.execute(
            f"SELECT {_ITEM_COLUMNS} FROM items WHERE status IN ('open', 'snoozed') AND kind IN ({','.join('?' * len(ks))}) "
            "AND instr(source, 'forwarded_from') > 0 AND json_extract(source, '$.forwarded_from') = ? ORDER BY id DESC LIMIT ?",
            [*ks, address, limit]).fetchall()
        return sorted((_item_from_tuple(r) for r in rows), key=lambda i: i.id or 0)

    def iter_items(self, statuses: Iterable[str] = ("open",), chunk: int = 1000) -> Iterator[Item]:
        """Items in id order, read a chunk at a time: memory stays flat on any store, and the
        store may be written between chunks."""
        st = list(statuses)
        marks = ",".join("?" * len(st))
        last = 0
        while True:
            rows = self.db.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE status IN ({marks}) AND id > ? "
                                   "ORDER BY id LIMIT ?", [*st, last, chunk]).fetchall()
            if not rows:
                return
            yield from (_item_from_tuple(r) for r in rows)
            last = rows[-1][0]

    # An open item a same-day re-rank scores again: changed since (its ``score_seq``, the items
    # version of its last change a score depends on, is at least the one the last re-rank saw),
    # never scored, or tied to others by blocking.
    _RESCORE = f"(score_seq >= ? OR {_TIED})"

    def rank_candidates(self, since: int) -> list[int]:
        # Two indexed reads (v14), not a pass over every open item: what changed since, and the
        # few tied ones.
        return sorted(int(r[0]) for r in self.db.execute(
            f"SELECT id FROM items WHERE status = 'open' AND score_seq >= ? "
            f"UNION SELECT id FROM items INDEXED BY idx_items_tied WHERE status = 'open' AND {_TIED}", [since]))

    def best_unchanged_by_goal(self, since: int) -> dict[str, float]:
        """Each goal's best stored score among the open items that are no blockers and that a
        re-rank from ``since`` leaves alone: per goal, read best first until one qualifies."""
        goals = [r[0] for r in self.db.execute(
            "SELECT DISTINCT goal FROM items WHERE status = 'open' AND goal IS NOT NULL AND goal != ''")]
        out = {}
        for goal in goals:
            row = self.db.execute(f"SELECT score FROM items WHERE status = 'open' AND goal = ? AND kind != 'blocker' "
                                  f"AND NOT {self._RESCORE} ORDER BY score DESC LIMIT 1", [goal, since]).fetchone()
            if row is not None and row[0] is not None:
                out[goal] = float(row[0])
        return out

    def _open_by_id(self, column: str, item_ids: Iterable[int]) -> Iterator[tuple[int, Any]]:
        """(id, ``column``) of those of ``item_ids`` that are open, asked 500 ids at a time."""
        ids = list(item_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            yield from ((int(r[0]), r[1]) for r in self.db.execute(
                f"SELECT id, {column} FROM items WHERE status = 'open' AND id IN ({','.join('?' * len(chunk))})",
                chunk))

    def open_points(self, item_ids: Iterable[int]) -> dict[int, float]:
        """Stored scores of those of ``item_ids`` that are open."""
        return {i: float(v) for i, v in self._open_by_id("COALESCE(score, 0)", item_ids)}

    def touched_of(self, item_ids: Iterable[int]) -> dict[int, str]:
        """:meth:`touched` for those of ``item_ids`` that are open."""
        return {i: v or "" for i, v in self._open_by_id("updated_at", item_ids)}

    def items_by_id(self, item_ids: Iterable[int], chunk: int = 500) -> Iterator[Item]:
        """The given items (any status), read a chunk at a time."""
        ids = sorted(set(item_ids))
        for i in range(0, len(ids), chunk):
            part = ids[i : i + chunk]
            rows = self.db.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE id IN ({','.join('?' * len(part))}) "
                                   "ORDER BY id", part)
            yield from (_item_from_tuple(r) for r in rows)

    def items_version(self) -> int:
        """Moves whenever an item is added, removed, or changed in a way its score depends on."""
        return int(self.db.execute("SELECT value FROM meta WHERE key = 'items_version'").fetchone()[0])

    def set_scores(self, scored: Iterable[tuple[int, float, list[tuple[str, float]], str | None]]) -> None:
        """Store each given item's score, its reasons with their points, and its goal."""
        rows = [(score, json.dumps([r for r, _ in parts]), json.dumps(parts), goal, item_id)
                for item_id, score, parts, goal in scored]
        if rows:
            with self.write():
                self.db.conn.executemany(
                    "UPDATE items SET score = ?, reasons = ?, contributions = ?, goal = ? WHERE id = ?", rows)

    def touched(self, statuses: Iterable[str] = ("open",)) -> dict[int, str]:
        """Every item in ``statuses`` -> when the store last changed it (ISO, UTC; "" when never
        stamped): which items are open, and how stale each is."""
        st = list(statuses)
        rows = self.db.execute(f"SELECT id, updated_at FROM items WHERE status IN ({','.join('?' * len(st))})", st)
        return {int(r[0]): r[1] or "" for r in rows}

    def asked_stale(self) -> set[int]:
        """The items a sent brief already asked about as stale: never asked again."""
        return {int(r[0]) for r in self.db.execute("SELECT id FROM items WHERE asked_stale_at IS NOT NULL")}

    def set_aside(self) -> set[int]:
        """Open items a sent brief asked about as stale that nothing has touched since (no reply,
        no new mail): the owner let the question pass. They stay open, after the rest of their
        section."""
        return {int(r[0]) for r in self.db.execute(
            "SELECT id FROM items WHERE status = 'open' AND asked_stale_at IS NOT NULL "
            "AND (updated_at IS NULL OR updated_at <= asked_stale_at)")}

    def mark_asked_stale(self, item_ids: Iterable[int]) -> None:
        """A brief that asked whether these items are still relevant was sent. Leaves
        ``updated_at`` alone: being asked is not being touched."""
        now = self._now()
        with self.write():
            self.db.conn.executemany("UPDATE items SET asked_stale_at = ? WHERE id = ? AND asked_stale_at IS NULL",
                                     [(now, i) for i in item_ids])

    def unpin_before(self, today: date) -> int:
        """Pins set by `top` on an earlier day lapse: a pin is for the day it was asked on."""
        with self.write():
            cur = self.db.execute("UPDATE items SET pinned = 0 WHERE pinned = 1 AND pinned_on < ?", [today.isoformat()])
        return int(cur.rowcount)

    def wake_snoozed(self, today: date) -> int:
        with self.write():
            cur = self.db.execute(
                "UPDATE items SET status = 'open', snoozed_until = NULL, updated_at = ?, woke_on = ? "
                "WHERE status = 'snoozed' AND snoozed_until <= ?", [self._now(), today.isoformat(), today.isoformat()])
        return int(cur.rowcount)

    def woken_since(self, day: date) -> set[int]:
        """Open items that came back from a snooze on ``day`` or later."""
        return {int(r[0]) for r in self.db.execute(
            "SELECT id FROM items WHERE status = 'open' AND woke_on >= ?", [day.isoformat()])}

    # -- goals -------------------------------------------------------------------------------

    def sync_goals(self, goals: Iterable[tuple[str, float, tuple[str, ...], date | None]]) -> None:
        """Make the config's goals the stored ones; goals set by reply are kept."""
        with self.write():
            self.db.execute("DELETE FROM goals WHERE origin = 'config'")
            for title, weight, keywords, deadline in goals:
                self.db.table("goals").upsert({
                    "title": title, "weight": weight, "keywords": json.dumps(list(keywords)),
                    "deadline": deadline.isoformat() if deadline else None, "origin": "config",
                }, pk="title")

    def goals(self) -> list[dict[str, Any]]:
        rows = self.db.table("goals").rows_where(order_by="id")
        return [dict(r, keywords=json.loads(r["keywords"] or "[]")) for r in rows]

    # -- events ------------------------------------------------------------------------------

    def replace_events(self, start: datetime, end: datetime, events: list[Event]) -> None:
        """The calendar's view of [start, end) becomes ``events``."""
        with self.write():
            self.db.execute("DELETE FROM events WHERE start < ? AND end > ?", [_iso(end), _iso(start)])
            self.db.table("events").upsert_all(({
                "key": e.key(), "uid": e.uid, "title": e.title, "start": _iso(e.start),
                "end": _iso(e.end), "all_day": int(e.all_day),
                "attendees": json.dumps([a.to_json() for a in e.attendees]),
                "organizer": e.organizer, "focusd_item": e.focusd_item, "calendar": e.calendar,
                "description": e.description, "location": e.location, "busy": int(e.busy),
            } for e in events), pk="key")

    def events(self, start: datetime, end: datetime, blocks_only: bool = False) -> list[Event]:
        """Events overlapping [start, end) as the last calendar sync saw them (times in UTC);
        with ``blocks_only``, only focusd's focus blocks."""
        where = "start < ? AND end > ?" + (" AND focusd_item IS NOT NULL" if blocks_only else "")
        rows = self.db.table("events").rows_where(where, [_iso(end), _iso(start)], order_by="start, key")
        return [Event(uid=r["uid"], title=r["title"], start=datetime.fromisoformat(r["start"]),
                      end=datetime.fromisoformat(r["end"]), all_day=bool(r["all_day"]),
                      attendees=[Attendee(**a) for a in json.loads(r["attendees"] or "[]")],
                      organizer=r["organizer"] or "", focusd_item=r["focusd_item"],
                      calendar=r["calendar"] or "", description=r["description"] or "",
                      location=r["location"] or "", busy=r["busy"] != 0) for r in rows]

    # -- blocks ------------------------------------------------------------------------------

    def blocks(self, start: datetime, end: datetime, states: tuple[str, ...] = ("booked", "dismissed"),
               item_id: int | None = None) -> list[Block]:
        """Blocks overlapping [start, end) in ``states``, earliest first (times in UTC)."""
        where = f"start < ? AND end > ? AND state IN ({', '.join('?' * len(states))})"
        args: list[Any] = [_iso(end), _iso(start), *states]
        if item_id is not None:
            where += " AND item_id = ?"
            args.append(item_id)
        return [_block_from_row(r) for r in self.db.table("blocks").rows_where(where, args, order_by="start, id")]

    def block_uids(self, uids: Iterable[str], states: tuple[str, ...]) -> set[str]:
        """Those of ``uids`` that a stored block in ``states`` carries."""
        wanted, found = list(uids), set()
        marks = ", ".join("?" * len(states))
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            found |= {r[0] for r in self.db.execute(
                f"SELECT event_uid FROM blocks WHERE event_uid IN ({', '.join('?' * len(part))}) AND state IN ({marks})",
                [*part, *states])}
        return found

    def add_block(self, block: Block) -> Block:
        with self.write():
            pk = self.db.table("blocks").insert({
                "item_id": block.item_id, "event_uid": block.uid, "start": _iso(block.start),
                "end": _iso(block.end), "state": block.state, "owner_set": int(block.owner_set),
                "created_at": self._now(), "updated_at": self._now()}).last_pk
        return replace(block, id=int(pk or 0))

    def update_block(self, block: Block) -> None:
        """Store ``block`` (by its id) as it is now: time, state, event and who placed it."""
        if block.id is None:
            raise ValueError("a block without an id is not stored")
        with self.write():
            self.db.table("blocks").update(block.id, {
                "event_uid": block.uid, "start": _iso(block.start), "end": _iso(block.end),
                "state": block.state, "owner_set": int(block.owner_set), "updated_at": self._now()})

    def blocks_booked_after(self, when: str, start: datetime, end: datetime) -> list[Block]:
        """Booked blocks overlapping [start, end) written after ``when`` (the store's clock, ISO)."""
        rows = self.db.table("blocks").rows_where(
            "state = 'booked' AND updated_at > ? AND start < ? AND end > ?", [when, _iso(end), _iso(start)],
            order_by="start, id")
        return [_block_from_row(r) for r in rows]

    def block(self, block_id: int) -> Block | None:
        rows = list(self.db.table("blocks").rows_where("id = ?", [block_id]))
        return _block_from_row(rows[0]) if rows else None

    def delete_block(self, block_id: int) -> None:
        with self.write():
            self.db.table("blocks").delete_where("id = ?", [block_id])

    # -- briefs ------------------------------------------------------------------------------

    def brief(self, day: date, kind: str = "brief") -> dict[str, Any] | None:
        """The stored brief (or, with ``kind="review"``, the weekly review) for ``day``."""
        rows = list(self.db.table("briefs").rows_where("kind = ? AND date = ?", [kind, day.isoformat()]))
        return _unpacked(dict(rows[0], lines=json.loads(rows[0]["lines"]))) if rows else None

    def last_sent_brief(self, before: date) -> dict[str, Any] | None:
        rows = list(self.db.table("briefs").rows_where(
            "kind = 'brief' AND date < ? AND sent_at IS NOT NULL", [before.isoformat()], order_by="date desc",
            limit=1))
        return _unpacked(rows[0]) if rows else None

    def brief_by_token(self, token: str) -> dict[str, Any] | None:
        """The brief or review sent under ``token`` (tokens are unique across both)."""
        rows = list(self.db.table("briefs").rows_where("token = ?", [token]))
        return _unpacked(dict(rows[0], lines=json.loads(rows[0]["lines"]))) if rows else None

    def claim_brief(self, day: date, token: str, message_id: str, subject: str,
                    lines: dict[int, int], content: dict[str, str] | None = None, kind: str = "brief") -> bool:
        """Reserve the brief (or review) for ``day``, keeping ``content`` (its text, html and json)
        as it is sent. False when one for that date was already sent or is queued to be."""
        with self.write():
            existing = self.brief(day, kind)
            if existing and (existing["sent_at"] or self.outbox_row(kind, day.isoformat())):
                return False
            if existing and existing["created_at"] > (self.clock() - CLAIM_TIMEOUT).astimezone(UTC).isoformat(
                    timespec="seconds"):
                return False
            content = content or {}
            self.db.table("briefs").upsert({
                "kind": kind, "date": day.isoformat(), "token": token, "message_id": message_id,
                "subject": subject, "lines": json.dumps({str(k): v for k, v in lines.items()}),
                "created_at": self._now(), "sent_at": None, "text": content.get("text"),
                "html": content.get("html"), "json": content.get("json")}, pk=("kind", "date"))
        return True

    def mark_brief_sent(self, day: date, via: str = "", kind: str = "brief") -> None:
        """The brief (or review) for ``day`` was delivered; ``via`` says where (an outbox, a server)."""
        with self.write():
            self.db.table("briefs").update((kind, day.isoformat()), {"sent_at": self._now(), "sent_via": via})
            _pack_briefs(self.db.conn, day - PACK_BRIEFS_AFTER)

    def release_brief(self, day: date, token: str, kind: str = "brief") -> None:
        """Give up our claim on ``day``'s brief (or review) after a failed or dry-run send, so the
        next attempt sends it instead of taking it for sent."""
        with self.write():
            self.db.execute("DELETE FROM briefs WHERE kind = ? AND date = ? AND token = ? AND sent_at IS NULL",
                            [kind, day.isoformat(), token])

    # -- outbox ------------------------------------------------------------------------------
    # A row per outgoing mail, written before it is handed over: queued -> sending -> sent, or
    # back to queued with the error and the time of the next try; expired when it is too late.

    def outbox_row(self, kind: str, key: str) -> dict[str, Any] | None:
        rows = list(self.db.table("outbox").rows_where("kind = ? AND key = ?", [kind, key]))
        return rows[0] if rows else None

    def outbox_add(self, kind: str, key: str, message_id: str, recipient: str, subject: str,
                   raw: bytes) -> dict[str, Any]:
        """Queue a mail, once per (kind, key): the row already there is returned as it is."""
        with self.write():
            existing = self.outbox_row(kind, key)
            if existing is not None:
                return existing
            self.db.table("outbox").insert({
                "kind": kind, "key": key, "message_id": message_id, "recipient": recipient,
                "subject": subject, "raw": raw, "status": "queued", "attempts": 0, "last_error": None,
                "next_attempt_at": self._now(), "created_at": self._now(), "sent_at": None, "sent_via": None})
            row = self.outbox_row(kind, key)
        assert row is not None
        return row

    def outbox_pending(self) -> list[dict[str, Any]]:
        """Rows not yet sent, oldest first."""
        return list(self.db.table("outbox").rows_where("status IN ('queued', 'sending')", order_by="id"))

    def outbox_take(self, row_id: int, stale_before: datetime) -> dict[str, Any] | None:
        """Mark a row as being sent by this process, or None when another process holds it: a
        row in ``sending`` is taken over only once its last try began before ``stale_before``."""
        with self.write():
            before = self.db.execute("SELECT status FROM outbox WHERE id = ?", [row_id]).fetchone()
            taken = self.db.execute(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? "
                "WHERE id = ? AND (status = 'queued' OR (status = 'sending' AND next_attempt_at < ?))",
                [self._now(), row_id, stale_before.astimezone(UTC).isoformat(timespec="seconds")]).rowcount
            row = self.db.table("outbox").get(row_id) if taken else None
        # "was": the status this take replaced; "sending" means a try before it was cut off.
        return dict(row, was=before[0]) if row and before else None

    def outbox_done(self, row_id: int, status: str, via: str = "", error: str = "",
                    retry_at: datetime | None = None) -> None:
        """Settle a try: ``sent`` (``via`` where), ``queued`` again (``error``, ``retry_at``) or
        ``expired``. A settled mail's bytes are let go: its row (Message-ID, when, where) is
        what keeps it from going twice, and the brief keeps its own text for replies."""
        values: dict[str, Any] = {"status": status, "last_error": error or None}
        if status == "sent":
            values |= {"sent_at": self._now(), "sent_via": via}
        if status in ("sent", "expired"):
            values["raw"] = b""
        if retry_at is not None:
            values["next_attempt_at"] = retry_at.astimezone(UTC).isoformat(timespec="seconds")
        with self.write():
            self.db.table("outbox").update(row_id, values)

    def outbox_copy_pending(self, row_id: int, raw: bytes) -> None:
        """Keep a sent mail's bytes until its copy reaches the Sent folder."""
        with self.write():
            self.db.table("outbox").update(row_id, {"raw": raw, "copy_pending": 1})

    def outbox_copies_pending(self) -> list[dict[str, Any]]:
        """Sent mails whose copy to the Sent folder is still to be filed, oldest first."""
        return list(self.db.table("outbox").rows_where("copy_pending = 1", order_by="id"))

    def outbox_copy_done(self, row_id: int) -> None:
        with self.write():
            self.db.table("outbox").update(row_id, {"raw": b"", "copy_pending": 0})

    # -- sync state --------------------------------------------------------------------------

    def cursor(self, source: str) -> str | None:
        rows = list(self.db.table("sync_state").rows_where("source = ?", [source]))
        return rows[0]["cursor"] if rows else None

    def set_cursor(self, source: str, cursor: str) -> None:
        with self.write():
            self.db.table("sync_state").upsert({"source": source, "cursor": cursor, "updated_at": self._now()},
                                         pk="source")

    def set_status(self, name: str, value: dict[str, Any]) -> None:
        """Record what the last cycle saw of ``name`` (e.g. ``calendar``)."""
        with self.write():
            self.db.table("status").upsert({"name": name, "value": json.dumps(value),
                                            "updated_at": self._now()}, pk="name")

    def status(self, name: str) -> dict[str, Any] | None:
        """The last recorded status of ``name`` with its ``updated_at``, or None."""
        rows = list(self.db.table("status").rows_where("name = ?", [name]))
        return dict(json.loads(rows[0]["value"]), updated_at=rows[0]["updated_at"]) if rows else None

    # -- context -----------------------------------------------------------------------------

    def search_messages(self, query: str, limit: int = 5) -> list[dict[str, Any]]:
        """Messages matching ``query`` (FTS5), best first."""
        if not query.strip():
            return []
        return list(self.db.table("messages").search(query, limit=limit,
                                               columns=["message_id", "subject", "sender", "date"]))

    def context_messages(self, thread_id: str = "", message_ids: Iterable[str] = (),
                         before: datetime | None = None) -> list[dict[str, Any]]:
        """Recorded, not skipped messages of ``thread_id`` or among ``message_ids``, newest first,
        with their recipients and visible text (for a one-line snippet; never logged)."""
        where = ["coalesce(skipped, '') = ''"]
        which, args = _thread_or_ids(thread_id, list(message_ids))
        if not which:
            return []
        where.append(f"({' OR '.join(which)})")
        if before is not None:
            where.append("date <= ?")
            args.append(before.isoformat())
        rows = self.db.execute(
            "SELECT message_id, thread_id, subject, sender, date, recipients, reply_text FROM messages "
            f"WHERE {' AND '.join(where)} ORDER BY date DESC", args).fetchall()
        keys = ("message_id", "thread_id", "subject", "sender", "date", "recipients", "reply_text")
        return [dict(zip(keys, r, strict=True), recipients=json.loads(r[5] or "[]")) for r in rows]

    def attachments(self, message_ids: Iterable[str] = (), thread_id: str = "",
                    name_words: Iterable[str] = (), senders: Iterable[str] = ()) -> list[dict[str, Any]]:
        """Attachments (names and sizes) of ``message_ids`` or ``thread_id``, or whose file name
        holds one of ``name_words`` and that one of ``senders`` sent; newest first. A skipped
        message's files (hostile, spam, mass mail) are none of them: their names are the sender's
        words, shown in the brief."""
        words, who = list(name_words), list(senders)
        which, args = _thread_or_ids(thread_id, list(message_ids))
        if words and who:
            which.append(f"(({' OR '.join(['filename LIKE ?'] * len(words))}) "
                         f"AND sender IN ({','.join('?' * len(who))}))")
            args += [f"%{w}%" for w in words] + who
        if not which:
            return []
        rows = self.db.execute(
            "SELECT message_id, filename, size, content_type, thread_id, sender, date FROM attachments "
            f"WHERE ({' OR '.join(which)}) AND message_id NOT IN "
            "(SELECT message_id FROM messages WHERE coalesce(skipped, '') != '') ORDER BY date DESC, rowid DESC",
            args).fetchall()
        keys = ("message_id", "filename", "size", "content_type", "thread_id", "sender", "date")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def items_with_times(self, statuses: Iterable[str] = ("open", "snoozed", "done", "dropped"),
                         changed_since: str | None = None) -> list[tuple[Item, str, str]]:
        """Items in ``statuses`` with when each was created and last changed (UTC, ISO); with
        ``changed_since``, only those changed after it."""
        st = list(statuses)
        where, params = f"status IN ({','.join('?' * len(st))})", st
        if changed_since is not None:
            where, params = f"{where} AND updated_at > ?", [*st, changed_since]
        rows = self.db.table("items").rows_where(where, params, order_by="id")
        return [(_item_from_row(r), r["created_at"] or "", r["updated_at"] or "") for r in rows]

    def iter_items_with_times(self, statuses: Iterable[str], changed_since: str | None = None,
                              chunk: int = 500) -> Iterator[tuple[Item, str, str]]:
        """As :meth:`items_with_times`, read a chunk at a time: a month of closed items is not
        held in memory at once."""
        st = list(statuses)
        where, params = f"status IN ({','.join('?' * len(st))})", list(st)
        if changed_since is not None:
            where, params = f"{where} AND updated_at > ?", [*st, changed_since]
        last = 0
        while True:
            rows = list(self.db.table("items").rows_where(f"{where} AND id > ?", [*params, last], order_by="id",
                                                          limit=chunk))
            if not rows:
                return
            yield from ((_item_from_row(r), r["created_at"] or "", r["updated_at"] or "") for r in rows)
            last = rows[-1]["id"]

    # -- replies -----------------------------------------------------------------------------

    def brief_for_reply_token(self, token: str) -> dict[str, Any] | None:
        """The brief a reply's token names: a brief's own token, or a confirmation's, which is
        the brief's token with more random characters after it."""
        brief = self.brief_by_token(token)
        if brief is not None:
            return brief
        rows = list(self.db.table("briefs").rows_where(
            "length(token) >= 16 AND length(?) > length(token) AND substr(?, 1, length(token)) = token",
            [token, token], limit=1))
        return _unpacked(dict(rows[0], lines=json.loads(rows[0]["lines"]))) if rows else None

    def reply_with_reason(self, reason: str) -> bool:
        """Whether a reply was recorded with this reason (agent.replies.copied marks a brief whose
        id went to others)."""
        return self.db.execute("SELECT 1 FROM replies WHERE reason = ? LIMIT 1", [reason]).fetchone() is not None

    def reply(self, message_id: str) -> dict[str, Any] | None:
        """The recorded reply with this Message-ID, or None when it was never seen."""
        rows = list(self.db.table("replies").rows_where("message_id = ?", [message_id]))
        return rows[0] if rows else None

    def record_reply(self, message_id: str, brief_date: str, sender: str, received_at: str, status: str,
                     reason: str, changes: list[str], undo: dict[str, Any], digest: str | None = None) -> None:
        """Record a reply once; a second record under the same Message-ID is ignored. ``digest``
        tells the same reply under another Message-ID (see :meth:`reply_by_digest`)."""
        with self.write():
            self.db.table("replies").insert({
                "message_id": message_id, "brief_date": brief_date, "sender": sender,
                "received_at": received_at, "status": status, "reason": reason,
                "changes": json.dumps(changes), "undo": json.dumps(undo),
                "applied_at": self._now() if status == "applied" else None, "digest": digest}, ignore=True)

    def reply_by_digest(self, digest: str) -> dict[str, Any] | None:
        """The first recorded reply with this digest that was read (not ignored), or None."""
        rows = list(self.db.table("replies").rows_where(
            "digest = ? AND status != 'ignored'", [digest], order_by="rowid", limit=1))
        return rows[0] if rows else None

    def last_applied_reply(self) -> dict[str, Any] | None:
        """The latest reply whose changes still stand."""
        rows = list(self.db.table("replies").rows_where(
            "status = 'applied'", order_by="applied_at desc, rowid desc", limit=1))
        return rows[0] if rows else None

    def set_reply_status(self, message_id: str, status: str) -> None:
        with self.write():
            self.db.table("replies").update(message_id, {"status": status})

    def item_row(self, item_id: int) -> dict[str, Any]:
        """An item's stored row as it is, for an undo record."""
        return dict(self.db.table("items").get(item_id))

    def update_item(self, item_id: int, fields: dict[str, Any]) -> None:
        """Set ``fields`` on an item as given (the owner's word, or an undo putting them back)."""
        with self.write():
            self.db.table("items").update(item_id, {"updated_at": self._now(), **fields})

    def add_item(self, item: Item) -> int:
        """Store a new item (one the owner added by reply) and return its id."""
        now = self._now()
        with self.write():
            item.id = int(self.db.table("items").insert(
                _item_row(item) | {"created_at": now, "updated_at": now}).last_pk or 0)
        return item.id

    def delete_item(self, item_id: int) -> None:
        with self.write():
            self.db.table("items").delete_where("id = ?", [item_id])

    def add_goal(self, title: str, keywords: list[str], deadline: str | None) -> int:
        """A goal the owner set by reply; config syncs keep it."""
        with self.write():
            return int(self.db.table("goals").insert({
                "title": title, "weight": 1.0, "keywords": json.dumps(keywords),
                "deadline": deadline, "origin": "reply"}).last_pk or 0)

    def delete_goal(self, goal_id: int) -> None:
        with self.write():
            self.db.table("goals").delete_where("id = ? AND origin = 'reply'", [goal_id])

    def event_digests(self, uids: Iterable[str]) -> dict[str, str]:
        """Event uid -> the digest of the description last read, for the uids read before."""
        ids = list(uids)
        found: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.db.execute(f"SELECT uid, digest FROM event_reads WHERE uid IN ({','.join('?' * len(chunk))})",
                                   chunk)
            found.update((r[0], r[1]) for r in rows)
        return found

    def mark_events_read(self, reads: Iterable[tuple[str, str, str]]) -> None:
        """Remember, per (event uid, digest, message id), that the event's description with that
        digest was read as that message, in one transaction."""
        now = self._now()
        with self.write():
            self.db.conn.executemany("INSERT OR REPLACE INTO event_reads (uid, digest, message_id, read_at) VALUES (?, ?, ?, ?)",
                                [(*r, now) for r in reads])

    def close_item(self, item_id: int, note: str, status: str = "done") -> None:
        """Mark an item done (or dropped: called off) on the evidence in ``note``, which is kept
        with its other notes."""
        with self.write():
            row = self.db.table("items").get(item_id)
            notes = [*json.loads(row["notes"] or "[]"), note]
            self.db.table("items").update(item_id, {"status": status, "notes": json.dumps(notes),
                                                    "updated_at": self._now()})

    def set_due(self, item_id: int, due: str | None, said_at: str | None) -> None:
        """Set an item's due date and when it was said, None included (a date that was never its own)."""
        with self.write():
            self.db.table("items").update(item_id, {"due": due, "due_said_at": said_at if due else None,
                                                    "updated_at": self._now()})
