"""Every export of a graph on disk, written all or nothing.

Each file is first written to a temporary file beside its target; only when every export
has been produced are they moved into place with os.replace. An error anywhere leaves no
partial or temporary file behind and the exports of an earlier run as they were.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg import rdf
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


def save_all(g: KnowledgeGraph, directory: Path) -> list[Path]:
    """Write kg.ttl, kg.nt, kg.nq, kg.trig, kg.jsonld, kg.rdf and kg.html; return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    export = rdf.Export.of(g)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, fmt in RDF_FILES:
            data = rdf.serialize(export, fmt)
            staged.append((_stage(directory, name, data), directory / name))
        html = render_html(g).encode("utf-8")
        staged.append((_stage(directory, HTML_FILE, html), directory / HTML_FILE))
        with _signals_deferred():
            for temp, target in staged:
                os.replace(temp, target)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    return [target for _, target in staged]


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the files are swapped in, so an interrupt never leaves a mix of two builds."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stage(directory: Path, name: str, data: bytes) -> Path:
    """Write data to a new temporary file in the target's directory (so os.replace is atomic)."""
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    os.chmod(temp, 0o644)
    return Path(temp)
