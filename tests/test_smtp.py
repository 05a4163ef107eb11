"""The SMTP sender against a real SMTP server (aiosmtpd) on loopback: plain for a local relay,
STARTTLS and implicit TLS with a throwaway certificate, AUTH, and each failure as one sentence."""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from connectors.send.base import SendError
from connectors.send.smtp import SmtpSender, is_loopback
from connectors.types import OutgoingMail


@dataclass
class Inbox:
    """What the server received: (envelope sender, recipients, raw bytes) per message."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"ada", b"s3cret")
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*certificate)
    return ctx


def _client_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


@pytest.fixture
def relay() -> Iterator[tuple[Inbox, int]]:
    """A local relay: no TLS, no login."""
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def submission(certificate: tuple[Path, Path]) -> Iterator[tuple[Inbox, int]]:
    """A submission server: STARTTLS required, then a login."""
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=_server_context(certificate),
                            require_starttls=True, authenticator=_authenticate, auth_require_tls=True)
    controller.start()
    yield inbox, port
    controller.stop()


def _brief() -> OutgoingMail:
    return OutgoingMail(sender="ada@example.com", to=["ada@example.com"], subject="Your focus for Thu 19 Nov",
                        text="Good morning, Ada.", html="<p>Good morning, Ada.</p>",
                        message_id="<focusd-brief.tok@example.com>", date=datetime(2026, 11, 19, 7, 30, tzinfo=UTC))


def test_a_local_relay_takes_the_brief_as_text_and_html(relay: tuple[Inbox, int]) -> None:
    inbox, port = relay
    sender = SmtpSender("127.0.0.1", port, security="none")
    assert sender.check() == f"smtp 127.0.0.1:{port} (none) (no login)"
    assert sender.send(_brief())
    ((mail_from, rcpts, raw),) = inbox.messages
    assert (mail_from, rcpts) == ("ada@example.com", ["ada@example.com"])
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Message-ID"] == "<focusd-brief.tok@example.com>" and msg["Auto-Submitted"] == "auto-generated"
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]  # type: ignore[attr-defined]


def test_starttls_and_login_deliver(submission: tuple[Inbox, int], certificate: tuple[Path, Path]) -> None:
    inbox, port = submission
    sender = SmtpSender("127.0.0.1", port, security="starttls", username="ada", password=lambda: "s3cret",
                        ssl_context=_client_context(certificate))
    assert sender.check().endswith("(starttls) as ada")
    sender.send(_brief())
    assert len(inbox.messages) == 1


def test_a_wrong_password_is_one_sentence_and_sends_nothing(submission: tuple[Inbox, int],
                                                            certificate: tuple[Path, Path]) -> None:
    inbox, port = submission
    sender = SmtpSender("127.0.0.1", port, username="ada", password=lambda: "wrong",
                        ssl_context=_client_context(certificate))
    with pytest.raises(SendError, match=r"refused the login for ada: check the user name and the password source"):
        sender.send(_brief())
    assert inbox.messages == []


def test_a_certificate_that_is_not_trusted_fails_the_handshake(submission: tuple[Inbox, int]) -> None:
    _, port = submission
    sender = SmtpSender("127.0.0.1", port, username="ada", password=lambda: "s3cret")  # the system's trust store
    with pytest.raises(SendError, match=r"the TLS handshake failed \(CERTIFICATE_VERIFY_FAILED\)"):
        sender.check()


def test_implicit_tls(certificate: tuple[Path, Path]) -> None:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=_server_context(certificate))
    controller.start()
    try:
        SmtpSender("127.0.0.1", port, security="ssl", ssl_context=_client_context(certificate)).send(_brief())
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


def test_starttls_asked_of_a_server_without_it(relay: tuple[Inbox, int]) -> None:
    _, port = relay
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        SmtpSender("127.0.0.1", port, security="starttls").check()


def test_an_unreachable_server_and_clear_text_off_this_machine() -> None:
    with pytest.raises(SendError, match=r"cannot reach the SMTP server 127\.0\.0\.1:\d+: Connection refused"):
        SmtpSender("127.0.0.1", _free_port(), security="none").check()
    with pytest.raises(SendError, match="allowed only for a server on this machine, not mail.example.com"):
        SmtpSender("mail.example.com", 25, security="none")
    assert is_loopback("localhost") and is_loopback("127.0.0.2") and is_loopback("[::1]")
    assert not is_loopback("mail.example.com") and not is_loopback("10.0.0.1")


def test_brief_send_over_smtp_end_to_end(relay: tuple[Inbox, int], demo_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from agent.cli import main
    from tests.conftest import DEMO_NOW

    inbox, port = relay
    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('[smtp]\nbackend = "file"\npath = "outbox"',
                                                 f'[smtp]\nbackend = "smtp"\nhost = "127.0.0.1"\nport = {port}\n'
                                                 'security = "none"'))
    monkeypatch.setenv("FOCUSD_NOW", DEMO_NOW.isoformat())
    for args in (["sync"], ["brief", "--send"], ["brief", "--send"]):
        with pytest.raises(SystemExit) as done:
            main(["--config", str(config), *args])
        assert done.value.code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith(f"sent at 07:30 on Thu 19 Nov to ada@loom.example via 127.0.0.1:{port}: ")
    assert out[2].startswith(f"already sent at 07:30 on Thu 19 Nov via 127.0.0.1:{port}")
    (message,) = inbox.messages  # once per date
    subject = email.message_from_bytes(message[2], policy=email.policy.default)["Subject"]
    assert subject.startswith("Focus Thu 19 Nov: Send Maria the updated deck")


def test_config_refuses_clear_text_off_this_machine_and_a_login_without_a_password(tmp_path: Path) -> None:
    from agent.errors import ConfigError
    from agent.settings import from_mapping

    raw = {"owner": {"name": "Ada", "email": "ada@example.com"},
           "smtp": {"backend": "smtp", "host": "mail.example.com", "security": "none", "username": "ada"}}
    with pytest.raises(ConfigError) as err:
        from_mapping(raw, tmp_path, check_files=False)
    assert [p.split(":")[0] for p in err.value.problems] == ["smtp.security", "smtp.password_env"]


class _Refuses(Inbox):
    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        return "550 5.1.1 <ada@example.com>: User unknown"


def test_a_recipient_refused_for_good_says_who_and_why_and_is_not_tried_again_at_once() -> None:
    inbox, port = _Refuses(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with pytest.raises(SendError) as refused:
            SmtpSender("127.0.0.1", port, "none").send(_brief())
    finally:
        controller.stop()
    assert "ada@example.com: 550 5.1.1 <ada@example.com>: User unknown" in str(refused.value)
    assert refused.value.permanent and not refused.value.maybe_sent


def test_a_server_that_greets_and_goes_silent_is_said_to_time_out() -> None:
    """It was reported as having "closed the connection before the login was done"."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]

    def greet_then_sleep() -> None:
        conn, _ = listener.accept()
        conn.sendall(b"220 mail.example ESMTP\r\n")
        threading.Event().wait(3)
        conn.close()

    threading.Thread(target=greet_then_sleep, daemon=True).start()
    sender = SmtpSender("127.0.0.1", port, "none", read_timeout=0.5)
    with pytest.raises(SendError, match="did not answer in time"):
        sender.send(_brief())
    listener.close()
