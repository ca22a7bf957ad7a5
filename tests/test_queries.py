"""The five README queries, as printed, against an on-disk store of the bundled examples.

The query texts are read from README.md's section "## Load into a SPARQL store", so the README
cannot drift from what the queries answer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.store import EXAMPLE_QUERIES, open_store, query_graph, query_store, write_store

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Load into a SPARQL store"
# The README blocks, in order, and the EXAMPLE_QUERIES entry each one is a standalone version of.
NAMES = ["products_launched_by", "partners_of", "deployed_where", "evidence_for_fact", "entities_by_mentions"]


def readme_queries() -> list[str]:
    """The SPARQL blocks of the README's store section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    heading = re.search(f"^{re.escape(SECTION)}$", readme, re.MULTILINE)
    assert heading, f"README.md has no section {SECTION!r}"
    section = readme[heading.end() :]
    following = re.search(r"^## ", section, re.MULTILINE)
    return re.findall(r"```sparql\n(.*?)```", section[: following.start()] if following else section, re.DOTALL)


@pytest.fixture(scope="module")
def graph() -> kg.KnowledgeGraph:
    return kg.build([str(ROOT / "examples")])


@pytest.fixture(scope="module")
def store(graph: kg.KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    return open_store(write_store(graph, tmp_path_factory.mktemp("store") / "store"))


@pytest.fixture(scope="module")
def answers(store: ox.Store) -> dict[str, list[dict]]:
    queries = readme_queries()
    assert len(queries) == len(NAMES)
    return {name: query_store(store, text) for name, text in zip(NAMES, queries)}


def test_the_readme_queries_are_standalone() -> None:
    """Each declares its prefixes and binds its name itself, so it runs on any SPARQL server."""
    for text in readme_queries():
        used = set(re.findall(r"\b([a-z]+):[A-Za-z]", text)) - {"http", "https"}
        declared = set(re.findall(r"^PREFIX (\w+):", text, re.MULTILINE))
        assert used <= declared, used - declared
        assert "?name" not in text or re.search(r"VALUES \(?\?name\b", text)


def test_products_launched_by(answers: dict[str, list[dict]], graph: kg.KnowledgeGraph) -> None:
    rows = answers["products_launched_by"]
    assert [(r["product"], r["year"]) for r in rows] == [("工银银联乡村振兴卡", 2019), ("工银银联绿色低碳信用卡", 2022)]
    assert all(r["product"] in r["sentence"] and r["document"].startswith("01_") for r in rows)
    assert rows[0]["title"] == "工商银行联合中国银联推出绿色低碳信用卡 首批在20个城市落地"
    products = {e.label for e in graph.entities(type="PRODUCT")}
    launched = [rel for rel in graph.relations(head="中国工商银行", relation="launched") if rel.tail in products]
    assert sorted((r["product"], r["sentence"]) for r in rows) == sorted(
        (rel.tail, e.sentence) for rel in launched for e in rel.evidence
    )


def test_partners_of(answers: dict[str, list[dict]], graph: kg.KnowledgeGraph) -> None:
    rows = answers["partners_of"]
    assert {"中国农业银行", "中国工商银行", "中国银行"} <= {r["partner"] for r in rows}
    expected = []
    for rel in graph.relations(head="中国建设银行", relation="partnered_with"):
        partner = rel.tail if rel.head == "中国建设银行" else rel.head
        expected.append((partner, len(rel.evidence), rel.confidence))
    assert [(r["partner"], r["sources"], r["confidence"]) for r in rows] == sorted(
        expected, key=lambda x: (-x[1], x[0])
    )


def test_deployed_where(answers: dict[str, list[dict]], graph: kg.KnowledgeGraph) -> None:
    rows = answers["deployed_where"]
    assert ("数字人民币", "深圳") in [(r["thing"], r["place"]) for r in rows]
    assert [(r["thing"], r["place"], r["year"]) for r in rows] == sorted(
        (rel.head, rel.tail, rel.year) for rel in graph.relations(relation="deployed_at")
    )


def test_evidence_for_fact(answers: dict[str, list[dict]], graph: kg.KnowledgeGraph) -> None:
    rows = answers["evidence_for_fact"]
    assert rows
    evidence = graph.relations(head="中国农业银行", tail="中国建设银行")[0].evidence
    assert sorted((r["document"], r["start"], r["end"], r["rule"], r["sentence"]) for r in rows) == sorted(
        (e.document, e.start, e.end, e.rule, e.sentence) for e in evidence
    )
    assert {r["relation"] for r in rows} == {"partnered_with"}
    assert all("中国农业银行" in r["sentence"] and "中国建设银行" in r["sentence"] for r in rows)


def test_entities_by_mentions(answers: dict[str, list[dict]], graph: kg.KnowledgeGraph) -> None:
    rows = answers["entities_by_mentions"]
    assert len(rows) == 10
    assert {"中国建设银行", "中国工商银行", "深圳"} <= {r["entity"] for r in rows}
    by_mentions = sorted(graph.entities(), key=lambda e: (-e.mentions, e.label))[:10]
    assert [(r["entity"], r["type"], r["mentions"], r["documents"]) for r in rows] == [
        (e.label, e.type, e.mentions, len(e.documents)) for e in by_mentions
    ]


@pytest.mark.parametrize("index", range(len(NAMES)))
def test_readme_versions_answer_like_the_library_queries(
    index: int, answers: dict[str, list[dict]], graph: kg.KnowledgeGraph
) -> None:
    """The README text and kg.store.EXAMPLE_QUERIES (with the name as a binding) agree."""
    name = NAMES[index]
    text = readme_queries()[index]
    bound = dict(re.findall(r'VALUES \?(\w+) \{ "([^"]*)" \}', text))
    pair = re.search(r'VALUES \(\?(\w+) \?(\w+)\) \{ \("([^"]*)" "([^"]*)"\) \}', text)
    if pair:
        bound = {pair[1]: pair[3], pair[2]: pair[4]}
    expected = query_graph(graph, EXAMPLE_QUERIES[name], bound)
    limit = re.search(r"LIMIT (\d+)", text)
    if limit:
        expected = expected[: int(limit[1])]
    got = answers[name]
    assert got
    assert [{k: r[k] for k in got[0]} for r in expected] == got
