"""What a new IMAP user sees when something is wrong: each error one sentence that says what to
fix, `sync` never printing a summary for mail it could not read, ignored replies and unsent
confirmations said at normal verbosity, and `status` showing manual syncs."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from imapclient import IMAPClient

from connectors import net
from tests.conftest import DEMO_NOW, run_cli
from tests.servers import Dovecot, free_port

OWNER = "ada@loom.example"


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    with IMAPClient("127.0.0.1", server.port, ssl=False) as c:
        c.login(server.user, server.password)
        c.create_folder("Sent")
        for n in range(30):
            c.append("INBOX", (f"From: Maria <maria@fund.example>\nTo: {OWNER}\nSubject: Deck {n}\n"
                               f"Date: Wed, 18 Nov 2026 09:{n:02d}:00 +0000\nMessage-ID: <deck{n}@fund.example>\n\n"
                               f"Could you send me the deck number {n} by Friday?\n").encode())
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSD_TEST_IMAP", "secret")
    monkeypatch.setenv("FOCUSD_NOW", DEMO_NOW.isoformat())
    monkeypatch.setattr("connectors.mail.imap.BACKOFF", 0.01)  # the retries, not their waits, are tested


def _config(demo_dir: Path, mail: str | None = None, smtp: str | None = None, calendar: bool = True) -> str:
    config = demo_dir / "focusd.toml"
    text = config.read_text()
    if mail is not None:
        text = text.replace('[mail]\nbackend = "maildir"\npath = "mail"', f'[mail]\nbackend = "imap"\n{mail}')
    if smtp is not None:
        text = text.replace('[smtp]\nbackend = "file"\npath = "outbox"', f'[smtp]\nbackend = "smtp"\n{smtp}')
    if not calendar:
        text = text.replace('[calendar]\nbackend = "ics"\npaths = ["calendar.ics"]\n', "")
    config.write_text(text)
    return str(config)


def _imap(port: int, host: str = "127.0.0.1", security: str = "none", secret: str = 'password_env = "FOCUSD_TEST_IMAP"') -> str:
    return f'host = "{host}"\nport = {port}\nsecurity = "{security}"\nusername = "ada"\n{secret}\nfolders = ["INBOX"]'


def _smtp(port: int, security: str = "none") -> str:
    return f'host = "127.0.0.1"\nport = {port}\nsecurity = "{security}"'


def _doctor_line(out: str, check: str) -> str:
    return next(line for line in out.splitlines() if line[5:].startswith(check))


# -- 1. connection errors: what to fix --------------------------------------------------------

@pytest.mark.parametrize(("exc", "wanted"), [
    (ConnectionRefusedError(111, "Connection refused"), ["server is running", "[mail].port is right", "993 for ssl"]),
    (socket.gaierror(-2, "Name or service not known"), ["host name imap.x.invalid is not known", "[mail].host", "DNS"]),
    (socket.gaierror(-3, "Temporary failure in name resolution"), ["is not known", "DNS"]),
    (OSError(113, "No route to host"), ["No route to host", "network", "[mail].host"]),
    (OSError(104, "Connection reset by peer"), ["Connection reset by peer", "[mail].host and port"]),
])
def test_each_connect_failure_names_what_to_check(exc: OSError, wanted: list[str]) -> None:
    line = net.unreachable("IMAP", "mail", "imap.x.invalid", 9, exc, "993 for ssl, 143 for starttls")
    assert line.startswith("cannot reach the IMAP server imap.x.invalid:9: ") and "\n" not in line
    for w in wanted:
        assert w in line


def test_a_wrong_imap_port_says_to_check_the_server_and_the_port(demo_dir: Path, relay: int,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(demo_dir, _imap(free_port()), _smtp(relay))
    code, out, err = run_cli(capsys, "--config", config, "doctor")
    line = _doctor_line(out, "mail")
    assert code == 1 and line.startswith("FAIL")
    assert "server is running" in line and "[mail].port" in line and "143 for starttls" in line


def test_an_unknown_host_says_to_check_the_host_and_dns(demo_dir: Path, relay: int,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(demo_dir, _imap(993, host="imap.tidewater.invalid", security="ssl"), _smtp(relay))
    code, out, err = run_cli(capsys, "--config", config, "doctor")
    line = _doctor_line(out, "mail")
    assert code == 1 and "imap.tidewater.invalid is not known" in line and "[mail].host" in line


def test_starttls_against_a_server_without_it_says_so_and_is_not_retried(
        dovecot: Dovecot, relay: int, demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Both test servers offer no STARTTLS (Dovecot runs with ssl = no, aiosmtpd without a context).
    config = _config(demo_dir, _imap(dovecot.port, security="starttls"), _smtp(relay, "starttls"))
    code, out, err = run_cli(capsys, "--config", config, "doctor")
    for check, ssl_port in (("mail", 993), ("smtp", 465)):
        line = _doctor_line(out, check)
        assert line.startswith("FAIL") and "does not offer STARTTLS" in line, line
        assert f'security = "ssl" (usually port {ssl_port})' in line and "cannot reach" not in line
        assert "on this machine" in line
    code, out, err = run_cli(capsys, "--config", config, "sync")
    assert code == 1 and "does not offer STARTTLS" in err and "tried" not in err  # retrying cannot help


def test_starttls_that_is_offered_is_not_refused(dovecot: Dovecot, relay: int, demo_dir: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # security = "none" on loopback still logs in: the STARTTLS check is only for starttls.
    config = _config(demo_dir, _imap(dovecot.port), _smtp(relay))
    code, out, err = run_cli(capsys, "--config", config, "doctor")
    assert _doctor_line(out, "mail").startswith("ok ") and _doctor_line(out, "smtp").startswith("ok ")


@pytest.mark.parametrize("key", ["password_file", "api_key_file"])
def test_a_missing_secret_file_says_how_to_create_it_or_use_another_source(
        key: str, demo_dir: Path, dovecot: Dovecot, capsys: pytest.CaptureFixture[str]) -> None:
    missing = demo_dir / "secrets" / "imap-password"
    if key == "password_file":
        config = _config(demo_dir, _imap(dovecot.port, secret=f'password_file = "{missing}"'))
    else:
        config = _config(demo_dir)
        Path(config).write_text(Path(config).read_text().replace(
            '[llm]\nprovider = "none"', f'[llm]\nprovider = "openai"\nmodel = "m"\napi_key_file = "{missing}"'))
    code, out, err = run_cli(capsys, "--config", config, "sync")
    assert code == 2 and "No such file or directory" in err
    assert f"chmod 600 {missing}" in err and "_env" in err


# -- 2, 3. a failed mail read prints no empty summary, and names every folder -----------------

@pytest.mark.parametrize("broken", ["password", "port"])
def test_a_sync_that_could_not_read_mail_prints_no_summary(broken: str, dovecot: Dovecot, demo_dir: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    if broken == "password":
        monkeypatch.setenv("FOCUSD_TEST_IMAP", "wrong")
    config = _config(demo_dir, _imap(free_port() if broken == "port" else dovecot.port))
    code, out, err = run_cli(capsys, "--config", config, "sync")
    assert code == 1 and out == "" and "0 messages" not in err
    assert "INBOX" in err and "next sync resumes" in err


def test_a_refused_login_is_one_line_for_every_folder_it_stopped(dovecot: Dovecot, demo_dir: Path,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """INBOX and Sent fail alike on a wrong password: one thing to fix, said once, with no hint
    that waiting would heal it."""
    monkeypatch.setenv("FOCUSD_TEST_IMAP", "wrong")
    code, out, err = run_cli(capsys, "--config", _config(demo_dir, _imap(dovecot.port)), "sync")
    assert code == 1 and out == ""
    refused = [line for line in err.splitlines() if "refused the login" in line]
    assert len(refused) == 1 and refused[0].startswith("focusd: mail folders INBOX, Sent: "), err
    assert "once they can be read, the next sync resumes" in err


@pytest.mark.parametrize("limit", [10, 100])  # INBOX in several batches; in one, its mail held back for Sent
def test_a_server_lost_mid_sync_names_each_folder_and_the_next_sync_reads_all(
        dovecot: Dovecot, demo_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    from connectors.mail.base import SourceUnreachable
    from connectors.mail.imap import ImapSource

    config = _config(demo_dir, _imap(dovecot.port))
    real = ImapSource.fetch_new

    def sent_unreachable(self: ImapSource, folder: str, *args: object, **kw: object) -> object:
        if folder == "Sent":
            raise SourceUnreachable("cannot reach the IMAP server: gone; tried 4 times")
        return real(self, folder, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(ImapSource, "fetch_new", sent_unreachable)
    monkeypatch.setattr("agent.cycle.FETCH_LIMIT", limit)
    code, out, err = run_cli(capsys, "--config", config, "sync")
    assert code == 1 and out == ""
    named = re.search(r"mail folders (.*) not read in full", err)
    assert named and set(named.group(1).split(", ")) == {"INBOX", "Sent"}, err
    fetched = min(limit, 30)
    assert "nothing is lost" in err and f"{fetched} messages fetched before the failure were not stored" in err
    monkeypatch.setattr(ImapSource, "fetch_new", real)
    code, out, err = run_cli(capsys, "--config", config, "sync")
    assert code == 0 and out.startswith("30 messages"), out + err


# -- 4, 5. replies ignored, and confirmations not sent, said without -v -----------------------

def _send_brief(capsys: pytest.CaptureFixture[str], config: str, demo_dir: Path) -> str:
    from email import message_from_bytes

    assert run_cli(capsys, "--config", config, "sync")[0] == 0
    assert run_cli(capsys, "--config", config, "brief", "--send")[0] == 0
    (sent,) = sorted((demo_dir / "outbox").glob("*.eml"))
    return str(message_from_bytes(sent.read_bytes())["Message-ID"])


def _reply(demo_dir: Path, name: str, body: str, brief_id: str, sender: str = OWNER, extra: str = "") -> None:
    raw = (f"From: Someone <{sender}>\nTo: {OWNER}\nSubject: Re: your focus\n"
           f"Date: Thu, 19 Nov 2026 08:05:00 +0000\nMessage-ID: <{name}@loom.example>\n"
           f"In-Reply-To: {brief_id}\nReferences: {brief_id}\n{extra}"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}")
    (demo_dir / "mail" / "new" / f"1763540000.{name}.host").write_text(raw)


@pytest.mark.parametrize(("sender", "extra", "reason"), [
    ("mallory@elsewhere.example", "", "not from the owner"),
    (OWNER, "Authentication-Results: mx.loom.example; dkim=fail header.d=loom.example\n", "authentication failed"),
])
def test_an_ignored_reply_is_said_with_its_reason_but_never_its_text(
        sender: str, extra: str, reason: str, demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(demo_dir)
    brief_id = _send_brief(capsys, config, demo_dir)
    _reply(demo_dir, "r1", "drop 1\nSECRET-BODY-WORDS\n", brief_id, sender, extra)
    code, out, err = run_cli(capsys, "--config", config, "sync")
    assert code == 0 and "1 brief reply ignored (" in out and reason in out, out
    assert "SECRET-BODY-WORDS" not in out + err


def test_an_obeyed_reply_is_not_called_ignored(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(demo_dir)
    brief_id = _send_brief(capsys, config, demo_dir)
    _reply(demo_dir, "r2", "done 1\n", brief_id)
    code, out, err = run_cli(capsys, "--config", config, "sync")
    assert code == 0 and "brief repl" in out and "ignored" not in out, out


def test_a_confirmation_that_could_not_be_sent_is_said_with_its_next_try(
        demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(demo_dir)
    brief_id = _send_brief(capsys, config, demo_dir)
    _config(demo_dir, smtp=_smtp(free_port()))  # the SMTP server is down from here on
    _reply(demo_dir, "r3", "done 1\n", brief_id)
    code, out, err = run_cli(capsys, "--config", config, "sync")
    assert code == 1 and "the confirmation could not be sent: cannot reach the SMTP server" in err, err
    assert re.search(r"queued in the outbox; the next try is at \d\d:\d\d on Thu 19 Nov", err), err
    code, out, err = run_cli(capsys, "--config", config, "status")
    assert re.search(r"unsent: +confirmation .*; next try Thu 19 Nov \d\d:\d\d", out), out


# -- 6. status shows manual syncs; 8. no calendar ---------------------------------------------

def test_status_shows_the_last_manual_sync_and_its_failure(demo_dir: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(demo_dir)
    code, out, err = run_cli(capsys, "--config", config, "status")
    assert "last cycle: none recorded yet" in out
    assert run_cli(capsys, "--config", config, "sync")[0] == 0
    code, out, err = run_cli(capsys, "--config", config, "status")
    assert re.search(r"last cycle: .* by `focusd sync`, ok, [\d.]+ s: \d+ messages", out), out

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("mail text that must not show")

    monkeypatch.setattr("agent.cycle.rerank", broken)
    assert run_cli(capsys, "--config", config, "sync")[0] == 1
    code, out, err = run_cli(capsys, "--config", config, "status")
    assert "by `focusd sync`, failed after" in out and "failed: RuntimeError" in out
    assert "must not show" not in out


def test_status_counts_use_one_format(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from agent import status as status_mod
    from agent.app import App
    from agent.clock import fixed
    from agent.settings import load

    app = App(load(Path(_config(demo_dir))), fixed(DEMO_NOW))
    try:
        data = status_mod.gather(app)
        data["counts"] = {"messages": 3430, "open_items": 3414, "open_by_kind": {"ask": 2001, "waiting": 1413}}
        data["failed_messages"] = 1200
        text = status_mod.render(app, data)
    finally:
        app.close()
    assert "3,430 messages, 3,414 open items (2,001 ask, 1,413 waiting), 1,200 messages that failed" in text


def test_no_calendar_is_said_as_such(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--config", _config(demo_dir, calendar=False), "sync")
    assert code == 0 and out.rstrip().endswith("; no calendar configured") and "calendar event" not in out


def test_a_configured_calendar_still_counts_its_events(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--config", _config(demo_dir), "sync")
    assert code == 0 and re.search(r"; \d+ calendar events from yesterday to two weeks ahead$", out.rstrip()), out


# -- 7. init for an IMAP user, and one password variable --------------------------------------

def _init(capsys: pytest.CaptureFixture[str], config: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--config", str(config), "init", "--name", "Ada Lovelace", "--timezone", "Europe/London",
                   *args)


@pytest.mark.parametrize(("args", "host", "port", "security", "user"), [
    (["--email", "ada@fastmail.com", "--imap", "imap.fastmail.com"], "imap.fastmail.com", 993, "ssl",
     "ada@fastmail.com"),
    (["--email", "ada@example.org", "--imap", "mail.example.org", "--imap-user", "ada"], "mail.example.org", 993,
     "ssl", "ada"),
    # a self-hosted server: its port, starttls on 143, or plain text on this machine only
    (["--email", "ada@example.org", "--imap", "mail.example.org:143"], "mail.example.org", 143, "starttls",
     "ada@example.org"),
    (["--email", "ada@example.org", "--imap", "127.0.0.1:1143", "--imap-security", "none", "--imap-user", "ada"],
     "127.0.0.1", 1143, "none", "ada"),
])
def test_init_writes_an_imap_config_that_loads(args: list[str], host: str, port: int, security: str, user: str,
                                               tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    from agent.cli import MAIL_PASSWORD_ENV
    from agent.settings import load

    config = tmp_path / "focusd.toml"
    code, out, err = _init(capsys, config, *args)
    assert code == 0, err
    mail = tomllib.loads(config.read_text())["mail"]
    assert mail == {"backend": "imap", "host": host, "port": port, "security": security, "username": user,
                    "password_env": MAIL_PASSWORD_ENV}
    assert "Maildir" not in err and "mkdir" not in err and f"${MAIL_PASSWORD_ENV}" in err
    monkeypatch.setenv(MAIL_PASSWORD_ENV, "app-password")
    settings = load(config)
    assert (settings["mail"]["host"], settings["mail"]["port"], settings["mail"]["security"]) == (host, port, security)


def test_init_refuses_plain_text_imap_off_this_machine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "focusd.toml"
    code, out, err = _init(capsys, config, "--email", "ada@x.org", "--imap", "imap.x.org:143", "--imap-security", "none")
    assert code == 2 and "allowed only for a server on this machine" in err and not config.exists()


def test_init_refuses_imap_mixed_with_a_maildir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "focusd.toml"
    code, out, err = _init(capsys, config, "--email", "ada@x.org", "--imap", "imap.x.org", "--mail-path", "m")
    assert code == 2 and "--imap" in err and not config.exists()
    code, out, err = _init(capsys, config, "--email", "ada@x.org", "--imap-user", "ada")
    assert code == 2 and "--imap-user needs --imap" in err and not config.exists()
    code, out, err = _init(capsys, config, "--email", "ada@x.org", "--imap-security", "starttls")
    assert code == 2 and "--imap-security needs --imap" in err and not config.exists()


def test_the_maildir_note_says_how_to_switch_to_imap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import tomllib

    config = tmp_path / "focusd.toml"
    code, out, err = _init(capsys, config, "--email", "ada@x.org", "--mail-path", str(tmp_path / "Maildir"))
    assert code == 0 and "does not exist yet; create it with: mkdir" in err and "--imap HOST" in err
    assert tomllib.loads(config.read_text())["mail"]["backend"] == "maildir"  # still the default


def test_every_readme_mail_example_names_the_same_password_variable() -> None:
    from agent.cli import MAIL_PASSWORD_ENV

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    names = set()
    for block in re.findall(r"```toml\n(.*?)```", readme, re.S):
        mail = re.search(r"\[mail\]\n(.*?)(?:\n\[|\Z)", block, re.S)
        if mail:
            names.update(re.findall(r'password_env = "([^"]+)"', mail.group(1)))
    assert names == {MAIL_PASSWORD_ENV}
    assert "--imap imap.fastmail.com" in readme
