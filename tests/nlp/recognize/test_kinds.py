"""Kinds are no names, by class: a board of an exchange, a kind of transaction before 计划/方案, an indicator before
指数, a nationwide platform. Each class has sentences that must give no name and sentences that still must.

Every sentence here is invented; 星河, 顺捷 and 鹏扬 are made-up names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import entities


def names(nlp: Language, text: str, label: str) -> set[str]:
    return {surface for surface, found in entities(nlp, text) if found == label}


@pytest.mark.parametrize(
    "text",
    [
        "今天创业板整体走弱，科创板成交放大。",
        "新三板挂牌企业数量回落，中小板表现平稳。",
        "多家科创板公司发布年报。",
    ],
)
def test_a_board_of_an_exchange_is_no_product_and_no_company(nlp: Language, text: str) -> None:
    found = entities(nlp, text)
    assert not {surface for surface, _ in found} & {"创业板", "科创板", "新三板", "中小板", "科创板公司"}


def test_an_index_of_a_board_is_still_a_product(nlp: Language) -> None:
    assert "创业板指数" in names(nlp, "创业板指数今天下跌两个百分点。", "PRODUCT")
    assert "创业板指" in names(nlp, "收盘时创业板指下跌两个百分点。", "PRODUCT")  # its known short form


@pytest.mark.parametrize(
    "text",
    [
        "部分券商资管计划到期后不得展期。",
        "鹏扬基金通过七个资管计划参与了定增。",
        "星河股份去年实施了二十亿元的定增方案。",
        "三家机构参与了顺捷科技定增计划。",
        "星河集团今天公布员工持股计划。",
        "顺捷股份控股股东披露增持计划和回购方案。",
        "信托公司开展专项资管计划业务。",
    ],
)
def test_a_kind_of_transaction_before_a_plan_is_no_programme(nlp: Language, text: str) -> None:
    assert names(nlp, text, "INITIATIVE") == set()


@pytest.mark.parametrize(
    ("text", "programme"),
    [
        ("星河银行推出春耕助农计划。", "春耕助农计划"),
        ("东莞市实施科技企业倍增计划。", "科技企业倍增计划"),
        ("星河集团启动“百城焕新”计划。", "百城焕新"),
    ],
)
def test_a_named_plan_is_still_a_programme(nlp: Language, text: str, programme: str) -> None:
    assert any(programme in name for name in names(nlp, text, "INITIATIVE"))


@pytest.mark.parametrize(
    "text",
    [
        "美国三月密歇根大学消费者信心指数小幅回落。",
        "二月全国快递发展指数同比增长四个百分点。",
        "该机构表示，其非制造业活动指数升至五十六。",
        "四季度个人消费价格指数环比上涨。",
        # what trade bodies and the statistics office count; after a launch verb or in title marks too
        "四月全国服务业生产指数同比增长五个百分点。",
        "联合会发布的中国电商物流指数为一百一十点，新订单指数继续回升。",
        "国家统计局今天发布八月份中国采购经理指数。",
        "世界知识产权组织发布《2026年全球创新指数》。",
    ],
)
def test_an_indicator_is_no_product(nlp: Language, text: str) -> None:
    assert not any(name.endswith("指数") for name in names(nlp, text, "PRODUCT"))


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("恒生指数今天收涨百分之一。", "恒生指数"),
        ("纳斯达克综合指数再创新高。", "纳斯达克综合指数"),
        ("星河中证消费指数年内上涨。", "星河中证消费指数"),
        ("东京证券交易所股票价格指数收跌一个百分点。", "东京证券交易所股票价格指数"),  # a market's price index
    ],
)
def test_a_market_index_is_still_a_product(nlp: Language, text: str, index: str) -> None:
    assert index in names(nlp, text, "PRODUCT")


def test_a_nationwide_platform_is_a_kind_but_a_national_one_is_named(nlp: Language) -> None:
    assert names(nlp, "顺捷物流搭建的全国性平台让货主更快找到车。", "PRODUCT") == set()
    assert "国家医保信息平台" in names(nlp, "国家医保信息平台今天上线。", "PRODUCT")


@pytest.mark.parametrize(
    "text",
    [
        "白马股负责人表示，业绩仍将稳定增长。",  # a role word after a category of stocks
        "今年以来，大盘蓝筹股与银行合作推出新产品。",
        "券商板块今天领涨两市。",
    ],
)
def test_a_category_of_stocks_or_a_sector_is_no_organization(nlp: Language, text: str) -> None:
    assert not {name for name, label in entities(nlp, text) if label == "ORG"}


def test_a_holding_company_ending_in_the_same_character_stays_a_name(nlp: Language) -> None:
    assert ("鼎泰控股", "ORG") in entities(nlp, "鼎泰控股今日发布公告。")
