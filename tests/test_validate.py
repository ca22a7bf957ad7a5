"""SHACL: a good export conforms; each kind of breakage is reported on the right node."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, SKOS, XSD, Literal, URIRef
from samples import BASE, sample_graph

from kg import rdf
from kg.model import ENTITY_TYPES
from kg.ontology import load_ontology
from kg.validate import validate

KG = rdflib.Namespace(rdf.KG)
PROV = rdflib.Namespace(rdf.PROV)
OA = rdflib.Namespace(rdf.OA)
UNIONPAY = URIRef(BASE + "entity/中国银联")
SHANGHAI = URIRef(BASE + "entity/上海")


def _good() -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o, _ in rdf.to_dataset(sample_graph()).quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _an_assertion(graph: rdflib.Graph) -> URIRef:
    return sorted(graph.subjects(RDF.type, KG.Assertion))[0]


def test_a_good_graph_conforms_in_every_form(tmp_path: Path) -> None:
    g = sample_graph()
    assert validate(g).conforms
    assert validate(rdf.to_dataset(g)).conforms
    for fmt in ("nquads", "turtle", "json-ld"):
        path = tmp_path / ("kg" + rdf.FORMATS[fmt][0])
        path.write_bytes(rdf.serialize(g, fmt))
        result = validate(path)
        assert result.conforms, result.text
        assert result.results == []
        assert result.text == "Conforms."


def test_missing_label_is_reported() -> None:
    graph = _good()
    graph.remove((UNIONPAY, SKOS.prefLabel, Literal("中国银联", lang="zh")))
    result = validate(graph)
    assert not result.conforms
    assert [(v.focus, v.path) for v in result.results] == [(str(UNIONPAY), "skos:prefLabel")]
    assert "exactly one skos:prefLabel in Chinese" in result.text


def test_a_label_in_a_zh_subtag_still_counts_and_two_zh_labels_do_not() -> None:
    graph = _good()
    graph.remove((UNIONPAY, SKOS.prefLabel, Literal("中国银联", lang="zh")))
    graph.add((UNIONPAY, SKOS.prefLabel, Literal("中国银联", lang="zh-hans")))
    assert validate(graph).conforms
    graph.add((UNIONPAY, SKOS.prefLabel, Literal("银联", lang="zh")))
    assert not validate(graph).conforms


def test_two_kg_classes_are_reported() -> None:
    graph = _good()
    graph.add((UNIONPAY, RDF.type, KG.Place))
    result = validate(graph)
    assert not result.conforms
    assert any(v.path == "rdf:type" and v.focus == str(UNIONPAY) for v in result.results)


def test_wrong_end_class_is_reported() -> None:
    graph = _good()
    graph.add((UNIONPAY, KG.launched, SHANGHAI))
    result = validate(graph)
    assert not result.conforms
    assert [(v.focus, v.path, v.message) for v in result.results] == [
        (str(UNIONPAY), "kg:launched", "kg:launched ends at a Product or an Initiative")
    ]


def test_assertion_without_provenance_is_reported() -> None:
    graph = _good()
    assertion = _an_assertion(graph)
    graph.remove((assertion, PROV.wasDerivedFrom, None))
    graph.remove((assertion, OA.hasSelector, URIRef(str(assertion) + "#position")))
    graph.remove((assertion, KG.rule, None))
    result = validate(graph)
    assert not result.conforms
    paths = sorted(v.path for v in result.results if v.focus == str(assertion))
    assert paths == ["kg:rule", "oa:hasSelector", "prov:wasDerivedFrom"]


def test_bad_confidence_and_offsets_are_reported() -> None:
    graph = _good()
    assertion = _an_assertion(graph)
    graph.set((assertion, KG.confidence, Literal("1.5", datatype=XSD.decimal)))
    position = URIRef(str(assertion) + "#position")
    graph.set((position, OA.start, Literal("999", datatype=XSD.nonNegativeInteger)))
    messages = {v.message for v in validate(graph).results}
    assert "an assertion needs one kg:confidence, an xsd:decimal in [0, 1]" in messages
    assert "a position selector needs one oa:start, not after its oa:end" in messages


def test_shapes_agree_with_the_ontology_domains_and_ranges() -> None:
    """Every relation between every pair of types: reported exactly when kg.ttl forbids it."""
    onto = load_ontology()
    graph = rdflib.Graph()
    expected_bad = set()
    for code, rel in onto.relations.items():
        for head_type, tail_type in itertools.product(ENTITY_TYPES, repeat=2):
            head = URIRef(f"{BASE}entity/{code}-{head_type}-{tail_type}-h")
            tail = URIRef(f"{BASE}entity/{code}-{tail_type}-{head_type}-t-{code}")
            for node, type_ in ((head, head_type), (tail, tail_type)):
                graph.add((node, RDF.type, URIRef(onto.types[type_].iri)))
                graph.add((node, SKOS.prefLabel, Literal(str(node), lang="zh")))
            graph.add((head, URIRef(rel.iri), tail))
            if head_type not in rel.domain or tail_type not in rel.range:
                expected_bad.add(str(head))
    reported = {v.focus for v in validate(graph).results}
    assert reported == expected_bad


def test_unknown_file_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot tell"):
        validate(tmp_path / "kg.csv")
