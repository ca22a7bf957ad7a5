"""Every measurement kg extracts from the development corpus (the seed and D01–D13), with its evidence.

    python benchmarks/measurements.py                      # all of them, grouped by document
    python benchmarks/measurements.py --sample 100 --seed 0   # a random sample, numbered, to check by hand

Each line gives the subject (or the relation it qualifies), the property, the value and unit as recorded, the
comparison, the figure as written, the time and its precision, the rule, and the evidence sentence with the
figure marked 【like this】, so that value, unit, subject and date can be checked against the text.
The corpus is read from ../shared/corpus, never copied.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_ARTICLE = "000_6ab065ab207a674c.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=0, help="print a random sample of N measurements")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not (args.corpus / SEED_ARTICLE).exists():
        print(f"{args.corpus}: the development corpus is not there (it lives in ../shared/corpus)", file=sys.stderr)
        return 2
    from kg.extract import Extractor
    from kg.ingest import read_documents

    files = [args.corpus / SEED_ARTICLE, *sorted(args.corpus.glob("D[0-9][0-9].md"))]
    documents = {d.id: d for d in read_documents(files)}
    rows = []
    for extraction in Extractor().extract_many(documents.values()):
        text = documents[extraction.document.id].text
        rows.extend((extraction.document.id, m, text) for m in extraction.measurements)
    print(f"{len(rows)} measurements in {len(documents)} documents", file=sys.stderr)
    if args.sample:
        chosen = sorted(random.Random(args.seed).sample(range(len(rows)), min(args.sample, len(rows))))
        for k, index in enumerate(chosen, 1):
            print(f"#{k} {describe(*rows[index])}\n")
        return 0
    current = None
    for doc_id, m, text in rows:
        if doc_id != current:
            print(f"== {doc_id}")
            current = doc_id
        print(describe(doc_id, m, text))
    return 0


def describe(doc_id: str, m, text: str) -> str:
    """One measurement on two lines: the record, then its sentence with the figure marked."""
    subject = f"{m.subject} {m.relation} {m.object}" if m.relation else m.subject
    value = f"{m.value:g}" + (f"–{m.upper:g}" if m.upper is not None else "")
    time = f"{m.time} ({m.precision})" if m.time else f"no time{f' ({m.time_note})' if m.time_note else ''}"
    ev = m.evidence
    marked = text[ev.start : m.start] + "【" + text[m.start : m.end] + "】" + text[m.end : ev.end]
    return (
        f"{doc_id}  {subject} | {m.property} = {value} {m.unit} [{m.comparison}] «{m.text}» | {time} | {ev.rule}\n"
        f"    {marked}"
    )


if __name__ == "__main__":
    sys.exit(main())
