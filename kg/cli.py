"""The `kg` command: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
import unicodedata
import webbrowser
from pathlib import Path

from kg.iri import DEFAULT_BASE


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _terminate_like_interrupt()
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("kg: interrupted; exports already written are left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _terminate_like_interrupt() -> None:
    """SIGTERM unwinds like Ctrl-C, so temporary files are removed and earlier exports stay as they were."""

    def interrupt(signum, frame) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__)
    parser.add_argument("--version", action="version", version="kg 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="extract a knowledge graph and write every export into a folder")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for JSON Lines on stdin")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    p.add_argument(
        "--workers", type=int, metavar="N", help="extraction processes, and 2 for exports (default 1; --dask: per core)"
    )
    p.add_argument("--base", default=DEFAULT_BASE, metavar="IRI", help=f"base IRI of minted IRIs ({DEFAULT_BASE})")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X", help="drop evidence below X (0-1)")
    p.add_argument("--model", type=Path, metavar="DIR", help="a trained NER model to run next to the rules")
    p.add_argument("--strict", action="store_true", help="stop at the first input that fails")
    cluster = p.add_mutually_exclusive_group()
    cluster.add_argument("--scheduler", metavar="ADDRESS", help="extract on the Dask cluster at tcp://HOST:8786")
    cluster.add_argument("--dask", action="store_true", help="extract on a Dask cluster started on this machine")
    p.add_argument(
        "--update",
        action="store_true",
        help="merge into the graph already in DIR, skipping documents whose content it holds",
    )
    p.add_argument("--store", type=Path, metavar="DIR", help="also write an on-disk SPARQL store (replaced whole)")
    p.set_defaults(run=_build)

    p = sub.add_parser("train", help="train an NER model on gold files or CLUENER JSON Lines, for build --model")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="NAME.gold.json (or a folder of them), or CLUENER JSON Lines (.gz too)"
    )
    p.add_argument("-o", "--output", required=True, type=Path, metavar="MODEL_DIR")
    p.add_argument("--epochs", type=int, default=10, metavar="N", help="training passes (default 10)")
    p.add_argument(
        "--dev-fraction", type=float, default=0.1, metavar="F", help="held out for scores and early stopping (0.1)"
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("--cluener-address", action="store_true", help="label CLUENER address spans LOC (default: skip)")
    p.set_defaults(run=_train)

    p = sub.add_parser("extract", help="print entities and relations per document")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--model", type=Path, metavar="DIR")
    p.set_defaults(run=_extract)

    p = sub.add_parser("eval", help="score extraction against gold annotations (*.gold.json)")
    p.add_argument("gold", type=Path, metavar="GOLD_DIR")
    p.add_argument("--errors", action="store_true", help="list misses, false positives, duplicates, type errors")
    p.add_argument("--predictions", type=Path, metavar="FILE", help="score this JSONL instead of extracting")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument(
        "--split",
        action="append",
        metavar="NAME=FILES",
        help="score these gold files apart, under NAME (names or shell patterns, comma-separated: "
        "dev=000_*,D0[1-8]); repeat for several splits",
    )
    p.set_defaults(run=_eval)

    p = sub.add_parser("validate", help="check an RDF export against the SHACL shapes")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(run=_validate)

    p = sub.add_parser("query", help="run SPARQL over an export or a store")
    p.add_argument("sparql", metavar="SPARQL", help="the query text, or @FILE")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", type=Path, metavar="FILE", help="an RDF export (kg.nq, kg.ttl, ...)")
    source.add_argument("--store", type=Path, metavar="DIR", help="a store written by `kg build --store`")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="VAR=VALUE",
        help="bind ?VAR to a string literal (repeatable); values are never pasted into the query",
    )
    p.set_defaults(run=_query)

    p = sub.add_parser("load", help="replace the export's graphs on a SPARQL server")
    p.add_argument("path", type=Path, metavar="FILE_OR_DIR", help="kg.nq, kg.trig, kg.ttl or kg.nt, or a build folder")
    p.add_argument("--endpoint", required=True, metavar="URL", help="Oxigraph http://host:7878, Virtuoso .../sparql")
    p.add_argument("--graph", metavar="IRI", help="graph of a triples file and of the default graph (BASE + graph)")
    p.add_argument("--user", metavar="U", help="user for Digest or Basic authentication")
    p.add_argument("--password", metavar="P", help="its password (default: $KG_PASSWORD)")
    p.add_argument("--timeout", type=float, default=60, metavar="S", help="seconds to wait per request (60)")
    p.set_defaults(run=_load)

    p = sub.add_parser("view", help="open the interactive HTML view of a build folder or RDF file")
    p.add_argument("path", type=Path, metavar="DIR_OR_FILE")
    p.add_argument("--focus", metavar="NAME", help="open on this entity's neighbourhood (its name or any alias)")
    p.add_argument("--depth", type=int, default=2, metavar="N", help="relations from --focus to show (default 2)")
    p.set_defaults(run=_view)
    return parser


def _fail(message: str) -> int:
    print(f"kg: {message}", file=sys.stderr)
    return 2


def _model_error(model: Path | None) -> str | None:
    """Why a --model folder cannot be used, checked before any worker loads it; None when it can."""
    if model is None:
        return None
    from kg.train import ModelError, load_trained

    try:
        load_trained(model)
    except ModelError as error:
        return str(error)
    return None


def _build(args: argparse.Namespace) -> int:
    from kg.batch import BuildReport
    from kg.builder import build
    from kg.distributed import ClusterError, require_dask
    from kg.ingest import IngestError

    if problem := _model_error(args.model):
        return _fail(problem)
    if args.workers is not None and args.workers < 1:
        return _fail("--workers must be at least 1")
    if args.scheduler and args.workers is not None:
        return _fail("--workers does not apply to --scheduler: start more `dask worker` processes instead")
    if not 0.0 <= args.min_confidence <= 1.0:
        return _fail("--min-confidence must be between 0 and 1")
    scheduler = args.scheduler or ("local" if args.dask else None)
    if scheduler is not None:
        try:
            require_dask()
        except ClusterError as error:
            return _fail(f"{'--scheduler' if args.scheduler else '--dask'}: {error}")
    workers = args.workers or ((os.cpu_count() or 1) if args.dask else 1)
    report = BuildReport()

    def show(error: IngestError) -> None:
        print(f"kg: {error}", file=sys.stderr)

    previous = None
    if args.update:
        state = args.output / "kg.nq"
        if state.exists():
            import kg

            previous = kg.load(state)
            print(f"kg: updating {state} ({len(previous.documents):,} documents)", file=sys.stderr)
        else:
            print(f"kg: {state} not found: building from scratch", file=sys.stderr)
    try:
        graph = build(
            args.inputs,
            previous=previous,
            base=args.base,
            workers=workers,
            scheduler=scheduler,
            model=args.model,
            min_confidence=args.min_confidence,
            strict=args.strict,
            report=report,
            on_error=show,
            progress=True,
        )
    except IngestError:
        print(f"kg: stopped at the first failure (--strict); {report.summary()}", file=sys.stderr)
        return 1
    except ClusterError as error:
        return _fail(str(error))
    paths = graph.save(args.output, workers=workers)
    if args.store is not None:
        from kg.store import write_store

        try:
            paths.append(write_store(args.output / "kg.nq", args.store))
        except (ValueError, OSError) as error:
            print(f"kg: --store {args.store}: {error}", file=sys.stderr)
            return 1
    if report.errors:
        _write_errors(args.output / "errors.jsonl", report.errors)
        print(f"kg: {report.summary()}: see {args.output / 'errors.jsonl'}", file=sys.stderr)
    else:
        print(f"kg: {report.summary()}", file=sys.stderr)
    print(
        f"kg: {len(graph.entities()):,} entities, {len(graph.relations()):,} relations → "
        + ", ".join(p.name for p in paths),
        file=sys.stderr,
    )
    return 1 if report.errors else 0


def _write_errors(path: Path, errors) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".errors.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        for e in errors:
            out.write(
                json.dumps({"path": e.path, "line": e.line, "problem": e.problem, "hint": e.hint}, ensure_ascii=False)
                + "\n"
            )
    os.replace(tmp, path)


def _extract(args: argparse.Namespace) -> int:
    from kg.batch import BuildReport, unique_documents
    from kg.extract import Extractor, extraction_to_json
    from kg.ingest import read_documents

    if problem := _model_error(args.model):
        return _fail(problem)
    failures = []

    def show(error) -> None:
        failures.append(error)
        print(f"kg: {error}", file=sys.stderr)

    extractor = Extractor(args.model)
    out = sys.stdout
    documents = unique_documents(read_documents(args.inputs, on_error=show), BuildReport())
    for extraction in extractor.extract_many(documents):
        out.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
    out.flush()
    return 1 if failures else 0


def _train(args: argparse.Namespace) -> int:
    from kg.train import ModelError, TrainingDataError, train

    if args.epochs < 1:
        return _fail("--epochs must be at least 1")
    if not 0.0 <= args.dev_fraction < 1.0:
        return _fail("--dev-fraction must be at least 0 and below 1")
    try:
        train(
            args.files,
            args.output,
            epochs=args.epochs,
            dev_fraction=args.dev_fraction,
            seed=args.seed,
            cluener_address=args.cluener_address,
            log=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except (ModelError, TrainingDataError) as error:
        return _fail(str(error))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from kg.evaluate import format_reports, gold_documents, load_gold, score, split_gold
    from kg.extract import Extractor, extraction_to_json
    from kg.ingest import read_documents

    if not args.gold.is_dir():
        return _fail(f"{args.gold}: not a folder of *.gold.json files")
    try:
        gold = load_gold(args.gold)
        if not gold:
            return _fail(f"{args.gold}: no *.gold.json files")
        splits = split_gold(gold, args.split or [])
        if args.predictions:
            lines = args.predictions.read_text(encoding="utf-8").splitlines()
            predictions = [json.loads(line) for line in lines if line.strip()]
        else:
            extractor = Extractor()
            scored = sorted({name for subset in splits.values() for name in subset})
            docs = read_documents(gold_documents(args.gold, scored))
            predictions = [extraction_to_json(x) for x in extractor.extract_many(docs)]
        reports = {name: score(subset, predictions) for name, subset in splits.items()}
    except (ValueError, OSError) as error:
        return _fail(f"{args.gold}: {error}")
    if args.json:
        found = {name: report.to_json(by_label=True) for name, report in reports.items()}
        print(json.dumps(found if args.split else found[""], ensure_ascii=False))
    else:
        print(format_reports(reports, errors=args.errors))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.validate import validate

    if not args.file.exists():
        return _fail(f"{args.file}: no such file")
    result = validate(args.file)
    print(result.text)
    return 0 if result.conforms else 1


def _query(args: argparse.Namespace) -> int:
    from kg.store import open_store, query_store, store_of_file

    text = args.sparql
    if text.startswith("@"):
        text = Path(text[1:]).read_text(encoding="utf-8")
    source = args.data or args.store
    if not source.exists():
        return _fail(f"{source}: no such {'file' if args.data else 'store'}")
    bindings = {}
    for item in args.bind:
        name, sep, value = item.partition("=")
        if not sep or not name:
            return _fail(f"--bind {item!r}: expected VAR=VALUE")
        bindings[name] = value
    try:
        store = store_of_file(args.data) if args.data else open_store(args.store)
        rows = query_store(store, text, bindings)
    except (SyntaxError, ValueError, OSError) as error:
        return _fail(f"{source}: {error}")
    if isinstance(rows, bool):
        print("true" if rows else "false")
        return 0
    _print_rows(rows, args.format)
    return 0


def _load(args: argparse.Namespace) -> int:
    from kg.remote import RemoteError, load_remote

    password = args.password if args.password is not None else os.environ.get("KG_PASSWORD")
    try:
        report = load_remote(
            args.path, args.endpoint, graph=args.graph, user=args.user, password=password, timeout=args.timeout
        )
    except RemoteError as error:
        print(f"kg: {error}", file=sys.stderr)
        return 1
    print(f"kg: {report.summary()}", file=sys.stderr)
    return 0


def _print_rows(rows: list[dict], fmt: str) -> None:
    columns = list(rows[0]) if rows else []
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    else:
        cells = [[_cell(r.get(c)) for c in columns] for r in rows]
        widths = [max([_width(c), *(_width(row[i]) for row in cells)]) for i, c in enumerate(columns)]
        print("  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip())
        for row in cells:
            print("  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip())
        print(f"({len(rows)} rows)")


def _cell(value) -> str:
    return "" if value is None else str(value).replace("\n", " ")


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _view(args: argparse.Namespace) -> int:
    import kg
    from kg.viz import focus_url, write_html

    if args.depth < 1:
        return _fail(f"--depth {args.depth}: give 1 or more")

    path = args.path
    if path.is_dir():
        html = path / "kg.html"
        if not html.exists():
            source = next((path / n for n in ("kg.nq", "kg.ttl", "kg.trig") if (path / n).exists()), None)
            if source is None:
                return _fail(f"{path}: no kg.html or RDF export in this folder")
            write_html(kg.load(source), html)
    elif path.suffix in {".html", ".htm"}:
        html = path
    elif path.exists():
        html = path.with_suffix(".html")
        write_html(kg.load(path), html)
    else:
        return _fail(f"{path}: no such file or folder")
    url = html.resolve().as_uri()
    if args.focus is not None:
        try:
            url = focus_url(html, args.focus, args.depth)
        except LookupError as error:
            return _fail(str(error))
    opened = False
    if os.environ.get("DISPLAY") or sys.platform in {"darwin", "win32"}:
        opened = webbrowser.open(url)
    print(f"kg: {'opened' if opened else 'view'} {url if args.focus is not None else html}")
    return 0
