"""kg/nlp/relate/invest.py: invested_in and regulates."""

from __future__ import annotations

from spacy.language import Language

from .related import of_relation


def test_joint_founders_invest_in_the_new_company(nlp: Language) -> None:
    assert of_relation(nlp, "中国银联、中国农业银行出资设立星河金融科技有限公司。", "invested_in") == {
        ("中国银联", "invested_in", "星河金融科技有限公司"),
        ("中国农业银行", "invested_in", "星河金融科技有限公司"),
    }
    assert of_relation(nlp, "中国银联与中国农业银行签署协议。", "invested_in") == set()


def test_a_regulator_verb_gives_regulates(nlp: Language) -> None:
    assert of_relation(nlp, "中国人民银行指导中国银联开展工作。", "regulates") == {
        ("中国人民银行", "regulates", "中国银联"),
    }
    assert of_relation(nlp, "中国人民银行与中国银联召开会议。", "regulates") == set()
