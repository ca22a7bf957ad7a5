"""The `kg` command: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import webbrowser
from pathlib import Path

from kg.console import drop_stdout, print_rows, shown_path, sparql_error, write_errors
from kg.iri import DEFAULT_BASE

BACKBONE_HELP = (
    "accurate mode: Baidu LAC votes on the organizations (better ORG recall and edges on news the rules were not "
    "written on); about 3-5x slower"
)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _terminate_like_interrupt()
    try:
        status = args.run(args)
        sys.stdout.flush()  # here, where a full disk or a closed pipe can still be told in one line
        return status
    except KeyboardInterrupt:
        print("kg: interrupted; exports already written are left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        drop_stdout()
        return 0
    except OSError as error:  # a full disk, a vanished folder: one line, never a traceback
        drop_stdout()
        where = f"{shown_path(error.filename)}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}", status=1)


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
    p.add_argument("--backbone", action="store_true", help=BACKBONE_HELP)
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
    _record_field_options(p)
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
    p.add_argument("--backbone", action="store_true", help=BACKBONE_HELP)
    _record_field_options(p)
    p.set_defaults(run=_extract)

    p = sub.add_parser("eval", help="score extraction against gold annotations (*.gold.json)")
    p.add_argument("gold", type=Path, metavar="GOLD_DIR")
    p.add_argument("--errors", action="store_true", help="list misses, false positives, duplicates, type errors")
    p.add_argument("--predictions", type=Path, metavar="FILE", help="score this JSONL instead of extracting")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--backbone", action="store_true", help=BACKBONE_HELP)
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


def _record_field_options(parser: argparse.ArgumentParser) -> None:
    """The names of the JSON record fields read, for JSON Lines whose fields are named otherwise."""
    group = parser.add_argument_group("JSON records")
    for name, what in (("text", "the article text"), ("id", "its id"), ("title", "its title"), ("date", "its date")):
        group.add_argument(
            f"--{name}-field", default=name, metavar="NAME", help=f"field holding {what} (default: {name})"
        )


def _fields(args: argparse.Namespace):
    from kg.ingest import RecordFields

    return RecordFields(args.text_field, args.id_field, args.title_field, args.date_field)


def _note(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


def _fail(message: str, status: int = 2) -> int:
    _note(message)
    return status


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

    if all(item != "-" and not os.path.lexists(item) for item in args.inputs):  # a typo: fail before any loading
        for item in args.inputs:
            show(IngestError(item, "no such file or folder", "check the path"))
        return _fail(f"no input found; {_left_as_is(args.output)}", status=1)
    previous = None
    if args.update:
        state = args.output / "kg.nq"
        if state.exists():
            import kg

            previous = kg.load(state)
            print(f"kg: updating {shown_path(state)} ({len(previous.documents):,} documents)", file=sys.stderr)
        else:
            print(f"kg: {shown_path(state)} not found: building from scratch", file=sys.stderr)
    try:
        graph = build(
            args.inputs,
            previous=previous,
            base=args.base,
            workers=workers,
            scheduler=scheduler,
            model=args.model,
            backbone=args.backbone,
            min_confidence=args.min_confidence,
            strict=args.strict,
            report=report,
            on_error=show,
            progress=True,
            text_field=args.text_field,
            id_field=args.id_field,
            title_field=args.title_field,
            date_field=args.date_field,
        )
    except IngestError:
        print(f"kg: stopped at the first failure (--strict); {report.summary()}", file=sys.stderr)
        return 1
    except ClusterError as error:
        return _fail(str(error))
    for skipped in report.skipped:
        _note(str(skipped))
    if report.documents + report.duplicates + report.unchanged == 0:
        return _fail(f"{report.summary()}; no document was read, so {_left_as_is(args.output)}", status=1)
    try:
        paths = graph.save(args.output, workers=workers)
    except OSError as error:
        reason = error.strerror or str(error)
        return _fail(f"cannot write the exports: {reason}; {_left_as_is(args.output)}", status=1)
    errors_file = args.output / "errors.jsonl"
    try:
        if report.errors:
            write_errors(errors_file, report.errors)
        else:
            errors_file.unlink(missing_ok=True)  # the errors of an earlier build are not this build's
    except OSError as error:
        return _fail(f"cannot write {shown_path(errors_file)}: {error.strerror or error}", status=1)
    if args.store is not None:
        from kg.store import write_store

        try:
            paths.append(write_store(args.output / "kg.nq", args.store))
        except (ValueError, OSError) as error:
            print(f"kg: --store {shown_path(args.store)}: {error}", file=sys.stderr)
            return 1
    if report.errors:
        print(f"kg: {report.summary()}: see {shown_path(errors_file)}", file=sys.stderr)
    else:
        print(f"kg: {report.summary()}", file=sys.stderr)
    print(
        f"kg: {len(graph.entities()):,} entities, {len(graph.relations()):,} relations → "
        + ", ".join(p.name for p in paths),
        file=sys.stderr,
    )
    return 1 if report.errors else 0


def _left_as_is(output: Path) -> str:
    """What a build that writes nothing says about its output folder."""
    if (output / "kg.nq").exists():
        return f"the exports in {shown_path(output)} are left as they were"
    return f"nothing was written to {shown_path(output)}"


def _extract(args: argparse.Namespace) -> int:
    from kg.batch import BuildReport, unique_documents
    from kg.extract import ExtractionFailure, Extractor, extraction_to_json
    from kg.ingest import read_documents

    if problem := _model_error(args.model):
        return _fail(problem)
    failures = []

    def show(error) -> None:
        failures.append(error)
        print(f"kg: {error}", file=sys.stderr)

    extractor = Extractor(args.model, backbone=args.backbone)
    out = sys.stdout
    read = read_documents(args.inputs, on_error=show, fields=_fields(args), on_skipped=lambda s: _note(str(s)))
    documents = unique_documents(read, BuildReport())
    for extraction in extractor.extract_each(documents):
        if isinstance(extraction, ExtractionFailure):
            show(extraction.error())
            continue
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
    from kg.evaluate import gold_documents, load_gold, score
    from kg.extract import Extractor, extraction_to_json
    from kg.ingest import read_documents

    if not args.gold.is_dir():
        return _fail(f"{args.gold}: not a folder of *.gold.json files")
    if args.predictions and args.backbone:
        return _fail("--backbone does not apply to --predictions: it changes the extraction, not the scoring")
    try:
        gold = load_gold(args.gold)
        if not gold:
            return _fail(f"{args.gold}: no *.gold.json files")
        if args.predictions:
            lines = args.predictions.read_text(encoding="utf-8").splitlines()
            predictions = [json.loads(line) for line in lines if line.strip()]
        else:
            extractor = Extractor(backbone=args.backbone)
            docs = read_documents(gold_documents(args.gold))
            predictions = [extraction_to_json(x) for x in extractor.extract_many(docs)]
        report = score(gold, predictions)
    except (ValueError, OSError) as error:
        return _fail(f"{args.gold}: {error}")
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else report.format(errors=args.errors))
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

    text, query_name = args.sparql, "query"
    if text.startswith("@"):
        query_name = shown_path(text[1:])
        try:
            text = Path(text[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
            return _fail(f"{query_name}: cannot read the query: {reason}")
    if not text.strip():
        return _fail(f"{query_name}: the query is empty")
    source = args.data or args.store
    if not source.exists():
        return _fail(f"{shown_path(source)}: no such {'file' if args.data else 'store'}")
    bindings = {}
    for item in args.bind:
        name, sep, value = item.partition("=")
        if not sep or not name:
            return _fail(f"--bind {item!r}: expected VAR=VALUE")
        bindings[name] = value
    try:
        store = store_of_file(args.data) if args.data else open_store(args.store)
    except (SyntaxError, ValueError, OSError) as error:
        return _fail(f"{shown_path(source)}: {error}")
    try:
        rows = query_store(store, text, bindings)
    except SyntaxError as error:
        return _fail(sparql_error(query_name, text, str(error)))
    except (ValueError, OSError) as error:
        return _fail(f"{query_name}: {error}")
    if isinstance(rows, bool):
        print("true" if rows else "false")
        return 0
    print_rows(rows, args.format)
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
