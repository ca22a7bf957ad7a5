"""SPARQL over a graph: the example queries, safe bindings, value conversion, caching."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from samples import BASE, HOSTILE, sample_graph

from kg import rdf, store
from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Extraction, normalize_name
from kg.store import EXAMPLE_QUERIES, query_graph

INJECTION = '中国银联" } ; DROP ALL #'


def test_products_launched_by_answers_the_readme_question() -> None:
    rows = query_graph(sample_graph(), EXAMPLE_QUERIES["products_launched_by"], {"name": "中国银联"})
    assert [(r["product"], r["year"], r["sentence"], r["document"]) for r in rows] == [
        ("云闪付", 2019, "银联推出云闪付。", "doc 2"),
        ("云闪付", 2023, "中国银联推出云闪付。", "news/1?a=b#c"),
    ]
    by_alias = query_graph(sample_graph(), EXAMPLE_QUERIES["products_launched_by"], {"?name": "UnionPay"})
    assert [r["sentence"] for r in by_alias] == [r["sentence"] for r in rows]


def test_partners_of_reads_the_symmetric_relation_both_ways() -> None:
    g = sample_graph()
    rows = query_graph(g, EXAMPLE_QUERIES["partners_of"], {"name": "中国银联"})
    assert [(r["partner"], r["sources"], r["confidence"]) for r in rows] == [(HOSTILE, 1, 0.9), ("华为", 1, 0.75)]
    back = query_graph(g, EXAMPLE_QUERIES["partners_of"], {"name": "华为"})
    assert [r["partner"] for r in back] == ["中国银联"]


def test_deployed_where_with_and_without_a_name() -> None:
    g = sample_graph()
    everything = query_graph(g, EXAMPLE_QUERIES["deployed_where"])
    assert [(r["thing"], r["place"], r["year"]) for r in everything] == [("云闪付", "上海", None)]
    assert query_graph(g, EXAMPLE_QUERIES["deployed_where"], {"name": "上海"}) == [
        {"name": "上海", "thing": "云闪付", "place": "上海", "year": None}
    ]
    assert query_graph(g, EXAMPLE_QUERIES["deployed_where"], {"name": "北京"}) == []


def test_evidence_for_fact() -> None:
    rows = query_graph(sample_graph(), EXAMPLE_QUERIES["evidence_for_fact"], {"name": "云闪付", "other": "银联"})
    assert [(r["relation"], r["document"], r["start"], r["end"], r["confidence"], r["rule"]) for r in rows] == [
        ("launched", "doc 2", 0, 8, 0.6, "r2"),
        ("launched", "news/1?a=b#c", 0, 10, 0.9, "r1"),
    ]


def test_entities_by_mentions() -> None:
    g = sample_graph()
    rows = query_graph(g, EXAMPLE_QUERIES["entities_by_mentions"])
    assert [(r["entity"], r["type"], r["mentions"], r["documents"]) for r in rows[:2]] == [
        ("中国银联", "ORG", 4, 2),
        ("云闪付", "PRODUCT", 3, 2),
    ]
    assert len(rows) == len(g.entities())
    only = query_graph(g, EXAMPLE_QUERIES["entities_by_mentions"], {"name": "闪"})
    assert [r["entity"] for r in only] == ["云闪付"]


@pytest.mark.parametrize("name", list(EXAMPLE_QUERIES))
def test_hostile_names_are_bound_as_values(name: str) -> None:
    g = sample_graph()
    before = len(store.store_of(g))
    query = EXAMPLE_QUERIES[name]
    bound = {k: INJECTION for k in ("name", "other") if f"?{k} " in query}
    assert query_graph(g, query, bound) == []
    assert len(store.store_of(g)) == before
    assert query_graph(g, "ASK { ?s ?p ?o }")


def test_a_hostile_name_finds_its_entity() -> None:
    rows = query_graph(sample_graph(), EXAMPLE_QUERIES["partners_of"], {"name": HOSTILE})
    assert [(r["name"], r["partner"]) for r in rows] == [(normalize_name(HOSTILE), "中国银联")]  # found by its key


def test_iri_bindings_and_value_types() -> None:
    g = sample_graph()
    query = "SELECT ?e ?l ?m WHERE { ?e skos:prefLabel ?l ; kg:mentions ?m . FILTER(langMatches(lang(?l), 'zh')) }"
    for iri in (ox.NamedNode(BASE + "entity/中国银联"), rdflib.URIRef(BASE + "entity/中国银联")):
        assert query_graph(g, query, {"e": iri}) == [{"e": BASE + "entity/中国银联", "l": "中国银联", "m": 4}]
    assert query_graph(g, query, {"e": BASE + "entity/中国银联"}) == []  # a plain string is a literal
    with pytest.raises(TypeError, match="cannot bind"):
        query_graph(g, query, {"e": object()})


def test_a_bound_variable_must_be_selected() -> None:
    with pytest.raises(ValueError, match="SELECT"):
        query_graph(sample_graph(), "SELECT ?s WHERE { ?s ?p ?name }", {"name": "x"})


def test_dataframe() -> None:
    pandas = pytest.importorskip("pandas")
    frame = query_graph(sample_graph(), EXAMPLE_QUERIES["entities_by_mentions"], as_df=True)
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["name", "entity", "type", "mentions", "documents"]
    assert frame["mentions"].iloc[0] == 4
    assert sample_graph().sparql("SELECT ?x WHERE { ?x a kg:Document }", as_df=True).shape == (2, 1)


def test_store_is_cached_until_the_graph_changes() -> None:
    g = sample_graph()
    first = store.store_of(g)
    assert store.store_of(g) is first
    g.add(Extraction(DocumentMeta(id="new"), (EntityRecord("新公司", "ORG"),)))
    assert store.store_of(g) is not first
    rows = query_graph(g, EXAMPLE_QUERIES["entities_by_mentions"], {"name": "新公司"})
    assert [r["entity"] for r in rows] == ["新公司"]


# On-disk store ---------------------------------------------------------------------------------
def _store_quads(directory) -> set[ox.Quad]:
    return set(store.open_store(directory))


def test_write_store_holds_the_export_and_the_ontology(tmp_path) -> None:
    g = sample_graph()
    path = store.write_store(g, tmp_path / "store")
    assert path == tmp_path / "store"
    quads = _store_quads(path)
    in_memory = ox.Store()  # Oxigraph stores xsd:nonNegativeInteger as xsd:integer, in memory as on disk
    in_memory.extend([*rdf.to_quads(g), *store.ontology_quads()])
    assert quads == set(in_memory)
    ontology = ox.NamedNode(store.ONTOLOGY_GRAPH)
    assert any(q.graph_name == ontology for q in quads)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # no staging folder left behind


def test_write_store_from_an_export_file_holds_the_same_quads(tmp_path) -> None:
    g = sample_graph()
    (tmp_path / "kg.nq").write_bytes(rdf.serialize(g, "nquads"))
    from_file = store.write_store(tmp_path / "kg.nq", tmp_path / "from_file")
    from_graph = store.write_store(g, tmp_path / "from_graph")
    assert _store_quads(from_file) == _store_quads(from_graph)


def test_writing_twice_does_not_duplicate_and_a_rebuild_replaces_everything(tmp_path) -> None:
    g = sample_graph()
    store.write_store(g, tmp_path / "store")
    first = _store_quads(tmp_path / "store")
    store.write_store(g, tmp_path / "store")
    assert len(store.open_store(tmp_path / "store")) == len(first)
    smaller = KnowledgeGraph(BASE).update([Extraction(DocumentMeta(id="only"), (EntityRecord("新公司", "ORG"),))])
    store.write_store(smaller, tmp_path / "store")
    graphs = {q.graph_name for q in _store_quads(tmp_path / "store")}
    assert ox.NamedNode(BASE + "doc/doc%202") not in graphs
    rows = store.query_store(store.open_store(tmp_path / "store"), EXAMPLE_QUERIES["entities_by_mentions"])
    assert [r["entity"] for r in rows] == ["新公司"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_the_disk_store_answers_like_the_graph(tmp_path) -> None:
    g = sample_graph()
    on_disk = store.open_store(store.write_store(g, tmp_path / "store"))
    for name, query in EXAMPLE_QUERIES.items():
        bound = {"name": "中国银联", "other": "云闪付"} if name == "evidence_for_fact" else {"name": "中国银联"}
        bound = {k: v for k, v in bound.items() if f"?{k} " in query}
        assert store.query_store(on_disk, query, bound) == query_graph(g, query, bound), name


def test_an_interrupted_write_leaves_the_previous_store(tmp_path) -> None:
    store.write_store(sample_graph(), tmp_path / "store")
    before = _store_quads(tmp_path / "store")

    def failing():
        yield from rdf.to_quads(sample_graph())[:5]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        store.write_store(failing(), tmp_path / "store")
    assert _store_quads(tmp_path / "store") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_write_store_never_replaces_a_folder_that_is_not_a_store(tmp_path) -> None:
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ValueError, match="not a kg store"):
        store.write_store(sample_graph(), precious)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "keep me"
    (tmp_path / "empty").mkdir()
    assert len(store.open_store(store.write_store(sample_graph(), tmp_path / "empty"))) > 0


def test_open_store_is_read_only_and_needs_a_store(tmp_path) -> None:
    on_disk = store.open_store(store.write_store(sample_graph(), tmp_path / "store"))
    size = len(on_disk)
    with pytest.raises(RuntimeError, match="read-write"):
        on_disk.update("DROP ALL")
    assert len(store.open_store(tmp_path / "store")) == size
    with pytest.raises(FileNotFoundError, match="no store here"):
        store.open_store(tmp_path / "missing")


def test_every_name_of_an_entity_is_a_key_of_its_own_subject() -> None:
    g = sample_graph()
    ent = g.find("中国银联")
    rows = query_graph(g, "SELECT ?e ?k WHERE { ?e kg:key ?k }", {"e": ox.NamedNode(BASE + "entity/中国银联")})
    names = (ent.label, ent.label_en, *ent.aliases)
    assert sorted(r["k"] for r in rows) == sorted({normalize_name(n) for n in names if n})


@pytest.mark.parametrize("name", ["UnionPay", "unionpay", " Union Pay ", "ＵＮＩＯＮＰＡＹ"])
def test_a_name_bound_to_a_key_is_normalized_as_the_export_writes_it(name: str) -> None:
    rows = query_graph(sample_graph(), "SELECT ?name ?e WHERE { ?e kg:key ?name }", {"name": name})
    assert [r["e"] for r in rows] == [BASE + "entity/中国银联"]


def test_a_name_only_compared_in_a_filter_is_not_normalized() -> None:
    query = "SELECT ?name ?e WHERE { ?e kg:key ?k FILTER(?k = ?name) }"
    assert query_graph(sample_graph(), query, {"name": "UnionPay"}) == []
    assert [r["e"] for r in query_graph(sample_graph(), query, {"name": "unionpay"})] == [BASE + "entity/中国银联"]
