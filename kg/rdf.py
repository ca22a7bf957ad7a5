"""RDF in and out: IRIs, the provenance model, the six serializations, and loading back.

IRIs. An entity is ``base + "entity/" + label``, a document ``base + "doc/" + id``, with
Chinese characters left as they are (IRIs, not URIs) and everything outside RFC 3987
``iunreserved`` percent-encoded as UTF-8, ``%`` included, so the encoding is injective and
distinct labels never share an IRI. An entity IRI depends on its canonical label only, so a
new alias never moves it.

Provenance. Every merged fact is asserted as a plain triple (``entity kg:launched entity``)
and, for each piece of evidence, described by a ``kg:Assertion`` (an ``rdf:Statement``)::

    <assertion/H> a kg:Assertion ;
        rdf:subject / rdf:predicate / rdf:object   the fact ;
        prov:wasDerivedFrom <doc/ID> ;              a kg:Document
        kg:evidence "the sentence"@zh ;
        oa:hasSelector <assertion/H#position> ,     oa:TextPositionSelector, oa:start, oa:end
                       <assertion/H#quote> ;        oa:TextQuoteSelector, oa:exact
        kg:year "2023"^^xsd:gYear ; kg:confidence 0.9 ; kg:rule "rule name" ;
        prov:wasGeneratedBy <build/B> ; prov:generatedAtTime "…"^^xsd:dateTime .

H hashes (document, head, relation, tail, start, end, rule). Selectors get IRIs, not blank
nodes, so output is byte-identical from run to run. Each document's assertions and plain
triples live in a named graph named by the document IRI; entities, documents and the build
are in the default graph. Turtle, N-Triples and RDF/XML hold the union of all graphs.

Build time. The build is a ``prov:Activity`` with ``prov:endedAtTime``; each assertion it
generated (a ``prov:Entity``) carries the same instant as ``prov:generatedAtTime``, so a
store can filter readings by when they were made without joining to the build. The time must
not change between identical runs: it is ``SOURCE_DATE_EPOCH`` when that is set, else the
latest ISO date among the documents, else 1970-01-01T00:00:00Z.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.graph import DEFAULT_BASE, KnowledgeGraph
from kg.iri import document_iri, encode_segment, entity_iri
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, Relation, RelationRecord
from kg.ontology import load_ontology, ontology_dir

KG = "https://w3id.org/kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": SKOS,
    "prov": PROV,
    "oa": OA,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
}

# Output format name -> (file suffix, pyoxigraph format).
FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": (".ttl", ox.RdfFormat.TURTLE),
    "ntriples": (".nt", ox.RdfFormat.N_TRIPLES),
    "nquads": (".nq", ox.RdfFormat.N_QUADS),
    "trig": (".trig", ox.RdfFormat.TRIG),
    "json-ld": (".jsonld", ox.RdfFormat.JSON_LD),
    "xml": (".rdf", ox.RdfFormat.RDF_XML),
}
_DATASET_FORMATS = frozenset({"nquads", "trig", "json-ld"})

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def assertion_iri(base: str, relation: Relation | RelationRecord, evidence: Evidence) -> str:
    """IRI of one reading of a fact: a hash of where it was read and by which rule."""
    key = [
        evidence.document, relation.head, relation.relation, relation.tail,
        evidence.start, evidence.end, evidence.rule,
    ]  # fmt: skip
    return f"{base}assertion/{_digest(key)}"


def build_iri(base: str, documents: Iterable[DocumentMeta]) -> str:
    """IRI of the build: a hash of its input documents, so the same input names the same build."""
    return f"{base}build/{_digest(sorted([d.id, d.content_hash] for d in documents))}"


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def build_time(documents: Iterable[DocumentMeta]) -> str:
    """The deterministic build time, as an xsd:dateTime (see the module docstring)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = [d for d in (_iso_date(doc.date, prefix=True) for doc in documents) if d is not None]
    return f"{max(dates, default=date(1970, 1, 1)).isoformat()}T00:00:00Z"


def _iso_date(text: str | None, prefix: bool = False) -> date | None:
    match = (_ISO_DATE_PREFIX if prefix else _ISO_DATE).match(text or "")
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


# Graph -> quads -------------------------------------------------------------------------
def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


_A = _iri(RDF + "type")


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def _decimal(value: float) -> str:
    return format(Decimal(repr(float(value))), "f")


def to_quads(g: KnowledgeGraph) -> list[ox.Quad]:
    """Every quad of the export, sorted: default graph first, then each document's graph."""
    onto = load_ontology()
    base = g.base
    documents = g.documents
    default = ox.DefaultGraph()
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal, graph: Any = default) -> None:
        out.append(ox.Quad(s, _iri(p), o, graph))

    build = _iri(build_iri(base, documents))
    add(build, RDF + "type", _iri(KG + "Build"))
    add(build, RDF + "type", _iri(PROV + "Activity"))
    built_at = _typed(build_time(documents), "dateTime")
    add(build, PROV + "endedAtTime", built_at)
    for doc in documents:
        node = _iri(document_iri(base, doc.id))
        add(build, PROV + "used", node)
        _add_document(add, node, doc)

    for ent in g.entities():
        node = _iri(entity_iri(base, ent.label))
        add(node, RDF + "type", _iri(onto.types[ent.type].iri))
        add(node, SKOS + "prefLabel", ox.Literal(ent.label, language="zh"))
        if ent.label_en:
            add(node, SKOS + "prefLabel", ox.Literal(ent.label_en, language="en"))
        for alias in ent.aliases:
            add(node, SKOS + "altLabel", ox.Literal(alias, language="en" if alias.isascii() else "zh"))
        add(node, KG + "mentions", _typed(str(ent.mentions), "integer"))
        if ent.known:
            add(node, KG + "known", _typed("true", "boolean"))
        for doc_id in ent.documents:
            add(node, DCTERMS + "isReferencedBy", _iri(document_iri(base, doc_id)))

    for rel in g.relations():
        head, tail = _iri(entity_iri(base, rel.head)), _iri(entity_iri(base, rel.tail))
        predicate = _iri(onto.relations[rel.relation].iri)
        for ev in rel.evidence:
            graph = _iri(document_iri(base, ev.document))
            out.append(ox.Quad(head, predicate, tail, graph))
            _add_assertion(add, graph, build, built_at, base, rel, ev, (head, predicate, tail))
    return _sorted(out)


def _add_document(add: Any, node: ox.NamedNode, doc: DocumentMeta) -> None:
    add(node, RDF + "type", _iri(KG + "Document"))
    add(node, DCTERMS + "identifier", ox.Literal(doc.id))
    if doc.title:
        add(node, DCTERMS + "title", ox.Literal(doc.title))
    if doc.date:
        is_date = _iso_date(doc.date) is not None
        add(node, DCTERMS + "date", _typed(doc.date, "date") if is_date else ox.Literal(doc.date))
    if doc.author:
        add(node, DCTERMS + "creator", ox.Literal(doc.author))
    for category in doc.categories:
        add(node, DCTERMS + "subject", ox.Literal(category))
    if doc.source:
        add(node, DCTERMS + "source", ox.Literal(doc.source))
    if doc.url:
        add(node, SCHEMA + "url", _typed(doc.url, "anyURI"))
    if doc.content_hash:
        add(node, KG + "contentHash", ox.Literal(doc.content_hash))
    add(node, KG + "length", _typed(str(doc.length), "nonNegativeInteger"))


def _add_assertion(
    add: Any,
    graph: ox.NamedNode,
    build: ox.NamedNode,
    built_at: ox.Literal,
    base: str,
    rel: Relation,
    ev: Evidence,
    triple: tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode],
) -> None:
    iri = assertion_iri(base, rel, ev)
    node, position, quote = _iri(iri), _iri(iri + "#position"), _iri(iri + "#quote")
    statements: list[tuple[ox.NamedNode, str, ox.NamedNode | ox.Literal]] = [
        (node, RDF + "type", _iri(KG + "Assertion")),
        (node, RDF + "subject", triple[0]),
        (node, RDF + "predicate", triple[1]),
        (node, RDF + "object", triple[2]),
        (node, PROV + "wasDerivedFrom", graph),
        (node, PROV + "wasGeneratedBy", build),
        (node, PROV + "generatedAtTime", built_at),
        (node, KG + "evidence", ox.Literal(ev.sentence, language="zh")),
        (node, KG + "confidence", _typed(_decimal(ev.confidence), "decimal")),
        (node, KG + "rule", ox.Literal(ev.rule)),
        (node, OA + "hasSelector", position),
        (node, OA + "hasSelector", quote),
        (position, RDF + "type", _iri(OA + "TextPositionSelector")),
        (position, OA + "start", _typed(str(ev.start), "nonNegativeInteger")),
        (position, OA + "end", _typed(str(ev.end), "nonNegativeInteger")),
        (quote, RDF + "type", _iri(OA + "TextQuoteSelector")),
        (quote, OA + "exact", ox.Literal(ev.sentence)),
    ]
    if ev.year is not None:
        statements.append((node, KG + "year", _typed(f"{ev.year:04d}", "gYear")))
    for s, p, o in statements:
        add(s, p, o, graph)


def _sorted(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Unique quads in a stable order that groups subjects and puts rdf:type first."""

    def key(q: ox.Quad) -> tuple:
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        predicate = "" if q.predicate == _A else q.predicate.value
        return (graph, q.subject.value, predicate, str(q.object))

    return sorted(set(quads), key=key)


def union_triples(quads: Sequence[ox.Quad]) -> list[ox.Triple]:
    """The union graph: each triple once, in the same stable order (compute it once for several formats)."""
    merged = _sorted(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    return [q.triple for q in merged]


def to_dataset(g: KnowledgeGraph) -> rdflib.Dataset:
    """The export as an rdflib Dataset, for rdflib tools (pySHACL, SPARQL over rdflib)."""
    dataset = rdflib.Dataset()
    for q in to_quads(g):
        graph = None if isinstance(q.graph_name, ox.DefaultGraph) else rdflib.URIRef(q.graph_name.value)
        target = dataset.default_graph if graph is None else dataset.graph(graph)
        target.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def to_rdflib(term: Any) -> rdflib.term.Node:
    """The rdflib term of a pyoxigraph term, lexical form kept as written."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)


# Serializations ------------------------------------------------------------------------
def _prefixes(base: str) -> dict[str, str]:
    return {**PREFIXES, "entity": base + "entity/", "doc": base + "doc/"}


def serialize(
    source: KnowledgeGraph | Sequence[ox.Quad],
    format: str,
    base: str = DEFAULT_BASE,
    union: Sequence[ox.Triple] | None = None,
) -> bytes:
    """One serialization as bytes; pass to_quads() output (and union_triples() of it) to serialize several formats
    cheaply.

    Formats: turtle, ntriples, nquads, trig, json-ld, xml. Datasets (nquads, trig, json-ld)
    keep the named graphs; the others hold their union.
    """
    if isinstance(source, KnowledgeGraph):
        base = source.base
        quads: Sequence[ox.Quad] = to_quads(source)
    else:
        quads = source
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "json-ld":
        return _jsonld(quads)
    if format in _DATASET_FORMATS:
        items: Sequence[ox.Quad] | Sequence[ox.Triple] = quads
    else:
        items = union if union is not None else union_triples(quads)
    prefixes = None if format in {"ntriples", "nquads"} else _prefixes(base)
    return ox.serialize(items, format=FORMATS[format][1], prefixes=prefixes)


def context() -> dict[str, Any]:
    """The JSON-LD context of ontology/context.jsonld."""
    with (ontology_dir() / "context.jsonld").open(encoding="utf-8") as handle:
        return json.load(handle)["@context"]


def _jsonld(quads: Sequence[ox.Quad]) -> bytes:
    """Compact JSON-LD with the project context, inlined so that reading it needs no network.

    Written directly from the sorted quads (rdflib's compaction holds the whole graph several times over and
    walks sets in hash order): one node object per subject and graph, IRIs compacted with the context's prefixes,
    and a context term used as a key only when every value of that property matches the term's type coercion.
    """
    ctx = context()
    prefixes = sorted(((v, k) for k, v in ctx.items() if isinstance(v, str)), key=lambda x: -len(x[0]))

    def compact(iri: str) -> str:
        for namespace, prefix in prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace) :].startswith("/"):
                return f"{prefix}:{iri[len(namespace) :]}"
        return iri

    def expand(curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return ctx[prefix] + local if isinstance(ctx.get(prefix), str) else curie

    terms = {
        expand(v["@id"]): (k, expand(v["@type"]) if v.get("@type", "@id") != "@id" else v.get("@type"))
        for k, v in ctx.items()
        if isinstance(v, dict)
    }
    graphs: dict[str, dict[str, dict[str, list[Any]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for q in quads:
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs[graph][q.subject.value][q.predicate.value].append(q.object)

    def values(predicate: str, objects: list[Any]) -> tuple[str, Any]:
        term = terms.get(predicate)
        if term is not None and all(_fits(o, term[1]) for o in objects):
            out = sorted(compact(o.value) if term[1] == "@id" else o.value for o in objects)
            return term[0], out[0] if len(out) == 1 else out
        out = sorted((_value_object(o, compact) for o in objects), key=_json_key)
        return compact(predicate), out[0] if len(out) == 1 else out

    def nodes(subjects: dict[str, dict[str, list[Any]]]) -> list[dict[str, Any]]:
        result = []
        for subject in sorted(subjects):
            node: dict[str, Any] = {"@id": compact(subject)}
            for predicate, objects in subjects[subject].items():
                if predicate == RDF + "type":
                    types = sorted(compact(o.value) for o in objects)
                    node["@type"] = types[0] if len(types) == 1 else types
                else:
                    key, value = values(predicate, objects)
                    node[key] = value
            result.append(node)
        return result

    top = nodes(graphs.pop("", {}))
    top += [{"@id": compact(g), "@graph": nodes(graphs[g])} for g in sorted(graphs)]
    document = {"@context": ctx, "@graph": top}
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _fits(term: Any, coercion: str | None) -> bool:
    """Whether a value can be written bare under a context term's type coercion."""
    if coercion == "@id":
        return isinstance(term, ox.NamedNode)
    if not isinstance(term, ox.Literal) or term.language:
        return False
    return term.datatype.value == (coercion or XSD + "string")


def _value_object(term: Any, compact: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD + "string":
        return term.value
    return {"@value": term.value, "@type": compact(term.datatype.value)}


def _json_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def format_of(path: str | Path) -> str:
    """The output format name for a file name, from its suffix."""
    suffix = Path(path).suffix.lower()
    for name, (ext, _) in FORMATS.items():
        if ext == suffix:
            return name
    raise ValueError(f"cannot tell the RDF format of {str(path)!r} from its suffix")


# Loading -----------------------------------------------------------------------------------
def load(path: str | Path) -> KnowledgeGraph:
    """Rebuild a KnowledgeGraph from any of the exports (.ttl, .nt, .nq, .trig, .jsonld, .rdf).

    Document categories come back sorted: RDF keeps them as a set.
    """
    fmt = FORMATS[format_of(path)][1]
    with Path(path).open("rb") as handle:
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

    by_id = {d.id: d for d in docs.values()}
    g = KnowledgeGraph(base)
    for doc_id in sorted(set(by_id) | set(records) | set(relations)):
        meta = by_id.get(doc_id, DocumentMeta(id=doc_id))
        g.add(Extraction(meta, tuple(records.get(doc_id, ())), tuple(relations.get(doc_id, ()))))
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
    evidence = Evidence(
        document=docs[source].id,
        sentence=_lang_value(p.get(KG + "evidence", []), "zh") or _value(p, KG + "evidence") or "",
        start=start,
        end=end,
        rule=_value(p, KG + "rule") or "",
        confidence=float(_value(p, KG + "confidence") or 0.0),
        year=int(year) if year is not None else None,
    )
    return RelationRecord(head, code, tail, evidence)
