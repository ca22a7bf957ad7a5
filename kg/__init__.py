"""kg: knowledge graphs of organizations, products and initiatives from Chinese business news.

>>> import kg
>>> g = kg.build(["examples/"])            # doctest: +SKIP
>>> g.find("UnionPay").label               # doctest: +SKIP
'中国银联'
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.batch import BuildReport
from kg.graph import KnowledgeGraph
from kg.iri import DEFAULT_BASE
from kg.model import Document, Entity, Evidence, Extraction, Relation

__all__ = [
    "DEFAULT_BASE",
    "BuildReport",
    "Document",
    "Entity",
    "Evidence",
    "Extraction",
    "KnowledgeGraph",
    "Relation",
    "build",
    "load",
]
__version__ = "0.1.0"


def build(inputs: Iterable[str | Path], **options: Any) -> KnowledgeGraph:
    """Read, extract and merge: the Python form of `kg build`, with the options of `kg.builder.build`.

    The extraction pipeline (spaCy) is imported by the first build, not by `import kg`.
    """
    from kg.builder import build as build_graph

    return build_graph(inputs, **options)


def load(path: str | Path) -> KnowledgeGraph:
    """Rebuild a KnowledgeGraph from an export (kg.ttl, kg.nq, kg.trig or kg.jsonld)."""
    from kg.rdf import load as load_rdf

    return load_rdf(path)
