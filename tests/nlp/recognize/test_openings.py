"""kg/nlp/recognize/openings.py: names that open at a given name before a middle dot or at a global scope.

Every sentence here is invented; 星河, 顺捷, 弘鼎 and 海东 (as a firm) are made-up names, the others widely known.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import entities, orgs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a transcribed given name joined by a middle dot opens the name of what is named after the person
        ("根据美国约翰斯·霍普金斯大学的统计数据。", "约翰斯·霍普金斯大学"),
        ("代表团参观了菲德尔·卡斯特罗中心。", "菲德尔·卡斯特罗中心"),
        ("在秘鲁，里卡多·帕尔马大学孔子学院举办活动。", "里卡多·帕尔马大学孔子学院"),
    ],
)
def test_a_given_name_and_a_middle_dot_open_the_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


def test_a_place_and_a_middle_dot_stay_apart(nlp: Language) -> None:
    found = entities(nlp, "位于甘肃·庆阳星河科技园的数据中心。")
    assert ("甘肃", "LOC") in found
    assert not any("·" in surface for surface, _ in found)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a global scope and field words before 倡议 name one programme, even of common words
        ("星河国提出全球发展倡议和全球文明倡议。", {"全球发展倡议", "全球文明倡议"}),
        ("各方积极响应全球发展倡议。", {"全球发展倡议"}),
        ("该国发布全球数据安全倡议。", {"全球数据安全倡议"}),
    ],
)
def test_a_global_scope_names_a_programme(nlp: Language, text: str, names: set[str]) -> None:
    initiatives = {surface for surface, label in entities(nlp, text) if label == "INITIATIVE"}
    assert names <= initiatives


def test_a_global_appeal_without_a_field_is_no_programme(nlp: Language) -> None:
    assert not entities(nlp, "多家机构发起全球倡议，呼吁停火。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("龙头股腾讯控股已经突破4万亿港元市值。", "腾讯控股"),
        ("取款全是假钞南京银行称操作无漏洞。", "南京银行"),
        ("另外苹果概念股歌尔股份获加仓。", "歌尔股份"),  # known from the gazetteer, behind a class of stocks
    ],
)
def test_common_words_before_a_known_organization_open_no_name(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert not {other for other in found if other != name and other.endswith(name)}


def test_a_place_before_a_known_organization_stays_in_the_name(nlp: Language) -> None:
    assert "中国工商银行" in orgs(nlp, "中国工商银行发布公告。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("当地民众集会，抗议日本政府的决定。", "日本政府"),  # jieba tags 抗议 as a proper noun
        ("我谨代表中国政府对遇难者表示哀悼。", "中国政府"),
        ("全力支持香港特区政府推进金融中心建设。", "香港特区政府"),
        ("2025财年美国联邦政府赤字扩大。", "美国联邦政府"),
    ],
)
def test_a_place_led_institution_is_whole_and_the_words_before_it_are_the_sentences(
    nlp: Language, text: str, name: str
) -> None:
    found = orgs(nlp, text)
    assert name in found and not any(other.endswith(name) and other != name for other in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("郯城县卫生局发布通知。", "郯城县卫生局"),  # a place before it is part of it
        ("国家中医药局日前印发通知。", "国家中医药局"),  # not led by a place: left as the rules read it
    ],
)
def test_a_place_or_a_name_before_an_institution_stays_in_its_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("建行佛山分行相关负责人提醒持卡人注意安全。", "建行佛山分行"),  # the segmenter tags 建行 as a verb
        ("星河集团北京办事处今天正式开业。", "星河集团北京办事处"),
        ("农行广东省深圳市分行推出新的贷款产品。", "农行广东省深圳市分行"),
        ("建行上海市分行、农行上海市分行均表示。", "建行上海市分行"),  # 上海市分行: one word to the segmenter
    ],
)
def test_a_known_parent_before_a_place_opens_its_units_name(nlp: Language, text: str, unit: str) -> None:
    assert unit in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("他离开建行后加入了佛山分行。", "佛山分行"),  # words stand between the bank and the branch
        ("建行表示佛山分行将扩大信贷投放。", "佛山分行"),
    ],
)
def test_no_parent_across_other_words(nlp: Language, text: str, unit: str) -> None:
    found = orgs(nlp, text)
    assert unit in found and not any(name.endswith(unit) and name != unit for name in found)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("今年1月，某银行武汉分行一名工作人员到公司办理业务。", "武汉"),
        ("记者从某国有银行广州分行得到一份调研报告。", "广州"),
        ("一家外资银行上海分行的负责人表示。", "上海"),
    ],
)
def test_a_unit_of_a_kind_of_institution_is_no_name(nlp: Language, text: str, place: str) -> None:
    """某银行武汉分行: the parent is named by its kind only, so the unit has no name; its place is still one."""
    assert orgs(nlp, text) == set()
    assert (place, "LOC") in entities(nlp, text)
