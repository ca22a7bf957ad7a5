"""Bindings: a plain string matches the language-tagged labels where the query matches it in a triple pattern, keeps
the plain literal where the query compares it in an expression, and is always a value, never query text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from samples import BASE, HOSTILE, evidence, sample_graph

from kg import store
from kg.bindings import pattern_objects
from kg.graph import KnowledgeGraph
from kg.iri import entity_iri
from kg.model import DocumentMeta, EntityRecord, Extraction, RelationRecord
from kg.rdf import KG
from kg.store import EXAMPLE_QUERIES, query_graph

BY_LABEL = "SELECT ?name ?x WHERE { ?x skos:prefLabel ?name }"
BY_ANY_NAME = "SELECT ?name ?x WHERE { ?x skos:prefLabel|skos:altLabel ?name }"


def entity(label: str) -> str:
    return entity_iri(BASE, label)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        (BY_LABEL, {"name"}),
        (BY_ANY_NAME, {"name"}),
        ("SELECT ?name WHERE { ?x skos:prefLabel ?l FILTER(str(?l) = ?name) }", {"l"}),
        ("SELECT ?name WHERE { ?x skos:prefLabel ?l FILTER NOT EXISTS { ?y skos:altLabel ?name } }", {"l", "name"}),
        ("SELECT ?name WHERE { { SELECT ?name WHERE { GRAPH ?g { ?x skos:altLabel ?name } } } }", {"name"}),
        ("SELECT ?name WHERE { ?x ?p [ skos:prefLabel ?name ] }", {"name"}),
        ("SELECT ?name WHERE { ?x a kg:Product ; skos:altLabel ?o , ?name }", {"o", "name"}),
        (
            "SELECT ?name WHERE { ?x kg:launched ?p FILTER EXISTS { ?p a kg:Product ; skos:altLabel ?name } }",
            {"p", "name"},
        ),
        ("ASK { ?x ?p ?o }", {"o"}),
        ("SELECT ?name WHERE { ?x nobody:knows ?name }", set()),  # rdflib cannot read it: the plain literal
        ("SELECT ?name WHERE {", set()),
    ],
)
def test_pattern_objects(query: str, found: set[str]) -> None:
    assert pattern_objects(query) == found


def test_a_plain_string_matches_a_chinese_label() -> None:
    assert query_graph(sample_graph(), BY_LABEL, {"name": "中国银联"}) == [
        {"name": "中国银联", "x": entity("中国银联")}
    ]


def test_a_plain_string_matches_an_english_alias_and_label() -> None:
    g = sample_graph()
    assert query_graph(g, BY_ANY_NAME, {"name": "UnionPay"}) == [{"name": "UnionPay", "x": entity("中国银联")}]
    assert query_graph(g, BY_LABEL, {"name": "China UnionPay"}) == [{"name": "China UnionPay", "x": entity("中国银联")}]


def test_an_explicit_term_is_matched_as_it_is() -> None:
    g = sample_graph()
    assert query_graph(g, BY_LABEL, {"name": rdflib.Literal("中国银联")}) == []
    assert query_graph(g, BY_LABEL, {"name": ox.Literal("中国银联")}) == []
    assert query_graph(g, BY_LABEL, {"name": rdflib.Literal("中国银联", lang="zh")}) == query_graph(
        g, BY_LABEL, {"name": ox.Literal("中国银联", language="zh")}
    )
    assert query_graph(g, BY_LABEL, {"name": rdflib.Literal("中国银联", lang="en")}) == []


def test_forms_held_by_several_labels_follow_one_another_zh_then_en() -> None:
    doc = DocumentMeta(id="d")
    g = KnowledgeGraph(BASE).update(
        [Extraction(doc, (EntityRecord("ABC", "ORG"), EntityRecord("艾比西", "ORG", label_en="ABC")))]
    )
    query = BY_LABEL + " ORDER BY DESC(?x)"
    assert [r["x"] for r in query_graph(g, query, {"name": "ABC"})] == [entity("ABC"), entity("艾比西")]


def test_a_variable_compared_in_an_expression_keeps_the_plain_literal() -> None:
    """Were 上海 bound as "上海"@zh, `str(?xName) = ?name` would be an error, COALESCE would make it true, and every
    deployment would come back."""
    doc = DocumentMeta(id="d")
    g = KnowledgeGraph(BASE).update(
        [
            Extraction(
                doc,
                (EntityRecord("云闪付", "PRODUCT"), EntityRecord("上海", "LOC"), EntityRecord("深圳", "LOC")),
                (
                    RelationRecord("云闪付", "deployed_at", "上海", evidence("d", "云闪付在上海落地。", 0)),
                    RelationRecord("云闪付", "deployed_at", "深圳", evidence("d", "云闪付在深圳落地。", 20)),
                ),
            )
        ]
    )
    rows = query_graph(g, EXAMPLE_QUERIES["deployed_where"], {"name": "上海"})
    assert [(r["thing"], r["place"]) for r in rows] == [("云闪付", "上海")]
    assert len(query_graph(g, EXAMPLE_QUERIES["deployed_where"])) == 2


def test_each_plain_string_is_expanded() -> None:
    query = "SELECT ?a ?b ?x ?y WHERE { ?x skos:prefLabel ?a . ?y skos:altLabel ?b }"
    rows = query_graph(sample_graph(), query, {"a": "华为", "b": "银联"})
    assert rows == [{"a": "华为", "b": "银联", "x": entity("华为"), "y": entity("中国银联")}]


def test_hostile_strings_are_values() -> None:
    g = sample_graph()
    size = len(store.store_of(g))
    assert query_graph(g, BY_LABEL, {"name": HOSTILE}) == [{"name": HOSTILE, "x": entity_iri(BASE, HOSTILE)}]
    assert query_graph(g, BY_LABEL, {"name": '中国银联"@zh } ; DROP ALL #'}) == []
    assert len(store.store_of(g)) == size


def test_ask_and_construct_take_the_forms_too() -> None:
    g = sample_graph()
    assert query_graph(g, "ASK { ?x skos:prefLabel ?name }", {"name": "中国银联"}) is True
    assert query_graph(g, "ASK { ?x skos:prefLabel ?name }", {"name": "没有这家公司"}) is False
    triples = query_graph(g, "CONSTRUCT { ?x a kg:Named } WHERE { ?x skos:prefLabel ?name }", {"name": "华为"})
    assert triples == [{"subject": entity("华为"), "predicate": str(rdflib.RDF.type), "object": KG + "Named"}]


@pytest.mark.parametrize("key", ["name", "?name", "$name", rdflib.Variable("name"), ox.Variable("name")])
def test_variables_are_named_any_way(key) -> None:
    assert [r["x"] for r in query_graph(sample_graph(), BY_LABEL, {key: "华为"})] == [entity("华为")]


def test_the_graph_method_and_the_cli_store_share_the_rules(tmp_path) -> None:
    g = sample_graph()
    on_disk = store.open_store(store.write_store(g, tmp_path / "store"))
    assert store.query_store(on_disk, BY_LABEL, {"name": "中国银联"}) == g.sparql(BY_LABEL, {"name": "中国银联"})
    assert g.sparql(BY_LABEL, {"name": "中国银联"}) == [{"name": "中国银联", "x": entity("中国银联")}]
