"""Arbitrary text and bytes never crash ingestion or extraction, and every export still parses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import Extractor
from kg.graph import KnowledgeGraph
from kg.ingest import IngestError, decode_bytes, parse_text
from kg.rdf import serialize

# Chinese business prose is the interesting case: mix CJK, names the lexicon knows, cue words and punctuation with
# arbitrary Unicode (controls, surrogates excluded by hypothesis, combining marks, RTL, emoji).
_PIECES = st.sampled_from(
    ["中国银联", "农行", "推出", "联合", "“", "”", "、", "等", "。", "，", "<", ">", '"', "\\", "\n", "2019年",
     "有限公司", "银行", "APP", "卡", "计划", "在", "落地", "依托", "哈尔滨", " ", "&amp;", "</script>", "{", "}"]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_any_bytes_decode_or_fail_cleanly(data: bytes):
    try:
        text = decode_bytes(data, source="fuzz.bin")
    except IngestError as error:
        assert "fuzz.bin" in str(error)
        return
    assert isinstance(text, str)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_any_text_extracts_and_exports(extractor: Extractor, text: str):
    try:
        doc = parse_text(text, source="fuzz.md", doc_id="fuzz.md")
    except IngestError:
        return
    extraction = extractor.extract(doc)
    for r in extraction.relations:
        assert doc.text[r.evidence.start : r.evidence.end] == r.evidence.sentence
    g = KnowledgeGraph()
    g.add(extraction)
    for fmt, rdf_format in (("nquads", ox.RdfFormat.N_QUADS), ("turtle", ox.RdfFormat.TURTLE),
                            ("trig", ox.RdfFormat.TRIG), ("json-ld", ox.RdfFormat.JSON_LD)):  # fmt: skip
        data = serialize(g, fmt)
        list(ox.parse(data, format=rdf_format))
