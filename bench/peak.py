"""Run a command and read its peak RSS, the kernel's high-water mark, as its own.

The kernel carries a process's high-water mark across fork and exec, so a command started
straight from a bench that built a big mailbox or calendar would report the bench's size.
Started from this small launcher, it reports its own (and its children's, which it waits for).
"""

from __future__ import annotations

import os
import subprocess
import sys
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
    peak_mib: float
    status: int
    stderr: str  # the end of its stderr, when it failed


def measured(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Run ``argv`` to completion from the launcher; what it printed and its peak RSS."""
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, *argv], cwd=cwd, capture_output=True, text=True,
                          check=False, env=env if env is not None else dict(os.environ))
    head, _, last = done.stdout.rstrip("\n").rpartition("\n")
    maxrss, status = last.split()
    return Measured(head, int(maxrss) / 1024, int(status), done.stderr.strip())
