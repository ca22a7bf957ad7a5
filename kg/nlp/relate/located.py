"""located_in stated by the sentence: X位于Y, and a country and a class right before a name (韩国最大电商企业X)."""

from __future__ import annotations

import re

from kg.nlp.known import known_places
from kg.nlp.relate.base import DocumentRule, Passage, RelationHit, Sentence, SentenceRule
from kg.nlp.relate.clauses import hit_in_sentence, separated

_LOCATED = re.compile(r"(?:总部)?位于|坐落于|地处")
_PLACE_CLASS = re.compile(
    r"(?:最大的?|知名的?|头部|本土|领先的?)?(?:电商|零售商|公司|企业|平台|巨头|运营商|银行|集团)(?:企业|公司|平台|巨头)?"
)


def located_verb(sentence: Sentence, rule: SentenceRule) -> None:
    """X位于/坐落于/地处Y: the last organization or initiative of the clause before the verb is in the first place
    after it."""
    text, ents = sentence.text, sentence.mentions
    (located,) = rule.asserts
    for m in _LOCATED.finditer(text, sentence.start, sentence.end):
        left = [x for x in ents if x.end <= m.start() and x.label in {"ORG", "INITIATIVE"}]
        right = [x for x in ents if x.start >= m.end() and x.label == "LOC"]
        if left and right and not separated(text, left[-1].end, m.start()):
            sentence.add(rule, located, left[-1].name, right[0].name)


def place_class(passage: Passage, rule: DocumentRule) -> list[RelationHit]:
    """韩国最大电商企业Coupang, 巴基斯坦电商Daraz: a country and a class right before a name locate it."""
    text, places = passage.text, known_places()
    (located,) = rule.asserts
    out = []
    for x in passage.mentions:
        if x.label != "ORG":
            continue
        m = _PLACE_CLASS.search(text, max(0, x.start - 12), x.start)
        if m is None or m.end() != x.start:
            continue
        before = text[max(0, m.start() - 8) : m.start()]
        names = (before[k:] for k in range(len(before) - 1))  # the place ends where the class words begin
        place = next((places[n] for n in names if n in places), None)
        if place is not None and place.level == "country":
            out.append(hit_in_sentence(passage, rule, located, x.name, place.label, x.start))
    return out
