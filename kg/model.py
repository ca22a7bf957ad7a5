"""The records that flow between stages: documents in, extractions out.

Extraction results are small, frozen and picklable, so worker processes send
them back instead of spaCy Docs, and the graph can be rebuilt from them in any
order with the same result.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field, fields
from typing import TypeVar

ENTITY_TYPES: tuple[str, ...] = ("ORG", "PRODUCT", "INITIATIVE", "LOC")
RELATION_LABELS: tuple[str, ...] = (
    "launched",
    "operates",
    "partnered_with",
    "part_of",
    "deployed_at",
    "located_in",
    "subsidiary_of",
    "invested_in",
    "regulates",
)
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"partnered_with"})

_End = TypeVar("_End", str, int)


def fact_key(head: _End, relation: str, tail: _End) -> tuple[_End, str, _End]:
    """A fact as it is stored and compared: the ends of a symmetric relation in sorted order, so that A–B and B–A
    are one fact."""
    if relation in SYMMETRIC_RELATIONS and tail < head:
        return tail, relation, head
    return head, relation, tail


def normalize_name(name: str) -> str:
    """Key used to compare names: NFKC, case-folded, without spaces or quote marks."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in text if not ch.isspace() and ch not in _QUOTES).casefold()


_QUOTES = frozenset("\"'“”‘’「」『』《》〈〉()（）[]【】·・")


_Record = TypeVar("_Record")


def _pickled_by_fields(cls: type[_Record]) -> type[_Record]:
    """Pickle the record as its class and its field values in order, rebuilt by one constructor call: the records
    that workers send back are unpickled about 45% faster than with a slotted dataclass's default (a state per
    object), which weighed on the process that collects them (`kg build --workers`)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def __reduce__(self: object) -> tuple[type, tuple]:
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What is known about an article besides its text: the fields front matter or a JSON record give."""

    id: str
    title: str = ""
    date: str | None = None
    author: str = ""
    categories: tuple[str, ...] = ()
    source: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Document(DocumentInfo):
    """One article: its metadata and its cleaned text."""

    text: str = field(kw_only=True)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def meta(self) -> DocumentMeta:
        info = {f.name: getattr(self, f.name) for f in fields(DocumentInfo)}
        return DocumentMeta(**info, content_hash=self.content_hash, length=len(self.text))


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class DocumentMeta(DocumentInfo):
    """A document without its text: what the graph keeps about a source."""

    content_hash: str = ""
    length: int = 0


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence and the character offsets in the document text.

    A document keeps a bounded number of readings of one fact (`kg.extract.MAX_READINGS`); ``more`` counts the
    readings beyond them, on the first kept one, so each piece of evidence stands for ``1 + more`` readings."""

    document: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    year: int | None = None
    more: int = 0


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class EntityRecord:
    """An entity as one document names it, after alias resolution within that document."""

    label: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 1
    label_en: str | None = None
    known: bool = False


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class RelationRecord:
    """One typed relation between two entities, named by their labels, with its evidence."""

    head: str
    relation: str
    tail: str
    evidence: Evidence


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Measurement:
    """A figure the text states about an entity, or about a relation when `relation` and `object` are set (a
    stake on an invested_in). A share is a fraction (8.97% and 七成 are 0.0897 and 0.7, unit "%"); a range has an
    `upper` bound. `time` is when it holds (2021-12-31, 2022-Q1, 2021-H1, 2021, or a span 2019/2022-03-18) with
    its `precision`; `time_note` says when it was read with the document's date, or why there is none."""

    subject: str
    property: str
    value: float
    unit: str
    comparison: str
    text: str
    start: int
    end: int
    evidence: Evidence
    upper: float | None = None
    relation: str | None = None
    object: str | None = None
    time: str | None = None
    precision: str | None = None
    time_text: str | None = None
    time_note: str = ""


def measurement_to_json(m: Measurement) -> dict:
    """One measurement of `kg extract`: the figure, what it is about, when it holds, and its evidence."""
    return {
        "subject": m.subject,
        **({"relation": m.relation, "object": m.object} if m.relation else {}),
        "property": m.property,
        "value": m.value,
        **({"upper": m.upper} if m.upper is not None else {}),
        "unit": m.unit,
        "comparison": m.comparison,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "time": m.time,
        "precision": m.precision,
        **({"time_text": m.time_text} if m.time_text else {}),
        **({"time_note": m.time_note} if m.time_note else {}),
        "rule": m.evidence.rule,
        "confidence": m.evidence.confidence,
        "evidence": m.evidence.sentence,
        "sentence_start": m.evidence.start,
        "sentence_end": m.evidence.end,
    }


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: DocumentMeta
    entities: tuple[EntityRecord, ...] = ()
    relations: tuple[RelationRecord, ...] = ()
    measurements: tuple[Measurement, ...] = ()


@dataclass(slots=True)
class Entity:
    """An entity of the merged graph, as the Python API returns it."""

    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    label_en: str | None = None
    mentions: int = 0
    documents: list[str] = field(default_factory=list)
    known: bool = False


@dataclass(slots=True)
class Relation:
    """A merged fact of the graph with every piece of evidence behind it."""

    head: str
    relation: str
    tail: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)

    @property
    def years(self) -> list[int]:
        return sorted({e.year for e in self.evidence if e.year is not None})

    @property
    def year(self) -> int | None:
        years = self.years
        return years[0] if years else None
