"""kg/nlp/relate/located.py: located_in, by a location verb or a country and a class before a name."""

from __future__ import annotations

from spacy.language import Language

from .related import of_relation, triples


def test_a_location_verb_locates_the_organization(nlp: Language) -> None:
    assert of_relation(nlp, "银联商务总部位于上海。", "located_in") == {("银联商务", "located_in", "上海")}
    assert of_relation(nlp, "银联商务的客户遍布上海。", "located_in") == set()


def test_a_country_and_a_class_before_a_name_locate_it(nlp: Language) -> None:
    text = "星河物流与韩国最大电商企业Coupang签订合同。"
    assert ("Coupang", "located_in", "韩国") in triples(nlp, text)
    assert of_relation(nlp, "星河物流与Coupang签订合同。", "located_in") == set()
