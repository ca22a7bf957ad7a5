"""kg/nlp/relate/names.py: relations a name states by itself (a place prefix, an owner prefix)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .related import hits, of_relation, triples


def test_a_place_prefix_locates_the_organization(nlp: Language) -> None:
    found = [h for h in hits(nlp, "哈尔滨松雷商场今年开业。") if h.relation == "located_in"]
    assert [(h.head, h.tail, h.rule) for h in found] == [("哈尔滨松雷商场", "哈尔滨", "place_prefix")]
    assert nlp("哈尔滨松雷商场今年开业。")._.kg_entities["哈尔滨"].type == "LOC"


@pytest.mark.parametrize("text", ["中国银联推出云闪付。", "中国农业银行推出助农取款业务。"])
def test_a_national_prefix_does_not_locate(nlp: Language, text: str) -> None:
    assert of_relation(nlp, text, "located_in") == set()
    assert "中国" not in nlp(text)._.kg_entities


def test_an_owner_prefix_means_the_owner_operates_the_product(nlp: Language) -> None:
    found = [h for h in hits(nlp, "华为发布华为钱包。") if h.relation == "operates"]
    assert [(h.head, h.tail, h.rule) for h in found] == [("华为", "华为钱包", "owner_prefix")]


def test_an_owner_prefix_given_by_an_alias(nlp: Language) -> None:
    assert ("中国银联", "operates", "银联二维码") in triples(nlp, "中国银联推出银联二维码。")


def test_a_known_organization_the_document_names_only_inside_a_product_owns_nothing(nlp: Language) -> None:
    doc = nlp("用户可在华为钱包中添加银行卡。")
    assert "华为钱包" in doc._.kg_entities
    assert not [h for h in doc._.kg_relations if h.relation == "operates"]
    assert "华为" not in doc._.kg_entities  # nor does it become an entity of the document


def test_names_own_relations_are_less_sure_than_a_sentence(nlp: Language) -> None:
    found = {h.rule: h.confidence for h in hits(nlp, "华为发布华为钱包。哈尔滨松雷商场今年开业。")}
    assert found["owner_prefix"] == 0.6 and found["place_prefix"] == 0.55
