"""Every TOML example in the README is a config focusd accepts, so a user who copies one gets
no surprise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent.settings import load
from tests.conftest import ROOT

BLOCKS = re.findall(r"```toml\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


def test_the_readme_has_provider_examples() -> None:
    hosts = " ".join(BLOCKS)
    for host in ("imap.fastmail.com", "imap.gmail.com", "imap.mail.me.com", "mail.example.org"):
        assert host in hosts


@pytest.mark.parametrize("block", [b for b in BLOCKS if 'backend = "imap"' in b or 'backend = "smtp"' in b])
def test_each_mail_example_loads(block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in set(re.findall(r'_env = "(\w+)"', block)):
        monkeypatch.setenv(name, "app-password")
    secret = tmp_path / "secret"
    secret.write_text("app-password")
    secret.chmod(0o600)
    block = re.sub(r'_file = "[^"]+"', f'_file = "{secret}"', block)
    config = tmp_path / "focusd.toml"
    owner = "" if "[owner]" in block else '[owner]\nname = "Ada"\nemail = "ada@example.org"\ntimezone = "UTC"\n'
    config.write_text(owner + block)
    settings = load(config, allow_missing=True)  # a Maildir left at its default need not exist here
    assert settings["mail"]["backend"] == "imap" or settings["smtp"]["backend"] == "smtp"


@pytest.mark.parametrize("block", [b for b in BLOCKS if ("[calendar]" in b or "[llm]" in b) and "[owner]" not in b])
def test_each_calendar_and_llm_example_loads(block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in set(re.findall(r'_env = "(\w+)"', block)):
        monkeypatch.setenv(name, "app-password")
    config = tmp_path / "focusd.toml"
    config.write_text('[owner]\nname = "Ada"\nemail = "ada@example.org"\ntimezone = "UTC"\n' + block)
    settings = load(config, allow_missing=True)  # the calendar file and client file need not exist here
    assert settings["calendar"]["backend"] in ("google", "caldav", "ics") or settings["llm"]["provider"] == "openai"
