"""Names made only of common words (国民养老险公司): no proper-name token marks them, so a head word alone never
makes one a name (it would name a kind: 养老险公司, 互联网公司). The document marks one instead: it names the same
company again and again, always as that one company, never after a word that makes it a class (一家, 多家, 某, 各)."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import is_proper, left_boundary
from kg.nlp.text import Candidate, TokenView

_HEAD = re.compile("公司|集团")
_MIN_MENTIONS = 3  # a kind is mentioned often too, but seldom three times in one article with no class word before it
_MIN_MODIFIER_CHARS = 4
_MODIFIER_TAGS = frozenset({"n", "nz", "vn", "ng", "j"})  # common nouns only: no verb, adjective, number or place
_KIND_WORDS = frozenset((*words.ORG_HEADS, *words.INDUSTRY_HEADS, *words.PRODUCT_HEADS))
_CLASS_AFTER = ("们", "等", "之间", "之一", "中", "类")  # X公司们, X公司之一: a member of a class


def repeated_names(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A modifier of two common nouns or more before 公司 or 集团 is a company's name when the document repeats the
    whole name at least three times and never after a class word."""
    text = view.text
    tried: set[str] = set()
    for match in _HEAD.finditer(text):
        hs, he = match.span()
        if not view.is_start(hs) or not view.is_end(he):
            continue
        start = left_boundary(view, hs)
        if start is None or hs - start < _MIN_MODIFIER_CHARS:
            continue
        name = text[start:he]
        if name in tried:
            continue
        tried.add(name)
        if _common_nouns(view, start, hs) and not is_proper(view, start, hs) and _definite(text, name):
            for pos in _mentions(view, name):
                out.append(Candidate(pos, pos + len(name), rule.label, rule.name, rule.score))


def _common_nouns(view: TokenView, start: int, end: int) -> bool:
    """Two nouns or more, none a descriptor (养老, 商业, 蓝筹) nor a stop word: 国民|养老险, not 商业|银行, 其他|保险 or
    优质|蓝筹; and no head word among them, which makes the phrase a line of that business (证券|经纪|公司, 银行|理财|
    公司)."""
    tokens = range(view.index_at(start), view.index_at(end - 1) + 1)
    return (
        len(tokens) >= 2
        and view.starts[tokens[0]] == start
        and all(view.tags[k] in _MODIFIER_TAGS and view.words[k] not in cues.STOP_WORDS for k in tokens)
        and not any(view.words[k] in words.GENERIC_MODIFIERS for k in tokens)
        and not any(view.words[k] in _KIND_WORDS for k in tokens)
    )


def _definite(text: str, name: str) -> bool:
    """Named at least three times, never right after a class word nor followed by one."""
    positions = [m.start() for m in re.finditer(re.escape(name), text)]
    if len(positions) < _MIN_MENTIONS:
        return False
    return not any(
        text.endswith(cues.CLASS_MARKERS, max(0, pos - 2), pos) or text.startswith(_CLASS_AFTER, pos + len(name))
        for pos in positions
    )


def _mentions(view: TokenView, name: str) -> list[int]:
    """Where the name stands on token boundaries."""
    found = []
    pos = view.text.find(name)
    while pos != -1:
        if view.is_start(pos) and view.is_end(pos + len(name)):
            found.append(pos)
        pos = view.text.find(name, pos + len(name))
    return found
