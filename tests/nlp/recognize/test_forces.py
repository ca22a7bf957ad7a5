"""kg/nlp/recognize/forces.py: a foreign state's forces and ministries named by its country (美军, 英国警方,
埃及文化部, 日本防卫省).

Every sentence here is invented.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("美军出动两架运输机参与救援。", "美军"),
        ("韩军和美军举行联合演习。", "韩军"),  # the segmenter splits 韩|军
        ("英国警方在网上发现了新线索。", "英国警方"),
        ("俄罗斯军方选中了这种步枪。", "俄罗斯军方"),
        ("印尼海军一架飞机在训练中坠毁。", "印尼海军"),
        ("埃及文化部副部长出席了开幕式。", "埃及文化部"),
        ("日本防卫省声称将加强监视。", "日本防卫省"),
        ("日本外务省发表声明。", "日本外务省"),  # the dictionary joins the country and its ministry in one word
        ("日本经济产业省公布了新的出口规定。", "日本经济产业省"),  # a field of two words, the second with the ending
        ("英国国家统计署周三公布的数据显示物价上涨。", "英国国家统计署"),  # a field of two words, then the ending
        ("美国能源信息署预计明年油价将小幅下跌。", "美国能源信息署"),  # the country and the field in one word
    ],
)
def test_a_countrys_force_or_ministry_is_an_organization(nlp: Language, text: str, body: str) -> None:
    assert body in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "美国北部普降大雪，日本全部航班停运。",  # a part of a country, all of it: no ministry
        "越南河内省发布了通知。",  # a place before 省 is a province
        "巴基斯坦信德省发生洪灾。",  # a proper name before 省 is a province's
        "不管是法国俱乐部还是其他市场，都在亏损。",  # a body's kind (俱乐部) ends in 部 but names no ministry
        "以军事手段解决问题并不可取。",  # 以|军事: 军 opens a longer word
        "我们的海军梦想从小就有。",  # no country before the force
        "中国海军舰艇编队抵达港口。",  # China's own forces are named by the rules of Chinese bodies, not here
        "法国公司总部迁往巴黎。",  # a head office (总部) ends in 部 but is no ministry
        "美国科技公司总部大多设在西海岸。",  # a company's words are no field
        "美国能源价格持续上涨。",  # the country and a field in one word, with no ending after it
    ],
)
def test_no_foreign_body_without_a_country_and_a_closed_word(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "state_force") == set()
