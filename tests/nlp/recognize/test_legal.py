"""kg/nlp/recognize/legal.py and the lines of business before a legal form (heads.py): registered names.

Every sentence here is invented; 星河, 顺捷, 中元, 弼信, 烁达 and 星电 are made-up trade names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a place opens the name, whatever the segmenter made of the trade name (中_f/元_m, 信_n/达_v, 烁_zg/达_v)
        ("就不得不说温州中元房地产开发有限公司。", "温州中元房地产开发有限公司"),
        ("对福建莆田市信达商贸有限公司进行调查。", "福建莆田市信达商贸有限公司"),
        ("来到山东烁达晶体有限公司考察。", "山东烁达晶体有限公司"),
        # a place in brackets after the trade name anchors the name by itself
        ("他前往日本星电（无锡）有限公司了解生产。", "日本星电（无锡）有限公司"),
        ("顺捷能源（苏州）有限公司今天投产。", "顺捷能源（苏州）有限公司"),
        ("公司投资设立星河(海南)数字娱乐有限公司。", "星河(海南)数字娱乐有限公司"),
    ],
)
def test_a_place_anchors_a_registered_name(nlp: Language, text: str, name: str) -> None:
    assert (name, "ORG") in candidates(nlp, text, "registered_name")
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # lines of business the segmenter tags as verbs stand before the legal form (开发, 管理, 建设开发)
        ("记者走访了江西中元达置业开发有限公司。", "江西中元达置业开发有限公司"),
        ("绍兴弼信投资管理有限公司完成备案。", "绍兴弼信投资管理有限公司"),
        ("股权由星河控股集团与顺捷投资管理有限公司分持。", "顺捷投资管理有限公司"),
        ("广州市城市建设开发有限公司中标该项目。", "广州市城市建设开发有限公司"),
    ],
)
def test_lines_of_business_tagged_as_verbs_stay_in_the_name(nlp: Language, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "当地新注册了一家投资管理有限公司。",  # a count: a kind of company
        "深圳多家科技有限公司参展。",
        "他成立了一家房地产开发有限公司。",  # a line alone is no trade name
    ],
)
def test_a_kind_of_company_is_no_registered_name(nlp: Language, text: str) -> None:
    assert not any(name.endswith("有限公司") for name in orgs(nlp, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("美国起诉华为技术有限公司。", "华为技术有限公司"),  # a verb that is no line ends the search for a place
        ("他在北京成立了星河科技有限公司。", "星河科技有限公司"),
    ],
)
def test_a_place_before_a_verb_does_not_open_the_name(nlp: Language, text: str, name: str) -> None:
    found = orgs(nlp, text)
    assert name in found
    assert not any(other.endswith(name) and other != name for other in found)


@pytest.mark.parametrize(
    ("text", "arm"),
    [
        ("恒生银行（中国）在人民币业务方面频频发力。", "恒生银行（中国）"),
        ("顺捷银行(中国)13日宣布推出个人网上银行。", "顺捷银行(中国)"),
    ],
)
def test_a_firm_and_a_country_in_brackets_name_its_arm(nlp: Language, text: str, arm: str) -> None:
    assert arm in orgs(nlp, text)


@pytest.mark.parametrize("text", ["央行（中国人民银行）发布通知。", "星河证券（香港）讯 许多投资者持有黄金。"])
def test_a_name_or_a_dateline_in_brackets_after_a_firm_is_no_arm(nlp: Language, text: str) -> None:
    assert not [name for name in orgs(nlp, text) if "（" in name]
