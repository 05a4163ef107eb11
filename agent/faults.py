"""Named kill points, for the crash tests (tests/test_crash.py) and nothing else.

Code that writes to a server and then to the store (or the other way round) marks the moment
in between with ``faults.point("name")``. With ``FOCUSD_KILL_AT=name:N`` in the environment, the
Nth time this process reaches that point it kills itself with SIGKILL: no ``finally``, no
rollback, no flush, exactly as a power cut or the OOM killer would end it. The tests then start
focusd again and check that nothing was lost or done twice.

The variable is read once, at import; unset (always, outside the tests) a point costs one
``is None`` check.
"""

from __future__ import annotations

import os
import signal
import threading

ENV = "FOCUSD_KILL_AT"

# Every point in the code, so a test can pick among them and a typo in FOCUSD_KILL_AT is caught.
POINTS = (
    "fetch.batch",        # agent/cycle.py: a batch fetched from the server, nothing of it stored yet
    "graph.batch",        # agent/cycle.py: a graph batch persisted, the rest of the round not yet
    "graph.cursor",       # agent/cycle.py: a round persisted, the folder cursors not yet moved
    "reply.applied",      # agent/replies.py: a reply's changes made, inside their transaction
    "reply.queued",       # agent/replies.py: a reply applied and its confirmation queued, not sent
    "brief.queued",       # agent/cycle.py: the brief in the outbox, not yet handed to the server
    "outbox.taken",       # agent/outbox.py: a row marked sending, the message not yet handed over
    "outbox.sent",        # agent/outbox.py: the server said OK, the store not yet told
    "booking.created",    # agent/booking.py: a block on the calendar, not yet in the store
)


def _parse(value: str | None) -> tuple[str, int] | None:
    if not value:
        return None
    name, _, count = value.rpartition(":")
    if name not in POINTS or not count.isdigit() or int(count) < 1:
        raise ValueError(f"{ENV}={value!r}: expected one of {', '.join(POINTS)} then ':N' with N >= 1")
    return name, int(count)


_target = _parse(os.environ.get(ENV))
_seen = 0
_lock = threading.Lock()  # the fetch thread reaches points too


def point(name: str) -> None:
    """Die here if ``FOCUSD_KILL_AT`` names this point and this is its Nth visit."""
    if _target is None:
        return
    global _seen
    if name != _target[0]:
        return
    with _lock:
        _seen += 1
        if _seen == _target[1]:
            os.kill(os.getpid(), signal.SIGKILL)
