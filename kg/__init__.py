"""kg: knowledge graphs of organizations, products and initiatives from Chinese business news.

>>> import kg
>>> g = kg.build(["examples/"])            # doctest: +SKIP
>>> g.find("UnionPay").label               # doctest: +SKIP
'中国银联'
"""

from __future__ import annotations

from pathlib import Path

from kg.build import BuildReport, build
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


def load(path: str | Path) -> KnowledgeGraph:
    """Rebuild a KnowledgeGraph from an export (kg.ttl, kg.nq, kg.trig or kg.jsonld)."""
    from kg.rdf import load as load_rdf

    return load_rdf(path)
