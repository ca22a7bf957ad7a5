"""kg/nlp/recognize/boundaries.py: where a name starts (verbs, report words, places and idioms open none).

Every sentence here is invented; 星河, 顺捷, 弘鼎, 鼎汇, 西北证券, 北海证券 and 鹏扬 are made-up names, the others
widely known organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import entities, orgs


def test_two_teams_either_side_of_versus(nlp: Language) -> None:
    found = orgs(nlp, "鹏扬队vs顺捷队的比赛开始了。")
    assert "顺捷队" in found
    assert not any("vs" in name for name in found)


@pytest.mark.parametrize(
    ("text", "teams"),
    [
        ("半决赛上，鹏扬队战胜顺捷队晋级。", {"鹏扬队", "顺捷队"}),
        ("昨晚顺捷队力克鹏扬队，卫冕联赛冠军。", {"顺捷队", "鹏扬队"}),
        ("顺捷队首夺男子混合接力冠军", {"顺捷队"}),
    ],
)
def test_a_match_result_ends_a_team_name(nlp: Language, text: str, teams: set[str]) -> None:
    """战胜, 力克, 首夺: a result between two teams (jieba tags some of them nouns) is never inside a name."""
    assert set(orgs(nlp, text)) == teams


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("图为顺捷物流有限公司的仓库。", "顺捷物流有限公司"),  # a caption word opens no name
        ("记者联系顺捷银行上海分行。", "顺捷银行上海分行"),  # nor does the reporter who asks
        ("李先生已到顺捷法院起诉。", "顺捷法院"),  # nor an unknown word glued from 已 and 到
    ],
)
def test_report_words_and_glued_verbs_open_no_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)
    assert not any(found.endswith(name) and found != name for found in orgs(nlp, text))


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
    ("text", "name"),
    [
        ("经顺捷银行批准，方案获得通过。", "顺捷银行"),  # 经: "after", a preposition
        ("各方始终保持与鹏扬集团的沟通。", "鹏扬集团"),
        ("员工始终保持鹏扬集团的优良传统。", "鹏扬集团"),  # 始终保持: an idiom, the clause's verb phrase
        ("另有顺捷银行洽购星河信托。", "顺捷银行"),  # 另有: "besides, there is", glued into one unknown word
        ("确定赔款还要看鹏扬财险与业主所签的合同。", "鹏扬财险"),  # 看 glued to the unknown name after it
        ("下面有请乐成中心的周总介绍情况。", "乐成中心"),  # 请 likewise
        ("星河银行又再次中标顺捷集团的现金管理业务。", "顺捷集团"),  # winning a bid: a verb the dictionary calls a noun
        ("单独上市并不会影响潇湘银行的组建。", "潇湘银行"),
    ],
)
def test_an_organization_starts_after_prepositions_and_idioms(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert not [o for o in found if o.endswith(name) and o != name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("代表团在京顺捷银行总部参观。", "顺捷银行"),  # 在京: where, not part of the name
        ("代表团赴沪星河集团考察。", "星河集团"),
        ("市长在北京会见顺捷银行董事长。", "顺捷银行"),  # 会见 takes an object
    ],
)
def test_a_place_after_zai_or_a_meeting_verb_opens_no_name(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert not [o for o in found if o.endswith(name) and o != name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("本轮由顺捷资本领投，鹏扬资本跟投。", "顺捷资本"),  # a deal verb jieba lacks ends the name
        ("同时，A轮领投方顺捷资本继续跟进。", "顺捷资本"),  # a role word opens none
        ("老股东顺捷资本参与跟投。", "顺捷资本"),
        ("星河人寿增持顺捷证券的股份。", "顺捷证券"),  # a deal verb between two names keeps them apart
    ],
)
def test_deal_verbs_and_roles_stay_outside_names(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert not any(name in other and other != name for other in found)


@pytest.mark.parametrize("text", ["③顺捷证券公司降低保证金比例。", "四大国有资产管理公司陆续出售牌照。"])
def test_an_item_number_or_a_count_opens_no_name(nlp: Language, text: str) -> None:
    assert not any(name[0] in "③四" for name in orgs(nlp, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("据悉，中鹏扬集团已完成重组。", "中鹏扬集团"),  # 中 with nothing before it opens the name
        ("在这一过程中星河集团发挥了作用。", "星河集团"),  # after a noun it closes that noun's phrase
    ],
)
def test_zhong_opens_a_name_only_where_no_noun_stands_before_it(nlp: Language, text: str, name: str) -> None:
    assert orgs(nlp, text) == {name}


@pytest.mark.parametrize(
    ("text", "name", "glued"),
    [
        ("去年星河股份纳入MSCI指数后外资增持。", "MSCI指数", "纳入MSCI指数"),
        ("昨夜上证指数大跌道琼斯指数也大跌。", "道琼斯指数", "上证指数大跌道琼斯指数"),
        ("星河银行宣布购买ETF后股价上涨。", None, "购买ETF"),
    ],
)
def test_a_verb_before_a_proper_name_is_no_part_of_a_product(
    nlp: Language, text: str, name: str | None, glued: str
) -> None:
    found = {surface for surface, label in entities(nlp, text) if label == "PRODUCT"}
    assert not any(glued in surface for surface in found)
    assert name is None or name in found


@pytest.mark.parametrize(
    ("text", "name"),
    [("星河银行推出乡村振兴主题卡。", "乡村振兴主题卡"), ("顺捷银行开通助农取款服务。", "助农取款服务")],
)
def test_a_verb_between_common_words_stays_inside_a_product(nlp: Language, text: str, name: str) -> None:
    assert (name, "PRODUCT") in entities(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a firm's department and a role after the firm's name: the name ends before the department
        ("西北证券宏观组组长孙杰指出，利率将下行。", "西北证券"),
        ("北海证券宏观分析师孙杰指出，利率将下行。", "北海证券"),
        ("鼎汇基金金融工程部总监赵明说，指数产品增多。", "鼎汇基金"),
        ("弘鼎基金金融工程及指数投资部总经理赵明说，指数产品增多。", "弘鼎基金"),
    ],
)
def test_a_department_and_a_role_end_the_firm_before_them(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)
    assert not any(name in surface and surface != name for surface, _ in entities(nlp, text))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # nouns that go on without a role are a longer noun: the region's securities industry
        ("西北证券行业竞争加剧。", None),
        # a product word with an activity and a role after it is the firm's line of business (ETF投资总监)
        ("星河基金ETF投资总监王乐表示，机会很多。", None),
        # a programme followed by a role without a department stays a programme
        ("中国星河集团“数字乡村”工程负责人李明表示，进展顺利。", ("“数字乡村”工程", "INITIATIVE")),
    ],
)
def test_without_a_department_and_a_role_the_words_after_a_head_go_on(
    nlp: Language, text: str, kept: tuple[str, str] | None
) -> None:
    found = entities(nlp, text)
    assert "西北证券" not in {surface for surface, _ in found}
    assert not any(surface.endswith("ETF") for surface, _ in found)
    if kept:
        assert kept in found


@pytest.mark.parametrize(
    "text",
    [
        # a measure word after a number counts what follows: 16处|供水工程 is sixteen waterworks, a kind
        "出现问题的16处供水工程已有13处修复完毕。",
        "当地建成3座水库和12处灌溉工程。",
    ],
)
def test_a_measure_word_after_a_number_opens_no_name(nlp: Language, text: str) -> None:
    assert not any(surface.startswith("处") for surface, _ in entities(nlp, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # two numerals tagged as a number open the unknown word after them (a trade name such as 三七互娱)
        ("两家公司成为六八弘鼎的全资子公司。", "六八弘鼎"),
        ("三七鼎汇发布公告称将回购股份。", "三七鼎汇"),
    ],
)
def test_numerals_open_an_unknown_trade_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", ["两国企业加强合作。", "三家弘鼎公司完成重组。"])
def test_a_count_opens_no_name(nlp: Language, text: str) -> None:
    assert not any(name[0] in "两三" for name in orgs(nlp, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a verb glued to a preposition by the segmenter (愿同) opens no name: the name starts after it
        ("中方愿同伊拉克政府深化合作。", "伊拉克政府"),
        ("我们愿同星河集团加强合作。", "星河集团"),
    ],
)
def test_a_word_ending_in_a_preposition_opens_no_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)
    assert not any(found.startswith("愿") for found in orgs(nlp, text))


def test_a_name_opening_like_a_verb_stays(nlp: Language) -> None:
    assert "愿景集团" in orgs(nlp, "愿景集团宣布增资。")


@pytest.mark.parametrize(
    ("text", "name"),
    [("方正中期研究院院长王骏表示。", "方正中期研究院"), ("当代置业集团发布公告。", "当代置业集团")],
)
def test_a_time_word_that_names_firms_stays_inside_the_name(nlp: Language, text: str, name: str) -> None:
    """jieba tags 中期, 天天, 现代 and 当代 as times; inside a name they are its own words."""
    assert name in orgs(nlp, text)


def test_a_time_word_of_the_text_opens_no_name(nlp: Language) -> None:
    assert not orgs(nlp, "今日基金公司纷纷发布公告。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("据公开资料，王立群曾任杭州星海网络技术有限公司副总经理。", "杭州星海网络技术有限公司"),
        ("据悉，李明曾任星海资本管理有限公司合伙人。", "星海资本管理有限公司"),
    ],
)
def test_a_past_role_verb_glued_by_the_segmenter_opens_no_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


def test_suo_zai_opens_no_name(nlp: Language) -> None:
    """X所在银行: the bank where X works, no bank's name."""
    assert not [o for o in orgs(nlp, "他从杜风所在银行获得贷款300万元。") if "所在" in o]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a word of region that the segmenter tags as a place word or a locality opens the name as a place does
        ("东方鼎汇董事长王明表示，市场仍有机会。", "东方鼎汇"),
        ("北方弘鼎发布公告称将回购股份。", "北方弘鼎"),
        ("北方证券研究员认为，行情仍将震荡。", "北方证券"),
        ("前海人寿和星河人寿均有增持。", "前海人寿"),
    ],
)
def test_a_word_of_region_opens_a_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # before a word for an area it names a part of the country, and the banks or companies there are a kind
        ("西部地区银行加大了信贷投放。", "西部地区银行"),
        ("北方公司普遍面临成本压力。", "北方公司"),
        ("西方现代商业银行体系由来已久。", "西方现代商业银行"),  # the West, not a region of one country
        ("空袭发生在加沙地带北部加沙城。", "北部加沙城"),  # a part of a place is where the next place lies
    ],
)
def test_a_word_of_region_with_an_area_or_a_bare_head_names_no_firm(nlp: Language, text: str, wrong: str) -> None:
    assert wrong not in {surface for surface, _ in entities(nlp, text)}
