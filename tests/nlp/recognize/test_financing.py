"""kg/nlp/recognize/financing.py: the parties of a financing round.

Every sentence here is invented; 云栖小店, 蓝鲸智能, 甲虫科技, 石头科技 and 星河资本 are made-up names (the last
three made only of common words, which no head-word rule takes for a name)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("2019年5月，云栖小店宣布完成B轮融资。", {"云栖小店"}),
        ("本轮融资由星河资本领投，老股东跟投。", {"星河资本"}),
        ("石头科技在2022年获得1亿元A轮融资。", {"石头科技"}),
        ("此外，蓝鲸智能、甲虫科技等在2021年获得两轮融资。", {"蓝鲸智能", "甲虫科技"}),  # a list closed by 等
        ("ABC小铺宣布再次获得融资，总金额3000万美元。", {"ABC小铺"}),
        ("海豚智能近日获得数千万元战略投资。", {"海豚智能"}),
    ],
)
def test_the_parties_of_a_round_are_organizations(nlp: Language, text: str, names: set[str]) -> None:
    assert names <= {name for name, _ in candidates(nlp, text, "round_party")}
    assert names <= orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "一家科技公司获得融资。",  # a class word before a kind
        "智能家居获得大量投资。",  # a field, not a company
        "投资者获得投资收益。",  # a return, no round
        "北京市完成固定资产投资5000亿元。",  # money spent, and a place
        "2023年，力争完成重点投资项目不少于800项。",  # a project, not a round
        "创始人张伟宣布完成天使轮融资。",  # a person after a title
        "碧桂园公告获得17.81亿港元贷款融资。",  # the notice is not part of the name
    ],
)
def test_no_party_where_the_frame_names_none(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "round_party") == set()


def test_without_the_round_a_line_with_a_common_stem_names_a_kind(nlp: Language) -> None:
    assert "石头科技" not in orgs(nlp, "石头科技的发展离不开材料创新。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2020年登陆科创板的石头科技，在2021年被称为明星企业。", "石头科技"),
        ("海豚智能于2021年在科创板上市。", "海豚智能"),
        ("云栖小店登陆纳斯达克，成为首家上市的社区电商。", "云栖小店"),
    ],
)
def test_the_company_listed_on_a_market_is_an_organization(nlp: Language, text: str, name: str) -> None:
    assert name in {n for n, _ in candidates(nlp, text, "listed_company") | candidates(nlp, text, "round_party")}
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "登陆科创板的企业，普遍研发投入较高。",
        "多家企业登陆科创板。",
        "推动更多企业在科创板上市。",
        "新车将于下月上市。",
    ],
)
def test_no_listed_company_where_a_kind_lists(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "listed_company") | candidates(nlp, text, "round_party") == set()
