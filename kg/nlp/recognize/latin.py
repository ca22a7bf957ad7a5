"""Latin-script names in Chinese text (Coupang, HarmonyOS), typed by the words around them."""

from __future__ import annotations

import re

from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.kinds import type_by_follower
from kg.nlp.text import Candidate, TokenView

_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,3})(?![A-Za-z0-9])")


def latin_names(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Capitalised Latin-script names (Coupang, HarmonyOS) in Chinese text; typed by the next word."""
    text = view.text
    for match in _LATIN_NAME.finditer(text):
        name = match.group(1)
        if len(name) < 3 or (name.isupper() and len(name) <= 3):
            continue
        after = text[match.end() : match.end() + 4]
        before = text[max(0, match.start() - 4) : match.start()]
        label = type_by_follower(after) or ("ORG" if re.match(r"(公司|集团|电商|平台|银行)", after) else None)
        if label is None and re.search(r"(电商|公司|企业|平台|巨头|品牌|集团|运营商|零售商)$", before):
            label = "ORG"  # 最大电商OZON, 韩国电商巨头Coupang
        if label is None:
            continue
        out.append(Candidate(match.start(1), match.end(1), label, rule.name, rule.score))
