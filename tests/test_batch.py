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


def test_content_an_earlier_build_holds_is_unchanged_not_duplicate() -> None:
    report = BuildReport()
    old = _doc("old", "丙银行推出一张卡。")
    kept = list(unique_documents([old, _doc("new", "丁银行推出一张卡。"), old], report, known={old.content_hash}))
    assert [d.id for d in kept] == ["new"]
    assert (report.documents, report.duplicates, report.unchanged) == (1, 0, 2)


def test_a_filter_counts_into_the_report_it_was_given() -> None:
    report = BuildReport()
    contents = ContentFilter(report, known={"h0"})
    assert [contents.admit(h, 10) for h in ("h1", "h0", "h1", "h2")] == [True, False, False, True]
    assert (report.documents, report.duplicates, report.unchanged, report.characters) == (2, 1, 1, 20)
