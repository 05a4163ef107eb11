"""The IMAP source against a real Dovecot on loopback: incremental sync, flags left alone, a
UIDVALIDITY reset, the Sent folder found by name, max_age on the server, and failures as one
sentence."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from imapclient import IMAPClient

from connectors.mail import fetchparse
from connectors.mail.base import MailError
from connectors.mail.imap import ImapSource
from tests.conftest import DEMO
from tests.servers import Dovecot

NOW = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)


def _mail(n: int, date: str = "Wed, 18 Nov 2026 09:00:00 +0000", size: int = 0) -> bytes:
    pad = ("x" * 76 + "\n") * (size // 77)
    return (f"From: Maria <maria@fund.example>\nTo: ada@loom.example\nSubject: m{n}\nDate: {date}\n"
            f"Message-ID: <m{n}@fund.example>\n\nCould you send me report {n}?\n{pad}").encode()


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    yield server
    server.stop()


@pytest.fixture
def account(dovecot: Dovecot) -> Iterator[Dovecot]:
    """An empty mailbox for each test."""
    with IMAPClient("127.0.0.1", dovecot.port, ssl=False) as c:
        c.login(dovecot.user, dovecot.password)
        for _, _, name in c.list_folders():
            if name != "INBOX":
                c.delete_folder(name)
        c.select_folder("INBOX")
        c.delete_messages(c.search(["ALL"]))
        c.expunge()
    yield dovecot


def _subjects(batch: object) -> list[str]:
    return [m.data.split(b"Subject: ")[1].split(b"\n")[0].decode().strip() for m in batch.messages]  # type: ignore[attr-defined]


def _source(server: Dovecot, **kw: object) -> ImapSource:
    return ImapSource("127.0.0.1", server.port, "none", server.user, lambda: server.password,
                      clock=lambda: NOW, **kw)  # type: ignore[arg-type]


def _append(server: Dovecot, raw: bytes, folder: str = "INBOX") -> None:
    with IMAPClient("127.0.0.1", server.port, ssl=False) as c:
        c.login(server.user, server.password)
        c.append(folder, raw)


def test_incremental_sync_reads_each_message_once_and_marks_nothing_read(account: Dovecot) -> None:
    for n in range(3):
        _append(account, _mail(n))
    src = _source(account, max_age=timedelta(days=30))
    first = src.fetch_new("INBOX", None)
    assert _subjects(first) == ["m0", "m1", "m2"]
    assert not first.more and first.remaining == 0
    assert src.fetch_new("INBOX", first.cursor).messages == []  # UID n:* answers the last one: filtered
    _append(account, _mail(3))
    later = src.fetch_new("INBOX", first.cursor)
    assert _subjects(later) == ["m3"]
    with IMAPClient("127.0.0.1", account.port, ssl=False) as c:
        c.login(account.user, account.password)
        c.select_folder("INBOX", readonly=True)
        assert all(b"\\Seen" not in flags for flags in c.get_flags(c.search(["ALL"])).values())
    src.close()


def test_a_new_uidvalidity_starts_the_folder_over(account: Dovecot) -> None:
    _append(account, _mail(0))
    src = _source(account)
    cursor = src.fetch_new("INBOX", None).cursor
    stale = cursor.replace('"uidvalidity":', '"uidvalidity":1')  # the server renumbered the folder
    again = src.fetch_new("INBOX", stale)
    assert _subjects(again) == ["m0"]  # read again; the cycle drops it by Message-ID


def test_the_first_sync_asks_the_server_only_for_recent_mail(account: Dovecot) -> None:
    _append(account, _mail(0, date="Mon, 02 Mar 2020 09:00:00 +0000"))
    _append(account, _mail(1))
    src = _source(account, max_age=timedelta(days=30))
    first = src.fetch_new("INBOX", None)
    assert _subjects(first) == ["m1"]
    _append(account, _mail(2))
    assert _subjects(src.fetch_new("INBOX", first.cursor)) == ["m2"]  # and the 2020 one is never asked for


def test_batches_are_bounded_by_bytes(account: Dovecot) -> None:
    for n in range(4):
        _append(account, _mail(n, size=4000))
    src = _source(account)
    batch = src.fetch_new("INBOX", None, max_bytes=9000)
    assert len(batch.messages) == 2 and batch.more and batch.remaining == 2
    rest = src.fetch_new("INBOX", batch.cursor, max_bytes=9000)
    assert _subjects(batch) + _subjects(rest) == ["m0", "m1", "m2", "m3"] and not rest.more


def test_the_sent_folder_is_found_by_its_common_name(account: Dovecot) -> None:
    with IMAPClient("127.0.0.1", account.port, ssl=False) as c:
        c.login(account.user, account.password)
        c.create_folder("Sent Items")
    _append(account, _mail(7), folder="Sent Items")
    src = _source(account)
    assert src.check(["INBOX", "Sent"]).endswith("(none): INBOX, Sent = Sent Items")
    assert [m.folder for m in src.fetch_new("Sent", None).messages] == ["Sent"]
    with pytest.raises(MailError, match=r"folder 'Archive' does not exist on 127\.0\.0\.1:\d+ \(folders: INBOX, "
                                        r"Sent Items\); create it"):
        src.check(["Archive"])


def test_a_sent_folder_the_config_names_is_never_swapped_for_another(account: Dovecot) -> None:
    """Only the default name is looked for; a misspelt ``sent_folder`` is reported, not replaced by
    the folder the server marks or names as Sent."""
    with IMAPClient("127.0.0.1", account.port, ssl=False) as c:
        c.login(account.user, account.password)
        c.create_folder("Sent Items")
    with pytest.raises(MailError, match=r"folder 'Sent Itmes' does not exist on 127\.0\.0\.1:\d+ \(folders: INBOX, "
                                        r"Sent Items\); create it"):
        _source(account, sent_folder="Sent Itmes").check(["INBOX", "Sent Itmes"])
    assert _source(account, sent_folder="Sent Items").check(["Sent Items"]).endswith("(none): Sent Items")


def test_a_wrong_password_and_clear_text_off_this_machine_are_one_sentence(account: Dovecot) -> None:
    bad = ImapSource("127.0.0.1", account.port, "none", account.user, lambda: "wrong")
    with pytest.raises(MailError, match="refused the login for ada: check the user name and the password source"):
        bad.check()
    with pytest.raises(MailError, match="allowed only for a server on this machine, not imap.example.com"):
        ImapSource("imap.example.com", 143, "none", "ada")


def test_a_whole_cycle_reads_the_demo_week_over_imap(account: Dovecot, tmp_path: Path) -> None:
    from agent.app import App
    from agent.clock import fixed
    from agent.cycle import sync_once
    from agent.settings import load

    with IMAPClient("127.0.0.1", account.port, ssl=False) as c:
        c.login(account.user, account.password)
        c.create_folder("Sent")
    for path in sorted((DEMO / "mail" / "cur").iterdir()):
        if path.name != ".keep":
            _append(account, path.read_bytes())
    for path in sorted((DEMO / "mail" / ".Sent" / "cur").iterdir()):
        if path.name != ".keep":
            _append(account, path.read_bytes(), folder="Sent")
    shutil.copy(DEMO / "calendar.ics", tmp_path / "calendar.ics")
    config = tmp_path / "focusd.toml"
    config.write_text((DEMO / "focusd.toml").read_text().replace(
        '[mail]\nbackend = "maildir"\npath = "mail"',
        f'[mail]\nbackend = "imap"\nhost = "127.0.0.1"\nport = {account.port}\nsecurity = "none"\n'
        f'username = "{account.user}"\npassword_env = "FOCUSD_TEST_IMAP"'))
    import os

    os.environ["FOCUSD_TEST_IMAP"] = account.password
    try:
        app = App(load(config), fixed(NOW))
        report = sync_once(app)
        assert report.summary().startswith("32 messages: 27 new, 4 bulk, 1 hostile; 19 new items")
        assert sync_once(App(load(config), fixed(NOW))).fetched == 0
    finally:
        del os.environ["FOCUSD_TEST_IMAP"]


def test_mail_of_every_size_comes_whole_and_small_mail_in_one_fetch(account: Dovecot,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from connectors.mail import imap

    sizes = [0, imap.HEAD_BYTES - 600, imap.HEAD_BYTES + 4000, 100_000]  # under the head, over it, well over
    for n, size in enumerate(sizes):
        _append(account, _mail(n, size=size))
    with IMAPClient("127.0.0.1", account.port, ssl=False) as c:  # the messages as the server holds them
        c.login(account.user, account.password)
        c.select_folder("INBOX", readonly=True)
        held = [d[b"BODY[]"] for _, d in sorted(c.fetch(c.search(["ALL"]), ["BODY.PEEK[]"]).items())]
    calls: list[list[str]] = []
    real = fetchparse.fetch

    def counted(client: IMAPClient, messages: list[int], data: list[str]) -> fetchparse.Parsed:
        calls.append(list(data))
        return real(client, messages, data)

    monkeypatch.setattr(fetchparse, "fetch", counted)
    batch = _source(account).fetch_new("INBOX", None)
    assert [m.data for m in batch.messages] == held  # every one whole, none cut at the head
    assert len(held[1]) < imap.HEAD_BYTES < len(held[2])
    assert len(calls) == 2  # the sizes and heads of all four, then the whole of the two longer ones
    assert not any("BODYSTRUCTURE" in c for c in calls)  # none is big enough to be skimmed
    monkeypatch.setattr(fetchparse, "fetch", real)
    calls.clear()
    for n in range(4, 8):
        _append(account, _mail(n, size=2000))
    monkeypatch.setattr(fetchparse, "fetch", counted)
    later = _source(account).fetch_new("INBOX", batch.cursor)
    assert _subjects(later) == ["m4", "m5", "m6", "m7"] and len(calls) == 1  # small mail: one round trip


def test_a_head_fetched_for_a_later_batch_is_not_fetched_again(account: Dovecot,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(6):
        _append(account, _mail(n, size=4000))
    calls: list[object] = []
    real = fetchparse.fetch

    def counted(client: IMAPClient, messages: list[int], data: list[str]) -> fetchparse.Parsed:
        calls.append(messages)
        return real(client, messages, data)

    monkeypatch.setattr(fetchparse, "fetch", counted)
    src = _source(account)
    got: list[str] = []
    batch = src.fetch_new("INBOX", None, max_bytes=9000)  # room for two a batch
    got += _subjects(batch)
    while batch.more:
        batch = src.fetch_new("INBOX", batch.cursor, max_bytes=9000)
        got += _subjects(batch)
    assert got == [f"m{n}" for n in range(6)]
    assert len(calls) == 1  # the six heads came with the first batch's sizes, each fetched once


def test_a_message_nested_thousands_deep_is_read_by_its_head_and_the_folder_moves_on(account: Dovecot) -> None:
    """5,000 nested multiparts with one text leaf (288 KB, so fetched by its structure) once made a
    command line the server refused, retried as a network fault at every sync: INBOX stuck."""
    deep = (b"From: dan@vendor.example\r\nTo: ada@loom.example\r\nSubject: deep\r\nMessage-ID: <deep@t>\r\n"
            b"Date: Wed, 18 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + b"".join(b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(5000))
            + b"Content-Type: text/plain\r\n\r\nCould you send the Tapir quote by Friday?\r\n")
    _append(account, deep)
    _append(account, _mail(1))
    src = _source(account, big_bytes=64 * 1024)
    batch = src.fetch_new("INBOX", None)
    assert _subjects(batch) == ["deep", "m1"]
    assert batch.messages[0].data.startswith(b"From: dan@vendor.example")
    src.close()


def test_a_server_too_busy_for_a_login_is_no_wrong_password(account: Dovecot) -> None:
    """"NO [UNAVAILABLE] Maximum number of connections from user+IP exceeded" was reported as a
    refused password; it is the server being busy, and a later try will do."""
    from connectors.mail.base import SourceUnreachable

    held = []
    try:
        for _ in range(12):  # past the test server's mail_max_userip_connections
            c = IMAPClient("127.0.0.1", account.port, ssl=False)
            c.login(account.user, account.password)
            held.append(c)
    except Exception:  # noqa: BLE001 - the server's own refusal of one more
        pass
    try:
        with pytest.raises(SourceUnreachable, match=r"is not taking a login now \(.*(UNAVAILABLE|connections)"):
            _source(account, tries=1).fetch_new("INBOX", None)
    finally:
        for c in held:
            c.logout()
