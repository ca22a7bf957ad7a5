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


@pytest.mark.parametrize(
    "text",
    ["星河证券经营范围包括经纪、投行、研究、资管、代销等业务。", "公司提供咨询、托管、风控、结算等服务。"],
)
def test_a_list_of_business_lines_names_no_product_even_with_an_unknown_word(nlp: Language, text: str) -> None:
    """投行 is an abbreviation the segmenter does not know; among common words it is one more line of business."""
    assert candidates(nlp, text, "list_member") == set()


@pytest.mark.parametrize(
    "text",
    [
        "新能源汽车、工业机器人、集成电路等绿色智能产品产量实现较快增长。",  # 集成电路 is nz to jieba: one more kind
        "大会提供英语、日语、法语、阿拉伯语等语言类服务。",  # 语言类: the members are categories
    ],
)
def test_a_list_of_kinds_of_goods_or_of_categories_names_no_product(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "list_member") == set()


def test_a_name_no_dictionary_has_stays_a_product_among_kinds(nlp: Language) -> None:
    text = "公司提供企业邮箱、客户关系管理、顺捷云记、域名注册等一系列产品。"
    assert {name for name, _ in candidates(nlp, text, "list_member")} == {"顺捷云记"}


def test_a_class_of_every_kind_still_types_its_members(nlp: Language) -> None:
    text = "华瑞银行联合顺捷、鹏扬等各类涉农机构，共同推广助农服务。"  # 各类: of every kind, no category
    assert {("顺捷", "ORG"), ("鹏扬", "ORG")} <= candidates(nlp, text, "list_member")


def test_a_list_of_names_before_a_broad_class_still_types_them(nlp: Language) -> None:
    text = "顺捷银行推出Payly、QuickGo等业务。"
    assert {("Payly", "PRODUCT"), ("QuickGo", "PRODUCT")} <= candidates(nlp, text, "list_member")


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


def test_a_bare_name_among_organizations_is_one(nlp: Language) -> None:
    """Two members are organizations by evidence of their own (known names): the bare names beside them join them."""
    text = "本轮融资的投资方为腾讯、百度、鹏扬、远川等，估值超过十亿元。"
    assert {("鹏扬", "ORG"), ("远川", "ORG")} <= candidates(nlp, text, "list_sibling")
    assert {"腾讯", "百度", "鹏扬", "远川"} <= orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "星河集团布局汽车、消费电子、装备制造等领域。",  # one organization: the list is of fields
        "腾讯、百度与降低成本、优化供给等话题都被提及。",  # phrases with a verb are no names
        "北京、上海、广州等城市的银行网点都已开通。",  # places
        "腾讯、百度、民营银行、投资机构等都参与其中。",  # a head word left untaken names a kind
    ],
)
def test_no_bare_name_outside_a_list_of_organizations(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "list_sibling") == set()


def test_a_one_character_locative_before_a_list_opens_its_first_name(nlp: Language) -> None:
    """涌现出了中星科技: 中 is the name's first character, not 'in'; the first member is not cut after it."""
    found = candidates(nlp, "行业涌现出了中星科技、腾讯、百度、远川等企业。", "list_sibling")
    assert ("星科技", "ORG") not in found


@pytest.mark.parametrize(
    "text",
    [
        "文件从减免房租、降低成本、优化供给等方面推动中小企业纾困。",  # 等方面: aspects, whatever noun comes later
        "来自星河、顺捷等地的商户也参加了。",  # 等地: places
        "星河、顺捷等也将出席活动。",  # an adverb and a verb: 活动 is no class of the members
    ],
)
def test_only_the_noun_phrase_right_after_deng_types_a_list(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "list_member") == set()


def test_a_class_noun_after_a_count_inside_a_word_still_types_the_list(nlp: Language) -> None:
    """等一线基金公司: the segmenter joins the count to 线; the class is read from the rest."""
    text = "研究员多来自星河、顺捷、鹏扬等一线基金公司。"
    assert {("顺捷", "ORG"), ("鹏扬", "ORG")} <= candidates(nlp, text, "list_member")
    assert orgs(nlp, text) == {"星河", "顺捷", "鹏扬"}


def test_the_class_after_deng_ends_where_its_predicate_begins(nlp: Language) -> None:
    # 项目 is the object of 参与, not the class of the listed members: those are 机构
    found = candidates(nlp, "QRS、XYZ等机构参与本轮投资项目。", "list_member")
    assert found == {("QRS", "ORG"), ("XYZ", "ORG")}


def test_a_programme_word_as_the_class_after_deng_types_initiatives(nlp: Language) -> None:
    found = candidates(nlp, "市里推出暖心行动、白沙工程等民生项目。", "list_member")
    assert ("白沙工程", "INITIATIVE") in found


def test_a_verbal_noun_after_the_class_noun_still_closes_the_class(nlp: Language) -> None:
    # 活动 is tagged as a verbal noun: it ends the class (特色活动), it does not open a predicate; of its members, the
    # one with a programme's head is named (a kind of activity, 冰雪嘉年华, is not: see below)
    found = candidates(nlp, "市里开展冰雪嘉年华、星河冰雪行动等特色活动。", "list_member")
    assert ("星河冰雪行动", "INITIATIVE") in found


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("展会吸引了顺捷、鹏扬、飞利浦等诸多品牌参展。", {"顺捷", "鹏扬", "飞利浦"}),
        ("顺捷、鹏扬等品牌纷纷降价。", {"顺捷", "鹏扬"}),
    ],
)
def test_the_members_of_a_list_of_brands_are_the_firms_behind_them(nlp: Language, text: str, members: set[str]) -> None:
    assert {(m, "ORG") for m in members} <= entities(nlp, text)


def test_quoted_brands_of_a_firm_are_its_products(nlp: Language) -> None:
    found = entities(nlp, "该公司培育了“顺捷宁”、“鹏扬康”等多个知名品牌。")
    assert {("顺捷宁", "PRODUCT"), ("鹏扬康", "PRODUCT")} <= found


def test_kinds_of_goods_in_a_list_of_brands_are_no_names(nlp: Language) -> None:
    assert entities(nlp, "白酒、啤酒等品牌都在涨价。") == set()


@pytest.mark.parametrize(
    "text",
    [
        "公司拟与星河汽车（600006）、顺捷客车（000625）、弘鼎电子（300216）等多家公司共同设立研究院。",
        "公司拟与星河汽车（ 600006 ）、顺捷客车 （ 000625 ）、弘鼎电子(300216)等多家公司共同设立研究院。",
    ],
)
def test_a_stock_code_after_a_list_member_is_no_part_of_its_name(nlp: Language, text: str) -> None:
    assert {"星河汽车", "顺捷客车", "弘鼎电子"} <= orgs(nlp, text)
    assert not any(ch.isdigit() for name in orgs(nlp, text) for ch in name)


def test_a_date_and_a_time_of_day_before_an_announcement_name_nothing(nlp: Language) -> None:
    assert orgs(nlp, "弘鼎电子19日晚公告，公司与星河集团共同出资设立合资公司。") == {"弘鼎电子", "星河集团"}


def test_kinds_of_institutions_in_a_list_are_no_names(nlp: Language) -> None:
    found = orgs(nlp, "机构投资者包括公募基金、私募基金、养老金等机构。")
    assert not {"公募基金", "私募基金", "养老金"} & found
    assert {"星河基金", "顺捷基金"} <= orgs(nlp, "星河基金、顺捷基金、弘鼎基金等机构纷纷入场。")


def test_a_demonstrative_before_the_count_ends_no_member(nlp: Language) -> None:
    text = "目前，翰岳智慧、鹏扬环境、顺捷电瓷这三家公司的控股股东陷入危机。"
    found = orgs(nlp, text)
    assert {"翰岳智慧", "鹏扬环境", "顺捷电瓷"} <= found
    assert not any("这" in name for name in found)


def test_the_members_before_a_class_of_stocks_are_companies(nlp: Language) -> None:
    text = "钴价持续走高，翰岳钴业、鹏扬钼业等相关概念股持续走强。"
    assert {"翰岳钴业", "鹏扬钼业"} <= orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    ["景区推出古风市集、非遗展示、汉服体验等活动。", "游客还可通过冬令营、露营等特色活动感受冰雪文化。"],
)
def test_kinds_of_activity_in_a_list_are_no_programmes(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "list_member") == set()


def test_named_activities_in_a_list_are_programmes(nlp: Language) -> None:
    found = entities(nlp, "开展春风行动、护苗行动等专项活动。")
    assert {("春风行动", "INITIATIVE"), ("护苗行动", "INITIATIVE")} <= found
    assert ("星河2023", "INITIATIVE") in entities(nlp, "举办“春风行动”、“星河2023”等专项活动。")
