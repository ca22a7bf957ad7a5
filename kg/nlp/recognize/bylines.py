"""Organizations named by the apparatus of a news item: its byline or dateline (新华社北京5月1日电), a reporter's or
an officer's word after the name (财联社记者, X董事长). (A stock code after a name: `stock_names`.)"""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import (
    common_word,
    common_words_only,
    dictionary_tag,
    generic_institution,
    glued_verb_phrase,
    is_proper,
    known_org_names,
    left_boundary,
    name_tokens,
)
from kg.nlp.recognize.cues import ORG_CONTEXT
from kg.nlp.recognize.descriptors import without_descriptors
from kg.nlp.recognize.openings import known_name_inside
from kg.nlp.text import Candidate, TokenView

# (the cue ends a word: 电 of 电池 is none)
_DATELINE = r"(?:^|\n)[ \t]*([^\s，。（(]{2,10}?)(?:[0-9]{1,2}月[0-9]{1,2}日)?(?:电|讯|消息)(?![\u4e00-\u9fff])"
_BYLINE = re.compile(_DATELINE + r"|([^\s，。（(]{2,10}?)[（(][^）)\n]{0,12}记者")
# the same without the reporter's form, which is tried at every character: for texts that mention no 记者
_BYLINE_DATELINE = re.compile(_DATELINE)
_SOURCE_CUE = re.compile(r"(?:另据|据)")
# a publisher's account (“星河财经”（ID：xinghe）) and a republisher (星河网经授权发布): who published the article
_ACCOUNT = re.compile(
    r"[“\"]([^“”\"\n，。]{2,16})[”\"]\s*[（(](?:微信)?(?:ID|id|微信号|公众号)[:：]\s*[A-Za-z0-9_\-]+[）)]"
)
_REPUBLISHER = re.compile(r"([^\s，。：:、“”]{2,12}?)经授权(?:转载|发布)")
_APPARATUS_CUES = ("ID", "id", "微信号", "公众号", "经授权")  # what the two patterns need: a cheap test first
# the source line under a chart or a table (资料来源：Wind、星河期货研究院整理): the providers it lists
_SOURCE_LINE = re.compile(r"(?:资料|数据|图表|图片)来源[：:]\s*([^\n。；;\u3000]{2,60})")
_SOURCE_SEPARATOR = re.compile(r"\s*[、，,/]\s*")
_SOURCE_ENDINGS = ("整理", "数据", "统计", "测算", "计算")  # what the provider did, no part of its name
# the line's date (截止日期：2018-01), a heading run on after it (三、…), a note (注：), two spaces: the list has ended
_SOURCE_STOP = re.compile(r"截[至止]|[0-9]{4}|[一二三四五六七八九十]+、|[：:=（(）)！!]|\s{2,}|\s+注")
_MAX_PROVIDER = 12  # characters: 天天基金研究中心, Bloomberg, 东方财富Choice
_PUBLISHER_HEADS = tuple(words.ORG_HEADS)
_INDUSTRY_HEADS = tuple(words.INDUSTRY_HEADS)
_FIRM_HEADS = (*cues.FIRM_HEADS, *words.INDUSTRY_HEADS)  # what ends a firm's name: 星河基金, 星河科技
_MAX_DEPARTMENT = 9  # characters of a department's name after the firm's (金融工程及指数投资部)
_MEDIA_LINES = ("财经", "新闻", "资讯", "传媒", "日报", "晚报", "周刊")  # 新浪财经: a known group's outlet


def bylines(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The source of a news item: 新华社北京5月1日电, X6月28日讯, X（北京，记者 …）."""
    text = view.text
    pattern = _BYLINE if "记者" in text else _BYLINE_DATELINE
    for match in pattern.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        for n in range(min(end - start - 2, 6), 1, -1):
            if view.is_start(end - n) and "ns" in (
                view.tags[view.index_at(end - n)],
                dictionary_tag(text[end - n : end]),
            ):
                end -= n  # 新华社济南…电, 新华社伦敦…电: the place is where the story was filed
                break
        cue = _SOURCE_CUE.match(text, start, end)
        if cue is not None:
            start = cue.end()  # 据新华社消息: 据 cites the source, it is not part of its name
        if text.endswith("独家", start, end):
            end -= 2  # 据星河网独家消息: the source's scoop, not its name
        if text.endswith("官网", start, end):
            end -= 2  # 据星河官网消息: the firm's own site; the firm is the source
        if not (view.is_start(start) and view.is_end(end)) or not name_tokens(view, start, end):
            continue  # 据印度国防部的消息, X昨日消息: a byline holds a name only, no function or time words
        if is_proper(view, start, end, strict=True):
            out.append(Candidate(start, end, rule.label, rule.name, rule.score))
    if "来源" in text:
        _sources(view, out, rule)
    if any(cue in text for cue in _APPARATUS_CUES):
        for pattern in (_ACCOUNT, _REPUBLISHER):
            for match in pattern.finditer(text):
                start, end = match.span(1)
                start = _last_words(view, start, end)  # 本文由|星河网经授权发布
                if end - start >= 2 and view.is_start(start) and view.is_end(end) and not common_word(view, start, end):
                    out.append(Candidate(start, end, rule.label, rule.name, rule.score))


def _known_prefixes(name: str) -> list[str]:
    """The known organizations' names that a name starts with, shorter than it."""
    names = known_org_names()
    return [name[:n] for n in range(2, len(name)) if name[:n] in names]


def _publisher(text: str, start: int, end: int) -> bool:
    """Whether a name ending in a document noun is a newspaper or agency all the same (星河日报, 财新周报): it ends in
    an organization's head word (日报, 周报, 通讯社), not only in the document noun (中报, 年报)."""
    return text.endswith(_PUBLISHER_HEADS, start, end)


def _last_words(view: TokenView, start: int, end: int) -> int:
    """Where the run of name-like words that ends at end starts, no earlier than start: after the last function
    word, pronoun, verb or punctuation."""
    k = view.index_at(end - 1)
    while k >= 0 and view.starts[k] >= start:
        if view.words[k] in cues.STOP_WORDS or view.tags[k] in {"p", "r", "v", "d", "w", "c", "u", "uj"}:
            return view.ends[k]
        k -= 1
    return start


def _sources(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The providers a source line lists (资料来源：Wind、星河期货研究院整理; 数据来源：星河资讯，顺捷研究所): each
    is an organization, unless it is a document (公司公告, 年报), a common word, or a known organization's product
    (东方财富Choice, whose maker the gazetteer finds)."""
    text = view.text
    for match in _SOURCE_LINE.finditer(text):
        start, end = match.span(1)
        stop = _SOURCE_STOP.search(text, start, end)
        end = stop.start() if stop else end
        pos = start
        for piece in [*_SOURCE_SEPARATOR.finditer(text, start, end), None]:
            s, e = pos, (piece.start() if piece else end)
            pos = piece.end() if piece else end
            while text.endswith(_SOURCE_ENDINGS, s, e):
                e -= next(len(w) for w in _SOURCE_ENDINGS if text.endswith(w, s, e))
            e = _without_unit(view, s, e)  # 星河期货|研发部: the firm, not its unit
            if e - s < 2 or e - s > _MAX_PROVIDER or not (view.is_start(s) and view.is_end(e)):
                continue
            if not _provider_words(view, s, e):
                continue  # 美国学者Simon, 弘业期货研究院wind: a person, or words run together, no one provider
            if text.endswith(cues.DOCUMENT_NOUNS, s, e) or common_word(view, s, e):
                continue  # 公司公告, 年报, 网络: a document or a common word, no provider
            name = text[s:e]
            if any(name[len(known) :].isascii() for known in _known_prefixes(name)):
                continue  # 东方财富|Choice: a known organization's product
            out.append(Candidate(s, e, rule.label, rule.name, rule.score))


def _without_unit(view: TokenView, start: int, end: int) -> int:
    """Where a provider's name ends before a unit of it (星河期货|研发部, 星河证券|研究所 stays whole): a word of up to
    five characters ending in a department word after an organization's head."""
    text = view.text
    if not text.endswith(cues.DEPARTMENT_ENDINGS, start, end):
        return end
    for n in range(2, 6):
        cut = end - n
        if cut - start >= 2 and view.is_end(cut) and text.endswith(_PUBLISHER_HEADS, start, cut):
            return cut
    return end


def _provider_words(view: TokenView, start: int, end: int) -> bool:
    """Whether a piece of a source line is one provider's name: Latin words that open with a capital (Wind,
    Bloomberg), or Chinese ending in a name's word rather than a function word, with no Latin glued after it."""
    name = view.text[start:end]
    if name.isascii():
        return name[:1].isupper()
    last = view.index_at(end - 1)
    if view.tags[last][:1] in {"p", "c", "d", "u", "r", "m"}:
        return False  # 天风证券研究所从: the line runs on into a sentence
    return not (name[-1].isascii() and name[-1].islower())


_ANNOUNCING = frozenset({"公告", "发布公告", "披露公告"})
_ADVERBS = frozenset("再又也还已均都亦另")  # … that the segmenter glues to 发 (再发, 又发)


def _before_the_time(view: TokenView, pos: int) -> int:
    """Where the words of time, adverbs and the verb 发 right before 公告 at pos start (19日晚间, 今日又发, 再发);
    pos when there are none."""
    k = view.index_at(pos) - 1
    while k >= 0:
        word, tag = view.words[k], view.tags[k]
        if word == "日" and k > 0 and view.words[k - 1].isdigit():
            k -= 2
        elif tag in {"t", "d"} or word in {"发", "发布", "披露"} or (len(word) == 2 and word[0] in _ADVERBS):
            k -= 1  # 又|发, 再发 (an adverb the segmenter glued to 发)
        else:
            break
    return view.ends[k] if k >= 0 else pos


def _announcer(view: TokenView, start: int, end: int) -> bool:
    """Whether the words before 公告 can be a company whose trade name is rare words (中金黄金, 雷鸣科化): not a kind
    (上市公司), not a document (年报业绩), and not a name whose first character the boundary dropped as an adjective
    or a verb (乐|视网), which leaves a fragment."""
    k = view.index_at(start)
    name = view.text[start:end]
    if (name.endswith(_PUBLISHER_HEADS) and generic_institution(name)) or name.endswith(cues.DOCUMENT_NOUNS):
        return False
    if view.text.endswith(cues.DOCUMENT_NOUNS, start, view.ends[k]):
        return False
    j = k - 1  # the word before the name
    return not (j >= 0 and view.ends[j] == start and len(view.words[j]) == 1 and view.tags[j] in {"a", "v", "d"})


def _data_of_a_known(view: TokenView, found: list[Candidate], start: int, end: int) -> bool:
    """Whether a known organization opens text[start:end] and only common words follow it (国家税务总局|增值税发票):
    what they name is its data or its documents, not a longer name. A line of business after it does make one
    (新浪财经, 中金黄金)."""
    known = max((c.end for c in found if c.known and c.label == "ORG" and c.start == start and c.end < end), default=0)
    if not known:
        return False
    line = view.text[known:end]
    if line in cues.COMMODITIES or line.endswith(_INDUSTRY_HEADS) or line.endswith(_MEDIA_LINES):
        return False  # 新浪|财经, 中金|黄金: a line of business makes a longer name
    return common_words_only(view, known, end)


def _known_and_its_place(view: TokenView, found: list[Candidate], start: int, end: int) -> bool:
    """Whether text[start:end] is a known organization and a place after it (星河证券|上海): where its people work."""
    known = max((c.end for c in found if c.known and c.label == "ORG" and c.start == start and c.end < end), default=0)
    if not known:
        return False
    k = view.index_at(known)
    return view.starts[k] == known and view.ends[k] == end and view.tags[k] == "ns"


def _before_the_department(text: str, start: int, end: int) -> int:
    """Where a firm's name ends inside text[start:end] when what follows it names a department (星河基金|指数投资部,
    星河证券|宏观研究组: a few characters ending like a department), else end. A public body's unit is one of its
    own (香港特区政府入境事务处): only a firm's head cuts."""
    if not text.endswith(cues.DEPARTMENT_ENDINGS, start, end):
        return end
    for firm_end in range(end - 2, max(start + 1, end - _MAX_DEPARTMENT), -1):
        if text.endswith(_FIRM_HEADS, start, firm_end):
            return firm_end
    return end


_TIME_AT_END = re.compile(r"(?:[上下本]?周[一二三四五六日天]|时)$")


# the managers' roles a department's field may open (星河地产|设计|总监, 星河资本|行政|总裁)
_DEPARTMENT_ROLES = frozenset({"总监", "总经理", "副总经理", "总裁", "副总裁", "负责人", "经理", "主管"})


def _before_the_role(view: TokenView, cs: int, role: str = "") -> int:
    """Where the organization's name ends before a role word: before the words that open a compound role (董事|总经理,
    主要|负责人, 原副|秘书长) and a department's field before a manager's role (星河置业有限公司|营销|总监)."""
    k = view.index_at(cs - 1) if cs > 0 else -1
    if role in _DEPARTMENT_ROLES and k > 0 and view.ends[k] == cs and view.words[k] in cues.DEPARTMENT_FIELDS:
        cs = view.starts[k]
        k -= 1
    while k >= 0 and view.ends[k] == cs:
        word = view.words[k]
        field = word in cues.ROLE_FIELDS and k > 0 and _role_modifiers(view.words[k - 1])  # 高级|技术|总监
        if not (field or _role_modifiers(word)):
            break
        cs = view.starts[k]
        k -= 1
    return cs


def _person(view: TokenView, start: int, end: int, role_end: int) -> bool:
    """Whether text[start:end], before a role word that ends at role_end, is a person's name (王广善|总经理|介绍): one
    word of three characters that the segmenter did not know or tags as a person's, opening with a common surname,
    where no name follows the role (周大福|总经理|黄某 is a firm's manager). A firm named after a person, with no
    name after the role, is taken for the person."""
    i = view.index_at(start)
    if not (view.starts[i] == start and view.ends[i] == end and end - start == 3):
        return False
    if view.tags[i] not in {"nr", "nrfg", "x"} or view.text[start] not in cues.SURNAMES:
        return False
    k = view.index_at(role_end)
    return not (0 <= k < len(view.words) and view.starts[k] == role_end and view.tags[k] in {"nr", "nrfg", "x"})


def _role_modifiers(word: str) -> bool:
    """Whether a word is one role modifier or several that the segmenter glued (原副, 资深首席)."""
    if word in cues.ROLE_MODIFIERS:
        return True
    return any(
        word.startswith(modifier) and _role_modifiers(word[len(modifier) :])
        for modifier in cues.ROLE_MODIFIERS
        if len(modifier) < len(word)
    )


def org_context(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A name right before a byline or a role word (财联社记者, X董事长) names an organization."""
    text = view.text
    for match in ORG_CONTEXT.finditer(text):
        cs = match.start()
        if not view.is_start(cs):
            continue
        announcing = match.group() in _ANNOUNCING
        # 星河矿业19日晚间又发|公告: when and how it announced stand between; 景林资产|董事总经理: 董事 opens the role
        cs = _before_the_time(view, cs) if announcing else _before_the_role(view, cs, match.group())
        start = left_boundary(view, cs)
        if start is not None:
            start = without_descriptors(view, start, cs)  # 投资机构|SlateStone首席投资策略师
        if start is not None and start < cs:
            cs = _before_the_department(view.text, start, cs)  # 星河基金|指数投资部负责人: the firm, not its unit
            start = known_name_inside(view, out, start, cs)  # 曾在|百度|高级技术总监: common words open no name
        if start is None or start >= cs or cs - start < 2:
            continue
        if view.text.endswith(cues.DOCUMENT_NOUNS, start, cs) and not _publisher(view.text, start, cs):
            continue  # 中报数据显示, 年报显示: a document says it, no organization
        name = view.text[start:cs]
        if name.isascii() and name[:1].islower():
            continue  # …institution foundations发布的报告: a lower-case word is no name's start
        if any(name.startswith(known) and name[len(known) :].isascii() for known in _known_prefixes(name)):
            continue  # 东方财富|Choice数据显示, 欧洲央行|PSPP数据: a known organization and its product or programme
        if view.text.endswith(("兼", *cues.ORG_CONTEXT_AFTER), start, cs) or view.text.startswith(
            cues.ORG_CONTEXT_AFTER, start
        ):
            continue  # 总裁兼|首席经济学家, 星河资产董事长|合伙人: two roles of one person, no name before the second
        if name in cues.CLASS_NOUNS_BEFORE_NAMES:
            continue  # 央企负责人, 车企负责人: a class's people, no one organization
        if _person(view, start, cs, match.end()):
            continue  # 王广善|总经理|介绍, 崔新魁|CEO|称: a person and the role, no firm
        if view.text.endswith(cues.NON_INSTITUTION_ENDINGS, start, cs):
            continue  # 平安银行公募销售团队负责人: a team or a department of an organization, none of its own
        if _TIME_AT_END.search(name) or glued_verb_phrase(view, start, cs):
            continue  # 上周二|公布的数据显示, 股灾时|股价; 要发|公告, 提振|股价: when, or an act, not who
        if announcing and not _announcer(view, start, cs):
            continue
        if _data_of_a_known(view, out, start, cs):
            continue  # 国家税务总局|增值税发票|数据显示: the known body's data; the gazetteer names the body
        if _known_and_its_place(view, out, start, cs):
            continue  # 星河证券|上海|研究总监: the known firm's office in a place; the gazetteer names both
        if is_proper(view, start, cs, strict=not announcing, rare=announcing) and not common_word(view, start, cs):
            out.append(Candidate(start, cs, rule.label, rule.name, rule.score))
