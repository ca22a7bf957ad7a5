"""Helpers for tests that run processes which could hang: run them in their own group, and kill the group on timeout;
watch what a process shows on a terminal; keep every core busy, as on a machine shared with others.

Import them with `from processes import finish` (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

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


def _terminal_signals() -> None:
    """In the child, before exec: the default action for the signals a terminal sends."""
    for signum in (signal.SIGINT, signal.SIGQUIT):
        signal.signal(signum, signal.SIG_DFL)


class OnTerminal:
    """A command whose standard error is a pseudo-terminal, so that it shows what it shows people (a progress bar),
    and the test reads it as it comes: a signal that the command has got somewhere, where sleeping would guess.

    The command runs in a group of its own (killed whole when it hangs); its standard output is discarded. Ctrl-C
    reaches it as it reaches a command typed at a terminal: SIGINT and SIGQUIT have their default action, even when
    the tests themselves were started in the background of a script, which ignores both for its children.
    """

    def __init__(self, command: Sequence[str]) -> None:
        self._reader, writer = pty.openpty()
        fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
        try:
            self.proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=writer,
                start_new_session=True,
                preexec_fn=_terminal_signals,
            )
        finally:
            os.close(writer)
        self.shown = b""

    def wait_for(self, pattern: bytes, timeout: float) -> None:
        """Read until what the command has shown matches `pattern`; fail (killing the group) if it ends or the time
        runs out first."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.shown):
            if not self._read(deadline):
                self._kill()
                pytest.fail(f"never showed {pattern!r} (exit status {self.proc.poll()}): {self.text()[-2000:]}")

    def finish(self, timeout: float, hung: str) -> str:
        """Everything the command showed, once it has ended; its group is killed and the test fails with `hung` if
        it is still running after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while self._read(deadline):
            pass
        try:
            self.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self._kill()
            pytest.fail(f"{hung}: {self.text()[-2000:]}")
        return self.text()

    def text(self) -> str:
        return self.shown.decode("utf-8", errors="replace")

    def _read(self, deadline: float) -> bool:
        """Read what is there; False once the terminal is closed (the command ended) or the deadline has passed."""
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([self._reader], [], [], left)[0]:
            return False
        try:
            chunk = os.read(self._reader, 65536)
        except OSError as error:  # Linux says EIO once the last writer has closed the terminal
            if error.errno != errno.EIO:
                raise
            chunk = b""
        self.shown += chunk
        return bool(chunk)

    def _kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def close(self) -> None:
        self._kill()
        os.close(self._reader)


@contextmanager
def burn_cores(count: int | None = None) -> Iterator[None]:
    """Keep `count` cores (default: all) busy with spinning processes for the length of the block, as the other
    developers on a shared machine do; the processes are killed when it ends."""
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
        for _ in range(count or os.cpu_count() or 1)
    ]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
