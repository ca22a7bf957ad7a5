"""Bad input never raises a traceback: every problem is an `IngestError` naming the file (and line), handed to
``on_error`` before reading goes on with the next input.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from typing import Any


class IngestError(Exception):
    """One input that could not be read.

    ``str(e)`` is one clear line: ``<path>[:line]: <problem> (<what to do>)``.
    """

    def __init__(self, path: str, problem: str, hint: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = shown(self.path) if self.line is None else f"{shown(self.path)}:{self.line}"
        return f"{where}: {self.problem} ({self.hint})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes send errors back; the default reduce would lose the fields.
        return (IngestError, (self.path, self.problem, self.hint, self.line))


ErrorHandler = Callable[[IngestError], None]


def shown(name: str) -> str:
    """A file name as a message prints it: as it is when every character is printable, else quoted with escapes
    (``'a\\nb.txt'``), so that a newline or an escape sequence in a name can neither fake a line of output nor
    drive the terminal. A name that starts with a quote is quoted too, so the two never look alike."""
    if name.isprintable() and not name.startswith(("'", '"')):
        return name
    return repr(name)


def raise_error(error: IngestError) -> None:
    """The handler when none is given: stop at the first bad input."""
    raise error


def unexpected_failure(source: str, exc: Exception, line: int | None = None, where: str = "") -> IngestError:
    """An exception no reader foresaw, as one error line (``where`` names a record of a file without lines): that
    input is skipped and the others are read."""
    problem = f"{where}cannot read: {type(exc).__name__}: {exc}"
    return IngestError(source, problem, "skipped; please report this input", line)


def read_failure(source: str, exc: Exception) -> IngestError:
    """Any failure to read a file, as one IngestError line."""
    if isinstance(exc, IngestError):
        return exc
    if isinstance(exc, (gzip.BadGzipFile, EOFError, zlib.error)):
        return IngestError(source, "corrupt gzip file", "decompress or re-create it")
    if isinstance(exc, FileNotFoundError):
        return IngestError(source, "no such file or folder", "check the path")
    if isinstance(exc, PermissionError):
        return IngestError(source, "permission denied", "check the file's permissions")
    if isinstance(exc, IsADirectoryError):
        return IngestError(source, "is a folder", "read folders with read_documents")
    if isinstance(exc, OSError):
        return IngestError(source, f"cannot read: {exc.strerror or exc}", "check the path")
    return unexpected_failure(source, exc)
