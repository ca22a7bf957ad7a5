"""kg_gazetteer: known names and aliases matched on characters, Latin names as whole words, places as words."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp.known import known_surface_forms


def gazetteer_hits(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    """(surface, type, canonical) of every gazetteer candidate, in text order."""
    doc = nlp(text)
    return [(text[c.start : c.end], c.label, c.canonical) for c in doc._.kg_candidates if c.rule == "gazetteer"]


def test_names_and_aliases_resolve_to_the_canonical_label(nlp: Language) -> None:
    text = "银联、农行、UnionPay和中国农业银行共同发布公告。"
    assert gazetteer_hits(nlp, text) == [
        ("银联", "ORG", "中国银联"),
        ("农行", "ORG", "中国农业银行"),
        ("UnionPay", "ORG", "中国银联"),
        ("中国农业银行", "ORG", "中国农业银行"),
    ]
    doc = nlp(text)
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("银联", "中国银联"),
        ("农行", "中国农业银行"),
        ("UnionPay", "中国银联"),
        ("中国农业银行", "中国农业银行"),
    ]


def test_candidates_of_known_names_are_marked_known(nlp: Language) -> None:
    doc = nlp("云闪付APP在宁德上线。")
    hits = [c for c in doc._.kg_candidates if c.rule == "gazetteer"]
    assert hits and all(c.known for c in hits)
    assert {(doc.text[c.start : c.end], c.label, c.canonical) for c in hits} == {
        ("云闪付APP", "PRODUCT", "云闪付"),
        ("宁德", "LOC", "宁德"),
    }


def test_longest_match_wins_over_the_names_inside_it(nlp: Language) -> None:
    hits = gazetteer_hits(nlp, "中国农业银行发布公告。")
    assert hits == [("中国农业银行", "ORG", "中国农业银行")]  # not 农业银行, nor 中国 the country


@pytest.mark.parametrize("text", ["XICBCY公司发布公告。", "ICBCX发布公告。", "XICBC发布公告。", "ICBC2发布公告。"])
def test_latin_names_do_not_match_inside_longer_latin_words(nlp: Language, text: str) -> None:
    assert "ICBC" in dict(known_surface_forms())
    assert [h for h in gazetteer_hits(nlp, text) if h[0] == "ICBC"] == []


@pytest.mark.parametrize("text", ["ICBC与UnionPay合作。", "工行（ICBC）发布公告。", "据ICBC消息"])
def test_latin_names_match_as_whole_words(nlp: Language, text: str) -> None:
    assert ("ICBC", "ORG", "中国工商银行") in gazetteer_hits(nlp, text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("宁德时代发布新电池。", "宁德"),  # 宁德时代 is a known company: its name is not the city
        ("孙中山先生的故居对外开放。", "中山"),  # 中山 is a city, 孙中山 a person
        ("长白山景区接入云闪付。", "白山"),  # 白山 is a city, 长白山 a mountain
    ],
)
def test_two_character_places_inside_another_word_are_not_matched(nlp: Language, text: str, place: str) -> None:
    assert dict(known_surface_forms())[place].type == "LOC"
    assert [h for h in gazetteer_hits(nlp, text) if h[0] == place] == []
    assert place not in {e.text for e in nlp(text).ents}


@pytest.mark.parametrize(("text", "place"), [("新工厂位于宁德。", "宁德"), ("中山的商户接入云闪付。", "中山")])
def test_two_character_places_standing_alone_are_matched(nlp: Language, text: str, place: str) -> None:
    assert (place, "LOC", place) in gazetteer_hits(nlp, text)


def test_the_known_company_is_matched_where_the_place_is_not(nlp: Language) -> None:
    assert gazetteer_hits(nlp, "宁德时代发布新电池。") == [("宁德时代", "ORG", "宁德时代")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("清华大学与北大联合发布报告。", {("清华大学", "清华大学"), ("北大", "北京大学")}),
        ("中科院和信通院发布白皮书。", {("中科院", "中国科学院"), ("信通院", "中国信息通信研究院")}),
        ("梅赛德斯-奔驰在北京发布新车。", {("梅赛德斯-奔驰", "梅赛德斯-奔驰")}),
        ("乘联会数据显示，比亚迪销量领先。", {("乘联会", "乘用车市场信息联席会"), ("比亚迪", "比亚迪")}),
    ],
)
def test_known_companies_and_universities_by_short_name(nlp: Language, text: str, names: set) -> None:
    hits = {(surface, canonical) for surface, label, canonical in gazetteer_hits(nlp, text) if label == "ORG"}
    assert names <= hits


@pytest.mark.parametrize(
    ("text", "not_an_org"),
    [
        ("骏马在草原上奔驰。", "奔驰"),  # the verb "to gallop"
        ("寒武纪的海洋里生活着三叶虫。", "寒武纪"),  # the geological period
        ("京东方面表示，将加大投入。", "京东方"),  # 京东 + 方面 ("JD said")
        ("北大西洋的渔业资源正在恢复。", "北大"),
        ("物价涨幅回落，高通胀压力缓解。", "高通"),
    ],
)
def test_common_words_inside_text_are_no_known_company(nlp: Language, text: str, not_an_org: str) -> None:
    doc = nlp(text)
    assert not [e for e in doc.ents if e.label_ == "ORG" and not_an_org in e.text and e.text != "京东"]


@pytest.mark.parametrize(("text", "city"), [("货轮从卡拉奇起航。", "卡拉奇"), ("论坛在达沃斯举行。", "达沃斯")])
def test_cities_abroad_are_places(nlp: Language, text: str, city: str) -> None:
    assert (city, "LOC") in {(e.text, e.label_) for e in nlp(text).ents}


def test_a_word_that_is_also_a_city_abroad_stays_a_word(nlp: Language) -> None:
    """汉堡 (Hamburg, and a hamburger) is left out of the gazetteer."""
    assert not nlp("他午饭吃了一个汉堡。").ents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中央军委和中央纪委近日联合印发通知。", [("中央军委", "中央军事委员会"), ("中央纪委", "中央纪律检查委员会")]),
        (
            "经合组织（OECD）下调了增速预期，欧佩克宣布减产。",
            [("经合组织", "经济合作与发展组织"), ("OECD", "经济合作与发展组织"), ("欧佩克", "石油输出国组织")],
        ),
        (
            "国际奥委会与联合国粮农组织签署备忘录。",
            [("国际奥委会", "国际奥林匹克委员会"), ("联合国粮农组织", "联合国粮食及农业组织")],
        ),
    ],
)
def test_central_and_international_bodies_are_known_by_their_short_names(nlp: Language, text: str, expected) -> None:
    """The known bodies are a class (the Party's and the state's central commissions, international organizations),
    not the names one article used: their short forms resolve to the full name."""
    assert [(e.text, e.kb_id_) for e in nlp(text).ents] == expected


def test_a_known_latin_acronym_inside_a_longer_word_is_no_name(nlp: Language) -> None:
    assert gazetteer_hits(nlp, "OPECPLUS和WHOLESALE不是机构。") == []


@pytest.mark.parametrize(
    ("text", "short", "canonical"),
    [
        ("近日，发改委、财政部联合下发通知。", "发改委", "国家发展和改革委员会"),
        ("卫健委今天通报了最新情况。", "卫健委", "国家卫生健康委员会"),
        ("网信办就这一规定公开征求意见。", "网信办", "国家互联网信息办公室"),
        ("证券业协会今天发布了自律规则。", "证券业协会", "中国证券业协会"),  # 中国 dropped as 国家 is
    ],
)
def test_a_national_body_named_without_its_national_prefix_is_the_national_body(
    nlp: Language, text: str, short: str, canonical: str
) -> None:
    assert (short, canonical) in {(e.text, e.kb_id_) for e in nlp(text).ents}


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("深圳市发改委今天发布通知。", "深圳市发改委"),  # a place before it: the local commission, named whole
        ("广东省发改委今天发布通知。", "广东省发改委"),
    ],
)
def test_a_short_form_after_a_place_is_the_local_body(nlp: Language, text: str, local: str) -> None:
    ents = {(e.text, e.kb_id_) for e in nlp(text).ents}
    assert local in {name for name, _ in ents}
    assert not any(kb == "国家发展和改革委员会" for _, kb in ents)


@pytest.mark.parametrize("text", ["省发改委今天发布通知。", "安排开行跨铁路局的直达货物列车。"])
def test_a_short_form_after_a_level_or_across_is_no_national_body(nlp: Language, text: str) -> None:
    assert not [c for c in nlp(text)._.kg_candidates if c.rule == "gazetteer"]


def test_the_partys_central_committee_by_its_short_name_is_the_known_one(nlp) -> None:
    doc = nlp("以习近平同志为核心的党中央作出重大决策。")
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "ORG"] == [("党中央", "中共中央")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("老挝公安部在万象启动专项行动。", "老挝公安部"),
        ("缅甸商务部发布公告。", "缅甸商务部"),
    ],
)
def test_a_foreign_countrys_ministry_is_its_own_not_the_chinese_one(nlp, text: str, name: str) -> None:
    doc = nlp(text)
    found = [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "ORG"]
    assert found == [(name, name)]


def test_a_ministry_alone_or_after_china_is_the_known_one(nlp) -> None:
    for text in ("公安部发布通知。", "中国公安部发布通知。"):
        assert [e.kb_id_ for e in nlp(text).ents if e.label_ == "ORG"] == ["公安部"]


@pytest.mark.parametrize(
    ("text", "surface", "known"),
    [
        ("北约继续东扩。", "北约", "北大西洋公约组织"),
        ("记者从APEC高官会上获悉。", "APEC", "亚太经济合作组织"),
        ("国新办今天举行新闻发布会。", "国新办", "国务院新闻办公室"),
        ("国家卫生健康委发布通知。", "国家卫生健康委", "国家卫生健康委员会"),
    ],
)
def test_international_and_national_bodies_by_their_short_names(nlp, text: str, surface: str, known: str) -> None:
    assert (surface, known) in [(e.text, e.kb_id_) for e in nlp(text).ents]


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("美银美林调查显示，多数基金经理看多。", "美银美林"),
        ("据路透社报道，星河科技股价下跌。", "路透社"),
        ("彭博指出，美股将继续上涨。", "彭博社"),
        ("黑石以50亿美元收购一家物流公司。", "黑石集团"),
    ],
)
def test_foreign_banks_and_news_agencies_are_known(nlp, text: str, known: str) -> None:
    assert known in [e.kb_id_ for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "county"),
    [("游客从海南琼海出发。", "琼海"), ("在杭州临安，竹笋正在热销。", "临安"), ("北京延庆的赛区已经完工。", "延庆")],
)
def test_a_countys_short_name_after_its_province_or_city_is_the_place(nlp, text: str, county: str) -> None:
    assert (county, "LOC") in [(e.text, e.label_) for e in nlp(text).ents]


@pytest.mark.parametrize("text", ["股指突破3000点大关。", "这座古城焕发新生。", "游客从琼海出发。"])
def test_a_countys_short_name_alone_is_a_word(nlp, text: str) -> None:
    assert not [e for e in nlp(text).ents if e.label_ == "LOC"]


def test_a_countys_short_name_hides_no_longer_name(nlp) -> None:
    """资中 and 望江 are counties; 投资中国 and 希望江苏 name China and Jiangsu."""
    assert [e.text for e in nlp("欢迎投资中国，希望江苏加快发展。").ents] == ["中国", "江苏"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("联合国呼吁加沙地带停火。", "加沙地带"),
        ("英格兰地区解除了管控措施。", "英格兰"),
        ("黑海粮食外运协议延期。", "黑海"),
        ("哈尔科夫遭到袭击。", "哈尔科夫"),
        ("巴勒斯坦总统表示。", "巴勒斯坦"),
    ],
)
def test_regions_seas_and_cities_abroad_that_news_names(nlp, text: str, place: str) -> None:
    assert (place, "LOC") in [(e.text, e.label_) for e in nlp(text).ents]
