"""kg/nlp/relate/names.py: relations a name states by itself (a place prefix, an owner prefix)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .related import hits, of_relation, triples


def test_a_place_prefix_locates_the_organization(nlp: Language) -> None:
    found = [h for h in hits(nlp, "哈尔滨松雷商场今年开业。") if h.relation == "located_in"]
    assert [(h.head, h.tail, h.rule) for h in found] == [("哈尔滨松雷商场", "哈尔滨", "place_prefix")]
    assert nlp("哈尔滨松雷商场今年开业。")._.kg_entities["哈尔滨"].type == "LOC"


@pytest.mark.parametrize("text", ["中国银联推出云闪付。", "中国农业银行推出助农取款业务。"])
def test_a_national_prefix_does_not_locate(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "located_in") == set()
    assert "中国" not in nlp(text)._.kg_entities


def test_a_region_in_an_organizations_name_is_its_scope_not_its_place(nlp: Language) -> None:
    assert "非洲华瑞发展联合会" in nlp("非洲华瑞发展联合会今天成立。")._.kg_entities
    assert of_relation(nlp, "非洲华瑞发展联合会今天成立。", "located_in") == set()


def test_a_region_still_locates_a_programme_named_by_it(nlp: Language) -> None:
    found = [h for h in hits(nlp, "长三角华瑞示范工程进展顺利。") if h.relation == "located_in"]
    assert [(h.head, h.tail) for h in found] == [("长三角华瑞示范工程", "长三角")]


def test_an_owner_prefix_means_the_owner_operates_the_product(nlp: Language) -> None:
    found = [h for h in hits(nlp, "华为发布华为钱包。") if h.relation == "operates"]
    assert [(h.head, h.tail, h.rule) for h in found] == [("华为", "华为钱包", "owner_prefix")]


def test_an_owner_prefix_given_by_an_alias(nlp: Language) -> None:
    assert ("中国银联", "operates", "银联二维码") in triples(nlp, "中国银联推出银联二维码。")


def test_a_known_organization_the_document_names_only_inside_a_product_owns_nothing(nlp: Language) -> None:
    doc = nlp("用户可在华为钱包中添加银行卡。")
    assert "华为钱包" in doc._.kg_entities
    assert not [h for h in doc._.kg_relations if h.relation == "operates"]
    assert "华为" not in doc._.kg_entities  # nor does it become an entity of the document


def test_names_own_relations_are_less_sure_than_a_sentence(nlp: Language) -> None:
    found = {h.rule: h.confidence for h in hits(nlp, "华为发布华为钱包。哈尔滨松雷商场今年开业。")}
    assert found["owner_prefix"] == 0.6 and found["place_prefix"] == 0.55


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("华为发布新系统，将陆续向华为手机、平板等设备推送升级。", "华为手机"),  # its phones
        ("瑞银集团表示，瑞银计划回购股票。", "瑞银计划"),  # 计划 is the verb
        ("美联储表示，美联储计划今年加息三次。", "美联储计划"),
    ],
)
def test_an_owner_before_a_kind_alone_runs_nothing_of_that_name(nlp: Language, text: str, kind: str) -> None:
    doc = nlp(text)
    # the recognizer takes 华为手机 for a name (no longer 瑞银计划: 计划 before a verb is the organization's verb);
    # either way the owner prefix does not follow it
    assert (kind in doc._.kg_entities) == (kind == "华为手机")
    assert {(h.head, h.relation, h.tail) for h in doc._.kg_relations if h.tail == kind} == set()


def test_an_owner_before_a_class_of_products_runs_nothing_of_that_name(nlp: Language) -> None:
    doc = nlp("中国银联推出银联二维码。银联支付产品全面嵌入线上场景。")
    assert "银联支付产品" in doc._.kg_entities
    found = {(h.head, h.relation, h.tail) for h in doc._.kg_relations}
    assert ("中国银联", "operates", "银联二维码") in found
    assert not {t for t in found if t[2] == "银联支付产品"}


def test_the_owner_of_a_class_of_products_still_runs_the_members_of_its_list(nlp: Language) -> None:
    found = triples(nlp, "中国银联推出新服务。银联二维码、银联手机闪付等银联移动支付产品覆盖全国。")
    assert ("中国银联", "operates", "银联手机闪付") in found
    assert not {t for t in found if t[2] == "银联移动支付产品"}


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("北京西城区国资委今日发布通知。", "北京西城区国资委", "西城区"),
        ("公司与广西壮族自治区北海市人民政府签署合同。", "广西壮族自治区北海市人民政府", "北海"),
    ],
)
def test_a_place_inside_the_place_that_opens_a_name_locates_it(nlp: Language, text: str, name: str, place: str) -> None:
    assert {(h, t) for h, _, t in of_relation(nlp, text, "located_in")} == {(name, place)}


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("财政部今天发布通知。财政部条法司负责人介绍了修订情况。", ("财政部条法司", "part_of", "财政部")),
        ("华瑞证券今日公告。华瑞证券研究所所长表示看好后市。", ("华瑞证券研究所", "part_of", "华瑞证券")),
        (
            "华瑞证券今日公告，华瑞证券资产管理有限公司获批设立。",
            ("华瑞证券资产管理有限公司", "subsidiary_of", "华瑞证券"),
        ),
    ],
)
def test_a_unit_or_a_company_named_after_an_organization_of_the_document_belongs_to_it(
    nlp: Language, text: str, triple: tuple[str, str, str]
) -> None:
    assert triple in triples(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a short form and the registered name, which the document may not merge: one company
        "海润光伏科技股份有限公司今日公告。此前，海润曾多次发布风险提示。",
        "华瑞证券今日公告。华瑞证券有限公司是其全称。",  # the firm and its legal form
    ],
)
def test_a_short_form_or_a_firm_before_its_own_legal_form_is_no_parent(nlp: Language, text: str) -> None:
    assert not of_relation(nlp, text, "subsidiary_of")


def test_an_international_organization_is_not_where_its_name_was_founded(nlp: Language) -> None:
    text = "上海合作组织秘书长今天会见了代表团。"
    assert "上海合作组织" in nlp(text)._.kg_entities
    assert of_relation(nlp, text, "located_in") == set()


def test_a_place_inside_a_known_organizations_name_locates_nothing_named_after_it(nlp: Language) -> None:
    text = "上海合作组织鹏扬经贸示范区今年挂牌。"
    assert of_relation(nlp, text, "located_in") == set()


def test_a_place_opening_a_known_exchanges_unit_still_locates_it(nlp: Language) -> None:
    found = of_relation(nlp, "香港联合交易所董事局宣布停市4天。", "located_in")
    assert found == {("香港联合交易所董事局", "located_in", "香港")}
