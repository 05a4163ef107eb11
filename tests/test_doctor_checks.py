"""Doctor's host checks (store and secret permissions, the clock, the store's soundness) and the
bad input that stops start-up with a sentence saying how to fix it."""

from __future__ import annotations

import os
import pwd
import shutil
import tempfile
from pathlib import Path

import pytest

from agent.cli import main


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "mail").mkdir()
    for part in ("cur", "new", "tmp"):
        (tmp_path / "mail" / part).mkdir()
        (tmp_path / "mail" / ".Sent" / part).mkdir(parents=True)
    (tmp_path / "secret").write_text("s3cret\n")
    (tmp_path / "secret").chmod(0o600)
    (tmp_path / "focusd.toml").write_text(
        '[owner]\nname = "Ada"\nemail = "ada@x.example"\ntimezone = "Europe/London"\n'
        '[mail]\nbackend = "maildir"\npath = "mail"\nsent_folder = "Sent"\n'
        '[smtp]\nbackend = "file"\npath = "outbox"\n[storage]\npath = "focusd.db"\n')
    return tmp_path


def test_doctor_only_looks_on_a_fresh_config(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before the first sync doctor creates nothing: no database, no outbox folder."""
    code, out, _ = _run(["--config", str(home / "focusd.toml"), "doctor"], capsys)
    assert code == 0, out
    assert f"ok   storage   {home / 'focusd.db'} not made yet: the first `focusd sync` makes it" in out
    assert f"ok   smtp      file {home / 'outbox'} (made by the first brief)" in out
    assert not (home / "focusd.db").exists() and not (home / "outbox").exists()


def test_doctor_prints_permissions_and_the_clock(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(["--config", str(home / "focusd.toml"), "sync"], capsys)  # makes the store
    code, out, _ = _run(["--config", str(home / "focusd.toml"), "doctor"], capsys)
    lines = {line.split()[1]: line for line in out.splitlines()}
    assert code == 0, out
    assert lines["storage"].startswith("ok") and "quick_check ok" in lines["storage"]
    assert lines["perms"].startswith("ok") and "0600" in lines["perms"]
    assert lines["clock"].startswith("ok") and "Europe/London (UTC+00:00)" in lines["clock"]


def test_a_store_others_can_read_fails_doctor_with_the_fix(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(["--config", str(home / "focusd.toml"), "sync"], capsys)  # makes the store
    (home / "focusd.db").chmod(0o644)
    code, out, _ = _run(["--config", str(home / "focusd.toml"), "doctor"], capsys)
    assert code == 1
    assert f"FAIL perms     {home / 'focusd.db'} is mode 0644" in out and f"chmod 600 {home / 'focusd.db'}" in out


def test_a_corrupt_store_fails_doctor_and_is_kept(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "focusd.db").write_bytes(b"not a database at all" * 100)
    (home / "focusd.db").chmod(0o600)
    code, out, _ = _run(["--config", str(home / "focusd.toml"), "doctor"], capsys)
    assert code == 1 and "FAIL storage" in out and "will not overwrite it" in out
    assert (home / "focusd.db").read_bytes() == b"not a database at all" * 100


def test_a_secret_file_others_can_read_stops_start_up_with_the_fix(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = home / "focusd.toml"
    config.write_text(config.read_text() + '[llm]\nprovider = "openai"\nmodel = "m"\napi_key_file = "secret"\n')
    (home / "secret").chmod(0o644)
    for command in (["sync"], ["run"]):
        code, _, err = _run(["--config", str(config), *command], capsys)
        assert code == 2 and f"chmod 600 {home / 'secret'}" in err, err


def test_an_unknown_backend_stops_start_up_naming_the_choices(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = home / "focusd.toml"
    config.write_text(config.read_text().replace('backend = "maildir"', 'backend = "pop3"'))
    for command in (["sync"], ["run"]):
        code, _, err = _run(["--config", str(config), *command], capsys)
        assert code == 2 and "mail.backend: 'pop3' is not one of imap, maildir" in err, err



@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root, as a server's admin is")
def test_root_does_not_write_into_the_service_users_state_folder(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Following init's hints as root once left a root-owned database the service could not write.
    Now root is stopped before anything is created, with the command to run instead."""
    nobody = pwd.getpwnam("nobody")
    state = home / "state"
    state.mkdir()
    os.chown(state, nobody.pw_uid, nobody.pw_gid)
    config = home / "focusd.toml"
    config.write_text(config.read_text().replace('path = "focusd.db"', 'path = "state/focusd.db"'))
    code, _, err = _run(["--config", str(config), "doctor"], capsys)
    assert code == 2
    assert f"its state folder {state} belongs to nobody; run it as that user (sudo -u nobody focusd ...)" in err
    assert not (state / "focusd.db").exists()
    code, _, err = _run(["--config", str(config), "sync"], capsys)
    assert code == 2 and "sudo -u nobody" in err and not (state / "focusd.db").exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to act as two users")
def test_a_store_of_another_user_names_the_owner_and_the_chown() -> None:
    """The service user, finding the database a root command created, is told whose it is and the fix."""
    from agent.settings import _writable_file

    folder = Path(tempfile.mkdtemp(prefix="focusd-owner-"))
    try:
        folder.chmod(0o777)
        db = folder / "focusd.db"
        db.write_bytes(b"")
        db.chmod(0o644)  # root's, readable by the service user but not writable
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the service user's view
            os.close(read)
            os.setuid(pwd.getpwnam("nobody").pw_uid)
            os.write(write, (_writable_file(db) or "").encode())
            os._exit(0)
        os.close(write)
        said = os.read(read, 4096).decode()
        os.waitpid(child, 0)
        assert said == f"{db} is not writable: it belongs to root, and focusd runs as nobody (chown -R nobody {db})"
    finally:
        shutil.rmtree(folder)


def test_a_clock_behind_the_store_fails_unless_focusd_now_pins_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from agent import checks
    from agent.settings import from_mapping

    settings = from_mapping({"owner": {"name": "Ada", "email": "ada@example.com"}}, Path("/tmp"), check_files=False)
    now = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)
    written = now.timestamp() + 3 * 86400  # the store was written three days "later"
    monkeypatch.delenv("FOCUSD_NOW", raising=False)
    status, _, detail = checks.clock(settings, now, written)
    assert status == "FAIL" and "set the system clock" in detail
    monkeypatch.setenv("FOCUSD_NOW", now.isoformat())
    status, _, detail = checks.clock(settings, now, written)
    assert status == "ok" and detail.endswith("pinned by FOCUSD_NOW")
