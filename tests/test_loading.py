"""`kg load --store`: an export replaces its graphs in an on-disk store in one transaction, and `--prune` drops the
graphs of documents the export no longer names (kg/loading.py). The same on an Oxigraph server: tests/test_remote.py."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import rdf
from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.iri import document_iri
from kg.loading import RemoteError, load_store
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord
from kg.store import write_store

BASE = "https://example.org/kg/"
IDS = ["news/1?a=b#c", 'evil" } ; DROP ALL #', "plain.md"]  # ids of our own, two of them hostile


def documents(*ids: str) -> KnowledgeGraph:
    """A graph of one invented document per id: each names a bank that launched a card."""
    g = KnowledgeGraph(BASE)
    for n, doc in enumerate(ids):
        bank, card = f"测试银行{n}", f"测试卡{n}"
        sentence = f"{bank}推出{card}。"
        evidence = Evidence(doc, sentence, 0, len(sentence), "r", 0.9, 2024)
        g.add(
            Extraction(
                DocumentMeta(id=doc, title=f"文章{n}", date="2024-06-01", length=len(sentence)),
                (EntityRecord(bank, "ORG"), EntityRecord(card, "PRODUCT")),
                (RelationRecord(bank, "launched", card, evidence),),
            )
        )
    return g


def _export(g: KnowledgeGraph, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kg.nq").write_bytes(rdf.serialize(g, "nquads"))
    return folder


def _quads(directory: Path) -> Counter[tuple[str, ...]]:
    """The store's quads, blank nodes (the ontology's lists) all written `_:`, since every load mints its own."""

    def term(t: object) -> str:
        return "_:" if isinstance(t, ox.BlankNode) else str(t)

    store = ox.Store.read_only(str(directory))
    return Counter(tuple(map(term, (q.subject, q.predicate, q.object, q.graph_name))) for q in store)


def _graphs(directory: Path) -> set[str]:
    return {g.value for g in ox.Store.read_only(str(directory)).named_graphs() if isinstance(g, ox.NamedNode)}


def test_a_load_into_a_new_store_holds_what_write_store_writes(tmp_path: Path) -> None:
    export = _export(documents(*IDS), tmp_path / "all")
    report = load_store(export, tmp_path / "loaded")
    assert (report.method, report.requests, report.pruned) == ("embedded", 1, 0)
    assert _quads(tmp_path / "loaded") == _quads(write_store(export / "kg.nq", tmp_path / "written"))


def test_prune_drops_the_graph_of_a_dropped_document_and_keeps_the_rest(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write_store(_export(documents(*IDS), tmp_path / "all") / "kg.nq", store)
    smaller = _export(documents(*IDS[1:]), tmp_path / "smaller")
    dropped = document_iri(BASE, IDS[0])
    assert load_store(smaller, store).pruned == 0
    assert dropped in _graphs(store)  # without --prune, graphs the export does not name stay
    report = load_store(smaller, store, prune=True)
    assert report.pruned == 1 and "removed 1 graphs of documents no longer in the export" in report.summary()
    assert _quads(store) == _quads(write_store(smaller / "kg.nq", tmp_path / "fresh"))
    assert dropped not in _graphs(store)
    assert load_store(smaller, store, prune=True).pruned == 0  # loading twice changes nothing
    assert _quads(store) == _quads(tmp_path / "fresh")


def test_prune_leaves_graphs_of_other_bases_and_other_prefixes(tmp_path: Path) -> None:
    store = tmp_path / "store"
    other = documents("x.md")
    other.base = BASE + "doc/nested/"  # its document graphs start with ours, one segment deeper
    load_store(_export(other, tmp_path / "other"), store)
    foreign = _graphs(store)
    load_store(_export(documents(*IDS), tmp_path / "all"), store, prune=True)
    load_store(_export(documents(IDS[2]), tmp_path / "one"), store, prune=True)
    assert _graphs(store) == foreign | {document_iri(BASE, IDS[2])}


def test_prune_needs_a_graph_per_document_and_a_store_folder(tmp_path: Path) -> None:
    g = documents(*IDS)
    (tmp_path / "kg.ttl").write_bytes(rdf.serialize(g, "turtle"))
    with pytest.raises(RemoteError, match="--prune needs an export with a graph per document"):
        load_store(tmp_path / "kg.ttl", tmp_path / "store", prune=True)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(RemoteError, match="not a kg store"):
        load_store(_export(g, tmp_path / "all"), tmp_path / "notes")


def test_kg_load_store_prune(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    store = tmp_path / "store"
    assert main(["load", str(_export(documents(*IDS), tmp_path / "all")), "--store", str(store)]) == 0
    assert main(["load", str(_export(documents(*IDS[:2]), tmp_path / "two")), "--store", str(store), "--prune"]) == 0
    err = capsys.readouterr().err
    assert "removed 1 graphs of documents no longer in the export" in err and "one transaction" in err
    assert document_iri(BASE, IDS[2]) not in _graphs(store)
