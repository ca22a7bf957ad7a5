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
