"""kg/nlp/recognize/partners.py: the parties of 联合/携手.

Every sentence here is invented; 星河, 顺捷 and 鹏扬 are made-up names, the others widely known organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "partner"), [("中国银联联合顺捷推出新服务。", "顺捷"), ("顺捷携手中国银联推出新服务。", "顺捷")]
)
def test_partners_of_a_partnering_verb_are_organizations(nlp: Language, text: str, partner: str) -> None:
    assert (partner, "ORG") in candidates(nlp, text, "partner_side")
    assert partner in orgs(nlp, text)


@pytest.mark.parametrize("text", ["中国银联联合多家银行推出服务。", "中国银联携手商户推出优惠。"])
def test_common_nouns_beside_a_partnering_verb_are_not(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == {"中国银联"}


def test_a_partnership_between_countries_names_no_partner(nlp: Language) -> None:
    assert candidates(nlp, "甲乙两国战略合作伙伴关系持续深化。", "partner_side") == set()


def test_words_after_the_verb_that_modify_a_later_noun_name_no_partner(nlp: Language) -> None:
    """携手同行现代化之路: the words after 携手 modify 路; they name no partner."""
    assert candidates(nlp, "央视播发快评《携手同行现代化之路》。", "partner_side") == set()
