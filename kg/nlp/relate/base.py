"""The public types of the relation layer: what a rule reads (mentions, a sentence, the passage) and what it finds
(RelationHit), and the rows of the rule table.

A rule family of its own (the frame layer, say) needs only `Mention` and `RelationHit`, which live in
`kg.nlp.mentions` so that it can import them without importing this package: it reads the text, the sentence
bounds and the mentions, and returns hits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.nlp.mentions import Mention, RelationHit


@dataclass(frozen=True, slots=True)
class Assertion:
    """What a rule asserts when it fires: a relation with a confidence, under the rule's name unless `rule` gives
    another (a row whose one pass states two kinds of fact names each)."""

    relation: str
    confidence: float
    rule: str | None = None


@dataclass(slots=True)
class Passage:
    """A Doc as the relation rules read it: its text, sentences and mentions, the hits found so far (rules that
    build on other rules read them), and what a sentence leaves for the next ones."""

    text: str
    bounds: list[tuple[int, int]]
    mentions: list[Mention]
    org_aliases: dict[str, str]  # every alias of an organization of the Doc → its canonical name
    hits: list[RelationHit] = field(default_factory=list)
    held: str | None = None  # the company whose shareholders a sentence listed: 持股 later speaks of it


@dataclass(slots=True)
class Sentence:
    """One sentence and its mentions; `topic` is the organization an earlier sentence of the paragraph was about."""

    passage: Passage
    text: str
    start: int
    end: int
    mentions: list[Mention]
    orgs: list[Mention]
    topic: str | None
    year: int | None

    def add(self, rule: SentenceRule, assertion: Assertion, head: str, tail: str) -> None:
        """Record that a rule asserts a relation between two names (never between a name and itself)."""
        if head != tail:
            hit = RelationHit(
                head,
                assertion.relation,
                tail,
                self.start,
                self.end,
                self.year,
                assertion.confidence,
                assertion.rule or rule.name,
            )
            self.passage.hits.append(hit)


def has_org(sentence: Sentence) -> bool:
    return bool(sentence.orgs)


def has_org_or_topic(sentence: Sentence) -> bool:
    return bool(sentence.orgs or sentence.topic)


def has_two_mentions(sentence: Sentence) -> bool:
    return len(sentence.mentions) >= 2


@dataclass(frozen=True, slots=True)
class SentenceRule:
    """A row of the sentence rules: `find(sentence, rule)` adds the rule's hits for one sentence, and runs only on the
    sentences that `applies` accepts (each family needs an organization, or two mentions …). `asserts` are the facts the
    rule can state, in the order its function reads them; `cue` is the trigger pattern of a function that serves
    several rows."""

    name: str
    find: Callable[[Sentence, SentenceRule], None]
    applies: Callable[[Sentence], bool]
    asserts: tuple[Assertion, ...]
    cue: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class DocumentRule:
    """A row of the rules that read the whole Doc once the sentence rules are done: `find(passage, rule)` returns
    its hits (relations a name states by itself, relations built on other rules' hits)."""

    name: str
    find: Callable[[Passage, DocumentRule], list[RelationHit]]
    asserts: tuple[Assertion, ...]
