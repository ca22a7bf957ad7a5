"""The relations the pipeline finds in a sentence: hits, triples, triples of one relation."""

from __future__ import annotations

from spacy.language import Language

from kg.nlp.relate import RelationHit

Triple = tuple[str, str, str]


def hits(nlp: Language, text: str) -> list[RelationHit]:
    return nlp(text)._.kg_relations


def triples(nlp: Language, text: str) -> set[Triple]:
    return {(h.head, h.relation, h.tail) for h in hits(nlp, text)}


def of_relation(nlp: Language, text: str, relation: str) -> set[Triple]:
    return {t for t in triples(nlp, text) if t[1] == relation}
