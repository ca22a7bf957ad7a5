"""kg.build: the bundled examples, duplicates, bad inputs, strict mode, workers, min_confidence, the Python API."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import kg
from kg import builder
from kg.batch import BuildReport
from kg.ingest import IngestError, read_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Short invented sentences about well-known organizations.
GOOD = {
    "a.txt": "2021年，中国工商银行推出了“工银e生活”App。",
    "b.md": "---\ntitle: 云闪付\ndate: 2020-05-01\n---\n\n"
    "2020年，中国银联推出了“云闪付”App。华为与中国银联达成合作。\n",
    "c.txt": "2022年，招商银行联合中国银联推出“掌上生活”App。腾讯与中国银联签署合作协议。",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three good files, a copy of one under another name, a binary file and broken front matter."""
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "a_copy.txt").write_text(GOOD["a.txt"], encoding="utf-8")
    (folder / "bad.md").write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    (folder / "broken.md").write_text("---\ntitle: [oops\n---\n中国银联推出云闪付。\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def examples() -> kg.KnowledgeGraph:
    return kg.build([EXAMPLES])


@pytest.fixture(scope="module")
def built(corpus: Path) -> tuple[kg.KnowledgeGraph, BuildReport, list[IngestError]]:
    report = BuildReport()
    shown: list[IngestError] = []
    graph = kg.build([corpus], report=report, on_error=shown.append)
    return graph, report, shown


# Duplicates and bad inputs ---------------------------------------------------------------------
def test_same_content_under_two_names_is_built_once(built) -> None:
    graph, report, _ = built
    assert report.documents == 3
    assert report.duplicates == 1
    assert [d.id for d in graph.documents] == ["a.txt", "b.md", "c.txt"]
    (launched,) = graph.relations(head="工商银行", relation="launched")
    assert [e.document for e in launched.evidence] == ["a.txt"]
    assert "1 duplicates skipped" in report.summary()


def test_bad_files_are_reported_and_the_good_ones_built(built) -> None:
    graph, report, shown = built
    assert [Path(e.path).name for e in report.errors] == ["bad.md", "broken.md"]
    assert shown == report.errors
    assert "binary" in report.errors[0].problem
    assert "YAML" in report.errors[1].problem
    assert report.errors[1].line is not None
    assert "2 failed" in report.summary()
    assert graph.find("中国银联") is not None
    assert graph.find("腾讯") is not None
    assert all("bad" not in e.document and "broken" not in e.document for r in graph.relations() for e in r.evidence)


def test_strict_stops_at_the_first_failure(corpus: Path) -> None:
    report = BuildReport()
    with pytest.raises(IngestError) as info:
        kg.build([corpus], strict=True, report=report)
    assert Path(info.value.path).name == "bad.md"
    assert len(report.errors) == 1


def test_a_missing_input_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    report = BuildReport()
    graph = kg.build([tmp_path / "missing.txt", EXAMPLES / "02_ccb_life_app.md"], report=report)
    assert [Path(e.path).name for e in report.errors] == ["missing.txt"]
    assert [d.id for d in graph.documents] == ["02_ccb_life_app.md"]


# Workers -------------------------------------------------------------------------------------------
def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_two_workers_give_exactly_the_same_graph_and_bytes(
    examples: kg.KnowledgeGraph, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder, "SHARD_SIZE", 1)  # several shards, so both workers get documents
    inputs = [EXAMPLES, corpus]
    one = kg.build(inputs, workers=1)
    two = kg.build(inputs, workers=2)
    assert len(one.documents) == 6
    assert two.entities() == one.entities()
    assert two.relations() == one.relations()
    assert two.documents == one.documents
    one.save(tmp_path / "one")
    two.save(tmp_path / "two")
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert len(_files(tmp_path / "one")) == 7


# min_confidence -------------------------------------------------------------------------------------
def test_min_confidence_drops_weak_evidence(examples: kg.KnowledgeGraph) -> None:
    all_evidence = {e for r in examples.relations() for e in r.evidence}
    threshold = sorted({e.confidence for e in all_evidence})[1]
    strong = kg.build([EXAMPLES], min_confidence=threshold)
    kept = {e for r in strong.relations() for e in r.evidence}
    assert kept == {e for e in all_evidence if e.confidence >= threshold}
    assert kept and kept < all_evidence
    assert strong.entities() == examples.entities()


# The Python API -----------------------------------------------------------------------------------------
def test_find_by_alias_and_english_name(examples: kg.KnowledgeGraph) -> None:
    for name in ("中国银联", "银联", "China UnionPay", "china unionpay"):
        assert examples.find(name).label == "中国银联", name
    assert examples.find("建设银行").label == "中国建设银行"
    assert examples.find("China Construction Bank").label == "中国建设银行"
    assert examples.find("工商银行").label == "中国工商银行"
    assert examples.find("亚马逊") is None


def test_find_by_known_english_alias(examples: kg.KnowledgeGraph) -> None:
    assert examples.find("UnionPay").label == "中国银联"


def test_entities_by_type(examples: kg.KnowledgeGraph) -> None:
    products = examples.entities(type="PRODUCT")
    labels = {e.label for e in products}
    assert {"建行生活", "工银银联绿色低碳信用卡", "惠懂你"} <= labels
    assert all(e.type == "PRODUCT" for e in products)
    assert {"中国银联", "中国建设银行"} <= {e.label for e in examples.entities(type="ORG")}
    assert "深圳" in {e.label for e in examples.entities(type="LOC")}


def test_relations_carry_year_evidence_document_and_offsets(examples: kg.KnowledgeGraph) -> None:
    launched = {r.tail: r for r in examples.relations(head="建设银行", relation="launched")}
    assert {"建行生活", "惠懂你"} <= set(launched)
    life = launched["建行生活"]
    assert (life.head, life.relation, life.year) == ("中国建设银行", "launched", 2021)
    (evidence,) = life.evidence
    assert evidence.document == "02_ccb_life_app.md"
    assert "建行生活" in evidence.sentence and "2021年" in evidence.sentence
    assert 0 < evidence.confidence <= 1
    assert evidence.rule
    assert launched["惠懂你"].year == 2019
    card = examples.relations(head="工商银行", relation="launched", tail="工银银联绿色低碳信用卡")
    assert [r.year for r in card] == [2022]


def test_every_evidence_sentence_is_the_document_text_at_its_offsets(examples: kg.KnowledgeGraph) -> None:
    texts = {d.id: d.text for d in read_documents([EXAMPLES])}
    evidence = [e for r in examples.relations() for e in r.evidence]
    assert evidence
    for e in evidence:
        assert texts[e.document][e.start : e.end] == e.sentence


def test_documents_keep_their_metadata(examples: kg.KnowledgeGraph) -> None:
    docs = {d.id: d for d in examples.documents}
    assert sorted(docs) == sorted(p.name for p in EXAMPLES.glob("*.md"))
    ccb = docs["02_ccb_life_app.md"]
    assert ccb.date == "2022-07-06"
    assert ccb.title.startswith("“建行生活”App")
    assert ccb.length == len(next(read_documents([EXAMPLES / "02_ccb_life_app.md"])).text)


def test_nx_is_a_multidigraph_of_the_graph(examples: kg.KnowledgeGraph) -> None:
    g = examples.nx
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == {e.label for e in examples.entities()}
    assert g.number_of_edges() == len(examples.relations())
    assert g.has_edge("中国建设银行", "建行生活", key="launched")
    assert g.nodes["建行生活"]["type"] == "PRODUCT"


def test_save_writes_the_same_files_as_the_cli(examples: kg.KnowledgeGraph, tmp_path: Path) -> None:
    from kg.cli import main

    paths = examples.save(tmp_path / "api")
    assert [p.name for p in paths] == ["kg.ttl", "kg.nt", "kg.nq", "kg.trig", "kg.jsonld", "kg.rdf", "kg.html"]
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path / "cli")]) == 0
    assert _files(tmp_path / "api") == _files(tmp_path / "cli")


def test_load_gives_back_the_graph(examples: kg.KnowledgeGraph, tmp_path: Path) -> None:
    examples.save(tmp_path)
    back = kg.load(tmp_path / "kg.nq")
    assert back.entities() == examples.entities()
    assert back.relations() == examples.relations()
