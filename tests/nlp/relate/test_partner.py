"""kg/nlp/relate/partner.py: partnered_with, by a partnering verb or a joint subject."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .related import of_relation, triples


@pytest.mark.parametrize(
    ("text", "a", "b", "product"),
    [
        ("中国银联携手华为推出手机闪付。", "中国银联", "华为", "手机闪付"),
        ("深圳市人民政府联合中国银联推出数字人民币试点。", "深圳市人民政府", "中国银联", "数字人民币试点"),
        ("中国银联与中国农业银行合作推出助农取款服务。", "中国银联", "中国农业银行", "助农取款服务"),
    ],
)
def test_a_partner_launch_gives_partnership_and_both_launches(
    nlp: Language, text: str, a: str, b: str, product: str
) -> None:
    found = triples(nlp, text)
    assert (a, "partnered_with", b) in found
    assert {(a, "launched", product), (b, "launched", product)} <= found


@pytest.mark.parametrize("text", ["中国银联联合多家银行推出服务。", "中国银联推出云闪付。华为推出手机闪付。"])
def test_no_partnership_without_two_organizations_joined_by_a_partner_word(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "partnered_with") == set()


def test_a_partner_verb_right_after_a_name_ending_in_its_first_character(nlp: Language) -> None:
    assert ("京东集团", "partnered_with", "中国银联") in triples(nlp, "京东集团与中国银联合作。")


def test_co_founders_are_not_partners_of_the_company_they_found(nlp: Language) -> None:
    found = triples(nlp, "中国银联、中国农业银行共同出资设立银联商务。")
    assert not {t for t in found if t[1] == "partnered_with" and "银联商务" in (t[0], t[2])}
