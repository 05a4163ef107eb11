from __future__ import annotations

import base64
import email.utils
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import structlog

from connectors.mime import MAX_TEXT_CHARS, parse_message, try_parse, visible_reply
from tests.conftest import shared_data

CPYTHON_DATA = Path(os.path.dirname(__import__("test.test_email", fromlist=["x"]).__file__)) / "data"

# Files that are not mail at all: each one must come back with its reason, not a Message.
NOT_MAIL = {
    "msg_19.txt": "no mail headers",  # a mailing-list digest body with its headers cut off
    "python.bmp": "binary", "python.exr": "binary", "python.gif": "no mail headers",
    "python.jpg": "binary", "python.pbm": "no mail headers", "python.pgm": "binary",
    "python.png": "no mail headers", "python.ppm": "no mail headers", "python.ras": "no mail headers",
    "python.sgi": "binary", "python.tiff": "no mail headers", "python.webp": "no mail headers",
    "python.xbm": "no mail headers", "sndhdr.aifc": "binary", "sndhdr.aiff": "binary",
    "sndhdr.au": "binary", "sndhdr.wav": "binary",
}


def _corpus() -> list[Path]:
    files = sorted(shared_data("mime").glob("*/*.eml"))
    if CPYTHON_DATA.is_dir():
        files += sorted(p for p in CPYTHON_DATA.iterdir() if p.is_file())
    return files


def test_every_corpus_file_gives_a_message_or_a_named_reason() -> None:
    files = _corpus()
    assert len(files) >= 43
    failures = {}
    for path in files:
        msg, reason = try_parse(path.read_bytes())
        if msg is None:
            failures[path.name] = reason
            continue
        assert msg.message_id.startswith("<") and msg.message_id.endswith(">")
        assert msg.date.tzinfo is not None
        assert isinstance(msg.text, str) and isinstance(msg.reply_text, str)
    unexpected = {k: v for k, v in failures.items() if k not in NOT_MAIL}
    assert not unexpected, unexpected
    for name, reason in failures.items():
        assert NOT_MAIL[name] in reason, (name, reason)
    shared_failures = [p for p in files if "shared" in str(p) and p.name in failures]
    assert not shared_failures


def test_broken_multipart_still_yields_its_text() -> None:
    msg = parse_message(shared_data("mime", "malformed", "015.eml").read_bytes())
    assert "There was a day" in msg.text
    assert msg.sender.email == "test@example.org"


@pytest.mark.parametrize("name", ["android", "aol", "apple_mail", "apple_mail_2", "comcast", "gmail", "hotmail",
                                  "iphone", "outlook", "sparrow", "thunderbird", "yahoo"])
def test_talon_replies_visible_text(name: str) -> None:
    folder = shared_data("replies", "talon")
    msg = parse_message((folder / f"{name}.eml").read_bytes())
    expected_file = folder / f"{name}_reply_text"
    if expected_file.exists():
        # The fixture keeps the signature and mobile footer; focusd drops those too, so the
        # visible reply is the fixture's text up to its footer.
        expected = expected_file.read_text().strip()
        assert expected.startswith(msg.reply_text)
        assert msg.reply_text == "Hello"
    else:
        assert msg.reply_text.strip() == "Hello"


QUOTE_CASES = {
    "gmail": "Sure, Friday works.\n\nOn Mon, Nov 16, 2026 at 9:12 AM Maria Chen <maria@fund.example> wrote:\n> Can you send the deck?\n",
    "gmail wrapped": "Sure, Friday works.\n\nOn Mon, Nov 16, 2026 at 9:12 AM Maria Chen <maria@fund.example>\nwrote:\n> Can you send the deck?\n",
    "german": "Sure, Friday works.\n\nAm 16.11.2026 um 09:12 schrieb Maria Chen <maria@fund.example>:\n> Kannst du das Deck schicken?\n",
    "french": "Sure, Friday works.\n\nLe lun. 16 nov. 2026 à 09:12, Maria Chen <maria@fund.example> a écrit :\n> Tu peux envoyer le deck ?\n",
    "spanish": "Sure, Friday works.\n\nEl lun, 16 nov 2026 a las 9:12, Maria Chen (<maria@fund.example>) escribió:\n> ¿Puedes enviar el deck?\n",
    "outlook": "Sure, Friday works.\n\nFrom: Maria Chen <maria@fund.example>\nSent: Monday, November 16, 2026 9:12 AM\nTo: Ada Lovelace\nSubject: deck\n\nCan you send the deck?\n",
    "outlook underscores": "Sure, Friday works.\n\n________________________________\nFrom: Maria Chen\nSent: Monday\nTo: Ada\nCan you send the deck?\n",
    "original message": "Sure, Friday works.\n\n-----Original Message-----\nFrom: Maria\nCan you send the deck?\n",
    "thunderbird": "On 16/11/2026 09:12, Maria Chen wrote:\n> Can you send the deck?\n\nSure, Friday works.\n",
    "outlook arabic": ("Sure, Friday works.\n\nمن: Maria Chen <maria@fund.example>\nتاريخ الإرسال: الاثنين، 16 نوفمبر، 2026 09:12 ص\n"
                       "إلى: Ada Lovelace\nالموضوع: deck\n\nCan you send the deck?\n"),
    "outlook hebrew": "Sure, Friday works.\n\nמאת: Maria Chen <maria@fund.example>\nנשלח: יום שני 16 נובמבר 2026\nאל: Ada\n\nCan you send the deck?\n",
    "outlook korean": "Sure, Friday works.\n\n보낸 사람: Maria Chen <maria@fund.example>\n보낸 날짜: 2026년 11월 16일\n받는 사람: Ada\n제목: deck\n\nCan you send the deck?\n",
    "iphone footer": "Sure, Friday works.\n\nSent from my iPhone\n",
    "signature": "Sure, Friday works.\n\n-- \nAda Lovelace\nCEO, Loom\n",
}


@pytest.mark.parametrize("case", sorted(QUOTE_CASES))
def test_visible_reply_drops_quotes_and_signatures(case: str) -> None:
    assert visible_reply(QUOTE_CASES[case]) == "Sure, Friday works."


def test_inline_replies_keep_the_owner_lines() -> None:
    text = "> Can you send the deck?\nYes, tonight.\n> And the numbers?\nMonday.\n"
    assert visible_reply(text) == "Yes, tonight.\nMonday."


def _raw(headers: str, body: str = "Hello there.") -> bytes:
    return (headers.strip() + "\n\n" + body).encode()


BASE = "From: Maria <maria@fund.example>\nTo: ada@example.com\nSubject: hi\nDate: Wed, 18 Nov 2026 09:00:00 +0000\nMessage-ID: <a@b>"


@pytest.mark.parametrize("extra,body,bulk", [
    ("", "Hello there.", False),
    ("List-Unsubscribe: <https://x.example/u>", "Hello there.", True),
    ("List-Id: <team.lists.example>", "Hello there.", True),
    ("Precedence: bulk", "Hello there.", True),
    ("Auto-Submitted: auto-replied", "Hello there.", True),
    ("Auto-Submitted: no", "Hello there.", False),
    ("", "Big sale this week!\n\nTo unsubscribe click here.", True),
    ("", "You are receiving this email because you signed up.\nManage preferences", True),
])
def test_bulk_signals(extra: str, body: str, bulk: bool) -> None:
    assert parse_message(_raw(BASE + ("\n" + extra if extra else ""), body)).is_bulk is bulk


def test_no_reply_sender_is_bulk() -> None:
    raw = _raw(BASE.replace("maria@fund.example", "no-reply@service.example"))
    assert parse_message(raw).is_bulk


def test_brief_reply_flag_follows_in_reply_to_and_references() -> None:
    token = "<focusd-brief.AbC_12-x@example.com>"
    assert parse_message(_raw(BASE + f"\nIn-Reply-To: {token}")).is_brief_reply
    assert parse_message(_raw(BASE + f"\nReferences: <other@x> {token}")).is_brief_reply
    assert not parse_message(_raw(BASE + "\nIn-Reply-To: <focusd-brief@x>")).is_brief_reply


def test_encoded_headers_unknown_charsets_and_html_only() -> None:
    raw = (b"From: =?utf-8?q?Jos=C3=A9_P=C3=A9rez?= <jose@x.example>\nTo: ada@example.com\n"
           b"Subject: =?iso-8859-1?q?R=E9union?=\nDate: Wed, 18 Nov 2026 09:00:00 +0100\nMessage-ID: <c@d>\n"
           b"Content-Type: text/html; charset=x-made-up\n\n<p>Caf\xc3\xa9 <b>demain</b>?</p>")
    msg = parse_message(raw)
    assert msg.sender.name == "José Pérez"
    assert msg.subject == "Réunion"
    assert "Café demain?" in msg.text
    assert msg.date.utcoffset().total_seconds() == 3600


def test_attachments_are_listed_without_bodies() -> None:
    raw = (BASE + '\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n'
           "Content-Type: text/plain\n\nSee attached.\n--b\nContent-Type: application/pdf\n"
           'Content-Disposition: attachment; filename="deck.pdf"\nContent-Transfer-Encoding: base64\n\n'
           "JVBERi0xLjQK\n--b--\n").encode()
    msg = parse_message(raw)
    assert [a.to_json() for a in msg.attachments] == [{"filename": "deck.pdf", "content_type": "application/pdf",
                                                        "size": 9}]
    assert msg.text.strip() == "See attached."


def test_huge_message_is_cut_not_refused() -> None:
    msg = parse_message(_raw(BASE, "word " * 100_000))
    assert len(msg.text) == MAX_TEXT_CHARS


def test_missing_date_and_message_id_fall_back() -> None:
    received = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
    raw = _raw("From: a@b.example\nSubject: no id")
    msg = parse_message(raw, received=received)
    assert msg.date == received
    assert msg.message_id.endswith("@focusd.invalid>")
    assert parse_message(raw).message_id == msg.message_id  # stable across runs


def test_naive_date_is_taken_as_utc() -> None:
    msg = parse_message(_raw(BASE.replace("+0000", "-0000")))
    assert msg.date == datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    assert email.utils.format_datetime(msg.date)


def test_reasons_are_clear() -> None:
    assert try_parse(b"") == (None, "the message is empty")
    assert try_parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00") [1].startswith("the data")


def test_parser_logs_nothing_about_bodies() -> None:
    with structlog.testing.capture_logs() as logs:
        parse_message(_raw(BASE, "secret plans"))
    assert "secret plans" not in repr(logs)


def test_mutated_mail_never_raises() -> None:
    """Seeded mutations of the corpus (flipped bytes, cut files, stray MIME tokens). This found
    a Header object where a string was expected, and a charset name with a NUL byte in it."""
    import random

    from agent.extractors.base import Owner
    from agent.extractors.embedded import EmbeddedExtractor

    corpus = [p.read_bytes() for p in _corpus() if p.name not in NOT_MAIL]
    tokens = [b"=?utf-8?b?", b"?=", b"\r\n", b"\n\n", b"--", b"boundary=", b"charset=\"x-\x00bogus\"",
              b"Content-Type: multipart/mixed; boundary=x\n", b"Content-Transfer-Encoding: base64\n",
              b"\xff\xfe", b"wrote:\n> ", b"From: \n", b"Date: Mon, 99 Foo 2026 99:99:99 +9999\n", b"\x00"]
    rng = random.Random(20261125)
    extractor = EmbeddedExtractor()
    owner = Owner("Ada", "ada@example.com", UTC)
    parsed = 0
    for _ in range(2000):
        data = bytearray(rng.choice(corpus))
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(len(data) + 1)
            op = rng.random()
            if op < 0.3 and data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            elif op < 0.6:
                data[pos:pos] = rng.choice(tokens)
            elif op < 0.8:
                del data[pos : pos + rng.randint(1, 50)]
            else:
                data = data[:pos]
        msg, reason = try_parse(bytes(data))
        if msg is None:
            assert reason
            continue
        parsed += 1
        extractor.extract(msg, owner)
    assert parsed > 1500


HTML_REPLIES = {
    "outlook": b'<div>Sounds good, I will send it Friday.</div><hr><div id="divRplyFwdMsg"><b>From:</b> Ada '
               b'&lt;ada@example.com&gt;<br><b>Sent:</b> Tuesday, November 17, 2026 9:00 AM<br><b>To:</b> Maria'
               b'<br><b>Subject:</b> deck</div><div>Can you send me the deck by Friday?</div>',
    "gmail": b'<div dir="ltr">Sounds good, I will send it Friday.</div><br><div class="gmail_quote"><div>On Tue, '
             b'Nov 17, 2026 at 9:00 AM Ada &lt;ada@example.com&gt; wrote:<br></div><blockquote class="gmail_quote">'
             b'Can you send me the deck by Friday?</blockquote></div>',
    "apple": b'Sounds good, I will send it Friday.<br><div><br><blockquote type="cite"><div>On 17 Nov 2026, at '
             b'09:00, Ada &lt;ada@example.com&gt; wrote:</div><br><div>Can you send me the deck by Friday?</div>'
             b'</blockquote></div>',
}


@pytest.mark.parametrize("client", sorted(HTML_REPLIES))
def test_html_only_replies_lose_their_quotes(client: str) -> None:
    raw = (BASE + "\nContent-Type: text/html; charset=utf-8").encode() + b"\n\n" + HTML_REPLIES[client]
    assert parse_message(raw).reply_text == "Sounds good, I will send it Friday."


def test_a_message_nested_too_deep_for_the_parser_is_a_reason_not_a_crash() -> None:
    from tests.test_cycle_hardening import nested_multipart

    msg, reason = try_parse(nested_multipart(2000))
    assert msg is None and reason == "its MIME parts are nested too deeply to read"
    shallow, _ = try_parse(nested_multipart(20))
    assert shallow is not None and shallow.reply_text == "Could you send me the file?"


def test_only_the_head_of_a_huge_message_is_parsed() -> None:
    from connectors.types import MAX_MESSAGE_BYTES as MAX_PARSE_BYTES

    attachment = base64.encodebytes(bytes(range(256)) * (MAX_PARSE_BYTES // 128)).decode()
    raw = (BASE + '\nContent-Type: multipart/mixed; boundary="b"').encode() + (
        "\n\n--b\nContent-Type: text/plain\n\nCould you review the attached scan?\n"
        "--b\nContent-Type: application/pdf; name=scan.pdf\nContent-Disposition: attachment; filename=scan.pdf\n"
        f"Content-Transfer-Encoding: base64\n\n{attachment}--b--\n").encode()
    assert len(raw) > 2 * MAX_PARSE_BYTES
    msg = parse_message(raw)
    assert msg.reply_text == "Could you review the attached scan?"
    assert [a.filename for a in msg.attachments] == ["scan.pdf"]


def test_a_message_of_millions_of_empty_parts_costs_no_more_than_its_first_thousands() -> None:
    import time

    raw = (BASE + '\nContent-Type: multipart/mixed; boundary="b"').encode() + (
        b"\n\n--b\nContent-Type: text/plain\n\nCould you sign it?\n" + b"--b\n\n" * 2_000_000 + b"--b--\n")
    began = time.perf_counter()
    msg = parse_message(raw)
    assert time.perf_counter() - began < 2  # the whole tree took 16 s and 600 MB
    assert msg.reply_text == "Could you sign it?"


def test_control_characters_reach_no_title_or_terminal() -> None:
    raw = _raw(BASE.replace("Subject: hi", "Subject: nul\x00sub \x1b[31mred"), "Could you\x00 send\x07 it?")
    msg = parse_message(raw)
    assert "\x00" not in msg.subject and "\x1b" not in msg.subject and msg.subject.startswith("nul sub")
    assert msg.reply_text == "Could you  send  it?"


def test_a_terminals_escape_sequences_go_whole() -> None:
    raw = _raw(BASE.replace("Subject: hi", "Subject: the \x1b[2J\x1b[H budget \x1b[31mreport\x1b[0m"),
               "Send the \x1b[2J\x1b[Hbudget\x1b]0;owned\x07 today.")
    msg = parse_message(raw)
    assert msg.subject == "the  budget report"
    assert msg.reply_text == "Send the budget today."


def test_mail_labelled_latin_1_is_read_as_windows_1252() -> None:
    raw = (b"From: a@example.com\nTo: ada@example.com\nSubject: =?iso-8859-1?q?don=92t?=\n"
           b"Date: Tue, 17 Nov 2026 09:00:00 +0000\nMessage-ID: <cp@example.com>\n"
           b"Content-Type: text/plain; charset=iso-8859-1\n\nWe don\x92t know \x93yet\x94, caf\xe9.\n")
    msg = parse_message(raw)
    assert msg.subject == "don\u2019t"
    assert msg.reply_text == "We don\u2019t know \u201cyet\u201d, caf\u00e9."


# The parser skips each pattern when a literal it requires is absent; these cases sit on the edges
# of those shortcuts: letters that IGNORECASE folds to ASCII ones, Unicode spaces before a marker,
# an attribution split over two lines, parameters and header names in another case.
@pytest.mark.parametrize("text,visible", [
    ("Hi\n\n\u017fent from my iPhone", "Hi"),  # a long s matches "s" when case is ignored
    ("Hi\n\u2003Sent from Outlook", "Hi"),
    ("Hi\n\u2003From: x@y.example\n\u2003Sent: y\n\u2003To: z\nold", "Hi"),
    # ...and a list in the body, labelled like a header but with no address or time, is kept.
    ("Trip details:\nFrom: Prague\nTo: Vienna\nKopie: none needed\n\nCan you book it?",
     "Trip details:\nFrom: Prague\nTo: Vienna\nKopie: none needed\n\nCan you book it?"),
    ("Dovolená:\nOd: 1. 12.\nDo: 5. 12.\nKopie: HR\n\nSchválíš to do pátku?",
     "Dovolená:\nOd: 1. 12.\nDo: 5. 12.\nKopie: HR\n\nSchválíš to do pátku?"),
    # ...but four labels are a header whatever their values, as Outlook writes them inside a company.
    ("Sure.\n\nFrom: Maria Chen\nSent: Monday\nTo: Sam Patel\nSubject: Budget\n\nCan you send me the budget?", "Sure."),
    ("Ok.\n\nVon: Maria Chen\nGesendet: Montag\nAn: Sam\nBetreff: Budget\n\nSchickst du mir das Budget?", "Ok."),
    ("Hi\n\u00a0> quoted\nok", "Hi\nok"),
    ("Hi\n\u00a0-----Original Message-----\nold", "Hi"),
    ("Hi\nOn Mon, Jan 1, 2024 at 10:00 AM Bob <bob@x.example>\nwrote:\n> quoted", "Hi"),
    ("Hi\n2024-01-01 12:00 GMT+01:00 Bob\n<bob@x.example>:\n\n> hi", "Hi"),
    ("Note: a colon here\nand the next: too\nend", "Note: a colon here\nand the next: too\nend"),
])
def test_reply_markers_at_the_edges_of_their_shortcuts(text: str, visible: str) -> None:
    assert visible_reply(text) == visible


@pytest.mark.parametrize("body", ["Thanks\nYou are rece\u0130ving this email because you asked", "UN\u017fUBSCRIBE here"])
def test_footers_with_letters_that_fold_to_ascii_are_bulk(body: str) -> None:
    assert parse_message(_raw(BASE, body)).is_bulk


def test_header_names_and_parameters_in_any_case() -> None:
    raw = (b"FROM: a@b.example\nlist-unsubscribe: <mailto:x@b.example>\nMessage-ID: <p@q>\n"
           b"content-type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; CHARSET=ISO-8859-1\n\ncaf\xe9\n"
           b"--b\nContent-Type: application/pdf; NAME=\"a b.pdf\"\n\nx\n"
           b"--b\nContent-Disposition: attachment; FILENAME*=utf-8''%C3%A9.txt\n\ny\n--b--\n")
    msg = parse_message(raw)
    assert msg.sender.email == "a@b.example" and msg.is_bulk
    assert msg.text.strip() == "caf\u00e9"
    assert [a.filename for a in msg.attachments] == ["a b.pdf", "\u00e9.txt"]


def test_raw_utf8_headers_are_read_as_utf8() -> None:
    # Many mailers send headers as raw UTF-8 (RFC 6532) instead of encoded words.
    raw = ("From: Zoë Müller <zoe@example.com>\nTo: Ada <ada@loom.example>, José <jose@example.com>\n"
           "Subject: café au lait — résumé\nDate: Wed, 18 Nov 2026 09:00:00 +0000\nMessage-ID: <u@x>\n\n"
           "Could you review the résumé?\n").encode()
    msg = parse_message(raw)
    assert msg.subject == "café au lait — résumé"
    assert msg.sender.name == "Zoë Müller" and msg.sender.email == "zoe@example.com"
    assert [a.name for a in msg.to] == ["Ada", "José"]
    latin1 = raw.replace("Subject: café au lait — résumé".encode(), "Subject: café au lait".encode("latin-1"))
    assert parse_message(latin1).subject == "café au lait"  # not UTF-8: read as Windows-1252


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "us-ascii"])
def test_8bit_text_labelled_utf8_or_ascii_reads_as_the_8bit_text_it_is(charset: str) -> None:
    # A mailer that labels everything UTF-8 sends Latin-1 bytes: no replacement marks.
    data = (f"From: a@x.example\nTo: b@x.example\nSubject: booking\nDate: Wed, 18 Nov 2026 09:00:00 +0000\n"
            f"Message-ID: <l1@x.example>\nContent-Type: text/plain; charset={charset}\n"
            "Content-Transfer-Encoding: 8bit\n\n").encode() + "Can you confirm the café booking for Müller by Friday?\n".encode("latin-1")
    msg = parse_message(data)
    assert "café booking for Müller" in msg.text and "\ufffd" not in msg.text


@pytest.mark.parametrize("body", [
    b"--xyz\nContent-Type: text/plain\n\nCould you send me the signed NDA by Friday?\n--xyz--\n",
    b"Could you send me the signed NDA by Friday?\n",
])
def test_a_multipart_without_a_boundary_is_read_as_its_text(body: bytes) -> None:
    """A robustness trial's multipart with no boundary counted as "no visible text", its ask lost."""
    raw = (b"From: a@x.example\nTo: ada@loom.example\nSubject: s\nDate: Wed, 18 Nov 2026 09:00:00 +0000\n"
           b"Message-ID: <nb@x.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n" + body)
    with structlog.testing.capture_logs() as logs:
        msg = parse_message(raw)
    assert msg.reply_text == "Could you send me the signed NDA by Friday?" and msg.attachments == []
    assert any("names no boundary" in str(e.get("reason")) for e in logs)



FLOWED = ("From: Ada <ada@loom.example>\r\nTo: Ada <ada@loom.example>\r\nSubject: Re: Focus\r\n"
          "Message-ID: <f1@loom.example>\r\nDate: Thu, 19 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
          "Content-Type: text/plain; charset=utf-8; format=flowed{delsp}\r\n\r\n"
          "add: Send Rachel the signed side letter and the updated cap table{soft}\r\n"
          "before the partner meeting by Friday\r\n"
          "note 2 check with Tom about{soft}\r\n"
          " From the data room permissions first\r\n"
          "\r\n"
          "-- \r\n"
          "Ada\r\n"
          "\r\n"
          "> On Thu, focusd wrote:\r\n"
          ">> 1. Send Maria the deck{soft}\r\n"
          ">> with the numbers\r\n"
          "> Why: due tomorrow\r\n")


@pytest.mark.parametrize("delsp,soft", [("", " "), ("; delsp=yes", "  ")])
def test_format_flowed_is_read_as_written(delsp: str, soft: str) -> None:
    """Thunderbird sends format=flowed, and iOS Mail (with delsp=yes) for long lines: a line the
    client wrapped ends in a space and goes on in the next line of the same quote depth."""
    msg = parse_message(FLOWED.format(delsp=delsp, soft=soft).encode())
    lines = msg.text.split("\n")
    assert "add: Send Rachel the signed side letter and the updated cap table before the partner meeting by Friday" in lines
    assert "note 2 check with Tom about From the data room permissions first" in lines  # " From": space-stuffed
    assert "-- " in lines and "Ada" in lines  # the signature separator stays a line of its own
    assert ">> 1. Send Maria the deck with the numbers" in lines and "> Why: due tomorrow" in lines
    assert msg.reply_text.startswith("add: Send Rachel") and "Send Maria" not in msg.reply_text


def test_text_not_sent_flowed_keeps_its_lines() -> None:
    fixed = FLOWED.format(delsp="", soft=" ").replace("; format=flowed", "")
    lines = parse_message(fixed.encode()).text.split("\n")
    assert "add: Send Rachel the signed side letter and the updated cap table " in lines
    assert "before the partner meeting by Friday" in lines
