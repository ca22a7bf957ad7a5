"""kg/nlp/recognize/stems.py: members of a group named by the group's own name and a line of business.

Every sentence here is invented; 顺捷 and 鹏扬 are made-up names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("顺捷集团近日公告，顺捷消费金融已完成股权变更。", "顺捷消费金融"),  # a line of business after the stem
        ("顺捷资产管理公司拟转让顺捷证券、顺捷金融租赁等子公司股权。", "顺捷金融租赁"),
    ],
)
def test_a_stem_of_an_organization_before_a_line_of_business_is_a_member(nlp: Language, text: str, member: str) -> None:
    assert (member, "ORG") in candidates(nlp, text, "group_member")
    assert member in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "顺捷集团称，将在市人民政府支持下推进工作。",  # 人民 is no stem of 顺捷集团
        "上海银行与上海物流合作。",  # a place is no stem, though it opens a name
        "顺捷集团发布年报，顺捷资产规模继续扩大。",  # not after a function word: 顺捷资产 is …
    ],
)
def test_no_member_without_a_distinctive_stem(nlp: Language, text: str) -> None:
    found = candidates(nlp, text, "group_member")
    assert not {name for name, _ in found} - {"顺捷集团"}


def test_a_member_with_gongsi_after_its_line_is_one_name(nlp: Language) -> None:
    """With 公司 after the line the head rule finds the member whole, as with a legal form (test_heads.py)."""
    assert "鹏扬融资租赁公司" in orgs(nlp, "鹏扬资本旗下控股鹏扬融资租赁公司。")
