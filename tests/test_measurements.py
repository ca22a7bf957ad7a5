"""Figures as data past extraction: the graph's `measurements()`, their RDF (kg.rdf.measures) in every export and
back, the SHACL shape, SPARQL over them, and a DataFrame."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import kg
from kg import export
from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, Measurement
from kg.validate import validate

ARTICLE = """---
title: 顺捷银行年报
date: 2023-04-20
---
顺捷银行于2019年推出顺捷钱包。截至2022年底，顺捷钱包累计用户已超过3500万户。
2022年一季度，顺捷银行实现营业收入12.5亿元，同比增长8.6%。
今年以来，顺捷钱包的交易额约为10-15亿元。
"""
FILES = ("kg.ttl", "kg.nt", "kg.nq", "kg.trig", "kg.jsonld", "kg.rdf")


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "report.md").write_text(ARTICLE, encoding="utf-8")
    return kg.build([folder])


@pytest.fixture(scope="module")
def saved(graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("saved")
    export.save_all(graph, out)
    return out


def test_measurements_are_the_figures_about_entities_with_value_unit_time_and_evidence(graph: KnowledgeGraph) -> None:
    found = {(m.subject, m.property, m.value, m.unit, m.comparison, m.time, m.precision) for m in graph.measurements()}
    assert ("顺捷钱包", "用户数", 35_000_000.0, "户", "gt", "2022-12-31", "day") in found
    assert ("顺捷银行", "营收", 1_250_000_000.0, "元", "eq", "2022-Q1", "quarter") in found
    ranged = [m for m in graph.measurements() if m.upper is not None]
    assert [(m.value, m.upper, m.comparison, m.time) for m in ranged] == [
        (1_000_000_000.0, 1_500_000_000.0, "approx", "2023/2023-04-20")
    ]
    for m in graph.measurements():
        assert m.text in m.evidence.sentence and m.evidence.document == "report.md"


def test_measurements_filter_by_any_name_of_the_subject_property_and_unit(graph: KnowledgeGraph) -> None:
    assert {m.subject for m in graph.measurements(subject="顺捷银行")} == {"顺捷银行"}
    assert [m.unit for m in graph.measurements(property="用户数")] == ["户"]
    assert {m.property for m in graph.measurements(unit="元")} == {"营收", "交易额"}
    assert graph.measurements(subject="没有这家公司") == []


def test_every_export_reads_back_with_the_same_measurements(graph: KnowledgeGraph, saved: Path) -> None:
    for name in FILES:
        assert kg.load(saved / name).measurements() == graph.measurements(), name


def test_the_export_conforms_to_the_shapes_and_types_times_by_precision(saved: Path) -> None:
    assert validate(saved / "kg.nq").conforms
    text = (saved / "kg.nq").read_text(encoding="utf-8")
    assert '"2022-12-31"^^<http://www.w3.org/2001/XMLSchema#date>' in text
    assert '"2022-Q1" <' in text  # a quarter has no XSD type: a plain string
    assert "<https://w3id.org/kg/ontology#Measurement>" in text


def test_a_figure_is_queried_in_sparql_by_its_entity_name(graph: KnowledgeGraph) -> None:
    query = """
        PREFIX kg: <https://w3id.org/kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX schema: <https://schema.org/>
        SELECT ?name ?property ?value ?unit ?time WHERE {
          ?e skos:prefLabel ?name .
          ?m kg:measures ?e ; kg:property ?property ; schema:value ?value ; schema:unitText ?unit .
          OPTIONAL { ?m kg:time ?time }
        } ORDER BY ?property"""
    rows = graph.sparql(query, bindings={"name": "顺捷钱包"})
    assert [(r["property"], r["unit"], str(r["time"])) for r in rows] == [
        ("交易额", "元", "2023/2023-04-20"),
        ("用户数", "户", "2022-12-31"),
    ]


def test_measurements_as_a_dataframe(graph: KnowledgeGraph) -> None:
    pytest.importorskip("pandas")
    frame = graph.measurements(subject="顺捷银行", as_df=True)
    assert list(frame["property"]) == [m.property for m in graph.measurements(subject="顺捷银行")]
    assert set(frame["document"]) == {"report.md"}


def _figure(document: str, subject: str, confidence: float, object: str | None = None) -> Measurement:
    evidence = Evidence(document, "句子。", 0, 3, "rule", confidence, None)
    relation = "invested_in" if object else None
    return Measurement(subject, "持股比例", 0.15, "%", "eq", "15%", 0, 3, evidence, relation=relation, object=object)


def _extraction(document: str, figures: tuple[Measurement, ...]) -> Extraction:
    entities = (EntityRecord("甲公司", "ORG"), EntityRecord("乙公司", "ORG"))
    return Extraction(DocumentMeta(id=document), entities, (), figures)


def test_a_replaced_document_replaces_its_figures_and_a_threshold_drops_the_weak_ones() -> None:
    g = KnowledgeGraph()
    g.add(_extraction("a", (_figure("a", "甲公司", 0.9), _figure("a", "甲公司", 0.4))))
    assert len(g.measurements()) == 2
    assert [m.evidence.confidence for m in g.filtered(0.5).measurements()] == [0.9]
    g.add(_extraction("a", (_figure("a", "乙公司", 0.9),)))
    assert [m.subject for m in g.measurements()] == ["乙公司"]


def test_a_stake_on_a_relation_keeps_its_object_and_a_figure_about_no_entity_is_not_exported(tmp_path: Path) -> None:
    stake = _figure("a", "甲公司", 0.9, object="乙公司")
    stray = replace(_figure("a", "丙公司", 0.9), start=5, end=8)
    g = KnowledgeGraph()
    g.add(_extraction("a", (stake, stray)))
    assert [(m.subject, m.relation, m.object) for m in g.measurements()] == [("甲公司", "invested_in", "乙公司")]
    export.save_all(g, tmp_path)
    back = kg.load(tmp_path / "kg.nq").measurements()
    assert back == g.measurements()
    assert validate(tmp_path / "kg.nq").conforms
