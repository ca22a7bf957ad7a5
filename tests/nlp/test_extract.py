"""kg.extract: Documents in, Extraction records out, with offsets into the document text."""

from __future__ import annotations

import pytest
from spacy.language import Language

import kg.extract
from kg.extract import Extractor, extraction_to_json
from kg.model import Document, Extraction

TEXT = (
    "中国银联携手华为推出手机闪付。哈尔滨松雷商场接入云闪付。\n"
    "松雷商场表示，云闪付APP用户增长明显。中国银联于2019年推出云闪付APP。\n"
    "银联与中国农业银行合作推出助农取款服务。农行表示将扩大覆盖。\n"
)


@pytest.fixture(scope="module")
def extractor(nlp: Language) -> Extractor:
    return Extractor(nlp=nlp)


@pytest.fixture(scope="module")
def extraction(extractor: Extractor) -> Extraction:
    return extractor.extract(Document(id="doc-1", text=TEXT, title="银联新闻"))


def test_evidence_points_at_the_sentence_in_the_document(extraction: Extraction) -> None:
    assert extraction.relations
    for r in extraction.relations:
        ev = r.evidence
        assert ev.document == "doc-1"
        assert ev.sentence == TEXT[ev.start : ev.end]
        assert ev.sentence and "\n" not in ev.sentence
        assert 0 < ev.confidence <= 1 and ev.rule


def test_relations_and_years(extraction: Extraction) -> None:
    facts = {(r.head, r.relation, r.tail): r.evidence for r in extraction.relations}
    assert facts[("中国银联", "launched", "云闪付")].year == 2019
    assert facts[("中国银联", "partnered_with", "华为")].year is None
    assert ("中国银联", "partnered_with", "中国农业银行") in facts  # 银联 and 农行 resolved to canonical names
    assert ("哈尔滨松雷商场", "located_in", "哈尔滨") in facts


def test_entities_are_keyed_by_canonical_label(extraction: Extraction) -> None:
    by_label = {e.label: e for e in extraction.entities}
    assert [e.label for e in extraction.entities] == sorted(by_label)
    assert by_label["中国银联"].type == "ORG" and by_label["中国银联"].known
    assert by_label["中国银联"].mentions == 3 and "银联" in by_label["中国银联"].aliases
    assert by_label["云闪付"].mentions == 3 and "云闪付APP" in by_label["云闪付"].aliases
    assert by_label["哈尔滨松雷商场"].mentions == 2 and "松雷商场" in by_label["哈尔滨松雷商场"].aliases
    assert by_label["中国农业银行"].mentions == 2 and "农行" in by_label["中国农业银行"].aliases
    assert not {"银联", "农行", "云闪付APP", "松雷商场"} & set(by_label)


def test_the_document_metadata_travels_with_the_extraction(extraction: Extraction) -> None:
    assert extraction.document.id == "doc-1" and extraction.document.title == "银联新闻"
    assert extraction.document.length == len(TEXT)


def test_long_texts_are_chunked_and_offsets_stay_right(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.extract, "CHUNK_CHARS", 300)  # the real size would make this test take seconds
    text = TEXT * 8
    assert len(text) > kg.extract.CHUNK_CHARS
    chunks = list(kg.extract._chunks(text))
    assert len(chunks) > 1 and "".join(c for _, c in chunks) == text
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in chunks)

    result = extractor.extract(Document(id="long", text=text))
    starts = {r.evidence.start for r in result.relations}
    assert max(starts) > kg.extract.CHUNK_CHARS  # evidence from a later chunk
    for r in result.relations:
        assert r.evidence.sentence == text[r.evidence.start : r.evidence.end]
    by_label = {e.label: e for e in result.entities}
    assert by_label["中国银联"].mentions == 3 * 8


def test_a_chunked_text_gives_the_facts_of_the_whole_text(
    extractor: Extractor, extraction: Extraction, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.extract, "CHUNK_CHARS", 200)
    result = extractor.extract(Document(id="doc-1", text=TEXT))
    facts = {(r.head, r.relation, r.tail, r.evidence.start) for r in result.relations}
    assert facts == {(r.head, r.relation, r.tail, r.evidence.start) for r in extraction.relations}


def test_json_has_one_record_per_fact_with_consistent_ids(extractor: Extractor) -> None:
    text = TEXT * 3
    record = extraction_to_json(extractor.extract(Document(id="doc-3", text=text, title="t")))
    assert record["document"] == "doc-3" and record["title"] == "t"
    ids = {e["id"]: e for e in record["entities"]}
    assert len(ids) == len(record["entities"])
    assert len({e["label"] for e in record["entities"]}) == len(ids)
    keys = [(r["head"], r["relation"], r["tail"]) for r in record["relations"]]
    assert keys and len(keys) == len(set(keys))
    for r in record["relations"]:
        assert ids[r["head"]]["label"] == r["head_label"]
        assert ids[r["tail"]]["label"] == r["tail_label"]
        assert r["evidence"] == text[r["start"] : r["end"]]
        assert 0 < r["confidence"] <= 1 and r["rule"]
    launched = next(
        r
        for r in record["relations"]
        if (r["head_label"], r["relation"], r["tail_label"]) == ("中国银联", "launched", "云闪付")
    )
    assert launched["support"] == 3 and launched["year"] == 2019


def test_json_puts_a_symmetric_relation_in_one_direction(extractor: Extractor) -> None:
    text = "中国银联携手华为推出手机闪付。华为携手中国银联推出华为钱包。"
    record = extraction_to_json(extractor.extract(Document(id="sym", text=text)))
    partners = [r for r in record["relations"] if r["relation"] == "partnered_with"]
    assert len(partners) == 1 and partners[0]["support"] == 2
    assert partners[0]["head_label"] < partners[0]["tail_label"]


def test_extraction_is_deterministic(extractor: Extractor) -> None:
    document = Document(id="d", text=TEXT)
    assert extraction_to_json(extractor.extract(document)) == extraction_to_json(extractor.extract(document))


def test_documents_share_pipe_calls_and_come_back_one_each_in_order(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.extract, "CHUNK_CHARS", 200)
    texts = [TEXT, "", TEXT * 3, "华为与中国银联达成合作。", TEXT[:40]]
    documents = [Document(id=f"d{i}", text=text) for i, text in enumerate(texts)]
    alone = [extractor.extract(d) for d in documents]
    calls: list[int] = []
    pipe = extractor.nlp.pipe

    def counted(texts, **options):
        texts = list(texts)
        calls.append(len(texts))
        return pipe(texts, **options)

    monkeypatch.setattr(extractor.nlp, "pipe", counted)
    together = list(extractor.extract_many(documents, batch_size=2))
    assert together == alone
    assert [x.document.id for x in together] == [d.id for d in documents]
    groups = [documents[0:2], documents[2:4], documents[4:]]
    assert calls == [sum(len(list(kg.extract._chunks(d.text))) for d in group) for group in groups]
    assert calls[1] > 2  # the long text is still cut into chunks
