"""Documents in, compact extraction records out: the stage that runs the spaCy pipeline.

Only `Extraction` records leave this module, never Docs, so worker processes send back little and the graph does
not depend on spaCy.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from spacy.language import Language

from kg.ingest.errors import IngestError, shown
from kg.model import (
    Document,
    DocumentMeta,
    EntityRecord,
    Evidence,
    Extraction,
    Measurement,
    RelationRecord,
    fact_key,
    measurement_to_json,
)
from kg.nlp import make_pipeline
from kg.nlp.measures import resolve
from kg.nlp.text import MAX_SENTENCE_CHARS, sentence_bounds, text_of

CHUNK_CHARS = 100_000  # long texts are cut at sentence boundaries into pieces of about this size
# readings of one fact kept per document: news repeats a fact a few times (16 at most in 12,000 CCTV items), a
# document pasted together from copies of one article repeats it thousands of times, and each reading would become
# about 17 RDF statements; the readings beyond these are counted (Evidence.more), not kept
MAX_READINGS = 20
_NON_SPACE = re.compile(r"\S")


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

    def __init__(self, model: str | Path | None = None, nlp: Language | None = None, *, backbone: bool = False) -> None:
        self.nlp = nlp or make_pipeline(model, backbone=backbone)

    def extract(self, document: Document) -> Extraction:
        return next(iter(self.extract_many([document])))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 64) -> Iterator[Extraction]:
        """One Extraction per document, in order; an exception in one document ends the iteration. The chunks of up
        to `batch_size` documents go through one `nlp.pipe`, so that a component that batches (the backbone's
        tagger) batches across documents."""
        pending = iter(documents)
        while group := list(islice(pending, batch_size)):
            yield from self._extract_group(group, batch_size)

    def extract_each(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[Extraction | ExtractionFailure]:
        """Like `extract_many`, but a document whose extraction raises gives an `ExtractionFailure` and the others
        are extracted: what a build runs. A group that raises is extracted again one document at a time, so the
        failure is pinned on its document."""
        pending = iter(documents)
        while group := list(islice(pending, batch_size)):
            try:
                results: list[Extraction | ExtractionFailure] = [*self._extract_group(group, batch_size)]
            except Exception:
                results = [self._extract_alone(document, batch_size) for document in group]
            yield from results

    def _extract_alone(self, document: Document, batch_size: int) -> Extraction | ExtractionFailure:
        try:
            return self._extract_group([document], batch_size)[0]
        except Exception as exc:
            return ExtractionFailure(document.meta(), f"{type(exc).__name__}: {exc}")

    def _extract_group(self, group: list[Document], batch_size: int) -> list[Extraction]:
        """The extractions of a group of documents, whose chunks are cut as the pipeline asks for them."""
        found = [({}, _Readings(), []) for _ in group]
        figure_counts = [_FigureCounts() for _ in group]
        places: deque[tuple[int, int]] = deque()  # (document, offset) of the chunks the pipeline has been given

        def texts() -> Iterator[str]:
            for n, document in enumerate(group):
                for offset, text in _chunks(document.text):
                    places.append((n, offset))
                    yield text

        for doc in self.nlp.pipe(texts(), batch_size=batch_size):
            n, offset = places.popleft()
            entities, relations, measurements = found[n]
            _collect(group[n], doc, offset, entities, relations)
            measurements.extend(m for m in _measurements(group[n], doc, offset) if figure_counts[n].admit(m))
        return [
            Extraction(document.meta(), tuple(entities[k] for k in sorted(entities)), relations.records(), tuple(m))
            for document, (entities, relations, m) in zip(group, found)
        ]


class _FigureCounts:
    """At most `MAX_READINGS` readings of one figure (the same value of the same property of the same subject, at the
    same time) per document, the earliest, so that a document repeating a sentence stays small, as its relations do."""

    def __init__(self) -> None:
        self._seen: dict[tuple, int] = {}

    def admit(self, m: Measurement) -> bool:
        key = (m.subject, m.relation, m.object, m.property, m.value, m.upper, m.unit, m.time)
        self._seen[key] = count = self._seen.get(key, 0) + 1
        return count <= MAX_READINGS


class _Readings:
    """The readings of each fact in one document, at most `MAX_READINGS` of them: the most confident, the earlier
    first among equals. Kept as they come, so that a document's memory does not grow with its repeats."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str, str], list[tuple[int, RelationRecord]]] = {}
        self._count: dict[tuple[str, str, str], int] = {}
        self._order = 0  # of the next reading

    def add(self, record: RelationRecord) -> None:
        key = fact_key(record.head, record.relation, record.tail)
        order = self._order
        self._order += 1
        self._count[key] = self._count.get(key, 0) + 1
        kept = self._kept.setdefault(key, [])
        if len(kept) < MAX_READINGS:
            kept.append((order, record))
            return
        weakest = min(range(len(kept)), key=lambda i: (kept[i][1].evidence.confidence, -kept[i][0]))
        if record.evidence.confidence > kept[weakest][1].evidence.confidence:
            kept[weakest] = (order, record)

    def records(self) -> tuple[RelationRecord, ...]:
        """The kept readings in the order they came; the first of a fact counts those not kept."""
        out: list[tuple[int, RelationRecord]] = []
        for key, kept in self._kept.items():
            kept.sort(key=lambda item: item[0])
            more = self._count[key] - len(kept)
            if more:
                order, first = kept[0]
                kept[0] = (order, replace(first, evidence=replace(first.evidence, more=more)))
            out += kept
        return tuple(record for _, record in sorted(out, key=lambda item: item[0]))


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Pieces of about `CHUNK_CHARS`, each ending where the first sentence that reaches the limit starts.

    The sentences are found in a window of the text at a time, a sentence's length past the limit, so that a long
    text is never split into sentences, nor copied, all at once."""
    start = 0
    while len(text) - start > CHUNK_CHARS:
        window = text[start : start + CHUNK_CHARS + MAX_SENTENCE_CHARS + 1]
        cut = next((s for s, e in sentence_bounds(window) if e >= CHUNK_CHARS), None)
        if cut is None:  # nothing but space from the last sentence to the window's end: the next starts beyond it
            following = _NON_SPACE.search(text, start + len(window))
            cut = following.start() - start if following else len(text) - start
        yield start, text[start : start + (cut or CHUNK_CHARS)]  # a sentence longer than a chunk is cut hard
        start += cut or CHUNK_CHARS
    if start < len(text):
        yield start, text[start:]


def _collect(document: Document, doc, offset: int, entities: dict[str, EntityRecord], relations: _Readings) -> None:
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
        evidence = _evidence(document, text, offset, hit, hit.year)
        relations.add(RelationRecord(hit.head, hit.relation, hit.tail, evidence))


def _evidence(document: Document, text: str, offset: int, hit, year: int | None) -> Evidence:
    """Where a relation or a figure was read: its sentence (`hit.sent_start:hit.sent_end` in the chunk that starts
    at `offset`), with the rule and confidence of the hit."""
    return Evidence(
        document=document.id,
        sentence=text[hit.sent_start : hit.sent_end],
        start=offset + hit.sent_start,
        end=offset + hit.sent_end,
        rule=hit.rule,
        confidence=hit.confidence,
        year=year,
    )


def _measurements(document: Document, doc, offset: int) -> Iterator[Measurement]:
    """The figures of a Doc as records, their times resolved with the document's date."""
    text = text_of(doc)
    for hit in doc._.kg_measurements or ():
        resolved = resolve(hit.time, document.date) if hit.time is not None else None
        year = int(resolved.value[:4]) if resolved is not None and resolved.value else None
        yield Measurement(
            subject=hit.subject,
            property=hit.property,
            value=hit.value,
            unit=hit.unit,
            comparison=hit.comparison,
            text=text[hit.start : hit.end],
            start=offset + hit.start,
            end=offset + hit.end,
            evidence=_evidence(document, text, offset, hit, year),
            upper=hit.upper,
            relation=hit.relation,
            object=hit.object,
            time=resolved.value if resolved else None,
            precision=resolved.precision if resolved else None,
            time_text=hit.time.text if hit.time is not None else None,
            time_note=resolved.note if resolved else "",
        )


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
                "support": sum(1 + r.evidence.more for r in records),
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
        "measurements": [measurement_to_json(m) for m in extraction.measurements],
    }
