"""A key that only another backend reads ("[mail].path" left after a move to imap) is named, with
the fix, by every command, by doctor and in the daemon's log: it used to pass in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.cli import main
from agent.settings import from_mapping

OWNER = {"name": "Ada Lovelace", "email": "ada@example.com"}


@pytest.fixture(autouse=True)
def _private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("FOCUSD_TEST_PASSWORD", "pw")


@pytest.mark.parametrize("section,body,key,reader", [
    ("mail", {"backend": "imap", "host": "imap.example.com", "username": "ada", "password_env": "FOCUSD_TEST_PASSWORD",
              "path": "mail"}, "path", "maildir"),
    ("smtp", {"backend": "file", "path": "outbox", "host": "smtp.example.com", "port": 465}, "host", "smtp"),
    ("smtp", {"backend": "file", "path": "outbox", "password_env": "FOCUSD_TEST_PASSWORD"}, "password_env", "smtp"),
    ("calendar", {"backend": "none", "paths": ["work.ics"]}, "paths", "ics"),
    ("calendar", {"backend": "ics", "paths": ["work.ics"], "calendar_id": "primary"}, "calendar_id", "google"),
])
def test_a_key_of_another_backend_is_named_with_the_fix(tmp_path: Path, section: str, body: dict[str, object],
                                                        key: str, reader: str) -> None:
    (tmp_path / "work.ics").write_text("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n")
    (tmp_path / "mail").mkdir()
    s = from_mapping({"owner": OWNER, section: body}, tmp_path, check_files=False)
    chosen = body["backend"]
    assert [line for line in s.ignored if f"[{section}].{key} " in line] == [
        f"[{section}].{key} is read only by the {reader} backend, and backend is {chosen}: it is ignored "
        f"(remove it, or set backend = \"{reader}\")"]


def test_keys_of_the_chosen_backend_and_shared_keys_are_not_named(tmp_path: Path) -> None:
    (tmp_path / "mail").mkdir()
    raw = {"owner": OWNER,
           "mail": {"backend": "imap", "host": "imap.example.com", "username": "ada",
                    "password_env": "FOCUSD_TEST_PASSWORD", "folders": ["INBOX"], "max_age": "14d", "idle": False},
           "smtp": {"backend": "smtp", "host": "smtp.example.com", "password_env": "FOCUSD_TEST_PASSWORD",
                    "username": "ada", "dry_run": True}}
    assert from_mapping(raw, tmp_path, check_files=False).ignored == ()


def test_doctor_and_every_command_warn_and_still_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for part in ("cur", "new", "tmp"):
        (tmp_path / "mail" / part).mkdir(parents=True)
        (tmp_path / "mail" / ".Sent" / part).mkdir(parents=True)
    config = tmp_path / "focusd.toml"
    config.write_text('[owner]\nname = "Ada"\nemail = "ada@x.example"\ntimezone = "Europe/London"\n'
                      '[mail]\nbackend = "maildir"\npath = "mail"\nhost = "imap.old.example"\n'
                      '[smtp]\nbackend = "file"\npath = "outbox"\n[storage]\npath = "focusd.db"\n')
    with pytest.raises(SystemExit) as done:
        main(["--config", str(config), "doctor"])
    out, _ = capsys.readouterr()
    assert done.value.code in (0, None), out
    assert ("warn config    [mail].host is read only by the imap backend, and backend is maildir: it is ignored "
            "(remove it, or set backend = \"imap\")") in out
    with pytest.raises(SystemExit) as done:
        main(["--config", str(config), "sync", "--once"])
    _, err = capsys.readouterr()
    assert done.value.code in (0, None)
    assert "warning: [mail].host is read only by the imap backend" in err
