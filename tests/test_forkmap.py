"""A function mapped by this process and forked copies gives what one process gives, in order."""

from __future__ import annotations

import os

import pytest

from kg.forkmap import can_fork, fork_map

needs_fork = pytest.mark.skipif(not can_fork(), reason="fork is not available here")


def _square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


@needs_fork
@pytest.mark.parametrize("count", [0, 1, 2, 5, 10])
def test_results_come_back_in_order_whatever_the_split(count: int) -> None:
    results = fork_map(_square_and_pid, list(range(count)), 2)
    assert [value for value, _ in results] == [x * x for x in range(count)]


@needs_fork
def test_every_other_item_is_done_by_a_forked_process() -> None:
    results = fork_map(_square_and_pid, list(range(6)), 2)
    pids = [pid for _, pid in results]
    assert pids[0::2] == [os.getpid()] * 3
    assert len(set(pids[1::2])) == 1 and pids[1] != os.getpid()


def test_one_process_forks_nothing() -> None:
    assert {pid for _, pid in fork_map(_square_and_pid, list(range(4)), 1)} == {os.getpid()}


def _fails_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


@needs_fork
def test_an_error_in_a_forked_process_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="three"):
        fork_map(_fails_on_three, list(range(6)), 2)
