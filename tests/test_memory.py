"""agent.memory: each focusd process asks glibc to hand freed memory back to the kernel."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PROBE = "from agent import memory; print(memory.tune())"


def _tune(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True, timeout=60)
    return done.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_thresholds_are_set_on_glibc() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    libc = os.confstr("CS_GNU_LIBC_VERSION") if "CS_GNU_LIBC_VERSION" in os.confstr_names else None
    assert _tune(env) == ("True" if libc else "False")


@pytest.mark.parametrize(("name", "value"), [("MALLOC_MMAP_THRESHOLD_", "1048576"),
                                             ("MALLOC_TRIM_THRESHOLD_", "1048576"),
                                             ("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1048576")])
def test_the_environment_s_own_setting_wins(name: str, value: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    assert _tune(env | {name: value}) == "False"

