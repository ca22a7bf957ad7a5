"""kg/nlp/recognize/descriptors.py: words that describe the name after them are not part of it.

Every sentence here is invented; 星河, 顺捷, 鹏扬, 翰岳 and Veridon are made-up names, 招商银行 a widely known one.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import orgs


@pytest.mark.parametrize(
    ("text", "name", "wrong"),
    [
        # a common noun ending in a word of kind: an enterprise, a maker, a leader, a holder
        ("民营企业翰岳集团今日发布公告。", "翰岳集团", "民营企业翰岳集团"),
        ("化妆品企业顺捷控股宣布回购股份。", "顺捷控股", "化妆品企业顺捷控股"),
        ("美国第三大独立电力生产商Veridon公司的总裁表示。", "Veridon公司", "电力生产商Veridon公司"),
        ("多家信托公司被处罚，行业龙头鹏扬信托表态将压降规模。", "鹏扬信托", "行业龙头鹏扬信托"),
        ("他在母校鹏扬财经大学的毕业典礼上演讲。", "鹏扬财经大学", "母校鹏扬财经大学"),
        # a kin noun, before a name led by a place or by a common word
        ("拟出售孙公司沈阳顺捷物业管理有限公司股权。", "沈阳顺捷物业管理有限公司", "公司沈阳顺捷物业管理有限公司"),
        ("零售业务由母公司首都机场集团旗下公司负责运营。", "首都机场集团", "母公司首都机场集团"),
    ],
)
def test_a_describing_noun_is_not_part_of_the_name(nlp: Language, text: str, name: str, wrong: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert wrong not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a legal form is the company's own: the unit after it belongs to the whole name
        ("买方为星河证券股份有限公司北京总部证券营业部。", "星河证券股份有限公司北京总部证券营业部"),
        # a word of kind inside a name, before no proper name, stays
        ("星河企业集团今日发布公告。", "星河企业集团"),
        ("中国企业联合会发布榜单。", "中国企业联合会"),
    ],
)
def test_a_word_of_kind_inside_a_name_stays(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "name", "wrong"),
    [
        ("一位原招商银行信用卡中心负责人告诉记者。", "招商银行信用卡中心", "原招商银行信用卡中心"),
        ("调查针对鹏扬银行给予客户Stonecastle公司的优待。", "Stonecastle公司", "客户Stonecastle公司"),
        # a party's role in a lawsuit, the area a body serves
        ("原告顺捷银行蛇口支行及被告的代理律师出庭。", "顺捷银行蛇口支行", "原告顺捷银行蛇口支行"),
        ("这名男子被带往辖区淮海路派出所接受处理。", "淮海路派出所", "辖区淮海路派出所"),
        ("协会支持会员单位鹏扬传媒股份有限公司维权。", "鹏扬传媒股份有限公司", "会员单位鹏扬传媒股份有限公司"),
    ],
)
def test_a_former_holders_mark_or_a_client_noun_is_not_part_of_the_name(
    nlp: Language, text: str, name: str, wrong: str
) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert wrong not in found
