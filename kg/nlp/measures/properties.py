"""What a figure measures: the noun phrase it quantifies or the verb and object that state it, from the words
before the figure in its clause (覆盖商户超过350万户 → 覆盖商户) and the noun it counts (建成2100个重点商圈 →
建成重点商圈), named by a cue word where the table has one (实现营收 → 营收, A轮融资 → 融资额)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from kg.nlp.measures.subjects import is_verb
from kg.nlp.measures.times import TimeRef
from kg.nlp.text import TokenView
from kg.nlp.words import read_table, read_words

MAX_PROPERTY_CHARS = 10
MAX_COUNTED_CHARS = 8
# where the noun a count is of ends: punctuation, a conjunction, 的 or 等
_ITEM_END = re.compile(r"[，,。；;：:、（(）)\s]|的|等|和|及|与|以及")
_CUES = {cue: (name, frozenset(kinds.split())) for cue, name, kinds in read_table("kg.nlp.measures", "properties")}
_CUE_RE = re.compile("|".join(re.escape(c) for c in sorted(_CUES, key=len, reverse=True)))
# a name ending in a function word was cut from a longer phrase (曼海欣在, 收益率为)
_UNFINISHED = tuple("在的了着将与和及为是")
_STOP = frozenset(read_words("kg.nlp.measures", "property_stop_words"))
_SCOPE = re.compile("|".join(read_words("kg.nlp.measures", "scope_words")))
_CHANGES = "|".join(sorted(read_words("kg.nlp.measures", "changes"), key=len, reverse=True))
_CHANGE_RE = re.compile(rf"((?:同比|环比)?(?:{_CHANGES})(?:了|至|到)?)$")
# jieba's tags of words that name no property: adverbs, pronouns, numerals and measure words, time and direction
# words, conjunctions, particles, punctuation
_NOT_CONTENT = ("d", "r", "m", "q", "t", "f", "c", "u", "w", "y", "e", "o", "p")
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_DIGIT = re.compile(r"[0-9]")
_QUOTES = frozenset("“”‘’「」『』\"'")
_NAME_JOINERS = frozenset({"、", "和", "与", "及", "以及", "等", "”", "“"})
_GRADED = re.compile(r"[0-9A-Z]+(?:(?:和|及|与|/)[0-9A-Z]+)*级?([\u4e00-\u9fff]{1,6})(?=[，,。；;、）)\s]|$)")


class Span(Protocol):
    start: int
    end: int


def phrase(view: TokenView, start: int, end: int, times: list[TimeRef], names: Sequence[Span] = ()) -> str:
    """The content words of text[start:end]: a preposition and its object (在全国), dates, names of entities with
    the separators of a list of them (在A、B等90个商场), and function words left out."""
    words = []
    i = max(view.index_at(start), 0) if view.words else 0
    after_preposition = after_name = False
    while i < len(view.words) and view.starts[i] < end:
        word, tag = view.words[i].strip(), view.tags[i]
        i += 1
        if view.starts[i - 1] < start or view.ends[i - 1] > end or not word:
            continue
        if any(t.start < view.ends[i - 1] and view.starts[i - 1] < t.end for t in times):
            continue
        if any(n.start < view.ends[i - 1] and view.starts[i - 1] < n.end for n in names):
            after_name = True
            continue
        if after_name and word in _NAME_JOINERS:
            continue
        after_name = False
        if tag.startswith("p"):
            after_preposition = True
            continue
        if after_preposition and (tag.startswith(("n", "s", "r")) or tag in ("f", "m", "q")):
            continue
        after_preposition = False
        if word == "、" and words and words[-1] != "、":
            words.append(word)  # kept, so that a list of properties can be paired with a list of figures
            continue
        if tag.startswith(_NOT_CONTENT) or word in _STOP or not _CJK.search(word):
            continue
        words.append(word)
    return _SCOPE.sub("", "".join(words)).strip("、")


def leading_verb(view: TokenView, start: int, end: int) -> str:
    """The verb text[start:end] opens with, or "" (实现A、B: 实现)."""
    i = max(view.index_at(start), 0) if view.words else 0
    while i < len(view.words) and view.starts[i] < end and not view.words[i].strip():
        i += 1
    if i >= len(view.words) or view.starts[i] >= end or view.starts[i] < start:
        return ""
    return view.words[i].strip() if is_verb(view.words[i], view.tags[i]) else ""


def counted_noun(view: TokenView, start: int, limit: int, *, whole: bool = True) -> str:
    """The noun a count is of, right after the figure (2100个重点商圈 → 重点商圈, 521家“X”试点企业 → X试点企业):
    the rest of the list item when it is short (unless `whole` is false), else its first nouns (jieba's tags of such
    nouns are unreliable: 超市 is tagged a verb, so a short item is taken whole); after grades (300个4A和5A景区),
    the noun they grade."""
    graded = _GRADED.match(view.text, start, limit)
    if graded is not None:
        return graded.group(1)
    item = _ITEM_END.search(view.text, start, limit)
    plain = "".join(ch for ch in view.text[start : item.start() if item else limit] if ch not in _QUOTES)
    if whole and plain and len(plain) <= MAX_COUNTED_CHARS and _CJK.match(plain) and not _DIGIT.search(plain):
        return plain
    words = []
    i = view.index_at(start) if view.words else 0
    if i < 0 or i >= len(view.words) or view.starts[i] != start:
        return ""
    while i < len(view.words) and view.starts[i] < limit and len("".join(words)) < MAX_COUNTED_CHARS:
        word, tag = view.words[i].strip(), view.tags[i]
        i += 1
        if word in _QUOTES:
            continue
        verb = tag.startswith("v") and tag != "vn"
        if not word or verb or word in ("的", "等") or tag.startswith(_NOT_CONTENT) or not _CJK.match(word):
            break
        words.append(word)
    return "".join(words)


def property_name(before: str, counted: str, kind: str, previous: str | None = None) -> str | None:
    """The property named from the phrase before the figure and the noun it counts; a bare change (同比增长) takes
    the noun of the figure before it in the sentence; None when nothing short enough names it."""
    change = _CHANGE_RE.search(before)
    if change and change.group(1).endswith(("至", "到")):
        before, change = before[: change.start()], None  # 扩充至457家: the level reached, not a change
    base = before[: change.start()] if change else before
    if change and counted:
        return None  # 增加3家门店: a change of a count, whose base the sentence does not give
    base = base + counted
    if change:
        named = _named(base, kind) if base else previous
        return None if named is None else named + change.group(1).rstrip("了")
    return _named(base, kind)


def _named(text: str, kind: str) -> str | None:
    text = text.replace("、", "").rstrip("为是达")
    cues = [c for c in _CUE_RE.findall(text) if kind in _CUES[c][1] or kind == "number"]  # a bare number: any
    if cues:
        return _CUES[max(cues, key=len)][0]
    if 2 <= len(text) <= MAX_PROPERTY_CHARS and not text.endswith(_UNFINISHED):
        return text
    return None
