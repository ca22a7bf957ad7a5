"""The serializations of a graph's statements: N-Quads and N-Triples written directly, JSON-LD by
`kg.rdf.jsonld`, Turtle, TriG and RDF/XML by pyoxigraph; and the export as pyoxigraph quads or an rdflib Dataset.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.graph import KnowledgeGraph
from kg.iri import DEFAULT_BASE
from kg.rdf.jsonld import write_jsonld
from kg.rdf.statements import Assembler, Statement, nquad_line, statements_of
from kg.rdf.vocab import FORMATS, PREFIXES

_DATASET_FORMATS = frozenset({"nquads", "trig", "json-ld"})
# In N-Triples text: an escaped backslash (kept), or the escape of a character XML 1.0 cannot hold (C0 controls but
# tab, LF and CR), or U+FFFE/U+FFFF as bytes
_XML_INVALID = re.compile(rb"\\\\|\\u00(?:0[0-8BCEF]|1[0-9A-F])|\\[bf]|\xef\xbf[\xbe\xbf]")
# In Turtle and TriG text: a string (kept), an IRI (kept), or any other run of characters; a run that ends with an
# escaped "." (doc:a\.) is a legal prefixed name that rdflib reads as a name followed by the end of a statement
_TURTLE_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|<[^>\n]*>|((?:[^\s"<\\]|\\.)+)')
_LOCAL_ESCAPE = re.compile(r"\\(.)")


class Export:
    """The statements of one graph's export, sorted, and every serialization of them.

    Make it once (``Export.of(g)``) to write several formats: N-Quads and N-Triples are written straight from the
    sorted statements; Turtle, TriG and RDF/XML are pyoxigraph's serializers streaming over that text, so the order
    (and so the bytes) is the same in every format and on every run.
    """

    def __init__(self, statements: list[Statement], base: str = DEFAULT_BASE) -> None:
        self.statements = statements
        self.base = base

    @classmethod
    def of(cls, g: KnowledgeGraph) -> Export:
        return cls(statements_of(g), g.base)

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad], base: str = DEFAULT_BASE) -> Export:
        """The export of quads made elsewhere (pyoxigraph terms), in the same order as a graph's own."""
        out = Assembler()
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
        return "".join(map(nquad_line, self.statements)).encode("utf-8")

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
            return write_jsonld(self.statements)
        if format in _DATASET_FORMATS:
            source, kind = self.nquads(), ox.RdfFormat.N_QUADS
        else:
            source, kind = self.ntriples(), ox.RdfFormat.N_TRIPLES
        if format == "xml":
            source = _xml_safe(source)
        prefixes = _prefixes(self.base)
        data = ox.serialize(ox.parse(source, format=kind), format=FORMATS[format][1], prefixes=prefixes)
        return data if format == "xml" else _full_iris_for_dotted_names(data, prefixes)


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


def _prefixes(base: str) -> dict[str, str]:
    return {**PREFIXES, "entity": base + "entity/", "doc": base + "doc/"}


def _xml_safe(ntriples: bytes) -> bytes:
    """N-Triples whose literals hold no character XML 1.0 forbids: each becomes U+FFFD, so that kg.rdf is
    well-formed whatever a title or a sentence held (the other formats keep every character)."""
    return _XML_INVALID.sub(lambda m: m[0] if m[0] == b"\\\\" else b"\\uFFFD", ntriples)


def _full_iris_for_dotted_names(data: bytes, prefixes: dict[str, str]) -> bytes:
    """Turtle or TriG where a prefixed name ending in an escaped "." (``doc:a\\.``, legal Turtle that rdflib cannot
    read) is written as a full IRI instead. Such names are rare, so only the lines where one may be are scanned (no
    token of the serializers' output spans lines: strings escape their line breaks)."""
    if b"\\. " not in data and b"\\.\n" not in data:
        return data

    def rewrite(match: re.Match[str]) -> str:
        name = match[1]
        if name is None or not name.endswith("\\."):
            return match[0]
        prefix, _, local = name.partition(":")
        namespace = prefixes.get(prefix)
        return match[0] if namespace is None else "<" + namespace + _LOCAL_ESCAPE.sub(r"\1", local) + ">"

    lines = data.split(b"\n")
    for i, line in enumerate(lines):
        if b"\\." in line:
            lines[i] = _TURTLE_TOKEN.sub(rewrite, line.decode("utf-8")).encode("utf-8")
    return b"\n".join(lines)


def to_quads(g: KnowledgeGraph) -> list[ox.Quad]:
    """Every quad of the export as pyoxigraph terms, sorted: default graph first, then each document's graph."""
    return Export.of(g).quads()


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
