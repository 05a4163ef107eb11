"""Doctor's host checks (store and secret permissions, the clock, the store's soundness) and the
bad input that stops start-up with a sentence saying how to fix it."""

from __future__ import annotations

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


def test_doctor_prints_permissions_and_the_clock(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--config", str(home / "focusd.toml"), "doctor"], capsys)
    lines = {line.split()[1]: line for line in out.splitlines()}
    assert code == 0, out
    assert lines["storage"].startswith("ok") and "quick_check ok" in lines["storage"]
    assert lines["perms"].startswith("ok") and "0600" in lines["perms"]
    assert lines["clock"].startswith("ok") and "Europe/London (UTC+00:00)" in lines["clock"]


def test_a_store_others_can_read_fails_doctor_with_the_fix(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(["--config", str(home / "focusd.toml"), "doctor"], capsys)  # creates the store
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

