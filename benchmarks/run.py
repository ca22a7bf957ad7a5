"""Throughput, scaling, memory and incremental builds on the CCTV news corpus, against a baseline of the same run.

    python benchmarks/run.py [--runs 3] [--json benchmarks/results.json] [--limit N]

The baseline is spaCy's own `zh` tokenizer with the jieba segmenter over the same texts, in one process: the floor
that no pipeline built on it can beat. Every `kg build` runs as its own process (`python -m kg build`), so its peak
memory is measured and nothing is cached between runs. Figures are medians over `--runs` runs; the machine is noisy.

| figure | what it measures |
|---|---|
| `ratio_extract` | throughput of extraction alone (documents read, pipeline run, records out), / tokenization |
| `ratio_1` | throughput of `kg build` (extraction, graph, every export), 1 process, / tokenization throughput |
| `ratio_2` | the same with `--workers 2` |
| `linearity` | time(all documents) / time(a quarter of them): 4 is linear |
| `peak_rss_gb` | peak resident memory of the whole build with every export |
| `update_share` | `kg build --update` after adding 100 documents (a new input file), / the full build time |
| `update_1000_share` | the same after adding 1,000 documents |
| `update_nq_share` | `kg build --update --formats nq` after adding 100 documents, / the full build time |

The corpus (../shared/data/cctv_news.jsonl.gz) may not be redistributed: it is read from there, never copied;
the subsets the runs need are written to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "cctv_news.jsonl.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N documents (a quick look)")
    parser.add_argument("--json", type=Path, help="write the table as JSON")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the benchmark corpus lives in ../shared/data)", file=sys.stderr)
        return 2
    records = _read(args.data, args.limit)
    chars = sum(len(r["text"]) for r in records)
    print(f"{len(records):,} documents, {chars:,} characters; {args.runs} runs each", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        everything = _write(work / "all.jsonl", records)
        quarter = _write(work / "quarter.jsonl", records[: len(records) // 4])
        head = _write(work / "head.jsonl", records[:-1000])
        added = {n: _write(work / f"added{n}.jsonl", records[-1000:][:n]) for n in (100, 1000)}

        tokenize_runs, extract_runs = [], []
        for _ in range(args.runs):  # interleaved, so that a noisy stretch of time weighs on both alike
            tokenize_runs.append(_tokenize_seconds(records))
            extract_runs.append(_extract_seconds(everything))
        tokenize, extract = _median(tokenize_runs), _median(extract_runs)
        one = [_build(everything, work / "out1") for _ in range(args.runs)]
        two = [_build(everything, work / "out2", "--workers", "2") for _ in range(args.runs)]
        quarters = [_build(quarter, work / "outq")[0] for _ in range(args.runs)]
        updates: dict[str, list[float]] = {"100": [], "1000": [], "nq": []}
        for _ in range(args.runs):  # one earlier build, copied for each kind of update
            _build(head, work / "outu")
            for kind, n, extra in (("100", 100, ()), ("1000", 1000, ()), ("nq", 100, ("--formats", "nq"))):
                folder = work / f"outu-{kind}"
                shutil.rmtree(folder, ignore_errors=True)
                shutil.copytree(work / "outu", folder)
                updates[kind].append(_build(head, folder, "--update", *extra, more=(added[n],))[0])

    t1 = _median([s for s, _ in one])
    t2 = _median([s for s, _ in two])
    table = {
        "machine": f"{platform.machine()}, {_cpus()} cores, Python {platform.python_version()}",
        "documents": len(records),
        "characters": chars,
        "tokenize_chars_per_s": round(chars / tokenize),
        "extract_chars_per_s": round(chars / extract),
        "ratio_extract": round(tokenize / extract, 3),
        "build_1_chars_per_s": round(chars / t1),
        "build_2_chars_per_s": round(chars / t2),
        "ratio_1": round(tokenize / t1, 3),
        "ratio_2": round(tokenize / t2, 3),
        "build_1_s": round(t1, 1),
        "build_2_s": round(t2, 1),
        "quarter_s": round(_median(quarters), 1),
        "linearity": round(t1 / _median(quarters), 2),
        "peak_rss_gb": round(max(rss for _, rss in one) / 2**30, 2),
        "peak_rss_2_workers_gb": round(max(rss for _, rss in two) / 2**30, 2),
        "update_s": round(_median(updates["100"]), 1),
        "update_share": round(_median(updates["100"]) / t1, 3),
        "update_1000_share": round(_median(updates["1000"]) / t1, 3),
        "update_nq_share": round(_median(updates["nq"]) / t1, 3),
    }
    for key, value in table.items():
        print(f"{key:<24} {value}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return 0


def _read(path: Path, limit: int) -> list[dict]:
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if limit and len(records) >= limit:
                break
            row = json.loads(line)
            if row.get("text"):
                records.append({"id": str(row.get("id", len(records))), "title": row.get("title", ""),
                                "date": row.get("date"), "text": row["text"]})  # fmt: skip
    return records


def _write(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _tokenize_seconds(records: list[dict]) -> float:
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer("预热")
    started = time.perf_counter()
    for _ in nlp.pipe(r["text"] for r in records):
        pass
    return time.perf_counter() - started


def _extract_seconds(source: Path) -> float:
    """Extraction alone, in this process, with the pipeline loaded first (as the baseline's is)."""
    sys.path.insert(0, str(ROOT))
    from kg.extract import Extractor
    from kg.ingest import read_documents

    extractor = Extractor()
    extractor.extract(next(iter(read_documents([source]))))
    started = time.perf_counter()
    for _ in extractor.extract_many(read_documents([source])):
        pass
    return time.perf_counter() - started


_MEASURED = """
import resource, sys
from kg.cli import main
code = main(sys.argv[2:])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(str(max(own, children) * 1024))
raise SystemExit(code)
"""


def _build(source: Path, out: Path, *extra: str, more: tuple[Path, ...] = ()) -> tuple[float, int]:
    """Seconds and peak resident bytes (of the build or its largest worker) of one `kg build` in its own process;
    ``more`` are inputs after ``source``."""
    peak_file = out.parent / f".{out.name}.peak"
    inputs = [str(source), *map(str, more)]
    command = [sys.executable, "-c", _MEASURED, str(peak_file), "build", *inputs, "-o", str(out), *extra]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, int(peak_file.read_text())


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    raise SystemExit(main())
