"""The soak bench in a tiny size: every figure is printed, and the brief count is right."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_soak_three_days_prints_every_figure(tmp_path: Path) -> None:
    """Friday to Sunday: one brief and a weekly review on the Friday, none at the weekend, the
    owner's reply to the brief applied, and each figure printed with its goal and verdict."""
    work = tmp_path / "soak"
    done = subprocess.run([sys.executable, "bench/soak.py", "--days", "3", "--per-day", "20", "--start", "2026-10-16",
                           "--work", str(work)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    out = done.stdout
    days = [line for line in out.splitlines() if re.match(r"\s+day\s+\d+ ", line)]
    assert [re.search(r"briefs (\d) \(store (\d)\)", d).groups() for d in days] == [  # type: ignore[union-attr]
        ("1", "1"), ("0", "0"), ("0", "0")]
    assert "briefs per day: exactly 1 on each of 1 working days and 0 on each of 2 others" in out
    assert "WRONG BRIEF COUNT" not in out
    assert "replies: 1 written, recorded 1 (applied 1); applied 1" in out
    assert re.search(r"^sent: brief 1, confirmation 1, review 1$", out, re.M)
    rss = re.search(r"RSS now, after a collection: day 1 ([\d.]+) MiB, day 3 ([\d.]+) MiB: growth [+-][\d.]+% "
                    r"\(ratio [\d.]+\), goal under 10%: (pass|MISS)", out)
    assert rss and 20 < float(rss.group(1)) < 1000 and 20 < float(rss.group(2)) < 1000
    fresh = re.search(r"RSS of a new process on a copy of the store, .*: after day 1 ([\d.]+) MiB, after day 3 ([\d.]+) MiB", out)
    assert fresh and 20 < float(fresh.group(1)) < 1000 and 20 < float(fresh.group(2)) < 1000
    store = re.search(r"store: (\d+) messages in .*: (\d+) KB per 1,000 messages .*: (pass|MISS)$", out, re.M)
    assert store and int(store.group(1)) >= 60 and int(store.group(2)) > 0
    assert re.search(r"^cycle, median of the day's ticks: day 1 [\d.]+ ms, day 3 [\d.]+ ms: ratio [\d.]+, "
                     r"goal about 1 .*: (pass|MISS)$", out, re.M)
    assert "failed cycles: 0, goal none: pass" in out
    # What the owner's mailbox holds: the day's mail marked read, and each mail focusd sent delivered to it.
    assert len(list((work / "mail" / "cur").iterdir())) >= 60 - 10  # less the owner's own, in Sent
    assert len(list((work / "outbox").glob("*.eml"))) == 3
