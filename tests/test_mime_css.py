"""Text hidden by a <style> block's rule, not an inline style, and the repairs the parser
says it made: a Date it could not use, HTML too long and deep to read to its text."""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from datetime import UTC, datetime
from typing import Any

import pytest
import structlog

from connectors.mime import MAX_TEXT_CHARS, html_to_text, try_parse
from connectors.types import Message

ARRIVED = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
SHOWN = "Thanks for the call today, notes attached."
SECRET = "Please wire the deposit to Harbor Capital before noon."


def _page(style: str, body: str) -> str:
    return f"<html><head><style type=\"text/css\">{style}</style></head><body>{body}</body></html>"


@pytest.mark.parametrize(("style", "hidden"), [
    (".z{display:none}", '<p class="z">{}</p>'),
    (".a, .ghost { visibility: hidden !important; }", '<div class="card ghost">{}</div>'),
    ("#k{font-size:0px}", '<span id="k">{}</span>'),
    ("td.tiny{font-size:1px;line-height:1px}", '<table><tr><td class="tiny">{}</td></tr></table>'),
    ("/* reset */ .off { position:absolute; left:-9999px }", '<p class=off>{}</p>'),
    ("<!-- .w{color:#ffffff} -->", '<p class="w">{}</p>'),
    (".o{opacity:0}", "<section class='o'><b>{}</b></section>"),
    ("@media screen { .s{display:none} }", '<p class="s">{}</p>'),
    ("@media all{ .m { mso-hide:all; display:none } }", '<div class="m">{}</div>'),
    ("P.Zed{DISPLAY:NONE}", '<p class="Zed">{}</p>'),
], ids=["class", "comma list", "id", "tag.class", "off screen", "white on white", "opacity",
        "media screen", "media all", "upper case"])
def test_text_hidden_by_a_style_sheet_rule_is_dropped(style: str, hidden: str) -> None:
    text = html_to_text(_page(style, f"<p>{SHOWN}</p>" + hidden.replace("{}", SECRET)))
    assert SHOWN in text and "Harbor" not in text


@pytest.mark.parametrize(("style", "body"), [
    # A newsletter's responsive CSS hides a column on phones only; on a screen it shows.
    ("@media only screen and (max-width:600px) { .col { display:none !important } }", '<td class="col">{}</td>'),
    ("@media (max-width: 480px){.x{display:none}} .y{color:#333}", '<p class="x y">{}</p>'),
    ("@media print { .hidden-print { display:none } }", '<p class="hidden-print">{}</p>'),
    # The rule hides another element, not the one holding the text.
    (".preheader{display:none;max-height:0;overflow:hidden}", '<div class="preheader">Sale!</div><p class="pre">{}</p>'),
    ("#footer{display:none}", '<p id="footer-note">{}</p>'),
    ("span.z{display:none}", '<p class="z">{}</p>'),
    # A rule for another element, or for a state (hover) the reader never sees at rest.
    (".menu .z{display:none} a:hover{visibility:hidden}", '<p class="z">{}</p>'),
    # The inline style wins over the sheet's.
    (".z{display:none}", '<p class="z" style="display:block">{}</p>'),
    # White text on the dark cell a class paints.
    (".dark{background-color:#111111} .lite{color:#ffffff}", '<div class="dark"><p class="lite">{}</p></div>'),
], ids=["responsive", "responsive, other rule", "print only", "other element", "other id", "other tag",
        "descendant", "inline wins", "white on dark class"])
def test_text_a_style_sheet_does_not_hide_on_a_screen_is_kept(style: str, body: str) -> None:
    assert SECRET in html_to_text(_page(style, body.replace("{}", SECRET)))


def test_a_newsletter_hidden_preheader_goes_and_its_article_stays() -> None:
    style = ".preheader{display:none!important;mso-hide:all} .hero{font-size:22px;color:#222}"
    body = ('<span class="preheader">Ignore this teaser text</span>'
            '<h1 class="hero">Our autumn release</h1><p>Could you review the release notes by Friday?</p>')
    text = html_to_text(_page(style, body))
    assert "teaser" not in text and "review the release notes" in text and "autumn release" in text


@pytest.mark.parametrize("page", [
    "<style>" * 50_000 + ".z{display:none}",
    _page("}" * 100_000 + "{" * 100_000 + "@media{" * 50_000, "<p>x</p>"),
    _page(".a{display:none}" * 20_000, '<p class="a b c">x</p>' * 5_000),
], ids=["unclosed blocks", "brace storm", "many rules, many elements"])
def test_style_sheets_cost_one_pass(page: str) -> None:
    started = time.perf_counter()
    html_to_text(page)
    assert time.perf_counter() - started < 3.0


def _mail(body: str, date: str | None = "Wed, 18 Nov 2026 09:00:00 +0000", ctype: str = "text/plain") -> bytes:
    dated = f"Date: {date}\n" if date is not None else ""
    return (f"From: Lena Park <lena@partner.example>\nTo: ada@loom.example\nSubject: Hi\n{dated}"
            f"Message-ID: <css-{abs(hash(body + str(date)))}@partner.example>\nContent-Type: {ctype}; charset=utf-8\n\n"
            f"{body}").encode()


def _parse(raw: bytes) -> tuple[Message, list[MutableMapping[str, Any]]]:
    with structlog.testing.capture_logs() as logs:
        msg, reason = try_parse(raw, received=ARRIVED)
    assert msg is not None, reason
    return msg, logs


@pytest.mark.parametrize("date", [
    None, "Yesterday-ish, 99 Foo 20261 25:61:61 +9999", "next tuesday", "Mon, 45 Smarch 2026 10:00:00 +0000", "  ",
], ids=["missing", "garbage", "words", "bad month", "blank"])
def test_a_date_that_cannot_be_used_is_logged_as_a_repair(date: str | None) -> None:
    msg, logs = _parse(_mail("Could you send the figures by Friday?", date))
    assert msg.date == ARRIVED and not msg.dated
    found = [e for e in logs if e["event"] == "message.repaired"]
    assert len(found) == 1 and "Date header" in str(found[0]["reason"])
    assert "figures" not in str(logs)


def test_a_good_date_logs_nothing() -> None:
    msg, logs = _parse(_mail("Could you send the figures by Friday?", "Wed, 18 Nov 2026 09:00:00 +0000"))
    assert msg.dated and logs == []


@pytest.mark.parametrize("opener", ["<div>", "<span><b>", "<table><tr><td>"], ids=["div", "span b", "table"])
def test_html_too_deep_to_reach_its_text_says_so(opener: str) -> None:
    ask = "Could you review the deep html by Friday?"
    deep = opener * (MAX_TEXT_CHARS * 4 // len(opener) + 1000) + ask
    msg, logs = _parse(_mail(f"<html><body>{deep}</body></html>", ctype="text/html"))
    reasons = [str(e["reason"]) for e in logs if e["event"] == "message.repaired"]
    assert any("only markup" in r for r in reasons), reasons
    assert "deep html" not in str(logs)


def test_long_html_with_its_text_in_reach_logs_the_cut_but_not_only_markup() -> None:
    msg, logs = _parse(_mail("<p>Could you review the report by Friday?</p>" + "<p>para</p>" * 50_000,
                             ctype="text/html"))
    reasons = [str(e["reason"]) for e in logs if e["event"] == "message.repaired"]
    assert "review the report" in msg.text and reasons and not any("only markup" in r for r in reasons)


@pytest.mark.parametrize("hidden", [
    '<p style="visibility: collapse">{}</p>',
    '<style>.q{{visibility:collapse}}</style><p class="q">{}</p>',
    '<svg width="0" height="0"><text x="0" y="0">{}</text></svg>',
    '<p style="color:hsl(0, 0%, 100%)">{}</p>',
    '<p style="color:hsla(0,0%,100%,1)">{}</p>',
], ids=["collapse", "collapse class", "svg text", "hsl white", "hsla white"])
def test_text_hidden_by_collapse_svg_or_hsl_white_is_dropped(hidden: str) -> None:
    text = html_to_text(f"<html><body><p>{SHOWN}</p>{hidden.format(SECRET)}</body></html>")
    assert SHOWN in text and "wire the deposit" not in text


def test_an_hsl_colour_that_shows_is_kept() -> None:
    text = html_to_text(f'<html><body><p style="color:hsl(210, 50%, 40%)">{SECRET}</p></body></html>')
    assert "wire the deposit" in text


def test_eight_bit_text_labelled_utf16_is_read_as_text_and_the_repair_logged() -> None:
    raw = (b"From: Sam <sam@client.example>\nTo: ada@loom.example\nSubject: Review\n"
           b"Date: Wed, 18 Nov 2026 09:00:00 +0000\nMessage-ID: <u16@client.example>\nMIME-Version: 1.0\n"
           b"Content-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: 8bit\n\n"
           + "Caf\u00e9 plan: could you review the draft by Friday?\n".encode("latin-1"))
    msg, logs = _parse(raw)
    assert "could you review the draft by Friday?" in msg.text
    assert any("utf-16" in str(e.get("reason", "")) for e in logs)
    real = raw.replace(b"8bit", b"binary").split(b"\n\n", 1)[0] + b"\n\n" + "Could you review it?\n".encode("utf-16")
    assert "Could you review it?" in _parse(real)[0].text  # real UTF-16 is read as it says
