"""kg.workers: results in order, a worker's failure raised in the parent, and no way out that leaves the parent
waiting on a worker."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from processes import finish

from kg.workers import WorkerPool


def _costly_first(x: int) -> int:
    """Item 0 takes far longer than the rest, so that later items finish first."""
    if x == 0:
        sum(range(3_000_000))
    return x * x


def _fails_on_three(x: int) -> int:
    if x == 3:
        raise ValueError(f"no square for {x}")
    return x


_SET_UP: list[str] = []


def _set_up(value: str) -> None:
    _SET_UP.append(value)


def _setup_value(_: int) -> list[str]:
    return list(_SET_UP)


def _cannot_set_up() -> None:
    raise RuntimeError("no model at /nowhere")


def test_results_come_in_the_items_order_whatever_finishes_first() -> None:
    with WorkerPool(2) as pool:
        assert list(pool.imap(_costly_first, range(40))) == [x * x for x in range(40)]


def test_each_worker_is_set_up_once_with_the_arguments_given() -> None:
    with WorkerPool(2, initializer=_set_up, initargs=("model-a",)) as pool:
        assert list(pool.imap(_setup_value, range(6))) == [["model-a"]] * 6


def test_an_exception_in_a_worker_is_raised_in_the_parent_with_the_workers_traceback() -> None:
    with pytest.raises(ValueError, match="no square for 3") as raised, WorkerPool(2) as pool:
        list(pool.imap(_fails_on_three, range(8)))
    if sys.version_info >= (3, 11):
        assert any("_fails_on_three" in note for note in raised.value.__notes__)


def test_a_failed_setup_is_raised_once_not_retried_for_ever() -> None:
    with pytest.raises(RuntimeError, match="no model at /nowhere"), WorkerPool(2, initializer=_cannot_set_up) as pool:
        list(pool.imap(_setup_value, range(4)))


def test_an_empty_stream_gives_nothing_and_the_workers_exit() -> None:
    pool = WorkerPool(2)
    with pool:
        assert list(pool.imap(_costly_first, [])) == []
    assert [p.exitcode for p in pool._processes] == [0, 0]


# Run in a process group of its own, so that a parent left waiting (what this module guards against) is killed and
# the test fails instead of hanging the suite.
_WAYS_OUT = """
import os, signal, sys
from kg.workers import WorkerError, WorkerPool

def big(x):
    return bytes(48 << 20)  # far more than a pipe holds: the worker is still writing when the parent stops it

def dies_on_three(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return x

case = sys.argv[1]
if case == "interrupt":  # Ctrl-C while one result has been read and the other worker writes its own
    try:
        with WorkerPool(2) as pool:
            for result in pool.imap(big, range(6)):
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
elif case == "leave":  # the caller stops reading without an error: the workers still computing are stopped
    with WorkerPool(2) as pool:
        for result in pool.imap(big, range(6)):
            break
elif case == "dies":
    try:
        with WorkerPool(2) as pool:
            list(pool.imap(dies_on_three, range(8)))
    except WorkerError as e:
        print(e)
print("exit codes", [p.exitcode for p in pool._processes])
"""


def _run(case: str, hung: str) -> str:
    proc = subprocess.Popen(
        [sys.executable, "-c", _WAYS_OUT, case], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    out, err = finish(proc, 120, hung)
    assert proc.returncode == 0, err.decode()
    return out.decode()


@pytest.mark.parametrize("case", ["interrupt", "leave"])
def test_stopping_while_a_worker_writes_a_large_result_returns_at_once(case: str) -> None:
    shown = _run(case, "the parent was left waiting on a stopped worker")
    assert f"exit codes [{-signal.SIGTERM}, {-signal.SIGTERM}]" in shown


def test_a_worker_that_dies_is_an_error_naming_it_not_a_wait() -> None:
    shown = _run("dies", "the parent waited for ever on a dead worker")
    assert "stopped unexpectedly (exit code -9)" in shown
    assert f"{-signal.SIGKILL}" in shown.splitlines()[-1]  # the dead one; the other was stopped
