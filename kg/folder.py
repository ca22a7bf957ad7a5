"""An output folder of `kg build`: one writer at a time.

**One writer.** A build holds ``DIR/.kg.lock`` (``fcntl.flock``) from before it reads the graph already there
(``--update``) until its exports are in place, so a second build into the same folder waits and then reads what the
first wrote. The kernel releases the lock when its holder dies, however it dies, so a killed build never leaves it
stuck. The file is removed on release; a waiter that wakes on a removed file locks the new one instead.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK = ".kg.lock"

_held: dict[str, tuple[int, int]] = {}  # folder -> (lock fd, holds) in this process
_guard = threading.Lock()


class FolderBusy(OSError):
    """Another process is writing the folder and the caller would not wait."""


@contextmanager
def writer(directory: str | Path, *, wait: bool = True, on_wait: Callable[[], None] | None = None) -> Iterator[Path]:
    """Hold the folder for writing: wait for another writer (calling `on_wait` once) or raise `FolderBusy`.

    Re-entrant within a process (`kg build` holds the folder around `save_all`, which takes it too). A folder this
    call created and left empty is removed again, so a build that writes nothing leaves nothing behind.
    """
    folder = Path(directory)
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    key = os.path.realpath(folder)
    with _guard:
        if key in _held:
            fd, holds = _held[key]
            _held[key] = (fd, holds + 1)
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield folder
        finally:
            with _guard:
                fd, holds = _held[key]
                _held[key] = (fd, holds - 1)
        return
    fd = _lock(folder, wait, on_wait)
    with _guard:
        _held[key] = (fd, 1)
    try:
        yield folder
    finally:
        with _guard:
            del _held[key]
        (folder / LOCK).unlink(missing_ok=True)  # still ours: removed while held, so no one locks a stale file
        os.close(fd)
        if created:
            with contextlib.suppress(OSError):  # not empty: this build wrote there
                folder.rmdir()


def _lock(folder: Path, wait: bool, on_wait: Callable[[], None] | None) -> int:
    """An fd holding an exclusive flock on the folder's lock file as it is now on disk."""
    path = folder / LOCK
    told = False
    while True:
        folder.mkdir(parents=True, exist_ok=True)  # a waiter may find the folder removed by a writer that left it empty
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    raise FolderBusy(errno.EWOULDBLOCK, f"another kg build is writing {folder}") from None
                if not told and on_wait is not None:
                    on_wait()
                told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed that file as it left: lock the one on disk now


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)
