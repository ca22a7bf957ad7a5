"""Listed companies named by their stock code: the short name right before a code in brackets (一心堂（002727.SZ）,
友邦(01299), 中电信（00728．通）) names a company, however common its words (老板电器, 智慧农业) and however the
segmenter cut them (中|材|科技, 海澜|之家). The code is the evidence; the name runs back from it to punctuation, a
time word or a word that stands before names (是, 包括, 下调), and starts after a common verb or a class noun."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import common_word, glued_verb_phrase, is_proper
from kg.nlp.recognize.kinds import type_by_head
from kg.nlp.text import Candidate, TokenView

_STATUS_MARKS = ("*ST", "ST", "SST")  # (the * stands before ST as a token of its own)
_FUNCTION_TAGS = frozenset("vprdcu")  # verbs, prepositions, pronouns, adverbs, conjunctions, particles
_COMMON = 1000  # … that common in the dictionary (买, 类似, 另外); a rarer one may open a name (一心堂, 远望谷)
_CLASS_NOUNS = ("公司", "企业", "股")  # 子公司|双汇发展, 兵团企业|中基健康, 大牛股|石药
_MAX_NAME = 8  # characters: 中国通信服务, 信达国际控股, *ST众和
# indices, funds (besides the fund types: 分级, 联接), and a stock as such (公司股票, 个股)
_NOT_COMPANIES = (*cues.FUND_TYPES, "指数", "指", "基金", "联接", "债券", "分级", "股票", "个股")
_DEMONSTRATIVES = ("该", "本公司", "此", "这", "其")  # not 本 alone: 本钢板材
_BOARDS = (*cues.LISTING_VENUES, *cues.INDEX_PROVIDERS)


def before_codes(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The name before each stock code of the text."""
    text = view.text
    for match in cues.STOCK_CODE.finditer(text):
        end = len(text[: match.start()].rstrip())
        start = _name_start(view, end)
        if start is None or end - start < 2:
            continue
        if names_a_company(text[start:end]):
            out.append(Candidate(start, end, rule.label, rule.name, rule.score))


def names_a_company(name: str) -> bool:
    """Whether a short name before or after a stock's figures is a company's: not an index, a fund or a commodity
    (沪深300指数（000300）, 原油（501018）), not the company the text is about (公司（600000）, 该股, 本公司), not a
    name a product's or a programme's head ends."""
    if name.endswith(_NOT_COMPANIES) or name in cues.COMMODITIES:
        return False
    if name in words.ORG_HEADS or name in cues.GENERIC_INSTITUTIONS or name.startswith(_DEMONSTRATIVES):
        return False
    return type_by_head(name) is None


# a row of a holdings table: an A-share code, the short name, the figure (600999星河地产9.47%, 000999顺捷A7.93%); a
# share class letter (万科A) names the same company
_TABLE_ROW = re.compile(
    r"(?<![0-9.])(?:00[0-3]|30[01]|60[01356]|688)[0-9]{3}(\*?S?ST)?([\u4e00-\u9fff]{2,6})[AB]?(?=[-+]?[0-9])"
)
# a day's change in brackets after a name (星河电器(+0.40%), 顺捷（-2.1%）): a quoted stock
_CHANGE = re.compile(r"[（(]\s*[+\-−][0-9]+(?:\.[0-9]+)?%\s*[）)]")
_LIST_SPAN = 24  # characters from one change to the next in a list: a name of up to 8 and its bracket


def in_tables(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The short name after each A-share code of a table row."""
    text = view.text
    for match in _TABLE_ROW.finditer(text):
        start, end = match.span(2)
        first = view.index_at(start)
        if view.tags[first][:1] in _FUNCTION_TAGS or glued_verb_phrase(view, start, view.ends[first]):
            continue  # 000300|收于|3500点: a verb after an index's code, no name
        if view.is_start(start) or view.is_end(end):
            _listed(view, out, rule, start, end)


def before_changes(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The names of a list of day's changes in brackets (X(+0.40%)、Y(-0.25%)), each holding a proper name and no
    shorter than most short names: a figure compared with one (高于历史均值（-4.7%）, 营收(+5%)) is no stock."""
    text = view.text
    changes = list(_CHANGE.finditer(text))
    for n, match in enumerate(changes):
        listed = any(_in_one_list(text, match, changes[k]) for k in (n - 1, n + 1) if 0 <= k < len(changes))
        end = match.start()
        start = _name_start(view, end) if listed else None
        if start is None or end - start < 3:
            continue
        if is_proper(view, start, end, rare=True) and not common_word(view, start, end):
            _listed(view, out, rule, start, end - (text[end - 1] in "AB"))  # 万科A(+0.18%): the company is 万科


# a status mark of a listed stock (ST, *ST, SST: special treatment), written before the short name without a code
STATUS_MARK = re.compile(r"(?<![A-Za-z])\*?S?ST(?=[\u4e00-\u9fff])")
# one-character adverbs, prepositions and conjunctions that open what follows a name (刚, 于, 及, 是)
_GLUED_FUNCTION_CHARS = frozenset("刚又也才就都已将再还仍曾于及与和是在")
_COMMON_NAME = 100  # a word this common after a mark is what the mark does (行列), no name
_BOUNDARY_TAGS = frozenset("wvpdcumq")  # first letters of the tags that end a name: punctuation, verbs, functions
_MARKED_CLASSES = ("板块", "股", "公司", "类", "概念", "制度")  # ST板块, ST股: the marked stocks as a class


def after_status_marks(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The short name right after a status mark (ST信通、, *ST海润刚跌破1元): only listed companies' stocks carry one,
    so the mark is the evidence, however common the name's words. The name is the one word after the mark, of two to
    four characters, where a boundary follows it (punctuation, a verb, a function word); where a noun follows (ST海润|
    股价), the words do not show where the name ends, and it is left to the other rules. The mark is no part of the
    name (see `_name_start`)."""
    text = view.text
    if "ST" not in text:
        return
    for match in STATUS_MARK.finditer(text):
        start = match.end()
        if not view.is_start(start) or text.startswith(_MARKED_CLASSES, start) or text.endswith("非", 0, match.start()):
            continue  # ST板块, 非ST: the marked stocks as a class
        k = view.index_at(start)
        if view.tags[k] in {"v", "vn"} or view.freqs.get(view.words[k], 0) >= _COMMON_NAME:
            continue  # 实施ST|处理, 打入ST|行列: what the mark does, no name
        if text.startswith("一", start):
            continue  # 成为*ST|一族, ST|一员: one of the marked, a count
        while view.ends[k] - start < 2 and k + 1 < len(view.words) and view.tags[k + 1][:1] not in _BOUNDARY_TAGS:
            k += 1  # ST晟|岚: a name the segmenter cut into characters
        end = view.ends[k]
        if view.tags[k] == "x" and end - start > 2 and text[end - 1] in _GLUED_FUNCTION_CHARS:
            end -= 1  # ST海润|刚 跌破, ST华泽|于 2016年: a function word the segmenter glued to an unknown name
        elif k + 1 < len(view.words) and view.tags[k + 1][:1] not in _BOUNDARY_TAGS:
            continue
        if 2 <= end - start <= 4:
            _listed(view, out, rule, start, end)


def _in_one_list(text: str, one: re.Match, other: re.Match) -> bool:
    """Whether two changes in brackets stand in one list: near, with an enumeration comma between them."""
    first, second = sorted((one, other), key=lambda m: m.start())
    return second.start() - first.start() <= _LIST_SPAN and "、" in text[first.end() : second.start()]


def _listed(view: TokenView, out: list[Candidate], rule: RecognizerRule, start: int, end: int) -> None:
    name = view.text[start:end]
    # 001592天弘创业板A, 博时上证|50ETF: a fund on a board's or a provider's index ends in it (恒生电子 does not)
    if end - start >= 2 and names_a_company(name) and not name.endswith(_BOARDS):
        out.append(Candidate(start, end, rule.label, rule.name, rule.score))


def _name_start(view: TokenView, end: int) -> int | None:
    """Where the short name that ends at end starts. The run of words before it goes back to punctuation, a number,
    a time word (晚间, 中午) or a word of `before_stock_names`; within it, the name starts after the last common
    function word or verb (我没敢买|吉利, 类似于|中芯国际) and after a class noun (子公司|双汇发展, 大牛股|石药). A
    conjunction opens many names (和佳股份, 和而泰), so it ends the run only before four characters or more (和|中集
    安瑞科)."""
    text = view.text
    i = view.index_at(end - 1)
    if i < 0 or view.ends[i] != end:
        return None
    first = i + 1
    opens = True  # whether something that opens a phrase stands before the run (not merely its length limit)
    while i >= 0:
        word, tag = view.words[i], view.tags[i]
        if tag in {"w", "_SP"} or word.isspace() or word.isdigit() or word in cues.BEFORE_STOCK_NAMES:
            break
        if tag == "t" and len(word) >= 2:
            break  # 中午|和佳股份, 晚间|中毅达
        if end - view.starts[i] > _MAX_NAME:
            opens = False
            break
        first = i
        i -= 1
    if first > view.index_at(end - 1):
        return None
    start = view.starts[first]
    for k in range(first, view.index_at(end - 1)):
        if k == first and opens and view.tags[k] == "v":
            continue  # ，联想控股（3396.HK）, 联合医务: a verb that opens a phrase opens the name
        rest = end - view.ends[k]
        word, tag = view.words[k], view.tags[k]
        function = tag[:1] in _FUNCTION_TAGS and view.freqs.get(word, 0) >= _COMMON and (tag != "c" or rest >= 4)
        if rest >= 2 and (function or word.endswith(_CLASS_NOUNS) or word in cues.CLASS_NOUNS_BEFORE_NAMES):
            start = view.ends[k]
    status = next((p for p in _STATUS_MARKS if text.startswith(p, start) and end - start - len(p) >= 2), "")
    return start + len(status)  # ST众和 is 众和 under special treatment: a mark of the stock, no part of the name
