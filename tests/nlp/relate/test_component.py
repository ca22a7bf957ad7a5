"""kg/nlp/relate/component.py: the rule table as a whole (omitted subjects, years, confidences, domain and range)."""

from __future__ import annotations

from spacy.language import Language

from kg.ontology import load_ontology

from .related import hits, of_relation


def test_an_omitted_subject_is_the_topic_of_the_paragraph(nlp: Language) -> None:
    text = "中国银联于2019年推出云闪付APP。同时，发行乡村振兴主题卡。"
    found = [h for h in hits(nlp, text) if h.relation == "launched"]
    by_tail = {h.tail: h for h in found}
    assert set(by_tail) == {"云闪付", "乡村振兴主题卡"}
    assert by_tail["乡村振兴主题卡"].head == "中国银联"
    assert by_tail["乡村振兴主题卡"].confidence < by_tail["云闪付"].confidence  # a guess is worth less


def test_an_omitted_subject_does_not_cross_a_paragraph(nlp: Language) -> None:
    found = of_relation(nlp, "中国银联于2019年推出云闪付APP。\n同时，发行乡村振兴主题卡。", "launched")
    assert found == {("中国银联", "launched", "云闪付")}


def test_the_year_of_the_sentence_goes_on_the_relation(nlp: Language) -> None:
    found = {
        h.tail: h.year
        for h in hits(nlp, "中国银联于2019年推出云闪付APP。华为推出手机闪付。")
        if h.relation == "launched"
    }
    assert found == {"云闪付": 2019, "手机闪付": None}


SENTENCES = (
    "中国银联携手华为推出手机闪付。哈尔滨松雷商场接入云闪付。\n"
    "中国银联、中国农业银行出资设立星河金融科技有限公司。中国银联旗下的银联商务推出收银台。\n"
    "云闪付在黑龙江、吉林落地。依托云闪付上线乡村振兴专区。华为发布华为钱包。\n"
    "中国人民银行指导中国银联开展工作。银联商务总部位于上海。中国银联负责运营云闪付。\n"
    "中国银联于2019年推出云闪付APP。同时，发行乡村振兴主题卡。"
)


def test_every_relation_has_a_confidence_and_a_rule(nlp: Language) -> None:
    found = hits(nlp, SENTENCES)
    assert len({h.relation for h in found}) >= 8
    for h in found:
        assert 0 < h.confidence <= 1 and h.rule
        assert SENTENCES[h.sent_start : h.sent_end].strip() == SENTENCES[h.sent_start : h.sent_end]


def test_relations_respect_the_domain_and_range_of_the_ontology(nlp: Language) -> None:
    relations = load_ontology().relations
    doc = nlp(SENTENCES)
    types = {label: info.type for label, info in doc._.kg_entities.items()}
    for h in doc._.kg_relations:
        spec = relations[h.relation]
        assert h.head in types and h.tail in types, h
        assert not spec.domain or types[h.head] in spec.domain, h
        assert not spec.range or types[h.tail] in spec.range, h


def test_one_hit_per_fact_and_sentence(nlp: Language) -> None:
    found = hits(nlp, SENTENCES)
    keys = [(h.head, h.relation, h.tail, h.sent_start) for h in found]
    assert len(keys) == len(set(keys))
