"""The Maildir source on a mailbox Dovecot itself delivered into (uidlists, indexes and all)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.app import App
from agent.clock import fixed
from agent.cycle import sync_once
from agent.settings import load
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
