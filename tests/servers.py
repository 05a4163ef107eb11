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
import threading
import time
from pathlib import Path

LDA = "/usr/lib/dovecot/dovecot-lda"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def need(binary: str, install: str) -> None:
    if shutil.which(binary) or Path(binary).exists():
        return
    import pytest  # here, not at the top: the IMAP bench uses this module without pytest

    message = f"{binary} is not installed: {install}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def make_dovecot_dir(prefix: str, user: str, password: str) -> tuple[Path, int, Path]:
    """A folder under /tmp (Dovecot's auth process cannot enter pytest's) holding a config for
    one Dovecot on a free loopback port with one user: (folder, port, config file). The IMAP
    bench starts its Dovecot from here too."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    folder.chmod(0o755)
    (folder / "mail").mkdir()
    os.chown(folder / "mail", 65534, 65534)
    port = free_port()
    conf = folder / "dovecot.conf"
    conf.write_text(f"""base_dir = {folder}/run
state_dir = {folder}/state
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
log_path = {folder}/dovecot.log
mail_location = maildir:{folder}/mail/%u
mail_uid = nobody
mail_gid = nogroup
lda_mailbox_autocreate = yes
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {folder}/users
}}
userdb {{
  driver = passwd-file
  args = {folder}/users
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
# No authentication penalty (Dovecot's documented switch): after a refused login it holds every
# later login from the IP, good ones too, 4 s and more; the tests that refuse one share a server.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
""")
    (folder / "users").write_text(f"{user}:{{PLAIN}}{password}::::{folder}/mail/{user}::\n")
    return folder, port, conf


class Dovecot:
    """One Dovecot instance with one user, ``ada`` (password ``secret``)."""

    user = "ada"
    password = "secret"

    def __init__(self) -> None:
        need("dovecot", "apt-get install -y dovecot-imapd")
        need(LDA, "apt-get install -y dovecot-imapd")
        if os.geteuid() != 0:
            import pytest

            pytest.skip("the Dovecot fixture runs as root (mail as uid nobody), as CI does")
        # The free port is picked before Dovecot binds it: another server started on this host in
        # between (a parallel test run) makes this one exit. A fresh folder and port then retries.
        for attempt in range(3):
            self.dir, self.port, self.conf = make_dovecot_dir("focusd-dovecot-", self.user, self.password)
            self.proc = subprocess.Popen(["dovecot", "-F", "-c", str(self.conf)], start_new_session=True,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                self._wait_ready()
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    @property
    def maildir(self) -> Path:
        return self.dir / "mail" / self.user

    def _wait_ready(self) -> None:
        # Generous: on a loaded two-core machine Dovecot has been seen to need more than 10 s.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.02)
        # Read the log before stop() removes the folder it is in; it may never have been written.
        log = self.dir / "dovecot.log"
        told = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log written)"
        code = self.proc.poll()
        self.stop()
        raise RuntimeError(f"Dovecot did not start (exit code {code}): {told}")

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


class CuttingProxy:
    """A TCP proxy to ``port`` on loopback that resets its first ``cuts`` connections once the
    server has sent ``after`` bytes on them: a server that dies in the middle of a response."""

    def __init__(self, port: int, after: int, cuts: int = 1) -> None:
        self.upstream, self.after, self.cuts = port, after, cuts
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                down, _ = self.listener.accept()
            except OSError:
                return
            up = socket.create_connection(("127.0.0.1", self.upstream))
            self.connections += 1
            limit = self.after if self.connections <= self.cuts else None
            threading.Thread(target=self._pump, args=(down, up, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(up, down, limit), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while data := src.recv(65536):
                if limit is not None and sent + len(data) > limit:
                    dst.sendall(data[: limit - sent])
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self) -> None:
        self.listener.close()


class GarbageServer:
    """Not an IMAP server: it greets with ``greeting`` and answers every line with ``answer``,
    then hangs up after ``lines`` lines. For the failures no real server produces on purpose."""

    def __init__(self, greeting: bytes, answer: bytes = b"", lines: int = 1) -> None:
        self.greeting, self.answer, self.lines = greeting, answer, lines
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.sendall(self.greeting)
            reader = conn.makefile("rb")
            for _ in range(self.lines):
                line = reader.readline()
                if not line:
                    return
                tag = line.split(b" ", 1)[0]
                conn.sendall(self.answer.replace(b"TAG", tag))

    def close(self) -> None:
        self.listener.close()
