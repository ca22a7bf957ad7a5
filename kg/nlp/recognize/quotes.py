"""Quoted names (“福农通”, 《X》, 【X】), typed by their own head word, the noun after the quote, the verb before it, or
the class that closes a row of quotes."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import QUANTITY, continues_noun
from kg.nlp.recognize.cues import INITIATIVE_HEAD_WORDS
from kg.nlp.recognize.kinds import (
    OUTSIDE_A_CLASS,
    class_phrase,
    classifier_type,
    event_by_head,
    head_in_common_word,
    quote_ends_phrase,
    type_by_follower,
    type_by_head,
    type_by_preceder,
)
from kg.nlp.text import Candidate, TokenView
from kg.nlp.tokenizer import dictionary_tags

_QUOTED = re.compile(
    r"[“「『\"]([^“”「」『』\"\n，。；！？、]{2,24})[”」』\"]|《([^《》\n]{2,40})》|【([^【】\n]{2,24})】"
)
_DRAFT_MARK = re.compile(r"[（(](?:征求意见稿|试行|草案|修订|修订稿|送审稿)[）)]$")  # after a title's head
_MAX_PERIODICAL = 12  # characters of a periodical's title (《二十一世纪经济报道》 is not one of these endings)
_COMMON_QUOTED = 20  # a dictionary word this frequent is a common word, not a name that happens to be one
_QUOTE_CHAIN = re.compile(r"""(?:\s*[、，,和及与]?\s*["“「『【][^"“”「」『』【】\n，。]{1,24}["”」』】])*\s*等""")


def quoted(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A quoted name is typed by its own head word or by the noun that follows the quote."""
    text = view.text
    for match in _QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        inner_start, inner_end = match.span(group)
        inner = match.group(group).strip()
        if len(inner) < 2 or QUANTITY.match(inner) or inner.endswith("的"):
            continue  # “有针对性的”行动: a quoted modifier describes the noun after it, it names nothing
        if inner.endswith(words.LEGAL_SUFFIXES):
            continue  # 设立“北京星河科技有限公司”: a registered company, which the legal-form rules name
        after = text[match.end() : match.end() + 8]
        head_type = None if head_in_common_word(inner, view.freqs) else type_by_head(inner)
        apposition = group == 1 and quote_ends_phrase(view, *match.span())  # 服务平台“惠农通”
        scare = group == 1 and after.startswith(cues.DESCRIPTOR_CLASSES) and _common(inner, view.freqs)
        label = (
            head_type
            or (None if scare else type_by_follower(after))  # “网红”产品: a descriptor in scare quotes
            or (type_by_preceder(view, match.start()) if apposition else None)
            or event_by_head(inner, view.freqs)
        )
        verb = words.LAUNCH.search(text, max(0, match.start() - 4), match.start())
        # 推出“福农通”, 开发的“福农通”: the quote is the object itself, not 推出一批“绿灯”投资案例
        launched = (
            verb is not None
            and text[verb.end() : match.start()].strip() in {"", "了", "的"}
            and not continues_noun(view, match.end())
        )
        if group == 2 and _back_reference(inner):
            continue  # 《工作方案》, 《实施细则》: the kind alone refers back to a document named before
        if group == 2 and _policy_title(inner):
            # 《…管理暂行规定（征求意见稿）》: a regulator's named rules, a programme of the corpus's kind
            out.append(Candidate(inner_start, inner_end, "INITIATIVE", rule.name, rule.score))
            continue
        if group == 2 and inner.endswith(cues.PERIODICAL_ENDINGS) and len(inner) <= _MAX_PERIODICAL:
            out.append(Candidate(inner_start, inner_end, "ORG", rule.name, rule.score))
            continue  # 《投资时报》, 《星河日报》: a periodical, media, which publishes and ranks
        if group == 2 and inner.endswith(cues.DOCUMENT_NOUNS):
            continue  # 《关于…的公告》, 《战略合作协议》: a document, not a product
        if label is None and launched and group != 2 and not after.startswith("的"):
            # 推出“福农通”: what is launched is a product; what is held (举办“X”) is an event or a campaign
            label = type_by_head(inner, weak=True) or (
                "INITIATIVE" if verb.group() in cues.ORGANIZE_VERBS else "PRODUCT"
            )
        own_head = INITIATIVE_HEAD_WORDS.longest_suffix(inner) is not None  # “倍增计划”试点: the quote is the name
        phrase_end = _initiative_phrase_end(view, match.end()) if group == 1 and not own_head else None
        if phrase_end is not None:
            # “无废城市”建设试点: the programme is the whole phrase, the quote is only its theme
            out.append(Candidate(match.start(), phrase_end, "INITIATIVE", rule.name, rule.score))
            continue
        if label is None:
            label = _chain_type(view, match.end())
        if label is None or (label == "PRODUCT" and _slogan(view, inner_start, inner_end)):
            continue  # “走出去”综合服务, “一老一小”服务, “互联网+”: a slogan or a concept, no product
        out.append(Candidate(inner_start, inner_end, label, rule.name, rule.score))


def _policy_title(title: str) -> bool:
    """Whether a 《title》 names a policy document: it ends in a head of `POLICY_DOCUMENT_HEADS`."""
    return _DRAFT_MARK.sub("", title).endswith(cues.POLICY_DOCUMENT_HEADS)


def _back_reference(title: str) -> bool:
    """《条例》, 《实施办法》, 《工作方案》, 《三年行动计划》: a policy or programme head with only words of its kind
    before it refers back to a document named before, and names none itself."""
    title = _DRAFT_MARK.sub("", title)
    head = next((h for h in cues.POLICY_DOCUMENT_HEADS if title.endswith(h)), None)
    head = head or INITIATIVE_HEAD_WORDS.longest_suffix(title)
    return head is not None and len(_KIND_OF_RULES.sub("", title[: -len(head)])) < 2


# 实施|办法, 暂行管理|办法, 工作|方案, 三年行动|计划: the kind of the rules or the plan
_KIND_OF_RULES = re.compile(r"(?:实施|暂行|管理|工作|若干|指导|总体|行动|专项|三年|五年|中长期)+$")


# numbers and set phrases: no noun, no name (a verb may name an app or a satellite: 好好租, 微笑)
_SLOGAN_TAGS = frozenset({"m", "l", "i"})
_PAIRED = re.compile(r"一.{1,2}一.{1,2}")  # 一老一小, 一对一, 一县一品


def _slogan(view: TokenView, start: int, end: int) -> bool:
    """Whether a quote is a slogan or a concept rather than a product's name: a set phrase or a count (新三样,
    一对一), a paired count (一老一小), or words joined by + (互联网+, 绿电+智算)."""
    inner = view.text[start:end]
    if ("+" in inner and not inner.isascii()) or _PAIRED.fullmatch(inner):
        return True
    tokens = range(view.index_at(start), view.index_at(end - 1) + 1)
    return view.starts[tokens[0]] == start and all(view.tags[k] in _SLOGAN_TAGS for k in tokens)


def _common(word: str, freqs: dict[str, int]) -> bool:
    """Whether a quoted word is a common word (神器, 网红, 明星): in the dictionary with a common tag, a modern common
    word, or a descriptor."""
    if word in words.MODERN_WORDS or word in words.GENERIC_MODIFIERS:
        return True
    tag = dictionary_tags().get(word)
    return tag is not None and tag not in cues.PROPER_TAGS and freqs.get(word, 0) >= _COMMON_QUOTED


def _initiative_phrase_end(view: TokenView, pos: int, limit: int = 8) -> int | None:
    """Where the noun phrase right after a quote ends when it ends in an initiative head (“数字乡村”示范工程,
    “双碳”行动计划): its longest stretch of content words up to such a head, None when no head closes it or a word
    makes it a class of projects. A work noun glued to the head (试点工作) ends the phrase at the head."""
    i = view.index_at(pos)
    if not 0 <= i < len(view.words) or view.starts[i] != pos:
        return None
    end = None
    while i < len(view.words) and view.ends[i] <= pos + limit and view.tags[i] not in OUTSIDE_A_CLASS:
        if any(word in view.words[i] for word in cues.PROJECT_CLASS_WORDS):
            return None  # “十四五”重大工程: a class of projects, of which the quote names the plan
        word_end = view.ends[i]
        if INITIATIVE_HEAD_WORDS.longest_suffix(view.text[pos:word_end]) is not None:
            end = word_end
        elif view.words[i].endswith(cues.WORK_NOUNS):
            # 建设|试点工作: the segmenter glued a work noun to the head, and the name ends at the head
            head_end = word_end - len(next(w for w in cues.WORK_NOUNS if view.words[i].endswith(w)))
            if head_end > view.starts[i] and INITIATIVE_HEAD_WORDS.longest_suffix(view.text[pos:head_end]):
                return head_end
        i += 1
    return end


def _chain_type(view: TokenView, pos: int) -> str | None:
    """“手机零元购”“买移动送收视”等优惠活动: quoted names in a row take the class that closes them."""
    chain = _QUOTE_CHAIN.match(view.text, pos)
    if chain is None:
        return None
    return classifier_type(class_phrase(view, chain.end()), quoted=True)
