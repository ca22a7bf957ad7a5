"""Short forms merge with a full name on evidence only: a declaration in the text, the ontology's aliases, or an
abbreviation that keeps the name's places and fits one name of the document. Near misses (banks, funds and regulators
of several countries whose names share a prefix or an initial) stay apart."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.short_forms import declared_short_forms, is_abbreviation, keeps_places
from kg.nlp.text import Candidate, candidates_of


def owner(doc: Doc, name: str) -> str | None:
    """The label of the entity that `name` is the label or an alias of."""
    return next((label for label, e in doc._.kg_entities.items() if name == label or name in e.aliases), None)


def resolved(nlp: Language, text: str, names: tuple[str, ...]) -> Doc:
    """The document's entities when the known names are found as the gazetteer finds them and `names` (say, by the
    recognizer) at every occurrence: the alias rules alone decide what merges."""
    doc = nlp.make_doc(text)
    nlp.get_pipe("kg_gazetteer")(doc)
    for name in names:
        start = text.find(name)
        while start != -1:
            candidates_of(doc).append(Candidate(start, start + len(name), "ORG", "org_head", 0.8))
            start = text.find(name, start + len(name))
    return nlp.get_pipe("kg_entities")(doc)


# the rules, one by one --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("上海环交所", "上海环境能源交易所", True),
        ("中保协", "中国保险行业协会", True),
        ("瑞银", "瑞典北欧斯安银行", True),  # it could be: that is why it is not enough
        ("中国银行", "中国农业银行", False),
        ("星海", "星海环境能源交易所", False),
    ],
)
def test_is_abbreviation(short: str, full: str, expected: bool) -> None:
    assert is_abbreviation(short, full) is expected


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("上海环交所", "上海环境能源交易所", True),  # the place whole
        ("杭数所", "杭州数据交易所", True),  # a Chinese city by its first character
        ("中注协", "中国注册会计师协会", True),  # 中 for 中国
        ("星数所", "星海数据交易所", True),  # no place to keep
        ("瑞银", "瑞典北欧斯安银行", False),  # 瑞 is 瑞士 as often as 瑞典
        ("美合银", "美国合众银行", False),
        ("美国合众", "美国合众银行", True),
        ("广西自治区政府", "广西壮族自治区北海市人民政府", False),  # 北海市 dropped
        ("北海市政府", "广西壮族自治区北海市人民政府", False),  # the first place dropped
        ("广西北海市政府", "广西壮族自治区北海市人民政府", True),
    ],
)
def test_keeps_places(short: str, full: str, expected: bool) -> None:
    assert keeps_places(short, full) is expected


def _chosen(text: str, *names: tuple[str, str]) -> list[Candidate]:
    out = []
    for name, label in names:
        start = text.index(name)
        out.append(Candidate(start, start + len(name), label, "org_head", 0.8))
    return out


@pytest.mark.parametrize(
    ("text", "names", "pairs"),
    [
        ("星海数据交易所（以下简称“星数所”）开业。", [("星海数据交易所", "ORG")], [("星海数据交易所", "星数所")]),
        ("星海数据交易所，简称星数所，今日开业。", [("星海数据交易所", "ORG")], [("星海数据交易所", "星数所")]),
        ("星海数据交易所（下称：星数所）开业。", [("星海数据交易所", "ORG")], [("星海数据交易所", "星数所")]),
        ("星数所（全称“星海数据交易所”）开业。", [("星数所", "ORG")], [("星海数据交易所", "星数所")]),
        ("星数所，全称星海数据交易所，开业。", [("星数所", "ORG")], [("星海数据交易所", "星数所")]),
        (
            "星海数据交易所（星数所）开业。",
            [("星海数据交易所", "ORG"), ("星数所", "ORG")],
            [("星海数据交易所", "星数所")],
        ),
        (
            "星海国际货币研究会（SIMF）发布报告。",
            [("星海国际货币研究会", "ORG"), ("SIMF", "ORG")],
            [("星海国际货币研究会", "SIMF")],
        ),
        ("星海波动指数，又称“恐慌指数”，大涨。", [("星海波动指数", "PRODUCT")], [("星海波动指数", "恐慌指数")]),
        # a body in brackets after its government, a place in brackets, a name cut short by the recognizer
        ("星海特区政府（财政司）为最大股东。", [("星海特区政府", "ORG"), ("财政司", "ORG")], []),
        ("星海科技（深圳）有限公司成立。", [("星海科技", "ORG"), ("深圳", "LOC")], []),
        ("北京星河理财顾问有限公司（下称：星河理财）成立。", [("顾问有限公司", "ORG")], []),
    ],
)
def test_declared_short_forms(text: str, names: list[tuple[str, str]], pairs: list[tuple[str, str]]) -> None:
    assert declared_short_forms(text, _chosen(text, *names)) == pairs


# near misses stay apart -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("美国银行与美国合众银行昨日分别公布了季度业绩。美国合众银行的净利润有所下降。", "美国银行", "美国合众银行"),
        ("瑞士银行表示，瑞士信贷的重组计划将影响市场。", "瑞士银行", "瑞士信贷"),
        ("瑞典北欧斯安银行认为美元将走强，瑞银则预计欧元会上涨。", "瑞银", "瑞典北欧斯安银行"),
        ("中国银行加入了中国银行业协会新成立的专业委员会。", "中国银行", "中国银行业协会"),
        ("英国央行与英国金融行为监管局联合发布了新规。", "英国央行", "英国金融行为监管局"),
        ("中金与中信基金签署了合作协议。", "中金", "中信基金"),
        ("德银与德国商业银行曾商讨合并。", "德银", "德国商业银行"),
        ("中行和中国民生银行都下调了存款利率。", "中行", "中国民生银行"),
        ("华夏基金与华夏银行同日发布公告。", "华夏基金", "华夏银行"),
        ("香港证监会与中国证监会签署了监管合作备忘录。", "香港证监会", "中国证监会"),
        ("美国证监会与中国证监会就审计监管进行磋商。", "美国证监会", "中国证监会"),
        ("澳洲联储维持利率不变，美联储则宣布加息。", "澳洲联储", "美联储"),
    ],
)
def test_near_misses_found_by_the_pipeline_stay_apart(nlp: Language, text: str, a: str, b: str) -> None:
    doc = nlp(text)
    assert owner(doc, a) is not None and owner(doc, b) is not None, doc._.kg_entities
    assert owner(doc, a) != owner(doc, b)


@pytest.mark.parametrize(
    ("text", "names", "short", "full", "merged"),
    [
        # an abbreviation by its letters, across countries (瑞 of 瑞典) or dropping a second place: apart
        (
            "瑞行发布报告。瑞典北欧斯安银行认为美元将走强。",
            ("瑞行", "瑞典北欧斯安银行"),
            "瑞行",
            "瑞典北欧斯安银行",
            False,
        ),
        ("美合银表示，美国合众银行的净利润有所下降。", ("美合银", "美国合众银行"), "美合银", "美国合众银行", False),
        (
            "广西壮族自治区北海市人民政府发布通知，广西自治区政府表示支持。",
            ("广西壮族自治区北海市人民政府", "广西自治区政府"),
            "广西自治区政府",
            "广西壮族自治区北海市人民政府",
            False,
        ),
        # a known short name abbreviates nothing the ontology does not list for it: apart
        ("中金与中信基金签署了合作协议。", ("中信基金",), "中金", "中信基金", False),
        ("中行与中国大型商业银行的存款利率相同。", ("中国大型商业银行",), "中行", "中国大型商业银行", False),
        # an abbreviation that keeps its places, or a declaration: one entity
        (
            "上海环境能源交易所开业。上海环交所推出碳产品。",
            ("上海环境能源交易所", "上海环交所"),
            "上海环交所",
            "上海环境能源交易所",
            True,
        ),
        (
            "杭州数据交易所今日开业。杭数所将推出数据产品。",
            ("杭州数据交易所", "杭数所"),
            "杭数所",
            "杭州数据交易所",
            True,
        ),
        (
            "星海数据交易所今日开业。星数所将推出数据产品。",
            ("星海数据交易所", "星数所"),
            "星数所",
            "星海数据交易所",
            True,
        ),
        (
            "星数所（全称“星海数据交易所”）开业。星数所将推出数据产品。",
            ("星海数据交易所", "星数所"),
            "星数所",
            "星海数据交易所",
            True,
        ),
        ("星海数据交易所（星海数据）开业。", ("星海数据交易所", "星海数据"), "星海数据", "星海数据交易所", True),
    ],
)
def test_the_alias_rules_merge_on_evidence_only(
    nlp: Language, text: str, names: tuple[str, ...], short: str, full: str, merged: bool
) -> None:
    doc = resolved(nlp, text, names)
    assert owner(doc, short) is not None and owner(doc, full) is not None, doc._.kg_entities
    assert (owner(doc, short) == owner(doc, full)) is merged


def test_an_abbreviation_of_two_names_names_neither(nlp: Language) -> None:
    text = "星海环境能源交易所与星海环球交易所签约。星海环交所表示将推出碳产品。"
    doc = resolved(nlp, text, ("星海环境能源交易所", "星海环球交易所", "星海环交所"))
    assert len({owner(doc, n) for n in ("星海环境能源交易所", "星海环球交易所", "星海环交所")}) == 3


# known aliases and declarations through the whole pipeline --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "a", "b", "canonical"),
    [
        ("联储局宣布加息25个基点，美联储主席随后发表讲话。", "联储局", "美联储", "美国联邦储备委员会"),
        (
            "美国联邦储备委员会发布声明，美国联储局认为通胀仍然偏高。",
            "美国联储局",
            "美国联邦储备委员会",
            "美国联邦储备委员会",
        ),
        ("中国银行今日发布公告。中行将下调存款利率。", "中行", "中国银行", "中国银行"),
        ("英国央行宣布加息，英格兰银行行长随后发表讲话。", "英国央行", "英格兰银行", "英格兰银行"),
        ("瑞信宣布裁员，瑞士信贷的股价下跌。", "瑞信", "瑞士信贷", "瑞士信贷"),
        (
            "星海数据交易所（以下简称“星数所”）今日开业。星数所将推出数据产品。",
            "星数所",
            "星海数据交易所",
            "星海数据交易所",
        ),
        ("星海数据交易所，简称星数所，今日开业。星数所将推出数据产品。", "星数所", "星海数据交易所", "星海数据交易所"),
    ],
)
def test_the_pipeline_merges_known_aliases_and_declared_short_forms(
    nlp: Language, text: str, a: str, b: str, canonical: str
) -> None:
    doc = nlp(text)
    assert owner(doc, a) == owner(doc, b) == canonical, doc._.kg_entities


def test_a_declared_short_form_is_a_mention_wherever_it_stands(nlp: Language) -> None:
    doc = nlp("星海数据交易所（以下简称“星数所”）今日开业。星数所将推出数据产品。")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("星海数据交易所", "星海数据交易所"),
        ("星数所", "星海数据交易所"),
        ("星数所", "星海数据交易所"),
    ]
    assert doc._.kg_entities["星海数据交易所"].mentions == 3
