"""`focusd init`: the system's time zone, a prompt that asks again, and the next commands."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from agent.cli import main, system_timezone
from tests.conftest import ROOT
from tests.terminal import read_until_closed


def _zoneinfo_link(tmp_path: Path, target: str) -> Path:
    zone = tmp_path / "usr" / "share" / "zoneinfo" / target
    zone.parent.mkdir(parents=True)
    zone.write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(zone)
    return link


def test_system_timezone_prefers_tz_then_the_localtime_link_then_etc_timezone(tmp_path: Path) -> None:
    link = _zoneinfo_link(tmp_path, "America/New_York")
    etc_tz = tmp_path / "timezone"
    etc_tz.write_text("Asia/Tokyo\n")
    assert system_timezone({"TZ": ":Europe/Paris"}, link, etc_tz) == "Europe/Paris"
    assert system_timezone({"TZ": "Not/AZone"}, link, etc_tz) == "America/New_York"
    assert system_timezone({}, tmp_path / "absent", etc_tz) == "Asia/Tokyo"
    assert system_timezone({}, tmp_path / "absent", tmp_path / "absent-too") is None
    assert system_timezone({"TZ": "Europe"}, tmp_path / "absent", tmp_path / "absent-too") is None  # a folder


def test_system_timezone_reads_posix_links(tmp_path: Path) -> None:
    link = _zoneinfo_link(tmp_path, "posix/Europe/Berlin")
    assert system_timezone({}, link, tmp_path / "absent") == "Europe/Berlin"


def test_init_takes_the_system_time_zone_and_names_the_next_commands(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Australia/Sydney")
    cfg = tmp_path / "focusd.toml"
    with pytest.raises(SystemExit) as done:
        main(["--config", str(cfg), "init", "--name", "Ada Lovelace", "--email", "ada@example.com"])
    out, err = capsys.readouterr()
    assert done.value.code == 0, err
    assert tomllib.loads(cfg.read_text())["owner"]["timezone"] == "Australia/Sydney"
    for command in ("doctor", "sync", "brief"):
        assert f"focusd --config {cfg} {command}" in out


def test_init_on_a_terminal_asks_again_after_a_bad_answer(tmp_path: Path) -> None:
    cfg = tmp_path / "focusd.toml"
    primary, secondary = os.openpty()
    env = {**os.environ, "TZ": "Europe/Berlin", "FOCUSD_CONFIG": str(cfg)}
    proc = subprocess.Popen([sys.executable, "-m", "agent.cli", "init"], cwd=ROOT, env=env,
                            stdin=secondary, stdout=secondary, stderr=secondary)
    os.close(secondary)
    os.write(primary, b"Ada Lovelace\nnot-an-address\nada@example.com\nMars/Olympus\n\n/srv/mail/ada\nn\n")
    output = read_until_closed(primary)
    assert proc.wait(timeout=30) == 0, output
    text = output.decode()
    assert "focusd: 'not-an-address' is not an address such as ada@example.com; try again" in text
    assert "focusd: 'Mars/Olympus' is not an IANA time zone such as Europe/London; try again" in text
    assert "Your time zone [Europe/Berlin]" in text
    assert "Your Maildir [~/Maildir]" in text
    assert tomllib.loads(cfg.read_text())["mail"]["path"] == "/srv/mail/ada"
    # Declined: nothing is created, and the note says how to create it later.
    assert "Create the Maildir /srv/mail/ada (folders INBOX, Sent)? [Y/n]" in text
    assert "create it with: mkdir -p /srv/mail/ada/{cur,new,tmp} /srv/mail/ada/.Sent/{cur,new,tmp}" in text
    assert not Path("/srv/mail/ada").exists()
    owner = tomllib.loads(cfg.read_text())["owner"]
    assert owner == owner | {"name": "Ada Lovelace", "email": "ada@example.com", "timezone": "Europe/Berlin"}
    assert "focusd doctor" in text


def test_init_refuses_a_time_zone_that_is_a_zoneinfo_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--config", str(tmp_path / "focusd.toml"), "init", "--name", "Ada", "--email", "ada@example.com",
              "--timezone", "Europe"])
    _, err = capsys.readouterr()
    assert done.value.code == 2
    assert "focusd: Invalid value for --timezone: 'Europe' is not an IANA time zone such as Europe/London" in err


def _init(tmp_path: Path, *extra: str) -> tuple[int, str]:
    cfg = tmp_path / "focusd.toml"
    args = ["--config", str(cfg), "init", "--name", "Ada", "--email", "ada@example.com", "--timezone", "UTC",
            "--data-dir", str(tmp_path / "data"), *extra]
    with pytest.raises(SystemExit) as done:
        main(args)
    return int(done.value.code or 0), str(cfg)


def _doctor(cfg: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main(["--config", cfg, "doctor"])
    return int(done.value.code or 0), capsys.readouterr().out


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mode & 0o777 for p in [root, *root.rglob("*")]}


def test_init_creates_the_maildir_when_asked_and_doctor_then_passes_it(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    box = tmp_path / "mail" / "Maildir"
    code, cfg = _init(tmp_path, "--mail-path", str(box), "--create-maildir")
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"created the Maildir {box} (Maildir++: INBOX, Sent)" in out
    assert _modes(box) == {name: 0o700 for name in (
        ".", "cur", "new", "tmp", ".Sent", ".Sent/cur", ".Sent/new", ".Sent/tmp")}
    code, out = _doctor(cfg, capsys)
    assert f"ok   mail      maildir {box} (Maildir++: INBOX, Sent)" in out


def test_init_without_the_flag_off_a_terminal_creates_nothing_and_doctor_says_it_all_at_once(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    box = tmp_path / "Maildir"
    code, cfg = _init(tmp_path, "--mail-path", str(box))
    _, err = capsys.readouterr()
    assert code == 0, err
    assert not box.exists()
    command = f"mkdir -p {box}/{{cur,new,tmp}} {box}/.Sent/{{cur,new,tmp}}"
    assert f"note: {box} does not exist yet; create it with: {command}" in err
    code, out = _doctor(cfg, capsys)
    assert code == 2
    assert f"mail.path: {box} does not exist; create it with: {command}" in out
    box.mkdir()  # an empty folder: still one message naming every folder
    code, out = _doctor(cfg, capsys)
    assert code == 1
    assert f"to make it one, create them with: {command}" in out


def test_init_leaves_a_folder_that_already_holds_mail_alone(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    box = tmp_path / "Mail"
    (box / "INBOX" / "cur").mkdir(parents=True)
    code, _ = _init(tmp_path, "--mail-path", str(box), "--create-maildir")
    _, err = capsys.readouterr()
    assert code == 0, err
    assert f"note: {box} exists and is not an empty folder; left as it is" in err
    assert sorted(p.name for p in box.iterdir()) == ["INBOX"]


def test_init_on_a_terminal_creates_the_maildir_after_asking(tmp_path: Path) -> None:
    cfg = tmp_path / "focusd.toml"
    box = tmp_path / "Maildir"
    primary, secondary = os.openpty()
    env = {**os.environ, "TZ": "Europe/Berlin", "FOCUSD_CONFIG": str(cfg)}
    proc = subprocess.Popen([sys.executable, "-m", "agent.cli", "init", "--name", "Ada", "--email",
                             "ada@example.com", "--timezone", "UTC", "--mail-path", str(box)], cwd=ROOT, env=env,
                            stdin=secondary, stdout=secondary, stderr=secondary)
    os.close(secondary)
    os.write(primary, b"\n")  # the default answer: yes
    output = read_until_closed(primary)
    assert proc.wait(timeout=30) == 0, output
    assert f"Create the Maildir {box} (folders INBOX, Sent)? [Y/n]" in output.decode()
    assert sorted(str(p.relative_to(box)) for p in box.rglob("*")) == [
        ".Sent", ".Sent/cur", ".Sent/new", ".Sent/tmp", "cur", "new", "tmp"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root, as a server's admin is")
def test_init_as_root_for_a_service_users_folder_names_the_commands_as_that_user(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pwd

    data = tmp_path / "data"
    data.mkdir()
    os.chown(data, pwd.getpwnam("nobody").pw_uid, -1)
    code, cfg = _init(tmp_path, "--mail-path", str(tmp_path / "mail"), "--create-maildir")
    out = capsys.readouterr().out
    assert code == 0
    assert f"  sudo -u nobody focusd --config {cfg} doctor" in out
