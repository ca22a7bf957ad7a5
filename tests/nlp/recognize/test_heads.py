"""kg/nlp/recognize/heads.py: head-word rules and the institutions of jieba's dictionary.

Every sentence here is invented; 星河, 顺捷, 鹏扬 and 鼎岳 are made-up names, the others widely known organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, entities, orgs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("苏州星河商场今年开业。", "苏州星河商场"),  # the place prefix belongs to the name
        ("中国银联联合苏州星河商场推出新春消费季活动。", "苏州星河商场"),  # the verb before it does not
        ("顺捷物流股份有限公司今日发布公告。", "顺捷物流股份有限公司"),
        ("星河金融科技有限公司今日发布公告。", "星河金融科技有限公司"),
        ("鹏扬基金推出新产品。", "鹏扬基金"),
    ],
)
def test_org_head_finds_the_whole_name(nlp: Language, text: str, name: str) -> None:
    assert (name, "ORG") in candidates(nlp, text, "org_head")
    assert name in orgs(nlp, text)


def test_org_head_stops_at_verbs_and_function_words(nlp: Language) -> None:
    found = orgs(nlp, "中国银联联合苏州星河商场推出新春消费季活动。")
    assert not any(name.startswith(("联合", "银联联合")) for name in found)
    assert orgs(nlp, "消费者在苏州星河商场购物。") == {"苏州星河商场"}  # not 在苏州星河商场


def test_org_head_with_a_legal_form_split_by_the_segmenter(nlp: Language) -> None:
    assert "顺捷科技股份有限公司" in orgs(nlp, "顺捷科技股份有限公司今日发布公告。")


@pytest.mark.parametrize(
    "text",
    [
        "商业银行加大对小微企业的支持。",
        "多家上市公司和公募基金参与调研。",
        "多家商业银行推出新产品。",
        "城市商场人流回升。",
        "大型超市纷纷降价。",
        "银行推出新产品。",
    ],
)
def test_generic_names_are_not_organizations(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()


def test_industry_head_with_a_proper_name_is_an_organization(nlp: Language) -> None:
    text = "顺捷物流与京东集团签署合作协议。"
    assert ("顺捷物流", "ORG") in candidates(nlp, text, "org_industry")
    assert orgs(nlp, text) == {"顺捷物流", "京东集团"}


@pytest.mark.parametrize("text", ["智慧物流正在改变城市配送。", "城市物流正在升级。", "智慧物流企业纷纷布局。"])
def test_industry_head_after_a_common_modifier_is_not(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "org_industry") == set()
    assert orgs(nlp, text) == set()


def test_descriptors_before_a_proper_name_are_dropped(nlp: Language) -> None:
    assert "OZON公司" in orgs(nlp, "参与俄罗斯最大电商OZON公司的物流项目。")
    assert not any(name.startswith("电商") for name in orgs(nlp, "参与俄罗斯最大电商OZON公司的物流项目。"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("该公司的旗舰扫地机产品Nova系列销量居首。", "Nova系列"),  # a class noun ends the description
        ("星河公司旗下产品云帆系列受到欢迎。", "云帆系列"),
    ],
)
def test_a_class_noun_before_a_proper_name_ends_the_description(nlp: Language, text: str, name: str) -> None:
    assert (name, "PRODUCT") in entities(nlp, text)
    assert not any(found.startswith(("旗舰", "产品")) for found, _ in entities(nlp, text))


def test_a_class_noun_of_carmakers_ends_the_description(nlp: Language) -> None:
    assert orgs(nlp, "国内车企星驰汽车发布新车。") == {"星驰汽车"}


def test_a_class_noun_before_a_common_noun_stays_in_the_phrase(nlp: Language) -> None:
    assert entities(nlp, "公司产品经理表示，新品将于下月上市。") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("杭州市文化局发布通知。", "杭州市文化局"),  # a place and a field name a public body
        ("顺捷银行杭州分行今日开业。", "顺捷银行杭州分行"),  # a branch keeps its parent bank
        ("星河银行西湖支行也开业了。", "星河银行西湖支行"),
        ("鹏扬俱乐部和足球俱乐部都来了。", "鹏扬俱乐部"),
    ],
)
def test_public_bodies_branches_and_clubs(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", ["上海市中心人流回升。", "足球俱乐部招收会员。", "车队和团队出发。"])
def test_a_place_alone_or_a_common_word_before_a_weak_head_is_no_name(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("顺捷清算平台今天发布春节数据。", "顺捷清算平台"),  # an unknown name picks out one platform
        ("南京江北污水收集系统投入运行。", "南京江北污水收集系统"),  # so does a place
        ("全国农机作业信息平台正式上线。", "全国农机作业信息平台"),  # and a national scope
    ],
)
def test_a_named_platform_or_system(nlp: Language, text: str, name: str) -> None:
    assert (name, "PRODUCT") in entities(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "监管部门要求金融科技平台企业合规经营。",
        "工地配备了远程供水系统。",
        "这里正在建设农业技术资源共享平台。",
        "甲方防空系统拦截了大部分导弹。",  # a side, an army or a country owns systems of a kind
        "华瑞集团推出AI平台和SaaS平台。",  # jargon before a platform names a kind
        "俄军防空系统还拦截了火箭弹。",
        "该国铁路系统员工举行罢工，美国防空系统未能拦截。",
        "华瑞集团与顺捷电信合作的云平台正式上线。",  # one character names a kind
        "顺捷银行的网系统升级后更稳定。",
    ],
)
def test_a_kind_of_platform_or_system_is_no_product(nlp: Language, text: str) -> None:
    assert not {label for _, label in entities(nlp, text)} & {"PRODUCT"}


@pytest.mark.parametrize(
    "text",
    [
        "某地一处风电项目开工。",  # a field word and 项目: a kind of project
        "当地防洪工程年内完工。",
        "这里的夜游项目很受欢迎。",
        "一批新型储能项目陆续开工。",  # a descriptor does not make the field word a name
    ],
)
def test_a_field_word_before_project_names_a_kind(nlp: Language, text: str) -> None:
    assert not {label for _, label in entities(nlp, text)} & {"INITIATIVE"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("移动支付惠农工程今年覆盖更多县城。", "移动支付惠农工程"),  # several words make a programme's name
        ("鹏扬水库工程正式开工。", "鹏扬水库工程"),  # a proper name and a field word
        ("顺捷港二期工程正式开工。", "顺捷港二期工程"),
    ],
)
def test_a_project_with_a_name(nlp: Language, text: str, name: str) -> None:
    assert (name, "INITIATIVE") in entities(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "推动海洋科技创新，建设海洋强省。",  # an industry word before a field word is a field
        "展会设有国际科技、绿色能源两个展区。",  # a list of fields
        "顺捷会电力、供水保障到位。",
    ],
)
def test_an_industry_word_naming_a_field_is_no_company(nlp: Language, text: str) -> None:
    assert not candidates(nlp, text, "org_industry")


def test_an_industry_word_in_a_list_of_companies_is_a_company(nlp: Language) -> None:
    text = "代表团走访了星河集团、顺捷电子、鹏扬集团等企业。"
    assert ("顺捷电子", "ORG") in candidates(nlp, text, "org_industry")


@pytest.mark.parametrize(
    "text",
    [
        "星河湖夏日音乐会在湖畔举办。",  # an event the dictionary tags as an organization
        "两国发表联合公报称将加强合作。",  # a document
        "依法由人民法院审理。",  # a kind of institution
        "双方携手抗疫，互相支持。",  # what they do together, not a partner
    ],
)
def test_events_documents_and_kinds_are_no_organizations(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "series"),
    [("星河市组织开展300多项文旅系列活动。", "文旅系列"), ("顺捷新区系列政策扩大到全区。", "顺捷新区系列")],
)
def test_a_series_of_events_or_policies_is_no_product(nlp: Language, text: str, series: str) -> None:
    assert (series, "PRODUCT") not in entities(nlp, text)


def test_a_product_series_stays(nlp: Language) -> None:
    assert ("顺捷X5系列", "PRODUCT") in entities(nlp, "顺捷X5系列今天发布。")


@pytest.mark.parametrize(
    "text",
    [
        "加快构建航天产业发展新格局。",  # 格局 is a common word, not a bureau
        "欢迎更多企业来华投资。",  # 华 and 投资: a verb's object, not an investment company
        "外资企业对华投资信心增强。",
    ],
)
def test_common_words_ending_in_an_institution_head_are_no_organizations(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()


def test_a_named_investment_company_stays(nlp: Language) -> None:
    assert "顺捷投资" in orgs(nlp, "顺捷投资今日发布公告。")


@pytest.mark.parametrize(
    "text",
    [
        "前线部队在伊万诺夫卡附近推进。",
        "双方在米哈伊洛夫卡方向交火。",
        "卡霍夫卡水电站附近出现洪水。",
        "军方称控制了谢苗尼夫卡和巴甫利夫卡两个居民点。",  # 苗, 甫: transcription characters too
        "山火蔓延到东阿提卡地区。",
        "项目主任莫妮卡表示，合作将继续。",
    ],
)
def test_transcribed_place_names_ending_in_ka_are_no_cards(nlp: Language, text: str) -> None:
    assert not {surface for surface, label in entities(nlp, text) if label == "PRODUCT"}


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("农业银行推出福农卡。", "福农卡"),
        ("星河银行发行鹏扬联名卡。", "鹏扬联名卡"),
        ("截至去年底，银联卡发卡量持续增长。", "银联卡"),  # jieba's dictionary tags 银联卡 as a person
    ],
)
def test_chinese_card_names_stay_products(nlp: Language, text: str, card: str) -> None:
    assert (card, "PRODUCT") in entities(nlp, text)


@pytest.mark.parametrize(
    "text", ["长江流域湿地生态系统得到修复。", "排放对海洋生态系统的长期影响尚不清楚。", "保护草原生态系统。"]
)
def test_an_ecosystem_is_no_product(nlp: Language, text: str) -> None:
    assert not {surface for surface, label in entities(nlp, text) if label == "PRODUCT"}


@pytest.mark.parametrize(
    "text",
    [
        "向交通运输系统的广大干部职工致以问候。",
        "在星河省检察系统，她是公诉战线的骨干。",
        "加强证监会系统自身建设。",  # a known regulator before 系统: its sector, not its product
        "中央企业贡献了央企系统约六成的营业收入。",
    ],
)
def test_the_bodies_of_a_sector_are_no_product(nlp: Language, text: str) -> None:
    assert not {surface for surface, label in entities(nlp, text) if label == "PRODUCT"}


def test_a_named_system_stays_a_product(nlp: Language) -> None:
    assert ("蓝鲸系统", "PRODUCT") in entities(nlp, "星河科技推出的蓝鲸系统已在多家医院上线。")


@pytest.mark.parametrize(
    "text",
    [
        "这一倡议得到了多方响应。",  # a demonstrative opens no name
        "会议提出的目标需要尽快付诸行动。",  # an idiom ending in 行动
        "两国战略合作不断深化，双方尊重彼此的战略自主。",  # 战略 as "strategic"
        "中俄战略协作不断加强。",
        "以两国领导人战略共识为指引。",
        "这架客机原计划周五起飞，因天气推迟。",  # 原计划: as planned
        "华瑞集团计划在明年推出新款手机。",  # an organization plans to do something
        "华瑞银行计划回购最多20亿元的股票。",
        "后续宁西矿业计划投产一条新的生产线。",  # a firm named by its line plans, though no rule found the firm
    ],
)
def test_phrases_ending_in_an_initiative_word_are_no_initiatives(nlp: Language, text: str) -> None:
    assert not {surface for surface, label in entities(nlp, text) if label == "INITIATIVE"}


def test_a_named_strategy_is_still_an_initiative(nlp: Language) -> None:
    assert ("鹏扬出海战略", "INITIATIVE") in entities(nlp, "星河集团发布“鹏扬出海战略”，加快布局海外市场。")


@pytest.mark.parametrize("text", ["总理卡拉斯卡会见了代表团。", "总统奥列茨卡出席了仪式。"])
def test_a_transcribed_name_after_other_words_is_no_card(nlp: Language, text: str) -> None:
    assert not {surface for surface, label in entities(nlp, text) if label == "PRODUCT"}


@pytest.mark.parametrize(
    "text",
    [
        "星河电商拿下腾讯战略投资。",  # a known organization, a common noun, then 投资: its activity
        "成为腾讯官方唯一投资的平台。",  # a describing word before a weak head
    ],
)
def test_an_activity_after_an_organization_is_no_firm(nlp: Language, text: str) -> None:
    assert not any(name.endswith("投资") for name in orgs(nlp, text))


def test_a_firm_whose_name_holds_a_common_noun_stays(nlp: Language) -> None:
    assert "鹏扬国际投资" in orgs(nlp, "鹏扬国际投资宣布完成募资。")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("顺捷银行公募销售团队负责人表示。", "顺捷银行"),
        ("顺捷集团采购部门发布通知。", "顺捷集团"),
        ("中国银行公募销售团队相关负责人表示。", "中国银行"),  # a known bank: the role word reads no team
    ],
)
def test_a_team_or_department_is_no_organization_of_its_own(nlp: Language, text: str, org: str) -> None:
    assert orgs(nlp, text) == {org}


@pytest.mark.parametrize(
    "text",
    [
        "今年混合型基金、ETF基金和社保基金规模都在增长。",  # kinds of funds
        "港股ETF与A股ETF的成交额回升。",
        "多家白酒上市公司股价回落，市值公司领涨。",  # jargon rarer than names in jieba's counts
    ],
)
def test_classes_of_funds_and_jargon_are_no_names(nlp: Language, text: str) -> None:
    assert {label for _, label in entities(nlp, text)} <= {"LOC"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("顺捷银行推出跨境支付便民工程。", "跨境支付便民工程"),  # two content words after a launch verb
        ("顺捷集团发布乡村振兴主题卡。", "乡村振兴主题卡"),
    ],
)
def test_a_launched_name_of_common_words_is_a_name(nlp: Language, text: str, name: str) -> None:
    assert name in {surface for surface, label in entities(nlp, text) if label in {"PRODUCT", "INITIATIVE"}}


def test_a_launched_field_and_its_kind_is_no_name(nlp: Language) -> None:
    assert not any(label == "INITIATIVE" for _, label in entities(nlp, "美军在叙利亚实施军事行动。"))


@pytest.mark.parametrize(
    ("text", "name"),
    [("星河集团今日发布公告。", "星河集团"), ("星河物流有限公司今日发布公告。", "星河物流有限公司")],
)
def test_a_group_or_a_legal_form_names_a_firm_of_dictionary_words(nlp: Language, text: str, name: str) -> None:
    """A group and a registered company have names: before 集团 and 有限公司 a rare dictionary word (星河) is one."""
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", ["星河中心今日开放。", "星河计划今年启动。", "星河平台访问量上升。"])
def test_a_dictionary_word_before_another_head_is_no_evidence_of_a_name(nlp: Language, text: str) -> None:
    assert entities(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("苏州市工业和信息化局发布通知。", "苏州市工业和信息化局"),  # 和 joins two fields of one body
        ("顺捷大学经济与金融研究院发布报告。", "顺捷大学经济与金融研究院"),
        ("生态环境部大气环境司负责人介绍。", "生态环境部大气环境司"),  # a ministry's department
        ("顺捷保险(集团)公司共同发起设立。", "顺捷保险(集团)公司"),  # a group's legal form in brackets
    ],
)
def test_names_of_bodies_that_hold_a_conjunction_or_a_bracket(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("应急管理部和苏州市地震局派出工作组。", {"应急管理部", "苏州市地震局"}),  # two names, not one
        ("顺捷汽车与北京航天试验技术研究所签署协议。", {"顺捷汽车"}),
    ],
)
def test_a_conjunction_between_two_names_keeps_them_apart(nlp: Language, text: str, names: set[str]) -> None:
    found = orgs(nlp, text)
    assert names <= found
    assert not any("和" in name or "与" in name for name in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("报告作者北京大学经济与金融研究院团队表示。", "北京大学经济与金融研究院"),  # a known parent opens it
        ("会议任命韩青为顺捷大学经济与金融研究院院长。", "顺捷大学经济与金融研究院"),  # 韩青为: a name glued to 为
    ],
)
def test_a_unit_named_with_a_conjunction_stops_at_its_parent_or_a_clitic(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert found <= {name, "北京大学"}


def test_a_person_glued_to_wei_opens_no_committee_name(nlp: Language) -> None:
    assert not any("为" in name for name in orgs(nlp, "会议任命韩青为民族和宗教委员会副主任。"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("印尼海军今天派出两艘舰艇。", "印尼海军"),
        ("美国太平洋舰队司令表示将加强巡航。", "美国太平洋舰队"),
        ("苏州博物馆周末延长开放时间。", "苏州博物馆"),
        ("黑龙江七星农场开始秋收。", "黑龙江七星农场"),
    ],
)
def test_armed_forces_museums_and_farms_are_named_by_their_head(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", ["一支强大的海军需要远洋舰队。", "他们周末参观了多家博物馆和农场。"])
def test_the_bare_kind_of_a_force_or_a_museum_is_no_name(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()


def test_an_organization_and_a_product_word_before_a_unit_is_the_unit(nlp: Language) -> None:
    """The bank's card centre is a unit of the bank, no product."""
    assert entities(nlp, "交通银行信用卡中心发布公告。") == {("交通银行信用卡中心", "ORG")}
    assert not any(label == "PRODUCT" for _, label in entities(nlp, "顺捷银行信用卡中心发布公告。"))


def test_an_organization_and_a_product_word_before_an_activity_is_neither(nlp: Language) -> None:
    """The house's ETF investment: a line of business, neither product nor firm."""
    found = entities(nlp, "顺捷基金ETF投资总监表示看好后市。")
    assert not any(label == "PRODUCT" or name.endswith("投资") for name, label in found)


def test_a_product_word_after_an_organization_and_before_no_noun_stays(nlp: Language) -> None:
    assert ("顺捷银行信用卡", "PRODUCT") in entities(nlp, "顺捷银行信用卡今年发卡量增长。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("据顺捷时报报道，鹏扬集团今年扩产。", "顺捷时报"),
        ("鹏扬晨报记者从市里获悉。", "鹏扬晨报"),
        ("来源：顺捷周刊", "顺捷周刊"),
    ],
)
def test_newspapers_and_magazines_are_named_by_their_head(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


def test_a_newspaper_head_alone_is_no_name(nlp: Language) -> None:
    assert orgs(nlp, "这份时报很受欢迎。") == set()


def test_a_proper_name_before_zhineng_is_a_company(nlp: Language) -> None:
    assert ("顺捷智能", "ORG") in candidates(nlp, "顺捷智能今年完成了新一轮融资。", "org_industry")


@pytest.mark.parametrize(
    "text",
    ["这波智能清洁赛道爆发。", "展会上的AI智能家电很受欢迎。", "公司在人工智能领域布局。", "这家智能工厂投产。"],
)
def test_a_demonstrative_or_a_latin_term_before_an_industry_word_is_no_company(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "org_industry") == set()
    assert orgs(nlp, text) == set()


@pytest.mark.parametrize(("text", "fund"), [("全球最大的MSCI新兴市场指数基金规模下降。", "MSCI新兴市场指数基金")])
def test_a_fund_after_an_index_is_a_product_not_a_firm(nlp: Language, text: str, fund: str) -> None:
    assert (fund, "PRODUCT") in entities(nlp, text)


def test_a_non_bank_is_a_kind(nlp: Language) -> None:
    assert orgs(nlp, "该行是一家国有大型非银行金融企业。") == set()


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("西南证券发布研究报告。", "西南证券"),
        ("东北证券分析师张明认为行业景气回升。", "东北证券"),  # a role word ends the name, as 董事长 does
        ("陕西信托今年发行了三只产品。", "陕西信托"),
        ("南华期货认为铜价将回落。", "南华期货"),
    ],
)
def test_a_region_before_a_broker_or_trust_head_names_the_firm(nlp: Language, text: str, firm: str) -> None:
    assert firm in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "上海证券市场今天交易活跃。",  # a noun goes on: a market
        "中国证券行业去年营收增长。",  # the country: an industry
        "近期期货价格普遍走高。",
        "华尔街分析师普遍认为美联储将降息。",  # a role word alone makes no firm of a place
    ],
)
def test_a_region_before_a_market_or_an_industry_is_no_firm(nlp: Language, text: str) -> None:
    assert not any(name.endswith(("证券", "期货", "信托", "华尔街")) for name in orgs(nlp, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("据悉，中金浦成投资是星河证券下设的全资子公司。", "中金浦成投资"),
        ("会议期间，中英企业家委员会发布了年度报告。", "中英企业家委员会"),
    ],
)
def test_a_lone_zhong_before_a_proper_name_opens_it(nlp: Language, text: str, name: str) -> None:
    """中 alone before a proper name is 中国's short form (中|金浦), not the descriptor of 大中小."""
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("华瑞资本是中国鹏扬控股有限责任公司的全资子公司。", "中国鹏扬控股有限责任公司"),
        ("据悉，深圳市顺捷投资有限公司已完成工商登记。", "深圳市顺捷投资有限公司"),
    ],
)
def test_a_legal_form_after_a_line_the_segmenter_calls_a_verb(nlp: Language, text: str, name: str) -> None:
    """控股 and 投资 are verbs to jieba; before a legal form they are the company's line of business."""
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", ["华瑞资本是鹏扬控股有限公司的子公司。", "意向方华瑞资本来头不小。"])
def test_a_copula_or_a_party_noun_glued_to_a_name_is_cut_off(nlp: Language, text: str) -> None:
    """jieba's HMM glues 是 to the unknown name after it (是鹏扬); 意向方, 受让方 name a party's role."""
    found = orgs(nlp, text)
    assert "华瑞资本" in found
    assert not any(name.startswith(("是", "意向", "方")) for name in found)


def test_a_plan_of_an_organization_followed_by_a_verb_is_still_a_programme(nlp: Language) -> None:
    assert ("华瑞二期计划", "INITIATIVE") in entities(nlp, "华瑞二期计划推迟至明年。")


def test_jargon_before_a_project_names_a_kind(nlp: Language) -> None:
    assert not {name for name, label in entities(nlp, "目前针对PPP项目的监管政策趋严。") if label == "INITIATIVE"}


def test_a_latin_name_before_a_platform_still_names_one(nlp: Language) -> None:
    assert ("HarmonyOS平台", "PRODUCT") in entities(nlp, "华瑞集团推出HarmonyOS平台。")


@pytest.mark.parametrize(
    "text",
    ["伦敦布伦特原油期货价格收于每桶80美元上方。", "大连商品交易所铁矿石期货收涨。", "美国WTI原油期货收跌2%。"],
)
def test_a_futures_contract_on_a_commodity_is_no_firm(nlp: Language, text: str) -> None:
    assert not any(name.endswith("期货") for name in orgs(nlp, text))


def test_a_futures_firm_is_still_one(nlp: Language) -> None:
    assert orgs(nlp, "顺捷期货与五矿期货发布原油期货周报。") == {"顺捷期货", "五矿期货"}


def test_a_futures_contract_on_an_index_is_no_firm(nlp: Language) -> None:
    assert not any(name.endswith("期货") for name in orgs(nlp, "美指期货强势翻红，恒指期货低开。"))


@pytest.mark.parametrize("text", ["Q4基金继续增仓主板。", "17Q3公司营收增长。", "较Q3上升6.53%，Q3为85.16%。"])
def test_a_reporting_period_opens_no_name(nlp: Language, text: str) -> None:
    assert not entities(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a head word that opens a kin noun ends no name there: 控股 belongs to 控股股东
        ("长江证券控股股东新理益集团董事长受访。", "长江证券"),
        ("公司董事长为弘鼎科技控股股东。", "弘鼎科技"),
        # a holding company's own name: a second head follows, or 股东大会 is one word
        ("弘鼎控股控股股东顺捷投资增持股份。", "弘鼎控股"),
        ("弘鼎控股股东大会召开。", "弘鼎控股"),
    ],
)
def test_a_kin_noun_after_a_name_is_no_part_of_it(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)
    assert not any(other.startswith(name) and other != name for other in orgs(nlp, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("午后，宁西矿业早盘迅速涨停。", "宁西矿业"),
        ("华瑞制药再次封板，成为市场焦点。", "华瑞制药"),
        ("外资本周加仓了振宏重工。", "振宏重工"),
    ],
)
def test_mining_pharma_and_heavy_industry_end_a_firms_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


def test_a_venture_firm_is_named_by_创投_and_the_trade_as_a_whole_is_none(nlp: Language) -> None:
    assert "顺捷创投" in orgs(nlp, "同时引入顺捷创投等机构股东，增发完成后持股比例下降。")
    assert not orgs(nlp, "国内创投机构纷纷布局早期项目。")


@pytest.mark.parametrize(
    "text",
    [
        "即将上市的东证股价指数TOPIX期货令投资者通过单笔交易即可投资。",
        "道琼斯指数期货则下跌2.2%。",
        "NYMEX汽油期货下跌0.6%，柴油期货小幅上涨。",
        "芝商所比特币期货周一收涨。",
    ],
)
def test_a_futures_contract_on_an_index_or_a_commodity_is_no_firm(nlp: Language, text: str) -> None:
    assert not any(name.endswith("期货") for name in orgs(nlp, text))


def test_a_futures_firm_before_a_contracts_name_is_still_one(nlp: Language) -> None:
    assert "顺捷期货" in orgs(nlp, "顺捷期货研究员表示，原油期货短期承压。")


@pytest.mark.parametrize(
    "text",
    [
        "权重板块轮动推升指数上行。",
        "石化双雄拉动指数走高。",
    ],
)
def test_what_moved_the_market_is_no_index(nlp: Language, text: str) -> None:
    assert not [surface for surface, label in entities(nlp, text) if label == "PRODUCT"]


@pytest.mark.parametrize(
    ("text", "product", "wrong"),
    [
        ("教育部升级国家中小学智慧教育平台。", "国家中小学智慧教育平台", "教育部升级国家中小学智慧教育平台"),
        ("翰岳银行上线鹏扬智慧收单平台。", "鹏扬智慧收单平台", "翰岳银行上线鹏扬智慧收单平台"),
    ],
)
def test_a_product_name_starts_after_the_act_of_the_party_before_it(
    nlp: Language, text: str, product: str, wrong: str
) -> None:
    found = {surface for surface, label in entities(nlp, text) if label == "PRODUCT"}
    assert product in found
    assert wrong not in found


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("日本东证指数下跌3.2%。", "东证指数"),  # a name the segmenter does not know before 指数
        ("中证转债指数收于284.21点。", "转债指数"),
        ("意大利富时指数收跌387.16点。", "富时指数"),
    ],
)
def test_an_index_named_by_an_unknown_word_stays_one(nlp: Language, text: str, index: str) -> None:
    assert any(surface.endswith(index) for surface, label in entities(nlp, text) if label == "PRODUCT")


def test_a_verb_between_nouns_stays_inside_a_product_name(nlp: Language) -> None:
    assert ("乡村振兴主题卡", "PRODUCT") in entities(nlp, "星河银行推出乡村振兴主题卡。")
    assert ("星河新能源指数", "PRODUCT") in entities(nlp, "中证指数公司发布星河新能源指数。")


def test_a_place_opens_a_product_name_whatever_word_follows_it(nlp: Language) -> None:
    found = entities(nlp, "这两天，宁夏生鲜乳质量追溯数字平台正式上线。")
    assert ("宁夏生鲜乳质量追溯数字平台", "PRODUCT") in found


def test_a_partys_central_committee_is_an_organization(nlp: Language) -> None:
    text = "会上，民革中央主席、民盟中央主席和民建中央主席先后发言。"
    assert {"民革中央", "民盟中央", "民建中央"} <= orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"), [("据拱北海关统计，进出口增长。", "拱北海关"), ("上海海关查获一批货物。", "上海海关")]
)
def test_a_customs_house_is_an_organization(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "firm", "wrong"),
    [
        ("翰岳基金投资总监表示，市场将震荡。", "翰岳基金", "翰岳基金投资"),
        ("鹏扬证券投资经理认为估值偏低。", "鹏扬证券", "鹏扬证券投资"),
    ],
)
def test_an_activity_word_before_a_role_is_the_roles(nlp: Language, text: str, firm: str, wrong: str) -> None:
    found = orgs(nlp, text)
    assert firm in found
    assert wrong not in found


def test_a_firms_role_after_its_activity_head_keeps_the_name(nlp: Language) -> None:
    assert "翰岳投资" in orgs(nlp, "翰岳投资总经理王明表示，市场见底。")


@pytest.mark.parametrize(
    ("text", "name"), [("翰岳投顾认为，外围市场暴跌。", "翰岳投顾"), ("鹏扬股份今日涨停。", "鹏扬股份")]
)
def test_an_advisers_and_a_listed_companys_heads(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


def test_an_advisory_of_a_kind_is_no_firm(nlp: Language) -> None:
    assert not orgs(nlp, "智能投顾发展迅速，国有股份继续减持。")


def test_a_presidential_office_is_an_organization(nlp: Language) -> None:
    assert "鹏扬总统府" in orgs(nlp, "鹏扬总统府发表声明。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("今年6月在上海顺捷拍卖公司也上拍了一幅画。", "上海顺捷拍卖公司"),  # a line of business tagged as a verb
        ("上海鹏扬投资管理公司一位负责人告诉记者。", "上海鹏扬投资管理公司"),
        ("摇号的公证工作由武汉市星河公证处公证。", "武汉市星河公证处"),  # a notary office
        ("他来自斯通菲尔德拍卖行。", "斯通菲尔德拍卖行"),  # an auction house
    ],
)
def test_a_line_of_business_before_gongsi_stays_in_the_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    "text", ["一家投资管理公司负责人表示。", "该拍卖公司负责人表示。", "瑞士投资公司的分析师表示。"]
)
def test_a_line_of_business_alone_before_gongsi_names_a_kind(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()


@pytest.mark.parametrize(
    "text",
    ["坚定看好蓝筹股投资机会。", "恒指的权重股公司占比被限制。", "恒指成分股公司的盈利普遍回升。"],
)
def test_stocks_of_a_kind_before_a_head_name_no_firm(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()


def test_a_holding_verb_before_a_legal_form_stays_in_the_name(nlp: Language) -> None:
    assert "鼎岳资本控股有限公司" in orgs(nlp, "鼎岳资本控股有限公司持有该公司9%的股份。")


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("支持更多法国银行接入人民币跨境支付系统。", "法国银行"),  # many of a kind
        ("众多外资银行加大了在华投资。", "外资银行"),
        ("政府将向俄罗斯各大银行提供帮助。", "俄罗斯各大银行"),  # the major ones of a kind
        ("要在危机中育新机、于变局中开新局。", "变局中开新局"),  # a new situation, no bureau
        ("来自各地的37支龙舟队参加了比赛。", "支龙舟队"),  # the measure word counts the teams
    ],
)
def test_many_of_a_kind_situations_and_measure_words_make_no_name(nlp: Language, text: str, wrong: str) -> None:
    assert wrong not in orgs(nlp, text)


@pytest.mark.parametrize("text", ["既然是一家高科技公司，自然需要研发投入。", "高新技术企业数量继续增长。"])
def test_high_tech_describes_a_kind_of_firm(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()
