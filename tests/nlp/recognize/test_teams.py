"""kg/nlp/recognize/teams.py: a place or a club's short name beside a match word, in a sentence about a team sport,
is a team (an organization).

Every sentence here is invented; the clubs are named after real cities, as clubs are.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, entities, orgs


@pytest.mark.parametrize(
    ("text", "teams"),
    [
        ("联赛第五轮，罗马vs米兰的比赛在周日进行。", {"罗马", "米兰"}),
        ("本赛季主场作战的热那亚战胜了那不勒斯。", {"热那亚", "那不勒斯"}),
        ("上轮做客汉诺威，汉堡以0比3惨败。", {"汉诺威"}),
        ("联赛中，星河队以3比0击败越南队。", {"越南队"}),
    ],
)
def test_names_beside_a_match_word_in_a_match_report_are_teams(nlp: Language, text: str, teams: set[str]) -> None:
    assert teams <= orgs(nlp, text)
    assert not {name for name, label in entities(nlp, text) if label == "LOC"} & teams


@pytest.mark.parametrize(
    "text",
    [
        "华为击败爱立信，赢得这份合同。",  # companies beat each other without a match: no team rule
        "罗马是意大利的首都，米兰是经济中心。",
        "中国战胜了洪水，灾后重建加快。",
    ],
)
def test_no_team_outside_a_match_report(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "team") == set()


def test_cities_stay_places_outside_a_match_report(nlp: Language) -> None:
    assert {("罗马", "LOC"), ("米兰", "LOC")} <= entities(nlp, "罗马是意大利的首都，米兰是经济中心。")


# a known club's context name (kg:contextLabel): its city, or a word, that names it only in a match report -------
@pytest.mark.parametrize(
    ("text", "club", "name"),
    [
        ("本赛季利物浦在主场状态出色，球迷很满意。", "利物浦足球俱乐部", "利物浦"),
        ("皇马轻取尤文，当心利物浦输球。", "利物浦足球俱乐部", "利物浦"),  # a known club's name is the cue
        ("热那亚上下对待本场比赛的积极性很高，球场气氛热烈。", "热那亚足球俱乐部", "热那亚"),
        ("火箭队的中锋受伤，本赛季火箭只剩两名前锋可用。", "休斯敦火箭队", "火箭"),
        ("足彩推荐：枪手主场作稳胆，蓝军需防平。", "阿森纳足球俱乐部", "枪手"),  # a club's nickname
    ],
)
def test_a_clubs_context_name_in_a_match_report_is_the_known_club(
    nlp: Language, text: str, club: str, name: str
) -> None:
    doc = nlp(text)
    assert (name, "ORG") in {(e.text, e.label_) for e in doc.ents}
    info = doc._.kg_entities[club]
    assert info.known and name in info.aliases


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("利物浦是英国的港口城市，那不勒斯在意大利南部。", "利物浦"),
        ("港股中超千亿市值的公司占4.9%。", "中超"),  # its own name is no cue for itself
        ("火箭发射成功，卫星进入预定轨道。", "火箭"),
        ("局地暴雪，道路结冰。", "暴雪"),  # a word the game company's short name would take: no alias
        ("从广州出发前往巴厘岛登巴萨机场。", "巴萨"),  # Barça's short name inside a city's
        ("世界十大海滩之一的拉齐奥海滩游客众多。", "拉齐奥"),  # the region, not the club
        ("红军长征胜利八十周年纪念活动举行。", "红军"),  # a nickname outside a match report is the word
    ],
)
def test_a_clubs_context_name_elsewhere_is_no_organization(nlp: Language, text: str, word: str) -> None:
    assert word not in orgs(nlp, text)


def test_known_clubs_are_found_anywhere_by_their_own_names(nlp: Language) -> None:
    assert {"曼联", "阿森纳", "国际米兰"} <= orgs(nlp, "苏宁收购国际米兰之后，曼联和阿森纳的市值也受到关注。")


def test_a_place_and_dui_in_a_match_report_is_its_team(nlp: Language) -> None:
    assert "葡萄牙队" in orgs(nlp, "本场比赛葡萄牙队实力占优，主帅排出最强阵容。")
    assert "中国" not in orgs(nlp, "中国队员在比赛中表现出色。")  # 队员: a player, not the team
