"""kg_relations and its rule families: one module per family, one table of rules (`component`) that runs them.

`RelationHit` and `Mention` (in `base`) are the public types a rule family of its own reads and returns.
"""

from __future__ import annotations

from kg.nlp.relate.base import Mention, RelationHit
from kg.nlp.relate.component import DOCUMENT_RULES, SENTENCE_RULES, RelationExtractor, make_relation_extractor

__all__ = [
    "DOCUMENT_RULES",
    "SENTENCE_RULES",
    "Mention",
    "RelationExtractor",
    "RelationHit",
    "make_relation_extractor",
]
