"""The sync's worker process parses and extracts exactly as this process would, and a worker
that dies costs speed, never a message."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
import structlog

from agent import workers
from agent.app import App
from agent.clock import fixed
from agent.cycle import sync_once
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.screen import is_hostile, triage_reason
from agent.settings import load
from agent.spam import MailPolicy
from agent.workers import Extraction, Parsed, Pending, Workers
from connectors.types import RawMessage
from tests.conftest import DEMO, DEMO_NOW, LONDON, ROOT, shared_data

OWNER = Owner("Ada Lovelace", "ada@loom.example", LONDON)


def _raws() -> list[RawMessage]:
    """The demo week, both labelled weeks and the public malformed MIME messages: mail that
    yields items beside mail the parser must refuse or repair."""
    files = sorted(p for d in (DEMO / "mail", ROOT / "eval") for p in d.rglob("*") if p.is_file()
                   and "/mail/" in str(p) and not p.name.startswith("."))
    files += sorted(shared_data("mime", "malformed").glob("*.eml"))
    raws = [RawMessage("INBOX", str(p), p.read_bytes(), received=DEMO_NOW) for p in files]
    raws.append(RawMessage("INBOX", "gone", b"", error="the file vanished while it was read"))
    raws.append(RawMessage("INBOX", "empty", b"   \n"))
    raws.append(RawMessage("INBOX", "binary", b"\x00\x01\x02PK" * 300))
    # A message with a sender and nothing written: screened as having no visible text.
    raws.append(RawMessage("INBOX", "blank", b"From: Maria <maria@fund.example>\nTo: ada@loom.example\nSubject: (none)\n"
                                             b"Message-ID: <blank@fund.example>\n\n\n", received=DEMO_NOW))
    return raws


def _started(pool: Workers, raws: list[RawMessage]) -> None:
    """Parse two chunks of ``raws`` until the worker takes one: it has started and loaded the extractor."""
    for _ in range(100):
        pending = pool.submit(raws[:2 * workers.CHUNK])
        pending.result()
        if pending.stolen < 2:
            return
        time.sleep(0.05)
    raise AssertionError("the worker never took a chunk")


def _view(parsed: list[Parsed]) -> list[tuple[str, str, str | None]]:
    return [(p.key, p.reason, json.dumps(p.message.to_json(), sort_keys=True) if p.message else None)
            for p in parsed]


def test_worker_parses_and_extracts_as_this_process_does() -> None:
    raws = _raws()
    here = workers._inline(raws)
    with Workers(Extraction(OWNER), parallel_from=1) as pool:
        _started(pool, raws)
        pending = pool.submit(raws)
        there = pending.result()
        assert pool._child is not None and not pool._broken
        assert pending.stolen < -(-len(raws) // workers.CHUNK)  # it really ran in the worker, in part at least
    assert len(raws) > 100
    assert _view(there) == _view(here)
    assert sum(p.message is None for p in here) >= 3  # the refused ones are refused alike, with the same reason
    extractor = EmbeddedExtractor()
    extracted = 0
    screened: Counter[str] = Counter()
    for p in there:
        if p.message is None:
            assert p.proposed is None and p.hostile is None
            continue
        reason = triage_reason(p.message)  # what triage skips whoever the owner knows is not extracted
        screened[reason] += 1
        assert p.hostile in (None, is_hostile(p.message))  # looked for where nothing else skips it
        assert (p.hostile is None) == bool(reason and reason != "hostile")
        if reason:
            assert p.proposed is None
            continue
        assert p.proposed is not None
        mine = [i.to_json() for i in extractor.extract(p.message, OWNER)]
        assert [i.to_json() for i in p.proposed] == mine
        extracted += bool(mine)
    assert extracted >= 40
    assert screened["bulk"] >= 5 and screened["no visible text"] >= 1, screened


def test_while_the_worker_is_busy_this_process_takes_chunks_from_the_end_and_nothing_twice() -> None:
    raws = _raws()
    extractor = EmbeddedExtractor()
    with Workers(Extraction(OWNER), parallel_from=1) as pool:
        pending = pool.submit(raws)  # the worker is still starting: this process does not just wait
        there = pending.result()
        assert not pool._broken
    chunks = -(-len(raws) // workers.CHUNK)
    assert chunks >= 5
    assert 1 <= pending.stolen < chunks  # both did some: the worker, once started, takes the first waiting chunk
    assert _view(there) == _view(workers._inline(raws))  # each message once, in order
    # a chunk taken here is extracted here, as the worker would have: the graph need not
    assert all(p.proposed is not None for p in there if p.message is not None and not triage_reason(p.message))
    proposed = [[i.to_json() for i in p.proposed] for p in there if p.proposed is not None]
    assert len(proposed) >= 100
    assert proposed == [[i.to_json() for i in extractor.extract(p.message, OWNER)]
                        for p in there if p.proposed is not None]


def _big_mail(n: int) -> RawMessage:
    body = "".join(f"Line {i} of the quarterly notes for message {n}, with nothing to do in it.\n" for i in range(600))
    raw = (f"From: Maria <maria@fund.example>\nTo: ada@loom.example\nSubject: notes {n}\n"
           f"Date: Wed, 18 Nov 2026 09:00:00 +0000\nMessage-ID: <big{n}@fund.example>\n\n"
           f"Could you send me report {n} by Friday?\n{body}").encode()
    return RawMessage("INBOX", f"big{n}", raw, received=DEMO_NOW)


def test_chunks_and_answers_bigger_than_a_pipe_flow_both_ways_at_once() -> None:
    """Two chunks are with the worker at a time, each and each answer far bigger than a pipe
    holds: the worker reads the next chunk while it answers the last, so neither side waits on
    the other (with one reader between answers, both blocked for good)."""
    raws = [_big_mail(n) for n in range(8 * workers.CHUNK)]
    assert sum(len(r.data) for r in raws[: workers.CHUNK]) > 1_000_000
    got: list[list[Parsed]] = []
    with Workers(None, parallel_from=1) as pool:
        _started(pool, raws)
        pending = pool.submit(raws)
        waiting = threading.Thread(target=lambda: got.append(pending.result()), daemon=True)
        waiting.start()
        waiting.join(60)
        assert not waiting.is_alive(), "the worker and this process wait on each other"
        assert not pool._broken
    assert _view(got[0]) == _view(workers._inline(raws))
    # Without the extractor this process is the busier one: the worker parses most of the batch.
    assert pending.stolen <= 8 - workers.IN_FLIGHT


def test_a_chunk_the_worker_cannot_unpickle_is_parsed_here_and_the_worker_goes_on() -> None:
    """imapclient's own time zone pickles but cannot be unpickled: a chunk carrying one comes back
    as failed, is parsed here, and the worker takes the next chunks (before, its reading thread
    died, and the sync waited CHUNK_WAIT on it)."""
    from imapclient.fixed_offset import FixedOffset

    raws = [_big_mail(n) for n in range(6 * workers.CHUNK)]
    odd = workers.CHUNK * 2  # the first message of the third chunk
    raws[odd] = RawMessage("INBOX", raws[odd].key, raws[odd].data,
                           received=datetime(2026, 11, 18, 9, 0, tzinfo=FixedOffset(60)))
    with structlog.testing.capture_logs() as logs, Workers(None, parallel_from=1) as pool:
        _started(pool, raws)
        done: list[list[Parsed]] = []
        waiting = threading.Thread(target=lambda: done.append(pool.parse(raws)), daemon=True)
        waiting.start()
        waiting.join(60)
        assert not waiting.is_alive(), "the sync waited on the worker"
        assert not pool._broken
        again = pool.submit(raws[:3 * workers.CHUNK])  # the worker still takes chunks
        assert _view(again.result()) == _view(workers._inline(raws[:3 * workers.CHUNK]))
        assert again.stolen < 3
    assert _view(done[0]) == _view(workers._inline(raws))
    assert [e["event"] for e in logs].count("workers.chunk_inline") >= 1
    assert [e["event"] for e in logs].count("workers.inline") == 0


def test_a_chunk_this_process_fails_on_is_parsed_again_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a chunk the worker fails on: the batch still comes back whole, in order."""
    raws = _raws()

    def broken(msg: object) -> bool:
        raise ValueError("a screen that fails here")

    monkeypatch.setattr(workers, "is_hostile", broken)  # this process's only: the worker imports its own
    with structlog.testing.capture_logs() as logs, Workers(Extraction(OWNER), parallel_from=1) as pool:
        pending = pool.submit(raws)  # the worker is still starting: this process takes chunks
        there = pending.result()
        assert not pool._broken  # the worker itself did nothing wrong
    assert pending.stolen >= 1
    assert _view(there) == _view(workers._inline(raws))
    assert "workers.chunk_inline" in [e["event"] for e in logs]


def _children() -> set[int]:
    """The pids of this process's child processes."""
    kids = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:  # a process that ended while it was read
            continue
        if fields.get("PPid", "").strip() == str(os.getpid()):
            kids.add(int(status.parent.name))
    return kids


def test_the_worker_is_one_plain_child_and_is_gone_after_the_sync() -> None:
    """No fork server or resource tracker beside it: those would cost memory on a small host."""
    before = _children()
    with Workers(Extraction(OWNER), parallel_from=1) as pool:
        pool.parse(_raws()[:120])
        assert pool._child is not None
        pid = pool._child.pid
        assert _children() - before == {pid}
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        assert cmdline[1] == b"-c"
    assert pid not in _children()  # stopped and reaped when the sync ends


def test_a_stalled_worker_is_stopped_and_its_chunk_parsed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that stops answering (stuck, or stopped by a signal) costs CHUNK_WAIT, never a
    stuck sync."""
    monkeypatch.setattr(workers, "CHUNK_WAIT", 3.0)
    raws = _raws()[::6]
    expected = _view(workers._inline(raws))
    got: list[list[Parsed]] = []
    with structlog.testing.capture_logs() as logs, Workers(Extraction(OWNER), parallel_from=1) as pool:
        _started(pool, raws)
        assert pool._child is not None
        os.kill(pool._child.pid, signal.SIGSTOP)
        waiting = threading.Thread(target=lambda: got.append(pool.parse(raws)), daemon=True)
        waiting.start()
        waiting.join(60)
        assert not waiting.is_alive(), "the sync waited on a stalled worker"
        assert _view(got[0]) == expected
        assert pool._broken
        assert pool._child.poll() is not None  # it was stopped for good
    assert [e["event"] for e in logs].count("workers.inline") == 1


def test_a_sync_suspended_longer_than_the_watchdog_keeps_its_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-Z for ten minutes, then fg: this process's clock jumps past CHUNK_WAIT while the
    worker did nothing wrong. Only time spent waiting counts, so the worker is not stopped."""
    monkeypatch.setattr(workers, "CHUNK_WAIT", 5.0)
    raws = _raws()[: 8 * workers.CHUNK]
    clock = [time.monotonic()]

    def jumping() -> float:  # every look at the clock finds ten minutes gone
        clock[0] += 600.0
        return clock[0]

    with structlog.testing.capture_logs() as logs, Workers(Extraction(OWNER), parallel_from=1) as pool:
        _started(pool, raws)
        monkeypatch.setattr(workers.time, "monotonic", jumping)
        pending = pool.submit(raws)
        assert _view(pending.result()) == _view(workers._inline(raws))
        assert not pool._broken
        assert pending.stolen < -(-len(raws) // workers.CHUNK)  # the worker took chunks
    assert "workers.inline" not in [e["event"] for e in logs]


def test_a_stuck_worker_does_not_outlive_a_killed_sync(tmp_path: Path) -> None:
    """The syncing process is killed (SIGKILL, the OOM killer) while its worker is stuck on a
    chunk: the kernel stops the worker too."""
    import subprocess
    import sys

    script = tmp_path / "sync.py"
    script.write_text(f"""
import os, signal, sys
sys.path.insert(0, {str(ROOT)!r})
from tests.test_workers import _big_mail, _started
from agent.workers import Workers
pool = Workers(None, parallel_from=1)
raws = [_big_mail(n) for n in range(200)]
_started(pool, raws)
open({str(tmp_path / "pid")!r}, "w").write(str(pool._child.pid))
os.kill(pool._child.pid, signal.SIGSTOP)  # stuck: it can notice nothing itself
pool.submit(raws)
os.kill(os.getpid(), signal.SIGKILL)
""")
    # No pipes to it: a worker left behind would hold them open, and this test would wait on them.
    done = subprocess.run([sys.executable, str(script)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=120)
    assert done.returncode == -signal.SIGKILL
    pid = int((tmp_path / "pid").read_text())

    def alive() -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        return state != "Z"  # a zombie is dead, waiting for init to reap it

    deadline = time.monotonic() + 10
    while alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if alive():
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the worker outlived the sync that started it")


def test_the_parsers_warnings_from_the_worker_are_logged_here() -> None:
    """The worker writes no log: what it repaired is logged by this process, in its format and level."""
    raws = _raws()[::6]  # every sixth: each kind of mail, in a sixth of the time
    with structlog.testing.capture_logs() as inline_logs:
        workers._inline(raws)
    with structlog.testing.capture_logs() as logs, Workers(Extraction(OWNER), parallel_from=1) as pool:
        _started(pool, raws)
        logs.clear()
        pending = pool.submit(raws)
        pending.result()
        assert pending.stolen < -(-len(raws) // workers.CHUNK)
    repaired = [e for e in logs if e["event"] == "message.repaired"]
    assert repaired and len(repaired) == sum(e["event"] == "message.repaired" for e in inline_logs)


def test_a_thread_that_cannot_start_leaves_a_sync_that_closes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    raws = [r for r in _raws() if "week-em" in r.key]
    expected = _view(workers._inline(raws))
    monkeypatch.setattr(threading.Thread, "start", refuse)
    with structlog.testing.capture_logs() as logs:
        pool = Workers(Extraction(OWNER), parallel_from=1)
        assert _view(pool.parse(raws)) == expected
        pool.close()  # no thread to join
    assert pool._broken and [e["event"] for e in logs].count("workers.inline") == 1


@pytest.mark.parametrize("closed", [0, 1])
def test_a_worker_started_with_stdin_or_stdout_closed_still_works(closed: int) -> None:
    """A pipe that gets number 0 or 1 (focusd started with that closed) is moved above 2 for the worker."""
    import subprocess
    import sys

    code = ("import sys, json\nfrom tests.test_workers import _raws, _started, OWNER\n"
            "from agent.workers import Workers, Extraction, CHUNK\nraws = _raws()[::6]\n"
            "with Workers(Extraction(OWNER), parallel_from=1) as pool:\n"
            "    _started(pool, raws)\n    p = pool.submit(raws)\n    out = p.result()\n"
            "    print(json.dumps([pool._broken, p.stolen, -(-len(raws) // CHUNK), len(out)]), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: os.close(closed))  # noqa: PLW1509 - the closed descriptor is the test
    broken, stolen, chunks, n = json.loads(done.stderr.strip().splitlines()[-1])
    assert (broken, n) == (False, len(_raws()[::6])) and stolen < chunks


def test_worker_screens_mail_as_triage_does_with_the_owners_lists() -> None:
    raws = [r for r in _raws() if "week-em" in r.key]
    listed = [p for p in workers._inline(raws) if p.message is not None and p.message.list_id]
    assert listed
    lists = MailPolicy.of([listed[0].message.list_id]).lists  # type: ignore[union-attr]
    with Workers(Extraction(OWNER, lists=lists), parallel_from=1) as pool:
        there = {p.key: p for p in pool.parse(raws, "INBOX")}
    mine = there[listed[0].key]
    assert mine.message is not None and mine.message.folder == "INBOX"
    assert triage_reason(mine.message, MailPolicy(lists=lists)) == ""
    assert mine.proposed is not None  # an allowed list's mail is read like personal mail
    others = [there[p.key] for p in listed[1:] if triage_reason(there[p.key].message, MailPolicy(lists=lists))]
    assert all(p.proposed is None for p in others)


def test_worker_skips_extraction_of_mail_older_than_max_age() -> None:
    raws = [r for r in _raws() if "/demo/" in r.key]
    with Workers(Extraction(OWNER, oldest=DEMO_NOW), parallel_from=1) as pool:
        parsed = pool.parse(raws)
    assert parsed and all(p.proposed is None for p in parsed)  # the whole demo week is older than its "now"


def test_a_small_batch_stays_in_this_process() -> None:
    with Workers(Extraction(OWNER)) as pool:
        parsed = pool.parse(_raws()[:5])
        assert pool._child is None and pool._feeder is None
    assert all(p.proposed is None for p in parsed)


def test_a_dead_worker_costs_speed_not_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    raws = _raws()
    expected = _view(workers._inline(raws))
    crashed: list[str] = []  # the pool's own threads too: one that dies leaves a process that cannot exit
    monkeypatch.setattr(threading, "excepthook", lambda args: crashed.append(f"{args.thread}: {args.exc_value!r}"))
    with structlog.testing.capture_logs() as logs, Workers(Extraction(OWNER), parallel_from=1) as pool:
        _started(pool, raws)
        assert pool._child is not None
        os.kill(pool._child.pid, signal.SIGKILL)  # the worker is killed, as the OOM killer would
        assert _view(pool.parse(raws)) == expected
        assert pool._broken
        assert _view(pool.parse(raws[:3])) == expected[:3]
    assert [e["event"] for e in logs].count("workers.inline") == 1
    assert crashed == []


def _items(app: App) -> list[tuple[str, str, str | None, str, str]]:
    return sorted((i.kind, i.title, i.due, i.evidence, i.message_id) for i in app.store.items(("open", "done")))


@pytest.mark.parametrize("week", ["demo", "week-em"])
def test_a_sync_with_the_worker_stores_what_one_without_it_stores(week: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    source = DEMO if week == "demo" else ROOT / "eval" / week
    got = {}
    real = Workers.submit
    for mode, threshold in (("worker", 1), ("inline", 10**9)):
        folder = tmp_path / mode
        shutil.copytree(source, folder)
        if week != "demo":
            shutil.copy(DEMO / "focusd.toml", folder / "focusd.toml")
        monkeypatch.setattr(workers, "PARALLEL_FROM", threshold)
        app = App(load(folder / "focusd.toml"), fixed(DEMO_NOW))
        used: list[bool] = []

        def spy(self: Workers, raws: list[RawMessage], folder: str = "", used: list[bool] = used) -> Pending:
            out = real(self, raws, folder)
            used.append(self._feeder is not None)
            return out

        monkeypatch.setattr(Workers, "submit", spy)
        report = sync_once(app)
        assert report.fetched > 20 and any(used) == (mode == "worker")
        got[mode] = (_items(app), app.store.count("messages"), report.outcomes)
        app.close()
    assert got["worker"] == got["inline"]
    assert got["worker"][0]  # items were found at all


def test_two_messages_under_one_message_id_each_keep_their_own_items(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A second, different message reusing a Message-ID in the same big batch is kept under a
    derived id; what the worker extracted for one never goes to the other."""
    import shutil

    clash = ("From: \"Jordan Lee\" <jordan@talentbridge.example>\nTo: \"Ada Lovelace\" <ada@loom.example>\n"
             "Subject: NDA\nDate: Tue, 17 Nov 2026 10:00:00 +0000\nMessage-ID: <m9.jordan@talentbridge.example>\n"
             "\nHi Ada,\n\nCould you sign the mutual NDA for the Harbor intro by Monday?\n\nJordan\n")
    got = {}
    for mode, threshold in (("worker", 1), ("inline", 10**9)):
        folder = tmp_path / mode
        shutil.copytree(DEMO, folder)
        (folder / "mail" / "cur" / "1795100000.M999P1.demo:2,S").write_text(clash)
        monkeypatch.setattr(workers, "PARALLEL_FROM", threshold)
        app = App(load(folder / "focusd.toml"), fixed(DEMO_NOW))
        report = sync_once(app)
        assert report.clashes == 1
        got[mode] = _items(app)
        app.close()
    assert got["worker"] == got["inline"]
    nda = [i for i in got["worker"] if "NDA" in i[3]]
    feedback = [i for i in got["worker"] if "feedback on Alex" in i[3]]
    assert len(nda) == 1 and nda[0][4].endswith("@focusd.clash>")  # under the derived id
    assert len(feedback) == 1 and feedback[0][4] == "<m9.jordan@talentbridge.example>"


def test_the_first_big_batch_is_parsed_here_while_the_worker_starts() -> None:
    raws = [r for r in _raws() if "week-em" in r.key]
    expected = _view(workers._inline(raws))
    with Workers(Extraction(OWNER), parallel_from=1, first_here=True) as pool:
        first = pool.parse(raws, "INBOX")
        assert pool._feeder is not None  # started beside it
        second = pool.parse(raws, "INBOX")
        assert not pool._broken
    assert _view(first) == _view(second) == expected
    assert all(p.proposed is None for p in first)  # parsed here: the graph extracts these itself
    assert sum(p.proposed is not None for p in second) >= 20  # the worker took the next one, extractor loaded


@pytest.mark.parametrize("first_here", [True, False])
def test_a_worker_that_cannot_start_is_logged_and_the_batch_parsed_here(monkeypatch: pytest.MonkeyPatch,
                                                                       first_here: bool) -> None:
    """A process the host refuses to start (out of processes or memory: OSError) is the dead
    worker's case: one log line, and every message parsed here, whichever thread met it."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(workers.subprocess, "Popen", refuse)
    raws = [r for r in _raws() if "week-em" in r.key]
    expected = _view(workers._inline(raws))
    with structlog.testing.capture_logs() as logs, Workers(Extraction(OWNER), parallel_from=1,
                                                           first_here=first_here) as pool:
        first = pool.parse(raws)
        for _ in range(100):  # the warm-up thread meets it beside the first batch
            if pool._broken:
                break
            time.sleep(0.01)
        assert pool._broken
        assert _view(first) == _view(pool.parse(raws)) == expected
    assert [e["event"] for e in logs].count("workers.inline") == 1
