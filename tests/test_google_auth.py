"""`focusd auth google`: the real OAuth libraries against the local server's token endpoint."""

from __future__ import annotations

import io
import json
import stat
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.cli import main
from connectors.google_auth import (
    CALENDAR_SCOPES,
    MAIL_SCOPE,
    GoogleAuthError,
    authorize,
    code_from,
    load_credentials,
)
from tests.google_server import GoogleServer


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[GoogleServer]:
    # the token endpoint here is plain http on 127.0.0.1; oauthlib insists on https unless told
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    srv = GoogleServer().start()
    yield srv
    srv.stop()


def client_file(tmp_path: Path, server: GoogleServer) -> Path:
    path = tmp_path / "client.json"
    path.write_text(json.dumps({"installed": {
        "client_id": "cid.apps.googleusercontent.com", "client_secret": "secret",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": server.token_uri,
        "redirect_uris": ["http://localhost"]}}))
    return path


class Browser:
    """The user: reads the printed URL, and pastes back what the browser ended on."""

    def __init__(self, server: GoogleServer, answer: str = "redirect", code: str = "code-123",
                 scopes: tuple[str, ...] = CALENDAR_SCOPES) -> None:
        self.server, self.answer, self.code = server, answer, code
        server.codes[code] = " ".join(scopes)
        self.url = ""

    def say(self, text: str) -> None:
        self.url = next(word for word in text.split() if word.startswith("https://"))

    def ask(self, prompt: str) -> str:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.url).query)
        if self.answer == "code":
            return self.code + "\n"
        return f"http://localhost/?state={query['state'][0]}&code={self.code}&scope=x"

    def query(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.url).query)


@pytest.mark.parametrize("answer", ["redirect", "code"])
def test_headless_sign_in_writes_a_private_token(server: GoogleServer, tmp_path: Path, answer: str) -> None:
    browser = Browser(server, answer)
    token_file = tmp_path / "state" / "google-token.json"
    creds = authorize(client_file(tmp_path, server), token_file, headless=True, ask=browser.ask, say=browser.say)
    query = browser.query()
    assert query["redirect_uri"] == ["http://localhost"] and query["access_type"] == ["offline"]
    assert query["scope"][0].split() == list(CALENDAR_SCOPES)
    assert creds.refresh_token == "refresh-from-code"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    stored = load_credentials(token_file)
    assert (stored.token, stored.refresh_token) == (creds.token, "refresh-from-code")
    assert creds.token in server.access_tokens


def test_mail_adds_the_gmail_scope(server: GoogleServer, tmp_path: Path) -> None:
    browser = Browser(server, scopes=(*CALENDAR_SCOPES, MAIL_SCOPE))
    authorize(client_file(tmp_path, server), tmp_path / "t.json", mail=True, headless=True, ask=browser.ask,
              say=browser.say)
    assert browser.query()["scope"][0].split() == [*CALENDAR_SCOPES, MAIL_SCOPE]


def test_a_refused_code_is_one_sentence(server: GoogleServer, tmp_path: Path) -> None:
    browser = Browser(server)
    server.codes.clear()  # the code expired before it was pasted
    with pytest.raises(GoogleAuthError, match=r"^Google sign-in failed \(\w+\): run `focusd auth google` again$"):
        authorize(client_file(tmp_path, server), tmp_path / "t.json", headless=True, ask=browser.ask,
                  say=browser.say)
    assert not (tmp_path / "t.json").exists()


def test_pasted_answers() -> None:
    assert code_from("  4/0Abc-def  ") == "4/0Abc-def"
    assert code_from("http://localhost/?state=s1&code=4%2F0Abc&scope=x", "s1") == "4/0Abc"
    with pytest.raises(GoogleAuthError, match="another sign-in"):
        code_from("http://localhost/?state=other&code=c", "s1")
    with pytest.raises(GoogleAuthError, match="refused the sign-in"):
        code_from("http://localhost/?error=access_denied&state=s1", "s1")
    with pytest.raises(GoogleAuthError, match="nothing was pasted"):
        code_from("\n")


def test_a_missing_client_file_says_where_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(GoogleAuthError, match="Google Cloud console .* Desktop app"):
        authorize(tmp_path / "nope.json", tmp_path / "t.json", headless=True)


def _config(tmp_path: Path, credentials: str) -> Path:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "mail" / sub).mkdir(parents=True, exist_ok=True)
    path = tmp_path / "focusd.toml"
    path.write_text('[owner]\nname = "Ada"\nemail = "ada@example.com"\n[calendar]\nbackend = "google"\n'
                    f'credentials_file = "{credentials}"\ntoken_file = "google-token.json"\n')
    return path


def test_the_command_signs_in_headless(server: GoogleServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    server.codes["code-9"] = " ".join(CALENDAR_SCOPES)
    config = _config(tmp_path, str(client_file(tmp_path, server)))
    monkeypatch.setattr("sys.stdin", io.StringIO("code-9\n"))
    with pytest.raises(SystemExit) as done:
        main(["--config", str(config), "auth", "google", "--headless"])
    out, err = capsys.readouterr()
    assert done.value.code in (0, None), err
    assert "https://accounts.google.com/o/oauth2/auth?" in out
    token_file = tmp_path / "google-token.json"
    assert f"The token is in {token_file}" in out
    assert json.loads(token_file.read_text())["refresh_token"] == "refresh-from-code"
    assert "refresh-from-code" not in out + err


def test_the_command_without_a_client_file_is_one_sentence(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, "")
    with pytest.raises(SystemExit) as done:
        main(["--config", str(config), "auth", "google", "--headless"])
    _, err = capsys.readouterr()
    assert done.value.code != 0
    assert err.startswith("focusd: no Google OAuth client file is configured: in the Google Cloud console")
    assert len(err.strip().splitlines()) == 1


def test_consent_with_a_permission_left_unticked_says_so(server: GoogleServer, tmp_path: Path) -> None:
    """Google's consent page lets the user untick a permission: the token then has fewer scopes
    than asked, and oauthlib's warning became "sign-in failed (Warning)"."""
    browser = Browser(server, scopes=CALENDAR_SCOPES)  # the Gmail box left unticked
    with pytest.raises(GoogleAuthError) as err:
        authorize(client_file(tmp_path, server), tmp_path / "t.json", mail=True, headless=True, ask=browser.ask,
                  say=browser.say)
    assert str(err.value).startswith("Google granted fewer permissions than focusd asked for")
    assert MAIL_SCOPE in str(err.value) and not (tmp_path / "t.json").exists()


def test_a_client_file_named_but_not_there_is_a_config_problem(tmp_path: Path) -> None:
    from agent.errors import ConfigError
    from agent.settings import load

    config = _config(tmp_path, str(tmp_path / "nowhere.json"))
    with pytest.raises(ConfigError) as err:
        load(config)
    assert any(p.startswith(f"calendar.credentials_file: {tmp_path / 'nowhere.json'} does not exist: in the Google "
                            "Cloud console") for p in err.value.problems)
