"""The command line through its contracts: JSON Lines shapes, exit codes, stdout for data only."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click
import pytest

from agent.cli import _extract_all, cli, main
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.state import Context
from connectors.types import Message
from planner.models import Item
from tests.conftest import DEMO_NOW, make_message, shared_data


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


@pytest.fixture
def demo_config(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FOCUSD_NOW", DEMO_NOW.isoformat())
    return demo_dir / "focusd.toml"


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


ITEM_KEYS = {"id", "contributions", "kind", "title", "owner", "counterparty", "due", "status", "score", "reasons", "evidence",
             "source", "goal", "blocks", "blocked_by", "snoozed_until", "pinned", "notes"}


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, (*prefix, name)))
    return paths


def test_every_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    paths = _command_paths(cli)
    assert set(paths) >= {("init",), ("doctor",), ("run",), ("sync",), ("brief",), ("items",), ("extract",),
                          ("inspect",), ("calendar",), ("demo",), ("auth",), ("auth", "google")}
    for path in paths:
        code, out, _ = run(capsys, *path, "--help")
        assert code == 0 and "Example: focusd" in out, path


def test_every_option_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for path in _command_paths(cli):
        command: click.Command = cli
        for name in path:
            assert isinstance(command, click.Group)
            command = command.commands[name]
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (path, param.name)


def test_click_errors_use_the_one_error_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "items", "--bogus")
    assert code == 2 and out == ""
    assert "focusd: No such option '--bogus'" in err and "Error" not in err
    assert "Usage: focusd items" in err  # the usage still helps


def test_sync_alone_runs_one_cycle(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    code, out, err = run(capsys, "--config", str(demo_config), "sync")
    assert code == 0, err
    assert out.startswith("32 messages: 27 new, 4 bulk, 1 hostile; 19 new items")


def test_calendar_range_backwards_is_a_usage_error(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    code, out, err = run(capsys, "--config", str(demo_config), "calendar", "--from", "2026-11-20", "--to", "2026-11-19")
    assert code == 2 and out == ""
    assert "focusd: Invalid value for --to: 2026-11-19 is before the first day, 2026-11-20" in err


def test_doctor_config_problem_is_exit_2(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    demo_config.write_text(demo_config.read_text().replace('email = "ada@loom.example"', 'email = "nobody"'))
    code, out, _ = run(capsys, "--config", str(demo_config), "doctor")
    assert code == 2 and out.startswith("FAIL config") and "owner.email" in out


def test_doctor_names_unbuilt_backends_plainly(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    text = demo_config.read_text().replace('[llm]\nprovider = "none"', '[llm]\nprovider = "openai"\nmodel = "gpt-x"')
    demo_config.write_text(text.replace('backend = "ics"', 'backend = "caldav"'))
    code, out, _ = run(capsys, "--config", str(demo_config), "doctor")
    assert code == 2 and out.startswith("FAIL config") and "2 problems" in out
    # Every problem is named at once, each plainly, and nothing is reported "ok".
    assert "llm.api_key: required when llm.provider is openai" in out
    assert "calendar.url: required when calendar.backend is caldav" in out
    assert not any(line.startswith("ok") for line in out.splitlines())


def test_brief_before_any_sync_names_the_command(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    for args in (("brief",), ("brief", "--send")):
        code, out, err = run(capsys, "--config", str(demo_config), *args)
        assert code == 1 and out == ""
        assert err == ("focusd: nothing has been synced yet: run `focusd sync` first (or, with `focusd run` started, "
                       "wait for its first cycle), then `focusd brief`\n")
    assert not list(demo_config.parent.glob("outbox/*.eml"))  # nothing empty was sent


def test_items_with_none_says_so(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    code, out, err = run(capsys, "--config", str(demo_config), "items")
    assert code == 0 and out == "" and "nothing has been synced yet; run `focusd sync`" in err
    code, out, _ = run(capsys, "--config", str(demo_config), "items", "--json")
    assert code == 0 and out == ""  # JSON Lines stay empty: no rows, no prose


def test_sync_twice_adds_and_changes_nothing(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    code, out, err = run(capsys, "--config", str(demo_config), "sync", "--once")
    assert code == 0, err
    assert out.startswith("32 messages: 27 new, 4 bulk, 1 hostile; 19 new items")
    _, first, _ = run(capsys, "--config", str(demo_config), "items", "--all", "--json")
    code, out, _ = run(capsys, "--config", str(demo_config), "sync", "--once")
    assert code == 0 and out.startswith("0 messages; 0 new items")
    _, second, _ = run(capsys, "--config", str(demo_config), "items", "--all", "--json")
    assert first == second
    rows = _lines(second)
    assert len(rows) == 19 and all(set(r) == ITEM_KEYS for r in rows)
    assert all(isinstance(r["id"], int) for r in rows)
    assert all(isinstance(r["score"], float) for r in rows if r["status"] == "open")


def test_items_and_brief_json(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    run(capsys, "--config", str(demo_config), "sync", "--once")
    code, out, _ = run(capsys, "--config", str(demo_config), "items", "--json")
    assert code == 0 and all(r["status"] == "open" for r in _lines(out))
    code, out, _ = run(capsys, "--config", str(demo_config), "brief", "--format", "json")
    assert code == 0
    (brief,) = _lines(out)
    assert set(brief) == {"date", "subject", "focus", "meetings", "tomorrow", "due_soon", "waiting", "blockers",
                          "handled", "progress", "more"}
    assert brief["date"] == "2026-11-19"
    assert brief["more"] == {"focus": 7}  # open work on no line: "…and 7 more open" under the focus
    assert set(brief["focus"][0]) == ITEM_KEYS | {"line", "why", "context", "focus_time"}
    assert set(brief["meetings"][0]) == {"line", "title", "start", "end", "all_day", "attendees", "location",
                                         "description", "response", "related"}
    assert brief["meetings"][0]["start"].endswith("+00:00")  # London in November
    code, out, _ = run(capsys, "--config", str(demo_config), "brief", "--date", "2026-11-19")
    assert code == 0 and out.startswith("Good morning, Ada.")
    code, out, _ = run(capsys, "--config", str(demo_config), "brief", "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")


def test_brief_send_once_per_date(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    run(capsys, "--config", str(demo_config), "sync", "--once")
    outbox = demo_config.parent / "outbox"
    code, out, _ = run(capsys, "--config", str(demo_config), "brief", "--send")
    assert code == 0 and out == (f"written at 07:30 on Thu 19 Nov to the outbox {outbox} (the file sender: no mail "
                                 'leaves this machine; [smtp] backend = "smtp" mails it to ada@loom.example): '
                                 "Focus Thu 19 Nov: Send Maria the updated deck with the Q3 numbers (+2)\n")
    code, out, _ = run(capsys, "--config", str(demo_config), "brief", "--send")
    assert code == 0 and out.startswith(f"already sent at 07:30 on Thu 19 Nov via the outbox {outbox}, "
                                        "so nothing was sent now: Focus Thu 19 Nov")
    assert len(list((demo_config.parent / "outbox").glob("*.eml"))) == 1


def test_extract_json_contract(capsys: pytest.CaptureFixture[str], demo_config: Path, tmp_path: Path) -> None:
    cur = demo_config.parent / "mail" / "cur"
    deck = next(p for p in cur.iterdir() if b"<m1.maria@northwind.vc>" in p.read_bytes())
    hostile = next(p for p in cur.iterdir() if b"<h1@leadgen.example>" in p.read_bytes())
    missing = tmp_path / "missing.eml"
    code, out, err = run(capsys, "--config", str(demo_config), "extract", str(deck), str(missing), str(hostile), "--json")
    assert code == 1
    first, second, third = _lines(out)
    assert first["file"] == str(deck) and first["message_id"] == "<m1.maria@northwind.vc>"
    (item,) = first["items"]
    assert set(item) == ITEM_KEYS and item["id"] is None and item["score"] is None and item["status"] is None
    assert item["kind"] == "request" and item["due"] == "2026-11-20"
    assert item["evidence"] == "Could you send me the updated deck with the Q3 numbers by Friday?"
    assert second == {"file": str(missing), "error": "cannot read it: No such file or directory"}
    assert third["items"] == []
    assert not (demo_config.parent / "focusd.db").exists()  # extract stores nothing


def test_inspect_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    talon = shared_data("replies", "talon", "gmail.eml")
    code, out, _ = run(capsys, "inspect", str(talon), "--json")
    assert code == 0
    (row,) = _lines(out)
    assert list(row) == ["file", "message_id", "from", "to", "cc", "date", "subject", "text", "reply_text",
                         "attachments", "is_bulk", "is_brief_reply"]
    assert row["from"] == {"name": "Megan One", "email": "xxx@gmail.com"}
    assert row["to"] == [{"name": "", "email": "bob@example.com"}]
    assert row["date"] == "2012-04-02T20:21:52+04:00"
    assert row["message_id"].startswith("<CAKsfaBW") and row["reply_text"] == "Hello"


def test_inspect_shows_what_a_forward_carries(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    mail = tmp_path / "fwd.eml"
    mail.write_bytes(b"From: Maria Chen <maria@acme.example>\nTo: Ada <ada@example.com>\nSubject: Fwd: Renewal\n"
                     b"Date: Tue, 17 Nov 2026 09:12:00 +0000\nMessage-ID: <f@acme.example>\n\nCan you handle this?\n\n"
                     b"---------- Forwarded message ---------\nFrom: Tom Becker <tom@broker.example>\n"
                     b"Date: Mon, Nov 16, 2026 at 4:02 PM\nSubject: Renewal\nTo: Maria <maria@acme.example>\n\n"
                     b"Could you send us the signed form by Friday?\n")
    code, out, _ = run(capsys, "inspect", str(mail))
    assert code == 0 and "  forwards: Tom Becker <tom@broker.example>, 'Renewal', 2026-11-16" in out
    assert "    Could you send us the signed form by Friday?" in out
    code, out, _ = run(capsys, "inspect", str(mail), "--json")
    (row,) = _lines(out)
    assert row["reply_text"] == "Can you handle this?"
    assert row["forwards"] == {"from": "tom@broker.example", "subject": "Renewal", "date": "2026-11-16T16:02:00",
                               "text": "Could you send us the signed form by Friday?"}


def test_inspect_a_file_that_is_not_mail(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00")
    good = shared_data("replies", "talon", "gmail.eml")
    code, out, _ = run(capsys, "inspect", str(junk), str(good), "--json")
    assert code == 1
    bad, ok = _lines(out)
    assert bad == {"file": str(junk), "error": "the data is binary, not a mail message"}
    assert ok["reply_text"] == "Hello"


def test_init_data_dir_names_one_place_for_every_command(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    monkeypatch.chdir(tmp_path)
    cfg = tmp_path / "etc" / "focusd.toml"
    code, _, err = run(capsys, "--config", str(cfg), "init", "--name", "Ada", "--email", "ada@example.com",
                       "--timezone", "UTC", "--mail-path", "/srv/mail/ada", "--calendar", "cal.ics",
                       "--data-dir", "state")
    assert code == 0, err
    config = tomllib.loads(cfg.read_text())
    assert config["storage"]["path"] == str(tmp_path / "state" / "focusd.db")
    assert config["smtp"]["path"] == str(tmp_path / "state" / "outbox")
    assert config["mail"]["path"] == "/srv/mail/ada" and config["calendar"]["paths"] == [str(tmp_path / "cal.ics")]


def test_bad_config_exits_2_listing_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[owner]\nname = "Ada"\ntimezone = "Nowhere/City"\n[mail]\npoll_interval = "often"\nfolder = "INBOX"\n')
    code, out, err = run(capsys, "--config", str(cfg), "items")
    assert code == 2 and out == ""
    assert "has 5 problems" in err
    for key in ("owner.email", "owner.timezone", "mail.poll_interval", "mail.folder", "mail.path"):
        assert key in err
    assert "Traceback" not in err


def test_unreadable_calendar_file_is_one_clear_error_and_mail_still_flows(
        capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    (demo_config.parent / "calendar.ics").write_text("this is no calendar\n")
    code, out, err = run(capsys, "--config", str(demo_config), "sync", "--once")
    assert code == 1
    assert out.startswith("32 messages: 27 new, 4 bulk, 1 hostile; 19 new items; the calendar could not be read")
    assert "focusd: calendar: calendar file" in err and "is not valid iCalendar" in err
    code, out, _ = run(capsys, "--config", str(demo_config), "brief")
    assert code == 0 and "Your calendar could not be read, so no free time is suggested and meetings may be missing: calendar file" in out and "Suggested time" not in out
    # A file that is not there at all is a config problem, found before anything runs.
    (demo_config.parent / "calendar.ics").unlink()
    code, out, err = run(capsys, "--config", str(demo_config), "sync")
    assert code == 2 and out == "" and "calendar.paths" in err


def test_init_writes_a_config_that_loads(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "new" / "focusd.toml"
    monkeypatch.chdir(tmp_path)  # where the user stands: relative flags are taken from here
    code, out, err = run(capsys, "--config", str(cfg), "init", "--name", "Ada Lovelace", "--email", "ada@example.com",
                         "--timezone", "Europe/London", "--mail-path", "mail")
    assert code == 0, err
    assert "name = \"Ada Lovelace\"" in cfg.read_text()
    assert f"note: {tmp_path / 'mail'} does not exist yet" in err
    code, _, err = run(capsys, "--config", str(cfg), "init", "--name", "A", "--email", "a@b.c")
    assert code == 1 and "already exists" in err
    (tmp_path / "mail" / "cur").mkdir(parents=True)
    code, out, _ = run(capsys, "--config", str(cfg), "doctor")
    assert code == 1 and "FAIL mail      folder 'Sent' does not exist" in out  # doctor checks the folders named
    (tmp_path / "mail" / ".Sent" / "cur").mkdir(parents=True)
    code, out, _ = run(capsys, "--config", str(cfg), "doctor")
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()] == [
        ["ok", "config"], ["ok", "storage"], ["ok", "clock"], ["ok", "mail"], ["ok", "calendar"],
        ["ok", "smtp"], ["ok", "llm"]]  # no perms line: doctor made no database to check


def test_doctor_fails_on_a_broken_connection(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    (demo_config.parent / "calendar.ics").write_text("garbage")
    code, out, _ = run(capsys, "--config", str(demo_config), "doctor")
    assert code == 1
    assert any(line.startswith("FAIL calendar") for line in out.splitlines())


def test_unavailable_backends_are_config_errors(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    text = demo_config.read_text().replace('provider = "none"', 'provider = "openai"\nmodel = "gpt-x"')
    demo_config.write_text(text)
    code, _, err = run(capsys, "--config", str(demo_config), "sync", "--once")
    assert code == 2 and "llm.provider" in err


def test_calendar_command(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    code, out, _ = run(capsys, "--config", str(demo_config), "calendar", "--from", "2026-11-19", "--to", "2026-11-19",
                       "--json")
    assert code == 0
    titles = [r["title"] for r in _lines(out)]
    assert titles == ["Team standup", "1:1 Ada / Tom (moved)", "Final interview: Alex Kim (culture round)",
                      "Call with Maria Chen (Northwind)"]
    code, _, err = run(capsys, "--config", str(demo_config), "calendar", "--from", "tomorrow")
    assert code == 2 and "is not a date" in err


def test_demo_prints_a_brief_and_nothing_else_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert out.startswith("Good morning, Ada. Today's focus: send Maria the updated deck")
    assert "Today's meetings" in out and "Waiting on others" in out
    assert "{" not in out.splitlines()[0]  # no log line leaked into stdout


def test_no_traceback_without_verbose(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--config", str(tmp_path / "absent.toml"), "items")
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_a_missing_mailbox_is_one_clear_problem(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    import shutil

    shutil.rmtree(demo_config.parent / "mail" / ".Sent")
    code, out, err = run(capsys, "--config", str(demo_config), "sync", "--once")
    assert code == 1
    assert out.startswith("23 messages: 18 new")  # INBOX still read
    assert "focusd: mail folder Sent: folder 'Sent' does not exist" in err


def test_items_table_for_people(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    run(capsys, "--config", str(demo_config), "sync", "--once")
    code, out, _ = run(capsys, "--config", str(demo_config), "items")
    header, *lines = out.splitlines()
    assert header.split() == ["id", "score", "kind", "title"]
    assert code == 0 and len(lines) == 18
    assert "request" in lines[0] and "Send Maria the updated deck with the Q3 numbers due 2026-11-20" in lines[0]
    _, everything, _ = run(capsys, "--config", str(demo_config), "items", "--all")
    assert everything.splitlines()[-1].endswith("[done]")


def nested_multipart(depth: int) -> bytes:
    """A message whose multipart parts nest ``depth`` deep: the stdlib parser recurses on it."""
    head = b"From: a@example.com\r\nTo: ada@example.com\r\nSubject: deep\r\nMessage-ID: <deep@example.com>\r\n"
    opens = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(depth))
    closes = b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(depth)))
    return head + opens + b"Content-Type: text/plain\r\n\r\nhello\r\n" + closes


@pytest.mark.parametrize("command", ["inspect", "extract"])
def test_every_file_gets_its_line(capsys: pytest.CaptureFixture[str], demo_config: Path, tmp_path: Path,
                                  command: str) -> None:
    deep = tmp_path / "deep.eml"
    deep.write_bytes(nested_multipart(2000))
    folder = tmp_path / "a-folder"
    folder.mkdir()
    deck = next(p for p in (demo_config.parent / "mail" / "cur").iterdir() if b"<m1.maria@northwind.vc>" in p.read_bytes())
    code, out, err = run(capsys, "--config", str(demo_config), command, str(deep), str(folder), str(deck), "--json")
    assert code == 1, err
    first, second, third = _lines(out)
    assert first["file"] == str(deep) and set(first) == {"file", "error"}
    assert second == {"file": str(folder), "error": "cannot read it: Is a directory"}
    assert third["file"] == str(deck) and third["message_id"] == "<m1.maria@northwind.vc>"


class _FailsOn:
    """An extractor that raises on one message, so the graph itself raises for it."""

    name = "fails-on-one"

    def __init__(self, message_id: str) -> None:
        self.message_id = message_id

    def extract(self, message: Message, owner: Owner) -> list[Item]:
        if message.message_id == self.message_id:
            raise RuntimeError("boom")
        return EmbeddedExtractor().extract(message, owner)


def test_extract_keeps_the_other_answers_when_the_graph_raises_for_one(owner: Owner) -> None:
    good = make_message("Could you send me the signed contract by Friday?", message_id="<good@example.com>")
    bad = make_message("Could you review the budget?", message_id="<bad@example.com>")
    failing = _FailsOn("<bad@example.com>")
    ctx = Context(extractor=failing, fallback=failing, owner=owner, clock=lambda: DEMO_NOW)
    found, errors = _extract_all([good, bad], ctx)
    assert errors == {"<bad@example.com>": "extraction failed: RuntimeError"}
    assert [i.kind for i in found["<good@example.com>"]] == ["request"]


def test_one_failing_file_does_not_stop_the_others_resolving_together(owner: Owner) -> None:
    ask = make_message("Could you send me the deck by Friday?", message_id="<ask@fund.example>")
    promise = make_message("Sure, I'll send you the deck by Friday.", sender="ada@example.com", name="Ada Lovelace",
                           to=("maria@fund.example",), message_id="<promise@example.com>",
                           references=("<ask@fund.example>",))
    bad = make_message("Could you review the budget?", message_id="<bad@example.com>")
    failing = _FailsOn("<bad@example.com>")
    ctx = Context(extractor=failing, fallback=failing, owner=owner, clock=lambda: DEMO_NOW)
    together, _ = _extract_all([ask, promise], ctx)
    found, errors = _extract_all([ask, promise, bad], ctx)
    assert list(errors) == ["<bad@example.com>"]
    assert sum(len(v) for v in found.values()) == sum(len(v) for v in together.values()) == 1  # the promise merged


def test_items_after_a_sync_with_nothing_open(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    for message in (demo_config.parent / "mail").rglob("cur/*"):
        message.unlink()
    code, _, err = run(capsys, "--config", str(demo_config), "sync")
    assert code == 0, err
    code, out, err = run(capsys, "--config", str(demo_config), "items")
    assert code == 0 and out == "" and "no open items" in err and "synced" not in err


def test_only_todays_brief_can_be_sent(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    run(capsys, "--config", str(demo_config), "sync")
    code, out, err = run(capsys, "--config", str(demo_config), "brief", "--send", "--date", "2026-11-20")
    assert code == 2 and out == "" and "only today's brief can be sent (2026-11-19)" in err
    assert not list(demo_config.parent.glob("outbox/*.eml"))
    code, out, _ = run(capsys, "--config", str(demo_config), "brief", "--date", "2026-11-20")
    assert code == 0 and out.startswith("Good morning, Ada.")


def test_a_goal_added_to_the_config_counts_in_the_next_brief(capsys: pytest.CaptureFixture[str],
                                                             demo_config: Path) -> None:
    run(capsys, "--config", str(demo_config), "sync")
    demo_config.write_text(demo_config.read_text() + '\n[[goals]]\ntitle = "Hire Alex"\nweight = 5\n'
                                                     'keywords = ["feedback on alex", "culture round"]\n')
    code, out, _ = run(capsys, "--config", str(demo_config), "brief", "--format", "json")
    assert code == 0
    goals = {i["goal"] for section in ("focus", "due_soon") for i in json.loads(out)[section]}
    assert "Hire Alex" in goals


def test_a_pipe_or_an_endless_file_gets_its_line_and_never_hangs(capsys: pytest.CaptureFixture[str],
                                                                 demo_config: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.eml"
    os.mkfifo(fifo)
    good = next((demo_config.parent / "mail" / "cur").iterdir())
    code, out, _ = run(capsys, "inspect", str(fifo), "/dev/zero", str(good), "--json")
    lines = _lines(out)
    assert code == 1 and [line.get("error", "") for line in lines][:2] == [
        "it is a pipe, not a file", "it is a device, not a file"]
    assert lines[2]["file"] == str(good) and lines[2]["message_id"]
    code, out, _ = run(capsys, "--config", "/dev/zero", "doctor")
    assert code == 2 and "/dev/zero is a device, not a file (a config is a TOML file)" in out
    calendar = demo_config.parent / "calendar.ics"
    calendar.unlink()
    os.mkfifo(calendar)
    code, _, err = run(capsys, "--config", str(demo_config), "sync")
    assert code == 2 and f"calendar.paths[1]: {calendar} is a pipe, not a file" in err


def test_extract_reads_a_file_from_the_owner_as_sent_mail(capsys: pytest.CaptureFixture[str], demo_config: Path) -> None:
    sent = demo_config.parent / "mail" / ".Sent" / "cur"
    promise = next(p for p in sent.iterdir() if b"<s1.ada@loom.example>" in p.read_bytes())
    code, out, _ = run(capsys, "--config", str(demo_config), "extract", str(promise), "--json")
    (row,) = _lines(out)
    # A file has no folder; from the owner, it is what the owner sent, not a forged owner.
    assert code == 0
    assert [(i["kind"], i["owner"]) for i in row["items"]] == [("commitment", "me"), ("waiting", "maria@northwind.vc")]


SCAM = (b"From: Victor Kane <victor@kane-holdings.example>\nTo: Ada Lovelace <ada@loom.example>\n"
        b"Subject: Settlement\nDate: Wed, 18 Nov 2026 09:00:00 +0000\nMessage-ID: <scam1@kane-holdings.example>\n"
        b"Content-Type: text/plain; charset=utf-8\n\nDear Ms Lovelace,\n\nThe settlement payment is due to them "
        b"Friday; send it to the account below.\nAccount 99887766, sort code 20-00-00.\n\nVictor Kane\n")


def test_extract_screens_a_strangers_scam_as_sync_does(capsys: pytest.CaptureFixture[str], demo_config: Path,
                                                         tmp_path: Path) -> None:
    scam = tmp_path / "scam.eml"
    scam.write_bytes(SCAM)
    deck = next(p for p in (demo_config.parent / "mail" / "cur").iterdir() if b"<m1.maria@northwind.vc>" in p.read_bytes())
    code, out, _ = run(capsys, "--config", str(demo_config), "extract", str(scam), str(deck), "--json")
    assert code == 0
    first, second = _lines(out)
    assert first["items"] == []  # a stranger's ask to pay into an account: set aside, as a sync sets it aside
    assert [i["kind"] for i in second["items"]] == ["request"]  # a stranger's ordinary ask still reads
    assert not (demo_config.parent / "focusd.db").exists()  # and no store was made to find out


def test_sync_says_how_many_messages_fell_back_from_the_llm_and_why(capsys: pytest.CaptureFixture[str],
                                                                   demo_config: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that cannot be reached costs nothing but the LLM: the embedded extractor reads the
    mail, and `sync` and `status` say so, with the reason, instead of a clean summary."""
    import socket

    from agent.extractors import llm as llm_extractor

    monkeypatch.setattr(llm_extractor, "BREAKER", llm_extractor.CircuitBreaker())  # closed, whatever ran before

    with socket.socket() as s:  # a port with nothing listening: every call is refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo_config.write_text(demo_config.read_text().replace(
        'provider = "none"', f'provider = "openai-compatible"\nmodel = "m"\nbase_url = "http://127.0.0.1:{port}/v1"\n'
                             'timeout = "2s"\nretries = 0'))
    code, out, err = run(capsys, "--config", str(demo_config), "sync")
    assert code == 0, err
    assert out.startswith("32 messages: 27 new, 4 bulk, 1 hostile; 19 new items"), out  # the same items as without
    fell = re.search(r"; (\d+) messages read by the embedded extractor: the LLM failed \(\w*ConnectionError (\d+)\), "
                     r"then was skipped after repeated failures \((\d+)\)$", out.strip())
    assert fell is not None, out
    assert int(fell.group(1)) == int(fell.group(2)) + int(fell.group(3)) > 3
    code, out, _ = run(capsys, "--config", str(demo_config), "status")
    assert code == 0 and f"{fell.group(1)} messages fell back to the embedded extractor" in out, out


def test_commands_that_read_only_the_store_need_no_secrets(capsys: pytest.CaptureFixture[str], demo_config: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`sudo -u focusd focusd status` runs in a shell without the unit's variables: status, items
    and a printed brief or review read the store alone and run; sync and a sent brief need the
    password, and say which."""
    run(capsys, "--config", str(demo_config), "sync")
    demo_config.write_text(demo_config.read_text().replace(
        '[smtp]\nbackend = "file"\npath = "outbox"',
        '[smtp]\nbackend = "smtp"\nhost = "127.0.0.1"\nport = 2525\nsecurity = "none"\nusername = "ada"\n'
        'password_env = "FOCUSD_TEST_UNSET_PW"'))
    monkeypatch.delenv("FOCUSD_TEST_UNSET_PW", raising=False)
    for args in (["status"], ["items"], ["brief"], ["review"], ["brief", "--format", "json"]):
        code, out, err = run(capsys, "--config", str(demo_config), *args)
        assert code == 0 and out, (args, err)
    for args in (["sync"], ["brief", "--send"]):
        code, _, err = run(capsys, "--config", str(demo_config), *args)
        assert code == 2 and "smtp.password_env: the environment variable FOCUSD_TEST_UNSET_PW is not set" in err, err
