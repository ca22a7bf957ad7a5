"""kg/nlp/recognize/dictionary_orgs.py: the institutions of jieba's dictionary (nt) that end like one, with their
places and their abbreviated units; kinds of institutions, titles and meetings are none.

Every sentence here is invented; 星河 is a made-up name, the others widely known bodies.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, entities, orgs


def test_a_fair_the_dictionary_calls_an_organization_is_an_event(nlp: Language) -> None:
    assert ("广交会", "INITIATIVE") in entities(nlp, "第135届广交会今天开幕，吸引了大量采购商。")


def test_a_dictionary_organization_with_its_place(nlp: Language) -> None:
    assert ("美国国防部", "ORG") in candidates(nlp, "美国国防部今天宣布新的预算。", "dictionary_org")
    assert "美国国防部" in orgs(nlp, "美国国防部今天宣布新的预算。")


@pytest.mark.parametrize(
    "text",
    ["商业银行和交易所都在调整。", "东部和中西部地区经济回暖。", "人民军队和车队出发。"],
)
def test_kinds_of_institutions_and_regions_are_not_dictionary_organizations(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "dictionary_org") == set()
    assert orgs(nlp, text) == set()


def test_a_dictionary_word_of_two_known_bodies_gives_both(nlp: Language) -> None:
    text = "中共中央国务院印发了指导意见。"
    assert candidates(nlp, text, "dictionary_org") == set()
    assert orgs(nlp, text) == {"中共中央", "国务院"}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("中共中央政治局常委、国务院副总理张三出席会议。", "中央政治局常委"),  # a member's title
        ("星河市第十一巡回指导组负责同志参加汇报会。", "汇报会"),  # a meeting
    ],
)
def test_a_dictionary_org_that_is_a_title_or_a_meeting_is_no_organization(nlp: Language, text: str, title: str) -> None:
    assert title not in orgs(nlp, text)


def test_an_abbreviated_unit_after_a_dictionary_organization_is_one_name(nlp: Language) -> None:
    """国务院|港澳办: a body's abbreviation (tagged j) right after the organization it belongs to names the unit."""
    found = orgs(nlp, "外交部、国务院港澳办、商务部负责人出席仪式。")
    assert "国务院港澳办" in found and "国务院" not in found
