"""Fund products: a fund is named by its house, the index or theme it follows and its type (星河中证消费ETF,
顺捷基金的成长精选混合型基金, 星河添利1年定开债). The type word alone names a kind (混合型基金, 港股ETF): the name must
also open with its house, hold an index or a term, or follow its house and 的."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.text import Candidate, TokenView

# the type word, then a share class (混合A, 指数增强C) that ends the name too
_FUND_TYPE = re.compile(
    "(?:"
    + "|".join(re.escape(t) for t in sorted(cues.FUND_TYPES, key=len, reverse=True))
    + r")(?:\s*[(（]FOF[)）])?(?:[A-E]类?(?![A-Za-z0-9]))?"
)
# a date written right after a name (…混合型1月21日审批结束): the digits start the next phrase, not the name
_DATE_AFTER = re.compile(r"[0-9]{1,4}(?:年|月|日)")
_PROPER_OPENING = frozenset({"x", "nz", "nr", "nrt", "nrfg"})  # not j: 美股, 港股 are markets
_INDEX = re.compile("|".join(re.escape(w) for w in sorted(cues.INDEX_PROVIDERS, key=len, reverse=True)))
# a target year (养老2030), a term (1年定开, 三年持有), an index's size (50ETF, 500指数)
_TERM = re.compile(r"20[0-9]{2}(?![0-9年])|[0-9一二两三五]年(?:定开|定期|持有|封闭)|[0-9]{2,3}(?=[A-Z]*ETF|指数)")
# the houses' own words, which their products' names open with (星河基金 → 星河中证消费ETF)
_HOUSE_HEADS = ("基金管理有限公司", "基金管理公司", "基金", "证券", "资管", "资产管理", "资产")
# what a fund's name never holds: punctuation, prepositions, conjunctions, particles, adverbs, pronouns, measure words
_OUTSIDE = frozenset({"w", "_SP", "p", "c", "u", "uj", "ul", "ud", "uz", "ug", "d", "r", "q", "mq"})
_MAX_CHARS = 24


def fund_products(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A fund's name before its type word (…ETF, …混合型基金, …定开债) that names one fund: it opens with its house,
    holds an index or a term, or follows its house and 的."""
    text = view.text
    houses = _houses(text, out)
    for match in _FUND_TYPE.finditer(text):
        ts, te = match.span()
        glued = text[te : te + 1].isascii() and text[te : te + 1].isalnum() and not _DATE_AFTER.match(text, te)
        if not (view.is_end(te) or _DATE_AFTER.match(text, te)) or glued:
            continue
        start = _name_start(view, ts)
        if ts - start < 2 or not ("\u4e00" <= text[start] <= "\u9fff" or text[start].isalpha()):
            continue
        body = text[start:ts]
        owned = _owned(text, start, out)
        if view.tags[view.index_at(start)] in {"v", "vd"} and not owned:
            continue  # 募集星河…ETF: a verb opens no name (but 星河基金的进取成长混合型基金 does open with one)
        if _only_house(body, houses):
            continue  # 星河基金ETF投资总监: the house's ETF business, no fund (a fund's name says which index or theme)
        opens_with_house = body.startswith(houses) or any(
            c.start == start and c.end < ts and c.label == "ORG" for c in out
        )
        named = opens_with_house or owned or _opens_with_a_proper_name(view, start, ts)
        if named or _INDEX.search(body) or _TERM.search(text, start, te):
            out.append(Candidate(start, te, rule.label, rule.name, rule.score))


def _opens_with_a_proper_name(view: TokenView, start: int, end: int) -> bool:
    """华瑞价值精选混合型基金: a name the segmenter does not know (a house's short name) opens the fund's, with more
    words after it; a kind opens with a common word (消费主题混合型基金), a place (美国科技ETF) or a market (美股)."""
    i = view.index_at(start)
    word = view.words[i]
    return (
        view.starts[i] == start
        and view.ends[i] < end
        and len(word) >= 2
        and view.tags[i] in _PROPER_OPENING
        and word not in cues.LATIN_TERMS
        and word not in words.GENERIC_MODIFIERS  # 宽基指数ETF: a kind of index
        and word not in cues.LISTING_VENUES  # 美股主要指数ETF: a market opens a kind
    )


def _name_start(view: TokenView, end: int) -> int:
    """Where a fund's name that ends at end starts: left over words, numbers and verbs (星河预见养老2030), up to a
    function word, a stop word, a launch verb or punctuation."""
    i = view.index_at(end)
    start = view.starts[i] if view.starts[i] < end and view.tags[i] not in _OUTSIDE else end
    j = i - 1
    while j >= 0 and end - view.starts[j] <= _MAX_CHARS:
        if view.words[j] in cues.STOP_WORDS or view.tags[j] in _OUTSIDE or view.words[j] in words.LAUNCH_VERBS:
            break
        start = view.starts[j]
        j -= 1
    return start


def _houses(text: str, out: list[Candidate]) -> tuple[str, ...]:
    """The short names of the fund houses and brokers the text names (星河基金 → 星河), which their funds open with."""
    found = set()
    for c in out:
        if c.label != "ORG":
            continue
        name = text[c.start : c.end]
        head = next((h for h in _HOUSE_HEADS if name.endswith(h) and len(name) - len(h) >= 2), None)
        if head is not None:
            found.add(name[: -len(head)])
    return tuple(sorted(found))


def _only_house(body: str, houses: tuple[str, ...]) -> bool:
    """Whether a fund's would-be name before its type word is only its house's name (星河基金, 星河资管)."""
    head = next((h for h in _HOUSE_HEADS if body.endswith(h)), None)
    return head is not None and body[: -len(head)] in houses


def _owned(text: str, start: int, out: list[Candidate]) -> bool:
    """Whether a fund house and 的 stand right before the name (星河基金的成长精选混合型基金)."""
    return text.startswith("的", start - 1) and any(
        c.end == start - 1 and c.label == "ORG" and text[c.start : c.end].endswith(_HOUSE_HEADS) for c in out
    )
