"""Financial firms that speak: a securities firm, a futures firm, a fund house, a bank or an
insurer named by common words (平安|证券, 银河|期货, 开源|证券, 信|达|证券) is no proper name to the segmenter,
but it is the subject of a statement (在研报中表示, 认为, 预计, 指出), or its analyst is (民族证券分析师). A kind
of security or contract never states or forecasts anything (股指期货, 有价证券), so the statement tells
the firm from the kind.
"""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import generic_institution
from kg.nlp.text import Candidate, TokenView

_SPEAKERS = ("证券", "期货", "信托", "基金", "银行", "保险", "人寿", "资管")
# the head, then where it says it (在研报中, 最新报告), then a verb of stating, judging or forecasting
_STATEMENT = re.compile(
    "(?:" + "|".join(_SPEAKERS) + ")"
    r"(?=(?:在?(?:最新|近日|日前)?(?:发布的)?(?:研报|报告|研究报告|点评|晨会纪要|策略报告)中?)?"
    r"(?:表示|认为|指出|预计|预测|判断|强调|建议|提示|坦言|直言|分析称|称"
    r"|(?:首席)?(?:分析师|研究员|策略师|经济学家)))"  # or one of its analysts speaks (民族证券分析师)
)
_MAX_STEM = 4  # characters: 平安, 前海开源, 方正中期
_STEM_TAGS = frozenset({"a", "n", "nr", "nz", "ns", "v", "vn", "f", "t", "x", "j", "g", "ng", "s", "b"})
# 看好|银河|期货: a verb before the name is the clause's, and the name opens after it
_NO_OPENING_TAGS = frozenset({"v", "vn", "t"})  # (当时|银行称: a time opens none either)
_KIND_STEM_ENDINGS = ("指", "股", "债", "票")  # 股指|期货, 国债|期货, 银行股: what a contract or a fund holds


def speaking_firms(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A financial head with a stem of one or two common words, as the subject of a statement (平安证券在研报中表示,
    银河期货认为), names a firm."""
    text = view.text
    for match in _STATEMENT.finditer(text):
        hs, he = match.span()
        if not (view.is_start(hs) and view.is_end(he)) or hs == 0:
            continue
        start = _stem_start(view, hs)
        if start is not None and not _kind(text[start:hs]) and not generic_institution(text[start:he]):
            out.append(Candidate(start, he, rule.label or "ORG", rule.name, rule.score))


def _stem_start(view: TokenView, hs: int) -> int | None:
    """Where the firm's stem opens: the longest run of one or two words before the head, of two to four characters,
    with no function word, count or descriptor, that a verb does not open; None where there is none."""
    k = view.index_at(hs - 1)
    best = None
    for first in (k, k - 1):
        if first < 0 or hs - view.starts[first] > _MAX_STEM:
            break
        tokens = range(first, k + 1)
        if any(view.tags[t] not in _STEM_TAGS or view.words[t] in cues.STOP_WORDS for t in tokens):
            break
        if view.words[first] in words.GENERIC_MODIFIERS or view.tags[first] in _NO_OPENING_TAGS:
            continue
        if hs - view.starts[first] >= 2 and (first == 0 or not _inside_a_word(view, first)):
            best = view.starts[first]
    return best


def _kind(stem: str) -> bool:
    """Whether a stem makes a kind of contract or security (原油期货, 股指期货, 国债期货), which states nothing."""
    return stem in cues.COMMODITIES or stem.endswith(_KIND_STEM_ENDINGS)


def _inside_a_word(view: TokenView, first: int) -> bool:
    """Whether the word before the stem would go on into it (a name the run does not cover whole): a noun, a name or
    an unknown word right before the stem means the stem is the tail of a longer phrase."""
    return view.tags[first - 1] in {"n", "nr", "nz", "ns", "x", "j", "ng", "eng"}
