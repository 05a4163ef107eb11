"""The ``focusd`` command's main module stays small: multiprocessing's parse worker imports the main
module of the process that starts it, and should not load the CLI's imports with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_main_module_loads_no_cli() -> None:
    code = "import sys, agent.__main__; print(sorted(m for m in ('agent.cli', 'click', 'structlog', 'planner.store') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_python_dash_m_agent_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "agent", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0
    assert "Usage: focusd" in done.stdout
