"""Where each piece of an export stands in its file, so that an update writes the new file from the old one
(`kg build --update`): the pieces of the documents and entities that did not change are copied from the old file by
byte range (in the kernel, with ``os.copy_file_range``, where the system has it), and only the pieces rendered again
are written (`kg.rdf.patch`).

An export is its header, its pieces in the order of their keys, and its footer; in JSON-LD a separator stands
between two pieces. The formats of a family share the keys: N-Quads and TriG (graph, subject), N-Triples, Turtle and
RDF/XML the subject, JSON-LD (graph, subject). A key is kept as one string, the graph and the subject joined by NUL
(which no IRI holds), so that strings sort as the pairs do. `Layout` is what `kg.state` keeps of the last build's
files: each family's keys in file order with the unit (a document, ``d`` + id, or an entity, ``e`` + label) each
piece belongs to, each unit's signature, and each file's header length, piece lengths, size and modification time. A
file whose size or time differs from the record (edited, or written by something else) is not copied from.
"""

from __future__ import annotations

import errno
import itertools
import os
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FAMILY = {"nquads": "q", "trig": "q", "ntriples": "t", "turtle": "t", "xml": "t", "json-ld": "j"}
FAMILIES = ("q", "t", "j")

Segment = bytes | tuple[int, int]  # text to write, or (offset, length) of a range of the old file
_WRITE_SIZE = 1 << 22  # texts in a row are joined and written in pieces of about this size


@dataclass(slots=True)
class FileLayout:
    """One export file as a build wrote it: the length of its header, of each piece in its family's order, and the
    file's size and modification time, by which it is known again."""

    header: int
    lengths: array  # of "q": one length per piece
    size: int = 0
    mtime_ns: int = 0

    def offsets(self, separator: int) -> array:
        """Where each piece starts in the file."""
        step = (length + separator for length in self.lengths)
        return array("q", itertools.accumulate(step, initial=self.header))


@dataclass(slots=True)
class Layout:
    """The last build's pieces and files: for each family, the keys of its pieces in file order and the unit each
    belongs to; each unit's signature; and each file that may be copied from, by format."""

    signatures: dict[str, str]
    keys: dict[str, list[str]]
    units: dict[str, list[str]]
    files: dict[str, tuple[Path, FileLayout]]

    def usable(self, file: Path, layout: FileLayout) -> bool:
        """Whether a file is the one the layout describes: same size and modification time."""
        try:
            status = file.stat()
        except OSError:
            return False
        return status.st_size == layout.size and status.st_mtime_ns == layout.mtime_ns


def key_of(graph: str, subject: str) -> str:
    return f"{graph}\0{subject}"


def write_segments(out: int, old: Path | None, segments: Iterable[Segment]) -> None:
    """Write the segments to the file descriptor ``out``: texts as they are, ranges copied from ``old``. Texts in a
    row are written together."""
    pending: list[bytes] = []
    size = 0
    with _Source(old) as source:
        for segment in segments:
            if isinstance(segment, bytes):
                pending.append(segment)
                size += len(segment)
                if size < _WRITE_SIZE:
                    continue
            if pending:
                _write_all(out, b"".join(pending))
                pending.clear()
                size = 0
            if not isinstance(segment, bytes):
                source.copy_to(out, *segment)
        if pending:
            _write_all(out, b"".join(pending))


def joined_segments(old: Path | None, segments: Iterable[Segment]) -> bytes:
    """The segments as one byte string, ranges read from ``old``."""
    parts = []
    with _Source(old) as source:
        for segment in segments:
            parts.append(segment if isinstance(segment, bytes) else source.read(*segment))
    return b"".join(parts)


Part = int | tuple[int, int]  # a rendered piece (its index), or a run [a, b) of the old file's pieces


def merge(old_keys: list[str], old_units: list[str], dropped: set[str], fresh: list[tuple[str, str]]) -> Merged:
    """A family's pieces in export order: the old file's pieces, but those of the ``dropped`` units (rendered again,
    or gone), with the rendered pieces ``fresh`` ((key, unit), sorted by key) put in their places. The old pieces
    stay in runs, so that the work is in proportion to what changed, not to the file."""
    total = len(old_keys)
    events = [(i, 0, i) for i, unit in enumerate(old_units) if unit in dropped]
    for n, (key, _) in enumerate(fresh):
        at = bisect_left(old_keys, key)
        if at < total and old_keys[at] == key and old_units[at] not in dropped:
            raise ValueError(f"a rendered piece has the key of a piece kept from the last export: {key!r}")
        events.append((at, 1, n))
    events.sort()
    parts: list[Part] = []
    keys: list[str] = []
    units: list[str] = []
    at = 0
    for position, kind, n in events:
        if position > at:
            parts.append((at, position))
            keys.extend(old_keys[at:position])
            units.extend(old_units[at:position])
            at = position
        if kind:
            parts.append(n)
            keys.append(fresh[n][0])
            units.append(fresh[n][1])
        else:
            at = position + 1
    if at < total:
        parts.append((at, total))
        keys.extend(old_keys[at:total])
        units.extend(old_units[at:total])
    if any(a >= b for a, b in itertools.pairwise(keys)):
        raise ValueError("the pieces of an export are out of order or twice")
    return Merged(parts, keys, units)


@dataclass(slots=True)
class Merged:
    """A family's order (`merge`): its parts, and the keys and units of its pieces."""

    parts: list[Part]
    keys: list[str]
    units: list[str]


def plan(
    parts: list[Part], texts: list[bytes], old: FileLayout | None, separator: bytes, header: bytes, footer: bytes
) -> tuple[list[Segment], array]:
    """The segments of a file, and the length of each of its pieces, from its family's parts: a rendered piece is
    ``texts[i]``, a run of old pieces one range of the old file (which ``old`` describes), separators included."""
    segments: list[Segment] = [header]
    lengths = array("q")
    starts = old.offsets(len(separator)) if old is not None else array("q")
    for n, part in enumerate(parts):
        if n and separator:
            segments.append(separator)
        if isinstance(part, int):
            segments.append(texts[part])
            lengths.append(len(texts[part]))
            continue
        if old is None:
            raise ValueError("a piece of the last export needs the last export's file")
        a, b = part
        begin, end = starts[a], starts[b - 1] + old.lengths[b - 1]
        segments.append((begin, end - begin))
        lengths.extend(old.lengths[a:b])
    segments.append(footer)
    return segments, lengths


class _Source:
    """The old file, opened once, read or copied from by range."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fd = -1

    def __enter__(self) -> _Source:
        if self.path is not None:
            self.fd = os.open(self.path, os.O_RDONLY)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)

    def read(self, offset: int, length: int) -> bytes:
        data = os.pread(self.fd, length, offset)
        if len(data) != length:
            raise OSError(errno.EIO, f"{self.path}: shorter than its layout says")
        return data

    def copy_to(self, out: int, offset: int, length: int) -> None:
        """Copy a range to the end of ``out`` (its position advances), in the kernel where it can."""
        copy = getattr(os, "copy_file_range", None)
        while length > 0:
            done = 0
            if copy is not None:
                try:
                    done = copy(self.fd, out, length, offset)
                except OSError as error:
                    if error.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                        raise
                    copy = None  # another file system, or none: read and write instead
                    continue
                if done == 0:
                    raise OSError(errno.EIO, f"{self.path}: shorter than its layout says")
            else:
                chunk = self.read(offset, min(length, 1 << 24))
                _write_all(out, chunk)
                done = len(chunk)
            offset += done
            length -= done


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
