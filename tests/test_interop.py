"""The graph for rdflib and pandas users: to_rdflib() as rdflib reads kg.nq, serialize() under rdflib's format names,
SPARQL answers as DataFrames."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from samples import BASE, HOSTILE, sample_graph

from kg import export, interop
from kg.iri import document_iri

FILES = {
    "turtle": "kg.ttl",
    "nt": "kg.nt",
    "nquads": "kg.nq",
    "trig": "kg.trig",
    "json-ld": "kg.jsonld",
    "xml": "kg.rdf",
}


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files `kg build` writes for the sample graph."""
    out = tmp_path_factory.mktemp("saved")
    export.save_all(sample_graph(), out)
    return out


def _quads(dataset: rdflib.Dataset) -> set[tuple]:
    return set(dataset.quads((None, None, None, None)))


def test_to_rdflib_holds_the_quads_of_kg_nq_as_rdflib_reads_them(saved: Path) -> None:
    dataset = sample_graph().to_rdflib()
    assert isinstance(dataset, rdflib.Dataset)
    expected = rdflib.Dataset()
    expected.parse(saved / "kg.nq", format="nquads")
    assert _quads(dataset) == _quads(expected)
    assert len(_quads(dataset)) == len(list(ox.parse(path=str(saved / "kg.nq"))))


def test_to_rdflib_has_a_named_graph_per_document_and_the_export_prefixes() -> None:
    g = sample_graph()
    dataset = g.to_rdflib()
    named = {str(q[3]) for q in _quads(dataset)} - {str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)}
    assert named == {document_iri(BASE, d.id) for d in g.documents}
    prefixes = dict(dataset.namespaces())
    assert prefixes["skos"] == rdflib.URIRef("http://www.w3.org/2004/02/skos/core#")
    assert prefixes["entity"] == rdflib.URIRef(BASE + "entity/")


def test_rdflib_sparql_over_to_rdflib_answers_like_g_sparql() -> None:
    """Two SPARQL engines, one graph: rdflib's over the Dataset and pyoxigraph's behind g.sparql."""
    g = sample_graph()
    query = """
        PREFIX kg: <https://w3id.org/kg/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?g (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Assertion } } GROUP BY ?g ORDER BY ?g"""
    ours = [(r["g"], r["n"]) for r in g.sparql(query)]
    theirs = [(str(r.g), int(r.n)) for r in g.to_rdflib().query(query)]
    assert ours == theirs
    assert sum(n for _, n in ours) == sum(len(r.evidence) for r in g.relations())


@pytest.mark.parametrize("format", list(FILES))
def test_serialize_is_the_exported_file_under_rdflibs_format_name(format: str, saved: Path) -> None:
    text = sample_graph().serialize(format=format)
    assert isinstance(text, str)
    assert text == (saved / FILES[format]).read_text(encoding="utf-8")


@pytest.mark.parametrize("format", ["turtle", "nt", "nquads", "trig", "json-ld", "xml"])
def test_rdflib_reads_back_every_format(format: str) -> None:
    """rdflib's own parser reads what serialize() writes, to the same triples as to_rdflib()."""
    g = sample_graph()
    parsed = rdflib.Dataset()
    parsed.parse(data=g.serialize(format=format), format=format)
    triples = {(s, p, o) for s, p, o, _ in _quads(parsed)}
    assert triples == {(s, p, o) for s, p, o, _ in _quads(g.to_rdflib())}
    assert rdflib.Literal(HOSTILE, lang="zh") in {o for _, _, o in triples}


def test_serialize_takes_rdflibs_other_names_and_media_types() -> None:
    g = sample_graph()
    assert g.serialize(format="ttl") == g.serialize() == g.serialize(format="text/turtle")
    assert g.serialize(format="ntriples") == g.serialize(format="nt11") == g.serialize(format="nt")
    assert g.serialize(format="application/ld+json") == g.serialize(format="json-ld")
    assert g.serialize(format="pretty-xml") == g.serialize(format="application/rdf+xml")


def test_serialize_to_a_destination_returns_the_graph(tmp_path: Path) -> None:
    g = sample_graph()
    text = g.serialize(format="trig")
    assert g.serialize(tmp_path / "a.trig", format="trig") is g
    assert g.serialize(str(tmp_path / "b.trig"), format="trig") is g
    binary, textual = io.BytesIO(), io.StringIO()
    g.serialize(binary, format="trig")
    g.serialize(textual, format="trig")
    for written in ((tmp_path / "a.trig").read_bytes(), (tmp_path / "b.trig").read_bytes(), binary.getvalue()):
        assert written == text.encode("utf-8")
    assert textual.getvalue() == text


def test_serialize_with_an_encoding_gives_bytes_in_utf8_only() -> None:
    g = sample_graph()
    assert g.serialize(format="nquads", encoding="utf-8") == g.serialize(format="nquads").encode("utf-8")
    assert g.serialize(format="nquads", encoding="UTF8") == g.serialize(format="nquads").encode("utf-8")
    with pytest.raises(ValueError, match="UTF-8"):
        g.serialize(format="nquads", encoding="gb18030")


def test_an_unknown_format_names_the_known_ones_and_rdflibs_way() -> None:
    with pytest.raises(ValueError, match=r"'n3'.*turtle.*to_rdflib\(\)\.serialize"):
        sample_graph().serialize(format="n3")


def test_sparql_as_df() -> None:
    pandas = pytest.importorskip("pandas")
    query = """SELECT ?product ?year WHERE {
        ?a rdf:object ?p . ?p skos:prefLabel ?product . OPTIONAL { ?a kg:year ?year } } ORDER BY ?product ?year"""
    g = sample_graph()
    frame = g.sparql(query, as_df=True)
    assert isinstance(frame, pandas.DataFrame)
    rows = g.sparql(query)
    assert list(frame.columns) == ["product", "year"]
    assert frame.to_dict("records") == rows
    assert list(frame["year"].isna()) == [r["year"] is None for r in rows]
    assert None in [r["year"] for r in rows]
    assert str(frame["year"].dtype) == "Int64"  # a year that is sometimes missing stays an integer


def test_as_df_without_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        sample_graph().sparql("SELECT ?x WHERE { ?x a kg:Document }", as_df=True)
    assert len(sample_graph().sparql("SELECT ?x WHERE { ?x a kg:Document }")) == 2


def test_the_formats_table_names_only_formats_kg_writes() -> None:
    from kg.rdf import FORMATS

    assert set(interop.RDFLIB_FORMATS.values()) == set(FORMATS)
