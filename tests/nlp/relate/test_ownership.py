"""kg/nlp/relate/ownership.py: subsidiaries, shareholders and who runs a product."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .related import of_relation, triples


def test_an_operate_verb_means_operates(nlp: Language) -> None:
    assert of_relation(nlp, "中国银联负责运营云闪付。", "operates") == {("中国银联", "operates", "云闪付")}


@pytest.mark.parametrize("text", ["华为发布新款手机。", "市民可使用云闪付付款。"])
def test_no_operates_without_an_owner_prefix_or_verb(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "operates") == set()


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        ("中国银联旗下的银联商务推出收银台。", "银联商务", "中国银联"),
        ("中国银联的全资子公司银联国际推出银联卡。", "银联国际", "中国银联"),
        ("银联商务是中国银联的全资子公司。", "银联商务", "中国银联"),
    ],
)
def test_subsidiary_cues(nlp: Language, text: str, child: str, parent: str) -> None:
    assert of_relation(nlp, text, "subsidiary_of") == {(child, "subsidiary_of", parent)}


@pytest.mark.parametrize("text", ["银联商务与中国银联签署协议。", "中国银联推出云闪付，银联商务推出收银台。"])
def test_no_subsidiary_without_a_cue(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "subsidiary_of") == set()


def test_shareholders_and_later_holdings_invest_in_the_held_company(nlp: Language) -> None:
    text = "睿熙保险公司正在筹建，股东包括中信证券以及中国人寿等。\n工银理财、农银理财持股比例均为8%。"
    found = of_relation(nlp, text, "invested_in")
    assert {h for h, _, t in found if t == "睿熙保险公司"} == {"中信证券", "中国人寿", "工银理财", "农银理财"}


def test_holdings_without_a_named_company_invest_in_nothing(nlp: Language) -> None:
    assert of_relation(nlp, "工银理财、农银理财持股比例均为8%。", "invested_in") == set()


def test_a_subsidiary_by_sentence_shape(nlp: Language) -> None:
    assert ("睿熙投资", "subsidiary_of", "中金公司") in triples(nlp, "睿熙投资是中金公司的全资子公司。")
