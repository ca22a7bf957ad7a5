"""Helpers of the frame tests: entities given by name, found in the text, read over the pipeline's own tokens.
Import them with `from frametools import frame_hits` (pytest puts this folder on sys.path)."""

from __future__ import annotations

from spacy.language import Language

from kg.nlp.entities import align
from kg.nlp.frames import frame_relations
from kg.nlp.mentions import Mention, RelationHit
from kg.nlp.text import TokenView, sentence_bounds

Triple = tuple[str, str, str]


def mentions_of(text: str, entities: dict[str, str]) -> list[Mention]:
    """Every occurrence of every given name (name -> type), longest names first, without overlaps."""
    taken = bytearray(len(text))
    found = []
    for name in sorted(entities, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * len(name)
                found.append(Mention(start, end, entities[name], name, name))
            start = text.find(name, end)
    return sorted(found, key=lambda m: m.start)


def frame_hits(nlp: Language, text: str, entities: dict[str, str]) -> list[RelationHit]:
    """The frame layer's relations for a text whose entities are given, over the pipeline's own tokens (split at
    the entities' edges, as kg_entities leaves them)."""
    mentions = mentions_of(text, entities)
    doc = nlp.make_doc(text)
    align(doc, [(m.start, m.end) for m in mentions])
    return frame_relations(text, sentence_bounds(text), mentions, TokenView.from_doc(doc))
