"""The frames row of kg_relations (kg/nlp/relate/component.py) in the pipeline, with the recognizer's entities: the
sentences the phrasing rules it replaced were tested on, one section per relation family of the frame lexicon.

The frame layer's own tests, with the entities given, are in tests/nlp/frames/.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.ontology import load_ontology

from .related import hits, of_relation, triples


# launched (launch.tsv): a launch verb, its subject and its list of objects, the passive (由A开发的X) ------------------
def test_launch_verb_with_an_explicit_subject(nlp: Language) -> None:
    found = [h for h in hits(nlp, "中国农业银行推出助农取款业务。") if h.relation == "launched"]
    assert [(h.head, h.tail, h.rule) for h in found] == [("中国农业银行", "助农取款业务", "frame:verb_launch")]
    assert of_relation(nlp, "中国银联推出云闪付APP。", "launched") == {("中国银联", "launched", "云闪付")}


@pytest.mark.parametrize("text", ["中国农业银行推出多项举措。", "市民可使用云闪付付款。", "云闪付用户数突破5亿。"])
def test_no_launch_without_a_launch_verb_and_a_named_object(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "launched") == set()


def test_coordinated_subjects_all_launch(nlp: Language) -> None:
    assert of_relation(nlp, "中国银联、中国农业银行推出助农取款服务。", "launched") == {
        ("中国银联", "launched", "助农取款服务"),
        ("中国农业银行", "launched", "助农取款服务"),
    }


def test_a_subject_outside_the_clause_does_not_launch(nlp: Language) -> None:
    found = of_relation(nlp, "据中国银联介绍，华为推出手机闪付。", "launched")
    assert found == {("华为", "launched", "手机闪付")}


def test_a_passive_launch_names_every_maker(nlp: Language) -> None:
    text = "由中国银联、中国农业银行和中国建设银行共同开发的“星河通”正式上线。"
    assert of_relation(nlp, text, "launched") == {
        ("中国银联", "launched", "星河通"),
        ("中国农业银行", "launched", "星河通"),
        ("中国建设银行", "launched", "星河通"),
    }
    assert ("中国农业银行", "partnered_with", "中国建设银行") in triples(nlp, text) or (
        "中国建设银行",
        "partnered_with",
        "中国农业银行",
    ) in triples(nlp, text)


def test_the_source_of_a_report_launches_nothing(nlp: Language) -> None:
    text = "记者从中国农业银行获悉，当地已建成“顺捷惠农站”等重点工程。"  # the bank is where the news came from
    assert of_relation(nlp, text, "launched") == set()


def test_a_subject_before_a_distant_launch_verb_still_launches(nlp: Language) -> None:
    text = "中国农业银行今年在多个县城，推出“顺捷惠农卡”。"
    assert of_relation(nlp, text, "launched") == {("中国农业银行", "launched", "顺捷惠农卡")}


# partnered_with (partner.tsv): a cooperative predicate, 联合/携手, a joint subject ------------------------------------
@pytest.mark.parametrize(
    ("text", "a", "b", "product"),
    [
        ("中国银联携手华为推出手机闪付。", "中国银联", "华为", "手机闪付"),
        ("深圳市人民政府联合中国银联推出数字人民币试点。", "深圳市人民政府", "中国银联", "数字人民币试点"),
        ("中国银联与中国农业银行合作推出助农取款服务。", "中国银联", "中国农业银行", "助农取款服务"),
    ],
)
def test_a_partner_launch_gives_partnership_and_both_launches(
    nlp: Language, text: str, a: str, b: str, product: str
) -> None:
    found = triples(nlp, text)
    assert (a, "partnered_with", b) in found
    assert {(a, "launched", product), (b, "launched", product)} <= found


@pytest.mark.parametrize("text", ["中国银联联合多家银行推出服务。", "中国银联推出云闪付。华为推出手机闪付。"])
def test_no_partnership_without_two_organizations_joined_by_a_partner_word(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "partnered_with") == set()


def test_a_partner_verb_right_after_a_name_ending_in_its_first_character(nlp: Language) -> None:
    assert ("京东集团", "partnered_with", "中国银联") in triples(nlp, "京东集团与中国银联合作。")


def test_co_founders_are_not_partners_of_the_company_they_found(nlp: Language) -> None:
    found = triples(nlp, "中国银联、中国农业银行共同出资设立银联商务。")
    assert not {t for t in found if t[1] == "partnered_with" and "银联商务" in (t[0], t[2])}


# subsidiaries, shareholders and who runs a product (subsidiary.tsv, operate.tsv; invest.tsv: 股东, 持股) --------------
def test_an_operate_verb_means_operates(nlp: Language) -> None:
    assert of_relation(nlp, "中国银联负责运营云闪付。", "operates") == {("中国银联", "operates", "云闪付")}


@pytest.mark.parametrize("text", ["华为发布新款手机。", "市民可使用云闪付付款。"])
def test_no_operates_without_an_owner_prefix_or_verb(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "operates") == set()


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        ("中国银联旗下的银联商务推出收银台。", "银联商务", "中国银联"),
        ("中国银联的全资子公司银联国际推出银联卡。", "银联国际", "中国银联"),
        ("银联商务是中国银联的全资子公司。", "银联商务", "中国银联"),
    ],
)
def test_subsidiary_cues(nlp: Language, text: str, child: str, parent: str) -> None:
    assert of_relation(nlp, text, "subsidiary_of") == {(child, "subsidiary_of", parent)}


@pytest.mark.parametrize("text", ["银联商务与中国银联签署协议。", "中国银联推出云闪付，银联商务推出收银台。"])
def test_no_subsidiary_without_a_cue(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "subsidiary_of") == set()


def test_shareholders_and_later_holdings_invest_in_the_held_company(nlp: Language) -> None:
    text = "睿熙保险公司正在筹建，股东包括中信证券以及中国人寿等。\n工银理财、农银理财持股比例均为8%。"
    found = of_relation(nlp, text, "invested_in")
    assert {h for h, _, t in found if t == "睿熙保险公司"} == {"中信证券", "中国人寿", "工银理财", "农银理财"}


def test_holdings_without_a_named_company_invest_in_nothing(nlp: Language) -> None:
    assert of_relation(nlp, "工银理财、农银理财持股比例均为8%。", "invested_in") == set()


def test_a_subsidiary_by_sentence_shape(nlp: Language) -> None:
    assert ("睿熙投资", "subsidiary_of", "中金公司") in triples(nlp, "睿熙投资是中金公司的全资子公司。")


# invested_in and regulates (invest.tsv, regulate.tsv) -----------------------------------------------------------------
def test_joint_founders_invest_in_the_new_company(nlp: Language) -> None:
    assert of_relation(nlp, "中国银联、中国农业银行出资设立星河金融科技有限公司。", "invested_in") == {
        ("中国银联", "invested_in", "星河金融科技有限公司"),
        ("中国农业银行", "invested_in", "星河金融科技有限公司"),
    }
    assert of_relation(nlp, "中国银联与中国农业银行签署协议。", "invested_in") == set()


def test_a_regulator_verb_gives_regulates(nlp: Language) -> None:
    assert of_relation(nlp, "中国人民银行指导中国银联开展工作。", "regulates") == {
        ("中国人民银行", "regulates", "中国银联"),
    }
    assert of_relation(nlp, "中国人民银行与中国银联召开会议。", "regulates") == set()


# deployed_at (在A落地, deploy.tsv) and part_of (依托X打造Y: the instrument of a launch) -------------------------------
@pytest.mark.parametrize(
    ("text", "part", "base"),
    [
        ("中国银联持续推进移动支付便民工程。依托云闪付上线助农服务平台。", "助农服务平台", "云闪付"),
        ("依托云闪付上线助农服务平台。", "助农服务平台", "云闪付"),
    ],
)
def test_a_basis_cue_gives_part_of_and_no_launch_guess(nlp: Language, text: str, part: str, base: str) -> None:
    found = triples(nlp, text)
    assert (part, "part_of", base) in found
    assert not {t for t in found if t[1] == "launched" and t[2] == part}


def test_part_of_does_not_take_a_known_name_inside_an_unknown_object(nlp: Language) -> None:
    assert ("乡村振兴", "part_of", "云闪付") not in triples(nlp, "依托云闪付上线乡村振兴专区。")


def test_no_part_of_without_a_basis_cue(nlp: Language) -> None:
    assert of_relation(nlp, "中国银联推出云闪付。华为推出手机闪付。", "part_of") == set()


def test_deployment_sites_are_each_a_relation(nlp: Language) -> None:
    assert of_relation(nlp, "云闪付在黑龙江、吉林落地。", "deployed_at") == {
        ("云闪付", "deployed_at", "黑龙江"),
        ("云闪付", "deployed_at", "吉林"),
    }
    assert of_relation(nlp, "银联二维码在哈尔滨松雷商场落地。", "deployed_at") == {
        ("银联二维码", "deployed_at", "哈尔滨松雷商场"),
    }


@pytest.mark.parametrize("text", ["云闪付在黑龙江表现亮眼。", "在黑龙江，云闪付用户持续增长。"])
def test_no_deployment_without_a_deploy_verb(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "deployed_at") == set()


# located_in (locate.tsv): a location verb, a country and a class before a name ----------------------------------------
def test_a_location_verb_locates_the_organization(nlp: Language) -> None:
    assert of_relation(nlp, "银联商务总部位于上海。", "located_in") == {("银联商务", "located_in", "上海")}
    assert of_relation(nlp, "银联商务的客户遍布上海。", "located_in") == set()


def test_a_country_and_a_class_before_a_name_locate_it(nlp: Language) -> None:
    text = "星河物流与韩国最大电商企业Coupang签订合同。"
    assert ("Coupang", "located_in", "韩国") in triples(nlp, text)
    assert of_relation(nlp, "星河物流与Coupang签订合同。", "located_in") == set()


# the frames row as a whole -------------------------------------------------------------------------------------------
def test_a_frame_reading_keeps_its_sentence_year_confidence_and_frame(nlp: Language) -> None:
    text = "据介绍，华为业务稳步增长。2021年，中国银联与华为签署战略合作协议。"
    found = [h for h in hits(nlp, text) if h.relation == "partnered_with"]
    assert len(found) == 1
    hit = found[0]
    assert {hit.head, hit.tail} == {"中国银联", "华为"}
    assert text[hit.sent_start : hit.sent_end] == "2021年，中国银联与华为签署战略合作协议。"
    assert (hit.year, hit.rule) == (2021, "frame:joint_cooperate")
    assert 0 < hit.confidence <= 1


def test_frame_readings_keep_the_ontologys_domain_and_range(nlp: Language) -> None:
    onto = load_ontology()
    doc = nlp("北京与上海签署合作协议。中国银联推出的云闪付在北京落地。")
    types = {label: info.type for label, info in doc._.kg_entities.items()}
    assert doc._.kg_relations
    for h in doc._.kg_relations:
        assert types[h.head] in onto.relations[h.relation].domain
        assert types[h.tail] in onto.relations[h.relation].range
