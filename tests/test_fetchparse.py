"""The quick FETCH reader gives exactly what imapclient's parser gives, or hands the answer to it.

The reader's answers are compared with imapclient's own on the same data: on hand-made answers of
the plain shape and of every odd shape it must refuse, on thousands of generated ones, and on a
real Dovecot's answers to the item lists the sync asks for (and others)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from imapclient import IMAPClient
from imapclient.response_parser import parse_fetch_response

from connectors.mail import fetchparse
from tests.servers import Dovecot
from tests.test_imap import _append, _mail
from tests.test_imap import account as account  # noqa: F401 - fixtures shared with test_imap
from tests.test_imap import dovecot as dovecot  # noqa: F401

BODY = b"From: a@b.example\r\nSubject: hi\r\n\r\nCould you send the deck?\r\n"
N = len(BODY)


def _library(data: list[object], normalise: bool = True) -> dict[int, dict[bytes, object]]:
    return dict(parse_fetch_response(data, normalise, True))


def _same(data: list[object], normalise: bool = True) -> None:
    fast = fetchparse.read(data, normalise)
    assert fast is not None, "the plain shape went to the slow parser"
    assert fast == _library(data, normalise)


# -- the plain shape, read here ------------------------------------------------------------------


@pytest.mark.parametrize("normalise", [True, False])
def test_a_head_with_size_and_date_reads_as_the_library_reads_it(normalise: bool) -> None:
    data: list[object] = [
        (b'1 (UID 40 RFC822.SIZE %d INTERNALDATE "28-Nov-2026 02:07:19 +0000" BODY[]<0> {%d}' % (N, N), BODY), b")",
        (b'2 (UID 41 RFC822.SIZE %d INTERNALDATE " 8-Nov-2026 23:59:59 -0530" BODY[]<0> {%d}' % (N, N), BODY), b")"]
    _same(data, normalise)
    got = fetchparse.read(data, False)
    assert got is not None
    assert set(got) == {40, 41}
    assert got[40][b"BODY[]<0>"] == BODY and got[40][b"SEQ"] == 1 and got[40][b"RFC822.SIZE"] == N
    assert got[41][b"INTERNALDATE"] == datetime(2026, 11, 9, 5, 29, 59, tzinfo=UTC)


def test_items_after_the_literal_and_lines_without_one_are_read() -> None:
    _same([(b"3 (UID 7 BODY[] {%d}" % N, BODY), b' INTERNALDATE "01-Jan-2027 00:00:00 +0100")',
           b'4 (UID 8 RFC822.SIZE 10 INTERNALDATE "02-Jan-2027 10:00:00 +0000")'])


def test_nil_and_quoted_values_and_lower_case_names_are_read() -> None:
    _same([b'5 (uid 9 INTERNALDATE NIL X-GM-MSGID "abc def")'])


def test_an_answer_keyed_by_sequence_number_when_it_has_no_uid() -> None:
    _same([b"6 (RFC822.SIZE 12)"])


def test_an_unreadable_date_is_none_as_in_the_library() -> None:
    _same([b'1 (UID 2 INTERNALDATE "31-Feb-2026 10:00:00 +0000")'], normalise=False)
    _same([b'1 (UID 2 INTERNALDATE "garbage")'], normalise=False)


def test_an_empty_answer_is_empty() -> None:
    assert fetchparse.read([None]) == {}
    assert fetchparse.read([]) == {}


# -- anything else goes to the library ------------------------------------------------------------


@pytest.mark.parametrize("data", [
    [b"1 (UID 2 FLAGS (\\Seen))"],  # a list
    [b'1 (UID 2 BODYSTRUCTURE ("text" "plain" NIL NIL NIL "7bit" 5 1))'],
    [b'1 (UID 2 X "a \\" b")'],  # an escaped quote
    [(b"1 (UID 2 BODY[1] {3}", b"abc"), (b" BODY[2] {3}", b"def"), b")"],  # two literals
    [(b"1 (UID 2 BODY[] {3}", b"abc")],  # a literal with no end
    [(b"1 (UID 2 BODY[] {4}", b"abc"), b")"],  # a literal of the wrong size
    [b"1 (UID 2 RFC822.SIZE 5"],  # no closing parenthesis
    [b"1 (UID 2 RFC822.SIZE 5) trailing"],
    [b"* garbage"],
    [b'1 (UID "2")'],  # a UID that is not a number
    [b"1 (UID 2 BODY[HEADER.FIELDS (SUBJECT)] {3}"],
    [(b"1 (UID 2 BODY[] {3}", b"abc"), b" FLAGS (\\Seen))"],
])
def test_odd_answers_are_left_to_the_library(data: list[object]) -> None:
    assert fetchparse.read(data) is None


# -- generated answers: never a different answer ------------------------------------------------

_NAMES = [b"UID", b"RFC822.SIZE", b"INTERNALDATE", b"BODY[]", b"BODY[]<0>", b"MODSEQ", b"FLAGS", b"X-GM-THRID",
          b"uid", b"BODY[1.2]"]
_VALUES = [b"12", b"0", b'"28-Nov-2026 02:07:19 +0000"', b'" 1-Jan-2026 00:00:00 -0000"', b"NIL", b'"x"', b'""',
           b"(\\Seen)", b"(12345)", b'"a\\"b"', b"007", b"abc", b'"29-Feb-2025 00:00:00 +0000"']


def _generated(rng: random.Random) -> list[object]:
    data: list[object] = []
    for seq in range(1, rng.randint(1, 4)):
        pairs = [rng.choice(_NAMES) + b" " + rng.choice(_VALUES) for _ in range(rng.randint(0, 4))]
        if rng.random() < 0.3:
            pairs.insert(0, b"UID " + str(rng.randint(1, 99)).encode())
        head = b"%d (" % seq + b" ".join(pairs)
        if rng.random() < 0.6:
            body = rng.randbytes(rng.randint(0, 40))
            tail = [b" " + rng.choice(_NAMES) + b" " + rng.choice(_VALUES) for _ in range(rng.randint(0, 2))]
            data += [((head + b" " if pairs else head) + b"BODY[] {%d}" % len(body), body), b"".join(tail) + b")"]
        else:
            data.append(head + b")")
    return data


def test_generated_answers_read_here_are_read_as_the_library_reads_them() -> None:
    rng = random.Random(7)
    read_here = 0
    for _ in range(5000):
        data = _generated(rng)
        for normalise in (True, False):
            fast = fetchparse.read(data, normalise)
            if fast is None:
                continue
            read_here += 1
            try:
                expected = _library(data, normalise)
            except Exception as exc:  # noqa: BLE001 - the library refuses: so must the reader
                pytest.fail(f"read {data!r}, which the library refuses ({type(exc).__name__})")
            assert fast == expected, data
    assert read_here > 1000  # the check compared answers, not only refusals


# -- a real server -----------------------------------------------------------------------------


@pytest.fixture
def client(account: Dovecot) -> Iterator[IMAPClient]:  # noqa: F811 - the shared fixture
    for n in range(6):
        _append(account, _mail(n, size=n * 3000))
    with IMAPClient("127.0.0.1", account.port, ssl=False) as c:
        c.login(account.user, account.password)
        c.enable("CONDSTORE")
        c.select_folder("INBOX", readonly=True)
        yield c


@pytest.mark.parametrize("items", [
    ["RFC822.SIZE", "BODY.PEEK[]<0.8192>", "INTERNALDATE"],  # the sync's first FETCH
    ["BODY.PEEK[]", "INTERNALDATE"],  # its whole fetch
    ["BODYSTRUCTURE"],  # the library's way
    ["FLAGS", "MODSEQ", "RFC822.SIZE"],
    ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]", "INTERNALDATE"],
])
@pytest.mark.parametrize("normalise", [True, False])
def test_answers_from_dovecot_are_the_libraries_answers(client: IMAPClient, items: list[str],
                                                       normalise: bool) -> None:
    client.normalise_times = normalise
    uids = client.search(["ALL"])
    assert len(uids) == 6
    fast = fetchparse.fetch(client, uids, items)
    assert fast == client.fetch(uids, items)
    assert set(fast) == set(uids)
    # Only the uids asked for, as the library does.
    assert set(fetchparse.fetch(client, uids[:2], items)) == set(uids[:2])


def test_the_sync_reads_dates_with_their_offset(client: IMAPClient) -> None:
    client.normalise_times = False
    got = fetchparse.fetch(client, client.search(["ALL"])[:1], ["INTERNALDATE"])
    when = next(iter(got.values()))[b"INTERNALDATE"]
    assert isinstance(when, datetime) and when.utcoffset() is not None
    assert abs(datetime.now(UTC) - when) < timedelta(hours=1)


def test_times_from_the_librarys_parser_reach_the_worker_whole() -> None:
    """A FETCH the library reads gives imapclient's own time zone class, which cannot be
    unpickled; the source hands on a plain offset, so the worker process can take the message."""
    import pickle

    from imapclient.fixed_offset import FixedOffset

    from connectors.mail.imap import _aware

    when = _aware(datetime(2026, 11, 18, 9, 0, tzinfo=FixedOffset(-300)))
    assert when is not None
    assert pickle.loads(pickle.dumps(when)) == when == datetime(2026, 11, 18, 14, 0, tzinfo=UTC)
    assert when.utcoffset() == timedelta(hours=-5)
    assert _aware(datetime(2026, 11, 18, 9, 0)) == datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    assert _aware(None) is None
