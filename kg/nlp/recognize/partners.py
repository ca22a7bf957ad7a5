"""The parties of a verb of joining (联合, 携手): an unknown name right before or after it is an organization."""

from __future__ import annotations

from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import common_word, is_proper, left_boundary, right_boundary
from kg.nlp.recognize.cues import PARTNER
from kg.nlp.text import Candidate, TokenView

_MODIFIES = ("之", "的")  # after the would-be partner: the phrase goes on to a noun it modifies


def partners(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Who 联合/携手 whom are organizations: an unknown name right before or after a partnering verb."""
    text = view.text
    for match in PARTNER.finditer(text):
        vs, ve = match.span()
        if not (view.is_start(vs) and view.is_end(ve)):
            continue
        if text.startswith("关系", ve):
            continue  # 两国战略合作伙伴关系: the partnership of two countries, no partner named
        name_end = vs
        i = view.index_at(vs) - 1
        while i >= 0 and view.tags[i] == "d" and view.starts[i] >= vs - 4:
            name_end = view.starts[i]  # 淘菜菜已联合: an adverb may stand between the partner and the verb
            i -= 1
        start = left_boundary(view, name_end, allow_empty_head=True)
        if start is not None and start < name_end and is_proper(view, start, name_end, strict=True):
            out.append(Candidate(start, name_end, rule.label, rule.name, rule.score))
        end = right_boundary(view, view.index_at(ve)) if ve < len(text) else None
        if end is not None and end > ve and is_proper(view, ve, end, strict=True) and not common_word(view, ve, end):
            if text.startswith(_MODIFIES, end):
                continue  # 携手同行现代化之路: the phrase goes on, the words after the verb name no partner
            out.append(Candidate(ve, end, rule.label, rule.name, rule.score))
