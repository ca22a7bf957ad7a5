"""What type a name's own words or its neighbours give it: its head word, the noun after it, the class that closes
its list."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.boundaries import continues_noun
from kg.nlp.recognize.cues import INITIATIVE_HEAD_WORDS, PRODUCT_HEAD_WORDS
from kg.nlp.text import TokenView

# what ends the noun phrase after 等: an adverb, a preposition, a conjunction, a particle, punctuation (a verb may
# modify the class, 三项增值业务: whether one right after 等 makes the noun its object is the caller's call)
OUTSIDE_A_CLASS = frozenset({"d", "p", "c", "u", "uj", "ul", "uz", "ud", "ug", "w", "_SP"})


def type_by_head(name: str, *, weak: bool = False) -> str | None:
    """The type a name's head word gives it; weak: any product head counts (服务, 贷), not only the strong ones. An
    indicator (采购经理指数) has none."""
    if INITIATIVE_HEAD_WORDS.longest_suffix(name, shorter=True) is not None:
        return "INITIATIVE"
    if name.endswith("指数") and indicator(name, len(name) - 2):
        return None
    heads = (h for h in PRODUCT_HEAD_WORDS.suffixes(name) if len(h) < len(name))
    if any(weak or h in words.STRONG_PRODUCT_HEADS for h in heads):
        return "PRODUCT"
    return None


def indicator(text: str, head_start: int) -> bool:
    """Whether the words before 指数 name what a statistic measures (信心, 价格, 新订单), not a market (股票价格,
    股价): an agency's figure, no product."""
    return text.endswith(cues.STATISTIC_WORDS, 0, head_start) and not text.endswith(
        cues.MARKET_INDEX_WORDS, 0, head_start
    )


def head_in_common_word(name: str, freqs: dict[str, int]) -> bool:
    """Whether a one-character product head ends a common word with the character before it (层层加码, 打卡): then it
    is no head, and the quote is a phrase, not a product's name. (As for event words: see event_by_head.)"""
    head = PRODUCT_HEAD_WORDS.longest_suffix(name)
    return head is not None and len(head) == 1 and len(name) >= 2 and bool(freqs.get(name[-2:]))


def event_by_head(name: str, freqs: dict[str, int]) -> str | None:
    """A quoted name that ends in an event word (“五五购物节”, “中国旅游日”) is an event, typed as an initiative;
    a one-character event word must not end a common word (看发展, 每一天的今日)."""
    head = next((h for h in cues.EVENT_HEADS if name.endswith(h)), None)
    if head is None or len(name) < len(head) + 2 or (len(head) == 1 and name[-2:] in freqs):
        return None
    return "INITIATIVE"


def type_by_follower(after: str) -> str | None:
    """Type named by a short noun phrase right after a name (“X”农资收购产品, “X”微信小程序), or by the building of
    a programme right after it (“X”建设)."""
    phrase = re.match(r"[\u4e00-\u9fffA-Za-z]{0,6}", after).group()
    if phrase.startswith("的"):
        return None  # “支付为民”的服务理念: the quote modifies the noun, it is not named by it
    if phrase.startswith(cues.BUILT_PROGRAMMES):
        return "INITIATIVE"  # “无废城市”建设: a programme named by its theme
    best: tuple[int, str] | None = None
    for label, followers in (("INITIATIVE", cues.INITIATIVE_FOLLOWERS), ("PRODUCT", cues.PRODUCT_FOLLOWERS)):
        for word in followers:
            pos = phrase.rfind(word)
            if pos != -1 and (best is None or pos + len(word) > best[0]):
                best = (pos + len(word), label)
    return best[1] if best else None


def type_by_preceder(view: TokenView, pos: int) -> str | None:
    """Type named by the class noun that ends right before a quote (服务平台“惠农通”, 专项行动“清风”): the quote is
    that noun's name. The noun must end a word of the segmentation and start one, or end a compound word (小|程序,
    服务平台), so that a longer word does not hide it."""
    i = view.index_at(pos - 1)
    if i < 0 or view.ends[i] != pos:
        return None
    text = view.text
    for label, preceders in (("INITIATIVE", cues.INITIATIVE_PRECEDERS), ("PRODUCT", cues.PRODUCT_PRECEDERS)):
        for noun in preceders:
            start = pos - len(noun)
            if text.startswith(noun, start) and (view.is_start(start) or view.starts[i] < start):
                return None if _judged(view, start, pos) else label
    return None


def quote_ends_phrase(view: TokenView, start: int, end: int) -> bool:
    """Whether the quote text[start:end] stands as a name of its own, as apposition asks: it is more than one
    verb (计划“入侵”: the verb's object, in scare quotes), and no noun, idiom or locative goes on after it
    (工程“天空地”一体化体系, 产品“X”后: the quote only modifies what follows)."""
    first, last = view.index_at(start + 1), view.index_at(end - 2)
    if first == last and view.tags[first].startswith("v"):
        return False
    after = view.index_at(end)
    if after >= len(view.words) or view.starts[after] != end:
        return True
    return not (continues_noun(view, end) or view.tags[after] in {"f", "l"})


def _judged(view: TokenView, start: int, pos: int) -> bool:
    """Whether the quote after a class noun is a judgement, not a name: the noun is one already named (这套系统, 该平台
    “很好用”), or the quote opens with a one-character adverb (“很方便”, “不好用”)."""
    before = view.index_at(start - 1)
    if before >= 0 and view.ends[before] == start and view.tags[before] == "r":
        return True
    first = view.index_at(pos + 1)
    return 0 <= first < len(view.words) and len(view.words[first]) == 1 and view.tags[first] in {"d", "zg"}


def class_phrase(view: TokenView, pos: int, limit: int = 10) -> str:
    """The noun phrase after 等 that names the class of a list's members (等商业综合体, 等多家企业): up to a function
    word or punctuation, and empty when it names members of no type of ours (等地, 等方面推动企业…)."""
    i = view.index_at(pos)
    if 0 <= i < len(view.words) and view.starts[i] < pos:
        if view.words[i].startswith("等"):
            return ""  # 等地, 等国: the segmenter joined 等 to the class word, which names places or countries
        i += 1  # 等一|线, 等三|线: the count ends inside a word, whose rest opens the phrase
    end = pos if i >= len(view.words) else view.starts[i]
    noun_seen = False
    while i < len(view.words) and view.ends[i] <= pos + limit:
        word, tag = view.words[i], view.tags[i]
        if word in cues.MEMBER_CLASSES:
            return ""
        if tag in OUTSIDE_A_CLASS or (noun_seen and tag == "v"):
            break  # 等机构参与本轮投资项目: a verb after the class noun opens the predicate, whose object is no class
        noun_seen = noun_seen or tag.startswith("n")
        end = view.ends[i]
        i += 1
    return view.text[pos:end]


def classifier_type(after: str, *, quoted: bool = False) -> str | None:
    """Type named by the noun phrase after 等: its last classifier noun. Brands are the firms behind them, unless the
    members are quoted (“A”、“B”等知名品牌: a firm's brands, its products)."""
    best: tuple[int, str] | None = None
    for label, nouns in (
        ("PRODUCT" if quoted else "ORG", cues.BRAND_CLASSES),
        ("ORG", cues.ORG_CLASSIFIERS),
        ("PRODUCT", cues.PRODUCT_CLASSIFIERS),
        ("INITIATIVE", cues.INITIATIVE_CLASSIFIERS),
    ):
        for noun in nouns:
            pos = after.find(noun)
            if pos != -1 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9 ]*", after[:pos]):
                end = pos + len(noun)
                if best is None or end > best[0]:
                    best = (end, label)
    return best[1] if best else None
