"""Time and peak memory of `kg build` on one big document: 1, 10 and 50 MB, on a single line and with line breaks.

    python benchmarks/big_documents.py [--sizes 1 10 50] [--json results.json]
    python benchmarks/big_documents.py --table results.json      # the table again, from saved rows

The document is invented here, from the word list in `benchmarks/data/big_documents_words.txt` and names made of
random characters: sentences that say who launched or partnered with what (one in five, names drawn as in the news,
a few often and most seldom), one sentence repeated word for word (one in four), sentences of common words, and
long runs of characters with no punctuation (a table pasted without its separators, a name list run together).

Each build runs in its own process (`--measure`), which reports its own peak resident memory from
`resource.getrusage`, so that one size never inherits the memory of another. The table gives the clock and CPU
seconds, the peak memory and the size of the exports per size, and what each MB added since the size before cost in
CPU seconds and in memory; loading the pipeline (~2 s, ~0.3 GB) is paid once, so the growth is the ratio of those
marginal costs, printed last (1.00 is linear). CPU seconds are steadier than the clock on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = Path(__file__).resolve().parent / "data" / "big_documents_words.txt"
MB = 1 << 20
_NAME_CHARS = "华信通达安泰恒盛鑫源汇联创丰瑞宏博嘉隆兴明德康福"  # invented names are drawn from these
_RARE = [chr(c) for c in range(0x9F00, 0x9FA0)]  # characters outside the segmenter's dictionary
_ORG_HEADS = ("科技公司", "银行", "集团", "研究院")
_PRODUCT_HEADS = ("卡", "平台", "App", "系统")


def words() -> list[str]:
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def document(size: int, *, line_breaks: bool, seed: int = 0) -> str:
    """About `size` bytes of invented news in UTF-8, one line or paragraphs of five sentences."""
    rng = random.Random(seed)
    vocabulary = words()
    orgs = ["".join(rng.choices(_NAME_CHARS, k=rng.randint(2, 4))) + rng.choice(_ORG_HEADS) for _ in range(400)]
    products = ["".join(rng.choices(_NAME_CHARS, k=2)) + rng.choice(_PRODUCT_HEADS) for _ in range(400)]
    weights = [1 / rank for rank in range(1, 401)]  # a few names are in the news all the time, most seldom

    def org() -> str:
        return rng.choices(orgs, weights)[0]

    repeated = f"{orgs[0]}与{orgs[1]}合作推出{products[0]}。"
    parts: list[str] = []
    length = 0
    while length < size:
        kind = rng.random()
        if kind < 0.12:
            sentence = f"{rng.randint(2015, 2024)}年，{org()}推出{rng.choices(products, weights)[0]}，"
            sentence += "".join(rng.choices(vocabulary, k=rng.randint(3, 8))) + "。"
        elif kind < 0.20:
            sentence = f"{org()}与{org()}达成合作，" + "".join(rng.choices(vocabulary, k=5)) + "。"
        elif kind < 0.45:
            sentence = repeated
        elif kind < 0.98:
            sentence = "".join(rng.choices(vocabulary, k=rng.randint(5, 15))) + rng.choice("，。")
        else:  # a long run without punctuation: random characters, and names run together
            run = "".join(rng.choices(_RARE, k=rng.randint(500, 5000)))
            sentence = run + "".join(rng.choices(orgs, k=rng.randint(20, 200)))
        if line_breaks and rng.random() < 0.2:
            sentence += "\n"
        parts.append(sentence)
        length += len(sentence.encode("utf-8"))
    return "".join(parts)


def measure(source: Path, out: Path) -> dict:
    """One build in this process: seconds and peak resident memory (MB)."""
    from kg.cli import main

    start = time.perf_counter()
    status = main(["build", str(source), "-o", str(out)])
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    exported = sum(p.stat().st_size for p in out.iterdir()) if out.exists() else 0
    return {
        "status": status,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),  # steadier than the clock on a shared machine
        "peak_mb": round(usage.ru_maxrss / 1024),  # kilobytes on Linux
        "exports_mb": round(exported / MB, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50], metavar="MB")
    parser.add_argument("--json", type=Path, help="write the rows as JSON")
    parser.add_argument("--table", type=Path, metavar="JSON", help="print the table of rows written by --json")
    parser.add_argument("--measure", nargs=2, type=Path, metavar=("FILE", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--write", nargs=3, metavar=("MB", "LAYOUT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    if args.write:
        size, layout, path = args.write
        Path(path).write_text(document(int(size) * MB, line_breaks=layout == "lines"), encoding="utf-8")
        return 0
    if args.table:
        _print_table(json.loads(args.table.read_text(encoding="utf-8")))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-big-") as tmp:
        for layout in ("one line", "lines"):
            for size in args.sizes:
                # the text is written by a process of its own: on Linux a process started by a large one counts the
                # memory of its parent in ru_maxrss, so this one stays small
                source, out = Path(tmp) / f"doc_{size}mb.txt", Path(tmp) / f"out_{size}mb"
                subprocess.run([sys.executable, __file__, "--write", str(size), layout, str(source)], check=True)
                done = subprocess.run(
                    [sys.executable, __file__, "--measure", str(source), str(out)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if done.returncode != 0:
                    print(done.stderr, file=sys.stderr)
                    return 1
                source.unlink()
                shutil.rmtree(out)
                row = {"mb": size, "layout": layout, **json.loads(done.stdout)}
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
    _print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


def _print_table(rows: list[dict]) -> None:
    """The rows, with the cost of each added MB against the sizes before: loading the pipeline is paid once, so the
    ratio of marginal costs tells the growth (1.00 linear, 1.30 a third dearer per MB at the larger size)."""
    print(
        "| layout | MB | seconds | CPU seconds | peak memory (MB) | exports (MB) | CPU s / added MB | MB / added MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    growth: dict[str, list[float]] = {"CPU time": [], "memory": []}
    for layout in dict.fromkeys(r["layout"] for r in rows):
        previous: dict | None = None
        first: tuple[float, float] | None = None
        for row in (r for r in rows if r["layout"] == layout):
            added = ("", "")
            if previous is not None:
                mb = row["mb"] - previous["mb"]
                cpu, memory = ((row[k] - previous[k]) / mb for k in ("cpu_seconds", "peak_mb"))
                added = (f"{cpu:.2f}", f"{memory:.0f}")
                if first is None:
                    first = (cpu, memory)
                else:
                    growth["CPU time"].append(cpu / first[0])
                    growth["memory"].append(memory / first[1])
            print(
                f"| {layout} | {row['mb']} | {row['seconds']:.1f} | {row['cpu_seconds']:.1f} | {row['peak_mb']:,} "
                f"| {row['exports_mb']:.1f} | {added[0]} | {added[1]} |"
            )
            previous = row
    for what, ratios in growth.items():
        if ratios:
            print(f"{what}: each added MB costs at most {max(ratios):.2f}x what it cost between the first two sizes")


if __name__ == "__main__":
    sys.exit(main())
