"""Inputs and messages: the JSON record fields can be named, a folder walk says what it skipped, kg query's errors are
one line that points at the query, and the progress bar knows its total; never a traceback.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from pathlib import Path

import pytest

import kg
from kg.cli import main
from kg.ingest import RecordFields, count, read_documents
from kg.ingest.count import count_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEXT = "2020年，中国银联推出了“云闪付”App。华为与中国银联达成合作。"  # a sentence of our own


def _one_line_errors(err: str) -> list[str]:
    """The lines of stderr, each a `kg:` message and none of them a traceback."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert all(line.startswith("kg: ") for line in lines), err
    return lines


# JSON record fields -------------------------------------------------------------------------------------------------
@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    record = {"uid": "n1", "body": TEXT, "headline": "云闪付上线", "published": "2020年5月1日", "text": "不是正文。"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_record_fields_can_be_named(renamed: Path) -> None:
    fields = RecordFields(text="body", id="uid", title="headline", date="published")
    [doc] = read_documents([renamed], fields=fields)
    assert (doc.id, doc.title, doc.date, doc.text) == ("n1", "云闪付上线", "2020-05-01", TEXT)
    [default] = read_documents([renamed])
    assert (default.id, default.title, default.date, default.text) == ("feed.jsonl#1", "", None, "不是正文。")


def test_kg_build_options_and_api_keywords_name_the_fields(
    renamed: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    options = ["--text-field", "body", "--id-field", "uid", "--title-field", "headline", "--date-field", "published"]
    assert main(["build", str(renamed), "-o", str(tmp_path / "o"), *options]) == 0
    _one_line_errors(capsys.readouterr().err)
    [doc] = kg.load(tmp_path / "o" / "kg.nq").documents
    assert (doc.id, doc.title, doc.date) == ("n1", "云闪付上线", "2020-05-01")
    graph = kg.build([renamed], text_field="body", id_field="uid", title_field="headline", date_field="published")
    assert graph.find("云闪付") is not None and [d.id for d in graph.documents] == ["n1"]


def test_kg_extract_names_the_missing_field(renamed: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", str(renamed), "--text-field", "content"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    [line] = _one_line_errors(err)
    hint = "add the field, or name the text field with --text-field"
    assert line == f"kg: {renamed}:1: record has no 'content' string ({hint})"
    assert main(["extract", str(renamed), "--text-field", "body", "--id-field", "uid"]) == 0
    assert json.loads(capsys.readouterr().out)["document"] == "n1"


# skipped files ------------------------------------------------------------------------------------------------------
def test_a_folder_walk_reports_what_it_skipped_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt.gz").write_bytes(gzip.compress("2021年，中国工商银行推出了“工银e生活”App。".encode(), mtime=0))
    (folder / "logo.png").write_bytes(b"\x89PNG")
    (folder / "sub" / "photo.JPG").write_bytes(b"\xff\xd8\xff")
    (folder / "tool.exe").write_bytes(b"MZ")
    (folder / "notes").write_text("no extension", encoding="utf-8")
    (folder / ".hidden.png").write_bytes(b"\x89PNG")
    assert main(["build", str(folder), "-o", str(tmp_path / "o")]) == 0
    lines = _one_line_errors(capsys.readouterr().err)
    skipped = [line for line in lines if "skipped" in line and "duplicates" not in line]
    assert skipped == [
        f"kg: skipped 4 files in {folder}/: 2 images (.jpg, .png), 1 executable or library (.exe), 1 other"
    ]
    assert lines[1].startswith("kg: built 2 documents")  # the gzipped text is read
    assert sorted(d.id for d in kg.load(tmp_path / "o" / "kg.nq").documents) == ["a.md", "b.txt.gz"]


def test_a_folder_with_nothing_to_read_says_what_it_held(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.png").write_bytes(b"\x89PNG")
    assert main(["extract", str(tmp_path / "pics")]) == 0
    assert _one_line_errors(capsys.readouterr().err) == [f"kg: skipped 1 file in {tmp_path / 'pics'}/: 1 image (.png)"]


# kg query -----------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    assert main(["build", str(EXAMPLES), "-o", str(out)]) == 0
    return out


def _query(capsys: pytest.CaptureFixture, export: Path, query: str) -> str:
    assert main(["query", query, "--data", str(export / "kg.nq")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = _one_line_errors(err)
    return line


def test_a_missing_query_file_is_one_line(export: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "missing.rq"
    line = _query(capsys, export, f"@{missing}")
    assert line == f"kg: {missing}: cannot read the query: No such file or directory"


def test_a_syntax_error_points_into_the_query_file(export: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?x\nWHERE {\n  ?x ?y \n}\n", encoding="utf-8")
    line = _query(capsys, export, f"@{path}")
    assert line.startswith(f"kg: {path}:4:2: SPARQL syntax error")
    assert "kg.nq" not in line


def test_an_undeclared_prefix_is_named(export: Path, capsys: pytest.CaptureFixture) -> None:
    line = _query(capsys, export, "SELECT * WHERE {\n  ?x foo:bar ?y }")
    assert line == "kg: query:2:13: SPARQL syntax error near '?y }' (prefix foo: is not declared)"
    assert "\\u{" not in line  # none of the grammar's character classes


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?x ?y ?z ", 'SELECT * WHERE { ?x ?y "a }', "   "])
def test_other_syntax_errors_are_one_short_line(query: str, export: Path, capsys: pytest.CaptureFixture) -> None:
    line = _query(capsys, export, query)
    assert line.startswith("kg: query") and len(line) < 200


# progress -----------------------------------------------------------------------------------------------------------
def test_documents_are_counted_cheaply(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"第{i}条。"}, ensure_ascii=False) for i in range(5000)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "no_newline.jsonl").write_text("\n".join(lines[:3]), encoding="utf-8")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    (tmp_path / "c.md").write_text(TEXT, encoding="utf-8")
    assert count_documents([tmp_path / "a.jsonl", tmp_path / "no_newline.jsonl", tmp_path / "c.md"]) == 5004
    assert count_documents([tmp_path / "b.jsonl.gz"]) == 5000  # smaller than the sample: every line counted
    assert count_documents([EXAMPLES, tmp_path / "c.md"]) == 4
    assert count_documents([EXAMPLES, "-"]) is None


def test_a_large_jsonl_file_is_estimated_from_a_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(count, "EXACT_BYTES", 4 << 20)  # a large file, for this test
    line = json.dumps({"text": "银行推出新卡。" * 20}, ensure_ascii=False) + "\n"
    copies = count.EXACT_BYTES // len(line.encode()) * 2
    with (tmp_path / "big.jsonl").open("w", encoding="utf-8") as out:
        out.write(line * copies)
    assert abs(count_documents([tmp_path / "big.jsonl"]) - copies) <= copies // 100


def test_the_progress_bar_shows_the_total(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    kg.build([EXAMPLES], progress=True)
    shown = terminal.getvalue()
    assert "0/3" in shown and "3/3" in shown
    assert re.search(r"\[\d\d:\d\d<\d\d:\d\d", shown)  # [elapsed<left]: the time left, worked out from the total
