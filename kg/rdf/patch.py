"""An export assembled from blocks, so that an update re-renders what changed and reuses the rest
(`kg build --update`).

N-Quads and N-Triples are sorted statements, and their order is made of independent blocks:

- per document: its metadata (default graph, one subject) and its named graph (the facts it reads, their
  assertions and its figures);
- per entity: its names, mentions and documents (default graph, one subject), and in N-Triples, where graphs merge,
  the facts it heads as well;
- the build (default graph, one subject), rendered every time.

A document's block depends only on its own metadata, readings and figures, with entity labels as resolution leaves
them: its assertions name the document's kg:Reading, whose IRI hashes the document's content, not the build, whose
IRI changes with every document. Each block carries a signature of what it was rendered from (the document's
metadata, its readings and figures as resolved, or the entity); a cached block whose signature still holds is reused
as text.
Blocks sort by (graph, subject) and hold whole subjects, so joining them in that order is the sorted export.

JSON-LD is joined the same way from a line per node of the default graph and a line per named graph. Turtle, TriG
and RDF/XML too: pyoxigraph's serializers stream, and what they write for a run of statements of one subject (in
TriG, of one subject of the default graph, or one named graph) does not depend on what comes before or after it. So
each N-Triples piece of a block is also kept as Turtle and RDF/XML, and each N-Quads piece as TriG, as the serializer
writes it alone, when the block is rendered; the export is the prefixes (or the XML header), the pieces in order, and
the XML footer. The pieces of a batch of blocks are serialized in one call per format and cut apart: a call per piece
cost about 40 µs, most of it the prefixes, and made a full build 5–10% slower than writing each format whole.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.forkmap import fork_map
from kg.graph import KnowledgeGraph
from kg.iri import build_iri
from kg.model import DocumentMeta, Entity, Evidence, Measurement, Relation
from kg.rdf.jsonld import JsonLdWriter
from kg.rdf.measures import add_measurement
from kg.rdf.statements import (
    Assembler,
    Context,
    Statement,
    add_build,
    add_document,
    add_entity,
    add_reading,
    build_time,
    decimal,
    nquad_line,
    ntriple_line,
    statements_of,
)
from kg.rdf.writer import Export, _full_iris_for_dotted_names, _xml_safe
from kg.rdf.writer import _prefixes as _new_prefixes


@dataclass(frozen=True, slots=True)
class Block:
    """The rendered text of one document or entity: N-Quads (with their TriG) and JSON-LD pieces keyed by (graph,
    subject), N-Triples pieces (with their Turtle and RDF/XML) keyed by subject, and the signature of what they were
    rendered from. The texts are UTF-8 bytes, as the exports are written: an update joins hundreds of megabytes of
    kept pieces, and decoding and encoding them again cost more than the join."""

    signature: str
    nquads: tuple[tuple[str, str, bytes, bytes], ...]  # (graph, subject, text, trig)
    ntriples: tuple[tuple[str, bytes, bytes, bytes], ...]  # (subject, text, turtle, rdf/xml)
    jsonld: tuple[tuple[str, str, bytes], ...]  # (graph, subject, line)


class PatchedExport(Export):
    """The export of a graph, reusing the ``cached`` blocks (by unit key) whose signatures still hold.

    ``blocks`` holds every block of this export once it is assembled, and ``rendered`` the keys of those rendered in
    this run: what `kg.state` keeps for the next update."""

    def __init__(self, g: KnowledgeGraph, cached: dict[str, Block] | None = None, processes: int = 1) -> None:
        self.base = g.base
        self.processes = processes  # blocks to render are shared by this many processes (`kg.forkmap`)
        self._graph = g
        self._cached = cached or {}
        self.blocks: dict[str, Block] = {}
        self.rendered: set[str] = set()

    def nquads(self) -> bytes:
        return self._texts[0]

    def ntriples(self) -> bytes:
        return self._texts[1]

    def serialize(self, format: str) -> bytes:
        if format == "json-ld":
            return self._texts[2]
        if format in _JOINED:
            return self._joined(format)
        return super().serialize(format)

    def _joined(self, format: str) -> bytes:
        """Turtle, TriG or RDF/XML: the pieces of every block in export order, between the format's header and
        footer."""
        self._texts  # noqa: B018 (the pieces are gathered with the other texts)
        pieces, column = (self._pieces[0], 3) if format == "trig" else (self._pieces[1], 2 if format == "turtle" else 3)
        header, footer = _HEADERS[(format, self.base)]
        return header + b"".join(piece[column] for piece in pieces) + footer

    @functools.cached_property
    def statements(self) -> list[Statement]:
        """Every statement, rendered again (the serializations need none of them)."""
        return statements_of(self._graph)

    @functools.cached_property
    def _texts(self) -> tuple[bytes, bytes, bytes]:
        g = self._graph
        documents = g.documents
        ctx = Context(g.base, build_iri(g.base, documents), build_time(documents), documents)
        out = Assembler()
        add_build(out, ctx, documents)
        build = out.sorted_unique()
        jsonld = JsonLdWriter()
        build_block = _serialize_pieces(
            g.base,
            [Block("", (("", ctx.build, _text(map(nquad_line, build)), b""),),
                   ((ctx.build, _text(map(ntriple_line, build)), b"", b""),), ())],
        )[0]  # fmt: skip
        nquads, ntriples = list(build_block.nquads), list(build_block.ntriples)
        nodes = _lines(jsonld, build)
        units = list(_units(g, ctx))
        if self._cached:
            todo = [u for u in units if (held := self._cached.get(u[0])) is None or held.signature != _digest(u[1])]
        else:  # every unit is rendered, and its signature taken by the process that renders it
            todo = units
        batches = [todo[i : i + _BATCH] for i in range(0, len(todo), _BATCH)]
        rendered = [block for part in fork_map(_Render(jsonld, g.base), batches, self.processes) for block in part]
        fresh = dict(zip((key for key, _, _ in todo), rendered, strict=True))
        self.rendered.update(fresh)
        for key, _, _ in units:
            block = self.blocks[key] = fresh[key] if key in fresh else self._cached[key]
            nquads.extend(block.nquads)
            ntriples.extend(block.ntriples)
            nodes.extend(block.jsonld)
        nquads.sort(key=lambda item: item[:2])
        ntriples.sort(key=lambda item: item[0])
        nodes.sort(key=lambda item: item[:2])
        self._pieces = (nquads, ntriples)
        return (
            b"".join(piece[2] for piece in nquads),
            b"".join(piece[1] for piece in ntriples),
            jsonld.document([line for _, _, line in nodes]),
        )


_BATCH = 128  # units rendered together: their Turtle, TriG and RDF/XML pieces are serialized in one call each


@dataclass(frozen=True, slots=True)
class _Render:
    """The blocks of a batch of units (key, source, render), each signed with the digest of its source."""

    jsonld: JsonLdWriter
    base: str

    def __call__(self, units: list[tuple[str, tuple, functools.partial]]) -> list[Block]:
        blocks = [render(_digest(source), self.jsonld) for _, source, render in units]
        return _serialize_pieces(self.base, blocks)


def _text(lines: Iterable[str]) -> bytes:
    return "".join(lines).encode("utf-8")


def _lines(jsonld: JsonLdWriter, statements: list[Statement]) -> list[tuple[str, str, bytes]]:
    return [(graph, subject, line.encode("utf-8")) for graph, subject, line in jsonld.lines(statements)]


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def _units(g: KnowledgeGraph, ctx: Context):
    """(unit key, source, render) for every document and entity: render(signature) gives the unit's block, and the
    signature is the `_digest` of the source (what the block is rendered from), taken only where it is needed."""
    readings: dict[str, list[tuple[Relation, Evidence]]] = defaultdict(list)
    facts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rel in g.relations():
        facts[rel.head].add((rel.relation, rel.tail))
        for ev in rel.evidence:
            readings[ev.document].append((rel, ev))
    figures: dict[str, list[Measurement]] = defaultdict(list)
    for m in g.measurements():
        figures[m.evidence.document].append(m)
    metas = {doc.id: doc for doc in g.documents}
    for doc_id in sorted(metas.keys() | readings.keys() | figures.keys()):
        meta, read, found = metas.get(doc_id), readings.get(doc_id, []), figures.get(doc_id, [])
        source = (ctx.base, meta, [(r.head, r.relation, r.tail, ev) for r, ev in read], found)
        yield "d" + doc_id, source, functools.partial(_document_block, ctx, doc_id, meta, read, found)
    for ent in g.entities():
        heads = sorted(facts.get(ent.label, ()))
        yield "e" + ent.label, (ctx.base, ent, heads), functools.partial(_entity_block, ctx, ent, heads)


def _document_block(
    ctx: Context,
    doc_id: str,
    meta: DocumentMeta | None,
    readings: list[tuple[Relation, Evidence]],
    figures: list[Measurement],
    signature: str,
    jsonld: JsonLdWriter,
) -> Block:
    out = Assembler()
    iri = ctx.document(doc_id)
    if meta is not None:
        add_document(out, ctx, meta)
    for rel, ev in readings:
        add_reading(out, ctx, rel, ev)
    for m in figures:
        add_measurement(out, ctx, m, decimal)
    statements = out.sorted_unique()
    own: dict[str, list[Statement]] = defaultdict(list)  # the document and its reading, a piece each
    for st in statements:
        if not st.graph:
            own[st.subject].append(st)
    named = [st for st in statements if st.graph]
    nquads = [("", subject, _text(map(nquad_line, group)), b"") for subject, group in own.items()]
    ntriples = [(subject, _text(map(ntriple_line, group)), b"", b"") for subject, group in own.items()]
    if named:
        nquads.append((iri, "", _text(map(nquad_line, named)), b""))
    entities = ctx.base + "entity/"
    groups: dict[str, list[Statement]] = defaultdict(list)
    for st in named:  # assertions and figures, each with its selectors (IRI#name); facts go with their entity
        if not st.subject.startswith(entities):
            groups[st.subject.partition("#")[0]].append(st)
    ntriples.extend((subject, _text(map(ntriple_line, group)), b"", b"") for subject, group in groups.items())
    return Block(signature, tuple(nquads), tuple(ntriples), tuple(_lines(jsonld, statements)))


def _entity_block(
    ctx: Context, ent: Entity, heads: list[tuple[str, str]], signature: str, jsonld: JsonLdWriter
) -> Block:
    out = Assembler()
    add_entity(out, ctx, ent)
    own = out.sorted_unique()
    iri = ctx.entity(ent.label)
    for relation, tail in heads:
        out.add(iri, ctx.onto.relations[relation].iri, ctx.entity(tail))
    union = out.sorted_unique()
    nquads = (("", iri, _text(map(nquad_line, own)), b""),)
    ntriples = ((iri, _text(map(ntriple_line, union)), b"", b""),)
    return Block(signature, nquads, ntriples, tuple(_lines(jsonld, own)))


_prefixes = functools.cache(_new_prefixes)


# Turtle, TriG and RDF/XML of one piece, as pyoxigraph writes it within the whole export -------------------------
_JOINED = ("turtle", "trig", "xml")
_OX = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML}
_XML_FOOTER = b"</rdf:RDF>"


class _Headers(dict):
    """(format, base) -> (header, footer): the prefixes Turtle and TriG begin with (pyoxigraph writes every prefix
    given, used or not), the XML declaration and rdf:RDF element, and the closing tag."""

    def __missing__(self, key: tuple[str, str]) -> tuple[bytes, bytes]:
        format, base = key
        if format == "xml":
            empty = ox.serialize([], format=_OX["xml"], prefixes=_prefixes(base))
            value = (empty.removesuffix(_XML_FOOTER), _XML_FOOTER)
        else:
            sample = ox.Triple(ox.NamedNode("urn:x-kg:s"), ox.NamedNode("urn:x-kg:p"), ox.Literal(""))
            text = ox.serialize([sample], format=_OX["turtle"], prefixes=_prefixes(base))
            value = (text[: len(text) - len(_body(text, "turtle"))], b"")
        self[key] = value
        return value


_HEADERS = _Headers()


def _body(text: bytes, format: str) -> bytes:
    """What pyoxigraph wrote for the statements themselves: without the prefixes, or the XML header and footer."""
    if format == "xml":
        start = text.index(b">\n", text.index(b"<rdf:RDF")) + 2
        return text[start : len(text) - len(_XML_FOOTER)]
    start = 0
    while text.startswith(b"@prefix ", start):
        start = text.index(b"\n", start) + 1
    return text[start:]


# A run of pieces is serialized in one call, with a statement of its own between two pieces: the serializer ends a
# subject (or a named graph) there, as it does at the end of a piece written alone, and what it writes for the cut
# is where the output is split. Article text cannot forge a cut: no literal of a line-based syntax holds a line break,
# and RDF/XML escapes "<".
_CUT = b"<urn:x-kg:cut> <urn:x-kg:cut> <urn:x-kg:cut> .\n"


def _serialize_pieces(base: str, blocks: list[Block]) -> list[Block]:
    """The blocks with the TriG of each N-Quads piece and the Turtle and RDF/XML of each N-Triples piece filled in."""
    nquads = [piece[2] for block in blocks for piece in block.nquads]
    ntriples = [piece[1] for block in blocks for piece in block.ntriples]
    trig = iter(_serialized(base, nquads, ox.RdfFormat.N_QUADS, "trig"))
    turtle = iter(_serialized(base, ntriples, ox.RdfFormat.N_TRIPLES, "turtle"))
    xml = iter(_serialized(base, ntriples, ox.RdfFormat.N_TRIPLES, "xml"))
    return [
        Block(
            block.signature,
            tuple((graph, subject, text, next(trig)) for graph, subject, text, _ in block.nquads),
            tuple((subject, text, next(turtle), next(xml)) for subject, text, _, _ in block.ntriples),
            block.jsonld,
        )
        for block in blocks
    ]


def _serialized(base: str, texts: list[bytes], kind: ox.RdfFormat, format: str) -> list[bytes]:
    """Each text (whole statements) in ``format``, as pyoxigraph writes it within the whole export."""
    if not texts:
        return []
    parts = _write(base, _CUT.join(texts), kind, format).split(_CUTS[(format, base)])
    if len(parts) != len(texts):  # never seen: a piece that writes the cut's text itself; one call per piece then
        parts = [_write(base, text, kind, format) for text in texts]
    if format == "xml":
        return parts
    prefixes = _prefixes(base)  # line by line, as the whole serializer's text is (`kg.rdf.writer`)
    return [_full_iris_for_dotted_names(part, prefixes) for part in parts]


def _write(base: str, text: bytes, kind: ox.RdfFormat, format: str) -> bytes:
    data = _xml_safe(text) if format == "xml" else text
    written = ox.serialize(ox.parse(data, format=kind), format=_OX[format], prefixes=_prefixes(base))
    return _body(written, format)


class _Cuts(dict):
    """(format, base) -> what the serializer writes for the cut statement."""

    def __missing__(self, key: tuple[str, str]) -> bytes:
        format, base = key
        self[key] = value = _write(base, _CUT, ox.RdfFormat.N_TRIPLES, format)
        return value


_CUTS = _Cuts()
