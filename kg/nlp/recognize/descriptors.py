"""Words that describe the name after them and are not part of it: a class noun (产品, 券商, 民营企业), a kin
noun (母公司, 全资子公司), a generic modifier (电商, 旗舰). The rules that find a name's left edge from its head trim
them."""

from __future__ import annotations

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.text import TokenView

_DESCRIPTORS = words.GENERIC_MODIFIERS - {"中"}
_HOLDER_MARKS = frozenset({"原", "现", "前"})  # 原|招商银行信用卡中心负责人: the former head's, not a former bank


def without_descriptors(view: TokenView, start: int, end: int) -> int:
    """Drop descriptive words that open a name when a proper name follows them: 电商OZON公司 is OZON公司, 旗舰扫地机
    产品Nova系列 is Nova系列, 全资子公司顺捷物流 is 顺捷物流 (a class or kin noun ends the description before a
    name)."""
    i = view.index_at(start)
    last = view.index_at(end - 1)
    for k in range(last - 1, i - 1, -1):
        describes = _describes(view, k)
        after = view.tags[k + 1]
        proper = after in cues.PROPER_TAGS and (after != "ns" or describes != "kind")
        proper = proper or (describes == "kin" and after in cues.NAME_TAGS)  # 母公司|首都机场|集团
        if describes and proper and view.starts[k + 1] < end - 1:
            start, i = view.starts[k + 1], k + 1
            break
    # 原|招商银行, 前|X证券: a former or present holder's mark before a proper name is the role's, not the name's
    marked = view.starts[i] == start and view.words[i] in _HOLDER_MARKS and i + 1 <= last
    if marked and view.tags[i + 1] in cues.PROPER_TAGS:
        start, i = view.starts[i + 1], i + 1
    # 中 alone before a proper name is 中国's short form opening it (中|金浦投资, 中|储粮), not 中型: left_boundary
    # has already told which 中 opens a name
    while view.starts[i] == start and view.words[i] in _DESCRIPTORS and view.ends[i] < end:
        nxt = i + 1
        if view.tags[nxt] not in cues.PROPER_TAGS or view.tags[nxt] == "ns":
            break
        start = view.starts[nxt]
        i = nxt
    return start


def _describes(view: TokenView, k: int) -> str:
    """Whether token k describes the name after it: "kin" for a parent or subsidiary noun (母公司, 子公司), which an
    organization's name follows whatever its first word; "kind" for a listed class noun (产品, 券商); "class" for a
    common noun that ends in a word of kind (民营企业, 电力生产商, 行业龙头, 流通股东). A kin or class noun may stand
    before a place-led name too (子公司|天津中辰); "" for anything else."""
    word = view.words[k]
    if cues.KIN_NOUNS.get(word, False):
        return "kin"
    if word in cues.CLASS_NOUNS_BEFORE_NAMES:
        return "kind"
    if view.tags[k] in _COMMON_NOUN_TAGS and word.endswith(cues.CLASS_NOUN_ENDINGS) and not word.endswith(_LEGAL):
        return "class"  # not a legal form: a unit after it is the company's (X股份有限公司|北京分公司)
    return ""


_COMMON_NOUN_TAGS = frozenset({"n", "vn", "l", "nr"})
_LEGAL = tuple(words.LEGAL_SUFFIXES)
