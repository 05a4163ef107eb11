"""Google sign-in: ``focusd auth google`` and the token file it leaves behind.

The installed-app OAuth flow (google-auth-oauthlib) runs with the client file downloaded from the
Google Cloud console (``[calendar].credentials_file``). It either listens on a loopback port for
the browser's redirect, or, on a headless server, prints the authorization URL and reads back
the code or the whole redirect URL the browser ended on. The token file is written atomically
with mode 0600 and rewritten when a refresh changes the access token. No message or log line
holds a token.
"""

from __future__ import annotations

import json
import os
import tempfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from google.auth.exceptions import GoogleAuthError as LibraryAuthError
from google.oauth2.credentials import Credentials

from connectors.errors import ConnectorError

CALENDAR_SCOPES = ("https://www.googleapis.com/auth/calendar.events",
                   "https://www.googleapis.com/auth/calendar.readonly")
MAIL_SCOPE = "https://mail.google.com/"
HEADLESS_REDIRECT = "http://localhost"  # nothing listens: the user copies the URL the browser shows
RUN_AGAIN = "run `focusd auth google` again"


class GoogleAuthError(ConnectorError):
    """Signing in to Google failed, or the stored token cannot be used."""


def scopes(mail: bool = False) -> list[str]:
    """The scopes one consent asks for; ``mail`` adds full Gmail access for IMAP and SMTP."""
    return [*CALENDAR_SCOPES, *([MAIL_SCOPE] if mail else [])]


def missing_client_file(path: Path | str) -> str:
    """Where to get the client file, in one sentence."""
    where = f"at {path}" if str(path) and not Path(path).is_dir() else "is configured"
    return (f"no Google OAuth client file {where}: in the Google Cloud console (APIs & Services > Credentials) "
            "create an OAuth client ID of type Desktop app, download its JSON and set "
            "[calendar].credentials_file to it")


def load_credentials(token_file: Path) -> Credentials:
    """The credentials ``focusd auth google`` stored; :class:`GoogleAuthError` when there are none."""
    try:
        info = json.loads(token_file.read_text(encoding="utf-8"))
        return Credentials.from_authorized_user_info(info)
    except FileNotFoundError:
        raise GoogleAuthError(f"no Google token at {token_file} yet: run `focusd auth google` to sign in "
                              "(`--headless` on a server without a browser)") from None
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise GoogleAuthError(f"the Google token at {token_file} cannot be read ({type(exc).__name__}): "
                              f"{RUN_AGAIN}") from None


def save_credentials(credentials: Credentials, token_file: Path) -> None:
    """Write the token file whole and atomically, private to its owner from its first byte."""
    token_file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".google-token-", dir=token_file.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(credentials.to_json())
        os.replace(tmp, token_file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def code_from(answer: str, state: str | None = None) -> str:
    """The authorization code in what the user pasted: the code itself, or the redirect URL."""
    answer = answer.strip()
    if not answer:
        raise GoogleAuthError("nothing was pasted: paste the code, or the whole address the browser ended on")
    if "://" not in answer and "code=" not in answer:
        return answer
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(answer).query or answer.partition("?")[2] or answer)
    if "error" in query:
        raise GoogleAuthError(f"Google refused the sign-in ({query['error'][0][:60]}): {RUN_AGAIN}")
    if state is not None and query.get("state", [state])[0] != state:
        raise GoogleAuthError("the pasted address belongs to another sign-in: open the URL printed here")
    if not query.get("code"):
        raise GoogleAuthError("the pasted address has no code: paste the address the browser ended on")
    return query["code"][0]


def authorize(credentials_file: Path | str, token_file: Path, *, mail: bool = False, headless: bool = False,
              ask: Callable[[str], str] = input, say: Callable[[str], None] = print) -> Credentials:
    """Run the consent flow and store its token in ``token_file`` (mode 0600)."""
    from google_auth_oauthlib.flow import InstalledAppFlow

    path = Path(credentials_file)
    if not str(credentials_file) or not path.is_file():
        raise GoogleAuthError(missing_client_file(credentials_file))
    try:
        if headless:
            flow = InstalledAppFlow.from_client_secrets_file(str(path), scopes(mail), redirect_uri=HEADLESS_REDIRECT)
            url, state = flow.authorization_url(access_type="offline", prompt="consent")
            say(f"Open this URL in a browser on any machine and allow access:\n\n    {url}\n\n"
                "The browser then fails to load a page on localhost; that is expected. Paste the whole address "
                "it shows (or just its code=... value) here.")
            flow.fetch_token(code=code_from(ask("Address or code: "), state))
            credentials = flow.credentials
        else:
            flow = InstalledAppFlow.from_client_secrets_file(str(path), scopes(mail))
            credentials = flow.run_local_server(open_browser=False, port=0,
                                                authorization_prompt_message="Open this URL in a browser on this "
                                                "machine and allow access:\n\n    {url}\n\n(On a server without a "
                                                "browser, stop this with Ctrl-C and run `focusd auth google "
                                                "--headless`.)\n",
                                                success_message="focusd is signed in; you can close this tab.")
    except GoogleAuthError:
        raise
    except (ValueError, KeyError) as exc:
        raise GoogleAuthError(f"the Google OAuth client file {path} is not a Desktop app client "
                              f"({type(exc).__name__}): download it again from the Google Cloud console") from None
    except Warning as exc:
        if "scope has changed" in str(exc).lower():  # oauthlib: fewer permissions granted than asked
            raise GoogleAuthError("Google granted fewer permissions than focusd asked for (a box on the consent "
                                  f"page was left unticked): {RUN_AGAIN}, and allow each permission it asks for "
                                  f"({', '.join(scopes(mail))})") from None
        raise GoogleAuthError(f"Google sign-in failed ({type(exc).__name__}): {RUN_AGAIN}") from None
    except (LibraryAuthError, OSError) as exc:
        raise GoogleAuthError(f"Google sign-in failed ({type(exc).__name__}): {RUN_AGAIN}") from None
    except Exception as exc:  # noqa: BLE001 - oauthlib's errors share no base; name the class only
        raise GoogleAuthError(f"Google sign-in failed ({type(exc).__name__}): {RUN_AGAIN}") from None
    if not credentials.refresh_token:
        raise GoogleAuthError("Google returned no refresh token: remove focusd's access at "
                              f"https://myaccount.google.com/permissions and {RUN_AGAIN}")
    save_credentials(credentials, token_file)
    return credentials
