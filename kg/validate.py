"""SHACL validation of an export against ontology/shapes.ttl, with kg.ttl as the ontology.

Shapes look across graphs (an assertion in a document's graph points at an entity in the
default graph), so named graphs are merged into one before validating.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import SH

from kg import rdf
from kg.graph import KnowledgeGraph
from kg.ontology import ontology_dir


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node, along which path, and what is wrong."""

    focus: str
    path: str
    message: str
    severity: str
    value: str = ""

    def __str__(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}  {self.path or '-'}  {self.message}{value}"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    conforms: bool
    text: str
    results: list[Violation]


@functools.cache
def _graphs() -> tuple[rdflib.Graph, rdflib.Graph]:
    folder = ontology_dir()
    shapes = rdflib.Graph().parse(folder / "shapes.ttl", format="turtle")
    ontology = rdflib.Graph().parse(folder / "kg.ttl", format="turtle")
    return shapes, ontology


def validate(source: str | Path | rdflib.Graph | KnowledgeGraph) -> ValidationResult:
    """Validate an export file, an rdflib graph or dataset, or a KnowledgeGraph."""
    data = _union(source)
    shapes, ontology = _graphs()
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_infos=True
    )
    results = sorted(_violations(report), key=lambda v: (v.focus, v.path, v.message, v.value))
    text = "Conforms." if conforms else "\n".join(str(v) for v in results)
    return ValidationResult(conforms=bool(conforms), text=text, results=results)


def _union(source: str | Path | rdflib.Graph | KnowledgeGraph) -> rdflib.Graph:
    """All triples of the source, from every named graph, in one plain rdflib Graph."""
    graph = rdflib.Graph()
    if isinstance(source, rdflib.Graph):
        triples = source.quads((None, None, None, None)) if source.context_aware else source
        for s, p, o, *_ in triples:
            graph.add((s, p, o))
        return graph
    if isinstance(source, KnowledgeGraph):
        quads = rdf.to_quads(source)
    else:
        fmt = rdf.FORMATS[rdf.format_of(source)][1]
        with Path(source).open("rb") as handle:
            quads = list(ox.parse(handle, format=fmt))
    for q in quads:
        graph.add((rdf.to_rdflib(q.subject), rdf.to_rdflib(q.predicate), rdf.to_rdflib(q.object)))
    return graph


def _violations(report: rdflib.Graph) -> list[Violation]:
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        out.append(
            Violation(
                focus=_show(report.value(result, SH.focusNode)),
                path=_show(path) if path is not None else "",
                message=messages[0] if messages else "",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                value=_show(value) if value is not None else "",
            )
        )
    return out


def _show(term: rdflib.term.Node | None) -> str:
    """A term as a reader wants it: prefixed name for vocabulary, full IRI for data."""
    if isinstance(term, rdflib.URIRef):
        for prefix, namespace in rdf.PREFIXES.items():
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return str(term)
    if isinstance(term, rdflib.Literal):
        return term.n3()
    return str(term) if term is not None else ""
