"""SPARQL over a KnowledgeGraph, in an embedded pyoxigraph store, in memory or on disk.

The store holds the export's quads (see kg.rdf) plus ontology/kg.ttl in the named graph
<https://w3id.org/kg/ontology>, so queries can read kg:code and the labels of classes and
relations. The default graph is the union of all graphs. Values are passed with pyoxigraph
substitutions, never pasted into the query text: a name full of quotes and braces is just
a literal. Pyoxigraph substitutes only variables that the SELECT lists, so every example
query projects its ``?name``.

On disk (write_store), a build is bulk-loaded into a fresh directory beside the target and
swapped into place only when complete, so a reader never opens a half-loaded store and a
rebuild never duplicates a fact.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
import rdflib

from kg import folder, rdf
from kg.bindings import substitution_sets
from kg.graph import KnowledgeGraph
from kg.interop import dataframe
from kg.ontology import ontology_dir

if TYPE_CHECKING:
    import pandas

ONTOLOGY_GRAPH = "https://w3id.org/kg/ontology"

_LABEL = 'FILTER(langMatches(lang({0}), "zh"))'

# name -> SPARQL; every query takes ?name (a string) through `bindings`. A name matched with kg:key is found through
# the store's index (kg.bindings computes the key from the name); the others filter what the query has matched.
EXAMPLE_QUERIES: dict[str, str] = {
    # Which products did ?name launch, in which year, according to which sentence?
    "products_launched_by": f"""
SELECT DISTINCT ?name ?product ?year ?sentence ?document ?title WHERE {{
  ?org kg:key ?name .
  ?org kg:launched ?p .
  ?p a kg:Product ; skos:prefLabel ?product . {_LABEL.format("?product")}
  ?a rdf:subject ?org ; rdf:predicate kg:launched ; rdf:object ?p ;
     kg:evidence ?sentence ; prov:wasDerivedFrom ?doc .
  ?doc dcterms:identifier ?document .
  OPTIONAL {{ ?a kg:year ?year }}
  OPTIONAL {{ ?doc dcterms:title ?title }}
}} ORDER BY ?year ?product ?document ?sentence""",
    # Organizations ?name partnered with (the relation is symmetric and stored once).
    "partners_of": f"""
SELECT ?name ?partner (COUNT(DISTINCT ?a) AS ?sources) (MAX(?c) AS ?confidence) WHERE {{
  ?org kg:key ?name .
  {{ ?org kg:partneredWith ?p }} UNION {{ ?p kg:partneredWith ?org }}
  ?p skos:prefLabel ?partner . {_LABEL.format("?partner")}
  ?a rdf:predicate kg:partneredWith ; kg:confidence ?c .
  {{ ?a rdf:subject ?org ; rdf:object ?p }} UNION {{ ?a rdf:subject ?p ; rdf:object ?org }}
}} GROUP BY ?name ?partner ORDER BY DESC(?sources) ?partner""",
    # What is deployed where; with ?name bound, only facts where ?name is the thing or the place.
    "deployed_where": f"""
SELECT ?name ?thing ?place (MIN(?y) AS ?year) WHERE {{
  ?t kg:deployedAt ?x .
  ?t skos:prefLabel ?thing . {_LABEL.format("?thing")}
  ?x skos:prefLabel ?place . {_LABEL.format("?place")}
  ?t skos:prefLabel|skos:altLabel ?tName .
  ?x skos:prefLabel|skos:altLabel ?xName .
  FILTER(COALESCE(str(?tName) = ?name || str(?xName) = ?name, true))
  OPTIONAL {{ ?a rdf:subject ?t ; rdf:predicate kg:deployedAt ; rdf:object ?x ; kg:year ?y }}
}} GROUP BY ?name ?thing ?place ORDER BY ?thing ?place""",
    # All the evidence for the facts between ?name and ?other, whichever the relation.
    "evidence_for_fact": """
SELECT DISTINCT ?name ?other ?relation ?sentence ?document ?start ?end ?year ?confidence ?rule WHERE {
  ?h kg:key ?name .
  ?t kg:key ?other .
  { ?a rdf:subject ?h ; rdf:object ?t } UNION { ?a rdf:subject ?t ; rdf:object ?h }
  ?a rdf:predicate ?p ; kg:evidence ?sentence ; kg:confidence ?confidence ; kg:rule ?rule ;
     prov:wasDerivedFrom ?doc ; oa:hasSelector ?sel .
  ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?p kg:code ?relation .
  ?doc dcterms:identifier ?document .
  OPTIONAL { ?a kg:year ?year }
} ORDER BY ?document ?start ?relation""",
    # Entities by number of mentions; with ?name bound, only those whose label contains it.
    "entities_by_mentions": f"""
SELECT ?name ?entity ?type ?mentions (COUNT(DISTINCT ?doc) AS ?documents) WHERE {{
  ?e kg:mentions ?mentions ; a ?class ; skos:prefLabel ?entity . {_LABEL.format("?entity")}
  ?class kg:code ?type .
  OPTIONAL {{ ?e dcterms:isReferencedBy ?doc }}
  FILTER(COALESCE(CONTAINS(str(?entity), ?name), true))
}} GROUP BY ?name ?entity ?type ?mentions ORDER BY DESC(?mentions) ?entity""",
}

_INTEGERS = {
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte", "gYear",
}  # fmt: skip
_FLOATS = {"decimal", "double", "float"}

# One store per graph, rebuilt when the graph changes (its revision moves) or its base does.
_stores: weakref.WeakKeyDictionary[KnowledgeGraph, tuple[int, str, ox.Store]] = weakref.WeakKeyDictionary()


def store_of(g: KnowledgeGraph) -> ox.Store:
    """The in-memory store of a graph, cached until the graph changes."""
    cached = _stores.get(g)
    if cached is not None and cached[0] == g.revision and cached[1] == g.base:
        return cached[2]
    revision = g.revision
    store = ox.Store()
    store.bulk_load(rdf.Export.of(g).nquads(), ox.RdfFormat.N_QUADS)
    store.bulk_extend(ontology_quads())
    _stores[g] = (revision, g.base, store)
    return store


@functools.cache
def ontology_quads() -> tuple[ox.Quad, ...]:
    """ontology/kg.ttl in the named graph `ONTOLOGY_GRAPH`, as every store and server load gets it."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    triples = ox.parse(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    return tuple(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)


def store_of_file(path: str | Path) -> ox.Store:
    """An in-memory store holding one RDF export as it is (any format kg writes) and the ontology."""
    store = ox.Store()
    with folder.opened(path) as handle:  # a build folder's current content, even mid-commit (kg.folder)
        store.bulk_load(handle, format=rdf.FORMATS[rdf.format_of(path)][1])
    store.bulk_extend(ontology_quads())
    return store


def write_store(source: KnowledgeGraph | str | Path | Iterable[ox.Quad], directory: str | Path) -> Path:
    """Bulk-load a graph (or an export file of it, or its quads) and the ontology into an on-disk store; return its
    directory. `kg build --store` loads the kg.nq it has just written, so the graph is not serialized twice.

    The store is built in ``DIRECTORY.tmp-XXXX`` and renamed into place, replacing what was
    there, so the content is exactly this build: loading twice gives the same quads once, and
    an interrupted load leaves the previous store as it was. A directory that is neither empty
    nor a store is never replaced. Do not write a store that a server or process has open.
    """
    target = Path(directory).absolute()
    if target.exists() and not _replaceable(target):
        raise ValueError(f"{target} exists and is not a kg store; choose an empty or new folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-", dir=target.parent))
    try:
        store = ox.Store(str(staging))
        if isinstance(source, KnowledgeGraph):
            store.bulk_load(rdf.Export.of(source).nquads(), ox.RdfFormat.N_QUADS)
        elif isinstance(source, (str, Path)):
            store.bulk_load(path=str(source), format=rdf.FORMATS[rdf.format_of(source)][1])
        else:
            store.bulk_extend(source)
        store.bulk_extend(ontology_quads())
        store.flush()
        del store  # closes the database before its directory moves
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _replaceable(directory: Path) -> bool:
    """Only an empty folder or an earlier store (RocksDB keeps its manifest name in CURRENT)."""
    return directory.is_dir() and (not any(directory.iterdir()) or (directory / "CURRENT").is_file())


def _swap(staging: Path, target: Path) -> None:
    """Put staging at target; POSIX cannot rename over a non-empty folder, so move the old one aside first."""
    if not target.exists():
        os.replace(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f"{target.name}.old-", dir=target.parent))
    os.replace(target, old / "store")
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old / "store", target)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def open_store(directory: str | Path) -> ox.Store:
    """Open a store written by write_store, read-only, so queries cannot change it."""
    path = Path(directory)
    if not (path / "CURRENT").is_file():
        raise FileNotFoundError(f"{path}: no store here; write one with `kg build ... --store {path}`")
    return ox.Store.read_only(str(path))


def query_store(
    store: ox.Store, query: str, bindings: dict[Any, Any] | None = None, as_df: bool = False
) -> list[dict[str, Any]] | bool | pandas.DataFrame:
    """Run SPARQL over a store; the same rules as query_graph."""
    return _run(store, query, bindings, as_df)


def query_graph(
    g: KnowledgeGraph,
    query: str,
    bindings: dict[Any, Any] | None = None,
    as_df: bool = False,
) -> list[dict[str, Any]] | bool | pandas.DataFrame:
    """Run SPARQL over g: rows as {variable: value} in SELECT order, a bool for ASK, or a DataFrame (`as_df`).

    Bindings map variables (names with or without "?", rdflib or pyoxigraph Variables) to values: int, float and
    bool become literals; a str becomes a string literal that also matches the language-tagged labels where the query
    matches it in a triple pattern (kg.bindings); pyoxigraph or rdflib terms are used as they are (an IRI as a
    NamedNode or URIRef). Standard prefixes (kg, rdf, skos, prov, oa, dcterms, schema, ...) are predeclared. IRIs
    come back as str, numbers and years as int or float.
    """
    return _run(store_of(g), query, bindings, as_df)


def _run(
    store: ox.Store, query: str, bindings: dict[Any, Any] | None, as_df: bool
) -> list[dict[str, Any]] | bool | pandas.DataFrame:
    terms = {_variable(k): binding_term(v) for k, v in (bindings or {}).items()}
    plain = {
        _variable(k) for k, v in (bindings or {}).items() if isinstance(v, str) and not isinstance(v, rdflib.term.Node)
    }
    answers = [_answer(store, query, substitutions) for substitutions in substitution_sets(store, query, terms, plain)]
    if isinstance(answers[0], bool):
        return any(answers)
    columns = answers[0][0]
    rows = [row for _, part in answers for row in part]
    return dataframe(rows, columns) if as_df else rows


def _variable(key: Any) -> ox.Variable:
    return key if isinstance(key, ox.Variable) else ox.Variable(str(key).lstrip("?$"))


def _answer(
    store: ox.Store, query: str, substitutions: dict[ox.Variable, Any]
) -> bool | tuple[list[str], list[dict[str, Any]]]:
    """One run of the query: a bool for ASK, else the columns and the rows."""
    try:
        results = store.query(
            query, prefixes=rdf.PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
        )
    except RuntimeError as error:
        if "projection" not in str(error):
            raise
        raise ValueError(f"{error}: list every bound variable in the SELECT clause") from error
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    if isinstance(results, ox.QueryTriples):
        columns = ["subject", "predicate", "object"]
        rows = [
            dict(zip(columns, (python_value(t.subject), python_value(t.predicate), python_value(t.object))))
            for t in results
        ]
    else:
        columns = [v.value for v in results.variables]
        rows = [{c: python_value(solution[c]) for c in columns} for solution in results]
    return columns, rows


def binding_term(value: Any) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """A binding as a pyoxigraph term; plain strings are literals, never IRIs or query text."""
    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    if isinstance(value, rdflib.URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, rdflib.Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype or rdflib.XSD.string)))
    if isinstance(value, str | bool | int | float):
        return ox.Literal(value)
    raise TypeError(f"cannot bind a {type(value).__name__}: use str, int, float, bool or an RDF term")


def python_value(term: Any) -> Any:
    """A result term as Python: IRIs as str, numbers and years as int or float, booleans as bool."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, ox.Literal):
        return str(term)
    datatype = term.datatype.value.rsplit("#", 1)[-1] if term.datatype else ""
    try:
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype in _FLOATS:
            return float(term.value)
    except ValueError:
        return term.value
    if datatype == "boolean":
        return term.value in {"true", "1"}
    return term.value
