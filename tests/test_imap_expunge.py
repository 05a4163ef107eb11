"""Sync after an EXPUNGE: deleted mail is not asked for again, nothing is read twice, and new
mail after it still arrives, also when the expunged message was the folder's last."""

from __future__ import annotations

from imapclient import IMAPClient

from tests.servers import Dovecot
from tests.test_imap import _append, _mail, _source, _subjects, account, dovecot  # noqa: F401 - fixtures


def _expunge(server: Dovecot, subject: str) -> None:
    with IMAPClient("127.0.0.1", server.port, ssl=False) as c:
        c.login(server.user, server.password)
        c.select_folder("INBOX")
        c.delete_messages(c.search(["SUBJECT", subject]))
        c.expunge()


def test_sync_after_an_expunge_reads_only_what_is_new(account: Dovecot) -> None:  # noqa: F811
    for n in (1, 2, 3):
        _append(account, _mail(n))
    src = _source(account)
    first = src.fetch_new("INBOX", None)
    assert _subjects(first) == ["m1", "m2", "m3"]
    _expunge(account, "m2")
    quiet = src.fetch_new("INBOX", first.cursor)  # a deletion is no new mail
    assert quiet.messages == []
    _append(account, _mail(4))
    after = src.fetch_new("INBOX", quiet.cursor)
    assert _subjects(after) == ["m4"]
    src.close()


def test_new_mail_after_the_last_message_was_expunged(account: Dovecot) -> None:  # noqa: F811
    for n in (1, 2):
        _append(account, _mail(n))
    src = _source(account)
    first = src.fetch_new("INBOX", None)
    _expunge(account, "m2")  # the message the cursor points at is gone
    assert src.fetch_new("INBOX", first.cursor).messages == []
    _append(account, _mail(5))
    fresh = _source(account)  # a new connection, as the next sync makes
    assert _subjects(fresh.fetch_new("INBOX", first.cursor)) == ["m5"]
    src.close()
    fresh.close()
