"""A Doc's text as kg_measures reads it: its sentences, and what a sentence with a figure needs of them, read only
when such a sentence asks: the mentions, times, clauses and tokens of a sentence, the invested_in relations stated
in it, and the subject the sentences before it carry into it (星辰支付推出…。开通…；实现15个省市…: the subject the
last two sentences leave out is 星辰支付)."""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Doc

from kg.nlp.measures.figures import Figure
from kg.nlp.measures.subjects import (
    Mention,
    Mentions,
    clauses_of,
    first_content,
    opening_verb,
    place_of,
    predicate_at,
)
from kg.nlp.measures.times import find_times
from kg.nlp.measures.tokens import SentenceTokens
from kg.nlp.text import TokenView

MAX_CARRIED = 3  # sentences a subject is carried through when they leave it out


def _touches(text: str, figure: Figure, edges: set[int]) -> bool:
    after = figure.end + (text[figure.end : figure.end + 1] in "“「『的")
    return figure.start in edges or after in edges


class SentenceParts:
    """The mentions, times and clauses of one sentence, and its tokens, read when first asked for."""

    def __init__(self, passage: Passage, start: int, end: int) -> None:
        self.passage, self.start, self.end = passage, start, end
        self.mentions = passage.mentions_in(start, end)
        self.times = find_times(passage.text, start, end)
        self.clauses = clauses_of(passage.text, start, end, self.mentions, self.times)

    @cached_property
    def view(self) -> TokenView:
        return self.passage.tokens.view(self.start, self.end)

    def first_content(self) -> int:
        """What `first_content` finds, from the clauses already read (a time never crosses a clause break, so the
        sentence's times in a clause are the clause's own)."""
        return next((c.content for c in self.clauses if c.content < c.end), self.end)


class Passage:
    def __init__(self, doc: Doc, text: str, bounds: list[tuple[int, int]]) -> None:
        self.doc, self.text, self.bounds = doc, text, bounds
        self._mentions: Mentions | None = None
        self._tokens: SentenceTokens | None = None
        self._invested: dict[int, list] | None = None
        self._parts: dict[int, SentenceParts] = {}
        self._carried: dict[int, Mention | None] = {}
        self._verb: dict[int, bool] = {}
        self._within: dict[int, list[Mention]] = {}

    @property
    def mentions(self) -> Mentions:
        if self._mentions is None:
            self._mentions = Mentions(self.doc, self.text)
        return self._mentions

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        found = self._within.get(start)
        if found is None:
            found = self._within[start] = self.mentions.within(start, end)
        return found

    @property
    def tokens(self) -> SentenceTokens:
        if self._tokens is None:
            self._tokens = SentenceTokens(self.doc, self.text)
        return self._tokens

    def may_read(self, index: int) -> bool:
        """Whether a sentence may say whose its figures are, before they are read: it names an entity, or it leaves
        its subject out (a figure with no entity of its own sentence can only be the subject's the sentences before
        it carry)."""
        return bool(self.mentions_in(*self.bounds[index])) or (
            self.continues_paragraph(index) and self.opens_with_verb(index)
        )

    def readable(self, index: int, figures: list[Figure]) -> bool:
        """Whether a sentence can say whose its figures are, before its tokens are read: an entity opens one of its
        clauses, stands right before or after a figure (上海400家医院, 400万张X, 50亿元的X), or is the place the
        sentence is set in (在上海，…); or the sentence leaves its subject out and the sentences before carry one."""
        mentions = self.mentions_in(*self.bounds[index])
        if mentions:
            parts = self.parts(index)
            if any(c.subjects for c in parts.clauses) or place_of(self.text, parts.clauses, mentions):
                return True
            edges = {m.start for m in mentions} | {m.end for m in mentions}
            if any(_touches(self.text, f, edges) for f in figures):
                return True
        return self.opens_with_verb(index) and self.topic_before(index) is not None

    def continues_paragraph(self, index: int) -> bool:
        """Whether a sentence follows another in its paragraph: only then may it take its subject from before."""
        return index > 0 and "\n" not in self.text[self.bounds[index - 1][1] : self.bounds[index][0]]

    def opens_with_verb(self, index: int) -> bool:
        """Whether a sentence leaves its subject out: its first clause with content opens with a verb (read from
        that one token, without the sentence's mentions and clauses)."""
        verb = self._verb.get(index)
        if verb is None:
            parts = self._parts.get(index)
            content = parts.first_content() if parts is not None else first_content(self.text, *self.bounds[index])
            at, word, tag = self.tokens.token_at(content)
            verb = self._verb[index] = at == content and opening_verb(word, tag)
        return verb

    def invested(self, sentence_start: int) -> list:
        """The invested_in relations kg_relations found in the sentence that starts there."""
        if self._invested is None:
            self._invested = {}
            for r in self.doc._.kg_relations or ():
                if r.relation == "invested_in":
                    self._invested.setdefault(r.sent_start, []).append(r)
        return self._invested.get(sentence_start, [])

    def parts(self, index: int) -> SentenceParts:
        parts = self._parts.get(index)
        if parts is None:
            parts = self._parts[index] = SentenceParts(self, *self.bounds[index])
        return parts

    def topic_before(self, index: int, depth: int = MAX_CARRIED) -> Mention | None:
        """The subject the sentences before this one in its paragraph carry into it: the one entity that opens the
        first of their clauses to have a subject, through sentences that leave it out."""
        if depth == 0 or not self.continues_paragraph(index):
            return None
        if index - 1 not in self._carried:
            self._carried[index - 1] = self._carried_by(index - 1, depth)
        return self._carried[index - 1]

    def _carried_by(self, index: int, depth: int) -> Mention | None:
        parts = self.parts(index)
        subject = next((c for c in parts.clauses if c.subjects), None)
        if subject is not None:
            one = len(subject.subjects) == 1 and not subject.source
            return subject.subjects[0] if one and predicate_at(parts.view, subject.subject_end) else None
        if self.opens_with_verb(index):
            return self.topic_before(index, depth - 1)
        return None
