"""Stocks named by their moves and picks: market reports list listed companies' short names before the day's move
(东方通信、综艺股份、大唐电信涨停) and after a pick (标的：杭州解百、金财互联). The short names are whatever the
companies chose (综艺股份, 金财互联), often common words to the segmenter; the list and the move or the pick are the
evidence. Each member must still be a bare name (no common word, place, count or kind) and no commodity, index or
fund, and all members of the list but one must be, so that sectors (银行、券商、保险领涨) and markets (港股、美股大跌)
are left alone.
"""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import generic_institution
from kg.nlp.recognize.lists import bare_name
from kg.nlp.recognize.stock_names import STATUS_MARK, names_a_company
from kg.nlp.text import Candidate, TokenView

# the day's move, and the words that may stand between it and the list (等, 均, 纷纷, 强势, 午后)
_MOVE = re.compile(
    r"涨停|跌停|领涨|领跌|大涨|大跌|暴涨|暴跌|涨幅居前|跌幅居前|涨幅靠前|跌幅靠前|封板|连板|飙升|跳水|翻红"
)
_BETWEEN = re.compile(
    r"(?:等(?:个股|股)?)?(?:均|纷纷|集体|再度|继续|也|则|双双|齐|相继)?(?:强势|闪崩|午后|尾盘|盘中|早盘|一度|直线|快速)?"
    r"(?:一字)?$"
)
_MAX_BETWEEN = 10  # characters the words between can take
# a pick before the list, said as such: 标的：, 相关标的有, 受益标的包括, 建议关注：, 推荐：
_PICK = re.compile(r"标的(?:有|包括|为|是|[：:])[：:]?|(?:建议|重点)?关注[：:]|推荐[：:]")
_SEPARATORS = frozenset('、，,。；;：:！？!?“”"（）() \t\n\u3000等')  # not 和: it opens names (和佳股份)
_ITEM = re.compile(r"[^、，,。；;：:！？!?\s“”\"（）()等]{2,8}")
_MIN_NAMED = 2  # members that must be short names; and all but one member of the list must be


def stock_movers(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The members of a 、-list right before a day's move or right after a pick, where all but one are short names."""
    text = view.text
    if "、" not in text:
        return
    for match in _MOVE.finditer(text):
        window = max(0, match.start() - _MAX_BETWEEN)
        between = _BETWEEN.search(text, window, match.start())
        _take(view, out, rule, _list_before(text, between.start() if between else match.start()))
    for match in _PICK.finditer(text):
        _take(view, out, rule, _list_after(text, match.end()))


def _list_before(text: str, end: int) -> list[tuple[int, int]]:
    """The items of the 、-list that ends at end, back to the punctuation before it."""
    items: list[tuple[int, int]] = []
    while True:
        match = _last_item(text, end)
        if match is None:
            break
        items.append(match)
        if match[0] == 0 or text[match[0] - 1] != "、":
            break
        end = match[0] - 1
    return items[::-1] if len(items) >= 2 else []


def _last_item(text: str, end: int) -> tuple[int, int] | None:
    """The item that ends at end: the characters back to a separator, two to eight of them."""
    start = end
    while start > 0 and end - start < 8 and text[start - 1] not in _SEPARATORS:
        start -= 1
    if start > 0 and text[start - 1] not in _SEPARATORS:
        return None  # longer than any short name: a clause, not an item
    return (start, end) if end - start >= 2 else None


def _list_after(text: str, start: int) -> list[tuple[int, int]]:
    """The items of the 、-list that opens at start, up to the punctuation or 等 after it; an item longer than a
    short name makes no list."""
    items = []
    pos = start
    while (match := _ITEM.match(text, pos)) is not None:
        if match.end() < len(text) and text[match.end()] not in _SEPARATORS:
            return []
        items.append(match.span())
        if not text.startswith("、", match.end()):
            break
        pos = match.end() + 1
    return items if len(items) >= 2 else []


def _take(view: TokenView, out: list[Candidate], rule: RecognizerRule, items: list[tuple[int, int]]) -> None:
    if any(view.text.endswith(cues.THEME_ENDINGS, s, e) for s, e in items):
        return  # a list of themes or sectors, whatever else it holds
    items = [(s + _status_mark(view.text, s), e) for s, e in items]  # ST鼎岳: the mark is no part of the name
    named = [(s, e) for s, e in items if _short_name(view, s, e)]
    if len(named) >= _MIN_NAMED and len(named) >= len(items) - 1:
        out.extend(Candidate(s, e, rule.label or "ORG", rule.name, rule.score) for s, e in named)


def _status_mark(text: str, start: int) -> int:
    """The length of a stock's status mark (ST, *ST) at start, 0 where there is none."""
    match = STATUS_MARK.match(text, start)
    return match.end() - start if match else 0


def _short_name(view: TokenView, start: int, end: int) -> bool:
    """A listed company's short name: a bare name whose words the segmenter cut at its edges, or a word it tags as a
    name's (东方通信/nt); no commodity, index, fund or place."""
    name = view.text[start:end]
    if not (view.is_start(start) and view.is_end(end)) or name in cues.COMMODITIES or not names_a_company(name):
        return False
    i, j = view.index_at(start), view.index_at(end - 1)
    proper_word = i == j and view.tags[i] in {"nt", "nz"}
    # 综艺|股份: a firm's head after a stem of its own (a head alone, or after a descriptor, is a kind)
    headed = (
        name.endswith(words.ORG_HEADS)
        and not generic_institution(name)
        and bare_name(view, start, _stem_end(name, end))
    )
    return proper_word or headed or bare_name(view, start, end)


def _stem_end(name: str, end: int) -> int:
    """Where the stem of a name that ends in a head word ends: before the longest head."""
    head = max((h for h in words.ORG_HEADS if name.endswith(h)), key=len)
    return end - len(head)
