"""RDF export and import: IRIs, provenance model, every format parses, determinism, round trip."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st
from samples import BASE, HOSTILE, sample_graph
from samples import evidence as _evidence

from kg import rdf
from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord

RDFLIB_FORMATS = {
    "turtle": "turtle",
    "ntriples": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "json-ld": "json-ld",
    "xml": "xml",
}


def _quad_set(quads: object) -> set[str]:
    return {str(q) for q in quads}


def _from_rdflib(term: rdflib.term.Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, rdflib.Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = term.datatype or rdflib.XSD.string
    return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))


def _graph_from_rdflib(name: rdflib.term.Node) -> ox.NamedNode | ox.DefaultGraph:
    """rdflib names the default graph urn:x-rdflib:default, or a blank node when it reads JSON-LD."""
    if name == rdflib.graph.DATASET_DEFAULT_GRAPH_ID or isinstance(name, rdflib.BNode):
        return ox.DefaultGraph()
    return ox.NamedNode(str(name))


# IRIs -------------------------------------------------------------------------------------
def test_iris_keep_chinese_and_encode_the_rest() -> None:
    assert rdf.entity_iri(BASE, "中国银联") == BASE + "entity/中国银联"
    assert rdf.entity_iri(BASE, "A B/C%") == BASE + "entity/A%20B%2FC%25"
    assert rdf.document_iri(BASE, "news/1?a=b#c") == BASE + "doc/news%2F1%3Fa%3Db%23c"
    iri = rdf.entity_iri(BASE, HOSTILE)
    assert not set(iri) & set(' <>"{}|\\^`\n#')
    assert "🚀" in iri
    assert rdf.entity_iri(BASE, "..") == BASE + "entity/%2E%2E"


def test_names_that_differ_by_space_or_case_get_distinct_iris() -> None:
    labels = ["Big Co", "BigCo", "bigco", "Big  Co", "Big%20Co", "Big Co\u3000", "Big Co\u200d"]
    assert len({rdf.entity_iri(BASE, label) for label in labels}) == len(labels)


@given(st.text(max_size=20))
def test_encoding_is_valid_and_injective(label: str) -> None:
    segment = rdf.encode_segment(label)
    ox.NamedNode(BASE + "entity/" + segment)  # raises on an invalid IRI
    assert unquote(segment, errors="strict") == label


@given(st.text(max_size=8), st.text(max_size=8))
def test_distinct_labels_never_collide(a: str, b: str) -> None:
    assert (rdf.encode_segment(a) == rdf.encode_segment(b)) == (a == b)


def test_assertion_iri_depends_on_reading_not_on_confidence() -> None:
    rel = RelationRecord("a", "launched", "b", _evidence("d", "s", 0))
    same = Evidence("d", "other sentence", 0, 1, "r1", 0.1, 1999)
    assert rdf.assertion_iri(BASE, rel, rel.evidence) == rdf.assertion_iri(BASE, rel, same)
    moved = Evidence("d", "s", 1, 2, "r1", 0.9, 2023)
    assert rdf.assertion_iri(BASE, rel, rel.evidence) != rdf.assertion_iri(BASE, rel, moved)
    assert rdf.assertion_iri(BASE, rel, rel.evidence).startswith(BASE + "assertion/")


def test_entity_iri_does_not_move_when_an_alias_is_added() -> None:
    doc = DocumentMeta(id="d")
    g1 = KnowledgeGraph().update([Extraction(doc, (EntityRecord("华为", "ORG"),))])
    g2 = KnowledgeGraph().update([Extraction(doc, (EntityRecord("华为", "ORG", aliases=("华为公司",)),))])
    iri = rdf.entity_iri(BASE, "华为")
    for g in (g1, g2):
        assert any(q.subject.value == iri for q in rdf.to_quads(g))


# Provenance model --------------------------------------------------------------------------
def test_provenance_of_one_assertion() -> None:
    g = sample_graph()
    ds = rdf.to_dataset(g)
    store = ox.Store()
    store.extend(rdf.to_quads(g))
    rows = list(
        store.query(
            """
            PREFIX kg: <https://w3id.org/kg/ontology#>
            PREFIX oa: <http://www.w3.org/ns/oa#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?g ?a ?s ?o ?start ?end ?exact ?year ?conf ?rule ?time ?reading WHERE {
              GRAPH ?g { ?s kg:launched ?o .
                ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate kg:launched ; rdf:object ?o ;
                   prov:wasDerivedFrom ?g ; kg:evidence ?sentence ; kg:confidence ?conf ;
                   kg:rule ?rule ; kg:year ?year ; prov:wasGeneratedBy ?reading ;
                   oa:hasSelector ?pos , ?quote .
                ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
                ?quote a oa:TextQuoteSelector ; oa:exact ?exact . }
              ?g a kg:Document .
              ?reading a kg:Reading , prov:Activity ; prov:used ?g .
              ?build a kg:Build ; dcterms:hasPart ?reading ; prov:endedAtTime ?time .
            } ORDER BY ?year
            """
        )
    )
    assert len(rows) == 2
    first = rows[0]
    assert first["g"].value == BASE + "doc/doc%202"
    assert first["s"].value == BASE + "entity/中国银联"
    assert first["o"].value == BASE + "entity/云闪付"
    assert (first["start"].value, first["end"].value, first["exact"].value) == ("0", "8", "银联推出云闪付。")
    assert (first["year"].value, first["conf"].value, first["rule"].value) == ("2019", "0.6", "r2")
    assert first["year"].datatype.value.endswith("#gYear")
    assert first["time"].value == "2024-01-02T00:00:00Z"
    assert first["reading"].value.startswith(BASE + "reading/")
    assert not store.query("ASK { ?a <http://www.w3.org/ns/prov#generatedAtTime> ?t }")  # the build's time only
    assert not any(isinstance(t, rdflib.BNode) for quad in ds.quads() for t in quad[:3])


def test_a_documents_graph_and_reading_stay_the_same_when_another_document_is_added() -> None:
    """Assertions name the document's reading, whose IRI hashes the document alone, not the build (whose IRI hashes
    every document): so adding a document leaves the others' graphs byte-identical, and an update or a store rewrites
    only what changed."""
    g = sample_graph()
    graph = ox.NamedNode(BASE + "doc/doc%202")

    def own() -> set[str]:
        quads = rdf.to_quads(g)
        return {str(q) for q in quads if q.graph_name == graph or "/reading/" in q.subject.value}

    before = own()
    doc = DocumentMeta(id="doc 3", title="三", date="2024-03-01", content_hash="cd" * 32, length=20)
    g.add(Extraction(doc, (EntityRecord("星河智联", "ORG"),), (), ()))
    after = own()
    assert len(before) > 10 and before <= after
    assert not [q for q in before if "/build/" in q]


def test_entities_and_documents_sit_in_the_default_graph() -> None:
    quads = rdf.to_quads(sample_graph())
    default = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    named = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
    union = ox.Store()
    union.extend(default)
    labels = {
        (q.object.value, q.object.language)
        for q in default
        if q.subject.value == BASE + "entity/中国银联" and q.predicate.value.startswith(rdf.SKOS)
    }
    assert labels == {("中国银联", "zh"), ("China UnionPay", "en"), ("银联", "zh"), ("UnionPay", "en")}
    assert {q.graph_name.value for q in named} == {BASE + "doc/doc%202", BASE + "doc/news%2F1%3Fa%3Db%23c"}
    assert not any(q.object.value == rdf.KG + "Assertion" for q in default)
    assert sum(q.object.value == rdf.KG + "Document" for q in default) == 2
    types = [q for q in default if q.predicate.value == rdf.RDF + "type" and "/entity/" in q.subject.value]
    assert len(types) == len({q.subject for q in types}) == len(sample_graph().entities())


def test_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = sample_graph().documents
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert rdf.build_time(docs) == "2024-01-02T00:00:00Z"
    assert rdf.build_time([DocumentMeta(id="x", date="2023年5月1日")]) == "1970-01-01T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert rdf.build_time(docs) == "2023-11-14T22:13:20Z"


# Formats -----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", list(rdf.FORMATS))
def test_every_format_parses_strictly_with_both_libraries(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)  # compare lexical forms as written
    quads = rdf.to_quads(sample_graph())
    data = rdf.serialize(quads, fmt)
    expected = _quad_set(quads)
    if fmt not in {"nquads", "trig", "json-ld"}:
        expected = _quad_set(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    parsed = list(ox.parse(data, format=rdf.FORMATS[fmt][1]))
    assert _quad_set(parsed) == expected
    ds = rdflib.Dataset()
    ds.parse(data=data, format=RDFLIB_FORMATS[fmt])
    from_rdflib = {
        str(ox.Quad(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o), _graph_from_rdflib(c)))
        for s, p, o, c in ds.quads()
    }
    assert from_rdflib == expected


def test_hostile_text_survives_every_format() -> None:
    quads = rdf.to_quads(sample_graph())
    for fmt, (_, oxfmt) in rdf.FORMATS.items():
        parsed = ox.parse(rdf.serialize(quads, fmt), format=oxfmt)
        sentences = {q.object.value for q in parsed if q.predicate.value == rdf.KG + "evidence"}
        assert HOSTILE + "与中国银联合作。" in sentences, fmt


@pytest.mark.parametrize("fmt", list(rdf.FORMATS))
def test_control_characters_are_escaped_and_come_back(fmt: str) -> None:
    title = 'a\x00b\x07c\x08d\te\x0bf\x0cg\rh\x1fi\x7fj"k\\l\u2028m\ufffen'
    g = KnowledgeGraph().update([Extraction(DocumentMeta(id="d1", title=title), (EntityRecord("华为", "ORG"),))])
    data = rdf.serialize(g, fmt)
    titles = [q.object.value for q in ox.parse(data, format=rdf.FORMATS[fmt][1]) if q.predicate.value.endswith("title")]
    if fmt == "xml":  # XML 1.0 cannot hold most C0 controls nor U+FFFE, even escaped: they become U+FFFD
        xml.dom.minidom.parseString(data)
        assert titles == [re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", "\ufffd", title)]
    else:
        assert titles == [title]
    if fmt in {"ntriples", "nquads"}:
        assert b"\\u0000" in data and b"\\t" in data and b"\x00" not in data


def test_a_base_that_is_no_iri_is_refused_by_name() -> None:
    g = KnowledgeGraph("https://example.org/a b/").update([Extraction(DocumentMeta(id="d"), ())])
    with pytest.raises(ValueError, match=re.escape("not a valid IRI: 'https://example.org/a b/")):
        rdf.serialize(g, "nquads")


@pytest.mark.parametrize("fmt", list(rdf.FORMATS))
def test_quads_made_elsewhere_are_written_like_the_graph_itself(fmt: str) -> None:
    g = sample_graph()
    quads = rdf.to_quads(g)
    assert rdf.serialize(list(reversed(quads)), fmt) == rdf.serialize(g, fmt)


def test_jsonld_is_compacted_with_the_project_context() -> None:
    import json

    document = json.loads(rdf.serialize(sample_graph(), "json-ld"))
    assert document["@context"] == rdf.context()
    text = json.dumps(document, ensure_ascii=False)
    assert '"entity:中国银联"' in text
    assert '"confidence": "0.75"' in text


@pytest.mark.parametrize("fmt", list(rdf.FORMATS))
def test_small_graphs_round_trip(fmt: str, tmp_path: Path) -> None:
    one_entity = KnowledgeGraph().update([Extraction(DocumentMeta(id="d"), (EntityRecord("华为", "ORG"),))])
    for g in (KnowledgeGraph(), one_entity):
        path = tmp_path / ("kg" + rdf.FORMATS[fmt][0])
        path.write_bytes(rdf.serialize(g, fmt))
        assert list(ox.parse(path=str(path)))
        back = rdf.load(path)
        assert (back.entities(), back.documents) == (g.entities(), g.documents)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown RDF format"):
        rdf.serialize(sample_graph(), "n3")


_DIGEST_SCRIPT = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from samples import sample_graph
from kg import rdf
g = sample_graph()
print(" ".join(hashlib.sha256(rdf.serialize(g, f)).hexdigest() for f in rdf.FORMATS))
"""


def test_output_is_byte_identical_across_processes_and_hash_seeds() -> None:
    digests = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST_SCRIPT, str(Path(__file__).parent)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent.parent,
        )
        digests.append(out.stdout)
    assert digests[0] == digests[1]
    assert len(digests[0].split()) == len(rdf.FORMATS)


def test_output_does_not_depend_on_document_order() -> None:
    g = sample_graph()
    reordered = KnowledgeGraph()
    for doc in reversed(g.documents):
        records = [
            RelationRecord(r.head, r.relation, r.tail, e)
            for r in g.relations()
            for e in r.evidence
            if e.document == doc.id
        ]
        reordered.add(
            Extraction(
                doc,
                tuple(
                    EntityRecord(
                        e.label,
                        e.type,
                        tuple(e.aliases),
                        e.mentions if e.documents[0] == doc.id else 0,
                        e.label_en,
                        e.known,
                    )
                    for e in g.entities()
                    if doc.id in e.documents
                ),
                tuple(records),
            )
        )
    assert rdf.serialize(reordered, "trig") == rdf.serialize(g, "trig")


# Loading ----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", list(rdf.FORMATS))
def test_round_trip(fmt: str, tmp_path: Path) -> None:
    g = sample_graph("https://example.org/data/")
    path = tmp_path / ("kg" + rdf.FORMATS[fmt][0])
    path.write_bytes(rdf.serialize(g, fmt))
    back = rdf.load(path)
    assert back.base == "https://example.org/data/"
    assert back.entities() == g.entities()
    assert back.relations() == g.relations()
    assert back.documents == g.documents
    assert rdf.serialize(back, "nquads") == rdf.serialize(g, "nquads")


def test_load_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot tell"):
        rdf.load(tmp_path / "kg.txt")
