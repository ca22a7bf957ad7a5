"""kg/nlp/relate/launch.py: launched, by a launch verb or in the passive (由A开发的X)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .related import hits, of_relation, triples


def test_launch_verb_with_an_explicit_subject(nlp: Language) -> None:
    found = [h for h in hits(nlp, "中国农业银行推出助农取款业务。") if h.relation == "launched"]
    assert [(h.head, h.tail, h.rule) for h in found] == [("中国农业银行", "助农取款业务", "launch_verb")]
    assert of_relation(nlp, "中国银联推出云闪付APP。", "launched") == {("中国银联", "launched", "云闪付")}


@pytest.mark.parametrize("text", ["中国农业银行推出多项举措。", "市民可使用云闪付付款。", "云闪付用户数突破5亿。"])
def test_no_launch_without_a_launch_verb_and_a_named_object(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "launched") == set()


def test_coordinated_subjects_all_launch(nlp: Language) -> None:
    assert of_relation(nlp, "中国银联、中国农业银行推出助农取款服务。", "launched") == {
        ("中国银联", "launched", "助农取款服务"),
        ("中国农业银行", "launched", "助农取款服务"),
    }


def test_a_subject_outside_the_clause_does_not_launch(nlp: Language) -> None:
    found = of_relation(nlp, "据中国银联介绍，华为推出手机闪付。", "launched")
    assert found == {("华为", "launched", "手机闪付")}


def test_a_passive_launch_names_every_maker(nlp: Language) -> None:
    text = "由中国银联、中国农业银行和中国建设银行共同开发的“星河通”正式上线。"
    assert of_relation(nlp, text, "launched") == {
        ("中国银联", "launched", "星河通"),
        ("中国农业银行", "launched", "星河通"),
        ("中国建设银行", "launched", "星河通"),
    }
    assert ("中国农业银行", "partnered_with", "中国建设银行") in triples(nlp, text) or (
        "中国建设银行",
        "partnered_with",
        "中国农业银行",
    ) in triples(nlp, text)


def test_the_source_of_a_report_launches_nothing(nlp: Language) -> None:
    text = "记者从中国农业银行获悉，当地已建成“顺捷惠农站”等重点工程。"  # the bank is where the news came from
    assert of_relation(nlp, text, "launched") == set()


def test_a_subject_before_a_distant_launch_verb_still_launches(nlp: Language) -> None:
    text = "中国农业银行今年在多个县城，推出“顺捷惠农卡”。"
    assert of_relation(nlp, text, "launched") == {("中国农业银行", "launched", "顺捷惠农卡")}
