"""Companies of a kind: what places, a market or a count before a company head describe is a kind of company, not
one company's name (香港公司, 美国科技公司, 深交所上市公司, 一家巨亏公司), and an industry before an activity head is
investment in it (房地产投资). Used by the head-word rules (heads.py)."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.known import known_places
from kg.nlp.recognize import cues
from kg.nlp.recognize.boundaries import LINES, known_org_names, region_word
from kg.nlp.text import Candidate, TokenView


def companies_of_a_place(view: TokenView, start: int, end: int) -> bool:
    """Whether the words from start to a company head at end are places and descriptors only (香港|公司, 美国|科技|
    公司, 深圳|上市|公司): they name the companies of a place, a kind. One word of its own makes a name (德国|铁路|
    公司), and so does a second place, which is then the trade name (上海|海东|公司)."""
    places = 0
    k = view.index_at(start)
    pos = start
    while pos < end:
        stop = min(view.ends[k], end)
        word = view.text[pos:stop]  # 上市 of 上市公司, one word that the head ends
        whole = view.starts[k] == pos and view.ends[k] == stop
        if whole and (view.tags[k].startswith("ns") or word in known_places() or region_word(word, view.tags[k])):
            places += 1
        elif word not in words.GENERIC_MODIFIERS:
            return False
        pos, k = stop, k + 1
    return places == 1


_COUNT_OF_FIRMS = re.compile(r"(?:[一二两三四五六七八九十几多数每某这那各]|[0-9]+)[家间个所]|某")
_MAX_COUNTED_MODIFIER = 4  # words between a count and the 的 that closes its modifier phrase


def counted(view: TokenView, start: int, head_start: int) -> bool:
    """Whether a count of firms stands before a company's description, right before it or before a phrase with 的
    (一家|巨亏公司, 某|配资公司, 一家美国的|无人驾驶公司): what is counted is a kind. A known organization's name
    still names one."""
    if view.text[start:head_start] in known_org_names():
        return False
    k = view.index_at(start) - 1
    if k < 0 or view.ends[k] != start:
        return False
    if view.words[k] == "的":
        for j in range(k - 1, max(-1, k - 1 - _MAX_COUNTED_MODIFIER), -1):
            if view.tags[j] == "w":
                return False
            if _COUNT_OF_FIRMS.fullmatch(view.words[j]):
                return True
        return False
    return _COUNT_OF_FIRMS.fullmatch(view.words[k]) is not None


_MAJOR_ONES = ("各大", "几大", "多家", "各家")  # the major ones of a kind, inside a description (俄罗斯各大银行)


def many_before(text: str, start: int, end: int) -> bool:
    """Whether a word that counts many stands right before text[start:end], or one that picks the major ones inside
    it (俄罗斯|各大|银行): it names a kind, not one body (a known organization's name still names one)."""
    many = text.endswith(cues.MANY_OF_A_KIND, 0, start) or any(word in text[start:end] for word in _MAJOR_ONES)
    return many and text[start:end] not in known_org_names()


def kind_word(view: TokenView, head_start: int) -> bool:
    """Whether the head at head_start ends one dictionary word with a descriptor before it (上市公司, 民营企业): the
    words before that word say where such companies are, they do not name one (深交所上市公司)."""
    k = view.index_at(head_start)
    return view.starts[k] < head_start and view.text[view.starts[k] : head_start] in words.GENERIC_MODIFIERS


def industry_alone(modifier: str) -> bool:
    """Whether a modifier is a line of business and at most one character more (地产, 房地产): nothing names a firm."""
    line = LINES.longest_suffix(modifier)
    return line is not None and len(modifier) - len(line) <= 1


# a name's words after 投资 (not a place: 星河投资北京分公司 is the firm's branch)
_OBJECT_TAGS = frozenset({"nt", "nz", "nr", "nrt", "eng", "j"})


def invests_in(view: TokenView, found: list[Candidate], head: str, end: int) -> bool:
    """Whether 投资 at end is the verb with a name for its object (红杉投资|美团, 招商银行投资|永隆银行): an
    organization found at end, or a name's word there. Then no firm is named 红杉投资."""
    if head != "投资" or end >= len(view.text):
        return False
    if any(c.start == end and c.label == "ORG" for c in found):
        return True
    k = view.index_at(end)
    return view.starts[k] == end and view.tags[k] in _OBJECT_TAGS
