"""Registered names: a legal form (有限公司, 股份有限公司) ends a name that is built as place + trade name + line of
business + form, and the place, where there is one, is where the name starts.

The trade name between is often what the segmenter cannot read (宁波中元房地产开发有限公司 comes out as 中_f/元_m,
河南凯信达商贸有限公司 as 凯信_x/达_v), so the head-word rules, which extend a name over name-like tokens, stop
short or find nothing. Here the place anchors the left edge instead, and a place in brackets after the trade name
(博威科技（深圳）有限公司) anchors a name by itself. A verb that is no line of business, a function word, a count or
punctuation still ends the search: 美国起诉|华为技术有限公司 gives no anchor.
"""

from __future__ import annotations

import re
from functools import cache

from kg.nlp import words
from kg.nlp.known import known_places
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import LINES, QUANTITY
from kg.nlp.recognize.descriptors import without_descriptors
from kg.nlp.text import Candidate, TokenView

_MAX_NAME_CHARS = 24
# tags that end the search for a name's start: prepositions, conjunctions, particles, pronouns, times, punctuation
_ENDS_A_NAME = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "y", "e", "o", "r", "t", "w", "_SP"})
_BRACKETS = {"(": ")", "（": "）", "〔": "〕"}
_DIGIT = re.compile(r"[0-9０-９]")
_BRACKETED = re.compile(r"[(（〔][^)）〕]*[)）〕]")


@cache
def _legal_form() -> re.Pattern[str]:
    forms = sorted(words.LEGAL_SUFFIXES, key=len, reverse=True)
    return re.compile("(?:[(（]集团[)）])?(?:" + "|".join(map(re.escape, forms)) + ")")


def registered_names(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Place-anchored legal names (宁波中元房地产开发有限公司, 河南安阳市凯信达商贸有限公司) and legal names with a
    place in brackets (乐视网信息技术（北京）股份有限公司)."""
    text = view.text
    for match in _legal_form().finditer(text):
        hs, he = match.span()
        if not view.is_start(hs):
            continue
        anchored = _anchored_start(view, hs)
        if anchored is None:
            continue
        start, trade = anchored
        start = without_descriptors(view, start, hs)  # 全资子公司顺捷饲料（北京）有限公司 → 顺捷饲料（北京）有限公司
        if _has_trade_name(text[max(start, trade) : hs]):
            out.append(Candidate(start, he, rule.label, rule.name, rule.score))


def _anchored_start(view: TokenView, hs: int) -> tuple[int, int] | None:
    """Where the name before a legal form at hs starts, and where its trade name starts: at the leftmost place among
    the name-like tokens before it, or, when a place in brackets stands among them, at the first of those tokens.
    None without such an anchor."""
    k = view.index_at(hs - 1)
    if k < 0 or view.ends[k] != hs:
        return None
    place = bracketed = None
    first = None
    while k >= 0 and hs - view.starts[k] <= _MAX_NAME_CHARS:
        word = view.words[k]
        if word in _BRACKETS.values():
            opening = _bracketed_place(view, k)
            if opening is None:
                break
            bracketed = True
            first = opening
            k = opening - 1
            continue
        if _ends_a_name(view, k):
            break
        first = k
        if _is_place(view, k):
            place = k
        k -= 1
    if place is not None:
        trade = place
        while trade < len(view.words) and _is_place(view, trade):
            trade += 1  # 河南|安阳市|凯信达: the places before the trade name
        return view.starts[place], view.starts[trade] if trade < len(view.words) else hs
    if bracketed and first is not None:
        return view.starts[first], view.starts[first]
    return None


def _is_place(view: TokenView, k: int) -> bool:
    return view.tags[k].startswith("ns") or view.words[k] in known_places()


def _bracketed_place(view: TokenView, close: int) -> int | None:
    """The index of the opening bracket of （北京） that closes at token `close`, when a place is all it holds."""
    inside = close - 1
    if inside < 1 or view.words[inside - 1] not in _BRACKETS or _BRACKETS[view.words[inside - 1]] != view.words[close]:
        return None
    if not _is_place(view, inside):
        return None
    return inside - 1


def _ends_a_name(view: TokenView, k: int) -> bool:
    """Whether token k cannot be part of a registered name: a function word, punctuation, a count, or a verb that is
    no line of business (a noun-like verb, vn, is name material). A one-character verb is let through: in a trade
    name it is what the segmenter cut out of an unknown word (凯信|达, 亚|通)."""
    word, tag = view.words[k], view.tags[k]
    if tag in _ENDS_A_NAME or word.isspace() or _DIGIT.search(word):
        return True
    line = word in LINES.words or word in cues.BUSINESS_SCOPE_VERBS
    if word in cues.STOP_WORDS and not line and not (tag == "f" and len(word) == 1):
        return True  # (宁波|中|元|房地产: a one-character locative is a piece of the trade name)
    if tag == "m" and QUANTITY.match(word):
        return True  # 一家|投资管理有限公司, 多家: a count opens a kind
    return tag == "v" and len(word) > 1 and not line


def _has_trade_name(trade: str) -> bool:
    """Whether the words after the place name the firm: 星河科技 does, 科技, 房地产 and a bracket alone do not."""
    rest = _BRACKETED.sub("", trade)
    while (line := LINES.longest_suffix(rest)) is not None:
        rest = rest[: -len(line)]
    return len(rest) >= 2 and rest not in words.GENERIC_MODIFIERS


_DATELINE = ("讯", "电", "报道", "消息")
_COUNTRY_ARM = re.compile(r"[(（]\s*([^()（）\s]{2,6})\s*[)）]")


def country_arms(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """恒生银行（中国）, 花旗银行(中国): a firm's name and a country or region in brackets name its arm there, a
    company of its own, as its registered name does (恒生银行（中国）有限公司) without the legal form."""
    text = view.text
    for c in [c for c in out if c.label == "ORG"]:
        match = _COUNTRY_ARM.match(text, c.end)
        if match is None:
            continue
        if text.startswith(_DATELINE, match.end()):
            continue  # 星河财经报社（香港）讯: the place a report is filed from
        place = known_places().get(match.group(1))
        if place is not None and place.level in {"country", "region", "province"}:
            out.append(Candidate(c.start, match.end(), rule.label, rule.name, rule.score))
