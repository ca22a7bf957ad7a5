"""The public types of the relation layer: what a rule reads (the passage: text, sentences, mentions, words) and
what it finds (RelationHit), and the rows of the rule table.

A rule family of its own (the frame layer, say) needs only `Mention` and `RelationHit`, which live in
`kg.nlp.mentions` so that it can import them without importing this package: it reads the text, the sentence
bounds and the mentions, and returns hits.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.nlp.mentions import Mention, RelationHit
from kg.nlp.text import YEAR, TokenView


@dataclass(frozen=True, slots=True)
class Assertion:
    """What a rule asserts when it fires: a relation with a confidence, under the rule's name unless `rule` gives
    another (a row whose one pass states two kinds of fact names each)."""

    relation: str
    confidence: float
    rule: str | None = None


@dataclass(slots=True)
class Passage:
    """A Doc as the relation rules read it: its text, sentences, mentions and jieba words, and the hits found so far
    (rules that build on other rules read them)."""

    text: str
    bounds: list[tuple[int, int]]
    mentions: list[Mention]
    org_names: dict[str, str]  # every name and alias of an organization of the Doc → its canonical name
    words: TokenView  # the segmenter's own words and tags, not cut at the entities' edges
    hits: list[RelationHit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DocumentRule:
    """A row of the rule table: `find(passage, rule)` reads the whole Doc and returns its hits. `asserts` are the
    facts the rule can state, in the order its function reads them; a rule whose facts are data of its own (the
    frame lexicon) asserts none here."""

    name: str
    find: Callable[[Passage, DocumentRule], list[RelationHit]]
    asserts: tuple[Assertion, ...]


def sentence_at(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence around a character offset (bounds are sorted and disjoint)."""
    i = bisect_right(bounds, (pos, float("inf"))) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return bounds[i]
    return (pos, pos)


def hit_in_sentence(
    passage: Passage, rule: DocumentRule, assertion: Assertion, head: str, tail: str, pos: int
) -> RelationHit:
    """A hit of a rule, placed in the sentence around a character offset, with the year that sentence names."""
    s, e = sentence_at(passage.bounds, pos)
    named = YEAR.search(passage.text, s, e)
    year = int(named.group(1)) if named else None
    return RelationHit(head, assertion.relation, tail, s, e, year, assertion.confidence, assertion.rule or rule.name)
