"""kg/nlp/recognize/stock_names.py: the short name before a stock code names a listed company.

Every sentence here is invented; 星河, 顺捷, 一禾堂, 中弘, 和泰 and the others are made-up names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # common words, and words the segmenter cuts apart, name a company before its code
        ("智慧农庄(000999)受益于一号文件。", {"智慧农庄"}),
        ("中弘科技(002999)超跌反弹。", {"中弘科技"}),
        # Hong Kong codes: five digits, with or without .HK, or the Stock Connect mark 通
        ("星河控股(01999)下跌4%，顺捷地产(00999)急跌9%。", {"星河控股", "顺捷地产"}),
        ("※ 花旗下调星河电信（00999．通）评级。", {"星河电信"}),
        ("比如顺捷清洁能源（1999.HK）的涨幅也很可观。", {"顺捷清洁能源"}),
        # what stands before the name: a copula, a list's verb, a buying verb, a class noun
        ("另外一个反面教材则是一禾堂（002999.SZ）。", {"一禾堂"}),
        ("已有包括和泰股份(300999)、星河科技(002998)在内的公司披露业绩。", {"和泰股份", "星河科技"}),
        ("可考虑买入中光防务(300999)。", {"中光防务"}),
        ("以生物医药公司星河大药厂(00999)为例。", {"星河大药厂"}),
        ("中午和泰股份（300999.SZ）大涨。", {"和泰股份"}),
    ],
)
def test_the_name_before_a_stock_code_is_a_company(nlp: Language, text: str, names: set[str]) -> None:
    assert names <= {surface for surface, _ in candidates(nlp, text, "stock_name")}
    assert names <= orgs(nlp, text)


def test_a_special_treatment_mark_is_no_part_of_the_name(nlp: Language) -> None:
    assert orgs(nlp, "*ST星河（002999）被银行起诉。") == {"星河"}


@pytest.mark.parametrize(
    "text",
    [
        "沪深300指数（000300）下跌，原油（501018）上涨。",  # an index and a commodity fund have codes too
        "《国民经济核算体系（2016）》发布。",  # a year in brackets is no code
        "公司（600999）公告称，股票复牌。",  # the company, not a name
    ],
)
def test_no_company_before_what_is_no_stock_code_or_before_a_kind(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "stock_name") == set()
    assert not orgs(nlp, text)


def test_the_short_names_of_a_holdings_table_are_companies(nlp: Language) -> None:
    text = "股票代码股票名称占净值比例600999星河地产9.47%000999顺捷A7.93%300999一禾堂5.1%"
    assert candidates(nlp, text, "stock_table") == {("星河地产", "ORG"), ("顺捷", "ORG"), ("一禾堂", "ORG")}
    funds = "开户购买001999翰岳创业板A4.04%1.00% 开户购买001998鹏扬上证50ETF联接18.03"
    assert not candidates(nlp, funds, "stock_table")  # funds on an index


@pytest.mark.parametrize(
    "text",
    [
        "沪深300指数000300收于3500点。",  # an index's code is no company's
        "订单编号600999123已发货。",  # a longer number holds no code
        "截至2018年底共有600家公司披露年报。",
    ],
)
def test_no_company_in_a_row_without_an_a_share_code_and_a_name(nlp: Language, text: str) -> None:
    assert not candidates(nlp, text, "stock_table")


def test_a_name_before_a_days_change_is_a_listed_company(nlp: Language) -> None:
    text = "家电股领涨：翰岳电器(+0.56%)、顺捷股份（-1.20%）、鹏扬A(+0.18%)等。"
    # 鹏扬A: the share class letter is the stock's, the company is 鹏扬
    assert candidates(nlp, text, "stock_change") == {("翰岳电器", "ORG"), ("顺捷股份", "ORG"), ("鹏扬", "ORG")}


@pytest.mark.parametrize(
    "text",
    [
        "公司营收(+5.2%)与净利润(+3%)均增长。",
        "上证指数(-1.2%)、深证成指(-1.5%)下跌。",
        "溢价率（5.15%）则高于历史均值（-4.74%）。",  # one figure compared with another, no list
        "翰岳电器(+0.56%)今日领涨。",  # a change alone: too little to tell a stock
    ],
)
def test_a_figure_before_a_change_is_no_company(nlp: Language, text: str) -> None:
    assert not candidates(nlp, text, "stock_change")


def test_a_company_whose_name_opens_with_an_index_providers_word_is_still_one(nlp: Language) -> None:
    """恒生 names an index provider too; a fund on its index ends in it, 恒生电子 does not."""
    assert candidates(nlp, "重仓股600570恒生电子3.21%", "stock_table") == {("恒生电子", "ORG")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("湖北宜化、ST鼎岳、大唐电信等继续跌停。", "鼎岳"),
        ("ST拓澜刚跌破1元，*ST晟岚又曝出问题。", "拓澜"),
        ("ST拓澜刚跌破1元，*ST晟岚又曝出问题。", "晟岚"),
        ("*ST晟岚于2016年2月29日停牌。", "晟岚"),
    ],
)
def test_the_name_after_a_status_mark_is_a_listed_company(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "两市依旧有50多只非ST涨停，没有一只非ST跌停。",
        "公司随即被打入ST行列，向上交所提出撤销实施ST处理。",
        "ST板块全线下跌，ST股遭到抛售。",
        "避免成为*ST一族。",
    ],
)
def test_what_a_status_mark_does_or_classes_are_no_names(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "stock_status") == set()


def test_a_name_cut_short_by_a_noun_after_the_mark_is_left_to_other_rules(nlp: Language) -> None:
    assert candidates(nlp, "*ST拓澜股价跌破1元。", "stock_status") == set()
