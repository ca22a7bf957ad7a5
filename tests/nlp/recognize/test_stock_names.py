"""kg/nlp/recognize/stock_names.py: the short name before a stock code names a listed company.

Every sentence here is invented; 星河, 顺捷, 一禾堂, 中弘, 和泰 and the others are made-up names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # common words, and words the segmenter cuts apart, name a company before its code
        ("智慧农庄(000999)受益于一号文件。", {"智慧农庄"}),
        ("中弘科技(002999)超跌反弹。", {"中弘科技"}),
        # Hong Kong codes: five digits, with or without .HK, or the Stock Connect mark 通
        ("星河控股(01999)下跌4%，顺捷地产(00999)急跌9%。", {"星河控股", "顺捷地产"}),
        ("※ 花旗下调星河电信（00999．通）评级。", {"星河电信"}),
        ("比如顺捷清洁能源（1999.HK）的涨幅也很可观。", {"顺捷清洁能源"}),
        # what stands before the name: a copula, a list's verb, a buying verb, a class noun
        ("另外一个反面教材则是一禾堂（002999.SZ）。", {"一禾堂"}),
        ("已有包括和泰股份(300999)、星河科技(002998)在内的公司披露业绩。", {"和泰股份", "星河科技"}),
        ("可考虑买入中光防务(300999)。", {"中光防务"}),
        ("以生物医药公司星河大药厂(00999)为例。", {"星河大药厂"}),
        ("中午和泰股份（300999.SZ）大涨。", {"和泰股份"}),
    ],
)
def test_the_name_before_a_stock_code_is_a_company(nlp: Language, text: str, names: set[str]) -> None:
    assert names <= {surface for surface, _ in candidates(nlp, text, "stock_name")}
    assert names <= orgs(nlp, text)


def test_a_special_treatment_mark_is_no_part_of_the_name(nlp: Language) -> None:
    assert orgs(nlp, "*ST星河（002999）被银行起诉。") == {"星河"}


@pytest.mark.parametrize(
    "text",
    [
        "沪深300指数（000300）下跌，原油（501018）上涨。",  # an index and a commodity fund have codes too
        "《国民经济核算体系（2016）》发布。",  # a year in brackets is no code
        "公司（600999）公告称，股票复牌。",  # the company, not a name
    ],
)
def test_no_company_before_what_is_no_stock_code_or_before_a_kind(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "stock_name") == set()
    assert not orgs(nlp, text)
