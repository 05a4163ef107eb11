"""Real servers for the tests, started on loopback (see the testing notes kept with the project).

Dovecot runs from a throwaway folder under /tmp: its auth process runs as user ``dovecot`` and
cannot enter pytest's own temporary folders. Mail is delivered with dovecot-lda, as a real
server would deliver it, so the Maildir on disk is laid out exactly as Dovecot lays it out.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

LDA = "/usr/lib/dovecot/dovecot-lda"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def need(binary: str, install: str) -> None:
    if shutil.which(binary) or Path(binary).exists():
        return
    message = f"{binary} is not installed: {install}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class Dovecot:
    """One Dovecot instance with one user, ``ada`` (password ``secret``)."""

    user = "ada"
    password = "secret"

    def __init__(self) -> None:
        need("dovecot", "apt-get install -y dovecot-imapd")
        need(LDA, "apt-get install -y dovecot-imapd")
        if os.geteuid() != 0:
            pytest.skip("the Dovecot fixture runs as root (mail as uid nobody), as CI does")
        self.dir = Path(tempfile.mkdtemp(prefix="focusd-dovecot-", dir="/tmp"))
        self.dir.chmod(0o755)
        (self.dir / "mail").mkdir()
        os.chown(self.dir / "mail", 65534, 65534)
        self.port = free_port()
        self.conf = self.dir / "dovecot.conf"
        self.conf.write_text(f"""base_dir = {self.dir}/run
state_dir = {self.dir}/state
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
log_path = {self.dir}/dovecot.log
mail_location = maildir:{self.dir}/mail/%u
mail_uid = nobody
mail_gid = nogroup
lda_mailbox_autocreate = yes
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {self.dir}/users
}}
userdb {{
  driver = passwd-file
  args = {self.dir}/users
}}
service imap-login {{
  inet_listener imap {{
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
""")
        (self.dir / "users").write_text(f"{self.user}:{{PLAIN}}{self.password}::::{self.dir}/mail/{self.user}::\n")
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", str(self.conf)], start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_ready()

    @property
    def maildir(self) -> Path:
        return self.dir / "mail" / self.user

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"Dovecot did not start: {(self.dir / 'dovecot.log').read_text()[-2000:]}")

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        args = [LDA, "-c", str(self.conf), "-d", self.user, "-f", "sender@example.com"]
        if folder != "INBOX":
            args += ["-m", folder]
        done = subprocess.run(args, input=raw, capture_output=True, timeout=30, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"dovecot-lda exited {done.returncode}: {done.stderr.decode(errors='replace')}")

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)
