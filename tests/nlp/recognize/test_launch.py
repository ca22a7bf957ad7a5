"""kg/nlp/recognize/launch.py: the objects of launch verbs.

Every sentence here is invented; 星河, 顺捷 and 鹏扬 are made-up names, the others widely known organizations.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国农业银行推出助农取款业务。", ("助农取款业务", "PRODUCT")),
        ("中国银联携手华为推出手机闪付。", ("手机闪付", "PRODUCT")),
        ("深圳市人民政府联合中国银联推出数字人民币试点。", ("数字人民币试点", "INITIATIVE")),
    ],
)
def test_launch_objects_are_typed_by_their_head(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in candidates(nlp, text, "launch_object")
    assert expected in entities(nlp, text)


@pytest.mark.parametrize("text", ["中国农业银行推出多项举措。", "银行推出新产品。", "中国银联推出新服务。"])
def test_launch_objects_without_a_name_are_not_entities(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "launch_object") == set()
    assert {label for _, label in entities(nlp, text)} <= {"ORG"}


def test_launch_objects_end_before_a_list_closer(nlp: Language) -> None:
    found = entities(nlp, "农行推出惠农e贷等产品。")
    assert not any("等" in surface for surface, _ in found)
