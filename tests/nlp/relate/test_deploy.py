"""kg/nlp/relate/deploy.py: deployed_at (在A落地) and part_of (依托X打造Y)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .related import of_relation, triples


@pytest.mark.parametrize(
    ("text", "part", "base"),
    [
        ("中国银联持续推进移动支付便民工程。依托云闪付上线助农服务平台。", "助农服务平台", "云闪付"),
        ("依托云闪付上线助农服务平台。", "助农服务平台", "云闪付"),
    ],
)
def test_a_basis_cue_gives_part_of_and_no_launch_guess(nlp: Language, text: str, part: str, base: str) -> None:
    found = triples(nlp, text)
    assert (part, "part_of", base) in found
    assert not {t for t in found if t[1] == "launched" and t[2] == part}


def test_part_of_does_not_take_a_known_name_inside_an_unknown_object(nlp: Language) -> None:
    assert ("乡村振兴", "part_of", "云闪付") not in triples(nlp, "依托云闪付上线乡村振兴专区。")


def test_no_part_of_without_a_basis_cue(nlp: Language) -> None:
    assert of_relation(nlp, "中国银联推出云闪付。华为推出手机闪付。", "part_of") == set()


def test_deployment_sites_are_each_a_relation(nlp: Language) -> None:
    assert of_relation(nlp, "云闪付在黑龙江、吉林落地。", "deployed_at") == {
        ("云闪付", "deployed_at", "黑龙江"),
        ("云闪付", "deployed_at", "吉林"),
    }
    assert of_relation(nlp, "银联二维码在哈尔滨松雷商场落地。", "deployed_at") == {
        ("银联二维码", "deployed_at", "哈尔滨松雷商场"),
    }


@pytest.mark.parametrize("text", ["云闪付在黑龙江表现亮眼。", "在黑龙江，云闪付用户持续增长。"])
def test_no_deployment_without_a_deploy_verb(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "deployed_at") == set()
