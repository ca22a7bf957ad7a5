"""What a relation layer reads and what it finds: the entity mentions of a Doc, and the relations between them.

Both relation layers use these records: `kg.nlp.relate` (the kg_relations component and its rule table) and
`kg.nlp.frames` (the frame layer that is one row of that table). They live here, below both, so that neither layer
imports the other's package to reach them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention of the Doc: character offsets, type, canonical name, and the surface in the text."""

    start: int
    end: int
    label: str
    name: str
    surface: str


@dataclass(frozen=True, slots=True)
class RelationHit:
    """One relation found in one sentence, with the sentence's offsets, its year, a confidence and the rule's name."""

    head: str
    relation: str
    tail: str
    sent_start: int
    sent_end: int
    year: int | None
    confidence: float
    rule: str
