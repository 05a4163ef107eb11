"""Sent briefs and reviews kept compressed (store v13) read back whole wherever they are read:
the command line in each format, a reply to an old brief through the cycle, a migrated store;
a brief never sent stays plain, and a damaged copy is told and passed over, never fatal."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from click.testing import CliRunner
from structlog.testing import capture_logs

from agent.app import App
from agent.cli import cli
from agent.clock import fixed
from agent.cycle import send_brief, send_review, stored_brief, sync_once
from agent.settings import load
from planner.store import Store
from tests.conftest import DEMO_NOW

MONDAY = date(2026, 11, 16)
OWNER = "ada@loom.example"
FIXTURE = Path(__file__).parent / "fixtures" / "stores" / "demo-v11.db"


def _send_later_brief(app: App, day: date = date(2026, 11, 30)) -> None:
    """A brief sent on ``day``, a week and more after the demo's: the demo's are then packed."""
    assert app.store.claim_brief(day, "later-token-0000000000", "<later@x>", "Later", {1: 1},
                                 {"text": "later", "html": "<p>later</p>", "json": "{}"})
    app.store.mark_brief_sent(day, via="test")


def _kinds(store: Store) -> dict[tuple[str, str], str]:
    rows = store.db.execute("SELECT kind, date, typeof(text), typeof(html), typeof(json) FROM briefs").fetchall()
    return {(k, d): "/".join(types) for k, d, *types in rows}


def _outbox(demo_dir: Path) -> list[EmailMessage]:
    files = sorted((demo_dir / "outbox").glob("*.eml"))
    return [message_from_bytes(f.read_bytes(), _class=EmailMessage, policy=policy.default) for f in files]


def test_the_cli_prints_a_packed_brief_and_review_as_it_printed_them_plain(demo_dir: Path) -> None:
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    assert send_brief(app, app.today()).outcome == "sent"
    assert send_review(app, MONDAY).outcome == "sent"
    app.close()
    runner, env = CliRunner(), {"FOCUSD_NOW": DEMO_NOW.isoformat()}
    config = ["--config", str(demo_dir / "focusd.toml")]
    commands = [[*config, what, *when, "--format", fmt] for fmt in ("text", "html", "json")
                for what, when in (("brief", ["--date", "2026-11-19"]), ("review", ["--week", "2026-W47"]))]

    def shown() -> list[str]:
        out = []
        for args in commands:
            result = runner.invoke(cli, args, env=env)
            assert result.exit_code == 0, result.output
            out.append(result.output)
        return out

    plain = shown()
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    _send_later_brief(app)
    assert _kinds(app.store)[("brief", "2026-11-19")] == "blob/blob/blob"
    assert _kinds(app.store)[("review", "2026-11-16")] == "blob/blob/blob"
    app.close()
    packed = shown()
    assert packed == plain
    assert plain[0].count("Good morning, Ada.") == 1 and json.loads(plain[-1].splitlines()[-1])["week"] == "2026-W47"


def test_a_reply_to_a_packed_brief_is_obeyed_through_the_cycle(demo_dir: Path) -> None:
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    assert send_brief(app, app.today()).outcome == "sent"
    (brief,) = _outbox(demo_dir)
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    _send_later_brief(app)
    assert _kinds(app.store)[("brief", "2026-11-19")] == "blob/blob/blob"
    later = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW + timedelta(hours=1)))
    raw = (f"From: Ada Lovelace <{OWNER}>\nTo: {OWNER}\nSubject: Re: your focus\n"
           f"Date: Thu, 19 Nov 2026 08:05:00 +0000\nMessage-ID: <reply-1@loom.example>\n"
           f"In-Reply-To: {brief['Message-ID']}\nReferences: {brief['Message-ID']}\n"
           "Content-Type: text/plain; charset=utf-8\n\ndone 1\n")
    (demo_dir / "mail" / "new" / "1763540000.reply.host").write_text(raw)
    sync_once(later)
    first = later.store.item(lines["1"])
    assert first is not None and first.status == "done"
    conf = _outbox(demo_dir)[-1]
    assert conf["In-Reply-To"] == "<reply-1@loom.example>"
    body = conf.get_body(("plain",))
    assert body is not None and f"- Done: 1. {first.title}" in body.get_content()


def test_a_brief_never_sent_stays_plain_and_a_damaged_copy_is_passed_over(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    old, unsent, newest = date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 20)
    content = {"text": "Good morning\n" * 50, "html": "<p>hi</p>" * 50, "json": json.dumps({"focus": []})}
    assert store.claim_brief(old, "token-old-000000000000", "<old@x>", "Old", {1: 7}, content)
    store.mark_brief_sent(old)
    assert store.claim_brief(unsent, "token-unsent-000000000", "<unsent@x>", "Unsent", {1: 8}, content)
    assert store.claim_brief(newest, "token-new-000000000000", "<new@x>", "New", {1: 9}, content)
    store.mark_brief_sent(newest)
    assert _kinds(store) == {("brief", "2026-11-02"): "blob/blob/blob", ("brief", "2026-11-03"): "text/text/text",
                             ("brief", "2026-11-20"): "text/text/text"}
    # A damaged copy (a bad sector, a hand edit): the row is still read, its content is not.
    store.db.execute("UPDATE briefs SET html = ? WHERE date = '2026-11-02'", [b"\x78\x9c not zlib"])
    store.db.conn.commit()
    with capture_logs() as logs:
        row = store.brief(old)
        by_token = store.brief_for_reply_token("token-old-000000000000" + "abcdef")
    assert row is not None and row["lines"] == {"1": 7} and (row["text"], row["html"], row["json"]) == (None,) * 3
    assert by_token is not None and by_token["lines"] == {"1": 7}
    assert any(e["event"] == "store.brief_unreadable" and e["date"] == "2026-11-02" for e in logs)
    assert store.brief(unsent)["text"] == content["text"]  # type: ignore[index]


def test_a_damaged_packed_brief_is_composed_again_by_the_cli(demo_dir: Path) -> None:
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    assert send_brief(app, app.today()).outcome == "sent"
    _send_later_brief(app)
    app.store.db.execute("UPDATE briefs SET text = ? WHERE date = '2026-11-19'", [b"garbage"])
    app.store.db.conn.commit()
    assert stored_brief(app, DEMO_NOW.date()) is None
    app.close()
    result = CliRunner().invoke(cli, ["--config", str(demo_dir / "focusd.toml"), "brief", "--date", "2026-11-19"],
                                env={"FOCUSD_NOW": DEMO_NOW.isoformat()})
    assert result.exit_code == 0 and "Good morning, Ada." in result.output


def test_a_v11_store_with_old_sent_briefs_migrates_to_packed_ones_read_back_whole(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "focusd.db"
    shutil.copyfile(FIXTURE, path)
    with sqlite3.connect(path) as db:
        demo = db.execute("SELECT text, html, json FROM briefs WHERE date = '2026-11-19'").fetchone()
        db.execute("INSERT INTO briefs (kind, date, token, message_id, subject, lines, created_at, sent_at, text, html, json)"
                   " SELECT kind, '2026-11-05', 'old' || token, 'old' || message_id, subject, lines, created_at, sent_at, "
                   "text, html, json FROM briefs WHERE date = '2026-11-19'")
    store = Store.open(path, fixed(DEMO_NOW))
    assert _kinds(store) == {("brief", "2026-11-05"): "blob/blob/blob", ("brief", "2026-11-19"): "text/text/text"}
    for day in (date(2026, 11, 5), date(2026, 11, 19)):
        row = store.brief(day)
        assert row is not None and (row["text"], row["html"], row["json"]) == demo
