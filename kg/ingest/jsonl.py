"""JSON Lines: one object per line with a ``text`` field (and optional metadata), streamed line by line so that a
corpus of any size can be read; a bad line is reported and skipped, never the lines after it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from kg.ingest.errors import ErrorHandler, IngestError
from kg.ingest.metadata import to_document
from kg.ingest.parse import body_and_title
from kg.ingest.text import normalize_newlines
from kg.model import Document


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
        yield from record_documents(
            record, source=source, base_id=base_id, line=number, number=number, on_error=on_error
        )


def record_documents(
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
    body, title = body_and_title(normalize_newlines(text), record.get("title"))
    if not body:
        on_error(IngestError(source, f"{where}empty document", "the record's text is empty", line))
        return
    yield to_document(doc_id, body, title, record, source)
