"""Clause helpers shared by the relation rules: triggers outside names, clause bounds, the entities before and after
a trigger in the same clause, coordinated runs and groups, the year of a sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from kg.nlp.relate.base import Assertion, DocumentRule, Mention, Passage, RelationHit
from kg.nlp.text import YEAR
from kg.nlp.words import JOINING_VERBS, alternation

_CLAUSE = re.compile(r"[，,：:]")
# what may stand between two coordinated entities: a conjunction, quotes, and list items that are not entities
COORDINATION_GAP = re.compile(r"[”’」』\s]*(?:、|和|及|与|以及)?(?:[^，。；、,;]{1,14}、)*[“‘「『\s]*")
# what joins the organizations of one subject: a conjunction, a verb of joining or 会同, after an adverbial of time or
# place
_JOIN_GAP = re.compile(
    r"\s*(?:在[^，。；、]{0,12}?)?(?:、|和|及|与|以及|" + alternation((*JOINING_VERBS, "会同")).pattern + r")\s*"
)


def year_of(text: str, s: int, e: int) -> int | None:
    """The year a sentence names (2014年), which goes on its relations."""
    m = YEAR.search(text, s, e)
    return int(m.group(1)) if m else None


@dataclass(frozen=True, slots=True)
class _Trigger:
    """A trigger word found by `triggers`, with the methods of a regex match that the rules call."""

    text: str
    begin: int
    finish: int

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text


def triggers(pattern: re.Pattern[str], text: str, s: int, e: int, ents: list[Mention]) -> list[_Trigger]:
    """Trigger words of a sentence that are not part of a name, tried at every position: 联合 inside 中国银[联合]作
    must not hide the 合作 that follows it."""
    found: list[_Trigger] = []
    taken = 0
    for m in _lookahead(pattern).finditer(text, s, e):
        start, end = m.span(1)
        if start < taken or end > e or any(x.start <= start < x.end for x in ents):
            continue
        found.append(_Trigger(m.group(1), start, end))
        taken = end
    return found


@cache
def _lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(f"(?=({pattern.pattern}))")


def sentence_at(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence around a character offset (bounds are sorted and disjoint)."""
    i = bisect_right(bounds, (pos, float("inf"))) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return bounds[i]
    return (pos, pos)


def clause_end(text: str, start: int, end: int) -> int:
    m = re.compile(r"[，,；;：:]").search(text, start, end)
    return m.start() if m else end


def separated(text: str, a: int, b: int) -> bool:
    """Whether a clause boundary lies between two offsets."""
    return bool(_CLAUSE.search(text, a, b)) if a < b else False


def before(text: str, pos: int, ents: list[Mention]) -> list[Mention]:
    """The entities that end before pos in the same clause."""
    return [x for x in ents if x.end <= pos and not separated(text, x.end, pos)]


def after(text: str, pos: int, ents: list[Mention]) -> list[Mention]:
    """The entities that start after pos in the same clause."""
    return [x for x in ents if x.start >= pos and not separated(text, pos, x.start)]


def leading_run(text: str, start: int, ents: list[Mention]) -> list[Mention]:
    """The coordinated entities that follow a verb: the first one and those joined to it by 、/和/及/与."""
    run: list[Mention] = []
    pos = start
    for x in sorted(ents, key=lambda x: x.start):
        gap = text[pos : x.start]
        if run and not COORDINATION_GAP.fullmatch(gap):
            break
        if not run and len(gap) > 14:
            break
        run.append(x)
        pos = x.end
    return run


def partner_group(text: str, before: list[Mention]) -> list[str]:
    """The subject of a verb with the organizations joined to it: A联合B推出 → A and B; A、B推出 → A and B."""
    group = [before[-1]]
    for x in reversed(before[:-1]):
        gap = text[x.end : group[-1].start]
        if _JOIN_GAP.fullmatch(gap):
            group.append(x)
        else:
            break
    return [x.name for x in reversed(group)]


def with_partner(text: str, s: int, vs: int, orgs: list[Mention]) -> tuple[Mention, Mention] | None:
    """A与B(开展)合作: the organizations on either side of 与/和/同 before the verb."""
    seg = [x for x in orgs if s <= x.start and x.end <= vs]
    for a, b in zip(seg, seg[1:]):
        if text[a.end : b.start] in {"与", "和", "同", "跟"}:
            return a, b
    return None


def is_subject_position(text: str, s: int, ent: Mention) -> bool:
    """An organization early in its sentence, before any verb-like cue, is what the sentence is about."""
    lead = text[s : ent.start]
    return len(lead) <= 12 and not re.search(r"[在与和同跟对向给]", lead)


def hit_in_sentence(
    passage: Passage, rule: DocumentRule, assertion: Assertion, head: str, tail: str, pos: int
) -> RelationHit:
    """A hit of a rule that reads the whole Doc, placed in the sentence around a character offset."""
    s, e = sentence_at(passage.bounds, pos)
    year = year_of(passage.text, s, e)
    return RelationHit(head, assertion.relation, tail, s, e, year, assertion.confidence, assertion.rule or rule.name)
