"""Relative clauses and apposition: A推出的B, B是A推出的, A旗下的B, 美国公司A, 来自X的A, A（B的子公司）, and a
relative clause that says what the subject is (由A发起设立的企业, 作为A监管的企业)."""

from __future__ import annotations

import pytest

ENTITIES = {
    "星河科技": "ORG",
    "蓝海集团": "ORG",
    "远山资本": "ORG",
    "金融监管总局": "ORG",
    "星河钱包": "PRODUCT",
    "绿洲": "ORG",
    "美国": "LOC",
    "新加坡": "LOC",
}


@pytest.mark.parametrize(
    "text",
    [
        "星河科技推出的星河钱包已有千万用户。",
        "星河钱包是星河科技推出的。",
        "星河科技去年推出的星河钱包今年升级。",
    ],
)
def test_a_relative_clause_names_the_launcher(read, text: str) -> None:
    assert ("星河科技", "launched", "星河钱包") in read(text, ENTITIES)


def test_a_product_under_a_company_is_operated_by_it(read) -> None:
    assert ("星河科技", "operates", "星河钱包") in read("星河科技旗下的星河钱包用户过亿。", ENTITIES)


def test_an_owner_before_its_product(read) -> None:
    assert ("星河科技", "operates", "星河钱包") in read("星河科技的星河钱包上线三年。", ENTITIES)
    assert ("星河科技", "operates", "星河钱包") in read("星河科技星河钱包的用户过亿。", ENTITIES)


@pytest.mark.parametrize("text", ["美国公司绿洲宣布裁员。", "美国最大的电商企业绿洲宣布裁员。"])
def test_a_place_and_a_class_before_a_name(read, text: str) -> None:
    assert ("绿洲", "located_in", "美国") in read(text, ENTITIES)


def test_from_a_place(read) -> None:
    assert ("绿洲", "located_in", "新加坡") in read("来自新加坡的绿洲也参与了竞标。", ENTITIES)


def test_a_subsidiary_in_brackets(read) -> None:
    assert ("远山资本", "subsidiary_of", "蓝海集团") in read("远山资本（蓝海集团的全资子公司）出资5亿元。", ENTITIES)


def test_a_relative_clause_after_the_subject_describes_it(read) -> None:
    text = "星河科技成立于2010年，由蓝海集团、远山资本共同发起设立的科技企业。"
    found = read(text, ENTITIES)
    assert {("蓝海集团", "invested_in", "星河科技"), ("远山资本", "invested_in", "星河科技")} <= found


def test_as_what_a_regulator_oversees(read) -> None:
    found = read("作为金融监管总局监管的企业，星河科技每季度披露数据。", ENTITIES)
    assert ("金融监管总局", "regulates", "星河科技") in found


def test_a_relative_clause_with_no_name_at_its_head_says_nothing(read) -> None:
    found = read("星河科技推出的产品广受欢迎，蓝海集团也看好。", ENTITIES)
    assert {t for t in found if t[1] == "launched"} == set()


def test_a_relative_clause_head_is_not_inside_a_phrase_a_marker_opens(read) -> None:
    found = read("星河科技主办的为星河钱包送祝福活动收到了回应。", ENTITIES)
    assert ("星河科技", "launched", "星河钱包") not in found


def test_a_place_with_a_few_words_before_of_is_in_a_relative_clause(read) -> None:
    found = read("星河科技对位于新加坡滨海湾南岸的一座仓库发起收购。", ENTITIES)
    assert ("星河科技", "located_in", "新加坡") not in found


@pytest.mark.parametrize(
    "text",
    [
        "星河科技收购了位于新加坡西部裕廊等多个工业区的三座仓库。",
        "星河科技租下位于美国得克萨斯州奥斯汀北郊多个园区的办公楼。",
    ],
)
def test_a_place_after_a_verb_opens_a_relative_clause_however_long(read, text: str) -> None:
    """袭击了位于A南部B等地区的设施: 位于 is the object of the verb before it, so what it locates is the noun after
    的, however many words lie between; the subject of the sentence is not located there."""
    assert {t for t in read(text, ENTITIES) if t[1] == "located_in"} == set()


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("星河科技位于新加坡，主要开发支付软件。", ("星河科技", "located_in", "新加坡")),
        ("蓝海集团总部位于美国，员工遍布全球。", ("蓝海集团", "located_in", "美国")),
        ("远山资本收购了位于新加坡的星河科技。", ("星河科技", "located_in", "新加坡")),
    ],
)
def test_a_subject_or_the_noun_after_of_is_still_located(read, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in read(text, ENTITIES)


@pytest.mark.parametrize(
    "text",
    [
        "星河科技与蓝海集团投资百亿元的“星河乐园综合体”拟落户新加坡。",
        "星河科技投资的主题乐园将落户新加坡。",
    ],
)
def test_what_a_relative_clause_describes_settles_not_its_investors(read, text: str) -> None:
    """A投资的“X”拟落户Y: X settles in Y; the words of intent (拟, 将) between it and the verb do not hide it."""
    assert {t for t in read(text, ENTITIES) if t[1] == "located_in"} == set()


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("星河科技拟落户新加坡。", ("星河科技", "located_in", "新加坡")),
        ("星河科技将在新加坡推出星河钱包。", ("星河科技", "launched", "星河钱包")),
    ],
)
def test_a_subject_before_a_word_of_intent_still_acts(read, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in read(text, ENTITIES)
