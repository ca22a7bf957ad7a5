"""Organizations on either side of a kin noun of companies (“添乐”的母公司, 母公司海星, 星河的控股股东): the kin of a
company in a group or its register of holders is a company, so a name no head word marks is one there."""

from __future__ import annotations

from kg.nlp.known import known_places
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.financing import firm_before
from kg.nlp.recognize.kinds import OUTSIDE_A_CLASS
from kg.nlp.text import Candidate, TokenView
from kg.nlp.words import alternation

_KIN = alternation(cues.KIN_NOUNS)
_CLOSING_QUOTES = {"”": "“", '"': '"', "」": "「", "』": "『"}
_MAX_QUOTED = 12
_NAME_TAGS = cues.PROPER_TAGS - {"ns", "j"}
_MAX_NAME_TOKENS = 3
# what may follow the name after a kin noun: the end of the noun phrase, never a noun or a verb (母公司营收增长)
_AFTER_A_NAME = frozenset({"的", "、", "和", "与", "及", "等", "也"})


def kin(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The name right before a kin noun (past a 的 and a closing quote), and the proper name right after a parent or
    subsidiary noun, are organizations."""
    text = view.text
    for match in _KIN.finditer(text):
        start, end = match.span()
        if not view.is_start(start) or not view.is_end(end):
            continue
        if text.endswith(cues.KIN_MODIFIERS, 0, start) and view.is_start(start - 1):
            start -= 1  # 原实际控制人: a former holder
        before = _name_before(view, start - 1 if text.endswith("的", 0, start) else start)
        after = _name_after(view, end) if cues.KIN_NOUNS[match.group()] else None
        for span in (before, after):
            if span is not None:
                out.append(Candidate(*span, rule.label, rule.name, rule.score))


def _name_before(view: TokenView, end: int) -> tuple[int, int] | None:
    text = view.text
    opening = _CLOSING_QUOTES.get(text[end - 1 : end])
    if opening is not None:  # “添乐”的母公司: the quoted name
        start = text.rfind(opening, max(0, end - 2 - _MAX_QUOTED), end - 1)
        inner = text[start + 1 : end - 1]
        if start == -1 or len(inner) < 2 or any(not ch.isalnum() for ch in inner):
            return None
        return start + 1, end - 1
    if not view.is_start(end):
        return None
    start = firm_before(view, end)  # 互联网巨头|谷歌的母公司
    return None if start is None else (start, end)


def _name_after(view: TokenView, start: int) -> tuple[int, int] | None:
    i = view.index_at(start)
    if i < 0 or view.starts[i] != start:
        return None
    j = i
    while j < len(view.words) and j - i < _MAX_NAME_TOKENS and view.tags[j] in _NAME_TAGS:
        j += 1
    if j == i:
        return None
    if j < len(view.words) and view.tags[j] not in {"w", "_SP"} and view.words[j] not in _AFTER_A_NAME:
        return None
    end = view.ends[j - 1]
    name = view.text[start:end]
    if len(name) < 2 or name in cues.LATIN_TERMS or name in known_places() or view.tags[j - 1] in OUTSIDE_A_CLASS:
        return None
    return start, end
