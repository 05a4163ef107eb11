"""One bad mail, a clashing Message-ID, a failed send or an error that will not heal: the cycle
records why and goes on, loses nothing and doubles nothing, and the daemon stops only when no
retry can help."""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import sqlite3
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import structlog

from agent import cycle
from agent.app import App
from agent.clock import fixed
from agent.cycle import send_brief, sync_once
from agent.daemon import run
from agent.settings import load
from tests.conftest import DEMO_NOW


def nested_multipart(depth: int, message_id: str = "<deep@stranger.example>") -> bytes:
    """A message whose multipart parts nest ``depth`` levels: the stdlib parser recurses on it."""
    head = (b"From: Stranger <x@stranger.example>\r\nTo: ada@loom.example\r\nSubject: nest\r\n"
            b"Date: Wed, 18 Nov 2026 10:00:00 +0000\r\nMessage-ID: " + message_id.encode() + b"\r\n")
    parts = [head]
    for i in range(depth):
        parts.append(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i))
    parts.append(b"Content-Type: text/plain\r\n\r\nCould you send me the file?\r\n")
    return b"".join(parts)


def deliver(maildir: Path, name: str, data: bytes) -> Path:
    path = maildir / "new" / name
    path.write_bytes(data)
    return path


def mail(message_id: str, sender: str, subject: str, body: str, date: str = "Wed, 18 Nov 2026 09:00:00 +0000") -> bytes:
    return (f"From: {sender}\nTo: Ada Lovelace <ada@loom.example>\nSubject: {subject}\nDate: {date}\n"
            f"Message-ID: {message_id}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n").encode()


def _app(demo_dir: Path, now: datetime = DEMO_NOW) -> App:
    return App(load(demo_dir / "focusd.toml"), fixed(now))


# -- poison mail -------------------------------------------------------------------------------


def test_a_message_nested_two_thousand_deep_is_recorded_as_failed_and_mail_flows(demo_dir: Path) -> None:
    deliver(demo_dir / "mail", "1795000000.poison.host", nested_multipart(2000))
    app = _app(demo_dir)
    with structlog.testing.capture_logs() as captured:
        report = sync_once(app)
    assert report.new == 32 and report.unparseable == 1
    (failure,) = app.store.failures()
    assert failure["key"] == "1795000000.poison.host" and "nested too deeply" in failure["reason"]
    assert [e["reason"] for e in captured if e["event"] == "message.unparseable"] == [failure["reason"]]
    # The cursor moved past it: the next cycle neither fails nor reads it again.
    again = sync_once(_app(demo_dir))
    assert again.fetched == 0 and again.unparseable == 0


def test_the_summary_line_names_every_outcome(demo_dir: Path) -> None:
    deliver(demo_dir / "mail", "1795000000.poison.host", nested_multipart(2000))
    report = sync_once(_app(demo_dir, datetime(2026, 12, 30, 7, 30, tzinfo=UTC)))
    line = report.summary()
    assert line.startswith("33 messages: 32 older than max_age (see [mail].max_age), 1 unreadable")
    assert "; 0 new items; " in line
    fresh = sync_once(_app(demo_dir))
    assert fresh.summary().startswith("0 messages")


def test_the_summary_says_where_a_forged_owner_is_explained_and_counts_one_in_the_singular() -> None:
    report = cycle.CycleReport()
    report.outcomes["new"], report.outcomes["forged owner"], report.items_created = 1, 1, 1
    assert report.summary().startswith("2 messages: 1 new, 1 forged owner (from your address without a passing "
                                       "Authentication-Results: see [mail].authserv_id); 1 new item; 0 calendar events")


def test_status_counts_one_in_the_singular() -> None:
    from agent.status import _n

    assert (_n(1, "message"), _n(2114, "message"), _n(1, "reply", "replies"), _n(0, "reply", "replies")) == \
        ("1 message", "2,114 messages", "1 reply", "0 replies")


def test_progress_counts_up_to_the_total(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cycle, "FETCH_LIMIT", 7)
    monkeypatch.setattr(cycle, "BATCH", 3)
    seen: list[tuple[int, int | None]] = []
    sync_once(_app(demo_dir), progress=lambda done, total: seen.append((done, total)))
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and seen[-1] == (32, 32)
    assert all(t is None or t >= d for d, t in seen)
    assert seen[0][1] == 32  # the Maildir source says how many are pending before any is read


# -- order and batches -------------------------------------------------------------------------


def _items(app: App) -> list[tuple[str, str, str | None, str]]:
    return sorted((i.kind, i.title, i.due, i.status) for i in app.store.all_items())


def test_small_batches_give_the_same_items_as_one_big_one(demo_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    whole = _app(demo_dir)
    sync_once(whole)
    other = tmp_path / "again"
    shutil.copytree(demo_dir, other, ignore=shutil.ignore_patterns("focusd.db*"))
    # Four messages a folder per round: INBOX's batches reach less far in time than Sent's, so
    # without date order across folders a reply would be processed before the request.
    monkeypatch.setattr(cycle, "FETCH_LIMIT", 4)
    small = _app(other)
    sync_once(small)
    assert _items(small) == _items(whole)
    assert small.store.count("messages") == whole.store.count("messages") == 32


def test_a_huge_batch_is_cut_by_bytes(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    app = _app(demo_dir)
    real = app.mail.fetch_new

    def counting(folder, cursor, limit=500, max_bytes=None):  # type: ignore[no-untyped-def]
        batch = real(folder, cursor, limit=limit, max_bytes=max_bytes)
        calls.append(sum(len(m.data) for m in batch.messages))
        return batch

    monkeypatch.setattr(cycle, "FETCH_BYTES", 1500)  # the demo's messages are 0.4-1 KB
    app.mail.fetch_new = counting  # type: ignore[method-assign]
    report = sync_once(app)
    assert report.new == 32
    assert len(calls) > 12 and max(calls) <= 1500


# -- the same Message-ID twice -----------------------------------------------------------------


def test_two_different_messages_with_one_message_id_are_both_kept(demo_dir: Path) -> None:
    inbox = demo_dir / "mail"
    deliver(inbox, "1795100000.t1.host", mail("<ticket-42@desk.example>", "Support <help@desk.example>",
                                              "Ticket 42: laptop", "Could you confirm the shipping address?"))
    deliver(inbox, "1795100001.t2.host", mail("<ticket-42@desk.example>", "Support <help@desk.example>",
                                              "Ticket 42: laptop shipped", "Could you sign the delivery note?",
                                              date="Wed, 18 Nov 2026 15:00:00 +0000"))
    app = _app(demo_dir)
    with structlog.testing.capture_logs() as captured:
        report = sync_once(app)
    assert report.new == 34 and report.clashes == 1 and report.duplicates == 0
    assert [e["event"] for e in captured if e["event"] == "message.id_clash"] == ["message.id_clash"]
    subjects = {r["subject"] for r in app.store.db.table("messages").rows_where("sender = ?", ["help@desk.example"])}
    assert subjects == {"Ticket 42: laptop", "Ticket 42: laptop shipped"}
    titles = {i.title for i in app.store.all_items() if i.counterparty == "help@desk.example"}
    assert any("shipping address" in t for t in titles) and any("delivery note" in t for t in titles)
    # Both are offered again (a client renamed them): neither is doubled.
    for path in (inbox / "new").iterdir():
        os.rename(path, inbox / "cur" / f"{path.name}:2,S")
    app2 = _app(demo_dir)
    for folder in ("INBOX", "Sent"):
        app2.store.set_cursor(f"mail:{folder}", "")
    again = sync_once(app2)
    assert again.new == 0 and again.duplicates == 34
    assert app2.store.count("messages") == 34


def test_the_same_message_in_two_folders_is_one_message(demo_dir: Path) -> None:
    copy = mail("<self@loom.example>", "Ada Lovelace <ada@loom.example>", "Note to self",
                "I'll send Tom the roadmap by Friday.")
    deliver(demo_dir / "mail", "1795100000.self.host", copy)
    deliver(demo_dir / "mail" / ".Sent", "1795100000.self.host", copy.replace(b"To: Ada", b"X-Copy: 1\nTo: Ada"))
    report = sync_once(_app(demo_dir))
    assert report.new == 33 and report.duplicates == 1 and report.clashes == 0


# -- sending -----------------------------------------------------------------------------------


def test_a_failed_send_stays_queued_and_goes_next_time_as_the_same_mail(demo_dir: Path) -> None:
    app = _app(demo_dir)
    sync_once(app)
    (demo_dir / "outbox").write_text("a file where the outbox folder should be")
    failed = send_brief(app, app.today(), delays=(0.0,))
    assert failed.outcome == "failed" and "cannot create outbox" in failed.error
    assert failed.retry_at is not None and failed.retry_at > app.clock()
    claimed = app.store.brief(app.today())
    assert claimed is not None and claimed["sent_at"] is None  # kept, not taken for sent
    row = app.store.outbox_row("brief", app.today().isoformat())
    assert row is not None and row["status"] == "queued" and row["attempts"] == 1
    (demo_dir / "outbox").unlink()
    result = send_brief(app, app.today())
    assert result.outcome == "sent"
    (eml,) = (demo_dir / "outbox").glob("*.eml")
    assert stat.S_IMODE(eml.stat().st_mode) == 0o600  # the brief holds the owner's mail
    assert f"Message-ID: {claimed['message_id']}" in eml.read_text()  # the same mail, retried


def test_a_dry_run_leaves_the_brief_to_send_later(demo_dir: Path) -> None:
    config = demo_dir / "focusd.toml"
    text = config.read_text()
    config.write_text(text.replace('path = "outbox"', 'path = "outbox"\ndry_run = true'))
    app = _app(demo_dir)
    sync_once(app)
    assert send_brief(app, app.today()).outcome == "dry_run"
    assert not (demo_dir / "outbox").exists() or not list((demo_dir / "outbox").glob("*.eml"))
    config.write_text(text)
    live = _app(demo_dir)
    first = send_brief(live, live.today())
    assert first.outcome == "sent"
    later = send_brief(live, live.today())
    assert later.outcome == "already_sent" and later.sent_at == first.sent_at and "outbox" in later.via


# -- the daemon ------------------------------------------------------------------------------------


def test_an_error_that_will_not_heal_stops_the_daemon_with_exit_2(demo_dir: Path) -> None:
    app = _app(demo_dir)
    app.settings["llm"]["provider"] = "openai"  # and no API key: no retry can heal that
    with structlog.testing.capture_logs() as captured:
        code = run(app, threading.Event(), max_cycles=5)
    assert code == 2
    events = [e["event"] for e in captured]
    assert "daemon.giving_up" in events and "cycle.failed" not in events
    (giving_up,) = [e for e in captured if e["event"] == "daemon.giving_up"]
    assert "llm.api_key" in giving_up["message"]


def test_a_locked_database_is_ridden_out_and_logged_with_its_message(demo_dir: Path) -> None:
    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('sent_folder = "Sent"', 'sent_folder = "Sent"\npoll_interval = "1s"'))
    app = _app(demo_dir)
    app.store.db.execute("PRAGMA busy_timeout=50")
    other = sqlite3.connect(demo_dir / "focusd.db", check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock

    stop = threading.Event()
    release = threading.Timer(1.5, other.rollback)
    release.start()
    with structlog.testing.capture_logs() as captured:
        code = run(app, stop, max_cycles=3)
    release.join()
    other.close()
    assert code == 0
    failed = [e for e in captured if e["event"] == "cycle.failed"]
    assert failed and all("locked" in e["message"] for e in failed)
    assert len(failed) < 3  # the lock went away and a later cycle did the work
    assert _app(demo_dir).store.count("messages") == 32


def test_a_message_without_a_date_delivered_twice_is_one_message(demo_dir: Path) -> None:
    undated = (b"From: Bob <bob@contractor.example>\nTo: ada@loom.example\nSubject: contract\n"
               b"Message-ID: <nodate@contractor.example>\n\nCould you send me the signed contract?\n")
    first = deliver(demo_dir / "mail", "1795200000.nodate.host", undated)
    day_before = DEMO_NOW.timestamp() - 86_400
    os.utime(first, (day_before, day_before))  # it arrived the day before; the copy arrives now
    sync_once(_app(demo_dir))
    # The same message again, through a server that stamped its own Received header on it.
    deliver(demo_dir / "mail", "1795200001.nodate2.host",
            b"Received: from mx.example by mx.loom.example; Wed, 18 Nov 2026 10:00:07 +0000\n" + undated)
    # And a message with neither Date nor Message-ID, twice, the second with an extra hop.
    anonymous = undated.replace(b"Message-ID: <nodate@contractor.example>\n", b"").replace(
        b"signed contract", b"venue booking")
    deliver(demo_dir / "mail", "1795200002.anon.host", anonymous)
    deliver(demo_dir / "mail", "1795200003.anon.host",
            b"Received: from relay.example by mx.loom.example; Wed, 18 Nov 2026 10:01:00 +0000\n" + anonymous)
    report = sync_once(_app(demo_dir))
    assert report.duplicates == 2 and report.clashes == 0
    titles = [i.title for i in _app(demo_dir).store.all_items() if i.counterparty == "bob@contractor.example"]
    assert len(titles) == 2 and len(set(titles)) == 2  # the contract and the venue, once each


def test_messages_recorded_before_fingerprints_are_still_duplicates(demo_dir: Path) -> None:
    app = _app(demo_dir)
    sync_once(app)
    app.store.db.execute("UPDATE messages SET fingerprint = NULL")  # as an upgraded store has them
    app.store.db.execute("DELETE FROM sync_state")
    app.store.db.conn.commit()
    again = sync_once(_app(demo_dir))
    assert again.new == 0 and again.duplicates == 32 and again.summary().startswith("32 messages: 32 seen before")


def test_the_daemon_rides_out_a_calendar_file_and_a_folder_missing_at_start(demo_dir: Path) -> None:
    from agent.errors import ConfigError

    calendar = demo_dir / "calendar.ics"
    calendar.rename(demo_dir / "calendar.later")  # a network mount that comes up after focusd starts
    shutil.rmtree(demo_dir / "mail" / ".Sent")
    config = demo_dir / "focusd.toml"
    with pytest.raises(ConfigError):
        load(config)  # a one-shot command still says it at once, exit 2
    settings = load(config, allow_missing=True)
    assert [p.split(":")[0] for p in settings.missing] == ["calendar.paths[1]"]
    app = App(settings, fixed(DEMO_NOW))
    with structlog.testing.capture_logs() as captured:
        assert run(app, threading.Event(), max_cycles=1) == 0
    assert [e["event"] for e in captured if e["event"] == "daemon.path_missing"] == ["daemon.path_missing"]
    (eml,) = (demo_dir / "outbox").glob("*.eml")  # the brief still went, and says what it could not read
    sent = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    brief = sent.get_body(("plain",)).get_content()  # type: ignore[attr-defined,union-attr]
    assert "meetings may be missing: calendar file" in brief and "Suggested time" not in brief
    assert "Some of your mail could not be read, so items from it may be missing: folder Sent: folder 'Sent' does not exist" in brief
    # Both come back: the next cycle reads them and the notices go.
    (demo_dir / "calendar.later").rename(calendar)
    (demo_dir / "mail" / ".Sent" / "cur").mkdir(parents=True)
    healed = App(load(config), fixed(DEMO_NOW))
    sync_once(healed)
    from agent.cycle import compose_brief

    assert "could not be read" not in compose_brief(healed, healed.today()).text


def test_a_second_owner_never_shares_the_first_owners_store(tmp_path: Path) -> None:
    from agent.errors import ConfigError

    def config(name: str, email: str, storage: str = "") -> Path:
        for sub in ("cur", "new", ".Sent/cur"):
            (tmp_path / name / "mail" / sub).mkdir(parents=True)
        path = tmp_path / name / "focusd.toml"
        path.write_text(f'[owner]\nname = "{name}"\nemail = "{email}"\n[mail]\npath = "mail"\n{storage}')
        return path

    ada, grace = config("ada", "ada@loom.example"), config("grace", "grace@else.example")
    App(load(grace), fixed(DEMO_NOW)).store.close()  # a look before any mail claims nothing
    deliver(ada.parent / "mail", "1795600000.a.host", mail("<a1@x>", "Tom <tom@x.example>", "hi", "Could you call?"))
    sync_once(App(load(ada), fixed(DEMO_NOW)))  # the default database now holds Ada's mail
    with pytest.raises(ConfigError, match=r"\(the default\) holds the mail of ada@loom.example, not grace@else"):
        sync_once(App(load(grace), fixed(DEMO_NOW)))
    # A database the config names is that config's own: Ada fixing her address keeps her history.
    db = tmp_path / "state" / "focusd.db"
    db.parent.mkdir()
    moved = config("ada2", "ada@loom.example", f'[storage]\npath = "{db}"\n')
    sync_once(App(load(moved), fixed(DEMO_NOW)))
    renamed = moved.read_text().replace("ada@loom.example", "ada@loom.co")
    moved.write_text(renamed)
    assert sync_once(App(load(moved), fixed(DEMO_NOW))).problems == []



def test_a_calendar_read_only_in_part_is_said_in_the_brief(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agent.cycle import compose_brief
    from connectors.calendar import ics

    monkeypatch.setattr(ics, "MAX_FILE_OCCURRENCES", 3)  # a calendar bigger than one read may expand
    app = _app(demo_dir)
    report = sync_once(app)
    assert any("calendar:" in p for p in report.problems)
    brief = compose_brief(app, app.today())
    assert "Your calendar could not be read" in brief.text and "Suggested time" not in brief.text
    monkeypatch.setattr(ics, "MAX_FILE_OCCURRENCES", 20_000)
    healed = _app(demo_dir)
    sync_once(healed)
    assert "could not be read" not in compose_brief(healed, healed.today()).text


def test_a_folder_a_pipe_a_socket_or_a_symlink_in_cur_never_stops_the_mail(demo_dir: Path) -> None:
    import socket

    cur = demo_dir / "mail" / "cur"
    (cur / "1795400000.dir.host:2,").mkdir()
    os.mkfifo(cur / "1795400001.fifo.host:2,")  # opening it would wait forever
    (cur / "1795400002.zero.host:2,").symlink_to("/dev/zero")  # reading it would fill memory
    (cur / "1795400003.loop1:2,").symlink_to(cur / "1795400003.loop2:2,")
    (cur / "1795400003.loop2:2,").symlink_to(cur / "1795400003.loop1:2,")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(cur / "1795400004.sock.host:2,"))
    app = _app(demo_dir)
    report = sync_once(app)
    listener.close()
    assert report.new == 32 and report.unparseable == 6 and not report.problems
    reasons = sorted(f["reason"] for f in app.store.failures())
    assert reasons == ["is a folder, not a mail file", "is a pipe, not a mail file", "is a socket, not a mail file",
                       *["is a symbolic link, not a mail file"] * 3]
    assert sync_once(_app(demo_dir)).fetched == 0  # each was offered once; the cursor moved past them


def test_an_odd_deadline_loses_no_ask_and_a_failing_extractor_is_a_recorded_failure(demo_dir: Path) -> None:
    deliver(demo_dir / "mail", "1795500000.odd.host", mail(
        "<odd@stranger.example>", "Sam <sam@stranger.example>", "report",
        "Could you send me the report by Friday? Please send the deck in 99999999 days."))
    app = _app(demo_dir)
    sync_once(app)
    titles = {i.title for i in app.store.all_items() if i.counterparty == "sam@stranger.example"}
    assert any("report" in t for t in titles)

    class Broken:
        name = "broken"

        def extract(self, message, owner):  # type: ignore[no-untyped-def]
            raise OverflowError("date value out of range")

    deliver(demo_dir / "mail", "1795500001.next.host", mail(
        "<next@stranger.example>", "Sam <sam@stranger.example>", "again", "Could you call me?"))
    broken = _app(demo_dir)
    broken.__dict__["extractor"] = Broken()
    report = sync_once(broken)
    assert report.failed == 1 and report.outcomes["failed"] == 1
    (failure,) = [f for f in broken.store.failures() if f["message_id"] == "<next@stranger.example>"]
    assert failure["reason"].startswith("failed: OverflowError at ")


def test_a_raw_8bit_address_is_read_as_text_and_mail_flows_on(demo_dir: Path) -> None:
    raw = ("From: Jörg <jörg@müller.example>\nTo: Ada <ada@loom.example>\nSubject: Angebot\n"
           "Date: Wed, 18 Nov 2026 10:00:00 +0000\nMessage-ID: <utf8addr@müller.example>\n\n"
           "Could you send me the signed offer?\n").encode()
    deliver(demo_dir / "mail", "1795400000.utf8.host", raw)
    deliver(demo_dir / "mail", "1795400001.after.host",
            mail("<after-utf8@fund.example>", "Maria <maria@fund.example>", "q", "Could you call me?"))
    app = _app(demo_dir)
    report = sync_once(app)
    assert not report.problems
    assert app.store.message("<after-utf8@fund.example>") is not None
    stored = app.store.message("<utf8addr@müller.example>")
    assert stored is not None and stored["sender"] == "jörg@müller.example"


def test_the_summary_counts_things_in_the_plural() -> None:
    from collections import Counter

    from agent.cycle import CycleReport

    report = CycleReport(outcomes=Counter({"new": 3, "brief reply": 2, "own brief": 1, "spam": 2}))
    assert report.summary().startswith("8 messages: 3 new, 2 brief replies, 2 spam, 1 own brief;")
