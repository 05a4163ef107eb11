"""The whole loop over the wire: the brief goes out over SMTP (aiosmtpd), lands in the owner's
IMAP INBOX (Dovecot), the owner's reply is read by `sync --once`, obeyed and confirmed by mail,
and `undo` puts it back. Replies focusd must not obey change nothing and send nothing, and a
brief goes once per date, even across a crash between the server's OK and the store update."""

from __future__ import annotations

import email
import email.policy
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from imapclient import IMAPClient

from agent import outbox
from agent.app import App
from agent.cycle import send_brief
from agent.settings import load
from connectors.send.smtp import SmtpSender
from tests.conftest import DEMO, DEMO_NOW, run_cli
from tests.servers import Dovecot, free_port

OWNER = "ada@loom.example"


class Crash(BaseException):
    """The process dying: nothing after it runs."""


class Mailbox:
    """An SMTP server that delivers what it receives into the owner's IMAP INBOX, and keeps a
    list of every (recipients, message) it was handed."""

    def __init__(self, imap: Dovecot) -> None:
        self.imap = imap
        self.received: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        raw = envelope.original_content
        self.received.append((list(envelope.rcpt_tos), email.message_from_bytes(
            raw, _class=EmailMessage, policy=email.policy.default)))
        _append(self.imap, raw)
        return "250 OK"

    def subjects(self) -> list[str]:
        return [str(msg["Subject"]) for _, msg in self.received]


def _append(server: Dovecot, raw: bytes, folder: str = "INBOX") -> None:
    with IMAPClient("127.0.0.1", server.port, ssl=False) as c:
        c.login(server.user, server.password)
        c.append(folder, raw)


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    yield server
    server.stop()


@pytest.fixture
def world(dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Mailbox]]:
    """The demo week in an IMAP account, an SMTP server that delivers to it, and a config."""
    with IMAPClient("127.0.0.1", dovecot.port, ssl=False) as c:
        c.login(dovecot.user, dovecot.password)
        for _, _, name in c.list_folders():
            if name != "INBOX":
                c.delete_folder(name)
        c.select_folder("INBOX")
        c.delete_messages(c.search(["ALL"]))
        c.expunge()
        c.create_folder("Sent")
    for folder, path in (("INBOX", DEMO / "mail" / "cur"), ("Sent", DEMO / "mail" / ".Sent" / "cur")):
        for f in sorted(path.iterdir()):
            if f.name != ".keep":
                _append(dovecot, f.read_bytes(), folder)
    shutil.copy(DEMO / "calendar.ics", tmp_path / "calendar.ics")
    box, port = Mailbox(dovecot), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    config = tmp_path / "focusd.toml"
    config.write_text((DEMO / "focusd.toml").read_text()
                      .replace('[mail]\nbackend = "maildir"\npath = "mail"',
                               f'[mail]\nbackend = "imap"\nhost = "127.0.0.1"\nport = {dovecot.port}\n'
                               f'security = "none"\nusername = "{dovecot.user}"\npassword_env = "FOCUSD_TEST_IMAP"')
                      .replace('[smtp]\nbackend = "file"\npath = "outbox"',
                               f'[smtp]\nbackend = "smtp"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"'))
    monkeypatch.setenv("FOCUSD_TEST_IMAP", dovecot.password)
    monkeypatch.setenv("FOCUSD_NOW", DEMO_NOW.isoformat())
    yield config, box
    controller.stop()



def _reply(body: str, in_reply_to: str, n: int, sender: str = OWNER, extra: str = "") -> bytes:
    return (f"From: Ada Lovelace <{sender}>\r\nTo: {OWNER}\r\nSubject: Re: your focus\r\n"
            f"Date: Thu, 19 Nov 2026 08:0{n}:00 +0000\r\nMessage-ID: <reply-{n}@loom.example>\r\n"
            f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n{extra}"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()


def _items(config: Path, lines: dict[str, int]) -> dict[str, tuple[str, str | None]]:
    app = App(load(config), lambda: DEMO_NOW)
    try:
        return {n: (app.store.item(i).status, app.store.item(i).snoozed_until)  # type: ignore[union-attr]
                for n, i in lines.items() if n in ("1", "2")}
    finally:
        app.close()


def test_brief_reply_confirmation_and_undo_over_imap_and_smtp(world: tuple[Path, Mailbox], dovecot: Dovecot,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    config, box = world
    cfg = ("--config", str(config))
    assert run_cli(capsys, *cfg, "sync", "--once")[0] == 0
    code, out, err = run_cli(capsys, *cfg, "brief", "--send")
    assert code == 0 and out.startswith("sent at"), err
    code, out, _ = run_cli(capsys, *cfg, "brief", "--send")  # twice: one brief
    assert code == 0 and out.startswith("already sent")
    assert len(box.received) == 1
    rcpts, brief = box.received[0]
    assert rcpts == [OWNER] and brief["Auto-Submitted"] == "auto-generated"
    assert brief.get_body(("plain",)) is not None and brief.get_body(("html",)) is not None
    brief_id = str(brief["Message-ID"])
    quoted = "".join(f"> {line}\n" for line in brief.get_body(("plain",)).get_content().splitlines())
    app = App(load(config), lambda: DEMO_NOW)
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    app.close()
    before = _items(config, lines)
    assert before == {"1": ("open", None), "2": ("open", None)}

    _append(dovecot, _reply(f"done 1\nsnooze 2 monday\n\nOn Thu, focusd wrote:\n{quoted}", brief_id, 1))
    assert run_cli(capsys, *cfg, "sync", "--once")[0] == 0
    assert _items(config, lines) == {"1": ("done", None), "2": ("snoozed", "2026-11-23")}
    assert len(box.received) == 2
    rcpts, confirmation = box.received[1]
    assert rcpts == [OWNER] and confirmation["In-Reply-To"] == "<reply-1@loom.example>"
    body = confirmation.get_body(("plain",)).get_content()
    assert "Done" in body or "done" in body
    assert "snoozed" in body.lower()

    # The confirmation is now in the INBOX too; replying `undo` to it restores both items.
    _append(dovecot, _reply("undo", str(confirmation["Message-ID"]), 2))
    assert run_cli(capsys, *cfg, "sync", "--once")[0] == 0
    assert _items(config, lines) == before
    assert len(box.received) == 3 and box.received[2][0] == [OWNER]
    assert run_cli(capsys, *cfg, "sync", "--once")[0] == 0  # nothing is applied or sent twice
    assert len(box.received) == 3


@pytest.mark.parametrize(("case", "sender", "refers_to", "extra"), [
    ("another address", "mallory@evil.example", "brief", ""),
    ("a Message-ID focusd never sent", OWNER, "<focusd-brief.guessed-token-000000@loom.example>", ""),
    ("dkim=fail", OWNER, "brief", "Authentication-Results: mx.loom.example; dkim=fail header.d=loom.example\r\n"),
    ("only the quoted cheat sheet", OWNER, "brief", ""),
])
def test_replies_focusd_must_not_obey_change_nothing_and_send_nothing(
        case: str, sender: str, refers_to: str, extra: str, world: tuple[Path, Mailbox], dovecot: Dovecot,
        capsys: pytest.CaptureFixture[str]) -> None:
    config, box = world
    cfg = ("--config", str(config))
    assert run_cli(capsys, *cfg, "sync", "--once")[0] == 0
    assert run_cli(capsys, *cfg, "brief", "--send")[0] == 0
    brief = box.received[0][1]
    app = App(load(config), lambda: DEMO_NOW)
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    app.close()
    before = _items(config, lines)
    body = "done 1\ndrop 2\n"
    if case == "only the quoted cheat sheet":
        body = "On Thu, focusd wrote:\n" + "".join(
            f"> {line}\n" for line in brief.get_body(("plain",)).get_content().splitlines())
    _append(dovecot, _reply(body, str(brief["Message-ID"]) if refers_to == "brief" else refers_to, 3,
                            sender=sender, extra=extra))
    assert run_cli(capsys, *cfg, "sync", "--once")[0] == 0
    assert _items(config, lines) == before
    assert len(box.received) == 1, box.subjects()  # nothing sent to anyone


class CrashAfterOk(SmtpSender):
    def _send(self, msg: EmailMessage) -> None:
        super()._send(msg)
        raise Crash


def test_a_crash_between_the_servers_ok_and_the_store_update_delivers_one_brief(
        world: tuple[Path, Mailbox]) -> None:
    config, box = world
    now = [DEMO_NOW]
    app = App(load(config), lambda: now[0])
    from agent.cycle import sync_once

    sync_once(app)
    real = app.sender
    assert isinstance(real, SmtpSender)
    crashing = CrashAfterOk(real.host, real.port, real.security)
    app.__dict__["sender"] = crashing
    with pytest.raises(Crash):
        send_brief(app, app.today(), delays=())
    app.__dict__["sender"] = real
    assert len(box.received) == 1  # it went, and the store never heard
    now[0] = DEMO_NOW + outbox.SENDING_GRACE + timedelta(seconds=1)
    again = send_brief(app, app.today())
    assert again.outcome == "already_sent" and "found in the mailbox" in again.via
    assert len(box.received) == 1
    assert isinstance(datetime.fromisoformat(again.sent_at), datetime)
    app.close()


def test_save_to_sent_keeps_a_copy_of_the_brief_in_the_sent_folder(world: tuple[Path, Mailbox], dovecot: Dovecot,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config, box = world
    config.write_text(config.read_text().replace('security = "none"\n\n[calendar]',
                                                 'security = "none"\nsave_to_sent = true\n\n[calendar]'))
    assert "save_to_sent = true" in config.read_text()
    cfg = ("--config", str(config))
    assert run_cli(capsys, *cfg, "sync", "--once")[0] == 0
    assert run_cli(capsys, *cfg, "brief", "--send")[0] == 0
    brief_id = str(box.received[0][1]["Message-ID"])
    with IMAPClient("127.0.0.1", dovecot.port, ssl=False) as c:
        c.login(dovecot.user, dovecot.password)
        c.select_folder("Sent", readonly=True)
        found = c.search(["HEADER", "Message-ID", brief_id])
        assert len(found) == 1 and b"\\Seen" in c.get_flags(found)[found[0]]
    # The copy in Sent is focusd's own brief: the next sync reads it and makes no item of it.
    assert run_cli(capsys, *cfg, "sync", "--once")[0] == 0
    app = App(load(config), lambda: DEMO_NOW)
    assert app.store.message(brief_id) is not None
    assert not [i for i in app.store.all_items() if i.message_id == brief_id]
    app.close()


def test_a_connection_that_breaks_after_the_message_went_sends_it_once(world: tuple[Path, Mailbox]) -> None:
    """A server that took the brief and then dropped the connection before its OK made focusd send
    it again at once and at every run (seven copies in a robustness trial). A send that broke on the
    way is now looked for in the mailbox before it goes again."""
    config, box = world
    now = [DEMO_NOW]
    app = App(load(config), lambda: now[0])
    from agent.cycle import sync_once

    sync_once(app)
    delivered = box.handle_DATA
    mode = ["deliver"]

    async def breaks(server: Any, session: Any, envelope: Any) -> str:
        if mode[0] == "deliver":
            await delivered(server, session, envelope)  # it lands in the INBOX...
        server.transport.close()  # ...and the server hangs up before its OK
        return "250 OK"

    box.handle_DATA = breaks  # type: ignore[method-assign]
    first = send_brief(app, app.today())
    assert first.outcome == "already_sent" and "found in the mailbox" in first.via
    assert len(box.received) == 1 and send_brief(app, app.today()).outcome == "already_sent"
    app.close()


def test_a_send_that_broke_before_arriving_goes_once_after_the_grace(world: tuple[Path, Mailbox]) -> None:
    config, box = world
    now = [DEMO_NOW]
    app = App(load(config), lambda: now[0])
    from agent.cycle import sync_once

    sync_once(app)
    delivered = box.handle_DATA
    box.handle_DATA = _hang_up  # type: ignore[method-assign]
    assert send_brief(app, app.today()).outcome == "failed"
    assert send_brief(app, app.today()).outcome == "in_progress"  # within the grace: not sent again blind
    assert box.received == []
    box.handle_DATA = delivered  # type: ignore[method-assign]
    now[0] = DEMO_NOW + outbox.SENDING_GRACE + timedelta(seconds=1)
    assert send_brief(app, app.today()).outcome == "sent"  # looked for, not there: sent
    assert len(box.received) == 1
    app.close()


async def _hang_up(server: Any, session: Any, envelope: Any) -> str:
    server.transport.close()
    return "250 OK"


def test_a_sent_copy_that_could_not_be_filed_is_filed_by_a_later_cycle(world: tuple[Path, Mailbox], dovecot: Dovecot,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy to Sent was lost quietly when its APPEND failed (a robustness trial, with the IMAP
    password wrong at send time): it is kept and filed, once, by the next cycle that can."""
    config, box = world
    config.write_text(config.read_text().replace('security = "none"\n\n[calendar]',
                                                 'security = "none"\nsave_to_sent = true\n\n[calendar]'))
    from agent.cycle import sync_once

    app = App(load(config), lambda: DEMO_NOW)
    sync_once(app)
    monkeypatch.setenv("FOCUSD_TEST_IMAP", "wrong")
    app.mail.close()
    assert send_brief(app, app.today()).outcome == "sent"
    assert len(app.store.outbox_copies_pending()) == 1
    monkeypatch.setenv("FOCUSD_TEST_IMAP", dovecot.password)
    app.mail.close()
    assert outbox.file_copies(app) == 1 and app.store.outbox_copies_pending() == []
    assert outbox.file_copies(app) == 0
    brief_id = str(box.received[0][1]["Message-ID"])
    with IMAPClient("127.0.0.1", dovecot.port, ssl=False) as c:
        c.login(dovecot.user, dovecot.password)
        c.select_folder("Sent", readonly=True)
        assert len(c.search(["HEADER", "Message-ID", brief_id])) == 1
    app.close()
