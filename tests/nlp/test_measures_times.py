"""kg.nlp.measures.times: time expressions of every precision, resolved with the document's date."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp.measures import times
from kg.nlp.measures.times import find_times, resolve

DATE = "2024-05-10"


def resolved(text: str, date: str | None = DATE) -> list[tuple[str, str | None, str | None]]:
    return [(t.text, resolve(t, date).value, resolve(t, date).precision) for t in find_times(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至2023年底，", [("截至2023年底", "2023-12-31", "day")]),
        ("2023年末", [("2023年末", "2023-12-31", "day")]),
        ("2021年初", [("2021年初", "2021-01-01", "day")]),
        ("2022年9月30日", [("2022年9月30日", "2022-09-30", "day")]),
        ("截至2023年6月底", [("截至2023年6月底", "2023-06-30", "day")]),
        ("2023年2月", [("2023年2月", "2023-02", "month")]),
        ("2023年一季度", [("2023年一季度", "2023-Q1", "quarter")]),
        ("2022年第四季度", [("2022年第四季度", "2022-Q4", "quarter")]),
        ("2023年上半年", [("2023年上半年", "2023-H1", "half-year")]),
        ("2022年前三季度", [("2022年前三季度", "2022-01/2022-09", "span")]),
        ("2020年", [("2020年", "2020", "year")]),
        ("二〇二二年", [("二〇二二年", "2022", "year")]),
        ("2018年至2022年", [("2018年至2022年", "2018/2022", "span")]),
        ("2016年以来", [("2016年以来", "2016/2024-05-10", "span")]),
        ("自2015年起", [("2015年起", "2015/2024-05-10", "span")]),
        ("今年", [("今年", "2024", "year")]),
        ("去年底", [("去年底", "2023-12-31", "day")]),
        ("前年", [("前年", "2022", "year")]),
        ("今年一季度", [("今年一季度", "2024-Q1", "quarter")]),
        ("截至3月31日", [("截至3月31日", "2024-03-31", "day")]),
        ("截至目前", [("截至目前", "2024-05-10", "day")]),
        ("今年以来", [("今年以来", "2024/2024-05-10", "span")]),
        ("2022年1-2月", [("2022年1-2月", "2022-01/2022-02", "span")]),
        ("今年1至5月份", [("今年1至5月份", "2024-01/2024-05", "span")]),
        ("2019-2021年", [("2019-2021年", "2019/2021", "span")]),
        ("近三年", [("近三年", "2021-05-10/2024-05-10", "span")]),
        ("过去5年来", [("过去5年来", "2019-05-10/2024-05-10", "span")]),
        ("近半年", [("近半年", "2023-11-10/2024-05-10", "span")]),
        ("近18个月", [("近18个月", "2022-11-10/2024-05-10", "span")]),
    ],
)
def test_times(text: str, expected: list) -> None:
    assert resolved(text) == expected


def test_a_relative_time_says_that_the_document_has_no_date() -> None:
    (time,) = find_times("去年底")
    answer = resolve(time, None)
    assert answer.value is None and answer.precision is None
    assert "has none" in answer.note
    assert "2023-05-10" in resolve(time, "2023-05-10").note  # and which date it was read with, when it has one
    (absolute,) = find_times("2021年底")
    assert resolve(absolute, None).value == "2021-12-31"  # an absolute date needs no document date


def test_the_base_of_a_comparison_is_no_time() -> None:
    assert find_times("较去年同期增长") == []
    assert find_times("比上年末提高") == []


def test_the_last_years_end_on_a_day_the_month_has() -> None:
    (time,) = find_times("近一个月")
    assert resolve(time, "2024-03-31").value == "2024-02-29/2024-03-31"
    assert resolve(time, None).value is None


def test_what_is_no_time() -> None:
    assert find_times("年底冲刺") == []
    assert find_times("全年目标") == []
    assert find_times("近700家门店") == []
    assert resolved("2023年2月30日") == [("2023年2月30日", None, None)]


def _searched_alone(text: str) -> list:
    """What find_times finds when no text is skipped for want of a time word."""
    original, times._TIME_WORDS = times._TIME_WORDS, re.compile("")
    try:
        return find_times(text)
    finally:
        times._TIME_WORDS = original


@pytest.mark.parametrize(
    "text",
    ["一季度营收", "前两个季度", "现在有", "截止目前", "当前", "如今", "今年以来", "上一年", "明年", "6月份", "近三年",
     "过去6个月", "上半年", "下半年", "二〇二二年"],
)  # fmt: skip
def test_every_kind_of_time_has_a_time_word(text: str) -> None:
    """find_times skips a text with none of 年, 月, 季度, a relative year or now: no time is without one."""
    assert find_times(text) == _searched_alone(text) != []


# pieces of time expressions and of what looks like them, so that random texts hold many times and near misses
_PIECES = st.sampled_from(
    ["2023", "年", "二〇二二", "1", "12", "月", "份", "日", "号", "底", "末", "初", "全", "上", "下", "半", "第", "一",
     "三", "两", "季度", "前", "个", "近", "过去", "以来", "起", "截至", "截止", "到", "至", "-", " ", "，", "今年",
     "去年", "本年", "上一年", "目前", "当前", "如今", "现在", "较", "比", "同", "增长", "8", "家", "亿元", "。"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_a_text_without_a_time_word_loses_no_time(text: str) -> None:
    assert find_times(text) == _searched_alone(text)
