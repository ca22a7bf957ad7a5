"""Organizations named by the capital markets: the investors that lead or join a financing round (X领投, 由X跟投),
the company that raises one (X完成B轮融资, X等在2021年获得两轮融资), and the company that lists its shares on a
market (X登陆科创板, X于2021年在港交所上市, 登陆科创板的X).

A round or a listing is done by one organization, never by a kind, so the frame lets through what a head word
alone does not: a name made of common words before a line of business (石头科技, 海豚智能), which elsewhere names a
kind (科技公司, 智能家居). What stays out is what the frame cannot tell: a head word with no stem (科技公司 is 科技 +
公司), a descriptor (大型科技), a class word before the name (一家科技公司), a place (北京市完成固定资产投资), a
person."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import common_word, is_proper, left_boundary, line_with_a_stem
from kg.nlp.recognize.descriptors import without_descriptors
from kg.nlp.text import Candidate, TokenView
from kg.nlp.words import alternation

# when and how, between the company and its verb: 在2021年, 于3月初, 宣布, 已, 再次
_WHEN = r"(?:(?:在|于)?(?:\d{2,4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:初|底|中|末)?)"
_HOW = r"(?:宣布|已经|已|正式|再次|再度|近日|日前|今年|去年|此前|也|又|成功|顺利)*"
_BETWEEN = _WHEN + _HOW
_CLAUSE = r"[^，。；;,！？!?\n]{0,15}?"
# 获得投资收益 is a return, 投资项目 a project: no round
_NOT_A_ROUND = r"(?!收益|回报|者|人|机会|价值|理念|风险|项目|额|总额|计划|规模|增长)"
# each frame is found by its verb; what stands between the company and the verb is read backwards from there
# (a pattern that opens with optional words would be tried at every character of every text)
RAISED = re.compile(rf"(?:{alternation(cues.ROUND_RAISE_VERBS).pattern})(?!悉|批|奖|评){_CLAUSE}融资")
RECEIVED = re.compile(
    rf"(?:{alternation(cues.ROUND_RECEIVE_VERBS).pattern})(?!悉|批|奖|评){_CLAUSE}(?:投资|注资){_NOT_A_ROUND}"
)
INVESTED = re.compile(alternation(cues.ROUND_INVESTOR_VERBS).pattern)
_VENUE = alternation(cues.LISTING_VENUES).pattern
# X登陆科创板, X于2021年在港交所挂牌上市, X赴港股IPO
LISTED = re.compile(rf"(?:登陆|登录|转战)(?:{_VENUE})|(?:在|于|赴|登陆)?(?:{_VENUE})(?:挂牌|成功)?(?:上市|IPO)")
_BEFORE_THE_VERB = re.compile(rf"等?{_BETWEEN}$")
_MAX_BETWEEN = 24
# 登陆科创板的X, 在港交所上市的X
LISTED_BEFORE = re.compile(rf"(?:(?:登陆|登录)(?:{_VENUE})|(?:在|于)(?:{_VENUE})(?:挂牌)?上市)的")
_NAME_AFTER_TAGS = frozenset({*cues.NAME_TAGS} - {"ns", "l", "i", "an", "vn"})
_MAX_NAME_TOKENS = 4
_TITLES = tuple(sorted({*words.PERSON_TITLES, *cues.ORG_CONTEXT_AFTER, *cues.ROLE_NOUNS}, key=len, reverse=True))
_PERSON_TAGS = frozenset({"nr", "nr1", "nr2", "nrt", "nrfg"})


def financed(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The doer of a round: the name that ends where an investor's verb or a raise of a round begins, and the other
    members of a list it closes (X、Y等获得融资)."""
    text = view.text
    for pattern in (INVESTED, RAISED, RECEIVED, LISTED):
        for match in pattern.finditer(text):
            end = _BEFORE_THE_VERB.search(text, max(0, match.start() - _MAX_BETWEEN), match.start()).start()
            while end > 0 and view.is_start(end):
                start = firm_before(view, end)
                if start is None:
                    break
                out.append(Candidate(start, end, rule.label, rule.name, rule.score))
                if start == 0 or text[start - 1] != "、":
                    break
                end = start - 1  # the member before it in the list


def listed(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The company a listing describes from before (登陆科创板的石头科技): the noun phrase right after 的, up to the end
    of the phrase."""
    for match in LISTED_BEFORE.finditer(view.text):
        start = match.end()
        i = view.index_at(start)
        if i < 0 or view.starts[i] != start:
            continue
        j = i
        while j < len(view.words) and j - i < _MAX_NAME_TOKENS and view.tags[j] in _NAME_AFTER_TAGS:
            j += 1
        if j == i or (j < len(view.words) and view.tags[j] not in {"w", "_SP"} and view.words[j] not in {"、", "等"}):
            continue
        end = view.ends[j - 1]
        if end - start >= 2 and _names_a_firm(view, start, end):
            out.append(Candidate(start, end, rule.label, rule.name, rule.score))


def firm_before(view: TokenView, end: int) -> int | None:
    """Where the name of one firm that ends at end starts, in a frame that one firm fills (a round, a listing, a kin
    noun): over name-like words, without the description before it (扫地机厂商|海豚智能), or None."""
    start = left_boundary(view, end)
    if start is None:
        return None
    start = without_descriptors(view, start, end)
    return start if end - start >= 2 and _names_a_firm(view, start, end) else None


def _names_a_firm(view: TokenView, start: int, end: int) -> bool:
    text = view.text
    if common_word(view, start, end) or text.endswith(cues.CLASS_MARKERS, max(0, start - 2), start):
        return False
    if text.startswith(_TITLES, start) or text.endswith(cues.ORG_CONTEXT_AFTER, start, end):
        return False  # 创始人张伟 is a person; 碧桂园公告 is the company and its notice
    if text.endswith(cues.NON_INSTITUTION_ENDINGS, start, end):
        return False  # 销售团队, 投资部: a part of an organization
    if all(view.tags[k] in _PERSON_TAGS for k in range(view.index_at(start), view.index_at(end - 1) + 1)):
        return False  # 张伟宣布完成融资: a person (天夏|智慧, ending in a word jieba calls a person's, is a firm)
    return is_proper(view, start, end, strict=True) or line_with_a_stem(view, start, end)
