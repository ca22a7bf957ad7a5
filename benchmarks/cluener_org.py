"""ORG recognition on general news: CLUENER2020's company, government and organization spans.

Each sentence is scored as a set of ORG strings against the gold spans of those three labels, and the counts
are summed. The data set has no redistribution license: it is read from ../shared/data, never copied.

    python benchmarks/cluener_org.py [--limit N] [--errors FILE] [--model DIR] [--backbone]
                                     [--split train.jsonl test.jsonl]

`--split` writes a seeded 80/20 split of the sentences (to train a model with `kg train` on the first file, outside
the repository) and stops; `--data test.jsonl --model DIR` then scores the rules and that model on the other 20%.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
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
    parser.add_argument("--model", type=Path, help="a model trained by `kg train`, run next to the rules")
    parser.add_argument("--backbone", action="store_true", help="the accurate mode: Baidu LAC votes (kg --backbone)")
    parser.add_argument("--split", type=Path, nargs=2, metavar=("TRAIN", "TEST"), help="write an 80/20 split")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the CLUENER2020 train split lives in ../shared/data)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from kg.nlp import make_pipeline

    rows = []
    opener = gzip.open if args.data.suffix == ".gz" else open
    with opener(args.data, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if args.limit and i >= args.limit:
                break
            rows.append(json.loads(line))
    if args.split:
        order = list(range(len(rows)))
        random.Random(0).shuffle(order)
        cut = len(rows) * 4 // 5
        for path, part in zip(args.split, (order[:cut], order[cut:])):
            with path.open("w", encoding="utf-8") as out:
                out.writelines(json.dumps(rows[i], ensure_ascii=False) + "\n" for i in sorted(part))
        print(f"wrote {cut} training and {len(rows) - cut} test sentences")
        return 0
    nlp = make_pipeline(args.model, backbone=args.backbone)
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
