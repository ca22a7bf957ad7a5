"""Short forms of names: the ones a text declares (X（以下简称“Y”）) and the abbreviations a name could have
(上海环交所 of 上海环境能源交易所).
"""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.text import Candidate, WordSet

NAME_HEADS = WordSet((*words.ORG_HEADS, *words.INDUSTRY_HEADS, *words.PRODUCT_HEADS, *words.INITIATIVE_HEADS))

_SHORT_FORM = re.compile(
    r"[（(，,]?\s*(?:以下|下文)?(?:简称|又称|下称|英文名|英文简称)[为是：:]?\s*"
    r"[“\"「『]([^”\"」』\n]{2,24})[”\"」』]"
)
_SHORT_FORM_CUE = re.compile(r"简称|又称|下称|英文名")  # what every declaration holds: a quick test before the scan


def declared_short_forms(text: str, chosen: list[Candidate]) -> list[tuple[str, str]]:
    """(full name, short form) pairs that the text declares right after a name: X，简称“Y”; X（以下简称“Y”）."""
    pairs = []
    if not _SHORT_FORM_CUE.search(text):
        return pairs
    ends = {c.end: c for c in chosen}
    for match in _SHORT_FORM.finditer(text):
        before = next((ends[p] for p in range(match.start(), max(-1, match.start() - 4), -1) if p in ends), None)
        if before is not None:
            pairs.append((text[before.start : before.end], match.group(1).strip()))
    return pairs


def is_abbreviation(short: str, full: str) -> bool:
    """上海环交所 abbreviates 上海环境能源交易所, 中保协 abbreviates 中国保险行业协会: the short form keeps the first
    character (or the one after 中国) and characters of the full name in order, ending in a character of its head word,
    and never the full head word itself (中国银行 is no abbreviation of 中国农业银行)."""
    if not 2 <= len(short) < len(full) or len(full) < 4:
        return False
    body = full[2:] if full.startswith("中国") and not short.startswith("中") else full
    if short[0] != body[0]:
        return False
    head = NAME_HEADS.longest_suffix(full)
    if head is None or short.endswith(head) or short[-1] not in head:
        return False
    it = iter(body)
    return all(ch in it for ch in short)
