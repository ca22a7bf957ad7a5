"""kg.nlp.measures.numbers and .figures: numbers as news writes them, and the figures a text states."""

from __future__ import annotations

import pytest

from kg.nlp.measures.figures import candidate_starts, find_figures, normalize_digits
from kg.nlp.measures.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("350万", 3_500_000),
        ("4.7亿", 470_000_000),
        ("1,021", 1021),
        ("3.5万亿", 3.5e12),
        ("1.05万亿", 1.05e12),
        ("三百五十万", 3_500_000),
        ("一亿两千万", 120_000_000),
        ("两千", 2000),
        ("二〇二一", 2021),
        ("千亿", 1e11),
        ("0.0897", 0.0897),
    ],
)
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_what_is_no_number() -> None:
    assert parse_number("约") is None
    assert parse_number("亿元") is None


def figures(text: str) -> list[tuple[str, float, str, str, float | None]]:
    text = normalize_digits(text)
    return [(text[f.start : f.end], f.value, f.unit, f.comparison, f.upper) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新开两千三百家门店", [("两千三百家", 2300, "家", "eq", None)]),
        ("授信总额3.5万亿元", [("3.5万亿元", 3.5e12, "元", "eq", None)]),
        ("募资10-15亿元", [("10-15亿元", 1e9, "元", "range", 1.5e9)]),
        ("缺口达6万亿元至9万亿元", [("6万亿元至9万亿元", 6e12, "元", "range", 9e12)]),
        ("持股比例为12.5%", [("12.5%", 0.125, "%", "eq", None)]),
        ("超七成用户", [("超七成", 0.7, "%", "gt", None)]),
        ("占百分之三十五", [("百分之三十五", 0.35, "%", "eq", None)]),
        ("约三分之一的网点", [("约三分之一", 0.3333333333, "%", "approx", None)]),
        ("融资5000万美元", [("5000万美元", 5e7, "美元", "eq", None)]),
        ("作价12亿港币", [("12亿港币", 1.2e9, "港元", "eq", None)]),
        ("每股８．５元", [("8.5元", 8.5, "元", "eq", None)]),
        ("服务超过350万户商户", [("超过350万户", 3.5e6, "户", "gt", None)]),
        ("逾1,200家网点", [("逾1,200家", 1200, "家", "gt", None)]),
        ("近900所学校", [("近900所", 900, "所", "approx", None)]),
        ("300余家医院", [("300余家", 300, "家", "gt", None)]),
        ("准确率99%以上", [("99%以上", 0.99, "%", "gt", None)]),
        ("销售额2亿元左右", [("2亿元左右", 2e8, "元", "approx", None)]),
        ("不少于80家", [("不少于80家", 80, "家", "ge", None)]),
        ("增速提高1.5个百分点", [("1.5个百分点", 1.5, "百分点", "eq", None)]),
        ("电价0.6元/千瓦时", [("0.6元/千瓦时", 0.6, "元/千瓦时", "eq", None)]),
        ("套餐 58 元至 98 元", [("58 元至 98 元", 58, "元", "range", 98)]),
        ("资产是上年的3倍、2.5倍", [("3倍", 3, "倍", "eq", None), ("2.5倍", 2.5, "倍", "eq", None)]),
        ("访问次数超过1亿；", [("超过1亿", 1e8, "", "gt", None)]),
        ("逾60万商户", [("逾60万", 600_000, "", "gt", None)]),
        ("缺口8万亿至10万亿，", [("8万亿至10万亿", 8e12, "", "range", 1e13)]),
    ],
)
def test_figures(text: str, expected: list) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年6月30日发布",  # a date
        "历时3年，耗时4个月，每天8个小时",  # durations
        "排名第12位",  # an ordinal
        "代码600036，型号X30，5G手机",  # codes and model numbers
        "分为99/129/199元三档",  # a list written with slashes: which price would it be?
        "一家银行推出一批产品",  # an article, not a count
        "数十位专家和上千家企业",  # vague numbers
        "数倍于同行，编号3万A，型号2亿X",  # a vague multiple, codes
        "2019-2021年，1-2月",  # spans of time
    ],
)
def test_no_figures(text: str) -> None:
    assert figures(text) == []


def test_kinds_of_the_new_figures() -> None:
    kinds = [f.kind for f in find_figures("超过1亿；逾60万商户，是去年的3倍，共8万亿至10万亿。")]
    assert kinds == ["number", "number", "multiple", "number"]


@pytest.mark.parametrize(
    "text",
    [
        "新开两千三百家门店，募资10-15亿元，持股比例为12.5%，超七成用户，占百分之三十五，约三分之一的网点",
        "2023年6月30日，代码600036的银行服务超过350万户，逾1,200家网点，准确率99%以上，电价0.6元/千瓦时",
    ],
)
def test_every_figure_starts_where_the_quick_pass_says(text: str) -> None:
    starts = set(candidate_starts(text))
    found = find_figures(text)
    assert found and all(any(f.start <= s < f.end for s in starts) for f in found)


def test_the_quick_pass_skips_what_is_no_figure() -> None:
    assert candidate_starts("2023年6月30日发布，代码600036，型号X30，今年以来") == []


@pytest.mark.parametrize(
    ("text", "value"), [("12", 12), ("3.5千万", 35_000_000), ("2百万", 2_000_000), ("0.5万亿", 5e11), ("007", 7)]
)
def test_arabic_numbers_are_read_without_cn2an(text: str, value: float, monkeypatch: pytest.MonkeyPatch) -> None:
    import cn2an

    monkeypatch.setattr(cn2an, "cn2an", None)  # the fast path must not reach it
    assert parse_number(text) == value
