"""The ``focusd`` command's main module stays small, and the sync's parse worker loads none of
the CLI's imports: on a small host each MiB of the worker counts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


HEAVY = ('agent.cli', 'click', 'structlog', 'planner.store', 'langgraph', 'sqlite_utils')


def test_importing_the_main_module_loads_no_cli() -> None:
    code = f"import sys, agent.__main__; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_parse_worker_loads_no_cli() -> None:
    """What the worker imports (agent.workers) and loads on its first task (the extractor)."""
    code = ("import sys, agent.workers, agent.extractors.embedded\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_python_dash_m_agent_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "agent", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0
    assert "Usage: focusd" in done.stdout
