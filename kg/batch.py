"""What every build shares, whichever processes run the extraction: the shard a worker gets, the rule that one
content is built once, and the report that counts what was read, skipped and failed.

`kg.builder` (one process or a pool) and `kg.distributed` (a Dask cluster) both apply them in input order, so both
give the same graph and the same report.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import Document

if TYPE_CHECKING:
    from kg.ingest import IngestError
    from kg.ingest.skipped import SkippedFiles

SHARD_SIZE = 32  # documents per task sent to a worker


@dataclass(slots=True)
class BuildReport:
    """What a build read, skipped and failed on."""

    documents: int = 0
    duplicates: int = 0
    unchanged: int = 0
    characters: int = 0
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
        if self.duplicates:
            parts.append(f"{self.duplicates:,} duplicates skipped")
        if self.errors:
            parts.append(f"{len(self.errors):,} failed")
        return "; ".join(parts)


class ContentFilter:
    """The same content twice is one document: the first one read wins, and content an earlier build holds
    (``known`` content hashes) is skipped. The report counts both kinds of skip and what goes through."""

    def __init__(self, report: BuildReport, known: Collection[str] = frozenset()) -> None:
        self.report = report
        self.known = known
        self.seen: set[str] = set()

    def admit(self, content_hash: str, characters: int) -> bool:
        """Whether a document with this content is built; ``characters`` is its length, for the report."""
        if content_hash in self.known:
            self.report.unchanged += 1
            return False
        if content_hash in self.seen:
            self.report.duplicates += 1
            return False
        self.seen.add(content_hash)
        self.report.documents += 1
        self.report.characters += characters
        return True


def unique_documents(
    documents: Iterable[Document], report: BuildReport, known: Collection[str] = frozenset()
) -> Iterator[Document]:
    """The documents whose content is new, in reading order (see `ContentFilter`)."""
    contents = ContentFilter(report, known)
    for doc in documents:
        if contents.admit(doc.content_hash, len(doc.text)):
            yield doc
