"""This work tree against a revision, measured in one run: scores per split, CLUENER ORG, and extraction speed.

    python benchmarks/versus.py --rev REV [--cctv 3000] [--runs 3] [--cluener 0]

The revision is checked out into a temporary git worktree; each tree runs in its own processes with itself on
`PYTHONPATH` (so each reads its own `ontology/` and word lists). Printed:
- entity F1 per type and relation F1 on the development corpus, split as dev (the seed and D01–D08), fresh
  (D09–D13) and all, scored by this tree's `kg.evaluate` (the rules of ../shared/eval/kg_score.py);
- ORG P/R/F1 on CLUENER2020 (each tree's own `benchmarks/cluener_org.py`; `--cluener N` sentences, 0 for all);
- `kg extract` wall time on the first N CCTV items, runs interleaved (old, new, old, new, ...), the median of each
  and their ratio (old time / new time: above 1 is faster).
The data stay in ../shared; nothing of them is written into the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CCTV = SHARED / "data" / "cctv_news.jsonl.gz"
CLUENER = SHARED / "data" / "cluener2020_train.json.gz"
SPLITS = {"dev": ["000_*", "D0[1-8]"], "fresh": ["D09", "D1[0-3]"], "all": ["*"]}
TYPES = ("ORG", "PRODUCT", "INITIATIVE", "LOC")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", required=True, help="the revision to compare with")
    parser.add_argument("--cctv", type=int, default=3000, help="CCTV items to time extraction on (0: skip)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tree (default 3)")
    parser.add_argument("--cluener", type=int, default=-1, help="CLUENER sentences to score (0: all; -1: skip)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"{CORPUS}: not found (the corpus lives in ../shared)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="kg-versus-") as tmp:
        work = Path(tmp)
        old = work / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.rev],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            trees = {"old": old, "new": ROOT}
            _scores(trees, work)
            if args.cluener >= 0:
                _cluener(trees, args.cluener)
            if args.cctv:
                _speed(trees, work, args.cctv, args.runs)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
    return 0


def _run(tree: Path, args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([sys.executable, *args], cwd=tree, env=env, check=True, **kwargs)


def _scores(trees: dict[str, Path], work: Path) -> None:
    from kg.evaluate import load_gold, score, split_gold

    articles = [str(CORPUS / "000_6ab065ab207a674c.txt"), *sorted(str(p) for p in CORPUS.glob("D*.md"))]
    gold = load_gold(CORPUS)
    splits = split_gold(gold, [f"{name}={','.join(patterns)}" for name, patterns in SPLITS.items()])
    print("scores (entity F1 per type, entities, relations):")
    for side, tree in trees.items():
        out = work / f"{side}.jsonl"
        with out.open("w", encoding="utf-8") as handle:
            _run(tree, ["-m", "kg", "extract", *articles, "--format", "jsonl"], stdout=handle)
        predictions = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        for name, subset in splits.items():
            report = score(subset, predictions).to_json()
            by_type = report["entities_by_type"]
            types = "  ".join(f"{t} {by_type[t]['f1']:.3f}" for t in TYPES if t in by_type)
            print(
                f"  {side:3s} {name:5s}  {types}  entities {report['entities']['f1']:.3f}"
                f"  relations {report['relations']['f1']:.3f} (P {report['relations']['p']:.3f}"
                f" R {report['relations']['r']:.3f})"
            )


def _cluener(trees: dict[str, Path], limit: int) -> None:
    if not CLUENER.is_file():
        print(f"{CLUENER}: not found, CLUENER not scored", file=sys.stderr)
        return
    print("CLUENER2020 ORG:")
    for side, tree in trees.items():
        command = ["benchmarks/cluener_org.py", "--data", str(CLUENER), "--limit", str(limit)]
        shown = _run(tree, command, capture_output=True, text=True)
        line = next((x for x in shown.stdout.splitlines() if re.search(r"\bF1\b", x)), shown.stdout.strip())
        print(f"  {side:3s} {line.strip()}")


def _speed(trees: dict[str, Path], work: Path, count: int, runs: int) -> None:
    if not CCTV.is_file():
        print(f"{CCTV}: not found, speed not measured", file=sys.stderr)
        return
    sample = work / "cctv.jsonl"
    with gzip.open(CCTV, "rt", encoding="utf-8") as source, sample.open("w", encoding="utf-8") as out:
        for i, line in enumerate(source):
            if i >= count:
                break
            out.write(line)
    times: dict[str, list[float]] = {side: [] for side in trees}
    for _ in range(runs):
        for side, tree in trees.items():
            started = time.perf_counter()
            _run(tree, ["-m", "kg", "extract", str(sample), "--format", "jsonl"], stdout=subprocess.DEVNULL)
            times[side].append(time.perf_counter() - started)
    medians = {side: statistics.median(values) for side, values in times.items()}
    print(f"kg extract, first {count} CCTV items, median of {runs} interleaved runs:")
    for side, values in times.items():
        print(f"  {side:3s} {medians[side]:.1f} s  ({', '.join(f'{v:.1f}' for v in values)})")
    print(f"  speed ratio old/new: {medians['old'] / medians['new']:.2f} (above 1: this tree is faster)")


if __name__ == "__main__":
    raise SystemExit(main())
