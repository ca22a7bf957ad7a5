"""Document readers: turn files, folders and JSON Lines into `Document` records.

Formats are recognised by content, not by extension, because news dumps are
often mislabelled (a `.txt` holding YAML front matter and an HTML body):

* YAML front matter (``---`` ... ``---``) followed by an HTML or Markdown body;
* HTML pages or fragments, reduced to text with paragraph breaks kept;
* Markdown, with its markup stripped lightly;
* plain text;
* JSON Lines (one object per line with a ``text`` field), plain or gzip'd,
  streamed line by line so a corpus of any size can be read; a whole-file JSON
  object or array of objects is accepted too.

The cleaned text is what every later stage computes character offsets on, so
it is normalised once here: ``\\n`` newlines, no trailing spaces, at most one
blank line in a row, NFC (not NFKC: full-width punctuation is kept).

Bad input never raises a traceback: every problem becomes an `IngestError`
naming the file (and line), which `read_documents` hands to ``on_error`` before
going on with the next input. Decisions worth knowing:

* broken YAML front matter fails that file (the user must fix it) rather than
  reading the YAML as body text;
* bytes that are neither UTF-8 nor GB18030 are decoded as UTF-8 with
  replacement characters when at most 1% of the text is replaced, and are an
  error otherwise;
* a date that cannot be understood becomes ``None``; it does not fail the file.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import html
import json
import os
import re
import sys
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, TextIO

import yaml

from kg.model import Document

__all__ = [
    "IngestError",
    "clean_text",
    "decode_bytes",
    "normalize_date",
    "parse_text",
    "read_documents",
    "read_file",
]

#: Extensions picked up when walking a folder (a file named explicitly is always tried).
FOLDER_EXTENSIONS: tuple[str, ...] = (
    ".md",
    ".markdown",
    ".txt",
    ".html",
    ".htm",
    ".jsonl",
    ".ndjson",
    ".jsonl.gz",
    ".ndjson.gz",
)
_JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_STDIN = "-"
SNIFF_BYTES = 65536
_MAX_REPLACED = 0.01
_MIN_TEXTLIKE = 0.9

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"PK\x03\x04", "ZIP"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\xd0\xcf\x11\xe0", "MS Office"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "executable"),
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class IngestError(Exception):
    """One input that could not be read.

    ``str(e)`` is one clear line: ``<path>[:line]: <problem> (<what to do>)``.
    """

    def __init__(self, path: str, problem: str, hint: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.problem} ({self.hint})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes send errors back; the default reduce would lose the fields.
        return (IngestError, (self.path, self.problem, self.hint, self.line))


ErrorHandler = Callable[[IngestError], None]


def _raise(error: IngestError) -> None:
    raise error


# ---------------------------------------------------------------------------
# entry points


def read_documents(
    inputs: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Document]:
    """Lazily yield documents from files, folders (recursively, sorted) and '-' (JSON Lines on stdin).

    A bad input is reported to ``on_error`` (default: raise) and reading goes on
    with the next one. Ids are made unique across all inputs by appending
    ``#2``, ``#3`` ... to later duplicates, in input order.
    """
    report = on_error or _raise
    seen: set[str] = set()
    for item in inputs:
        given = str(item)
        if given == _STDIN:
            lines = enumerate(stdin if stdin is not None else sys.stdin, 1)
            docs = jsonl_documents(lines, source="<stdin>", base_id="stdin", on_error=report)
        else:
            docs = _read_input(Path(item), given, report)
        yield from _unique(docs, seen)


def read_file(
    path: str | Path,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Document]:
    """Yield the documents of one file (many for JSON Lines), whatever its extension.

    ``doc_id`` defaults to the file name and ``source`` to the path as given.
    Errors go to ``on_error`` (default: raise); a bad JSON line does not stop
    the lines after it when ``on_error`` returns.
    """
    path = Path(path)
    docs = read_path(
        path,
        doc_id=doc_id if doc_id is not None else path.name,
        source=source if source is not None else str(path),
        on_error=on_error or _raise,
    )
    return _unique(docs, set())


def parse_text(raw: str, *, source: str, doc_id: str) -> Document:
    """Build one document from decoded text: front matter, then an HTML, Markdown or plain body."""
    text = _normalize_newlines(raw.lstrip("\ufeff"))
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _load_front_matter(match, text, source)
        text = text[match.end() :]
    body, title = _body_and_title(text, meta.get("title"))
    if not body:
        raise IngestError(source, "empty document", "the file has no text once markup is removed")
    return _document(doc_id, body, title, meta, source)


def decode_bytes(data: bytes, *, source: str) -> str:
    """Decode file content: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030/GBK; refuse binary data."""
    if not data.strip():
        raise IngestError(source, "empty file", "add text or remove the file")
    kind = binary_kind(data)
    if kind:
        raise IngestError(source, f"binary file ({kind})", "convert it to text first")
    if data.startswith(UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(source, "invalid UTF-16 text", "convert it to UTF-8") from None
        if not _looks_like_text(text):
            raise IngestError(source, "not text, although it starts with a UTF-16 mark", "convert it to UTF-8")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text
    text = data.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") > _MAX_REPLACED * len(text):
        raise IngestError(source, "not UTF-8 or GB18030 text", "convert it to UTF-8")
    return text


def clean_text(text: str) -> str:
    """Normalise text that offsets will refer to: newlines, trailing spaces, blank lines, NFC."""
    text = unicodedata.normalize("NFC", _normalize_newlines(text))
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def normalize_date(value: object) -> str | None:
    """ISO date (``YYYY-MM-DD``) from YAML dates, RFC 2822, ISO, ``20220318`` or ``2022年3月18日``."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            return _iso(*match.groups())
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# ---------------------------------------------------------------------------
# inputs, folders and files


def _read_input(path: Path, given: str, report: ErrorHandler) -> Iterator[Document]:
    """One command-line input: a folder is walked, anything else is read as a file."""
    if path.is_dir():
        for file, rel in walk_inputs(path, report):
            yield from read_path(file, doc_id=rel, source=str(file), on_error=report)
    else:
        yield from read_path(path, doc_id=path.name, source=given, on_error=report)


def walk_inputs(root: Path, report: ErrorHandler, prefix: str = "") -> Iterator[tuple[Path, str]]:
    """Files under ``root`` with a known extension, sorted by name, hidden entries skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        report(read_failure(str(root), exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = f"{prefix}{entry.name}"
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError as exc:
            report(read_failure(entry.path, exc))
            continue
        if is_dir:
            yield from walk_inputs(Path(entry.path), report, prefix=f"{rel}/")
        elif entry.name.lower().endswith(FOLDER_EXTENSIONS):
            yield Path(entry.path), rel


def read_path(path: Path, *, doc_id: str, source: str, on_error: ErrorHandler) -> Iterator[Document]:
    """Sniff one file and yield its documents; every problem goes to ``on_error``."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        on_error(read_failure(source, exc))
        return
    with raw:
        try:
            stream, jsonl = _sniff(raw, path, source)
            if not jsonl:
                text = decode_bytes(stream.read(), source=source)
        except (IngestError, OSError, EOFError, zlib.error) as exc:
            on_error(read_failure(source, exc))
            return
        if jsonl:
            try:
                lines = decoded_lines(stream, source, on_error)
                yield from jsonl_documents(lines, source=source, base_id=doc_id, on_error=on_error)
            except (OSError, EOFError, zlib.error) as exc:
                on_error(read_failure(source, exc))
            return
    yield from _text_documents(text, source=source, doc_id=doc_id, on_error=on_error)


def _sniff(raw: IO[bytes], path: Path, source: str) -> tuple[IO[bytes], bool]:
    """The (decompressed) byte stream, rewound, and whether it holds JSON Lines; refuse binary data."""
    stream = raw
    head = raw.read(SNIFF_BYTES)
    if head.startswith(b"\x1f\x8b"):
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw)
        head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if not head.strip():
        raise IngestError(source, "empty file", "add text or remove the file")
    kind = binary_kind(head)
    if kind:
        raise IngestError(source, f"binary file ({kind})", "convert it to text first")
    return stream, _is_jsonl(path, head, stream)


def read_failure(source: str, exc: BaseException) -> IngestError:
    """Any failure to read a file, as one IngestError line."""
    if isinstance(exc, IngestError):
        return exc
    if isinstance(exc, (gzip.BadGzipFile, EOFError, zlib.error)):
        return IngestError(source, "corrupt gzip file", "decompress or re-create it")
    if isinstance(exc, FileNotFoundError):
        return IngestError(source, "no such file or folder", "check the path")
    if isinstance(exc, PermissionError):
        return IngestError(source, "permission denied", "check the file's permissions")
    if isinstance(exc, IsADirectoryError):
        return IngestError(source, "is a folder", "read folders with read_documents")
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return IngestError(source, f"cannot read: {reason}", "check the path")


def _text_documents(text: str, *, source: str, doc_id: str, on_error: ErrorHandler) -> Iterator[Document]:
    """A decoded file: whole-file JSON, JSON Lines in a non-UTF-8 encoding, or one document."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict):
            data = [data]
        if isinstance(data, list):
            for number, record in enumerate(data, 1):
                yield from _record_documents(
                    record, source=source, base_id=doc_id, line=None, number=number, on_error=on_error
                )
            return
        first = stripped.split("\n", 1)[0].strip()
        if _is_json_object(first):
            lines = enumerate(_normalize_newlines(text.lstrip("\ufeff")).split("\n"), 1)
            yield from jsonl_documents(lines, source=source, base_id=doc_id, on_error=on_error)
            return
    try:
        yield parse_text(text, source=source, doc_id=doc_id)
    except IngestError as exc:
        on_error(exc)


def binary_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head and not head.startswith(UTF16_BOMS):
        return "NUL bytes"
    return None


def _looks_like_text(text: str) -> bool:
    """GB18030 decodes almost any bytes, so accept it only when the result reads as CJK/ASCII text."""
    if not text:
        return False
    good = sum(1 for ch in text if _textlike(ch))
    return good >= _MIN_TEXTLIKE * len(text)


def _textlike(ch: str) -> bool:
    code = ord(ch)
    return (
        (0x20 <= code < 0x7F)
        or ch in "\t\n\r"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or ch in "“”‘’…—·"
    )


# ---------------------------------------------------------------------------
# JSON Lines


def _is_jsonl(path: Path, head: bytes, stream: IO[bytes]) -> bool:
    """JSON Lines by extension, or when the first non-blank line is a complete JSON object."""
    if head.startswith(UTF16_BOMS):
        return False
    if path.name.lower().endswith(_JSONL_EXTENSIONS):
        return True
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False
    line = next((line for line in stream if line.strip()), b"")
    stream.seek(0)
    try:
        first = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return _is_json_object(first.strip())


def _is_json_object(line: str) -> bool:
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def decoded_lines(
    stream: Iterable[bytes], source: str, on_error: ErrorHandler, first: int = 1
) -> Iterator[tuple[int, str]]:
    """Numbered lines of a byte stream, each UTF-8 or else GB18030 (a LF byte never sits inside either); `first` is
    the number of the first line, for a stream that starts inside a file."""
    for number, line in enumerate(stream, first):
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        try:
            yield number, line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield number, line.decode("gb18030")
            except UnicodeDecodeError:
                on_error(IngestError(source, "not UTF-8 or GB18030 text", "convert it to UTF-8", number))


def _document(doc_id: str, body: str, title: str, meta: dict, source: str) -> Document:
    """A Document from its cleaned text and the metadata of front matter or of a JSON record (the same keys)."""
    return Document(
        id=doc_id,
        text=body,
        title=title,
        date=normalize_date(meta.get("date")),
        author=_clean_author(meta.get("author")),
        categories=_categories(meta.get("categories"), meta.get("tags")),
        source=source,
        url=_url(meta),
    )


def jsonl_documents(
    lines: Iterable[tuple[int, str]], *, source: str, base_id: str, on_error: ErrorHandler
) -> Iterator[Document]:
    """One document per non-blank line; a bad line is reported and skipped."""
    for number, line in lines:
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            hint = "fix or remove this line"
            on_error(IngestError(source, f"invalid JSON at column {exc.colno}: {exc.msg}", hint, number))
            continue
        yield from _record_documents(
            record, source=source, base_id=base_id, line=number, number=number, on_error=on_error
        )


def _record_documents(
    record: object, *, source: str, base_id: str, line: int | None, number: int, on_error: ErrorHandler
) -> Iterator[Document]:
    """A JSON object with ``text`` and optional metadata; its text may be HTML or Markdown."""
    where = "" if line is not None else f"record {number}: "
    if not isinstance(record, dict):
        on_error(IngestError(source, f"{where}JSON value is not an object", "put one object per line", line))
        return
    text = record.get("text")
    if not isinstance(text, str):
        on_error(IngestError(source, f"{where}record has no 'text' string", "add a text field", line))
        return
    raw_id = record.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{base_id}#{number}"
    body, title = _body_and_title(_normalize_newlines(text), record.get("title"))
    if not body:
        on_error(IngestError(source, f"{where}empty document", "the record's text is empty", line))
        return
    yield _document(doc_id, body, title, record, source)


def unique_id(doc_id: str, seen: set[str]) -> str:
    """The id itself the first time, then ``id#2``, ``id#3`` ... (added to ``seen``); ids name documents in exports
    and IRIs."""
    unique, suffix = doc_id, 2
    while unique in seen:
        unique = f"{doc_id}#{suffix}"
        suffix += 1
    seen.add(unique)
    return unique


def _unique(docs: Iterable[Document], seen: set[str]) -> Iterator[Document]:
    """Rename later duplicates of an id (see `unique_id`)."""
    for doc in docs:
        doc_id = unique_id(doc.id, seen)
        yield doc if doc_id == doc.id else replace(doc, id=doc_id)


# ---------------------------------------------------------------------------
# front matter and metadata

_FIX_YAML = "fix the front matter"
_FRONT_MATTER = re.compile(r"\A[ \t\n]*---[ \t]*\n(.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])"),
    re.compile(r"(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)


def _load_front_matter(match: re.Match[str], text: str, source: str) -> dict[str, Any]:
    block = match.group(1) or ""
    first_line = text.count("\n", 0, match.start(1) if match.group(1) else 0) + 1
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
        raise IngestError(source, f"invalid YAML front matter: {problem}", _FIX_YAML, line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError(source, "front matter is not a 'key: value' mapping", _FIX_YAML, first_line)
    return {str(k).lower(): v for k, v in data.items()}


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _clean_title(value: object) -> str:
    """One line of metadata; feeds often leave HTML entities in titles, so they are unescaped."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(unicodedata.normalize("NFC", html.unescape(str(value))).split())


def _clean_author(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_clean_title(v) for v in value if _clean_title(v))
    return _clean_title(value)


def _categories(*values: object) -> tuple[str, ...]:
    """Categories then tags, as a list or a comma-separated string, without duplicates."""
    out: list[str] = []
    for value in values:
        if isinstance(value, str):
            value = re.split(r"[,，;；]", value)
        items = value if isinstance(value, list) else []
        for item in items:
            name = _clean_title(item)
            if name and name not in out:
                out.append(name)
    return tuple(out)


def _url(meta: dict[str, Any]) -> str:
    for key in ("url", "link", "source"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


# ---------------------------------------------------------------------------
# bodies: HTML, Markdown, plain text

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|/?(?:html|body|head|p|div|br|h[1-6]|ul|ol|li|table|tr|td|span|article|section"
    r"|img|a|strong|em|b|i|blockquote|pre|font|center))(?:\s[^<>]*)?/?>",
    re.I,
)
_MARKDOWN = re.compile(
    r"^#{1,6}[ \t]|^[ \t]*>[ \t]|^```|^[ \t]*[-*+][ \t]+\S|!?\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*", re.M
)


def _normalize_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def _body_and_title(text: str, given_title: object) -> tuple[str, str]:
    """Cleaned body and title; without a given title the page's <title>, first <h1> or leading '# ' is used.

    A heading taken as title is removed from the body: the title is never part of the text.
    """
    if _HTML_TAG.search(text):
        body, heading = _html_to_text(text)
    elif _MARKDOWN.search(text):
        body, heading = _markdown_to_text(text)
    else:
        body, heading = text, ""
    body = clean_text(body)
    title = _clean_title(given_title)
    if title or not heading:
        return body, title
    first, _, rest = body.partition("\n")
    if _clean_title(first) == heading:
        body = rest.lstrip("\n")
    return body, heading


_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul"),
    }
)
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "svg", "canvas", "button", "select"}
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _collapse_space(match: re.Match[str]) -> str:
    """HTML whitespace becomes one space, but a line break between two CJK characters disappears."""
    text, start, end = match.string, match.start(), match.end()
    if "\n" not in match.group() or start == 0 or end == len(text):
        return " "
    return "" if _is_wide(text[start - 1]) and _is_wide(text[end]) else " "


class _HTMLText(HTMLParser):
    """Collect visible text with block boundaries as newlines; remember <title> and the first <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self._inline: list[str] = []
        self._title_parts: list[str] = []
        self._skip = 0
        self._pre = 0
        self._in_head = False
        self._in_title = False
        self._in_h1 = False
        self._h1_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "title":
            self._in_title = True
        elif tag == "br":
            self._break("\n")
        elif tag in ("td", "th"):
            self._inline.append(" ")
        elif tag in _BLOCK_TAGS:
            self._break("\n\n")
            if tag == "pre":
                self._pre += 1
            if tag == "h1" and not self.h1 and not self._in_h1:
                self._in_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> is one line break, not a start and an end tag; a self-closed <script/> hides nothing.
        if tag not in _SKIP_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
            if not self.title:
                self.title = "".join(self._title_parts)
        elif tag == "br":
            self._break("\n")
        elif tag in _BLOCK_TAGS:
            self._break("\n\n")
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            if tag == "h1" and self._in_h1:
                self._in_h1 = False
                self.h1 = "".join(self._h1_parts)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self._title_parts.append(data)
        elif not self._in_head:
            self._inline.append(data)
            if self._in_h1:
                self._h1_parts.append(data)

    def close(self) -> None:
        super().close()
        self._break("")

    def _break(self, separator: str) -> None:
        run = "".join(self._inline)
        self._inline.clear()
        if not self._pre:
            run = _HTML_SPACE.sub(_collapse_space, run).strip(" ")
        if run:
            self.parts.append(run)
        self.parts.append(separator)


def _html_to_text(markup: str) -> tuple[str, str]:
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    text = re.sub(r"\n{3,}", "\n\n", "".join(parser.parts))
    return text, _clean_title(parser.title) or _clean_title(parser.h1)


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ \t]*```.*$", re.M), ""),
    (re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M), ""),
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M), ""),
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),
    (re.compile(r"^[ \t]*>[ \t]?", re.M), ""),
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.M), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"\*(?=\S)([^*\n]+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
)
_MD_H1 = re.compile(r"\A\s*#[ \t]+\S")


def _markdown_to_text(text: str) -> tuple[str, str]:
    heading = _MD_H1.match(text) is not None
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    first = text.lstrip().partition("\n")[0]
    return text, _clean_title(first) if heading else ""
