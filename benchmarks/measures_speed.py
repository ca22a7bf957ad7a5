"""What reading the figures costs: extraction of the first N CCTV items with and without `kg_measures`.

    python benchmarks/measures_speed.py [--items 3000] [--runs 3]

Each run is a fresh process (so no run finds the segmenter's caches warm from another), and runs alternate (with,
without, with, ...) so that a busy machine slows both alike; each run reports the CPU and wall time of its
extraction alone (not of starting Python and loading the pipeline). The medians and their ratios are printed. The
news stay in ../shared/data and are read in place.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CCTV = ROOT.parent / "shared" / "data" / "cctv_news.jsonl.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", choices=["with", "without"], help=argparse.SUPPRESS)  # one run, in this process
    args = parser.parse_args(argv)
    if args.one:
        return _one(args.items, args.one == "with")
    if not CCTV.is_file():
        print(f"{CCTV}: not found (the CCTV news live in ../shared/data)", file=sys.stderr)
        return 2
    times: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    figures = 0
    for _ in range(args.runs):
        for side in times:
            command = [sys.executable, __file__, "--items", str(args.items), "--one", side]
            shown = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
            times[side].append((shown["cpu"], shown["wall"]))
            figures = max(figures, shown["figures"])
    print(f"extraction of {args.items} CCTV items ({figures} figures), median of {args.runs} alternating runs:")
    medians = {}
    for side, values in times.items():
        medians[side] = (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
        print(f"  {side:7s} kg_measures: CPU {medians[side][0]:.1f} s, wall {medians[side][1]:.1f} s")
    cpu_ratio = medians["with"][0] / medians["without"][0]
    wall_ratio = medians["with"][1] / medians["without"][1]
    print(f"  with / without: CPU {cpu_ratio:.3f}, wall {wall_ratio:.3f}")
    return 0


def _one(items: int, measures: bool) -> int:
    """One timed extraction in this process; prints its CPU and wall seconds and the figures found, as JSON."""
    sys.path.insert(0, str(ROOT))
    from kg.extract import Extractor
    from kg.model import Document

    with gzip.open(CCTV, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in islice(handle, items)]
    documents = [Document(id=str(r.get("id", i)), text=r.get("text") or "") for i, r in enumerate(rows)]
    extractor = Extractor()
    with extractor.nlp.select_pipes(disable=[] if measures else ["kg_measures"]):
        extractor.extract(Document(id="warm-up", text="截至2022年底，中国银联的合作机构已超过2000家。"))
        cpu, wall = time.process_time(), time.perf_counter()
        found = list(extractor.extract_many(documents))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps({"cpu": cpu, "wall": wall, "figures": sum(len(x.measurements) for x in found)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
