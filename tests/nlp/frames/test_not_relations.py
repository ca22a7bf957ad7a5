"""What is not a relation: co-agents of a joint act that is not cooperation, a trigger inside a title or a name,
the source of a report."""

from __future__ import annotations

import pytest

ENTITIES = {
    "星河科技": "ORG",
    "白鹭银行": "ORG",
    "金融监管总局": "ORG",
    "市场监管局": "ORG",
    "远山日报": "ORG",
    "星河钱包": "PRODUCT",
    "星河市财政局": "ORG",
    "星河市发展和改革委员会": "ORG",
    "白鹭省人民政府": "ORG",
    "中国人民银行": "ORG",
    "国家外汇管理局": "ORG",
    "白鹭办法": "INITIATIVE",
}


def test_regulators_acting_together_are_not_partners(read) -> None:
    found = read("金融监管总局和市场监管局联合约谈星河科技。", ENTITIES)
    assert ("金融监管总局", "regulates", "星河科技") in found
    assert ("市场监管局", "regulates", "星河科技") in found
    assert not {t for t in found if t[1] == "partnered_with"}


@pytest.mark.parametrize(
    "text",
    [
        "星河市财政局会同星河市发展和改革委员会印发了白鹭办法。",
        "中国人民银行联合国家外汇管理局等部门发布白鹭办法。",
        "中国人民银行、国家外汇管理局联合起草的白鹭办法公布。",
    ],
)
def test_public_bodies_issuing_together_are_not_partners(read, text: str) -> None:
    found = read(text, ENTITIES)
    assert not {t for t in found if t[1] == "partnered_with"}


def test_public_bodies_that_sign_a_cooperation_are_partners(read) -> None:
    found = read("星河市财政局与白鹭省人民政府签署战略合作协议。", ENTITIES)
    pair = {"星河市财政局", "白鹭省人民政府"}
    assert {t for t in found if t[1] == "partnered_with" and {t[0], t[2]} == pair}


def test_a_public_body_and_a_company_issuing_together_are_partners(read) -> None:
    found = read("星河市财政局联合白鹭银行发布白鹭办法。", ENTITIES)
    assert ("星河市财政局", "partnered_with", "白鹭银行") in found


@pytest.mark.parametrize(
    "text",
    [
        "星河科技联合创始人表示，白鹭银行是重要客户。",  # 联合 inside a title
        "白鹭银行支持当地合作社发展。",  # 合作 inside a kind of body
        "星河科技的股东大会选举了白鹭银行推荐的董事。",  # 股东 inside a meeting
    ],
)
def test_a_trigger_inside_a_title_or_a_name_is_none(read, text: str) -> None:
    assert {t for t in read(text, ENTITIES) if t[1] in ("partnered_with", "invested_in")} == set()


@pytest.mark.parametrize(
    "text",
    [
        "据远山日报消息，星河科技推出星河钱包。",
        "记者从远山日报获悉，星河科技推出星河钱包。",
        "远山日报6月1日讯，星河科技推出星河钱包。",
    ],
)
def test_the_source_of_a_report_does_not_act(read, text: str) -> None:
    found = read(text, ENTITIES)
    assert ("星河科技", "launched", "星河钱包") in found
    assert ("远山日报", "launched", "星河钱包") not in found


def test_a_sale_contract_is_no_cooperation(read) -> None:
    found = read("星河科技与白鹭银行签署股权交易合同。", ENTITIES)
    assert not {t for t in found if t[1] == "partnered_with"}


def test_a_byline_with_a_remark_is_the_source(read) -> None:
    found = read("远山日报（北京，记者 李明）讯，星河科技推出星河钱包。", ENTITIES)
    assert found == {("星河科技", "launched", "星河钱包")}


def test_agents_acting_each_on_their_own_are_not_partners(read) -> None:
    found = read("白鹭银行、星河科技等纷纷签署战略合作协议。", ENTITIES)
    assert not {t for t in found if t[1] == "partnered_with"}


def test_a_joint_word_in_another_clause_makes_no_partners(read) -> None:
    found = read("金融监管总局、市场监管局联合要求各地，加快签约进度。", ENTITIES)
    assert not {t for t in found if t[1] == "partnered_with"}


def test_a_name_inside_a_title_is_no_argument(read) -> None:
    found = read("依据《星河科技章程》，经金融监管总局批准，白鹭银行增资。", ENTITIES)
    assert ("金融监管总局", "regulates", "星河科技") not in found


def test_a_place_in_a_relative_clause_locates_no_one_else(read) -> None:
    entities = {**ENTITIES, "北海": "LOC"}
    found = read("星河科技宣布，将收购位于北海南部的一座工厂。", entities)
    assert ("星河科技", "located_in", "北海") not in found
    found = read("星河科技认为，任何来自北海的投资都受欢迎。", entities)
    assert ("星河科技", "located_in", "北海") not in found


def test_a_programme_after_a_name_is_not_its_own(read) -> None:
    found = read("星河科技沪港通的持仓增加。", {**ENTITIES, "沪港通": "INITIATIVE"})
    assert ("星河科技", "operates", "沪港通") not in found


def test_a_word_inside_a_title_is_no_predicate(read) -> None:
    assert read("星河科技联袂《投资时报》发布白鹭银行榜单。", ENTITIES) == set()


def test_an_agreement_named_in_a_title_is_one(read) -> None:
    found = read("星河科技与白鹭银行签署《战略合作协议》。", ENTITIES)
    assert ("星河科技", "partnered_with", "白鹭银行") in found or ("白鹭银行", "partnered_with", "星河科技") in found


def test_a_zone_named_for_cooperation_makes_no_partners(read) -> None:
    found = read("金融监管总局、市场监管局出台合作区的税收政策。", ENTITIES)
    assert not {t for t in found if t[1] == "partnered_with"}


def test_an_object_lies_before_the_next_verb(read) -> None:
    found = read("星河科技并购重组远山物流股权获金融监管总局通过。", ENTITIES)
    assert ("星河科技", "invested_in", "金融监管总局") not in found


def test_the_object_of_a_verb_owns_nothing_after_it(read) -> None:
    found = read(
        "白鹭银行清盘星河科技持股蓝海集团的七个星河计划。", {**ENTITIES, "蓝海集团": "ORG", "星河计划": "INITIATIVE"}
    )
    assert ("蓝海集团", "operates", "星河计划") not in found


def test_partners_of_an_agent_left_unsaid_are_not_partners_of_each_other(read) -> None:
    found = read("今年将加强与白鹭银行、星河科技等机构的合作。", ENTITIES)
    assert not {t for t in found if t[1] == "partnered_with"}


def test_a_representative_from_a_place_does_not_locate_the_body(read) -> None:
    found = read("来自北海的市场监管局代表介绍了情况。", {**ENTITIES, "北海": "LOC"})
    assert ("市场监管局", "located_in", "北海") not in found


@pytest.mark.parametrize(
    "text",
    [
        "分析师看好星河科技和白鹭银行等公司密切合作。",  # a third party's hope
        "星河科技希望与白鹭银行开展合作。",  # the agent's own wish
        "业内人士建议星河科技与白鹭银行合作。",
    ],
)
def test_a_cooperation_only_hoped_for_makes_no_partners(read, text: str) -> None:
    assert not {t for t in read(text, ENTITIES) if t[1] == "partnered_with"}


def test_a_word_of_hope_inside_a_name_hopes_nothing(read) -> None:
    found = read("新希望集团与白鹭银行签署战略合作协议。", {**ENTITIES, "新希望集团": "ORG"})
    assert {t for t in found if t[1] == "partnered_with" and {t[0], t[2]} == {"新希望集团", "白鹭银行"}}


@pytest.mark.parametrize(
    "text",
    [
        "星河科技、白鹭银行、星河国际发展合作署负责人出席仪式。",
        "星河科技、白鹭银行和鹏扬县农民专业合作社代表参加会议。",
    ],
)
def test_a_trigger_that_ends_in_a_body_word_is_inside_a_name(read, text: str) -> None:
    """合作|署, 合作|社: a body the recognizer missed, whose name holds a predicate; its neighbours are no partners."""
    assert {t for t in read(text, ENTITIES) if t[1] == "partnered_with"} == set()


def test_a_trigger_before_an_ordinary_word_still_counts(read) -> None:
    assert ("星河科技", "partnered_with", "白鹭银行") in read("星河科技与白鹭银行合作推出星河钱包。", ENTITIES)


@pytest.mark.parametrize(
    "text",
    ["白鹭银行通过其星河钱包公众号发布公告。", "白鹭银行星河钱包账号发布了声明。", "白鹭银行的星河钱包旗舰店开业。"],
)
def test_an_account_on_a_platform_is_no_product_of_the_owner(read, text: str) -> None:
    """An organization's account or shop on a platform (X的抖音账号, 其微信公众号) is run by it; the platform is not."""
    found = read(text, ENTITIES)
    assert ("白鹭银行", "operates", "星河钱包") not in found


def test_a_product_after_its_owner_is_still_the_owners(read) -> None:
    assert ("白鹭银行", "operates", "星河钱包") in read("白鹭银行星河钱包上线了新功能。", ENTITIES)


def test_cooperation_inside_an_organizations_name_is_no_act(read) -> None:
    """远山合作组织 is a name the recognizer did not find: its 合作 joins none of the guests listed before it."""
    entities = {"韩国国会": "ORG", "国际奥委会": "ORG", "联合国": "ORG", "世界卫生组织": "ORG"}
    text = "出席的国际政要有：韩国国会议长、国际奥委会主席、联合国秘书长、世界卫生组织总干事、远山合作组织秘书长等。"
    assert not {t for t in read(text, entities) if t[1] == "partnered_with"}


def test_an_investment_role_states_no_investment(read) -> None:
    entities = {"翰岳基金": "ORG", "鹏扬基金": "ORG"}
    text = "除了星河稳盛和鹏扬基金之外，16日由翰岳基金投资总监、明星基金经理担纲管理的翰岳红利基金也提前结束募集。"
    assert not {t for t in read(text, entities) if t[1] == "invested_in"}
