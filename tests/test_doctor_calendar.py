"""`focusd doctor` proves calendar read and write access against a real CalDAV server, and
changes nothing on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.calendar_contract import SEED
from tests.conftest import run_cli
from tests.radicale_server import PASSWORD, USER, radicale, split


def _caldav_config(demo_dir: Path, url: str, book: bool = True) -> Path:
    config = demo_dir / "focusd.toml"
    text = config.read_text().replace('backend = "ics"\npaths = ["calendar.ics"]',
                                      f'backend = "caldav"\nurl = "{url}"\nusername = "{USER}"\n'
                                      'password_env = "FOCUSD_TEST_CALDAV"')
    if not book:
        text = text.replace("[focus]\n", "[focus]\nbook = false\n")
    config.write_text(text)
    return config


def test_doctor_reads_and_proves_write_access_creating_nothing(
        capsys: pytest.CaptureFixture[str], demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSD_TEST_CALDAV", PASSWORD)
    with radicale(tmp_path / "dav", auth=True, seed=split(SEED)) as server:
        config = _caldav_config(demo_dir, server.calendar_url)
        before = {name: server.etag(name) for name in server.names()}
        code, out, _ = run_cli(capsys, "--config", str(config), "doctor")
        lines = {line.split()[1]: line for line in out.splitlines()}
        assert lines["calendar"].startswith("ok"), out
        assert lines["blocks"].startswith("ok") and "write" in lines["blocks"], out
        assert {name: server.etag(name) for name in server.names()} == before
        assert not [m for m, _ in server.requests if m in ("PUT", "DELETE", "MOVE", "PROPPATCH")]
        assert code == 0, out


def test_doctor_names_a_wrong_password_in_one_line(
        capsys: pytest.CaptureFixture[str], demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSD_TEST_CALDAV", "not-the-password")
    with radicale(tmp_path / "dav", auth=True) as server:
        code, out, _ = run_cli(capsys, "--config", str(_caldav_config(demo_dir, server.calendar_url)), "doctor")
    (line,) = [x for x in out.splitlines() if x.split()[1] == "calendar"]
    assert code == 1 and line.startswith("FAIL") and "not-the-password" not in out


def test_with_booking_off_doctor_does_not_ask_for_write_access(
        capsys: pytest.CaptureFixture[str], demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSD_TEST_CALDAV", PASSWORD)
    with radicale(tmp_path / "dav", auth=True) as server:
        code, out, _ = run_cli(capsys, "--config", str(_caldav_config(demo_dir, server.calendar_url, book=False)),
                               "doctor")
    assert code == 0 and "blocks" not in out, out
