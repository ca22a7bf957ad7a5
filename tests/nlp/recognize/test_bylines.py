"""kg/nlp/recognize/bylines.py: bylines, datelines, role words and stock codes.

Every sentence here is invented; 星河, 顺捷, 鹏扬, 翰岳, 鼎岳, 拓澜 and 晟岚 are made-up names, the others widely known
organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("财联社记者从多家银行获悉。", "org_context"),
        ("海天味业（603288）今日发布公告。", "stock_name"),
        ("顺捷物流（600000）今日发布公告。", "stock_name"),
        ("弘鼎电子（ 300212 ）12月19日晚间公告。", "stock_name"),  # spaces inside the brackets
        ("顺捷物流(SH:600001)今日发布公告。", "stock_name"),
    ],
)
def test_a_byline_or_a_stock_code_follows_an_organization(nlp: Language, text: str, rule: str) -> None:
    name = text[: min(i for i in (text.find("记者"), text.find("（"), text.find("(")) if i > 0)]
    assert (name, "ORG") in candidates(nlp, text, rule)
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", ["记者从多家银行获悉。", "公司股票（600000）今日上涨。"])
def test_a_byline_or_a_stock_code_after_common_words_gives_nothing(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "org_context") == set()
    assert orgs(nlp, text) == set()


def test_a_stock_code_after_a_demonstrative_gives_nothing(nlp: Language) -> None:
    assert orgs(nlp, "该股（600000）今日上涨。") == set()


def test_a_stock_code_after_a_name_made_of_dictionary_words(nlp: Language) -> None:
    assert "星河科技" in orgs(nlp, "星河科技（600000）今日发布公告。")


@pytest.mark.parametrize(
    "text",
    ["据鹏扬时报消息，顺捷物流今日宣布扩产。", "鹏扬时报伦敦3月5日电 顺捷物流今日宣布扩产。"],
)
def test_a_byline_names_its_source_without_the_cue_or_the_city(nlp: Language, text: str) -> None:
    assert ("鹏扬时报", "ORG") in candidates(nlp, text, "byline")
    assert "鹏扬时报" in orgs(nlp, text)


def test_a_byline_with_a_time_word_names_nothing(nlp: Language) -> None:
    assert candidates(nlp, "鹏扬时报昨日消息，顺捷物流扩产。", "byline") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("外交部新闻发言人今天表示，中方欢迎各方参与。", "外交部"),
        ("星河集团新闻发言人今天表示，公司经营正常。", "星河集团"),
    ],
)
def test_a_spokesperson_for_the_press_follows_the_organization_not_its_news(
    nlp: Language, text: str, name: str
) -> None:
    """新闻发言人 is one role: the name ends before 新闻 (外交部|新闻发言人), not before 发言人."""
    assert orgs(nlp, text) == {name}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("对美股影响有限，QRST首席投资策略师Sam表示。", "QRST"),  # not QRST首席投资 (投资 is an industry word)
        ("华瑞证券全球首席经济学家表示，市场仍将震荡。", "华瑞证券"),  # 全球首席 is one role
        ("美国投资机构Northfield Wealth首席投资策略师表示看好。", "Northfield Wealth"),  # the class noun stays out
    ],
)
def test_a_chief_role_follows_the_organization(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)
    assert not any(found.endswith(("首席", "投资", "全球")) for found in orgs(nlp, text))


@pytest.mark.parametrize(
    "text",
    ["在顺捷投资合伙人、总裁兼首席经济学家王庆看来，市场将分化。", "他曾是多只明星基金经理。"],
)
def test_a_second_role_or_a_star_fund_manager_names_no_organization(nlp: Language, text: str) -> None:
    assert not {name for name in orgs(nlp, text) if "兼" in name or name.startswith("明星")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("而根据华观云网数据显示，全年交易额同比增长20.2%。", "华观云网"),
        ("据华观云网发布的报告，全年交易额同比增长。", "华观云网"),
        ("QRST调查显示，投资者的乐观情绪升温。", "QRST"),
    ],
)
def test_the_source_of_a_figure_is_an_organization(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "最新数据显示，全年交易额同比增长。",  # no name
        "公司数据显示，全年交易额同比增长。",  # a common word
        "2017年中报数据显示，营收大增。",  # a document says it
        "研究机构CFA institution foundations发布的报告称，市场回暖。",  # a lower-case word
        "中国银联Insight数据显示，交易笔数增长。",  # a known organization and its product
    ],
)
def test_no_source_where_a_figure_has_no_named_source(nlp: Language, text: str) -> None:
    found = orgs(nlp, text)
    assert not {name for name in found if name in {"最新", "公司", "中报", "foundations"} or name.endswith("Insight")}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("本文来自微信公众号“华观财经”（ID：huaguan），作者：张三，88氪经授权发布。", {"华观财经", "88氪"}),
        ("本文由华观科技经授权发布。", {"华观科技"}),
        ("本文转载自“华观研究”（公众号：huaguanyj），作者张三。", {"华观研究"}),  # an account with no ID written
    ],
)
def test_a_publishers_account_or_a_republisher_is_an_organization(nlp: Language, text: str, names: set[str]) -> None:
    assert names <= orgs(nlp, text)


def test_a_republishing_note_without_a_name_names_nothing(nlp: Language) -> None:
    assert orgs(nlp, "本文经授权发布。") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a company announces: the subject of 发布公告 is one, even a name of common words jieba joined to 公告
        ("弘鼎技术发布公告称，公司将回购股份。", "弘鼎技术"),
        ("昨晚鹭鸶岛发布公告称，公司存货出现异常。", "鹭鸶岛"),
        ("顺捷股份发布公告称将回购股份。", "顺捷股份"),
        ("根据弘鼎技术发布的公告，公司将回购股份。", "弘鼎技术"),
    ],
)
def test_the_subject_of_an_announcement_is_an_organization(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


def test_an_announcement_with_no_name_before_it_gives_nothing(nlp: Language) -> None:
    assert not orgs(nlp, "公司发布公告称将回购股份。")


@pytest.mark.parametrize(
    ("text", "providers"),
    [
        ("　　资料来源：Wind、星河期货研究院整理　　", {"Wind", "星河期货研究院"}),
        ("数据来源：Bloomberg，星河期货研发部", {"Bloomberg", "星河期货"}),  # the firm, not its unit
        ("资料来源：顺捷资讯、弘鼎财经整理 注：单位为万元", {"顺捷资讯", "弘鼎财经"}),
        ("数据来源：东方财富Choice数据，星河证券，截至日期：2018-01-05", {"东方财富", "星河证券"}),
    ],
)
def test_a_source_line_lists_providers(nlp: Language, text: str, providers: set[str]) -> None:
    assert orgs(nlp, text) == providers


@pytest.mark.parametrize("text", ["资料来源：公司公告", "数据来源：美国学者Simon Lack", "图片来源：网络"])
def test_a_source_line_of_documents_or_people_lists_no_provider(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "byline") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("顺捷矿业19日晚间公告，公司拟收购资产。", "顺捷矿业"),  # the time between the company and 公告
        ("弘鼎化学今日发布公告称，相关厂区已停产。", "弘鼎化学"),
        ("新能源龙头股顺捷电池19日晚间公告称，订单增长。", "顺捷电池"),  # a class of stocks before the name
        ("顺捷矿业又发公告，称将回购股份。", "顺捷矿业"),  # and an adverb
    ],
)
def test_the_company_that_announces_is_named_before_the_time(nlp: Language, text: str, name: str) -> None:
    assert orgs(nlp, text) == {name}


@pytest.mark.parametrize(
    "text",
    [
        "12月2日上市公司发布公告，称将以现金收购。",  # a kind
        "星河钴业2017年年报业绩公告预增。",  # a document before 公告, and no name the rule may take
    ],
)
def test_no_announcer_in_a_kind_or_a_document(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "org_context") == set()


def test_a_dateline_cue_ends_a_word(nlp: Language) -> None:
    """电 of a dateline (新华社北京5月1日电) is no 电 of 电池."""
    assert candidates(nlp, "新能源龙头股顺捷电池发布新品。", "byline") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("国家税务总局增值税发票数据显示，假期消费增长。", "国家税务总局"),  # its data
        ("摩根士丹利财富管理部首席投资官表示，美元将走弱。", "摩根士丹利"),  # its unit
        ("港交所行政总裁表示，改革是头等大事。", "港交所"),
    ],
)
def test_common_words_after_a_known_organization_make_no_longer_name(nlp: Language, text: str, name: str) -> None:
    assert orgs(nlp, text) == {name}


def test_a_known_groups_outlet_stays_whole(nlp: Language) -> None:
    assert "新浪财经" in orgs(nlp, "新浪财经首席评论员表示，市场将震荡。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("鼎泰资产董事总经理王明在论坛上表示，市场仍有机会。", "鼎泰资产"),  # 董事 opens the role 董事总经理
        ("鼎泰资产主要负责人表示，今年将加大投入。", "鼎泰资产"),
        ("顺捷资本执行总裁李华认为，估值仍然合理。", "顺捷资本"),
    ],
)
def test_the_words_that_open_a_compound_role_are_not_the_name(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found and not any(other.startswith(name) and other != name for other in found)


@pytest.mark.parametrize(
    ("text", "firm", "unit"),
    [
        ("鼎泰基金指数投资部负责人表示，产品将如期发行。", "鼎泰基金", "鼎泰基金指数投资部"),
        ("华瑞证券宏观研究组负责人认为，利率仍将下行。", "华瑞证券", "华瑞证券宏观研究组"),
    ],
)
def test_a_firms_department_before_a_role_word_is_no_organization(
    nlp: Language, text: str, firm: str, unit: str
) -> None:
    found = orgs(nlp, text)
    assert firm in found and unit not in found


def test_a_public_bodys_unit_before_a_role_word_stays_one(nlp: Language) -> None:
    assert "深圳市政府入境事务处" in orgs(nlp, "深圳市政府入境事务处负责人介绍了通关安排。")


@pytest.mark.parametrize(
    "text",
    [
        "上市公司欲提振股价，近年来频繁回购。",  # a verb the segmenter did not know, before 股价
        "减持超过5%要发公告，另外还有锁定期。",
        "属于重大并购事项，不发公告就涉嫌违规。",
        "讲解完后股价开始拉升。",
        "楼市进一步回暖。上周二公布的数据显示，成交量回升。",  # a time before the data
        "该股在股灾时股价跌去近六成。",
        "2019年5月，星河转债公告发行后，市场平均到期收益率上升。",  # a convertible bond
    ],
)
def test_no_organization_is_a_time_an_act_or_a_bond_before_a_context_word(nlp: Language, text: str) -> None:
    assert not candidates(nlp, text, "org_context")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("翰岳公告称，公司将于下周复牌。", "翰岳"),  # a short name the segmenter did not know stays one
        ("此前，鹏扬证券原董事长王某被带走调查。", "鹏扬证券"),  # a former holder of the role: 原 is the role's
        ("顺捷证券前任董事长已于去年退休。", "顺捷证券"),
    ],
)
def test_the_organization_before_a_context_word_keeps_its_name(nlp: Language, text: str, name: str) -> None:
    assert (name, "ORG") in candidates(nlp, text, "org_context")


def test_a_scoop_is_not_part_of_the_sources_name(nlp: Language) -> None:
    """据X独家消息: 独家 says the news is X's alone; the source is X."""
    found = orgs(nlp, "据星河网独家消息，该公司将裁员。")
    assert "星河网" in found and not [name for name in found if "独家" in name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an analyst's, a researcher's, a partner's or a director's role names the firm before it
        ("翰岳资产合伙人张伟指出，白酒行业景气仍在。", "翰岳资产"),
        ("顺捷咨询分析师王强认为，港股仍将震荡。", "顺捷咨询"),
        ("鹏扬研究院院长刘洋表示，通胀压力可控。", "鹏扬研究院"),
        # the field or market the role covers and glued modifiers belong to the role, not the name
        ("顺捷证券高级宏观研究员刘洋表示，降准仍有空间。", "顺捷证券"),
        ("鹏扬集团首席中文分析师黄磊指出，日元走弱。", "鹏扬集团"),
        ("中央宣讲团成员、全国政协原副秘书长李明在兰州作报告。", "全国政协"),
        ("翰岳资产董事长合伙人张伟做客节目。", "翰岳资产"),  # two roles in a row: the name ends before the first
    ],
)
def test_a_role_word_follows_the_firm_and_its_modifiers_are_the_roles(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert not any(other.startswith(name) and other != name for other in found)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("华尔街分析师普遍认为美股估值偏高。", "华尔街"),  # a class of people, no one firm
        ("一月的指数远高于分析师预估的水平。", "远高于"),  # a verb phrase the segmenter glued
        ("他在券商有过研究员经历。", "有过"),
        ("他在公司担任风控总监多年。", "风控"),  # a function a director heads, no organization
        ("国泰君安上海研究总监李明表示。", "国泰君安上海"),  # a known firm's office in a place
    ],
)
def test_no_firm_before_a_role_word_in_a_class_a_verb_or_a_function(nlp: Language, text: str, wrong: str) -> None:
    assert wrong not in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("鼎岳地产设计总监刘某表示，项目将于年底交付。", "鼎岳地产"),
        ("拓澜中国公关总监许某说，销量有所回升。", "拓澜中国"),
        ("晟岚资本行政总裁司徒某先生出席了论坛。", "晟岚资本"),
        ("拓澜创意总监余某介绍了设计理念。", "拓澜"),
        ("北京鼎岳置业有限公司营销总监邹某介绍了项目。", "北京鼎岳置业有限公司"),
    ],
)
def test_a_department_field_before_a_manager_role_is_the_role_s(nlp: Language, text: str, firm: str) -> None:
    assert orgs(nlp, text) == {firm}


def test_a_field_word_ends_the_firm_s_name_where_no_manager_s_role_follows(nlp: Language) -> None:
    assert "鼎岳设计" in orgs(nlp, "鼎岳设计发布公告称，公司中标一个项目。")


def test_a_board_secretary_names_the_firm_before_it(nlp: Language) -> None:
    assert "鼎岳科技" in orgs(nlp, "鼎岳科技董秘称，公司经营一切正常。")


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("鼎岳财富有关专家表示，新发行的产品收益有所回落。", "鼎岳财富"),
        ("拓澜安捷提供的数据显示，上月房贷交易量回升。", "拓澜安捷"),
        ("晟岚资本有关负责人表示，项目进展顺利。", "晟岚资本"),
    ],
)
def test_a_firm_s_experts_and_the_data_it_gave_name_it(nlp: Language, text: str, firm: str) -> None:
    assert firm in orgs(nlp, text)


def test_a_sector_s_experts_name_no_firm(nlp: Language) -> None:
    assert orgs(nlp, "银行业有关专家表示，利率仍有下行空间。") == set()


@pytest.mark.parametrize(
    "text",
    ["王广善总经理介绍了指数的编制情况。", "崔新魁CEO称，公司在出口方面有优势。", "刘益谦董事长表示将长期持有。"],
)
def test_a_person_s_name_before_a_role_is_no_firm(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()


def test_a_firm_named_like_a_person_keeps_its_name_where_a_name_follows_the_role(nlp: Language) -> None:
    assert "周大福" in orgs(nlp, "周大福总经理黄某表示，金价有所回落。")
