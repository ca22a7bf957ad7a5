"""Every export of a graph on disk, written all or nothing.

Each file is first written to a temporary file beside its target; only when every export
has been produced are they put in place, as one set (`kg.folder.replace_set`), by the one
writer the folder admits (`kg.folder.writer`). An error anywhere leaves no partial or
temporary file behind and the exports of an earlier run as they were; a kill leaves either
set whole.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

from kg import folder, rdf, signals
from kg.graph import KnowledgeGraph
from kg.viz import render_html

# File name -> RDF format, in the order save_all returns them; kg.html follows.
RDF_FILES: tuple[tuple[str, str], ...] = (
    ("kg.ttl", "turtle"),
    ("kg.nt", "ntriples"),
    ("kg.nq", "nquads"),
    ("kg.trig", "trig"),
    ("kg.jsonld", "json-ld"),
    ("kg.rdf", "xml"),
)
HTML_FILE = "kg.html"
EXPORT_FILES: tuple[str, ...] = (*(name for name, _ in RDF_FILES), HTML_FILE)


def save_all(
    g: KnowledgeGraph,
    directory: Path,
    workers: int = 1,
    also: Mapping[str, bytes | None] | None = None,
    files: Collection[str] | None = None,
    export: rdf.Export | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[Path]:
    """Write kg.ttl, kg.nt, kg.nq, kg.trig, kg.jsonld, kg.rdf and kg.html, or only the ``files`` named among them
    (the others are removed in the same set, so that no export of an earlier graph is left beside them); return
    their paths. ``export`` is the graph's export when one was made already (`kg.rdf.patch`).

    `also` names other files of the folder to replace in the same set (None removes one): `kg build` passes its
    errors.jsonl, so the errors beside the exports are always those of the build that wrote them.

    With ``workers`` > 1 (and fork available), a second process writes Turtle, N-Triples, TriG, RDF/XML and the view
    while this one writes N-Quads and JSON-LD, then runs ``meanwhile`` (`kg build` writes its state for `--update`)
    before it waits for the second: the files are the same, sooner (the shares balanced on the CCTV benchmark: the
    state costs about what the view and four formats cost). Without a second process ``meanwhile`` runs once the
    files are in place. It must not raise.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    names = [name for name in EXPORT_FILES if files is None or name in files]
    unwritten = {name: None for name in EXPORT_FILES if name not in names}
    with folder.writer(directory):  # re-entrant: `kg build` already holds it
        _save(g, directory, workers, {**unwritten, **(also or {})}, names, export or rdf.Export.of(g), meanwhile)
    return [directory / name for name in names]


def _save(
    g: KnowledgeGraph,
    directory: Path,
    workers: int,
    also: dict[str, bytes | None],
    names: list[str],
    export: rdf.Export,
    meanwhile: Callable[[], object] | None = None,
) -> None:
    formats = [f for f in RDF_FILES if f[0] in names]
    offloaded = [f for f in _OFFLOADED if f in formats]
    staged: dict[str, Path | None] = {}
    handed = False  # once replace_set has them, the staged files are its to keep or remove
    view = HTML_FILE in names
    with _second_process(g, export, workers > 1 and bool(offloaded or view)) as helper:
        with signals.held():  # the helper is forked at the first submit: born with the signals held (kg.signals)
            pending = helper.submit(_stage_inherited, directory, offloaded, view) if helper is not None else None
        here = [f for f in formats if pending is None or f not in offloaded]
        try:
            staged.update(_stage_formats(directory, here, export))
            if view and pending is None:
                staged[HTML_FILE] = _stage_view(directory, g)
            for name, data in also.items():
                staged[name] = None if data is None else _stage(directory, name, data)
            if pending is not None:
                if meanwhile is not None:  # while the second process serializes
                    meanwhile()
                    meanwhile = None
                staged.update(pending.result())
            with signals.held():  # an interrupt waits for the set to be in place; a kill leaves it to kg.folder
                handed = True
                folder.replace_set(directory, staged)
            if meanwhile is not None:
                meanwhile()
        except BaseException:
            if not handed:
                if pending is not None:
                    wait([pending])  # what the helper staged goes too
                    if pending.exception() is None:
                        staged.update(pending.result())
                for temp in staged.values():
                    if temp is not None:
                        temp.unlink(missing_ok=True)
            raise


# What a second process writes: the formats pyoxigraph serializes, which need no graph, only the statements.
_OFFLOADED: tuple[tuple[str, str], ...] = (("kg.ttl", "turtle"), ("kg.nt", "ntriples"), ("kg.trig", "trig"),
                                           ("kg.rdf", "xml"))  # fmt: skip
_INHERITED: tuple[KnowledgeGraph, rdf.Export] | None = None  # what a forked helper inherits (never pickled)


@contextmanager
def _second_process(g: KnowledgeGraph, export: rdf.Export, wanted: bool) -> Iterator[ProcessPoolExecutor | None]:
    """A forked process that sees the graph and its export, or None where one is not wanted or fork is not
    available."""
    if not wanted or "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        yield None
        return
    global _INHERITED
    _INHERITED = (g, export)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(1, mp_context=context, initializer=signals.as_worker) as pool:
            yield pool
    finally:
        _INHERITED = None


def _stage_inherited(directory: Path, formats: Sequence[tuple[str, str]], view: bool) -> dict[str, Path]:
    """In the second process: the offloaded formats of the export it inherited, and the view if asked."""
    assert _INHERITED is not None
    g, export = _INHERITED
    staged = _stage_formats(directory, formats, export)
    if view:
        try:
            staged[HTML_FILE] = _stage_view(directory, g)
        except BaseException:
            for temp in staged.values():
                temp.unlink(missing_ok=True)
            raise
    return staged


def _stage_view(directory: Path, g: KnowledgeGraph) -> Path:
    return _stage(directory, HTML_FILE, render_html(g).encode("utf-8"))


def _stage_formats(directory: Path, formats: Sequence[tuple[str, str]], export: rdf.Export) -> dict[str, Path]:
    """Each format written to a temporary file; all of them or none. An export that writes itself to a file
    (`kg.rdf.patch`: ranges copied from the last build's file) does so."""
    staged: dict[str, Path] = {}
    write = getattr(export, "write", None)
    try:
        for name, fmt in formats:
            data = functools.partial(write, fmt) if write is not None else rdf.serialize(export, fmt)
            staged[name] = _stage(directory, name, data)
    except BaseException:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
        raise
    return staged


def _stage(directory: Path, name: str, data: bytes | Callable[[int], None]) -> Path:
    """Write data (or what a writer writes to the file descriptor it is given) to a new temporary file in the
    target's directory (so os.replace is atomic)."""
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle.fileno())
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    os.chmod(temp, 0o644)
    return Path(temp)
