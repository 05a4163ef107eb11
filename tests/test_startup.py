"""Start-up stays light: the command line imports the graph, date parsing and calendars only
when a command needs them (bench/startup.py prints the times)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("langgraph", "langchain_core", "dateparser", "icalendar", "recurring_ical_events", "html2text")


def test_importing_the_cli_leaves_heavy_modules_unloaded() -> None:
    code = ("import json, sys, agent.cli; "
            f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
    assert "agent.extractors.embedded" not in done.stdout
