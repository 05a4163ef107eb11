"""Start ``python -m agent.cli ...`` as a process of its own, without paying for the interpreter's
start-up and focusd's imports (about two seconds on a loaded two-core runner) each time.

:class:`ForkServer` starts one Python process that imports focusd and its libraries once and
then waits. Asked for a run, it forks: the child is a new process (its own pid, its own
memory, killed by SIGKILL like any other), which points stdin at /dev/null and stdout and
stderr at the run's log, takes the run's environment and working folder, reads
``FOCUSD_KILL_AT`` again (:mod:`agent.faults` reads it at import) and runs ``agent.cli`` as
``python -m agent.cli`` would, as ``__main__``; it ends as that would, through the interpreter's
own exit. The server forks nothing else meanwhile, holds no thread, socket, file or database,
and reports how the child ended. :class:`Child` is the part of ``subprocess.Popen`` a test uses.
What a child shares with its siblings is what a fork shares: the modules as imported (none of
them opens anything at import; ``random`` reseeds itself in a forked child) and the string hash
seed, which a fresh interpreter would draw anew.

For tests/test_crash.py, which starts focusd again and again and kills it at each point: the
runs are real processes of the real daemon, only the import is shared.

Run as ``python -m tests.forkserver MODULE...`` (the modules to import up front); the requests
and answers are JSON lines on its stdin and stdout.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


# -- the test's side ---------------------------------------------------------------------------


class _Lines:
    """Lines from a pipe, read with a timeout."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buf = b""

    def read(self, timeout: float | None) -> dict[str, Any] | None:
        """The next JSON line, or None when none came within ``timeout`` (0: do not wait)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise RuntimeError("the fork server exited")
            self.buf += chunk
        line, _, self.buf = self.buf.partition(b"\n")
        return dict(json.loads(line))


class Child:
    """One run forked by the server: ``pid``, ``returncode`` (negative: the signal that ended
    it), and Popen's ``poll``, ``wait``, ``send_signal`` and ``kill``. Until the next run is
    asked for, an ended child stays unreaped, so its pid cannot be another process's when it
    is signalled."""

    def __init__(self, server: ForkServer, pid: int) -> None:
        self.server = server
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self._ended(0)

    def wait(self, timeout: float | None = None) -> int:
        code = self._ended(timeout)
        if code is None:
            raise subprocess.TimeoutExpired(f"focusd (pid {self.pid})", timeout or 0)
        return code

    def _ended(self, timeout: float | None) -> int | None:
        if self.returncode is None:
            answer = self.server.lines.read(timeout)
            if answer is not None:
                assert answer.get("pid") == self.pid, answer
                self.returncode = int(answer["exit"])
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkServer:
    """A Python process with ``modules`` imported, that forks one run at a time."""

    def __init__(self, modules: list[str], env: dict[str, str], timeout: float = 120.0) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.forkserver", *modules], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdout is not None
        self.lines = _Lines(self.proc.stdout.fileno())
        self.child: Child | None = None
        ready = self.lines.read(timeout)
        if ready != {"ready": True}:
            self.close()
            raise RuntimeError(f"the fork server did not start: {ready}")

    def spawn(self, argv: list[str], env: dict[str, str], cwd: Path, log: Path) -> Child:
        """Run ``python -m agent.cli ARGV`` in ``cwd`` with (only) ``env``, its output appended to ``log``."""
        assert self.child is None or self.child.poll() is not None, "one run at a time"
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": str(cwd), "log": str(log)}).encode() + b"\n")
        self.proc.stdin.flush()
        started = self.lines.read(30)
        assert started is not None and "pid" in started and "exit" not in started, started
        self.child = Child(self, int(started["pid"]))
        return self.child

    def close(self) -> None:
        if self.child is not None and self.child.poll() is None:
            self.child.kill()
            with contextlib.suppress(subprocess.TimeoutExpired, RuntimeError):
                self.child.wait(10)
        with contextlib.suppress(OSError):
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


# -- the server's side -------------------------------------------------------------------------


def _exit_code(pid: int) -> int:
    """How ``pid`` ended, as Popen reports it, leaving it a zombie (reaped before the next fork)."""
    info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    assert info is not None
    return info.si_status if info.si_code == os.CLD_EXITED else -info.si_status


def _child(request: dict[str, Any], requests: io.BufferedReader, answers: io.BufferedWriter) -> None:
    """In the forked child: become ``python -m agent.cli ARGV``. Ends by raising SystemExit (or
    whatever the run raises), which unwinds out of the server's loop and ends the interpreter
    as a fresh process's would end."""
    requests.close()
    answers.close()
    null = os.open(os.devnull, os.O_RDONLY)
    log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(null)
    os.close(log)
    # The streams a fresh interpreter would open on those descriptors (stderr line-buffered).
    sys.stdin = sys.__stdin__ = open(0, closefd=False)  # type: ignore[misc]  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(1, "w", closefd=False)  # type: ignore[misc]  # noqa: SIM115
    sys.stderr = sys.__stderr__ = open(2, "w", 1, closefd=False, errors="backslashreplace")  # type: ignore[misc]  # noqa: SIM115
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    from agent import faults

    importlib.reload(faults)  # FOCUSD_KILL_AT is read at import: this run's
    import runpy

    sys.argv = ["agent.cli", *request["argv"]]
    runpy.run_module("agent.cli", run_name="__main__", alter_sys=True)
    raise SystemExit(0)


def _serve(modules: list[str]) -> None:
    for name in modules:
        importlib.import_module(name)
    # The requests and answers on descriptors of their own; stray output goes to stderr.
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    answers.write(b'{"ready": true}\n')
    answers.flush()
    pid = None
    for line in requests:
        if pid is not None:
            os.waitpid(pid, 0)  # the last run's zombie
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(request, requests, answers)
        answers.write(json.dumps({"pid": pid}).encode() + b"\n")
        answers.flush()
        answers.write(json.dumps({"pid": pid, "exit": _exit_code(pid)}).encode() + b"\n")
        answers.flush()
    if pid is not None:
        os.waitpid(pid, 0)


if __name__ == "__main__":
    _serve(sys.argv[1:])
