"""kg/nlp/recognize/public_bodies.py (with heads.py and boundaries.py): a public body is named by a place or the
nation and field words before an institution's head, field verbs included (城市规划局, 住房保障管理中心); a layout, a
venue or a city's role is no body.

Every sentence here is invented.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("昨天，苏州市城市规划局公布了新一轮方案。", "苏州市城市规划局"),  # a field word and the head in one token
        ("成都市住房保障管理中心负责人介绍了申请流程。", "成都市住房保障管理中心"),  # a field verb (保障)
        ("报告已提交中央审计委员会。", "中央审计委员会"),  # the nation as the scope, a field verb
        ("国家海洋创新中心日前在青岛揭牌。", "国家海洋创新中心"),
        ("该基金由杭州市国资委下的杭州金融城资本运营中心出资。", "杭州金融城资本运营中心"),  # 运营 ends names elsewhere
        ("东莞家具行业协会会长表示，订单已经回升。", "东莞家具行业协会"),
        ("宁波星河拍卖有限公司将于下月举办专场。", "宁波星河拍卖有限公司"),  # a line of business before a legal form
        ("昨天上午，青岛打捞局派出两艘工作船。", "青岛打捞局"),  # an administrative function (打捞, 发行) names a field
        ("记者从海南省彩票发行管理中心获悉，销量有所增长。", "海南省彩票发行管理中心"),
        ("在湖南省金融办的指导下开展工作。", "湖南省金融办"),  # 办, an office's short head
        ("嘉兴市住房保障办副主任作了解释。", "嘉兴市住房保障办"),  # a field verb right before the head
        ("户名：嘉兴市红十字会", "嘉兴市红十字会"),  # closed-class bodies of public life as heads
        ("请出张家口崇礼县政法委书记抽签。", "张家口崇礼县政法委"),
        ("天通苑北二区居委会的工作人员表示。", "天通苑北二区居委会"),
        ("张晓峰鄂尔多斯市建设局纪检书记。", "鄂尔多斯市建设局"),  # a person's name before the scope is not in it
    ],
)
def test_a_scope_and_field_words_name_a_public_body(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "产业空间布局不断优化，城市群加快发展。",  # 布局: a layout, no bureau
        "行业大变局已经开始，基金公司排名变化很大。",
        "香港国际金融中心的地位更加巩固。",  # a city's role
        "合肥国际会展中心今天开门迎客。",  # a venue
        "星河贸中心建成以后，周边商业更加繁荣。",  # a trade centre: a building
        "会议听取了审计委员会的汇报。",  # no place and no nation: a kind of committee
    ],
)
def test_no_public_body_without_a_scope_or_for_a_place(nlp: Language, text: str) -> None:
    assert not {name for name, _ in candidates(nlp, text, "org_head") if name.endswith(("局", "中心", "委员会"))}


def test_a_term_number_before_the_nation_leaves_the_name_to_the_body_before_it(nlp: Language) -> None:
    assert "全国委员会常务委员会" not in orgs(nlp, "政协第十届全国委员会常务委员会第三次会议今天闭幕。")


@pytest.mark.parametrize(
    "text",
    [
        "上海市政府办实事，惠民生。",
        "他去星河银行办业务。",
        "外交部当天召见乌克兰驻白临时代办。",  # a diplomat's role
        "两地推出311项“川渝通办”事项。",  # a service handled jointly
    ],
)
def test_ban_with_its_object_is_the_verb(nlp: Language, text: str) -> None:
    """办 is also the verb "to handle": with its object after it, it ends no office's name."""
    assert not [name for name in orgs(nlp, text) if name.endswith("办")]


def test_a_party_committees_commission_without_a_place_is_a_kind(nlp: Language) -> None:
    """各省会城市党委政法委: the commissions of the party committees of many cities, none of them named."""
    assert orgs(nlp, "各省会城市党委政法委、公安厅主要负责同志参加。") == set()
