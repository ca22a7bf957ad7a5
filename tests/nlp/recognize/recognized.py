"""What the recognizer found in a sentence: the candidates of one rule, or the settled entities."""

from __future__ import annotations

from spacy.language import Language


def candidates(nlp: Language, text: str, rule: str) -> set[tuple[str, str]]:
    """(surface, type) of the candidates one rule proposed."""
    doc = nlp(text)
    return {(text[c.start : c.end], c.label) for c in doc._.kg_candidates if c.rule == rule}


def entities(nlp: Language, text: str) -> set[tuple[str, str]]:
    """(surface, type) of the settled entities."""
    return {(e.text, e.label_) for e in nlp(text).ents}


def orgs(nlp: Language, text: str) -> set[str]:
    return {surface for surface, label in entities(nlp, text) if label == "ORG"}
