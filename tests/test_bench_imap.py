"""The IMAP benchmark runs end to end at its quick size and prints every figure it promises."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.servers import LDA, need


def test_imap_bench_quick_prints_its_table() -> None:
    need("dovecot", "apt-get install -y dovecot-imapd")
    need(LDA, "apt-get install -y dovecot-imapd")
    if os.geteuid() != 0:
        pytest.skip("the bench starts Dovecot as root (mail as uid nobody), as CI does")
    done = subprocess.run([sys.executable, "bench/imap_sync.py", "--quick"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "Traceback" not in done.stderr
    # Every contender synced the whole INBOX of the quick size, and says how fast.
    for label in ("(a) raw imapclient", "(c) focusd fetch + parse + store", "(d) focusd whole cycle"):
        assert re.search(re.escape(label) + r".*\s[\d,]+\s+[\d.]+\s.*\(300 messages\)", out), out
    assert re.search(r"\(b\) mbsync.*(\(300 messages\)|n/a)", out), out
    assert re.search(r"focusd fetch \+ parse \+ store\s+[\d,]+\s+[\d.]+\s+[\d.]+x of raw", out), out
    assert re.search(r"1,000 messages\s+[\d.]+ ms", out), out
    assert "arrival to stored item" in out and re.search(r"(median [\d.]+ s|n/a \(no wait_for_new\))", out), out
