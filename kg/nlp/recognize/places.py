"""Places below the county that no gazetteer lists: a proper name before 街道, 镇, 乡, 村, 开发区, 生态城 …"""

from __future__ import annotations

from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import common_word, is_proper, left_boundary
from kg.nlp.recognize.cues import LOC_HEAD
from kg.nlp.text import Candidate, TokenView


def places(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Places below the county that no gazetteer lists: a proper name before 街道, 镇, 乡, 村, 开发区 …"""
    for match in LOC_HEAD.finditer(view.text):
        hs, he = match.span()
        if not view.is_end(he) or (match.group() in {"镇", "乡", "村", "港"} and not view.is_start(hs)):
            continue
        start = left_boundary(view, hs)
        if start is None or start >= hs or not is_proper(view, start, hs, rare=True) or common_word(view, start, he):
            continue
        prefix = next((p for p in cues.BILATERAL_PREFIXES if view.text.endswith(p, 0, start)), "")
        if prefix and view.is_start(start - len(prefix)):
            start -= len(prefix)  # 中新|天津生态城: a zone two countries built is named by both
        out.append(Candidate(start, he, rule.label, rule.name, rule.score))
