"""`kg build` with one process against `--workers 2`, interleaved, for this tree and other revisions.

    python benchmarks/workers_ratio.py [--limit 6000] [--rounds 2] [--rev main ...]

The figure of issue 17 is ratio_2 / ratio_1 of `benchmarks/run.py`, which is wall(1 process) / wall(2 workers) of
the full build with every export. Here each round builds, for each tree, with 1 and then 2 workers, so that a noisy
stretch weighs on both; each build is its own `python -m kg build` process, with its CPU seconds (its workers
included) beside its wall seconds and the load average. Revisions are checked out into temporary git worktrees and
run with their own tree on PYTHONPATH. The corpus (../shared/data) is read from there and never copied into the
project.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import DATA, _read, _write  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--rev", action="append", default=[], help="a revision to measure too (repeatable)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the benchmark corpus lives in ../shared/data)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kg-ratio-") as tmp:
        work = Path(tmp)
        source = _write(work / "docs.jsonl", _read(args.data, args.limit))
        trees = {"this tree": ROOT}
        for rev in args.rev:
            trees[rev] = work / f"tree-{len(trees)}"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(trees[rev]), rev],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            ratios: dict[str, list[float]] = {name: [] for name in trees}
            for n in range(args.rounds):
                for name, tree in trees.items():
                    (w1, c1, l1), (w2, c2, l2) = (_build(tree, source, work / "out", w) for w in (1, 2))
                    ratios[name].append(w1 / w2)
                    print(f"round {n + 1} {name:<10} 1 process {w1:6.1f} s wall {c1:6.1f} s CPU (load {l1:4.1f}) | "
                          f"2 workers {w2:6.1f} s wall {c2:6.1f} s CPU (load {l2:4.1f}) | ratio {w1 / w2:.2f}",
                          flush=True)  # fmt: skip
            for name, values in ratios.items():
                print(f"{name}: wall(1)/wall(2) median {statistics.median(values):.2f} of {values}")
        finally:
            for rev in args.rev:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[rev])], check=False)
    return 0


def _build(tree: Path, source: Path, out: Path, workers: int) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (the build and its workers) and the load average (1 min) after one build."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-m", "kg", "build", str(source), "-o", str(out), "--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, os.getloadavg()[0]


if __name__ == "__main__":
    raise SystemExit(main())
