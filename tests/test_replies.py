"""The reply language: parsing, who may steer, and applying a reply once, with undo."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from agent.nodes.triage import triage_reason
from agent.replies import (
    TOO_FAR,
    Command,
    Outcome,
    Unknown,
    apply_reply,
    auth_failure,
    authenticate,
    copied,
    help_guide,
    line_keys,
    parse,
    read_whole,
)
from connectors.mime import parse_message, visible_reply
from connectors.types import Address, Message
from planner.brief import REPLY_HELP
from planner.models import Item
from planner.store import Store
from tests.conftest import LONDON, shared_data

TODAY = date(2026, 11, 19)  # a Thursday
OWNER = "ada@example.com"
TOKEN = "tok_ABCdef123456789xyz-AB"
BRIEF_ID = f"<focusd-brief.{TOKEN}@example.com>"
CHANGING = {"done", "drop", "snooze", "top", "due", "goal", "add", "note", "undo", "block"}


def verbs(text: str) -> list[tuple[str, tuple[int, ...], str | None, str]]:
    return [(c.verb, c.lines, c.when, c.text) for c in parse(text, TODAY, LONDON) if isinstance(c, Command)]


# -- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("done 2", ("done", (2,), None, "")),
    ("DONE 1 3 5", ("done", (1, 3, 5), None, "")),
    ("done 1-3", ("done", (1, 2, 3), None, "")),
    ("done 1, 2", ("done", (1, 2), None, "")),
    ("done 1, 2 and 4.", ("done", (1, 2, 4), None, "")),
    ("drop 3", ("drop", (3,), None, "")),
    ("top 4", ("top", (4,), "2026-11-19", "")),  # a pin for the day it is asked on
    ("snooze 1 monday", ("snooze", (1,), "2026-11-23", "")),
    ("snooze 1 until monday", ("snooze", (1,), "2026-11-23", "")),
    ("snooze 1 3d", ("snooze", (1,), "2026-11-22", "")),
    ("snooze 1 2 weeks", ("snooze", (1,), "2026-12-03", "")),
    ("snooze 1 3 thursday", ("snooze", (1, 3), "2026-11-26", "")),  # said on a Thursday: next week's
    ("Snooze 2 Dec 3", ("snooze", (2,), "2026-12-03", "")),
    ("due 2 friday", ("due", (2,), "2026-11-20", "")),
    ("due 2 friday 5pm", ("due", (2,), "2026-11-20T17:00:00+00:00", "")),
    ("goal: Close the seed round by Dec 15", ("goal", (), "2026-12-15", "Close the seed round")),
    ("Goal: Hire a designer", ("goal", (), None, "Hire a designer")),
    ("add: Call the lawyer by Friday", ("add", (), "2026-11-20", "Call the lawyer")),
    ("add: Buy a standby server", ("add", (), None, "Buy a standby server")),
    ("note 2 waiting for the redlines", ("note", (2,), None, "waiting for the redlines")),
    ("undo", ("undo", (), None, "")),
    ("Help", ("help", (), None, "")),
    ("block 1 90m tomorrow 14:00", ("block", (1,), "2026-11-20T14:00:00+00:00", "")),
])
def test_each_command_parses(line: str, expected: tuple[object, ...]) -> None:
    assert verbs(line) == [expected]


@pytest.mark.parametrize("line", ["Thanks!", "done", "Done.", "Top 5 tips below", "snooze 1 yesterday",
                                  "snooze 1 someday", "due 2 friday or so", "done 1-999999", "undo that please",
                                  "Ada"])
def test_other_lines_are_unknown(line: str) -> None:
    (parsed,) = parse(line, TODAY, LONDON)
    assert isinstance(parsed, Unknown) and parsed.line == line


def test_a_mail_apps_own_line_is_passed_over() -> None:
    """"Sent from my iPhone", and with a full stop "Sent from my BlackBerry 10 smartphone." or
    "Sent with Proton Mail secure email.": the app's words, not the owner's."""
    text = "done 1\nSent from my iPhone\nSent from my BlackBerry 10 smartphone.\nSent with Proton Mail secure email."
    assert [p.verb for p in parse(text, TODAY, LONDON) if isinstance(p, Command)] == ["done"]
    assert all(isinstance(p, Command) for p in parse(text, TODAY, LONDON))
    (kept,) = parse("Sent from my phone at the airport, so the numbers follow tomorrow.", TODAY, LONDON)
    assert isinstance(kept, Unknown)


def test_several_commands_one_a_line_with_pleasantries_collected() -> None:
    parsed = parse("Thanks!\n\ndone 1\nsnooze 2 monday\n\nAda", TODAY, LONDON)
    assert [p.verb if isinstance(p, Command) else p.line for p in parsed] == ["Thanks!", "done", "snooze", "Ada"]


def test_a_date_that_has_passed_is_refused() -> None:
    (parsed,) = parse("due 1 2026-11-01", TODAY, LONDON)
    assert isinstance(parsed, Unknown) and parsed.why == "that date has passed"


def test_the_cheat_sheet_itself_commands_nothing() -> None:
    assert verbs("\n".join(REPLY_HELP)) == []


def _corpus_texts() -> list[tuple[str, str]]:
    out = []
    talon = shared_data("replies", "talon")
    for path in sorted(talon.glob("*.eml")):
        out.append((path.name, parse_message(path.read_bytes()).reply_text))
    for path in sorted(shared_data("replies", "crisp").glob("*.txt")):
        out.append((path.name, visible_reply(path.read_text(errors="replace"))))
    return out


def test_no_real_reply_in_the_corpora_parses_as_a_change() -> None:
    texts = _corpus_texts()
    assert len(texts) > 90
    changing = [(name, c.line) for name, text in texts for c in parse(text, TODAY, LONDON)
                if isinstance(c, Command) and c.verb in CHANGING]
    assert changing == []


# -- authentication ----------------------------------------------------------------------------


@pytest.fixture
def store() -> Store:
    s = Store.open(":memory:", clock=lambda: datetime(2026, 11, 19, 8, 0, tzinfo=UTC))
    ids = []
    for n, title in enumerate(["Send the deck to Maria", "Review the MSA", "Book the offsite"], 1):
        ids.append(s.add_item(Item(kind="request", title=title, evidence=title,
                                   source={"message_id": f"<m{n}@x>", "subject": title,
                                           "from": "maria@fund.example", "date": "2026-11-18T09:00:00+00:00"})))
    s.claim_brief(TODAY, TOKEN, BRIEF_ID, "Your focus for Thu 19 Nov: Send the deck to Maria",
                  {1: ids[0], 2: ids[1], 4: ids[2]})
    s.mark_brief_sent(TODAY)
    return s


def reply(text: str, sender: str = OWNER, message_id: str = "<r1@example.com>", in_reply_to: str = BRIEF_ID,
          auth: tuple[str, ...] = (), minute: int = 30) -> Message:
    return Message(message_id=message_id, subject="Re: Your focus", sender=Address("Ada", sender), to=[],
                   cc=[], date=datetime(2026, 11, 19, 8, minute, tzinfo=UTC), text=text, reply_text=text,
                   in_reply_to=in_reply_to, references=[in_reply_to], authentication_results=list(auth),
                   is_brief_reply=True, strict_from=sender.lower())


def test_the_owners_reply_to_a_sent_brief_is_authentic(store: Store) -> None:
    assert authenticate(reply("done 1", sender="Ada@Example.COM"), store, OWNER) == (True, "")


@pytest.mark.parametrize(("msg", "reason"), [
    (reply("done 1", sender="mallory@evil.example"), "not from the owner"),
    (reply("done 1", sender="ada@example.com.evil.example"), "not from the owner"),
    (reply("done 1", in_reply_to="<focusd-brief.guessedtoken12345678@example.com>"), "no brief of ours is referenced"),
    (reply("done 1", in_reply_to="<other@example.com>"), "no brief of ours is referenced"),
    (reply("done 1", auth=("mx.example.com; dkim=fail (bad signature) header.d=example.com; spf=pass",)),
     "authentication failed (dkim=fail)"),
    (reply("done 1", auth=("mx.example.com; spf=pass", "relay.example; spf=softfail smtp.mailfrom=x")),
     "authentication failed (spf=softfail)"),
    (reply("done 1", auth=("mx.example.com; DMARC=FAIL (p=reject) header.from=example.com",)),
     "authentication failed (dmarc=fail)"),
])
def test_anything_else_is_refused_with_its_reason(store: Store, msg: Message, reason: str) -> None:
    assert authenticate(msg, store, OWNER) == (False, reason)


def test_passing_results_are_no_failure() -> None:
    assert auth_failure(["mx.example.com; dkim=pass header.d=example.com; spf=pass; dmarc=pass"]) == ""


@pytest.mark.parametrize("header,failure", [
    # RFC 8601 lets a method carry a version, and comments stand anywhere between the tokens.
    ("mx.example.com; dkim/1=fail header.d=example.com", "dkim=fail"),
    ("mx.example.com; dkim=(signature did not verify) fail header.d=example.com", "dkim=fail"),
    ("mx.example.com (our (inner) note); spf = (no match) softfail smtp.mailfrom=example.com", "spf=softfail"),
    # A record or signature that cannot be read proves nothing; "hardfail" is some servers' fail.
    ("mx.example.com; dkim=permerror; spf=permerror; dmarc=permerror", "dkim=permerror"),
    ("mx.example.com; spf=hardfail smtp.mailfrom=example.com", "spf=hardfail"),
    # ARC's copy of a hop's results (its "i=1" is no result).
    ("i=1; mx.example.com; dkim=fail header.d=example.com", "dkim=fail"),
    # Microsoft 365 writes no server name first, and two results may share one ";" or have none.
    ("spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;"
     "dmarc=none action=none header.from=example.com;compauth=fail reason=001", "spf=fail"),
    ("spf=softfail smtp.mailfrom=example.com", "spf=softfail"),
    ("mx.example.com; spf=pass smtp.mailfrom=x.example dkim=fail header.d=example.com", "dkim=fail"),
    # A failure is believed wherever it is written, a comment or a value included: a refused reply
    # is written again, an obeyed forgery is not taken back.
    ("mx.example.com (dkim=fail was the old result); dkim=pass header.d=example.com", "dkim=fail"),
    ('mx.example.com; dkim=pass header.d=example.com; x=("; dmarc=fail header.from=example.com)', "dmarc=fail"),
    ("mx.example.com; dkim=none; spf=temperror; dmarc=policy", ""),
])
def test_a_failure_is_found_however_the_header_spells_it(header: str, failure: str) -> None:
    assert auth_failure([header]) == failure


def test_a_reply_is_refused_on_a_failure_in_an_arc_header() -> None:
    from connectors.mime import parse_message

    raw = (f"ARC-Authentication-Results: i=1; mx.example.com; dkim=fail header.d=example.com\nFrom: Ada <{OWNER}>\n"
           f"To: {OWNER}\nSubject: Re: brief\nDate: Thu, 19 Nov 2026 08:00:00 +0000\nMessage-ID: <r1@x>\n\ndone 1\n")
    assert auth_failure(parse_message(raw.encode()).authentication_results) == "dkim=fail"


def test_a_brief_reply_never_becomes_items_nor_does_the_brief() -> None:
    assert triage_reason(reply("add: Call the lawyer by Friday")) == "brief reply"
    own = reply("Good morning", message_id=BRIEF_ID, in_reply_to="")
    own.is_brief_reply = False
    assert triage_reason(own) == "own brief"


# -- applying ----------------------------------------------------------------------------------


def _apply(store: Store, msg: Message) -> Outcome:
    brief = store.brief_for_reply_token(TOKEN)
    assert brief is not None
    return apply_reply(store, msg, brief, parse(msg.reply_text, TODAY, LONDON))


def test_a_reply_is_applied_by_the_briefs_own_numbers_in_one_go(store: Store) -> None:
    out = _apply(store, reply("done 1\nsnooze 2 monday\ntop 4\nnote 4 ask Bob first\nThanks!"))
    assert out.status == "applied" and out.help
    assert out.changes == ["Done: 1. Send the deck to Maria",
                           "Snoozed until Mon 23 Nov: 2. Review the MSA",
                           "Pinned to today's focus: 4. Book the offsite",
                           "Note on 4. Book the offsite: ask Bob first"]
    assert out.errors == ["Not understood: “Thanks!”"]
    deck, msa, offsite = (store.item(i) for i in (1, 2, 3))
    assert deck and deck.status == "done"
    assert msa and (msa.status, msa.snoozed_until) == ("snoozed", "2026-11-23")
    assert offsite and offsite.pinned and offsite.notes == ["ask Bob first"]
    record = store.reply("<r1@example.com>")
    assert record and record["status"] == "applied" and record["brief_date"] == "2026-11-19"
    assert json.loads(record["undo"])["items"]["1"]["status"] == "open"


def test_the_same_reply_twice_is_applied_once(store: Store) -> None:
    _apply(store, reply("note 1 first"))
    again = _apply(store, reply("note 1 first"))
    assert again.status == "duplicate"
    item = store.item(1)
    assert item and item.notes == ["first"]


def test_a_bad_line_number_is_an_error_and_the_rest_applies(store: Store) -> None:
    out = _apply(store, reply("done 3 1"))
    assert out.errors == ["“done 3 1”: line 3 is not an item in that brief"]
    item = store.item(1)
    assert item and item.status == "done"


def test_a_failure_midway_leaves_nothing_changed(store: Store) -> None:
    store.db.execute("CREATE TRIGGER no_notes BEFORE UPDATE OF notes ON items BEGIN "
                     "SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(Exception, match="refused"):
        _apply(store, reply("done 1\nnote 2 x"))
    item = store.item(1)
    assert item and item.status == "open" and store.reply("<r1@example.com>") is None


def test_undo_puts_back_the_last_applied_reply(store: Store) -> None:
    _apply(store, reply("drop 2", message_id="<r0@example.com>"))
    _apply(store, reply("done 1\ndue 4 friday\nadd: Call the lawyer by Friday\ngoal: Hire a designer by Dec 15"))
    assert [i.title for i in store.items()] == ["Book the offsite", "Call the lawyer"]
    assert [g["title"] for g in store.goals()] == ["Hire a designer"]
    out = _apply(store, reply("undo", message_id="<r2@example.com>"))
    assert out.status == "undo"
    assert out.changes[0] == "Undone: Done: 1. Send the deck to Maria"
    assert [i.title for i in store.items()] == ["Send the deck to Maria", "Book the offsite"]
    offsite = store.item(3)
    assert offsite and offsite.due is None
    assert store.goals() == []
    record = store.reply("<r1@example.com>")
    assert record and record["status"] == "undone"
    # A second undo reverts the reply before it; a third has nothing left.
    _apply(store, reply("undo", message_id="<r3@example.com>", minute=31))  # another mail: another Date
    msa = store.item(2)
    assert msa and msa.status == "open"
    last = _apply(store, reply("undo", message_id="<r4@example.com>", minute=32))
    assert last.errors == ["“undo”: there is no applied reply left to undo"]


def test_an_added_item_is_the_owners_commitment_quoting_the_reply(store: Store) -> None:
    _apply(store, reply("add: Call the lawyer by Friday"))
    (added,) = [i for i in store.items() if i.title == "Call the lawyer"]
    assert (added.kind, added.owner, added.due, added.evidence) == ("commitment", "me", "2026-11-20",
                                                                   "add: Call the lawyer by Friday")
    assert added.source["message_id"] == "<r1@example.com>"


def test_config_sync_keeps_reply_goals(store: Store) -> None:
    _apply(store, reply("goal: Hire a designer by Dec 15"))
    store.sync_goals([("Close the seed round", 3.0, ("deck",), None)])
    store.sync_goals([("Close the seed round", 3.0, ("deck",), None)])
    goals = {g["title"]: g for g in store.goals()}
    assert set(goals) == {"Hire a designer", "Close the seed round"}
    assert goals["Hire a designer"]["keywords"][:2] == ["hire", "designer"]
    assert "interview" in goals["Hire a designer"]["keywords"]  # the work of hiring, which never says "hire"
    assert goals["Hire a designer"]["deadline"] == "2026-12-15"


def test_a_reply_to_an_older_brief_uses_that_briefs_numbers(store: Store) -> None:
    old = "oldtoken_1234567890abcdef"
    store.claim_brief(date(2026, 11, 18), old, f"<focusd-brief.{old}@example.com>", "Wed", {1: 3})
    msg = reply("done 1", in_reply_to=f"<focusd-brief.{old}@example.com>")
    assert authenticate(msg, store, OWNER) == (True, "")
    brief = store.brief_for_reply_token(old)
    assert brief is not None
    apply_reply(store, msg, brief, parse("done 1", TODAY, LONDON))
    deck, offsite = store.item(1), store.item(3)
    assert deck and offsite and (deck.status, offsite.status) == ("open", "done")


def test_only_the_brief_whose_id_went_to_others_is_closed(store: Store) -> None:
    """The mark names the brief by its Message-ID: a weekly review shares its date with that
    week's Monday brief, and one's leak must not close the other."""
    assert copied({"message_id": BRIEF_ID}) != copied({"message_id": "<focusd-brief.other1234567890abcdef@example.com>"})
    assert TOKEN not in copied({"message_id": BRIEF_ID})  # the token itself is never written down
    store.record_reply("<r0@example.com>", "2026-11-19", OWNER, "", "applied",
                       copied({"message_id": "<focusd-brief.other1234567890abcdef@example.com>"}), [], {})
    assert authenticate(reply("done 1"), store, OWNER) == (True, "")
    store.record_reply("<r00@example.com>", "2026-11-19", OWNER, "", "applied", copied({"message_id": BRIEF_ID}), [], {})
    assert authenticate(reply("done 1"), store, OWNER) == (False, "that brief's id went to others with an earlier reply")


def test_a_confirmation_token_leads_to_its_brief_and_a_guess_does_not(store: Store) -> None:
    found = store.brief_for_reply_token(TOKEN + "0a1b2c3d4e5f6a7b")
    assert found and found["date"] == "2026-11-19"
    assert store.brief_for_reply_token(TOKEN[:-1]) is None
    assert store.brief_for_reply_token("x" + TOKEN) is None



@pytest.mark.parametrize("from_header", [
    "=?utf-8?q?ada@example.com?= <mallory@evil.example>",
    "ada@example.com <mallory@evil.example>",
    "ada@example.com)<mallory@evil.example>",
    "ada@example.com, mallory@evil.example",
    '"ada@example.com" <mallory@evil.example>',
    "Ada <ada@example.com>\nFrom: Mallory <mallory@evil.example>",  # two From headers
    # an encoded name that decodes to an address, or an encoded address
    "=?utf-8?q?mallory=40evil.example?= <ada@example.com>",
    "=?utf-8?b?QWRhIDxtYWxsb3J5QGV2aWwuZXhhbXBsZT4=?= <ada@example.com>",
    "Ada <=?utf-8?q?ada=40example.com?=>",
])
def test_a_from_that_shows_the_owner_to_the_reader_but_is_another_address_is_refused(
        store: Store, from_header: str) -> None:
    raw = (f"From: {from_header}\nTo: ada@example.com\nSubject: Re: Your focus\n"
           f"Date: Thu, 19 Nov 2026 08:30:00 +0000\nMessage-ID: <spoof@evil.example>\n"
           f"In-Reply-To: {BRIEF_ID}\nReferences: {BRIEF_ID}\n"
           "Authentication-Results: mx; dkim=pass header.d=evil.example; spf=pass; dmarc=pass\n\ndone 1\n").encode()
    ok, reason = authenticate(parse_message(raw), store, OWNER)
    assert not ok and reason in ("not from the owner", "its From header is ambiguous (several headers or addresses, "
                                                       "or an address in the name)")


@pytest.mark.parametrize("from_header", [
    "=?utf-8?q?Ad=C3=A1_Lovelace?= <ada@example.com>",  # how a client writes a name beyond ASCII
    "=?utf-8?q?Ada_Lovelace?= <ada@example.com>",
    "=?iso-8859-1?b?QWTh?= Lovelace <Ada@Example.com>",
])
def test_the_owners_encoded_display_name_is_no_doubt(store: Store, from_header: str) -> None:
    raw = (f"From: {from_header}\nTo: ada@example.com\nSubject: Re: Your focus\n"
           f"Date: Thu, 19 Nov 2026 08:30:00 +0000\nMessage-ID: <ok@example.com>\n"
           f"In-Reply-To: {BRIEF_ID}\n\ndone 1\n").encode()
    assert authenticate(parse_message(raw), store, OWNER) == (True, "")


def test_the_owners_plain_from_header_is_authentic_when_parsed(store: Store) -> None:
    raw = (f"From: Ada Lovelace <Ada@Example.com>\nTo: ada@example.com\nSubject: Re: Your focus\n"
           f"Date: Thu, 19 Nov 2026 08:30:00 +0000\nMessage-ID: <ok@example.com>\n"
           f"In-Reply-To: {BRIEF_ID}\n\ndone 1\n").encode()
    assert authenticate(parse_message(raw), store, OWNER) == (True, "")


def test_an_attached_mail_is_never_read_as_the_replys_text() -> None:
    raw = (f"From: Ada <ada@example.com>\nTo: ada@example.com\nSubject: Re: Your focus\n"
           f"Date: Thu, 19 Nov 2026 08:30:00 +0000\nMessage-ID: <att@example.com>\nIn-Reply-To: {BRIEF_ID}\n"
           'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
           "--b\nContent-Type: text/html\n\n<p>See the attached invoice mail.</p>\n"
           "--b\nContent-Type: message/rfc822\n\n"
           "From: Mallory <mallory@evil.example>\nSubject: invoice\n\ndrop 2\nadd: Wire 5000 EUR to mallory\n"
           "--b--\n").encode()
    msg = parse_message(raw)
    assert "drop 2" not in msg.text and "Wire" not in msg.reply_text
    assert "See the attached invoice mail." in msg.text
    assert [a.content_type for a in msg.attachments] == ["message/rfc822"]
    assert [c for c in parse(msg.reply_text, TODAY, LONDON) if isinstance(c, Command)] == []


def test_a_reply_is_read_to_its_fiftieth_line_and_a_longer_line_is_not_read_at_all() -> None:
    parsed = parse("done 1\n" * 80 + "add: " + "x" * 1000, TODAY, LONDON)
    assert len(parsed) == 51 and isinstance(parsed[-1], Unknown) and parsed[-1].line == ""
    assert parsed[-1].said() == "Your reply was cut after its first 50 lines: nothing from “done 1” on was read or done."
    (long,) = parse("add: " + "y" * 1000, TODAY, LONDON)
    assert isinstance(long, Unknown) and long.unread
    assert long.said() == ("Not read: “add: yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…” (it is 1,005 "
                           "characters long; focusd reads lines of up to 300, so nothing on it was done)")


def test_a_goal_by_reply_says_which_words_tie_work_to_it(store: Store) -> None:
    out = _apply(store, reply("goal: Close the seed round by Dec 15"))
    # "close" says nothing of which work serves it; a round's work is said in the words it is done in.
    assert out.changes == ["Goal added: Close the seed round (by Tue 15 Dec); items that mention seed, round, investor, "
                           "term sheet, deck, data room, cap table, side letter or due diligence now rank with it"]
    (goal,) = store.goals()
    assert goal["keywords"][:2] == ["seed", "round"] and "term sheet" in goal["keywords"]


# -- block: focus time by reply ------------------------------------------------------------------


@pytest.mark.parametrize(("line", "start", "minutes"), [
    ("block 1 90m tomorrow 14:00", "2026-11-20T14:00:00+00:00", 90),
    ("Block 2 2h friday at 9am", "2026-11-20T09:00:00+00:00", 120),
    ("block 3 45 mins monday 16.30", "2026-11-23T16:30:00+00:00", 45),
    ("block 1 today 15:15", "2026-11-19T15:15:00+00:00", None),
    ("block 1 1 hour tomorrow at 10", "2026-11-20T10:00:00+00:00", 60),
])
def test_block_reads_line_length_and_local_start(line: str, start: str, minutes: int | None) -> None:
    (cmd,) = parse(line, TODAY, LONDON)
    assert isinstance(cmd, Command)
    assert (cmd.verb, cmd.lines, cmd.when, cmd.minutes) == ("block", (int(line.split()[1]),), start, minutes)


@pytest.mark.parametrize(("line", "why"), [
    ("block 1", "say which line and when"),
    ("block 1 90m tomorrow", "say when it starts"),
    ("block 1 5m tomorrow 14:00", "a block lasts 15 to 480 minutes"),
    ("block 1 90m 2026-11-18 14:00", "that date has passed"),
    ("block 1 90m tomorrow 25:00", "that is not a time"),
    ("block 1 90m someday 14:00", "is not a date"),
])
def test_block_that_cannot_be_read_says_why(line: str, why: str) -> None:
    (cmd,) = parse(line, TODAY, LONDON)
    assert isinstance(cmd, Unknown) and why in cmd.why


def test_block_on_the_spring_forward_day_keeps_the_wall_clock_time() -> None:
    from zoneinfo import ZoneInfo

    (cmd,) = parse("block 1 90m sunday 14:00", date(2027, 3, 12), ZoneInfo("Europe/London"))
    assert isinstance(cmd, Command) and cmd.when == "2027-03-14T14:00:00+00:00"
    (cmd,) = parse("block 1 90m monday 14:00", date(2027, 3, 26), ZoneInfo("Europe/London"))
    assert isinstance(cmd, Command) and cmd.when == "2027-03-29T14:00:00+01:00"  # summer time began Sunday


def _booking(refused: str = "") -> Any:
    from agent.replies import Booking

    return Booking(minutes=90, refused=refused, now=datetime(2026, 11, 19, 8, tzinfo=UTC), tz=LONDON)


def test_a_block_by_reply_is_asked_for_and_undo_takes_it_back(store: Store) -> None:
    brief = store.brief_for_reply_token(TOKEN)
    assert brief is not None
    msg = reply("block 1 90m tomorrow 14:00")
    out = apply_reply(store, msg, brief, parse(msg.reply_text, TODAY, LONDON), _booking())
    assert out.changes == ["Focus block Fri 20 Nov 14:00–15:30 for 1. Send the deck to Maria "
                           "(focusd puts it on your calendar now)"]
    (block,) = store.blocks(datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 11, 21, tzinfo=UTC),
                            states=("requested",))
    assert (block.item_id, block.start.isoformat(), block.end.isoformat(), block.owner_set) == (
        1, "2026-11-20T14:00:00+00:00", "2026-11-20T15:30:00+00:00", True)
    undo = reply("undo", message_id="<r2@example.com>")
    apply_reply(store, undo, brief, parse(undo.reply_text, TODAY, LONDON), _booking())
    assert store.block(block.id or 0) is None  # never booked, so simply forgotten


def test_undo_of_a_booked_block_leaves_it_for_the_cycle_to_take_off(store: Store) -> None:
    from dataclasses import replace

    brief = store.brief_for_reply_token(TOKEN)
    assert brief is not None
    msg = reply("block 1 tomorrow 9:30")
    apply_reply(store, msg, brief, parse(msg.reply_text, TODAY, LONDON), _booking())
    (block,) = store.blocks(datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 11, 21, tzinfo=UTC),
                            states=("requested",))
    store.update_block(replace(block, state="booked", uid="evt-1"))  # as the cycle books it
    undo = reply("undo", message_id="<r2@example.com>")
    apply_reply(store, undo, brief, parse(undo.reply_text, TODAY, LONDON), _booking())
    kept = store.block(block.id or 0)
    assert kept is not None and (kept.state, kept.uid) == ("cancelled", "evt-1")


def test_a_block_without_a_writable_calendar_is_refused_and_nothing_is_kept(store: Store) -> None:
    brief = store.brief_for_reply_token(TOKEN)
    assert brief is not None
    msg = reply("block 1 90m tomorrow 14:00")
    out = apply_reply(store, msg, brief, parse(msg.reply_text, TODAY, LONDON),
                      _booking("focusd only reads this calendar ([calendar].backend is ics)"))
    assert out.errors == ["“block 1 90m tomorrow 14:00”: focusd only reads this calendar ([calendar].backend is ics)"]
    assert out.changes == [] and store.blocks(datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC),
                                              states=("requested", "booked")) == []


def test_a_block_on_a_day_off_is_booked_and_said_to_be_one(store: Store) -> None:
    brief = store.brief_for_reply_token(TOKEN)
    assert brief is not None
    msg = reply("block 1 90m saturday 10:00")
    out = apply_reply(store, msg, brief, parse(msg.reply_text, TODAY, LONDON), _booking())
    assert out.changes == ["Focus block Sat 21 Nov 10:00–11:30 for 1. Send the deck to Maria "
                           "(focusd puts it on your calendar now; that is not one of your working days)"]


def test_a_block_in_the_past_or_for_closed_work_is_refused(store: Store) -> None:
    brief = store.brief_for_reply_token(TOKEN)
    assert brief is not None
    msg = reply("block 1 today 07:00")
    out = apply_reply(store, msg, brief, parse(msg.reply_text, TODAY, LONDON), _booking())
    assert out.errors == ["“block 1 today 07:00”: that time has passed"]


def test_a_confirmation_names_what_is_owed_as_the_brief_showed_it() -> None:
    s = Store.open(":memory:", clock=lambda: datetime(2026, 11, 19, 8, 0, tzinfo=UTC))
    rachel = s.add_item(Item(kind="waiting", title="Follow up with Rachel: review the draft side letter and send you "
                                                  "their comments", evidence="Could you review the side letter?",
                             counterparty="rachel@law.example",
                             source={"message_id": "<s1@x>", "subject": "Side letter", "from": OWNER,
                                     "date": "2026-11-17T09:00:00+00:00"}))
    s.claim_brief(TODAY, TOKEN, BRIEF_ID, "Focus Thu 19 Nov", {11: rachel})
    s.mark_brief_sent(TODAY)
    out = _apply(s, reply("done 11"))
    assert out.changes == ["Done: 11. Rachel: comments on the side letter"]


# -- bad input: one line, one answer -------------------------------------------------------------


def why(line: str, today: date = TODAY, tz: Any = LONDON) -> str:
    (parsed,) = parse(line, today, tz)
    assert isinstance(parsed, Unknown), parsed
    return parsed.why


@pytest.mark.parametrize("line", ["snooze 3 999 weeks", "due 1 31/12/9999", "block 1 90m 31/12/9999 23:00",
                                  "due 1 Dec 31 9999 17:00", "snooze 1 262 weeks"])
def test_a_date_years_ahead_is_refused_as_too_far(line: str) -> None:
    assert why(line) == TOO_FAR == "that date is too far ahead: focusd takes dates up to 5 years ahead"


def test_a_date_at_the_calendars_edge_is_refused_in_any_zone() -> None:
    from zoneinfo import ZoneInfo

    # 20:00 on 31 Dec 9999 in Los Angeles is past the last instant Python's datetime holds in UTC.
    assert why("block 1 90m 31/12/9999 20:00", tz=ZoneInfo("America/Los_Angeles")) == TOO_FAR
    assert why("add: Renew passport by 31/12/9999") == f"{TOO_FAR}, so nothing was added: write it again with a " \
                                                      "date ahead, or with none"


def test_five_years_ahead_is_taken() -> None:
    assert verbs("snooze 1 261 weeks") == [("snooze", (1,), "2031-11-20", "")]


@pytest.mark.parametrize(("line", "expected"), [
    ("done 1" + " " * 5000 + "2", ("done", (1, 2), None, "")),  # read whole: runs of spaces are one
    ("done 1," + " " * 400 + "2", ("done", (1, 2), None, "")),
    ("due 1 tomorrow 23:59", ("due", (1,), "2026-11-20T23:59:00+00:00", "")),
    ("due 1 friday 17:30", ("due", (1,), "2026-11-20T17:30:00+00:00", "")),
    ("due 1 tomorrow at 9", ("due", (1,), "2026-11-20T09:00:00+00:00", "")),
    ("due 1 friday 12pm", ("due", (1,), "2026-11-20T12:00:00+00:00", "")),
    ("snooze 1 monday 9am", ("snooze", (1,), "2026-11-23", "")),  # a snooze lasts whole days
])
def test_lines_read_whole_and_times_after_a_day(line: str, expected: tuple[object, ...]) -> None:
    assert verbs(line) == [expected]


@pytest.mark.parametrize(("line", "reason"), [
    ("done 3-1", "the range 3-1 runs backwards: write 1-3"),
    ("drop 2, 5-4", "the range 5-4 runs backwards: write 4-5"),
    ("due 1 friday 13pm", "“13pm” is not a time"),
    ("due 1 friday 0am", "“0am” is not a time"),
    ("due 1 friday 9:75", "“9:75” is not a time"),
    ("add: Call Bob by friday 13pm", "“13pm” is not a time, so nothing was added: write it again with a date "
                                     "ahead, or with none"),
    ("add: x by yesterday", "that date has passed, so nothing was added: write it again with a date ahead, or "
                            "with none"),
    ("add: x by 2026-11-01", "that date has passed, so nothing was added: write it again with a date ahead, or "
                             "with none"),
    ("goal: Ship it by last friday", "that date has passed, so nothing was set: write it again with a date ahead, "
                                     "or with none"),
    ("snooze 1 yesterday", "that date has passed"),
    ("done 1٣", "write line numbers, dates and times with the digits 0-9"),
    ("drop ٣", "write line numbers, dates and times with the digits 0-9"),
    ("done 1 " + "x" * 400, "it is 407 characters long; focusd reads lines of up to 300, so nothing on it was done"),
])
def test_odd_lines_say_what_is_wrong(line: str, reason: str) -> None:
    assert why(line) == reason


def test_a_line_over_the_limit_is_never_obeyed_in_part() -> None:
    assert verbs("done 1 " + "2 " * 200) == []  # 407 characters: not "done 1 2 ... (cut)"


def test_the_brief_and_the_guide_pasted_unquoted_are_passed_over() -> None:
    brief = "Today's focus\n-------------\n1. Send the deck to Maria\n   Why: you promised\n\n" + "\n".join(REPLY_HELP)
    text = "drop 1\n\n" + brief.replace("\n   ", "\n") + "\n" + "\n".join(help_guide(OWNER))
    assert parse(text, TODAY, LONDON, line_keys(brief, *help_guide(OWNER))) == [Command("drop", "drop 1", lines=(1,))]
    # Without the brief, its own lines are lines like any other.
    assert [p.line for p in parse(text, TODAY, LONDON) if isinstance(p, Unknown)][:2] == ["Today's focus",
                                                                                         "-------------"]


def test_a_mail_cut_at_the_limit_does_not_obey_its_last_line() -> None:
    raw = (f"From: Ada <{OWNER}>\nTo: {OWNER}\nSubject: Re\nDate: Thu, 19 Nov 2026 08:30:00 +0000\n"
           f"Message-ID: <long@x>\nIn-Reply-To: {BRIEF_ID}\n\ndone 1\n" + "word " * 32_000 + "\ndrop 3\n").encode()
    msg = parse_message(raw)
    assert msg.text_cut and "drop 3" not in msg.text
    text, said = read_whole(msg)
    assert text.strip() == "done 1"
    assert said[0].unread and said[0].said().startswith("Not read: “word word")
    assert said[1].said() == (f"Your reply was cut after {len(msg.text):,} characters, the most focusd reads of one "
                              "mail: nothing after that was read or done.")
    whole = parse_message(raw.replace(b"word " * 32_000, b"word"))
    assert not whole.text_cut and read_whole(whole) == (whole.reply_text, [])


def test_a_date_in_another_year_is_said_with_its_year(store: Store) -> None:
    out = _apply(store, reply("snooze 1 150 weeks\ndue 2 2027-01-05\ndue 4 Dec 3"))
    assert out.changes == ["Snoozed until Thu 04 Oct 2029: 1. Send the deck to Maria",
                           "Due Tue 05 Jan 2027: 2. Review the MSA",
                           "Due Thu 03 Dec: 4. Book the offsite"]


def test_a_later_line_on_the_same_item_replaces_the_earlier_and_says_so(store: Store) -> None:
    out = _apply(store, reply("done 1\ndrop 1\nsnooze 1 monday\ndone 2-4\ndone 2\ndue 4 friday\nnote 4 x\n"
                              "due 4 monday\ntop 4"))
    assert out.changes == [
        "Snoozed until Mon 23 Nov: 1. Send the deck to Maria (a later line, so it replaces “done 1” and “drop 1” "
        "above)",
        "Done: 2. Review the MSA", "Done: 4. Book the offsite",  # "done 2" again is the same change
        "Note on 4. Book the offsite: x",
        "Due Mon 23 Nov: 4. Book the offsite (a later line, so it replaces “due 4 friday” above)",
        "Pinned to today's focus: 4. Book the offsite"]
    assert out.errors == ["“done 2-4”: line 3 is not an item in that brief"]
    deck, offsite = store.item(1), store.item(3)
    assert deck and (deck.status, deck.snoozed_until) == ("snoozed", "2026-11-23")
    assert offsite and (offsite.status, offsite.due, offsite.pinned) == ("done", "2026-11-23", True)
    _apply(store, reply("undo", message_id="<r2@example.com>", minute=31))
    deck = store.item(1)
    assert deck and (deck.status, deck.snoozed_until) == ("open", None)


def test_the_same_item_added_twice_in_one_reply_is_added_once_and_said_so(store: Store) -> None:
    out = _apply(store, reply("add: Call Bob\nadd: call bob\nadd: Call Bob by friday"))
    assert out.changes == ["Added: Call Bob"]
    assert out.errors == ["“add: call bob”: an earlier line of this reply already added it, so it was added once",
                          "“add: Call Bob by friday”: an earlier line of this reply already added it, so it was "
                          "added once"]
    assert [i.title for i in store.items()].count("Call Bob") == 1


def test_a_command_that_fails_is_one_error_line_and_the_rest_applies(store: Store) -> None:
    brief = store.brief_for_reply_token(TOKEN)
    assert brief is not None
    msg = reply("due 1 x\ndone 2")
    # A date no parser makes: the store is written, then saying it fails; the line is taken back whole.
    bad = Command("due", "due 1 x", lines=(1,), when="garbage")
    out = apply_reply(store, msg, brief, [bad, *parse("done 2\nadd: Call Bob", TODAY, LONDON)])
    assert out.errors == ["“due 1 x”: focusd could not carry it out (ValueError); nothing of it was changed"]
    assert out.changes == ["Done: 2. Review the MSA", "Added: Call Bob"] and out.status == "applied"
    deck, msa = store.item(1), store.item(2)
    assert deck and deck.due is None and msa and msa.status == "done"
    record = store.reply("<r1@example.com>")
    assert record and "1" not in json.loads(record["undo"])["items"]


def test_a_block_far_ahead_is_refused_when_applied_too(store: Store) -> None:
    brief = store.brief_for_reply_token(TOKEN)
    assert brief is not None
    far = Command("block", "block 1 90m 31/12/9999 23:00", lines=(1,), when="9999-12-31T23:00:00+00:00", minutes=90)
    out = apply_reply(store, reply("block"), brief, [far], _booking())
    assert out.errors == [f"“block 1 90m 31/12/9999 23:00”: {TOO_FAR}"] and out.changes == []


def test_the_same_reply_under_another_message_id_is_applied_once(store: Store) -> None:
    _apply(store, reply("drop 2", message_id="<r0@example.com>", minute=20))
    _apply(store, reply("done 1", message_id="<r1@example.com>", minute=25))
    # "undo" seen twice: the INBOX copy with the server's id, the Sent copy with focusd's stand-in.
    first = _apply(store, reply("undo", message_id="<inbox-id@mx.example>"))
    again = _apply(store, reply("undo", message_id="<0123456789abcdef@focusd.invalid>"))
    assert first.status == "undo" and again.status == "duplicate"
    deck, msa = store.item(1), store.item(2)
    assert deck and msa and (deck.status, msa.status) == ("open", "dropped")  # one reply undone, not two
    record = store.reply("<0123456789abcdef@focusd.invalid>")
    assert record and record["status"] == "duplicate" and record["reason"] == "the same reply as <inbox-id@mx.example>"
    # Another reply saying the same later (its own Date) is obeyed.
    assert _apply(store, reply("undo", message_id="<r9@example.com>", minute=40)).status == "undo"
    msa = store.item(2)
    assert msa and msa.status == "open"


def test_a_reply_without_a_date_is_told_by_its_text_and_refused_copies_do_not_count(store: Store) -> None:
    undated = reply("note 1 first", message_id="<a@x>")
    undated.dated = False
    _apply(store, undated)
    copy = reply("note 1 first", message_id="<b@x>", minute=45)  # its arrival stands in for the Date
    copy.dated = False
    assert _apply(store, copy).status == "duplicate"
    # An ignored record (a refused copy) is no reply read: the same text, when authentic, is obeyed.
    store.record_reply("<c@x>", "2026-11-19", OWNER, "", "ignored", "authentication failed (dkim=fail)", [], {},
                       digest="d" * 32)
    assert store.reply_by_digest("d" * 32) is None


def test_an_older_store_gains_the_reply_digest(tmp_path: Any) -> None:
    import sqlite_utils

    from agent.clock import fixed
    from planner.store import MIGRATIONS, _v16

    db = sqlite_utils.Database(tmp_path / "s.db")
    before = MIGRATIONS.index(_v16)
    for migrate in MIGRATIONS[:before]:
        migrate(db)
    db.execute(f"PRAGMA user_version={before}")
    db.table("replies").insert({"message_id": "<old@x>", "status": "applied", "changes": "[]", "undo": "{}"})
    db.close()
    s = Store.open(tmp_path / "s.db", fixed(datetime(2026, 11, 19, 8, tzinfo=UTC)))
    assert s.version == len(MIGRATIONS)
    assert s.reply("<old@x>")["digest"] is None  # type: ignore[index]
    s.record_reply("<new@x>", "2026-11-19", OWNER, "", "applied", "", [], {}, digest="e" * 32)
    assert s.reply_by_digest("e" * 32)["message_id"] == "<new@x>"  # type: ignore[index]


@pytest.mark.parametrize("line,verb,lines,when", [
    ("done #11", "done", (11,), None), ("TOP 10!", "top", (10,), "2026-11-19"), ("Drop 16 please", "drop", (16,), None),
    ("Done 2!", "done", (2,), None), ("done: 2", "done", (2,), None), ("done 2 thanks", "done", (2,), None),
    ("done 2 & 3", "done", (2, 3), None), ("Done 2 👍", "done", (2,), None),
    ("snooze 3 to monday", "snooze", (3,), "2026-11-23"), ("due 2 till Friday.", "due", (2,), "2026-11-20"),
])
def test_commands_as_people_type_them(line: str, verb: str, lines: tuple[int, ...], when: str | None) -> None:
    """A real reply's punctuation, a "#", a "please" or an emoji around a command: obeyed, and
    said back as written."""
    (parsed,) = parse(line, TODAY, LONDON)
    assert isinstance(parsed, Command), parsed
    assert (parsed.verb, parsed.lines, parsed.when, parsed.line) == (verb, lines, when, line)


@pytest.mark.parametrize("line", ["Done 2?", "Done 2??", "done #2?", "drop 16?", "top 10?", "due 2 friday?",
                                  "done 2 & 3?", "snooze 3 to monday?", "Done 2 👎", "Done 2 🤔", "Done 2 ❌"])
def test_a_command_asked_as_a_question_or_with_a_doubting_sign_is_not_obeyed(line: str) -> None:
    (parsed,) = parse(line, TODAY, LONDON)
    assert isinstance(parsed, Unknown), parsed


def test_a_command_without_its_number_says_what_is_missing() -> None:
    (parsed,) = parse("Drop this", TODAY, LONDON)
    assert isinstance(parsed, Unknown) and "write its number from the brief, as in “drop 2”" in parsed.why


def test_a_signature_after_the_commands_is_one_line_of_the_confirmation() -> None:
    text = ("done 2\nsnooze 3 monday\n\nBest regards,\nAda Lovelace\nCEO & Co-founder | Loom\n"
            "Mobile: +44 7700 900123\nThis e-mail is confidential.")
    parsed = parse(text, TODAY, LONDON)
    assert [p.verb for p in parsed if isinstance(p, Command)] == ["done", "snooze"]
    (sig,) = [p for p in parsed if isinstance(p, Unknown)]
    assert sig.line == "Best regards," and sig.why == "taken with the 4 lines after it for your signature"
    # With no command at all, the signature is one line too.
    (alone,) = parse("Best regards,\nAda Lovelace\nMobile: 0788 123 456", TODAY, LONDON)
    assert isinstance(alone, Unknown) and alone.why == "taken with the 2 lines after it for your signature"
    # A command after the sign-off is still read, and so is everything around it.
    later = parse("done 2\nThanks,\nAda\ndrop 4", TODAY, LONDON)
    assert [p.verb if isinstance(p, Command) else p.line for p in later] == ["done", "Thanks,", "Ada", "drop"]


def test_the_same_add_sent_again_in_a_second_reply_adds_nothing(store: Store) -> None:
    """Send pressed twice: the second mail has its own Message-ID and Date, and its add: finds
    the item already on the list."""
    _apply(store, reply("add: Call the lawyer by friday"))
    out = _apply(store, reply("add: Call the lawyer by Friday\ndone 2", message_id="<r2@example.com>", minute=32))
    assert out.errors == ["“add: Call the lawyer by Friday”: “Call the lawyer” is already on your list, so nothing "
                          "was added"]
    # Another date for it is said to stay as it was, not passed over in silence.
    other = _apply(store, reply("add: Call the lawyer by Monday", message_id="<r3@example.com>", minute=34))
    assert other.errors == ["“add: Call the lawyer by Monday”: “Call the lawyer” is already on your list, so nothing "
                            "was added; its date stays Fri 20 Nov (reply `due N` with its line number to change it)"]
    assert out.changes == ["Done: 2. Review the MSA"]
    assert [i.title for i in store.items()].count("Call the lawyer") == 1
