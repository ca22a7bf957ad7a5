"""Verb frames with roles: the agent, and the roles its markers give (与B partner, 为B beneficiary, 由A passive
agent, 向B recipient, 在B location), the investor named after 获得, and a purchase's buyer, not its seller."""

from __future__ import annotations

import pytest

ENTITIES = {
    "星河科技": "ORG",
    "蓝海集团": "ORG",
    "白鹭银行": "ORG",
    "远山资本": "ORG",
    "青松创投": "ORG",
    "星河钱包": "PRODUCT",
    "乡村金融服务站": "INITIATIVE",
    "绿洲县": "LOC",
}


def test_the_agent_launches_the_object(read) -> None:
    assert read("星河科技近日推出了星河钱包。", ENTITIES) == {("星河科技", "launched", "星河钱包")}


@pytest.mark.parametrize(
    "text",
    [
        "星河科技与白鹭银行签署战略合作协议。",
        "星河科技和白鹭银行达成合作。",
        "星河科技同白鹭银行在上海签约。",
        "星河科技跟白鹭银行合作开发新产品。",
    ],
)
def test_a_partner_of_a_cooperative_act(read, text: str) -> None:
    found = read(text, ENTITIES)
    assert ("星河科技", "partnered_with", "白鹭银行") in found or ("白鹭银行", "partnered_with", "星河科技") in found


def test_a_partner_launches_with_the_agent(read) -> None:
    found = read("星河科技联合白鹭银行推出星河钱包。", ENTITIES)
    assert {("星河科技", "launched", "星河钱包"), ("白鹭银行", "launched", "星河钱包")} <= found
    assert ("星河科技", "partnered_with", "白鹭银行") in found


def test_jointly_founding_makes_partners_of_a_launch_but_not_of_an_investment(read) -> None:
    found = read("星河科技和白鹭银行共同推出星河钱包。", ENTITIES)
    assert ("星河科技", "partnered_with", "白鹭银行") in found
    found = read("蓝海集团由远山资本、青松创投共同发起设立。", ENTITIES)
    assert {("远山资本", "invested_in", "蓝海集团"), ("青松创投", "invested_in", "蓝海集团")} <= found
    assert not {t for t in found if t[1] == "partnered_with"}


def test_a_beneficiary_hosts_what_is_built_for_it(read) -> None:
    found = read("星河科技为绿洲县搭建了乡村金融服务站。", ENTITIES)
    assert ("星河科技", "launched", "乡村金融服务站") in found
    assert ("乡村金融服务站", "deployed_at", "绿洲县") in found
    assert ("绿洲县", "launched", "乡村金融服务站") not in found


@pytest.mark.parametrize("text", ["星河钱包由星河科技运营。", "由星河科技运营的星河钱包用户过亿。"])
def test_a_passive_agent(read, text: str) -> None:
    assert ("星河科技", "operates", "星河钱包") in read(text, ENTITIES)


def test_a_passive_lead_investor_funds_the_subject(read) -> None:
    found = read("星河科技完成新一轮融资，由远山资本领投，青松创投跟投。", ENTITIES)
    assert {("远山资本", "invested_in", "星河科技"), ("青松创投", "invested_in", "星河科技")} <= found


def test_a_recipient_is_no_agent(read) -> None:
    found = read("星河科技向白鹭银行推出星河钱包。", ENTITIES)
    assert ("星河科技", "launched", "星河钱包") in found
    assert ("白鹭银行", "launched", "星河钱包") not in found


@pytest.mark.parametrize("text", ["星河科技获得远山资本的战略投资。", "星河科技拿下远山资本投资。"])
def test_the_investor_is_named_after_the_verb_of_receiving(read, text: str) -> None:
    found = read(text, ENTITIES)
    assert ("远山资本", "invested_in", "星河科技") in found
    assert ("星河科技", "invested_in", "远山资本") not in found


def test_the_buyer_of_shares_invests_and_the_seller_does_not(read) -> None:
    found = read("远山资本收购蓝海集团持有的星河科技30%股权。", ENTITIES)
    assert ("远山资本", "invested_in", "星河科技") in found
    assert ("蓝海集团", "invested_in", "星河科技") not in found


def test_a_place_hosts_the_programme_it_carries_out(read) -> None:
    assert ("乡村金融服务站", "deployed_at", "绿洲县") in read("绿洲县率先开展乡村金融服务站建设。", ENTITIES)


def test_an_organization_carrying_out_a_programme_does_not_host_it(read) -> None:
    found = read("星河科技开展乡村金融服务站建设。", ENTITIES)
    assert ("星河科技", "launched", "乡村金融服务站") in found
    assert ("乡村金融服务站", "deployed_at", "星河科技") not in found


def test_deployed_in_a_place(read) -> None:
    assert ("星河钱包", "deployed_at", "绿洲县") in read("星河钱包已在绿洲县落地。", ENTITIES)


@pytest.mark.parametrize("text", ["星河科技依托星河云推出星河钱包。", "依托星河云，星河科技打造了星河钱包。"])
def test_what_a_product_is_built_on(read, text: str) -> None:
    entities = {**ENTITIES, "星河云": "PRODUCT"}
    found = read(text, entities)
    assert ("星河钱包", "part_of", "星河云") in found
    assert ("星河科技", "launched", "星河钱包") in found


def test_a_partner_named_right_after_the_word(read) -> None:
    found = read("星河科技已联合白鹭银行和蓝海集团，紧急启动助农计划。", ENTITIES)
    assert ("星河科技", "partnered_with", "白鹭银行") in found
    assert ("星河科技", "partnered_with", "蓝海集团") in found


def test_a_partner_after_a_list_of_kinds(read) -> None:
    found = read("星河科技联合商业银行、支付机构及白鹭银行等单位建设受理网络。", ENTITIES)
    assert ("星河科技", "partnered_with", "白鹭银行") in found


def test_a_passive_after_a_comma_has_the_subject_for_patient(read) -> None:
    assert ("星河科技", "launched", "星河钱包") in read("“星河钱包”应用，由星河科技研发。", ENTITIES)


def test_the_head_of_a_relative_clause_named_after_a_copula(read) -> None:
    found = read("第一家与星河科技合作的银行是白鹭银行。", ENTITIES)
    assert ("星河科技", "partnered_with", "白鹭银行") in found or ("白鹭银行", "partnered_with", "星河科技") in found


def test_a_verb_that_jieba_glues_to_its_adverb(read) -> None:
    found = read("由星河科技和白鹭银行共同开发的星河钱包今日上线。", ENTITIES)
    assert {("星河科技", "launched", "星河钱包"), ("白鹭银行", "launched", "星河钱包")} <= found
    assert ("星河科技", "partnered_with", "白鹭银行") in found


def test_a_guiding_authority_regulates(read) -> None:
    assert ("金融监管总局", "regulates", "白鹭银行") in read(
        "金融监管总局指导白鹭银行开展试点。", {**ENTITIES, "金融监管总局": "ORG"}
    )


def test_the_two_parties_refer_back_to_a_joint_act(read) -> None:
    text = "星河科技与白鹭银行合作推出星河钱包。这是双方继2019年合作发行星河云之后的又一次合作。"
    found = read(text, {**ENTITIES, "星河云": "PRODUCT"})
    assert {("星河科技", "launched", "星河云"), ("白鹭银行", "launched", "星河云")} <= found


def test_agents_acting_one_after_another_are_each_partners_of_the_agent(read) -> None:
    found = read("星河科技先后与白鹭银行、蓝海集团达成合作。", ENTITIES)
    assert ("星河科技", "partnered_with", "白鹭银行") in found
    assert ("星河科技", "partnered_with", "蓝海集团") in found
    assert not {t for t in found if {t[0], t[2]} == {"白鹭银行", "蓝海集团"}}


def test_joint_participants_are_partners(read) -> None:
    found = read("本次试点由星河科技提供技术支持，白鹭银行、蓝海集团等机构共同参与。", ENTITIES)
    pairs = {frozenset((t[0], t[2])) for t in found if t[1] == "partnered_with"}
    assert frozenset(("白鹭银行", "蓝海集团")) in pairs
    assert ("白鹭银行", "partnered_with", "星河科技") not in found


FOUNDING = {"星河保险": "ORG", "顺捷理财": "ORG", "白鹭证券": "ORG"}


@pytest.mark.parametrize("verb", ["正发起设立", "正在出资设立中"])
def test_a_company_that_a_bare_founding_verb_follows_is_being_founded_and_holds_no_shares(read, verb: str) -> None:
    found = read(f"星河保险{verb}，股东包括顺捷理财以及白鹭证券等。", FOUNDING)
    assert {("顺捷理财", "invested_in", "星河保险"), ("白鹭证券", "invested_in", "星河保险")} <= found
    assert not {t for t in found if t[0] == "星河保险"}


def test_a_founding_verb_with_an_object_or_a_co_founder_keeps_its_founders(read) -> None:
    assert ("顺捷理财", "invested_in", "星河保险") in read("顺捷理财发起设立了星河保险。", FOUNDING)
    assert ("顺捷理财", "invested_in", "星河保险") in read("星河保险由顺捷理财发起设立，注册资本50亿元。", FOUNDING)
    found = read("顺捷理财与白鹭证券共同发起设立，注册资本50亿元。", FOUNDING)
    assert not {t for t in found if t[1] == "invested_in" and t[2] in ("顺捷理财", "白鹭证券")}


PILOT = {"生态部": "ORG", "绿色工厂试点": "INITIATIVE", "杭州": "LOC", "宁波": "LOC"}


def test_a_programme_carried_out_in_places_is_deployed_there(read) -> None:
    found = read("生态部在杭州、宁波开展绿色工厂试点。", PILOT)
    assert {("绿色工厂试点", "deployed_at", "杭州"), ("绿色工厂试点", "deployed_at", "宁波")} <= found
    assert ("绿色工厂试点", "deployed_at", "杭州") in read("去年起，在杭州等地开展绿色工厂试点。", PILOT)


def test_a_programme_announced_in_a_place_is_not_deployed_there(read) -> None:
    found = read("生态部在杭州发布绿色工厂试点，宁波代表出席。", PILOT)
    assert not {t for t in found if t[1] == "deployed_at"}
