"""Extraction on a Dask distributed cluster: the same build, with the spaCy work spread over many machines.

The driver plans units of work (one per file, byte ranges of large JSON Lines files, shards of standard input),
workers read their unit and send back compact `Extraction` records (never spaCy Docs), and the driver merges the
results in input order. Ids are made unique and repeated content is dropped on the driver with the same rules and
in the same order as `kg.ingest.read_documents` and `kg.builder`, so the graph, the exports and the error report are
the same as a single-process build.

Dask is an optional dependency (``pip install kg[dask]``): this module imports it only when a cluster is used.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO

from kg.batch import SHARD_SIZE, BuildReport, ContentFilter, extraction_key
from kg.extract import ExtractionFailure, Extractor
from kg.ingest.decode import SNIFF_BYTES, UTF16_BOMS, binary_kind, decoded_lines
from kg.ingest.errors import IngestError, read_failure
from kg.ingest.files import read_path, unique_id, walk_inputs
from kg.ingest.jsonl import RECORD_FIELDS, RecordFields, jsonl_documents
from kg.ingest.skipped import SkippedFiles
from kg.model import Document, DocumentMeta, Extraction

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["ClusterError", "extract_on_cluster", "require_dask"]

PARTITION_BYTES = 32 << 20
_SPLITTABLE = (".jsonl", ".ndjson")  # plain JSON Lines; gzip cannot be split
_STDIN = "-"
_INSTALL = "pip install 'kg[dask]'"


class ClusterError(RuntimeError):
    """Dask is missing or the scheduler cannot be reached: one line that says what to do."""


@dataclass(frozen=True, slots=True)
class _File:
    """A whole file, read by one task exactly as `kg.ingest` reads it."""

    path: str
    doc_id: str
    source: str


@dataclass(frozen=True, slots=True)
class _Range:
    """The lines of a plain JSON Lines file between two byte offsets that follow a newline."""

    path: str
    doc_id: str
    source: str
    start: int
    end: int
    first_line: int


@dataclass(frozen=True, slots=True)
class _Records:
    """Documents and errors already read on the driver (standard input), in reading order."""

    items: tuple[Document | IngestError, ...]


@dataclass(frozen=True, slots=True)
class _Skipped:
    """A document not extracted: its content was built before or came earlier in the unit. Its id still counts."""

    meta: DocumentMeta


_Unit = _File | _Range | _Records
_Event = IngestError | Extraction | ExtractionFailure | _Skipped


def require_dask() -> None:
    """Raise `ClusterError` with the install command when dask.distributed is not importable."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError(f"Dask is not installed ({_INSTALL})") from None


def extract_on_cluster(
    inputs: Sequence[str | Path],
    *,
    scheduler: str | None = None,
    model: str | Path | None = None,
    backbone: bool = False,
    on_error: Callable[[IngestError], None] | None = None,
    report: BuildReport | None = None,
    partition_bytes: int = PARTITION_BYTES,
    n_workers: int | None = None,
    known: Collection[DocumentMeta] = frozenset(),
    stdin: TextIO | None = None,
    fields: RecordFields = RECORD_FIELDS,
) -> Iterator[Extraction]:
    """Extractions of ``inputs`` computed on a Dask cluster, in input order, duplicates removed.

    ``scheduler`` is an address such as ``tcp://host:8786``; ``None`` starts a local cluster of ``n_workers``
    processes (default: one per core) for the duration. Input paths must be visible to every worker. Bad inputs
    are appended to ``report.errors`` and passed to ``on_error`` (which may raise to stop), as in `kg.build`;
    ``report`` also counts documents, duplicates and characters. Documents in ``known`` (an earlier build's, as
    `kg.batch.ContentFilter` compares them) are skipped on the workers and counted as unchanged. ``model`` and
    ``backbone`` choose each worker's pipeline, as in `kg.build`; ``fields`` names the fields of JSON records to read.
    """
    require_dask()
    if partition_bytes < 1:
        raise ValueError("partition_bytes must be positive")
    return _extract(
        list(inputs),
        scheduler=scheduler,
        model=None if model is None else str(model),
        backbone=backbone,
        on_error=on_error,
        report=report if report is not None else BuildReport(),
        partition_bytes=partition_bytes,
        n_workers=n_workers,
        known=frozenset(known),
        stdin=stdin,
        fields=fields,
    )


def _extract(
    inputs: list[str | Path],
    *,
    scheduler: str | None,
    model: str | None,
    backbone: bool,
    on_error: Callable[[IngestError], None] | None,
    report: BuildReport,
    partition_bytes: int,
    n_workers: int | None,
    known: frozenset[DocumentMeta],
    stdin: TextIO | None,
    fields: RecordFields,
) -> Iterator[Extraction]:
    client, cluster = _connect(scheduler, n_workers)
    pending: deque = deque()
    try:
        window = max(8, 4 * sum(client.nthreads().values()))
        units = _units(
            inputs, partition_bytes, stdin, fields, report.skipped.append, lambda ranges: _first_lines(client, ranges)
        )
        merge = _Merger(report, on_error, known)
        keys = frozenset(extraction_key(meta) for meta in known)
        skip = client.scatter([keys], broadcast=True)[0] if keys else keys  # sent to each worker once

        def fill() -> None:
            while len(pending) < window and (unit := next(units, None)) is not None:
                is_error = isinstance(unit, IngestError)
                pending.append(
                    unit if is_error else client.submit(_run, unit, model, skip, fields, backbone, pure=False)
                )

        fill()
        while pending:
            item = pending.popleft()
            events = [item] if isinstance(item, IngestError) else item.result()
            fill()
            yield from merge(events)
    finally:
        futures = [f for f in pending if not isinstance(f, IngestError)]
        if futures:
            client.cancel(futures)
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str | None, n_workers: int | None):
    """A client of the scheduler at ``scheduler``, or of a new local cluster (returned too, to be closed)."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster), cluster
    try:
        return Client(scheduler), None
    except (OSError, ValueError, TypeError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


class _Merger:
    """The driver's half of `kg.ingest.unique_id` and `kg.batch.ContentFilter`, applied to events in input order."""

    def __init__(
        self, report: BuildReport, on_error: Callable[[IngestError], None] | None, known: frozenset[DocumentMeta]
    ) -> None:
        self.report = report
        self.on_error = on_error
        self.contents = ContentFilter(report, known)
        self.ids: set[str] = set()

    def __call__(self, events: Iterable[_Event]) -> Iterator[Extraction]:
        for event in events:
            if isinstance(event, IngestError):
                self._fail(event)
                continue
            meta = event.meta if isinstance(event, _Skipped) else event.document
            doc_id = unique_id(meta.id, self.ids)
            if not self.contents.admit(meta if doc_id == meta.id else replace(meta, id=doc_id)):
                continue
            if isinstance(event, ExtractionFailure):  # counted as read, like the one-process build, then taken back
                self.report.not_built(meta.length)
                self._fail(replace(event, document=replace(event.document, id=doc_id)).error())
                continue
            assert isinstance(event, Extraction)  # a unit skips only content built before or sent earlier
            yield event if doc_id == meta.id else _renamed(event, doc_id)

    def _fail(self, error: IngestError) -> None:
        self.report.errors.append(error)
        if self.on_error is not None:
            self.on_error(error)


def _renamed(extraction: Extraction, doc_id: str) -> Extraction:
    """The extraction under the id the driver gave its document; evidence names the document too."""
    return replace(
        extraction,
        document=replace(extraction.document, id=doc_id),
        relations=tuple(replace(r, evidence=replace(r.evidence, document=doc_id)) for r in extraction.relations),
    )


# ---------------------------------------------------------------------------
# planning, on the driver


def _units(
    inputs: Iterable[str | Path],
    partition_bytes: int,
    stdin: TextIO | None,
    fields: RecordFields,
    on_skipped: Callable[[SkippedFiles], None],
    first_lines: Callable[[list[_Range]], list[int]],
) -> Iterator[_Unit | IngestError]:
    """Units of work in input order; folders are walked here, in the order `kg.ingest` walks them, and what they
    hold of no readable kind goes to ``on_skipped``."""
    for item in inputs:
        given = str(item)
        if given == _STDIN:
            yield from _stdin_units(stdin if stdin is not None else sys.stdin, fields)
            continue
        path = Path(item)
        if not path.is_dir():
            yield from _file_units(path, path.name, given, partition_bytes, first_lines)
            continue
        errors: list[IngestError] = []
        for file, rel in walk_inputs(path, errors.append, on_skipped, given):
            yield from errors
            errors.clear()
            yield from _file_units(file, rel, str(file), partition_bytes, first_lines)
        yield from errors


def _file_units(
    path: Path, doc_id: str, source: str, partition_bytes: int, first_lines: Callable[[list[_Range]], list[int]]
) -> Iterator[_Unit]:
    bounds = _split_points(path, partition_bytes)
    if len(bounds) <= 2:
        yield _File(str(path), doc_id, source)
        return
    ranges = [_Range(str(path), doc_id, source, s, e, 0) for s, e in zip(bounds, bounds[1:])]
    for r, first in zip(ranges, first_lines(ranges)):
        yield replace(r, first_line=first)


def _split_points(path: Path, partition_bytes: int) -> list[int]:
    """Offsets that cut a large plain JSON Lines file after newlines; ``[]`` when it is read whole.

    Anything `kg.ingest` would not read as UTF-8 JSON Lines line by line (gzip, UTF-16, binary, empty) is read
    whole, so its errors are the same.
    """
    if not path.name.lower().endswith(_SPLITTABLE):
        return []
    try:
        size = path.stat().st_size
        if size <= partition_bytes:
            return []
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
            if not head.strip() or head.startswith(UTF16_BOMS) or binary_kind(head):
                return []
            bounds = [0]
            while bounds[-1] + partition_bytes < size:
                f.seek(bounds[-1] + partition_bytes)
                f.readline()
                if f.tell() >= size:
                    break
                bounds.append(f.tell())
    except OSError:
        return []  # the worker reading the whole file reports the problem
    bounds.append(size)
    return bounds


def _first_lines(client: Client, ranges: list[_Range]) -> list[int]:
    """The line number each range starts at, from newline counts computed on the workers."""
    counts = client.gather(client.map(_count_newlines, ranges, pure=False))
    firsts, line = [], 1
    for count in counts:
        firsts.append(line)
        line += count
    return firsts


def _stdin_units(stream: TextIO, fields: RecordFields) -> Iterator[_Records]:
    """JSON Lines from standard input, read on the driver (workers cannot see it) and shipped in shards."""
    items: list[Document | IngestError] = []
    lines = enumerate(stream, 1)
    for doc in jsonl_documents(lines, source="<stdin>", base_id="stdin", on_error=items.append, fields=fields):
        items.append(doc)
        if len(items) >= SHARD_SIZE:
            yield _Records(tuple(items))
            items.clear()
    if items:
        yield _Records(tuple(items))


# ---------------------------------------------------------------------------
# work, on the workers

_EXTRACTORS: dict[tuple[str | None, bool], Extractor] = {}  # by (model, backbone)
_LOCK = threading.Lock()  # one pipeline per process, shared by the worker's threads one document at a time


def _extractor(model: str | None, backbone: bool) -> Extractor:
    extractor = _EXTRACTORS.get((model, backbone))
    if extractor is None:
        extractor = _EXTRACTORS[model, backbone] = Extractor(model, backbone=backbone)
    return extractor


def _run(
    unit: _Unit,
    model: str | None,
    known: frozenset[tuple[str, str, str | None]],  # extraction keys (`kg.batch.extraction_key`)
    fields: RecordFields = RECORD_FIELDS,
    backbone: bool = False,
) -> list[_Event]:
    """Read one unit and extract its documents; errors and skipped documents keep their place among them."""
    events: list[_Event] = []
    hashes: set[str] = set()
    for doc in _documents(unit, events.append, fields):
        meta = doc.meta()
        if meta.content_hash in hashes or extraction_key(meta) in known:
            events.append(_Skipped(meta))
            continue
        hashes.add(meta.content_hash)
        with _LOCK:
            events.extend(_extractor(model, backbone).extract_each([doc]))
    return events


def _documents(unit: _Unit, report: Callable[[IngestError], None], fields: RecordFields) -> Iterator[Document]:
    if isinstance(unit, _File):
        yield from read_path(Path(unit.path), doc_id=unit.doc_id, source=unit.source, on_error=report, fields=fields)
    elif isinstance(unit, _Range):
        yield from _range_documents(unit, report, fields)
    else:
        for item in unit.items:
            if isinstance(item, IngestError):
                report(item)
            else:
                yield item


def _range_documents(unit: _Range, report: Callable[[IngestError], None], fields: RecordFields) -> Iterator[Document]:
    try:
        with open(unit.path, "rb") as f:
            f.seek(unit.start)
            lines = decoded_lines(_lines_between(f, unit.end - unit.start), unit.source, report, unit.first_line)
            yield from jsonl_documents(lines, source=unit.source, base_id=unit.doc_id, on_error=report, fields=fields)
    except OSError as exc:
        report(read_failure(unit.source, exc))


def _lines_between(f: IO[bytes], length: int) -> Iterator[bytes]:
    for line in f:
        yield line
        length -= len(line)
        if length <= 0:
            return


def _count_newlines(unit: _Range) -> int:
    """Newlines in a range; an unreadable file counts none, and reading its ranges reports why."""
    count, remaining = 0, unit.end - unit.start
    try:
        with open(unit.path, "rb") as f:
            f.seek(unit.start)
            while remaining > 0 and (block := f.read(min(remaining, 1 << 20))):
                count += block.count(b"\n")
                remaining -= len(block)
    except OSError:
        return 0
    return count
