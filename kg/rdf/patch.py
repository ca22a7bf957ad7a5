"""An export assembled from blocks, so that an update re-renders what changed and reuses the rest
(`kg build --update`).

N-Quads and N-Triples are sorted statements, and their order is made of independent blocks:

- per document: its metadata (default graph, one subject) and its named graph (the facts it reads, their
  assertions and its figures);
- per entity: its names, mentions and documents (default graph, one subject), and in N-Triples, where graphs merge,
  the facts it heads as well;
- the build (default graph, one subject), rendered every time.

A block is rendered with stand-ins for the build's IRI and time, which every assertion names: so a document's block
depends only on its own readings, with entity labels as resolution leaves them, and the stand-ins are replaced once
in the joined text. Each block carries a signature of what it was rendered from (the document's metadata, its
readings and figures as resolved, or the entity); a cached block whose signature still holds is reused as text.
Blocks sort by (graph, subject) and hold whole subjects, so joining them in that order is the sorted export.

JSON-LD is joined the same way from a line per node of the default graph and a line per named graph. Turtle, TriG
and RDF/XML are pyoxigraph's serializers over the joined N-Quads or N-Triples, so they cost the graph's size, in
pyoxigraph.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass

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
from kg.rdf.vocab import PROV
from kg.rdf.writer import Export

_BUILD = "urn:x-kg:this-build"  # stand-ins for the build's IRI and time while a block is rendered
_BUILT_AT = "kg-build-time-of-this-export"


@dataclass(frozen=True, slots=True)
class Block:
    """The rendered text of one document or entity: N-Quads and JSON-LD pieces keyed by (graph, subject), N-Triples
    pieces keyed by subject, and the signature of what they were rendered from."""

    signature: str
    nquads: tuple[tuple[str, str, str], ...]  # (graph, subject, text)
    ntriples: tuple[tuple[str, str], ...]  # (subject, text)
    jsonld: tuple[tuple[str, str, str], ...]  # (graph, subject, line)


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
        return self._texts[2] if format == "json-ld" else super().serialize(format)

    @functools.cached_property
    def statements(self) -> list[Statement]:
        """Every statement, rendered again (the serializations need none of them)."""
        return statements_of(self._graph)

    @functools.cached_property
    def _texts(self) -> tuple[bytes, bytes, bytes]:
        g = self._graph
        documents = g.documents
        real = Context(g.base, build_iri(g.base, documents), build_time(documents))
        stand_in = Context(g.base, _BUILD, _BUILT_AT)
        out = Assembler()
        add_build(out, real, documents)
        build = out.sorted_unique()
        jsonld = JsonLdWriter()
        nquads = [("", real.build, "".join(map(nquad_line, build)))]
        ntriples = [(real.build, "".join(map(ntriple_line, build)))]
        nodes = jsonld.lines(build)
        units = list(_units(g, stand_in))
        todo = [unit for unit in units if (held := self._cached.get(unit[0])) is None or held.signature != unit[1]]
        fresh = dict(zip((key for key, _, _ in todo), fork_map(_Render(jsonld), todo, self.processes), strict=True))
        self.rendered.update(fresh)
        for key, _, _ in units:
            block = self.blocks[key] = fresh[key] if key in fresh else self._cached[key]
            nquads.extend(block.nquads)
            ntriples.extend(block.ntriples)
            nodes.extend(block.jsonld)
        nquads.sort(key=lambda item: item[:2])
        ntriples.sort(key=lambda item: item[0])
        nodes.sort(key=lambda item: item[:2])
        document = jsonld.document([line for _, _, line in nodes])
        stand_ins = {json.dumps(_BUILD): json.dumps(jsonld.compact(real.build)), f'"{_BUILT_AT}"': f'"{real.built_at}"'}
        for stand_in_text, real_text in stand_ins.items():
            document = document.replace(stand_in_text.encode(), real_text.encode())
        return (
            _with_build("".join(text for _, _, text in nquads), real),
            _with_build("".join(text for _, text in ntriples), real),
            document,
        )


@dataclass(frozen=True, slots=True)
class _Render:
    """A unit's block from (key, signature, render)."""

    jsonld: JsonLdWriter

    def __call__(self, unit: tuple[str, str, functools.partial]) -> Block:
        _, signature, render = unit
        return render(signature, self.jsonld)


def _with_build(text: str, ctx: Context) -> bytes:
    """The text with the build's IRI and time in place of the stand-ins, where an assertion names them."""
    data = text.encode("utf-8")
    for stand_in, real in ((f"<{_BUILD}>", f"<{ctx.build}>"), (f'"{_BUILT_AT}"', f'"{ctx.built_at}"')):
        predicate = "wasGeneratedBy" if stand_in.startswith("<") else "generatedAtTime"
        data = data.replace(f"<{PROV}{predicate}> {stand_in}".encode(), f"<{PROV}{predicate}> {real}".encode())
    return data


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def _units(g: KnowledgeGraph, ctx: Context):
    """(unit key, signature, render) for every document and entity: render(signature) gives the unit's block."""
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
        signature = _digest((ctx.base, meta, [(r.head, r.relation, r.tail, ev) for r, ev in read], found))
        yield "d" + doc_id, signature, functools.partial(_document_block, ctx, doc_id, meta, read, found)
    for ent in g.entities():
        heads = sorted(facts.get(ent.label, ()))
        signature = _digest((ctx.base, ent, heads))
        yield "e" + ent.label, signature, functools.partial(_entity_block, ctx, ent, heads)


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
        add_document(out, iri, meta)
    for rel, ev in readings:
        add_reading(out, ctx, rel, ev)
    for m in figures:
        add_measurement(out, ctx, m, decimal)
    statements = out.sorted_unique()
    own = [st for st in statements if not st.graph]
    named = [st for st in statements if st.graph]
    nquads, ntriples = [], []
    if own:
        nquads.append(("", iri, "".join(map(nquad_line, own))))
        ntriples.append((iri, "".join(map(ntriple_line, own))))
    if named:
        nquads.append((iri, "", "".join(map(nquad_line, named))))
    entities = ctx.base + "entity/"
    groups: dict[str, list[Statement]] = defaultdict(list)
    for st in named:  # assertions and figures, each with its selectors (IRI#name); facts go with their entity
        if not st.subject.startswith(entities):
            groups[st.subject.partition("#")[0]].append(st)
    ntriples.extend((subject, "".join(map(ntriple_line, group))) for subject, group in groups.items())
    return Block(signature, tuple(nquads), tuple(ntriples), tuple(jsonld.lines(statements)))


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
    nquads, ntriples = (("", iri, "".join(map(nquad_line, own))),), ((iri, "".join(map(ntriple_line, union))),)
    return Block(signature, nquads, ntriples, tuple(jsonld.lines(own)))
