"""kg_gazetteer: known entities and places, matched on characters with Aho-Corasick.

Matching runs over the text, not the tokens, so a segmentation that splits a name does not lose it; the entity
stage later aligns tokens to the chosen spans.
"""

from __future__ import annotations

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.known import (
    county_short_forms,
    known_entities,
    known_places,
    known_surface_forms,
    national_short_forms,
)
from kg.nlp.text import Candidate, TokenView, candidates_of, view_of
from kg.nlp.tokenizer import dictionary_tags
from kg.nlp.words import LOCAL_LEVELS

_BODY_ENDINGS = ("部", "局", "署", "委员会")  # a ministry's, a bureau's, an administration's, a commission's
_CHINA = ("中国", "中华人民共和国")
_NATIONAL = "national"  # a short form the gazetteer takes only where no place or level stands before it
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class Gazetteer:
    """Finds every occurrence of a known name; leftmost-longest, and Latin names only as whole words."""

    def __init__(self, nlp: Language, name: str = "kg_gazetteer") -> None:
        self.name = name
        self._automaton = ahocorasick.Automaton()
        for surface, ent in known_surface_forms():
            score = 0.9 if ent.level in (None, "country", "province", "city", "region") else 0.75
            self._automaton.add_word(surface, (len(surface), ent.label, ent.type, ent.label_en, score, ""))
        for surface, ent in national_short_forms().items():
            self._automaton.add_word(surface, (len(surface), ent.label, ent.type, ent.label_en, 0.75, _NATIONAL))
        self._automaton.make_automaton()
        # apart, so that a county's short name never hides a longer name that overlaps it (投资中国: no 资中)
        self._counties = ahocorasick.Automaton()
        for surface, ent in county_short_forms().items():
            self._counties.add_word(surface, (len(surface), ent.label, ent.label_en))
        if len(self._counties):
            self._counties.make_automaton()
        self._countries = {name for name, ent in known_places().items() if ent.level == "country"} - set(_CHINA)
        self._place_names: dict[str, list[str]] = {}  # a place's label → every name of it
        self._place_by_label = {ent.label: ent for ent in known_entities() if ent.type == "LOC"}
        for name, ent in known_places().items():
            self._place_names.setdefault(ent.label, []).append(name)
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
        for end_index, (length, label, type_, label_en, score, kind) in self._automaton.iter_long(text):
            start, end = end_index - length + 1, end_index + 1
            if kind == _NATIONAL and _local(view, start):
                continue  # 深圳市|发改委, 当地|统计局: a local body, which the rules name with its place
            if type_ == "ORG" and text[start:end] in self._bare_bodies:
                china = next((c for c in _CHINA if text.endswith(c, 0, start)), "")
                country = None if china else self._country_before(view, start)
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
        self._county_short_forms(view, out)
        return doc

    def _county_short_forms(self, view: TokenView, out: list[Candidate]) -> None:
        """长寿, 大关, 新建: a county's short name is a word of the language, except as a place after its province or
        city (海南琼海, 杭州临安), where no known name stands."""
        if not len(self._counties):
            return
        text = view.text
        for end_index, (length, label, label_en) in self._counties.iter(text):
            start, end = end_index - length + 1, end_index + 1
            if not (view.is_start(start) and view.is_end(end) and self._after_its_parent(text, start, label)):
                continue  # (cheap tests first: most matches are words inside others)
            taken = any(c.start < end and start < c.end for c in out if c.rule == "gazetteer")
            if not taken and _place_word(view, start, end):
                known = {"canonical": label, "label_en": label_en, "known": True}
                out.append(Candidate(start, end, "LOC", "gazetteer", 0.75, **known))

    def _after_its_parent(self, text: str, start: int, label: str) -> bool:
        """Whether the place ``label`` is named right after its province or city, by any name of it."""
        places = self._place_by_label
        parent = places.get(label)
        for _ in range(2):  # the city, then the province
            parent = places.get(parent.parent) if parent is not None and parent.parent else None
            if parent is None:
                return False
            names = self._place_names.get(parent.label, ())
            if any(text.endswith(name, 0, start) for name in names):
                return True
        return False

    def _country_before(self, view: TokenView, start: int) -> int | None:
        """Where a foreign country's name ends right at `start` and starts as a token, or None."""
        k = view.index_at(start - 1) if start > 0 else -1
        if k >= 0 and view.ends[k] == start and view.words[k] in self._countries:
            return view.starts[k]
        return None


def _place_word(view: TokenView, start: int, end: int) -> bool:
    """Whether text[start:end] is one word, which the segmenter's dictionary tags as a place."""
    k = view.index_at(start)
    whole = k >= 0 and view.starts[k] == start and view.ends[k] == end
    return whole and dictionary_tags().get(view.words[k]) == "ns"


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
