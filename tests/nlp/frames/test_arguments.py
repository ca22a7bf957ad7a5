"""Argument resolution: clauses joined by commas share their subject, 该公司/公司/其 refer back to the company the text
is about, and the head noun of a phrase decides what the argument is (新增A入口: an entry, not A)."""

from __future__ import annotations

import pytest

ENTITIES = {
    "星河科技": "ORG",
    "星河市金融管理委员会": "ORG",
    "白鹭银行": "ORG",
    "星河钱包": "PRODUCT",
    "星河云": "PRODUCT",
    "乡村振兴": "INITIATIVE",
}


def test_clauses_joined_by_commas_share_their_subject(read) -> None:
    found = read("星河科技去年推出星河钱包，今年又上线了星河云。", ENTITIES)
    assert {("星河科技", "launched", "星河钱包"), ("星河科技", "launched", "星河云")} <= found


def test_the_next_sentence_of_a_paragraph_keeps_the_subject(read) -> None:
    found = read("星河科技是一家支付公司。去年，推出了星河钱包。", ENTITIES)
    assert ("星河科技", "launched", "星河钱包") in found


def test_a_clause_with_a_subject_of_its_own_does_not_keep_the_earlier_one(read) -> None:
    found = read("星河科技发布财报，记者注意到，用户推出了星河钱包的测评。", ENTITIES)
    assert ("星河科技", "launched", "星河钱包") not in found


def test_the_company_refers_back(read) -> None:
    text = "星河科技今年营收大增。该公司推出的星河钱包用户过亿。"
    assert ("星河科技", "launched", "星河钱包") in read(text, ENTITIES)
    text = "星河科技今年营收大增。同时，公司还上线了星河云。"
    assert ("星河科技", "launched", "星河云") in read(text, ENTITIES)


def test_the_company_is_no_public_body(read) -> None:
    """该公司 after a commission opened the text stands for no company of the text: the commission is not one."""
    text = "星河市金融管理委员会今天宣布新规。此前有报道称，该公司推出的星河钱包用户过亿。"
    assert not {t for t in read(text, ENTITIES) if t[0] == "星河市金融管理委员会"}
    text = "星河市金融管理委员会今天宣布新规。星河科技表示，该公司推出的星河钱包用户过亿。"
    assert ("星河科技", "launched", "星河钱包") in read(text, ENTITIES)


def test_its_refers_back(read) -> None:
    found = read("星河科技今年营收大增，其星河钱包用户过亿。", ENTITIES)
    assert ("星河科技", "operates", "星河钱包") in found


def test_a_bare_company_word_inside_a_clause_is_not_the_topic(read) -> None:
    found = read("星河科技今年营收大增。一家公司推出了星河云。", ENTITIES)
    assert ("星河科技", "launched", "星河云") not in found


def test_the_head_noun_decides_the_object(read) -> None:
    assert read("白鹭银行新增星河钱包入口。", ENTITIES) == set()
    assert read("星河科技推出乡村振兴主题卡。", ENTITIES) == set()


def test_a_quoted_name_before_its_class_word_is_still_the_object(read) -> None:
    found = read("星河科技推出“星河钱包”移动支付产品。", ENTITIES)
    assert ("星河科技", "launched", "星河钱包") in found


def test_a_person_of_a_company_is_not_the_company(read) -> None:
    found = read("星河科技负责人表示，将推出星河云。", ENTITIES)
    assert ("星河科技", "launched", "星河云") not in found


def test_the_people_of_a_company_are_not_the_company(read) -> None:
    assert ("星河科技", "launched", "星河云") not in read("星河科技有关负责人介绍，将推出星河云。", ENTITIES)
    assert ("星河科技", "launched", "星河云") not in read("星河科技董事长在会上宣布推出星河云。", ENTITIES)


def test_a_programme_in_a_noun_phrase_undergoes_nothing(read) -> None:
    found = read("星河科技积极推动乡村振兴建设。", ENTITIES)
    assert ("星河科技", "launched", "乡村振兴") not in found


def test_a_product_launched_in_a_later_clause_is_the_subjects(read) -> None:
    found = read("星河科技成立于2015年，第一款产品星河钱包于2016年上市。", ENTITIES)
    assert ("星河科技", "launched", "星河钱包") in found


def test_a_company_word_refers_to_no_reporters_paper(read) -> None:
    entities = {**ENTITIES, "远山日报": "ORG"}
    found = read("远山日报记者注意到，公司以5亿元收购白鹭银行。", entities)
    assert ("远山日报", "invested_in", "白鹭银行") not in found


def test_an_owner_of_the_people_who_act_does_not_act(read) -> None:
    found = read("星河科技的高管和员工要跟投星河钱包项目。", {**ENTITIES, "星河钱包项目": "INITIATIVE"})
    assert ("星河科技", "invested_in", "星河钱包项目") not in found


@pytest.mark.parametrize(
    "text",
    [
        "星河科技发布年报，员工持股比例上升。",  # 员工 holds the shares
        "星河科技希望把握政府推出星河云的机遇。",  # 政府 launches
    ],
)
def test_a_noun_right_before_the_verb_is_its_subject(read, text: str) -> None:
    found = read(text, ENTITIES)
    assert not {t for t in found if t[0] == "星河科技" and t[1] in ("launched", "invested_in")}


def test_a_unit_of_a_company_is_where_it_is(read) -> None:
    found = read("星河科技第二分厂地处绿洲县。", {**ENTITIES, "绿洲县": "LOC"})
    assert ("星河科技", "located_in", "绿洲县") not in found


def test_a_phrase_of_time_keeps_the_subject(read) -> None:
    found = read("星河科技成立于2015年，在短短两年的时间里，第一款产品星河钱包于2017年上市。", ENTITIES)
    assert ("星河科技", "launched", "星河钱包") in found


HOLDERS = {"星河保险": "ORG", "顺捷理财": "ORG", "白鹭证券": "ORG"}


def test_shareholders_listed_hold_the_company_named_before_them(read) -> None:
    text = "星河保险的股东包括顺捷理财和白鹭证券等。顺捷理财持股比例为8%；白鹭证券持股比例为2%。"
    assert read(text, HOLDERS) == {("顺捷理财", "invested_in", "星河保险"), ("白鹭证券", "invested_in", "星河保险")}


def test_one_shareholder_never_holds_another_when_the_held_company_goes_unnamed(read) -> None:
    text = "新公司的股东包括顺捷理财和白鹭证券等。顺捷理财持股比例为8%；白鹭证券持股比例为2%。"
    assert read(text, HOLDERS) == set()


def test_the_topic_of_an_earlier_paragraph_fills_no_omitted_role(read) -> None:
    assert read("白鹭证券今年营收大增。\n新公司发起股东共17家，顺捷理财持股比例为8%。", HOLDERS) == set()
    assert read("白鹭证券宣布增资扩股。顺捷理财持股比例为8%。", HOLDERS) == {("顺捷理财", "invested_in", "白鹭证券")}


def test_the_held_company_of_the_last_paragraph_is_held_by_the_next_ones_holders(read) -> None:
    text = "星河保险的股东包括顺捷理财。\n白鹭证券持股比例为2%。"
    assert ("白鹭证券", "invested_in", "星河保险") in read(text, HOLDERS)


@pytest.mark.parametrize("heading", ["二、新一轮融资", "02 再次创业，顺捷理财又投了"])
def test_a_heading_ends_the_section_whose_held_company_it_was(read, heading: str) -> None:
    text = f"星河保险的股东包括顺捷理财。\n{heading}\n两年后完成新一轮融资，投资方为白鹭证券。"
    assert ("白鹭证券", "invested_in", "星河保险") not in read(text, HOLDERS)
    text = f"星河保险的股东包括顺捷理财。\n{heading}\n星河保险完成新一轮融资，投资方为白鹭证券。"
    assert ("白鹭证券", "invested_in", "星河保险") in read(text, HOLDERS)


@pytest.mark.parametrize("heading", ["二、股权结构", "03 谁在出资"])
def test_a_held_company_named_again_after_a_heading_holds_the_new_sections_holders(read, heading: str) -> None:
    text = f"星河保险的股东包括顺捷理财。\n{heading}\n星河保险注册资本为50亿元。\n其中，白鹭证券持股比例为2%。"
    assert ("白鹭证券", "invested_in", "星河保险") in read(text, HOLDERS)
    text = f"星河保险的股东包括顺捷理财。\n{heading}\n两年后，新公司注册资本为50亿元。\n其中，白鹭证券持股比例为2%。"
    assert ("白鹭证券", "invested_in", "星河保险") not in read(text, HOLDERS)


HOLDINGS = {"鹏扬科技": "ORG", "蓝海集团": "ORG", "顺捷物流": "ORG", "星河钱包": "PRODUCT"}


@pytest.mark.parametrize(
    "text",
    [
        "鹏扬科技与蓝海集团旗下的顺捷物流签署战略合作协议。",
        "鹏扬科技与蓝海集团下属的顺捷物流达成合作。",
        "鹏扬科技同蓝海集团旗下的顺捷物流签署合作协议。",
    ],
)
def test_what_a_holder_holds_takes_its_place_beside_a_partner(read, text: str) -> None:
    """A与B旗下的C合作: C is the partner; B only says whose C is."""
    found = read(text, HOLDINGS)
    assert ("鹏扬科技", "partnered_with", "顺捷物流") in found
    assert ("鹏扬科技", "partnered_with", "蓝海集团") not in found


def test_a_holder_of_what_was_launched_is_no_partner(read) -> None:
    found = read("由蓝海集团推出的星河钱包今日上线，鹏扬科技的用户已可使用。", HOLDINGS)
    assert not {t for t in found if t[1] == "partnered_with"}


@pytest.mark.parametrize(
    "text",
    [
        "鹏扬科技董事长张伟表示，公司将推出星河钱包。",
        "鹏扬科技总裁李明透露，该公司年内推出星河钱包。",
        "鹏扬科技有关负责人介绍，公司下月推出星河钱包。",
    ],
)
def test_the_company_an_officer_speaks_for_is_the_one_referred_to(read, text: str) -> None:
    """A董事长B表示，公司将…: the chairman speaks for A, so 公司 is A."""
    assert ("鹏扬科技", "launched", "星河钱包") in read(text, HOLDINGS)


def test_a_reporter_speaks_for_no_company(read) -> None:
    found = read("蓝海集团记者张伟报道，公司将推出星河钱包。", HOLDINGS)
    assert ("蓝海集团", "launched", "星河钱包") not in found


@pytest.mark.parametrize(
    "text",
    [
        "星河科技今年营收大增。2016年星河钱包的推出，为用户带来了便利。",  # a nominalized launch: no one said
        "星河科技今年营收大增。在过去五年里，各地星河钱包尽数上线，用户大增。",  # what was launched is the subject
        "星河科技今年营收大增。星河云2015年发布以来用户增长了三倍。",
    ],
)
def test_what_was_launched_before_its_verb_takes_no_agent_from_an_earlier_sentence(read, text: str) -> None:
    found = read(text, ENTITIES)
    assert not {t for t in found if t[0] == "星河科技" and t[1] == "launched"}


def test_a_launch_with_its_agent_said_in_the_earlier_sentence_keeps_it(read) -> None:
    found = read("星河科技今年营收大增。去年，公司推出了星河钱包。", ENTITIES)
    assert ("星河科技", "launched", "星河钱包") in found
