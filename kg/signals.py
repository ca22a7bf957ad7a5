"""SIGINT and SIGTERM across the processes of a build.

The command line turns SIGTERM into KeyboardInterrupt, so that an interrupted build removes its temporary files. A
forked worker must not inherit that: the pool's terminate (`kg.workers`) stops workers with SIGTERM, and a Python-level
handler can miss a signal that lands just before a blocking call (the C handler only sets a flag), which leaves the
worker waiting on a lock the parent holds and the parent waiting for the worker, for ever. Workers therefore die of
SIGTERM and ignore SIGINT (Ctrl-C reaches the whole process group; the parent handles it and stops them). They are
forked with both signals held, so none can arrive before they have taken this up.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block ends (in the main thread; elsewhere they never run Python handlers)."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def as_worker() -> None:
    """In a forked worker: die of SIGTERM, ignore SIGINT, then take up what was held at the fork."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
