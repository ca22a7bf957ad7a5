"""The ontology loader and the lexicon files it reads: kg.ttl, entities.ttl, places.tsv."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SKOS

import kg.ontology as ontology_module
from kg.graph import DEFAULT_BASE
from kg.iri import entity_iri
from kg.model import ENTITY_TYPES, RELATION_LABELS, SYMMETRIC_RELATIONS, normalize_name
from kg.ontology import KG, NAMESPACE, Ontology, load_ontology, ontology_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return load_ontology()


def _place(onto: Ontology, label: str):
    return next(p for p in onto.places if p.label == label)


# types and relations ------------------------------------------------------------------------
def test_type_codes_match_model_in_order(onto: Ontology) -> None:
    assert tuple(onto.types) == ENTITY_TYPES
    assert all(code == t.code for code, t in onto.types.items())


def test_relation_codes_match_model(onto: Ontology) -> None:
    assert set(onto.relations) == set(RELATION_LABELS)
    assert {c for c, r in onto.relations.items() if r.symmetric} == set(SYMMETRIC_RELATIONS)


def test_types_and_relations_carry_labels_styles_and_iris(onto: Ontology) -> None:
    assert onto.namespace == NAMESPACE
    for t in onto.types.values():
        assert t.iri.startswith(NAMESPACE) and t.label_zh and t.label_en
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", t.color) and t.shape
        assert onto.type_of_iri(t.iri) == t.code
    assert onto.types["ORG"].iri == NAMESPACE + "Organization"
    assert onto.types["LOC"].iri == NAMESPACE + "Place"
    for r in onto.relations.values():
        assert r.iri.startswith(NAMESPACE) and r.label_zh and r.label_en
        assert onto.relation_of_iri(r.iri) == r.code
        assert set(r.domain) <= set(ENTITY_TYPES) and set(r.range) <= set(ENTITY_TYPES)
    assert onto.relations["partnered_with"].domain == ("ORG",)
    assert onto.type_of_iri(NAMESPACE + "Nothing") is None
    assert onto.relation_of_iri(NAMESPACE + "Organization") is None


def test_load_is_cached_and_dir_holds_the_files(onto: Ontology) -> None:
    assert load_ontology() is onto
    folder = ontology_dir()
    assert {"kg.ttl", "entities.ttl", "places.tsv"} <= {p.name for p in folder.iterdir()}


def test_unions_colours_and_comments_are_read_from_kg_ttl(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "kg.ttl").write_text(
        """@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kg:Organization a owl:Class ; kg:code "ORG" ; rdfs:label "组织"@zh , "Organization"@en ;
    kg:color "#000001" ; kg:shape "star" ; rdfs:comment "A company."@en .
kg:Product a owl:Class ; kg:code "PRODUCT" ; rdfs:label "产品"@zh , "Product"@en .
kg:Initiative a owl:Class ; kg:code "INITIATIVE" ; rdfs:label "计划"@zh , "Initiative"@en .
kg:launched a owl:ObjectProperty ; kg:code "launched" ; rdfs:label "推出"@zh , "launched"@en ;
    rdfs:domain kg:Organization ; rdfs:range [ owl:unionOf ( kg:Initiative kg:Product ) ] .
""",
        encoding="utf-8",
    )
    (tmp_path / "entities.ttl").write_text(
        """@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/kg/id/entity/x> a skos:Concept , kg:Product ; skos:inScheme kg:KnownEntities ;
    skos:prefLabel "甲产品"@zh ; skos:altLabel "甲"@zh , "Jia"@en .
""",
        encoding="utf-8",
    )
    (tmp_path / "places.tsv").write_text("code\tlabel\taliases\tlevel\tparent\n\t某地\t\tregion\t\n", "utf-8")
    monkeypatch.setattr(ontology_module, "ontology_dir", lambda: tmp_path)
    onto = load_ontology.__wrapped__()
    assert list(onto.types) == ["ORG", "PRODUCT", "INITIATIVE"]
    org = onto.types["ORG"]
    assert (org.color, org.shape, org.comment) == ("#000001", "star", "A company.")
    assert (onto.types["PRODUCT"].color, onto.types["PRODUCT"].shape) == ("#F28E2B", "diamond")
    launched = onto.relations["launched"]
    assert (launched.domain, launched.range, launched.symmetric) == (("ORG",), ("PRODUCT", "INITIATIVE"), False)
    (known,) = onto.known
    assert (known.label, known.type, known.aliases, known.label_en) == ("甲产品", "PRODUCT", ("Jia", "甲"), None)
    (place,) = onto.places
    assert (place.label, place.aliases, place.code, place.parent, place.level) == ("某地", (), None, None, "region")


# known entities -------------------------------------------------------------------------------
def test_known_entities_are_many_typed_and_uniquely_labelled(onto: Ontology) -> None:
    labels = [e.label for e in onto.known]
    assert len(labels) == len(set(labels)) >= 200
    assert {e.type for e in onto.known} == {"ORG", "PRODUCT", "INITIATIVE"}
    for e in onto.known:
        assert e.iri == entity_iri(DEFAULT_BASE, e.label)
        assert e.level is None and e.parent is None


def test_no_name_belongs_to_two_known_entities(onto: Ontology) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for e in onto.known:
        for name in e.names:
            owners[normalize_name(name)].add(e.label)
    assert {name: sorted(o) for name, o in owners.items() if len(o) > 1} == {}


@pytest.mark.parametrize(
    ("name", "label", "type_"),
    [
        ("央行", "中国人民银行", "ORG"),
        ("工行", "中国工商银行", "ORG"),
        ("ICBC", "中国工商银行", "ORG"),
        ("UnionPay", "中国银联", "ORG"),
        ("e-CNY", "数字人民币", "PRODUCT"),
        ("上交所", "上海证券交易所", "ORG"),
        ("港交所", "香港交易所", "ORG"),
        ("WeChat Pay", "微信支付", "PRODUCT"),
        ("一带一路倡议", "一带一路", "INITIATIVE"),
        ("广发行", "广发银行", "ORG"),
        ("深发展银行", "深圳发展银行", "ORG"),
        ("浦发", "上海浦东发展银行", "ORG"),
        ("曼联", "曼彻斯特联足球俱乐部", "ORG"),
        ("法新社", "法新社", "ORG"),
        ("中钢协", "中国钢铁工业协会", "ORG"),
        ("中储粮", "中国储备粮管理集团", "ORG"),
        ("彭博新闻社", "彭博社", "ORG"),
        ("Facebook", "Meta", "ORG"),  # the company's name until 2021
        ("Twitter", "推特", "PRODUCT"),  # the platform, as 微博 is
        ("三星", "三星电子", "ORG"),
    ],
)
def test_aliases_resolve(onto: Ontology, name: str, label: str, type_: str) -> None:
    (entity,) = [e for e in onto.known if name in e.names]
    assert (entity.label, entity.type) == (label, type_)


def test_ambiguous_short_forms_are_not_aliases(onto: Ontology) -> None:
    names = {n for e in onto.known for n in e.names}
    assert not names & {"移动", "平安", "ABC", "中信", "招商", "光大", "发改委", "深发展", "暴雪", "中超"}


def test_entities_ttl_is_valid_skos() -> None:
    graph = Graph().parse(ontology_dir() / "entities.ttl", format="turtle")
    assert (KG.KnownEntities, RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == set(graph.subjects(SKOS.inScheme, KG.KnownEntities))
    kg_types = {KG.Organization, KG.Product, KG.Initiative}
    for concept in concepts:
        zh = [o for o in graph.objects(concept, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "zh"]
        assert len(zh) == 1, concept
        assert len(set(graph.objects(concept, RDF.type)) & kg_types) == 1, concept
        assert all(o.language in ("zh", "en") for o in graph.objects(concept, SKOS.altLabel))


# places -----------------------------------------------------------------------------------------
def test_places_are_a_unique_gazetteer(onto: Ontology) -> None:
    labels = [p.label for p in onto.places]
    assert len(labels) == len(set(labels)) > 3000
    levels = {p.level for p in onto.places}
    assert levels == {"country", "region", "province", "city", "county", "district"}
    assert all(p.type == "LOC" and p.parent in (None, *labels) for p in onto.places)
    owners: dict[str, set[str]] = defaultdict(set)
    for p in onto.places:
        for name in p.names:
            owners[normalize_name(name)].add(p.label)
    assert {n: o for n, o in owners.items() if len(o) > 1} == {}


def test_places_never_take_a_known_entity_name(onto: Ontology) -> None:
    known = {normalize_name(n) for e in onto.known for n in e.names}
    places = {normalize_name(n) for p in onto.places for n in p.names}
    assert known & places == set()


@pytest.mark.parametrize(
    ("label", "level", "parent", "alias"),
    [
        ("上海", "province", "中国", "上海市"),
        ("河南", "province", "中国", "河南省"),
        ("宁夏", "province", "中国", "宁夏回族自治区"),
        ("香港", "province", "中国", "香港特别行政区"),
        ("哈尔滨", "city", "黑龙江", "哈尔滨市"),
        ("延边", "city", "吉林", "延边朝鲜族自治州"),
        ("琼海", "county", "海南", "琼海市"),
        ("琼中", "county", "海南", "琼中县"),
        ("普陀区", "district", "上海", "普陀"),
        ("南山区", "district", "深圳", "南山"),
        ("美国", "country", None, None),
        ("印度尼西亚", "country", None, "印尼"),
        ("东南亚", "region", None, None),
        ("北美洲", "region", None, "北美"),
        ("长三角", "region", "中国", "长江三角洲"),
    ],
)
def test_place_lookups(onto: Ontology, label: str, level: str, parent: str | None, alias: str | None) -> None:
    place = _place(onto, label)
    assert (place.level, place.parent) == (level, parent)
    assert alias is None or alias in place.aliases
    assert place.iri == entity_iri(DEFAULT_BASE, label)


def test_place_codes(onto: Ontology) -> None:
    assert _place(onto, "上海").code == "310000"
    assert _place(onto, "哈尔滨").code == "230100"
    assert _place(onto, "美国").code == "US"
    assert _place(onto, "东南亚").code == "035"


def test_common_words_are_not_place_names(onto: Ontology) -> None:
    names = {n for p in onto.places for n in p.names}
    assert not names & {"合作", "新兴", "东方", "平安", "郊区", "阿里"}
    assert "东方市" in names and "阿里地区" in names


@pytest.mark.skipif(
    not (importlib.util.find_spec("cpca") and importlib.util.find_spec("babel")),
    reason="the gazetteer sources (cpca, babel) are build-time only",
)
def test_places_tsv_is_what_the_script_generates(tmp_path: Path) -> None:
    out = tmp_path / "places.tsv"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_places.py"), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "duplicates:" in result.stdout
    assert out.read_bytes() == (ROOT / "ontology" / "places.tsv").read_bytes()


def test_context_labels_are_read_apart_from_names(onto: Ontology) -> None:
    (club,) = [e for e in onto.known if e.label == "罗马足球俱乐部"]
    assert "罗马" in club.context_aliases and "罗马" not in club.names
    names = {normalize_name(n) for e in onto.known for n in e.names}
    context = {normalize_name(n) for e in onto.known for n in e.context_aliases}
    assert context and not context & names  # a context name never also names an entity outright
