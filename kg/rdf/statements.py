"""A graph as RDF statements: the provenance model and the deterministic build time.

Provenance. Every merged fact is asserted as a plain triple (``entity kg:launched entity``)
and, for each piece of evidence, described by a ``kg:Assertion`` (an ``rdf:Statement``)::

    <assertion/H> a kg:Assertion ;
        rdf:subject / rdf:predicate / rdf:object   the fact ;
        prov:wasDerivedFrom <doc/ID> ;              a kg:Document
        kg:evidence "the sentence"@zh ;
        oa:hasSelector <assertion/H#position> ,     oa:TextPositionSelector, oa:start, oa:end
                       <assertion/H#quote> ;        oa:TextQuoteSelector, oa:exact
        kg:year "2023"^^xsd:gYear ; kg:confidence 0.9 ; kg:rule "rule name" ;
        kg:moreEvidence 3 ;                         readings of the fact in the document not kept
        prov:wasGeneratedBy <reading/R> .           the kg:Reading of the document

H hashes (document, head, relation, tail, start, end, rule) (`kg.iri.assertion_iri`). Selectors get IRIs, not blank
nodes, so output is byte-identical from run to run. Each document's assertions and plain
triples live in a named graph named by the document IRI; entities, documents and the build
are in the default graph. Turtle, N-Triples and RDF/XML hold the union of all graphs. A document's figures
(`kg.rdf.measures`) are in its named graph too.

Readings and the build. Each document's content is read by a ``kg:Reading`` (a ``prov:Activity`` that
``prov:used`` the document), which generated the document's assertions. Its IRI hashes the document's id and
content (`kg.iri.reading_iri`), so a document's graph stays the same, byte for byte, while the document does,
whatever else a later build adds: an update rewrites and a store reloads only what changed. The build (a
``kg:Build``, a ``prov:Activity``; its IRI hashes every document) lists the readings as its parts
(``dcterms:hasPart``), the documents it ``prov:used``, and ``prov:endedAtTime``. That time must not change
between identical runs: it is ``SOURCE_DATE_EPOCH`` when that is set, else the latest ISO date among the
documents, else 1970-01-01T00:00:00Z.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import NamedTuple

from kg.graph import KnowledgeGraph
from kg.iri import assertion_iri, build_iri, document_iri, entity_iri, reading_iri
from kg.model import DocumentMeta, Entity, Evidence, Relation, normalize_name
from kg.ontology import load_ontology
from kg.rdf.measures import add_measurement
from kg.rdf.vocab import DCTERMS, KG, OA, PROV, RDF, SCHEMA, SKOS, XSD

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


# The export is assembled as plain strings: each statement carries its N-Quads terms, which are also its sort key
# (graph, subject, predicate with rdf:type first, object), and the object's value and kind for JSON-LD. Sorting,
# de-duplicating and writing N-Quads and N-Triples never build a pyoxigraph term (590k of them cost seconds).
class Statement(NamedTuple):
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


def decimal(value: float) -> str:
    """A number as xsd:decimal's lexical form."""
    return format(Decimal(repr(float(value))), "f")


def nquad_line(st: Statement) -> str:
    if st.graph:
        return f"<{st.subject}> {st.predicate} {st.object} <{st.graph}> .\n"
    return f"<{st.subject}> {st.predicate} {st.object} .\n"


def ntriple_line(st: Statement) -> str:
    return f"<{st.subject}> {st.predicate} {st.object} .\n"


class Assembler:
    """Collects statements; each distinct IRI is checked and written in N-Triples syntax once."""

    def __init__(self) -> None:
        self.statements: list[Statement] = []
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
        self.statements.append(Statement(graph, s, "" if predicate == _TYPE else predicate, obj, predicate, o, ""))

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
        self.statements.append(Statement(graph, s, predicate, obj, predicate, value, kind))

    def sorted_unique(self) -> list[Statement]:
        """Each statement once, in a stable order that groups subjects and puts rdf:type first."""
        return sorted(set(self.statements))


class Context:
    """What every statement of one export shares: the base, the ontology, the IRIs minted so far, the content hash of
    each document (which its reading's IRI hashes), and the build (its IRI and time)."""

    def __init__(self, base: str, build: str, built_at: str, documents: Iterable[DocumentMeta] = ()) -> None:
        self.base, self.build, self.built_at = base, build, built_at
        self.onto = load_ontology()
        self._iris: dict[str, str] = {}
        self._hashes = {doc.id: doc.content_hash for doc in documents}

    def document(self, doc_id: str) -> str:
        return self._iri("d", doc_id, document_iri)

    def reading(self, doc_id: str) -> str:
        iri = self._iris.get("r" + doc_id)
        if iri is None:
            iri = self._iris["r" + doc_id] = reading_iri(self.base, doc_id, self._hashes.get(doc_id))
        return iri

    def entity(self, label: str) -> str:
        return self._iri("e", label, entity_iri)

    def _iri(self, kind: str, name: str, mint: Callable[[str, str], str]) -> str:
        """An IRI minted once per name (the same labels recur in every reading)."""
        iri = self._iris.get(kind + name)
        if iri is None:
            iri = self._iris[kind + name] = mint(self.base, name)
        return iri


def statements_of(g: KnowledgeGraph) -> list[Statement]:
    documents = g.documents
    ctx = Context(g.base, build_iri(g.base, documents), build_time(documents), documents)
    out = Assembler()
    add_build(out, ctx, documents)
    for doc in documents:
        add_document(out, ctx, doc)
    for ent in g.entities():
        add_entity(out, ctx, ent)
    for rel in g.relations():
        for ev in rel.evidence:
            add_reading(out, ctx, rel, ev)
    for m in g.measurements():
        add_measurement(out, ctx, m, decimal)
    return out.sorted_unique()


def add_build(out: Assembler, ctx: Context, documents: list[DocumentMeta]) -> None:
    """The build in the default graph: what it is, when it ended, the documents it used and its readings of them."""
    out.add(ctx.build, RDF + "type", KG + "Build")
    out.add(ctx.build, RDF + "type", PROV + "Activity")
    out.literal(ctx.build, PROV + "endedAtTime", ctx.built_at, datatype="dateTime")
    for doc in documents:
        out.add(ctx.build, PROV + "used", ctx.document(doc.id))
        out.add(ctx.build, DCTERMS + "hasPart", ctx.reading(doc.id))


def add_entity(out: Assembler, ctx: Context, ent: Entity) -> None:
    """An entity in the default graph: type, names, a `kg:key` per distinct normalized name (what exact-match lookups
    by name hit, in the entity's own subject block), mentions and the documents that name it."""
    add, literal = out.add, out.literal
    node = ctx.entity(ent.label)
    add(node, RDF + "type", ctx.onto.types[ent.type].iri)
    literal(node, SKOS + "prefLabel", ent.label, language="zh")
    if ent.label_en:
        literal(node, SKOS + "prefLabel", ent.label_en, language="en")
    for alias in ent.aliases:
        literal(node, SKOS + "altLabel", alias, language="en" if alias.isascii() else "zh")
    for key in sorted({normalize_name(n) for n in (ent.label, ent.label_en, *ent.aliases) if n}):
        literal(node, KG + "key", key)
    literal(node, KG + "mentions", str(ent.mentions), datatype="integer")
    if ent.known:
        literal(node, KG + "known", "true", datatype="boolean")
    for doc_id in ent.documents:
        add(node, DCTERMS + "isReferencedBy", ctx.document(doc_id))


def add_reading(out: Assembler, ctx: Context, rel: Relation, ev: Evidence) -> None:
    """One reading of a fact, in its document's graph: the fact itself and its assertion."""
    head, tail = ctx.entity(rel.head), ctx.entity(rel.tail)
    predicate = ctx.onto.relations[rel.relation].iri
    graph = ctx.document(ev.document)
    out.add(head, predicate, tail, graph)
    reading = ctx.reading(ev.document)
    _add_reading_activity(out, reading, graph)
    _add_assertion(out, graph, reading, ctx.base, rel, ev, (head, predicate, tail))


def _add_reading_activity(out: Assembler, reading: str, document: str) -> None:
    """The reading of a document, in the default graph."""
    out.add(reading, RDF + "type", KG + "Reading")
    out.add(reading, RDF + "type", PROV + "Activity")
    out.add(reading, PROV + "used", document)


def add_document(out: Assembler, ctx: Context, doc: DocumentMeta) -> None:
    """A document in the default graph, with its reading."""
    node = ctx.document(doc.id)
    _add_reading_activity(out, ctx.reading(doc.id), node)
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
    out: Assembler,
    graph: str,
    reading: str,
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
    add(node, PROV + "wasGeneratedBy", reading, graph)
    literal(node, KG + "evidence", ev.sentence, graph, language="zh")
    literal(node, KG + "confidence", decimal(ev.confidence), graph, datatype="decimal")
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
    if ev.more:
        literal(node, KG + "moreEvidence", str(ev.more), graph, datatype="nonNegativeInteger")
