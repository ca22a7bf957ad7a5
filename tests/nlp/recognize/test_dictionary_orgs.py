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


@pytest.mark.parametrize("text", ["游戏展将在美国洛杉矶国际会议中心举办。", "国奥队在奥体中心外场训练。"])
def test_a_venue_the_dictionary_calls_an_organization_is_none(nlp: Language, text: str) -> None:
    assert not {name for name in orgs(nlp, text) if name.endswith("中心")}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("嘉兴工商联的副主席表示，企业融资难有所缓解。", "嘉兴工商联"),  # an abbreviation (j) after a place
        ("上海证监局发布通知，要求券商自查。", "上海证监局"),
        ("上诉人要求广州中院依法改判。", "广州中院"),  # a court's short head
        ("该案在武汉市中院开庭审理。", "武汉市中院"),
        ("韩国央行周五公布调查结果。", "韩国央行"),  # a known name that any state's body has: the place's own
        ("对话邮储银行北京分行行长助理。", "邮储银行北京分行"),  # a place's unit in one word after its known parent
    ],
)
def test_a_places_abbreviated_body_is_one_name(nlp: Language, text: str, body: str) -> None:
    assert body in orgs(nlp, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("明年是中国欧盟建交50周年。", {("中国", "LOC"), ("欧盟", "ORG")}),  # a body of its own: two names
        ("驻韩国和日本美军确诊病例增加。", {("日本", "LOC"), ("美军", "ORG")}),
        ("杭州亚运会的比赛门票已经上架。", {("杭州亚运会", "INITIATIVE")}),  # games, an event
    ],
)
def test_a_place_before_a_name_of_its_own_or_before_games(nlp: Language, text: str, names: set) -> None:
    assert names <= entities(nlp, text)


def test_games_after_a_body_are_none_of_its_units(nlp: Language) -> None:
    assert not [name for name, _ in entities(nlp, "国际奥委会奥运会部执行主任表示祝贺。") if name.endswith("奥运会")]


@pytest.mark.parametrize(("text", "name"), [("锡业股份今日涨停。", "锡业股份"), ("金丰投资今日发布公告。", "金丰投资")])
def test_a_dictionary_proper_noun_with_a_rare_stem_before_its_head_is_a_name(nlp: Language, text: str, name: str):
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", ["维修中心今天照常开放。", "海外基金纷纷撤离新兴市场。"])
def test_a_dictionary_word_with_a_common_stem_names_a_kind(nlp: Language, text: str) -> None:
    assert orgs(nlp, text) == set()
