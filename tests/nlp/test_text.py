"""kg/nlp/text.py: where sentences end, which bounds every relation a rule can find."""

from __future__ import annotations

from kg.nlp.text import sentence_bounds


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_bounds(text)]


def test_a_full_stop_and_a_line_break_end_sentences() -> None:
    assert _sentences("星河银行推出福农卡。顺捷集团发布公告\n公司股票复牌") == [
        "星河银行推出福农卡。",
        "顺捷集团发布公告",
        "公司股票复牌",
    ]


def test_two_ideographic_spaces_end_a_sentence_where_a_line_break_was_lost() -> None:
    """Web text indents each paragraph with two ideographic spaces; when its line breaks are lost, the indent is all
    that separates a résumé's lines, and a relation must not reach from one line into the next."""
    text = "他的履历：\u3000\u30002012年获得星河大学硕士学位\u3000\u30002014年加入顺捷基金，担任投资研究部研究员。"
    lines = ["他的履历：", "2012年获得星河大学硕士学位", "2014年加入顺捷基金，担任投资研究部研究员。"]
    assert _sentences(text) == lines


def test_one_ideographic_space_is_only_a_space() -> None:
    assert _sentences("星河银行\u3000推出福农卡。") == ["星河银行\u3000推出福农卡。"]
