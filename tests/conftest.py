from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import structlog

from agent.extractors.base import Owner
from connectors.types import Address, Message

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DEMO = ROOT / "config" / "demo"
DEMO_NOW = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _reset_structlog() -> Iterator[None]:
    structlog.reset_defaults()
    yield
    structlog.reset_defaults()


@pytest.fixture(autouse=True)
def _no_pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("FOCUSD_NOW", "FOCUSD_CONFIG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(autouse=True)
def _private_state_dir(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A config without [storage].path keeps its database in the state directory: never the
    real one of whoever runs the tests."""
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def owner() -> Owner:
    return Owner("Ada Lovelace", "ada@example.com", LONDON)


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    """A private copy of the demo week (mail, calendar, config)."""
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target)
    return target


def shared_data(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must lay shared/ beside the checkout")
        pytest.skip(f"{path} is not here")
    return path


def make_message(text: str, sender: str = "maria@fund.example", to: tuple[str, ...] = ("ada@example.com",),
                 cc: tuple[str, ...] = (), subject: str = "Re: deck", date: datetime | None = None,
                 message_id: str = "<m1@fund.example>", name: str = "Maria Chen",
                 references: tuple[str, ...] = ()) -> Message:
    # The owner's own mail is read from the Sent folder: from INBOX it would be a forged owner.
    return Message(
        folder="Sent" if sender == "ada@example.com" else "INBOX",
        message_id=message_id, subject=subject, sender=Address(name, sender),
        to=[Address("", t) for t in to], cc=[Address("", c) for c in cc],
        date=date or datetime(2026, 11, 18, 9, 0, tzinfo=UTC),  # a Wednesday
        text=text, reply_text=text, references=list(references),
    )


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``focusd ARGS`` in this process: (exit code, stdout, stderr), without what earlier
    steps of the test printed."""
    from agent.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main(list(args))
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


@pytest.fixture(scope="module")
def relay() -> Iterator[int]:
    """A local SMTP relay (aiosmtpd) for a module's tests: no TLS, no login; its port."""
    from aiosmtpd.controller import Controller

    from tests.servers import free_port
    from tests.test_smtp import Inbox

    port = free_port()
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()
