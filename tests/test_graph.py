"""KnowledgeGraph: cross-document alias merging, order independence, lookups, filters, evidence merging."""

from __future__ import annotations

from itertools import permutations

import networkx as nx
import pytest

from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, Entity, EntityRecord, Evidence, Extraction, Relation, RelationRecord


def _ev(
    doc: str, sentence: str, start: int = 0, *, rule: str = "r", conf: float = 0.8, year: int | None = None
) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence), rule, conf, year)


def _doc(doc_id: str) -> DocumentMeta:
    return DocumentMeta(id=doc_id, title=doc_id, length=100)


# Doc A names 中国银联 with its alias 银联; doc B names only 银联; doc C only the English-named partner.
DOC_A = Extraction(
    _doc("a"),
    (
        EntityRecord("中国银联", "ORG", aliases=("银联",), mentions=2, label_en="China UnionPay", known=True),
        EntityRecord(
            "中国工商银行", "ORG", aliases=("工商银行",), label_en="Industrial and Commercial Bank of China", known=True
        ),
        EntityRecord("云闪付", "PRODUCT"),
    ),
    (
        RelationRecord("中国银联", "launched", "云闪付", _ev("a", "2017年，中国银联推出云闪付。", 0, year=2017)),
        RelationRecord(
            "中国工商银行", "partnered_with", "中国银联", _ev("a", "中国工商银行与中国银联合作。", 20, conf=0.75)
        ),
    ),
)
DOC_B = Extraction(
    _doc("b"),
    (
        EntityRecord("银联", "ORG", mentions=3),
        EntityRecord("云闪付", "PRODUCT"),
        EntityRecord("华为", "ORG", label_en="Huawei"),
        EntityRecord("上海", "LOC"),
    ),
    (
        RelationRecord(
            "银联", "launched", "云闪付", _ev("b", "银联在2019年推出了新版云闪付。", 5, conf=0.6, year=2019)
        ),
        RelationRecord("华为", "partnered_with", "银联", _ev("b", "华为与银联达成合作。", 40, conf=0.75)),
        RelationRecord("云闪付", "deployed_at", "上海", _ev("b", "云闪付在上海落地。", 60, conf=0.5)),
    ),
)
DOC_C = Extraction(
    _doc("c"),
    (EntityRecord("华为", "ORG", label_en="Huawei"), EntityRecord("中国银联", "ORG", known=True)),
    (
        RelationRecord(
            "中国银联", "partnered_with", "华为", _ev("c", "中国银联和华为签署协议。", 0, conf=0.9, year=2021)
        ),
    ),
)
ALL = (DOC_A, DOC_B, DOC_C)


@pytest.fixture
def graph() -> KnowledgeGraph:
    return KnowledgeGraph().update(ALL)


def _snapshot(g: KnowledgeGraph) -> tuple:
    nodes = sorted((n, sorted(d.items())) for n, d in g.nx.nodes(data=True))
    edges = sorted(
        (u, v, k, sorted((a, repr(b)) for a, b in d.items())) for u, v, k, d in g.nx.edges(keys=True, data=True)
    )
    return g.entities(), g.relations(), g.documents, nodes, edges


# Alias merging ------------------------------------------------------------------------------------
def test_alias_named_in_one_document_merges_the_name_used_in_another(graph: KnowledgeGraph) -> None:
    labels = [e.label for e in graph.entities()]
    assert labels.count("中国银联") == 1
    assert "银联" not in labels
    unionpay = graph.find("银联")
    assert unionpay is not None
    assert unionpay.label == "中国银联"
    assert unionpay.aliases == ["银联"]
    assert unionpay.documents == ["a", "b", "c"]
    assert unionpay.mentions == 2 + 3 + 1
    assert unionpay.known


def test_merged_names_carry_their_relations_to_the_canonical_label(graph: KnowledgeGraph) -> None:
    launched = graph.relations(relation="launched")
    assert [(r.head, r.tail) for r in launched] == [("中国银联", "云闪付")]
    assert [e.document for e in launched[0].evidence] == ["a", "b"]


def test_an_alias_claimed_by_two_labels_merges_neither() -> None:
    g = KnowledgeGraph().update(
        [
            Extraction(_doc("a"), (EntityRecord("中国银联", "ORG", aliases=("银联",)),)),
            Extraction(_doc("b"), (EntityRecord("银联商务", "ORG", aliases=("银联",)),)),
            Extraction(_doc("c"), (EntityRecord("银联", "ORG"),)),
        ]
    )
    labels = {e.label for e in g.entities()}
    assert {"中国银联", "银联商务"} <= labels
    assert g.find("中国银联") != g.find("银联商务")
    assert g.find("银联商务").documents == ["b"]
    assert g.find("中国银联").documents == ["a"]


@pytest.mark.parametrize(
    ("records", "apart"),
    [
        (  # a bank of one country and the abbreviation of another's
            [EntityRecord("瑞银集团", "ORG", aliases=("瑞银",), known=True), EntityRecord("瑞典北欧斯安银行", "ORG")],
            ["瑞银集团", "瑞典北欧斯安银行"],
        ),
        ([EntityRecord("美国银行", "ORG"), EntityRecord("美国合众银行", "ORG")], ["美国银行", "美国合众银行"]),
        ([EntityRecord("瑞士银行", "ORG"), EntityRecord("瑞士信贷", "ORG", aliases=("瑞信",))], ["瑞士银行", "瑞信"]),
        (
            [
                EntityRecord("中国银行", "ORG", aliases=("中行",), known=True),
                EntityRecord("中国银行业协会", "ORG", aliases=("中银协",), known=True),
            ],
            ["中行", "中银协"],
        ),
        (  # a document that took one regulator for another's alias does not merge two entities the ontology knows
            [
                EntityRecord(
                    "中国证券监督管理委员会", "ORG", aliases=("证监会", "香港证券及期货事务监察委员会"), known=True
                ),
                EntityRecord("香港证券及期货事务监察委员会", "ORG", aliases=("香港证监会",), known=True),
                EntityRecord("英格兰银行", "ORG", aliases=("英国央行", "英国金融行为监管局"), known=True),
                EntityRecord("英国金融行为监管局", "ORG", known=True),
            ],
            ["证监会", "香港证监会", "英国央行", "英国金融行为监管局"],
        ),
    ],
)
def test_near_misses_in_different_documents_stay_apart(records: list[EntityRecord], apart: list[str]) -> None:
    g = KnowledgeGraph().update(Extraction(_doc(f"d{i}"), (r,)) for i, r in enumerate(records))
    found = [g.find(name) for name in apart]
    assert None not in found
    assert len({e.label for e in found}) == len(apart)


def test_a_known_entity_takes_the_label_that_a_document_knew_only_as_its_alias() -> None:
    g = KnowledgeGraph().update(
        [
            Extraction(
                _doc("a"), (EntityRecord("美国联邦储备委员会", "ORG", aliases=("美联储", "联储局"), known=True),)
            ),
            Extraction(_doc("b"), (EntityRecord("联储局", "ORG"),)),
        ]
    )
    assert [(e.label, e.documents) for e in g.entities()] == [("美国联邦储备委员会", ["a", "b"])]


def test_names_that_differ_only_in_width_or_case_are_one_entity() -> None:
    g = KnowledgeGraph().update(
        [
            Extraction(_doc("a"), (EntityRecord("Huawei", "ORG"),)),
            Extraction(_doc("b"), (EntityRecord("ＨＵＡＷＥＩ", "ORG"),)),
        ]
    )
    assert len(g.entities()) == 1
    assert g.entities()[0].documents == ["a", "b"]


# Order independence ---------------------------------------------------------------------------------
def test_any_order_of_documents_gives_the_same_graph() -> None:
    expected = _snapshot(KnowledgeGraph().update(ALL))
    for order in permutations(ALL):
        assert _snapshot(KnowledgeGraph().update(order)) == expected


def test_english_label_of_a_merged_entity_does_not_depend_on_order() -> None:
    a = Extraction(
        _doc("a"), (EntityRecord("中国银联", "ORG", aliases=("银联",), label_en="China UnionPay", known=True),)
    )
    b = Extraction(_doc("b"), (EntityRecord("银联", "ORG", label_en="UnionPay"),))
    forward = KnowledgeGraph().update([a, b]).entities()
    backward = KnowledgeGraph().update([b, a]).entities()
    assert forward == backward


# find() --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "中国银联",
        "银联",
        "China UnionPay",
        "china unionpay",
        "CHINA UNIONPAY",
        "ＣＨＩＮＡ　ＵＮＩＯＮＰＡＹ",
        " 银联 ",
    ],
)
def test_find_by_any_name(graph: KnowledgeGraph, name: str) -> None:
    found = graph.find(name)
    assert found is not None
    assert found.label == "中国银联"


def test_find_english_name_and_unknown_name(graph: KnowledgeGraph) -> None:
    assert graph.find("huawei").label == "华为"
    assert graph.find("工商银行").label == "中国工商银行"
    assert graph.find("腾讯") is None
    assert graph.find("") is None


def test_entities_by_type(graph: KnowledgeGraph) -> None:
    assert [e.label for e in graph.entities(type="PRODUCT")] == ["云闪付"]
    assert [e.label for e in graph.entities(type="loc")] == ["上海"]
    assert {e.type for e in graph.entities()} == {"ORG", "PRODUCT", "LOC"}
    assert all(isinstance(e, Entity) for e in graph)
    assert len(graph) == len(graph.entities()) == 5


# relations() -------------------------------------------------------------------------------------------
def test_relations_filter_by_any_alias_of_the_head(graph: KnowledgeGraph) -> None:
    by_label = graph.relations(head="中国银联", relation="launched")
    assert by_label == graph.relations(head="银联", relation="launched")
    assert by_label == graph.relations(head="China UnionPay", relation="launched")
    assert [r.tail for r in by_label] == ["云闪付"]
    assert graph.relations(head="云闪付", relation="launched") == []


def test_relations_filter_by_tail_and_label(graph: KnowledgeGraph) -> None:
    assert [(r.head, r.relation) for r in graph.relations(tail="云闪付")] == [("中国银联", "launched")]
    assert [(r.head, r.tail) for r in graph.relations(relation="deployed_at")] == [("云闪付", "上海")]
    assert graph.relations(tail="上海", relation="launched") == []
    assert graph.relations(head="腾讯") == []
    assert graph.relations(tail="腾讯") == []


def test_relations_filter_by_min_confidence(graph: KnowledgeGraph) -> None:
    assert all(r.confidence >= 0.76 for r in graph.relations(min_confidence=0.76))
    kept = {(r.head, r.relation, r.tail) for r in graph.relations(min_confidence=0.76)}
    assert kept == {("中国银联", "launched", "云闪付"), ("中国银联", "partnered_with", "华为")}
    assert graph.relations(min_confidence=0.95) == []
    assert len(graph.relations(min_confidence=0.0)) == len(graph.relations())


def test_symmetric_relation_is_found_from_either_end(graph: KnowledgeGraph) -> None:
    partners = graph.relations(relation="partnered_with")
    assert len(partners) == 2
    huawei = graph.relations(head="华为", relation="partnered_with")
    assert huawei == graph.relations(head="中国银联", tail="华为", relation="partnered_with")
    assert huawei == graph.relations(head="华为", tail="银联", relation="partnered_with")
    assert huawei == graph.relations(tail="华为", relation="partnered_with")
    assert len(huawei) == 1
    assert {huawei[0].head, huawei[0].tail} == {"中国银联", "华为"}
    icbc = graph.relations(head="银联", tail="工商银行")
    assert [r.relation for r in icbc] == ["partnered_with"]
    assert graph.relations(head="云闪付", tail="中国银联") == []


def test_repeated_evidence_is_one_edge_with_all_its_evidence(graph: KnowledgeGraph) -> None:
    (huawei,) = graph.relations(head="华为", relation="partnered_with")
    assert [(e.document, e.sentence) for e in huawei.evidence] == [
        ("b", "华为与银联达成合作。"),
        ("c", "中国银联和华为签署协议。"),
    ]
    edges = [(u, v, k) for u, v, k in graph.nx.edges(keys=True) if k == "partnered_with" and "华为" in (u, v)]
    assert len(edges) == 1


def test_same_evidence_twice_in_one_document_is_kept_once() -> None:
    rel = RelationRecord("中国银联", "launched", "云闪付", _ev("a", "中国银联推出云闪付。"))
    ents = (EntityRecord("中国银联", "ORG"), EntityRecord("云闪付", "PRODUCT"))
    g = KnowledgeGraph().update([Extraction(_doc("a"), ents, (rel, rel))])
    assert len(g.relations()[0].evidence) == 1


# Replacing a document -------------------------------------------------------------------------------------
def _facts(g: KnowledgeGraph) -> tuple:
    """Re-adding a document replaces what it said."""
    return g.relations(), g.documents, [(e.label, e.type, e.aliases, e.documents) for e in g.entities()]


def test_readding_a_document_replaces_what_it_contributed(graph: KnowledgeGraph) -> None:
    before = _facts(graph)
    graph.add(DOC_B)
    assert _facts(graph) == before
    smaller = Extraction(_doc("b"), (EntityRecord("华为", "ORG", label_en="Huawei"),))
    graph.add(smaller)
    assert graph.find("上海") is None
    assert [e.document for e in graph.relations(relation="launched")[0].evidence] == ["a"]
    assert [e.document for e in graph.relations(head="华为")[0].evidence] == ["c"]
    assert graph.find("华为").documents == ["b", "c"]
    assert [d.id for d in graph.documents] == ["a", "b", "c"]


def test_readding_a_document_that_only_named_one_entity_removes_it() -> None:
    g = KnowledgeGraph().update(ALL)
    g.add(Extraction(_doc("b"), ()))
    assert g.find("上海") is None
    assert g.find("银联").documents == ["a", "c"]


def test_readding_a_document_does_not_count_mentions_twice() -> None:
    g = KnowledgeGraph().update(ALL)
    before = _snapshot(g)
    g.add(DOC_A)
    g.add(DOC_B)
    assert g.find("银联").mentions == 6
    assert _snapshot(g) == before


# filtered() ----------------------------------------------------------------------------------------------
def test_filtered_drops_weak_evidence_and_keeps_the_original(graph: KnowledgeGraph) -> None:
    strong = graph.filtered(0.75)
    assert {e.confidence for r in strong.relations() for e in r.evidence} == {0.75, 0.8, 0.9}
    (launched,) = strong.relations(relation="launched")
    assert [e.document for e in launched.evidence] == ["a"]
    assert strong.relations(relation="deployed_at") == []
    assert strong.entities() == graph.entities()
    assert strong.documents == graph.documents
    assert strong.base == graph.base
    assert len(graph.relations(relation="deployed_at")) == 1
    assert [e.document for e in graph.relations(relation="launched")[0].evidence] == ["a", "b"]
    assert graph.filtered(0.0).relations() == graph.relations()
    assert graph.filtered(1.0).relations() == []


def test_filtered_copy_is_independent(graph: KnowledgeGraph) -> None:
    copy = graph.filtered(0.0)
    copy.add(Extraction(_doc("d"), (EntityRecord("腾讯", "ORG"),)))
    assert graph.find("腾讯") is None
    assert copy.find("腾讯") is not None


# networkx view -------------------------------------------------------------------------------------------
def test_nx_nodes_and_edges_carry_attributes(graph: KnowledgeGraph) -> None:
    g = graph.nx
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted(g.nodes) == sorted(e.label for e in graph.entities())
    node = g.nodes["中国银联"]
    assert node == {
        "type": "ORG",
        "aliases": ["银联"],
        "label_en": "China UnionPay",
        "mentions": 6,
        "documents": ["a", "b", "c"],
        "known": True,
    }
    edge = g.edges["中国银联", "云闪付", "launched"]
    assert edge["relation"] == "launched"
    assert edge["confidence"] == 0.8
    assert edge["years"] == [2017, 2019]
    assert [e.document for e in edge["evidence"]] == ["a", "b"]
    assert g.number_of_edges() == len(graph.relations())
    assert set(g.successors("中国银联")) == {"云闪付", "华为"}


# Relation properties ----------------------------------------------------------------------------------------
def test_year_years_and_confidence() -> None:
    rel = Relation(
        "a",
        "launched",
        "b",
        [
            _ev("d", "s", conf=0.4, year=2021),
            _ev("d", "t", 5, conf=0.9, year=2019),
            _ev("e", "u", conf=0.6),
            _ev("f", "v", conf=0.5, year=2021),
        ],
    )
    assert rel.years == [2019, 2021]
    assert rel.year == 2019
    assert rel.confidence == 0.9
    empty = Relation("a", "launched", "b")
    assert (empty.years, empty.year, empty.confidence) == ([], None, 0.0)
    undated = Relation("a", "launched", "b", [_ev("d", "s")])
    assert undated.year is None


def test_empty_graph() -> None:
    g = KnowledgeGraph()
    assert (g.entities(), g.relations(), g.documents, len(g)) == ([], [], [], 0)
    assert g.find("银联") is None
    assert g.nx.number_of_nodes() == 0
    assert "0 documents" in repr(g)


def test_the_revision_moves_with_every_change_and_never_with_a_read() -> None:
    g = KnowledgeGraph()
    assert g.revision == 0
    g.add(DOC_A)
    after_add = g.revision
    assert after_add > 0
    g.entities()
    g.relations(head="银联")
    g.find("UnionPay")
    assert g.revision == after_add
    g.add(DOC_A)  # the same document again replaces it: still a change
    assert g.revision > after_add
    assert g.filtered(0.9).revision == 0  # a copy is a new graph
