"""Peak memory of one sync on big mail, against holding and parsing the same mail at once.

Builds a Maildir of 40 messages of 1.3 MB each (52 MB: a short ask and a base64 attachment),
and others holding a single message of 50 MB and of 400 MB. Each is synced by ``focusd sync`` in its own
process, and its peak RSS is read from the kernel. The baseline, measured in the same run, is a
process that reads every file of the folder and parses them all with the stdlib before doing
anything else, as a batch of 500 raw messages used to be held.

    python bench/memory.py                      # focusd here, against the naive parse
    python bench/memory.py --against ../old     # and another checkout of focusd on the same mail
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-19T07:30:00+00:00"


def write_message(path: Path, n: int, attachment_bytes: int) -> int:
    """One message with a short ask and a base64 attachment, streamed to ``path`` in chunks:
    this process must stay small, or its peak would show in the children measured after it."""
    head = (f"From: Sender {n} <s{n}@example.org>\nTo: Ada <ada@example.com>\nSubject: scan {n}\n"
            f"Date: Wed, 18 Nov 2026 09:{n % 60:02d}:00 +0000\nMessage-ID: <scan{n}@example.org>\n"
            'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
            f"--b\nContent-Type: text/plain\n\nCould you sign page {n} of the attached scan by Friday?\n"
            "--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=scan.pdf\n"
            "Content-Transfer-Encoding: base64\n\n").encode()
    with path.open("wb") as out:
        out.write(head)
        left = attachment_bytes
        while left > 0:
            chunk = min(left, 57 * 2**16)  # whole 57-byte lines of base64, so the lines join up
            out.write(base64.encodebytes(os.urandom(chunk)))
            left -= chunk
        out.write(b"--b--\n")
    return path.stat().st_size


def mailbox(root: Path, sizes: list[int]) -> int:
    for sub in ("cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"):
        (root / "mail" / sub).mkdir(parents=True, exist_ok=True)
    total = 0
    for n, size in enumerate(sizes):
        total += write_message(root / "mail" / "new" / f"17950000{n:02d}.M{n}P1.bench", n, size)
    (root / "focusd.toml").write_text(textwrap.dedent("""\
        [owner]
        name = "Ada Lovelace"
        email = "ada@example.com"
        timezone = "Europe/London"
        [mail]
        backend = "maildir"
        path = "mail"
        [storage]
        path = "focusd.db"
        [smtp]
        path = "outbox"
        """))
    return total


def peak_rss_mib(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``argv`` to completion; its peak RSS in MiB and its wall time in seconds."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=dict(os.environ, FOCUSD_NOW=NOW),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    if child.stderr is not None:
        err = child.stderr.read().decode(errors="replace")
        if err.strip():
            print(textwrap.indent(err.strip()[-400:], "    "), file=sys.stderr)
    return usage.ru_maxrss / 1024, took


NAIVE = """
import email, pathlib, sys
raws = [p.read_bytes() for p in sorted(pathlib.Path(sys.argv[1]).iterdir())]
msgs = [email.message_from_bytes(r) for r in raws]
print(sum(len(m.get_payload()) for m in msgs))
"""


def sync(tree: Path, sizes: list[int]) -> tuple[float, float, int]:
    """Peak RSS and time of ``focusd sync`` from the checkout ``tree`` on a fresh mailbox."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        total = mailbox(work, sizes)
        rss, took = peak_rss_mib([sys.executable, "-m", "agent.cli", "--config", str(work / "focusd.toml"),
                                  "sync", "--once"], tree)
        return rss, took, total


def main() -> None:
    against = Path(sys.argv[sys.argv.index("--against") + 1]).resolve() if "--against" in sys.argv else None
    py = sys.executable
    print(f"{'case':<28} {'mail':>6} {'focusd sync':>17} {'naive parse':>12}"
          + (f" {'other checkout':>20}" if against else ""))
    floor, _ = peak_rss_mib([py, "-c", "import agent.cycle, agent.graph, agent.extractors.embedded"], ROOT)
    for name, sizes in (("40 mails of 1.3 MB", [950_000] * 40), ("one mail of 50 MB", [36_500_000]),
                        ("one mail of 400 MB", [300_000_000])):
        ours, took, total = sync(ROOT, sizes)
        with tempfile.TemporaryDirectory() as tmp:
            mailbox(Path(tmp), sizes)
            naive, _ = peak_rss_mib([py, "-c", NAIVE, str(Path(tmp) / "mail" / "new")], ROOT)
        line = (f"{name:<28} {total / 2**20:>3.0f} MB {ours:>5.0f} MiB {took:>5.1f} s {naive:>8.0f} MiB"
                f" ({naive / ours:.1f}x)")
        if against:
            theirs, their_took, _ = sync(against, sizes)
            line += f" {theirs:>6.0f} MiB {their_took:>5.1f} s ({theirs / ours:.1f}x)"
        print(line)
    print(f"(importing focusd's cycle alone peaks at {floor:.0f} MiB; peak RSS as the kernel reports it)")


if __name__ == "__main__":
    main()
