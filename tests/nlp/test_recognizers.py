"""kg_recognizer: one test per rule family, each with sentences that must and must not yield a name.

Every sentence here is invented; 星河, 顺捷 and 鹏扬 are made-up names, the others widely known organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language


def candidates(nlp: Language, text: str, rule: str) -> set[tuple[str, str]]:
    """(surface, type) of the candidates one rule proposed."""
    doc = nlp(text)
    return {(text[c.start : c.end], c.label) for c in doc._.kg_candidates if c.rule == rule}


def entities(nlp: Language, text: str) -> set[tuple[str, str]]:
    """(surface, type) of the settled entities."""
    return {(e.text, e.label_) for e in nlp(text).ents}


def orgs(nlp: Language, text: str) -> set[str]:
    return {surface for surface, label in entities(nlp, text) if label == "ORG"}


# organization head words ------------------------------------------------------------------------------------
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


# industry heads ---------------------------------------------------------------------------------------------
def test_industry_head_with_a_proper_name_is_an_organization(nlp: Language) -> None:
    text = "顺捷物流与京东集团签署合作协议。"
    assert ("顺捷物流", "ORG") in candidates(nlp, text, "org_industry")
    assert orgs(nlp, text) == {"顺捷物流", "京东集团"}


@pytest.mark.parametrize("text", ["智慧物流正在改变城市配送。", "城市物流正在升级。", "智慧物流企业纷纷布局。"])
def test_industry_head_after_a_common_modifier_is_not(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "org_industry") == set()
    assert orgs(nlp, text) == set()


# quoted names -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("农行推出“福农通”农资收购产品。", ("福农通", "PRODUCT")),  # typed by the noun after the quote
        ("农行开通“惠农e通”平台。", ("惠农e通", "PRODUCT")),
        ("农行推出“乡村振兴主题卡”。", ("乡村振兴主题卡", "PRODUCT")),  # typed by its own head
        ("中国银联发起“红火计划”。", ("红火计划", "INITIATIVE")),
    ],
)
def test_quoted_names_are_typed_by_head_or_follower(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in candidates(nlp, text, "quoted")
    assert expected in entities(nlp, text)


def test_a_quoted_slogan_is_not_a_name(nlp: Language) -> None:
    text = "银联坚守“支付为民”的初心。"
    assert candidates(nlp, text, "quoted") == set()
    assert entities(nlp, text) == {("银联", "ORG")}


def test_a_quoted_slogan_before_a_concept_noun_is_not_a_product(nlp: Language) -> None:
    assert ("支付为民", "PRODUCT") not in entities(nlp, "中国银联推出“支付为民”的服务理念。")


def test_a_quoted_name_with_a_weak_head_after_a_launch_verb(nlp: Language) -> None:
    assert ("福农通", "PRODUCT") in entities(nlp, "银联推出“福农通”。")


# launch objects ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国农业银行推出助农取款业务。", ("助农取款业务", "PRODUCT")),
        ("中国银联携手华为推出手机闪付。", ("手机闪付", "PRODUCT")),
        ("深圳市人民政府联合中国银联推出数字人民币试点。", ("数字人民币试点", "INITIATIVE")),
    ],
)
def test_launch_objects_are_typed_by_their_head(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in candidates(nlp, text, "launch_object")
    assert expected in entities(nlp, text)


@pytest.mark.parametrize("text", ["中国农业银行推出多项举措。", "银行推出新产品。", "中国银联推出新服务。"])
def test_launch_objects_without_a_name_are_not_entities(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "launch_object") == set()
    assert {label for _, label in entities(nlp, text)} <= {"ORG"}


def test_launch_objects_end_before_a_list_closer(nlp: Language) -> None:
    found = entities(nlp, "农行推出惠农e贷等产品。")
    assert not any("等" in surface for surface, _ in found)


# list members -----------------------------------------------------------------------------------------------
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


# organization-owned products --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "product"), [("市民可使用银联二维码付款。", "银联二维码"), ("华为发布华为钱包。", "华为钱包")]
)
def test_an_organization_before_a_product_noun_names_its_product(nlp: Language, text: str, product: str) -> None:
    assert (product, "PRODUCT") in candidates(nlp, text, "owner_product") | candidates(nlp, text, "product_head")
    assert (product, "PRODUCT") in entities(nlp, text)


@pytest.mark.parametrize("text", ["银联网络覆盖全国。", "银联表示将继续推进。", "农行的网点遍布全国。"])
def test_an_organization_before_other_words_owns_no_product(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "owner_product") == set()
    assert {label for _, label in entities(nlp, text)} == {"ORG"}


# partners of 联合/携手 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "partner"), [("中国银联联合顺捷推出新服务。", "顺捷"), ("顺捷携手中国银联推出新服务。", "顺捷")]
)
def test_partners_of_a_partnering_verb_are_organizations(nlp: Language, text: str, partner: str) -> None:
    assert (partner, "ORG") in candidates(nlp, text, "partner_side")
    assert partner in orgs(nlp, text)


@pytest.mark.parametrize("text", ["中国银联联合多家银行推出服务。", "中国银联携手商户推出优惠。"])
def test_common_nouns_beside_a_partnering_verb_are_not(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == {"中国银联"}


# bylines and stock codes ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("财联社记者从多家银行获悉。", "财联社"),
        ("海天味业（603288）今日发布公告。", "海天味业"),
        ("顺捷物流（600000）今日发布公告。", "顺捷物流"),
        ("顺捷物流(SH:600001)今日发布公告。", "顺捷物流"),
    ],
)
def test_a_byline_or_a_stock_code_follows_an_organization(nlp: Language, text: str, name: str) -> None:
    assert (name, "ORG") in candidates(nlp, text, "org_context")
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", ["记者从多家银行获悉。", "公司股票（600000）今日上涨。"])
def test_a_byline_or_a_stock_code_after_common_words_gives_nothing(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "org_context") == set()
    assert orgs(nlp, text) == set()


def test_a_stock_code_after_a_demonstrative_gives_nothing(nlp: Language) -> None:
    assert orgs(nlp, "该股（600000）今日上涨。") == set()


def test_a_stock_code_after_a_name_made_of_dictionary_words(nlp: Language) -> None:
    assert "星河科技" in orgs(nlp, "星河科技（600000）今日发布公告。")


# list closers, series, generations, descriptors -------------------------------------------------------------
def test_a_list_closed_by_an_exact_count_types_its_members(nlp: Language) -> None:
    found = entities(nlp, "用户可免费使用星河彩铃、星河助理和 192 邮箱三项增值业务。")
    assert {("星河彩铃", "PRODUCT"), ("星河助理", "PRODUCT"), ("192 邮箱", "PRODUCT")} <= found


def test_a_count_that_does_not_match_the_list_types_nothing(nlp: Language) -> None:
    found = entities(nlp, "用户可免费使用星河彩铃、星河助理两项增值服务和其他功能。")
    assert ("星河助理", "PRODUCT") not in found or ("星河彩铃", "PRODUCT") in found


def test_product_series_with_model_numbers(nlp: Language) -> None:
    found = entities(nlp, "包括华为 P30 系列、华为 nova5 系列、Mate 20 X 在内的 11 款产品开启升级。")
    assert {("华为 P30 系列", "PRODUCT"), ("华为 nova5 系列", "PRODUCT"), ("Mate 20 X", "PRODUCT")} <= found


def test_descriptors_before_a_proper_name_are_dropped(nlp: Language) -> None:
    assert "OZON公司" in orgs(nlp, "参与俄罗斯最大电商OZON公司的物流项目。")
    assert not any(name.startswith("电商") for name in orgs(nlp, "参与俄罗斯最大电商OZON公司的物流项目。"))


def test_a_generation_names_the_product_after_it(nlp: Language) -> None:
    assert ("第二代星河氢能汽车", "PRODUCT") in entities(nlp, "公司自主研发的第二代星河氢能汽车下线。")
    assert ("新一代信息技术", "PRODUCT") not in entities(nlp, "发展新一代信息技术产业。")


# words the dictionary tags as organizations ---------------------------------------------------------------------
def test_a_dictionary_organization_with_its_place(nlp: Language) -> None:
    assert ("美国国防部", "ORG") in candidates(nlp, "美国国防部今天宣布新的预算。", "dictionary_org")
    assert "美国国防部" in orgs(nlp, "美国国防部今天宣布新的预算。")


@pytest.mark.parametrize(
    "text",
    ["商业银行和交易所都在调整。", "东部和中西部地区经济回暖。", "人民军队和车队出发。"],
)
def test_kinds_of_institutions_and_regions_are_not_dictionary_organizations(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "dictionary_org") == set()
    assert orgs(nlp, text) == set()


# public bodies, sub-units and teams ---------------------------------------------------------------------------
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


def test_two_teams_either_side_of_versus(nlp: Language) -> None:
    found = orgs(nlp, "鹏扬队vs顺捷队的比赛开始了。")
    assert "顺捷队" in found
    assert not any("vs" in name for name in found)


# left boundaries ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("图为顺捷物流有限公司的仓库。", "顺捷物流有限公司"),  # a caption word opens no name
        ("记者联系顺捷银行上海分行。", "顺捷银行上海分行"),  # nor does the reporter who asks
        ("李先生已到星河法院起诉。", "星河法院"),  # nor an unknown word glued from 已 and 到
    ],
)
def test_report_words_and_glued_verbs_open_no_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)
    assert not any(found.endswith(name) and found != name for found in orgs(nlp, text))


# bylines --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["据鹏扬时报消息，顺捷物流今日宣布扩产。", "鹏扬时报伦敦3月5日电 顺捷物流今日宣布扩产。"],
)
def test_a_byline_names_its_source_without_the_cue_or_the_city(nlp: Language, text: str) -> None:
    assert ("鹏扬时报", "ORG") in candidates(nlp, text, "byline")
    assert "鹏扬时报" in orgs(nlp, text)


def test_a_byline_with_a_time_word_names_nothing(nlp: Language) -> None:
    assert candidates(nlp, "鹏扬时报昨日消息，顺捷物流扩产。", "byline") == set()


# clause verbs, descriptors and activities -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("更多银行已加入顺捷跨境支付系统。", "顺捷跨境支付系统", "PRODUCT"),  # 加入 takes an object
        ("星河中心设有顺捷跨境支付平台、鹏扬数据平台两个平台。", "顺捷跨境支付平台", "PRODUCT"),
        ("星河集团会同顺捷集团、鹏扬集团开展调研。", "顺捷集团", "ORG"),  # A会同B: two names
        ("中央机关会同星河集团开展调研。", "星河集团", "ORG"),
        ("星河市全面实施顺捷人才发展战略。", "顺捷人才发展战略", "INITIATIVE"),  # an adverb glued to the verb
    ],
)
def test_a_name_does_not_run_left_past_a_verb_that_takes_an_object(
    nlp: Language, text: str, name: str, label: str
) -> None:
    found = entities(nlp, text)
    assert (name, label) in found
    assert not any(surface.endswith(name) and surface != name for surface, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "三部门近日联合印发通知。",  # 印发 is what they do together, not a partner
        "各地要压实地方政府监管责任。",
        "努力实现高水平科技发展。",  # 高水平 describes, it names nothing
        "我们要推动高质量数字平台建设。",
    ],
)
def test_verbs_and_descriptors_make_no_name(nlp: Language, text: str) -> None:
    assert entities(nlp, text) == set()


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
    ("text", "name", "label"),
    [
        ("星河银行推出“顺捷通”，方便商户收款。", "顺捷通", "PRODUCT"),  # the quote right after the verb is launched
        ("星河银行推出了 “顺捷通” 微信小程序。", "顺捷通", "PRODUCT"),
        ("由星河集团主办的“顺捷之夜”今晚开幕。", "顺捷之夜", "INITIATIVE"),  # what is held is an event
        ("两部门联合开展“清风护苗”，为期三个月。", "清风护苗", "INITIATIVE"),  # what is carried out, a campaign
        ("星河银行推出“顺捷付”，方便商户收款。", "顺捷付", "PRODUCT"),  # what is put out is a product
        ("星河银行推出“星河购物节”专属优惠。", "星河购物节", "INITIATIVE"),  # an event word ends the quote
        ("今年的“顺捷消费季”吸引了大量市民。", "顺捷消费季", "INITIATIVE"),
        ("市民出示“星河码”即可通行。", "星河码", "PRODUCT"),  # a product head ends the quote
        ("星河银行的“鹏扬卡”深受欢迎。", "鹏扬卡", "PRODUCT"),
    ],
)
def test_a_quote_is_typed_by_its_verb_or_its_head(nlp: Language, text: str, name: str, label: str) -> None:
    assert (name, label) in candidates(nlp, text, "quoted")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("星河市推出一批“金钥匙”示范案例。", "金钥匙"),  # the quote modifies the noun after it
        ("景区推出以“赏花”为主题，吸引游客。", "赏花"),  # a theme, not the launched thing
    ],
)
def test_a_quote_that_is_not_the_launched_object(nlp: Language, text: str, quote: str) -> None:
    assert not {surface for surface, _ in candidates(nlp, text, "quoted")} & {quote}


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


def test_a_common_word_ending_like_an_event_is_no_event(nlp: Language) -> None:
    text = "节目“走进乡村看发展”今晚播出。"  # 发展 ends in 展 but is no exhibition
    assert not candidates(nlp, text, "quoted")


def test_a_titled_guide_is_a_document(nlp: Language) -> None:
    assert not candidates(nlp, "《顺捷指南》要求平台公示收费。", "quoted")


@pytest.mark.parametrize(
    ("text", "series"),
    [("星河市组织开展300多项文旅系列活动。", "文旅系列"), ("顺捷新区系列政策扩大到全区。", "顺捷新区系列")],
)
def test_a_series_of_events_or_policies_is_no_product(nlp: Language, text: str, series: str) -> None:
    assert (series, "PRODUCT") not in entities(nlp, text)


def test_a_product_series_stays(nlp: Language) -> None:
    assert ("顺捷X5系列", "PRODUCT") in entities(nlp, "顺捷X5系列今天发布。")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("商场推出智能马桶、空气炸锅等产品。", set()),  # kinds of goods
        ("商场推出顺捷X5、鹏扬Pro等产品。", {"顺捷X5", "鹏扬Pro"}),  # models
    ],
)
def test_product_list_members_must_be_names(nlp: Language, text: str, names: set[str]) -> None:
    assert {surface for surface, label in entities(nlp, text) if label == "PRODUCT"} == names


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


# verbs after a list, transcribed foreign names --------------------------------------------------------------
@pytest.mark.parametrize("text", ["张明、李华、王强等出席活动。", "星河科技、顺捷物流等推出新产品。"])
def test_a_verb_after_the_list_makes_the_noun_its_object(nlp: Language, text: str) -> None:
    """等出席活动: 活动 is what they attend, not the class the members belong to."""
    assert {label for _, label in candidates(nlp, text, "list_member")} <= {"ORG"}
    assert not {surface for surface, label in entities(nlp, text) if label in {"PRODUCT", "INITIATIVE"}}


def test_a_counted_list_is_typed_by_its_class_even_after_a_verb_like_word(nlp: Language) -> None:
    text = "星河通信推出视频彩铃、通信助理和192邮箱三项增值业务。"
    assert {("视频彩铃", "PRODUCT"), ("通信助理", "PRODUCT")} <= candidates(nlp, text, "list_member")


@pytest.mark.parametrize(
    "text", ["前线部队在伊万诺夫卡附近推进。", "双方在米哈伊洛夫卡方向交火。", "卡霍夫卡水电站附近出现洪水。"]
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
    "text",
    ["有关部门纠正了执行中的“层层加码”做法。", "节目讲述了乡村振兴的“幸福密码”。", "游客纷纷“打卡”新景点。"],
)
def test_a_quote_ending_in_a_common_word_is_no_product(nlp: Language, text: str) -> None:
    """码 in 加码 and 密码, 卡 in 打卡: the head character belongs to a common word, so it names no product."""
    assert not {label for _, label in candidates(nlp, text, "quoted")} & {"PRODUCT"}


@pytest.mark.parametrize(
    "text",
    [
        "这一倡议得到了多方响应。",  # a demonstrative opens no name
        "会议提出的目标需要尽快付诸行动。",  # an idiom ending in 行动
        "两国战略合作不断深化，双方尊重彼此的战略自主。",  # 战略 as "strategic"
    ],
)
def test_phrases_ending_in_an_initiative_word_are_no_initiatives(nlp: Language, text: str) -> None:
    assert not {surface for surface, label in entities(nlp, text) if label == "INITIATIVE"}


def test_a_partnership_between_countries_names_no_partner(nlp: Language) -> None:
    assert candidates(nlp, "甲乙两国战略合作伙伴关系持续深化。", "partner_side") == set()


def test_a_named_strategy_is_still_an_initiative(nlp: Language) -> None:
    assert ("鹏扬出海战略", "INITIATIVE") in entities(nlp, "星河集团发布“鹏扬出海战略”，加快布局海外市场。")


@pytest.mark.parametrize("text", ["总理卡拉斯卡会见了代表团。", "总统奥列茨卡出席了仪式。"])
def test_a_transcribed_name_after_other_words_is_no_card(nlp: Language, text: str) -> None:
    assert not {surface for surface, label in entities(nlp, text) if label == "PRODUCT"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("经星河银行批准，方案获得通过。", "星河银行"),  # 经: "after", a preposition
        ("各方始终保持与鹏扬集团的沟通。", "鹏扬集团"),
        ("员工始终保持鹏扬集团的优良传统。", "鹏扬集团"),  # 始终保持: an idiom, the clause's verb phrase
    ],
)
def test_an_organization_starts_after_prepositions_and_idioms(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert not [o for o in found if o.endswith(name) and o != name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("代表团在京星河银行总部参观。", "星河银行"),  # 在京: where, not part of the name
        ("代表团赴沪星河集团考察。", "星河集团"),
        ("市长在北京会见星河银行董事长。", "星河银行"),  # 会见 takes an object
    ],
)
def test_a_place_after_zai_or_a_meeting_verb_opens_no_name(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert not [o for o in found if o.endswith(name) and o != name]
