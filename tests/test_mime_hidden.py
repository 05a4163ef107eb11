"""Text a reader never sees, quoted history behind a pipe, and bodies that arrive broken: each
message is built as bytes and read by the parser the sync uses (``try_parse``)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
import structlog

from connectors.mime import MAX_TEXT_CHARS, try_parse
from connectors.types import MAX_MESSAGE_BYTES, Message

ARRIVED = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
ASK = "Ada, can you sign the supplier contract for Orbit Freight by Thursday?"


def _mail(body: str | bytes, content_type: str = "text/html; charset=utf-8", date: str = "Wed, 18 Nov 2026 09:00:00 +0000",
          extra: str = "") -> bytes:
    head = (f"From: Lena Park <lena@partner.example>\nTo: ada@loom.example\nSubject: Hello\nDate: {date}\n"
            f"Message-ID: <t-{abs(hash(body))}@partner.example>\nMIME-Version: 1.0\nContent-Type: {content_type}\n"
            f"{extra}\n").encode()
    return head + (body.encode() if isinstance(body, str) else body)


def _parse(raw: bytes, received: datetime | None = ARRIVED) -> Message:
    msg, reason = try_parse(raw, received=received)
    assert msg is not None, reason
    return msg


def _html(inner: str, body_attrs: str = "") -> str:
    return (f"<html><body{body_attrs}><p>Good to see you at the fair.</p>{inner}<p>Lena</p></body></html>")


# -- hidden HTML -----------------------------------------------------------------------------------

HIDDEN = {
    "1px near-white": '<p style="font-size:1px;color:#fdfdfd">{}</p>',
    "2px text": '<span style="font-size: 2px">{}</span>',
    "3pt text": '<div style="font-size:3pt">{}</div>',
    "0.1em text": "<div style='font-size:.1em'>{}</div>",
    "off screen left": '<div style="position:absolute;left:-9999px;top:0">{}</div>',
    "off screen top, fixed": '<div style="position: fixed; top: -2000px">{}</div>',
    "text-indent": '<div style="text-indent:-10000px;overflow:hidden">{}</div>',
    "margin far left, em": '<div style="margin-left:-80em">{}</div>',
    "mso-hide": '<table><tr><td style="mso-hide: ALL">{}</td></tr></table>',
    "template": "<template><p>{}</p></template>",
    "noscript": "<noscript>{}</noscript>",
    "font color white": '<font color="#FFFFFF">{}</font>',
    "font color bare": "<font color=white>{}</font>",
    "near-white rgb": '<span style="color: rgb(252, 252, 252)">{}</span>',
    "transparent text": '<span style="color:transparent">{}</span>',
    "rgba alpha 0": '<span style="color:rgba(20,20,20,0)">{}</span>',
    "clip rect spaces": '<div style="position:absolute;clip:rect(0 0 0 0)">{}</div>',
    "clip rect 1px": '<div style="position:absolute;clip: rect(1px, 1px, 1px, 1px)">{}</div>',
    "clip-path inset": '<div style="clip-path: inset(50%)">{}</div>',
    "clip-path circle": '<div style="clip-path:circle(0)">{}</div>',
    "scale 0": '<div style="transform:scale(0)">{}</div>',
    "scaleY 0": '<div style="transform: translateX(2px) scaleY(0)">{}</div>',
    "scale tiny": '<div style="transform:scale(0.01, 0.01)">{}</div>',
    "1px box": '<div style="overflow:hidden;width:1px;height:1px">{}</div>',
    "black on black cell": '<table><tr><td bgcolor="#000000"><font color="#010101">{}</font></td></tr></table>',
    "dark on its own dark": '<span style="background:#223344;color:#223345">{}</span>',
}


@pytest.mark.parametrize("markup", HIDDEN.values(), ids=HIDDEN.keys())
def test_text_out_of_sight_is_not_read(markup: str) -> None:
    msg = _parse(_mail(_html(markup.format(ASK))))
    assert "Orbit Freight" not in msg.text
    assert "Good to see you at the fair." in msg.reply_text and "Lena" in msg.reply_text


def test_text_white_on_a_white_page_is_dropped_but_white_on_a_dark_cell_stays() -> None:
    white_page = _html(f'<div style="color:#ffffff">{ASK}</div>', ' bgcolor="#ffffff"')
    assert "Orbit Freight" not in _parse(_mail(white_page)).text
    # A dark banner or button with white text: visible, so read.
    for cell in (f'<table><tr><td bgcolor="#1a73e8"><font color="#ffffff">{ASK}</font></td></tr></table>',
                 f'<div style="background-color:#222"><p><span style="color:#fff">{ASK}</span></p></div>',
                 f'<table style="background:#0b3d2e url(x.png)"><tr><td style="color:white">{ASK}</td></tr></table>'):
        assert "Orbit Freight" in _parse(_mail(_html(cell))).text, cell


VISIBLE = {
    "coloured text": '<p style="color:#c0392b">{}</p>',
    "grey text": '<p style="color:#777777;font-family:Arial">{}</p>',
    "small print 10px": '<p style="font-size:10px;color:#999">{}</p>',
    "small print 11px": '<p style="font-size: 11px">{}</p>',
    "small print 8pt": '<p style="font-size:8pt">{}</p>',
    "0.8em": '<p style="font-size:0.8em">{}</p>',
    "slight offset": '<div style="position:relative;left:-12px;top:-4px">{}</div>',
    "negative margin": '<div style="margin-left:-20px;text-indent:-1em">{}</div>',
    "scale up": '<div style="transform:scale(1.05)">{}</div>',
    "clip a box": '<div style="position:absolute;clip:rect(0px,200px,100px,0px)">{}</div>',
    "font color red": '<font color="red">{}</font>',
    "light grey font": '<font color="#d0d0d0">{}</font>',
    "white on blue button": '<a href="#" style="color:#ffffff;background-color:#1a73e8">{}</a>',
    "sized box": '<div style="overflow:hidden;height:40px">{}</div>',
}


@pytest.mark.parametrize("markup", VISIBLE.values(), ids=VISIBLE.keys())
def test_ordinary_styling_keeps_the_text(markup: str) -> None:
    assert "Orbit Freight" in _parse(_mail(_html(markup.format(ASK)))).text


def test_a_newsletter_preheader_is_dropped_and_the_rest_is_read() -> None:
    preheader = ('<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;'
                 'max-width:0px;opacity:0;overflow:hidden;mso-hide:all">Our autumn range is here</div>')
    body = (f"<html><body>{preheader}<table><tr><td><h1>Autumn news</h1>"
            "<p>Everything about the assistant system we ship, and why to ignore the hype.</p>"
            "<p style='font-size:11px;color:#888'>You get this as a customer.</p></td></tr></table></body></html>")
    text = _parse(_mail(body)).text
    assert "autumn range" not in text
    assert "Everything about the assistant system we ship, and why to ignore the hype." in text
    assert "You get this as a customer." in text


# -- quoted with a pipe ----------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    f"Works for me.\n\n| {ASK}\n| Thanks, Lena\n",
    f"Works for me.\n\nOn Tue, 17 Nov 2026 at 10:12, Lena Park <lena@partner.example> wrote:\n| {ASK}\n",
    f"Works for me.\n\nLe 17 nov. 2026 à 10:12, Lena Park a écrit :\n|{ASK}\n",
    f"Works for me.\n|\n| {ASK}\n|\n| Lena\n\nBest,\nAda\n",
    f"Works for me.\n\n| {ASK}\n",
    f"Works for me.\n\n  | Hallo Ada,\n  | {ASK}\n  | > earlier\n",
], ids=["run", "under a header", "french header", "reply below", "last line", "indented, nested"])
def test_history_quoted_with_a_pipe_is_not_the_reply(body: str) -> None:
    msg = _parse(_mail(body, "text/plain; charset=utf-8"))
    assert "Orbit Freight" not in msg.reply_text
    assert msg.reply_text.startswith("Works for me.")


@pytest.mark.parametrize("body", [
    f"Numbers below.\n\n| Item | Qty |\n|---|---|\n| Pallets | 40 |\n\n{ASK}\n",
    f"Numbers below.\n| {ASK}\nThe rest as we agreed.\n",
    f"Orbit Freight | Logistics\n{ASK}\n",
], ids=["table", "one pipe line amid text", "pipe inside a line"])
def test_a_pipe_that_quotes_nothing_stays(body: str) -> None:
    msg = _parse(_mail(body, "text/plain; charset=utf-8"))
    assert ASK in msg.reply_text
    if "Item" in body:
        assert "| Pallets | 40 |" in msg.reply_text


# -- broken bodies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "left"), [
    (f"Hi Ada,\n\n{ASK}\n\nLena\n", 1),
    ("Hallo Ada, kannst du bis Donnerstag den Vertrag mit Orbit Freight unterschreiben? Danke!", 2),
    ("Привет! Подпиши, пожалуйста, договор с Orbit Freight до четверга.", 3),
], ids=["english, 1 left over", "german, 2 left over", "russian, 3 left over"])
def test_a_base64_body_cut_short_is_decoded_up_to_its_last_whole_quantum(text: str, left: int) -> None:
    encoded = base64.encodebytes(text.encode()).decode().rstrip("\n=")[:-5]
    while len(encoded.replace("\n", "")) % 4 != left:
        encoded = encoded[:-1]
    cut = encoded
    raw = _mail(cut + "\n", "text/plain; charset=utf-8", extra="Content-Transfer-Encoding: base64\n")
    with structlog.testing.capture_logs() as logs:
        msg = _parse(raw)
    assert "Orbit Freight" in msg.text
    assert msg.text and text.startswith(msg.text.rstrip("\ufffd")[:-2])
    assert not any(c in msg.text for c in "+/=") and "SGk" not in msg.text
    found = [e for e in logs if e["event"] == "message.repaired"]
    assert found and "base64" in found[0]["reason"] and found[0]["message_id"] == msg.message_id
    assert all(text[:20] not in str(e) for e in logs)  # the body is never logged


def test_whole_base64_is_decoded_without_a_word_logged() -> None:
    encoded = base64.encodebytes(ASK.encode()).decode()
    with structlog.testing.capture_logs() as logs:
        msg = _parse(_mail(encoded, "text/plain; charset=utf-8", extra="Content-Transfer-Encoding: base64\n"))
    assert msg.text.strip() == ASK
    assert logs == []


@pytest.mark.parametrize("filler", [
    "Could you send me the signed SOW by Friday? ",
    "Bitte schick mir den unterschriebenen Vertrag bis Freitag. ",
    "Send me the deck, the figures and the pricing sheet when you have them ",  # no sentence end
], ids=["english", "german", "no stop"])
def test_text_cut_at_the_size_limit_ends_at_a_sentence_or_word(filler: str) -> None:
    body = (filler * (MAX_TEXT_CHARS // len(filler) + 50)).replace("  ", " ")
    # Shift the limit off every boundary: a character more at the start.
    msg = _parse(_mail("X" + body, "text/plain; charset=utf-8"))
    assert 0 < len(msg.text) <= MAX_TEXT_CHARS
    words = set(("X" + body).split())
    assert msg.text.split()[-1] in words  # the last word is whole
    if filler.rstrip().endswith((".", "?")):
        assert msg.text.endswith((".", "?"))


def test_html_cut_at_its_limit_ends_at_a_boundary() -> None:
    para = "<p>Can you check the freight invoice from Orbit before the audit</p>"
    msg = _parse(_mail("<html><body>" + para * (MAX_TEXT_CHARS * 4 // len(para) + 10)))
    assert msg.text.rstrip().endswith("audit")


def test_a_message_cut_at_the_byte_limit_ends_its_text_at_a_boundary() -> None:
    line = "Please forward the contract to the legal team when it arrives "
    body = "Hi Ada.\n" + line * (MAX_MESSAGE_BYTES // len(line) + 100)
    msg = _parse(_mail(body, "text/plain; charset=utf-8"))
    assert msg.text.split()[-1] in set(body.split())


def test_a_message_cut_in_its_attachment_keeps_its_whole_text() -> None:
    pdf = base64.encodebytes(b"%PDF" * (MAX_MESSAGE_BYTES // 3)).decode()
    body = (f'--b\nContent-Type: text/plain\n\nSend me the contract, ple\n--b\nContent-Type: application/pdf\n'
            f"Content-Disposition: attachment; filename=a.pdf\nContent-Transfer-Encoding: base64\n\n{pdf}--b--\n")
    msg = _parse(_mail(body, 'multipart/mixed; boundary="b"'))
    assert msg.text.strip() == "Send me the contract, ple"  # as written, not cut by us


# -- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("date", [
    "Fri, 31 Dec 9999 10:00:00 +0000",
    "Mon, 1 Jan 2denied",
    "Sat, 20 Nov 2027 08:00:00 -0500",
    "Thu, 20 Nov 2026 10:00:00 +0000",  # two days after it arrived
], ids=["year 9999", "garbage", "a year ahead", "two days ahead"])
def test_a_date_far_past_arrival_is_not_the_message_date(date: str) -> None:
    with structlog.testing.capture_logs() as logs:
        msg = _parse(_mail("Can you sign it?", "text/plain", date=date))
    assert msg.date == ARRIVED and not msg.dated
    if "denied" not in date:
        assert [e["event"] for e in logs] == ["message.repaired"] and "Date" in logs[0]["reason"]


def test_a_far_future_date_falls_back_to_the_received_header_like_an_unparsable_one() -> None:
    extra = "Received: from mx.partner.example by mx.loom.example; Wed, 18 Nov 2026 09:01:00 +0000\n"
    msg = _parse(_mail("Hi", "text/plain", date="Fri, 31 Dec 9999 10:00:00 +0000", extra=extra))
    assert msg.date == datetime(2026, 11, 18, 9, 1, tzinfo=UTC) and not msg.dated


@pytest.mark.parametrize(("date", "when"), [
    ("Wed, 18 Nov 2026 21:00:00 +0000", datetime(2026, 11, 18, 21, 0, tzinfo=UTC)),  # a skewed clock, same day
    ("Thu, 19 Nov 2026 09:00:00 +1400", datetime(2026, 11, 18, 19, 0, tzinfo=UTC)),
    ("Mon, 16 Nov 2026 08:00:00 +0000", datetime(2026, 11, 16, 8, 0, tzinfo=UTC)),
], ids=["hours ahead", "far east zone", "past"])
def test_a_date_at_or_before_arrival_is_kept(date: str, when: datetime) -> None:
    msg = _parse(_mail("Hi", "text/plain", date=date))
    assert msg.date == when and msg.dated


def test_without_an_arrival_time_the_date_is_taken_as_written() -> None:
    msg = _parse(_mail("Hi", "text/plain", date="Sat, 20 Nov 2027 08:00:00 +0000"), received=None)
    assert msg.date == datetime(2027, 11, 20, 8, 0, tzinfo=UTC) and msg.dated
