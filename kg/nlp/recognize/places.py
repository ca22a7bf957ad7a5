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
        if match.group() == "港" and _hong_kong(view, hs, he):
            continue  # 沪|港|深: Hong Kong's one-character form, no port
        start = left_boundary(view, hs)
        if start is None or start >= hs or not is_proper(view, start, hs, rare=True) or common_word(view, start, he):
            continue
        prefix = next((p for p in cues.BILATERAL_PREFIXES if view.text.endswith(p, 0, start)), "")
        if prefix and view.is_start(start - len(prefix)):
            start -= len(prefix)  # 中新|天津生态城: a zone two countries built is named by both
        out.append(Candidate(start, he, rule.label, rule.name, rule.score))


def _hong_kong(view: TokenView, hs: int, he: int) -> bool:
    """Whether a lone 港 is Hong Kong's one-character form, beside other places' one-character forms (沪|港|深). (Not
    by the word it may open with the next character: 九洲港|航线 is a port's line, as 港航 opens 港航船企.)"""
    i = view.index_at(hs)
    one_character = [k for k in (i - 1, i + 1) if 0 <= k < len(view.words) and len(view.words[k]) == 1]
    return any(view.tags[k] == "j" or view.words[k] in cues.CITY_SHORT_FORMS for k in one_character)
