"""JSON Lines: one object per line with a ``text`` field (and optional metadata), streamed line by line so that a
corpus of any size can be read; a bad line is reported and skipped, never the lines after it.

The fields read are ``text``, ``id``, ``title`` and ``date`` unless other names are given (`RecordFields`, the
``--text-field``, ``--id-field``, ``--title-field`` and ``--date-field`` options); ``author``, ``categories``,
``tags`` and ``url`` (or ``link``, ``source``) are read by those names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.ingest.errors import ErrorHandler, IngestError, unexpected_failure
from kg.ingest.metadata import to_document
from kg.ingest.parse import body_and_title
from kg.ingest.text import normalize_newlines
from kg.model import Document


@dataclass(frozen=True, slots=True)
class RecordFields:
    """The names of the fields of a JSON record that hold its text, id, title and date."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"


RECORD_FIELDS = RecordFields()


def jsonl_documents(
    lines: Iterable[tuple[int, str]],
    *,
    source: str,
    base_id: str,
    on_error: ErrorHandler,
    fields: RecordFields = RECORD_FIELDS,
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
        except RecursionError as exc:  # arrays nested thousands deep
            on_error(unexpected_failure(source, exc, number))
            continue
        yield from record_documents(
            record, source=source, base_id=base_id, line=number, number=number, on_error=on_error, fields=fields
        )


def record_documents(
    record: object,
    *,
    source: str,
    base_id: str,
    line: int | None,
    number: int,
    on_error: ErrorHandler,
    fields: RecordFields = RECORD_FIELDS,
) -> Iterator[Document]:
    """A JSON object with ``text`` and optional metadata; its text may be HTML or Markdown.

    Each record is its own unit of failure: whatever goes wrong with one is reported, and the next is read."""
    try:
        document = _record_document(record, source=source, base_id=base_id, line=line, number=number, fields=fields)
    except IngestError as error:
        on_error(error)
        return
    except Exception as exc:
        on_error(unexpected_failure(source, exc, line, _where(line, number)))
        return
    yield document


def _record_document(
    record: object, *, source: str, base_id: str, line: int | None, number: int, fields: RecordFields
) -> Document:
    where = _where(line, number)
    if not isinstance(record, dict):
        raise IngestError(source, f"{where}JSON value is not an object", "put one object per line", line)
    text = record.get(fields.text)
    if not isinstance(text, str):
        hint = "add the field, or name the text field with --text-field"
        raise IngestError(source, f"{where}record has no {fields.text!r} string", hint, line)
    raw_id = record.get(fields.id)
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{base_id}#{number}"
    body, title = body_and_title(normalize_newlines(text), record.get(fields.title))
    if not body:
        raise IngestError(source, f"{where}empty document", "the record's text is empty", line)
    return to_document(doc_id, body, title, record, source, date_key=fields.date)


def _where(line: int | None, number: int) -> str:
    """How a message names a record: by its line (given apart), or as the n-th record of a JSON array."""
    return "" if line is not None else f"record {number}: "
