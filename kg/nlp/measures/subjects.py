"""Whose a figure is, by its place in the sentence: the entity that opens its clause (or an earlier clause of
the sentence, when its own has none), the entity it qualifies (注册资本100亿元的X), or the product it counts
(发行4700万张X). Only entities the pipeline found can be subjects; a figure with no such subject is dropped."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc

from kg.nlp.measures.times import TimeRef
from kg.nlp.words import read_table, read_words

_OPENERS = re.compile(
    "|".join(map(re.escape, sorted(read_words("kg.nlp.measures", "clause_openers"), key=len, reverse=True)))
)
_SPEECH = tuple(read_words("kg.nlp.measures", "speech_verbs"))
COUNT_VERBS = dict(read_table("kg.nlp.measures", "count_verbs"))
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_JOINER = re.compile(r"\s*(?:、|和|与|及|以及)?\s*[“「『]?\s*")
_SKIP = " \u3000“”‘’「」『』\"'（）()"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    label: str
    type: str


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    subjects: tuple[Mention, ...] = ()  # the entities that open the clause, as a coordinated group
    subject_end: int = -1  # where the group ends
    source: bool = False  # the clause only says who reports (X表示，)
    listed: bool = False  # the last subject closes a list after 等 (A、B等C)


class Mentions:
    """The entity mentions of a Doc's sentences: the Doc's entities, and every other occurrence of a name or alias of
    them (a name found in one sentence and missed in another), longest first, without overlaps. Read per sentence
    and only for the sentences that state a figure, with str.find: no pattern is compiled per document."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.ents = [
            Mention(e.start_char, e.end_char, e.kb_id_ or text[e.start_char : e.end_char], e.label_) for e in doc.ents
        ]
        self.starts = [m.start for m in self.ents]
        names: dict[str, tuple[str, str]] = {}
        for label, info in (doc._.kg_entities or {}).items():
            for name in (label, *info.aliases):
                if len(name) >= 2:
                    names.setdefault(name, (label, info.type))
        self.names = names
        self.longest_first = sorted(names, key=len, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.ents or self.names)

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside text[start:end], in reading order."""
        found = []
        for m in islice(self.ents, max(bisect_right(self.starts, start) - 1, 0), None):
            if m.start >= end:
                break
            if m.end > start:
                found.append(m)
        taken = sorted((m.start, m.end) for m in found)
        for at, name in self._occurrences(start, end):
            stop = at + len(name)
            overlapped = [(s, e) for s, e in taken if s < stop and at < e]
            if all(at <= s and e <= stop for s, e in overlapped):
                label, type_ = self.names[name]
                found = [m for m in found if not (at <= m.start and m.end <= stop)]
                found.append(Mention(at, stop, label, type_))
                taken = sorted((m.start, m.end) for m in found)
        return sorted((m for m in found if start <= m.start and m.end <= end), key=lambda m: m.start)

    def _occurrences(self, start: int, end: int) -> Iterator[tuple[int, str]]:
        """Names in text[start:end] from left to right, the longest where several start at one place, none inside
        another's occurrence: what one alternation of the names, longest first, would find."""
        text = self.text
        following = {name: text.find(name, start, end) for name in self.longest_first}
        position = start
        while True:
            best: tuple[int, str] | None = None
            for name in self.longest_first:
                at = following[name]
                if 0 <= at < position:
                    at = following[name] = text.find(name, position, end)
                if at >= 0 and (best is None or at < best[0]):
                    best = (at, name)
            if best is None:
                return
            yield best
            position = best[0] + len(best[1])


def clauses_of(text: str, start: int, end: int, mentions: list[Mention], times: list[TimeRef]) -> list[Clause]:
    """The clauses of a sentence, each with the entities that open it."""
    bounds = []
    position = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, end))
    clauses = []
    for cs, ce in bounds:
        start_at = opening(text, cs, ce, times)
        group, group_end, listed = _group_at(text, start_at, ce, mentions)
        rest = text[group_end:ce].strip(_SKIP) if group else ""
        clauses.append(Clause(cs, ce, tuple(group), group_end, bool(group) and rest.endswith(_SPEECH), listed))
    return clauses


def opening(text: str, position: int, end: int, times: list[TimeRef]) -> int:
    """Where a clause's content starts, after its connectives, adverbs and dates."""
    while position < end:
        if text[position] in _SKIP:
            position += 1
            continue
        time = next((t for t in times if t.start == position), None)
        if time is not None:
            position = time.end
            continue
        word = _OPENERS.match(text, position, end)
        if word is None:
            return position
        position = word.end()
    return position


def _group_at(text: str, position: int, end: int, mentions: list[Mention]) -> tuple[list[Mention], int, bool]:
    """The coordinated entities that start at a position (A、B和C, A、B等C), and where they end."""
    group: list[Mention] = []
    listed = False
    by_start = {m.start: m for m in mentions}
    while position in by_start and by_start[position].end <= end:
        mention = by_start[position]
        group.append(mention)
        position = mention.end
        closing = text[position : position + 1] in "”」』"
        after = position + 1 if closing else position
        if text.startswith("等", after) and after + 1 in by_start:
            listed, position = True, after + 1
            continue
        joiner = _JOINER.match(text, after, end)
        if joiner is None or joiner.end() == after or joiner.end() not in by_start:
            break
        position = joiner.end()
    return group, group[-1].end if group else position, listed
