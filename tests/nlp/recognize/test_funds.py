"""kg/nlp/recognize/funds.py: fund products named by their house, their index or term and their type.

Every sentence here is invented; 星河, 顺捷 and 鹏扬 are made-up fund houses.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, entities, orgs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("顺捷基金旗下的顺捷中证消费主题ETF今日上市。", "顺捷中证消费主题ETF"),  # its house and an index
        ("鹏扬国证新能源电池ETF募集失败。", "鹏扬国证新能源电池ETF"),  # an index alone
        ("其中1只为顺捷添利1年定开债。", "顺捷添利1年定开债"),  # a term
        ("鹏扬养老目标2035三年持有(FOF)正式成立。", "鹏扬养老目标2035三年持有(FOF)"),  # a target year
        ("比如顺捷基金的进取精选混合型基金即将发行。", "进取精选混合型基金"),  # its house and 的 before it
        ("比如顺捷基金的进取精选混合型1月21日审批结束。", "进取精选混合型"),  # a date right after the type
        ("顺捷基金发行的顺捷优选成长混合A今日起认购。", "顺捷优选成长混合A"),  # a share class
        ("鹏扬中证500指数增强C近一年收益率为12%。", "鹏扬中证500指数增强C"),
        ("截至9月底，鹏扬价值精选混合型基金年内收益率达20%。", "鹏扬价值精选混合型基金"),  # a name opens it
    ],
)
def test_a_fund_named_by_its_house_index_or_term_is_a_product(nlp: Language, text: str, name: str) -> None:
    assert (name, "PRODUCT") in candidates(nlp, text, "fund_product")
    assert (name, "PRODUCT") in entities(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "今年偏债混合型基金共有64只正在发行。",  # a kind of fund
        "内地投资者可买到4只港股ETF。",
        "其余8只均为碳中和ETF。",
        "我国存在国有资本、民营资本和混合所有制经济。",
        "美股主要指数ETF普遍上涨。",  # a market opens a kind
        "规模较大的宽基指数ETF近期获得资金流入。",  # a descriptor opens a kind
        "消费主题混合型基金表现较好。",
    ],
)
def test_a_kind_of_fund_is_no_product(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "fund_product") == set()


@pytest.mark.parametrize("text", ["顺捷基金ETF投资总监表示看好后市。", "鹏扬基金ETF投资部发布报告。"])
def test_a_house_and_its_fund_type_alone_is_no_fund(nlp: Language, text: str) -> None:
    """The house's ETF business: a fund's name says which index or theme it follows."""
    assert candidates(nlp, text, "fund_product") == set()
    assert not any(label == "PRODUCT" or name.endswith("投资") for name, label in entities(nlp, text))


@pytest.mark.parametrize("text", ["星河泰和混合基金经理李明参加论坛。", "顺捷纯债基金今日成立。"])
def test_a_fund_of_a_type_is_no_fund_house(nlp: Language, text: str) -> None:
    """X混合|基金经理: a fund type before 基金 makes a product; the fund house is X基金, with no type."""
    assert not any(name.endswith("基金") for name in orgs(nlp, text))


def test_a_fund_house_is_still_one(nlp: Language) -> None:
    assert "顺捷基金" in orgs(nlp, "顺捷基金经理李明参加论坛。")


@pytest.mark.parametrize(
    ("text", "fund"),
    [
        ("鹏扬基金宣布发行鹏扬量化优选股票基金。", "鹏扬量化优选股票基金"),
        ("顺捷中证环保产业指数分级基金B昨日触发下折。", "顺捷中证环保产业指数分级基金B"),
    ],
)
def test_stock_and_structured_funds_are_products(nlp: Language, text: str, fund: str) -> None:
    assert (fund, "PRODUCT") in entities(nlp, text)
    assert fund not in orgs(nlp, text)
