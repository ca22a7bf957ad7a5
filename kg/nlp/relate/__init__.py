"""kg_relations and its rules: the frame layer (`kg.nlp.frames`) and the relations names state, as rows of one
table (`component`).

`RelationHit` and `Mention` (from `kg.nlp.mentions`) are the public types a rule of its own reads and returns.
"""

from __future__ import annotations

from kg.nlp.relate.base import Mention, RelationHit
from kg.nlp.relate.component import DOCUMENT_RULES, RelationExtractor, make_relation_extractor

__all__ = [
    "DOCUMENT_RULES",
    "Mention",
    "RelationExtractor",
    "RelationHit",
    "make_relation_extractor",
]
