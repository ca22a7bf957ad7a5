"""How a Dask build grows with the corpus: the figures behind README "Past one machine: 1 M documents".

    python benchmarks/scale.py [--sizes 6000,12000,24000] [--workers 2] [--json FILE]

For each size, the first N documents of the CCTV corpus are built in a fresh process (so that its peak memory is its
own) on a local Dask cluster of ``--workers`` single-threaded worker processes, and each step is measured apart:

| figure | what it measures |
|---|---|
| `extract_cpu_ms_per_doc` | CPU time of the workers (user + system, from `getrusage`) per document, the pipeline loaded
beforehand: the part that spreads |
| `extract_wall_s` | wall time of the extraction, driver merging included |
| `worker_rss_loaded_mb` | the largest peak resident memory among the workers once the pipeline is loaded |
| `worker_peak_rss_mb` | the largest peak resident memory among the workers after the extraction |
| `merge_s` | the driver adding the records to the graph (`KnowledgeGraph.add`), CPU seconds |
| `resolve_s` | global entity resolution over every record, CPU seconds |
| `statements_s` | assembling the sorted statements of the export, CPU seconds |
| `exports_s` | writing every export (RDF formats and the view) from them, CPU seconds |
| `driver_peak_rss_mb` | peak resident memory of the driver, which holds the whole graph |

The driver's steps are measured in CPU time (`time.process_time`), which a busy machine disturbs less than wall
time. The corpus (../shared/data/cctv_news.jsonl.gz) may not be redistributed: the subsets are written to a temporary
folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "cctv_news.jsonl.gz"
PARTITION_BYTES = 1 << 20  # small ranges, so that two workers share even the smallest subset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sizes", default="6000,12000,24000", help="comma-separated numbers of documents")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the rows as JSON")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # internal: measure one subset in this process
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(_measure(args.one, args.workers)))
        return 0
    if not args.data.exists():
        print(f"{args.data}: not found (the benchmark corpus lives in ../shared/data)", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        for size in sizes:
            subset = _write_head(args.data, Path(tmp) / f"head{size}.jsonl", size)
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(subset), "--workers", str(args.workers)],
                check=True,
                capture_output=True,
                text=True,
            )
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(json.dumps(rows[-1]), file=sys.stderr)
    load = os.getloadavg()
    table = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_1_5_15": [round(x, 2) for x in load],
        "workers": args.workers,
        "rows": rows,
    }
    _print(table)
    if args.json:
        args.json.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return 0


def _write_head(data: Path, path: Path, size: int) -> Path:
    """The first `size` documents with a text, as plain JSON Lines (which the cluster splits into ranges)."""
    written = 0
    with gzip.open(data, "rt", encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
        for line in source:
            if written >= size:
                break
            if json.loads(line).get("text"):
                out.write(line)
                written += 1
    return path


def _measure(subset: Path, workers: int) -> dict:
    """Build one subset on a fresh local cluster, each step timed apart."""
    from distributed import Client, LocalCluster

    from kg.batch import BuildReport
    from kg.distributed import extract_on_cluster
    from kg.export import save_all
    from kg.extract import ExtractionFailure
    from kg.graph import KnowledgeGraph
    from kg.rdf import Export

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    try:
        client.run(_load_pipeline)  # a fixed cost per worker, measured apart
        cpu_before = sum(client.run(_cpu_seconds).values())
        pipeline_rss = max(client.run(_peak_rss_bytes).values())
        graph, report = KnowledgeGraph(), BuildReport()
        merge = 0.0
        started = time.perf_counter()
        for extraction in extract_on_cluster(
            [subset], scheduler=cluster.scheduler_address, report=report, partition_bytes=PARTITION_BYTES
        ):
            if isinstance(extraction, ExtractionFailure):
                continue
            tick = time.process_time()
            graph.add(extraction)
            merge += time.process_time() - tick
        extract_wall = time.perf_counter() - started
        worker_cpu = sum(client.run(_cpu_seconds).values()) - cpu_before
        worker_rss = max(client.run(_peak_rss_bytes).values())
    finally:
        client.close()
        cluster.close()
    documents = len(graph.documents)
    tick = time.process_time()
    entities = len(graph.entities())  # the first call resolves every record
    resolve = time.process_time() - tick
    tick = time.process_time()
    export = Export.of(graph)
    export.nquads()
    statements = time.process_time() - tick
    with tempfile.TemporaryDirectory(prefix="kg-scale-out-") as out:
        tick = time.process_time()
        save_all(graph, Path(out), export=export)
        exports = time.process_time() - tick
    return {
        "documents": documents,
        "characters": report.characters,
        "entities": entities,
        "extract_cpu_ms_per_doc": round(1000 * worker_cpu / documents, 2),
        "extract_wall_s": round(extract_wall, 1),
        "worker_rss_loaded_mb": round(pipeline_rss / 2**20),
        "worker_peak_rss_mb": round(worker_rss / 2**20),
        "merge_s": round(merge, 2),
        "resolve_s": round(resolve, 2),
        "statements_s": round(statements, 2),
        "exports_s": round(exports, 2),
        "driver_peak_rss_mb": round(_peak_rss_bytes() / 2**20),
    }


def _load_pipeline() -> None:
    from kg.distributed import _extractor

    _extractor(None, False).extract_each([])


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def _print(table: dict) -> None:
    print(f"{table['machine']}; load average {table['load_average_1_5_15']}; {table['workers']} workers")
    columns = list(table["rows"][0])
    print(" | ".join(columns))
    for row in table["rows"]:
        print(" | ".join(str(row[c]) for c in columns))


if __name__ == "__main__":
    sys.exit(main())
