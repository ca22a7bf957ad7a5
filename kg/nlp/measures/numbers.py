"""Numbers as Chinese news writes them: Arabic digits with Chinese multipliers (4.7亿, 350万) read directly, and
Chinese numerals (三百五十万, 二〇二一) or both mixed (3.5万亿) read by cn2an, which costs ten times as much."""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an

# cn2an reads 3.5万 but not 3.5万亿, and no bare multiplier (千亿): the last multiplier is applied here.
_MULTIPLIERS = (("万亿", 10**12), ("亿", 10**8), ("万", 10**4))
_BARE = frozenset({"十", "百", "千", "万", "亿", "十万", "百万", "千万", "十亿", "百亿", "千亿", "万亿"})
_FACTORS = {"十": 10, "百": 100, "千": 10**3, "万": 10**4, "亿": 10**8}
_ARABIC = re.compile(r"([0-9]+(?:\.[0-9]+)?)([十百千]?[万亿]?|万亿)")


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """The value of a number as written, or None when it is not one (commas and spaces are ignored). Remembered:
    news writes the same few numerals again and again (两, 三, 十), and cn2an takes 25–50 µs to read one."""
    plain = text.replace(",", "").replace(" ", "")
    arabic = _ARABIC.fullmatch(plain)
    if arabic is not None:
        value = float(arabic.group(1))
        for multiplier in arabic.group(2):
            value *= _FACTORS[multiplier]
        return _rounded(value)
    if plain in _BARE:
        plain = "一" + plain
    try:
        return _rounded(float(cn2an.cn2an(plain, "smart")))
    except (ValueError, KeyError, IndexError):  # cn2an's answer to some malformed numerals is a KeyError
        pass
    for suffix, factor in _MULTIPLIERS:
        if plain.endswith(suffix) and len(plain) > len(suffix):
            head = parse_number(plain[: -len(suffix)])
            return None if head is None else _rounded(head * factor)
    return None


def _rounded(value: float) -> float:
    """Ten significant digits, so that 4.7 × 10⁸ is 470000000 and not 470000000.00000006."""
    return float(f"{value:.10g}")
