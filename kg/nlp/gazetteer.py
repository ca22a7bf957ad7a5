"""kg_gazetteer: known entities and places, matched on characters with Aho-Corasick.

Matching runs over the text, not the tokens, so a segmentation that splits a name does not lose it; the entity
stage later aligns tokens to the chosen spans.
"""

from __future__ import annotations

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.known import known_places, known_surface_forms, national_short_forms
from kg.nlp.text import Candidate, TokenView, candidates_of, view_of
from kg.nlp.words import LOCAL_LEVELS

_BODY_ENDINGS = ("部", "局", "署", "委员会")  # a ministry's, a bureau's, an administration's, a commission's
_CHINA = ("中国", "中华人民共和国")
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class Gazetteer:
    """Finds every occurrence of a known name; leftmost-longest, and Latin names only as whole words."""

    def __init__(self, nlp: Language, name: str = "kg_gazetteer") -> None:
        self.name = name
        self._automaton = ahocorasick.Automaton()
        for surface, ent in known_surface_forms():
            score = 0.9 if ent.level in (None, "country", "province", "city", "region") else 0.75
            self._automaton.add_word(surface, (len(surface), ent.label, ent.type, ent.label_en, score, False))
        for surface, ent in national_short_forms().items():
            self._automaton.add_word(surface, (len(surface), ent.label, ent.type, ent.label_en, 0.75, True))
        self._automaton.make_automaton()
        self._countries = {name for name, ent in known_places().items() if ent.level == "country"} - set(_CHINA)
        self._bare_bodies = {
            name
            for name, ent in known_surface_forms()
            if ent.type == "ORG" and name == ent.label and name.endswith(_BODY_ENDINGS) and len(name) >= 3
        }

    def __call__(self, doc: Doc) -> Doc:
        view = view_of(doc)
        text = view.text
        out = candidates_of(doc)
        if len(self._automaton) == 0:
            return doc
        for end_index, (length, label, type_, label_en, score, national) in self._automaton.iter_long(text):
            start, end = end_index - length + 1, end_index + 1
            if national and _local(view, start):
                continue  # 深圳市|发改委, 当地|统计局: a local body, which the rules name with its place
            bare = text[start:end] in self._bare_bodies
            china = next((c for c in _CHINA if bare and text.endswith(c, 0, start)), "")
            country = None if china or not bare else self._country_before(view, start)
            if china:
                start -= len(china)  # 中国|公安部: the known ministry, named with its country
            elif country is not None:
                # 老挝|公安部, 泰国|外交部: the country's own ministry, not the Chinese one the bare name stands for
                out.append(Candidate(country, end, "ORG", "foreign_body", score))
                continue
            if text[start] in _LATIN and start > 0 and text[start - 1] in _LATIN:
                continue
            if text[end - 1] in _LATIN and end < len(text) and text[end] in _LATIN:
                continue
            if end - start <= 2 and not (view.is_start(start) and view.is_end(end)):
                continue  # a two-character place inside another word (宁德 in 宁德时代) is not that place
            out.append(Candidate(start, end, type_, "gazetteer", score, canonical=label, label_en=label_en, known=True))
        return doc

    def _country_before(self, view: TokenView, start: int) -> int | None:
        """Where a foreign country's name ends right at `start` and starts as a token, or None."""
        k = view.index_at(start - 1) if start > 0 else -1
        if k >= 0 and view.ends[k] == start and view.words[k] in self._countries:
            return view.starts[k]
        return None


def _local(view: TokenView, start: int) -> bool:
    """Whether a level, a place or a word of locality stands right before `start` (省|发改委, 深圳|发改委,
    当地|统计局)."""
    if view.text.endswith(LOCAL_LEVELS, 0, start):
        return True
    k = view.index_at(start - 1) if start > 0 else -1
    return k >= 0 and view.ends[k] == start and view.tags[k].startswith("ns")


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp, name)
