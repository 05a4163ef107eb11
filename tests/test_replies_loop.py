"""The whole loop on the demo week: the brief goes out, the owner replies, `sync` obeys the reply
and confirms it, `undo` puts it back, and every reply it must not obey changes and sends nothing."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from agent.app import App
from agent.clock import fixed
from agent.cycle import send_brief, sync_once
from agent.settings import load
from tests.conftest import DEMO_NOW

OWNER = "ada@loom.example"
LATER = DEMO_NOW + timedelta(hours=1)


def _outbox(demo_dir: Path) -> list[EmailMessage]:
    files = sorted((demo_dir / "outbox").glob("*.eml"))
    return [message_from_bytes(f.read_bytes(), _class=EmailMessage, policy=policy.default) for f in files]


def _deliver(demo_dir: Path, name: str, body: str, in_reply_to: str, sender: str = OWNER,
             message_id: str = "<reply-1@loom.example>", extra: str = "", subject: str = "Re: your focus") -> None:
    raw = (f"From: Ada Lovelace <{sender}>\nTo: {OWNER}\nSubject: {subject}\n"
           f"Date: Thu, 19 Nov 2026 08:05:00 +0000\nMessage-ID: {message_id}\n"
           f"In-Reply-To: {in_reply_to}\nReferences: {in_reply_to}\n{extra}"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}")
    (demo_dir / "mail" / "new" / f"1763540000.{name}.host").write_text(raw)


@pytest.fixture
def sent(demo_dir: Path) -> tuple[App, str, str]:
    """The demo synced and its brief sent; returns the app, the brief's Message-ID and its text."""
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    assert send_brief(app, app.today()).outcome == "sent"
    (brief,) = _outbox(demo_dir)
    text = brief.get_body(("plain",)).get_content()
    return App(load(demo_dir / "focusd.toml"), fixed(LATER)), str(brief["Message-ID"]), text


def _quoted(text: str) -> str:
    return "On Thu, 19 Nov 2026 at 07:30, focusd <ada@loom.example> wrote:\n" + "".join(
        f"> {line}\n" for line in text.splitlines())


def test_a_reply_is_obeyed_confirmed_and_undone(demo_dir: Path, sent: tuple[App, str, str]) -> None:
    app, brief_id, text = sent
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    first, second = app.store.item(lines["1"]), app.store.item(lines["2"])
    assert first and second and first.status == second.status == "open"
    _deliver(demo_dir, "reply", f"done 1\nsnooze 2 monday\n\nThanks!\n\n{_quoted(text)}", brief_id)
    sync_once(app)
    first, second = app.store.item(lines["1"]), app.store.item(lines["2"])
    assert first and first.status == "done"
    assert second and (second.status, second.snoozed_until) == ("snoozed", "2026-11-23")
    confirmations = _outbox(demo_dir)[1:]
    assert len(confirmations) == 1
    conf = confirmations[0]
    assert conf["To"] == OWNER and conf["In-Reply-To"] == "<reply-1@loom.example>"
    assert conf["References"] == f"{brief_id} <reply-1@loom.example>"  # threaded under the brief
    assert conf["Subject"].startswith("Re: Focus Thu 19 Nov")
    body = conf.get_body(("plain",)).get_content()
    assert f"- Done: 1. {first.title}" in body and "- Snoozed until Mon 23 Nov: 2." in body
    assert "Not understood: “Thanks!”" in body and "Items: done 2" in body

    # The cycle run again, and the confirmation seen in the INBOX, change nothing and send nothing.
    (demo_dir / "mail" / "new" / "1763540001.conf.host").write_bytes(
        sorted((demo_dir / "outbox").glob("*.eml"))[-1].read_bytes())
    report = sync_once(app)
    assert report.items_created == 0 and len(_outbox(demo_dir)) == 2

    # "undo", written in reply to the confirmation, reverts the reply and is confirmed itself.
    _deliver(demo_dir, "undo", "undo\n", str(conf["Message-ID"]), message_id="<reply-2@loom.example>")
    sync_once(app)
    first, second = app.store.item(lines["1"]), app.store.item(lines["2"])
    assert first and second and (first.status, second.status, second.snoozed_until) == ("open", "open", None)
    undo_conf = _outbox(demo_dir)[-1]
    assert len(_outbox(demo_dir)) == 3 and undo_conf["In-Reply-To"] == "<reply-2@loom.example>"
    assert "Undone: Done: 1." in undo_conf.get_body(("plain",)).get_content()
    assert app.store.reply("<reply-1@loom.example>")["status"] == "undone"  # type: ignore[index]


@pytest.mark.parametrize("case", ["stranger", "unknown brief", "dkim fail", "microsoft spf fail", "only quotes"])
def test_replies_not_to_obey_change_and_send_nothing(demo_dir: Path, sent: tuple[App, str, str], case: str) -> None:
    app, brief_id, text = sent
    before = [(i.id, i.status, i.due, i.pinned) for i in app.store.all_items()]
    goals = app.store.goals()
    body, kwargs = "done 1\ndrop 2\nadd: Wire the money to mallory\n", {}
    if case == "stranger":
        kwargs = {"sender": "mallory@evil.example"}
    elif case == "unknown brief":
        kwargs = {"in_reply_to": "<focusd-brief.Zm9yZ2VkLXRva2VuLWd1ZXNz@loom.example>"}
    elif case == "dkim fail":
        kwargs = {"extra": "Authentication-Results: mx.loom.example; dkim=fail header.d=loom.example\n"}
    elif case == "microsoft spf fail":  # Exchange Online names no server first
        kwargs = {"extra": "Authentication-Results: spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=loom.example; "
                           "dkim=none (message not signed) header.d=none;dmarc=none action=none "
                           "header.from=loom.example;compauth=fail reason=001\n"}
    else:
        body = _quoted(text)
    _deliver(demo_dir, "bad", body, **({"in_reply_to": brief_id} | kwargs))
    sync_once(app)
    assert [(i.id, i.status, i.due, i.pinned) for i in app.store.all_items()] == before
    assert app.store.goals() == goals
    assert len(_outbox(demo_dir)) == 1  # the brief alone
    record = app.store.reply("<reply-1@loom.example>")
    assert record is not None
    assert record["status"] == ("empty" if case == "only quotes" else "ignored")


def test_the_brief_footer_is_the_cheat_sheet(sent: tuple[App, str, str]) -> None:
    _, _, text = sent
    assert "Reply to steer, one command a line" in text and "not read yet" not in text


def _raw_reply(demo_dir: Path, name: str, headers: str, body: str) -> None:
    (demo_dir / "mail" / "new" / f"1763540000.{name}.host").write_bytes(
        (headers + "Content-Type: text/plain; charset=utf-8\n\n" + body).encode("utf-8", "surrogateescape"))


def test_a_reply_that_breaks_its_handling_is_set_aside_and_mail_flows_on(demo_dir: Path,
                                                                        sent: tuple[App, str, str]) -> None:
    app, brief_id, _ = sent
    refs = f"In-Reply-To: {brief_id}\nReferences: {brief_id}\n"
    # A Date at the calendar's edge, and a Message-ID that would put a line break in the answer.
    _raw_reply(demo_dir, "edge", f"From: {OWNER}\nTo: {OWNER}\nSubject: Re\nDate: Fri, 31 Dec 9999 23:59:59 -1200\n"
               f"Message-ID: <edge@loom.example>\n{refs}", "snooze 1 3d\n")
    _raw_reply(demo_dir, "crlf", f"From: {OWNER}\nTo: {OWNER}\nSubject: Re\nDate: Thu, 19 Nov 2026 08:06:00 +0000\n"
               f"Message-ID: =?utf-8?q?abc=0Dbcc:evil@x?=\n{refs}", "done 1\n")
    (demo_dir / "mail" / "new" / "1763540001.after.host").write_text(
        "From: Maria <maria@fund.example>\nTo: ada@loom.example\nSubject: numbers\n"
        "Date: Thu, 19 Nov 2026 08:10:00 +0000\nMessage-ID: <after@fund.example>\n\nCould you send me the numbers?\n")
    report = sync_once(app)
    assert not report.problems
    assert app.store.message("<after@fund.example>") is not None  # the mail after them was read
    assert sync_once(app).fetched == 0  # and nothing is read again: the cursor moved on
    assert len(_outbox(demo_dir)) <= 3  # the brief, and at most a confirmation each; never a stranger


def test_a_flood_of_commands_is_cut_at_the_first_lines(demo_dir: Path, sent: tuple[App, str, str]) -> None:
    app, brief_id, _ = sent
    _deliver(demo_dir, "flood", "done 1-199\n" * 5000 + "add: " + "x" * 100_000 + "\n", brief_id)
    sync_once(app)
    mails = _outbox(demo_dir)
    assert len(mails) == 2  # the brief and one confirmation
    body = mails[1].get_body(("plain",)).get_content()
    assert len(body) < 10_000 and "more lines not read or not understood" in body  # said once each, and counted
    assert all(len(i.title) <= 300 for i in app.store.all_items())


def test_another_person_s_mail_that_cites_a_brief_is_read_as_any_mail(demo_dir: Path,
                                                                       sent: tuple[App, str, str]) -> None:
    """The owner answered the brief and copied a colleague in; the colleague's answer cites the
    brief in References. It steers nothing, and its ask is an item like any other."""
    app, brief_id, _ = sent
    _deliver(demo_dir, "colleague", "Hi Ada,\n\nCould you send me the signed cap table by Monday?\n\nThanks,\nPriya\n",
             brief_id, sender="priya@northwind.example", message_id="<colleague-1@northwind.example>")
    before = {i.id for i in app.store.all_items()}
    sync_once(app)
    new = [i for i in app.store.all_items() if i.id not in before]
    assert [(i.kind, i.evidence) for i in new] == [("request", "Could you send me the signed cap table by Monday?")]
    assert app.store.reply("<colleague-1@northwind.example>")["status"] == "ignored"  # type: ignore[index]
    assert len(_outbox(demo_dir)) == 1  # nothing sent to anyone


@pytest.mark.parametrize("indent", ["", "    "])
def test_a_brief_another_person_pastes_unquoted_yields_none_of_its_items(demo_dir: Path, sent: tuple[App, str, str],
                                                                          indent: str) -> None:
    """Only their own ask becomes an item: the brief's lines, pasted plain or indented, are focusd's own words."""
    app, brief_id, text = sent
    pasted = "\n".join(indent + line for line in text.splitlines())
    _deliver(demo_dir, "pasted", f"Could you send me the signed cap table by Monday?\n\n{pasted}\n", brief_id,
             sender="priya@northwind.example", message_id="<pasted-1@northwind.example>")
    before = {i.id for i in app.store.all_items()}
    sync_once(app)
    new = [i for i in app.store.all_items() if i.id not in before]
    assert [(i.kind, i.evidence) for i in new] == [("request", "Could you send me the signed cap table by Monday?")]


def test_a_reply_also_sent_to_others_is_obeyed_and_the_confirmation_warns_the_owner(
        demo_dir: Path, sent: tuple[App, str, str]) -> None:
    """The brief's id is what makes a reply the owner's: one sent to a colleague too hands it to them."""
    app, brief_id, _ = sent
    _deliver(demo_dir, "cc", "done 1\n", brief_id, extra="Cc: Bob Jones <bob@northwind.example>\n")
    sync_once(app)
    (conf,) = _outbox(demo_dir)[1:]
    assert conf["To"] == OWNER and "bob" not in str(conf["To"]) + str(conf["Cc"] or "")
    body = conf.get_body(("plain",)).get_content()
    assert "- Done: 1." in body and "Note: your reply also went to bob@northwind.example." in body


def test_a_reply_to_yourself_alone_carries_no_warning(demo_dir: Path, sent: tuple[App, str, str]) -> None:
    app, brief_id, _ = sent
    _deliver(demo_dir, "alone", "done 1\n", brief_id)
    sync_once(app)
    (conf,) = _outbox(demo_dir)[1:]
    assert "also went to" not in conf.get_body(("plain",)).get_content()


def test_after_a_reply_copied_to_others_that_brief_steers_nothing_more(demo_dir: Path,
                                                                       sent: tuple[App, str, str]) -> None:
    """Bob now holds the brief's id: a reply he forges with Ada's From (no failure reported) and
    even Ada's own later ones, to the brief or its confirmation, are refused; the next brief steers."""
    app, brief_id, _ = sent
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    _deliver(demo_dir, "cc", "done 1\n", brief_id, extra="Cc: Bob Jones <bob@northwind.example>\n")
    sync_once(app)
    (conf,) = _outbox(demo_dir)[1:]
    assert "this brief now takes no more replies" in " ".join(conf.get_body(("plain",)).get_content().split())
    before = [(i.id, i.status, i.due, i.pinned) for i in app.store.all_items()]
    _deliver(demo_dir, "forged", "drop 2\n", brief_id, message_id="<forged-1@loom.example>")
    _deliver(demo_dir, "undo", "undo\n", str(conf["Message-ID"]), message_id="<reply-2@loom.example>")
    sync_once(app)
    assert [(i.id, i.status, i.due, i.pinned) for i in app.store.all_items()] == before
    # The brief, the confirmation, and one notice to Ada (not one per refused reply).
    *_, notice = mails = _outbox(demo_dir)
    assert len(mails) == 3 and notice["To"] == OWNER and "bob" not in str(notice["To"]) + str(notice["Cc"] or "")
    assert "focusd did not read a reply to this brief" in notice.get_body(("plain",)).get_content()
    for mid in ("<forged-1@loom.example>", "<reply-2@loom.example>"):
        record = app.store.reply(mid)
        assert record is not None and (record["status"], record["reason"]) == (
            "ignored", "that brief's id went to others with an earlier reply")
    first = app.store.item(lines["1"])
    assert first is not None and first.status == "done"  # the reply that went to Bob still counted


def test_a_reply_to_focusd_s_own_from_address_went_to_no_one_else(demo_dir: Path, sent: tuple[App, str, str]) -> None:
    """With [smtp].from_address set, the owner's reply goes To that address: no one else holds the
    brief's id, so no warning, and the brief still takes replies."""
    _, brief_id, _ = sent
    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('[smtp]\n', '[smtp]\nfrom_address = "focusd@loom.example"\n'))
    app = App(load(config), fixed(LATER))
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    raw = (f"From: Ada Lovelace <{OWNER}>\nTo: focusd <focusd@loom.example>\nSubject: Re: your focus\n"
           f"Date: Thu, 19 Nov 2026 08:05:00 +0000\nMessage-ID: <reply-1@loom.example>\n"
           f"In-Reply-To: {brief_id}\nReferences: {brief_id}\nContent-Type: text/plain; charset=utf-8\n\ndone 1\n")
    (demo_dir / "mail" / "new" / "1763540000.to-focusd.host").write_text(raw)
    sync_once(app)
    (conf,) = _outbox(demo_dir)[1:]
    assert "also went to" not in conf.get_body(("plain",)).get_content()
    _deliver(demo_dir, "second", "done 2\n", brief_id, message_id="<reply-2@loom.example>")
    sync_once(app)
    first, second = app.store.item(lines["1"]), app.store.item(lines["2"])
    assert first is not None and second is not None and (first.status, second.status) == ("done", "done")


def test_a_forged_reply_dated_before_the_copied_one_in_the_same_batch_is_refused(
        demo_dir: Path, sent: tuple[App, str, str]) -> None:
    """The sender writes the Date: a forger who holds the id and backdates a reply that arrives in
    the same batch as the reply that leaked it is still refused."""
    app, brief_id, _ = sent
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    _deliver(demo_dir, "cc", "done 1\n", brief_id, extra="Cc: Bob Jones <bob@northwind.example>\n")
    forged = (f"From: Ada Lovelace <{OWNER}>\nTo: {OWNER}\nSubject: Re: your focus\n"
              f"Date: Thu, 19 Nov 2026 07:45:00 +0000\nMessage-ID: <forged-1@loom.example>\n"
              f"In-Reply-To: {brief_id}\nReferences: {brief_id}\nContent-Type: text/plain; charset=utf-8\n\ndrop 2\n")
    (demo_dir / "mail" / "new" / "1763539000.forged.host").write_text(forged)
    sync_once(app)
    first, second = app.store.item(lines["1"]), app.store.item(lines["2"])
    assert first is not None and second is not None and (first.status, second.status) == ("done", "open")
    record = app.store.reply("<forged-1@loom.example>")
    assert record is not None and (record["status"], record["reason"]) == (
        "ignored", "that brief's id went to others with an earlier reply")


# -- bad input: each line answered, each reply applied once ----------------------------------------


def _reply_raw(brief_id: str, body: str, minute: int, message_id: str | None) -> bytes:
    mid = f"Message-ID: {message_id}\n" if message_id else ""
    return (f"From: Ada Lovelace <{OWNER}>\nTo: {OWNER}\nSubject: Re: your focus\n"
            f"Date: Thu, 19 Nov 2026 08:{minute:02d}:00 +0000\n{mid}In-Reply-To: {brief_id}\nReferences: {brief_id}\n"
            f"Content-Type: text/plain; charset=utf-8\n\n{body}").encode()


def _body(mail: EmailMessage) -> str:
    return str(mail.get_body(("plain",)).get_content())


def test_a_line_that_cannot_be_carried_out_is_one_error_and_the_rest_applies(demo_dir: Path) -> None:
    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('[calendar]\nbackend = "ics"\npaths = ["calendar.ics"]',
                                                 '[calendar]\nbackend = "memory"'))
    app = App(load(config), fixed(DEMO_NOW))
    sync_once(app)
    assert send_brief(app, app.today()).outcome == "sent"
    brief_id = str(_outbox(demo_dir)[0]["Message-ID"])
    app = App(load(config), fixed(LATER))
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    _deliver(demo_dir, "edge", "done 1\nadd: Renew passport by Friday\nblock 1 90m 31/12/9999 23:00\n"
                               "snooze 2 999 weeks\n", brief_id)
    sync_once(app)
    record = app.store.reply("<reply-1@loom.example>")
    assert record is not None and record["status"] == "applied"
    first = app.store.item(lines["1"])
    assert first is not None and first.status == "done"
    (added,) = [i for i in app.store.all_items() if i.title == "Renew passport"]
    assert added.due == "2026-11-20"
    body = _body(_outbox(demo_dir)[-1])
    assert "- Done: 1." in body and "- Added: Renew passport (due Fri 20 Nov)" in body
    assert ("Not understood: “block 1 90m 31/12/9999 23:00” (that date is too far ahead: focusd takes dates up to "
            "5 years ahead)") in body
    assert "Not understood: “snooze 2 999 weeks” (that date is too far ahead" in body


def test_the_same_reply_in_the_inbox_and_in_sent_is_applied_once(demo_dir: Path, sent: tuple[App, str, str]) -> None:
    """The INBOX copy has the server's Message-ID; the byte-identical copy in Sent has none, so
    focusd gives it a stand-in id. An `undo` seen in both takes back one reply, not two."""
    app, brief_id, _ = sent
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    new, sent_new = demo_dir / "mail" / "new", demo_dir / "mail" / ".Sent" / "new"
    (new / "1763540000.a.host").write_bytes(_reply_raw(brief_id, "done 1\n", 1, "<reply-a@loom.example>"))
    (new / "1763540001.b.host").write_bytes(_reply_raw(brief_id, "drop 2\n", 2, "<reply-b@loom.example>"))
    sync_once(app)
    sent_new.mkdir(parents=True, exist_ok=True)
    (new / "1763540002.undo.host").write_bytes(_reply_raw(brief_id, "undo\n", 3, "<server-id@mx.loom.example>"))
    (sent_new / "1763540002.undo.host").write_bytes(_reply_raw(brief_id, "undo\n", 3, None))
    sync_once(app)
    first, second = app.store.item(lines["1"]), app.store.item(lines["2"])
    assert first is not None and second is not None and (first.status, second.status) == ("done", "open")
    rows = list(app.store.db.table("replies").rows_where("received_at = ?", ["2026-11-19T08:03:00+00:00"]))
    assert sorted(r["status"] for r in rows) == ["duplicate", "undo"]
    assert len(_outbox(demo_dir)) == 1 + 2 + 1  # the brief, two confirmations, one for the undo
    assert "Undone: Dropped: 2." in _body(_outbox(demo_dir)[-1])


def test_a_reply_cut_at_the_mail_limit_says_so_and_obeys_no_cut_line(demo_dir: Path,
                                                                    sent: tuple[App, str, str]) -> None:
    app, brief_id, _ = sent
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    _deliver(demo_dir, "long", "done 1\n" + "word " * 32_000 + "\ndrop 2\n", brief_id)
    sync_once(app)
    first, second = app.store.item(lines["1"]), app.store.item(lines["2"])
    assert first is not None and second is not None and (first.status, second.status) == ("done", "open")
    body = _body(_outbox(demo_dir)[-1])
    assert "Not read: “word word word" in body and "your mail was cut off here, maybe mid-line, so it was not obeyed" in body
    assert "Your reply was cut after 99,99" in body and "nothing after that was read or done." in body


def test_a_line_too_long_is_said_and_not_obeyed(demo_dir: Path, sent: tuple[App, str, str]) -> None:
    app, brief_id, _ = sent
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    _deliver(demo_dir, "pad", "done 1 " + "x" * 500 + "\ndone 2" + " " * 5000 + "3\n", brief_id)
    sync_once(app)
    items = [app.store.item(lines[n]) for n in ("1", "2", "3")]
    assert [i.status for i in items if i] == ["open", "done", "done"]
    assert "Not read: “done 1 xxxxx" in _body(_outbox(demo_dir)[-1])


def test_help_gets_the_full_guide(demo_dir: Path, sent: tuple[App, str, str]) -> None:
    app, brief_id, _ = sent
    _deliver(demo_dir, "help", "help\n", brief_id)
    sync_once(app)
    body = _body(_outbox(demo_dir)[-1])
    assert "Nothing was changed." not in body and "Items: done 2" not in body  # not the brief's cheat sheet
    for example in ("done 2 ", "drop 3 ", "snooze 1 monday", "2 weeks", "top 4 ", "due 2 friday 5pm", "note 2 ",
                    "block 1 90m tomorrow 14:00", "add: Call the lawyer by Friday", "goal: Close the seed round",
                    "undo ", "help ", "done 1-3 (a range)", "quoted text", f"Send replies from {OWNER}, and to {OWNER} alone"):
        assert example in body, example
    assert app.store.reply("<reply-1@loom.example>")["status"] == "answered"  # type: ignore[index]
    # The guide pasted back into a later reply, unquoted, is no command and no error.
    _deliver(demo_dir, "again", "done 1\n\n" + body, str(_outbox(demo_dir)[-1]["Message-ID"]),
             message_id="<reply-2@loom.example>")
    sync_once(app)
    again = _body(_outbox(demo_dir)[-1])
    assert "- Done: 1." in again and "Not understood" not in again


def test_a_brief_pasted_unquoted_into_the_reply_is_passed_over(demo_dir: Path, sent: tuple[App, str, str]) -> None:
    app, brief_id, text = sent
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    _deliver(demo_dir, "pasted", f"drop 2\n\n{text}\n", brief_id)
    sync_once(app)
    second = app.store.item(lines["2"])
    assert second is not None and second.status == "dropped"
    body = _body(_outbox(demo_dir)[-1])
    assert "Not understood" not in body and body.count("\n- ") == 1, body


def test_an_item_added_by_reply_takes_no_goal_or_context_from_the_brief(demo_dir: Path,
                                                                        sent: tuple[App, str, str]) -> None:
    """A new user's "add: Call the lawyer about the NDA" took the seed round's goal from the brief's
    subject ("...: Send Maria the updated deck"), and a stranger's answer to that brief showed
    as its latest mail. The added item belongs to no thread and has no subject of its own."""
    from dataclasses import replace

    from agent.cycle import goals
    from planner.context import item_context
    from planner.priority import matching_goal

    app, brief_id, _ = sent
    subject = _outbox(demo_dir)[0]["Subject"]
    assert "deck" in subject  # a keyword of "Close the seed round"
    raw = (f"From: Ada Lovelace <{OWNER}>\nTo: {OWNER}\nSubject: Re: {subject}\n"
           f"Date: Thu, 19 Nov 2026 08:05:00 +0000\nMessage-ID: <add-1@loom.example>\n"
           f"In-Reply-To: {brief_id}\nReferences: {brief_id}\nContent-Type: text/plain; charset=utf-8\n\n"
           "add: Call the lawyer about the NDA by Wednesday\n")
    (demo_dir / "mail" / "new" / "1763540000.add.host").write_text(raw)
    _deliver(demo_dir, "stranger", "done 1-9\n", brief_id, sender="mallory@evil.example",
             message_id="<stranger-1@evil.example>")
    sync_once(app)
    (added,) = [i for i in app.store.all_items() if i.title == "Call the lawyer about the NDA"]
    assert added.added_by_reply and added.thread_id == "" and added.source["subject"] == ""
    refs = goals(app)
    assert matching_goal(added, refs) is None
    with_subject = replace(added, source=dict(added.source, subject=f"Re: {subject}"))
    assert matching_goal(with_subject, refs) is not None  # what the brief's subject used to give it
    ctx = item_context(app.store, added, LATER, OWNER)
    assert ctx.latest is None or "mallory" not in ctx.latest.sender
    assert "mallory@evil.example" not in ctx.people


def test_what_the_owner_dropped_is_not_listed_as_handled_the_next_day(demo_dir: Path,
                                                                      sent: tuple[App, str, str]) -> None:
    """A trial's brief listed the phishing mail and a sales cadence the owner had dropped by reply
    under "Handled"; what the owner dropped is no news to her, what she marked done still is."""
    from agent.cycle import compose_brief

    app, brief_id, _ = sent
    lines = app.store.brief(DEMO_NOW.date())["lines"]  # type: ignore[index]
    dropped, done = app.store.item(lines["3"]), app.store.item(lines["1"])
    assert dropped and done
    _deliver(demo_dir, "reply", "drop 3\ndone 1\n", brief_id)
    sync_once(app)
    nxt = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW + timedelta(days=1)))
    handled = compose_brief(nxt, nxt.today()).text.split("Handled", 1)[-1]
    assert done.title.split(":")[0] in handled
    assert dropped.title not in handled


def test_a_command_typed_into_the_subject_of_an_empty_reply_is_obeyed(demo_dir: Path,
                                                                       sent: tuple[App, str, str]) -> None:
    """Nothing above the quoted brief, and "done 2" as the subject: that is the reply. A subject
    that is no command leaves an empty reply as it was: nothing done, nothing sent."""
    app, brief_id, text = sent
    second = app.store.brief(DEMO_NOW.date())["lines"]["2"]  # type: ignore[index]
    _deliver(demo_dir, "plain", _quoted(text), brief_id, subject="Re: Focus Thu 19 Nov", message_id="<r-a@loom.example>")
    sync_once(app)
    assert len(_outbox(demo_dir)) == 1 and app.store.item(second).status == "open"  # type: ignore[union-attr]
    # Only a command on a line's state: a note or an add is written in the body.
    _deliver(demo_dir, "note", _quoted(text), brief_id, subject="Note 2 self", message_id="<r-n@loom.example>")
    sync_once(app)
    assert len(_outbox(demo_dir)) == 1 and not app.store.item(second).notes  # type: ignore[union-attr]
    _deliver(demo_dir, "subject", _quoted(text), brief_id, subject="Re: done 2", message_id="<r-b@loom.example>")
    sync_once(app)
    assert app.store.item(second).status == "done"  # type: ignore[union-attr]
    (conf,) = _outbox(demo_dir)[1:]
    assert "- Done: 2." in conf.get_body(("plain",)).get_content()


def test_a_signature_of_the_owners_name_with_no_sign_off_is_not_told_back(demo_dir: Path,
                                                                          sent: tuple[App, str, str]) -> None:
    """Outlook's signature block ("Ada Lovelace | CEO, Loom") under the commands, no "Best" before
    it: the commands apply, and the confirmation lists no "Not understood" for the signature."""
    app, brief_id, text = sent
    _deliver(demo_dir, "sig", f"done 1\n\nAda Lovelace | CEO, Loom\nM: +44 7700 900123\n\n{_quoted(text)}", brief_id)
    sync_once(app)
    (conf,) = _outbox(demo_dir)[1:]
    body = conf.get_body(("plain",)).get_content()
    assert "- Done: 1." in body and "Not understood" not in body
