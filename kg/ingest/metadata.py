"""Metadata from YAML front matter (``---`` ... ``---``) or a JSON record (the same keys), into a `Document`.

Broken YAML front matter fails that file (the user must fix it) rather than being read as body text; a date that
cannot be understood becomes ``None`` and does not fail the file.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

import yaml

from kg.ingest.errors import IngestError
from kg.ingest.text import clean_title, without_surrogates
from kg.model import Document

_FIX_YAML = "fix the front matter"
FRONT_MATTER = re.compile(r"\A[ \t\n]*---[ \t]*\n(.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])"),
    re.compile(r"(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)


def load_front_matter(match: re.Match[str], text: str, source: str) -> dict[str, Any]:
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


def to_document(doc_id: str, body: str, title: str, meta: dict, source: str, date_key: str = "date") -> Document:
    """A Document from its cleaned text and the metadata of front matter or of a JSON record (the same keys; a
    record's date may be under another name)."""
    return Document(
        id=without_surrogates(doc_id),
        text=body,
        title=title,
        date=normalize_date(meta.get(date_key)),
        author=_clean_author(meta.get("author")),
        categories=_categories(meta.get("categories"), meta.get("tags")),
        source=without_surrogates(source),
        url=without_surrogates(_url(meta)),
    )


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


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _clean_author(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(clean_title(v) for v in value if clean_title(v))
    return clean_title(value)


def _categories(*values: object) -> tuple[str, ...]:
    """Categories then tags, as a list or a comma-separated string, without duplicates."""
    out: list[str] = []
    for value in values:
        if isinstance(value, str):
            value = re.split(r"[,，;；]", value)
        items = value if isinstance(value, list) else []
        for item in items:
            name = clean_title(item)
            if name and name not in out:
                out.append(name)
    return tuple(out)


def _url(meta: dict[str, Any]) -> str:
    for key in ("url", "link", "source"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
