"""kg/nlp/recognize/speaking_firms.py: a financial firm named by common words is known as the subject of a statement
(在研报中表示, 认为, 预计); a kind of contract, a descriptor, a time or a verb before the head is none.

Every sentence here is invented; the firms' stems are common words on purpose (平安, 银河, 开源, 信达 are words the
segmenter knows as such), which is what the rule is for.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from .recognized import candidates, orgs


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("平安证券在研报中表示，市场将逐步企稳。", "平安证券"),
        ("银河期货认为，铜价短期仍有支撑。", "银河期货"),
        ("开源证券最新报告指出，消费板块估值偏低。", "开源证券"),
        ("信达证券预计，明年出口增速放缓。", "信达证券"),
        ("前海开源基金表示，将继续看好新能源。", "前海开源基金"),
        ("民族证券分析师张某认为，楼市将企稳。", "民族证券"),  # its analyst speaks
        ("平安证券首席经济学家李某指出，通胀压力不大。", "平安证券"),
    ],
)
def test_a_financial_firm_that_states_something_is_an_organization(nlp: Language, text: str, firm: str) -> None:
    assert firm in orgs(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "股指期货认为市场将企稳。",  # a contract states nothing: the stem makes a kind
        "多家基金认为市场已经见底。",
        "当时银行称这笔钱已经到账。",
        "分析人士认为，看好银行股。",
        "商业银行分析师认为，息差将收窄。",  # a kind's analysts
        "外资银行首席经济学家表示，人民币将升值。",
    ],
)
def test_kinds_counts_and_times_before_a_head_are_no_firms(nlp: Language, text: str) -> None:
    assert candidates(nlp, text, "speaking_firm") == set()
