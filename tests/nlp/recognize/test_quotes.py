"""kg/nlp/recognize/quotes.py: quoted names and how they are typed.

Every sentence here is invented; 星河, 顺捷 and 鹏扬 are made-up names, the others widely known organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, entities


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


def test_a_common_word_ending_like_an_event_is_no_event(nlp: Language) -> None:
    text = "节目“走进乡村看发展”今晚播出。"  # 发展 ends in 展 but is no exhibition
    assert not candidates(nlp, text, "quoted")


def test_a_titled_guide_is_a_document(nlp: Language) -> None:
    assert not candidates(nlp, "《顺捷指南》要求平台公示收费。", "quoted")


@pytest.mark.parametrize(
    "text",
    ["有关部门纠正了执行中的“层层加码”做法。", "节目讲述了乡村振兴的“幸福密码”。", "游客纷纷“打卡”新景点。"],
)
def test_a_quote_ending_in_a_common_word_is_no_product(nlp: Language, text: str) -> None:
    """码 in 加码 and 密码, 卡 in 打卡: the head character belongs to a common word, so it names no product."""
    assert not {label for _, label in candidates(nlp, text, "quoted")} & {"PRODUCT"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("星河市启动“无废城市”建设试点。", "“无废城市”建设试点"),
        ("该县入选“数字乡村”示范工程。", "“数字乡村”示范工程"),
        ("两部门印发“绿色出行”行动计划。", "“绿色出行”行动计划"),
    ],
)
def test_a_quote_before_an_initiative_phrase_is_part_of_the_initiative(nlp: Language, text: str, expected: str) -> None:
    assert (expected, "INITIATIVE") in entities(nlp, text)
    assert all(surface != expected[1:5] for surface, _ in entities(nlp, text))


@pytest.mark.parametrize("text", ["全力实现“低碳出行”目标。", "践行“无废”理念。"])
def test_a_quote_before_a_plain_noun_of_a_kind_is_no_initiative(nlp: Language, text: str) -> None:
    assert not any(label == "INITIATIVE" for _, label in entities(nlp, text))


def test_a_quote_before_a_class_of_projects_stays_alone(nlp: Language) -> None:
    found = entities(nlp, "该省加快实施“绿色出行”重大工程。")
    assert not any(surface.endswith("工程") for surface, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "中央将“无废乡村”建设试点工作列入年度工作要点。",
        "推进“美丽城市”建设试点工作。",
        "“零碳园区”建设试点任务已经下达。",
    ],
)
def test_a_work_noun_glued_to_the_head_is_left_out_of_the_initiative(nlp: Language, text: str) -> None:
    """建设|试点工作: the segmenter glued 工作 to the head; the programme ends at the head."""
    quote = text[text.index("“") : text.index("”") + 1]
    assert (quote + "建设试点", "INITIATIVE") in entities(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [("全力推进“海绵城市”建设。", "海绵城市"), ("该市正在开展“星河绿道”创建，市民纷纷参与。", "星河绿道")],
)
def test_a_quote_built_or_created_is_an_initiative(nlp: Language, text: str, name: str) -> None:
    assert (name, "INITIATIVE") in entities(nlp, text)


@pytest.mark.parametrize("text", ["加强“五好”党支部建设。", "推动“海绵城市”的建设。"])
def test_a_quote_before_what_is_built_is_no_initiative(nlp: Language, text: str) -> None:
    """The building is of the noun after the quote (党支部), or the quote only modifies it (的)."""
    assert not any(label == "INITIATIVE" for _, label in entities(nlp, text))


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("星河公司上线了零售平台系统“顺捷集市”，并获得投资。", "顺捷集市", "PRODUCT"),  # a class noun before the quote
        ("鹏扬银行推出手机APP“掌上鹏扬”和小程序“随手查”。", "随手查", "PRODUCT"),  # 小|程序: two words end the noun
        ("鹏扬银行推出手机APP“掌上鹏扬”和小程序“随手查”。", "掌上鹏扬", "PRODUCT"),
        ("星河证券上线客户端“爱存钱”。", "爱存钱", "PRODUCT"),
        ("省里今年推出专项行动“春雨”，覆盖全省。", "春雨", "INITIATIVE"),
    ],
)
def test_a_class_noun_before_a_quote_types_it(nlp: Language, text: str, name: str, label: str) -> None:
    assert (name, label) in candidates(nlp, text, "quoted")
    assert (name, label) in entities(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "他说，这套系统“很好用”。",  # a judgement on a noun already named
        "不少用户评价这款APP“不好用”。",
        "外媒散布所谓星河国计划“入侵”邻国的消息。",  # one verb in scare quotes: 计划 is the verb's
        "星河公司旗下产品“股灾”后的表现不佳。",  # a locative goes on: the quote marks a time
        "“三北”工程“天空地”一体化监测体系加快构建。",  # a noun phrase goes on: the quote modifies it
        "腾讯、星河资本等也是其上一个项目“鹏扬小铺”的投资方。",  # 项目 is a venture as often as a programme
    ],
)
def test_a_quote_after_a_class_noun_that_is_no_name_of_that_class(nlp: Language, text: str) -> None:
    quotes = {"很好用", "不好用", "入侵", "股灾", "天空地"}
    found = candidates(nlp, text, "quoted")
    assert not any(name in quotes or (name, label) == ("鹏扬小铺", "INITIATIVE") for name, label in found)


@pytest.mark.parametrize(
    "text",
    ["多家基金公司的“网红”产品规模大增。", "这款“爆款”产品销量大增。", "星河集团推出“神器”产品。"],
)
def test_a_common_word_in_scare_quotes_before_a_class_noun_names_nothing(nlp: Language, text: str) -> None:
    """“网红”产品: the quote describes the products of the class; it is no product's name."""
    assert candidates(nlp, text, "quoted") == set()


def test_a_name_in_quotes_before_a_class_noun_is_still_typed_by_it(nlp: Language) -> None:
    assert ("惠农通", "PRODUCT") in candidates(nlp, "星河银行的“惠农通”产品覆盖全省。", "quoted")


@pytest.mark.parametrize(
    "text",
    [
        "聚焦“一老一小”服务，推动社区建设。",  # a paired count
        "代表绿色低碳的“新三样”产品增长较快。",  # a set phrase
        "当地组织农技人员“一对一”精准服务。",
        "科学布局“绿电+智算”，发展数据产业。",  # words joined by +
    ],
)
def test_a_slogan_in_quotes_is_no_product(nlp: Language, text: str) -> None:
    assert not {label for _, label in candidates(nlp, text, "quoted")} & {"PRODUCT"}


def test_a_verb_may_still_name_a_product(nlp: Language) -> None:
    assert ("好好租", "PRODUCT") in candidates(nlp, "星河集团推出长租公寓运营平台“好好租”。", "quoted")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("银保监会发布《商业银行理财子公司净资本管理暂行办法》。", "商业银行理财子公司净资本管理暂行办法"),
        ("证监会起草了《公开募集基础设施投资基金运作指引（试行）》。", "公开募集基础设施投资基金运作指引（试行）"),
        (
            "市政府印发《关于支持民营企业参与城市更新的若干意见（征求意见稿）》。",
            "关于支持民营企业参与城市更新的若干意见（征求意见稿）",
        ),
    ],
)
def test_a_titled_policy_document_is_an_initiative(nlp: Language, text: str, title: str) -> None:
    assert (title, "INITIATIVE") in entities(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "按照《办法》，基金管理人应当按月披露。",  # the kind alone refers back to a document named before
        "按照《实施细则》的要求，公司完成了整改。",
        "《工作方案》要求，各地要在年底前完成摸排。",  # a programme's kind alone refers back too
        "《三年行动计划》提出了十项任务。",
        "双方签署了《战略投资协议》。",  # an agreement, a notice and a report are documents of no programme
        "公司发布了《关于控股股东减持股份的公告》。",
        "协会发布了《中国私募基金行业发展报告》。",
    ],
)
def test_a_back_reference_or_another_document_is_no_initiative(nlp: Language, text: str) -> None:
    assert not {name for name, label in entities(nlp, text) if label == "INITIATIVE"}


def test_a_quoted_registered_company_is_an_organization_not_a_launched_product(nlp: Language) -> None:
    text = "公司拟出资2000万元，设立“杭州星河网络科技有限公司”。"
    assert ("杭州星河网络科技有限公司", "ORG") in entities(nlp, text)
    assert not candidates(nlp, text, "quoted")


@pytest.mark.parametrize(
    ("text", "periodical"),
    [
        ("《投资时报》此次依据各家基金公司的平均收益率推出榜单。", "投资时报"),
        ("据《翰岳日报》报道，公司将扩产。", "翰岳日报"),
        ("他在《星河财经周刊》发表文章。", "星河财经周刊"),
    ],
)
def test_a_periodicals_title_is_media(nlp: Language, text: str, periodical: str) -> None:
    assert (periodical, "ORG") in entities(nlp, text)


def test_a_reports_title_is_no_periodical(nlp: Language) -> None:
    assert not [s for s, label in entities(nlp, "公司发布《2023年年报》和《季度简报》。") if label == "ORG"]


def test_a_quoted_modifier_names_nothing(nlp: Language) -> None:
    """“有针对性的”行动: a phrase ending in 的 in quotes describes the noun after it; a name ending in 地 (基地) is
    still a name."""
    assert candidates(nlp, "星河集团继续实施“有针对性的”行动。", "quoted") == set()
    assert ("国家绿色能源示范基地", "INITIATIVE") in entities(nlp, "星河市强化“国家绿色能源示范基地”建设。")
