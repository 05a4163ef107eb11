"""Give freed heap memory back to the kernel, which glibc's defaults keep in the process.

A sync allocates and frees every batch's raw mail and parsed text: megabytes a batch, in blocks
of a few to a few hundred kilobytes. glibc starts by mapping blocks of 128 KiB and up on pages of
their own, but raises that threshold (and the heap's trim threshold with it) to the size of each
such block freed, so before long they too are carved from the heap, and their freed space stays
there among the objects that outlive a batch: the memory of a first sync crept up with the
mailbox. Setting the two thresholds fixes them where they start: blocks of 64 KiB and up get pages
of their own, unmapped when freed, and free memory at the heap's top is handed back past 128 KiB.
Measured with ``bench/imap_sync.py``'s 50,000-message sync: all of the sync's processes together
peaked at 176 MiB with them against 195 MiB without, and the syncing process at 145 against 150 MiB.
It costs some speed: blocks of 64 KiB and up (a chunk pickled for the worker, say) are mapped
afresh each time. Fetch, parse and store alone averaged 6% slower in 15 alternating runs of
10,000 messages each way (2,258 against 2,407 msg/s, with runs from 1,805 to 2,743), and the whole
cycle with the extractor showed no difference. Calling ``malloc_trim`` after each batch instead
kept the speed but peaked at 183 MiB.

Each focusd process calls :func:`tune` once, first thing. Nothing happens off glibc, where ctypes
is missing, or when the environment sets malloc itself (``MALLOC_MMAP_THRESHOLD_``,
``MALLOC_TRIM_THRESHOLD_``, or malloc tunables in ``GLIBC_TUNABLES``): those win.
"""

from __future__ import annotations

import os
import sys

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
MMAP_FROM = 64 * 1024
TRIM_FROM = 128 * 1024
_ENV = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


def tune() -> bool:
    """Set the two thresholds, once per process; True when they were set here."""
    if not sys.platform.startswith("linux") or any(name in os.environ for name in _ENV) \
            or "glibc.malloc." in os.environ.get("GLIBC_TUNABLES", ""):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (ImportError, OSError, AttributeError):
        return False  # no ctypes (a Python built without libffi), or not glibc: its own policy stands
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_FROM)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_FROM))
