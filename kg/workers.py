"""Worker processes that map a function over a stream of items and give the results in order (`kg build --workers`).

Why not `multiprocessing.Pool`: it keeps three threads in the parent, and its `terminate` joins them. A worker stopped
while it writes a large result leaves half a message in the results pipe; the parent holds that pipe's other end, so
the result thread waits for the rest for ever, and an interrupted build hangs. Pool also waits for ever when a worker
dies (its task is lost) or when the initializer fails (it starts new workers without end).

Here the parent has no threads: it sends items, waits on the workers' pipes and reads results, all in the caller's
thread, and on any way out it stops the workers with SIGTERM (`kg.signals`: they die of it) and closes its ends, so
nothing is left to wait on. Each worker reads what the parent sends in a thread of its own, so the parent's sends
never wait on a worker that is itself writing a result; that lets the parent keep a second item queued at each worker,
which it starts as soon as it has sent the first one back. A worker that dies, or whose initializer fails, is an error
in the parent, raised where the results are read.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from kg import signals

T = TypeVar("T")
R = TypeVar("R")

QUEUED = 2  # items sent to a worker and not answered yet: the one it computes and the next
AHEAD = 4  # results per worker held back while an earlier one is still being computed


class WorkerError(ChildProcessError):
    """A worker process died, or could not send what it computed (an OSError, so that the command line tells it in
    one line, as it does a full disk)."""


def default_context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (it shares the loaded ontology and code), spawn on macOS."""
    return multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")


class WorkerPool:
    """`processes` worker processes, each set up once by ``initializer(*initargs)``. Use it as a context manager:
    leaving the block normally lets the workers finish; leaving it by an exception (Ctrl-C included) stops them."""

    def __init__(
        self,
        processes: int,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        context: multiprocessing.context.BaseContext | None = None,
    ) -> None:
        context = context or default_context()
        self._processes: list[multiprocessing.process.BaseProcess] = []
        self._conns: list[Connection] = []
        self._busy = 0
        with signals.held():  # born with SIGINT and SIGTERM held; `_serve` takes them up as a worker
            for _ in range(processes):
                ours, theirs = context.Pipe()
                process = context.Process(target=_serve, args=(theirs, initializer, initargs), daemon=True)
                process.start()
                theirs.close()
                self._processes.append(process)
                self._conns.append(ours)

    @property
    def pids(self) -> list[int | None]:
        return [p.pid for p in self._processes]

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` for each item, computed by the workers, in the items' order. ``fn`` must be picklable by name
        (a module-level function). An exception raised by ``fn`` is raised here, with the worker's traceback as a
        note."""
        pending = iter(items)
        queued: dict[Connection, deque[int]] = {conn: deque() for conn in self._conns}  # indices, oldest first
        done: dict[int, R] = {}
        sent = given = 0
        exhausted = False
        while True:
            while not exhausted and len(done) < AHEAD * len(self._conns):
                conn = min(self._conns, key=lambda c: len(queued[c]))
                if len(queued[conn]) >= QUEUED:
                    break
                item = next(pending, _END)
                if item is _END:
                    exhausted = True
                    break
                self._send(conn, (fn, item))
                queued[conn].append(sent)
                sent += 1
            if given in done:
                yield done.pop(given)
                given += 1
                continue
            working = [conn for conn in self._conns if queued[conn]]
            if not working:
                return
            for conn in wait(working):
                done[queued[conn].popleft()] = self._receive(conn)
                self._busy -= 1

    def close(self) -> None:
        """Let idle workers exit and wait for them; stop them instead if any still computes."""
        if self._busy:
            self.terminate()
            return
        for conn in self._conns:
            with contextlib.suppress(OSError):  # one that died is reaped by the join
                conn.send(None)
        self._join()

    def terminate(self) -> None:
        """Stop every worker now (SIGTERM, which they die of) and reap them."""
        for process in self._processes:
            if process.exitcode is None:
                process.terminate()
        self._join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.terminate()

    def _join(self) -> None:
        for process in self._processes:
            process.join()
        for conn in self._conns:
            conn.close()

    def _send(self, conn: Connection, message: object) -> None:
        try:
            conn.send(message)
        except OSError:
            raise self._died(conn) from None
        self._busy += 1

    def _receive(self, conn: Connection) -> Any:
        try:
            ok, value = conn.recv()
        except (EOFError, OSError):
            raise self._died(conn) from None
        if not ok:
            raise value
        return value

    def _died(self, conn: Connection) -> WorkerError:
        process = self._processes[self._conns.index(conn)]
        process.join()
        return WorkerError(f"worker process {process.pid} stopped unexpectedly (exit code {process.exitcode})")


_END: Any = object()


def _serve(conn: Connection, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """A worker's life: set up, then answer each item with ``(True, result)`` or ``(False, exception)`` until the
    parent sends None or closes its end. After a failed setup, every answer is that failure."""
    signals.as_worker()
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_read, args=(conn, inbox), daemon=True).start()
    failure: BaseException | None = None
    if initializer is not None:
        try:
            initializer(*initargs)
        except Exception as e:
            failure = _with_traceback(e)
    while (message := inbox.get()) is not None:
        if failure is not None:
            _answer(conn, (False, failure))
            continue
        fn, item = message
        try:
            answer = (True, fn(item))
        except Exception as e:
            answer = (False, _with_traceback(e))
        _answer(conn, answer)


def _read(conn: Connection, inbox: queue.SimpleQueue[Any]) -> None:
    """In a worker's second thread: take each message off the pipe as soon as it comes; None when the parent is
    done."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            message = None
        inbox.put(message)
        if message is None:
            return


def _answer(conn: Connection, answer: tuple[bool, Any]) -> None:
    try:
        conn.send(answer)
    except (OSError, EOFError):
        raise SystemExit(1) from None  # the parent is gone
    except Exception as e:  # the result or the exception does not pickle
        conn.send((False, WorkerError(f"a worker could not send its result: {type(e).__name__}: {e}")))


def _with_traceback(e: Exception) -> Exception:
    """The exception with the worker's traceback as a note, since the traceback itself does not cross processes."""
    if hasattr(e, "add_note"):  # Python 3.11+
        e.add_note("in a worker process:\n" + "".join(traceback.format_exception(type(e), e, e.__traceback__)).rstrip())
    return e
