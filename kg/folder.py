"""An output folder of `kg build`: one writer at a time, and its files replaced as one set.

**One writer.** A build holds ``DIR/.kg.lock`` (``fcntl.flock``) from before it reads the graph already there
(``--update``) until its exports are in place, so a second build into the same folder waits and then reads what the
first wrote. The kernel releases the lock when its holder dies, however it dies, so a killed build never leaves it
stuck. The file is removed on release; a waiter that wakes on a removed file locks the new one instead.

**One set.** Renaming seven files is seven steps, and a kill between two of them would leave two builds mixed. So the
staged files are first named in a commit record, ``DIR/.kg-commit.json``, written whole (temporary file, fsync,
rename): once it is there, the new set is the folder's content. The files are then renamed into place and the record
removed. A build killed before the record leaves the old set; one killed after it is finished by the next writer
(`recover`, under the lock), and readers meanwhile read the new set (`current`). Temporary files of killed builds
(only ours: ``.kg.*.tmp``, ``.errors.*.tmp``, ``.kg-commit.*.tmp``) are removed by the next writer.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

LOCK = ".kg.lock"
COMMIT = ".kg-commit.json"
# What a build stages in its folder: `.NAME.<random>.tmp` for each file of the set, and the commit record's own.
_STAGED = re.compile(r"\.(?:kg\.(?:ttl|nt|nq|trig|jsonld|rdf|html)|errors\.jsonl|errors|kg-commit)\.[^/]+\.tmp")
_FINAL = re.compile(r"[^/\\]+")

_held: dict[str, tuple[int, int]] = {}  # folder -> (lock fd, holds) in this process
_guard = threading.Lock()


class FolderBusy(OSError):
    """Another process is writing the folder and the caller would not wait."""


@contextmanager
def writer(directory: str | Path, *, wait: bool = True, on_wait: Callable[[], None] | None = None) -> Iterator[Path]:
    """Hold the folder for writing: wait for another writer (calling `on_wait` once) or raise `FolderBusy`.

    Re-entrant within a process (`kg build` holds the folder around `save_all`, which takes it too). On entry, an
    interrupted commit is finished and stale temporary files are removed. A folder this call created and left empty
    is removed again, so a build that writes nothing leaves nothing behind.
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
        recover(folder)
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


def replace_set(directory: Path, staged: Mapping[str, Path | None]) -> None:
    """Put each staged file at its name in `directory` (None removes that name), all or none of them.

    The staged files must sit in `directory` under a name of `_STAGED`. This call owns them: it removes them if it
    fails before the commit record is in place; after that point, they are the folder's content even if this
    process dies, and the next writer finishes the renames.
    """
    record = {name: (None if path is None else path.name) for name, path in staged.items()}
    try:
        _write_record(directory, record)
    except BaseException:
        for path in staged.values():
            if path is not None:
                path.unlink(missing_ok=True)
        raise
    _finish(directory, record)


def _write_record(directory: Path, record: Mapping[str, str | None]) -> None:
    fd, temp = tempfile.mkstemp(prefix=".kg-commit.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, directory / COMMIT)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync(directory)


def _finish(directory: Path, record: Mapping[str, str | None]) -> None:
    """The renames of a commit, in a fixed order; each is done or skipped if already done, so this can be rerun."""
    for name, temp in sorted(record.items()):
        if temp is None:
            (directory / name).unlink(missing_ok=True)
            continue
        with contextlib.suppress(FileNotFoundError):  # renamed before the interruption
            os.replace(directory / temp, directory / name)
    _sync(directory)
    (directory / COMMIT).unlink()


def _sync(directory: Path) -> None:
    """Make the folder's renames durable (where the system lets a folder be synced)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in {errno.EINVAL, errno.EBADF}:
            raise
    finally:
        os.close(fd)


def _read_record(directory: Path) -> dict[str, str | None] | None:
    """The pending commit of the folder, or None; a record that is not ours (bad names) is ignored."""
    try:
        record = json.loads((directory / COMMIT).read_bytes())
    except FileNotFoundError:
        return None
    except ValueError:
        return None
    if not isinstance(record, dict) or not all(
        isinstance(k, str) and _FINAL.fullmatch(k) and k not in {".", ".."} and (v is None or _is_staged(v))
        for k, v in record.items()
    ):
        return None
    return record


def _is_staged(name: object) -> bool:
    return isinstance(name, str) and _STAGED.fullmatch(name) is not None


def recover(directory: Path) -> None:
    """Finish a commit that a killed build left, then remove the temporary files of killed builds. Writers only."""
    record = _read_record(directory)
    if record is not None:
        _finish(directory, record)
    else:
        (directory / COMMIT).unlink(missing_ok=True)
    for entry in os.scandir(directory):
        if _is_staged(entry.name) and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)


def current(path: str | Path) -> Path:
    """Where the current content of an export is: the staged file of a commit still being renamed, else the path.

    Readers call this, so that a folder whose commit a killed build left unfinished reads as the new set it holds.
    """
    path = Path(path)
    record = _read_record(path.parent)
    if record is None or record.get(path.name) is None:
        return path
    staged = path.parent / str(record[path.name])
    return staged if staged.exists() else path


def opened(path: str | Path) -> BinaryIO:
    """An export opened for reading as `current` finds it; a staged file renamed away meanwhile is looked up again."""
    for _ in range(3):
        found = current(path)
        try:
            return open(found, "rb")
        except FileNotFoundError:
            if found == Path(path):
                raise
    return open(path, "rb")
