"""Head-word rules: a proper name before a word that ends the names of one kind of thing (银行, 物流, 卡, 计划), and
the words the segmenter's dictionary tags as institutions.

A head word alone does not make a name: the modifier must hold a proper name, and a kind (商业银行, 金融科技平台,
风电项目) is no name.
"""

from __future__ import annotations

import re
from functools import cache

from kg.nlp import words
from kg.nlp.known import known_places
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import (
    LEADING_FUNCTION_CHARS,
    LINES,
    common_word,
    continues_noun,
    in_a_unit,
    is_proper,
    left_boundary,
    region_word,
    unit_and_role,
)
from kg.nlp.recognize.company_kinds import (
    companies_of_a_place,
    counted,
    industry_alone,
    invests_in,
    kind_word,
    many_before,
)
from kg.nlp.recognize.descriptors import without_descriptors
from kg.nlp.recognize.dictionary_orgs import dictionary_name, generic_dictionary_org
from kg.nlp.recognize.kinds import indicator
from kg.nlp.recognize.openings import (
    given_name_before,
    global_scope,
    known_name_inside,
    parent_of_a_unit,
    place_led_institution,
    unnamed_parent,
)
from kg.nlp.recognize.products import after_its_owner
from kg.nlp.recognize.public_bodies import scope_after_a_person, scope_and_field
from kg.nlp.text import Candidate, TokenView

_KIN_NOUNS = tuple(cues.KIN_NOUNS)  # 控股股东, 母公司: a head word that opens one ends no name there
_COMMON_FREQ = 300  # a dictionary word more frequent than this is a common word
# tags of words that describe or count rather than name: adjectives, distinguishers, adverbs, pronouns, numbers, times
_NOT_A_NAME_PART = frozenset({"a", "ad", "an", "b", "d", "r", "m", "q", "f", "t"})


def headed(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A proper name before a head word (中国农业银行, 京东物流, 乡村振兴计划): the head word gives the type and the
    right edge, the segmentation the left edge. One rule row per kind of head word: `rule.cue` finds the heads,
    `rule.strict` asks that the modifier hold a proper name that is not a place (industry words)."""
    pattern, label, strict = rule.cue, rule.label, rule.strict
    text = view.text
    kinds: set[str] = set()  # descriptions counted once (某配资公司) are kinds wherever the text repeats them
    first = len(out)
    for match in pattern.finditer(text):
        hs, he = match.span()
        if not view.is_end(he):
            continue
        if not view.is_start(hs):
            # 科技股份|有限公司: the longest head starts inside a word, a shorter one may not
            hs = next((he - len(h) for h in _suffix_heads(match.group(), pattern) if view.is_start(he - len(h))), hs)
        if (
            label == "ORG"
            and cues.PRODUCT_HEAD.search(text, max(0, he - 6), he)
            and _ends_with_product_head(text, hs, he)
        ):
            continue  # 手机银行 is a product: the longest head word decides the type
        if label == "PRODUCT" and match.group() not in words.STRONG_PRODUCT_HEADS:
            continue
        if match.group() in cues.ACTIVITY_HEADS and view.is_end(he) and _word_after(view, he) in cues.ACTIVITY_ROLES:
            continue  # 星河基金|投资总监: the activity word is the role's, the firm's name ends before it
        if _opens_a_kin_noun(view, hs, he):
            continue  # 长江证券|控股股东: the head opens a kin noun, the name ends before it
        if match.group() == "战略" and text.startswith(cues.STRATEGIC_COMPOUNDS, he):
            continue  # 中欧战略合作: strategic, not a strategy
        if match.group() == "办" and _object_after(view, he):
            continue  # 上海政府办|实事: the verb 办 with its object, no office
        government = label == "ORG" and match.group() in cues.GOVERNMENT_HEADS
        public = match.group() in cues.PUBLIC_BODY_HEADS  # 城市规划局: field words (and verbs) name it
        weak = strict or (label == "ORG" and match.group() in cues.WEAK_ORG_HEADS)
        # a sub-unit is named with its parent: 清华大学五道口金融学院, 河北广电网络集团邯郸有限公司
        start = left_boundary(
            view,
            hs,
            verbs_inside=label != "ORG",
            government=government,
            through_institutions=not weak,
            idioms_inside=label != "ORG",  # jieba tags some place names as idioms (茫崖), never an org's words
            fields_inside=public,
        )
        if label == "ORG" and (match.group() in _LEGAL_SUFFIXES or match.group() == "公司"):
            # 星河投资管理|有限公司, 上海天衡拍卖|公司: the line's verbs stop the name (投资 ends names elsewhere),
            # except before a legal form or 公司
            line_start = _before_a_line(view, hs, government=government)
            if line_start is not None and (start is None or line_start < start):
                start = line_start
        if start is None or start >= hs:
            continue
        if strict and he < len(text) and (continues_noun(view, he) or _names_a_field(view, he)):
            continue  # 医保电子|凭证: an industry word inside a longer noun phrase
        # 积极响应|全球发展倡议: a global scope opens a programme's name; elsewhere descriptors open none (电商OZON公司
        # → OZON公司)
        scope = global_scope(view, start, hs) if match.group() in cues.GLOBAL_SCOPE_HEADS else None
        scoped = scope is not None
        start = scope if scoped else without_descriptors(view, start, hs)
        if label == "ORG":
            start = given_name_before(view, start)  # 约翰斯·|霍普金斯大学: a person's whole name opens the name
            start = known_name_inside(view, out, start, he)  # 假钞|南京银行: no common word opens a known name
            start = place_led_institution(view, start, he)  # 抗议|美国政府: a place-led institution is whole
            start = parent_of_a_unit(view, out, start, he)  # 建行|佛山分行: the parent opens its unit's name
            start = scope_after_a_person(view, start, hs) if public else start  # 王耀强|乌审旗建设局
        else:
            start = _after_the_actor(view, out, start, hs)  # 星河大学|引入|大数据平台: the party's act, then the name
            if label == "PRODUCT":  # 农行|福农卡: the issuer, then the product's own name (not 联合国维和行动)
                start = after_its_owner(view, out, start, he)
            if start >= hs or (match.group() == "指数" and view.tags[view.index_at(hs - 1)] == "v"):
                continue  # 板块轮动推升|指数, 双雄拉动|指数: what moved the market, not an index's name
        if text[start:hs] in cues.LATIN_TERMS:
            continue  # AI智能, IT科技, PPP项目, SaaS平台: a Latin term is jargon, and the phrase names a kind
        if label != "ORG" and in_a_unit(view, he):
            continue  # 星河基金金融工程|及指数投资部总经理: the start of a firm's department's name
        if label == "PRODUCT" and _line_of_business(view, out, start, hs, he):
            continue  # 星河基金ETF|投资总监, 星河银行信用卡|中心: a firm's unit or line of business, not a product
        if (
            label == "ORG"
            and match.group() in cues.PLACE_KIND_HEADS
            and (companies_of_a_place(view, start, hs) or kind_word(view, hs) or counted(view, start, hs))
        ):
            kinds.add(text[start:he])
            continue  # 香港公司, 深交所上市公司, 一家巨亏公司: the companies of a place or a market, or counted, a kind
        if label == "ORG" and match.group() == "基金" and text.endswith(cues.FUND_TYPES, start, hs):
            continue  # 星河泰和混合|基金, 顺捷纯债|基金: a fund of a type is a product, not a fund house
        if match.group() == "期货" and (text.endswith(cues.COMMODITIES, start, hs) or "指数" in text[start:hs]):
            continue  # 伦敦布伦特原油期货, 铁矿石期货, 股价指数TOPIX期货: a contract on a commodity or an index
        if match.group() == "指数" and indicator(text, hs):
            continue  # 消费者信心指数, 快递发展指数: an indicator of what it measures, not a market index
        if label == "PRODUCT" and match.group() == "卡" and _transcribed_ka(view, start, hs):
            continue  # 伊万诺夫卡, 总统奥列茨卡: foreign places and people end in -ka, written 卡
        if public and text.endswith(cues.FACILITY_ENDINGS, start, he):
            continue  # 长春算力中心, 北京西站候车厅: a venue or a hub, no body
        if text.endswith(cues.NON_INSTITUTION_ENDINGS if label == "ORG" else cues.NON_PRODUCT_ENDINGS, start, he):
            continue  # 发展新格局: 局 ends a common word here, not a bureau's name; 海洋生态系统 is no product
        if weak and (hs - start < 2 or _place_object(view, hs) or invests_in(view, out, match.group(), he)):
            continue  # 赴伊|投资, 对华|投资: a verb's object; 红杉投资|美团: the verb, with its object after it
        if weak and match.group() in cues.PRODUCT_LINE_HEADS and _product_before(view, hs):
            continue  # 星河基金ETF|投资, 星河指数|基金: a house's line of business in a product, or a fund, no firm
        if weak and _activity_before(view, hs, out, activity=match.group() in cues.ACTIVITY_HEADS):
            continue  # 腾讯战略|投资, 腾讯官方唯一|投资: an activity of the name before, not a firm named by it
        if label == "ORG" and _stocks_of_a_kind(view, hs):
            continue  # 蓝筹股|投资, 权重股|公司: stocks of a kind (the segmenter calls some of them people), no name
        if match.group() in cues.ACTIVITY_HEADS and industry_alone(text[start:hs]):
            continue  # 房地产投资, 地产投资: investment in an industry, no firm (星河地产投资 has a name of its own)
        # a place alone does not make a programme a name (美国跨境电商项目), though it makes 上海市政府 one
        rare = label == "ORG" and match.group() in cues.NAMED_HEADS  # 星河集团, not 市值公司: see is_proper
        if not (
            is_proper(view, start, hs, strict=weak, places=label != "INITIATIVE", rare=rare)
            or (label == "ORG" and dictionary_name(view, start, hs, he))  # 锡业股份: the dictionary's own name
            or (public and scope_and_field(view, start, hs))
            or (match.group() == "平台" and national_scope(text, start))
            or scoped
            or (match.group() in cues.REGIONAL_FIRM_HEADS and _region_names_firm(view, start, hs, he))
        ):
            continue  # (全国农机作业信息平台: a national scope picks out one platform; 全国公安系统 is a sector)
        if common_word(view, start, he) or generic_dictionary_org(view, start, he):
            continue
        if label == "ORG" and many_before(text, start, he):
            continue  # 更多|法国银行, 众多|外资银行: many of a kind
        if label == "ORG" and unnamed_parent(view, start, he):
            continue  # 某银行|武汉分行: a unit of a kind of bank, no name
        if match.group() == "系列" and text.startswith(cues.SERIES_OF, he):
            continue  # 文旅系列活动, 系列政策: 系列 counts the noun after it, it ends no product's name
        if match.group() in cues.KIND_PRODUCT_HEADS and not names_one(view, start, hs):
            continue  # 金融科技平台, 远程供水系统: a kind of platform or system, not one
        if match.group() in cues.KIND_INITIATIVE_HEADS and _one_field_word(view, start, hs):
            continue  # 风电项目, 防洪工程: a field and a project name a kind of project
        if label == "INITIATIVE" and kind_of_plan(text, hs):
            continue  # 资管计划, 星河集团增持计划: a kind of transaction, whoever plans it
        if label == "INITIATIVE" and _plans_to(view, out, start, hs, he):
            continue  # 美联储计划加息, 华为计划在明年推出: an organization plans to do something
        out.append(Candidate(start, he, label, rule.name, rule.score))
    if kinds:
        out[first:] = [c for c in out[first:] if text[c.start : c.end] not in kinds]


_LEGAL_SUFFIXES = frozenset(words.LEGAL_SUFFIXES)


def _stocks_of_a_kind(view: TokenView, hs: int) -> bool:
    """Whether the word before a head ends in 股 (蓝筹股, 权重股, 港股): stocks of a kind, never a firm's own name
    (a firm's 股份 is one word, and a head of its own; 控股 is a verb)."""
    k = view.index_at(hs - 1)
    word = view.words[k] if k >= 0 else ""
    # 控股, 参股: holding, a verb, which a firm's name holds before its legal form (星河控股有限公司)
    return view.ends[k] == hs and len(word) >= 2 and word.endswith("股") and view.tags[k] not in {"v", "vn"}


def _before_a_line(view: TokenView, hs: int, **boundary: bool) -> int | None:
    """国新控股|有限责任公司, 星河房地产开发|有限公司: a line of business that the segmenter tags as a verb (控股, 投资,
    开发, 建设开发) opens the legal form's name with the words before it, since a company's legal form follows its
    line. Up to two such verbs; the words before them must still make a name."""
    k = view.index_at(hs - 1)
    if k < 0 or view.ends[k] != hs:
        return None
    first = k
    while (
        first >= 0
        and k - first < 2
        and view.tags[first] in {"v", "vn"}
        and (view.words[first] in LINES.words or view.words[first] in cues.BUSINESS_SCOPE_VERBS)
    ):
        first -= 1
    if first == k:
        return None
    line = view.starts[first + 1]
    start = left_boundary(view, line, **boundary)
    if start is None or start >= line:
        return None
    modifier = view.text[start:line]
    stem = modifier[: len(modifier) - len(LINES.longest_suffix(modifier) or "")]
    if len(stem) < 2 or stem in words.GENERIC_MODIFIERS or stem in known_places():
        return None  # 一家房地产开发有限公司, 瑞士投资公司: a line alone or after a place names a kind of company
    return start


def _after_the_actor(view: TokenView, out: list[Candidate], start: int, head_start: int) -> int:
    """Where a product's or programme's name starts when a name found already and a verb open the words before its
    head (教育部|升级|国家智慧教育平台, 星河大学|引入|大数据平台): the verb is that party's act, and the name starts
    after it."""
    i, last = view.index_at(start), view.index_at(head_start - 1)
    verbs = [k for k in range(i, last) if view.tags[k] in {"v", "vn"}]
    if not verbs:
        return start  # (most names hold no verb: the candidates are not looked at)
    ends = {c.end for c in out if start <= c.start and c.end < head_start and c.label == "ORG"}
    for k in verbs:
        if view.starts[k] in ends:
            start = view.ends[k]
    return start


def _activity_before(view: TokenView, end: int, out: list[Candidate], *, activity: bool) -> bool:
    """Whether the words before a weak head make it an activity or a kind rather than a firm's name: a describing word
    (唯一, 直接), or, before a head that names an activity, a common noun right after an organization (星河集团战略|
    投资, 星河银行策略|投资): that organization is the one investing. A firm's name may hold a common noun
    (富达国际投资, 舜宇光学科技, 星河证券基金研究中心)."""
    k = view.index_at(end - 1)
    word, tag = view.words[k], view.tags[k]
    if view.ends[k] != end or tag in cues.PROPER_TAGS:
        return False
    if tag in _NOT_A_NAME_PART:
        return not region_word(word, tag)  # 西部|证券 is a firm
    before = view.starts[k]
    return (
        activity and view.freqs.get(word, 0) >= _COMMON_FREQ and any(c.end == before and c.label == "ORG" for c in out)
    )


def _word_after(view: TokenView, pos: int) -> str:
    i = view.index_at(pos)
    return view.words[i] if 0 <= i < len(view.words) and view.starts[i] == pos else ""


def _opens_a_kin_noun(view: TokenView, hs: int, he: int) -> bool:
    """Whether the head word at hs opens a kin noun that ends on a word boundary (星河证券|控股股东; not 星河控股|
    股东大会, where 股东大会 is one word, nor 控股|控股股东, where a second head follows)."""
    text = view.text
    kin = next((noun for noun in _KIN_NOUNS if text.startswith(noun, hs) and len(noun) > he - hs), None)
    return kin is not None and view.is_end(hs + len(kin)) and not text.startswith(_KIN_NOUNS, he)


def _line_of_business(view: TokenView, out: list[Candidate], start: int, hs: int, he: int) -> bool:
    """Whether a product word right after an organization's name (and nothing else) goes on into a longer noun: the
    phrase names what the organization does or the unit that does it."""
    return (
        he < len(view.text)
        and (continues_noun(view, he) or unit_and_role(view, he))  # 星河基金ETF|投资总监
        and any(c.label == "ORG" and c.start == start and c.end == hs for c in out)
    )


def _product_before(view: TokenView, end: int) -> bool:
    """Whether the word before end is a product head word (ETF, 指数): an activity or a fund after it (投资, 基金)
    is what a firm does with the product (a unit after it, 信用卡|中心, is the firm's)."""
    k = view.index_at(end - 1)
    return view.ends[k] == end and view.words[k] in words.STRONG_PRODUCT_HEADS


def _place_object(view: TokenView, end: int) -> bool:
    """Whether the word before end is a one-character place (俄, 伊), a preposition glued to one (对华), or countries
    counted (两国, 双方)."""
    k = view.index_at(end - 1)
    word = view.words[k]
    one_place = len(word) == 1 and view.tags[k] in {"ns", "nz", "j"}
    countries = len(word) == 2 and word[1] in "国方" and word[0] in "两双多各诸"  # 两国|投资: between countries
    return view.ends[k] == end and (one_place or countries or (len(word) == 2 and word[0] in LEADING_FUNCTION_CHARS))


def _plans_to(view: TokenView, out: list[Candidate], start: int, hs: int, he: int) -> bool:
    """Whether 计划 is the verb of an organization right before it: the modifier is one organization (found, or
    ending in a firm's head or line: 华亭煤业|计划投产) and a verb, a preposition, an adverb or a time follows
    (美联储|计划|加息, 华为|计划|在明年推出, X|计划|今年…)."""
    if view.text[hs:he] != "计划":
        return False
    modifier = view.text[start:hs]
    firm = (line := LINES.longest_suffix(modifier)) is not None and len(line) < len(modifier)
    if not firm and not any(c.label == "ORG" and (c.start, c.end) == (start, hs) for c in out):
        return False
    k = view.index_at(he)
    return 0 <= k < len(view.words) and view.starts[k] == he and view.tags[k][:1] in {"v", "p", "d", "t"}


def names_one(view: TokenView, start: int, end: int) -> bool:
    """Whether a modifier picks out one platform or system: a proper name or a place does (网联清算平台,
    南京江北污水收集系统), and so does a national scope (国家社会保险公共服务平台); common words alone do not."""
    if national_scope(view.text, start):
        return True
    tokens = range(view.index_at(start), view.index_at(end - 1) + 1)
    owners = 0
    while owners < len(tokens) and _owner_word(view, tokens[owners]):
        owners += 1  # 俄军|防空系统, 巴方|防空系统: whose systems, of a kind
    if owners < len(tokens) and _one_character(view.text[view.starts[tokens[owners]] : end]):
        return False  # 云平台, 新系统: one character makes a kind of platform, never one platform's name
    return any(
        view.words[k] not in words.GENERIC_MODIFIERS
        and view.words[k] not in cues.LATIN_TERMS  # AI平台, SaaS平台: jargon names a kind
        and view.tags[k] in cues.PROPER_TAGS
        for k in tokens[owners:]
    )


def _one_character(text: str) -> bool:
    return len(text) == 1 and "\u4e00" <= text <= "\u9fff"


def _owner_word(view: TokenView, k: int) -> bool:
    """A country, its short form (俄, 美), its army or its side (俄军, 巴方): the owner of a kind of system, not what
    makes one system."""
    word = view.words[k]
    place = known_places().get(word)
    if place is not None and place.level == "country":
        return True
    return (view.tags[k] == "j" and len(word) <= 2) or (len(word) <= 3 and word.endswith(("军", "方")))


def kind_of_plan(text: str, head_start: int) -> bool:
    """Whether the words right before a plan's head name a kind of corporate or financial transaction (资管|计划,
    定增|方案, 员工持股|计划): the phrase is a kind of plan, and an owner before it (星河集团增持计划) does not make it
    one programme."""
    return text.endswith(cues.PLAN_KINDS, 0, head_start)


def _region_names_firm(view: TokenView, start: int, end: int, head_end: int) -> bool:
    """Whether a modifier is one region's name that, before a securities, futures, trust or life-insurance head, names
    the firm (西南证券, 陕西信托, 前海人寿): a place or a word of region (`region_word`) of two characters or more, not
    the country (中国证券 is the industry), with no noun going on after the head (上海证券市场 is a market)."""
    i = view.index_at(start)
    return (
        view.starts[i] == start
        and view.ends[i] == end
        and (view.tags[i] == "ns" or region_word(view.words[i], view.tags[i]))
        and len(view.words[i]) >= 2
        and not national_scope(view.text, start)
        and not (head_end < len(view.text) and continues_noun(view, head_end))
    )


def national_scope(text: str, start: int) -> bool:
    """Whether a name opens with a national scope (国家, 全国) that picks out one body or platform; 全国性 is an
    adjective (a nationwide platform is a kind)."""
    scope = next((s for s in cues.NATIONAL_SCOPES if text.startswith(s, start)), None)
    return scope is not None and not text.startswith("性", start + len(scope))


def _one_field_word(view: TokenView, start: int, end: int) -> bool:
    """Whether a modifier is one word that names a field (风电, 供水, 非遗), besides descriptors and counts (新型,
    二期); a place or an organization is not a field (碾盘山枢纽工程 has three words)."""
    content = [
        k
        for k in range(view.index_at(start), view.index_at(end - 1) + 1)
        if view.words[k] not in words.GENERIC_MODIFIERS and view.tags[k] != "m"
    ]
    return len(content) <= 1 and all(view.tags[k] not in {"ns", "nt", "eng"} for k in content)


def _ends_with_product_head(text: str, hs: int, he: int) -> bool:
    return any(text.endswith(h, 0, he) and len(h) > he - hs for h in words.STRONG_PRODUCT_HEADS)


def _names_a_field(view: TokenView, pos: int) -> bool:
    """An industry word is a field, not a company's name, before a field word (海洋科技|创新) or in a list of fields
    (电力、通信, 国际科技与创新); a list of companies goes on with a name (中瓷电子、石药集团)."""
    i = view.index_at(pos)
    if view.words[i] in cues.FIELD_WORDS:
        return True
    if view.words[i] not in {"、", "与", "和", "及"} or i + 1 >= len(view.words):
        return False
    word, tag = view.words[i + 1], view.tags[i + 1]
    return word in cues.FIELD_WORDS or word in words.INDUSTRY_HEADS or tag not in cues.PROPER_TAGS


@cache
def _heads_of(pattern: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(sorted(pattern.pattern.replace("\\", "").split("|"), key=len, reverse=True))


@cache
def _suffix_heads(head: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(h for h in _heads_of(pattern) if len(h) < len(head) and head.endswith(h))


def _transcribed_ka(view: TokenView, start: int, hs: int) -> bool:
    """Whether the 卡 at hs ends a transcribed name rather than a card's: the three characters before it transcribe
    foreign names, or two do and the segmenter's word ending in 卡 is a person's or a place's (奥列茨卡; not 银联卡,
    which jieba's dictionary also calls a person)."""
    if _transliterated(view.text[start:hs]):
        return True
    tag = view.tags[view.index_at(hs)]
    return tag in {"nr", "nrt", "nrfg", "ns"} and _transliterated(view.text[max(start, hs - 2) : hs])


def _transliterated(name: str) -> bool:
    """Whether a name ends in a transcribed foreign name: its last three characters (two, if that is all) are ones
    that transcribe foreign names (伊万诺夫, 米哈伊洛夫, 总理卡拉斯)."""
    return len(name) >= 2 and all(ch in cues.TRANSLITERATION_CHARS for ch in name[-3:])


def _object_after(view: TokenView, end: int) -> bool:
    """Whether the word after 办 is its object (办|实事, 办|业务) rather than what follows an office's name (金融办|的
    指导, 住房保障办|副主任, 金融办|负责人)."""
    k = view.index_at(end)
    if k < 0 or k >= len(view.words) or view.starts[k] != end:
        return False
    word = view.words[k]
    after_a_name = word in cues.ORG_CONTEXT_AFTER or word.startswith(cues.ROLE_NOUNS)
    return not (after_a_name or view.tags[k] in _NOT_AN_OBJECT)


_NOT_AN_OBJECT = frozenset({"w", "uj", "c", "b", "p", "d", "r", "t", "f"})
