"""An export assembled from cached blocks is the full export, and an update re-renders only what changed."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from samples import evidence, sample_graph

from kg.graph import KnowledgeGraph
from kg.iri import DEFAULT_BASE
from kg.model import DocumentMeta, EntityRecord, Extraction, Measurement, RelationRecord
from kg.rdf.layout import Layout
from kg.rdf.patch import PatchedExport, _serialized, _write
from kg.rdf.writer import Export

FORMATS = ["nquads", "ntriples", "turtle", "trig", "json-ld", "xml"]


def _figure(doc: str, subject: str) -> Measurement:
    sentence = f"{subject}去年营收达到12亿元。"
    return Measurement(subject, "营收", 1.2e9, "元", "eq", "12亿元", 9, 14, evidence(doc, sentence, 0))


def _third(label: str = "星河智联科技有限公司", alias: str = "星河智联") -> Extraction:
    doc = DocumentMeta(id="doc 3", title="三", date="2024-02-03", content_hash="cd" * 32, length=40)
    sentence = f"{label}与中国银联合作。"
    return Extraction(
        doc,
        (EntityRecord(label, "ORG", aliases=(alias,)), EntityRecord("中国银联", "ORG", known=True)),
        (RelationRecord(label, "partnered_with", "中国银联", evidence(doc.id, sentence, 0)),),
        (_figure(doc.id, label),),
    )


def _written(export: PatchedExport, folder: Path) -> Layout:
    """Write every format of the export into ``folder``; what the state would keep of it."""
    folder.mkdir(exist_ok=True)
    files = {}
    for fmt in FORMATS:
        files[fmt] = folder / f"export.{fmt}"
        fd = os.open(files[fmt], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        try:
            export.write(fmt, fd)
        finally:
            os.close(fd)
    return export.layout(files)


@pytest.mark.parametrize("fmt", FORMATS)
def test_blocks_give_the_full_export_in_every_format(fmt: str, tmp_path: Path) -> None:
    g = sample_graph()
    g.add(_third())
    full = Export.of(g).serialize(fmt)
    rendered = PatchedExport(g)
    assert rendered.serialize(fmt) == full
    layout = _written(rendered, tmp_path / "before")
    assert layout.files[fmt][0].read_bytes() == full
    reused = PatchedExport(g, layout)
    assert reused.serialize(fmt) == full
    assert reused.rendered == set()
    _written(reused, tmp_path / "again")
    assert (tmp_path / "again" / f"export.{fmt}").read_bytes() == full


def _added(g: KnowledgeGraph, extraction: Extraction, folder: Path) -> PatchedExport:
    """The export after adding one extraction, from the files of the export before; checked against a full one,
    written to a file and in memory."""
    layout = _written(PatchedExport(g), folder / "before")
    g.add(extraction)
    after = PatchedExport(g, layout)
    _written(after, folder / "after")
    for fmt in FORMATS:
        full = Export.of(g).serialize(fmt)
        assert after.serialize(fmt) == full, fmt
        assert (folder / "after" / f"export.{fmt}").read_bytes() == full, fmt
    return after


def test_an_added_document_renders_its_own_block_and_the_entities_it_changes(tmp_path: Path) -> None:
    after = _added(sample_graph(), _third(), tmp_path)
    # the new document, its new entity, and 中国银联 (one more document, one more fact it is part of)
    assert after.rendered == {"ddoc 3", "e星河智联科技有限公司", "e中国银联"}


def test_a_removed_document_leaves_its_pieces_out(tmp_path: Path) -> None:
    g = sample_graph()
    g.add(_third())
    layout = _written(PatchedExport(g), tmp_path / "before")
    g.remove("doc 3")
    after = PatchedExport(g, layout)
    for fmt in FORMATS:
        assert after.serialize(fmt) == Export.of(g).serialize(fmt), fmt
    assert "ddoc 3" not in after.layout({}).units["q"]


def test_an_old_file_shorter_than_its_layout_is_an_error_not_a_wrong_export(tmp_path: Path) -> None:
    g = sample_graph()
    layout = _written(PatchedExport(g), tmp_path / "before")
    file = layout.files["nquads"][0]
    file.write_bytes(file.read_bytes()[:100])
    with pytest.raises(OSError, match="shorter than its layout says"):
        PatchedExport(g, layout).serialize("nquads")


def test_a_merge_by_resolution_renders_again_the_documents_whose_labels_it_moves(tmp_path: Path) -> None:
    """A document that calls a company by its short form keeps its text, but once another document says whose short
    form it is, its facts and figures name the merged entity: its block must be rendered again."""
    g = KnowledgeGraph()
    first = DocumentMeta(id="a", content_hash="ab" * 32, length=30)
    sentence = "星河智联与中国银联合作。"
    g.add(
        Extraction(
            first,
            (EntityRecord("星河智联", "ORG"), EntityRecord("中国银联", "ORG", known=True)),
            (RelationRecord("星河智联", "partnered_with", "中国银联", evidence("a", sentence, 0)),),
            (_figure("a", "星河智联"),),
        )
    )
    after = _added(g, _third(), tmp_path)
    assert "da" in after.rendered
    assert "星河智联科技有限公司" in after.nquads().decode() and "entity/星河智联>" not in after.nquads().decode()


@pytest.mark.parametrize("fmt", ["turtle", "trig", "xml"])
def test_joined_pyoxigraph_formats_keep_what_the_whole_serializers_write(fmt: str) -> None:
    """Pieces serialized alone and joined give pyoxigraph's whole-graph text also where it is unusual: a document
    id ending in "." (a full IRI in Turtle and TriG), a title with a line break and a character XML forbids (U+FFFD
    in RDF/XML), and another base."""
    g = KnowledgeGraph("http://example.org/news/")
    doc = DocumentMeta(id="2024.v1.", title="第一行\n第二\x01行", date="2024-02-03", content_hash="ef" * 32, length=9)
    g.add(
        Extraction(
            doc,
            (EntityRecord("星河智联", "ORG"), EntityRecord("中国银联", "ORG", known=True)),
            (
                RelationRecord(
                    "星河智联", "partnered_with", "中国银联", evidence(doc.id, "星河智联与中国银联合作。", 0)
                ),
            ),
            (),
        )
    )
    g.add(_third())
    full = Export.of(g).serialize(fmt)
    assert PatchedExport(g).serialize(fmt) == full
    assert (b"\xef\xbf\xbd" in full) if fmt == "xml" else (b"<http://example.org/news/doc/2024.v1.>" in full)


@pytest.mark.parametrize("fmt", FORMATS)
def test_blocks_rendered_by_two_processes_give_the_same_export(fmt: str) -> None:
    g = sample_graph()
    g.add(_third())
    split = PatchedExport(g, processes=2)
    assert split.serialize(fmt) == Export.of(g).serialize(fmt)
    alone = PatchedExport(g)
    assert split.layout({}) == alone.layout({})
    assert split.rendered == alone.rendered == set(alone.layout({}).signatures)


_HOSTILE = [
    '<urn:x-kg:s> <urn:x-kg:p> "<urn:x-kg:cut> <urn:x-kg:cut> <urn:x-kg:cut> .\\n" .\n',
    '<urn:x-kg:s> <urn:x-kg:q> "<urn:x-kg:cut> <urn:x-kg:cut> <urn:x-kg:cut>" .\n',
    '<urn:x-kg:s> <urn:x-kg:p> "</rdf:Description>\\n\\t<rdf:Description rdf:about=\\"urn:x-kg:cut\\">"@zh .\n',
    '<urn:x-kg:t> <urn:x-kg:p> "a" .\n<urn:x-kg:t> <urn:x-kg:p> "b" .\n<urn:x-kg:t#s> <urn:x-kg:p> "c" .\n',
]


@pytest.mark.parametrize("fmt", ["turtle", "xml", "trig"])
def test_pieces_serialized_together_are_each_as_written_alone(fmt: str) -> None:
    """One call for a run of pieces, cut apart, gives what one call per piece gives: with literals that spell the cut
    statement, and neighbours that share a subject (which the serializer would merge without the cut)."""
    kind = ox.RdfFormat.N_QUADS if fmt == "trig" else ox.RdfFormat.N_TRIPLES
    texts = [text.encode() for text in _HOSTILE]
    if fmt == "trig":
        texts.append(b'<urn:x-kg:s> <urn:x-kg:p> "in a graph" <urn:x-kg:g> .\n')
        texts[-1] += b"<urn:x-kg:u> <urn:x-kg:p> <urn:x-kg:s> <urn:x-kg:g> .\n"
    texts += texts[:2]
    alone = [_write(DEFAULT_BASE, text, kind, fmt) for text in texts]
    assert len(set(alone)) > 2 and all(alone)
    assert _serialized(DEFAULT_BASE, texts, kind, fmt) == alone
