"""kg_measures in the pipeline and in extraction records: whose a figure is, what it measures and when it holds,
with sentences of our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract import Extractor, extraction_to_json
from kg.model import Document, Measurement

Row = tuple[str, str, float, str, str, str | None]


@pytest.fixture(scope="module")
def extractor(nlp: Language) -> Extractor:
    return Extractor(nlp=nlp)


def measured(extractor: Extractor, text: str, date: str | None = "2024-05-10") -> list[Measurement]:
    return list(extractor.extract(Document(id="d", text=text, date=date)).measurements)


def rows(extractor: Extractor, text: str, date: str | None = "2024-05-10") -> list[Row]:
    return [(m.subject, m.property, m.value, m.unit, m.comparison, m.time) for m in measured(extractor, text, date)]


def test_the_subject_of_the_clause_with_its_date(extractor: Extractor) -> None:
    assert rows(extractor, "截至2023年底，中国银联已在全国建成超过1500个示范商圈。") == [
        ("中国银联", "建成示范商圈", 1500, "个", "gt", "2023-12-31")
    ]


def test_relative_dates_are_read_with_the_document_date(extractor: Extractor) -> None:
    text = "今年一季度，招商银行实现营收120.5亿元，同比增长6.3%。"
    assert rows(extractor, text) == [
        ("招商银行", "营收", 12_050_000_000, "元", "eq", "2024-Q1"),
        ("招商银行", "营收同比增长", 0.063, "%", "eq", "2024-Q1"),
    ]
    first = measured(extractor, text)[0]
    assert first.precision == "quarter" and first.time_text == "今年一季度" and "2024-05-10" in first.time_note
    undated = measured(extractor, text, date=None)[0]
    assert undated.time is None and undated.precision is None and "has none" in undated.time_note


def test_a_list_of_counts_shares_its_subject_and_verb(extractor: Extractor) -> None:
    assert rows(extractor, "目前，云闪付已覆盖300个城市，逾2万家超市，近500所学校。") == [
        ("云闪付", "覆盖城市", 300, "个", "eq", "2024-05-10"),
        ("云闪付", "覆盖超市", 20_000, "家", "gt", "2024-05-10"),
        ("云闪付", "覆盖学校", 500, "所", "approx", "2024-05-10"),
    ]


def test_each_and_respectively(extractor: Extractor) -> None:
    assert rows(extractor, "中信证券和招商银行持股比例均为4.5%。") == [
        ("中信证券", "持股比例", 0.045, "%", "eq", None),
        ("招商银行", "持股比例", 0.045, "%", "eq", None),
    ]
    assert rows(extractor, "中信证券和招商银行持股比例分别为3%和2%。") == [
        ("中信证券", "持股比例", 0.03, "%", "eq", None),
        ("招商银行", "持股比例", 0.02, "%", "eq", None),
    ]


def test_a_stake_goes_on_the_invested_in_relation(extractor: Extractor) -> None:
    (stake,) = measured(extractor, "中信证券入股星辰保险有限公司，持股比例为5%。")
    assert (stake.subject, stake.relation, stake.object) == ("中信证券", "invested_in", "星辰保险有限公司")
    assert (stake.property, stake.value, stake.unit) == ("持股比例", 0.05, "%")


def test_a_count_of_a_product_and_a_figure_that_qualifies_an_entity(extractor: Extractor) -> None:
    assert rows(extractor, "同时，中国农业银行发行逾1200万张金穗惠农卡。") == [
        ("金穗惠农卡", "发行量", 12_000_000, "张", "gt", None)
    ]
    assert rows(extractor, "注册资本50亿元的星辰科技有限公司正式成立。") == [
        ("星辰科技有限公司", "注册资本", 5_000_000_000, "元", "eq", None)
    ]


def test_ranges_and_spans(extractor: Extractor) -> None:
    (loan,) = measured(extractor, "招商银行今年以来累计发放贷款10-15亿元。")
    assert (loan.value, loan.upper, loan.comparison) == (1e9, 1.5e9, "range")
    assert (loan.time, loan.precision) == ("2024/2024-05-10", "span")


def test_a_number_with_a_multiplier_and_no_unit(extractor: Extractor) -> None:
    assert rows(extractor, "目前，云闪付已覆盖逾80万小微商户。") == [
        ("云闪付", "覆盖小微商户", 800_000, "", "gt", "2024-05-10")
    ]
    assert rows(extractor, "截至目前，云闪付累计访问次数超过2亿。") == [
        ("云闪付", "访问次数", 200_000_000, "", "gt", "2024-05-10")
    ]
    assert rows(extractor, "招商银行正在布局10万亿新赛道。") == []  # no count noun follows, the clause goes on
    assert rows(extractor, "招商银行的资产规模保持在10万亿水平。") == []


def test_counts_that_are_the_subjects_of_the_place_a_sentence_is_set_in(extractor: Extractor) -> None:
    text = "在深圳，3200家便利店、5万家餐馆支持受理云闪付，星海大学等20所高校均开通了云闪付。"
    assert rows(extractor, text) == [
        ("深圳", "支持受理便利店", 3200, "家", "eq", None),
        ("深圳", "支持受理餐馆", 50_000, "家", "eq", None),
        ("深圳", "开通高校", 20, "所", "eq", None),
    ]
    assert rows(extractor, text.removeprefix("在深圳，")) == []  # no place: whose would the counts be?


def test_a_count_right_after_a_place(extractor: Extractor) -> None:
    assert rows(extractor, "中国银联在深圳推出新平台，并支持深圳300余家医院实现线上缴费。") == [
        ("深圳", "支持医院实现线上缴费", 300, "家", "gt", None)
    ]
    assert rows(extractor, "中国银联在江苏推出新平台，并支持苏州、无锡两个园区实现线上缴费。") == []
    assert rows(extractor, "新的专线将开通江苏至浙江两条线路。") == []  # the place ends a route


def test_a_subject_carried_from_the_sentence_before(extractor: Extractor) -> None:
    text = "中国银联持续拓展公共服务场景。开通电子发票服务；实现15个省市公交缴费、20个省市社保缴纳。"
    assert rows(extractor, text) == [
        ("中国银联", "省市公交缴费", 15, "个", "eq", None),
        ("中国银联", "省市社保缴纳", 20, "个", "eq", None),
    ]
    assert rows(extractor, text.replace("。", "。\n", 1)) == []  # a new paragraph carries nothing
    assert rows(extractor, text.replace("中国银联", "中国银联和招商银行")) == []  # nor does a group


def test_multiples_are_those_of_the_figures_before_them(extractor: Extractor) -> None:
    text = "截至2023年底，招商银行零售客户、私行客户分别超过1.8亿户、15万户，是2010年底的9倍、6倍。"
    assert rows(extractor, text)[2:] == [
        ("招商银行", "零售客户", 9, "倍", "eq", "2023-12-31"),
        ("招商银行", "私行客户", 6, "倍", "eq", "2023-12-31"),
    ]
    assert rows(extractor, "招商银行的净利润是同行的2倍。") == []  # a multiple of what is not measured
    assert rows(extractor, "截至2023年底，招商银行零售客户超过1.8亿户，是2010年底的9倍、6倍。")[1:] == []


def test_the_last_years_and_a_span_of_months(extractor: Extractor) -> None:
    assert rows(extractor, "招商银行近三年累计分红超过500亿元。") == [
        ("招商银行", "分红", 50_000_000_000, "元", "gt", "2021-05-10/2024-05-10")
    ]
    assert rows(extractor, "今年1-4月，招商银行新增零售客户120万户。") == [
        ("招商银行", "新增零售客户", 1_200_000, "户", "eq", "2024-01/2024-04")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2023年全国GDP增长5.2%，快递业务量达到1320亿件。",  # no entity at all
        "中国快递业累计建成超5000公里自动化流水线。",  # a place that names an industry, not the subject
        "中国银联等12家机构共同发起倡议。",  # the figure counts a list the entity is one of
        "去年底，华为终端用户超过7亿人，七成用户来自海外。",  # the share is said of part of the users
        "招商银行的不良率比同业低0.3个百分点。",  # a difference from others
        "星辰科技有限公司员工从300人增长至800人。",  # the level before a change
        "中信证券表示，5000家企业将受益。",  # the entity only reports
    ],
)
def test_figures_that_belong_to_no_entity(extractor: Extractor, text: str) -> None:
    assert [r for r in rows(extractor, text) if r[2] in (0.052, 1.32e11, 5000, 12, 0.7, 0.003, 300)] == []


def test_offsets_and_json(extractor: Extractor) -> None:
    text = "星辰科技有限公司宣布完成B轮融资。截至2023年底，招商银行服务超过350万户小微企业。"
    extraction = extractor.extract(Document(id="d", text=text, date="2024-05-10"))
    (m,) = extraction.measurements
    assert text[m.start : m.end] == m.text == "超过350万户"
    assert text[m.evidence.start : m.evidence.end] == m.evidence.sentence
    assert m.evidence.year == 2023 and m.evidence.document == "d"
    (record,) = extraction_to_json(extraction)["measurements"]
    assert record["subject"] == "招商银行" and record["property"] == "服务小微企业"
    assert record["value"] == 3_500_000 and record["unit"] == "户" and record["comparison"] == "gt"
    assert record["time"] == "2023-12-31" and record["precision"] == "day"
    assert "relation" not in record


def test_the_component_alone(nlp: Language) -> None:
    assert "kg_measures" in nlp.pipe_names
    doc = nlp("截至2023年底，招商银行服务超过350万户小微企业。")
    (hit,) = doc._.kg_measurements
    assert (hit.subject, hit.time.text) == ("招商银行", "截至2023年底")
    assert nlp("没有数字的句子。")._.kg_measurements == []
