"""Coordinated lists: members of a list closed by a class noun take its type (A、B、C等商业综合体), and members of a
、-list take the type of the members around them that share their head word (易方达基金、招商基金、大成基金)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import (
    DEMONSTRATIVES,
    QUANTITY,
    common_word,
    dictionary_tag,
    generic_institution,
    is_proper,
    left_boundary,
    right_boundary,
)
from kg.nlp.recognize.cues import SHARED_HEAD_WORDS
from kg.nlp.recognize.kinds import class_phrase, classifier_type, type_by_head
from kg.nlp.text import Candidate, TokenView, WordSet

# a run of at least two list items joined by 、 (items without punctuation); possessive, since an item can only end
# where a 、 or a character outside it follows, so giving back characters never finds another match
_COORDINATION = re.compile(r"[^、，,。；;：:！？!?\s“”\"（）()]{2,14}+(?:、[^、，,。；;：:！？!?\s“”\"（）()]{2,14}+)+")
# What closes a list: 等 (and so on), 在内的 (A、B在内的11款产品), or an exact count (A、B和C三项业务). Only the measure
# words that count organizations, products and kinds close a list, not those of pieces (张, 台, 套, 部, 座), people
# (位, 名), items and times (条, 件, 次) or the numbers 亿 and 万; an exact count after the last member takes fewer
# still. With every measure word, other lists would close (a change of behaviour, measured and not made).
_LIST_CLOSE = re.compile(
    r"(?:等|在内的?)\s*(?:[0-9０-９]+|[一二三四五六七八九十百千几多]+)?\s*"
    + words.measure_class(without="张台套部座位名条件次亿万")
    + r"?|(?<![0-9一二三四五六七八九十两])(?:[两三四五六七八九十]|[3-9])"
    + words.measure_class(without="所只批张台套部座位名条件次亿万")
)
_MAX_BARE_NAME = 8
_INDUSTRY_HEADS = frozenset(words.INDUSTRY_HEADS)
_COMMON_FREQ = 300  # a dictionary word more frequent than this is a common word (零售, 银行), not a bare name
_VERBAL = frozenset({"vn", "an", "l", "i"})  # a name of several words holds no verb (权益保护, 优化供给)
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两几多]大|^[0-9０-９]")  # 三大机构, 20家
_HEAD_OR_CLASS = WordSet(
    (*words.ORG_HEADS, *words.PRODUCT_HEADS, *words.INITIATIVE_HEADS, *cues.ORG_CLASSIFIERS, *cues.PRODUCT_CLASSIFIERS)
)
_COUNTS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def listed(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Members of a list closed by 等 and a classifier noun (A、B、C等商业综合体) take the classifier's type.

    The 、 between members is a hard boundary, so only the first member needs its left edge found."""
    text = view.text
    for match in _LIST_CLOSE.finditer(text):
        phrase = class_phrase(view, match.end())
        label = classifier_type(phrase)
        if label is None:
            continue
        # a broad class (金融服务, 相关应用) says little: its members must be names on their own, unless the
        # list counts them exactly (视频彩铃、通信助理和192邮箱三项增值业务)
        count = _COUNTS.get(match.group()[0]) or (int(match.group()[0]) if match.group()[0].isdigit() else None)
        if label != "ORG" and count is None and _verb_after(view, match.end()):
            continue  # 张明等出席活动, 华为、小米等推出新品: the noun is the verb's object, not the members' class
        weak_class = count is None and bool(re.match(r"[\u4e00-\u9fff]{0,6}?(?:服务|业务|应用|功能)", phrase))
        activities = count is None and bool(re.match(r"[\u4e00-\u9fff]{0,4}?活动", phrase))
        end = match.start()
        if end > 0 and text[end - 1] in DEMONSTRATIVES:
            end -= 1  # A、B和C这三家公司: the demonstrative refers back to the members, it ends none
        members: list[tuple[int, int]] = []
        while True:
            sep = max(text.rfind("、", max(0, end - 24), end), text.rfind("/", max(0, end - 24), end))
            if sep == -1 or re.search(r"[，。；：,;:\n]", text[sep:end]):
                start = left_boundary(view, end, allow_empty_head=True)
                if start is not None and start < end:
                    members.append((start, end))
                break
            members.append((sep + 1, end))
            end = sep
        members = [piece for m in members for piece in _split_conjunction(view, *m)]
        if len(members) < 2 or (count is not None and len(members) != count):
            continue
        if weak_class and _mostly_kinds(view, members):
            continue  # 经纪、投行、研究、资管等业务: lines of business, whatever the segmenter makes of one of them
        if label == "PRODUCT" and count is None and _mostly_kinds(view, members):
            # 新能源汽车、工业机器人、集成电路等产品: kinds of goods, and a dictionary's proper noun among them is one
            # more kind; a word no dictionary has (邮洽, 35会经营系统) may still name a product
            members = [m for m in members if _unknown_word(view, *m)]
        if _CATEGORY.match(phrase) and count is None:
            continue  # 英语、日语、阿拉伯语等语言类服务: X类 makes the class a category, and its members categories
        for start, end in members:
            end = _without_code(text, start, end)  # 宇通客车（600066）: the code is no part of the name
            quoted = (start, end) != _strip_quotes(text, start, end)
            start, end = _strip_quotes(text, start, end)
            if not 2 <= end - start <= 16:
                continue
            name = text[start:end]
            headed = type_by_head(name) == label or (label == "ORG" and name.endswith(words.ORG_HEADS))
            # 洗碗机、坐便器等产品: kinds of goods; a product list names brands or models unless counted exactly
            strict = weak_class or (label == "PRODUCT" and count is None)
            # an exact count is evidence: a rare word is a name there (see is_proper)
            # a head makes a name of a member, unless a descriptor before it makes a kind (公募基金、私募基金等机构)
            named = is_proper(view, start, end, strict=strict, rare=count is not None) or (
                headed and not weak_class and not (label == "ORG" and generic_institution(name))
            )
            if label != "ORG" and count is None and not quoted and not headed and _ends_in_verb(view, end):
                continue  # 赶海、骑行等活动, 法律咨询等服务: an activity, not a programme's or a product's name
            if activities and not (quoted or headed):
                continue  # 冬令营、露营等特色活动: kinds of activity; a named one is quoted or has a head (春风行动)
            if named and not common_word(view, start, end):
                kind = classifier_type(phrase, quoted=True) if quoted else label  # “A”、“B”等品牌: a firm's brands
                out.append(Candidate(start, end, kind, rule.name, rule.score))


def _without_code(text: str, start: int, end: int) -> int:
    """Where a list member ends without the stock code in brackets after it (长安汽车（ 000625 ）)."""
    match = cues.STOCK_CODE.search(text, start, end)
    if match is None or match.end() != end:
        return end
    return len(text[start : match.start()].rstrip()) + start


# X类 right after 等 (语言类服务, 电子类产品), not a count or a demonstrative before 类 (各类涉农机构, 多类产品)
_CATEGORY = re.compile(r"(?![各几多两这此该一某诸同另每])[\u4e00-\u9fff]{1,4}类")


def _unknown_word(view: TokenView, start: int, end: int) -> bool:
    """Whether a member holds a word outside the dictionary, Latin letters or digits: what a product's name has and a
    kind of goods does not."""
    start, end = _strip_quotes(view.text, start, end)
    i, j = view.index_at(start), view.index_at(end - 1)
    return any(view.tags[k] in {"x", "eng"} for k in range(i, j + 1)) or any(
        ch.isdigit() for ch in view.text[start:end]
    )


def _mostly_kinds(view: TokenView, members: list[tuple[int, int]]) -> bool:
    """Whether most members of a list are common words: then the list names kinds, and so does each member."""
    proper = sum(is_proper(view, *_strip_quotes(view.text, s, e), strict=True) for s, e in members)
    return proper * 2 < len(members)


def coordinated(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Members of a 、-list take the type of the members around them that share their head word
    (易方达基金、招商基金、大成基金): coordination joins like with like."""
    text = view.text
    if "、" not in text:
        return  # no list to scan for
    by_end = {}
    for c in out:
        if c.label in {"ORG", "PRODUCT", "INITIATIVE"}:
            by_end.setdefault(c.end, c)
    ends = sorted(by_end)
    for run in _COORDINATION.finditer(text):
        k = bisect_left(ends, run.start())
        if k == len(ends) or ends[k] > run.end():
            continue  # no typed candidate ends inside the list, so no member has a type to give
        members = _members(view, run.start(), run.end())
        known = [(s, e, by_end.get(e)) for s, e in members]
        typed = [(s, e, c) for s, e, c in known if c is not None and c.start >= s]
        if not typed:
            continue
        for s, e, c in known:
            if c is not None and c.start >= s:
                continue
            for _, _, ref in typed:
                head = _shared_head(text[ref.start : ref.end], text[s:e])
                sharing = sum(1 for _, _, c in typed if text[c.start : c.end].endswith(head or "\0"))
                named = sharing >= 2 or is_proper(view, s, e - len(head or ""))  # 招商基金 among 易方达基金…
                if head and named and not common_word(view, s, e):
                    out.append(Candidate(s, e, ref.label, rule.name, rule.score))
                    break


def siblings(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A bare name in a 、-list of organizations is an organization (腾讯投资、星河资本、IDG、顺捷等): when two members
    or more are organizations by evidence of their own (a known name, a head word) and they outnumber the members of
    other types, a member that is a name and nothing else joins them. Coordination joins like with like."""
    text = view.text
    if "、" not in text:
        return
    by_end: dict[int, list[Candidate]] = {}
    covered: set[int] = set()
    for c in out:
        by_end.setdefault(c.end, []).append(c)
        covered.update(range(c.start, c.end))
    for run in _COORDINATION.finditer(text):
        members = _members(view, run.start(), run.end())
        types = [_member_type(by_end.get(e, ()), s) for s, e in members]
        orgs = types.count("ORG")
        if orgs < 2 or orgs <= len(types) - types.count(None) - orgs:
            continue
        for (s, e), label in zip(members, types):
            if label is None and covered.isdisjoint(range(s, e)) and _opens_a_name(view, s) and bare_name(view, s, e):
                out.append(Candidate(s, e, "ORG", rule.name, rule.score))


def _opens_a_name(view: TokenView, start: int) -> bool:
    """Whether a name can start at start: not after a one-character locative (涌现出了中|邮科技: 中 opens the name, it
    is no 'in') nor inside a transcribed name (洛克希德·马丁)."""
    i = view.index_at(start - 1)
    if i < 0:
        return True
    word = view.words[i]
    return word != "·" and not (len(word) == 1 and view.tags[i] == "f")


def _member_type(candidates: Iterable[Candidate], start: int) -> str | None:
    """The type of a list member that a candidate ending with it gives (a known name, a head word, a place)."""
    return next((c.label for c in candidates if c.start >= start), None)


def bare_name(view: TokenView, start: int, end: int) -> bool:
    """Whether text[start:end] can be a name on its own, with no head word: a short run of name-like tokens that is
    no common word, no phrase with a verb, no place, no count, no descriptor and no kind of thing (险峰, 星河, IDG; not
    银行, 零售, 降低成本, 三大机构)."""
    if not 2 <= end - start <= _MAX_BARE_NAME or not (view.is_start(start) and view.is_end(end)):
        return False
    name = view.text[start:end]
    if QUANTITY.match(name) or name in words.GENERIC_MODIFIERS or dictionary_tag(name) == "ns":
        return False
    if _HEAD_OR_CLASS.longest_suffix(name) is not None:
        return False  # 民营银行, 投资机构: a head word the head rules did not take names a kind
    tokens = range(view.index_at(start), view.index_at(end - 1) + 1)
    if any(view.words[k] in cues.STOP_WORDS and not (k == tokens[0] and view.words[k] == "中") for k in tokens):
        return False  # (中邮科技, 中储粮: a first 中 stands for China, see left_boundary)
    # one word may be a verb (必胜); a locative of two characters opens names too (前海|开源)
    allowed = (cues.NAME_TAGS - _VERBAL) | {"f"} if len(tokens) > 1 else cues.NAME_TAGS | {"v"}
    industry = view.words[tokens[-1]] in _INDUSTRY_HEADS and len(tokens) > 1  # 星河|快递: jieba's verb is a noun
    if any(
        (view.tags[k] not in allowed and not (industry and k == tokens[-1])) or _NUMERAL.search(view.words[k])
        for k in tokens
    ):
        return False
    return view.freqs.get(name, 0) < _COMMON_FREQ or dictionary_tag(name) in cues.PROPER_TAGS


def _members(view: TokenView, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a 、-list: the first one from its left boundary, the last one up to 等/和/及/与."""
    parts = []
    pos = start
    for piece in view.text[start:end].split("、"):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    first_s, first_e = parts[0]
    left = left_boundary(view, first_e, allow_empty_head=True) if view.is_start(first_e) else None
    parts[0] = (max(first_s, left) if left is not None else first_e, first_e)
    last_s, last_e = parts[-1]
    closed = view.text.find("等", last_s, last_e)
    if closed - last_s >= 2 and view.is_start(closed):
        parts[-1] = (last_s, closed)  # 鹏扬速递等: the list closes at 等, whatever the tags before it
    else:
        right = right_boundary(view, view.index_at(last_s)) if view.is_start(last_s) else None
        parts[-1] = (last_s, min(last_e, right) if right is not None else last_s)
    return [(s, e) for s, e in parts if e - s >= 2]


def _shared_head(reference: str, name: str) -> str | None:
    """The organization or product head word two names end with, if any (基金 in 易方达基金 and 招商基金)."""
    for head in SHARED_HEAD_WORDS.suffixes(reference):
        if name.endswith(head) and len(name) > len(head):
            return head
    return None


def _split_conjunction(view: TokenView, start: int, end: int) -> list[tuple[int, int]]:
    """支付机构及供销总社 → two members, when 及/和/与 is a word of its own."""
    pieces = []
    for k in range(view.index_at(start), view.index_at(max(start, end - 1)) + 1):
        if view.words[k] in {"及", "和", "与", "以及"} and view.starts[k] > start:
            pieces.append((start, view.starts[k]))
            start = view.ends[k]
    pieces.append((start, end))
    return [(s, e) for s, e in pieces if e > s]


def _verb_after(view: TokenView, pos: int) -> bool:
    """Whether the word at pos is a plain verb (not a verbal noun such as 合作 in 合作项目)."""
    i = view.index_at(pos)
    return 0 <= i < len(view.words) and view.starts[i] == pos and view.tags[i] == "v"


def _ends_in_verb(view: TokenView, end: int) -> bool:
    """Whether the token that ends at end is a verb: names end in nouns, activities (书店调研, 骑行) in verbs."""
    k = view.index_at(end - 1)
    return view.ends[k] == end and view.tags[k] in {"v", "vn", "vd", "vi"}


def _strip_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in "“”\"'‘’「」『』《》 ":
        start += 1
    while end > start and text[end - 1] in "“”\"'‘’「」『』《》 ":
        end -= 1
    return start, end
