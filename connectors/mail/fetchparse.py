"""A quick reader for the plain FETCH answers a sync asks for, beside imapclient's full parser.

A first sync spends most of its time in this process reading FETCH answers, and imapclient's
parser reads them a byte at a time: on 10,000 small messages it cost more than the sync's
whole store. Nearly every answer to the sync's own FETCHes has one plain shape, though::

    * 12 FETCH (UID 40 RFC822.SIZE 4308 INTERNALDATE "28-Nov-2026 02:07:19 +0000" BODY[]<0> {4308}
    <4308 bytes>)

that is, pairs of an attribute and a number, a quoted string without escapes, NIL, or one
literal. :func:`fetch` reads that shape with a few regular expressions and gives exactly what
``IMAPClient.fetch`` gives. Any answer with anything else in it (a list such as FLAGS or
BODYSTRUCTURE, an escaped quote, two literals in one message, an unsolicited answer of an odd
form) is read by imapclient's own parser, whole, so an odd server costs speed and never
correctness.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from imapclient import IMAPClient
from imapclient.datetime_util import parse_to_datetime
from imapclient.imapclient import join_message_ids, seq_to_parenstr_upper
from imapclient.response_parser import parse_fetch_response

# An attribute name as servers send them: UID, RFC822.SIZE, BODY[]<0>, BODY[HEADER.FIELDS (A B)]
# is not one of them (it has a list in it) and goes to imapclient's parser.
_START = re.compile(rb"(\d+) \(")
# A number as imapclient reads one: 0123 stays a string there, so it is not read here.
_PAIR = re.compile(rb'([A-Za-z0-9.\[\]<>-]+) (?:(0|[1-9]\d*)|"([^"\\\r\n]*)"|(NIL))( |(?=\)))')
_LITERAL = re.compile(rb"([A-Za-z0-9.\[\]<>-]+) \{(\d+)\}")
_TAIL = re.compile(rb"\)")
# INTERNALDATE as RFC 3501 writes it: " 8-Nov-2026 02:07:19 +0000" or "28-Nov-2026 ...".
_DATE = re.compile(rb" ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)")
_MONTHS = {m: i for i, m in enumerate(b"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}

Parsed = dict[int, dict[bytes, Any]]


def fetch(client: IMAPClient, uids: Sequence[int], items: Sequence[str]) -> Parsed:
    """``client.fetch(uids, items)`` by UID, with the plain answers read quickly."""
    if not uids:
        return {}
    if not client.use_uid:  # the sync always works by UID; anything else goes the library's way
        return dict(client.fetch(uids, items))
    imap = client._imap  # noqa: SLF001 - the same steps as IMAPClient.fetch, with another reader
    tag = imap._command("UID", "FETCH", join_message_ids(uids), seq_to_parenstr_upper(items))  # noqa: SLF001
    typ, data = imap._command_complete("FETCH", tag)  # noqa: SLF001
    client._checkok("fetch", typ, data)  # noqa: SLF001
    typ, data = imap._untagged_response(typ, data, "FETCH")  # noqa: SLF001
    parsed = read(data, client.normalise_times)
    if parsed is None:
        parsed = parse_fetch_response(data, client.normalise_times, True)
    # As IMAPClient.fetch: unsolicited answers for other messages are dropped.
    return {u: parsed[u] for u in uids if u in parsed}


def read(data: list[Any], normalise_times: bool = True) -> Parsed | None:
    """The answers as ``parse_fetch_response`` gives them, or None when any is not of the plain
    shape (then that parser must read them all)."""
    if data == [None]:
        return {}
    out: Parsed = {}
    i, n = 0, len(data)
    while i < n:
        line = data[i]
        i += 1
        literal: bytes | None = None
        if isinstance(line, tuple):
            if len(line) != 2 or i >= n or not isinstance(data[i], bytes):
                return None
            line, literal = line
            tail = data[i]
            i += 1
        elif not isinstance(line, bytes):
            return None
        start = _START.match(line)
        if start is None:
            return None
        seq = int(start.group(1))
        msg: dict[bytes, Any] = {b"SEQ": seq}
        key = seq
        pos = _pairs(line, start.end(), msg)
        if pos is None:
            return None
        if literal is not None:
            lit = _LITERAL.fullmatch(line, pos)
            if lit is None or int(lit.group(2)) != len(literal):
                return None
            msg[lit.group(1).upper()] = literal
            pos = _pairs(tail, 1, msg) if tail[:1] == b" " else 0
            if pos is None or _TAIL.fullmatch(tail, pos) is None:
                return None
        elif _TAIL.fullmatch(line, pos) is None:
            return None
        if b"UID" in msg:
            key = msg.pop(b"UID")
        if b"INTERNALDATE" in msg:
            if isinstance(msg[b"INTERNALDATE"], int):
                return None
            msg[b"INTERNALDATE"] = _internaldate(msg[b"INTERNALDATE"], normalise_times)
        out.setdefault(key, {}).update(msg)
    return out


def _pairs(text: bytes, pos: int, msg: dict[bytes, Any]) -> int | None:
    """Read ``NAME value`` pairs from pos; the position after them (at a literal's name or the
    closing parenthesis), or None on anything but a number, a plain quoted string or NIL."""
    while True:
        m = _PAIR.match(text, pos)
        if m is None:
            return pos
        name, number, quoted, _nil, _sep = m.groups()
        name = name.upper()
        if name in (b"BODY", b"BODYSTRUCTURE", b"ENVELOPE") or (name == b"UID" and number is None):
            return None  # a list in any sane answer; a UID that is not a number (the library refuses it)
        msg[name] = int(number) if number is not None else quoted
        pos = m.end()


def _internaldate(value: bytes | None, normalise_times: bool) -> Any:
    """As imapclient reads INTERNALDATE: a datetime, or None when it is NIL or unreadable."""
    if value is None:
        return None
    m = None if normalise_times else _DATE.fullmatch(value)
    # "-0000" is "no known zone": the library's answer, a naive time, below.
    if m is not None and m.group(2) in _MONTHS and m.group(7, 8, 9) != (b"-", b"00", b"00"):
        day, month, year, hh, mm, ss, sign, oh, om = m.groups()
        offset = timedelta(hours=int(oh), minutes=int(om))
        with contextlib.suppress(ValueError):  # 31-Feb and the like: the library's answer below
            return datetime(int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss),
                            tzinfo=timezone(-offset if sign == b"-" else offset))
    try:
        return parse_to_datetime(value, normalise=normalise_times)
    except ValueError:
        return None
