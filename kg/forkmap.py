"""A function mapped over a list by this process and forked copies of it, which inherit the list (nothing is pickled
on the way in; the results come back pickled). For the work after extraction, when the graph is final and the
cores that extracted would otherwise wait on one process (`kg build --workers N`)."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from kg import signals

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable[[Any], Any], Sequence[Any], int] | None = None  # what a forked process inherits


def can_fork() -> bool:
    """Whether forked helpers are available (not on macOS, where fork is unsafe, nor on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def fork_map(fn: Callable[[T], R], items: Sequence[T], processes: int) -> list[R]:
    """``[fn(x) for x in items]``, with every ``processes``-th item from the n-th done by the n-th of ``processes``
    processes (this one and forked copies): interleaved, so that items whose cost drifts along the list are shared
    alike. The same results in the same order as one process gives."""
    processes = min(processes, len(items))
    if processes <= 1 or not can_fork():
        return [fn(x) for x in items]
    global _TASK
    _TASK = (fn, items, processes)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(processes - 1, mp_context=context, initializer=signals.as_worker) as pool:
            with signals.held():  # the processes are forked at the submits: born with the signals held
                pending = [pool.submit(_part, n) for n in range(1, processes)]
            parts = [[fn(x) for x in items[0::processes]], *(future.result() for future in pending)]
    finally:
        _TASK = None
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    for n, part in enumerate(parts):
        results[n::processes] = part
    return results


def _part(n: int) -> list[Any]:
    """In a forked process: the n-th share of the inherited task."""
    assert _TASK is not None
    fn, items, processes = _TASK
    return [fn(x) for x in items[n::processes]]
