"""kg/nlp/recognize/places.py: places below the county that no gazetteer lists, named by a proper name before a
place's head (街道, 镇, 开发区, 生态城 …), with the two countries that built a zone (中新, 中德) in its name.

Every sentence here is invented.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import entities


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("苏州高新区今年新增企业500家。", "苏州高新区"),
        ("成都科学城今年新增科技企业300家。", "成都科学城"),  # the zones and new towns a city builds
        ("首批企业已入驻中新南京生态城。", "中新南京生态城"),  # China and Singapore built it: both name it
        ("中德青岛高新区今年新增企业50家。", "中德青岛高新区"),
    ],
)
def test_a_proper_name_before_a_places_head_is_a_place(nlp: Language, text: str, place: str) -> None:
    assert (place, "LOC") in entities(nlp, text)


@pytest.mark.parametrize("text", ["这座生态城建成后将容纳十万人。", "新区建设全面提速。"])
def test_a_places_head_alone_names_no_place(nlp: Language, text: str) -> None:
    assert not {name for name, label in entities(nlp, text) if label == "LOC"}


@pytest.mark.parametrize(
    "text",
    [
        "近期沪港深三地资金流入增加。",  # Hong Kong's one-character form between others
        "内地与香港的沪港通交易活跃。",
    ],
)
def test_hong_kongs_one_character_form_is_no_port(nlp: Language, text: str) -> None:
    assert not [s for s, label in entities(nlp, text) if label == "LOC" and s.endswith("港") and s != "香港"]


@pytest.mark.parametrize(
    ("text", "port"),
    [
        ("重庆果园港开通新航线。", "重庆果园港"),
        ("舟山港、唐山港吞吐量增长。", "唐山港"),
        ("深圳机场码头至珠海九洲港航线船班全部停航。", "珠海九洲港"),  # 港 before 航线 is still a port
    ],
)
def test_a_port_is_still_a_place(nlp: Language, text: str, port: str) -> None:
    assert (port, "LOC") in entities(nlp, text)
