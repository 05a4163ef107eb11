"""Run a command and read its peak RSS, the kernel's high-water mark, as its own.

The kernel carries a process's high-water mark across fork and exec, so a command started
straight from a bench that built a big mailbox or calendar would report the bench's size.
Started from this small launcher, it reports its own (and its children's, which it waits for).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out = child.stdout.read()
_, status, usage = os.wait4(child.pid, 0)
sys.stderr.write(child.stderr.read().decode(errors="replace")[-600:] if status else "")
print(out.decode(errors="replace").strip())
print(usage.ru_maxrss, status)
"""


@dataclass
class Measured:
    stdout: str  # what the command printed
    peak_mib: float  # the kernel's high-water mark of its biggest process
    status: int
    stderr: str  # the end of its stderr, when it failed
    tree_mib: float = 0.0  # the most its processes held together (PSS), sampled every 50 ms


def _tree_rss(root: int) -> float:
    """MiB resident in ``root``'s descendants together (not ``root`` itself: the launcher), by
    proportional set size, so pages they share are counted once."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parent[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue  # gone while read
    mine, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, ppid in parent.items() if ppid in frontier} - mine
        mine |= frontier
    total = 0
    for pid in mine:
        try:  # proportional: a page two processes share counts half in each
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def measured(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Run ``argv`` to completion from the launcher; what it printed, its peak RSS, and the most
    its processes (workers included) held together."""
    launcher = subprocess.Popen([sys.executable, "-c", _LAUNCHER, *argv], cwd=cwd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env if env is not None else dict(os.environ))
    tree = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal tree
        while not stop.wait(0.05):
            tree = max(tree, _tree_rss(launcher.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = launcher.communicate()
    stop.set()
    sampler.join()
    head, _, last = out.rstrip("\n").rpartition("\n")
    maxrss, status = last.split()
    return Measured(head, int(maxrss) / 1024, int(status), err.strip(), tree)
