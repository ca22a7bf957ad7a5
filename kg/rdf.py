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

import functools
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
import rdflib

from kg.graph import KnowledgeGraph
from kg.iri import DEFAULT_BASE, assertion_iri, build_iri, document_iri, encode_segment, entity_iri
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


# Graph -> statements -------------------------------------------------------------------
# The export is assembled as plain strings: each statement carries its N-Quads terms, which are also its sort key
# (graph, subject, predicate with rdf:type first, object), and the object's value and kind for JSON-LD. Sorting,
# de-duplicating and writing N-Quads and N-Triples never build a pyoxigraph term (590k of them cost seconds).
class _Statement(NamedTuple):
    graph: str  # the graph's IRI, or "" for the default graph
    subject: str  # an IRI
    order: str  # the predicate as it sorts: "" for rdf:type, so that types come first
    object: str  # the object in N-Triples syntax
    predicate: str  # "<iri>"
    value: str  # the object's IRI or lexical form
    kind: str  # "" for an IRI, "@tag" for a language-tagged string, else the datatype IRI


# N-Triples escapes: ECHAR where one exists, UCHAR for the other control characters (canonical N-Triples)
_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"})
# characters an IRIREF cannot hold; minted IRIs never have them, a --base might
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_TYPE = f"<{RDF}type>"


def _decimal(value: float) -> str:
    return format(Decimal(repr(float(value))), "f")


class _Assembler:
    """Collects statements; each distinct IRI is checked and written in N-Triples syntax once."""

    def __init__(self) -> None:
        self.statements: list[_Statement] = []
        self._refs: dict[str, str] = {}

    def ref(self, iri: str) -> str:
        """The IRI in N-Triples syntax."""
        found = self._refs.get(iri)
        if found is None:
            if _NOT_IRI.search(iri):
                raise ValueError(f"not a valid IRI: {iri!r}")
            found = self._refs[iri] = f"<{iri}>"
        return found

    def add(self, s: str, p: str, o: str, graph: str = "") -> None:
        """A statement whose object is an IRI."""
        refs = self._refs
        predicate = refs.get(p) or self.ref(p)
        obj = refs.get(o) or self.ref(o)
        if s not in refs:
            self.ref(s)
        if graph and graph not in refs:
            self.ref(graph)
        self.statements.append(_Statement(graph, s, "" if predicate == _TYPE else predicate, obj, predicate, o, ""))

    def literal(self, s: str, p: str, value: str, graph: str = "", language: str = "", datatype: str = "") -> None:
        """A statement whose object is a literal: language-tagged, typed (an XSD name or a full IRI), or a plain
        string."""
        lexical = '"' + value.translate(_ESCAPES) + '"'
        if language:
            obj, kind = f"{lexical}@{language}", "@" + language
        elif datatype and datatype != XSD + "string":
            kind = datatype if ":" in datatype else XSD + datatype
            obj = f"{lexical}^^{self.ref(kind)}"
        else:
            obj, kind = lexical, XSD + "string"
        refs = self._refs
        predicate = refs.get(p) or self.ref(p)
        if s not in refs:
            self.ref(s)
        if graph and graph not in refs:
            self.ref(graph)
        self.statements.append(_Statement(graph, s, predicate, obj, predicate, value, kind))

    def sorted_unique(self) -> list[_Statement]:
        """Each statement once, in a stable order that groups subjects and puts rdf:type first."""
        return sorted(set(self.statements))


class Export:
    """The statements of one graph's export, sorted, and every serialization of them.

    Make it once (``Export.of(g)``) to write several formats: N-Quads and N-Triples are written straight from the
    sorted statements; Turtle, TriG and RDF/XML are pyoxigraph's serializers streaming over that text, so the order
    (and so the bytes) is the same in every format and on every run.
    """

    def __init__(self, statements: list[_Statement], base: str = DEFAULT_BASE) -> None:
        self.statements = statements
        self.base = base

    @classmethod
    def of(cls, g: KnowledgeGraph) -> Export:
        return cls(_statements(g), g.base)

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad], base: str = DEFAULT_BASE) -> Export:
        """The export of quads made elsewhere (pyoxigraph terms), in the same order as a graph's own."""
        out = _Assembler()
        for q in quads:
            graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            o = q.object
            if isinstance(o, ox.NamedNode):
                out.add(q.subject.value, q.predicate.value, o.value, graph)
            elif isinstance(o, ox.Literal):
                language, datatype = o.language or "", o.datatype.value
                out.literal(q.subject.value, q.predicate.value, o.value, graph, language=language, datatype=datatype)
            else:
                raise ValueError(f"unsupported RDF term in an export: {o}")
        return cls(out.sorted_unique(), base)

    def nquads(self) -> bytes:
        return self._nquads

    def ntriples(self) -> bytes:
        """The union of all graphs: each triple once."""
        return self._ntriples

    @functools.cached_property
    def _nquads(self) -> bytes:
        lines = [
            f"<{st.subject}> {st.predicate} {st.object} <{st.graph}> .\n"
            if st.graph
            else f"<{st.subject}> {st.predicate} {st.object} .\n"
            for st in self.statements
        ]
        return "".join(lines).encode("utf-8")

    @functools.cached_property
    def _ntriples(self) -> bytes:
        union = sorted({(st.subject, st.order, st.object, st.predicate) for st in self.statements})
        return "".join([f"<{s}> {p} {o} .\n" for s, _, o, p in union]).encode("utf-8")

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.nquads(), format=ox.RdfFormat.N_QUADS))

    def serialize(self, format: str) -> bytes:
        if format not in FORMATS:
            raise ValueError(f"unknown RDF format {format!r}; expected one of {', '.join(FORMATS)}")
        if format == "nquads":
            return self.nquads()
        if format == "ntriples":
            return self.ntriples()
        if format == "json-ld":
            return _jsonld(self.statements)
        if format in _DATASET_FORMATS:
            source, kind = self.nquads(), ox.RdfFormat.N_QUADS
        else:
            source, kind = self.ntriples(), ox.RdfFormat.N_TRIPLES
        return ox.serialize(ox.parse(source, format=kind), format=FORMATS[format][1], prefixes=_prefixes(self.base))


def to_quads(g: KnowledgeGraph) -> list[ox.Quad]:
    """Every quad of the export as pyoxigraph terms, sorted: default graph first, then each document's graph."""
    return Export.of(g).quads()


def _statements(g: KnowledgeGraph) -> list[_Statement]:
    onto = load_ontology()
    base = g.base
    documents = g.documents
    out = _Assembler()
    add, literal = out.add, out.literal
    doc_iris = {doc.id: document_iri(base, doc.id) for doc in documents}
    entity_iris: dict[str, str] = {}

    def entity(label: str) -> str:
        iri = entity_iris.get(label)
        if iri is None:
            iri = entity_iris[label] = entity_iri(base, label)
        return iri

    build = build_iri(base, documents)
    add(build, RDF + "type", KG + "Build")
    add(build, RDF + "type", PROV + "Activity")
    built_at = build_time(documents)
    literal(build, PROV + "endedAtTime", built_at, datatype="dateTime")
    for doc in documents:
        node = doc_iris[doc.id]
        add(build, PROV + "used", node)
        _add_document(out, node, doc)

    for ent in g.entities():
        node = entity(ent.label)
        add(node, RDF + "type", onto.types[ent.type].iri)
        literal(node, SKOS + "prefLabel", ent.label, language="zh")
        if ent.label_en:
            literal(node, SKOS + "prefLabel", ent.label_en, language="en")
        for alias in ent.aliases:
            literal(node, SKOS + "altLabel", alias, language="en" if alias.isascii() else "zh")
        literal(node, KG + "mentions", str(ent.mentions), datatype="integer")
        if ent.known:
            literal(node, KG + "known", "true", datatype="boolean")
        for doc_id in ent.documents:
            add(node, DCTERMS + "isReferencedBy", doc_iris.get(doc_id) or document_iri(base, doc_id))

    for rel in g.relations():
        head, tail = entity(rel.head), entity(rel.tail)
        predicate = onto.relations[rel.relation].iri
        for ev in rel.evidence:
            graph = doc_iris.get(ev.document) or document_iri(base, ev.document)
            add(head, predicate, tail, graph)
            _add_assertion(out, graph, build, built_at, base, rel, ev, (head, predicate, tail))
    return out.sorted_unique()


def _add_document(out: _Assembler, node: str, doc: DocumentMeta) -> None:
    out.add(node, RDF + "type", KG + "Document")
    out.literal(node, DCTERMS + "identifier", doc.id)
    if doc.title:
        out.literal(node, DCTERMS + "title", doc.title)
    if doc.date:
        is_date = _iso_date(doc.date) is not None
        out.literal(node, DCTERMS + "date", doc.date, datatype="date" if is_date else "")
    if doc.author:
        out.literal(node, DCTERMS + "creator", doc.author)
    for category in doc.categories:
        out.literal(node, DCTERMS + "subject", category)
    if doc.source:
        out.literal(node, DCTERMS + "source", doc.source)
    if doc.url:
        out.literal(node, SCHEMA + "url", doc.url, datatype="anyURI")
    if doc.content_hash:
        out.literal(node, KG + "contentHash", doc.content_hash)
    out.literal(node, KG + "length", str(doc.length), datatype="nonNegativeInteger")


def _add_assertion(
    out: _Assembler,
    graph: str,
    build: str,
    built_at: str,
    base: str,
    rel: Relation,
    ev: Evidence,
    triple: tuple[str, str, str],
) -> None:
    node = assertion_iri(base, rel, ev)
    position, quote = node + "#position", node + "#quote"
    add, literal = out.add, out.literal
    add(node, RDF + "type", KG + "Assertion", graph)
    add(node, RDF + "subject", triple[0], graph)
    add(node, RDF + "predicate", triple[1], graph)
    add(node, RDF + "object", triple[2], graph)
    add(node, PROV + "wasDerivedFrom", graph, graph)
    add(node, PROV + "wasGeneratedBy", build, graph)
    literal(node, PROV + "generatedAtTime", built_at, graph, datatype="dateTime")
    literal(node, KG + "evidence", ev.sentence, graph, language="zh")
    literal(node, KG + "confidence", _decimal(ev.confidence), graph, datatype="decimal")
    literal(node, KG + "rule", ev.rule, graph)
    add(node, OA + "hasSelector", position, graph)
    add(node, OA + "hasSelector", quote, graph)
    add(position, RDF + "type", OA + "TextPositionSelector", graph)
    literal(position, OA + "start", str(ev.start), graph, datatype="nonNegativeInteger")
    literal(position, OA + "end", str(ev.end), graph, datatype="nonNegativeInteger")
    add(quote, RDF + "type", OA + "TextQuoteSelector", graph)
    literal(quote, OA + "exact", ev.sentence, graph)
    if ev.year is not None:
        literal(node, KG + "year", f"{ev.year:04d}", graph, datatype="gYear")


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


def serialize(source: KnowledgeGraph | Export | Iterable[ox.Quad], format: str, base: str = DEFAULT_BASE) -> bytes:
    """One serialization as bytes; pass an ``Export.of(g)`` to write several formats of one graph cheaply.

    Formats: turtle, ntriples, nquads, trig, json-ld, xml. Datasets (nquads, trig, json-ld)
    keep the named graphs; the others hold their union. Quads made elsewhere are written in the same order.
    """
    if isinstance(source, KnowledgeGraph):
        export = Export.of(source)
    elif isinstance(source, Export):
        export = source
    else:
        export = Export.from_quads(source, base)
    return export.serialize(format)


def context() -> dict[str, Any]:
    """The JSON-LD context of ontology/context.jsonld."""
    with (ontology_dir() / "context.jsonld").open(encoding="utf-8") as handle:
        return json.load(handle)["@context"]


def _jsonld(statements: Sequence[_Statement]) -> bytes:
    """Compact JSON-LD with the project context, inlined so that reading it needs no network.

    Written directly from the sorted statements (rdflib's compaction holds the whole graph several times over and
    walks sets in hash order): one node object per subject and graph, one per line, IRIs compacted with the
    context's prefixes, and a context term used as a key only when every value of that property matches the term's
    type coercion.
    """
    ctx = context()
    prefixes = sorted(((v, k) for k, v in ctx.items() if isinstance(v, str)), key=lambda x: -len(x[0]))
    compacted: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = compacted.get(iri)
        if found is None:
            found = iri
            for namespace, prefix in prefixes:
                local = iri[len(namespace) :]
                if iri.startswith(namespace) and local and not local.startswith("/"):
                    found = f"{prefix}:{local}"
                    break
            compacted[iri] = found
        return found

    def expand(curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return ctx[prefix] + local if isinstance(ctx.get(prefix), str) else curie

    terms = {
        expand(v["@id"]): (k, expand(v["@type"]) if v.get("@type", "@id") != "@id" else v.get("@type"))
        for k, v in ctx.items()
        if isinstance(v, dict)
    }
    graphs: dict[str, dict[str, dict[str, list[tuple[str, str]]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for st in statements:
        graphs[st.graph][st.subject][st.predicate[1:-1]].append((st.value, st.kind))

    def value_object(value: str, kind: str) -> Any:
        if not kind:
            return {"@id": compact(value)}
        if kind[0] == "@":
            return {"@value": value, "@language": kind[1:]}
        if kind == XSD + "string":
            return value
        return {"@value": value, "@type": compact(kind)}

    def values(predicate: str, objects: list[tuple[str, str]]) -> tuple[str, Any]:
        term = terms.get(predicate)
        if term is not None and all(kind == ("" if term[1] == "@id" else term[1] or XSD + "string")
                                    for _, kind in objects):  # fmt: skip
            out = sorted(compact(v) if term[1] == "@id" else v for v, _ in objects)
            return term[0], out[0] if len(out) == 1 else out
        if len(objects) == 1:
            return compact(predicate), value_object(*objects[0])
        out = sorted((value_object(v, k) for v, k in objects), key=_dumps)
        return compact(predicate), out

    def nodes(subjects: dict[str, dict[str, list[tuple[str, str]]]]) -> list[dict[str, Any]]:
        result = []
        for subject in subjects:  # in order: the statements are sorted by graph, then subject
            node: dict[str, Any] = {"@id": compact(subject)}
            for predicate, objects in subjects[subject].items():
                if predicate == RDF + "type":
                    types = sorted(compact(v) for v, _ in objects)
                    node["@type"] = types[0] if len(types) == 1 else types
                else:
                    key, value = values(predicate, objects)
                    node[key] = value
            result.append(node)
        return result

    lines = [_dumps(node) for node in nodes(graphs.pop("", {}))]
    for g, subjects in graphs.items():
        members = ",\n  ".join(_dumps(node) for node in nodes(subjects))
        lines.append(f'{{"@graph": [\n  {members}\n ], "@id": {_dumps(compact(g))}}}')
    head = json.dumps(ctx, ensure_ascii=False, indent=1, sort_keys=True)
    body = ",\n ".join(lines)
    return f'{{"@context": {head},\n"@graph": [\n {body}\n]}}\n'.encode()


def _dumps(value: Any) -> str:
    """Compact JSON with sorted keys: one line of the file, and the order of multiple values."""
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
