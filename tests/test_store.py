from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from agent.app import App
from agent.clock import fixed
from agent.cycle import sync_once
from agent.settings import load
from planner.store import CACHE_KIB, MIGRATIONS, Store
from tests.conftest import DEMO_NOW


class Interrupted(BaseException):
    """The process dying mid-cycle: like SIGKILL, nothing in focusd may catch and handle it."""


class FlakyStore(Store):
    """Dies inside the transaction of the Nth message, after its items were written."""

    def __init__(self, db: Any, fail_at: int) -> None:
        super().__init__(db, fixed(DEMO_NOW))
        self.fail_at = fail_at
        self.calls = 0

    def record_message(self, msg: Any, new_items: Any, merges: Any, skipped: str = "", answered: Any = ()) -> list[int]:
        self.calls += 1
        if self.calls == self.fail_at:
            with self.db.atomic():
                self.db.table("items").insert({"kind": "request", "title": "half-written", "status": "open"})
                raise Interrupted("killed mid-transaction")
        return super().record_message(msg, new_items, merges, skipped, answered)


def _app(demo_dir: Path, store: Store | None = None) -> App:
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    if store is not None:
        app.__dict__["store"] = store
    return app


def _snapshot(store: Store) -> list[dict[str, Any]]:
    return [i.to_json() for i in store.all_items()]


def test_schema_version_and_wal(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    assert (tmp_path / "s.db").stat().st_mode & 0o077 == 0  # mail lives in it: owner-only
    assert store.version == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # a small page cache of its own: the kernel caches the file (see CACHE_KIB)
    assert store.db.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
    assert set(store.db.table_names()) >= {"messages", "items", "goals", "events", "blocks", "briefs", "sync_state"}
    store.close()
    again = Store.open(tmp_path / "s.db")  # reopening migrates nothing and loses nothing
    assert again.version == len(MIGRATIONS)


def test_a_cycle_killed_midway_loses_nothing_and_doubles_nothing(demo_dir: Path, tmp_path: Path) -> None:
    clean = _app(demo_dir)
    sync_once(clean)
    expected = _snapshot(clean.store)
    expected_messages = clean.store.count("messages")
    clean.close()

    other = tmp_path / "other"
    import shutil

    shutil.copytree(demo_dir, other, ignore=shutil.ignore_patterns("focusd.db*"))
    flaky = FlakyStore(Store.open(other / "focusd.db").db, fail_at=12)
    with pytest.raises(Interrupted):
        sync_once(_app(other, flaky))
    # A batch is one transaction: the one it died in left nothing, the batches before it stay.
    assert flaky.count("messages") < 12 and flaky.count("messages") < expected_messages
    assert not [r for r in flaky.db.table("items").rows if r["title"] == "half-written"]
    flaky.close()

    resumed = _app(other)
    sync_once(resumed)
    sync_once(resumed)
    assert resumed.store.count("messages") == expected_messages
    assert _snapshot(resumed.store) == expected


def test_a_brief_is_claimed_once_per_date(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    day = date(2026, 11, 19)
    assert store.claim_brief(day, "tok1", "<focusd-brief.tok1@x>", "s", {1: 7})
    store.mark_brief_sent(day)
    assert not store.claim_brief(day, "tok2", "<focusd-brief.tok2@x>", "s", {1: 8})
    assert store.brief_by_token("tok1")["lines"] == {"1": 7}
    with pytest.raises(sqlite3.IntegrityError):
        store.claim_brief(date(2026, 11, 20), "tok1", "<x>", "s", {})


def test_two_processes_on_one_store_never_double_a_message(tmp_path: Path) -> None:
    import threading
    import time

    from planner.models import Item
    from tests.conftest import make_message

    path = tmp_path / "s.db"
    Store.open(path).close()
    msg = make_message("Can you send the deck?")

    def item() -> Item:
        return Item(kind="request", title="Send the deck", evidence="Can you send the deck?",
                    source={"message_id": msg.message_id})

    holding = threading.Event()
    result: dict[str, list[int]] = {}

    def slow_writer() -> None:
        first = Store.open(path)  # its own connection, as another process would have
        with first.write():
            result["first"] = first.record_message(msg, [item()], [])
            holding.set()
            time.sleep(0.3)  # still inside the transaction: the second writer must wait for it
        first.close()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert holding.wait(5)
    second = Store.open(path)
    result["second"] = second.record_message(msg, [item()], [])
    writer.join()
    assert result == {"first": [1], "second": []}
    assert second.count("messages") == 1 and second.count("items") == 1


def test_a_fresh_brief_claim_holds_off_a_second_sender(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)
    store = Store.open(tmp_path / "s.db", clock=fixed(now))
    day = date(2026, 11, 19)
    assert store.claim_brief(day, "a", "<focusd-brief.a@x>", "s", {})
    assert not store.claim_brief(day, "b", "<focusd-brief.b@x>", "s", {})  # the first may be sending
    later = Store(store.db, clock=fixed(now + timedelta(minutes=10)))
    assert later.claim_brief(day, "c", "<focusd-brief.c@x>", "s", {})  # the first one crashed: retry


def _stated(kind: str, title: str, when: str, message_id: str, due: str | None = None) -> Any:
    from planner.models import Item

    return Item(kind=kind, title=title, evidence=f"{title}, as {message_id} said.", due=due, thread_id="<t@x>",
                counterparty="maria@fund.example",
                source={"message_id": message_id, "date": when, "from": "x@y", "subject": "deck"})


def _message(message_id: str) -> Any:
    from tests.conftest import make_message

    return make_message("text", message_id=message_id)


def test_a_request_merged_into_an_earlier_stored_promise_becomes_the_record(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db", fixed(DEMO_NOW))
    promise = _stated("commitment", "Send Maria the deck", "2026-11-17T10:00:00+00:00", "<s1@x>", "2026-11-20")
    (pid,) = store.record_message(_message("<s1@x>"), [promise], [])
    request = _stated("request", "Send the updated deck with the Q3 numbers", "2026-11-16T09:00:00+00:00", "<m1@x>")
    store.record_message(_message("<m1@x>"), [], [(pid, request)])
    item = store.item(pid)
    assert item is not None
    assert (item.kind, item.title, item.message_id) == ("request", request.title, "<m1@x>")
    assert item.due == "2026-11-20"  # resolve passed no date with the older message: the promise's stays


def test_of_two_restatements_the_earliest_message_is_the_record_whatever_the_offsets(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db", fixed(DEMO_NOW))
    # 09:30 in New York is 14:30 UTC: later than 10:00 UTC, though its text sorts first.
    later = _stated("waiting", "Rachel sends her comments", "2026-11-17T09:30:00-05:00", "<r1@x>")
    (wid,) = store.record_message(_message("<r1@x>"), [later], [])
    earlier = _stated("waiting", "Follow up with Rachel: review the side letter", "2026-11-17T10:00:00+00:00",
                      "<a1@x>")
    store.record_message(_message("<a1@x>"), [], [(wid, earlier)])
    item = store.item(wid)
    assert item is not None and item.message_id == "<a1@x>"
    even_later = _stated("waiting", "Rachel again", "2026-11-18T08:00:00+00:00", "<r2@x>")
    store.record_message(_message("<r2@x>"), [], [(wid, even_later)])
    item = store.item(wid)
    assert item is not None and item.message_id == "<a1@x>"


def test_an_item_keeps_when_its_due_date_was_said(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db", fixed(DEMO_NOW))
    promise = _stated("commitment", "Send Maria the deck", "2026-11-17T10:00:00+00:00", "<s1@x>", "2026-11-20")
    (pid,) = store.record_message(_message("<s1@x>"), [promise], [])
    item = store.item(pid)
    assert item is not None and item.due_said_at == "2026-11-17T10:00:00+00:00"
    # Resolve passes a date only when it is the latest word: the store keeps when it was said.
    sooner = _stated("commitment", "Send Maria the deck", "2026-11-18T08:00:00+00:00", "<s2@x>", "2026-11-19")
    store.record_message(_message("<s2@x>"), [], [(pid, sooner)])
    item = store.item(pid)
    assert item is not None and (item.due, item.due_said_at) == ("2026-11-19", "2026-11-18T08:00:00+00:00")
    no_date = _stated("commitment", "Send Maria the deck", "2026-11-18T09:00:00+00:00", "<s3@x>")
    store.record_message(_message("<s3@x>"), [], [(pid, no_date)])
    item = store.item(pid)
    assert item is not None and (item.due, item.due_said_at) == ("2026-11-19", "2026-11-18T08:00:00+00:00")


def test_migrating_a_v1_store_dates_each_due_date_by_its_own_message(tmp_path: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "s.db")
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version=1")
    source = '{"message_id": "<m1@x>", "date": "2026-11-16T09:00:00+00:00"}'
    db.table("items").insert_all([
        {"kind": "request", "title": "Send the deck", "status": "open", "due": "2026-11-20", "source": source},
        {"kind": "request", "title": "Read the memo", "status": "open", "due": None, "source": source},
    ])
    db.close()
    store = Store.open(tmp_path / "s.db")
    assert [i.due_said_at for i in store.all_items()] == ["2026-11-16T09:00:00+00:00", None]


def test_migrating_to_v6_keeps_event_and_block_times_in_utc(tmp_path: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "s.db")
    for migrate in MIGRATIONS[:5]:
        migrate(db)
    db.execute("PRAGMA user_version=5")
    # Written by v5 in the calendar's own offsets: as text, 09:00-05:00 sorted before 10:00+00:00.
    db.table("events").insert({"key": "a@x@1", "uid": "a@x", "title": "Standup", "start": "2026-11-19T09:00:00-05:00",
                               "end": "2026-11-19T09:30:00-05:00", "all_day": 0, "attendees": "[]"})
    db.table("blocks").insert({"item_id": 4, "event_uid": "b@focusd", "start": "2026-11-19T10:00:00+01:00",
                               "end": "2026-11-19T11:30:00+01:00", "created_at": "2026-11-18T07:00:00+00:00"})
    db.close()
    store = Store.open(tmp_path / "s.db")
    day = (datetime(2026, 11, 19, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC))
    (event,) = store.events(*day)
    assert event.start == datetime(2026, 11, 19, 14, tzinfo=UTC) and event.busy
    (block,) = store.blocks(*day)
    assert (block.start, block.state, block.uid, block.owner_set) == (
        datetime(2026, 11, 19, 9, tzinfo=UTC), "booked", "b@focusd", False)
    # A range read in another zone finds the same event: the store compares UTC text.
    assert store.events(datetime(2026, 11, 19, 13, 30, tzinfo=UTC), datetime(2026, 11, 19, 14, 15, tzinfo=UTC))


def test_migrating_to_v8_keeps_items_and_adds_points_and_the_stale_mark(tmp_path: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "s.db")
    for migrate in MIGRATIONS[:7]:
        migrate(db)
    db.execute("PRAGMA user_version=7")
    db.table("items").insert({"kind": "request", "title": "Send the deck", "status": "open", "score": 4.0,
                              "reasons": '["asked of you"]', "source": "{}", "updated_at": "2026-11-01T09:00:00+00:00"})
    db.close()
    store = Store.open(tmp_path / "s.db", fixed(DEMO_NOW))
    (item,) = store.items()
    assert (item.score, item.reasons, item.contributions) == (4.0, ["asked of you"], [])
    assert store.touched() == {item.id: "2026-11-01T09:00:00+00:00"} and store.asked_stale() == set()
    before = store.items_version()
    store.set_scores([(item.id, 5.0, [("asked of you", 2.0), ("due today", 3.0)], None)])
    again = store.item(item.id)  # type: ignore[arg-type]
    assert again is not None and again.contributions == [("asked of you", 2.0), ("due today", 3.0)]
    assert again.reasons == ["asked of you", "due today"] and again.to_json()["contributions"][1] == {
        "reason": "due today", "points": 3.0}
    store.update_item(item.id, {"blocked_by": "[9]"})  # type: ignore[arg-type]
    assert store.items_version() > before  # what blocks an item now moves its score
    store.mark_asked_stale([item.id])  # type: ignore[list-item]
    first = store.item_row(item.id)["asked_stale_at"]  # type: ignore[arg-type]
    store.mark_asked_stale([item.id])  # type: ignore[list-item]
    assert store.asked_stale() == {item.id} and store.item_row(item.id)["asked_stale_at"] == first  # type: ignore[arg-type]


def _found(store: Store, word: str) -> list[str]:
    return sorted(m["message_id"] for m in store.search_messages(word, limit=20))


def test_recorded_messages_are_searchable_once_their_transaction_commits(tmp_path: Path) -> None:
    from tests.conftest import make_message

    store = Store.open(tmp_path / "s.db", fixed(DEMO_NOW))
    store.record_message(make_message("The walrus budget is attached.", message_id="<a@x>"), [], [])
    with store.write():
        store.record_message(make_message("Walrus numbers for the board.", message_id="<b@x>"), [], [])
        with pytest.raises(RuntimeError), store.write():  # a savepoint rolled back: its message is gone
            store.record_message(make_message("A walrus that never was.", message_id="<c@x>"), [], [])
            raise RuntimeError
        store.record_message(make_message("Walrus plans, take two.", message_id="<d@x>"), [], [])
    with pytest.raises(RuntimeError), store.write():  # a whole transaction rolled back
        store.record_message(make_message("Walrus draft.", message_id="<e@x>"), [], [])
        raise RuntimeError
    assert _found(store, "walrus") == ["<a@x>", "<b@x>", "<d@x>"]
    # Each message is in the index once: the rowid the rolled-back savepoint freed was taken again.
    assert store.db.execute("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'walrus'").fetchone()[0] == 3
    assert store.db.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES('integrity-check', 1)") is not None


def test_savepoints_nested_three_deep_roll_back_only_their_own_writes(tmp_path: Path) -> None:
    """Savepoints are named by their depth (so their statements compile once): each level still
    undoes only its own writes, and the depth is right again after a failure."""
    from tests.conftest import make_message

    store = Store.open(tmp_path / "s.db", fixed(DEMO_NOW))

    kept: list[str] = []
    for r in range(2):  # twice: the depth after the first round's failures is the depth it began at

        def rec(mid: str, r: int = r) -> None:
            store.record_message(make_message(f"Walrus note {mid}.", message_id=f"<{r}{mid}@x>"), [], [])

        with store.write():
            rec("a")
            with store.write():
                rec("b")
                with pytest.raises(RuntimeError), store.write():
                    rec("c")
                    raise RuntimeError
                rec("d")
            with pytest.raises(RuntimeError), store.write():
                rec("e")
                with store.write():
                    rec("f")
                raise RuntimeError  # takes f, released into it, with it
            rec("g")
        kept += [f"<{r}{m}@x>" for m in "abdg"]
        assert _found(store, "walrus") == sorted(kept)
        assert store._depth == 0


def test_a_v10_store_keeps_its_index_and_indexes_new_mail_after_migrating(tmp_path: Path) -> None:
    import sqlite_utils

    from tests.conftest import make_message

    db = sqlite_utils.Database(tmp_path / "s.db")
    for migrate in MIGRATIONS[:10]:
        migrate(db)
    db.execute("PRAGMA user_version=10")
    # As v10 wrote a message: one insert, which its trigger indexed.
    db.table("messages").insert({"message_id": "<old@x>", "thread_id": "<old@x>", "subject": "Re: deck",
                                 "reply_text": "The walrus memo."})
    db.close()
    store = Store.open(tmp_path / "s.db", fixed(DEMO_NOW))
    assert store.version == len(MIGRATIONS)
    store.record_message(make_message("The walrus reply.", message_id="<new@x>"), [], [])
    assert _found(store, "walrus") == ["<new@x>", "<old@x>"]
    assert store.db.execute("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'walrus'").fetchone()[0] == 2
    store.db.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES('integrity-check', 1)")


def test_briefs_a_week_older_than_the_newest_sent_are_kept_compressed_and_read_back_whole(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    days = [date(2026, 11, d) for d in range(2, 21)]
    content = {d: {"text": f"Good morning {d}\n" + "line\n" * 200, "html": f"<p>{d}</p>" * 300,
                   "json": json.dumps({"day": str(d), "lines": [1] * 500})} for d in days}
    for n, d in enumerate(days):
        assert store.claim_brief(d, f"token{n:012d}", f"<b{n}@x>", "Brief", {1: n}, content[d])
        store.mark_brief_sent(d, via="test")
    kinds = dict(store.db.execute("SELECT date, typeof(html) FROM briefs").fetchall())
    # The newest sent is the 20th: what is dated before the 13th is compressed, the rest is not.
    assert {d for d, t in kinds.items() if t == "blob"} == {d.isoformat() for d in days if d < date(2026, 11, 13)}
    for n, d in enumerate(days):
        row = store.brief(d)
        assert row is not None and {k: row[k] for k in ("text", "html", "json")} == content[d]
        assert row["lines"] == {"1": n}
        by_token = store.brief_by_token(f"token{n:012d}")
        assert by_token is not None and by_token["text"] == content[d]["text"]
        reply_to = store.brief_for_reply_token(f"token{n:012d}" + "abcdef")
        assert reply_to is not None and reply_to["html"] == content[d]["html"]
    last = store.last_sent_brief(date(2026, 11, 10))
    assert last is not None and last["json"] == content[date(2026, 11, 9)]["json"]
    packed = store.db.execute("SELECT sum(length(text) + length(html) + length(json)) FROM briefs "
                              "WHERE typeof(html) = 'blob'").fetchone()[0]
    plain = sum(len(content[d][k]) for d in days if d < date(2026, 11, 13) for k in ("text", "html", "json"))
    assert packed < plain / 5


def test_migrating_to_v13_compresses_the_old_sent_briefs(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = Store.open(path)
    for n, d in enumerate(date(2026, 11, x) for x in (2, 3, 20)):
        store.db.execute("INSERT INTO briefs (kind, date, token, message_id, subject, lines, created_at, sent_at, "
                         "text, html, json) VALUES ('brief', ?, ?, ?, 'B', '{}', '2026-11-01', '2026-11-01', ?, ?, ?)",
                         [d.isoformat(), f"t{n:015d}", f"<{n}@x>", f"text {d}", f"html {d}", f'"{d}"'])
    store.db.conn.commit()
    store.db.execute("PRAGMA user_version=12")  # as v12 left it
    store.close()
    again = Store.open(path)
    assert again.version == len(MIGRATIONS)
    assert dict(again.db.execute("SELECT date, typeof(text) FROM briefs").fetchall()) == {
        "2026-11-02": "blob", "2026-11-03": "blob", "2026-11-20": "text"}
    old = again.brief(date(2026, 11, 3))
    assert old is not None and (old["text"], old["html"], old["json"]) == ("text 2026-11-03", "html 2026-11-03",
                                                                        '"2026-11-03"')


def test_a_store_locked_by_another_process_is_waited_for_not_called_damaged(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from planner import store as store_mod
    from planner.store import StoreError

    monkeypatch.setattr(store_mod, "BUSY_MS", 50)  # SQLite gives up on the lock quickly here
    path = tmp_path / "s.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # a new file is not in WAL yet: readers wait on this
    threading.Timer(0.6, lambda: holder.execute("COMMIT")).start()
    began = time.monotonic()
    store = Store.open(path)  # waits past several "database is locked" answers
    assert store.version == len(MIGRATIONS) and time.monotonic() - began >= 0.5
    store.close()
    holder.close()

    other = tmp_path / "t.db"
    holder = sqlite3.connect(other, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(store_mod, "OPEN_TRIES", 2)
    with pytest.raises(StoreError) as refused:
        Store.open(other)
    assert "locked by another process" in str(refused.value)
    assert "restore" not in str(refused.value)  # nothing is wrong with the file
    holder.execute("COMMIT")
    holder.close()
    assert Store.open(other).version == len(MIGRATIONS)
