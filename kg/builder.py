"""The build: documents → extractions → KnowledgeGraph, in one process or several (`kg.build`, `kg build`).

Workers receive shards of documents and send back `Extraction` records, never spaCy Docs. The graph merges
extractions in an order-independent way, so any number of workers gives the same graph. One bad input is
reported and skipped; it never costs the others.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from kg.batch import SHARD_SIZE, BuildReport, unique_documents
from kg.extract import ExtractionFailure, Extractor
from kg.graph import KnowledgeGraph
from kg.ingest import IngestError, RecordFields, read_documents
from kg.ingest.count import count_documents
from kg.ingest.held import InputFiles
from kg.iri import DEFAULT_BASE
from kg.model import Document, Extraction
from kg.ontology import load_ontology
from kg.workers import WorkerPool


def build(
    inputs: Iterable[str | Path],
    *,
    base: str = DEFAULT_BASE,
    workers: int = 1,
    model: str | Path | None = None,
    backbone: bool = False,
    min_confidence: float = 0.0,
    strict: bool = False,
    report: BuildReport | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    progress: bool = False,
    previous: KnowledgeGraph | None = None,
    prune: bool = False,
    input_files: InputFiles | None = None,
    scheduler: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    title_field: str = "title",
    date_field: str = "date",
) -> KnowledgeGraph:
    """Read, extract and merge: the Python form of `kg build`.

    With `previous` (an earlier build: `kg.state.read_state`, or `kg.load("out/kg.nq")`), documents it holds as they
    are (same id, metadata and content) are skipped, and the new or changed ones are merged into it, a changed one
    replacing its earlier version: the incremental build of `kg build --update`. With `prune` too, the documents of
    `previous` that are not among the inputs any more are removed, so the graph is the full build's of the inputs.

    With `backbone`, Baidu LAC votes on the candidates (the accurate mode, `make_pipeline(backbone=True)`): better
    organizations on news the rules were not written on, about 3–5 times slower.

    With `scheduler` (a Dask scheduler address such as ``tcp://host:8786``, or ``"local"`` for a local cluster of
    `workers` processes), extraction runs on a Dask cluster (`kg.distributed`, needs ``pip install kg[dask]``);
    the graph and the report are the same.

    `text_field`, `id_field`, `title_field` and `date_field` name the fields of JSON records to read. With
    `input_files` (`kg.ingest.held`), files an earlier build read that have not changed are not parsed again, and the
    files read are recorded in it (`input_files.read`).

    >>> g = build(["examples/"])  # doctest: +SKIP
    >>> g.find("银联").label  # doctest: +SKIP
    '中国银联'
    """
    report = report if report is not None else BuildReport()
    inputs = list(inputs)  # read, and counted for the progress bar

    def notify(error: IngestError) -> None:
        if on_error is not None:
            on_error(error)
        if strict:
            raise error

    def failed(error: IngestError) -> None:
        report.errors.append(error)
        notify(error)

    graph = previous if previous is not None else KnowledgeGraph(base)
    graph.base = base
    known = frozenset(graph.documents)
    fields = RecordFields(text_field, id_field, title_field, date_field)
    if scheduler is None:
        read = read_documents(
            inputs, on_error=failed, fields=fields, on_skipped=report.skipped.append, files=input_files
        )
        documents = unique_documents(read, report, known)
        extractions = extract_all(documents, workers=workers, model=model, backbone=backbone)
    else:
        from kg.distributed import extract_on_cluster

        extractions = extract_on_cluster(
            inputs,
            scheduler=None if scheduler == "local" else scheduler,
            n_workers=workers,
            model=model,
            backbone=backbone,
            on_error=notify,
            report=report,
            known=known,
            fields=fields,
        )
    bar = _progress_bar(progress, inputs)
    built_ids: set[str] = set()
    for extraction in extractions:
        if isinstance(extraction, ExtractionFailure):
            report.not_built(extraction.document.length)
            failed(extraction.error())
        else:
            graph.add(extraction)
            built_ids.add(extraction.document.id)
        if bar is not None:  # documents done: built, skipped as read before, or failed
            bar.update(len(built_ids) + report.duplicates + report.unchanged + len(report.errors) - bar.n)
            bar.set_postfix_str(f"{report.characters:,} chars", refresh=False)
    if bar is not None:
        bar.close()
    for meta in report.refreshed:
        graph.refresh(meta)
    if prune:
        for doc in graph.documents:
            if doc.id not in built_ids and doc.id not in report.unchanged_ids:
                graph.remove(doc.id)
                report.removed += 1
    return graph.filtered(min_confidence) if min_confidence > 0 else graph


def extract_all(
    documents: Iterable[Document], *, workers: int = 1, model: str | Path | None = None, backbone: bool = False
) -> Iterator[Extraction | ExtractionFailure]:
    """Extractions in document order, from one process or from a pool that gets shards of documents; a document
    whose extraction fails gives an `ExtractionFailure` in its place."""
    if workers <= 1:
        yield from Extractor(model, backbone=backbone).extract_each(documents)
        return
    with _worker_pool(workers, model, backbone=backbone) as pool:
        for shard in pool.imap(_extract_shard, _shards(documents, SHARD_SIZE)):
            yield from shard


_WORKER: Extractor | None = None


def _worker_pool(workers: int, model: str | Path | None, *, backbone: bool = False) -> WorkerPool:
    """Processes with an Extractor each (`kg.workers`: an interrupt or a dead worker never leaves the build
    waiting)."""
    load_ontology()  # read once here, where the exports need it after extraction, and inherited by forked workers
    return WorkerPool(workers, initializer=_init_worker, initargs=(model, backbone))


def _init_worker(model: str | Path | None, backbone: bool) -> None:
    global _WORKER
    _WORKER = Extractor(model, backbone=backbone)


def _extract_shard(documents: list[Document]) -> list[Extraction | ExtractionFailure]:
    assert _WORKER is not None
    return list(_WORKER.extract_each(documents))


def _shards(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while shard := list(islice(it, size)):
        yield shard


def _progress_bar(enabled: bool, inputs: Iterable[str | Path]):
    """A bar on a terminal, with a total and the time left when the inputs can be counted cheaply."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    total = count_documents(inputs)
    return tqdm(total=total, unit="doc", desc="kg build", file=sys.stderr, dynamic_ncols=True)
