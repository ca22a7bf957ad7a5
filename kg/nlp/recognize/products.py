"""Products named by their maker or their generation: 银联二维码 (an organization before a product noun), 第二代X."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import is_proper, right_boundary
from kg.nlp.text import Candidate, TokenView

_GENERATION_KINDS = tuple(words.read_words("kg.nlp.recognize", "generation_kinds"))
_GENERATION = re.compile(r"(?:第[一二三四五六七八九十0-9]+|上一|新一|下一)代\s?")
# what ends an organization-owned product's word (银联|二维码, 银联|移动支付产品)
_OWNED_PRODUCT_WORDS = (*words.STRONG_PRODUCT_HEADS, "产品")
_OWNED_TAGS = cues.NAME_TAGS | {"v"}
_PRODUCT_CLASSES = frozenset(words.read_words("kg.nlp.recognize", "owned_product_classes"))


def generations(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """第二代X: a product generation names a product (第二代氢燃料电池汽车)."""
    for match in _GENERATION.finditer(view.text):
        name_start = match.end()
        end = right_boundary(view, view.index_at(name_start)) if view.is_start(name_start) else None
        if end is None or end - name_start < 2 or any(kind in view.text[name_start:end] for kind in _GENERATION_KINDS):
            continue  # 第二代中央领导集体, 第五代移动通信: people or a field, not a product
        if match.group().startswith("第"):
            out.append(Candidate(match.start(), end, rule.label, rule.name, rule.score))  # 第二代X is the name
        elif is_proper(view, name_start, end, strict=True):
            out.append(Candidate(name_start, end, rule.label, rule.name, rule.score))  # 上一代 EMUI: EMUI is


def owned_products(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """An organization's name before a product noun names that organization's product (银联二维码, 银联卡)."""
    for c in list(out):
        if c.label != "ORG" or not c.known:
            continue
        i = view.index_at(c.end)
        if i < 0 or i >= len(view.words) or view.starts[i] != c.end:
            continue
        # up to three noun-like words after the name, the last one ending in a product word
        for k in range(i, min(i + 3, len(view.words))):
            word = view.words[k]
            if view.tags[k] not in _OWNED_TAGS or word in cues.STOP_WORDS:
                break
            if word in _PRODUCT_CLASSES:
                # 招行信用卡, 交行在册信用卡: say no more than the owner does; 建行星河信用卡 names its own card
                if _named_of_its_own(view, i, k) or _named_between(view, i, k):
                    out.append(Candidate(c.end, view.ends[k], rule.label, rule.name, rule.score))
                break
            bare = word == "产品" and k == i  # 银联产品 says no more than 银联
            if not bare and word.endswith(_OWNED_PRODUCT_WORDS) and len(word) <= 6:
                if not view.text.endswith(cues.NON_PRODUCT_ENDINGS, c.start, view.ends[k]):
                    start = c.end if _named_of_its_own(view, i, k) else c.start
                    out.append(Candidate(start, view.ends[k], rule.label, rule.name, rule.score))
                break  # 证监会系统: the regulator's sector, no product of its own


def after_its_owner(view: TokenView, found: list[Candidate], start: int, end: int) -> int:
    """Where a product's name that ends at end opens when a known organization opens the words before it and a name of
    the product's own follows the organization (农行|福农卡, 工行|牡丹信用卡): after the organization, its issuer."""
    for c in found:
        if c.start == start and c.known and c.label == "ORG" and c.end < end and view.is_start(c.end):
            first, last = view.index_at(c.end), view.index_at(end - 1)
            if view.words[last] in _PRODUCT_CLASSES and view.ends[last] == end:
                # 招商银行|信用卡, 工行|个人|信用卡: a class of the bank's products, no product's name
                own = _named_of_its_own(view, first, last) or _named_between(view, first, last)
                return c.end if own else end
            if _named_of_its_own(view, first, last):
                return c.end
    return start


def _named_between(view: TokenView, first: int, last: int) -> bool:
    """Whether a noun of its own stands between the owner and a class of its products (建行|星河|信用卡), not a
    describing word (工行|个人|信用卡) or a verb (交行|在册|信用卡)."""
    return any(
        view.tags[k] in cues.NAME_TAGS and view.tags[k] != "v" and view.words[k] not in words.GENERIC_MODIFIERS
        for k in range(first, last)
    )


_COINED_TAGS = frozenset({"nz", "nr", "nrt", "x"})


def _named_of_its_own(view: TokenView, first: int, last: int) -> bool:
    """Whether the words after the owner name the product by a name of its own (农行|福农卡, 工行|牡丹信用卡): a proper
    or coined Chinese word before the product word, or a coined word that ends in one. The product is then that
    name, and the owner an organization beside it; a product word alone after the owner (银联|二维码, 银联|手机|闪付)
    makes the owner's name the product's."""
    for k in range(first, last + 1):
        word, tag = view.words[k], view.tags[k]
        if tag not in _COINED_TAGS or not _HAN.match(word):
            continue  # 华为|P30系列: a model number names the product with its brand
        if word not in _OWNED_PRODUCT_WORDS:
            return True  # 福农卡, 龙卡, 牡丹: not 闪付, a product word itself
    return False


_HAN = re.compile(r"[\u4e00-\u9fff]+$")
