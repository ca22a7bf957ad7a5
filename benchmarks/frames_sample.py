"""A seeded random sample of the relations the frame layer reads in general news, to judge by hand.

    python benchmarks/frames_sample.py [--items N] [--sample K] [--seed S] [--data FILE ...]

Reads N random items (default 1,500) from each news file in ../shared/data (CCTV 新闻联播 transcripts and finance
news), extracts them, and prints K random relations whose rule is a frame (default 100), each with its rule,
confidence and evidence sentence, followed by the share of each frame family among all of them. The news stays in
../shared: it is read from there and never copied.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
FILES = ("cctv_news.jsonl.gz", "finance_stock_news.jsonl.gz")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1500, help="random items read from each file")
    parser.add_argument("--sample", type=int, default=100, help="frame relations printed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, nargs="+", default=[DATA / name for name in FILES])
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.data if not p.is_file()]
    if missing:
        print(f"{', '.join(missing)}: not found (the news lives in ../shared/data)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from kg.extract import Extractor, extraction_to_json
    from kg.model import Document

    rng = random.Random(args.seed)
    documents = []
    for path in args.data:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        for k in sorted(rng.sample(range(len(rows)), min(args.items, len(rows)))):
            row = rows[k]
            documents.append(
                Document(id=f"{path.name}#{k}", text=str(row.get("text") or ""), title=str(row.get("title") or ""))
            )
    found = []
    for extraction in Extractor().extract_many(documents):
        record = extraction_to_json(extraction)
        for r in record["relations"]:
            if r["rule"].startswith("frame:"):
                found.append((record["document"], r))
    print(f"{len(documents)} items, {len(found)} frame relations")
    for document, r in rng.sample(found, min(args.sample, len(found))):
        print(f"{document}\t{r['head_label']} {r['relation']} {r['tail_label']}\t{r['rule']} {r['confidence']}")
        print(f"\t{r['evidence']}")
    families = Counter(r["rule"] for _, r in found)
    print(", ".join(f"{rule} {n / len(found):.0%}" for rule, n in families.most_common()) if found else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
