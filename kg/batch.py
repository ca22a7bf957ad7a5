"""What every build shares, whichever processes run the extraction: the shard a worker gets, the rule that one
content is built once, and the report that counts what was read, skipped and failed.

`kg.builder` (one process or a pool) and `kg.distributed` (a Dask cluster) both apply them in input order, so both
give the same graph and the same report.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import Document, DocumentMeta

if TYPE_CHECKING:
    from kg.ingest import IngestError
    from kg.ingest.held import HeldDocument
    from kg.ingest.skipped import SkippedFiles

SHARD_SIZE = 32  # documents per task sent to a worker


@dataclass(slots=True)
class BuildReport:
    """What a build read, skipped and failed on."""

    documents: int = 0
    duplicates: int = 0
    unchanged: int = 0
    characters: int = 0
    removed: int = 0  # documents of an earlier build no longer among the inputs (`--prune`)
    unchanged_ids: set[str] = field(default_factory=set)  # the ids of the `unchanged` documents
    # unchanged documents whose title, author, categories, source or url changed: their new metadata
    refreshed: list[DocumentMeta] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    skipped: list[SkippedFiles] = field(default_factory=list)  # per folder walked: files of no readable kind

    def not_built(self, characters: int) -> None:
        """Take back a document counted when it was read whose extraction then failed: it is reported as failed."""
        self.documents -= 1
        self.characters -= characters

    def summary(self) -> str:
        parts = [f"built {self.documents:,} documents"]
        if self.unchanged:
            parts.append(f"{self.unchanged:,} unchanged since the last build")
        if self.removed:
            parts.append(f"{self.removed:,} removed as no longer among the inputs")
        if self.duplicates:
            parts.append(f"{self.duplicates:,} duplicates skipped")
        if self.errors:
            parts.append(f"{len(self.errors):,} failed")
        return "; ".join(parts)


def extraction_key(meta: DocumentMeta) -> tuple[str, str, str | None]:
    """What an extraction depends on besides the pipeline: the document's id, its text (by hash) and its date (which
    dates its figures). Two documents with the same key have the same extraction."""
    return meta.id, meta.content_hash, meta.date


class ContentFilter:
    """The same content twice is one document: the first one read wins. A document an earlier build holds
    (``known``) with the same `extraction_key` is skipped as unchanged; if its other metadata changed, it is listed
    in ``report.refreshed``. The report counts both kinds of skip and what goes through, so that an update keeps
    exactly the documents a full build would."""

    def __init__(self, report: BuildReport, known: Collection[DocumentMeta] = frozenset()) -> None:
        self.report = report
        self.known = {extraction_key(meta): meta for meta in known}
        self.seen: set[str] = set()

    def admit(self, meta: DocumentMeta) -> bool:
        """Whether a document is built: neither content read before in this build, nor held unchanged."""
        if meta.content_hash in self.seen:
            self.report.duplicates += 1
            return False
        self.seen.add(meta.content_hash)
        held = self.known.get(extraction_key(meta))
        if held is not None:
            self.report.unchanged += 1
            self.report.unchanged_ids.add(meta.id)
            if held != meta:
                self.report.refreshed.append(meta)
            return False
        self.report.documents += 1
        self.report.characters += meta.length
        return True


def unique_documents(
    documents: Iterable[Document | HeldDocument], report: BuildReport, known: Collection[DocumentMeta] = frozenset()
) -> Iterator[Document]:
    """The documents that are new, in reading order (see `ContentFilter`); a held document (`kg.ingest.held`) that
    is needed is read from its file then."""
    contents = ContentFilter(report, known)
    for doc in documents:
        if contents.admit(doc.meta()):
            yield doc if isinstance(doc, Document) else doc.load()
