"""A worker process for the half of a big sync that needs no store: parsing, screening and the
embedded extractor.

A first sync reads thousands of messages. Per message, parsing and the embedded extractor cost
more than everything else the cycle does, and neither reads the store, so on a batch worth it
they run in a worker process while this one fetches the next batches and runs the rest of the
graph: both cores work. The worker's answers are the same as this process's would be: the same
``try_parse``, and the same extractor over the same message and owner.

A small batch (the daemon's steady state: a few new messages) is parsed here, since a worker
costs a start-up and its memory; the worker is started on the first big batch and stopped when
the sync ends. When the worker dies or cannot take a chunk, that chunk and every later one are
parsed here instead, with one line in the log: the sync slows down, and nothing is lost.
"""

from __future__ import annotations

import itertools
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agent.extractors.base import Extractor, Owner
from agent.screen import is_hostile, triage_reason
from agent.spam import MailPolicy, scam_traits
from connectors.mime import try_parse
from connectors.types import Message, RawMessage
from planner.models import Item

PARALLEL_FROM = 100  # messages in a batch before a worker pays for its start-up
CHUNK = 50  # messages per task: small enough that the worker's answers stream back
# One worker beside this process keeps both cores of a two-core host busy. A second one synced
# 10,000 messages a fifth faster (1,020 against 800 msg/s) but took the first sync of 50,000
# from 190 to 246 MiB in all: over what a small host should spend.
PROCESSES = 1


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
# Which side took each chunk: slot ``task % RING`` holds task + 1 when the worker took it, and
# -(task + 1) when this process did. Shared with the worker, so a chunk is done by exactly one.
RING = 4096
CLAIM_WAIT = 2.0  # seconds this process waits for the ring's lock, which each side holds for a moment
_claims: Any = None  # the worker's handle on the ring (set by _init)



def _warn(event: str, **fields: str) -> None:
    # Only this process warns; the worker, which imports this module too, need not load structlog.
    import structlog

    structlog.get_logger(__name__).warning(event, **fields)

def _init(claims: Any) -> None:
    global _claims
    _claims = claims


def _claim(claims: Any, task: int, side: int) -> bool:
    """Take chunk ``task`` for ``side`` (1 the worker, -1 this process), unless the other side has."""
    with claims.get_lock():
        if abs(claims[task % RING]) == task + 1:
            return False
        claims[task % RING] = side * (task + 1)
        return True


def _task(task: int, raws: list[tuple[str, bytes, datetime | None, str]], extraction: Extraction | None,
          folder: str) -> list[Parsed] | None:
    """The worker's task: chunk ``task``, or None at once when this process took it first."""
    if _claims is not None and not _claim(_claims, task, 1):
        return None
    return _parse_chunk(raws, extraction, folder)


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


class Pending:
    """A batch being parsed: ``result()`` waits for it. A chunk the worker could not parse
    (it died, or could not send the answer back) is parsed here instead."""

    def __init__(self, workers: Workers, chunks: list[list[RawMessage]],
                 futures: list[Future[list[Parsed] | None] | None], done: list[Parsed] | None = None,
                 folder: str = "", tasks: list[int] | None = None) -> None:
        self._workers, self._chunks, self._futures, self._done = workers, chunks, futures, done
        self._folder, self._tasks = folder, tasks or []
        self.stolen = 0  # chunks this process took from the worker's queue

    def result(self) -> list[Parsed]:
        if self._done is None:
            stolen = self._steal()
            self.stolen = len(stolen)
            out: list[Parsed] = []
            for i, (chunk, future) in enumerate(zip(self._chunks, self._futures, strict=True)):
                if i in stolen:
                    out.extend(stolen[i])
                    continue
                try:
                    if future is None:
                        raise BrokenProcessPool("not submitted")
                    parsed = future.result()
                    if parsed is None:  # cannot be: only a chunk this process took comes back empty
                        raise BrokenProcessPool("a chunk came back empty")
                    out.extend(parsed)
                except Exception as exc:  # noqa: BLE001 - a dead worker, or a chunk it could not send back
                    self._workers._give_up(exc)
                    out.extend(_inline(chunk))
            self._done = out
        return self._done

    def _steal(self) -> dict[int, list[Parsed]]:
        """While the worker is still on this batch, take the last of its chunks that it has not
        started and do them here, as the worker would (extraction included): this process would
        otherwise only wait, so on a two-core host both work until the batch is done. Each chunk
        is claimed in a ring both processes share, so none is done twice (a future is never
        cancelled: a pool that breaks with cancelled work in it fails in its own thread)."""
        stolen: dict[int, list[Parsed]] = {}
        claims = self._workers._claims
        if claims is None:
            return stolen
        lock = claims.get_lock()  # recursive: _claim takes it again
        while True:
            waiting = [i for i, f in enumerate(self._futures) if f is not None and i not in stolen and not f.done()]
            # A worker killed while it held the lock (the OOM killer) never releases it: this
            # process then takes nothing more, and the chunks it left fail over as a dead worker's.
            if not lock.acquire(timeout=CLAIM_WAIT):
                return stolen
            try:
                # The first waiting chunk is the worker's now or next: leave it, take from the end.
                taken = next((i for i in reversed(waiting[1:]) if _claim(claims, self._tasks[i], -1)), None)
            finally:
                lock.release()
            if taken is None:
                return stolen
            chunk = self._chunks[taken]
            try:
                stolen[taken] = _parse_chunk([(r.key, r.data, r.received, r.error) for r in chunk],
                                             self._workers.extraction, self._folder)
            except Exception as exc:  # noqa: BLE001 - as a chunk the worker fails on: parsed again, without extraction
                _warn("workers.chunk_inline", reason=type(exc).__name__)
                stolen[taken] = _inline(chunk)


class Workers:
    """Parses batches of raw messages, in a worker process when a batch is big enough.

    ``extraction`` set: the worker also runs the embedded extractor (give it only when the
    configured extractor is the embedded one with its defaults). Thread-safe for one caller at
    a time, which is how the cycle's fetch thread uses it."""

    def __init__(self, extraction: Extraction | None = None, parallel_from: int | None = None,
                 first_here: bool = False) -> None:
        self.extraction = extraction
        self.parallel_from = PARALLEL_FROM if parallel_from is None else parallel_from
        # The first big batch parsed here while the worker starts (a few tenths of a second of
        # process start and imports): no wait for it before the first message is stored.
        self.first_here = first_here
        self._pool: ProcessPoolExecutor | None = None
        self._claims: Any = None
        self._tasks = itertools.count()
        self._broken = False
        self._lock = threading.Lock()

    def parse(self, raws: list[RawMessage], folder: str = "") -> list[Parsed]:
        """Every raw message parsed, in order."""
        return self.submit(raws, folder).result()

    def submit(self, raws: list[RawMessage], folder: str = "") -> Pending:
        """Start parsing ``raws``, read from ``folder``, in the worker when the batch is big
        enough, and return at once: the caller fetches the next batch meanwhile. A small batch
        is parsed here, now."""
        if len(raws) < self.parallel_from or self._broken:
            return Pending(self, [], [], _inline(raws))
        with self._lock:
            starting = self._pool is None
            pool = self._start()
        if pool is None:
            return Pending(self, [], [], _inline(raws))
        if starting and self.first_here:
            # Starting a worker blocks its caller until the process runs: a thread of its own
            # waits for that, and has the worker load the extractor, while this batch is parsed.
            threading.Thread(target=self._warm_up, args=(pool,), name="focusd-worker-start", daemon=True).start()
            return Pending(self, [], [], _inline(raws))
        chunks = [raws[i : i + CHUNK] for i in range(0, len(raws), CHUNK)]
        futures: list[Future[list[Parsed] | None] | None] = []
        tasks = [next(self._tasks) for _ in chunks]
        for task, chunk in zip(tasks, chunks, strict=True):
            try:
                futures.append(pool.submit(_task, task, [(r.key, r.data, r.received, r.error) for r in chunk],
                                           self.extraction, folder))
            except (BrokenProcessPool, RuntimeError, OSError) as exc:  # OSError: a process that could not start
                self._give_up(exc)
                futures.append(None)
        return Pending(self, chunks, futures, folder=folder, tasks=tasks)

    def _warm_up(self, pool: ProcessPoolExecutor) -> None:
        try:
            pool.submit(_warm, self.extraction)
        except (BrokenProcessPool, RuntimeError, OSError) as exc:  # in this thread, else lost with it
            self._give_up(exc)

    def _start(self) -> ProcessPoolExecutor | None:
        if self._pool is None and not self._broken:
            try:
                # forkserver: the worker does not inherit this process's threads and connections.
                ctx = multiprocessing.get_context("forkserver")
                self._claims = ctx.Array("q", RING)
                self._pool = ProcessPoolExecutor(max_workers=PROCESSES, mp_context=ctx, initializer=_init,
                                                 initargs=(self._claims,))
            except (OSError, ValueError) as exc:
                self._give_up(exc)
        return self._pool

    def _give_up(self, exc: BaseException) -> None:
        if not self._broken:
            _warn("workers.inline", reason=type(exc).__name__)
        self._broken = True

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
