"""kg/nlp/recognize/news_sites.py: X网 cited as a source (据X网报道, X网讯, 来源：X网, X网记者) names a news site;
networks (互联网, 公路网), a firm's own site (官网), 网 as 'online' and a site's name cut in two are none.

Every sentence here is invented; 鼎岳, 拓澜 and 晟岚 are made-up names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("据鼎岳财经网报道，这批藏品将于下月拍卖。", "鼎岳财经网"),
        ("鼎岳财经网讯，本周三大指数集体上涨。", "鼎岳财经网"),
        ("据拓澜网2月4日报道，该公司完成了新一轮融资。", "拓澜网"),
        ("晟岚网记者从多家银行获悉，房贷利率有所下调。", "晟岚网"),
        ("走势图来源：拓澜网", "拓澜网"),
    ],
)
def test_a_site_cited_as_a_source_is_an_organization(nlp: Language, text: str, site: str) -> None:
    assert site in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "他在网上看到了这条消息。",
        "据互联网消息，该产品已经停售。",
        "据公路网报道不实，交通部门予以否认。",
        "数据来源于天天基金网。",  # 天天 opens the name, the words do not show it: no half name
    ],
)
def test_networks_online_and_half_names_are_no_sites(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "news_site") == set()


def test_a_firm_s_own_site_is_the_firm_s(nlp: Language) -> None:
    text = "据鼎岳官网消息，新品将于下周发布。"
    assert candidates(nlp, text, "news_site") == set()
    assert "鼎岳官网" not in orgs(nlp, text)
