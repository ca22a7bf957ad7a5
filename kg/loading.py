"""An export as the graphs a store holds, loaded so that it replaces them: the part of `kg load` that does not depend
on where the store is (kg.remote sends it over HTTP; `load_store` writes an on-disk store in one transaction).

Each named graph of the export replaces the same graph in the store; the default graph goes to one named graph. With
`prune`, the store's document graphs (``BASE/doc/<id>``, under the export's own base) that the export no longer names
are dropped too: the documents removed since the last load. Every IRI in an update is written by pyoxigraph's
serializer, never pasted from the text.
"""

from __future__ import annotations

import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import folder, rdf
from kg.iri import DEFAULT_BASE, encode_segment
from kg.store import ONTOLOGY_GRAPH, ontology_quads


class RemoteError(RuntimeError):
    """A failed load or query, as one line: what was asked, what the store said, what to do."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load did: graphs replaced, triples, document graphs pruned, requests sent, seconds, and how."""

    endpoint: str
    method: str
    graphs: int
    triples: int
    requests: int
    seconds: float
    pruned: int = 0

    def summary(self) -> str:
        how = {
            "bulk": "Oxigraph bulk load",
            "gsp": "Graph Store Protocol PUT",
            "update": "SPARQL Update",
            "embedded": "one transaction",
        }
        pruned = f", removed {self.pruned:,} graphs of documents no longer in the export" if self.pruned else ""
        return (
            f"replaced {self.graphs:,} graphs ({self.triples:,} triples){pruned} at {self.endpoint} "
            f"in {self.seconds:.1f} s: {how[self.method]}, {self.requests:,} requests"
        )


@dataclass(frozen=True, slots=True)
class ExportGraphs:
    """An export read for loading: triples by target graph (sorted), the graph its default graph goes to, where its
    document graphs live (``BASE/doc/``), and whether the file keeps one named graph per document (kg.nq, kg.trig,
    kg.jsonld) or is triples only."""

    graphs: dict[str, list[ox.Triple]]
    default: str  # the graph the export's default graph (all of a triples file) goes to
    documents: str
    dataset: bool

    def stale(self, held: Iterable[str]) -> list[str]:
        """The document graphs among `held` (a store's graphs) that this export no longer names, sorted."""
        if not self.dataset:
            raise RemoteError("--prune needs an export with a graph per document: kg.nq, kg.trig or kg.jsonld")
        return sorted(
            {
                g
                for g in held
                if g.startswith(self.documents) and "/" not in g[len(self.documents) :] and g not in self.graphs
            }
        )


def read_graphs(path_or_dir: str | Path, graph: str | None = None) -> dict[str, list[ox.Triple]]:
    """The export's triples by target graph IRI (sorted), plus the ontology graph (see `read_export`)."""
    return read_export(path_or_dir, graph).graphs


def read_export(path_or_dir: str | Path, graph: str | None = None) -> ExportGraphs:
    """The export's triples by target graph IRI (sorted), plus the ontology graph.

    A folder means its kg.nq. The default graph of a dataset, and all of a triples file, go to
    ``graph`` (default: the export's base IRI + "graph").
    """
    path = Path(path_or_dir)
    if path.is_dir():
        path = path / "kg.nq"
    if not path.is_file():
        raise RemoteError(f"{path}: no such file; give an export (kg.nq, kg.trig, kg.ttl, kg.nt) or its folder")
    try:
        fmt = rdf.FORMATS[rdf.format_of(path)][1]
        with folder.opened(path) as handle:  # a build folder's current content, even mid-commit (kg.folder)
            quads = list(ox.parse(handle, format=fmt))
    except (ValueError, SyntaxError, OSError) as error:
        raise RemoteError(f"{path}: cannot read it as RDF: {error}") from error
    target = graph or _base_of(quads) + "graph"
    if not _valid_iri(target):
        raise RemoteError(f"--graph {target!r}: not an absolute IRI")
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in quads:
        name = q.graph_name.value if isinstance(q, ox.Quad) and isinstance(q.graph_name, ox.NamedNode) else target
        by_graph[name].append(ox.Triple(q.subject, q.predicate, q.object))
    by_graph[ONTOLOGY_GRAPH] = [q.triple for q in ontology_quads()]
    return ExportGraphs(dict(sorted(by_graph.items())), target, _base_of(quads) + "doc/", fmt.supports_datasets)


def _base_of(quads: list[Any]) -> str:
    """The base IRI the export was minted with, from a document's IRI and its identifier."""
    identifier = rdf.DCTERMS + "identifier"
    bases = sorted(
        q.subject.value[: -len(suffix)]
        for q in quads
        if q.predicate.value == identifier and isinstance(q.subject, ox.NamedNode)
        and q.subject.value.endswith(suffix := "doc/" + encode_segment(q.object.value))
    )  # fmt: skip
    return bases[0] if bases else DEFAULT_BASE


def _valid_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return bool(urllib.parse.urlsplit(text).scheme)


def drops(graphs: Iterable[str]) -> bytes:
    """``DROP SILENT GRAPH`` for each graph, as one SPARQL Update (operations joined by ``;``)."""
    return b" ;\n".join(b"DROP SILENT GRAPH " + str(ox.NamedNode(g)).encode() for g in graphs) + b"\n"


def load_store(path_or_dir: str | Path, directory: str | Path, *, prune: bool = False) -> LoadReport:
    """Replace the export's graphs in an on-disk store (new, or one `kg build --store` wrote), in one transaction:
    the store shows the old graphs or the new ones, never a mix; with `prune`, the graphs of documents the export no
    longer names go in the same transaction. The export's default graph replaces the store's, as `write_store` puts
    it there. Loading the same export twice leaves the same quads."""
    started = time.perf_counter()
    export = read_export(path_or_dir)
    target = Path(directory)
    if target.exists() and any(target.iterdir()) and not (target / "CURRENT").is_file():
        raise RemoteError(f"--store {target}: not a kg store; give a folder `kg build --store` wrote, or a new one")
    named = {name: triples for name, triples in export.graphs.items() if name != export.default}
    try:
        store = ox.Store(str(target))
        stale = export.stale(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)) if prune else []
        inserts = _ntriples(export.graphs.get(export.default, [])) + b"".join(
            b"GRAPH " + str(ox.NamedNode(name)).encode() + b" {\n" + _ntriples(triples) + b"}\n"
            for name, triples in named.items()
        )
        update = b"DROP SILENT DEFAULT ;\n" + drops([*named, *stale]) + b";\nINSERT DATA {\n" + inserts + b"}\n"
        store.update(update.decode("utf-8"))
        store.flush()
    except OSError as error:
        raise RemoteError(f"--store {target}: {error}; is another process using the store?") from error
    return LoadReport(
        endpoint=str(target),
        method="embedded",
        graphs=len(export.graphs),
        triples=sum(len(t) for t in export.graphs.values()),
        requests=1,
        seconds=time.perf_counter() - started,
        pruned=len(stale),
    )


def _ntriples(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
