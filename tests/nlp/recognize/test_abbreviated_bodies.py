"""kg/nlp/recognize/abbreviated_bodies.py: a place or a level of government, then an abbreviated body that the
segmenter cuts into pieces, names that place's committee, office or bureau; a situation in 局, a verb in 办 and a
committee member's role do not.

Every sentence here is invented; the places are real, the bodies the kinds every city has.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("北京市住建委昨天发布了新的租赁办法。", "北京市住建委"),
        ("市住建委有关负责人表示，名单将于下周公布。", "市住建委"),
        ("海淀区住保办表示，申请材料须在月底前提交。", "海淀区住保办"),
        ("仙游县委有关负责人介绍了整改情况。", "仙游县委"),
        ("北京市教工委和市教委召开了专题会议。", "北京市教工委"),
        ("北京市教工委和市教委召开了专题会议。", "市教委"),
        ("此次市建委调配的房源集中在城西。", "市建委"),
    ],
)
def test_an_abbreviated_body_after_its_scope_is_an_organization(nlp: Language, text: str, body: str) -> None:
    assert body in orgs(nlp, text)


def test_a_level_of_government_before_a_dictionary_body_opens_its_name(nlp: Language) -> None:
    assert "市发改委" in orgs(nlp, "市发改委核定了该楼盘的预售价格。")
    assert "县农业局" in orgs(nlp, "县农业局水产站的技术员当天赶到现场。")


@pytest.mark.parametrize(
    "text",
    [
        "中国政局保持稳定，欧洲变局之下谈判陷入僵局。",  # a situation in 局 is no bureau
        "星河科技在北京举办发布会，并在上海布局研发中心。",  # verbs in 办 and 局
        "他到北京办事，顺路看望了老同学。",
        "铁路部门增开跨局直达货物列车。",  # 跨 (across) is no level of government
    ],
)
def test_situations_verbs_and_crossings_are_no_bodies(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "abbreviated_body") == set()


def test_a_committee_member_is_a_role_not_a_body(nlp: Language) -> None:
    text = "市委常委、常务副市长出席了签约仪式。"
    assert candidates(nlp, text, "abbreviated_body") == set()
    assert "市委常委" not in orgs(nlp, text)
