"""Documents in, compact extraction records out: the stage that runs the spaCy pipeline.

Only `Extraction` records leave this module, never Docs, so worker processes send back little and the graph does
not depend on spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kg.ingest.errors import IngestError, shown
from kg.model import Document, DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord, fact_key
from kg.nlp import make_pipeline
from kg.nlp.text import sentence_bounds, text_of

CHUNK_CHARS = 100_000  # long texts are cut at sentence boundaries into pieces of about this size


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """A document whose extraction raised, in the place of its extraction: one document never costs the others.
    Small and picklable, like `Extraction`, so that workers send it back."""

    document: DocumentMeta
    reason: str  # the exception, as "TypeName: message"

    def error(self) -> IngestError:
        """The error line and `errors.jsonl` record of the failure."""
        doc = self.document
        problem = f"document {shown(doc.id)}: extraction failed: {self.reason}"
        return IngestError(doc.source or doc.id, problem, "skipped; please report this document")


class Extractor:
    """Runs the pipeline over documents; holds one loaded pipeline."""

    def __init__(self, model: str | Path | None = None, nlp: Language | None = None) -> None:
        self.nlp = nlp or make_pipeline(model)

    def extract(self, document: Document) -> Extraction:
        return next(iter(self.extract_many([document])))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 64) -> Iterator[Extraction]:
        for document in documents:
            yield self._extract(document, batch_size)

    def extract_each(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[Extraction | ExtractionFailure]:
        """Like `extract_many`, but a document whose extraction raises gives an `ExtractionFailure` and the next
        one is extracted: what a build runs."""
        for document in documents:
            try:
                result: Extraction | ExtractionFailure = self._extract(document, batch_size)
            except Exception as exc:
                result = ExtractionFailure(document.meta(), f"{type(exc).__name__}: {exc}")
            yield result

    def _extract(self, document: Document, batch_size: int) -> Extraction:
        entities: dict[str, EntityRecord] = {}
        relations: list[RelationRecord] = []
        chunks = list(_chunks(document.text))
        for offset, doc in zip((o for o, _ in chunks), self.nlp.pipe((t for _, t in chunks), batch_size=batch_size)):
            _collect(document, doc, offset, entities, relations)
        return Extraction(document.meta(), tuple(entities[k] for k in sorted(entities)), tuple(relations))


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    start = 0
    for s, e in sentence_bounds(text):
        if e - start >= CHUNK_CHARS and s > start:
            yield start, text[start:s]
            start = s
        while e - start > CHUNK_CHARS:  # one sentence longer than a chunk: cut it hard
            yield start, text[start : start + CHUNK_CHARS]
            start += CHUNK_CHARS
    if start < len(text):
        yield start, text[start:]


def _collect(
    document: Document, doc, offset: int, entities: dict[str, EntityRecord], relations: list[RelationRecord]
) -> None:
    for label, info in doc._.kg_entities.items():
        old = entities.get(label)
        if old is None:
            entities[label] = EntityRecord(
                label=label,
                type=info.type,
                aliases=tuple(sorted(info.aliases)),
                mentions=info.mentions,
                label_en=info.label_en,
                known=info.known,
            )
        else:
            entities[label] = EntityRecord(
                label=label,
                type=old.type,
                aliases=tuple(sorted(set(old.aliases) | info.aliases)),
                mentions=old.mentions + info.mentions,
                label_en=old.label_en or info.label_en,
                known=old.known or info.known,
            )
    text = text_of(doc)
    for hit in doc._.kg_relations:
        evidence = Evidence(
            document=document.id,
            sentence=text[hit.sent_start : hit.sent_end],
            start=offset + hit.sent_start,
            end=offset + hit.sent_end,
            rule=hit.rule,
            confidence=hit.confidence,
            year=hit.year,
        )
        relations.append(RelationRecord(hit.head, hit.relation, hit.tail, evidence))


def extraction_to_json(extraction: Extraction) -> dict:
    """The JSON Lines record of `kg extract`, in the scorer's format (corpus/README.md): one record per fact,
    with the best-supported evidence and the number of sentences behind it."""
    ids = {e.label: f"e{i}" for i, e in enumerate(extraction.entities)}
    facts: dict[tuple[str, str, str], list[RelationRecord]] = {}
    for r in extraction.relations:
        head, relation, tail = fact_key(r.head, r.relation, r.tail)
        if head in ids and tail in ids:
            facts.setdefault((head, relation, tail), []).append(r)
    relations = []
    for (head, relation, tail), records in facts.items():
        best = max(records, key=lambda r: (r.evidence.confidence, -r.evidence.start))
        ev = best.evidence
        relations.append(
            {
                "head": ids[head],
                "relation": relation,
                "tail": ids[tail],
                "head_label": head,
                "tail_label": tail,
                "year": ev.year,
                "confidence": ev.confidence,
                "rule": ev.rule,
                "evidence": ev.sentence,
                "start": ev.start,
                "end": ev.end,
                "support": len(records),
            }
        )
    return {
        "document": extraction.document.id,
        "title": extraction.document.title,
        "entities": [
            {
                "id": ids[e.label],
                "label": e.label,
                "type": e.type,
                "aliases": list(e.aliases),
                "mentions": e.mentions,
                **({"en": e.label_en} if e.label_en else {}),
            }
            for e in extraction.entities
        ],
        "relations": relations,
    }
