"""The Maildir source on a mailbox Dovecot itself delivered into (uidlists, indexes and all)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from imapclient import IMAPClient

from agent.app import App
from agent.clock import fixed
from agent.cycle import sync_once
from agent.settings import load
from connectors.mail.maildir import MaildirSource
from tests.conftest import DEMO, DEMO_NOW
from tests.servers import Dovecot


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    yield server
    server.stop()


def test_a_cycle_on_a_mailbox_dovecot_delivered(dovecot: Dovecot, demo_dir: Path) -> None:
    for folder, sub in (("INBOX", DEMO / "mail" / "cur"), ("Sent", DEMO / "mail" / ".Sent" / "cur")):
        for path in sorted(sub.glob("*.demo*")):
            dovecot.deliver(path.read_bytes(), folder)
    shutil.rmtree(demo_dir / "mail")
    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('path = "mail"', f'path = "{dovecot.maildir}"'))
    assert (dovecot.maildir / "dovecot-uidlist").exists() and (dovecot.maildir / ".Sent" / "new").is_dir()

    app = App(load(config), fixed(DEMO_NOW))
    report = sync_once(app)
    assert (report.fetched, report.new, report.unparseable, report.items_created) == (32, 32, 0, 19)

    first = next(p for p in (DEMO / "mail" / "cur").glob("*.demo*") if b"<m1.maria@northwind.vc>" in p.read_bytes())
    dovecot.deliver(first.read_bytes().replace(b"<m1.maria@northwind.vc>", b"<late@x>"))
    again = sync_once(app)
    assert (again.fetched, again.new) == (1, 1)


def test_a_message_dovecot_moves_from_junk_to_inbox_is_read(dovecot: Dovecot) -> None:
    dovecot.deliver(b"Subject: not spam\nMessage-ID: <junk@x>\n\nhello\n", "Junk")
    dovecot.deliver(b"Subject: later\nMessage-ID: <later@x>\n\nhello\n")
    (junk,) = (dovecot.maildir / ".Junk" / "new").iterdir()
    os.utime(junk, (1_000_000_000, 1_000_000_000))  # it sat in Junk for years
    src = MaildirSource(dovecot.maildir)
    first = src.fetch_new("INBOX", None)
    assert [b"<later@x>" in m.data for m in first.messages] == [True]

    with IMAPClient("127.0.0.1", port=dovecot.port, ssl=False) as imap:
        imap.login(dovecot.user, dovecot.password)
        imap.select_folder("Junk")
        imap.move(imap.search("ALL"), "INBOX")
    moved = [*(dovecot.maildir / "cur").iterdir(), *(dovecot.maildir / "new").iterdir()]
    assert any(p.stat().st_mtime_ns == 1_000_000_000 * 10**9 for p in moved)  # Dovecot kept its time

    again = src.fetch_new("INBOX", first.cursor)
    assert [b"<junk@x>" in m.data for m in again.messages] == [True]
    assert src.fetch_new("INBOX", again.cursor).messages == []
