"""Start-up time of the command line: each command as a fresh process, as a person runs it.

    python bench/startup.py [RUNS]        (default 7)

A copy of the demo week is synced once into a temporary folder; then `--help`, `items`, `brief`,
`doctor` and `extract` on one message each run RUNS times as `python -m agent.cli`. It prints the
median wall time per command, and beside it `python -c pass` from the same run as the floor that
no command can beat (the interpreter's own start-up).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "config" / "demo"
DEMO_NOW = "2026-11-19T07:30:00+00:00"


def median_seconds(argv: list[str], runs: int, env: dict[str, str]) -> float:
    """Median wall time of ``argv`` over ``runs`` runs; a failing command stops the benchmark."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    workdir = Path(tempfile.mkdtemp(prefix="focusd-startup-"))
    try:
        demo = workdir / "demo"
        shutil.copytree(DEMO, demo)
        config = str(demo / "focusd.toml")
        env = {**os.environ, "FOCUSD_NOW": DEMO_NOW, "FOCUSD_CONFIG": config}
        cli = [sys.executable, "-m", "agent.cli"]
        subprocess.run([*cli, "sync"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        one = str(next(p for p in sorted((demo / "mail" / "cur").iterdir()) if not p.name.startswith(".")))
        commands = {"--help": ["--help"], "items": ["items"], "brief": ["brief"], "doctor": ["doctor"],
                    "extract one.eml": ["extract", one]}
        floor = median_seconds([sys.executable, "-c", "pass"], runs, env)
        print(f"median of {runs} runs; floor `python -c pass` {floor * 1000:.0f} ms")
        print(f"{'command':<17} {'ms':>6} {'x floor':>8}")
        for name, args in commands.items():
            seconds = median_seconds([*cli, *args], runs, env)
            print(f"{name:<17} {seconds * 1000:>6.0f} {seconds / floor:>8.1f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
