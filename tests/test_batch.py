"""What every build shares: one content built once, counted in the report."""

from __future__ import annotations

from kg.batch import BuildReport, ContentFilter, unique_documents
from kg.model import Document


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text)


def test_the_first_document_with_a_content_wins_and_the_report_counts_the_rest() -> None:
    report = BuildReport()
    docs = [_doc("a", "甲公司发布新品。"), _doc("b", "乙公司发布新品。"), _doc("c", "甲公司发布新品。")]
    kept = list(unique_documents(docs, report))
    assert [d.id for d in kept] == ["a", "b"]
    assert (report.documents, report.duplicates, report.unchanged) == (2, 1, 0)
    assert report.characters == len(docs[0].text) + len(docs[1].text)
    assert report.summary() == "built 2 documents; 1 duplicates skipped"


def test_a_document_an_earlier_build_holds_is_unchanged_and_its_content_read_again_a_duplicate() -> None:
    report = BuildReport()
    old = _doc("old", "丙银行推出一张卡。")
    docs = [old, _doc("new", "丁银行推出一张卡。"), old]
    kept = list(unique_documents(docs, report, known={old.meta()}))
    assert [d.id for d in kept] == ["new"]
    assert (report.documents, report.duplicates, report.unchanged) == (1, 1, 1)
    assert report.unchanged_ids == {"old"}


def test_a_known_content_under_another_id_or_date_is_built_again() -> None:
    """What an update keeps must be what a full build of the same inputs keeps: the id and the date (which dates
    figures) change the extraction."""
    report = BuildReport()
    old = _doc("old", "丙银行推出一张卡。")
    moved, redated = _doc("moved", old.text), Document(id="old", date="2024-01-01", text=old.text)
    assert [d.id for d in unique_documents([moved], report, known={old.meta()})] == ["moved"]
    assert [d.id for d in unique_documents([redated], report, known={old.meta()})] == ["old"]
    assert report.unchanged == 0


def test_a_new_title_or_source_keeps_the_extraction_and_is_listed_as_refreshed() -> None:
    report = BuildReport()
    old = _doc("old", "丙银行推出一张卡。")
    retitled = Document(id="old", title="新标题", source="b.jsonl", text=old.text)
    assert list(unique_documents([retitled], report, known={old.meta()})) == []
    assert (report.unchanged, report.refreshed) == (1, [retitled.meta()])


def test_a_filter_counts_into_the_report_it_was_given() -> None:
    report = BuildReport()
    metas = [_doc(f"d{i}", text).meta() for i, text in enumerate(["甲。", "乙。", "甲。", "丙。"])]
    contents = ContentFilter(report, known={metas[1]})
    assert [contents.admit(m) for m in metas] == [True, False, False, True]
    assert (report.documents, report.duplicates, report.unchanged, report.characters) == (2, 1, 1, 4)
