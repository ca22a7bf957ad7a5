"""Documents in, compact extraction records out: the stage that runs the spaCy pipeline.

Only `Extraction` records leave this module, never Docs, so worker processes send back little and the graph does
not depend on spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from spacy.language import Language

from kg.model import Document, EntityRecord, Evidence, Extraction, Measurement, RelationRecord, fact_key
from kg.nlp import make_pipeline
from kg.nlp.measures import resolve
from kg.nlp.text import sentence_bounds, text_of

CHUNK_CHARS = 100_000  # long texts are cut at sentence boundaries into pieces of about this size


class Extractor:
    """Runs the pipeline over documents; holds one loaded pipeline."""

    def __init__(self, model: str | Path | None = None, nlp: Language | None = None, *, backbone: bool = False) -> None:
        self.nlp = nlp or make_pipeline(model, backbone=backbone)

    def extract(self, document: Document) -> Extraction:
        return next(iter(self.extract_many([document])))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 64) -> Iterator[Extraction]:
        """One Extraction per document, in order. The chunks of up to `batch_size` documents go through one
        `nlp.pipe`, so that a component that batches (the backbone's tagger) batches across documents."""
        pending = iter(documents)
        while group := list(islice(pending, batch_size)):
            chunks = [(n, offset, text) for n, document in enumerate(group) for offset, text in _chunks(document.text)]
            found: list[tuple[dict[str, EntityRecord], list[RelationRecord], list[Measurement]]] = [
                ({}, [], []) for _ in group
            ]
            for (n, offset, _), doc in zip(chunks, self.nlp.pipe((t for _, _, t in chunks), batch_size=batch_size)):
                entities, relations, measurements = found[n]
                _collect(group[n], doc, offset, entities, relations)
                measurements.extend(_measurements(group[n], doc, offset))
            for document, (entities, relations, measurements) in zip(group, found):
                yield Extraction(
                    document.meta(), tuple(entities[k] for k in sorted(entities)), tuple(relations), tuple(measurements)
                )


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
            evidence=Evidence(
                document=document.id,
                sentence=text[hit.sent_start : hit.sent_end],
                start=offset + hit.sent_start,
                end=offset + hit.sent_end,
                rule=hit.rule,
                confidence=hit.confidence,
                year=year,
            ),
            upper=hit.upper,
            relation=hit.relation,
            object=hit.object,
            time=resolved.value if resolved else None,
            precision=resolved.precision if resolved else None,
            time_text=hit.time.text if hit.time is not None else None,
            time_note=resolved.note if resolved else "",
        )


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
        "measurements": [measurement_to_json(m) for m in extraction.measurements],
    }
