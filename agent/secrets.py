"""Secrets named by the config: an environment variable, a file, or a command's output.

:func:`check` runs at load time and never reads a value (nor runs a command); :func:`read`
fetches the value when it is used. No message here ever holds a secret value.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from agent.errors import SecretError

SUFFIXES = ("_env", "_file", "_command")
COMMAND_TIMEOUT = 30  # seconds


def _unsafe_mode(mode: int) -> bool:
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))


def check(how: str, ref: str) -> str | None:
    """What is wrong with the secret source ``how`` (env, file or command) named ``ref``, or None.

    The variable must be set and the file must exist, be a file and be private to its owner; a
    command is only run when the secret is read.
    """
    if how == "env":
        if ref not in os.environ:
            return f"the environment variable {ref} is not set"
        return f"the environment variable {ref} is set but empty" if not os.environ[ref].strip() else None
    if how == "file":
        try:
            st = Path(ref).stat()
        except FileNotFoundError as exc:
            return (f"cannot read {ref}: {exc.strerror}; create it holding only the secret and run chmod 600 "
                    f"{ref}, or give the secret by an _env or _command key instead")
        except (OSError, ValueError) as exc:
            return f"cannot read {ref}: {getattr(exc, 'strerror', None) or exc}"
        if not stat.S_ISREG(st.st_mode):
            return f"{ref} is not a file"
        if _unsafe_mode(st.st_mode):
            return f"{ref} can be read by group or others; run chmod 600 {ref}"
        if st.st_size == 0:
            return f"{ref} is empty; write the secret into it"
    return None


def read(name: str, how: str, ref: str) -> str:
    """The value of the secret ``name`` (``section.key``), read now from its source."""
    key = f"{name}_{how}"
    if how == "env":
        value = os.environ.get(ref)
        if value is None:
            raise SecretError(f"{key}: the environment variable {ref} is not set")
        if not value.strip():
            raise SecretError(f"{key}: the environment variable {ref} is set but empty")
        return value
    if how == "file":
        problem = check(how, ref)
        if problem:
            raise SecretError(f"{key}: {problem}")
        try:
            value = Path(ref).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SecretError(f"{key}: cannot read {ref}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise SecretError(f"{key}: {ref} is not UTF-8 text") from None
        if not value:
            raise SecretError(f"{key}: {ref} holds only white space; write the secret into it")
        return value
    # The program's name, never the whole command line: a careless one may hold the secret itself.
    program = (ref.split() or ["?"])[0]
    try:
        done = subprocess.run(ref, shell=True, capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired:
        raise SecretError(f"{key}: the command ({program} ...) timed out after {COMMAND_TIMEOUT} s") from None
    if done.returncode != 0:
        why = {127: ": no such program (is it installed, and on the PATH of the user focusd runs as?)",
               126: ": the program cannot be run (is it executable?)"}.get(done.returncode, "")
        raise SecretError(f"{key}: the command ({program} ...) exited {done.returncode}{why}")
    if not done.stdout.strip():
        raise SecretError(f"{key}: the command ({program} ...) printed nothing")
    return done.stdout.strip()
