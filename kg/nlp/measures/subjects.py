"""Whose a figure is, by its place in the sentence: the entity that opens its clause (or an earlier clause of
the sentence, when its own has none), the entity it qualifies (注册资本100亿元的X), or the product it counts
(发行4700万张X). Only entities the pipeline found can be subjects; a figure with no such subject is dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.nlp.measures.times import TimeRef
from kg.nlp.words import read_table, read_words

_OPENERS = tuple(sorted(read_words("kg.nlp.measures", "clause_openers"), key=len, reverse=True))
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


def mentions_of(doc: Doc, text: str) -> list[Mention]:
    """The entity mentions of a Doc, and every other occurrence of a name or alias of its entities (a name found
    in one sentence and missed in another), longest first, without overlaps."""
    infos = doc._.kg_entities or {}
    found = [Mention(e.start_char, e.end_char, e.kb_id_ or text[e.start_char : e.end_char], e.label_) for e in doc.ents]
    names = {}
    for label, info in infos.items():
        for name in (label, *info.aliases):
            if len(name) >= 2:
                names.setdefault(name, (label, info.type))
    if names:
        taken = sorted((m.start, m.end) for m in found)
        pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
        for match in pattern.finditer(text):
            overlapped = [(s, e) for s, e in taken if s < match.end() and match.start() < e]
            if all(match.start() <= s and e <= match.end() for s, e in overlapped):
                label, type_ = names[match.group()]
                found = [m for m in found if not (match.start() <= m.start and m.end <= match.end())]
                found.append(Mention(match.start(), match.end(), label, type_))
                taken = sorted((m.start, m.end) for m in found)
    return sorted(found, key=lambda m: m.start)


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
        word = next((w for w in _OPENERS if text.startswith(w, position)), None)
        if word is None:
            return position
        position += len(word)
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
