"""Sends mail through an SMTP server: implicit TLS (``ssl``), ``starttls``, or ``none``, which
is accepted only for a server on this machine (a local relay).

AUTH uses the password from the configured secret source, read when a message is sent, or
XOAUTH2 with an access token (see :mod:`connectors.oauth`), and is skipped when no ``username``
is set. The connect timeout bounds reaching the server; the read
timeout bounds each exchange after that. Every failure becomes one :class:`SendError` sentence
that says what to fix, never the server's whole answer.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from typing import Any

from connectors import BackendEnv
from connectors.net import is_loopback, no_starttls, unreachable
from connectors.oauth import Auth, OAuthError, XOAuth2
from connectors.send.base import Sender, SendError

CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 60.0


class SmtpSender(Sender):
    backend_name = "smtp"

    def __init__(self, host: str, port: int, security: str = "starttls", username: str = "",
                 password: Callable[[], str] | None = None, dry_run: bool = False,
                 ssl_context: ssl.SSLContext | None = None, connect_timeout: float = CONNECT_TIMEOUT,
                 read_timeout: float = READ_TIMEOUT, auth: Auth | None = None) -> None:
        super().__init__(dry_run)
        if security not in ("ssl", "starttls", "none"):
            raise ValueError(f"unknown security {security!r}")
        if security == "none" and not is_loopback(host):
            raise SendError(f"smtp security none sends your password and briefs in clear text; it is "
                            f"allowed only for a server on this machine, not {host}")
        self.host, self.port, self.security = host, port, security
        self.username = username
        self.password = password
        self.auth = auth or Auth(password=password)
        # The system's trusted certificates, unless a caller (a test) brings its own.
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.connect_timeout, self.read_timeout = connect_timeout, read_timeout

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> SmtpSender:
        return cls(section["host"], section["port"], section["security"], section["username"],
                   dry_run=section["dry_run"], auth=Auth.from_config("smtp", section, env))

    @property
    def destination(self) -> str:
        return f"{self.host}:{self.port}"

    def check(self) -> str:
        """Connect and log in without sending anything."""
        with self._session():
            pass
        login = f" as {self.username}" if self.username else " (no login)"
        return f"smtp {self.host}:{self.port} ({self.security}){login}"

    def _send(self, msg: EmailMessage) -> None:
        with self._session() as smtp:
            try:
                refused = smtp.send_message(msg)
            except smtplib.SMTPRecipientsRefused as exc:
                said = "; ".join(f"{rcpt}: {code} {_text(answer)}" for rcpt, (code, answer) in sorted(exc.recipients.items()))
                raise SendError(f"{self.destination} refused the recipient ({said})",
                                permanent=all(code >= 500 for code, _ in exc.recipients.values())) from None
            except smtplib.SMTPSenderRefused as exc:
                raise SendError(f"{self.destination} refused the sender {exc.sender!r} ({exc.smtp_code} "
                                f"{_text(exc.smtp_error)}); set [smtp].from_address to an address this account may "
                                "send as", permanent=exc.smtp_code >= 500) from None
            except smtplib.SMTPDataError as exc:
                raise SendError(f"{self.destination} refused the message ({exc.smtp_code} {_text(exc.smtp_error)})",
                                permanent=exc.smtp_code >= 500) from None
            except (OSError, smtplib.SMTPException) as exc:
                # Broken off on the way: the server may have taken the message before it went quiet.
                raise SendError(f"the connection to {self.destination} broke while sending "
                                f"({type(exc).__name__}); it will be sent again unless it arrived",
                                maybe_sent=True) from None
            if refused:
                raise SendError(f"{self.destination} refused {', '.join(sorted(refused))}")

    def _session(self) -> _Session:
        return _Session(self)


def _login(smtp: smtplib.SMTP, where: str, username: str, auth: Auth) -> None:
    """Log in with the password, or with XOAUTH2; a refused token is renewed and tried once more."""
    if auth.token is None:
        smtp.login(username, auth.password() if auth.password else "")
        return
    offered = smtp.esmtp_features.get("auth", "").upper().split() if smtp.has_extn("auth") else []
    if "XOAUTH2" not in offered:
        raise SendError(f"{where} does not offer XOAUTH2 logins; set [smtp].auth = \"password\" or use the "
                        "provider's submission server")
    source = auth.token
    for attempt in (1, 2):
        try:
            smtp.auth("XOAUTH2", XOAuth2(username, source.access_token()), initial_response_ok=True)
            return
        except smtplib.SMTPAuthenticationError:
            if attempt == 2 or not source.renew():
                break
    raise SendError(f"{where} refused the XOAUTH2 login for {username}: {source.refused()}")


class _Session:
    """One connected, secured and logged-in SMTP session; every error is a SendError."""

    def __init__(self, sender: SmtpSender) -> None:
        self.s = sender
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> smtplib.SMTP:
        s = self.s
        where = f"{s.host}:{s.port}"
        try:
            if s.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.connect_timeout,
                                                      context=s.ssl_context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.connect_timeout)
            self.smtp = smtp
            if smtp.sock is not None:
                smtp.sock.settimeout(s.read_timeout)
            smtp.ehlo()
            if s.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise SendError(no_starttls("SMTP", "smtp", s.host, s.port, 465))
                smtp.starttls(context=s.ssl_context)
                smtp.ehlo()
            if s.username:
                _login(smtp, where, s.username, s.auth)
        except SendError:
            self._close()
            raise
        except OAuthError as exc:
            self._close()
            raise SendError(str(exc)) from None
        except smtplib.SMTPAuthenticationError:
            self._close()
            raise SendError(f"{where} refused the login for {s.username}: check the user name and the "
                            "password source ([smtp].password_env, _file or _command)") from None
        except smtplib.SMTPNotSupportedError:
            self._close()
            raise SendError(f"{where} offers no login: leave [smtp].username empty for a relay that needs "
                            "none, or use security = \"starttls\" or \"ssl\"") from None
        except ssl.SSLError as exc:
            self._close()
            raise SendError(f"{where}: the TLS handshake failed ({exc.reason or type(exc).__name__}); check "
                            "the port and [smtp].security (465 is ssl, 587 is starttls)") from None
        except TimeoutError:
            self._close()
            raise SendError(f"{where} did not answer in time; check host, port and firewall") from None
        except smtplib.SMTPServerDisconnected as exc:
            self._close()
            if "timed out" in str(exc):  # smtplib's word for a read that waited out its timeout
                raise SendError(f"{where} greeted and then did not answer in time; check host, port and "
                                "[smtp].security") from None
            raise SendError(f"{where} closed the connection before the login was done; check the port and "
                            "[smtp].security") from None
        except smtplib.SMTPException as exc:
            self._close()
            raise SendError(f"the SMTP server {where} broke off the login ({type(exc).__name__}); check "
                            "[smtp].port and security (465 is ssl, 587 is starttls)") from None
        except OSError as exc:
            self._close()
            raise SendError(unreachable("SMTP", "smtp", s.host, s.port, exc,
                                        "465 for ssl, 587 for starttls")) from None
        return smtp

    def __exit__(self, *exc: object) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._close()

    def _close(self) -> None:
        if self.smtp is not None:
            self.smtp.close()


def _text(answer: bytes | str) -> str:
    """A server's answer as one short line of text."""
    said = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)
    return " ".join(said.split())[:200]
