"""Where a `kg build --workers N` spends its time, per phase and per process: CPU seconds and wall seconds.

    python benchmarks/workers_profile.py [--limit 4000] [--workers 1 2] [--runs 1]

Each build runs as `kg build` (every export, as `benchmarks/run.py` times it) in its own process, with timers put
around the phases: reading the inputs, extraction in each process, pickling a shard's records (in the worker) and
unpickling them (in the main process), the merge (`KnowledgeGraph.add`), entity resolution, rendering the export's
blocks, each serialization, the view, writing the files, and the state kept for `--update`. A timer counts its own
time only (a phase inside another is not counted twice). Every process, the forked ones included, appends its
timings to one file, read back at the end.

The serial fraction (Amdahl) is the share of the one-process build's wall time spent in phases that only one process
runs; with two cores, a build whose serial share is s can be at most 2 / (1 + s) times faster.

The corpus (../shared/data/cctv_news.jsonl.gz) may not be redistributed: the subset is written to a temporary folder
that is removed afterwards. Use CPU time on a busy machine: wall time shares the cores with whatever else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import DATA, _read, _write  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=4000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=1, help="builds of each kind, interleaved; the table is the last")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the benchmark corpus lives in ../shared/data)", file=sys.stderr)
        return 2
    records = _read(args.data, args.limit)
    print(f"{len(records):,} documents, {sum(len(r['text']) for r in records):,} characters", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        work = Path(tmp)
        source = _write(work / "docs.jsonl", records)
        walls: dict[int, list[float]] = defaultdict(list)
        for run in range(args.runs):
            for workers in args.workers:
                events = work / f"events-{workers}-{run}.jsonl"
                command = [sys.executable, __file__, "--child", str(events), "build", str(source),
                           "-o", str(work / f"out{workers}"), "--workers", str(workers)]  # fmt: skip
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
                table = _table(events)
                walls[workers].append(table["total"]["wall"])
                print(f"\nrun {run + 1}, --workers {workers}: {table['total']['wall']:.1f} s wall, load "
                      f"{os.getloadavg()[0]:.1f}")  # fmt: skip
                _print(table)
    if 1 in walls:
        for workers, values in walls.items():
            if workers != 1:
                ratios = [one / other for one, other in zip(walls[1], values, strict=True)]
                print(f"\nwall(1) / wall({workers}) per run: " + ", ".join(f"{r:.2f}" for r in ratios))
    return 0


# Phases that only one process runs while the others wait (after extraction); extraction and what the main process
# does meanwhile (reading, unpickling, merging) run beside the workers.
SERIAL = ("resolve", "render blocks", "state", "exports other", "write files")


def _table(events: Path) -> dict[str, dict[str, float]]:
    """CPU and wall seconds per (phase, process): processes are 'main', 'worker' (all pool workers summed) and
    'helper' (the process forked to write exports)."""
    rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    main_pid = None
    lines = [json.loads(line) for line in events.read_text().splitlines()]
    for e in lines:
        if e["phase"] == "total":
            main_pid = e["pid"]
    for e in lines:
        role = "main" if e["pid"] == main_pid else e.get("role", "worker")
        key = e["phase"] if e["phase"] == "total" else f"{e['phase']} [{role}]"
        rows[key]["cpu"] += e["cpu"]
        rows[key]["wall"] += e["wall"]
        rows[key]["count"] += e.get("count", 1)
    return rows


def _print(table: dict[str, dict[str, float]]) -> None:
    print(f"{'phase [process]':<34} {'CPU s':>8} {'wall s':>8} {'calls':>7}")
    for key in sorted(table, key=lambda k: (k == "total", k)):
        row = table[key]
        print(f"{key:<34} {row['cpu']:>8.2f} {row['wall']:>8.2f} {int(row['count']):>7}")


# -- in the build's process --------------------------------------------------------------------------------------


def _child(events_path: str, argv: list[str]) -> int:
    """Run `kg` with timers around its phases; every process appends its timings to ``events_path``."""
    import functools
    import pickle
    import resource
    import threading
    import time

    sys.path.insert(0, str(ROOT))
    import kg.builder
    import kg.export
    import kg.extract
    import kg.graph
    import kg.rdf
    import kg.rdf.patch
    import kg.state
    from kg import cli

    local = threading.local()  # per thread (the pool reads its inputs in a thread of its own): the open timers
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    role = ["main"]

    def flush() -> None:
        with open(events_path, "a", encoding="utf-8") as out:
            for (phase, who), (cpu, wall, count) in totals.items():
                out.write(json.dumps({"pid": os.getpid(), "role": who, "phase": phase, "cpu": cpu, "wall": wall,
                                      "count": count}) + "\n")  # fmt: skip
        totals.clear()

    def timed(phase: str, fn, *, flush_after: bool = False):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            stack = local.__dict__.setdefault("stack", [])  # per open timer: time its inner timers took
            stack.append([0.0, 0.0])
            cpu0, wall0 = time.thread_time(), time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                cpu, wall = time.thread_time() - cpu0, time.perf_counter() - wall0
                inner = stack.pop()
                row = totals[(phase, role[0])]
                row[0] += cpu - inner[0]
                row[1] += wall - inner[1]
                row[2] += 1
                if stack:
                    stack[-1][0] += cpu
                    stack[-1][1] += wall
                if flush_after:
                    flush()

        return wrapper

    def timed_iter(phase: str, it):
        """Time spent producing each item of an iterator."""
        it = iter(it)
        step = timed(phase, lambda: next(it, _END))
        while (item := step()) is not _END:
            yield item

    _END = object()

    # reading: the documents the builder pulls (JSON, hashing, the content filter)
    original_unique = kg.builder.unique_documents
    kg.builder.unique_documents = lambda *a, **k: timed_iter("read inputs", original_unique(*a, **k))

    # extraction in one process: each document's records
    original_extract_all = kg.builder.extract_all

    def extract_all(documents, *, workers=1, **kwargs):
        if workers <= 1:
            return timed_iter("extract", original_extract_all(documents, workers=1, **kwargs))
        return original_extract_all(documents, workers=workers, **kwargs)

    kg.builder.extract_all = extract_all

    # extraction in the pool: the worker times its shard and the pickling of its records, sends bytes
    original_shard = kg.builder._extract_shard

    original_init = kg.builder._init_worker

    def init_worker(*args):
        role[0] = "worker"
        totals.clear()  # forked: what the main process had timed so far is its own
        timed("load pipeline", original_init)(*args)
        flush()

    kg.builder._init_worker = init_worker
    kg.extract.make_pipeline = timed("load pipeline", kg.extract.make_pipeline)

    def extract_shard(documents):
        records = timed("extract", original_shard)(documents)
        data = timed("pickle", pickle.dumps)(records, pickle.HIGHEST_PROTOCOL)
        flush()
        return data

    extract_shard.__module__, extract_shard.__qualname__ = "kg.builder", "_extract_shard"  # pickled by name
    kg.builder._extract_shard = extract_shard
    original_pool_imap = None

    original_worker_pool = kg.builder._worker_pool

    def worker_pool(*args, **kwargs):
        pool = original_worker_pool(*args, **kwargs)
        nonlocal original_pool_imap
        original_pool_imap = pool.imap

        def imap(fn, shards):
            wait = timed("wait for workers", lambda results: next(results, _END))
            results = original_pool_imap(fn, shards)
            while (data := wait(results)) is not _END:
                yield timed("unpickle", pickle.loads)(data)

        pool.imap = imap
        return pool

    kg.builder._worker_pool = worker_pool

    kg.graph.KnowledgeGraph.add = timed("merge (graph.add)", kg.graph.KnowledgeGraph.add)
    kg.graph._resolve = timed("resolve", kg.graph._resolve)
    texts = kg.rdf.patch.PatchedExport._assembled
    kg.rdf.patch.PatchedExport._assembled = functools.cached_property(timed("render blocks", texts.func))
    kg.rdf.patch.PatchedExport._assembled.__set_name__(kg.rdf.patch.PatchedExport, "_assembled")
    original_serialize = kg.rdf.serialize

    def serialize(export, fmt):
        return timed(f"serialize {fmt}", original_serialize)(export, fmt)

    kg.rdf.serialize = serialize
    kg.export.render_html = timed("view (kg.html)", kg.export.render_html)
    kg.export._stage = timed("write files", kg.export._stage)
    kg.state.write_state = timed("state", kg.state.write_state)
    original_inherited = kg.export._stage_inherited

    def stage_inherited(*args):
        role[0] = "helper"
        totals.clear()
        try:
            return timed("helper total", original_inherited, flush_after=True)(*args)
        finally:
            role[0] = "main"

    stage_inherited.__module__, stage_inherited.__qualname__ = "kg.export", "_stage_inherited"
    kg.export._stage_inherited = stage_inherited
    kg.export.save_all = timed("exports other", kg.export.save_all)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    code = cli.main(argv)
    totals[("total", "main")] = [time.process_time() - cpu0, time.perf_counter() - wall0, 1]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    totals[("children CPU (rusage)", "children")] = [children.ru_utime + children.ru_stime, 0.0, 1]
    flush()
    return code


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        raise SystemExit(_child(sys.argv[2], sys.argv[3:]))
    raise SystemExit(main())
