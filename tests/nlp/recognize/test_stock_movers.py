"""kg/nlp/recognize/stock_movers.py: a 、-list of short names right before the day's move or right after a pick names
listed companies; sectors, markets, themes, commodities and lists led by a plain 关注 do not.

Every sentence here is invented; 鼎岳, 拓澜, 晟岚, 澜沧 and 禾丰 are made-up names (some written as common words on
purpose: short names often are).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("个股方面，鼎岳通信、综艺股份、晟岚电信涨停。", {"鼎岳通信", "综艺股份", "晟岚电信"}),
        ("有色强势，拓澜钴业、禾丰钨业、澜沧矿业等领涨。", {"拓澜钴业", "禾丰钨业", "澜沧矿业"}),
        ("盘中，鼎岳矿业、晟岚有色强势涨停。", {"鼎岳矿业", "晟岚有色"}),
        ("标的：拓澜科技、禾丰股份", {"拓澜科技", "禾丰股份"}),
        ("相关标的有澜沧电力、晟岚水电。", {"澜沧电力", "晟岚水电"}),
    ],
)
def test_short_names_before_a_move_or_after_a_pick_are_companies(nlp: Language, text: str, names: set[str]) -> None:
    assert {(name, "ORG") for name in names} <= candidates(nlp, text, "stock_mover")


@pytest.mark.parametrize(
    "text",
    [
        "银行、券商、保险领涨。",
        "港股、美股大跌，黄金、原油暴涨。",
        "快递概念、次新股、壳资源等大跌。",  # a list of themes
        "投资者应更多关注基本面、估值和定位。",  # a plain 关注 picks no stocks
        "标的债券券面总额、借贷期限和借贷费率由双方约定。",  # 标的 as an attribute, no pick
    ],
)
def test_sectors_markets_themes_and_attributes_are_no_companies(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "stock_mover") == set()
