"""kg/nlp/recognize/company_kinds.py: the companies of a place, a market or a count are a kind.

Every sentence here is invented; 星河, 顺捷, 弘鼎 and 海东 (as a firm) are made-up names, the others widely known.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import entities, orgs


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # places and descriptors alone before a company head: the companies of a place, a kind
        ("大量中国公司赴海外上市。", "中国"),
        ("这反映在以香港公司主导的指数上。", "香港"),
        ("美国科技公司纷纷裁员。", "美国"),
        ("深圳上市公司数量增加。", "深圳"),
        ("这份名单可能损害俄罗斯公司的形象。", "俄罗斯"),
    ],
)
def test_the_companies_of_a_place_are_a_kind(nlp: Language, text: str, place: str) -> None:
    found = entities(nlp, text)
    assert (place, "LOC") in found
    assert not orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a word of its own, or a second place as the trade name, makes a name; a city names its bank
        ("德国铁路公司宣布罢工。", "德国铁路公司"),
        ("香港星河公司宣布增资。", "香港星河公司"),
        ("顺捷股份与上海海东公司签订协议。", "上海海东公司"),
        ("温州市商业银行宣布增资。", "温州市商业银行"),
    ],
)
def test_a_place_and_a_word_of_its_own_make_a_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a market before a word that is a kind of company (上市公司) says where such companies are
        "星河钴业是深交所上市公司。",
        "主业不行但是有个上市公司的壳。",
        # companies counted are companies of a kind
        "这是一家巨亏公司，定增资金不用于扩产。",
        "合作方包括星河集团及一间印度工程公司。",  # 一间, 一个: a count of firms as 一家 is
        "榜单上出现多家ST公司。",
        "杭州这家外贸公司通过柔性定制生产。",
        # a function character glued to a verb by the segmenter opens no name (当属, 称因)
        "减持手笔最大的当属公司实控人陈某。",
        "公告称因公司工作人员失误。",
    ],
)
def test_kinds_of_companies_name_none(nlp: Language, text: str) -> None:
    assert not {name for name in orgs(nlp, text) if name.endswith("公司")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("一家名为弘鼎科技的公司宣布增资。", "弘鼎科技"),
        ("三家企业合资成立星河医保公司。", "星河医保公司"),
        ("当红集团宣布增资。", "当红集团"),
    ],
)
def test_a_named_company_after_a_count_or_a_clitic_stays(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "今年两市ST公司数量明显增加，ST公司的股价普遍下跌。",
        "港股的蓝筹公司估值偏低，蓝筹公司很少增发。",
        "白马公司业绩稳定，次新公司波动较大。",
    ],
)
def test_the_markets_categories_of_listed_companies_are_kinds(nlp: Language, text: str) -> None:
    """ST, 蓝筹 and 白马 sort listed companies; neither the phrase nor the category alone is a name."""
    assert not orgs(nlp, text)


def test_a_description_counted_once_is_a_kind_wherever_it_is_repeated(nlp: Language) -> None:
    text = "上海某配资公司的客户经理告知记者。监管要求配资公司加强风险控制。"
    assert not orgs(nlp, text)


def test_a_name_repeated_without_a_count_stays_a_name(nlp: Language) -> None:
    text = "弘鼎公司的客户经理告知记者。监管要求弘鼎公司加强风险控制。"
    assert "弘鼎公司" in orgs(nlp, text)


def test_an_industry_before_an_activity_head_is_investment_in_it(nlp: Language) -> None:
    assert not orgs(nlp, "预计明年房地产投资将滑落到5%左右。")
    assert "弘鼎地产投资" in orgs(nlp, "弘鼎地产投资宣布增资。")


@pytest.mark.parametrize(
    "text",
    [
        "做一家美国的无人驾驶公司很难。作为一家中国的无人驾驶公司，路会很长。",
        "只花一点钱就能控股一家全国领先的房地产公司。",
    ],
)
def test_a_count_before_a_phrase_with_de_makes_a_kind(nlp: Language, text: str) -> None:
    assert not {name for name in orgs(nlp, text) if name.endswith("公司")}


def test_a_name_after_a_phrase_with_de_and_no_count_stays(nlp: Language) -> None:
    assert "弘鼎公司" in orgs(nlp, "他曾任星河集团旗下的弘鼎公司总经理。")


@pytest.mark.parametrize(
    ("text", "investor", "wrong"),
    [
        ("红杉投资美团后获得丰厚回报。", "美团", "红杉投资"),
        ("媒体报道了招商银行投资永隆银行浮亏的消息。", "招商银行", "招商银行投资"),
        ("此前测算，钜盛华投资万科浮盈超过五百亿元。", "万科", "钜盛华投资"),
    ],
)
def test_invest_before_a_name_is_the_verb(nlp: Language, text: str, investor: str, wrong: str) -> None:
    found = orgs(nlp, text)
    assert investor in found
    assert wrong not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [("红杉投资发布公告。", "红杉投资"), ("重阳投资举牌燕京啤酒。", "重阳投资")],  # 举牌: a verb jieba does not know
)
def test_a_firm_named_for_investment_stays_before_a_verb(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


def test_investment_between_countries_is_no_firm(nlp: Language) -> None:
    assert not orgs(nlp, "为两国投资合作走深走实提供指引。")
