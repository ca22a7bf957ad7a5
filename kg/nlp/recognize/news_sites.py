"""News sites named X网 where the text cites them as a source (据星河网报道, 星河财经网讯, 来源：星河网, 星河网记者):
the dictionary holds hundreds of networks in 网 (公路网, 电网, 关系网) and a handful of sites, with the same tags, so
the words alone cannot tell a site; a citation can. The name runs from the left boundary to 网, over words without a
verb, and is no common word (互联网) and no site of another's (官网: the firm before it is the name).
"""

from __future__ import annotations

import re

from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import common_word, left_boundary
from kg.nlp.text import Candidate, TokenView

# 网 and then what a cited source says or sends (报道, 讯, 记者, 消息, 获悉, 编辑, 援引, 数据显示)
_AFTER = re.compile(
    r"网(?=(?:\d{1,2}月\d{1,2}日)?(?:讯|报道|综合报道|记者|消息|获悉|编辑|援引|数据显示|评论|专稿|独家))"
)
# a source named before 网: 据…网 (报道), 来源：…网, 转自…网, 援引…网
_BEFORE = re.compile(
    r"(?:(?<!数)据|来源[：:]\s*|转自|援引|转载自|来自)([^，。；：:、\s“”\"（）()]{1,10}?网)(?![\u4e00-\u9fff])"
    r"|(?<!数)据([^，。；：:、\s]{1,10}?网)(?=报道|消息|援引|称)"
)
_NOT_SITES = ("官网", "互联网", "物联网", "因特网", "上网", "联网")
_MAX_STEM = 8
# tags of a word that may open the site's name before where the segmentation lets it start (天天|基金网, 乐|视网,
# 枪支暴力|档案网): a name cut in two is no name
_INSIDE_A_NAME = frozenset({"n", "nz", "nr", "nrt", "nt", "a", "ad", "an", "t", "d", "j", "ng", "vn", "b", "z"})


def news_sites(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """X网 cited as a source (据X网报道, X网讯, 来源：X网, X网记者) names a news site, an organization."""
    text = view.text
    if "网" not in text:
        return
    ends = {match.end() for match in _AFTER.finditer(text)}
    ends.update(match.end(1) if match.group(1) else match.end(2) for match in _BEFORE.finditer(text))
    for end in sorted(ends):
        if not view.is_end(end) or text.endswith(_NOT_SITES, 0, end):
            continue
        start = _stem_start(view, end)
        if start is None or not 2 <= end - start <= _MAX_STEM + 1 or common_word(view, start, end):
            continue
        if start > 0 and view.tags[view.index_at(start - 1)] in _INSIDE_A_NAME:
            continue  # 天天|基金网, 乐|视网: the word before is part of the name, whose start the words do not show
        out.append(Candidate(start, end, rule.label or "ORG", rule.name, rule.score))


def _stem_start(view: TokenView, end: int) -> int | None:
    """Where a site's name that ends with 网 at `end` opens: 网 as a word of its own after its stem (金鹰|网), or a word
    in 网 (环球网, 财经网) with the name-like words before it (博宝|艺术网); never across a verb."""
    k = view.index_at(end - 1)
    head_start = view.starts[k] if view.words[k] != "网" else end - 1
    start = left_boundary(view, head_start, allow_empty_head=True) if head_start < end - 1 else None
    if start is None or start == head_start:
        start = head_start
        if view.words[k] == "网":
            j = k - 1
            if j < 0 or view.tags[j] in {"v", "p", "w", "uj", "c", "r", "d"} or view.words[j] in cues.STOP_WORDS:
                return None  # 在|网 上: no stem
            start = view.starts[j]
    return start
