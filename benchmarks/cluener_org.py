"""ORG recognition on general news: CLUENER2020's company, government and organization spans.

Each sentence is scored as a set of ORG strings against the gold spans of those three labels, and the counts
are summed. The data set has no redistribution license: it is read from ../shared/data, never copied.

    python benchmarks/cluener_org.py [--limit N] [--errors FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "cluener2020_train.json.gz"
ORG_LABELS = ("company", "government", "organization")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences")
    parser.add_argument("--errors", type=Path, help="write misses and false positives as JSON Lines")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the CLUENER2020 train split lives in ../shared/data)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from kg.nlp import make_pipeline

    nlp = make_pipeline()
    rows = []
    with gzip.open(args.data, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if args.limit and i >= args.limit:
                break
            rows.append(json.loads(line))
    tp = fp = fn = 0
    errors = []
    started = time.perf_counter()
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        gold = {name for label in ORG_LABELS for name in row["label"].get(label, {})}
        pred = {e.text for e in doc.ents if e.label_ == "ORG"}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if args.errors and (pred != gold):
            errors.append({"text": row["text"], "missed": sorted(gold - pred), "false": sorted(pred - gold)})
    seconds = time.perf_counter() - started
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"CLUENER2020 train, ORG (company+government+organization): {len(rows)} sentences in {seconds:.1f} s")
    print(f"  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for e in errors:
                out.write(json.dumps(e, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
