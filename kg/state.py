"""What `kg build` keeps beside the exports for the next `--update`: ``DIR/.kg/state.sqlite``.

Reading the graph back from ``kg.nq`` loses what each document said on its own (mentions are merged, aliases shared
by two entities are dropped), so an update from it cannot equal a full build. The state keeps each document's
`Extraction` as it came out of the pipeline (entity records, relations with evidence, figures), as compact JSON,
under the settings that shaped it. Rebuilding the graph from them is exact, and entity resolution, which is global,
runs again over all of them.

Tables: ``meta`` (key, value): the schema version and the settings; ``documents`` (id, meta, extraction): one row
per document, its metadata as JSON and its extraction as zlib-compressed JSON, each record an array of its fields in
declaration order; and what the exports' files hold (`kg.rdf.layout`), so that an update copies the unchanged parts
of the last files instead of rendering them: ``units`` (unit, signature), the signature of each document's and
entity's part; ``pieces`` (family, keys, names, units), each family's keys and units in file order; ``files``
(format, ...), each file's name, header length, piece lengths, size and modification time. The layout is a cache:
one that cannot be read, or files that changed since, make the update render every part again. A state of another
schema version, or one that cannot be read, is reported by `StateError` and never half-used.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from kg.batch import extraction_key
from kg.graph import KnowledgeGraph
from kg.ingest.held import HeldFile, InputFiles
from kg.ingest.jsonl import RecordFields
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, Measurement, RelationRecord
from kg.rdf.layout import FAMILIES, FAMILY, FileLayout, Layout

SCHEMA_VERSION = 4  # 4: the input files an update need not parse again (`inputs`)
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


def read_layout(directory: Path, files: dict[str, Path]) -> Layout | None:
    """What the last build wrote of the exports (`kg.rdf.layout`), when every one of ``files`` (by format) is there
    as it wrote it; else None, and the next export is rendered whole (the layout is a cache)."""
    try:
        db = _connect(state_path(directory))
        try:
            signatures = dict(db.execute("SELECT unit, signature FROM units"))
            keys, units = {}, {}
            for family, packed_keys, packed_names, packed_units in db.execute(
                "SELECT family, keys, names, units FROM pieces"
            ):
                keys[family] = zlib.decompress(packed_keys).decode("utf-8").split("\n")
                names = json.loads(zlib.decompress(packed_names))
                index = array("i")
                index.frombytes(zlib.decompress(packed_units))
                units[family] = [names[i] for i in index]
            held = {}
            for format, name, header, size, mtime_ns, lengths in db.execute(
                "SELECT format, name, header, size, mtime_ns, lengths FROM files"
            ):
                sizes = array("q")
                sizes.frombytes(zlib.decompress(lengths))
                held[format] = (Path(directory) / name, FileLayout(header, sizes, size, mtime_ns))
        finally:
            db.close()
    except (sqlite3.Error, zlib.error, ValueError, TypeError):
        return None
    if set(keys) != set(FAMILIES) or any(len(keys[f]) != len(units[f]) for f in FAMILIES):
        return None
    layout = Layout(signatures, keys, units, {})
    for format, file in files.items():
        found = held.get(format)
        if found is None or found[0] != file or not layout.usable(*found):
            return None
        if len(found[1].lengths) != len(keys[FAMILY[format]]):
            return None
        layout.files[format] = found
    return layout


class Keeper:
    """What a build keeps for the next update, in two steps: the documents' extractions (`write_state`, while a
    second process writes exports), then where the exports' parts stand and the input files read (`write_layout`,
    once the exports are in place). A step that fails is said in one line (``note``) and never stops the build."""

    def __init__(
        self,
        directory: Path,
        graph: KnowledgeGraph,
        settings: dict[str, Any],
        before: Mapping[str, DocumentMeta] | None,
        note: Callable[[str], object],
    ) -> None:
        self.directory, self.graph, self.settings, self.before, self.note = directory, graph, settings, before, note
        self.kept = True

    def documents(self) -> None:
        try:
            write_state(self.directory, self.graph, self.settings, self.before)
        except (OSError, sqlite3.Error) as error:
            self.kept = False
            self.note(f"cannot keep the state for --update ({error}); the next --update reads kg.nq back")

    def exports(self, layout: Layout, before: Layout | None, inputs: InputFiles | None) -> None:
        if not self.kept:
            return
        try:
            write_layout(self.directory, layout, before, inputs)
        except (OSError, sqlite3.Error) as error:
            self.note(f"cannot keep the exports' layout for --update ({error}); the next --update renders them whole")


def read_inputs(directory: Path) -> dict[str, HeldFile]:
    """The input files the last build read without an error (`kg.ingest.held`); none when they cannot be read."""
    try:
        db = _connect(state_path(directory))
        try:
            rows = db.execute("SELECT path, size, mtime_ns, doc_id, source, fields, documents FROM inputs").fetchall()
        finally:
            db.close()
        return {
            path: HeldFile(size, mtime_ns, doc_id, source, RecordFields(*json.loads(fields)),
                           tuple(_meta(row) for row in json.loads(zlib.decompress(documents))))
            for path, size, mtime_ns, doc_id, source, fields, documents in rows
        }  # fmt: skip
    except (sqlite3.Error, zlib.error, ValueError, TypeError):
        return {}


def write_layout(
    directory: Path, layout: Layout, before: Layout | None = None, inputs: InputFiles | None = None
) -> None:
    """Keep what this build wrote of the exports, and the input files it read (``inputs``); with ``before`` (the
    layout this build read), only the units whose signatures changed are written, and only the files read anew."""
    old = before.signatures if before is not None else {}
    with _connect(state_path(directory)) as db:
        if inputs is not None:
            db.executemany("DELETE FROM inputs WHERE path = ?", [(p,) for p in inputs.held if p not in inputs.read])
            db.executemany(
                "INSERT OR REPLACE INTO inputs (path, size, mtime_ns, doc_id, source, fields, documents) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(path, f.size, f.mtime_ns, f.doc_id, f.source, json.dumps(astuple(f.fields)),
                  zlib.compress(f"[{','.join(map(_meta_json, f.documents))}]".encode(), 1))
                 for path, f in inputs.read.items() if inputs.held.get(path) is not f],
            )  # fmt: skip
        gone = [(unit,) for unit in old if unit not in layout.signatures]
        db.executemany("DELETE FROM units WHERE unit = ?", gone)
        changed = [(u, sig) for u, sig in layout.signatures.items() if old.get(u) != sig]
        db.executemany("INSERT OR REPLACE INTO units (unit, signature) VALUES (?, ?)", changed)
        for family in FAMILIES:  # keys are IRIs (and NUL), which hold no line break; units are kept as numbers
            names = sorted(set(layout.units[family]))
            number = {name: i for i, name in enumerate(names)}
            packed = (
                zlib.compress("\n".join(layout.keys[family]).encode("utf-8"), 1),
                zlib.compress(json.dumps(names, ensure_ascii=False).encode("utf-8"), 1),
                zlib.compress(array("i", map(number.__getitem__, layout.units[family])).tobytes(), 1),
            )
            db.execute("INSERT OR REPLACE INTO pieces (family, keys, names, units) VALUES (?, ?, ?, ?)",
                       (family, *packed))  # fmt: skip
        db.execute("DELETE FROM files")
        db.executemany(
            "INSERT INTO files (format, name, header, size, mtime_ns, lengths) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (format, file.name, held.header, held.size, held.mtime_ns, zlib.compress(held.lengths.tobytes(), 1))
                for format, (file, held) in layout.files.items()
            ],
        )
    db.close()


def write_state(
    directory: Path,
    graph: KnowledgeGraph,
    settings: dict[str, Any],
    before: Mapping[str, DocumentMeta] | None = None,
) -> Path:
    """Keep ``graph``'s extractions for the next update.

    With ``before`` (the documents of the state `read_state` read for this build, by id), only the documents that
    changed are written and those gone are deleted; otherwise the file is written anew beside the old one and moved
    into place, without the layout of the exports (`write_layout` adds it once they are written)."""
    path = state_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    if before is None or not path.exists():
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.unlink(missing_ok=True)
        try:
            with _connect(temp) as db:
                db.executescript(_SCHEMA)
                _write(db, graph.extractions(), (), settings)
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
    db.close()
    return path


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, meta TEXT NOT NULL, extraction BLOB NOT NULL);
CREATE TABLE units (unit TEXT PRIMARY KEY, signature TEXT NOT NULL);
CREATE TABLE inputs (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, doc_id TEXT NOT NULL,
                     source TEXT NOT NULL, fields TEXT NOT NULL, documents BLOB NOT NULL);
CREATE TABLE pieces (family TEXT PRIMARY KEY, keys BLOB NOT NULL, names BLOB NOT NULL, units BLOB NOT NULL);
CREATE TABLE files (format TEXT PRIMARY KEY, name TEXT NOT NULL, header INTEGER NOT NULL, size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL, lengths BLOB NOT NULL);
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
_CATEGORIES = _META.index("categories")


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


def _meta(row: list[Any]) -> DocumentMeta:
    row[_CATEGORIES] = tuple(row[_CATEGORIES])
    return DocumentMeta(*row)


def decode(meta_json: str, blob: bytes) -> Extraction:
    """The extraction `_meta_json` and `encode` wrote, equal to the original."""
    entities, relations, figures = json.loads(zlib.decompress(blob))
    return Extraction(
        _meta(json.loads(meta_json)),
        tuple(EntityRecord(label, type_, tuple(aliases), *rest) for label, type_, aliases, *rest in entities),
        tuple(RelationRecord(h, rel, t, Evidence(*ev)) for h, rel, t, ev in relations),
        tuple(_measurement(row) for row in figures),
    )


def _measurement(row: list[Any]) -> Measurement:
    values = dict(zip(_MEASUREMENT, row))
    values["evidence"] = Evidence(*values["evidence"])
    return Measurement(**values)
