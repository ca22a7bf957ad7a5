"""What `kg build` keeps beside the exports for the next `--update`: ``DIR/.kg/state.sqlite``.

Reading the graph back from ``kg.nq`` loses what each document said on its own (mentions are merged, aliases shared
by two entities are dropped), so an update from it cannot equal a full build. The state keeps each document's
`Extraction` as it came out of the pipeline (entity records, relations with evidence, figures), as compact JSON,
under the settings that shaped it. Rebuilding the graph from them is exact, and entity resolution, which is global,
runs again over all of them.

Tables: ``meta`` (key, value): the schema version and the settings; ``documents`` (id, meta, extraction): one row
per document, its metadata as JSON and its extraction as zlib-compressed JSON, each record an array of its fields in
declaration order; ``blocks`` (unit, signature, data): the text of each document's and entity's part of every
RDF export (`kg.rdf.patch`), zlib-compressed UTF-8 fields after a line of their lengths, so that an update renders
only the parts that changed; blocks are a cache, and those that cannot be read (an older kg's) are rendered again.
A state of another schema version, or one that cannot be read, is reported by `StateError` and never half-used.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from kg.batch import extraction_key
from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, Measurement, RelationRecord
from kg.rdf.patch import Block, PatchedExport

SCHEMA_VERSION = 2
STATE_FILE = Path(".kg") / "state.sqlite"


class StateError(Exception):
    """Why the state of a build folder cannot be used: missing, of another version, unreadable, or made with other
    settings."""


class OtherSettings(StateError):
    """The state was made with settings that change extractions: neither it nor kg.nq can be updated."""


def state_path(directory: Path) -> Path:
    return Path(directory) / STATE_FILE


def read_state(directory: Path, settings: dict[str, Any]) -> KnowledgeGraph:
    """The graph of the last build in ``directory``, rebuilt from its documents' extractions.

    ``settings`` are those of this build that change extractions (min_confidence, model, backbone): a state made
    with others raises `StateError`, as does a missing, older or corrupt one."""
    path = state_path(directory)
    if not path.exists():
        raise StateError("not found")
    try:
        db = _connect(path)
        try:
            graph = _read(db, settings)
        finally:
            db.close()
    except (sqlite3.Error, zlib.error, ValueError, TypeError, KeyError) as error:
        raise StateError(f"cannot be read ({type(error).__name__}: {error})") from None
    return graph


def _read(db: sqlite3.Connection, settings: dict[str, Any]) -> KnowledgeGraph:
    meta = dict(db.execute("SELECT key, value FROM meta"))
    version = int(meta.get("schema", "0"))
    if version != SCHEMA_VERSION:
        raise StateError(f"schema version {version}, this kg reads version {SCHEMA_VERSION}")
    if json.loads(meta.get("settings", "null")) != settings:
        raise OtherSettings("made with other --min-confidence, --model or --backbone settings")
    graph = KnowledgeGraph()
    for meta, blob in db.execute("SELECT meta, extraction FROM documents ORDER BY id"):
        graph.add(decode(meta, blob))
    return graph


def read_blocks(directory: Path) -> dict[str, Block]:
    """The export blocks the last build kept (`kg.rdf.patch`), by unit; none when they cannot be read (they are a
    cache: what is missing is rendered again)."""
    try:
        db = _connect(state_path(directory))
        try:
            rows = db.execute("SELECT unit, signature, data FROM blocks").fetchall()
        finally:
            db.close()
        return {unit: _block(signature, data) for unit, signature, data in rows}
    except (sqlite3.Error, zlib.error, ValueError, TypeError):
        return {}


def write_state(
    directory: Path,
    graph: KnowledgeGraph,
    settings: dict[str, Any],
    before: Mapping[str, DocumentMeta] | None = None,
    export: PatchedExport | None = None,
    cached: Collection[str] = (),
) -> Path:
    """Keep ``graph``'s extractions, and the blocks of ``export`` if it was assembled, for the next update.

    With ``before`` (the documents of the state `read_state` read for this build, by id), only the documents that
    changed are written and those gone are deleted, and only the blocks rendered in this run are written and the
    ``cached`` ones no longer in the export deleted; otherwise the file is written anew beside the old one and moved
    into place."""
    path = state_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = export.blocks if export is not None else {}
    if before is None or not path.exists():
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.unlink(missing_ok=True)
        try:
            with _connect(temp) as db:
                db.executescript(_SCHEMA)
                _write(db, graph.extractions(), (), settings)
                _write_blocks(db, blocks, blocks, ())
            db.close()
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return path
    after = {doc.id: doc for doc in graph.documents}
    held = {doc_id: extraction_key(meta) for doc_id, meta in before.items()}
    changed = [x for x in graph.extractions() if held.get(x.document.id) != extraction_key(x.document)]
    refreshed = [meta for doc_id, meta in after.items() if doc_id in before and before[doc_id] != meta]
    with _connect(path) as db:
        _write(db, changed, [doc_id for doc_id in before if doc_id not in after], settings)
        db.executemany("UPDATE documents SET meta = ? WHERE id = ?", ((_meta_json(m), m.id) for m in refreshed))
        if blocks:
            _write_blocks(db, blocks, export.rendered, [unit for unit in cached if unit not in blocks])
    db.close()
    return path


def _write_blocks(
    db: sqlite3.Connection, blocks: Mapping[str, Block], rendered: Iterable[str], gone: Iterable[str]
) -> None:
    db.executemany("DELETE FROM blocks WHERE unit = ?", ((unit,) for unit in gone))
    rows = ((unit, blocks[unit].signature, _block_data(blocks[unit])) for unit in rendered)
    db.executemany("INSERT OR REPLACE INTO blocks (unit, signature, data) VALUES (?, ?, ?)", rows)


def _block_data(block: Block) -> bytes:
    """The block's pieces as one byte string: a header line of counts and field lengths, then every field, so that
    reading it back slices bytes, with no parsing, escaping or decoding of the texts (only the keys are decoded)."""
    pieces = (*block.nquads, *block.ntriples, *block.jsonld)
    fields = [field if isinstance(field, bytes) else field.encode("utf-8") for piece in pieces for field in piece]
    sizes = [len(block.nquads), len(block.ntriples), len(block.jsonld), *map(len, fields)]
    return zlib.compress(",".join(map(str, sizes)).encode("ascii") + b"\n" + b"".join(fields), 1)


def _block(signature: str, data: bytes) -> Block:
    raw = zlib.decompress(data)
    start = raw.index(b"\n")
    sizes = list(map(int, raw[:start].split(b",")))
    fields: list[bytes] = []
    at = start + 1
    for size in sizes[3:]:
        fields.append(raw[at : at + size])
        at += size
    if at != len(raw) or len(fields) != 4 * sizes[0] + 4 * sizes[1] + 3 * sizes[2]:
        raise ValueError("a block's fields do not match its header")
    values = iter(fields)
    nquads = _pieces(values, sizes[0], 4, 2)
    ntriples = _pieces(values, sizes[1], 4, 1)
    return Block(signature, nquads, ntriples, _pieces(values, sizes[2], 3, 2))  # type: ignore[arg-type]


def _pieces(values, count: int, size: int, keys: int) -> tuple[tuple, ...]:
    """``count`` pieces of ``size`` fields from ``values``, the first ``keys`` of each decoded (graph, subject)."""
    out = []
    for _ in range(count):
        piece = [next(values) for _ in range(size)]
        out.append((*(key.decode("utf-8") for key in piece[:keys]), *piece[keys:]))
    return tuple(out)


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, meta TEXT NOT NULL, extraction BLOB NOT NULL);
CREATE TABLE blocks (unit TEXT PRIMARY KEY, signature TEXT NOT NULL, data BLOB NOT NULL);
"""


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level="DEFERRED")


def _write(
    db: sqlite3.Connection, extractions: Iterable[Extraction], removed: Iterable[str], settings: dict[str, Any]
) -> None:
    """One transaction (the connection's context commits it): the rows and the settings they were made with."""
    db.executemany("DELETE FROM documents WHERE id = ?", ((doc_id,) for doc_id in removed))
    db.executemany(
        "INSERT OR REPLACE INTO documents (id, meta, extraction) VALUES (?, ?, ?)",
        ((x.document.id, _meta_json(x.document), encode(x)) for x in extractions),
    )
    meta = {"schema": str(SCHEMA_VERSION), "settings": json.dumps(settings, sort_keys=True)}
    db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())


# The codec: each record as a JSON array of its fields in declaration order (evidence nested), so that a row is
# small and decoding is one constructor call per record.
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_META, _ENTITY, _EVIDENCE = _names(DocumentMeta), _names(EntityRecord), _names(Evidence)
_RELATION, _MEASUREMENT = _names(RelationRecord), _names(Measurement)


def _row(record: Any, names: tuple[str, ...]) -> list[Any]:
    values = [getattr(record, name) for name in names]
    return [_row(v, _EVIDENCE) if isinstance(v, Evidence) else v for v in values]


def _meta_json(meta: DocumentMeta) -> str:
    return json.dumps(_row(meta, _META), ensure_ascii=False, separators=(",", ":"))


def encode(extraction: Extraction) -> bytes:
    """What a document's extraction found, as compressed JSON (its metadata is kept apart, so that a new title or
    source rewrites only that)."""
    data = [
        [_row(e, _ENTITY) for e in extraction.entities],
        [_row(r, _RELATION) for r in extraction.relations],
        [_row(m, _MEASUREMENT) for m in extraction.measurements],
    ]
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def decode(meta_json: str, blob: bytes) -> Extraction:
    """The extraction `_meta_json` and `encode` wrote, equal to the original."""
    meta = json.loads(meta_json)
    meta[_META.index("categories")] = tuple(meta[_META.index("categories")])
    entities, relations, figures = json.loads(zlib.decompress(blob))
    return Extraction(
        DocumentMeta(*meta),
        tuple(EntityRecord(label, type_, tuple(aliases), *rest) for label, type_, aliases, *rest in entities),
        tuple(RelationRecord(h, rel, t, Evidence(*ev)) for h, rel, t, ev in relations),
        tuple(_measurement(row) for row in figures),
    )


def _measurement(row: list[Any]) -> Measurement:
    values = dict(zip(_MEASUREMENT, row))
    values["evidence"] = Evidence(*values["evidence"])
    return Measurement(**values)
