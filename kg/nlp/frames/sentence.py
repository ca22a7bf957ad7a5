"""What role filling reads of one sentence, and how it fills the roles the sentence leaves out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.nlp.frames.clauses import Clause, Shape
from kg.nlp.frames.groups import Group
from kg.nlp.frames.lexicon import Lexicon
from kg.nlp.frames.predicates import Trigger
from kg.nlp.frames.table import Frame, role_types
from kg.nlp.mentions import Mention

PUNCTUATION = re.compile(r"[，,；;：:。！？!?、（）()]")
MAX_NOUN_MODIFIER = 4  # characters between a list and the noun that closes it (A、B等两家子公司), or 的 and a noun
SUBJECT_ADVERBS = "也还均都将已并又亦仍正式即就"  # between a member and its copula: A也是X的N, A将成为X的N

Recent = Callable[[frozenset[str], set[str], int], Mention | None]


@dataclass(slots=True)
class Sentence:
    """What role filling reads of one sentence."""

    text: str
    start: int
    end: int
    mentions: list[Mention]
    groups: list[Group]
    clauses: list[Clause]
    shape: Shape
    lexicon: Lexicon
    triggers: list[Trigger]
    topic: Mention | None  # the organization the text is about, when this paragraph named it
    recent: Recent  # the nearest entity of some types named before an offset, in this sentence or the last few
    focus: dict[str, Mention]  # relation -> the tail it had last, in this sentence or one of the last few
    heads: dict[str, set[str]] = field(default_factory=dict)  # relation -> its heads in the last few sentences
    used: set[int] = field(default_factory=set)  # starts of mentions with a role in a frame read before
    named: dict[str, Mention] = field(default_factory=dict)  # relation -> the tail this sentence's frames had
    named_heads: dict[str, set[str]] = field(default_factory=dict)  # relation -> the heads this sentence's frames had
    party: list[Mention] = field(default_factory=list)  # the organizations of the last joint act of the sentence

    def remember(self, frame: Frame) -> None:
        """A frame read: the entities acting in it are taken (a patient may still be what the next frame is about:
        创立品牌A，……投资方为B), and the tail of each link is in focus for the link's relation."""
        self.used.update(m.start for role, members in frame.roles.items() if role != "patient" for m in members)
        for link in frame.entry.links:
            tails = frame.members(link.tail)
            if tails:
                self.named[link.relation] = tails[-1]
            if tails or link.tail in frame.entry.implicit:  # a holder, whether or not the text names the held
                self.named_heads.setdefault(link.relation, set()).update(m.name for m in frame.members(link.head))
        pairs = frame.pairs("party", "party")
        if len(pairs) == 1:  # 双方 in the next sentences: the two of a joint act
            self.party = [*pairs[0]]

    def clause_at(self, pos: int) -> Clause:
        return next((c for c in self.clauses if c.start <= pos <= c.end), self.clauses[-1])

    def implicit(self, types: frozenset[str], taken: set[str], before: int, relations: list[str]) -> Mention | None:
        """An entity for a role the sentence leaves out. An organization is the nearest one before the predicate
        that acts in no other frame and modifies no other noun (创立品牌A，完成融资，投资方为B: A), or the one
        last in that role of the relation in this paragraph (X的股东……A持股: X), or the topic. Anything else (a
        programme, a product, a place) is the nearest of its type, here or in the sentences just before.

        An organization that was lately a head of the relation is never its tail by default: of a list of
        shareholders (股东包括A、B……A持股x%，B持股y%), one holder is not what the next one holds."""
        if "ORG" not in types:
            return self.recent(types, taken, before)
        for relation in relations:
            taken = taken | self.heads.get(relation, set()) | self.named_heads.get(relation, set())
        for m in reversed(self.mentions):
            if m.end > before or m.label != "ORG" or m.name in taken or m.start in self.used:
                continue
            if not self.shape.modifies_noun(m):
                return m
        for relation in relations:
            held = self.named.get(relation) or self.focus.get(relation)
            if held is not None and held.label in types and held.name not in taken:
                return held
        topic = self.topic
        return topic if topic is not None and topic.name not in taken else None

    def fill_implicit(self, frame: Frame, role: str, clause: Clause) -> None:
        """Fill a role the sentence leaves out: with the clause's subject, for an agent also the subject the
        clauses before had; for any other role, with what `implicit` finds."""
        taken = {m.name for ms in frame.roles.values() for m in ms}
        types = role_types(frame.entry, role)
        relations = [link.relation for link in frame.entry.links if link.tail == role]
        holders = {name for relation in relations for name in self.named_heads.get(relation, ())}
        subjects = [(clause.subject, clause.carried)]  # with whether it is an earlier sentence's
        if role == "agent" and clause.subject is not None and clause.subject.members == frame.roles.get("patient"):
            subjects.append((clause.kept, clause.kept_carried))  # 追光成立于2020年，第一款产品Nano于2021年上市: 追光
        if role == "agent" and any(m.end <= frame.start for m in frame.roles.get("patient", ())):
            # 沪港通的推出，……, 改革方案尽数出台: what was launched opens the clause and no one is said to act; the
            # subject of an earlier sentence is no agent of it
            subjects = [(s, earlier) for s, earlier in subjects if not earlier]
        for subject, _ in subjects:
            if (
                subject is not None
                and all(m.name not in taken and m.name not in holders for m in subject.members)
                and any(m.label in types for m in subject.members)
            ):
                frame.fill(role, subject.members, implicit=clause.carried or subject is clause.kept)
                return
        if role == "agent":
            return  # an agent is the subject or no one
        found = self.implicit(types, taken, frame.start, relations)
        if found is not None:
            frame.fill(role, [found], implicit=True)


def modifier_gap(text: str, start: int, end: int, limit: int) -> bool:
    return 0 <= end - start <= limit and not PUNCTUATION.search(text, start, end)
