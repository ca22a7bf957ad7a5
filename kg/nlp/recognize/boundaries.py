"""Where a name starts and ends, and whether its words make it a proper name.

A name extends left over noun-like tokens and stops at verbs, function words, numbers and punctuation; a modifier made
only of common words (商业银行, 数字化转型) is not a name. Every rule of the recognizer finds one boundary from its cue
and the other from here.
"""

from __future__ import annotations

import re
from functools import cache

from kg.nlp import words
from kg.nlp.known import known_org_names
from kg.nlp.recognize import cues
from kg.nlp.recognize.public_bodies import field_verb
from kg.nlp.text import TokenView, WordSet
from kg.nlp.tokenizer import dictionary_tags

_MAX_NAME_CHARS = 20
_ALNUM_EDGE = re.compile(r"[A-Za-z0-9]$|^[A-Za-z0-9]")
_COMMON_VERB_FREQ = 5000
# tags of words that open a name of their own: Latin letters, proper nouns, places, institutions, abbreviations
_OPENS_A_NAME = frozenset({"eng", "nz", "nr", "nrt", "nrfg", "ns", "nt", "j"})
# an item number (①, ⑩, ⒈) or a count of great ones (四大, 十大): the segmenter calls these unknown words or
# abbreviations, so they would pass for name material
_ENUMERATOR = re.compile(r"[\u2460-\u24ff\u2776-\u2793]|[一二两三四五六七八九十几数]+大$")
# what an unknown token that swallowed a preposition opens with (据财|联社): the tokenizer's function characters, and
# 与 and 和, which the tokenizer leaves inside the unknown words it finds (碳中和) but which never open a name
LEADING_FUNCTION_CHARS = words.LEADING_FUNCTION_CHARS | {"与", "和"}
_MAX_NAME_TOKENS = 7
DEMONSTRATIVES = frozenset("这那该此")  # what refers back to names and opens none
_NAMED = frozenset({"nr", "nrt", "nrfg", "nr1", "nr2", "ns", "nt"})  # a person, a place, an institution
_GENERIC_OPENINGS = tuple(m for m in words.GENERIC_MODIFIERS if len(m) >= 2)
_ORG_HEADS_LONGEST_FIRST = tuple(sorted(words.ORG_HEADS, key=len, reverse=True))
_COMMON_FREQ = 300  # a dictionary word more frequent than this is a common word (where rarity counts at all)
# a count and a measure word: what opens a quantity, never a name (首张, 4700万张); the measure words of people (位,
# 名), of items and times (条, 件, 次) and the numbers 亿 and 万 are left out: with them, other quotes and launch
# objects would be read as quantities (a change of behaviour, measured and not made)
QUANTITY = re.compile(
    r"^(?:[逾近超约共]?[0-9０-９.,]+[万亿千百]*|[一二两三四五六七八九十百千万]+|首|每|多)"
    + words.measure_class(without="位名条件次亿万")
)


def left_boundary(
    view: TokenView,
    head_start: int,
    *,
    allow_empty_head: bool = False,
    verbs_inside: bool = False,
    government: bool = False,
    through_institutions: bool = False,
    idioms_inside: bool = True,
    fields_inside: bool = False,
) -> int | None:
    """Leftmost start of a name ending at head_start: extend over name-like tokens, stop at anything else.

    `fields_inside` (a public body's head): a common compound ending in the head (行业|协会, 规划|局) and the field
    verbs of `public_bodies.field_verb` (住房|保障|管理中心) may sit inside the name."""
    i = view.index_at(head_start)
    if allow_empty_head and (i < 0 or view.starts[i] != head_start):
        return None
    if i < 0:
        return None
    start = head_start
    if not allow_empty_head and view.starts[i] < head_start:
        # the head sits inside a token: a name (中国农业银行) or an unknown word keeps it; a common word keeps a
        # product head (主题卡) but not a one-character institution head (格局 is no bureau)
        single = head_start + 1 == view.ends[i] or not verbs_inside
        compound = len(view.words[i]) - (view.ends[i] - head_start) >= 2 and view.tags[i] in {"n", "nz", "vn"}
        # 睿熙|保险公司: a common compound ending in the head word (保险公司) names its kind after a proper name
        named_kind = compound and i > 0 and view.tags[i - 1] in cues.PROPER_TAGS
        # 深圳钟表|行业协会, 城市|规划局: a public body's field word and head in one token, after a field word (the
        # caller checks the scope); the field must be a word of its own (布局 and 变局 hold no bureau)
        field = view.words[i][: head_start - view.starts[i]]
        named_kind = named_kind or (
            fields_inside
            and compound
            and view.freqs.get(field, 0) > 0
            and view.tags[i - 1] in cues.NAME_TAGS
            and view.words[i - 1] not in cues.STOP_WORDS
        )
        if (
            (view.tags[i] not in cues.PROPER_TAGS or view.tags[i] == "ns")
            and (single or view.tags[i] not in cues.NAME_TAGS)
            and not named_kind
        ):
            return None
        start = view.starts[i]
        if view.tags[i] == "x" and view.words[i][0] in LEADING_FUNCTION_CHARS:
            start += 1  # 据财|联社: an unknown token that swallowed a preposition
    j = i - 1
    tokens = 0
    while j >= 0 and tokens < _MAX_NAME_TOKENS:
        word, tag = view.words[j], view.tags[j]
        conjoined = word in {"和", "与"} and government and _joins_fields(view, j)
        # 中 closes the noun phrase before it (在市场中); with none before, it opens a name (涌现出了中邮科技, 中储粮)
        if word == "中" and (j == 0 or view.tags[j - 1] not in cues.NAME_TAGS) and j + 1 < i:
            start = view.starts[j]
            break
        field = fields_inside and field_verb(view, j, head_start)  # 金融街资本|运营|中心: a listed verb names the field
        if (word in cues.STOP_WORDS and not conjoined and not field) or head_start - view.starts[j] > _MAX_NAME_CHARS:
            break
        if word in words.MEASURE_WORDS and j > 0 and view.tags[j - 1] == "m":
            break
        if _ENUMERATOR.match(word):
            break  # ③星河银行, 四大资产管理公司: an item number or a count opens no name
        if word[0] in DEMONSTRATIVES and tag not in cues.PROPER_TAGS:
            break  # 大连电瓷|这三家|公司: a demonstrative refers back to names, it is in none
        if tag == "x" and (word[-1] in cues.TRAILING_CLITICS or (len(word) == 2 and word[0] in cues.LEADING_CLITICS)):
            break  # 已到|宣武法院, 告上|法院: an unknown word the segmenter glued from a verb and a function word
        if word in cues.CITY_SHORT_FORMS and j > 0 and view.words[j - 1] in cues.TO_A_PLACE:
            break  # 在京|中共中央政治局, 赴沪|星河银行: a city's one-character form after 在 or 赴 is where it is
        if tag == "i" and not idioms_inside:
            break  # 始终保持|人民军队: an idiom is a clause's verb phrase, never part of an organization's name
        if word == " " and j > 0 and (_ALNUM_EDGE.search(view.words[j - 1]) or _ALNUM_EDGE.match(view.words[j + 1])):
            start = view.starts[j]  # 华为 P30 系列: one space beside a model number is part of the name
            j -= 1
            continue
        if region_word(word, tag):
            if view.words[j + 1] not in cues.REGION_AREAS:
                start = view.starts[j]
            break  # 东方|港湾, 前海|人寿: a word of region opens a name as a place does (not 西部|地区|银行)
        # a less common verb may sit inside a product's or program's name between nouns (乡村振兴主题卡)
        if (
            tag not in cues.NAME_TAGS
            and not conjoined
            and word not in cues.NAME_TIME_WORDS  # 方正|中期|研究院, 天天|基金
            and not (
                verbs_inside
                and tag in {"v", "vn"}
                and view.freqs.get(word, 0) < _COMMON_VERB_FREQ
                and j > 0
                and view.tags[j - 1] in cues.NAME_TAGS
                and view.words[j - 1] not in cues.STOP_WORDS
                and view.tags[j + 1] not in _OPENS_A_NAME  # 纳入|MSCI指数: a verb before a proper name is its verb
            )
            and not field
        ):
            break
        if government and len(word) >= 3 and word in known_org_names():
            start = view.starts[j]
            break  # 报告节选自|兴业证券|经济与金融研究院: a known organization opens its unit (not 网联 in 智能网联)
        if tag in cues.NAME_TAGS and word in cues.STRONG_ORG_HEADS and not through_institutions:
            break  # 五道口金融学院|中国保险: a weak head word (保险) does not reach past an institution
        start = view.starts[j]
        tokens += 1
        j -= 1
        before = view.words[j] if j >= 0 else ""
        institution = through_institutions and before.endswith(tuple(cues.STRONG_ORG_HEADS))
        if tag == "ns" and (j < 0 or (view.tags[j] not in {"ns", "nz", "nt", "x", "eng", "j"} and not institution)):
            # a place opens a name (运营商|宁夏宝丰能源), unless a proper name (中证上海…) or, for a sub-unit, its
            # parent institution (河北广电网络集团邯郸有限公司) stands before it
            break
    start = _numeral_opening(view, start, head_start)
    # a name never starts with a verb or an adjective
    k = view.index_at(start)
    while k < i and view.tags[k] in {"v", "a", "d", "_SP"}:
        k += 1
        start = view.starts[k] if k <= i else head_start
    k = view.index_at(start)
    word = view.words[k] if 0 <= k < len(view.words) else ""
    if view.starts[k] == start and view.tags[k] == "x" and len(word) > 1 and word[0] in LEADING_FUNCTION_CHARS:
        start += 1  # 据财|联社: an unknown token that swallowed a preposition
    return start


_REGION_TAGS = frozenset({"s", "f"})


def region_word(word: str, tag: str) -> bool:
    """Whether a word the segmenter tags as a place word or a locality is a region that opens names as a place does
    (东方|港湾, 西部|证券, 前海|人寿)."""
    return tag in _REGION_TAGS and word in cues.REGION_OPENINGS


_NUMERAL_WORD = re.compile(r"[一二三四五六七八九十零〇]{2}")


def _numeral_opening(view: TokenView, start: int, head_start: int) -> int:
    """三七|互娱: two numerals that the segmenter tagged as a number open the unknown word after them, which no count
    comes before (三家|公司 has a measure word, 两国|企业 a common noun)."""
    k = view.index_at(start)
    if start >= head_start or k < 1 or view.starts[k] != start or view.tags[k] != "x":
        return start
    numeral = k - 1
    if view.tags[numeral] != "m" or not _NUMERAL_WORD.fullmatch(view.words[numeral]):
        return start
    if numeral > 0 and view.tags[numeral - 1] in cues.NAME_TAGS:
        return start
    return view.starts[numeral]


def _joins_fields(view: TokenView, j: int) -> bool:
    """Whether the 和 or 与 at token j joins two fields inside one name (工业和信息化局, 宪法和法律委员会), not two
    names (应急管理部和中国地震局, 联合国和红十字国际委员会, 米歇尔和欧盟委员会)."""
    if j == 0 or j + 1 >= len(view.words):
        return False
    before, after = view.words[j - 1], view.words[j + 1]
    names = known_org_names()
    return (
        view.tags[j - 1] in cues.NAME_TAGS
        and view.tags[j - 1] not in _NAMED
        # (宪法和|法律委员会: a committee the dictionary knows is the head itself)
        and (view.tags[j + 1] not in _NAMED or (view.tags[j + 1] == "nt" and after.endswith(cues.INSTITUTION_ENDINGS)))
        and not before.endswith((*cues.INSTITUTION_ENDINGS, *words.INDUSTRY_HEADS))
        and before not in names
        and after not in names
        and after not in cues.NATIONAL_SCOPES
    )


def right_boundary(view: TokenView, i: int) -> int | None:
    """End of a noun phrase starting at token i: up to the first function word, verb or punctuation."""
    end = None
    j = i
    while j < len(view.words) and j - i < _MAX_NAME_TOKENS:
        word, tag = view.words[j], view.tags[j]
        if word in cues.STOP_WORDS or (tag not in cues.NAME_TAGS and not (tag in {"v", "a"} and j > i)):
            break
        j += 1
        if tag not in {"v", "a"}:
            end = view.ends[j - 1]  # a name may hold a verb (乡村振兴主题卡) but never ends in one (…汽车|下线)
    return end


def name_tokens(view: TokenView, start: int, end: int) -> bool:
    """Whether text[start:end] is made only of tokens that may sit inside a name (no verb, time or function word)."""
    return all(
        view.tags[k] in cues.NAME_TAGS and view.words[k] not in cues.STOP_WORDS
        for k in range(view.index_at(start), view.index_at(end - 1) + 1)
    )


def is_proper(
    view: TokenView, start: int, end: int, *, strict: bool = False, places: bool = True, rare: bool = False
) -> bool:
    """Whether the modifier text[start:end] holds a proper-name token, not only common words: an unknown word, a
    name-tagged one, Latin letters.

    Rarity is no evidence of a name (jieba's frequencies of business jargon are low: 白酒, 市值, 数据中心), unless
    `rare` asks for it where the cue itself is strong (a village's 村). Strict: a place alone does not make 上海物流 a
    company either."""
    i, j = view.index_at(start), view.index_at(max(start, end - 1))
    if _fragmented_unknown(view, start, end):
        return True
    for k in range(i, j + 1):
        word, tag = view.words[k], view.tags[k]
        if view.starts[k] < start or view.ends[k] > end:
            word = view.text[max(start, view.starts[k]) : min(end, view.ends[k])]
            tag = "x" if word not in view.freqs else dictionary_tag(word)
        if tag in {"m", "w", "_SP"} or word in words.GENERIC_MODIFIERS:
            continue
        if region_word(word, tag):
            tag = "ns"  # 前海|人寿: a word of region counts as a place
        if tag == "ns" and (strict or not places):
            continue
        if tag in cues.PROPER_TAGS and not (tag == "nt" and _kind_of_institution(word)):
            return True
        if rare and not strict and view.freqs.get(word, 0) < _COMMON_FREQ and len(word) > 1:
            return True
    return False


def _kind_of_institution(word: str) -> bool:
    """上市公司, 商业银行: a word the dictionary tags as an institution that is a descriptor and a head, a kind."""
    head = next((h for h in _ORG_HEADS_LONGEST_FIRST if word.endswith(h) and len(word) > len(h)), None)
    return head is not None and word[: -len(head)] in words.GENERIC_MODIFIERS


def compound_modifier(view: TokenView, start: int, end: int) -> bool:
    """Whether text[start:end] is made of two content words or more (a verb among them), not one field word with
    descriptors: 移动支付便民(工程) and 乡村振兴主题(卡) specify one programme or product; 军事(行动) and 风电(项目)
    name a kind."""
    content = [
        k
        for k in range(view.index_at(start), view.index_at(end - 1) + 1)
        if (view.tags[k] in cues.NAME_TAGS or view.tags[k] == "v")
        and view.words[k] not in words.GENERIC_MODIFIERS
        and view.words[k] not in cues.STOP_WORDS
        and len(view.words[k]) > 1
    ]
    return len(content) >= 2


def _fragmented_unknown(view: TokenView, start: int, end: int) -> bool:
    """A short stretch that the segmenter cut into pieces and that is no word as a whole (财|联社, 淘|菜菜) is
    an unknown name: jieba splits names it does not know into single characters and short words."""
    if not 2 <= end - start <= 4:
        return False
    i, j = view.index_at(start), view.index_at(end - 1)
    if j == i or view.ends[j] != end:
        return False
    pieces = [view.text[max(start, view.starts[k]) : view.ends[k]] for k in range(i, j + 1)]
    text = view.text[start:end]
    return (
        text not in view.freqs
        and all(len(w) == 1 or view.freqs.get(w, 0) < 1000 for w in pieces)  # 氢|能源 is two words, not a name
        and any(len(w) == 1 for w in pieces)
        and all(view.tags[k] in cues.NAME_TAGS and view.words[k] not in cues.STOP_WORDS for k in range(i + 1, j + 1))
        and not any(w in words.GENERIC_MODIFIERS or w in cues.STOP_WORDS for w in pieces)
    )


@cache  # words tagged nt come from the dictionary only, so the cache is bounded
def generic_institution(word: str) -> bool:
    """交易所, 商业银行, 外资银行总行, 新政府, 四大行: a head alone, or a descriptor or a count before the head,
    names a kind of institution, not one body; so does a word that opens with a function character (对外部).
    Some words the dictionary tags as organizations name an event or a document (交易会, 联合公报)."""
    head = next((h for h in _ORG_HEADS_LONGEST_FIRST if word.endswith(h) and len(word) > len(h)), word[-1])
    return (
        word in words.ORG_HEADS
        or word in cues.GENERIC_INSTITUTIONS
        or word.endswith(cues.NON_INSTITUTION_ENDINGS)
        or word[: -len(head)] in words.GENERIC_MODIFIERS
        or word.startswith(_GENERIC_OPENINGS)
        or word[0] in cues.LEADING_CLITICS
        or word[0] in "一二两三四五六七八九十几数"
        or all(ch in "东西南北中内外" for ch in word[:-1])  # 中西部 is a region
        or (len(word) <= 4 and word.endswith(("组织", "军队", "部队")))  # 党组织, 人民军队: a collective
    )


def dictionary_tag(word: str) -> str:
    """The tag jieba's dictionary gives a word, x for a word it does not hold."""
    return dictionary_tags().get(word, "x")


def continues_noun(view: TokenView, pos: int) -> bool:
    """Whether a common noun goes on at pos (a role word after a name, 董事长, 分析师, does not)."""
    i = view.index_at(pos)
    word, tag = view.words[i], view.tags[i]
    return (
        tag in {"n", "vn", "ng"}
        and word not in cues.ORG_CONTEXT_AFTER
        and not any(word.startswith(w) for w in cues.ORG_CONTEXT_AFTER)
        and not word.startswith(cues.ROLE_NOUNS)
        and not _unit_then_role(view, i)
    )


_UNIT_TAGS = frozenset({"n", "vn", "nz", "ng", "nt", "x", "j", "eng"})
_UNIT_JOINERS = frozenset({"及", "和", "与", "、"})
_MAX_UNIT_WORDS = 6


def _unit_then_role(view: TokenView, i: int, *, department: bool = False) -> bool:
    """西北证券|宏观组组长, 星河基金|金融工程及指数投资部|总经理: nouns that end in a person's role inside a firm are
    the firm's unit and the person's role; they do not make the name before them part of a longer noun. With
    department, one of the nouns must end like a department (投资部, 宏观组)."""
    seen = not department
    for k in range(i, min(i + _MAX_UNIT_WORDS, len(view.words))):
        word = view.words[k]
        if word.endswith(cues.UNIT_ROLES):
            return seen or word[: -len(_role_of(word))].endswith(cues.DEPARTMENT_ENDINGS)
        if view.tags[k] not in _UNIT_TAGS and word not in _UNIT_JOINERS:
            return False
        seen = seen or word.endswith(cues.DEPARTMENT_ENDINGS)
    return False


def _role_of(word: str) -> str:
    return max((role for role in cues.UNIT_ROLES if word.endswith(role)), key=len)


def in_a_unit(view: TokenView, pos: int) -> bool:
    """Whether the words at pos go on into a firm's department and a role (星河基金金融工程|及指数投资部总经理): the
    words before pos are then the start of the department's name, no programme or product."""
    return pos < len(view.text) and view.is_start(pos) and _unit_then_role(view, view.index_at(pos), department=True)


def unit_and_role(view: TokenView, pos: int) -> bool:
    """Whether the words at pos are a firm's unit and a role (ETF投资总监, 宏观组组长)."""
    return pos < len(view.text) and view.is_start(pos) and _unit_then_role(view, view.index_at(pos))


def common_words_only(view: TokenView, start: int, end: int) -> bool:
    """Whether text[start:end] is whole words, none of them tagged as a name's (假钞, 增值税发票, 龙头股): what stands
    beside a known organization's name and adds nothing to it."""
    if not (view.is_start(start) and view.is_start(end)):
        return False
    return all(view.tags[k] not in cues.PROPER_TAGS for k in range(view.index_at(start), view.index_at(end - 1) + 1))


def common_word(view: TokenView, start: int, end: int) -> bool:
    """A whole candidate that is one ordinary dictionary word (银行卡, 条形码) is a common noun, not a name."""
    i = view.index_at(start)
    if view.starts[i] != start or view.ends[i] != end:
        return False
    word = view.words[i]
    if any(word[:n] in known_org_names() for n in range(2, len(word) - 0)):
        return False  # 银联卡: a known name with a product word is no common noun
    if view.tags[i] in {"nt", "nz"}:
        return False
    if view.tags[i] in {"i", "l"}:
        return True  # 付诸行动, 为民服务: an idiom or a set phrase
    return view.freqs.get(word, 0) >= 20 or _compositional(word, view.freqs)


def _compositional(word: str, freqs: dict[str, int]) -> bool:
    """公司股票 is 公司 + 股票: a word made of two common words means what they mean, it names nothing."""
    return any(freqs.get(word[:k], 0) >= 500 and freqs.get(word[k:], 0) >= 500 for k in range(2, len(word) - 1))


LINES = WordSet((*words.ORG_HEADS, *words.INDUSTRY_HEADS))  # heads and lines of business that end a firm's name
_STEM_TAGS = frozenset({"n", "nz", "ng", "x", "j", "eng"})  # nouns and unknown words: no verb, adjective or place
_NO_STEM = cues.STOP_WORDS | words.GENERIC_MODIFIERS


def line_with_a_stem(view: TokenView, start: int, end: int) -> bool:
    """石头科技, 海豚智能: common nouns before a line of business, the line a word of its own. Such a name names a
    kind as often as a company (科技公司 aside): only a frame that one company fills makes it a name (financing,
    parents)."""
    name = view.text[start:end]
    line = LINES.longest_suffix(name, shorter=True)
    if line is None or not view.is_start(end - len(line)):
        return False
    stem_end = end - len(line)
    stem = name[: -len(line)]
    if len(stem) < 2 or stem in words.GENERIC_MODIFIERS or LINES.longest_suffix(stem) is not None:
        return False
    tokens = range(view.index_at(start), view.index_at(stem_end - 1) + 1)
    return all(view.tags[k] in _STEM_TAGS and view.words[k] not in _NO_STEM for k in tokens)


_ACT_TAGS = frozenset({"v", "d", "p", "c", "f", "q", "r", "ug", "ul", "uz"})  # a glued verb phrase's characters
_CLOSING_TAGS = frozenset({"p", "ug", "ul", "uz"})  # what ends a glued phrase of three characters (远高|于, 做好|了)


def glued_verb_phrase(view: TokenView, start: int, end: int) -> bool:
    """A lone word the segmenter did not know (or took for a person's name), each of whose characters is a verb or a
    function word in its dictionary (要|发, 不|发, 提|振, 完|后, 有|过), or three ending in a preposition or an aspect
    particle (远|高|于): a verb phrase it glued, not a short name (海润, 步森, 慧球)."""
    word = view.text[start:end]
    i = view.index_at(start)
    if not (view.starts[i] == start and view.ends[i] == end and view.tags[i] in {"x", "nr"}):
        return False
    tags = dictionary_tags()
    if len(word) == 2:
        return view.tags[i] == "x" and all(tags.get(char) in _ACT_TAGS for char in word)
    return (
        len(word) == 3
        and tags.get(word[-1]) in _CLOSING_TAGS
        and all(tags.get(char) in _ACT_TAGS or tags.get(char) == "a" for char in word[:-1])
    )
