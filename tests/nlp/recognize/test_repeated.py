"""kg/nlp/recognize/repeated.py: a name made only of common words, marked by the document's repeated definite use.

Every sentence here is invented.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs

NAMED_THREE_TIMES = (
    "国民健康险公司终于亮相。注册资本50亿元的国民健康险公司正发起设立。分析人士认为，国民健康险公司将推动行业转型。"
)


def test_a_company_named_three_times_by_common_words_is_an_organization(nlp: Language) -> None:
    assert candidates(nlp, NAMED_THREE_TIMES, "repeated_name") == {("国民健康险公司", "ORG")}
    assert orgs(nlp, NAMED_THREE_TIMES) == {"国民健康险公司"}


@pytest.mark.parametrize(
    "text",
    [
        "国民健康险公司终于亮相。分析人士认为，国民健康险公司将推动行业转型。",  # twice is not enough
        "一家国民健康险公司终于亮相。国民健康险公司将推动行业转型。国民健康险公司数量增加。",  # once after 一家
        "证券经纪公司面临转型。证券经纪公司佣金下降。证券经纪公司纷纷裁员。",  # a line of business: 证券 is a head
        "互联网平台公司要守规矩。互联网平台公司要担责任。互联网平台公司要讲诚信。",  # 互联网 is a descriptor
        "优质蓝筹公司很少增发。一些大的优质蓝筹公司估值合理。外资青睐优质蓝筹公司。",  # 蓝筹, though not first
    ],
)
def test_a_kind_of_company_is_no_name_however_often_named(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "repeated_name") == set()
    assert orgs(nlp, text) == set()
