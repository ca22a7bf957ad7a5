"""The `kg` command line's arguments: one parser per subcommand, kept apart from what the subcommands do."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.iri import DEFAULT_BASE

DESCRIPTION = "The `kg` command: a thin layer over the Python API."
BACKBONE_HELP = (
    "accurate mode: Baidu LAC votes on the organizations (better ORG recall and edges on news the rules were not "
    "written on); about 3-5x slower"
)


EXPORT_NAMES = ("ttl", "nt", "nq", "trig", "jsonld", "rdf", "html")  # kg.<name> in the output folder


def _formats(text: str) -> tuple[str, ...]:
    """The file names of the exports --formats names, in the order of `EXPORT_NAMES`."""
    names = {name.strip().lstrip(".") for name in text.split(",") if name.strip()}
    unknown = sorted(names - set(EXPORT_NAMES))
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"{text!r}: expected some of {','.join(EXPORT_NAMES)}")
    return tuple(f"kg.{name}" for name in EXPORT_NAMES if name in names)


def parser() -> argparse.ArgumentParser:
    """Every subcommand and its options; `kg.cli` runs the one named by `command`."""
    parser = argparse.ArgumentParser(prog="kg", description=DESCRIPTION)
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
        help="update the graph already in DIR: build only new or changed documents (kept state: DIR/.kg/)",
    )
    p.add_argument(
        "--prune", action="store_true", help="with --update: remove documents that are no longer among the inputs"
    )
    p.add_argument(
        "--formats",
        type=_formats,
        metavar="LIST",
        help=f"exports to write, comma-separated: {','.join(EXPORT_NAMES)} (default: all; others are removed)",
    )
    p.add_argument("--store", type=Path, metavar="DIR", help="also write an on-disk SPARQL store (replaced whole)")
    p.add_argument(
        "--no-wait", action="store_true", help="fail at once if another kg build is writing DIR, instead of waiting"
    )
    _record_field_options(p)

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

    p = sub.add_parser("extract", help="print entities and relations per document")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--model", type=Path, metavar="DIR")
    p.add_argument("--backbone", action="store_true", help=BACKBONE_HELP)
    _record_field_options(p)

    p = sub.add_parser("eval", help="score extraction against gold annotations (*.gold.json)")
    p.add_argument("gold", type=Path, metavar="GOLD_DIR")
    p.add_argument("--errors", action="store_true", help="list misses, false positives, duplicates, type errors")
    p.add_argument("--predictions", type=Path, metavar="FILE", help="score this JSONL instead of extracting")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--backbone", action="store_true", help=BACKBONE_HELP)
    p.add_argument(
        "--split",
        action="append",
        metavar="NAME=FILES",
        help="score these gold files apart, under NAME (names or shell patterns, comma-separated: "
        "dev=000_*,D0[1-8]); repeat for several splits",
    )

    p = sub.add_parser("validate", help="check an RDF export against the SHACL shapes")
    p.add_argument("file", type=Path, metavar="FILE")

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

    p = sub.add_parser("load", help="replace the export's graphs on a SPARQL server or in an on-disk store")
    p.add_argument("path", type=Path, metavar="FILE_OR_DIR", help="kg.nq, kg.trig, kg.ttl or kg.nt, or a build folder")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--endpoint", metavar="URL", help="Oxigraph http://host:7878, Virtuoso .../sparql")
    where.add_argument("--store", type=Path, metavar="DIR", help="an on-disk store (kg build --store DIR)")
    p.add_argument("--prune", action="store_true", help="also remove the graphs of documents no longer in the export")
    p.add_argument("--graph", metavar="IRI", help="graph of a triples file and of the default graph (BASE + graph)")
    p.add_argument("--user", metavar="U", help="user for Digest or Basic authentication")
    p.add_argument("--password", metavar="P", help="its password (default: $KG_PASSWORD)")
    p.add_argument("--timeout", type=float, default=60, metavar="S", help="seconds to wait per request (60)")

    p = sub.add_parser("view", help="open the interactive HTML view of a build folder or RDF file")
    p.add_argument("path", type=Path, metavar="DIR_OR_FILE")
    p.add_argument("--focus", metavar="NAME", help="open on this entity's neighbourhood (its name or any alias)")
    p.add_argument("--depth", type=int, default=2, metavar="N", help="relations from --focus to show (default 2)")
    return parser


def _record_field_options(parser: argparse.ArgumentParser) -> None:
    """The names of the JSON record fields read, for JSON Lines whose fields are named otherwise."""
    group = parser.add_argument_group("JSON records")
    for name, what in (("text", "the article text"), ("id", "its id"), ("title", "its title"), ("date", "its date")):
        group.add_argument(
            f"--{name}-field", default=name, metavar="NAME", help=f"field holding {what} (default: {name})"
        )
