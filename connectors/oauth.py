"""XOAUTH2 logins for IMAP and SMTP (Gmail and Microsoft 365 need them).

An access token comes either ready from a secret source (``oauth_token_env``, ``_file`` or
``_command``), or is minted here from a refresh token and a client id at the provider's token
endpoint. A minted token is cached in a file private to its owner (0600 from its first byte)
and minted again a few minutes before it expires, or at once when a server refuses it. A
refresh token the endpoint rotates is kept in that file too, for as long as the configured
one stays the same. Every failure is one :class:`OAuthError` sentence that says what to fix;
no message or log line ever holds a token.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import structlog
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from connectors import BackendEnv
from connectors.errors import ConnectorError

log = structlog.get_logger(__name__)

TOKEN_URLS = {
    "google": "https://oauth2.googleapis.com/token",
    "microsoft": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
}
# Microsoft's endpoint wants the scopes again on every refresh; Google keeps those of the consent.
DEFAULT_SCOPES = {
    "google": "",
    "microsoft": "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send "
                 "offline_access",
}
REFRESH_MARGIN = 300.0  # seconds before expiry at which a new token is minted
DEFAULT_LIFETIME = 3600.0  # when the endpoint does not say how long a token lives
HTTP_TIMEOUT = 30.0


class OAuthError(ConnectorError):
    """An access token could not be had, or a server refused it; the text says what to fix."""


def xoauth2_string(user: str, token: str) -> str:
    """The XOAUTH2 SASL initial response, before base64: ``user=U^Aauth=Bearer T^A^A``."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


class TokenSource(Protocol):
    """Where access tokens come from."""

    section: str

    def access_token(self) -> str:
        """A token that should be valid now."""

    def renew(self) -> bool:
        """Forget the current token after a server refused it; True when a new one can be tried."""

    def refused(self) -> str:
        """What to fix when a server refuses this source's token (the end of a sentence)."""


class ReadyToken:
    """An access token kept up to date by something else, read from a secret source at each login."""

    def __init__(self, read: Callable[[], str], section: str = "mail") -> None:
        self.read, self.section = read, section

    def access_token(self) -> str:
        token = self.read().strip()
        if not token:
            raise OAuthError(f"the access token from [{self.section}].oauth_token_env, _file or _command is empty")
        return token

    def renew(self) -> bool:
        return False  # the source is not ours to refresh

    def refused(self) -> str:
        return (f"the access token from [{self.section}].oauth_token_env, _file or _command was refused; it may have "
                "expired, so make sure whatever writes it renews it")


class RefreshingToken:
    """Access tokens minted from a refresh token at ``token_url``, cached in ``cache``."""

    def __init__(self, token_url: str, client_id: str, refresh_token: Callable[[], str], cache: Path,
                 client_secret: Callable[[], str | None] | None = None, scope: str = "", section: str = "mail",
                 clock: Callable[[], float] = time.time, timeout: float = HTTP_TIMEOUT) -> None:
        self.token_url, self.client_id, self.scope = token_url, client_id, scope
        self.refresh_token, self.client_secret = refresh_token, client_secret
        self.cache, self.section, self.clock, self.timeout = Path(cache), section, clock, timeout
        self._memo: dict[str, Any] | None = None
        self._force = False

    @property
    def _host(self) -> str:
        return urllib.parse.urlsplit(self.token_url).netloc or self.token_url

    def access_token(self) -> str:
        configured = self.refresh_token().strip()
        if not configured:
            raise OAuthError(f"the refresh token from [{self.section}].oauth_refresh_token_env, _file or _command "
                             "is empty")
        # The cache belongs to one client and one configured refresh token: a new consent starts afresh.
        key = hashlib.sha256(f"{self.token_url}\n{self.client_id}\n{configured}".encode()).hexdigest()
        entry = self._memo if self._memo and self._memo.get("key") == key else self._load(key)
        if entry and not self._force and float(entry.get("expires_at", 0)) - REFRESH_MARGIN > self.clock():
            self._memo = entry
            return str(entry["access_token"])
        rotated = entry.get("refresh_token") if entry else None
        try:
            answer = self._mint(str(rotated or configured))
        except OAuthError:
            if not rotated:
                raise
            # The rotated token may have been revoked on its own; the configured one may still work.
            answer = self._mint(configured)
            rotated = None
        entry = {"key": key, "access_token": answer["access_token"],
                 "expires_at": self.clock() + answer["expires_in"]}
        if answer.get("refresh_token") or rotated:
            entry["refresh_token"] = answer.get("refresh_token") or rotated
        self._memo, self._force = entry, False
        self._store(entry)
        return str(entry["access_token"])

    def renew(self) -> bool:
        self._memo = None
        self._force = True  # the cached access token was refused: mint another, keep a rotated refresh token
        return True

    def refused(self) -> str:
        return (f"a freshly minted access token was refused: check that [{self.section}].username is the account "
                "that gave consent and that the consent included mail access")

    # -- the token endpoint -------------------------------------------------------------------

    def _mint(self, refresh_token: str) -> dict[str, Any]:
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": self.client_id}
        secret = self.client_secret() if self.client_secret else None
        if secret:
            form["client_secret"] = secret
        if self.scope:
            form["scope"] = self.scope
        request = urllib.request.Request(self.token_url, data=urllib.parse.urlencode(form).encode(),
                                         headers={"Content-Type": "application/x-www-form-urlencoded",
                                                  "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - https or a configured URL
                body = response.read(1 << 20)
        except urllib.error.HTTPError as exc:
            raise self._refusal(exc.code, exc.read(1 << 16)) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            why = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
            if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                why = "no answer in time"
            raise OAuthError(f"cannot reach the token endpoint {self._host}: {why}; check the network and "
                             f"[{self.section}].oauth_provider or oauth_token_url") from None
        return self._token(body)

    def _token(self, body: bytes) -> dict[str, Any]:
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        token = data.get("access_token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise OAuthError(f"the token endpoint {self._host} answered with no access token; check "
                             f"[{self.section}].oauth_token_url")
        lifetime = data.get("expires_in", DEFAULT_LIFETIME) if isinstance(data, dict) else DEFAULT_LIFETIME
        try:
            seconds = max(float(lifetime), 0.0)
        except (TypeError, ValueError):
            seconds = DEFAULT_LIFETIME
        rotated = data.get("refresh_token") if isinstance(data, dict) else None
        return {"access_token": token, "expires_in": seconds,
                "refresh_token": rotated if isinstance(rotated, str) and rotated else None}

    def _refusal(self, status: int, body: bytes) -> OAuthError:
        code = ""
        with contextlib.suppress(ValueError, AttributeError):
            code = str(json.loads(body).get("error", ""))
        code = code if re.fullmatch(r"[a-z_]{1,40}", code) else ""  # the endpoint's words are not repeated
        s = self.section
        log.warning("oauth.refused", section=s, status=status, error=code or None)
        if code == "invalid_grant":
            return OAuthError(f"the token endpoint {self._host} refused the refresh token (invalid_grant: it expired "
                              f"or was revoked); give consent again and store the new refresh token in "
                              f"[{s}].oauth_refresh_token_env, _file or _command")
        if code in ("invalid_client", "unauthorized_client"):
            return OAuthError(f"the token endpoint {self._host} refused the client ({code}); check "
                              f"[{s}].oauth_client_id and oauth_client_secret_env, _file or _command")
        if code == "invalid_scope":
            return OAuthError(f"the token endpoint {self._host} refused the scope; check [{s}].oauth_scope")
        if status >= 500:
            return OAuthError(f"the token endpoint {self._host} failed (HTTP {status}); it will be tried again")
        what = f"{code}, HTTP {status}" if code else f"HTTP {status}"
        return OAuthError(f"the token endpoint {self._host} refused the request ({what}); check "
                          f"[{s}].oauth_provider or oauth_token_url, oauth_client_id and the refresh token")

    # -- the cache file -----------------------------------------------------------------------

    def _load(self, key: str) -> dict[str, Any] | None:
        try:
            entry = json.loads(self.cache.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("oauth.cache_unreadable", path=str(self.cache), reason=type(exc).__name__)
            return None
        if (not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("access_token"), str)
                or not isinstance(entry.get("expires_at"), int | float)):
            return None
        return entry

    def _store(self, entry: Mapping[str, Any]) -> None:
        """Replace the cache atomically; the file is 0600 from its first byte."""
        tmp = self.cache.with_name(f".{self.cache.name}.{os.getpid()}.tmp")
        try:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(dict(entry), f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.cache)
        except OSError as exc:
            # Still usable for this run; the next one mints again.
            log.warning("oauth.cache_unwritable", path=str(self.cache), reason=exc.strerror or type(exc).__name__)
            with contextlib.suppress(OSError):
                tmp.unlink()


# -- how a backend logs in -------------------------------------------------------------------------


GOOGLE_MAIL_SCOPE = "https://mail.google.com/"


def google_token_file(path: Path, section: str) -> dict[str, Any]:
    """The client id, client secret, refresh token and token endpoint that ``focusd auth google
    --mail`` stored in ``path``; :class:`OAuthError` when they are not there, or were given for
    the calendar only."""
    again = "run `focusd auth google --mail` to sign in with mail access"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OAuthError(f"{section}: no Google token at {path}: {again}") from None
    except (OSError, ValueError) as exc:
        raise OAuthError(f"{section}: the Google token at {path} cannot be read ({type(exc).__name__}): {again}") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) and data[k]
                                             for k in ("client_id", "refresh_token")):
        raise OAuthError(f"{section}: the Google token at {path} holds no refresh token: {again}")
    if GOOGLE_MAIL_SCOPE not in (data.get("scopes") or []):
        raise OAuthError(f"{section}: the Google token at {path} allows the calendar only, not mail: {again}")
    return data


@dataclass(frozen=True)
class Auth:
    """How to log in: a password read when needed, or access tokens from ``token``."""

    password: Callable[[], str] | None = None
    token: TokenSource | None = None

    @property
    def method(self) -> str:
        return "xoauth2" if self.token is not None else "password"

    @classmethod
    def from_config(cls, name: str, section: Mapping[str, Any], env: BackendEnv) -> Auth:
        """The login of config section ``name`` (``mail`` or ``smtp``)."""
        if section.get("auth", "password") != "xoauth2":
            return cls(password=lambda: env.secret(f"{name}.password"))
        if section.get("google_token_file"):
            # One consent for calendar and mail: the client and refresh token `auth google` kept.
            path = Path(section["google_token_file"])
            data = google_token_file(path, name)
            return cls(token=RefreshingToken(
                section.get("oauth_token_url") or data.get("token_uri") or TOKEN_URLS["google"], data["client_id"],
                lambda: google_token_file(path, name)["refresh_token"], Path(section["oauth_cache"]),
                client_secret=lambda: google_token_file(path, name).get("client_secret"),
                scope=GOOGLE_MAIL_SCOPE, section=name))
        if not section.get("oauth_client_id"):
            return cls(token=ReadyToken(lambda: env.secret(f"{name}.oauth_token"), section=name))
        provider = section.get("oauth_provider") or "google"
        token_url = section.get("oauth_token_url") or TOKEN_URLS[provider]
        scope = section.get("oauth_scope") or DEFAULT_SCOPES.get(provider, "")

        # An app registered as a public client (common with Microsoft) has no secret; Google's
        # installed-app clients always have one, which the config check asks for.
        secret_name = f"{name}.oauth_client_secret"
        client_secret = (lambda: env.secret(secret_name)) if env.configured(secret_name) else None
        return cls(token=RefreshingToken(token_url, section["oauth_client_id"],
                                         lambda: env.secret(f"{name}.oauth_refresh_token"),
                                         Path(section["oauth_cache"]), client_secret=client_secret, scope=scope,
                                         section=name))


class XOAuth2:
    """The XOAUTH2 SASL exchange: the initial response, then an empty answer to the error
    challenge a server sends when it refuses the token, so that it ends the exchange with NO."""

    def __init__(self, user: str, token: str) -> None:
        self.user, self.token, self.sent = user, token, False

    def __call__(self, challenge: bytes | None = None, /) -> str:
        if self.sent:
            return ""
        self.sent = True
        return xoauth2_string(self.user, self.token)


def imap_login(client: IMAPClient, username: str, auth: Auth) -> None:
    """Log in with a password or XOAUTH2; a refused token is renewed and tried once more.

    A refused password raises imapclient's LoginError as before; every XOAUTH2 failure is an
    :class:`OAuthError`.
    """
    if auth.token is None:
        client.login(username, auth.password() if auth.password else "")
        return
    source = auth.token
    for attempt in (1, 2):
        try:
            client.sasl_login("XOAUTH2", XOAuth2(username, source.access_token()))
            return
        except LoginError:
            log.warning("oauth.login_refused", section=source.section, protocol="imap", attempt=attempt)
            if attempt == 2 or not source.renew():
                break
    raise OAuthError(f"the IMAP server refused the XOAUTH2 login for {username}: {source.refused()}")
