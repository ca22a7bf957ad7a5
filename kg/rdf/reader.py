"""A KnowledgeGraph rebuilt from any of its exports: documents, entities, every assertion with its evidence, and the
figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import folder
from kg.graph import KnowledgeGraph
from kg.iri import DEFAULT_BASE, encode_segment
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, Measurement, RelationRecord
from kg.ontology import load_ontology
from kg.rdf.vocab import DCTERMS, FORMATS, KG, OA, PROV, RDF, SCHEMA, SKOS, format_of


def load(path: str | Path) -> KnowledgeGraph:
    """Rebuild a KnowledgeGraph from any of the exports (.ttl, .nt, .nq, .trig, .jsonld, .rdf).

    Document categories come back sorted: RDF keeps them as a set.
    """
    fmt = FORMATS[format_of(path)][1]
    with folder.opened(path) as handle:  # a build folder's current content, even mid-commit (kg.folder)
        triples = [(q.subject, q.predicate, q.object) for q in ox.parse(handle, format=fmt)]
    return from_triples(triples)


def from_triples(triples: Iterable[tuple[Any, Any, Any]]) -> KnowledgeGraph:
    """Rebuild a KnowledgeGraph from pyoxigraph terms; graph names do not matter."""
    props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if isinstance(s, ox.NamedNode):
            props[s.value][p.value].append(o)
    onto = load_ontology()
    class_codes = {t.iri: t.code for t in onto.types.values()}
    relation_codes = {r.iri: r.code for r in onto.relations.values()}

    docs: dict[str, DocumentMeta] = {}
    for iri, p in props.items():
        if _has_type(p, KG + "Document"):
            docs[iri] = _document(p)
    base = _base(docs) if docs else DEFAULT_BASE

    labels: dict[str, str] = {}
    records: dict[str, list[EntityRecord]] = defaultdict(list)
    for iri, p in sorted(props.items()):
        codes = sorted(class_codes[t.value] for t in p.get(RDF + "type", []) if t.value in class_codes)
        label = _lang_value(p.get(SKOS + "prefLabel", []), "zh")
        if not codes or label is None:
            continue
        labels[iri] = label
        doc_ids = sorted(docs[d.value].id for d in p.get(DCTERMS + "isReferencedBy", []) if d.value in docs)
        mentions = int(_value(p, KG + "mentions") or 0)
        for i, doc_id in enumerate(doc_ids):
            records[doc_id].append(
                EntityRecord(
                    label=label,
                    type=codes[0],
                    aliases=tuple(sorted(o.value for o in p.get(SKOS + "altLabel", []))),
                    mentions=mentions if i == 0 else 0,
                    label_en=_lang_value(p.get(SKOS + "prefLabel", []), "en"),
                    known=_value(p, KG + "known") in {"true", "1"},
                )
            )

    relations: dict[str, list[RelationRecord]] = defaultdict(list)
    for p in (props[iri] for iri in sorted(props)):
        if not _has_type(p, KG + "Assertion"):
            continue
        record = _relation(p, props, docs, labels, relation_codes)
        if record is not None:
            relations[record.evidence.document].append(record)

    document_ids = {iri: doc.id for iri, doc in docs.items()}
    figures: dict[str, list[Measurement]] = defaultdict(list)
    for iri in sorted(props):
        if _has_type(props[iri], KG + "Measurement"):
            figure = _measurement(iri, props, document_ids, labels, relation_codes)
            if figure is not None:
                figures[figure.evidence.document].append(figure)

    by_id = {d.id: d for d in docs.values()}
    g = KnowledgeGraph(base)
    for doc_id in sorted(set(by_id) | set(records) | set(relations)):
        meta = by_id.get(doc_id, DocumentMeta(id=doc_id))
        found = tuple(sorted(figures.get(doc_id, ()), key=lambda m: (m.start, m.end, m.property, m.subject)))
        g.add(Extraction(meta, tuple(records.get(doc_id, ())), tuple(relations.get(doc_id, ())), found))
    return g


def _has_type(p: dict[str, list[Any]], cls: str) -> bool:
    return any(t.value == cls for t in p.get(RDF + "type", []))


def _value(p: dict[str, list[Any]], predicate: str) -> str | None:
    values = sorted(o.value for o in p.get(predicate, []))
    return values[0] if values else None


def _lang_value(values: list[Any], language: str) -> str | None:
    """The value tagged with a language or one of its subtags (stores lower-case tags)."""
    found = sorted(
        v.value
        for v in values
        if isinstance(v, ox.Literal) and v.language and v.language.lower().split("-")[0] == language
    )
    return found[0] if found else None


def _document(p: dict[str, list[Any]]) -> DocumentMeta:
    return DocumentMeta(
        id=_value(p, DCTERMS + "identifier") or "",
        title=_value(p, DCTERMS + "title") or "",
        date=_value(p, DCTERMS + "date"),
        author=_value(p, DCTERMS + "creator") or "",
        categories=tuple(sorted(o.value for o in p.get(DCTERMS + "subject", []))),
        source=_value(p, DCTERMS + "source") or "",
        url=_value(p, SCHEMA + "url") or "",
        content_hash=_value(p, KG + "contentHash") or "",
        length=int(_value(p, KG + "length") or 0),
    )


def _base(docs: dict[str, DocumentMeta]) -> str:
    """The base IRI the export was written with, recovered from a document IRI and its id."""
    iri, doc = min(docs.items())
    suffix = "doc/" + encode_segment(doc.id)
    return iri[: -len(suffix)] if iri.endswith(suffix) else DEFAULT_BASE


def _relation(
    p: dict[str, list[Any]],
    props: dict[str, dict[str, list[Any]]],
    docs: dict[str, DocumentMeta],
    labels: dict[str, str],
    relation_codes: dict[str, str],
) -> RelationRecord | None:
    head = labels.get(_value(p, RDF + "subject") or "")
    tail = labels.get(_value(p, RDF + "object") or "")
    code = relation_codes.get(_value(p, RDF + "predicate") or "")
    source = _value(p, PROV + "wasDerivedFrom")
    if head is None or tail is None or code is None or source not in docs:
        return None
    start = end = 0
    for selector in sorted(o.value for o in p.get(OA + "hasSelector", [])):
        sp = props.get(selector, {})
        if _has_type(sp, OA + "TextPositionSelector"):
            start, end = int(_value(sp, OA + "start") or 0), int(_value(sp, OA + "end") or 0)
    year = _value(p, KG + "year")
    more = _value(p, KG + "moreEvidence")
    evidence = Evidence(
        document=docs[source].id,
        sentence=_lang_value(p.get(KG + "evidence", []), "zh") or _value(p, KG + "evidence") or "",
        start=start,
        end=end,
        rule=_value(p, KG + "rule") or "",
        confidence=float(_value(p, KG + "confidence") or 0.0),
        year=int(year) if year is not None else None,
        more=int(more) if more is not None else 0,
    )
    return RelationRecord(head, code, tail, evidence)


def _measurement(
    node: str,
    props: dict[str, dict[str, list[Any]]],
    document_ids: dict[str, str],
    labels: dict[str, str],
    relation_codes: dict[str, str],
) -> Measurement | None:
    """A measurement read back from its node's statements (`props[node]`), or None when its subject is not an entity
    of the graph or its document is unknown."""

    p = props[node]
    subject = labels.get(_value(p, KG + "measures") or "")
    document = document_ids.get(_value(p, PROV + "wasDerivedFrom") or "")
    if subject is None or document is None:
        return None
    offsets = {}
    for name in ("position", "sentence"):
        selector = props.get(f"{node}#{name}", {})
        offsets[name] = (int(_value(selector, OA + "start") or 0), int(_value(selector, OA + "end") or 0))
    upper = _value(p, SCHEMA + "maxValue")
    year = _value(p, KG + "year")
    relation = relation_codes.get(_value(p, KG + "ofRelation") or "")
    return Measurement(
        subject=subject,
        property=_value(p, KG + "property") or "",
        value=float(_value(p, SCHEMA + "value") or 0),
        unit=_value(p, SCHEMA + "unitText") or "",
        comparison=_value(p, KG + "comparison") or "",
        text=_value(props.get(f"{node}#quote", {}), OA + "exact") or "",
        start=offsets["position"][0],
        end=offsets["position"][1],
        evidence=Evidence(
            document=document,
            sentence=_value(p, KG + "evidence") or "",
            start=offsets["sentence"][0],
            end=offsets["sentence"][1],
            rule=_value(p, KG + "rule") or "",
            confidence=float(_value(p, KG + "confidence") or 0),
            year=int(year) if year is not None else None,
        ),
        upper=float(upper) if upper is not None else None,
        relation=relation,
        object=labels.get(_value(p, KG + "object") or "") if relation else None,
        time=_value(p, KG + "time"),
        precision=_value(p, KG + "timePrecision"),
        time_text=_value(p, KG + "timeText"),
        time_note=_value(p, KG + "timeNote") or "",
    )
