"""kg/nlp/recognize/latin.py: Latin-script names, typed by the words around them.

Every sentence here is invented; XYZ, QRS, Speedfox and 星河 are made-up names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("XYZ宣布完成新一轮融资。", ("XYZ", "ORG")),  # an acronym as the subject of an organization's verb
        ("本轮融资由QRS领投。", ("QRS", "ORG")),
        ("星河Speedfox宣布进入欧洲市场。", ("Speedfox", "ORG")),  # glued once: the pair is not known as a name
        ("公司旗下品牌XYZ推出新品。", ("XYZ", "PRODUCT")),  # after a product class word
    ],
)
def test_a_latin_name_is_typed_by_its_context(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in candidates(nlp, text, "latin_name")


@pytest.mark.parametrize("text", ["AI宣布进入新阶段。", "公司推出APP。", "XYZ在会上发言。", "5G表示新的方向。"])
def test_a_term_or_an_acronym_without_cue_is_no_name(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "latin_name") == set()


def test_a_chinese_word_glued_to_a_recurring_latin_name_opens_it(nlp: Language) -> None:
    text = "星河Speedfox宣布完成融资。星河Speedfox称将扩产。"
    assert ("星河Speedfox", "ORG") in candidates(nlp, text, "latin_name")


def test_a_launch_verb_glued_to_a_latin_name_stays_out(nlp: Language) -> None:
    text = "公司推出XYZ。随后又推出XYZ宣布的新款。"
    assert {surface for surface, _ in candidates(nlp, text, "latin_name")} == {"XYZ"}


def test_a_code_with_digits_after_gongsi_is_no_company(nlp: Language) -> None:
    """公司XZ200: the company's model or product, named by a code."""
    text = "顺捷授权鹏扬在国内推广公司XZ200疫苗产品。"
    assert not any(label == "ORG" for _, label in candidates(nlp, text, "latin_name"))
