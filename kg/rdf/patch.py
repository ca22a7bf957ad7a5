"""An export assembled from blocks, so that an update renders what changed and copies the rest from the files of
the last build (`kg build --update`, `kg.rdf.layout`).

N-Quads and N-Triples are sorted statements, and their order is made of independent blocks:

- per document: its metadata and its reading (default graph, a subject each) and its named graph (the facts it
  reads, their assertions and its figures);
- per entity: its names, mentions and documents (default graph, one subject), and in N-Triples, where graphs merge,
  the facts it heads as well;
- the build (default graph, one subject), rendered every time.

A document's block depends only on its own metadata, readings and figures, with entity labels as resolution leaves
them: its assertions name the document's kg:Reading, whose IRI hashes the document's content, not the build, whose
IRI changes with every document. Each block has a signature of what it was rendered from (the document's metadata,
its readings and figures as resolved, or the entity); a unit whose signature still holds is not rendered: its pieces
are copied from the last build's files, by the byte ranges the state keeps (`kg.state`). Pieces sort by their keys,
(graph, subject), and hold whole subjects, so writing them in that order gives the sorted export.

JSON-LD is written the same way from a line per node of the default graph and a line per named graph. Turtle, TriG
and RDF/XML too: pyoxigraph's serializers stream, and what they write for a run of statements of one subject (in
TriG, of one subject of the default graph, or one named graph) does not depend on what comes before or after it. So
each N-Triples piece of a block is also rendered as Turtle and RDF/XML, and each N-Quads piece as TriG, as the
serializer writes it alone; the export is the prefixes (or the XML header), the pieces in order, and the XML footer.
The pieces of a batch of blocks are serialized in one call per format and cut apart: a call per piece cost about
40 µs, most of it the prefixes, and made a full build 5–10% slower than writing each format whole.
"""

from __future__ import annotations

import functools
import hashlib
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.forkmap import fork_map
from kg.graph import KnowledgeGraph
from kg.iri import build_iri
from kg.model import DocumentMeta, Entity, Evidence, Measurement, Relation
from kg.rdf.jsonld import JSONLD_FOOTER, JSONLD_SEPARATOR, JsonLdWriter
from kg.rdf.layout import (
    FAMILIES,
    FAMILY,
    FileLayout,
    Layout,
    Merged,
    Segment,
    joined_segments,
    key_of,
    merge,
    plan,
    write_segments,
)
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
    rendered from. The texts are UTF-8 bytes, as the exports are written."""

    signature: str
    nquads: tuple[tuple[str, str, bytes, bytes], ...]  # (graph, subject, text, trig)
    ntriples: tuple[tuple[str, bytes, bytes, bytes], ...]  # (subject, text, turtle, rdf/xml)
    jsonld: tuple[tuple[str, str, bytes], ...]  # (graph, subject, line)


class PatchedExport(Export):
    """The export of a graph, with the pieces of the units (documents and entities) whose signatures still hold taken
    from the files the ``previous`` build wrote (`kg.rdf.layout`), and the others rendered.

    `prepare` renders what must be rendered (in ``processes`` processes); `write` writes one format to a file
    descriptor, copying the old file's ranges; `layout` gives what `kg.state` keeps for the next update. ``rendered``
    holds the units rendered in this run."""

    def __init__(self, g: KnowledgeGraph, previous: Layout | None = None, processes: int = 1) -> None:
        self.base = g.base
        self.processes = processes  # blocks to render are shared by this many processes (`kg.forkmap`)
        self._graph = g
        self._previous = previous
        self._plans: dict[str, tuple[list[Segment], array]] = {}
        self.rendered: set[str] = set()

    def nquads(self) -> bytes:
        return self.serialize("nquads")

    def ntriples(self) -> bytes:
        return self.serialize("ntriples")

    def serialize(self, format: str) -> bytes:
        segments, _ = self._plan(format)
        return joined_segments(self._old_file(format), segments)

    def write(self, format: str, out: int) -> None:
        """Write the format's export to the file descriptor ``out``."""
        segments, _ = self._plan(format)
        write_segments(out, self._old_file(format), segments)

    def prepare(self) -> None:
        """Render the blocks that must be rendered (before a process forks to write some of the formats)."""
        self._assembled  # noqa: B018

    def layout(self, files: dict[str, Path]) -> Layout:
        """What the next update needs of this export, once the ``files`` (by format) are written."""
        parts = self._assembled
        written = {}
        for format, file in files.items():
            _, lengths = self._plan(format)
            status = file.stat()
            header = len(self._header_footer(format)[0])
            written[format] = (file, FileLayout(header, lengths, status.st_size, status.st_mtime_ns))
        keys = {family: parts.order[family].keys for family in FAMILIES}
        units = {family: parts.order[family].units for family in FAMILIES}
        return Layout(parts.signatures, keys, units, written)

    @functools.cached_property
    def statements(self) -> list[Statement]:
        """Every statement, rendered again (the serializations need none of them)."""
        return statements_of(self._graph)

    def _old_file(self, format: str) -> Path | None:
        held = self._previous.files.get(format) if self._previous is not None else None
        return held[0] if held is not None else None

    def _header_footer(self, format: str) -> tuple[bytes, bytes]:
        if format in _JOINED:
            return _HEADERS[(format, self.base)]
        if format == "json-ld":
            return self._assembled.jsonld.header(), JSONLD_FOOTER
        return b"", b""

    def _plan(self, format: str) -> tuple[list[Segment], array]:
        """The format's segments and the lengths of its pieces, made once."""
        found = self._plans.get(format)
        if found is None:
            held = self._previous.files.get(format) if self._previous is not None else None
            header, footer = self._header_footer(format)
            separator = JSONLD_SEPARATOR if format == "json-ld" else b""
            parts = self._assembled
            found = self._plans[format] = plan(
                parts.order[FAMILY[format]].parts, parts.texts[format], held[1] if held else None, separator, header,
                footer,
            )  # fmt: skip
        return found

    @functools.cached_property
    def _assembled(self) -> _Assembled:
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
                   ((ctx.build, _text(map(ntriple_line, build)), b"", b""),), tuple(_lines(jsonld, build)))],
        )[0]  # fmt: skip
        units = list(_units(g, ctx))
        previous = self._previous
        signatures: dict[str, str] = {}
        if previous is not None:
            todo = []
            for unit in units:
                signature = _digest(unit[1])
                if previous.signatures.get(unit[0]) == signature:
                    signatures[unit[0]] = signature
                else:
                    todo.append(unit)
        else:  # every unit is rendered, and its signature taken by the process that renders it
            todo = units
        batches = [todo[i : i + _BATCH] for i in range(0, len(todo), _BATCH)]
        rendered = [block for part in fork_map(_Render(jsonld, g.base), batches, self.processes) for block in part]
        fresh = [("", build_block), *zip((key for key, _, _ in todo), rendered, strict=True)]
        self.rendered.update(unit for unit, _ in fresh[1:])
        signatures.update((unit, block.signature) for unit, block in fresh[1:])
        return _assembled(jsonld, fresh, signatures, previous)


@dataclass(slots=True)
class _Assembled:
    """The export's pieces: for each family, its order (`kg.rdf.layout.merge`), and for each format the texts of the
    rendered pieces, by index."""

    jsonld: JsonLdWriter
    order: dict[str, Merged]
    texts: dict[str, list[bytes]]
    signatures: dict[str, str]


def _assembled(
    jsonld: JsonLdWriter, fresh: list[tuple[str, Block]], signatures: dict[str, str], previous: Layout | None
) -> _Assembled:
    """The rendered blocks' pieces, in key order among the old pieces of the units whose signatures hold."""
    new: dict[str, list[tuple[str, str, tuple]]] = {family: [] for family in FAMILIES}
    for unit, block in fresh:
        new["q"].extend((key_of(g, s), unit, (text, trig)) for g, s, text, trig in block.nquads)
        new["t"].extend((s, unit, (text, turtle, xml)) for s, text, turtle, xml in block.ntriples)
        new["j"].extend((key_of(g, s), unit, (line,)) for g, s, line in block.jsonld)
    columns = {"q": ("nquads", "trig"), "t": ("ntriples", "turtle", "xml"), "j": ("json-ld",)}
    dropped = {unit for unit, _ in fresh}
    if previous is not None:
        dropped.update(unit for unit in previous.signatures if unit not in signatures)
    order: dict[str, Merged] = {}
    texts: dict[str, list[bytes]] = {}
    for family, pieces in new.items():
        pieces.sort(key=lambda piece: piece[0])
        for n, format in enumerate(columns[family]):
            texts[format] = [piece[2][n] for piece in pieces]
        rendered = [(key, unit) for key, unit, _ in pieces]
        if previous is None:
            order[family] = merge([], [], set(), rendered)
        else:
            order[family] = merge(previous.keys[family], previous.units[family], dropped, rendered)
    return _Assembled(jsonld, order, texts, signatures)


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
