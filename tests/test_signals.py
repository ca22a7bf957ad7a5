"""kg.signals: build workers die of SIGTERM and leave SIGINT to the parent, whatever handlers the parent has."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest
from processes import finish

from kg import signals


@pytest.fixture
def interrupting_sigterm() -> Iterator[list[int]]:
    """The parent's handlers as the command line sets them: SIGTERM raises KeyboardInterrupt. Records what arrives."""
    seen: list[int] = []

    def interrupt(signum, frame) -> None:
        seen.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield seen
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_held_defers_sigterm_to_the_end_of_the_block(interrupting_sigterm: list[int]) -> None:
    with pytest.raises(KeyboardInterrupt), signals.held():
        os.kill(os.getpid(), signal.SIGTERM)
        assert interrupting_sigterm == []  # not yet: held
    assert interrupting_sigterm == [signal.SIGTERM]
    assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


# Run in its own process group, so that a pool that hangs (the failure this guards against) can be killed.
_WORKERS = """
import json, os, signal, importlib

def interrupt(signum, frame):
    raise KeyboardInterrupt

def state(_):
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    return [str(signal.getsignal(signal.SIGTERM)), str(signal.getsignal(signal.SIGINT)),
            sorted(int(s) for s in blocked)]

signal.signal(signal.SIGTERM, interrupt)  # as the command line does
pool = importlib.import_module("kg.builder")._worker_pool(2, None)
before = list(pool.imap(state, range(2)))  # two idle workers: one item each
for pid in pool.pids:
    os.kill(pid, signal.SIGINT)  # Ctrl-C reaches every process of the group
after = list(pool.imap(state, range(2)))
pool.terminate()
print(json.dumps({"before": before, "after": after, "exitcodes": [p.exitcode for p in pool._processes]}))
"""


def test_build_workers_die_of_sigterm_and_leave_sigint_to_the_parent() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _WORKERS], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    out, err = finish(proc, 120, "the worker pool hung (a worker survived SIGTERM, or a SIGINT killed one)")
    assert proc.returncode == 0, err.decode()
    result = json.loads(out)
    default, ignore = str(signal.SIG_DFL), str(signal.SIG_IGN)
    assert result["before"] == [[default, ignore, []]] * 2
    assert result["after"] == result["before"]  # the workers carried on after Ctrl-C
    # each one was killed outright by terminate's SIGTERM; a KeyboardInterrupt raised inside a worker would exit with 1
    assert result["exitcodes"] == [-signal.SIGTERM] * 2
