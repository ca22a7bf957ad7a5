"""What the text is about, sentence after sentence: the topic (the organization last in subject position), the
subject a sentence passes to the next one of its paragraph, the entities of the last few sentences (for a role a
sentence leaves out), the two organizations of the last joint act, and the anaphors that stand for them (该公司, 其,
a clause-initial 公司 for the topic; 双方 for the two)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable

from kg.nlp.frames.groups import Group
from kg.nlp.frames.lexicon import Lexicon
from kg.nlp.frames.words import Words
from kg.nlp.mentions import Mention

HISTORY_SENTENCES = 3  # how far back an omitted role is looked for
MAX_HEADING = 40  # characters of a heading line at most
SENTENCE_ENDS = frozenset("。！？!?；;…”’」』）)")
_CLAUSE_OPENERS = frozenset("，,；;：:。！？!?\n")
_LEADING_TAGS = ("d", "c", "t")  # adverbs, conjunctions, times before a clause-initial anaphor (not 一家 公司)


class Discourse:
    def __init__(self, lexicon: Lexicon, modifies_noun: Callable[[Mention], bool]) -> None:
        self.lexicon = lexicon
        self.modifies_noun = modifies_noun
        self._public_bodies = tuple(lexicon.public_bodies)  # what 该公司 never stands for
        self._officers = tuple(lexicon.officers)
        self._pattern = re.compile("|".join(sorted(map(re.escape, lexicon.anaphors), key=len, reverse=True)))
        self.topic: Mention | None = None
        self.party: list[Mention] = []  # the organizations of the last joint act (双方)
        self.carried: Group | None = None  # the subject of the previous sentence of the paragraph
        self.topic_here = False  # whether the topic was set in this paragraph
        self.focus: dict[str, Mention] = {}  # relation -> its last tail, while it is recent
        self._focus_age: dict[str, int] = {}  # relation -> sentences with entities since its tail was named
        self._dormant: dict[str, Mention] = {}  # relation -> the tail of the section before the last heading
        self._history: deque[list[Mention]] = deque(maxlen=HISTORY_SENTENCES)
        self._heads: deque[dict[str, set[str]]] = deque(maxlen=HISTORY_SENTENCES)  # per sentence with entities

    @property
    def heads(self) -> dict[str, set[str]]:
        """Relation -> the names that were its heads in the last few sentences."""
        merged: dict[str, set[str]] = {}
        for sentence in self._heads:
            for relation, names in sentence.items():
                merged.setdefault(relation, set()).update(names)
        return merged

    def new_paragraph(self, after_heading: bool = False) -> None:
        """A paragraph starts: the subject passes no further. After a heading a new section starts, and the tails
        of the last one are out of focus too (their relations are the section's, not the next one's), until the new
        section names them again."""
        self.carried = None
        self.topic_here = False
        if after_heading:
            self._dormant = dict(self.focus)
            self.focus.clear()
            self._focus_age.clear()

    def anaphors(self, text: str, start: int, end: int, mentions: list[Mention], words: Words | None) -> list[Mention]:
        """Mentions of what the text is about where the sentence says 该公司, 其, or starts a clause with 公司: an
        organization that opened an earlier clause of the sentence, or else the topic."""
        found = []
        for match in self._pattern.finditer(text, start, end):
            k, stop = match.span()
            where, what = self.lexicon.anaphors[match.group()]
            referents = (
                self.party if what == "party" else [self._referent(text, start, k, mentions, words, what == "company")]
            )
            if (
                all(r is not None for r in referents)
                and (words is None or (words.is_start(k) and words.is_end(stop)))
                and not any(m.start < stop and k < m.end for m in mentions)
                and (where == "any" or _opens_clause(text, k, start, words))
            ):
                found.extend(Mention(k, stop, r.label, r.name, match.group()) for r in referents if r is not None)
        return found

    def _referent(
        self, text: str, start: int, pos: int, mentions: list[Mention], words: Words | None, company: bool
    ) -> Mention | None:
        """The organization an anaphor stands for; 该公司 and its like stand for no public body (a commission that
        opened the text is not the company a later sentence talks about)."""
        bodies = self._public_bodies if company else ()
        opening = [
            m
            for m in mentions
            if m.end <= pos
            and m.label == "ORG"
            and _opens_clause(text, m.start, start, words)
            # 《某报》记者……公司: the paper is no company of the clause; 星河科技董事长张伟表示，公司……: the
            # chairman's company is
            and (not self.modifies_noun(m) or text.startswith(self._officers, m.end))
            and not (bodies and m.name.endswith(bodies))
        ]
        if opening:
            return opening[-1]
        if self.topic is not None and bodies and self.topic.name.endswith(bodies):
            return None
        return self.topic

    def recent(self, mentions: list[Mention]) -> Callable[[frozenset[str], set[str], int], Mention | None]:
        """The nearest entity of some types before an offset of this sentence (whose mentions are given), or in
        the few sentences before it."""

        def find(types: frozenset[str], taken: set[str], before: int) -> Mention | None:
            candidates = [m for m in reversed(mentions) if m.end <= before]
            for sentence in reversed(self._history):
                candidates.extend(reversed(sentence))
            return next((m for m in candidates if m.label in types and m.name not in taken), None)

        return find

    def close_sentence(
        self,
        mentions: list[Mention],
        subject: Group | None,
        focus: dict[str, Mention],
        party: list[Mention],
        heads: dict[str, set[str]],
    ) -> None:
        """Remember a sentence: its entities, its subject, the tails its frames had (`focus`, relation -> tail) and
        their heads; a tail no frame had for HISTORY_SENTENCES sentences with entities is out of focus, and one a
        heading put out of focus is back when a sentence names it again."""
        if party:
            self.party = party
        if mentions:
            self._history.append(mentions)
            self._heads.append(heads)
            for relation in [r for r in self.focus if r not in focus]:
                self._focus_age[relation] += 1
                if self._focus_age[relation] > HISTORY_SENTENCES:
                    del self.focus[relation], self._focus_age[relation]
        for relation, tail in focus.items():
            self.focus[relation], self._focus_age[relation] = tail, 0
            self._dormant.pop(relation, None)
        named = {m.name for m in mentions}
        for relation in [r for r, tail in self._dormant.items() if tail.name in named]:
            # 二、股权结构\nX注册资金为…: a tail of the section before, named again after the heading, is back in focus
            self.focus[relation], self._focus_age[relation] = self._dormant.pop(relation), 0
        if subject is not None:
            self.carried = subject
            organization = next((m for m in subject.members if m.label == "ORG"), None)
            if organization is not None:
                self.topic = organization
                self.topic_here = True


def after_heading(text: str, start: int) -> bool:
    """Whether the line before a position is a heading: short, and without the punctuation that ends a sentence
    (二、合作进展, 02 二次创业，A又投了)."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    window = max(0, end - MAX_HEADING - 1)
    newline = text.rfind("\n", window, end)
    if newline < 0 and window > 0:
        return False  # a line longer than any heading
    line = text[newline + 1 : end].strip()
    return 0 < len(line) <= MAX_HEADING and line[-1] not in SENTENCE_ENDS


def _opens_clause(text: str, k: int, start: int, words: Words | None) -> bool:
    """Whether only adverbs, conjunctions or times stand between a clause break and position k."""
    j = k
    while j > start and text[j - 1] not in _CLAUSE_OPENERS:
        j -= 1
    if j == k or text[j:k].strip() == "":
        return True
    if words is None:
        return False
    return all(not text[s:e].strip() or tag.startswith(_LEADING_TAGS) for s, e, tag in words.between(j, k))
