"""Latin-script names in Chinese text (Coupang, HarmonyOS, XYZ), typed by the words around them."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.kinds import OUTSIDE_A_CLASS, type_by_follower
from kg.nlp.text import Candidate, TokenView

_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,3})(?![A-Za-z0-9])")
_PRODUCT_CLASS_BEFORE = re.compile(r"(品牌|产品|推出|发布)$")


def latin_names(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Capitalised Latin-script names (Coupang, HarmonyOS) in Chinese text; typed by the next word, the class word
    or launch verb before, or an organization's verb after (XYZ宣布); an acronym (IDG) only by the last three."""
    text = view.text
    for match in _LATIN_NAME.finditer(text):
        name = match.group(1)
        if len(name) < 2 or name in cues.LATIN_TERMS or name in cues.FUND_TYPES:
            continue
        after = text[match.end() : match.end() + 4]
        before = text[max(0, match.start() - 4) : match.start()]
        label = _type_by_context(before, after)
        if label is None and len(name) >= 3 and not (name.isupper() and len(name) <= 3):
            label = _type_by_neighbour(name, before, after)
        if label is None:
            continue
        out.append(Candidate(_glued_start(view, match.start(1), name), match.end(1), label, rule.name, rule.score))


def _glued_start(view: TokenView, start: int, name: str) -> int:
    """追光Speedfox: a Chinese word glued to the Latin name opens it when the pair recurs in the text, and it is no
    class word, launch verb or function word (品牌XYZ, 推出XYZ, 和XYZ)."""
    i = view.index_at(start - 1)
    if i < 0 or view.ends[i] != start or view.tags[i] in OUTSIDE_A_CLASS:
        return start
    word = view.words[i]
    if (
        not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", word)
        or words.LAUNCH.fullmatch(word)
        or _PRODUCT_CLASS_BEFORE.search(word)
        or word in cues.ORG_CONTEXT_AFTER
        or view.text.count(word + name) < 2
    ):
        return start
    return view.starts[i]


def _type_by_context(before: str, after: str) -> str | None:
    """What stands around a name whatever its form: an organization's verb after it, a product class word or
    推出/发布 right before it (品牌XYZ, 推出XYZ)."""
    if after.startswith(cues.ORG_SUBJECT_VERBS):
        return "ORG"
    if _PRODUCT_CLASS_BEFORE.search(before):
        return "PRODUCT"  # not every launch verb: 实施RCEP carries out an agreement
    return None


def _type_by_neighbour(name: str, before: str, after: str) -> str | None:
    """The noun after a name, or a company word before it (最大电商OZON, 韩国电商巨头Coupang); a code with digits
    after 公司 (公司MCV4) is the company's model or product, never a company."""
    label = type_by_follower(after) or ("ORG" if re.match(r"(公司|集团|电商|平台|银行)", after) else None)
    coded = any(ch.isdigit() for ch in name)
    if label is None and not coded and re.search(r"(电商|公司|企业|平台|巨头|品牌|集团|运营商|零售商)$", before):
        label = "ORG"
    return label
