"""The build: documents → extractions → KnowledgeGraph, in one process or several (`kg.build`, `kg build`).

Workers receive shards of documents and send back `Extraction` records, never spaCy Docs. The graph merges
extractions in an order-independent way, so any number of workers gives the same graph. One bad input is
reported and skipped; it never costs the others.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from kg import signals
from kg.batch import SHARD_SIZE, BuildReport, unique_documents
from kg.extract import Extractor
from kg.graph import KnowledgeGraph
from kg.ingest import IngestError, read_documents
from kg.iri import DEFAULT_BASE
from kg.model import Document, Extraction


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
    scheduler: str | None = None,
) -> KnowledgeGraph:
    """Read, extract and merge: the Python form of `kg build`.

    With `previous` (an earlier build, e.g. `kg.load("out/kg.nq")`), documents whose content is already in it are
    skipped and the new ones are merged into it: the incremental build of `kg build --update`.

    With `backbone`, Baidu LAC votes on the candidates (the accurate mode, `make_pipeline(backbone=True)`): better
    organizations on news the rules were not written on, about 3–5 times slower.

    With `scheduler` (a Dask scheduler address such as ``tcp://host:8786``, or ``"local"`` for a local cluster of
    `workers` processes), extraction runs on a Dask cluster (`kg.distributed`, needs ``pip install kg[dask]``);
    the graph and the report are the same.

    >>> g = build(["examples/"])  # doctest: +SKIP
    >>> g.find("银联").label  # doctest: +SKIP
    '中国银联'
    """
    report = report if report is not None else BuildReport()

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
    known = frozenset(d.content_hash for d in graph.documents)
    if scheduler is None:
        documents = unique_documents(read_documents(inputs, on_error=failed), report, known)
        extractions = extract_all(documents, workers=workers, model=model, backbone=backbone)
    else:
        from kg.distributed import extract_on_cluster

        extractions = extract_on_cluster(
            list(inputs),
            scheduler=None if scheduler == "local" else scheduler,
            n_workers=workers,
            model=model,
            backbone=backbone,
            on_error=notify,
            report=report,
            known=known,
        )
    bar = _progress_bar(progress)
    for extraction in extractions:
        graph.add(extraction)
        if bar is not None:
            bar.update(1)
            bar.set_postfix_str(f"{report.characters:,} chars", refresh=False)
    if bar is not None:
        bar.close()
    return graph.filtered(min_confidence) if min_confidence > 0 else graph


def extract_all(
    documents: Iterable[Document], *, workers: int = 1, model: str | Path | None = None, backbone: bool = False
) -> Iterator[Extraction]:
    """Extractions in document order, from one process or from a pool that gets shards of documents."""
    if workers <= 1:
        yield from Extractor(model, backbone=backbone).extract_many(documents)
        return
    with _worker_pool(workers, model, backbone=backbone) as pool:
        for shard in pool.imap(_extract_shard, _shards(documents, SHARD_SIZE)):
            yield from shard


_WORKER: Extractor | None = None


def _worker_pool(workers: int, model: str | Path | None, *, backbone: bool = False) -> multiprocessing.pool.Pool:
    """Processes with an Extractor each, born with SIGINT and SIGTERM held; they take them up as workers
    (`kg.signals`), so that the pool's terminate always ends them."""
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with signals.held():
        return context.Pool(workers, initializer=_init_worker, initargs=(model, backbone))


def _init_worker(model: str | Path | None, backbone: bool) -> None:
    global _WORKER
    signals.as_worker()
    _WORKER = Extractor(model, backbone=backbone)


def _extract_shard(documents: list[Document]) -> list[Extraction]:
    assert _WORKER is not None
    return list(_WORKER.extract_many(documents))


def _shards(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while shard := list(islice(it, size)):
        yield shard


def _progress_bar(enabled: bool):
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="kg build", file=sys.stderr, dynamic_ncols=True)
