"""Input files an earlier build read, known again by size and modification time, so that an update does not parse
them again (`kg build --update`).

A file read without an error is recorded with the metadata of every document it gave, in order, and the id and
source it was read under. When the update meets it again, unchanged, its documents are given as `HeldDocument`s:
their metadata without their text. They go through the same renaming of ids and the same test of content as read
documents (`kg.batch.ContentFilter`), which skips them as unchanged; a held document that turns out to be needed (its
content now counts as new: a duplicate of it was read first last time, or its id changed) is read from its file then
(`HeldDocument.load`). So the documents built, the report and the graph are those of a full read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.ingest.errors import ErrorHandler, IngestError, read_failure
from kg.ingest.jsonl import RecordFields
from kg.model import Document, DocumentMeta

Reader = Callable[[ErrorHandler], Iterator[Document]]  # a file's documents, problems to the handler given


@dataclass(frozen=True, slots=True)
class HeldFile:
    """One file as an earlier build read it: its size and time, the id and source it was read under, the record
    fields, and the metadata of its documents in order (with the ids the file gave them, before renaming)."""

    size: int
    mtime_ns: int
    doc_id: str
    source: str
    fields: RecordFields
    documents: tuple[DocumentMeta, ...]


@dataclass(frozen=True, slots=True)
class HeldDocument:
    """A document of an unchanged file, known by its metadata; ``id`` is renamed as a read document's would be."""

    id: str
    held: DocumentMeta
    index: int  # its place among the file's documents
    reader: Reader  # reads the file's documents again

    def meta(self) -> DocumentMeta:
        return replace(self.held, id=self.id)

    def load(self) -> Document:
        """The document with its text, read from the file again; an error if the file no longer gives it."""
        problems: list[IngestError] = []
        docs = list(self.reader(problems.append))
        found = docs[self.index] if self.index < len(docs) else None
        if problems or found is None or found.meta() != replace(self.held, id=found.id):
            raise read_failure(self.held.source or self.id, OSError("changed while it was being read; build again"))
        return replace(found, id=self.id)


@dataclass
class InputFiles:
    """The files of the last build (``held``, by resolved path) and those of this one (``read``), which the state
    keeps for the next update."""

    held: dict[str, HeldFile] = field(default_factory=dict)
    read: dict[str, HeldFile] = field(default_factory=dict)

    def documents(
        self, path: Path, doc_id: str, source: str, fields: RecordFields, read: ErrorHandler, reader: Reader
    ) -> Iterator[Document | HeldDocument]:
        """The documents of one file: held ones when it is unchanged since it was read under the same id, source and
        fields, else those ``reader(on_error)`` reads (recorded when no error came up)."""
        key = str(path.resolve())
        try:
            status = path.stat()
        except OSError:
            yield from reader(read)
            return
        held = self.held.get(key)
        if held is not None and (held.size, held.mtime_ns, held.doc_id, held.source, held.fields) == (
            status.st_size, status.st_mtime_ns, doc_id, source, fields
        ):  # fmt: skip
            self.read[key] = held
            for index, meta in enumerate(held.documents):
                yield HeldDocument(meta.id, meta, index, reader)
            return
        errors = 0

        def counted(error: IngestError) -> None:
            nonlocal errors
            errors += 1
            read(error)

        metas = []
        for doc in reader(counted):
            metas.append(doc.meta())
            yield doc
        if not errors and _unchanged(path, status):
            self.read[key] = HeldFile(status.st_size, status.st_mtime_ns, doc_id, source, fields, tuple(metas))


def _unchanged(path: Path, before: os.stat_result) -> bool:
    """Whether the file is as it was when its reading began (else it is not recorded, and is read again next time)."""
    try:
        after = path.stat()
    except OSError:
        return False
    return (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
