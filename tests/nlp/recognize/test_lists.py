"""kg/nlp/recognize/lists.py: members of lists closed by a class noun or an exact count, and of 、-lists.

Every sentence here is invented; 星河, 顺捷 and 鹏扬 are made-up names, the others widely known organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, entities, orgs


def test_list_members_take_the_type_of_the_closing_class(nlp: Language) -> None:
    text = "哈尔滨松雷商场、大连星海广场、长沙五一商城等商业综合体接入云闪付。"
    members = {"哈尔滨松雷商场", "大连星海广场", "长沙五一商城"}
    assert {(m, "ORG") for m in members} <= candidates(nlp, text, "list_member")
    assert members <= orgs(nlp, text)
    text = "顺捷物流、星河快递、鹏扬速递等快递公司加入。"
    assert orgs(nlp, text) == {"顺捷物流", "星河快递", "鹏扬速递"}


@pytest.mark.parametrize("text", ["云闪付已覆盖交通、零售、餐饮等领域。", "商户涵盖超市、便利店、药店等多种业态。"])
def test_lists_of_common_nouns_give_nothing(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "list_member") == set()
    assert {label for _, label in entities(nlp, text)} <= {"PRODUCT"}  # only 云闪付, a known product


def test_a_list_closed_by_an_exact_count_types_its_members(nlp: Language) -> None:
    found = entities(nlp, "用户可免费使用星河彩铃、星河助理和 192 邮箱三项增值业务。")
    assert {("星河彩铃", "PRODUCT"), ("星河助理", "PRODUCT"), ("192 邮箱", "PRODUCT")} <= found


def test_a_count_that_does_not_match_the_list_types_nothing(nlp: Language) -> None:
    found = entities(nlp, "用户可免费使用星河彩铃、星河助理两项增值服务和其他功能。")
    assert ("星河助理", "PRODUCT") not in found or ("星河彩铃", "PRODUCT") in found


def test_product_series_with_model_numbers(nlp: Language) -> None:
    found = entities(nlp, "包括华为 P30 系列、华为 nova5 系列、Mate 20 X 在内的 11 款产品开启升级。")
    assert {("华为 P30 系列", "PRODUCT"), ("华为 nova5 系列", "PRODUCT"), ("Mate 20 X", "PRODUCT")} <= found


@pytest.mark.parametrize(
    "text",
    [
        "游客可以体验钓鱼、露营、骑行等活动。",
        "代表们通过企业走访、实地调研等活动交流。",
        "星河银行提供延期还款、免费咨询等服务。",
    ],
)
def test_activities_in_a_list_are_no_programmes(nlp: Language, text: str) -> None:
    assert not {label for _, label in entities(nlp, text)} & {"PRODUCT", "INITIATIVE"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("星河集团举办星河论坛、顺捷大赛等活动。", {"顺捷大赛"}),  # a head word types the member
        ("活动包括“星河快跑”、“顺捷同行”等活动。", {"星河快跑", "顺捷同行"}),  # quoted: a name, verb or not
    ],
)
def test_named_events_in_a_list_stay(nlp: Language, text: str, names: set[str]) -> None:
    assert names <= {surface for surface, label in entities(nlp, text) if label == "INITIATIVE"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("商场推出智能马桶、空气炸锅等产品。", set()),  # kinds of goods
        ("商场推出顺捷X5、鹏扬Pro等产品。", {"顺捷X5", "鹏扬Pro"}),  # models
    ],
)
def test_product_list_members_must_be_names(nlp: Language, text: str, names: set[str]) -> None:
    assert {surface for surface, label in entities(nlp, text) if label == "PRODUCT"} == names


@pytest.mark.parametrize("text", ["张明、李华、王强等出席活动。", "星河科技、顺捷物流等推出新产品。"])
def test_a_verb_after_the_list_makes_the_noun_its_object(nlp: Language, text: str) -> None:
    """等出席活动: 活动 is what they attend, not the class the members belong to."""
    assert {label for _, label in candidates(nlp, text, "list_member")} <= {"ORG"}
    assert not {surface for surface, label in entities(nlp, text) if label in {"PRODUCT", "INITIATIVE"}}


def test_a_counted_list_is_typed_by_its_class_even_after_a_verb_like_word(nlp: Language) -> None:
    text = "星河通信推出视频彩铃、通信助理和192邮箱三项增值业务。"
    assert {("视频彩铃", "PRODUCT"), ("通信助理", "PRODUCT")} <= candidates(nlp, text, "list_member")
