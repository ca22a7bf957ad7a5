"""The `kg` command: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.cli_args import parser
from kg.console import drop_stdout, errors_jsonl, print_rows, shown_path, sparql_error

if TYPE_CHECKING:
    from kg.batch import BuildReport
    from kg.ingest import IngestError


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _terminate_like_interrupt()
    try:
        status = COMMANDS[args.command](args)
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
    if args.store is not None and args.formats is not None and "kg.nq" not in args.formats:
        return _fail("--store is loaded from kg.nq: add nq to --formats")
    if args.prune and not args.update:
        return _fail("--prune applies to --update: it removes what an earlier build holds and the inputs do not")
    from kg.folder import FolderBusy, writer

    def waiting() -> None:
        _note(f"waiting for another kg build writing {shown_path(args.output)}…")

    try:
        with writer(args.output, wait=not args.no_wait, on_wait=waiting):
            return _build_held(args, workers, scheduler, report, show)
    except FolderBusy:
        return _fail(f"another kg build is writing {shown_path(args.output)}; not waiting (--no-wait)", status=1)


def _build_held(
    args: argparse.Namespace,
    workers: int,
    scheduler: str | None,
    report: BuildReport,
    show: Callable[[IngestError], None],
) -> int:
    """The build, while this process is the one writer of its output folder: from reading the graph already there
    (--update) to the last file written."""
    from kg.builder import build
    from kg.distributed import ClusterError
    from kg.ingest import IngestError
    from kg.ingest.held import InputFiles
    from kg.state import read_inputs

    settings = _state_settings(args)
    previous, before = _previous_build(args.output, settings) if args.update else (None, None)
    input_files = InputFiles(read_inputs(args.output) if before is not None else {})
    try:
        graph = build(
            args.inputs,
            previous=previous,
            prune=args.prune,
            input_files=input_files,
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
    from kg.export import RDF_FILES, save_all
    from kg.rdf.patch import PatchedExport
    from kg.state import Keeper, read_layout

    files = {fmt: args.output / name for name, fmt in RDF_FILES if args.formats is None or name in args.formats}
    layout = read_layout(args.output, files) if before is not None else None
    export = PatchedExport(graph, layout, processes=workers if scheduler is None else 1)
    errors_file = args.output / "errors.jsonl"
    also = {errors_file.name: errors_jsonl(report.errors) or None}
    keeper = Keeper(args.output, graph, settings, before, _note)
    try:  # the errors of an earlier build are not this build's: replaced or removed with the exports, as one set
        if files:  # RDF exports: their blocks are rendered before any fork
            export.prepare()
        paths = save_all(graph, args.output, workers, also=also, files=args.formats, export=export,
                         meanwhile=keeper.documents)  # fmt: skip
    except OSError as error:
        reason = error.strerror or str(error)
        return _fail(f"cannot write the exports: {reason}; {_left_as_is(args.output)}", status=1)
    keeper.exports(export.layout(files), layout, input_files if scheduler is None else None)
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


def _state_settings(args: argparse.Namespace) -> dict:
    """What shapes the extractions a state keeps: an update with other settings cannot reuse them."""
    model = str(args.model.resolve()) if args.model is not None else None
    return {"min_confidence": args.min_confidence, "model": model, "backbone": args.backbone}


def _previous_build(output: Path, settings: dict):
    """The graph to update and its documents by id (None when it was not read from the state), with one line
    saying where it came from."""
    from kg.state import OtherSettings, StateError, read_state, state_path

    try:
        graph = read_state(output, settings)
    except StateError as error:
        nq, where = output / "kg.nq", shown_path(state_path(output))
        if isinstance(error, OtherSettings) or not nq.exists():
            _note(f"{where}: {error}: building from scratch")
            return None, None
        import kg

        graph = kg.load(nq)
        _note(f"{where}: {error}: updating {shown_path(nq)} read back ({len(graph.documents):,} documents)")
        return graph, None
    _note(f"updating {shown_path(output)} ({len(graph.documents):,} documents)")
    return graph, {doc.id: doc for doc in graph.documents}


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
    from kg.evaluate import format_reports, gold_documents, load_gold, score, split_gold
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
        splits = split_gold(gold, args.split or [])
        if args.predictions:
            lines = args.predictions.read_text(encoding="utf-8").splitlines()
            predictions = [json.loads(line) for line in lines if line.strip()]
        else:
            extractor = Extractor(backbone=args.backbone)
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
    from kg.loading import load_store
    from kg.remote import RemoteError, load_remote

    if args.store is not None and (args.user or args.graph):
        return _fail("--user and --graph apply to --endpoint; an on-disk store keeps the default graph as it is")
    password = args.password if args.password is not None else os.environ.get("KG_PASSWORD")
    try:
        if args.store is not None:
            report = load_store(args.path, args.store, prune=args.prune)
        else:
            report = load_remote(
                args.path,
                args.endpoint,
                graph=args.graph,
                user=args.user,
                password=password,
                timeout=args.timeout,
                prune=args.prune,
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build,
    "train": _train,
    "extract": _extract,
    "eval": _eval,
    "validate": _validate,
    "query": _query,
    "load": _load,
    "view": _view,
}
