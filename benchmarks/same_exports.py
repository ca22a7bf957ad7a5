"""Whether a change kept behaviour identical: the exports and extraction of this work tree against those of a revision.

    python benchmarks/same_exports.py [--rev REV] [--cctv N]

The revision's code is checked out into a temporary git worktree and both trees run in their own processes
(`python -m kg` with the tree on `PYTHONPATH`, so each reads its own `ontology/`). Compared byte for byte:
- `kg build examples` → kg.nq, kg.ttl, kg.html;
- `kg build` of the development corpus (the seed and D01–D13 in ../shared/corpus) → kg.nq, kg.ttl, kg.html;
- `kg extract --format jsonl` of the corpus and, with `--cctv N`, of the first N CCTV news items.
The corpus and the news stay in ../shared: they are read from there and never copied into the project.
Exit status 0 when every pair is identical, 1 when one differs (the first differing line is printed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CCTV = SHARED / "data" / "cctv_news.jsonl.gz"
EXPORTS = ("kg.nq", "kg.ttl", "kg.html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="HEAD", help="the revision to compare with (default: HEAD)")
    parser.add_argument("--cctv", type=int, default=0, help="also compare extraction on the first N CCTV items")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-same-") as tmp:
        work = Path(tmp)
        old = work / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.rev],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            return _compare(old, work, args.cctv)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)


def _compare(old: Path, work: Path, cctv: int) -> int:
    cases: list[tuple[str, list[str]]] = [("examples", [str(ROOT / "examples")])]
    if CORPUS.is_dir():
        articles = [str(CORPUS / "000_6ab065ab207a674c.txt"), *sorted(str(p) for p in CORPUS.glob("D*.md"))]
        cases.append(("corpus", articles))
    else:
        print(f"{CORPUS}: not found, the corpus is not compared", file=sys.stderr)
    if cctv:
        if CCTV.is_file():
            sample = work / "cctv.jsonl"
            _head(CCTV, sample, cctv)
            cases.append(("cctv", [str(sample)]))
        else:
            print(f"{CCTV}: not found, the CCTV items are not compared", file=sys.stderr)
    different = 0
    for name, inputs in cases:
        outputs = {}
        for side, tree in (("old", old), ("new", ROOT)):
            folder = work / side / name
            if name != "cctv":
                _kg(tree, ["build", *inputs, "-o", str(folder)])
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "extract.jsonl").write_bytes(_kg(tree, ["extract", *inputs, "--format", "jsonl"]))
            outputs[side] = folder
        files = ("extract.jsonl",) if name == "cctv" else (*EXPORTS, "extract.jsonl")
        for file in files:
            a = (outputs["old"] / file).read_bytes()
            b = (outputs["new"] / file).read_bytes()
            if a == b:
                print(f"same       {name}/{file} ({len(a):,} bytes)")
            else:
                different += 1
                print(f"DIFFERENT  {name}/{file}: {_first_difference(a, b)}")
    return 1 if different else 0


def _kg(tree: Path, args: list[str]) -> bytes:
    """`python -m kg ARGS` on the code of `tree`: run from the tree, since `-m` puts the working folder first on the
    path (before PYTHONPATH), and an editable install of another tree must not win either."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    where = subprocess.run([sys.executable, "-c", "import kg; print(kg.__file__)"], env=env, cwd=tree,
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    if not Path(where).is_relative_to(tree):
        raise SystemExit(f"kg imports from {where}, not from {tree}")
    done = subprocess.run([sys.executable, "-m", "kg", *args], env=env, cwd=tree, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        raise SystemExit(f"kg {args[0]} failed in {tree} (exit {done.returncode})")
    return done.stdout


def _head(source: Path, target: Path, n: int) -> None:
    with gzip.open(source, "rt", encoding="utf-8") as handle, target.open("w", encoding="utf-8") as out:
        for k, line in enumerate(handle):
            if k >= n:
                break
            row = json.loads(line)
            out.write(json.dumps({key: row.get(key) for key in ("id", "title", "date", "text")}, ensure_ascii=False))
            out.write("\n")


def _first_difference(a: bytes, b: bytes) -> str:
    old, new = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
    for k, (x, y) in enumerate(zip(old, new)):
        if x != y:
            return f"line {k + 1}:\n  old: {x[:200]}\n  new: {y[:200]}"
    return f"{len(old)} lines against {len(new)}"


if __name__ == "__main__":
    raise SystemExit(main())
