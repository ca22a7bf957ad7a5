"""Tests for kg.ingest: formats sniffed by content, encodings, bad input, ids, streaming."""

from __future__ import annotations

import gzip
import io
import pickle
import re
import shutil
from pathlib import Path

import pytest
from shared_data import shared

from kg.ingest import (
    IngestError,
    clean_text,
    decode_bytes,
    normalize_date,
    parse_text,
    read_documents,
    read_file,
)
from kg.model import Document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXAMPLES = Path(__file__).parent.parent / "examples"


def read_all(*inputs: str | Path, **kwargs) -> tuple[list[Document], list[IngestError]]:
    errors: list[IngestError] = []
    docs = list(read_documents(inputs, on_error=errors.append, **kwargs))
    return docs, errors


def one(path: Path) -> Document:
    (doc,) = read_file(path)
    return doc


# formats --------------------------------------------------------------------


def test_front_matter_with_html_body_in_a_txt_file() -> None:
    doc = one(FIXTURES / "front_matter_html.txt")
    assert doc.id == "front_matter_html.txt"
    assert doc.title == '中国银联推出"测试"卡'
    assert doc.date == "2022-03-18"
    assert doc.author == "测试作者"
    assert doc.categories == ("金融", "银行", "支付")
    assert doc.url == "https://example.com/a"
    assert doc.source == str(FIXTURES / "front_matter_html.txt")
    assert doc.text.startswith("2021年，中国银联联合招商银行推出新卡。\n\n该卡已在北京、上海&深圳落地中 国。")
    assert "第一行\n第二行" in doc.text
    assert "甲\n\n乙" in doc.text
    assert doc.text.endswith("中国银联")  # a source line break between CJK characters is no space
    for gone in ("不应出现", "color", "注释", "<", "&amp;", "&nbsp;", "title:", "---"):
        assert gone not in doc.text


def test_html_page_takes_title_from_title_tag_and_drops_head() -> None:
    doc = one(FIXTURES / "page.html")
    assert doc.title == "支付宝 新功能 发布"
    assert doc.text == "页面大标题\n\n蚂蚁集团宣布，支付宝上线新功能。\n\n城市 杭州"


def test_html_fragment_takes_title_from_first_h1_and_removes_it_from_text() -> None:
    doc = one(FIXTURES / "fragment.htm")
    assert doc.title == "建设银行 发布 新App"
    assert doc.text == "2021年，中国建设银行推出“建行生活”App。"


def test_markdown_is_stripped_lightly() -> None:
    doc = one(FIXTURES / "article.md")
    assert doc.title == "招商银行 掌上生活 更新"
    assert doc.text == (
        "招商银行的 掌上生活 App 在2020年推出了新版本，详见官网。\n\n"
        "合作伙伴\n\n中国银联\n腾讯\n\n引用：银联深耕场景_织_出便民网。"
    )


def test_plain_text_is_kept_with_newlines_normalised() -> None:
    doc = one(FIXTURES / "plain.txt")
    assert doc.title == ""
    assert doc.text == "中国工商银行\n发布公告。\n\n  第二段。"


def test_self_closed_br_is_one_line_break() -> None:
    doc = parse_text("<p>第一行<br/>第二行<br />第三行</p><script/><p>第四段</p>", source="s", doc_id="d")
    assert doc.text == "第一行\n第二行\n第三行\n\n第四段"


def test_title_from_front_matter_wins_and_heading_stays_in_text() -> None:
    doc = parse_text("---\ntitle: 元数据标题\n---\n<h1>正文标题</h1><p>正文。</p>", source="s", doc_id="d")
    assert doc.title == "元数据标题"
    assert doc.text == "正文标题\n\n正文。"


def test_clean_text_is_nfc_not_nfkc() -> None:
    assert clean_text("Ｃａｆe\u0301，全角。  \n\n\n\n下一段\t") == "Ｃａｆé，全角。\n\n下一段"


def test_offsets_refer_to_cleaned_text() -> None:
    doc = parse_text("<p>甲公司\u3000与&nbsp;乙公司</p><p>合作。</p>", source="s", doc_id="d")
    start = doc.text.index("乙公司")
    assert doc.text[start : start + 3] == "乙公司"
    assert "\u3000" in doc.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Fri, 18 Mar 2022 05:54:45 GMT", "2022-03-18"),
        ("2022-03-18", "2022-03-18"),
        ("2022-03-18 10:00:00", "2022-03-18"),
        ("2022-03-18T23:59:00+08:00", "2022-03-18"),
        ("2022/3/8", "2022-03-08"),
        ("20220318", "2022-03-18"),
        (20220318, "2022-03-18"),
        ("2022年3月18日", "2022-03-18"),
        ("2022-02-30", None),
        ("next week", None),
        (None, None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_yaml_dates_are_normalised_to_strings() -> None:
    doc = parse_text("---\ndate: 2022-03-18 10:00:00\n---\n正文。", source="s", doc_id="d")
    assert doc.date == "2022-03-18"


# encodings ------------------------------------------------------------------

TEXT = "中国工商银行与中国银联合作，推出新卡。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "gb18030", "gbk"],
)
def test_decode_bytes_encodings(data: bytes) -> None:
    assert decode_bytes(data, source="x").lstrip("\ufeff") == TEXT


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_gb18030_file_is_read(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"gb{suffix}"
    path.write_bytes(f"---\ntitle: 标题\n---\n<p>{TEXT}</p>".encode("gb18030"))
    doc = one(path)
    assert (doc.title, doc.text) == ("标题", TEXT)


def test_few_invalid_bytes_are_replaced() -> None:
    data = (TEXT * 20).encode("utf-8") + b"\xff"
    assert decode_bytes(data, source="x") == TEXT * 20 + "\ufffd"


def test_mostly_invalid_bytes_are_an_error() -> None:
    data = bytes(range(0x80, 0x100)) * 4
    with pytest.raises(IngestError, match="not UTF-8 or GB18030 text"):
        decode_bytes(data, source="x")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"text\x00with NUL", "NUL bytes"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    docs, errors = read_all(path)
    assert docs == []
    assert [str(e) for e in errors] == [f"{path}: binary file ({kind}) (convert it to text first)"]


@pytest.mark.parametrize("content", [b"", b" \n\n "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    _, errors = read_all(path)
    assert [e.problem for e in errors] == ["empty file"]


def test_document_empty_after_cleaning(tmp_path: Path) -> None:
    path = tmp_path / "only_script.html"
    path.write_text("<html><head><title>T</title></head><body><script>x()</script></body></html>")
    _, errors = read_all(path)
    assert [e.problem for e in errors] == ["empty document"]


def test_missing_path_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    docs, errors = read_all(tmp_path / "nope.md", FIXTURES / "plain.txt")
    assert [d.id for d in docs] == ["plain.txt"]
    assert str(errors[0]) == f"{tmp_path / 'nope.md'}: no such file or folder (check the path)"


def test_default_on_error_raises() -> None:
    with pytest.raises(IngestError, match="no such file"):
        list(read_documents(["/nonexistent/file.md"]))


def test_broken_yaml_fails_the_file_with_its_line() -> None:
    docs, errors = read_all(FIXTURES / "broken_yaml.md", FIXTURES / "plain.txt")
    assert [d.id for d in docs] == ["plain.txt"]
    (error,) = errors
    assert error.line == 4
    assert error.problem.startswith("invalid YAML front matter: expected ',' or ']'")
    assert str(error).startswith(f"{FIXTURES / 'broken_yaml.md'}:4: invalid YAML front matter")


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text("---\n- a\n- b\n---\n正文。\n", encoding="utf-8")
    _, errors = read_all(path)
    assert [(e.problem, e.line) for e in errors] == [("front matter is not a 'key: value' mapping", 2)]


def test_ingest_error_is_one_line_and_picklable() -> None:
    error = IngestError("a.jsonl", "invalid JSON", "fix this line", 7)
    assert str(error) == "a.jsonl:7: invalid JSON (fix this line)"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.problem, copy.hint) == ("a.jsonl", 7, "invalid JSON", "fix this line")


# JSON Lines -----------------------------------------------------------------


def test_jsonl_records_and_bad_lines() -> None:
    docs, errors = read_all(FIXTURES / "records.jsonl")
    assert [d.id for d in docs] == ["r1", "records.jsonl#2", "r1#2"]
    first = docs[0]
    assert (first.title, first.date, first.url) == ("第一条", "2022-01-01", "https://example.com/1")
    assert first.text == "蚂蚁集团发布公告。\n\n第二段。"
    assert (docs[2].author, docs[2].categories) == ("记者", ("金融",))
    assert [(e.line, e.problem.split(":")[0]) for e in errors] == [
        (3, "invalid JSON at column 22"),
        (4, "record has no 'text' string"),
        (6, "JSON value is not an object"),
        (7, "empty document"),
    ]


def test_jsonl_gz_streams_lazily(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write('{"id": "a", "date": "20220101", "title": "甲", "text": "第一条。", "url": "u"}\n')
        out.write("{broken\n")
    docs = read_documents([path])
    first = next(docs)  # the broken second line is not read yet, so nothing raises
    assert (first.id, first.date, first.text) == ("a", "2022-01-01", "第一条。")
    with pytest.raises(IngestError, match=r"corpus\.jsonl\.gz:2: invalid JSON"):
        next(docs)


def test_corrupt_gzip_is_an_ingest_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "x"}\n' * 100)[:40])
    docs, errors = read_all(path)
    assert docs == []
    assert [e.problem for e in errors] == ["corrupt gzip file"]


def test_stdin_jsonl() -> None:
    stdin = io.StringIO('\ufeff{"text": "标准输入。"}\n\n{"id": "x", "text": "<p>第二条</p>"}\nnot json\n')
    docs, errors = read_all("-", stdin=stdin)
    assert [(d.id, d.text, d.source) for d in docs] == [
        ("stdin#1", "标准输入。", "<stdin>"),
        ("x", "第二条", "<stdin>"),
    ]
    assert [(e.path, e.line) for e in errors] == [("<stdin>", 4)]


def test_jsonl_recognised_by_content_and_in_gb18030(tmp_path: Path) -> None:
    plain = tmp_path / "dump.txt"
    plain.write_text('{"id": "c1", "text": "内容识别。"}\n', encoding="utf-8")
    gb = tmp_path / "gb.jsonl"
    gb.write_bytes('{"id": "g1", "text": "国标编码。"}\n'.encode("gb18030"))
    docs, errors = read_all(plain, gb)
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [("c1", "内容识别。"), ("g1", "国标编码。")]


def test_whole_json_file_given_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('[\n  {"text": "第一。"},\n  {"id": "b", "text": "第二。"},\n  {"title": "x"}\n]\n')
    docs, errors = read_all(path)
    assert [(d.id, d.text) for d in docs] == [("items.json#1", "第一。"), ("b", "第二。")]
    assert [e.problem for e in errors] == ["record 3: record has no 'text' string"]


# folders and ids ------------------------------------------------------------


def test_folder_is_walked_recursively_sorted_skipping_hidden_and_other_files() -> None:
    docs, errors = read_all(FIXTURES / "folder")
    assert errors == []
    assert [d.id for d in docs] == ["a.txt", "sub/b.md", "j1", "sub/c.ndjson#2"]
    assert docs[1].title == "子目录文章"
    assert docs[1].source == str(FIXTURES / "folder" / "sub" / "b.md")


def test_file_given_explicitly_is_tried_whatever_its_extension() -> None:
    docs, errors = read_all(FIXTURES / "folder" / "notes.rst")
    assert [(d.id, d.text) for d in docs] == [("notes.rst", "不应读取。")]
    assert errors == []


def test_duplicate_ids_across_inputs_are_disambiguated(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        shutil.copy(FIXTURES / "plain.txt", tmp_path / sub / "plain.txt")
    (tmp_path / "plain.txt#2").write_text("已有此编号。", encoding="utf-8")
    inputs = [tmp_path / "x" / "plain.txt", tmp_path / "plain.txt#2", tmp_path / "y" / "plain.txt"]
    docs, _ = read_all(*inputs)
    assert [d.id for d in docs] == ["plain.txt", "plain.txt#2", "plain.txt#3"]


def test_reading_is_deterministic() -> None:
    inputs = sorted(FIXTURES.iterdir())
    (docs, errors), (again, errors_again) = read_all(*inputs), read_all(*inputs)
    assert len(docs) == 12
    assert docs == again
    assert [str(e) for e in errors] == [str(e) for e in errors_again]


def test_read_file_default_raises_on_first_bad_line() -> None:
    docs = read_file(FIXTURES / "records.jsonl")
    assert next(docs).id == "r1"
    assert next(docs).id == "records.jsonl#2"
    with pytest.raises(IngestError, match=":3: invalid JSON"):
        next(docs)


# examples and the development corpus ------------------------------------------


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("0[1-3]_*.md")), ids=lambda p: p.name)
def test_examples_parse(path: Path) -> None:
    doc = one(path)
    assert doc.title
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date or "")
    assert 400 <= len(re.findall(r"[\u4e00-\u9fff]", doc.text)) <= 900
    assert "<" not in doc.text
    assert doc.title not in doc.text


def test_three_examples_exist() -> None:
    assert len(sorted(EXAMPLES.glob("0[1-3]_*.md"))) == 3


def test_development_corpus_reads_cleanly() -> None:
    corpus = shared("corpus")
    inputs = [corpus / "000_6ab065ab207a674c.txt", *sorted(corpus.glob("D0*.md"))]
    docs, errors = read_all(*inputs)
    assert errors == []
    assert [d.id for d in docs] == [p.name for p in inputs]
    for doc in docs:
        assert doc.title and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date or "")
        assert not re.search(r"<[a-z/]|&nbsp;|&amp;|\n\n\n| \n", doc.text)


def test_a_utf16_mark_before_bytes_that_are_no_text_is_refused() -> None:
    with pytest.raises(IngestError, match="UTF-16"):
        decode_bytes(b"\xff\xfe\xfd invalid \xc3\x28 bytes \x80\x81\x82\x83\x84", source="odd.txt")
