"""`doctor` and `sync` against real servers: each broken connection is one sentence that says
what to fix, and a working one lists what focusd will read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from imapclient import IMAPClient

from tests.conftest import DEMO, DEMO_NOW, run_cli
from tests.servers import Dovecot, free_port


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    with IMAPClient("127.0.0.1", server.port, ssl=False) as c:
        c.login(server.user, server.password)
        c.create_folder("Sent Items")  # found by its common name: the config says "Sent"
    yield server
    server.stop()


def _config(tmp_path: Path, imap: str, smtp: str) -> Path:
    config = tmp_path / "focusd.toml"
    config.write_text((DEMO / "focusd.toml").read_text()
                      .replace('[mail]\nbackend = "maildir"\npath = "mail"', f'[mail]\nbackend = "imap"\n{imap}')
                      .replace('[smtp]\nbackend = "file"\npath = "outbox"', f'[smtp]\nbackend = "smtp"\n{smtp}'))
    (tmp_path / "calendar.ics").write_text((DEMO / "calendar.ics").read_text())
    return config


def _imap(port: int, security: str = "none", folders: str = '["INBOX"]') -> str:
    return (f'host = "127.0.0.1"\nport = {port}\nsecurity = "{security}"\nusername = "ada"\n'
            f'password_env = "FOCUSD_TEST_IMAP"\nfolders = {folders}')


def _smtp(port: int) -> str:
    return f'host = "127.0.0.1"\nport = {port}\nsecurity = "none"'



@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSD_TEST_IMAP", "secret")
    monkeypatch.setenv("FOCUSD_NOW", DEMO_NOW.isoformat())
    monkeypatch.setattr("connectors.mail.imap.BACKOFF", 0.01)  # the retries, not their waits, are tested


def _line(out: str, check: str) -> str:
    return next(line for line in out.splitlines() if line[5:].startswith(check))


def test_doctor_logs_in_and_lists_the_folders_it_will_read(dovecot: Dovecot, relay: int, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--config", str(_config(tmp_path, _imap(dovecot.port), _smtp(relay))), "doctor")
    assert code == 0, out + err
    assert _line(out, "mail").startswith("ok ") and "INBOX, Sent = Sent Items" in _line(out, "mail")
    assert _line(out, "smtp").startswith("ok ") and f"127.0.0.1:{relay}" in _line(out, "smtp")


@pytest.mark.parametrize(("broken", "sentence"), [
    ("password", "refused the login for ada: check the user name and the password source"),
    ("port", "cannot reach the IMAP server 127.0.0.1:"),
    ("tls", "the TLS handshake failed"),
    ("folder", "folder 'Projects' does not exist on 127.0.0.1:"),
])
def test_each_broken_mail_connection_is_one_sentence_in_doctor_and_in_sync(
        broken: str, sentence: str, dovecot: Dovecot, relay: int, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port() if broken == "port" else dovecot.port
    imap = _imap(port, "ssl" if broken == "tls" else "none",
                 '["INBOX", "Projects"]' if broken == "folder" else '["INBOX"]')
    if broken == "password":
        monkeypatch.setenv("FOCUSD_TEST_IMAP", "wrong")
    config = str(_config(tmp_path, imap, _smtp(relay)))
    code, out, err = run_cli(capsys, "--config", config, "doctor")
    assert code == 1 and "Traceback" not in out + err
    line = _line(out, "mail")
    assert line.startswith("FAIL") and sentence in line and line.count("\n") == 0
    assert _line(out, "smtp").startswith("ok ")  # one broken connection does not hide the others
    code, out, err = run_cli(capsys, "--config", config, "sync", "--once")
    assert code == 1 and "Traceback" not in err and sentence in err


def test_an_unreachable_smtp_server_is_one_sentence(dovecot: Dovecot, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    dead = free_port()
    code, out, err = run_cli(capsys, "--config", str(_config(tmp_path, _imap(dovecot.port), _smtp(dead))), "doctor")
    assert code == 1 and "Traceback" not in out + err
    line = _line(out, "smtp")
    assert line.startswith("FAIL") and f"127.0.0.1:{dead}" in line
    assert _line(out, "mail").startswith("ok ")


def test_a_server_that_cannot_be_reached_is_tried_once_per_sync_not_once_per_folder(tmp_path: Path) -> None:
    import structlog

    from agent.app import App
    from agent.cycle import sync_once
    from agent.settings import load

    dead = free_port()
    config = _config(tmp_path, _imap(dead, folders='["INBOX", "Projects"]'), _smtp(free_port()))
    app = App(load(config), lambda: DEMO_NOW)
    with structlog.testing.capture_logs() as logs:
        report = sync_once(app)
    retries = [e for e in logs if e["event"] == "imap.retry"]
    assert len(retries) == 3  # one round of four tries, for the first folder only
    assert len(report.problems) == 1 and "cannot reach the IMAP server" in report.problems[0]
    assert sorted(u.split(":")[0] for u in report.unread_folders) == ["folder INBOX", "folder Projects", "folder Sent"]
