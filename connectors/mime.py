"""Raw RFC 5322 bytes -> :class:`connectors.types.Message`.

Parsing is the hot path of a cycle, so this module uses the ``compat32`` policy: on the demo
week it parses about ten times as fast as ``policy.default`` with ``get_body()`` (``bench/cycle.py``
prints both). It does by hand the few things ``policy.default`` would have done: decoding
encoded words, charsets and addresses. It never raises on bad input: :func:`parse_message`
returns a :class:`Message` or raises :class:`Unparseable` with a reason, and :func:`try_parse`
turns that into a ``(None, reason)`` pair for callers that log and carry on.
"""

from __future__ import annotations

import binascii
import codecs
import colorsys
import email
import email.errors
import email.header
import email.parser
import email.utils
import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message as EmailMessage
from html import unescape
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo

import html2text

from connectors.types import (
    BRIEF_ID_RE,
    MAX_MESSAGE_BYTES,
    Address,
    Attachment,
    Attendee,
    Forwarded,
    Message,
    is_forward_subject,
)

#: Text beyond this many characters is dropped: a huge message must not stall a cycle.
MAX_TEXT_CHARS = 100_000
#: Parts beyond this many are ignored (deeply nested or bomb-like MIME trees).
MAX_PARTS = 500
#: Lines that may open a part ("--boundary") beyond this many are not parsed at all.
MAX_BOUNDARIES = 2000


class Unparseable(Exception):
    """The bytes are not a message focusd can read; the text says why."""



#: Where repair warnings go instead of the log when set: the sync's parse worker (agent/workers.py)
#: collects them here and sends them with its answer, and the syncing process logs them in its own
#: format and level. A list of (event, fields).
warnings_sink: list[tuple[str, dict[str, str]]] | None = None


def _warn(event: str, **fields: str) -> None:
    if warnings_sink is not None:
        warnings_sink.append((event, fields))
        return
    try:
        # structlog is imported on first use: the parse worker, which imports this module, never needs it.
        import structlog

        structlog.get_logger(__name__).warning(event, **fields)
    except Exception:  # noqa: BLE001 - a log line that cannot be written (a closed pipe) never makes a message unreadable
        pass


def try_parse(data: bytes, received: datetime | None = None) -> tuple[Message | None, str]:
    """Parse, returning ``(message, "")`` or ``(None, reason)``; never raises on bad input.

    Any failure of the parser counts as bad input, not only :class:`Unparseable`: a stranger's
    message that makes the stdlib recurse two thousand levels deep must not stop the cycle.
    """
    try:
        return parse_message(data, received=received), ""
    except Unparseable as exc:
        return None, str(exc)
    except RecursionError:
        return None, "its MIME parts are nested too deeply to read"
    except MemoryError:
        return None, "it is too large to read"
    except Exception as exc:  # noqa: BLE001 - a parser bug on one message is that message's problem
        return None, f"the parser failed on it ({type(exc).__name__})"


def parse_message(data: bytes, received: datetime | None = None) -> Message:
    """Normalise raw message bytes. ``received`` stands in when the Date header is unusable."""
    if not data or not data.strip():
        raise Unparseable("the message is empty")
    if b"\x00" in data[:4096] and b":" not in data[:200]:
        raise Unparseable("the data is binary, not a mail message")
    cut = len(data) > MAX_MESSAGE_BYTES
    if cut:
        data = data[:MAX_MESSAGE_BYTES]
    data = _cut_parts(data)
    msg = _message_from_bytes(data)
    if not msg.keys():
        msg = _skip_leading_garbage(data)

    headers = _Headers(msg)
    problems: list[str] = []
    text, attachments, invite, text_cut = _body(msg, headers, cut, problems)
    subject = _header(headers, "Subject").strip()
    sender = _addresses(headers, "From")
    if _header(headers, "X-Trasporto").strip().lower() == "posta-certificata":
        text, attachments, invite, text_cut, subject, sender = _certified(msg, (text, attachments, invite, text_cut),
                                                                          subject, sender, cut, problems)
    elif is_forward_subject(subject) and any(a.content_type == "message/rfc822" for a in attachments):
        text = _with_attached_forward(msg, text, cut, problems)
    reply_text = visible_reply(text)
    references = _msgids(_header(headers, "References"))
    in_reply_to_ids = _msgids(_header(headers, "In-Reply-To"))
    if invite is not None and invite.method == "REQUEST" and invite.uid and not references and not in_reply_to_ids:
        # A fresh invitation belongs to its event's thread, where the event's own description
        # is read (agent.intake): the same agenda read from both resolves to one item each ask.
        references = [event_thread_id(invite.uid)]
    in_reply_to = in_reply_to_ids[0] if in_reply_to_ids else ""
    message_id = _message_id(headers, data)
    date, dated = _date(headers, received, problems)
    for reason in problems:  # what was read around; the text itself is never logged
        _warn("message.repaired", message_id=message_id, reason=reason)
    from_addr = sender[0] if sender else Address("", "")
    return Message(
        message_id=message_id,
        subject=subject,
        sender=from_addr,
        to=_addresses(headers, "To"),
        cc=_addresses(headers, "Cc"),
        date=date,
        dated=dated,
        text=text,
        text_cut=text_cut,
        reply_text=reply_text,
        in_reply_to=in_reply_to,
        references=references,
        # ...ARC's copies too: a failure any server on the way recorded counts against a reply
        authentication_results=[_header_value(v) for name in ("Authentication-Results", "ARC-Authentication-Results")
                                for v in headers.get_all(name) or []],
        attachments=attachments,
        is_bulk=is_bulk(headers, from_addr.email, reply_text),
        is_brief_reply=any(BRIEF_ID_RE.fullmatch(i) for i in [*in_reply_to_ids, *references]),
        strict_from=_strict_from(headers),
        **list_and_verdict_facts(msg, headers),
    )


# Italian certified mail (PEC): the provider's envelope says who sent what ("Messaggio di posta
# elettronica certificata ... Il messaggio originale è incluso in allegato") and carries the message
# itself as postacert.eml; some providers quote it below a rule instead ("...è riportato di seguito").
_PEC_SUBJECT_RE = re.compile(r"^\s*POSTA CERTIFICATA:\s*", re.I)
# The provider's note that opens the envelope's own text: its first line ("--Questo è un Messaggio di
# Posta Certificata--", "Messaggio di posta elettronica certificata"), then who sent what to whom, to
# the message's identifier ("Identificativo messaggio: opec...") or to where the message is ("Il
# messaggio originale è riportato di seguito"), and a rule under it.
_PEC_NOTE_RE = re.compile(r"\s*(?:-{2,}\s*)?(?:questo è un )?messaggio di posta (?:elettronica )?certificata[ \t]*(?:-{2,}[ \t]*)?\n",
                          re.I)
_PEC_NOTE_END_RE = re.compile(r"^[^\n]*(?:identificativo (?:del )?messaggio\s*:|messaggio originale è (?:riportato|incluso))[^\n]*\n"
                              r"(?:\s*-{3,}\s*\n)?", re.I | re.M)
_PEC_ON_BEHALF_RE = re.compile(r"^\s*per conto di:\s*([^\s@]+@[^\s@]+)\s*$", re.I)


def _certified(msg: EmailMessage, body: tuple[str, list[Attachment], Invitation | None, bool], subject: str,
               sender: list[Address], cut: bool,
               problems: list[str]) -> tuple[str, list[Attachment], Invitation | None, bool, str, list[Address]]:
    """A PEC envelope read as the message it carries: its text, attachments and subject, and the
    sender's name ("Per conto di: amministrazione@..." or the carried message's From). The
    address stays the envelope's: whose mail it is, for the owner's own and for trust, is decided
    on the envelope the receiving server checked, never on what it carries."""
    text, attachments, invite, text_cut = body
    carried: EmailMessage | None = None
    for part in _walk(msg):
        if part is not msg and part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            # (a carried part that parses to no headers, such as one sent base64-encoded, is no message)
            if isinstance(inner, list) and inner and isinstance(inner[0], EmailMessage) and inner[0].keys():
                carried = inner[0]
                break
    name = ""
    if carried is not None:
        own = _Headers(carried)
        text, attachments, invite, text_cut = _body(carried, own, cut, problems)
        subject = _header(own, "Subject").strip() or subject
        inner_from = _addresses(own, "From")
        # ...by its name only: an address where the name goes is no name ("ada@example.com")
        name = inner_from[0].name if inner_from and "@" not in inner_from[0].name else ""
    elif (note := _PEC_NOTE_RE.match(text)) is not None:
        # The message quoted below the provider's note: what follows the note's last line ("Identificativo
        # messaggio: ...", or where the message is said to be) and a rule.
        end = note.end()
        first = _PEC_NOTE_END_RE.search(text, end, end + 2000)
        while first is not None:
            end = first.end()
            # ...and the note's lines right after it ("Identificativo messaggio: ..." after "riportato di seguito")
            first = _PEC_NOTE_END_RE.match(text, end + len(text[end:]) - len(text[end:].lstrip("\n")))
        text = text[end:]
    subject = _PEC_SUBJECT_RE.sub("", subject)
    if sender:
        behalf = _PEC_ON_BEHALF_RE.match(sender[0].name)
        # ("amministrazione@pec.elettroquadri.example" is named "Amministrazione")
        name = name or (behalf.group(1).split("@")[0].replace(".", " ").replace("_", " ").title() if behalf else "")
        if name:
            sender = [Address(name, sender[0].email), *sender[1:]]
    return text, attachments, invite, text_cut, subject, sender


def _cut_parts(data: bytes) -> bytes:
    """``data`` cut before its ``MAX_BOUNDARIES``-th line that could open a MIME part. The stdlib
    parser builds every part before anything can be skipped: a 10 MB message of two million
    empty parts took 600 MB and sixteen seconds. The parts a person wrote come first."""
    at = -1
    for _ in range(MAX_BOUNDARIES):
        at = data.find(b"\n--", at + 1)
        if at < 0:
            return data
    return data[: at + 1]


def _message_from_bytes(data: bytes) -> EmailMessage:
    """``email.message_from_bytes(data)``: the same message, faster for most mail.

    The stdlib parser reads a body line by line, matching every line of a part against its
    boundary, only to join the lines again. Here only the header sections go through it: a
    single-part body becomes the payload as it stands, and a flat multipart body is cut at
    its boundary lines (:func:`_attach_parts`), as the parser would cut it. Anything else is
    parsed whole.
    """
    text = data.decode("ascii", "surrogateescape")  # as BytesParser decodes it
    head = _header_section(text)
    # An attached message as the whole body is parsed whole at once, not after a header parse.
    if head and "message/" not in head.lower():
        msg = _parse_header_section(head)
        # An empty payload proves the headers ended at the blank line that ends ``head``: had
        # they ended sooner, the lines after would be payload, that blank line among them.
        if msg.get_payload() == "":
            maintype = msg.get_content_maintype()
            if maintype not in ("multipart", "message"):
                msg.set_payload(text[len(head) :])
                return msg
            if maintype == "multipart" and _attach_parts(msg, text[len(head) :]):
                return msg
    return email.parser.Parser().parsestr(text)  # what email.message_from_bytes does after decoding


def _header_section(text: str) -> str:
    """``text`` up to its first blank line, that line included; "" when it has none."""
    # The kind of blank line the first line break suggests is looked for first, the other only
    # before it, so a body is not scanned to its end for a kind it does not use. Whichever
    # comes first ends the section.
    nl = text.find("\n")
    likely, other = ("\n\r\n", "\n\n") if nl > 0 and text[nl - 1] == "\r" else ("\n\n", "\n\r\n")
    at = text.find(likely)
    end = at + len(likely) if at >= 0 else 0
    before = text.find(other, 0, end or len(text))
    return text[: before + len(other) if before >= 0 else end]


def _headers_then_payload(text: str) -> EmailMessage:
    """``Parser().parsestr(text, headersonly=True)``, with the payload not read line by line."""
    head = _header_section(text)
    if head:
        msg = _parse_header_section(head)
        if msg.get_payload() == "":  # the headers ended where ``head`` does, as above
            msg.set_payload(text[len(head) :])
            return msg
    return email.parser.Parser().parsestr(text, headersonly=True)


# A header line as the stdlib parser's header pattern takes it, with a name before its colon.
_NAMED_HEADER_RE = re.compile(r"[\041-\071\073-\176]+:")


def _parse_header_section(head: str) -> EmailMessage:
    """``Parser().parsestr(head, headersonly=True)`` for a header section that ends in its first
    blank line. One of plain named lines and their folds is read here, as the parser reads it
    (each header's lines to the policy's ``header_source_parse``); any other goes to the parser,
    for its defects and envelope lines."""
    if "\r" in head and head.count("\r") != head.count("\r\n"):
        return email.parser.Parser().parsestr(head, headersonly=True)
    msg = EmailMessage()
    lines = [line + "\n" for line in head.split("\n")[:-1]]  # head ends in "\n"
    source: list[str] = []
    for line in lines[:-1]:  # the last is the blank line
        if line[0] in " \t" and source:
            source.append(line)
            continue
        if not _NAMED_HEADER_RE.match(line):
            return email.parser.Parser().parsestr(head, headersonly=True)
        if source:
            msg.set_raw(*msg.policy.header_source_parse(source))
        source = [line]
    if source:
        msg.set_raw(*msg.policy.header_source_parse(source))
    msg.set_payload("")  # the lines after the headers, none
    return msg


@functools.lru_cache(maxsize=256)
def _boundary_re(boundary: str) -> re.Pattern[str]:
    """The stdlib parser's pattern for a boundary line, inter-part or closing."""
    return re.compile("(?P<sep>" + re.escape("--" + boundary) + r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$")


def _without_last_eol(text: str) -> str:
    """``text`` without the line break it ends in, if any: what the stdlib parser strips with
    ``(\\r\\n|\\r|\\n)\\Z``, found without a pattern scanning the text from its start."""
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith(("\r", "\n")) else text


def _attach_parts(msg: EmailMessage, body: str) -> bool:
    """Give ``msg`` (multipart, headers parsed) the parts, preamble and epilogue the stdlib
    parser finds in ``body``, and True; or False, with ``msg`` as it was, for any body the
    parser would read in a way this does not: nested or attached messages, a digest, a bad
    transfer encoding, a bare CR, two boundary lines in a row, a missing first or last boundary.
    """
    boundary = msg.get_boundary()
    if (boundary is None or msg.get_content_type() == "multipart/digest"
            or str(msg.get("content-transfer-encoding", "8bit")).lower() not in ("7bit", "8bit", "binary")):
        return False
    if "\r" in body and body.count("\r") != body.count("\r\n"):
        return False  # lines end at "\n" alone, so a line is what the parser takes for one
    rx = _boundary_re(boundary)
    separator = "--" + boundary
    marks: list[tuple[int, int]] = []  # (start, end) of each boundary line up to the closing one
    closed = False
    at = body.find(separator)
    while at >= 0:
        if at == 0 or body[at - 1] == "\n":
            nl = body.find("\n", at)
            stop = len(body) if nl < 0 else nl + 1
            m = rx.match(body, at, stop)
            if m:
                if m.group("end"):
                    if not marks:
                        return False  # the parser takes what comes before for the payload
                    marks.append((at, stop))
                    closed = True
                    break
                marks.append((at, stop))
        at = body.find(separator, at + 1)
    if not closed:
        return False
    parts: list[EmailMessage | str] = []
    for (_, start), (stop, _) in zip(marks, marks[1:], strict=False):
        if start == stop:
            return False  # the parser skips a boundary line right after another
        # A part that is not itself multipart or a message is read to its end as a single part.
        part = _headers_then_payload(body[start:stop])
        if part.get_content_maintype() in ("multipart", "message"):
            return False
        payload = part._payload  # type: ignore[attr-defined]  # as parsed: get_payload() decodes 8-bit text
        if isinstance(payload, str):
            part.set_payload(_without_last_eol(payload))  # the line break belongs to the boundary
        parts.append(part)
    if marks[0][0]:
        msg.preamble = _without_last_eol(body[: marks[0][0]])
    msg.epilogue = body[marks[-1][1] :]
    msg.set_payload(parts)  # the list the parser attaches them to
    return True


_HEADER_LINE_RE = re.compile(rb"^[!-9;-~]+:")


def _skip_leading_garbage(data: bytes) -> EmailMessage:
    """Recover a message whose first lines are not headers (a mangled first field, a banner)."""
    lines = data.split(b"\n", 6)
    for skip in range(1, min(len(lines) - 1, 5)):
        if _HEADER_LINE_RE.match(lines[skip]):
            msg = email.message_from_bytes(b"\n".join(lines[skip:]) if skip < 6 else data)
            if msg.keys():
                return msg
    raise Unparseable("the data has no mail headers")


# -- headers -------------------------------------------------------------------------------------


class _Headers:
    """A message's headers by lower-case name, gathered in one pass. ``Message.get`` lowers and
    compares the name of every header on each call, and a message is asked for a score of them.
    Values come back as ``Message.get`` and ``Message.get_all`` would return them."""

    def __init__(self, msg: EmailMessage) -> None:
        self._fetch = msg.policy.header_fetch_parse
        self._by_name: dict[str, list[tuple[str, Any]]] = {}
        for name, value in msg.raw_items():
            self._by_name.setdefault(name.lower(), []).append((name, value))

    def _value(self, name: str, value: Any) -> Any:
        # Raw 8-bit bytes (UTF-8 headers, as many mailers send them) stay as the parser kept
        # them, so _header_value can decode them; the policy would hand back a Header whose
        # text has already replaced them with U+FFFD.
        if isinstance(value, str) and not value.isascii() and _ESCAPED_BYTE_RE.search(value):
            return value
        return self._fetch(name, value)

    def get(self, name: str) -> Any:
        """The first header called ``name`` (in any case), or None."""
        found = self._by_name.get(name.lower())
        return self._value(*found[0]) if found else None

    def first_raw(self, name: str) -> Any:
        """The first header called ``name`` as the parser stored it, or None."""
        found = self._by_name.get(name.lower())
        return found[0][1] if found else None

    def get_all(self, name: str) -> list[Any]:
        """Every header called ``name`` (in any case), in order."""
        return [self._value(*pair) for pair in self._by_name.get(name.lower(), ())]


def _codec(charset: str | None) -> str | None:
    """The codec for a declared charset, or None when Python does not know it."""
    if not charset or charset.lower() in ("unknown-8bit", "x-unknown"):
        return None
    try:
        return codecs.lookup(charset).name
    except (LookupError, ValueError, TypeError):  # unknown, or a name with a NUL in it
        return None


def _decode_bytes(raw: bytes, charset: str | None) -> str:
    """Decode with the declared charset, falling back for unknown or lying charsets."""
    codec = _codec(charset)
    if codec == "iso8859-1":
        # Mail labelled Latin-1 is Windows-1252 more often than not (Outlook's quotes and dashes,
        # bytes 0x80-0x9f), as browsers read it: those bytes are no Latin-1 text, only controls.
        codec = "cp1252"
    for candidate in (codec, "utf-8"):
        if candidate is None:
            continue
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            continue
    # Text labelled UTF-8 (or ASCII) that is not: 8-bit text from a mailer that labels everything
    # UTF-8 ("caf\xe9"), read as Windows-1252 or Latin-1 rather than as replacement marks.
    if codec is not None and codec not in ("utf-8", "ascii"):
        return raw.decode(codec, errors="replace")
    return raw.decode("cp1252", errors="replace") if _is_cp1252(raw) else raw.decode("latin-1")


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _header_value(value: Any) -> str:
    """A header as text: encoded words decoded, raw 8-bit bytes taken as UTF-8 when they are,
    else as Windows-1252 (Latin-1's superset)."""
    if isinstance(value, email.header.Header):
        value = str(value)
    text = str(value)
    # Escaped raw bytes are non-ASCII: ASCII text, most headers, needs no search for them.
    if not text.isascii() and _ESCAPED_BYTE_RE.search(text):
        text = _decode_bytes(text.encode("ascii", "surrogateescape"), None)  # UTF-8, else Windows-1252
    if "=?" not in text:
        return _unfold(text)
    try:
        parts = email.header.decode_header(text)
    except Exception:  # noqa: BLE001 - malformed encoded words: keep the raw text
        return _unfold(text)
    out = []
    for chunk, charset in parts:
        out.append(_decode_bytes(chunk, charset) if isinstance(chunk, bytes) else chunk)
    return _unfold("".join(out))


_ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")
# Control characters, and a terminal's escape sequences whole (a CSI "ESC [ 2 J", an OSC title
# "ESC ] 0 ; text BEL"), so that none of their rest ("[2J") reaches a title, a brief or a terminal.
_CONTROL_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]{0,256}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]|"
                         r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FOLD_RE = re.compile(r"\r?\n[ \t]*")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])  # what _CONTROL_RE matches


def _no_controls(text: str) -> str:
    """``text`` with the control characters of :data:`_CONTROL_RE` made spaces. A message body is
    kilobytes, where the pattern scans slowly: ASCII text is first tested as bytes, which is fast."""
    if text.isascii():
        raw = text.encode("ascii")
        if len(raw.translate(None, _CONTROL_BYTES)) == len(raw):
            return text
    return _CONTROL_RE.sub(_blank, text)


def _blank(found: re.Match[str]) -> str:
    """A lone control character becomes a space; an escape sequence goes whole."""
    return " " if len(found.group()) == 1 else ""


def _unfold(text: str) -> str:
    """One line of header text: folds joined, control characters (a NUL, an escape) made spaces,
    so they reach no title, brief or terminal."""
    if "\n" in text:  # a fold is a line break
        text = _FOLD_RE.sub(" ", text)
    if text.isprintable():  # control characters are never printable: nothing to replace
        return text
    return _CONTROL_RE.sub(_blank, text)


def _header(msg: EmailMessage | _Headers, name: str) -> str:
    value = msg.get(name)
    return "" if value is None else _header_value(value)


def _addresses(msg: _Headers, name: str) -> list[Address]:
    return list(_parse_addresses(tuple(str(v) for v in msg.get_all(name) or [])))


@functools.lru_cache(maxsize=4096)
def _parse_addresses(values: tuple[str, ...]) -> tuple[Address, ...]:
    """The addresses in header values, parsed as they came and only then the display names
    decoded: decoding first would let an encoded display name ("=?utf-8?q?boss@corp?=")
    pass for an address. Cached: a mailbox names the same few people (its owner above all)
    in message after message, and the stdlib's address parser is slow."""
    out = []
    for display, addr in email.utils.getaddresses([_unfold(v) for v in values]):
        addr = addr.strip().strip("<>")
        if not addr and not display:
            continue
        if not addr.isascii():  # raw 8-bit (an internationalised address): bytes back to text
            addr = _header_value(addr)
        out.append(Address(name=_header_value(display).strip(), email=addr.lower()))
    return tuple(out)


def _strict_from(headers: _Headers) -> str:
    """The From address when it is beyond doubt, else "": one From header, holding one address
    and one "@" (a display name with an address in it, plain or encoded, is a classic way to
    show one address to the reader and another to the mail servers). An encoded display name
    that decodes to a plain name is no doubt."""
    values = headers.get_all("From")
    if len(values) != 1:
        return ""
    return _strict_address(_unfold(str(values[0])))


@functools.lru_cache(maxsize=4096)
def _strict_address(raw: str) -> str:
    """:func:`_strict_from` for one From value. Cached, as :func:`_parse_addresses` is: the same
    senders write again and again."""
    found = email.utils.getaddresses([raw])
    if len(found) != 1 or raw.count("@") != 1:
        return ""
    if "=?" in raw:
        # An encoded display name (any client writes "Adá Lovelace" so) is fine when it decodes to
        # a name: no address, no brackets; and the address itself is never encoded.
        display, bracket, address = raw.rpartition("<")
        name = _header_value(display) if bracket and "=?" not in address else "@"
        if any(c in name for c in "@<>,;:"):
            return ""
    addr = found[0][1].strip().lower()
    return addr if addr.count("@") == 1 and addr.isascii() else ""


_MSGID_RE = re.compile(r"<[^<>\s]+>")


def _msgids(value: str) -> list[str]:
    return _MSGID_RE.findall(value)


def _message_id(msg: _Headers, data: bytes) -> str:
    ids = _msgids(_header(msg, "Message-ID"))
    if ids:
        return ids[0]
    raw = _header(msg, "Message-ID").strip()
    if raw and " " not in raw:
        return f"<{raw.strip('<>')}>"
    # No usable id: derive one from what survives delivery (not the Received headers every
    # server adds), so the same message delivered twice de-duplicates.
    head_end = min((i for i in (data.find(b"\n\n"), data.find(b"\r\n\r\n")) if i >= 0), default=len(data))
    stable = "\n".join(_header(msg, h) for h in ("From", "To", "Subject", "Date")).encode("utf-8", "surrogatepass")
    return f"<{hashlib.sha256(stable + data[head_end:]).hexdigest()[:32]}@focusd.invalid>"


def _date_candidates(msg: _Headers) -> Iterator[str]:
    """The Date header, then each Received header's date; the Received ones decoded only when
    asked for, as most mail has a Date that parses."""
    yield _header(msg, "Date")
    for rcvd in msg.get_all("Received") or []:
        yield _header_value(rcvd).rpartition(";")[2]


#: A date this far past when the message arrived is a sender's lie or a broken clock, not a date.
DATE_AHEAD = timedelta(days=1)


def _date(msg: _Headers, received: datetime | None, problems: list[str]) -> tuple[datetime, bool]:
    """When the message was written, and whether its Date header said so. Without one, the
    first Received header stands in (when a server took it), else when it arrived; neither
    is the same for two deliveries of one message, so the message is not ``dated``. A date
    more than :data:`DATE_AHEAD` past ``received`` is passed over as one that does not parse:
    dated year 9999, a message would never age and its asks would fall due then. Without
    ``received`` (a file read by a tool) nothing says when the message came."""
    if received is not None and received.tzinfo is None:
        received = received.replace(tzinfo=UTC)
    for n, value in enumerate(_date_candidates(msg)):
        if not value.strip():
            if n == 0:
                problems.append("it has no Date header: another date stands in")
            continue
        try:
            parsed = email.utils.parsedate_to_datetime(value.strip())
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
        if parsed is None:
            if n == 0:  # a Received header's date is the server's, and only a stand-in
                problems.append("its Date header does not parse: another date stands in")
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        if received is not None and parsed - received > DATE_AHEAD:
            ahead = parsed - received
            said = f"{ahead.days} day{'s' if ahead.days != 1 else ''}"  # a day at least: see DATE_AHEAD
            problems.append(f"its {'Date' if n == 0 else 'Received'} header is {said} "
                            "after it arrived: not taken for its date")
            continue
        return parsed, n == 0
    return received or datetime.now(UTC), False


# -- body ----------------------------------------------------------------------------------------


def _body(msg: EmailMessage, headers: _Headers, cut: bool,
          problems: list[str]) -> tuple[str, list[Attachment], Invitation | None, bool]:
    """The text, attachments and invitation of ``msg``, and whether the text was cut short;
    ``cut`` when its bytes were cut at the size limit. What had to be repaired to read it is
    added to ``problems``."""
    plain: str | None = None
    html: str | None = None
    invite: Invitation | None = None
    attachments: list[Attachment] = []
    # The part each text came from, and the last part: bytes cut at the limit end in that one.
    plain_part: EmailMessage | None = None
    html_part: EmailMessage | None = None
    last: EmailMessage | None = None
    for count, part in enumerate(_walk(msg)):
        if count >= MAX_PARTS:
            break
        last = part
        if part is not msg and part.get_content_maintype() == "message":
            # An attached mail is someone else's words: listed, never read as this one's text.
            attachments.append(Attachment(_filename(part, _Headers(part)) or "message.eml", part.get_content_type(), 0))
            continue
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if ctype.startswith("multipart/") and plain is None:
            # A multipart without a boundary parses as one flat part: its body is the text, past
            # any part headers the sender wrote ("--xyz", "Content-Type: text/plain").
            plain, plain_part = _unbounded_text(part, problems), part
            continue
        own = headers if part is msg else _Headers(part)
        filename = _filename(part, own)
        disposition = _header(own, "Content-Disposition").split(";")[0].strip().lower()
        # A named text part is still the body when it is inline or the whole message.
        body_like = ctype.startswith("text/") and (not filename or disposition == "inline" or part is msg)
        if disposition == "attachment" or not body_like:
            attachments.append(Attachment(filename, ctype, _attachment_size(part, own)))
            continue
        if ctype == "text/plain" and plain is None:
            plain, plain_part = _text_of(part, own, problems), part
        elif ctype == "text/html" and html is None:
            html, html_part = _text_of(part, own, problems), part
        elif ctype == "text/calendar" and invite is None:
            invite = parse_invitation(_text_of(part, own))
    if plain is not None and plain.strip():
        text = plain
        cut = cut and plain_part is last
    elif html is not None:
        # Markup is several times its text; converting megabytes of it would stall the cycle.
        cut = (cut and html_part is last) or len(html) > MAX_TEXT_CHARS * 4
        head = html[: MAX_TEXT_CHARS * 4]
        if head.rfind("<") > head.rfind(">"):  # a tag cut in two would read as text ("<di")
            head = head[: head.rfind("<")]
        text = html_to_text(head)
        if len(html) > MAX_TEXT_CHARS * 4:
            # Said, as text past the bound is not read: markup nested or padded that deep
            # before any text would otherwise read as a message with none.
            problems.append(f"its HTML is {len(html)} characters: only the first {MAX_TEXT_CHARS * 4} were read"
                            + ("" if text.strip() else ", and they hold only markup (nested or padded too deep)"))
    elif invite is not None and invite.method == "REQUEST":
        text = invite.description  # an invitation with no text of its own: its agenda is the text
    else:
        text, cut = plain or "", False
    text = _no_controls(text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " "))
    cut = cut or len(text) > MAX_TEXT_CHARS
    if cut:
        text = cut_at_boundary(text, MAX_TEXT_CHARS)
    return text, attachments, invite, cut


_PART_LINE_RE = re.compile(r"^(?:content-(?:type|transfer-encoding|disposition|id|description|language)|mime-version)\s*:.*$",
                           re.I)


def _unbounded_text(part: EmailMessage, problems: list[str]) -> str:
    """The text of a multipart that names no boundary: its lines, without the boundary lines and
    the part headers written before each part's text."""
    problems.append("it is multipart but names no boundary: its body is read as text")
    raw = part.get_payload(decode=True)
    body = _decode_bytes(raw, part.get_content_charset()) if isinstance(raw, bytes) else str(part.get_payload())
    kept: list[str] = []
    in_head = True  # at a part's start: its header lines come before a blank line
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith("--") and " " not in stripped:
            in_head = True  # a boundary line: the next part's headers follow
            continue
        if in_head and _PART_LINE_RE.match(stripped):
            continue
        if in_head and not stripped:
            in_head = False
            continue
        in_head = False
        kept.append(line)
    return "\n".join(kept).strip()


# A sentence's end with a space after it, or a line's end: where cut text may stop.
_SENTENCE_END_RE = re.compile(r"[.!?…。！？][\"'”’)\]]*(?=\s)|\n")
# How far back from a cut a sentence's end is looked for before settling for a word's end.
_SENTENCE_REACH = 2000


def cut_at_boundary(text: str, limit: int) -> str:
    """``text`` cut short of ``limit`` characters after its last whole sentence within reach,
    else its last whole word: what is cut mid-word ("Send Tom the si") reads as another ask.
    The last characters are taken for a fragment even when ``text`` fits, for a caller whose
    text was already cut (its bytes, at a size limit)."""
    head = text[:limit]
    ends = list(_SENTENCE_END_RE.finditer(head, max(0, len(head) - _SENTENCE_REACH)))
    if ends:
        return head[: ends[-1].end()].rstrip()
    if head[-1:].isspace() or text[limit : limit + 1].isspace():
        return head  # cut between two words already
    space = max(head.rfind(" "), head.rfind("\t"))
    return head[:space].rstrip() if space > 0 else ""


# -- invitations -----------------------------------------------------------------------------------

#: Characters of a text/calendar part read: an invitation is a few kilobytes.
MAX_CALENDAR_CHARS = 64 * 1024
#: Attendees kept from one invitation.
MAX_ATTENDEES = 200


@dataclass(frozen=True)
class Invitation:
    """The facts of an invitation's first VEVENT: what, when, who asks, who answered what."""

    method: str  # REQUEST, CANCEL, REPLY, PUBLISH, or "" when the part names none
    uid: str
    summary: str
    description: str
    start: datetime | None
    all_day: bool
    organizer: str
    attendees: tuple[Attendee, ...]

    def status_of(self, email_: str) -> str:
        """The PARTSTAT (lower-case) the invitation gives ``email_``, "" when not invited."""
        return next((a.status for a in self.attendees if a.email == email_.lower()), "")


def event_thread_id(uid: str) -> str:
    """The thread of everything read about one calendar event (its description, invitations)."""
    return f"<event.{hashlib.sha256(uid.encode('utf-8', 'replace')).hexdigest()[:24]}@focusd>"


_UNESCAPE_RE = re.compile(r"\\([\\;,nN])")
_UNFOLD_ICS_RE = re.compile(r"\r?\n[ \t]")


def _ics_text(value: str) -> str:
    return _CONTROL_RE.sub(_blank, _UNESCAPE_RE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value))


def _ics_line(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=V;...:VALUE as (upper-case name, params with upper-case keys, value)."""
    # The value starts at the first colon outside quotes: a quoted parameter may hold one.
    quoted, at = False, len(line)
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            at = i
            break
    head, value = line[:at], line[at + 1 :]
    name, *params = head.split(";")
    parsed = {}
    for p in params:
        k, _eq, v = p.partition("=")
        parsed[k.strip().upper()] = v.strip().strip('"')
    return name.strip().upper(), parsed, value


def _ics_address(value: str) -> str:
    value = value.strip()
    return (value[7:] if value.lower().startswith("mailto:") else value).strip().lower()


def _ics_start(value: str, params: dict[str, str]) -> tuple[datetime | None, bool]:
    value = value.strip()
    try:
        if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
            return datetime.strptime(value[:8], "%Y%m%d").replace(tzinfo=UTC), True
        when = datetime.strptime(value.rstrip("Zz")[:15], "%Y%m%dT%H%M%S")
    except ValueError:
        return None, False
    if value.upper().endswith("Z"):
        return when.replace(tzinfo=UTC), False
    tzid = params.get("TZID", "")
    try:
        return when.replace(tzinfo=ZoneInfo(tzid) if tzid else UTC), False
    except (ValueError, KeyError, OSError):  # an unknown or Windows zone name: the wall time, read as UTC
        return when.replace(tzinfo=UTC), False


def invitation_of(data: bytes) -> Invitation | None:
    """The invitation a raw message carries in its first text/calendar part, or None; never raises."""
    try:
        msg = email.message_from_bytes(_cut_parts(data[:MAX_MESSAGE_BYTES]))
        for count, part in enumerate(_walk(msg)):
            if count >= MAX_PARTS:
                break
            if not part.is_multipart() and part.get_content_type() == "text/calendar":
                return parse_invitation(_text_of(part, _Headers(part)))
    except Exception:  # noqa: BLE001 - a stranger's message: unreadable is no invitation
        return None
    return None


def parse_invitation(text: str) -> Invitation | None:
    """The first VEVENT of a text/calendar part, or None when there is none or it cannot be read.
    Bounded (:data:`MAX_CALENDAR_CHARS`, :data:`MAX_ATTENDEES`) and never raises: the part is a
    stranger's text."""
    try:
        return _parse_invitation(text[:MAX_CALENDAR_CHARS])
    except Exception:  # noqa: BLE001 - a broken calendar part is no invitation, never a failed message
        return None


def _parse_invitation(text: str) -> Invitation | None:
    method = ""
    fields: dict[str, str] = {}
    start: tuple[datetime | None, bool] = (None, False)
    attendees: list[Attendee] = []
    depth, in_event, seen_event = 0, False, False
    for line in _UNFOLD_ICS_RE.sub("", text).splitlines():
        name, params, value = _ics_line(line)
        if name == "BEGIN":
            depth += 1
            if value.strip().upper() == "VEVENT" and not seen_event:
                in_event, seen_event, depth = True, True, 0
            continue
        if name == "END":
            if in_event and depth == 0 and value.strip().upper() == "VEVENT":
                in_event = False
            depth -= 1
            continue
        if name == "METHOD" and not in_event:
            method = value.strip().upper()[:20]
        if not in_event or depth:  # an alarm inside the event has a DESCRIPTION of its own
            continue
        if name in ("UID", "SUMMARY", "DESCRIPTION", "ORGANIZER") and name not in fields:
            fields[name] = value
        elif name == "DTSTART" and start[0] is None:
            start = _ics_start(value, params)
        elif name == "ATTENDEE" and len(attendees) < MAX_ATTENDEES:
            attendees.append(Attendee(_ics_address(value), _ics_text(params.get("CN", "")),
                                      params.get("PARTSTAT", "NEEDS-ACTION").lower()))
    if not seen_event:
        return None
    return Invitation(method=method, uid=fields.get("UID", "").strip(), summary=_ics_text(fields.get("SUMMARY", "")),
                      description=_ics_text(fields.get("DESCRIPTION", ""))[:MAX_TEXT_CHARS], start=start[0],
                      all_day=start[1], organizer=_ics_address(fields.get("ORGANIZER", "")),
                      attendees=tuple(attendees))


# The IMAP source leaves an attachment's body on the server and notes its decoded size here.
OMITTED_HEADER = "X-Focusd-Omitted-Bytes"


def _attachment_size(part: EmailMessage, own: _Headers) -> int:
    size = len(_payload(part))
    noted = _header(own, OMITTED_HEADER)
    if size == 0 and noted.isdigit() and len(noted) <= 12:  # only a size, never more than a terabyte
        return int(noted)
    return size


def _walk(msg: EmailMessage) -> Iterator[EmailMessage]:
    """The parts of ``msg`` in order, like ``Message.walk`` but without entering an attached
    message (message/rfc822 and the like), and without recursion."""
    stack = [msg]
    while stack:
        part = stack.pop()
        yield part
        if part.is_multipart() and (part is msg or part.get_content_maintype() != "message"):
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(p for p in reversed(payload) if isinstance(p, EmailMessage))


def _filename(part: EmailMessage, own: _Headers) -> str:
    """The part's file name; ``own`` holds its headers."""
    try:
        # The name is a "filename" or "name" parameter of one of these headers: without those
        # letters in them (in any case) there is none, and parsing their parameters is slow.
        if not any("name" in str(own.get(h) or "").lower() for h in ("Content-Disposition", "Content-Type")):
            return ""
        name = part.get_filename()
    except Exception:  # noqa: BLE001 - RFC 2231 parameters can be broken in many ways
        return ""
    return _header_value(name) if name else ""


def _payload(part: EmailMessage, problems: list[str] | None = None) -> bytes:
    """The part's decoded body; what had to be repaired is added to ``problems``."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - broken transfer encoding: take the raw payload
        payload = None
    if any(isinstance(d, email.errors.InvalidBase64LengthDefect) for d in part.defects):
        # The stdlib hands back the base64 itself when its length is not whole quanta (a body
        # cut short): the text would be base64, its words lost. What decodes is kept.
        return _b64_quanta(part.get_payload(), problems)
    if problems is not None and any(isinstance(d, email.errors.InvalidBase64PaddingDefect) for d in part.defects):
        problems.append("its base64 body ends inside a quantum, as one cut short does: read as far as it decodes")
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("ascii", "surrogateescape")
    return b""


_NOT_BASE64_RE = re.compile(r"[^A-Za-z0-9+/]")


def _b64_quanta(raw: Any, problems: list[str] | None) -> bytes:
    """The bytes of a base64 body cut short, up to its last whole quantum of four characters."""
    if not isinstance(raw, str):
        return b""
    chars = _NOT_BASE64_RE.sub("", raw.split("=", 1)[0])
    whole = len(chars) - len(chars) % 4
    if problems is not None:
        problems.append(f"its base64 body is cut short: {len(chars) - whole} characters after the last "
                        f"whole quantum were dropped, {whole // 4 * 3} bytes decoded")
    return binascii.a2b_base64(chars[:whole].encode("ascii")) if whole else b""


def _text_of(part: EmailMessage, own: _Headers, problems: list[str] | None = None) -> str:
    raw = _payload(part, problems)
    content_type = own.first_raw("Content-Type")
    try:
        charset = None if content_type is None else _charset_param(content_type)
    except Exception:  # noqa: BLE001 - e.g. a non-ASCII charset parameter
        charset = None
    if raw and (_codec(charset) or "").startswith(("utf-16", "utf-32")) and b"\x00" not in raw[:4096]:
        # Text in UTF-16 or UTF-32 is full of zero bytes; 8-bit text labelled so would read as
        # a page of CJK signs and its asks be lost.
        if problems is not None:
            problems.append(f"its charset says {charset} but the text is 8-bit: read as such")
        charset = None
    text = _decode_bytes(raw, charset)
    if content_type is not None and "flowed" in str(content_type).lower():
        flowed = _FLOWED_RE.search(str(content_type))
        if flowed is not None and part.get_content_type() == "text/plain":
            text = unflow(text, delsp=bool(_DELSP_RE.search(str(content_type))))
    return text


_FLOWED_RE = re.compile(r"""\bformat\s*=\s*["']?flowed\b""", re.I)
_DELSP_RE = re.compile(r"""\bdelsp\s*=\s*["']?yes\b""", re.I)


def unflow(text: str, delsp: bool = False) -> str:
    """Text sent as format=flowed (RFC 3676: Thunderbird's default, iOS Mail's for long lines)
    as the writer typed it: a line that ends in a space was wrapped by the client and goes on in
    the next line of the same quote depth, so "add: Send Rachel the side letter " + "by Friday"
    is one line again. Space-stuffing is undone; quoted lines keep their "> " marks, and the
    signature separator "-- " stays a line of its own."""
    out: list[str] = []
    held: tuple[int, str] | None = None  # a flowed line waiting for the rest of its paragraph
    for line in text.replace("\r\n", "\n").split("\n"):
        body = line.lstrip(">")
        depth = len(line) - len(body)
        if body.startswith(" "):
            body = body[1:]  # space-stuffed (or the space after the quote marks)
        if held is not None and held[0] == depth:
            body = held[1] + body
        elif held is not None:
            out.append(_quoted(*held))
        held = None
        if body.endswith(" ") and body != "-- ":
            held = (depth, body[:-1] if delsp else body)
            continue
        out.append(_quoted(depth, body))
    if held is not None:
        out.append(_quoted(*held))
    return "\n".join(out)


def _quoted(depth: int, body: str) -> str:
    return (">" * depth + " " + body) if depth else body


@functools.lru_cache(maxsize=1024)
def _charset_param(content_type: str) -> str | None:
    """The charset of a raw Content-Type value, as ``Message.get_content_charset`` reads it from
    the first such header. Cached: mail uses a few content types, and parameters parse slowly."""
    holder = EmailMessage()
    holder["Content-Type"] = content_type  # compat32 stores the value as it is
    return holder.get_content_charset()


_TAG_RE = re.compile(r"""<(/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_STYLE_RE = re.compile(r"""\bstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
# Text a reader never sees: it could speak to an extractor unseen, so it is dropped.
_HIDDEN_RE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|(?<![\w-])font-size\s*:\s*0*\.?0+\s*(px|pt|em|rem|%)?\s*(;|!|$)|"
    r"(?<![\w-])opacity\s*:\s*0*\.?0+\s*(;|!|$)|(?<![\w-])(max-)?(height|width)\s*:\s*0+\s*(px)?\s*;.*overflow\s*:\s*hidden",
    re.I)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Elements a mail client never renders: their content is markup kept for later or for no one.
# An <svg>'s text is a drawing's labels, and a zero-size drawing hides whatever it holds.
_UNRENDERED = frozenset({"template", "noscript", "svg"})
_ATTR_RE = re.compile(r"""(?:^|\s)(color|bgcolor)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_LENGTH_RE = re.compile(r"(-?\d*\.?\d+)\s*(px|pt|em|rem|%)?")
_NUMBER_RE = re.compile(r"-?\d*\.?\d+")
_SCALE_RE = re.compile(r"scale(?:x|y|3d)?\(\s*(-?\d*\.?\d+)\s*(?:,\s*(-?\d*\.?\d+))?", re.I)
# Below these a font is a speck, not small print (10-11px).
_TINY_FONT = {"px": 5.0, "pt": 4.0, "em": 0.3, "rem": 0.3, "%": 30.0}
# An offset this far out moves text off any screen; layouts shift by tens of pixels.
_FAR_OFF = {"px": -500.0, "pt": -375.0, "em": -30.0, "rem": -30.0, "%": -100.0}
_OFFSETS = ("left", "top", "right", "bottom", "margin-left", "margin-top", "text-indent")
# Two colours whose channels differ by less than this are one colour to the eye.
_SAME_COLOUR = 16
_WHITE = (255, 255, 255)
_NAMED_COLOURS = {
    "white": _WHITE, "snow": (255, 250, 250), "ghostwhite": (248, 248, 255), "whitesmoke": (245, 245, 245),
    "ivory": (255, 255, 240), "floralwhite": (255, 250, 240), "mintcream": (245, 255, 250),
    "azure": (240, 255, 255), "aliceblue": (240, 248, 255), "seashell": (255, 245, 238), "black": (0, 0, 0),
}
Colour = tuple[int, int, int]
_TRANSPARENT: Colour = (-1, -1, -1)  # a colour that paints nothing


def _colour(value: str) -> Colour | None:
    """The colour a CSS or attribute value names: RGB, :data:`_TRANSPARENT`, or None when unread."""
    value = value.strip().strip("\"'").strip().lower()
    if value == "transparent":
        return _TRANSPARENT
    if value in _NAMED_COLOURS:
        return _NAMED_COLOURS[value]
    digits = value.lstrip("#")
    if value.startswith("#") or (len(digits) == 6 and all(c in "0123456789abcdef" for c in digits)):
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        if len(digits) not in (6, 8) or any(c not in "0123456789abcdef" for c in digits):
            return None
        if len(digits) == 8 and digits[6:] == "00":
            return _TRANSPARENT
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    if value.startswith(("rgb(", "rgba(")):
        nums = _NUMBER_RE.findall(value)
        if len(nums) < 3:
            return None
        scale = 2.55 if "%" in value else 1.0
        if len(nums) >= 4 and float(nums[3]) == 0:
            return _TRANSPARENT
        rgb = [round(min(255.0, max(0.0, float(n) * scale))) for n in nums[:3]]
        return rgb[0], rgb[1], rgb[2]
    if value.startswith(("hsl(", "hsla(")):
        nums = _NUMBER_RE.findall(value)
        if len(nums) < 3:
            return None
        if len(nums) >= 4 and float(nums[3]) == 0:
            return _TRANSPARENT
        h, sat, light = float(nums[0]) % 360 / 360, min(100.0, float(nums[1])) / 100, min(100.0, float(nums[2])) / 100
        r, g, b = colorsys.hls_to_rgb(h, light, sat)
        return round(r * 255), round(g * 255), round(b * 255)
    return None


def _declarations(style: str) -> dict[str, str]:
    """A style attribute's declarations, lower-case, the last of each property winning as in CSS;
    CSS escapes read as the characters they stand for ("\\64 isplay:\\6e one" is display:none)."""
    out = {}
    for decl in _unescape(style).lower().split(";"):
        prop, colon, value = decl.partition(":")
        if colon:
            out[prop.strip()] = value.replace("!important", "").strip()
    return out


def _length(value: str) -> tuple[float, str] | None:
    m = _LENGTH_RE.fullmatch(value.strip())
    if not m:
        return None
    return float(m.group(1)), m.group(2) or "px"


def _background(decls: dict[str, str], attrs: str) -> Colour | None | Literal[False]:
    """The colour an element paints behind its text; None when it paints one this cannot read
    (an image, a gradient), False when it paints none."""
    value = decls.get("background-color") or decls.get("background")
    if value is None:
        found = [v for k, v in _ATTR_RE.findall(attrs) if k.lower() == "bgcolor"]
        return _colour(found[0]) if found else False
    if "url(" in value or "gradient" in value:
        return None
    for token in re.split(r"\s+(?![^()]*\))", value):  # spaces outside rgb(...)
        colour = _colour(token)
        if colour is not None:
            return colour
    return None


_AWAY_PROPS = frozenset({"mso-hide", "font-size", "clip", "clip-path", "transform", "overflow", *_OFFSETS})
_INSET_RE = re.compile(r"inset\(\s*(\d*\.?\d+)%")
_ZERO_SHAPE_RE = re.compile(r"(circle|ellipse)\(\s*0*\.?0+\s*(px|%)?\s*[ )]")


def _styled_away(decls: dict[str, str]) -> bool:
    """Whether these declarations take an element's text out of sight in ways other than
    :data:`_HIDDEN_RE`'s: a speck of a font, moved off the screen, clipped or scaled to
    nothing, or hidden from one mail client by its own property."""
    if _AWAY_PROPS.isdisjoint(decls):
        return False  # colours and widths only: the common case, answered at once
    if decls.get("mso-hide") == "all":
        return True
    size = _length(decls.get("font-size", ""))
    if size and size[1] in _TINY_FONT and size[0] < _TINY_FONT[size[1]]:
        return True
    for prop in _OFFSETS:
        offset = _length(decls.get(prop, ""))
        if offset and offset[1] in _FAR_OFF and offset[0] <= _FAR_OFF[offset[1]]:
            return True
    clip = decls.get("clip", "")
    if clip.startswith("rect("):
        edges = [float(n) for n in _NUMBER_RE.findall(clip)]
        if len(edges) == 4 and (edges[2] <= edges[0] or edges[1] <= edges[3]):  # top right bottom left
            return True
    clip_path = decls.get("clip-path", "")
    inset = _INSET_RE.match(clip_path)
    if (inset and float(inset.group(1)) >= 50) or _ZERO_SHAPE_RE.match(clip_path):
        return True
    scale = _SCALE_RE.search(decls.get("transform", ""))
    if scale and any(abs(float(n)) < 0.1 for n in scale.groups() if n is not None):
        return True
    if decls.get("overflow") == "hidden":  # a box a pixel or less across shows none of its text
        for prop in ("height", "width", "max-height", "max-width"):
            box = _length(decls.get(prop, ""))
            if box and box[1] == "px" and box[0] <= 1:
                return True
    return False


_CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
_CLASS_RE = re.compile(r"""(?:^|\s)class\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_ID_RE = re.compile(r"""(?:^|\s)id\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_ATTRS_RE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_ESC = r"\\(?:[0-9a-f]{1,6}\s?|[^0-9a-f\n])"
_ESC_RE = re.compile(_ESC)
_IDENT_RE = re.compile(rf"(?:--|-?(?:[_a-z\u0080-\U0010ffff]|{_ESC}))(?:[\w\u0080-\U0010ffff-]|{_ESC})*")
_ATTR_SELECTOR_RE = re.compile(
    rf"""\[\s*({_IDENT_RE.pattern})\s*(?:([~|^$*]?=)\s*("[^"]*"|'[^']*'|{_IDENT_RE.pattern}|-?\d[\w-]*)\s*([is])?\s*)?\]""")
_NTH_RE = re.compile(r"\s*(?:(odd)|(even)|([+-]?\d*)n\s*(?:([+-])\s*(\d+))?|([+-]?\d+))\s*$")
_COMBINATOR_RE = re.compile(r"\s*([>+~])\s*|\s+")
# Media types no screen shows: their rules never apply to what a reader sees.
_UNSEEN_MEDIA = frozenset({"print", "speech"})
# States a reader's pointer or keyboard gives an element: at rest none of them holds, so a rule
# that hides only in one hides nothing a reader sees.
_STATES = frozenset({"hover", "focus", "active", "focus-within", "focus-visible", "target", "visited"})
# Pseudo-classes that depend on what follows the element or on its content, which a one-pass walk
# has not read yet: a selector using one is passed over. Responsive and layout rules use them
# (td:last-child{padding:0}); a guess that they match would drop a newsletter's real text.
_AHEAD = frozenset({"last-child", "only-child", "nth-last-child", "last-of-type", "only-of-type",
                    "nth-last-of-type", "empty", "has", "lang", "dir", "blank"})
_PSEUDO_ELEMENTS = frozenset({"before", "after", "first-line", "first-letter"})
# The properties that can take text out of sight, or bring it back: the sheet keeps only these.
_SIGHT = frozenset({
    "display", "visibility", "opacity", "font-size", "color", "background", "background-color", "mso-hide",
    "clip", "clip-path", "transform", "overflow", "height", "width", "max-height", "max-width", *_OFFSETS})
# No real mail nests :not() or :is() this deep, or chains this many compounds; a sheet that does
# is built to stall the reader (each is a level of recursion when matching).
_MAX_NESTING = 8
_MAX_COMPOUNDS = 32
# Browsers stop nesting here and put deeper elements beside the deepest; so does the walk.
_MAX_DEPTH = 512


class _Compound(NamedTuple):
    """One compound selector: ``p.a.b#x[data-k]:first-child``; "" for no type (any element)."""
    tag: str
    ident: str | None
    classes: tuple[str, ...]
    attrs: tuple[tuple[str, str, str], ...]  # (name, operator, value); operator "" tests presence
    pseudos: tuple[tuple[str, Any], ...]  # ("never" | "nth-child" | "nth-of-type" | "not" | "is" | ..., argument)


#: A complex selector, right to left: its compounds, and the combinator that joins each to the next.
_Complex = tuple[tuple[_Compound, ...], tuple[str, ...]]


#: A declaration's value with what ranks it in the cascade: specificity (ids, classes, types),
#: then source order.
_Weighed = tuple[tuple[int, int, int, int], str]


class _Rule(NamedTuple):
    """Every rule of one selector, merged: each property keeps its own latest declaration."""
    selector: _Complex
    normal: dict[str, _Weighed]
    important: dict[str, _Weighed]


@dataclass
class Sheet:
    """A style sheet's rules, found by the id, class or type their rightmost compound needs."""
    by_id: dict[str, list[_Rule]]
    by_class: dict[str, list[_Rule]]
    by_tag: dict[str, list[_Rule]]
    anywhere: list[_Rule]
    rules: dict[_Complex, _Rule] = field(default_factory=dict)
    tree: bool = False  # a rule looks at ancestors or siblings: the walk keeps them
    stalled: bool = False  # a selector built to stall the reader: nothing of the mail shows
    count: int = 0

    def __bool__(self) -> bool:
        return self.count > 0

    def add(self, selector: _Complex, specificity: tuple[int, int, int],
            normal: dict[str, str], important: dict[str, str]) -> None:
        weight = (*specificity, self.count)
        self.count += 1
        rule = self.rules.get(selector)
        if rule is not None:  # a selector repeated a thousand times is still matched once
            rule.normal.update((k, (weight, v)) for k, v in normal.items())
            rule.important.update((k, (weight, v)) for k, v in important.items())
            return
        rule = self.rules[selector] = _Rule(selector, {k: (weight, v) for k, v in normal.items()},
                                            {k: (weight, v) for k, v in important.items()})
        compounds, combinators = selector
        right = compounds[0]
        if combinators or (right.pseudos and any(kind in ("nth-child", "nth-of-type", "not", "is", "root")
                                                 for kind, _ in right.pseudos)):
            self.tree = True
        if right.ident is not None:
            self.by_id.setdefault(right.ident, []).append(rule)
        elif right.classes:
            self.by_class.setdefault(right.classes[0], []).append(rule)
        elif right.tag:
            self.by_tag.setdefault(right.tag, []).append(rule)
        else:
            self.anywhere.append(rule)


class _Node:
    """An element the walk has opened, with what selectors ask of it."""
    __slots__ = ("attrs", "children", "classes", "ident", "index", "kinds", "name", "parent", "raw", "type_index")

    def __init__(self, name: str, raw: str, parent: _Node | None) -> None:
        self.name, self.raw, self.parent = name, raw, parent
        self.classes = frozenset(_attr_words(_CLASS_RE, raw)) if raw else frozenset()
        m = _ID_RE.search(raw) if raw else None
        self.ident = m.group(1).strip("\"'").strip().lower() if m else None
        self.attrs: dict[str, str] | None = None
        self.children: list[_Node] = []
        self.kinds: dict[str, int] = {}
        self.index = self.type_index = 0
        if parent is not None:
            parent.children.append(self)
            self.index = len(parent.children)
            self.type_index = parent.kinds[name] = parent.kinds.get(name, 0) + 1

    def attr(self, name: str) -> str | None:
        if self.attrs is None:
            self.attrs = {}
            for key, value in _ATTRS_RE.findall(self.raw):
                self.attrs.setdefault(key.lower(), unescape(value.strip("\"'")).lower())
        return self.attrs.get(name)


def _unescape(ident: str) -> str:
    def char(m: re.Match[str]) -> str:
        body = m.group(0)[1:].strip()
        if body and all(c in "0123456789abcdef" for c in body):
            return chr(min(int(body, 16), 0x10FFFF) or 0xFFFD)
        return m.group(0)[1:]
    return _ESC_RE.sub(char, ident) if "\\" in ident else ident


def _nth(arg: str) -> tuple[int, int] | None:
    """``an+b`` as (a, b): "odd" is (2, 1), "3" is (0, 3)."""
    m = _NTH_RE.match(arg)
    if not m:
        return None
    if m.group(1):
        return 2, 1
    if m.group(2):
        return 2, 0
    if m.group(6):
        return 0, int(m.group(6))
    a = m.group(3)
    step = -1 if a == "-" else 1 if a in ("", "+") else int(a)
    return step, int(m.group(5) or 0) * (-1 if m.group(4) == "-" else 1)


class _Unevaluable(Exception):
    """A selector that asks what a one-pass walk cannot know (:last-child, :has)."""


class _SelectorParser:
    """Reads a selector list; raises ValueError where a browser would drop the whole rule."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.depth = text, 0, 0

    def selector_list(self, nested: bool = False) -> list[tuple[_Complex, tuple[int, int, int]] | None]:
        """Each complex selector with its specificity, None for one that cannot be evaluated."""
        out: list[tuple[_Complex, tuple[int, int, int]] | None] = []
        while True:
            try:
                out.append(self.complex())
            except _Unevaluable:
                self.skip_to_comma(nested)
                out.append(None)
            self.pos = len(self.text) - len(self.text[self.pos:].lstrip())
            if self.pos < len(self.text) and self.text[self.pos] == ",":
                self.pos += 1
                continue
            if nested and self.pos < len(self.text) and self.text[self.pos] == ")":
                return out
            if self.pos >= len(self.text) and not nested:
                return out
            raise ValueError(self.text)

    def skip_to_comma(self, nested: bool) -> None:
        depth = 0
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0 and nested:
                    return
                depth -= 1
            elif c == "," and depth == 0:
                return
            self.pos += 1

    def complex(self) -> tuple[_Complex, tuple[int, int, int]]:
        compounds: list[_Compound] = []
        combinators: list[str] = []
        spec = [0, 0, 0]
        self.pos = len(self.text) - len(self.text[self.pos:].lstrip())
        while True:
            compounds.append(self.compound(spec))
            m = _COMBINATOR_RE.match(self.text, self.pos)
            if not m or m.end() >= len(self.text) or self.text[m.end()] in ",)":
                break
            self.pos = m.end()
            combinators.append(m.group(1) or " ")
            if len(combinators) >= _MAX_COMPOUNDS:
                raise _TooCostly
        return (tuple(reversed(compounds)), tuple(reversed(combinators))), (spec[0], spec[1], spec[2])

    def compound(self, spec: list[int]) -> _Compound:
        text, tag = self.text, ""
        ident: str | None = None
        classes: list[str] = []
        attrs: list[tuple[str, str, str]] = []
        pseudos: list[tuple[str, Any]] = []
        universal = text.startswith("*", self.pos)
        if universal:
            self.pos += 1
        elif m := _IDENT_RE.match(text, self.pos):
            tag, self.pos = _unescape(m.group(0)), m.end()
            spec[2] += 1
        start = self.pos
        while self.pos < len(text):
            c = text[self.pos]
            if c in ".#":
                m = _IDENT_RE.match(text, self.pos + 1)
                if not m:
                    raise ValueError(text)
                word, self.pos = _unescape(m.group(0)), m.end()
                if c == ".":
                    classes.append(word)
                    spec[1] += 1
                else:
                    # an element has one id: a compound asking for two different ones matches nothing
                    pseudos += [("never", None)] if ident not in (None, word) else []
                    ident = word
                    spec[0] += 1
            elif c == "[":
                m = _ATTR_SELECTOR_RE.match(text, self.pos)
                if not m:
                    raise ValueError(text)
                value = m.group(3) or ""
                value = value[1:-1] if value[:1] in "\"'" else _unescape(value)
                attrs.append((_unescape(m.group(1)), m.group(2) or "", value))
                spec[1] += 1
                self.pos = m.end()
            elif c == ":":
                pseudos.append(self.pseudo(spec))
            else:
                break
        if not tag and not universal and self.pos == start:
            raise ValueError(text)
        return _Compound(tag, ident, tuple(classes), tuple(attrs), tuple(pseudos))

    def pseudo(self, spec: list[int]) -> tuple[str, Any]:
        text = self.text
        element = text.startswith("::", self.pos)
        m = _IDENT_RE.match(text, self.pos + (2 if element else 1))
        if not m:
            raise ValueError(text)
        name, self.pos = m.group(0), m.end()
        if element or name in _PSEUDO_ELEMENTS:
            spec[2] += 1
            return "never", None  # it styles a part the browser adds, not the element's own text
        arg: str | None = None
        if text.startswith("(", self.pos):
            self.pos += 1
            if name in ("not", "is", "where", "matches", "-webkit-any", "-moz-any"):
                self.depth += 1
                if self.depth > _MAX_NESTING:
                    raise _TooCostly
                inner = self.selector_list(nested=True)
                self.depth -= 1
                self.pos += 1
                if any(s is None for s in inner):
                    raise _Unevaluable(name)
                parsed = [s for s in inner if s is not None]
                if name != "where":
                    best = max(s[1] for s in parsed)
                    spec[:] = [spec[0] + best[0], spec[1] + best[1], spec[2] + best[2]]
                return ("not" if name == "not" else "is"), tuple(s[0] for s in parsed)
            close, depth = self.pos, 1
            while depth and close < len(text):
                depth += {"(": 1, ")": -1}.get(text[close], 0)
                close += 1
            if depth:
                raise ValueError(text)
            arg, self.pos = text[self.pos:close - 1], close
        spec[1] += 1
        if name in _AHEAD:
            raise _Unevaluable(name)
        if name in _STATES:
            return "never", None
        if name in ("first-child", "first-of-type") and arg is None:
            return ("nth-child" if name == "first-child" else "nth-of-type"), (0, 1)
        if name in ("nth-child", "nth-of-type") and arg is not None:
            nth = _nth(arg)
            if nth is None:
                raise _Unevaluable(name)  # "2n+1 of .x", which this does not read
            return name, nth
        if name in ("link", "any-link", "root", "checked", "disabled") and arg is None:
            return name, None
        raise ValueError(name)  # a pseudo-class no browser knows drops the rule


class _TooCostly(Exception):
    """A document's selectors took more checks than any real mail needs."""


class _Budget:
    """Selector checks left for one document: a sheet built to make matching slow (thousands of
    sibling rules over thousands of elements) meets a limit, and what follows is read as hidden."""
    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left


# A 100 KB newsletter with a large sheet spends a few hundred checks.
_SELECTOR_CHECKS = 1_000_000


def _compound_matches(c: _Compound, node: _Node, budget: _Budget) -> bool:
    if (c.tag and c.tag != node.name) or (c.ident is not None and c.ident != node.ident):
        return False
    if c.classes and not node.classes.issuperset(c.classes):
        return False
    for name, op, want in c.attrs:
        have = node.attr(name)
        if have is None or not (
                op == "" or (op == "=" and have == want) or (op == "~=" and want in have.split())
                or (op == "|=" and (have == want or have.startswith(want + "-")))
                or (want and ((op == "^=" and have.startswith(want)) or (op == "$=" and have.endswith(want))
                              or (op == "*=" and want in have)))):
            return False
    for kind, arg in c.pseudos:
        if kind == "never":
            return False
        if kind in ("nth-child", "nth-of-type"):
            a, b = arg
            n = node.index if kind == "nth-child" else node.type_index
            if not (n == b if a == 0 else (n - b) % a == 0 and (n - b) // a >= 0):
                return False
        elif kind in ("not", "is"):
            if any(_matches(s, 0, node, set(), budget) for s in arg) == (kind == "not"):
                return False
        elif kind in ("link", "any-link"):
            if node.name not in ("a", "area") or node.attr("href") is None:
                return False
        elif kind == "root":
            if node.name != "html" or (node.parent is not None and node.parent.parent is not None):
                return False
        elif node.attr(kind) is None:  # checked, disabled: as the markup sets them, at rest
            return False
    return True


def _matches(selector: _Complex, i: int, node: _Node, failed: set[tuple[int, int]], budget: _Budget) -> bool:
    """Whether ``node`` matches compound ``i`` of ``selector`` (0 the rightmost) and, through the
    combinators, the rest; ``failed`` remembers misses so that long chains stay linear."""
    compounds, combinators = selector
    budget.left -= 1
    if budget.left < 0:
        raise _TooCostly
    if not node.name or (i, id(node)) in failed or not _compound_matches(compounds[i], node, budget):
        return False
    if i + 1 == len(compounds):
        return True
    comb = combinators[i]
    if comb in "> ":
        up = node.parent
        while up is not None and up.name:
            if _matches(selector, i + 1, up, failed, budget):
                return True
            if comb == ">":
                break
            up = up.parent
    elif node.parent is not None:
        before = node.parent.children[:node.index - 1]
        for sibling in reversed(before if comb == "~" else before[-1:]):
            if _matches(selector, i + 1, sibling, failed, budget):
                return True
    failed.add((i, id(node)))
    return False


def _media_shows(query: str) -> bool:
    """Whether a media query list holds on every ordinary screen, so that what it hides is hidden
    from every reader: a query for screens or all media, with no condition or only ones every
    screen meets ("(min-width: 0)"). A responsive rule ("(max-width: 600px)") hides a column on
    phones only, and print or speech rules hide nothing on a screen: their text is read."""
    for one in query.lower().split(","):
        words = one.replace("(", " (").split()
        negated = bool(words) and words[0] == "not"
        words = words[1:] if words and words[0] in ("only", "not") else words
        kind = words[0] if words and not words[0].startswith("(") else "all"
        if (kind in _UNSEEN_MEDIA) == negated and all(map(_every_screen, _FEATURE_RE.findall(one))):
            return True
    return False


_FEATURE_RE = re.compile(r"\(\s*([a-z-]+)\s*(?::\s*([^)]*))?\)")


def _every_screen(feature: tuple[str, str]) -> bool:
    """Whether a mail's reading pane, phone or desktop (480 to 1,024 pixels), meets a media feature:
    "(max-width: 600px)" is a phone's rule, "(max-width: 9999px)" every screen's."""
    name, value = feature
    px = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px|em|rem)?\s*", value or "")
    if px is None:
        return False
    size = float(px.group(1)) * (16 if px.group(2) in ("em", "rem") else 1)
    if name in ("min-width", "min-height", "min-device-width", "min-device-height"):
        return size <= 480
    if name in ("max-width", "max-height", "max-device-width", "max-device-height"):
        return size >= 1024
    return False


@functools.lru_cache(maxsize=1024)
def _group_applies(prelude: str) -> bool:
    """Whether the rules of an @ block apply. Those of @media (but print) and @supports do: a mail
    client on some screen applies them, and a reader may read on that screen; an @keyframes'
    "from" and "to" are not selectors."""
    name = re.match(r"@([\w-]*)", prelude)
    at = name.group(1).lower() if name else ""
    if at == "media":
        return _media_shows(prelude[len(at) + 1:])
    return at in ("supports", "layer", "container", "document", "-moz-document")


def style_sheet(html: str) -> Sheet:
    """The rules of ``html``'s <style> blocks, read in one pass: compound selectors (type,
    classes, id, attributes, pseudo-classes) joined by any combinator, in comma lists, at the top
    or in @media and @supports blocks. A block or @media for print only is passed over."""
    sheet = Sheet({}, {}, {}, [])
    low = html.lower()
    at = low.find("<style")
    while at >= 0:
        opened, closed = low.find(">", at), low.find("</style", at)
        if opened < 0 or closed < 0:  # an unclosed block styles nothing a client shows
            break
        media = re.search(r"""\smedia\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", html[at:opened], re.I)
        if not media or _media_shows(media.group(1).strip("\"'")):
            # a comment separates nothing: ".a/**/.b" is one compound
            try:
                _read_rules(_CSS_COMMENT_RE.sub("", html[opened + 1:closed]), sheet)
            except _TooCostly:
                sheet.stalled = True
                break
        at = low.find("<style", closed)
    return sheet


_BRACE_RE = re.compile("[{}]")
_DARK_RE = re.compile(r"prefers-color-scheme\s*:\s*dark", re.I)
_COLOURS = ("color", "background", "background-color")


def _read_rules(css: str, sheet: Sheet) -> None:
    """Add the rules of ``css`` to ``sheet``: each "{" opens a group (an @ prelude) or a rule,
    whose declarations run to the next "}"; one pass, however the braces nest or fail to."""
    groups: list[bool] = []  # per open @ group: whether its rules apply
    darks: list[bool] = []  # per open @ group: whether it is for a dark colour scheme
    applies, dark = True, False  # all(groups), any(darks)
    pos = 0
    while True:
        found = _BRACE_RE.search(css, pos)
        if found is None:
            return
        brace = found.start()
        prelude, pos = css[pos:brace].replace("<!--", " ").replace("-->", " ").strip(), brace + 1
        if css[brace] == "}":
            if groups:
                groups.pop()
                darks.pop()
                applies, dark = all(groups), any(darks)
        elif prelude.startswith("@"):
            groups.append(_group_applies(prelude))
            darks.append(bool(_DARK_RE.search(prelude)))
            applies, dark = applies and groups[-1], dark or darks[-1]
        else:
            end = css.find("}", pos)
            end = len(css) if end < 0 else end
            body, pos = css[pos:end], end + 1
            if applies:
                _add_rule(sheet, prelude.lower(), body, dark)


def _add_rule(sheet: Sheet, prelude: str, body: str, dark: bool = False) -> None:
    selectors = _selectors(prelude)
    if not selectors:
        return
    normal, important = _weighed_declarations(body)
    if dark:  # light text for a dark scheme: the walk paints the light page, where it would read as hidden
        for decls in (normal, important):
            for prop in _COLOURS:
                decls.pop(prop, None)
    if not normal and not important:
        return  # padding, fonts, widths: most of a newsletter's rules neither hide nor show
    for selector, specificity in selectors:
        sheet.add(selector, specificity, normal, important)


# A selector of one tag, class or id, or a tag with one of them: most of a sheet's, read fast.
_SIMPLE_SELECTOR_RE = re.compile(r"([a-z][a-z0-9]*)?(?:([.#])(-?[_a-z][\w-]*))?")
# A state or a pseudo-element: the selector never matches an element at rest.
_SLOW_SELECTOR_RE = re.compile(r"""[(\[\\"']""")
_AT_REST_NEVER_RE = re.compile(r":(?:hover|focus|active|visited|target)\b|::")


def _simple_selector(simple: re.Match[str]) -> tuple[_Complex, tuple[int, int, int]]:
    kind, word = simple.group(2), simple.group(3)
    compound = _Compound(simple.group(1) or "", word if kind == "#" else None, (word,) if kind == "." else (), (), ())
    return ((compound,), ()), (int(kind == "#"), int(kind == "."), int(bool(simple.group(1))))


@functools.lru_cache(maxsize=4096)  # a sender's template arrives again and again
def _selectors(prelude: str) -> tuple[tuple[_Complex, tuple[int, int, int]], ...] | None:
    """The selectors of a rule that can match an element at rest, with their specificities;
    None when a browser would drop the whole rule."""
    simple = _SIMPLE_SELECTOR_RE.fullmatch(prelude)
    if simple and prelude:
        return (_simple_selector(simple),)
    if _SLOW_SELECTOR_RE.search(prelude):
        try:
            found = _SelectorParser(prelude).selector_list()
        except (ValueError, _Unevaluable):
            return None
    else:
        found = []
        simple_only = True
        for piece in prelude.split(","):
            piece = piece.strip()
            simple = _SIMPLE_SELECTOR_RE.fullmatch(piece)
            if simple and piece:
                found.append(_simple_selector(simple))
            elif not _AT_REST_NEVER_RE.search(piece):
                simple_only = False
                try:
                    found += _SelectorParser(piece).selector_list()
                except (ValueError, _Unevaluable):
                    return None
        if simple_only:
            return tuple(f for f in found if f is not None)
    # a selector with a state (:hover) or a pseudo-element in its chain never matches at rest
    return tuple(f for f in found if f is not None and not any(
        kind == "never" for c in f[0][0] for kind, _ in c.pseudos))


def _weighed_declarations(style: str, every: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    """A declaration block's normal and !important declarations, lower-case, the last of each
    property winning; only those that can hide or show text unless ``every``."""
    normal: dict[str, str] = {}
    important: dict[str, str] = {}
    for decl in _unescape(style).lower().split(";"):  # "\\64 isplay:\\6e one" is display:none
        prop, colon, value = decl.partition(":")
        prop = prop.strip()
        if colon and (every or prop in _SIGHT):
            value, bang, flag = value.partition("!")
            (important if bang and flag.strip() == "important" else normal)[prop] = value.strip()
    return normal, important


def _attr_words(pattern: re.Pattern[str], attrs: str) -> list[str]:
    m = pattern.search(attrs)
    return m.group(1).strip("\"'").lower().split() if m else []


def _sheet_style(sheet: Sheet, node: _Node, budget: _Budget) -> dict[str, str]:
    """An element's declarations when ``sheet`` gives it any, as CSS orders them: the sheet's
    normal ones (the more specific rule, then the later, wins), its inline style's, the sheet's
    !important ones, its inline !important ones. Empty when the sheet gives it none."""
    found = sheet.anywhere + sheet.by_tag.get(node.name, [])
    for word in node.classes:
        if word in sheet.by_class:
            found += sheet.by_class[word]
    if node.ident is not None and node.ident in sheet.by_id:
        found += sheet.by_id[node.ident]
    if not found:
        return {}
    normal: dict[str, _Weighed] = {}
    important: dict[str, _Weighed] = {}
    for rule in found:
        if _matches(rule.selector, 0, node, set(), budget):
            for won, given in ((normal, rule.normal), (important, rule.important)):
                for prop, weighed in given.items():
                    held = won.get(prop)
                    if held is None or held[0] < weighed[0]:
                        won[prop] = weighed
    if not normal and not important:
        return {}
    m = _STYLE_RE.search(node.raw)
    inline, inline_important = _weighed_declarations(m.group(1).strip("\"'") if m else "", every=True)
    return {**{k: v for k, (_, v) in normal.items()}, **inline,
            **{k: v for k, (_, v) in important.items()}, **inline_important}


_HIDDEN_ATTR_RE = re.compile(r"(^|\s)hidden(\s|=|/|$)", re.I)


def _hidden(attrs: str, behind: Colour | None, sheet_decls: dict[str, str] | None = None) -> bool:
    """Whether an element with these attributes is out of sight; ``behind`` is the colour
    painted behind it (None when unknown), ``sheet_decls`` its declarations when a style sheet
    gives it some (:func:`_sheet_style`)."""
    if _HIDDEN_ATTR_RE.search(attrs):
        return True
    if sheet_decls:
        decls = sheet_decls
        if _HIDDEN_RE.search(";".join(f"{k}:{v}" for k, v in decls.items())):
            return True
    else:
        m = _STYLE_RE.search(attrs)
        style = _unescape(m.group(1).strip("\"'")) if m else ""
        if style and _HIDDEN_RE.search(style):
            return True
        decls = _declarations(style) if style else {}
    if decls and _styled_away(decls):
        return True
    colour_value = decls.get("color")
    if colour_value is None:
        found = [v for k, v in _ATTR_RE.findall(attrs) if k.lower() == "color"]  # <font color=...>
        colour_value = found[0] if found else None
    if colour_value is None:
        return False
    colour = _colour(colour_value)
    if colour == _TRANSPARENT:
        return True
    own = _background(decls, attrs) if decls or "bgcolor" in attrs.lower() else False
    if own is not False:
        behind = own if own != _TRANSPARENT else behind
    # Text the colour of what is behind it: white on a white page, black on a black cell.
    return (colour is not None and behind is not None and behind != _TRANSPARENT
            and max(abs(a - b) for a, b in zip(colour, behind, strict=True)) < _SAME_COLOUR)


# Opening one of these ends an open <p> (HTML's "closes a p element").
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li", "dd", "dt"})
# What an opening tag ends, and the elements that stop the search for it.
_ENDS = {
    "li": ({"li"}, {"ul", "ol", "table", "td", "th", "button"}),
    "dd": ({"dd", "dt"}, {"dl", "table", "td", "th", "button"}),
    "dt": ({"dd", "dt"}, {"dl", "table", "td", "th", "button"}),
    "td": ({"td", "th"}, {"table"}), "th": ({"td", "th"}, {"table"}),
    "tr": ({"tr"}, {"table"}),
    "tbody": ({"tbody", "thead", "tfoot"}, {"table"}), "thead": ({"tbody", "thead", "tfoot"}, {"table"}),
    "tfoot": ({"tbody", "thead", "tfoot"}, {"table"}),
    "option": ({"option"}, {"select", "datalist"}),
}
_P_SCOPE = frozenset({"button", "table", "td", "th", "caption", "html", "object", "marquee", "template"})


class _OpenElements:
    """The elements open at a point of the walk, outermost first under the document, as a
    browser builds them from unclosed mail markup (a <p> ends an open <p>, an <li> an open <li>)."""

    def __init__(self) -> None:
        self.stack = [_Node("", "", None)]
        self.count: dict[str, int] = {}  # open elements by name: most tags end nothing, seen at once

    def push(self, node: _Node) -> None:
        if len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)
            self.count[node.name] = self.count.get(node.name, 0) + 1

    def close(self, names: set[str] | frozenset[str], stops: set[str] | frozenset[str] = frozenset()) -> None:
        """Close the innermost open element named in ``names``, unless one of ``stops`` is nearer."""
        for name in names:
            if self.count.get(name):
                break
        else:
            return
        for at in range(len(self.stack) - 1, 0, -1):
            name = self.stack[at].name
            if name in names:
                for gone in self.stack[at:]:
                    self.count[gone.name] -= 1
                del self.stack[at:]
                return
            if name in stops:
                return

    def open(self, name: str, attrs: str) -> _Node:
        """The node for an opening tag, after the ends it implies."""
        if name in _CLOSES_P:
            self.close({"p"}, _P_SCOPE)
        if name in _ENDS:
            self.close(*_ENDS[name])
        return _Node(name, attrs, self.stack[-1])


def drop_hidden(html: str) -> str:
    """``html`` without the elements out of sight and their content: styled away (display:none,
    visibility:hidden, zero opacity, a speck of a font, off the screen, clipped or scaled to
    nothing), text coloured like what is behind it, and elements no client renders."""
    out: list[str] = []
    pos = 0
    skipping: str | None = None
    depth = 0
    # Elements that paint a background, innermost last: [name, colour or None, open same-named].
    painted: list[list[Any]] = []
    sheet = style_sheet(html) if "<style" in html.lower() else None
    opened = _OpenElements()  # kept when a rule looks at ancestors or siblings
    if sheet is not None and sheet.stalled:
        return ""
    tree = sheet is not None and sheet.tree
    budget = _Budget(_SELECTOR_CHECKS)
    for m in _TAG_RE.finditer(html):
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if skipping is not None:
            if name == skipping and not attrs.rstrip().endswith("/"):
                depth += -1 if closing else 1
                if depth == 0:
                    skipping, pos = None, m.end()
            continue
        if closing:
            if painted and name == painted[-1][0]:
                painted[-1][2] -= 1
                if painted[-1][2] == 0:
                    painted.pop()
            if tree:
                if opened.stack[-1].name == name:  # the common case: the innermost closes
                    opened.count[name] -= 1
                    opened.stack.pop()
                else:
                    opened.close({name})
            continue
        behind = painted[-1][1] if painted else _WHITE
        sheet_decls: dict[str, str] = {}
        node = None
        if sheet:
            node = opened.open(name, attrs) if tree else _Node(name, attrs, None)
            try:
                sheet_decls = _sheet_style(sheet, node, budget)
            except _TooCostly:
                out.append(html[pos:m.start()])
                return "".join(out)  # a mail built to stall the reader shows nothing more
        void = name in _VOID or attrs.rstrip().endswith("/")
        if name in _UNRENDERED or ((attrs or sheet_decls) and _hidden(attrs, behind, sheet_decls)):
            out.append(html[pos:m.start()])
            pos = m.end()
            if not void:
                skipping, depth = name, 1
            continue
        if void:
            continue
        if tree and node is not None:
            opened.push(node)
        own: Colour | None | Literal[False] = False
        if sheet_decls:
            own = _background(sheet_decls, attrs)
        elif attrs and ("background" in attrs.lower() or "bgcolor" in attrs.lower()):
            style = _STYLE_RE.search(attrs)
            own = _background(_declarations(style.group(1).strip("\"'")) if style else {}, attrs)
        if own is not False and own != _TRANSPARENT:
            painted.append([name, own, 1])
        elif painted and name == painted[-1][0]:
            painted[-1][2] += 1
    if skipping is not None:
        return "".join(out)  # hidden to the end: nothing after it shows
    out.append(html[pos:])
    return "".join(out)


def html_to_text(html: str) -> str:
    """Readable text from HTML: links, images and tables are flattened, nothing is wrapped."""
    h = html2text.HTML2Text()
    h.body_width = 0
    h.ignore_images = True
    h.ignore_emphasis = True
    h.ignore_links = True
    h.ignore_tables = True
    h.unicode_snob = True
    html = drop_hidden(html)
    try:
        return h.handle(html)
    except Exception:  # noqa: BLE001 - html2text on hostile markup: fall back to stripping tags
        return re.sub(r"<[^>]+>", " ", html)


# -- bulk ----------------------------------------------------------------------------------------

_NOREPLY_RE = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|notify|calendar-notification|"
    r"mailer-daemon|postmaster|bounces?|newsletter|news|marketing|digest|updates?|alerts?)"
    r"([-+_.].*)?@",
    re.I,
)
_FOOTER_RE = re.compile(
    r"unsubscribe|opt[- ]out of (these|this|future)|manage (your )?(email |subscription |notification )?"
    r"(preferences|settings|subscriptions)|update your (email )?preferences|"
    r"you are receiving this (email|message|because)|you received this (email|message) because|"
    r"view (this email|it) in your browser",
    re.I,
)

_FOOTER_WORDS = ("unsubscribe", "out of", "manage", "update your", "you are receiving", "you received",
                 "in your browser")
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


def is_bulk(msg: EmailMessage | _Headers, sender: str, reply_text: str) -> bool:
    """Newsletters, lists, auto-replies and notifications: mail nobody wrote to the owner."""
    if msg.get("List-Unsubscribe") or msg.get("List-Id"):
        return True
    if _header(msg, "Precedence").strip().lower() in ("bulk", "list", "junk"):
        return True
    auto = _header(msg, "Auto-Submitted").strip().lower()
    if auto and auto != "no":
        return True
    if msg.get("X-Ricevuta"):
        return True  # a certified-mail (PEC) receipt: accepted, delivered, not delivered
    if _NOREPLY_RE.match(sender or ""):
        return True
    tail = reply_text[-1500:]
    # Each footer phrase holds one of _FOOTER_WORDS; IGNORECASE matches an ASCII letter only to
    # itself in either case or to one of the four letters _FOLD maps, so the lowered text holds it too.
    folded = tail.lower() if tail.isascii() else tail.translate(_FOLD).lower()
    if not any(word in folded for word in _FOOTER_WORDS):
        return False
    return bool(_FOOTER_RE.search(tail))


_VERDICT_HEADERS = frozenset({
    "x-spam-flag", "x-spam-status", "x-spam-score", "x-spam-level", "x-rspamd-action",
    "x-microsoft-antispam", "x-forefront-antispam-report", "x-ms-exchange-organization-scl"})
_LIST_ADDR_RE = re.compile(r"<mailto:([^>?]+)")


def list_and_verdict_facts(msg: EmailMessage, headers: _Headers) -> dict[str, Any]:
    """The list a message came through, the spam verdicts servers on the way wrote, and the
    header traits of mass mail, as :class:`Message` fields."""
    verdicts: list[tuple[str, str]] = []
    pending: list[tuple[str, str]] = []
    for name, value in msg.raw_items():  # top to bottom: the last server's lines come first
        low = name.lower()
        if low == "received":
            verdicts += pending  # a Received line below: a server wrote them, not the sender
            pending = []
        elif low in _VERDICT_HEADERS or low == "authentication-results":
            pending.append((low, _header_value(value).strip()))
    vouched = [v for n, v in verdicts if n == "authentication-results"]
    verdicts = [(n, v) for n, v in verdicts if n != "authentication-results"]
    list_id = _header(headers, "List-Id").strip()
    found = _LIST_ADDR_RE.search(_header(headers, "List-Post"))
    traits = []
    if headers.get("List-Unsubscribe"):
        traits.append("list-unsubscribe")
    shown = [a.email.lower() for a in _addresses(headers, "To") + _addresses(headers, "Cc")]
    if not shown or "undisclosed-recipients" in _header(headers, "To").lower():
        traits.append("hidden recipients")
    return {"list_id": list_id, "list_post": found.group(1).strip().lower() if found else "",
            "verdicts": verdicts, "traits": traits, "server_authentication_results": vouched}


# -- visible reply ---------------------------------------------------------------------------------

# Header lines are judged only up to this length, so every check runs on a bounded string.
_MAX_HEADER = 400

# "-----Original Message-----", "---------- Forwarded message ---------", "-------- Oprindelig besked
# --------": a few words between two runs of dashes, in any language.
_SEPARATOR_RE = re.compile(r"^\s*-{2,} ?[^\W\d_](?:[^\W\d_]|['’])*(?: [^\W\d_](?:[^\W\d_]|['’])*){0,4} ?-{2,}\s*$")
_FORWARD_RE = re.compile(r"^\s*(begin forwarded message|anfang der weitergeleiteten nachricht|"
                         r"début du message réexpédié|inicio del mensaje reenviado)\s*:\s*$", re.I)
# The verb of "<date>, <someone> wrote:" in the languages mail clients write it in, looked up by
# the header's last word (or two) rather than searched for.
_WROTE_VERBS = frozenset((
    "wrote", "writes", "schrieb", "schreef", "escribió", "escreveu", "scrisse", "skrev", "kirjoitti",
    "napisał(a)", "napisał", "napisała", "написал(а)", "написал", "написала", "írta", "yazdı", "έγραψε",
    "napsal", "napísal", "skrifaði", "kirjutas", "a écrit", "ha scritto", "heeft geschreven",
))
_WROTE_SUFFIXES = ("写道", "のメッセージ", "님이 작성")
_WROTE_WORD_RE = re.compile(r"\s(wrote|schrieb|schreef|skrev|kirjoitti|escreveu|escribió|написал\w*)\s", re.I)
_DATE_RE = re.compile(r"\d{1,4}[./:年-]\d{1,2}|\b(?:19|20)\d\d\b")
_DATE_OR_ADDR_RE = re.compile(r"@|\d{1,4}[./:-]\d{1,2}")
_HAS_DATE_PART_RE = re.compile(r"[@\d]")
# What an Outlook header's lines hold and a list in a body seldom does: an address, a time of day, a year.
_HEADER_VALUE_RE = re.compile(r"@|\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d\d\b|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
# Outlook's block of labelled header lines ("From: ... Sent: ... To: ... Subject: ...") in many
# languages; one of the labels must name the sender.
_FROM_LABELS = ("from|von|de|de la part de|van|da|från|fra|od|от|lähettäjä|feladó|kimden|差出人|发件人|寄件者|"
                "message du|من|מאת|보낸 사람|από")
_OTHER_LABELS = ("sent|date|to|cc|bcc|subject|reply-to|gesendet|datum|an|betreff|envoyé|date d'envoi|à|a|objet|"
                 "sujet|copie à|cc ?:|enviado|enviado el|fecha|para|asunto|assunto|data|inviato|oggetto|"
                 "verzonden|aan|onderwerp|skickat|till|ämne|sendt|til|emne|dato|wysłano|wysłane|do|temat|"
                 "отправлено|кому|тема|дата|копия|lähetetty|vastaanottaja|aihe|päivämäärä|elküldve|címzett|"
                 "tárgy|gönderildi|kime|konu|送信日時|宛先|件名|日付|发送时间|收件人|主题|傳送時間|收件者|主旨|"
                 # Arabic, Hebrew, Korean and Greek Outlook
                 "تاريخ الإرسال|أرسلت|إلى|الموضوع|نسخة|التاريخ|נשלח|אל|נושא|עותק|תאריך|보낸 날짜|받는 사람|제목|참조|"
                 "στάλθηκε|προς|θέμα|κοιν|"
                 # Czech and Slovak Outlook ("Od:" is among the sender's labels)
                 "odesláno|odoslané|komu|kopie|kópia|předmět|predmet")
_LABEL_RE = re.compile(rf"^\s*\**({_FROM_LABELS}|{_OTHER_LABELS})\s?\**\s?[:：]", re.I)
_FROM_LABEL_RE = re.compile(rf"^\s*\**({_FROM_LABELS})\s?\**\s?[:：]", re.I)
_UNDERSCORES_RE = re.compile(r"^\s*_{2,}\s*$")
_RULE_RE = re.compile(r"^\s*(\* \* \*|-{3,}|_{3,}|={3,})\s*$")
_SIG_RE = re.compile(r"^--\s?$")
# "Sent from my iPhone", "Envoyé à partir de Outlook pour iOS", "Von meinem iPhone gesendet",
# "iPhoneから送信": a short line of its own, never a sentence that goes on.
_MOBILE_RE = re.compile(
    r"^\s*(?:(?:sent|envoyé|enviado|inviato|gesendet|verzonden|verstuurd|skickat|sendt|wysłane|"
    r"отправлено|lähetetty)\s+(?:from|with|via|using|on|de|depuis|à partir de|desde|do|da|dal|von|mit|"
    r"vanaf|met|från|fra|z|с|из)\s|get outlook for\s|von meinem\s[^.]{1,40}\sgesendet\s*$|"
    r"\S{1,30}から送信\s*$)",
    re.I,
)
# Clients wrap quoted lines near this width, and some lose the ">" of the wrapped end.
_WRAP_WIDTH = 60
# A footer or signature under a rule of underscores is at most this many lines long.
_FOOTER_LINES = 6


def _is_outlook_header(lines: list[str], i: int) -> bool:
    """A labelled header line that starts a block of at least three, one of them naming the sender."""
    line = lines[i]
    if len(line) > _MAX_HEADER or (":" not in line and "：" not in line) or not _LABEL_RE.match(line):
        return False
    block = [lines[i]] + [ln for ln in lines[i + 1 : i + 7] if ln.strip()][:4]
    labelled = [ln for ln in block if len(ln) <= _MAX_HEADER and _LABEL_RE.match(ln)]
    # ...and, with only three, one of them an address or a time, as a mail client writes them: a list in
    # the body ("From: Prague / To: Vienna / Kopie: none needed", "Od: 1. 12. / Do: 5. 12. / Kopie: HR") has neither.
    # (Four labels or more are a header whatever their values: "From: Maria Chen / Sent: Monday / To: Sam /
    # Subject: Budget".)
    return (len(labelled) >= 3 and any(_FROM_LABEL_RE.match(ln) for ln in labelled)
            and (len(labelled) >= 4 or any(_HEADER_VALUE_RE.search(ln) for ln in labelled)))


def _is_mobile_footer(stripped: str) -> bool:
    """A mail app's own line ("Sent from my iPhone"), short and not a sentence; ``stripped`` has no
    surrounding white space."""
    return len(stripped) <= 80 and not stripped.endswith((".", "!", "?")) and bool(_MOBILE_RE.match(stripped))


def is_app_line(line: str) -> bool:
    """A mail app's own line, with or without a full stop: "Sent from my BlackBerry 10
    smartphone.", "Sent with Proton Mail secure email.". The visible reply keeps the ones that
    end in a full stop (a sentence may start "Sent from my phone"); a reply to the brief, read a
    line at a time, passes them over."""
    stripped = line.strip()
    if _is_mobile_footer(stripped):
        return True
    return (stripped.endswith(".") and len(stripped) <= 60 and bool(_MOBILE_RE.match(stripped))
            and bool(_MOBILE_APP_RE.search(stripped)))


_MOBILE_APP_RE = re.compile(r"\b(?:iphone|ipad|android|blackberry|samsung|galaxy|outlook|proton\s?mail|gmail|yahoo|"
                            r"huawei|pixel|smartphone|mobile|tablet|windows|mail app)\b", re.I)


def visible_reply(text: str) -> str:
    """The part of a message its sender wrote now: quoted history, signatures and app footers removed.

    The closing and name stay ("Thanks, Sam"). A reply written below a quote is kept too.
    """
    lines = text.split("\n")
    count = len(lines)
    piped = _pipe_quoted(lines) if "|" in text else frozenset()
    kept: list[str] = []
    ends: list[bool | None] = [None] * count
    next_end = -1  # the first line from i on where a quote header may end; count when there is none
    quoted = False
    i = 0
    while i < count:
        line = lines[i]
        stripped = line.strip()
        quoted_above = quoted
        quoted = stripped.startswith(">") or i in piped
        if quoted:
            i += 1
            continue
        if not stripped:
            kept.append("")
            i += 1
            continue
        if len(line) > _MAX_HEADER:
            kept.append(line.rstrip())  # every marker is a short line
            i += 1
            continue
        if quoted_above and stripped[0].islower() and len(lines[i - 1]) >= _WRAP_WIDTH:
            i += 1  # the wrapped end of a long quoted line, its ">" lost
            continue
        # Each marker's first or last characters are tested before its pattern, which most lines fail.
        if stripped.startswith("--") and (_SIG_RE.match(line.rstrip("\r")) or _SEPARATOR_RE.match(line)):
            break
        if stripped.endswith(":") and _FORWARD_RE.match(line):
            break
        if stripped.startswith("__") and _UNDERSCORES_RE.match(line):
            rest = [ln for ln in lines[i + 1 : i + 3 + _FOOTER_LINES * 2] if ln.strip()]
            after = next((j for j in range(i + 1, min(count, i + 8)) if lines[j].strip()), None)
            if (after is not None and _is_outlook_header(lines, after)) or len(rest) <= _FOOTER_LINES:
                break  # Outlook's rule above the quoted message, or a list footer or signature
        if _is_outlook_header(lines, i):
            break
        if next_end < i:
            next_end = _next_header_end(lines, i, ends)
        header_len = 0
        # A header ends within three lines, or its wrapped end is quoted right below.
        if next_end <= i + 2 or (i + 1 < count and lines[i + 1].lstrip().startswith(">")):
            header_len = _wrote_header(lines, i, ends)
        if header_len > 1 and not _HAS_DATE_PART_RE.search(line) and _wrote_header(lines, i + 1, ends):
            header_len = 0  # a header's first line holds its date or address: this one is the reply's
        if header_len:
            nxt = i + header_len
            while nxt < count and not lines[nxt].strip():
                nxt += 1
            if nxt < count and (lines[nxt].lstrip().startswith(">") or nxt in piped):
                i = nxt  # a reply written below the quote may follow it: keep scanning
                continue
            break
        if len(stripped) <= 80 and _is_mobile_footer(stripped):
            break  # what an app writes under its reply; anything below it is the quoted message
        kept.append(line.rstrip())
        i += 1
    while kept and (not kept[-1].strip() or _RULE_RE.match(kept[-1])):
        kept.pop()  # the rule a client draws above the quoted message
    out = "\n".join(kept).strip("\n")
    # The pattern scans slowly even where it finds nothing, and most replies have no run of blank lines.
    return (_BLANK_RUN_RE.sub("\n\n", out) if "\n\n\n" in out else out).strip()


_BLANK_RUN_RE = re.compile(r"\n{3,}")


def _pipe_line(stripped: str) -> bool:
    """A line as a client that quotes with a pipe writes it ("| text", or "|" alone); a table's
    row ("| a | b |") ends in its pipe."""
    return stripped == "|" or (stripped.startswith("|") and not stripped.endswith("|")
                               and stripped[1:2] in (" ", ">", "\t"))


def _pipe_quoted(lines: list[str]) -> frozenset[int]:
    """The lines quoted with "|" where they form a quote: a run of two or more, or one under a
    quote header, or the message's last; a single "| ..." line amid the text is the writer's."""
    found: set[int] = set()
    i, count = 0, len(lines)
    while i < count:
        if not _pipe_line(lines[i].strip()):
            i += 1
            continue
        start = i
        while i < count and _pipe_line(lines[i].strip()):
            i += 1
        above = start - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        last = all(not ln.strip() for ln in lines[i:])
        header = above >= 0 and _is_attribution(lines[above].strip(), lines, start)
        if i - start >= 2 or last or header:
            found.update(range(start, i))
    return frozenset(found)


def _quote_follows(lines: list[str], j: int) -> bool:
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j < len(lines) and (lines[j].lstrip().startswith(">") or _pipe_line(lines[j].strip()))


# The last word of each verb, and each suffix's last run of non-spaces: what a line must end in to
# end a "wrote" header, whatever lines come above it.
_VERB_LAST_WORDS = frozenset(verb.split()[-1] for verb in _WROTE_VERBS)
_SUFFIX_ENDS = tuple(suffix.split()[-1] for suffix in _WROTE_SUFFIXES)
_END_CHARS = frozenset(word[-1] for word in (*_VERB_LAST_WORDS, *_SUFFIX_ENDS))
_NEVER_END_CHARS = frozenset(".,;!?") - _END_CHARS


def _may_end_header(line: str) -> bool:
    """Whether a quote header of one to three lines could end with ``line``.

    A cheap test of the line's end, true for every line that ends an attribution: a colon, a
    "wrote" verb or suffix (or ">:", which ends in a colon). A line of only dashes and spaces
    leaves the header's end on the line above, so it may end one too.
    """
    tail = line.rstrip()
    if tail.endswith("-"):
        tail = tail.rstrip("-").rstrip()
    if not tail or tail.endswith((":", "：")):
        return True
    if tail[-1].lower()[-1] not in _END_CHARS:
        return False  # most prose ends in a stop, a comma or a letter no verb ends in
    tail = tail.lower()
    return tail.endswith(_SUFFIX_ENDS) or tail[-40:].split()[-1] in _VERB_LAST_WORDS


def _next_header_end(lines: list[str], i: int, ends: list[bool | None]) -> int:
    """The first line from ``i`` on where a quote header may end, or ``len(lines)``; fills ``ends``."""
    for j in range(i, len(lines)):
        end = ends[j]
        if end is None:
            line = lines[j].strip()
            # Most prose ends in a stop, which ends no header: _may_end_header's answer, spared a call.
            end = ends[j] = line[-1:] not in _NEVER_END_CHARS and _may_end_header(line)
        if end:
            return j
    return len(lines)


def _ends_in_verb(core: str) -> bool:
    """Whether a header ends in its "wrote" ("a écrit", "napisał(a)", "写道"), a colon after it or not."""
    core = core.rstrip(":： ").lower()
    if core.endswith(_WROTE_SUFFIXES):
        return True
    words = core[-40:].split()
    return bool(words) and (words[-1] in _WROTE_VERBS or " ".join(words[-2:]) in _WROTE_VERBS)


def _is_attribution(joined: str, lines: list[str], after: int) -> bool:
    """Whether ``joined`` reads as "<date>, <someone> wrote:" in any language and client.

    ``after`` is the index of the line below it, where a quote may follow.
    """
    core = joined.strip().strip("-").strip()
    if _ends_in_verb(core):
        return bool(_DATE_OR_ADDR_RE.search(core)) or _quote_follows(lines, after)
    if not core.endswith((":", "：")):
        return False
    if "@" in core and _DATE_RE.search(core):
        return True  # "<date>, <name> <address>:", the header of clients that write no verb
    return bool(_DATE_OR_ADDR_RE.search(core)) and _quote_follows(lines, after)


def _wrote_header(lines: list[str], i: int, ends: list[bool | None]) -> int:
    """How many lines (one to three) a quote header takes at ``i``; 0 when there is none.

    ``ends`` caches, per line, whether a header may end there; None where not yet looked at.
    """
    parts: list[str] = []
    size = -1  # the length of the parts joined by spaces
    for k in range(3):
        j = i + k
        if j >= len(lines):
            break
        part = lines[j].strip()
        # A wrapped address may leave its closing ">:" on a line of its own.
        if not part or (part.startswith(">") and not (k and part.startswith(">:"))):
            break
        size += len(part) + 1
        if size > _MAX_HEADER:
            break
        parts.append(part)
        end = ends[j]
        if end is None:
            end = ends[j] = _may_end_header(part)
        if end and _is_attribution(" ".join(parts), lines, j + 1):
            return k + 1
    line = lines[i]
    # "... skrev Name <addr" whose wrapped end is already quoted: the verb and a quote right below.
    quoted_below = i + 1 < len(lines) and lines[i + 1].lstrip().startswith(">")
    if quoted_below and len(line) <= _MAX_HEADER and _DATE_OR_ADDR_RE.search(line):
        return 1 if _WROTE_WORD_RE.search(f" {line} ") else 0
    return 0


# -- forwarded mail ------------------------------------------------------------------------------

# The words a forward's separator line says ("---------- Forwarded message ---------",
# "-------- Message transféré --------"), unlike a reply's ("-----Original Message-----").
_FORWARD_WORDS_RE = re.compile(r"forward|weiterge|transf[ée]r|r[ée]exp[ée]d|reenv|encaminh|inoltr|doorgest|vidare|videre|"
                               r"przekaz|välitet", re.I)
_SUBJECT_LABEL_RE = re.compile(r"^\s*\**(?:subject|betreff|objet|sujet|asunto|assunto|oggetto|onderwerp|ämne|emne|temat|"
                               r"тема|aihe|tárgy|konu|předmět|predmet|件名|主题|主旨)\s?\**\s?[:：]\s*\**\s*(?P<value>.*)$", re.I)
_DATE_LABEL_RE = re.compile(r"^\s*\**(?:date|sent|datum|gesendet|envoyé|date d'envoi|enviado|enviado el|fecha|data|inviato|"
                            r"verzonden|skickat|sendt|dato|wysłano|päivämäärä|lähetetty)\s?\**\s?[:：]\s*\**\s*(?P<value>.*)$", re.I)
_MAILTO_RE = re.compile(r"^(?P<name>.*?)\s*\[mailto:(?P<addr>[^\]\s]+)\]\s*$", re.I)
_ANGLED_RE = re.compile(r"^(?P<name>[^<>]*?)\s*<(?:mailto:)?(?P<addr>[^<>\s@]+@[^<>\s]+)>\s*$", re.I)
# Dates as mail clients write them in a forwarded header, beyond RFC 5322's: Gmail's "Mon, Nov
# 16, 2026 at 4:02 PM", Outlook's "Monday, November 16, 2026 4:02 PM", Apple Mail's "16 November
# 2026 at 16:02:00 GMT".
_CLIENT_DATE_FORMATS = ("%a, %b %d, %Y %I:%M %p", "%A, %B %d, %Y %I:%M %p", "%A, %B %d, %Y %I:%M:%S %p", "%d %B %Y %H:%M:%S",
                        "%d %B %Y %H:%M", "%B %d, %Y %I:%M %p", "%B %d, %Y %I:%M:%S %p", "%a, %d %b %Y %H:%M", "%Y-%m-%d %H:%M",
                        "%A, %d %B %Y %I:%M %p", "%A, %d %B %Y %H:%M", "%b %d, %Y, %I:%M %p", "%a, %b %d, %Y, %I:%M %p",
                        "%a, %b %d, %Y, %I:%M:%S %p", "%A, %B %d, %Y, %I:%M %p", "%d.%m.%Y %H:%M", "%Y/%m/%d %H:%M")


def forwarded(text: str, subject: str) -> Forwarded | None:
    """The message ``text`` forwards below its note, or None.

    A forward's block starts at a separator that says so ("---------- Forwarded message
    ---------", "Begin forwarded message:", in many languages) or, in a mail whose subject is a
    forward's ("Fwd:", "WG:", "TR:"...), at "-----Original Message-----", a rule of underscores or
    an Outlook header block; the block's labelled header lines must name a sender. Its text is the
    visible reply of what follows them (the forwarded mail's own quoted history is not its text)."""
    lines = text.split("\n")
    as_forward = is_forward_subject(subject)
    ends: list[bool | None] = [None] * len(lines) if not as_forward else []
    for i, line in enumerate(lines[:400]):
        stripped = line.strip()
        if not stripped or len(line) > _MAX_HEADER:
            continue
        if not as_forward and (stripped.startswith(">") or (stripped.endswith(":") and _wrote_header(lines, i, ends))
                               or (stripped.startswith("__") and _UNDERSCORES_RE.match(line)) or _is_outlook_header(lines, i)):
            return None  # a reply's quote comes first: a forward below it is history, not this mail's
        start = -1
        if (stripped.startswith("--") and _SEPARATOR_RE.match(line) and (as_forward or _FORWARD_WORDS_RE.search(line))) \
                or (stripped.endswith(":") and _FORWARD_RE.match(line)) \
                or (as_forward and stripped.startswith("__") and _UNDERSCORES_RE.match(line)):
            start = next((j for j in range(i + 1, min(len(lines), i + 4)) if lines[j].strip()), -1)
        elif as_forward and _is_outlook_header(lines, i):
            start = i
        if start < 0:
            continue
        found = _forwarded_block(lines, start)
        if found is not None:
            return found
    return None


def _with_attached_forward(msg: EmailMessage, text: str, cut: bool, problems: list[str]) -> str:
    """A forward that attaches the mail it forwards (message/rfc822), read as a client shows one
    forwarded inline: the note, then a separator, the attached mail's header lines and its text.
    The visible reply still ends at the separator; what reads a forward's mail
    (:func:`forwarded`) finds it there."""
    if forwarded(text, "Fwd:") is not None:
        return text  # the mail is forwarded inline as well
    for part in _walk(msg):
        if part is not msg and part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], EmailMessage) and inner[0].keys():
                carried = inner[0]
                own = _Headers(carried)
                body = _body(carried, own, cut, problems)[0]
                head = "\n".join(f"{label}: {value}" for label in ("From", "Date", "Subject", "To")
                                 if (value := _header(own, label).strip()))
                return f"{text.rstrip()}\n\n---------- Forwarded message ---------\n{head}\n\n{body}"[:MAX_TEXT_CHARS]
    return text


def _forwarded_block(lines: list[str], start: int) -> Forwarded | None:
    """The forwarded message whose header block starts at ``lines[start]``, or None when no
    labelled line there names a sender."""
    quoted = lines[start].lstrip().startswith(">")
    if quoted:  # Apple Mail may quote the whole forwarded message: read it one level down
        lines = lines[:start] + [ln.lstrip()[1:].removeprefix(" ") if ln.lstrip().startswith(">") else ln
                                 for ln in lines[start:]]
    sender: Address | None = None
    subject = ""
    dated = ""
    end = start
    last = ""
    while end < len(lines) and end - start < 16:
        line = lines[end]
        if not line.strip():
            # One blank line between header lines, as an HTML mail's paragraphs give them, and no more.
            if end + 1 < len(lines) and len(lines[end + 1]) <= _MAX_HEADER and _LABEL_RE.match(lines[end + 1]):
                end += 1
                continue
            break
        if len(line) <= _MAX_HEADER and _LABEL_RE.match(line):
            value = line.split(":", 1)[1] if ":" in line else line.split("：", 1)[1]
            value = value.strip().strip("*").strip()
            last = ""
            if sender is None and _FROM_LABEL_RE.match(line):
                sender = _forwarded_sender(value)
            elif (m := _SUBJECT_LABEL_RE.match(line)) is not None:
                subject, last = m.group("value").strip().strip("*").strip(), "subject"
            elif not dated and (m := _DATE_LABEL_RE.match(line)) is not None:
                dated = m.group("value").strip().strip("*").strip()
        elif end == start:
            return None
        elif last == "subject" and len(line) <= _MAX_HEADER:
            subject = f"{subject} {line.strip()}"  # a long subject wrapped onto the next line
        end += 1
    if sender is None:
        return None
    below = "\n".join(lines[end:])
    # The date is read once the block is known to be a forward's: a client's form may cost a library call.
    return Forwarded(sender, subject, _client_date(dated) if dated else None, visible_reply(below), below)


def _forwarded_sender(value: str) -> Address:
    """"Tom Becker <tom@broker.example>", "Tom Becker [mailto:tom@broker.example]",
    "tom@broker.example" or a name alone."""
    mailto = _MAILTO_RE.match(value) or _ANGLED_RE.match(value)
    if mailto is not None:
        name, addr = mailto.group("name"), mailto.group("addr")
    else:
        name, addr = email.utils.parseaddr(value)
        if "@" not in addr:
            name, addr = value, ""
    return Address(name.strip().strip('"').strip(), addr.strip().lower())


_MAX_DATE = 80


def _client_date(value: str) -> datetime | None:
    """The date of a forwarded header line, or None when it is in no form known here."""
    if len(value) > _MAX_DATE:
        return None  # no client writes a date this long
    meridian = re.search(r"\d\s*[AP]\.?\s?M\.?(?!\w)", value, re.I)
    if not meridian:  # (the stdlib's parser would drop a "PM", or "p. m.": read last, for the day alone)
        try:
            return email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            pass
    plain = re.sub(r"\s+(?:at|um|à|a las|alle|om)\s+", " ", re.sub(r"^\s*on\s+", "", value, flags=re.I), flags=re.I)
    plain = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", plain)  # "November 16th"
    plain = re.sub(r"\s*(?:\([^)]*\)|(?!AM\s*$|PM\s*$)[A-Z]{2,5}|[+-]\d{4}|GMT[+-]?\d*)\s*$", "", plain.replace("\u202f", " ")).strip()
    for form in _CLIENT_DATE_FORMATS:
        try:
            return datetime.strptime(plain, form)
        except ValueError:
            continue
    if meridian:
        try:
            return email.utils.parsedate_to_datetime(value)  # its day is right, whatever it makes of the hour
        except (TypeError, ValueError, IndexError):
            pass
    if not re.search(r"[^\W\d_]{3}", plain) or "/" in plain:
        return None  # numbers alone: day or month first is not known here
    import dateparser  # imported late: it costs half a second, and only a forward in another language needs it

    try:
        return dateparser.parse(plain, settings={"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # noqa: BLE001 - a date in no form the library reads either
        return None
