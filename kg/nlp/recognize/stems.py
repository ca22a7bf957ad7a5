"""Members of a group named by the group's name: the distinctive part of an organization the document names (中国华融
→ 华融, 国新资本 → 国新) before a head word or a line of business names another organization (华融证券, 国新融资
租赁), however common the segmenter thinks that part is."""

from __future__ import annotations

from functools import cache

from kg.nlp import words
from kg.nlp.known import known_surface_forms
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import common_word, continues_noun, generic_institution
from kg.nlp.recognize.kinds import OUTSIDE_A_CLASS
from kg.nlp.text import Candidate, TokenView, WordSet

_MIN_EVIDENCE = 0.7  # the organizations whose names lend a stem: known ones and those found by a head word
_COMMON_STEM = 2000  # a stem more frequent than this in the dictionary is a common word (人民, 国家, 东方)
_RARE_STEM = 300  # … and more frequent than this, unless a known organization lends it (期货 of a 中国期货公司)
_MAX_STEM = 4
_HEADS = WordSet((*words.ORG_HEADS, *words.INDUSTRY_HEADS, *words.LEGAL_SUFFIXES, *cues.GROUP_LINES))
_INSTITUTION_HEADS = tuple(words.ORG_HEADS)
_LEGAL = tuple(sorted({*words.LEGAL_SUFFIXES, "公司"}, key=len, reverse=True))
_LINES = tuple(sorted({*words.ORG_HEADS, *cues.GROUP_LINES}, key=len, reverse=True))


def group_members(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """华融证券, 华融金融租赁 beside 中国华融: a stem of an organization of the document, opening a noun phrase, then an
    organization head or a line of business that ends a word."""
    text = view.text
    orgs = [c for c in out if c.label == "ORG"]
    found = {(c.start, c.end) for c in orgs}
    stems = sorted({s for c in orgs if c.score >= _MIN_EVIDENCE for s in _stems(view, c)})
    for stem in stems:
        pos = text.find(stem)
        while pos != -1:
            after = pos + len(stem)
            line = next((h for h in _LINES if text.startswith(h, after) and view.is_end(after + len(h))), None)
            if line is not None and view.is_start(pos) and _opens_phrase(view, pos):
                end = after + len(line)
                legal = next((h for h in _LEGAL if text.startswith(h, end) and view.is_end(end + len(h))), "")
                end += len(legal)  # 星河融资租赁有限公司
                # 星河资产|规模: a line that is a plain noun too modifies the noun after it; an institution does not
                modifier = not line.endswith(_INSTITUTION_HEADS) and end < len(text) and continues_noun(view, end)
                named = not generic_institution(text[pos:end]) and not common_word(view, pos, end)
                if (pos, end) not in found and named and not modifier:
                    out.append(Candidate(pos, end, rule.label, rule.name, rule.score))
            pos = text.find(stem, after)


def _stems(view: TokenView, cand: Candidate) -> set[str]:
    """The distinctive part of an organization's names: without 中国 before it and the head word after it."""
    found = set()
    for name in {view.text[cand.start : cand.end], cand.canonical or ""}:
        stem = name[2:] if name.startswith("中国") and len(name) >= 4 else name
        head = _HEADS.longest_suffix(stem, shorter=True)
        if head is not None:
            stem = stem[: -len(head)]
        # a known organization lends a stem the dictionary knows as a word (平安), one the rules found only a rare one
        common = _COMMON_STEM if cand.known else _RARE_STEM
        if (
            2 <= len(stem) <= _MAX_STEM
            and stem != name
            and view.freqs.get(stem, 0) < common
            and _HEADS.longest_suffix(stem) is None  # 银河证券|基金: a name, not a stem
            and stem not in words.GENERIC_MODIFIERS
            and stem not in _known_places()
        ):
            found.add(stem)
    return found


def _opens_phrase(view: TokenView, pos: int) -> bool:
    """Whether a name may open at pos: at the start of the text or after punctuation, a function word or a verb, not
    inside a longer noun phrase (市|人民政府)."""
    i = view.index_at(pos) - 1
    return i < 0 or view.tags[i] in OUTSIDE_A_CLASS or view.tags[i] in {"v", "m", "q"}


@cache
def _known_places() -> frozenset[str]:
    return frozenset(name for name, ent in known_surface_forms() if ent.type == "LOC")
