"""Where a name opens beyond the words the head-word rules extend over: at a transcribed given name joined by a middle
dot (约翰斯·霍普金斯大学), or at a global scope before a programme's field words (全球发展倡议); and where it opens
short of them: at a known organization's name that common words stand before (假钞|南京银行). Used by heads.py."""

from __future__ import annotations

from kg.nlp.known import known_places
from kg.nlp.recognize import cues
from kg.nlp.recognize.boundaries import common_words_only, generic_institution
from kg.nlp.text import Candidate, TokenView

_NAME_DOTS = "·•・"


def given_name_before(view: TokenView, start: int) -> int:
    """Where a name that opens with a transcribed surname starts: at the given names joined to it by a middle dot
    (约翰斯·霍普金斯大学, 菲德尔·卡斯特罗中心). A given name is one word of two to five characters, mostly of the
    standard transcription, and no place (甘肃·庆阳 is a province and its city)."""
    text = view.text
    while start > 1 and text[start - 1] in _NAME_DOTS:
        k = view.index_at(start - 2)
        word = view.words[k]
        transcribed = sum(ch in cues.TRANSLITERATION_CHARS for ch in word)
        if not (2 <= len(word) <= 5 and 2 * transcribed >= len(word)) or word in known_places():
            break
        start = view.starts[k]
    return start


def global_scope(view: TokenView, start: int, end: int) -> int | None:
    """Where a global scope opens a programme's name between start and its head at end (全球|发展|倡议, 全球|数据安全|
    倡议): the one programme put forward to the world. None without one, or without field words after it (全球倡议
    is an appeal)."""
    for scope in cues.GLOBAL_SCOPES:
        at = view.text.find(scope, start, end)
        if at >= 0 and view.is_start(at) and view.is_start(at + len(scope)) and end - at - len(scope) >= 2:
            return at
    return None


def known_name_inside(view: TokenView, found: list[Candidate], start: int, end: int) -> int:
    """Where a name that ends at end opens when a known organization's name stands in it and only common words
    stand before that (取款全是假钞|南京银行, 对话|邮储银行北京分行): at the known name. A place or a proper name
    before it is part of the name (北京|招商银行 is that bank's branch)."""
    starts = [c.start for c in found if c.known and c.label == "ORG" and c.end <= end and start < c.start]
    known = min(starts, default=None)
    if known is None:
        return start
    return known if common_words_only(view, start, known) else start


def parent_of_a_unit(view: TokenView, found: list[Candidate], start: int, end: int) -> int:
    """Where a unit's name that ends at end opens when only a place stands before its head and a known organization
    right before the place (建行|佛山|分行, 星河集团|北京|办事处): at the organization, the unit's parent, which the
    segmenter may tag as anything (建行/v)."""
    head = _unit_head(view, start, end)
    if head is None or not _places_only(view, start, end - len(head)):
        return start
    parents = [c.start for c in found if c.known and c.label == "ORG" and c.end == start]
    return min(parents, default=start)


def unnamed_parent(view: TokenView, start: int, end: int) -> bool:
    """Whether a unit's name that ends at end names its parent by a kind only (某银行|武汉|分行, 一家外资银行|上海|
    分行): a kind of institution, then places, then the unit's head. Such a unit is no name."""
    head = _unit_head(view, start, end)
    if head is None:
        return False
    head_start = end - len(head)
    for k in range(view.index_at(start), view.index_at(head_start - 1) + 1):
        if view.starts[k] > start and _places_only(view, view.starts[k], head_start):
            return generic_institution(view.text[start : view.starts[k]])
    return False


def _unit_head(view: TokenView, start: int, end: int) -> str | None:
    """The unit's head that ends the name (分行, 办事处), if one does."""
    return next((h for h in cues.UNIT_HEADS if view.text.endswith(h, start, end)), None)


def _places_only(view: TokenView, start: int, end: int) -> bool:
    """Whether start..end is one or more whole words, each a place (佛山, 广东省|深圳市), or a place's name that opens
    the unit's word (上海市|分行 as one word)."""
    if view.text[start:end] in known_places() and view.is_start(start):
        return True
    i = view.index_at(start)
    if start >= end or i < 0 or view.starts[i] != start:
        return False
    while i < len(view.words) and view.ends[i] <= end:
        if not (view.tags[i] == "ns" or view.words[i] in known_places()):
            return False
        if view.ends[i] == end:
            return True
        i += 1
    return False


def place_led_institution(view: TokenView, start: int, end: int) -> int:
    """Where a name that ends at end opens when its last word is one the dictionary tags as an organization and that
    word opens with a place (美国政府, 香港特区政府): at that word, unless a proper name stands right before it. Such a
    name is whole; the words before it are the sentence's (抗议|美国政府, 全力支持|香港特区政府, 财年|美国联邦政府)."""
    k = view.index_at(end - 1)
    if k < 1 or view.ends[k] != end or view.tags[k] != "nt" or view.starts[k] <= start:
        return start
    word = view.words[k]
    if not any(word[:n] in known_places() for n in range(2, len(word) - 1)):
        return start
    return start if view.tags[k - 1] in _OPENERS else view.starts[k]


_OPENERS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "j", "x", "eng"})  # a proper name before it belongs to it
