"""Resolution on the scripted 20-thread scenario (tests/test_threads.py), against its truth.

    python bench/resolution.py

Runs the scenario's mail through the whole graph (embedded extractor, ground, resolve, persist)
into a fresh store, in one sync and split over several, and prints the duplicates created (goal
0), the completions found against the scenario's truth, false completions, and due dates that
differ from the truth. ``resolution()`` prints and returns the figures, for bench/agent.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent import logs  # noqa: E402
from tests.test_threads import run_scenario  # noqa: E402


def resolution() -> dict[str, int]:
    """Print and return the scenario's figures, the worst over one, two and five syncs."""
    runs = [run_scenario(batches) for batches in (1, 2, 5)]
    one = runs[0]
    figures = {
        "threads": 20,
        "items_expected": one.expected,
        "items_created": one.items,
        "duplicates": max(len(r.duplicates) for r in runs),
        "missing": max(len(r.missing) for r in runs),
        "unexpected": max(len(r.unexpected) for r in runs),
        "completions_expected": one.completions_expected,
        "completions_found": min(r.completions_found for r in runs),
        "false_completions": max(len(r.false_completions) for r in runs),
        "closed_without_evidence": max(len(r.closed_without_note) for r in runs),
        "due_dates_wrong": max(len(r.wrong_due) for r in runs),
        "listed_as_handled": min(r.handled for r in runs),
    }
    print("Resolution on the scripted 20-thread scenario (worst of 1, 2 and 5 syncs)")
    for name, value in figures.items():
        print(f"  {name:<24} {value}")
    return figures


def main() -> None:
    logs.configure(verbose=False, level="warning")
    resolution()


if __name__ == "__main__":
    main()
