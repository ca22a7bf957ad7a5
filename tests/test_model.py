"""The records between stages: one set of document fields, and one order for symmetric facts."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from kg.model import (
    SYMMETRIC_RELATIONS,
    Document,
    DocumentInfo,
    DocumentMeta,
    EntityRecord,
    Evidence,
    Extraction,
    Measurement,
    RelationRecord,
    fact_key,
)


def _document() -> Document:
    return Document(
        id="新闻/1",
        text="某银行推出一款新的信用卡。",
        title="新卡发布",
        date="2024-03-05",
        author="记者甲",
        categories=("金融", "银行"),
        source="feed.jsonl",
        url="https://example.com/1",
    )


def test_a_document_and_its_meta_share_every_field_but_the_text() -> None:
    doc = _document()
    meta = doc.meta()
    info = [f.name for f in dataclasses.fields(DocumentInfo)]
    assert [f.name for f in dataclasses.fields(Document)] == [*info, "text"]
    assert [f.name for f in dataclasses.fields(DocumentMeta)] == [*info, "content_hash", "length"]
    assert all(getattr(meta, name) == getattr(doc, name) for name in info)
    assert meta.content_hash == doc.content_hash and len(meta.content_hash) == 64
    assert meta.length == len(doc.text) == 13


def test_document_records_pickle_and_replace_like_any_frozen_record() -> None:
    doc = _document()
    for record in (doc, doc.meta()):
        assert pickle.loads(pickle.dumps(record)) == record
        renamed = dataclasses.replace(record, id="新闻/1#2")
        assert renamed.id == "新闻/1#2" and renamed.title == record.title
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.title = "改"  # type: ignore[misc]
    assert doc != doc.meta()


def test_what_a_worker_sends_back_is_pickled_as_constructor_arguments() -> None:
    """An extraction comes back equal, and each record in it is its class called with its field values (no state
    to set per object, which made collecting the workers' results slow)."""
    ev = Evidence("新闻/1", "甲公司推出乙卡。", 0, 8, "launch_verb", 0.9, 2024, 2)
    extraction = Extraction(
        _document().meta(),
        (EntityRecord("甲公司", "ORG", ("甲",), 3, "Jia", True), EntityRecord("乙卡", "PRODUCT")),
        (RelationRecord("甲公司", "launched", "乙卡", ev),),
        (Measurement("甲公司", "营收", 1.2e9, "元", "eq", "12亿元", 2, 7, ev, upper=1.5e9, time="2024"),),
    )
    back = pickle.loads(pickle.dumps(extraction))
    assert back == extraction and type(back.document) is DocumentMeta
    for record in (extraction, extraction.document, ev, *extraction.entities, *extraction.relations):
        cls, args = record.__reduce__()
        assert cls is type(record) and cls(*args) == record
        assert args == tuple(getattr(record, f.name) for f in dataclasses.fields(record))


def test_a_document_needs_its_text_by_name() -> None:
    with pytest.raises(TypeError, match="text"):
        Document("a.md")  # type: ignore[call-arg]
    assert Document("a.md", text="正文").text == "正文"


@pytest.mark.parametrize("relation", sorted(SYMMETRIC_RELATIONS))
def test_a_symmetric_fact_has_one_key_whichever_end_comes_first(relation: str) -> None:
    assert fact_key("乙公司", relation, "甲公司") == fact_key("甲公司", relation, "乙公司")
    assert fact_key("乙公司", relation, "甲公司") == (min("甲公司", "乙公司"), relation, max("甲公司", "乙公司"))
    assert fact_key(2, relation, 1) == (1, relation, 2)


def test_a_directed_fact_keeps_its_direction() -> None:
    assert fact_key("乙公司", "launched", "甲卡") == ("乙公司", "launched", "甲卡")
    assert fact_key("甲卡", "launched", "乙公司") == ("甲卡", "launched", "乙公司")
