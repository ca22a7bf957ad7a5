"""Frames → relations, by the lexicon's links (role pair → relation) and the ontology's domain and range: one table
for every phrasing of the same fact (active, passive, relative clause, relational noun)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from kg.nlp.frames.lexicon import Entry, load_lexicon
from kg.nlp.mentions import Mention, RelationHit
from kg.ontology import load_ontology

IMPLICIT_PENALTY = 0.15  # a role filled from the discourse, not from the sentence, is less certain


@dataclass(slots=True)
class Frame:
    """A predicate with its roles filled by entity mentions."""

    entry: Entry
    start: int
    end: int
    roles: dict[str, list[Mention]] = field(default_factory=dict)
    implicit: set[str] = field(default_factory=set)  # roles filled from the discourse
    joint: bool = False  # the agents act together (a joint predicate, 共同, 与B): they are one party
    separately: bool = False  # each agent acts on its own (纷纷, 先后): a party of two, the agent and a partner
    hoped: bool = False  # the act is wished for, not done (看好A和B合作): it makes no partners

    def fill(self, role: str, mentions: list[Mention], *, implicit: bool = False) -> None:
        if mentions:
            self.roles.setdefault(role, []).extend(mentions)
            if implicit:
                self.implicit.add(role)

    def members(self, role: str) -> list[Mention]:
        return self.roles.get(role, [])

    def pairs(self, head: str, tail: str) -> list[tuple[Mention, Mention]]:
        """The (head, tail) members a link relates: every head with every tail, or for a role linked to itself
        every pair of its members. The party of a joint act is the agent with each partner, and, unless they acted
        each on their own (先后与A、B合作), the agents among themselves and the partners among themselves; partners of
        an agent the sentence leaves out (加强与A、B的合作) are not partners of each other."""
        if head != tail:
            return [(h, t) for h in self.members(head) for t in self.members(tail)]
        if head != "party":
            members = self.members(head)
            return [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
        if not self.joint or "agent" in self.implicit:
            return []
        agents, partners = self.members("agent"), self.members("partner")
        pairs = [(a, p) for a in agents for p in partners]
        if not self.separately:
            pairs += [(a, b) for i, a in enumerate(agents) for b in agents[i + 1 :]]
            if agents:
                pairs += [(a, b) for i, a in enumerate(partners) for b in partners[i + 1 :]]
        return pairs


@cache
def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """relation -> (the types its head may have, the types its tail may have), from the ontology."""
    return {code: (frozenset(r.domain), frozenset(r.range)) for code, r in load_ontology().relations.items()}


def role_types(entry: Entry, role: str) -> frozenset[str]:
    """The entity types a role of a frame can have in at least one of its links."""
    sig = signatures()
    types: set[str] = set()
    for link in entry.links:
        domain, range_ = sig.get(link.relation, (frozenset(), frozenset()))
        if link.head == role or (role in ("agent", "partner") and link.head == "party"):
            types |= {link.head_type} if link.head_type else domain
        if link.tail == role or (role in ("agent", "partner") and link.tail == "party"):
            types |= {link.tail_type} if link.tail_type else range_
    return frozenset(types)


def _public(mention: Mention) -> bool:
    """Whether an organization is a public body (a ministry, a bureau, a government), by the end of its name."""
    endings = tuple(load_lexicon().public_bodies)
    return mention.name.endswith(endings) or mention.surface.endswith(endings)


def read_frame(frame: Frame, sentence: tuple[int, int], year: int | None, resolved: set[int]) -> list[RelationHit]:
    """The relations a frame states: for each link, every head member with every tail member whose types the
    relation allows (a role linked to itself: every pair of its members). `resolved` holds the starts of
    mentions that stand for an anaphor (该公司), which lower the confidence like an implicit role."""
    sig = signatures()
    out = []
    for link in frame.entry.links:
        domain, range_ = sig.get(link.relation, (frozenset(), frozenset()))
        implicit = bool({link.head, link.tail} & frame.implicit)
        for head, tail in frame.pairs(link.head, link.tail):
            if head.name == tail.name or head.label not in domain or tail.label not in range_:
                continue
            if link.head_type not in (None, head.label) or link.tail_type not in (None, tail.label):
                continue
            if link.relation == "partnered_with" and (
                frame.hoped or (frame.entry.kind != "joint" and _public(head) and _public(tail))
            ):
                continue  # 看好A和B合作: a wish; 财政局会同发改委印发: bodies of the state act together by office
            confidence = frame.entry.confidence
            if implicit or head.start in resolved or tail.start in resolved:
                confidence -= IMPLICIT_PENALTY
            rule = f"frame:{frame.entry.frame}"
            out.append(RelationHit(head.name, link.relation, tail.name, *sentence, year, round(confidence, 2), rule))
    return out
