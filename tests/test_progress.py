"""The sync progress bar: drawn on a terminal, never into a pipe or a log."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from agent.progress import Bar
from tests.conftest import DEMO_NOW
from tests.terminal import read_until_closed

ROOT = Path(__file__).resolve().parent.parent


def test_the_bar_shows_counts_rate_and_time_left() -> None:
    out = io.StringIO()
    bar = Bar("mail", stream=out, min_interval=0)
    bar.started -= 2.0  # two seconds in
    bar(100, 400)
    assert bar.line(bar.started + 2.0) == "mail [#######---------------------] 100/400 (50/s, 6 s left)"
    bar(150, None)  # a later call that does not know the total keeps the last one
    assert "150/400" in out.getvalue().rsplit("\r", 1)[-1]
    bar.close()
    assert out.getvalue().endswith("\n")


def test_without_a_total_it_counts() -> None:
    bar = Bar("mail", stream=io.StringIO())
    bar.started -= 1.0
    bar(1234, None)
    assert bar.line(bar.started + 1.0) == "mail 1,234 (1,234/s)"


def test_nothing_is_drawn_unless_called() -> None:
    out = io.StringIO()
    Bar("mail", stream=out).close()
    assert out.getvalue() == ""


def test_sync_on_a_terminal_draws_a_bar_and_ends_with_the_summary(demo_dir: Path) -> None:
    primary, secondary = os.openpty()
    env = {**os.environ, "FOCUSD_NOW": DEMO_NOW.isoformat()}
    proc = subprocess.Popen([sys.executable, "-m", "agent.cli", "--config", str(demo_dir / "focusd.toml"), "sync"],
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=secondary)
    os.close(secondary)
    screen = read_until_closed(primary)
    stdout = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 0, screen
    assert "mail [" in screen.decode() and "32/32" in screen.decode()
    assert stdout == "32 messages: 27 new, 4 bulk, 1 hostile; 19 new items; 19 calendar events from yesterday to two weeks ahead\n"


def test_sync_into_a_pipe_draws_nothing(demo_dir: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "agent.cli", "--config", str(demo_dir / "focusd.toml"), "sync"],
                          cwd=ROOT, env={**os.environ, "FOCUSD_NOW": DEMO_NOW.isoformat()},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr and "mail [" not in done.stderr
