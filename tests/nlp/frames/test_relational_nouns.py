"""Relational nouns with a slot: the member and the anchor of 股东, 子公司, 投资方, 运营方, 试点城市, 总部, 监管部门 …,
however the sentence realizes them."""

from __future__ import annotations

import pytest

ORGS = {"星河科技": "ORG", "远山资本": "ORG", "青松创投": "ORG", "蓝海集团": "ORG", "白鹭银行": "ORG"}


@pytest.mark.parametrize(
    "text",
    [
        "星河科技的股东包括远山资本、青松创投。",  # X的N包括 LIST
        "星河科技的股东为远山资本和青松创投。",  # X的N为 LIST
        "远山资本、青松创投等两家机构是星河科技的股东。",  # LIST 是 X的N
        "远山资本、青松创投均为星河科技的战略投资者。",  # A均为X的N
    ],
)
def test_shareholders_of_a_company(read, text: str) -> None:
    found = read(text, ORGS)
    assert ("远山资本", "invested_in", "星河科技") in found
    assert ("青松创投", "invested_in", "星河科技") in found


def test_investors_named_after_the_noun_take_the_company_the_text_is_about(read) -> None:
    text = "星河科技近日宣布完成B轮融资。投资方为远山资本、青松创投等。"
    found = read(text, ORGS)
    assert {("远山资本", "invested_in", "星河科技"), ("青松创投", "invested_in", "星河科技")} <= found


def test_a_list_closed_by_the_noun_belongs_to_the_subject(read) -> None:
    found = read("蓝海集团计划出售星河科技、白鹭银行等子公司的股权。", ORGS)
    assert ("星河科技", "subsidiary_of", "蓝海集团") in found
    assert ("白鹭银行", "subsidiary_of", "蓝海集团") in found


def test_the_member_after_the_noun(read) -> None:
    assert ("星河科技", "subsidiary_of", "蓝海集团") in read("蓝海集团旗下的星河科技发布了年报。", ORGS)
    assert ("星河科技", "subsidiary_of", "蓝海集团") in read("蓝海集团的全资子公司星河科技昨日开业。", ORGS)


def test_a_copula_after_a_comma_keeps_the_subject(read) -> None:
    found = read("收购方星河科技来头不小，是蓝海集团的控股子公司。", ORGS)
    assert ("星河科技", "subsidiary_of", "蓝海集团") in found


def test_the_noun_in_brackets_after_a_name(read) -> None:
    assert ("星河科技", "subsidiary_of", "蓝海集团") in read("星河科技（蓝海集团的子公司）今年营收大增。", ORGS)


def test_as_a_member_of_its_anchor(read) -> None:
    found = read("作为蓝海集团的第一大股东，远山资本一直支持其转型。", ORGS)
    assert ("远山资本", "invested_in", "蓝海集团") in found


def test_a_parent_company_points_the_other_way(read) -> None:
    found = read("星河科技，也就是白鹭银行的母公司，今年利润翻番。", ORGS)
    assert ("白鹭银行", "subsidiary_of", "星河科技") in found
    assert ("星河科技", "subsidiary_of", "白鹭银行") not in found


def test_a_controlling_shareholder_to_be(read) -> None:
    found = read("若交易完成，远山资本将成为星河科技的控股股东。", ORGS)
    assert ("远山资本", "invested_in", "星河科技") in found


def test_pilot_cities_of_the_programme_named_before(read) -> None:
    entities = {"数字乡村示范工程": "INITIATIVE", "宜昌": "LOC", "赣州": "LOC", "遵义": "LOC"}
    text = "去年，数字乡村示范工程正式启动。宜昌、赣州、遵义等3个城市（下称“首批”试点城市）已取得成效。"
    found = read(text, entities)
    assert {("数字乡村示范工程", "deployed_at", city) for city in ("宜昌", "赣州", "遵义")} <= found


def test_a_seat_names_where_the_subject_is(read) -> None:
    found = read("星河科技成立于2015年，注册地杭州，注册资本1亿元。", {**ORGS, "杭州": "LOC"})
    assert ("星河科技", "located_in", "杭州") in found


def test_an_operator_and_a_regulator(read) -> None:
    entities = {**ORGS, "星河支付": "PRODUCT", "金融监管总局": "ORG"}
    assert ("白鹭银行", "operates", "星河支付") in read("星河支付的运营方为白鹭银行。", entities)
    assert ("金融监管总局", "regulates", "白鹭银行") in read("白鹭银行的监管部门是金融监管总局。", entities)


@pytest.mark.parametrize(
    "text",
    [
        "远山资本是国内领先的投资机构。",  # the noun's owner is named, and is no entity of ours
        "星河科技的股东大会通过了远山资本的提案。",  # 股东 inside 股东大会
        "远山资本派出的投资人表示看好星河科技。",  # an investor of no one in this sentence
    ],
)
def test_no_relation_without_the_nouns_slots(read, text: str) -> None:
    assert {t for t in read(text, ORGS) if t[1] == "invested_in"} == set()


def test_a_list_that_goes_on_past_a_comma(read) -> None:
    found = read("星河科技正在筹建，股东包括5家地方国企，远山资本以及青松创投等。", ORGS)
    assert {("远山资本", "invested_in", "星河科技"), ("青松创投", "invested_in", "星河科技")} <= found


def test_a_body_under_another(read) -> None:
    assert ("远山资本", "subsidiary_of", "蓝海集团") in read("星河科技背后是蓝海集团下的远山资本。", ORGS)


def test_mostly_of_a_kind_names_no_member(read) -> None:
    text = "星河科技的股东以地方国企子公司为主，远山资本、青松创投各持股5%。"
    assert ("远山资本", "subsidiary_of", "星河科技") not in read(text, ORGS)


def test_a_noun_that_modifies_another_says_nothing_by_a_copula(read) -> None:
    found = read("星河科技为蓝海集团旗下私募产品的重仓品种。", ORGS)
    assert ("星河科技", "subsidiary_of", "蓝海集团") not in found


def test_a_parent_right_before_its_noun_is_the_last_of_a_list(read) -> None:
    found = read("包括白鹭银行、星河科技母公司蓝海集团在内的机构。", ORGS)
    assert ("星河科技", "subsidiary_of", "蓝海集团") in found
    assert ("白鹭银行", "subsidiary_of", "蓝海集团") not in found


def test_a_kindred_word_between_the_owner_and_its_noun(read) -> None:
    found = read("远山资本是蓝海集团下设的全资另类投资子公司。", ORGS)
    assert ("远山资本", "subsidiary_of", "蓝海集团") in found


def test_a_partner_joined_by_yu_is_no_second_member(read) -> None:
    found = read("星河科技公告，控股股东远山资本与白鹭银行签署备忘录。", ORGS)
    assert ("远山资本", "invested_in", "星河科技") in found
    assert ("白鹭银行", "invested_in", "星河科技") not in found


@pytest.mark.parametrize("first", ["白鹭银行", "苹果"])  # the item before is an entity or not
def test_a_noun_inside_a_list_item_has_only_the_member_right_after_it(read, first: str) -> None:
    found = read(f"{first}、星河科技母公司蓝海集团、远山资本今晚公布财报。", ORGS)
    assert ("星河科技", "subsidiary_of", "蓝海集团") in found
    assert ("星河科技", "subsidiary_of", "远山资本") not in found


def test_a_noun_with_an_anchor_of_its_own_keeps_the_whole_list_after_it(read) -> None:
    found = read("蓝海集团旗下子公司星河科技、远山资本今年均有盈利。", ORGS)
    assert ("星河科技", "subsidiary_of", "蓝海集团") in found
    assert ("远山资本", "subsidiary_of", "蓝海集团") in found


def test_an_investor_whose_company_goes_unnamed_is_not_what_the_next_investors_fund(read) -> None:
    found = read("同时，A轮领投方远山资本继续跟进，老股东白鹭银行、青松创投参与跟投。", ORGS)
    assert not {t for t in found if t[2] == "远山资本"}
    found = read("星河科技完成融资。同时，A轮领投方远山资本继续跟进，老股东白鹭银行、青松创投参与跟投。", ORGS)
    assert ("青松创投", "invested_in", "星河科技") in found
    assert not {t for t in found if t[2] == "远山资本"}


PILOTS = {
    "“绿色工厂”试点": "INITIATIVE",
    "“7+3”试点": "INITIATIVE",
    "国务院": "ORG",
    "杭州": "LOC",
    "宁波": "LOC",
    "福建省": "LOC",
    "光泽县": "LOC",
    "天津": "LOC",
    "雄安新区": "LOC",
}


def test_a_number_label_before_a_pilot_noun_is_no_programme_and_the_programme_before_holds_the_list(read) -> None:
    text = (
        "国务院启动“绿色工厂”试点。"
        "杭州、宁波等2个城市和雄安新区、中新天津生态城、福建省光泽县等3个地区（下称“7+3”试点城市）进展顺利。"
    )
    found = {t for t in read(text, PILOTS) if t[1] == "deployed_at"}
    assert found == {("“绿色工厂”试点", "deployed_at", p) for p in ("杭州", "宁波", "雄安新区", "光泽县")}


def test_a_name_that_a_pilot_noun_cuts_through_stays_a_name(read) -> None:
    entities = {**PILOTS, "绿色工厂试点": "INITIATIVE"}
    found = read("国务院启动“绿色工厂”试点。杭州、宁波等绿色工厂试点城市进展顺利。", entities)
    assert ("“绿色工厂”试点", "deployed_at", "杭州") not in found  # not the programme before: this one is named
