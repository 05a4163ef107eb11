"""The systemd units keep their contract (notify with a watchdog, restart on failure, a state
directory, one config and state per instance) and the hardening that `systemd-analyze security`
scores at an exposure of 2.0 or less. Where systemd-analyze is missing the score is skipped,
except in CI, which must check it (.ci/run installs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parent.parent / "systemd"
SINGLE = UNITS / "focusd.service"
INSTANCE = UNITS / "focusd@.service"
MAX_EXPOSURE = 2.0


def parse(path: Path) -> dict[str, dict[str, list[str]]]:
    """Sections of a unit file, each key with every value it is given, in order (systemd lets a
    key repeat, as SystemCallFilter= does here, so a configparser would lose values)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{path.name}: {line!r} before any section"
        assert "=" in line, f"{path.name}: {line!r} is no key=value line"
        key, value = line.split("=", 1)
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def one(service: dict[str, list[str]], key: str) -> str:
    values = service.get(key)
    assert values, f"{key}= is not set"
    return values[-1]


def seconds(span: str) -> float:
    """A systemd time span such as ``5min``, ``90s`` or ``1min 30s``, in seconds."""
    units = {"": 1, "s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hr": 3600}
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", span):
        assert unit in units, f"unknown time unit in {span!r}"
        total += float(number) * units[unit]
    return total


@pytest.mark.parametrize("path", [SINGLE, INSTANCE], ids=lambda p: p.name)
def test_unit_contract(path: Path) -> None:
    service = parse(path)["Service"]
    assert one(service, "Type") == "notify"
    assert one(service, "NotifyAccess") == "main"
    assert one(service, "Restart") == "on-failure"
    # systemctl reload: SIGHUP reads the config again. The shell's kill, since a minimal Debian has
    # no /bin/kill and systemd 252 (Debian 12) has no ReloadSignal=.
    assert one(service, "ExecReload") == "/bin/sh -c 'kill -HUP \"$MAINPID\"'"
    # The daemon pings at half the period from a heartbeat; a period under a minute would make
    # a slow disk or a paused VM look like a hang.
    assert seconds(one(service, "WatchdogSec")) >= 60
    exec_start = one(service, "ExecStart").split()
    assert exec_start[0].startswith("/"), "systemd needs an absolute ExecStart path"
    assert exec_start[-1] == "run"
    assert "--config" in exec_start and exec_start.index("--config") + 1 < len(exec_start)
    # An invalid config exits 2, which a restart cannot fix.
    assert "2" in one(service, "RestartPreventExitStatus").split()
    # focusd talks to mail, calendar and LLM servers, and to the notify socket.
    families = set(one(service, "RestrictAddressFamilies").split())
    assert {"AF_INET", "AF_INET6", "AF_UNIX"} <= families
    assert "IPAddressDeny" not in service
    assert service.get("PrivateNetwork", ["no"])[-1] in ("no", "false", "0")
    assert one(service, "ProtectSystem") == "strict"
    assert "WantedBy" in parse(path)["Install"]


def test_single_unit_paths() -> None:
    service = parse(SINGLE)["Service"]
    exec_start = one(service, "ExecStart").split()
    assert exec_start[exec_start.index("--config") + 1] == "/etc/focusd/config.toml"
    assert one(service, "StateDirectory") == "focusd"
    assert one(service, "User") == "focusd"


def test_instance_unit_keeps_each_owner_apart() -> None:
    service = parse(INSTANCE)["Service"]
    exec_start = one(service, "ExecStart").split()
    assert exec_start[exec_start.index("--config") + 1] == "/etc/focusd/%i.toml"
    assert one(service, "StateDirectory") == "focusd/%i"
    assert one(service, "WorkingDirectory") == "/var/lib/focusd/%i"
    # Each owner its own dynamic user: without User=, every instance runs as one user named
    # after the unit ("focusd"), and each could read the others' databases.
    assert one(service, "DynamicUser") == "yes"
    assert "%i" in one(service, "User")


def exposure(path: Path) -> float:
    """The overall exposure ``systemd-analyze security --offline=yes`` prints for ``path``."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("systemd-analyze is missing: CI must check the units' exposure "
                        "(.ci/run installs the systemd package)")
        pytest.skip("systemd-analyze is missing (apt-get install systemd)")
    done = subprocess.run([tool, "security", "--offline=yes", "--no-pager", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert done.returncode == 0 and lines, f"systemd-analyze failed: {done.stderr.strip()}"
    found = re.search(r"Overall exposure level for \S+: (\d+(?:\.\d+)?)", lines[-1])
    assert found, f"no overall exposure on the last line: {lines[-1]!r}"
    return float(found.group(1))


@pytest.mark.parametrize("path", [SINGLE, INSTANCE], ids=lambda p: p.name)
def test_exposure_at_most_two(path: Path) -> None:
    score = exposure(path)
    assert score <= MAX_EXPOSURE, f"{path.name} is exposed at {score} (at most {MAX_EXPOSURE})"
