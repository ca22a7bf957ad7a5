"""A KnowledgeGraph where rdflib and pandas users expect it: an rdflib Dataset, rdflib's `serialize`, DataFrames.

The graph's `to_rdflib`, `serialize`, `sparql(..., as_df=True)` and `measurements(..., as_df=True)` reach these
functions through `kg.plugins`, so `import kg` loads neither rdflib's parsers nor pandas. pandas is optional: only a
DataFrame needs it.
"""

from __future__ import annotations

import io
import os
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any

import rdflib

from kg import rdf
from kg.graph import KnowledgeGraph
from kg.model import Measurement, measurement_to_json

if TYPE_CHECKING:
    import pandas

# rdflib's format names (and media types) -> the kg.rdf format that writes them. Formats kg does not write (n3,
# trix, hext, longturtle) are rdflib's own: g.to_rdflib().serialize(format=...).
RDFLIB_FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "ttl": "turtle",
    "text/turtle": "turtle",
    "nt": "ntriples",
    "nt11": "ntriples",
    "ntriples": "ntriples",
    "application/n-triples": "ntriples",
    "nquads": "nquads",
    "application/n-quads": "nquads",
    "trig": "trig",
    "application/trig": "trig",
    "json-ld": "json-ld",
    "application/ld+json": "json-ld",
    "xml": "xml",
    "pretty-xml": "xml",
    "application/rdf+xml": "xml",
}


def to_rdflib(g: KnowledgeGraph) -> rdflib.Dataset:
    """The graph as an rdflib Dataset: the quads of kg.nq as rdflib reads that file (entities, documents and the
    build in the default graph, each document's assertions in a named graph named after the document), with the
    export's prefixes bound."""
    dataset = rdflib.Dataset()
    dataset.parse(data=rdf.serialize(g, "nquads"), format="nquads")
    for prefix, namespace in {**rdf.PREFIXES, "entity": g.base + "entity/", "doc": g.base + "doc/"}.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def serialize(
    g: KnowledgeGraph,
    destination: str | os.PathLike[str] | IO[bytes] | IO[str] | None = None,
    format: str = "turtle",
    encoding: str | None = None,
) -> str | bytes | KnowledgeGraph:
    """One export of the graph, as rdflib's `Graph.serialize` gives it: str without a destination (bytes with an
    `encoding`), else written to the destination (a path or a file object) and the graph returned.

    The text is the file `kg build` writes in that format, byte for byte. kg writes UTF-8 only.
    """
    try:
        name = RDFLIB_FORMATS[format]
    except KeyError:
        raise ValueError(
            f"kg does not write {format!r}; use one of {', '.join(RDFLIB_FORMATS)}, "
            "or g.to_rdflib().serialize(format=...) for rdflib's other formats"
        ) from None
    if encoding is not None and encoding.lower().replace("-", "").replace("_", "") != "utf8":
        raise ValueError(f"kg writes RDF in UTF-8, not {encoding!r}")
    data = rdf.serialize(g, name)
    if destination is None:
        return data if encoding is not None else data.decode("utf-8")
    if isinstance(destination, str | PurePath):
        with open(destination, "wb") as out:
            out.write(data)
    elif isinstance(destination, io.TextIOBase):
        destination.write(data.decode("utf-8"))
    else:
        destination.write(data)
    return g


def dataframe(rows: list[dict[str, Any]], columns: list[str]) -> pandas.DataFrame:
    """SPARQL rows as a DataFrame, one column per variable in SELECT order, typed by pandas' `convert_dtypes` (a
    year that is sometimes missing stays an integer column, with <NA>)."""
    try:
        import pandas
    except ImportError as error:
        raise ImportError("a DataFrame needs pandas, which is not installed: pip install pandas") from error
    return pandas.DataFrame(rows, columns=columns).convert_dtypes()


def measurements_frame(measurements: list[Measurement]) -> pandas.DataFrame:
    """`g.measurements(as_df=True)`: one row per figure, as `kg extract` prints it, with its document first; a column
    only some figures have (relation, upper, time_text, …) is empty in the others."""
    rows = [{"document": m.evidence.document, **measurement_to_json(m)} for m in measurements]
    return dataframe(rows, list(dict.fromkeys(key for row in rows for key in row)))
