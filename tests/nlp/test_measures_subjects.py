"""kg.nlp.measures.subjects and .tokens: the mentions of a sentence and its tokens, read from a Doc whose entities
are set by hand, so that what is tested is this code and not the recognizer."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from kg.nlp.entities import EntityInfo
from kg.nlp.measures.subjects import Mentions
from kg.nlp.measures.tokens import SentenceTokens
from kg.nlp.text import sentence_bounds


def doc_with(words: list[str], ents: list[tuple[int, int, str, str]], infos: dict[str, EntityInfo]) -> Doc:
    doc = Doc(spacy.blank("zh").vocab, words=words, spaces=[False] * len(words))
    doc.set_ents([Span(doc, i, j, label=label, kb_id=name) for i, j, label, name in ents])
    doc._.kg_entities = infos
    return doc


WORDS = [
    "星辰科技有限公司",
    "营收",
    "12亿元",
    "。",
    "星辰科技",
    "员工",
    "300",
    "人",
    "，",
    "星辰",
    "科技园",
    "占地",
    "5",
    "亩",
    "。",
]
INFOS = {"星辰科技有限公司": EntityInfo("星辰科技有限公司", "ORG", {"星辰科技"})}


def test_a_name_missed_in_one_sentence_is_found_there_by_its_alias() -> None:
    doc = doc_with(WORDS, [(0, 1, "ORG", "星辰科技有限公司")], INFOS)
    text = doc.text
    mentions = Mentions(doc, text)
    first, second = sentence_bounds(text)
    assert [(m.start, m.label) for m in mentions.within(*first)] == [(0, "星辰科技有限公司")]
    found = mentions.within(*second)
    # the alias where it stands alone, and inside the longer word 星辰科技园 too: a name is found on characters
    assert [(text[m.start : m.end], m.label, m.type) for m in found] == [
        ("星辰科技", "星辰科技有限公司", "ORG"),
        ("星辰科技", "星辰科技有限公司", "ORG"),
    ]


def test_the_longest_name_wins_and_a_recognized_entity_is_kept() -> None:
    infos = {
        "星辰科技有限公司": EntityInfo("星辰科技有限公司", "ORG", {"星辰科技"}),
        "星辰": EntityInfo("星辰", "PRODUCT"),
    }
    doc = doc_with(WORDS, [(4, 5, "ORG", "星辰科技有限公司")], infos)
    text = doc.text
    found = Mentions(doc, text).within(0, len(text))
    assert [(m.start, m.end, m.type) for m in found] == [(0, 8, "ORG"), (15, 19, "ORG"), (26, 30, "ORG")]
    assert not Mentions(doc_with(["营收", "12亿元"], [], {}), "营收12亿元")


def test_the_tokens_of_a_sentence_keep_the_offsets_of_the_doc() -> None:
    doc = doc_with(WORDS, [(0, 1, "ORG", "星辰科技有限公司")], INFOS)
    text = doc.text
    _, (start, end) = sentence_bounds(text)
    view = SentenceTokens(doc, text).view(start, end)
    i = view.index_at(start)
    assert view.words[i] == "星辰科技" and view.starts[i] == start
    j = view.index_at(text.index("300"))
    assert (view.words[j], view.starts[j], view.ends[j]) == ("300", text.index("300"), text.index("300") + 3)
    assert view.words[-1] == "。" and view.ends[-1] == end
