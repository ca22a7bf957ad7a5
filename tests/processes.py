"""Helpers for tests that run processes which could hang: run them in their own group, and kill the group on timeout.

Import them with `from processes import finish` (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

import os
import signal
import subprocess

import pytest


def finish(proc: subprocess.Popen, timeout: float, hung: str) -> tuple[bytes, bytes]:
    """The process's output once it ends; if it has not ended in time, its whole group is killed and the test fails
    with `hung`. The process must have been started with `start_new_session=True`."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(hung)
