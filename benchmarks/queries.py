"""The README's SPARQL queries on the CCTV store, and lookups by name, timed: medians, before and after.

    python benchmarks/queries.py [--limit N] [--store DIR] [--before REV] [--runs 21] [--json FILE]

The store is built from the first ``--limit`` CCTV documents (default: all of them) with ``kg build --store``, or an
existing one is opened with ``--store``. The queries are read from the README itself (every ```sparql block), so the
benchmark follows the docs: "after" is this worktree's README, "before" the README of ``--before`` (default ``main``,
whose queries scan labels with FILTER(str(?label) = ?name)). Each pair runs ``--runs`` times, before and after
interleaved so that a noisy stretch of time weighs on both alike, and both must give the same rows. Also timed:
``kg.store.query_store`` with a name bound (what ``kg query --bind`` runs) and ``KnowledgeGraph.find`` on the graph
read back from kg.nq (its first call resolves the graph and is reported apart).

The corpus (../shared/data/cctv_news.jsonl.gz) may not be redistributed: the subset is written to a temporary folder
that is removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "cctv_news.jsonl.gz"
NAMES = ("中国工商银行", "ICBC", "中国建设银行", "华为", "中国银联")


def readme_queries(text: str) -> list[str]:
    """The SPARQL blocks of a README, in their order."""
    return re.findall(r"```sparql\n(.*?)```", text, flags=re.S)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=0, help="build from the first N documents (default: all)")
    parser.add_argument("--store", type=Path, help="an existing store (with kg.nq beside it) instead of a build")
    parser.add_argument("--before", default="main", help="the git revision whose README gives the 'before' queries")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-queries-") as tmp:
        if args.store is None:
            if not args.data.exists():
                print(f"{args.data}: not found (the benchmark corpus lives in ../shared/data)", file=sys.stderr)
                return 2
            args.store = _build(args.data, Path(tmp), args.limit)
        table = _measure(args.store, args.before, args.runs)
    table["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    table["load_average_1_5_15"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(table, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def _build(data: Path, work: Path, limit: int) -> Path:
    import gzip

    subset = work / "subset.jsonl"
    with gzip.open(data, "rt", encoding="utf-8") as source, subset.open("w", encoding="utf-8") as out:
        for n, line in enumerate(source):
            if limit and n >= limit:
                break
            out.write(line)
    out_dir = work / "out"
    command = [sys.executable, "-m", "kg", "build", str(subset), "-o", str(out_dir), "--formats", "nq"]
    subprocess.run([*command, "--store", str(out_dir / "store")], check=True, cwd=ROOT)
    return out_dir / "store"


def _measure(store_dir: Path, before_rev: str, runs: int) -> dict:
    import kg
    from kg.store import EXAMPLE_QUERIES, open_store, query_store

    store = open_store(store_dir)
    after = readme_queries((ROOT / "README.md").read_text(encoding="utf-8"))
    old = subprocess.run(["git", "show", f"{before_rev}:README.md"], cwd=ROOT, check=True, capture_output=True)
    before = readme_queries(old.stdout.decode("utf-8"))
    table: dict = {"quads": len(store), "readme_queries": []}
    for n, (then, now) in enumerate(zip(before, after, strict=True)):
        first = [t for t in re.findall(r"^SELECT[^\n]*", now, flags=re.M)][:1]
        rows_then, rows_now = query_store(store, then), query_store(store, now)
        times_then, times_now = _interleaved(
            runs, lambda q=then: query_store(store, q), lambda q=now: query_store(store, q)
        )
        table["readme_queries"].append({
            "query": n + 1,
            "select": first[0][:60] if first else "",
            "rows": len(rows_now),
            "same_rows": rows_then == rows_now,
            "before_median_s": _median(times_then),
            "after_median_s": _median(times_now),
        })  # fmt: skip
    table["query_store_by_name_median_s"] = {
        name: _median(_interleaved(runs, lambda q=q, b={"name": name}: query_store(store, q, b))[0])
        for name in NAMES
        for q in [EXAMPLE_QUERIES["products_launched_by"]]
    }
    started = time.perf_counter()
    g = kg.load(store_dir.parent / "kg.nq")
    table["load_kg_nq_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    g.find(NAMES[0])
    table["find_first_call_s"] = round(time.perf_counter() - started, 3)
    table["find_median_s"] = {name: _median(_interleaved(runs, lambda n=name: g.find(n))[0]) for name in NAMES}
    return table


def _interleaved(runs: int, *calls: Callable[[], object]) -> list[list[float]]:
    """Each call's wall times, the calls taking turns."""
    times: list[list[float]] = [[] for _ in calls]
    for _ in range(runs):
        for i, call in enumerate(calls):
            started = time.perf_counter()
            call()
            times[i].append(time.perf_counter() - started)
    return times


def _median(times: list[float]) -> float:
    return round(statistics.median(times), 5)


if __name__ == "__main__":
    sys.exit(main())
