"""kg_entities: overlaps settled longest first, and aliases resolved within a document."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp.entities import EntityInfo, EntityResolver, specific_name
from kg.nlp.text import Candidate


def infos(nlp: Language, text: str) -> dict[str, EntityInfo]:
    return nlp(text)._.kg_entities


def names(info: EntityInfo) -> set[str]:
    return {info.label, *info.aliases}


# overlaps ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["各地商务部门推动快递企业复工。", "四川省教育部门组织高校访企拓岗。", "中国银行业整体资产质量保持稳定。"],
)
def test_a_name_whose_last_character_opens_a_common_noun_is_no_mention(nlp: Language, text: str) -> None:
    """商务部|门 is 商务部门 (a department of commerce anywhere), 中国银行|业 the banking sector of China."""
    assert not [label for label, info in infos(nlp, text).items() if info.type == "ORG"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("商务部门户网站发布通知。", "商务部"),
        ("中国银行业务收入增长。", "中国银行"),
        ("商务部部长表示欢迎。", "商务部"),
    ],
)
def test_a_name_before_a_word_of_its_own_is_kept(nlp: Language, text: str, name: str) -> None:
    assert name in infos(nlp, text)


def test_select_keeps_the_longest_span_then_the_best_score() -> None:
    cands = [
        Candidate(0, 2, "LOC", "gazetteer", 0.9),
        Candidate(0, 6, "ORG", "org_head", 0.8),
        Candidate(2, 6, "ORG", "org_head", 0.8),
        Candidate(7, 10, "PRODUCT", "launch_object", 0.6),
        Candidate(7, 10, "INITIATIVE", "quoted", 0.85),
        Candidate(9, 12, "ORG", "partner_side", 0.45),
    ]
    chosen = EntityResolver._select(cands, "x" * max(c.end for c in cands))
    assert [(c.start, c.end, c.label) for c in chosen] == [(0, 6, "ORG"), (7, 10, "INITIATIVE")]


def test_the_longer_name_wins_over_the_place_inside_it(nlp: Language) -> None:
    doc = nlp("苏州星河商场今年开业。")
    assert [(e.text, e.label_) for e in doc.ents] == [("苏州星河商场", "ORG")]
    doc = nlp("中国农业银行发布公告。")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [("中国农业银行", "ORG", "中国农业银行")]


def test_entities_never_overlap_and_sit_on_token_boundaries(nlp: Language) -> None:
    doc = nlp("中国银联联合苏州星河商场推出新春消费季活动，市民可使用银联二维码付款。")
    spans = sorted((e.start_char, e.end_char) for e in doc.ents)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert all(doc.char_span(s, e) is not None for s, e in spans)


# aliases within a document ----------------------------------------------------------------------------------
def test_a_product_decoration_is_an_alias(nlp: Language) -> None:
    found = infos(nlp, "中国银联推出云闪付APP。云闪付用户数突破5亿。")
    assert "云闪付APP" not in found
    assert found["云闪付"].type == "PRODUCT" and found["云闪付"].mentions == 2
    assert "云闪付APP" in found["云闪付"].aliases
    found = infos(nlp, "顺捷钱包APP上线。顺捷钱包用户突破千万。")
    assert list(found) == ["顺捷钱包"]
    assert found["顺捷钱包"].aliases == {"顺捷钱包APP"} and found["顺捷钱包"].mentions == 2


def test_a_place_prefix_gives_one_entity(nlp: Language) -> None:
    found = infos(nlp, "哈尔滨松雷商场今年开业。松雷商场接入云闪付。")
    orgs = {k: v for k, v in found.items() if v.type == "ORG"}
    assert list(orgs) == ["哈尔滨松雷商场"]
    assert "松雷商场" in orgs["哈尔滨松雷商场"].aliases and orgs["哈尔滨松雷商场"].mentions == 2
    doc = nlp("哈尔滨松雷商场今年开业。松雷商场接入云闪付。")
    assert {e.kb_id_ for e in doc.ents if e.label_ == "ORG"} == {"哈尔滨松雷商场"}


@pytest.mark.parametrize(
    ("text", "held", "holder", "written"),
    [
        ("去年，游客在湖南省临澧县参观。", "临澧", "湖南", "湖南省临澧县"),
        ("市民在上海市普陀区办理业务。", "普陀区", "上海", "上海市普陀区"),
        ("试点覆盖江西省瑞金市、福建省光泽县等地。", "瑞金", "江西", "江西省瑞金市"),
    ],
)
def test_a_place_written_after_its_holder_has_both_names(
    nlp: Language, text: str, held: str, holder: str, written: str
) -> None:
    """福建省光泽县 is a name of 光泽; the province stays an entity of its own."""
    found = infos(nlp, text)
    assert written in found[held].aliases
    assert found[holder].type == "LOC" and written not in found[holder].aliases


def test_places_apart_or_without_their_level_are_no_one_name(nlp: Language) -> None:
    found = infos(nlp, "湖南、临澧县和江西瑞金都在名单上。")
    aliases = {alias for info in found.values() for alias in info.aliases}
    assert not any(alias.startswith(("湖南", "江西")) and len(alias) > 4 for alias in aliases)


def test_a_legal_form_gives_one_entity_named_by_the_short_form(nlp: Language) -> None:
    found = infos(nlp, "顺捷物流股份有限公司今日发布公告。顺捷物流表示将扩大投入。")
    assert list(found) == ["顺捷物流"]
    assert found["顺捷物流"].aliases == {"顺捷物流股份有限公司"} and found["顺捷物流"].mentions == 2


@pytest.mark.parametrize(
    ("alias", "canonical"), [("银联", "中国银联"), ("农行", "中国农业银行"), ("UnionPay", "中国银联")]
)
def test_known_aliases_resolve_to_the_canonical_name(nlp: Language, alias: str, canonical: str) -> None:
    doc = nlp(f"{alias}发布公告。")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [(alias, canonical)]
    found = doc._.kg_entities
    assert list(found) == [canonical] and alias in found[canonical].aliases and found[canonical].known


def test_a_known_name_and_its_alias_in_one_document_are_one_entity(nlp: Language) -> None:
    found = infos(nlp, "中国农业银行推出助农取款服务。农行表示将扩大覆盖。")
    assert found["中国农业银行"].mentions == 2 and "农行" in found["中国农业银行"].aliases
    assert "农行" not in found


@pytest.mark.parametrize(
    "text",
    [
        "星河集团积极参与“一带一路”倡议，推动共建一带一路高质量发展。",  # the quoted alias and the name
        "“一带一路”倡议提出十周年之际，顺捷物流开通新航线。",  # the quoted alias alone
    ],
)
def test_a_quoted_form_of_a_known_alias_is_the_known_entity(nlp: Language, text: str) -> None:
    initiatives = [v for v in infos(nlp, text).values() if v.type == "INITIATIVE"]
    assert [v.label for v in initiatives] == ["一带一路"] and "“一带一路”倡议" in initiatives[0].aliases


def test_a_quoted_name_the_ontology_does_not_know_keeps_its_own_name(nlp: Language) -> None:
    initiatives = [v for v in infos(nlp, "星河银行发起“百城焕新”倡议。").values() if v.type == "INITIATIVE"]
    assert all(not v.known for v in initiatives) and all("一带一路" not in v.label for v in initiatives)


def test_a_programme_and_the_tail_of_its_name_are_one_entity(nlp: Language) -> None:
    found = infos(nlp, "中国银联推出“助商惠民-红火计划”。“红火计划”覆盖多个城市。")
    initiatives = [v for v in found.values() if v.type == "INITIATIVE"]
    assert len(initiatives) == 1
    assert names(initiatives[0]) == {"助商惠民-红火计划", "红火计划"} and initiatives[0].mentions == 2


def test_a_programme_named_once_keeps_its_full_name(nlp: Language) -> None:
    found = infos(nlp, "中国银联推出“助商惠民-红火计划”。")
    assert [k for k, v in found.items() if v.type == "INITIATIVE"] == ["助商惠民-红火计划"]


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        ("易方达基金推出新产品。易方达表示将继续布局。", "易方达基金", "易方达"),  # known
        ("天弘基金推出新产品。天弘表示将继续布局。", "天弘基金", "天弘"),  # a known name cut, which it does not list
        ("鹏扬基金推出新产品。鹏扬表示将继续布局。", "鹏扬基金", "鹏扬"),  # found by the short-form rule
        ("顺捷物流推出新服务。顺捷表示将继续布局。", "顺捷物流", "顺捷"),
    ],
)
def test_a_short_form_after_the_full_name_is_a_mention(nlp: Language, text: str, full: str, short: str) -> None:
    doc = nlp(text)
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "ORG"] == [(full, full), (short, full)]
    assert list(doc._.kg_entities) == [full] and doc._.kg_entities[full].mentions == 2


def test_a_known_names_cut_is_no_mention_when_two_known_names_lend_it_or_a_noun_goes_on(nlp: Language) -> None:
    found = infos(nlp, "光大银行与光大证券签署合作协议。光大表示将继续布局。")
    assert "光大" not in found["中国光大银行"].aliases and "光大" not in found["光大证券"].aliases
    found = infos(nlp, "天弘基金发布公告。天弘主题基金规模持续增长。")
    assert found["天弘基金"].mentions == 1  # 天弘|主题基金 is a fund of the house, not the house


def test_a_name_found_once_by_its_cue_is_a_mention_wherever_the_text_repeats_it(nlp: Language) -> None:
    """The stock code marks 澜图 once; the later bare mentions are the same company, so the sentence with the
    partnership holds both parties."""
    doc = nlp("澜图(300815.SZ)今天发布年报。业内人士认为，澜图的扩张仍将继续，澜图已与华为签署战略合作协议。")
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["澜图", "澜图", "澜图", "华为"]
    assert doc._.kg_entities["澜图"].mentions == 3


def test_a_repeated_name_wins_over_a_shorter_form_of_another_at_the_same_place(nlp: Language) -> None:
    """翰岳 is the short form of 翰岳集团 and the start of 翰岳新材: where the text writes 翰岳新材, the longer name is
    the mention, not 翰岳 followed by 新材."""
    doc = nlp("翰岳新材(002999.SZ)今天发布年报。翰岳新材是民营企业翰岳集团旗下的企业，翰岳新材将持续受益。")
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["翰岳新材", "翰岳新材", "翰岳集团", "翰岳新材"]


def test_a_product_name_of_no_dictionary_word_is_repeated_and_a_quoted_term_is_not(nlp: Language) -> None:
    text = "顺捷物流发布新一代分拣系统“蓝鲸一号”。据介绍，蓝鲸一号每小时可分拣两万件包裹。"
    assert infos(nlp, text)["蓝鲸一号"].mentions == 2
    found = infos(nlp, "多地出台“限购”新规。业内人士认为，限购将持续较长时间。")
    assert all(info.mentions <= 1 for info in found.values())


def test_a_class_noun_before_a_role_word_is_no_organization(nlp: Language) -> None:
    assert not [e for e in nlp("央企负责人会议今天在北京召开。").ents if e.label_ == "ORG"]


def test_a_short_form_cut_from_the_name_without_its_legal_form_is_a_mention(nlp: Language) -> None:
    """康希诺生物股份公司 → 康希诺生物 (the legal form dropped) → 康希诺 (the line of business dropped)."""
    found = infos(nlp, "鹏扬生物股份公司今日发布公告。此前，鹏扬与顺捷银行签订合作协议。")
    assert "鹏扬" in found["鹏扬生物股份公司"].aliases


def test_a_short_form_cut_twice_is_no_mention_inside_a_longer_noun(nlp: Language) -> None:
    found = infos(nlp, "顺捷水务股份公司今日发布公告。顺捷工程进展顺利，顺捷表示将继续投入。")
    assert found["顺捷水务股份公司"].mentions == 2  # the company and 顺捷 alone, not 顺捷|工程
    assert "顺捷" in found["顺捷水务股份公司"].aliases


def test_a_common_noun_left_after_the_place_and_head_are_cut_is_no_short_form(nlp: Language) -> None:
    found = infos(nlp, "北京公交集团今日发布公告。公交出行更加便利。")
    assert "公交" not in found["北京公交集团"].aliases and found["北京公交集团"].mentions == 1


def test_a_short_form_before_any_full_name_is_not_resolved_from_nothing(nlp: Language) -> None:
    assert infos(nlp, "顺捷表示将继续布局。") == {}


def test_a_generic_short_form_is_not_an_alias(nlp: Language) -> None:
    found = infos(nlp, "深圳市人民政府发布通知。人民政府将加强监管。")
    assert "深圳市人民政府" in found
    assert "人民政府" not in found["深圳市人民政府"].aliases and "人民政府" not in found
    assert not specific_name("人民政府")
    assert specific_name("松雷商场")


def test_a_declared_short_form_is_an_alias(nlp) -> None:
    doc = nlp("顺捷碳中和指数，简称“顺捷指数”，由中证指数公司发布。此后顺捷指数上涨。")
    (entity,) = [e for e in doc._.kg_entities.values() if e.type == "PRODUCT"]
    assert {entity.label, *entity.aliases} >= {"顺捷碳中和指数", "顺捷指数"}


def test_a_latin_name_and_its_class_word_are_one_entity(nlp) -> None:
    doc = nlp("Coupang公司发布财报。Coupang的股价上涨。")
    names = [e for e in doc._.kg_entities.values() if e.type == "ORG"]
    assert len(names) == 1 and {names[0].label, *names[0].aliases} >= {"Coupang", "Coupang公司"}


def test_a_short_title_declared_for_a_policy_document_is_its_alias(nlp: Language) -> None:
    text = "市政府日前印发《推进老旧小区改造提质增效实施方案》（以下简称《实施方案》）。《实施方案》提出三项任务。"
    found = infos(nlp, text)
    assert list(found) == ["推进老旧小区改造提质增效实施方案"]
    assert found["推进老旧小区改造提质增效实施方案"].mentions == 3
    assert "实施方案" in found["推进老旧小区改造提质增效实施方案"].aliases


def test_a_series_and_its_bare_name_are_one_product(nlp: Language) -> None:
    """华为 P30 系列 and P30 are one product to the corpus's annotators: 系列 decorates a name as APP does."""
    found = infos(nlp, "顺捷科技近日发布Nova双向洗地机。公司即将发布旗舰洗地机产品Nova系列。")
    products = {name: info for name, info in found.items() if info.type == "PRODUCT"}
    assert list(products) == ["Nova"] and products["Nova"].mentions == 2 and "Nova系列" in products["Nova"].aliases
