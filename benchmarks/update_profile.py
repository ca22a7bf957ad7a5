"""Where the time of `kg build --update` goes: a profile (cProfile, CPU time) of one update on the CCTV corpus.

    python benchmarks/update_profile.py --limit 6000 --added 100 [--work /tmp/kg-update-profile] [--top 40]

The first ``limit - 1000`` documents are built once into ``WORK/head-LIMIT`` (kept between runs, so that several
updates can be profiled against one earlier build); each run copies that folder and adds the next ``added``
documents with `kg build --update` in this process, under cProfile. Printed: the CPU and wall seconds of the update,
of the earlier full build (when this run made it), and the functions with the most cumulative time. The corpus
(../shared/data/cctv_news.jsonl.gz) may not be redistributed: the subsets are written under WORK, outside the
repository.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DATA, _read, _write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=6000)
    parser.add_argument("--added", type=int, default=100)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-update-profile"))
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--phases", action="store_true", help="CPU seconds of each phase, without cProfile")
    parser.add_argument("--dump", type=Path, help="also write the profile here (pstats)")
    parser.add_argument("--formats", nargs="*", default=None, help="passed to kg build --formats")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    head_file, added_file = args.work / f"head-{args.limit}.jsonl", args.work / f"added-{args.limit}-{args.added}.jsonl"
    head_dir = args.work / f"head-{args.limit}"
    if not head_file.exists() or not added_file.exists():
        records = _read(args.data, args.limit)
        _write(head_file, records[:-1000])
        _write(added_file, records[-1000:][: args.added])
    from kg.cli import main as kg_main

    if not (head_dir / "kg.nq").exists():
        cpu, wall = time.process_time(), time.perf_counter()
        kg_main(["build", str(head_file), "-o", str(head_dir)])
        print(f"full build of the head: {time.process_time() - cpu:.1f} s CPU, {time.perf_counter() - wall:.1f} s")
    folder = args.work / f"update-{args.limit}-{args.added}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(head_dir, folder)
    command = ["build", str(head_file), str(added_file), "-o", str(folder), "--update"]
    if args.formats:
        command += ["--formats", *args.formats]
    if args.phases:
        spent = _timed_phases()
        cpu, wall = time.process_time(), time.perf_counter()
        kg_main(command)
        print(f"update of {args.added} on {args.limit - 1000}: {time.process_time() - cpu:.2f} s CPU, "
              f"{time.perf_counter() - wall:.2f} s wall; imports before it {_IMPORTS:.2f} s CPU")  # fmt: skip
        for name, seconds in spent.items():
            print(f"  {name:<40} {seconds:6.2f} s CPU")
        return 0
    profile = cProfile.Profile(time.process_time)
    cpu, wall = time.process_time(), time.perf_counter()
    profile.runcall(kg_main, command)
    print(f"update of {args.added} on {args.limit - 1000}: {time.process_time() - cpu:.2f} s CPU, "
          f"{time.perf_counter() - wall:.2f} s wall")  # fmt: skip
    if args.dump:
        profile.dump_stats(args.dump)
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
    return 0


_IMPORTS = 0.0


def _timed_phases() -> dict[str, float]:
    """Wrap the functions an update spends its time in, so that each adds its own CPU seconds (inclusive) up."""
    global _IMPORTS
    started = time.process_time()
    import kg.builder
    import kg.cli
    import kg.export
    import kg.extract
    import kg.graph
    import kg.rdf.patch
    import kg.state
    import kg.viz

    _IMPORTS = time.process_time() - started
    spent: dict[str, float] = {}
    targets = [
        (kg.state, "read_state"), (kg.state, "read_layout"), (kg.state, "write_state"), (kg.state, "write_layout"),
        (kg.extract.Extractor, "__init__"), (kg.extract.Extractor, "extract_each"),
        (kg.builder, "read_documents"), (kg.graph, "_resolve"), (kg.rdf.patch, "_units"),
        (kg.rdf.patch, "_entity_block"), (kg.rdf.patch, "_document_block"), (kg.export, "_stage_formats"),
        (kg.export, "render_html"), (kg.export, "save_all"),
    ]  # fmt: skip
    for owner, name in targets:
        original = getattr(owner, name)
        label = f"{getattr(owner, '__name__', '')}.{name}"

        def timed(*a, _original=original, _label=label, **k):
            begun = time.process_time()
            try:
                result = _original(*a, **k)
                if hasattr(result, "__next__"):  # a generator: its time is spent as it is consumed
                    result = list(result)
                return result
            finally:
                spent[_label] = spent.get(_label, 0.0) + time.process_time() - begun

        setattr(owner, name, timed)
    texts = kg.rdf.patch.PatchedExport._assembled
    original_texts = texts.func

    def timed_texts(self):
        begun = time.process_time()
        try:
            return original_texts(self)
        finally:
            spent["PatchedExport._assembled (blocks)"] = time.process_time() - begun

    texts.func = timed_texts
    return spent


if __name__ == "__main__":
    raise SystemExit(main())
