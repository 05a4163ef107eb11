"""The IMAP source on a live wire, against a real Dovecot: IDLE, reconnecting after the server
breaks off mid-sync, CONDSTORE polls, a 50 MB message without its attachment, and the helpers
the outbox uses. Servers that speak garbage are small fakes, as no real server does that."""

from __future__ import annotations

import email.policy
import json
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from connectors.mail.base import Batch, MailError
from connectors.mail.imap import ImapSource
from connectors.mail.maildir import MaildirSource
from connectors.mime import parse_message
from tests.servers import CuttingProxy, Dovecot, GarbageServer
from tests.test_imap import NOW, _append, _mail, _source, _subjects
from tests.test_imap import account as account  # noqa: F401 - fixtures shared with test_imap
from tests.test_imap import dovecot as dovecot  # noqa: F401


def _ids(messages: list[Any]) -> list[str]:
    return [m.data.split(b"Message-ID: ")[1].split(b"\n")[0].decode().strip() for m in messages]


def _later(delay: float, action: Any) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(delay), action()), daemon=True)
    thread.start()
    return thread


# -- IDLE -------------------------------------------------------------------------------------


def test_an_append_from_another_connection_wakes_wait_for_new_within_a_second(account: Dovecot) -> None:
    src = _source(account)
    cursor = src.fetch_new("INBOX", None).cursor
    _later(0.3, lambda: _append(account, _mail(1)))
    start = time.monotonic()
    assert src.wait_for_new(10) is True
    assert time.monotonic() - start < 1.3  # 0.3 s before the APPEND, then under a second
    assert _subjects(src.fetch_new("INBOX", cursor)) == ["m1"]
    start = time.monotonic()
    assert src.wait_for_new(0.5) is False  # nothing new: the whole timeout, then no
    assert 0.45 < time.monotonic() - start < 2
    src.close()


def test_idle_is_reissued_and_still_wakes(account: Dovecot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("connectors.mail.imap.IDLE_MAX", 0.2)  # 29 minutes, shortened
    src = _source(account)
    src.fetch_new("INBOX", None)
    _later(0.7, lambda: _append(account, _mail(4)))  # after three IDLEs have ended quietly
    start = time.monotonic()
    assert src.wait_for_new(10) is True and 0.6 < time.monotonic() - start < 1.7


def test_mail_that_came_between_the_last_read_and_the_wait_is_not_missed(account: Dovecot) -> None:
    src = _source(account)
    src.fetch_new("INBOX", None)
    _append(account, _mail(2))
    start = time.monotonic()
    assert src.wait_for_new(10) is True and time.monotonic() - start < 0.5
    # Said once: a caller that could not read it (a failed cycle) is not woken for it again
    # and again, which would turn the daemon into a busy loop.
    assert src.wait_for_new(0.3) is False


def test_without_idle_wait_for_new_polls_with_noop(account: Dovecot) -> None:
    src = _source(account, idle=False)
    src.noop_interval = 0.1
    src.fetch_new("INBOX", None)
    _later(0.3, lambda: _append(account, _mail(3)))
    start = time.monotonic()
    assert src.wait_for_new(10) is True and time.monotonic() - start < 1.5


def test_the_maildir_source_waits_by_polling_its_inbox(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    src = MaildirSource(tmp_path)
    assert src.wait_for_new(0.3) is False
    _later(0.2, lambda: (tmp_path / "new" / "1.host").write_bytes(_mail(1)))
    start = time.monotonic()
    assert src.wait_for_new(10, interval=0.05) is True and time.monotonic() - start < 1


@pytest.mark.parametrize("idle", [True, False])
def test_a_stop_asked_ends_the_wait_at_once_and_the_source_still_works(account: Dovecot, idle: bool) -> None:
    """A daemon told to stop while it waits on IDLE stopped only at the end of its 5-second slice;
    now the wait asks ``stop`` every quarter second, with the IDLE left open meanwhile."""
    src = _source(account, idle=idle)
    cursor = src.fetch_new("INBOX", None).cursor
    asked = threading.Event()
    _later(0.3, asked.set)
    start = time.monotonic()
    assert src.wait_for_new(10, stop=asked.is_set) is False
    assert time.monotonic() - start < 1.0
    _append(account, _mail(5))  # the connection left by the stopped wait still reads
    assert src.wait_for_new(10) is True
    assert _subjects(src.fetch_new("INBOX", cursor)) == ["m5"]
    src.close()


def test_a_stop_asked_ends_the_maildir_wait_too(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    asked = threading.Event()
    _later(0.2, asked.set)
    start = time.monotonic()
    assert MaildirSource(tmp_path).wait_for_new(10, stop=asked.is_set) is False
    assert time.monotonic() - start < 1.0


# -- reconnecting -----------------------------------------------------------------------------


def test_a_server_cut_off_mid_sync_is_resumed_with_nothing_lost_or_doubled(account: Dovecot) -> None:
    for n in range(12):
        _append(account, _mail(n, size=3000))
    proxy = CuttingProxy(account.port, after=9000, cuts=2)  # dies inside the first FETCH, twice
    waits: list[float] = []
    src = ImapSource("127.0.0.1", proxy.port, "none", account.user, lambda: account.password,
                     clock=lambda: NOW, sleep=waits.append)
    got: list[Any] = []
    batch = Batch([], "", more=True)
    cursor = None
    while batch.more:
        batch = src.fetch_new("INBOX", cursor, max_bytes=8000)
        got += batch.messages
        cursor = batch.cursor
    proxy.close()
    ids = _ids(got)
    assert ids == [f"<m{n}@fund.example>" for n in range(12)]  # each once, in order
    # Both cuts fall in the first FETCH (sizes and heads of all twelve), tried again each time
    # with a longer backoff.
    assert len(waits) == 2 and 0.25 <= waits[0] <= 0.75 and 0.5 <= waits[1] <= 1.5
    assert proxy.connections == 3


def test_a_server_that_stays_down_is_one_sentence_after_the_tries(account: Dovecot) -> None:
    proxy = CuttingProxy(account.port, after=9000, cuts=99)
    _append(account, _mail(0, size=20000))
    waits: list[float] = []
    src = ImapSource("127.0.0.1", proxy.port, "none", account.user, lambda: account.password, sleep=waits.append)
    with pytest.raises(MailError, match=r"^reading INBOX on 127\.0\.0\.1:\d+ broke off \(\w+\); tried 4 times, the "
                                        r"next sync resumes where this one stopped$"):
        src.fetch_new("INBOX", None)
    assert [round(lo, 2) <= w <= round(lo * 3, 2) for w, lo in zip(waits, (0.25, 0.5, 1), strict=True)] == [True] * 3
    proxy.close()


@pytest.mark.parametrize("greeting, answer", [
    (b"HTTP/1.1 400 Bad Request\r\n\r\n", b""),  # not IMAP at all
    (b"* OK ready\r\n", b"* CAPABILITY IMAP4rev1 {99999}\r\n\x00\xff"),  # a literal that never comes
    (b"* OK ready\r\n", b"TAG OK [CAPABILITY IMAP4rev1 (((\r\n* 1 FETCH (UID x BODY[] {3}\r\n"),  # garbage
    (b"", b""),  # says nothing at all
])
def test_a_server_that_answers_garbage_or_hangs_up_is_a_clear_error_and_a_retry(greeting: bytes,
                                                                                 answer: bytes) -> None:
    server = GarbageServer(greeting, answer, lines=3)
    waits: list[float] = []
    src = ImapSource("127.0.0.1", server.port, "none", "ada", lambda: "secret", read_timeout=0.5,
                     connect_timeout=0.5, sleep=waits.append)
    start = time.monotonic()
    with pytest.raises(MailError, match=r"127\.0\.0\.1:\d+.*; tried 4 times, the next sync resumes"):
        src.fetch_new("INBOX", None)
    assert time.monotonic() - start < 4 * 0.5 + 1.5  # each try bounded by the read timeout
    assert len(waits) == 3 and server.connections == 4
    server.close()


# -- CONDSTORE --------------------------------------------------------------------------------


def _counting(src: ImapSource) -> list[list[Any]]:
    searches: list[list[Any]] = []
    client = src._connect()
    real = client.search

    def search(criteria: Any = "ALL", charset: str | None = None) -> Any:
        searches.append(criteria)
        return real(criteria, charset)

    client.search = search  # type: ignore[method-assign]
    return searches


def test_a_poll_with_no_change_asks_no_search_and_the_cursor_keeps_highestmodseq(account: Dovecot) -> None:
    _append(account, _mail(0))
    src = _source(account)
    searches = _counting(src)
    first = src.fetch_new("INBOX", None)
    assert set(json.loads(first.cursor)) == {"uidvalidity", "uid", "modseq"}
    searches.clear()
    again = src.fetch_new("INBOX", first.cursor)
    assert again.messages == [] and searches == [] and again.cursor == first.cursor
    _append(account, _mail(1))
    assert _subjects(src.fetch_new("INBOX", first.cursor)) == ["m1"] and len(searches) == 1


def test_a_cursor_from_before_modseq_still_loads(account: Dovecot) -> None:
    _append(account, _mail(0))
    src = _source(account)
    old = json.loads(src.fetch_new("INBOX", None).cursor)
    del old["modseq"]
    _append(account, _mail(1))
    assert _subjects(src.fetch_new("INBOX", json.dumps(old))) == ["m1"]


def test_a_half_read_folder_keeps_no_modseq_so_the_rest_is_still_read(account: Dovecot) -> None:
    for n in range(3):
        _append(account, _mail(n))
    src = _source(account)
    part = src.fetch_new("INBOX", None, limit=1)
    assert part.more and "modseq" not in json.loads(part.cursor)
    assert _subjects(src.fetch_new("INBOX", part.cursor)) == ["m1", "m2"]


# -- big messages -----------------------------------------------------------------------------


def _with_attachment(size: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Maria <maria@fund.example>", "ada@loom.example", "the deck"
    msg["Date"], msg["Message-ID"] = "Wed, 18 Nov 2026 09:00:00 +0000", "<big@fund.example>"
    msg.set_content("Could you review the attached deck by Friday?\n")
    msg.add_alternative("<p>Could you review the attached deck by <b>Friday</b>?</p>", subtype="html")
    msg.add_attachment(b"\x89PNG" + bytes(range(256)) * (size // 256), maintype="image", subtype="png",
                       filename="deck.png")
    msg.add_attachment(b"%PDF-1.4 small", maintype="application", subtype="pdf", filename="notes.pdf")
    return msg.as_bytes(policy=email.policy.SMTP)


def test_a_50_mb_message_costs_its_text_not_its_attachment(account: Dovecot) -> None:
    account.deliver(_with_attachment(50 * 1024 * 1024))
    _append(account, _mail(1))
    src = _source(account)
    batch = src.fetch_new("INBOX", None)
    big, small = batch.messages
    assert len(big.data) < 8 * 1024  # headers, MIME headers and the two text parts
    parsed = parse_message(big.data, big.received)
    assert "review the attached deck by Friday" in parsed.text
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [("deck.png", "image/png"),
                                                                          ("notes.pdf", "application/pdf")]
    noted = parsed.attachments[0].size  # the size of deck.png, kept as a note in its place
    assert abs(noted - (50 * 1024 * 1024 + 4)) < 1024
    assert small.data.startswith(b"From: Maria")  # small mail is fetched whole, as before


def test_a_bodystructure_that_cannot_be_followed_is_refused_for_the_head_only_fetch() -> None:
    from connectors.mail.imap import _part

    good = ([(b"text", b"plain", (b"charset", b"utf-8"), None, None, b"7bit", 10, 1)], b"mixed",
            (b"boundary", b"b1"))
    assert _part(good, "").children[0].section == "1"
    for broken in [([(b"text", b"plain", None, None, None, b"7bit", 10, 1)], b"mixed", ()),  # no boundary
                   ([], b"mixed", (b"boundary", b"b1")),  # no parts
                   ((b"text", b"plain", None, None, None, b"7bit", b"many", 1)),  # size not a number
                   ([(b"text",)], b"mixed", (b"boundary", b"b1"))]:  # a part cut short
        with pytest.raises((ValueError, IndexError)):
            _part(broken, "")


# -- helpers for the outbox -------------------------------------------------------------------


def test_append_and_has_message_id(account: Dovecot) -> None:
    with IMAPClient("127.0.0.1", account.port, ssl=False) as c:
        c.login(account.user, account.password)
        c.create_folder("Sent")
    src = _source(account)
    assert src.has_message_id("<m5@fund.example>", ["INBOX", "Sent"]) is False
    src.append("Sent", _mail(5))
    assert src.has_message_id("<m5@fund.example>", ["INBOX", "Sent"]) is True
    assert src.has_message_id("<m5@fund.example>", ["INBOX"]) is False
    with IMAPClient("127.0.0.1", account.port, ssl=False) as c:
        c.login(account.user, account.password)
        c.select_folder("Sent", readonly=True)
        assert [b"\\Seen" in f for f in c.get_flags(c.search(["ALL"])).values()] == [True]
    with pytest.raises(ValueError, match="not a Message-ID"):
        src.has_message_id('<a"b@x>\r\nA1 LOGOUT', ["INBOX"])


def test_a_stop_asked_ends_the_retries_of_a_broken_server() -> None:
    """A daemon told to stop during a sync against a silent server took six minutes (four tries of
    the read timeout each): a stop now ends the retries, and the cursor keeps the place."""
    from tests.servers import free_port

    slept: list[float] = []
    src = ImapSource("127.0.0.1", free_port(), "none", "ada", lambda: "pw", tries=4, sleep=slept.append)
    with pytest.raises(MailError, match="tried 4 times"):
        src.fetch_new("INBOX", None)
    assert len(slept) == 3
    slept.clear()
    src.interrupt = lambda: True
    with pytest.raises(MailError, match="stopped before trying again"):
        src.fetch_new("INBOX", None)
    assert slept == []
