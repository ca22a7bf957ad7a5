"""Quoted names (“福农通”, 《X》, 【X】), typed by their own head word, the noun after the quote, the verb before it, or
the class that closes a row of quotes."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import QUANTITY, continues_noun
from kg.nlp.recognize.kinds import (
    class_phrase,
    classifier_type,
    event_by_head,
    head_in_common_word,
    type_by_follower,
    type_by_head,
)
from kg.nlp.text import Candidate, TokenView

_QUOTED = re.compile(
    r"[“「『\"]([^“”「」『』\"\n，。；！？、]{2,24})[”」』\"]|《([^《》\n]{2,30})》|【([^【】\n]{2,24})】"
)
_QUOTE_CHAIN = re.compile(r"""(?:\s*[、，,和及与]?\s*["“「『【][^"“”「」『』【】\n，。]{1,24}["”」』】])*\s*等""")


def quoted(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A quoted name is typed by its own head word or by the noun that follows the quote."""
    text = view.text
    for match in _QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        inner_start, inner_end = match.span(group)
        inner = match.group(group).strip()
        if len(inner) < 2 or QUANTITY.match(inner):
            continue
        after = text[match.end() : match.end() + 8]
        head_type = None if head_in_common_word(inner, view.freqs) else type_by_head(inner)
        label = head_type or type_by_follower(after) or event_by_head(inner, view.freqs)
        verb = words.LAUNCH.search(text, max(0, match.start() - 4), match.start())
        # 推出“福农通”, 开发的“福农通”: the quote is the object itself, not 推出一批“绿灯”投资案例
        launched = (
            verb is not None
            and text[verb.end() : match.start()].strip() in {"", "了", "的"}
            and not continues_noun(view, match.end())
        )
        if group == 2 and inner.endswith(cues.DOCUMENT_NOUNS):
            continue  # 《关于…的公告》, 《战略合作协议》: a document, not a product
        if label is None and launched and group != 2 and not after.startswith("的"):
            # 推出“福农通”: what is launched is a product; what is held (举办“X”) is an event or a campaign
            label = type_by_head(inner, weak=True) or (
                "INITIATIVE" if verb.group() in cues.ORGANIZE_VERBS else "PRODUCT"
            )
        if label is None:
            label = _chain_type(view, match.end())
        if label is None:
            continue
        out.append(Candidate(inner_start, inner_end, label, rule.name, rule.score))


def _chain_type(view: TokenView, pos: int) -> str | None:
    """“手机零元购”“买移动送收视”等优惠活动: quoted names in a row take the class that closes them."""
    chain = _QUOTE_CHAIN.match(view.text, pos)
    if chain is None:
        return None
    return classifier_type(class_phrase(view, chain.end()))
