"""Inputs, folders and files: what to read, in which order, and under which unique ids.

A file is sniffed (`kg.ingest.decode`) and read as JSON Lines, as a whole-file JSON object or array of objects, or
as one document (`kg.ingest.parse`); a folder is walked recursively in name order, and what it holds of no readable
kind is counted (`kg.ingest.skipped`).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO, TypeVar

from kg.ingest.decode import decode_bytes, decoded_lines, is_json_object, sniff
from kg.ingest.errors import ErrorHandler, IngestError, raise_error, read_failure
from kg.ingest.held import HeldDocument, InputFiles
from kg.ingest.jsonl import RECORD_FIELDS, RecordFields, jsonl_documents, record_documents
from kg.ingest.parse import parse_text
from kg.ingest.skipped import SkippedFiles
from kg.ingest.text import normalize_newlines
from kg.model import Document

#: Extensions picked up when walking a folder (a file named explicitly is always tried); gzipped too.
FOLDER_EXTENSIONS: tuple[str, ...] = tuple(
    f"{extension}{gz}"
    for extension in (".md", ".markdown", ".txt", ".html", ".htm", ".jsonl", ".ndjson")
    for gz in ("", ".gz")
)
SkipHandler = Callable[[SkippedFiles], None]
D = TypeVar("D")  # a Document, or a HeldDocument (`kg.ingest.held`)
_STDIN = "-"


def read_documents(
    inputs: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    stdin: TextIO | None = None,
    fields: RecordFields = RECORD_FIELDS,
    on_skipped: SkipHandler | None = None,
    files: InputFiles | None = None,
) -> Iterator[Document | HeldDocument]:
    """Lazily yield documents from files, folders (recursively, sorted) and '-' (JSON Lines on stdin).

    A bad input is reported to ``on_error`` (default: raise) and reading goes on
    with the next one. Ids are made unique across all inputs by appending
    ``#2``, ``#3`` ... to later duplicates, in input order. ``fields`` names the
    fields of JSON records that hold the text, id, title and date. The files a
    folder holds of no readable kind go to ``on_skipped``, once per folder given.
    With ``files`` (`kg.ingest.held`), a file an earlier build read and that has
    not changed gives its documents' metadata, not parsed again.
    """
    report = on_error or raise_error
    seen: set[str] = set()
    for item in inputs:
        given = str(item)
        if given == _STDIN:
            lines = enumerate(stdin if stdin is not None else sys.stdin, 1)
            docs = jsonl_documents(lines, source="<stdin>", base_id="stdin", on_error=report, fields=fields)
        else:
            docs = _read_input(Path(item), given, report, fields, on_skipped, files)
        yield from _unique(docs, seen)


def read_file(
    path: str | Path,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    on_error: ErrorHandler | None = None,
    fields: RecordFields = RECORD_FIELDS,
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
        on_error=on_error or raise_error,
        fields=fields,
    )
    return _unique(docs, set())


def _read_input(
    path: Path,
    given: str,
    report: ErrorHandler,
    fields: RecordFields,
    on_skipped: SkipHandler | None,
    files: InputFiles | None,
) -> Iterator[Document | HeldDocument]:
    """One command-line input: a folder is walked, anything else is read as a file."""
    found = walk_inputs(path, report, on_skipped, given) if path.is_dir() else [(path, path.name)]
    for file, doc_id in found:
        source = given if file is path else str(file)
        if files is None:
            yield from read_path(file, doc_id=doc_id, source=source, on_error=report, fields=fields)
            continue
        reader = functools.partial(_read_path_with, file, doc_id, source, fields)
        yield from files.documents(file, doc_id, source, fields, report, reader)


def _read_path_with(
    path: Path, doc_id: str, source: str, fields: RecordFields, on_error: ErrorHandler
) -> Iterator[Document]:
    return read_path(path, doc_id=doc_id, source=source, on_error=on_error, fields=fields)


def walk_inputs(
    root: Path, report: ErrorHandler, on_skipped: SkipHandler | None = None, given: str | None = None
) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` with a known extension, sorted by name, hidden entries skipped; the others are counted
    and go to ``on_skipped`` when the walk is done (named as ``given``, by default the root)."""
    skipped = SkippedFiles(str(root) if given is None else given)
    yield from _walk(root, report, "", skipped)
    if skipped and on_skipped is not None:
        on_skipped(skipped)


def _walk(root: Path, report: ErrorHandler, prefix: str, skipped: SkippedFiles) -> Iterator[tuple[Path, str]]:
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
            yield from _walk(Path(entry.path), report, f"{rel}/", skipped)
        elif entry.name.lower().endswith(FOLDER_EXTENSIONS):
            yield Path(entry.path), rel
        else:
            skipped.add(entry.name)


def read_path(
    path: Path, *, doc_id: str, source: str, on_error: ErrorHandler, fields: RecordFields = RECORD_FIELDS
) -> Iterator[Document]:
    """Sniff one file and yield its documents; every problem goes to ``on_error``."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        on_error(read_failure(source, exc))
        return
    with raw:
        try:
            stream, jsonl = sniff(raw, path, source)
            if not jsonl:
                text = decode_bytes(stream.read(), source=source)
        except Exception as exc:
            on_error(read_failure(source, exc))
            return
        if jsonl:
            try:
                lines = decoded_lines(stream, source, on_error)
                yield from jsonl_documents(lines, source=source, base_id=doc_id, on_error=on_error, fields=fields)
            except IngestError:
                raise  # raised by on_error itself: stop as it asks
            except Exception as exc:
                on_error(read_failure(source, exc))
            return
    yield from _text_documents(text, source=source, doc_id=doc_id, on_error=on_error, fields=fields)


def _text_documents(
    text: str, *, source: str, doc_id: str, on_error: ErrorHandler, fields: RecordFields
) -> Iterator[Document]:
    """A decoded file: whole-file JSON, JSON Lines in a non-UTF-8 encoding, or one document."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            data = None
        if isinstance(data, dict):
            data = [data]
        if isinstance(data, list):
            for number, record in enumerate(data, 1):
                yield from record_documents(
                    record, source=source, base_id=doc_id, line=None, number=number, on_error=on_error, fields=fields
                )
            return
        first = stripped.split("\n", 1)[0].strip()
        if is_json_object(first):
            lines = enumerate(normalize_newlines(text.lstrip("\ufeff")).split("\n"), 1)
            yield from jsonl_documents(lines, source=source, base_id=doc_id, on_error=on_error, fields=fields)
            return
    try:
        document = parse_text(text, source=source, doc_id=doc_id)
    except Exception as exc:
        on_error(read_failure(source, exc))
        return
    yield document


def unique_id(doc_id: str, seen: set[str]) -> str:
    """The id itself the first time, then ``id#2``, ``id#3`` ... (added to ``seen``); ids name documents in exports
    and IRIs."""
    unique, suffix = doc_id, 2
    while unique in seen:
        unique = f"{doc_id}#{suffix}"
        suffix += 1
    seen.add(unique)
    return unique


def _unique(docs: Iterable[D], seen: set[str]) -> Iterator[D]:
    """Rename later duplicates of an id (see `unique_id`)."""
    for doc in docs:
        doc_id = unique_id(doc.id, seen)
        yield doc if doc_id == doc.id else replace(doc, id=doc_id)
