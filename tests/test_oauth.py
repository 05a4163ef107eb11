"""XOAUTH2 against real servers on loopback: a token endpoint that also answers Dovecot's token
introspection, Dovecot with an ``oauth2`` passdb, and aiosmtpd with an XOAUTH2 handler."""

from __future__ import annotations

import base64
import json
import os
import signal
import stat
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult
from imapclient import IMAPClient
from structlog.testing import capture_logs

from connectors import BackendEnv
from connectors.oauth import (
    Auth,
    OAuthError,
    ReadyToken,
    RefreshingToken,
    imap_login,
    xoauth2_string,
)
from connectors.send.base import SendError
from connectors.send.smtp import SmtpSender
from connectors.types import OutgoingMail
from tests.servers import Dovecot, free_port


class Provider:
    """An OAuth2 provider on loopback: ``/token`` mints access tokens from a refresh token,
    ``/introspect`` tells Dovecot whether an access token is live and whose it is."""

    def __init__(self, user: str = "ada", rotate: bool = False) -> None:
        self.user, self.rotate = user, rotate
        self.refresh_tokens = {"rt-good"}
        self.live: set[str] = set()
        self.minted: list[str] = []
        self.used: list[str] = []  # the refresh token of each grant
        self.garbage = False
        self.lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
                form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                status, body = provider.answer(self.path, {k: v[0] for k, v in form.items()})
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def answer(self, path: str, form: dict[str, str]) -> tuple[int, bytes]:
        with self.lock:
            if path == "/introspect":
                active = form.get("token") in self.live
                return 200, json.dumps({"active": active, "username": self.user} if active else {"active": False}).encode()
            if self.garbage:
                return 200, b"<html>sign in</html>"
            if form.get("client_id") != "focusd-test" or form.get("client_secret") != "cs":
                return 401, b'{"error": "invalid_client"}'
            rt = form.get("refresh_token", "")
            if form.get("grant_type") != "refresh_token" or rt not in self.refresh_tokens:
                return 400, b'{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}'
            self.used.append(rt)
            token = f"at-{len(self.minted) + 1}-{os.urandom(4).hex()}"
            self.minted.append(token)
            self.live.add(token)
            answer: dict[str, Any] = {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}
            if self.rotate:
                answer["refresh_token"] = new = f"rt-rotated-{len(self.minted)}"
                self.refresh_tokens.add(new)
            return 200, json.dumps(answer).encode()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def provider() -> Iterator[Provider]:
    p = Provider()
    yield p
    p.stop()


def _source(provider: Provider, tmp_path: Path, clock: Clock | None = None, refresh: str = "rt-good",
            url: str = "") -> RefreshingToken:
    return RefreshingToken(url or f"{provider.url}/token", "focusd-test", lambda: refresh, tmp_path / "state" / "oauth.json",
                           client_secret=lambda: "cs", clock=clock or Clock(), timeout=5)


# -- the token source -------------------------------------------------------------------------------


def test_the_sasl_string_is_xoauth2() -> None:
    assert xoauth2_string("ada@example.com", "ya29.x") == "user=ada@example.com\x01auth=Bearer ya29.x\x01\x01"


def test_a_minted_token_is_cached_0600_and_reused_until_near_expiry(provider: Provider, tmp_path: Path) -> None:
    clock = Clock()
    with capture_logs() as logs:
        first = _source(provider, tmp_path, clock).access_token()
        cache = tmp_path / "state" / "oauth.json"
        assert stat.S_IMODE(cache.stat().st_mode) == 0o600
        # Another process (a new source) reads the cache instead of minting again.
        assert _source(provider, tmp_path, clock).access_token() == first
        clock.now += 3599 - 600
        assert _source(provider, tmp_path, clock).access_token() == first
        clock.now += 400  # inside the last five minutes: a new one
        second = _source(provider, tmp_path, clock).access_token()
    assert second != first and provider.minted == [first, second]
    assert first not in repr(logs) and "rt-good" not in repr(logs)


def test_a_new_refresh_token_starts_a_new_cache(provider: Provider, tmp_path: Path) -> None:
    provider.refresh_tokens.add("rt-other")
    first = _source(provider, tmp_path).access_token()
    assert _source(provider, tmp_path, refresh="rt-other").access_token() != first
    assert provider.used == ["rt-good", "rt-other"]


def test_a_rotated_refresh_token_is_kept_and_used(tmp_path: Path) -> None:
    provider = Provider(rotate=True)
    try:
        clock = Clock()
        _source(provider, tmp_path, clock).access_token()
        clock.now += 3600
        _source(provider, tmp_path, clock).access_token()
        assert provider.used == ["rt-good", "rt-rotated-1"]
        provider.refresh_tokens.discard("rt-rotated-2")  # the rotated one revoked: fall back to the configured one
        clock.now += 3600
        _source(provider, tmp_path, clock).access_token()
        assert provider.used[-1] == "rt-good"
    finally:
        provider.stop()


def test_a_revoked_refresh_token_is_one_sentence(provider: Provider, tmp_path: Path) -> None:
    with pytest.raises(OAuthError) as info:
        _source(provider, tmp_path, refresh="rt-revoked").access_token()
    text = str(info.value)
    assert text == (f"the token endpoint {provider.url[7:]} refused the refresh token (invalid_grant: it expired or was "
                    "revoked); give consent again and store the new refresh token in [mail].oauth_refresh_token_env, "
                    "_file or _command")
    assert "rt-revoked" not in text


def test_a_wrong_client_secret_names_the_client_keys(provider: Provider, tmp_path: Path) -> None:
    source = RefreshingToken(f"{provider.url}/token", "focusd-test", lambda: "rt-good", tmp_path / "c.json",
                             client_secret=lambda: "wrong", section="smtp")
    with pytest.raises(OAuthError, match=r"refused the client \(invalid_client\); check \[smtp\].oauth_client_id"):
        source.access_token()


def test_garbage_from_the_endpoint_is_one_sentence(provider: Provider, tmp_path: Path) -> None:
    provider.garbage = True
    with pytest.raises(OAuthError, match=r"answered with no access token; check \[mail\].oauth_token_url$"):
        _source(provider, tmp_path).access_token()


def test_an_unreachable_endpoint_is_one_sentence(tmp_path: Path, provider: Provider) -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(OAuthError, match=rf"cannot reach the token endpoint 127.0.0.1:{port}: .*refused; check the network"):
        _source(provider, tmp_path, url=f"http://127.0.0.1:{port}/token").access_token()


def test_a_corrupt_cache_is_minted_over(provider: Provider, tmp_path: Path) -> None:
    cache = tmp_path / "state" / "oauth.json"
    cache.parent.mkdir()
    cache.write_text('{"key": ')
    token = _source(provider, tmp_path).access_token()
    assert json.loads(cache.read_text())["access_token"] == token


def test_auth_from_config_picks_the_login(tmp_path: Path, provider: Provider) -> None:
    secrets = {"mail.password": "pw", "mail.oauth_token": "ready", "mail.oauth_refresh_token": "rt-good",
               "mail.oauth_client_secret": "cs"}
    env = BackendEnv(tz=UTC, secret=lambda name: secrets[name], configured=lambda name: name in secrets)
    assert Auth.from_config("mail", {"auth": "password"}, env).method == "password"
    ready = Auth.from_config("mail", {"auth": "xoauth2", "oauth_client_id": ""}, env).token
    assert isinstance(ready, ReadyToken) and ready.access_token() == "ready"
    minted = Auth.from_config("mail", {"auth": "xoauth2", "oauth_client_id": "focusd-test", "oauth_provider": "google",
                                       "oauth_token_url": f"{provider.url}/token", "oauth_scope": "",
                                       "oauth_cache": tmp_path / "c.json"}, env).token
    assert isinstance(minted, RefreshingToken) and minted.access_token() == provider.minted[0]
    ms = Auth.from_config("mail", {"auth": "xoauth2", "oauth_client_id": "x", "oauth_provider": "microsoft",
                                   "oauth_token_url": "", "oauth_scope": "", "oauth_cache": tmp_path / "m.json"}, env).token
    assert isinstance(ms, RefreshingToken) and ms.client_secret is not None  # configured, so sent
    public = BackendEnv(tz=UTC, secret=lambda name: secrets[name],
                        configured=lambda name: name in secrets and name != "mail.oauth_client_secret")
    app = Auth.from_config("mail", {"auth": "xoauth2", "oauth_client_id": "x", "oauth_provider": "microsoft",
                                    "oauth_token_url": "", "oauth_scope": "", "oauth_cache": tmp_path / "p.json"},
                           public).token
    assert isinstance(app, RefreshingToken) and app.client_secret is None  # a public client sends none
    assert ms.token_url == "https://login.microsoftonline.com/common/oauth2/v2.0/token" and "IMAP" in ms.scope


# -- IMAP: Dovecot with an oauth2 passdb ---------------------------------------------------------------


class OAuthDovecot(Dovecot):
    """The test Dovecot, restarted with an ``oauth2`` passdb that asks ``introspection_url``."""

    def __init__(self, introspection_url: str) -> None:
        super().__init__()
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        (self.dir / "oauth2.conf.ext").write_text(f"""introspection_mode = post
introspection_url = {introspection_url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
""")
        conf = self.conf.read_text()
        conf = conf.replace("auth_mechanisms = plain login", "auth_mechanisms = plain login xoauth2 oauthbearer")
        conf = conf.replace("  driver = passwd-file\n  args = scheme=PLAIN",
                            "  driver = passwd-file\n  mechanisms = plain login\n  args = scheme=PLAIN")
        conf += f"""passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {self.dir}/oauth2.conf.ext
}}
"""
        self.conf.write_text(conf)
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", str(self.conf)], start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_ready()


@pytest.fixture
def dovecot(provider: Provider) -> Iterator[OAuthDovecot]:
    server = OAuthDovecot(f"{provider.url}/introspect")
    yield server
    server.stop()


def _imap(server: Dovecot) -> IMAPClient:
    return IMAPClient("127.0.0.1", server.port, ssl=False, timeout=10)


def test_imap_logs_in_with_a_minted_token(dovecot: OAuthDovecot, provider: Provider, tmp_path: Path) -> None:
    client = _imap(dovecot)
    try:
        imap_login(client, "ada", Auth(token=_source(provider, tmp_path)))
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0
    finally:
        client.logout()


def test_imap_an_expired_token_is_refreshed(dovecot: OAuthDovecot, provider: Provider, tmp_path: Path) -> None:
    clock = Clock()
    source = _source(provider, tmp_path, clock)
    client = _imap(dovecot)
    imap_login(client, "ada", Auth(token=source))
    client.logout()
    provider.live.clear()  # every token issued so far has expired at the provider
    clock.now += 3600
    client = _imap(dovecot)
    try:
        imap_login(client, "ada", Auth(token=source))
        assert client.select_folder("INBOX", readonly=True)
    finally:
        client.logout()
    assert len(provider.minted) == 2


def test_imap_a_refused_token_is_minted_again_once(dovecot: OAuthDovecot, provider: Provider, tmp_path: Path) -> None:
    _source(provider, tmp_path).access_token()
    provider.live.clear()  # revoked before its time: the cache still holds it
    client = _imap(dovecot)
    try:
        imap_login(client, "ada", Auth(token=_source(provider, tmp_path)))
        assert client.select_folder("INBOX", readonly=True)
    finally:
        client.logout()
    assert len(provider.minted) == 2


def test_imap_a_revoked_refresh_token_is_one_sentence(dovecot: OAuthDovecot, provider: Provider, tmp_path: Path) -> None:
    clock = Clock()
    source = _source(provider, tmp_path, clock)
    source.access_token()
    provider.refresh_tokens.clear()
    provider.live.clear()
    clock.now += 3600
    client = _imap(dovecot)
    try:
        with pytest.raises(OAuthError, match=r"refused the refresh token \(invalid_grant: it expired or was revoked\)"):
            imap_login(client, "ada", Auth(token=source))
    finally:
        client.shutdown()


def test_imap_a_stale_ready_token_says_what_to_fix(dovecot: OAuthDovecot) -> None:
    client = _imap(dovecot)
    try:
        with pytest.raises(OAuthError) as info:
            imap_login(client, "ada", Auth(token=ReadyToken(lambda: "at-stale")))
    finally:
        client.shutdown()
    assert str(info.value) == ("the IMAP server refused the XOAUTH2 login for ada: the access token from "
                               "[mail].oauth_token_env, _file or _command was refused; it may have expired, so make "
                               "sure whatever writes it renews it")


def test_imap_a_password_still_logs_in(dovecot: OAuthDovecot) -> None:
    client = _imap(dovecot)
    try:
        imap_login(client, "ada", Auth(password=lambda: "secret"))
        assert client.select_folder("INBOX", readonly=True)
    finally:
        client.logout()


# -- SMTP: aiosmtpd with an XOAUTH2 handler ------------------------------------------------------------


class XOAuthInbox:
    """Accepts XOAUTH2 for tokens the provider says are live, and answers a refusal the way
    Gmail does: an error challenge first, then 535."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        self.messages: list[bytes] = []
        self.logins: list[str] = []

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:  # noqa: N802 - aiosmtpd's hook name
        fields = base64.b64decode(args[1]).decode().split("\x01") if len(args) == 2 else []
        user = fields[0].removeprefix("user=") if fields else ""
        token = fields[1].removeprefix("auth=Bearer ") if len(fields) > 1 else ""
        if user == "ada" and token in self.provider.live:
            self.logins.append(token)
            return AuthResult(success=True)
        await server.challenge_auth(json.dumps({"status": "401", "schemes": "bearer"}))
        return AuthResult(success=False, handled=False)  # not handled: the server answers 535 itself

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        assert session.authenticated
        self.messages.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def submission(provider: Provider) -> Iterator[tuple[XOAuthInbox, int]]:
    inbox, port = XOAuthInbox(provider), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, auth_require_tls=False, auth_required=True)
    controller.start()
    yield inbox, port
    controller.stop()


def _brief() -> OutgoingMail:
    return OutgoingMail(sender="ada@example.com", to=["ada@example.com"], subject="Your focus for Thu 19 Nov",
                        text="Good morning, Ada.", html="<p>Good morning, Ada.</p>",
                        message_id="<focusd-brief.tok@example.com>", date=datetime(2026, 11, 19, 7, 30, tzinfo=UTC))


def test_smtp_sends_with_a_minted_token(submission: tuple[XOAuthInbox, int], provider: Provider, tmp_path: Path) -> None:
    inbox, port = submission
    sender = SmtpSender("127.0.0.1", port, security="none", username="ada", auth=Auth(token=_source(provider, tmp_path)))
    assert sender.check().endswith("as ada")
    sender.send(_brief())
    assert len(inbox.messages) == 1 and inbox.logins == [provider.minted[0]] * 2


def test_smtp_a_refused_token_is_minted_again_once(submission: tuple[XOAuthInbox, int], provider: Provider,
                                                   tmp_path: Path) -> None:
    inbox, port = submission
    _source(provider, tmp_path).access_token()
    provider.live.clear()
    sender = SmtpSender("127.0.0.1", port, security="none", username="ada", auth=Auth(token=_source(provider, tmp_path)))
    sender.send(_brief())
    assert len(inbox.messages) == 1 and inbox.logins == [provider.minted[1]]


def test_smtp_a_revoked_refresh_token_is_one_sentence(submission: tuple[XOAuthInbox, int], provider: Provider,
                                                      tmp_path: Path) -> None:
    inbox, port = submission
    sender = SmtpSender("127.0.0.1", port, security="none", username="ada",
                        auth=Auth(token=_source(provider, tmp_path, refresh="rt-revoked")))
    with pytest.raises(SendError, match=r"^the token endpoint .* refused the refresh token \(invalid_grant"):
        sender.send(_brief())
    assert inbox.messages == []


def test_smtp_a_stale_ready_token_says_what_to_fix(submission: tuple[XOAuthInbox, int]) -> None:
    inbox, port = submission
    sender = SmtpSender("127.0.0.1", port, security="none", username="ada", auth=Auth(token=ReadyToken(lambda: "old", section="smtp")))
    with pytest.raises(SendError, match=rf"^127.0.0.1:{port} refused the XOAUTH2 login for ada: the access token from "
                                        r"\[smtp\].oauth_token_env"):
        sender.send(_brief())
    assert inbox.messages == []


def test_smtp_a_server_without_xoauth2_is_one_sentence(provider: Provider, tmp_path: Path) -> None:
    port = free_port()
    controller = Controller(object(), hostname="127.0.0.1", port=port)  # a relay: no AUTH at all
    controller.start()
    try:
        sender = SmtpSender("127.0.0.1", port, security="none", username="ada",
                            auth=Auth(token=_source(provider, tmp_path)))
        with pytest.raises(SendError, match=r"does not offer XOAUTH2 logins; set \[smtp\].auth"):
            sender.check()
    finally:
        controller.stop()


def test_a_config_with_xoauth2_reads_mail_through_doctor_and_keeps_tokens_private(
        dovecot: OAuthDovecot, provider: Provider, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from agent.cli import main

    config = tmp_path / "focusd.toml"
    config.write_text(f"""[owner]
name = "Ada"
email = "ada@loom.example"
timezone = "UTC"

[mail]
backend = "imap"
host = "127.0.0.1"
port = {dovecot.port}
security = "none"
username = "ada"
auth = "xoauth2"
oauth_client_id = "focusd-test"
oauth_token_url = "{provider.url}/token"
oauth_client_secret_env = "FOCUSD_TEST_CS"
oauth_refresh_token_env = "FOCUSD_TEST_RT"
oauth_cache = "state/oauth-mail.json"
sent_folder = "INBOX"
""")
    monkeypatch.setenv("FOCUSD_TEST_CS", "cs")
    monkeypatch.setenv("FOCUSD_TEST_RT", "rt-good")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    with pytest.raises(SystemExit) as done:
        main(["--config", str(config), "doctor"])
    out = capsys.readouterr().out
    mail = next(line for line in out.splitlines() if line[5:].startswith("mail"))
    assert mail.startswith("ok ") and "imap ada@127.0.0.1" in mail, out
    cache = tmp_path / "state" / "oauth-mail.json"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600 and provider.minted
    assert provider.minted[-1] not in out  # the token is never shown
    assert done.value.code in (0, 1)  # the other checks (smtp outbox, storage) are not this test's


def test_config_says_what_an_xoauth2_login_is_missing(tmp_path: Path) -> None:
    from agent.errors import ConfigError
    from agent.settings import load

    config = tmp_path / "focusd.toml"
    config.write_text("""[owner]
email = "ada@gmail.com"
timezone = "UTC"

[mail]
backend = "imap"
host = "imap.gmail.com"
auth = "xoauth2"
oauth_client_id = "123.apps.googleusercontent.com"
""")
    with pytest.raises(ConfigError) as info:
        load(config, allow_missing=True)
    problems = "\n".join(info.value.problems)
    assert "mail.username: xoauth2 needs the account's address" in problems
    assert "mail.oauth_refresh_token_env: oauth_client_id needs a refresh token" in problems
    assert "mail.oauth_client_secret_env: Google's OAuth clients need their secret" in problems
    assert "password" not in problems  # no password is asked of an xoauth2 login


def test_one_google_consent_serves_mail_through_the_calendars_token_file(tmp_path: Path, provider: Provider) -> None:
    # What `focusd auth google --mail` writes (google.oauth2.credentials.Credentials.to_json).
    token_file = tmp_path / "google-token.json"
    info = {"token": "ya29.old", "refresh_token": "rt-good", "token_uri": f"{provider.url}/token",
            "client_id": "focusd-test", "client_secret": "cs",
            "scopes": ["https://www.googleapis.com/auth/calendar.events", "https://mail.google.com/"]}
    token_file.write_text(json.dumps(info))
    env = BackendEnv(tz=UTC, secret=lambda name: "", configured=lambda name: False)
    section = {"auth": "xoauth2", "google_token_file": token_file, "oauth_cache": tmp_path / "c.json",
               "oauth_token_url": ""}
    source = Auth.from_config("mail", section, env).token
    assert isinstance(source, RefreshingToken) and source.access_token() == provider.minted[0]
    assert provider.used == ["rt-good"]
    # A token given for the calendar alone says how to add mail.
    token_file.write_text(json.dumps(info | {"scopes": ["https://www.googleapis.com/auth/calendar.events"]}))
    with pytest.raises(OAuthError, match=r"allows the calendar only, not mail: run `focusd auth google --mail`"):
        Auth.from_config("mail", section, env)
    token_file.unlink()
    with pytest.raises(OAuthError, match="no Google token at"):
        Auth.from_config("smtp", section, env)


def test_a_config_may_name_the_google_token_file_instead_of_the_oauth_keys(tmp_path: Path) -> None:
    from agent.settings import load

    (tmp_path / "mail").mkdir()
    config = tmp_path / "focusd.toml"
    config.write_text('[owner]\nname = "Ada"\nemail = "ada@gmail.com"\n'
                      '[mail]\nbackend = "imap"\nhost = "imap.gmail.com"\nusername = "ada@gmail.com"\n'
                      'auth = "xoauth2"\ngoogle_token_file = "google-token.json"\n')
    settings = load(config)
    assert settings["mail"]["google_token_file"] == tmp_path / "google-token.json"
