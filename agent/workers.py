"""A worker process for the half of a big sync that needs no store: parsing, screening and the
embedded extractor.

A first sync reads thousands of messages. Per message, parsing and the embedded extractor cost
more than everything else the cycle does, and neither reads the store, so on a batch worth it
they run in a worker process while this one fetches the next batches and runs the rest of the
graph: both cores work. The worker's answers are the same as this process's would be: the same
``try_parse``, and the same extractor over the same message and owner.

The worker is one plain child interpreter (``python -c``) that imports the parser and the
extractor and nothing else, spoken to over two pipes. Its chunks wait in a queue in this
process: a thread here hands the worker the first waiting chunk whenever it is free, and this
process, while it waits for a batch, takes that batch's waiting chunks from the end and does
them itself. So each chunk is done by exactly one side, decided under one lock in one process,
and no helper process (multiprocessing's fork server or resource tracker) costs memory.

A small batch (the daemon's steady state: a few new messages) is parsed here, since a worker
costs a start-up and its memory; the worker is started on the first big batch and stopped when
the sync ends. When the worker dies, stalls past CHUNK_WAIT on one chunk, or cannot start, that
chunk and every later one are parsed here instead, with one line in the log: the sync slows
down, and nothing is lost.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

from agent.extractors.base import Extractor, Owner
from agent.screen import is_hostile, triage_reason
from agent.spam import MailPolicy, scam_traits
from connectors.mime import try_parse
from connectors.types import Message, RawMessage
from planner.models import Item

PARALLEL_FROM = 100  # messages in a batch before a worker pays for its start-up
CHUNK = 50  # messages per task: small enough that the worker's answers stream back
# Chunks handed to the worker at once: while it parses one, the next waits in its pipe. With one,
# it sat idle after each chunk until this process's feeding thread got the GIL back to hand it
# another: on a first sync it was busy only half the time.
IN_FLIGHT = 2
# A batch's waiting chunks before this process, waiting for that batch, takes one itself (from
# the end), when the worker only parses. Parsing alone, the worker keeps up, and this process is
# the busier one (fetching, storing): taking the last chunks too slowed a first sync of 10,000
# messages. When the worker also extracts, it is the busier one, and this process takes any
# waiting chunk (leaving them cost the first sync of 50,000 a sixth of its speed).
STEAL_FROM = 3
# One worker beside this process keeps both cores of a two-core host busy. A second one synced
# 10,000 messages a fifth faster (1,020 against 800 msg/s) but took the first sync of 50,000
# from 190 to 246 MiB in all: over what a small host should spend.
# Seconds a batch may wait on the worker's one chunk before the worker is taken for stuck, stopped,
# and its chunk parsed here. A chunk of 50 messages takes a few tenths of a second. Only time
# spent waiting counts, each wait at most WATCH_STEP: a sync suspended (Ctrl-Z) for longer than
# this must not find its healthy worker stuck when it is resumed.
CHUNK_WAIT = 120.0
WATCH_STEP = 1.0
START_WAIT = 60.0  # seconds the worker has to start and load the extractor (under a second here)
STOP_WAIT = 5.0  # seconds the worker has to exit when the sync ends, before it is killed
# What the child interpreter runs: it takes this process's import path, then serves.
# It ignores the terminal's Ctrl-C and a stop sent to the whole process group (systemd's), first
# of all: the syncing process stops it over the pipe once the round in hand is done. On Linux it
# asks the kernel to kill it when the thread that started it ends, so that a worker stuck on a
# chunk never outlives a syncing process that was killed; and it leaves if that process is
# already gone.
_CHILD = ("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
          "import os\nimport sys\n"
          "if sys.platform == 'linux':\n"
          "    try:\n"
          "        import ctypes\n"
          "        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG\n"
          "    except Exception:\n"
          "        pass\n"
          "if os.getppid() != {parent}:\n"
          "    os._exit(0)\n"
          "from multiprocessing.connection import Connection\n"
          "inbox = Connection({read}, writable=False)\nsys.path[:] = inbox.recv()\n"
          "from agent.memory import tune\ntune()\n"  # before the imports, as the focusd command does
          "from agent.workers import serve\nserve(inbox, Connection({write}, readable=False))\n")


@dataclass
class Parsed:
    """One raw message, parsed: ``message`` and ``reason`` as ``try_parse`` gives them, and
    ``proposed``, the embedded extractor's items when the worker ran it (None: not run), and
    ``hostile``, whether its text is hostile, when the worker looked (None: not looked at)."""

    key: str
    message: Message | None
    reason: str
    proposed: list[Item] | None = None
    hostile: bool | None = None


@dataclass(frozen=True)
class Extraction:
    """What the worker needs to extract as this process would: the owner, the oldest date worth
    extracting, and the lists the owner reads like personal mail (mail that triage skips whoever
    the owner knows, such as older or bulk mail, yields nothing, so the worker spends no time on it)."""

    owner: Owner
    oldest: datetime | None = None
    lists: frozenset[str] = frozenset()  # as MailPolicy.of keeps them



_extractor: Extractor | None = None  # the worker's own, built on its first task


def _warn(event: str, **fields: str) -> None:
    # Only this process warns; the worker, which imports this module too, need not load structlog.
    import structlog

    with contextlib.suppress(Exception):  # a log that cannot be written changes nothing the sync does
        structlog.get_logger(__name__).warning(event, **fields)


def _above_stdio(fd: int) -> int:
    """``fd`` as a descriptor numbered 3 or more (``fd`` itself closed when it was lower)."""
    if fd > 2:
        return fd
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3)
    os.close(fd)
    return moved


def _relay(warned: list[tuple[str, dict[str, str]]]) -> None:
    """Log the parser's warnings that the worker sent back, as this process logs its own."""
    if warned:
        import structlog

        for event, fields in warned:
            with contextlib.suppress(Exception):  # a log that cannot be written (a closed stdout) stops no worker
                structlog.get_logger("connectors.mime").warning(event, **fields)


def serve(inbox: Connection, outbox: Connection) -> None:
    """The worker's loop: answer each task from ``inbox`` on ``outbox`` until told to stop (None)
    or this process goes away. Each answer is (status, value, the parser's warnings): a chunk that
    fails comes back as ("error", its exception's name, ...). The worker writes no log of its own."""
    import connectors.mime as mime

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    mime.warnings_sink = []
    # The tasks are read as they come, by a thread of their own: the syncing process sends the next
    # chunk while this one is parsed, and a chunk and an answer are each bigger than a pipe holds,
    # so a worker that read only between answers would block on its answer while that process
    # blocked on the next chunk. It never sends more than IN_FLIGHT unanswered.
    tasks: queue.SimpleQueue[tuple[str, tuple[Any, ...]] | None] = queue.SimpleQueue()
    threading.Thread(target=_read_tasks, args=(inbox, tasks), daemon=True).start()
    while True:
        task = tasks.get()
        if task is None:
            return  # told to stop, or the syncing process is gone
        kind, args = task
        mime.warnings_sink.clear()
        if kind == "warm":
            _warm(*args)
            answer: tuple[str, object, list[tuple[str, dict[str, str]]]] = ("ready", None, [])
        elif kind == "unreadable":
            answer = ("error", args[0], [])
        else:
            try:
                answer = ("ok", _parse_chunk(*args), list(mime.warnings_sink))
            except Exception as exc:  # noqa: BLE001 - the chunk is parsed again there, without extraction
                answer = ("error", type(exc).__name__, [])
        try:
            outbox.send(answer)
        except (OSError, ValueError):
            return
        except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled: say so instead
            outbox.send(("error", type(exc).__name__, []))

def _read_tasks(inbox: Connection, tasks: queue.SimpleQueue[tuple[str, tuple[Any, ...]] | None]) -> None:
    while True:
        task: tuple[str, tuple[Any, ...]] | None
        try:
            task = inbox.recv()
        except (EOFError, OSError):
            task = None
        except Exception as exc:  # noqa: BLE001 - a task that cannot be read whole: answered as a failed chunk
            task = ("unreadable", (type(exc).__name__,))
        tasks.put(task)
        if task is None:
            return


def _parse_chunk(raws: list[tuple[str, bytes, datetime | None, str]], extraction: Extraction | None,
                 folder: str = "") -> list[Parsed]:
    """The worker's task: parse each raw message of ``folder``, and screen and extract from each
    readable one."""
    global _extractor
    out: list[Parsed] = []
    for key, data, received, error in raws:
        msg, reason = (None, error) if error else try_parse(data, received=received)
        parsed = Parsed(key, msg, reason)
        if msg is not None and extraction is not None:
            msg.folder = folder
            # Hostility is looked for last, as it costs the most: mail skipped for another reason
            # never needs it (triage, which asks first, looks for itself when it was not looked for).
            skipped = (extraction.oldest is not None and msg.date < extraction.oldest) or bool(triage_reason(
                msg, MailPolicy(lists=extraction.lists), None, hostile_text=False))
            if not skipped:
                parsed.hostile = is_hostile(msg)
                skipped = parsed.hostile
            if not skipped:
                # What triage asks of a stranger's mail, read here beside the parse.
                scam_traits(msg)
            if not skipped:
                if _extractor is None:
                    from agent.extractors.embedded import EmbeddedExtractor

                    _extractor = EmbeddedExtractor()
                try:
                    parsed.proposed = _extractor.extract(msg, extraction.owner)
                except Exception:  # noqa: BLE001 - the graph extracts it again, and isolates the failure there
                    parsed.proposed = None
        out.append(parsed)
    return out


def _warm(extraction: Extraction | None) -> None:
    """The worker's first task when it starts beside a batch parsed elsewhere: load what its
    chunks will need."""
    global _extractor
    if extraction is not None and _extractor is None:
        from agent.extractors.embedded import EmbeddedExtractor

        _extractor = EmbeddedExtractor()


def _inline(raws: list[RawMessage]) -> list[Parsed]:
    out = []
    for raw in raws:
        msg, reason = (None, raw.error) if raw.error else try_parse(raw.data, received=raw.received)
        out.append(Parsed(raw.key, msg, reason))
    return out


@dataclass(eq=False)
class _Chunk:
    """Up to CHUNK raw messages of one folder, waiting in the queue (``side`` ""), or taken by
    the worker ("worker") or by this process ("here"); ``done`` once parsed, and ``failed``
    when the worker could not parse it (it is parsed here, without extraction). ``waited``:
    seconds a batch has waited while the worker worked on it."""

    raws: list[RawMessage]
    folder: str
    side: str = ""
    waited: float = 0.0
    done: list[Parsed] | None = None
    failed: bool = False

    def ready(self) -> bool:
        return self.done is not None or self.failed


class Pending:
    """A batch being parsed: ``result()`` waits for it, doing its waiting chunks meanwhile. A
    chunk the worker could not parse (it died, stalled, or could not answer) is parsed here."""

    def __init__(self, workers: Workers, chunks: list[_Chunk], done: list[Parsed] | None = None) -> None:
        self._workers, self._chunks, self._done = workers, chunks, done
        self.stolen = 0  # chunks this process took from the worker's queue

    def result(self) -> list[Parsed]:
        if self._done is None:
            w = self._workers
            while True:
                with w._cond:
                    # The batch's last waiting chunk, done here: this process would otherwise only
                    # wait, so on a two-core host both work until the batch is done. Without the
                    # extractor, the last few are left to a working worker (see STEAL_FROM).
                    waiting = [c for c in self._chunks if not c.side]
                    least = 1 if w.extraction is not None else STEAL_FROM
                    mine = waiting[-1] if waiting and (len(waiting) >= least or not w._ready) else None
                    if mine is None:
                        if all(c.ready() for c in self._chunks):
                            break
                        w._cond.wait(0.5)
                        w._watch()
                        continue
                    w._queue.remove(mine)
                    mine.side = "here"
                    broken = w._broken
                self.stolen += 1
                mine.done = _inline(mine.raws) if broken else w._here(mine)
            self._done = [p for c in self._chunks for p in (c.done if c.done is not None else _inline(c.raws))]
        return self._done


class Workers:
    """Parses batches of raw messages, in a worker process when a batch is big enough.

    ``extraction`` set: the worker also runs the embedded extractor (give it only when the
    configured extractor is the embedded one with its defaults). Thread-safe for one caller at
    a time, which is how the cycle's fetch thread uses it, beside the caller of each batch's
    ``result()``."""

    def __init__(self, extraction: Extraction | None = None, parallel_from: int | None = None,
                 first_here: bool = False) -> None:
        self.extraction = extraction
        self.parallel_from = PARALLEL_FROM if parallel_from is None else parallel_from
        # The first big batch parsed here while the worker starts (a few tenths of a second of
        # process start and imports): no wait for it before the first message is stored.
        self.first_here = first_here
        self._cond = threading.Condition()
        self._queue: deque[_Chunk] = deque()
        self._feeder: threading.Thread | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._broken = False
        self._closing = False
        self._ready = False  # the worker has started, and takes chunks (never again once broken)
        self._busy: _Chunk | None = None  # the chunk the worker is on
        self._watched = time.monotonic()  # the watchdog's last look

    def parse(self, raws: list[RawMessage], folder: str = "") -> list[Parsed]:
        """Every raw message parsed, in order."""
        return self.submit(raws, folder).result()

    def submit(self, raws: list[RawMessage], folder: str = "") -> Pending:
        """Queue ``raws``, read from ``folder``, for the worker when the batch is big enough, and
        return at once: the caller fetches the next batch meanwhile. A small batch is parsed
        here, now."""
        if len(raws) < self.parallel_from or self._broken:
            return Pending(self, [], _inline(raws))
        with self._cond:
            starting = self._feeder is None
            if starting:
                self._feeder = threading.Thread(target=self._feed, name="focusd-worker", daemon=True)
                try:
                    self._feeder.start()
                except RuntimeError as exc:  # no thread to be had: as a worker that cannot start
                    self._feeder = None
                    self._broken = True
                    _warn("workers.inline", reason=type(exc).__name__)
            if not (starting and self.first_here) and not self._broken:
                chunks = [_Chunk(raws[i : i + CHUNK], folder) for i in range(0, len(raws), CHUNK)]
                self._queue.extend(chunks)
                self._cond.notify_all()
                return Pending(self, chunks)
        # Starting: the worker loads the extractor while this batch is parsed here.
        return Pending(self, [], _inline(raws))

    def _here(self, chunk: _Chunk) -> list[Parsed]:
        """``chunk`` parsed and extracted here, as the worker would."""
        try:
            return _parse_chunk([(r.key, r.data, r.received, r.error) for r in chunk.raws], self.extraction,
                                chunk.folder)
        except Exception as exc:  # noqa: BLE001 - as a chunk the worker fails on: parsed again, without extraction
            _warn("workers.chunk_inline", reason=type(exc).__name__)
            return _inline(chunk.raws)

    def _feed(self) -> None:
        """The feeding thread: start the worker, then keep IN_FLIGHT of the waiting chunks with
        it (the next one is in its pipe when it finishes one, so it never waits on this process),
        until the sync ends or the worker fails."""
        to: Connection | None = None
        back: Connection | None = None
        sent: deque[_Chunk] = deque()  # with the worker, oldest first: it answers in this order
        try:
            to, back = self._spawn()
            # Until the worker has started and loaded the extractor, its chunks stay in the queue,
            # where this process takes them: a worker slow to start is never waited for.
            to.send(("warm", (self.extraction,)))
            if not back.poll(START_WAIT):
                raise TimeoutError("the worker did not start")
            if back.recv()[0] != "ready":
                raise EOFError("the worker did not start")
            with self._cond:
                self._ready = True
            while True:
                with self._cond:
                    while not sent and not self._queue and not self._closing:
                        self._cond.wait()
                    if self._closing and not sent:
                        to.send(None)
                        return
                    more: list[_Chunk] = []
                    while not self._closing and self._queue and len(sent) + len(more) < IN_FLIGHT:
                        chunk = self._queue.popleft()
                        chunk.side = "worker"
                        more.append(chunk)
                    self._busy = sent[0] if sent else more[0] if more else None
                sent.extend(more)  # before any send, so a send that fails leaves them failed, not lost
                for chunk in more:
                    to.send(("task", ([(r.key, r.data, r.received, r.error) for r in chunk.raws], self.extraction,
                                      chunk.folder)))
                status, value, warned = back.recv()
                _relay(warned)
                with self._cond:
                    chunk = sent.popleft()
                    if status == "ok":
                        chunk.done = value
                    else:
                        chunk.failed = True
                    # The next one's wait starts now, not while it waited behind this one.
                    self._busy = sent[0] if sent else None
                    self._cond.notify_all()
                if status != "ok":
                    _warn("workers.chunk_inline", reason=str(value))
        except Exception as exc:  # noqa: BLE001 - a worker that died, stalled or never started
            self._give_up(exc, sent)
        finally:
            for conn in (to, back):
                if conn is not None:
                    conn.close()

    def _spawn(self) -> tuple[Connection, Connection]:
        """Start the worker: a child interpreter with a pipe each way."""
        # (read, write) each: to the worker, and back. The worker's ends are moved above 2: in a
        # process started with stdin or stdout closed, a pipe may get that number, which the child's
        # own stdin would then overwrite.
        down, up = os.pipe(), os.pipe()
        down, up = (_above_stdio(down[0]), down[1]), (up[0], _above_stdio(up[1]))
        try:
            self._child = subprocess.Popen([sys.executable, "-c", _CHILD.format(read=down[0], write=up[1], parent=os.getpid())],
                                           pass_fds=(down[0], up[1]), stdin=subprocess.DEVNULL)
        except BaseException:
            os.close(down[1])
            os.close(up[0])
            raise
        finally:
            os.close(down[0])
            os.close(up[1])
        to, back = Connection(down[1], readable=False), Connection(up[0], writable=False)
        to.send(list(sys.path))
        return to, back

    def _watch(self) -> None:
        """Count the time since the last look towards the worker's current chunk, and stop a
        worker that has kept a waiting batch over CHUNK_WAIT on it (its feeding thread then gives
        up, and the chunk is parsed here). Called with the lock held, every half second of a wait."""
        now = time.monotonic()
        step, self._watched = min(now - self._watched, WATCH_STEP), now
        busy = self._busy
        if busy is not None and not busy.ready():
            busy.waited += step
            if busy.waited > CHUNK_WAIT:
                self._kill()

    def _kill(self) -> None:
        child = self._child
        if child is not None and child.poll() is None:
            child.kill()

    def _give_up(self, exc: BaseException, chunks: Iterable[_Chunk] = ()) -> None:
        with self._cond:
            for chunk in chunks:
                chunk.failed = True
            if not self._broken and not self._closing:
                _warn("workers.inline", reason=type(exc).__name__)
            self._broken = True
            self._ready = False
            self._cond.notify_all()
        self._kill()

    def close(self) -> None:
        with self._cond:
            self._closing = True
            for chunk in self._queue:  # no batch waits for these any more (one that still asks parses them here)
                chunk.side, chunk.failed = "gone", True
            self._queue.clear()
            self._cond.notify_all()
        if self._feeder is not None:
            self._feeder.join(STOP_WAIT)
            if self._feeder.is_alive():  # on a chunk it cannot finish
                self._kill()
                self._feeder.join(STOP_WAIT)
            self._feeder = None
        if self._child is not None:
            try:
                self._child.wait(STOP_WAIT)
            except subprocess.TimeoutExpired:
                self._child.kill()
                self._child.wait()
            self._child = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
