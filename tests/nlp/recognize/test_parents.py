"""kg/nlp/recognize/parents.py: the organizations on either side of a kin noun of companies.

Every sentence here is invented; 添乐, 海星, 星河科技, 云栖小贷 and 顺荣股份 are made-up names."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("行业另一家企业海星，也就是“添乐”的母公司，市值一度上涨。", {"添乐"}),  # a quoted name before 的母公司
        ("“添乐”母公司海星的市值一度上涨。", {"添乐", "海星"}),  # and the name after a parent noun
        ("星河科技的全资子公司云栖小贷，主要经营网络贷款。", {"星河科技", "云栖小贷"}),  # a common stem before 科技
        ("交易完成后，顺荣股份原实际控制人吴氏家族持股比例下降。", {"顺荣股份"}),  # 原 dates the holder
        ("美国互联网巨头谷歌的母公司宣布，盈利不及预期。", {"谷歌"}),  # the description ends at 巨头
        ("华瑞智慧的控股股东质押了所持股份。", {"华瑞智慧"}),  # jieba calls 智慧 a person's name
    ],
)
def test_the_kin_of_a_company_are_organizations(nlp: Language, text: str, names: set[str]) -> None:
    assert names <= {name for name, _ in candidates(nlp, text, "kin_party")}
    assert names <= orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "归属于母公司股东的净利润同比增长20%。",  # no name on either side
        "该公司的控股股东张伟。",  # a demonstrative before, a person after a holder noun
        "母公司营收增长明显。",  # a noun and a verb after the parent noun
        "一家科技公司的子公司。",  # a class word before a kind
    ],
)
def test_no_kin_where_no_name_stands(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "kin_party") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("鹏扬科技与蓝海集团的子公司顺捷物流签署协议。", "顺捷物流"),
        ("蓝海集团的全资子公司顺捷物流今日成立。", "顺捷物流"),
    ],
)
def test_a_kin_noun_before_a_name_ends_its_description(nlp: Language, text: str, name: str) -> None:
    """子公司顺捷物流 is 顺捷物流: the kin noun says what the company is to the one before, not part of its name."""
    found = orgs(nlp, text)
    assert name in found and not any(n.endswith(name) and n != name for n in found)
