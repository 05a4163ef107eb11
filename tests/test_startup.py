"""Start-up stays light: the command line imports the graph, date parsing, calendars and the
extractor only when a command needs them (bench/startup.py prints the times)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("langgraph", "langchain_core", "dateparser", "icalendar", "recurring_ical_events", "html2text",
         "agent.extractors.embedded")


def test_importing_the_cli_leaves_heavy_modules_unloaded() -> None:
    code = f"import json, sys, agent.cli; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
