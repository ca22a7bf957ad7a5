"""kg/nlp/recognize/products.py: products named by their maker or their generation.

Every sentence here is invented; 星河, 顺捷 and 鹏扬 are made-up names, the others widely known organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, entities


@pytest.mark.parametrize(
    ("text", "product"), [("市民可使用银联二维码付款。", "银联二维码"), ("华为发布华为钱包。", "华为钱包")]
)
def test_an_organization_before_a_product_noun_names_its_product(nlp: Language, text: str, product: str) -> None:
    assert (product, "PRODUCT") in candidates(nlp, text, "owner_product") | candidates(nlp, text, "product_head")
    assert (product, "PRODUCT") in entities(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "银联网络覆盖全国。",
        "银联表示将继续推进。",
        "农行的网点遍布全国。",
        "民生银行信用卡业务税前利润增长。",  # a class of every bank's products names none
        "选择用招行信用卡付款时，却显示支付失败。",
        "去年底招商银行信用卡的不良贷款率有所上升。",
        "截至去年年底，交行在册信用卡量超过千万张。",  # a verb between the bank and the class: still none
        "工行个人信用卡业务增长。",  # a describing word between them: none either
    ],
)
def test_an_organization_before_other_words_owns_no_product(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "owner_product") == set()
    assert {label for _, label in entities(nlp, text)} == {"ORG"}


@pytest.mark.parametrize(
    ("text", "org"),
    [
        # an organization's line of business (经纪业务, 搜索业务) is what it does, no product; its unit no body
        ("2017年是中信证券信用业务发展的大年。", "中信证券"),
        ("相比谷歌搜索业务在国内开展的复杂性。", "谷歌"),
        ("本次策略会由东方证券财富管理业务总部主办。", "东方证券"),
    ],
)
def test_a_line_of_business_is_no_product(nlp: Language, text: str, org: str) -> None:
    found = entities(nlp, text)
    assert (org, "ORG") in found
    assert not any(surface.endswith("业务") for surface, _ in found)


def test_a_launched_service_is_a_product(nlp: Language) -> None:
    assert ("助农取款业务", "PRODUCT") in entities(nlp, "银联推出助农取款业务。")


def test_a_generation_names_the_product_after_it(nlp: Language) -> None:
    assert ("第二代星河氢能汽车", "PRODUCT") in entities(nlp, "公司自主研发的第二代星河氢能汽车下线。")
    assert ("新一代信息技术", "PRODUCT") not in entities(nlp, "发展新一代信息技术产业。")


@pytest.mark.parametrize(
    "text", ["以毛泽东同志为核心的第一代中央领导集体。", "第五代移动通信技术加快普及。", "第一代连队官兵们扎根边疆。"]
)
def test_a_generation_of_people_or_a_field_is_no_product(nlp: Language, text: str) -> None:
    assert not [s for s, label in entities(nlp, text) if label == "PRODUCT"]


@pytest.mark.parametrize(
    ("text", "owner", "product"),
    [
        ("农行福农卡发卡量超过1亿张。", "农行", "福农卡"),  # a coined word ending in the product word
        ("工行牡丹信用卡累计发卡量已经达到3000万张。", "工行", "牡丹信用卡"),  # a proper word before it
        ("交行太平洋信用卡推出新功能。", "交行", "太平洋信用卡"),
        ("中国建设银行龙卡贷记卡的年费标准调整。", "中国建设银行", "龙卡贷记卡"),  # a coined word, one character more
        ("中国建设银行推出了建行星河信用卡。", "建行", "星河信用卡"),  # a noun of its own before a class of products
    ],
)
def test_a_product_named_of_its_own_stands_beside_its_issuer(
    nlp: Language, text: str, owner: str, product: str
) -> None:
    found = entities(nlp, text)
    assert {(owner, "ORG"), (product, "PRODUCT")} <= found
    assert (owner + product, "PRODUCT") not in found


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("银联手机闪付已经覆盖全国。", "银联手机闪付"),
        ("市民可使用银联二维码付款。", "银联二维码"),
        ("华为P30系列开启升级。", "华为P30系列"),  # a model number names the product with its brand
    ],
)
def test_a_product_word_alone_after_its_owner_keeps_the_owners_name(nlp: Language, text: str, product: str) -> None:
    assert (product, "PRODUCT") in entities(nlp, text)
