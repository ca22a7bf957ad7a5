"""Whose a figure is, by its place in the sentence: the entity that opens its clause (or an earlier clause of
the sentence, when its own has none), the entity it qualifies (注册资本100亿元的X), or the product it counts
(发行4700万张X). Only entities the pipeline found can be subjects; a figure with no such subject is dropped."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter

from spacy.tokens import Doc

from kg.nlp.measures.times import TimeRef, find_times
from kg.nlp.text import TokenView, entity_spans
from kg.nlp.words import alternation, read_table, read_words

_OPENERS = alternation(read_words("kg.nlp.measures", "clause_openers") + read_words("kg.nlp.measures", "means_words"))
_SPEECH = tuple(read_words("kg.nlp.measures", "speech_verbs"))
_PREDICATE_WORDS = frozenset(read_words("kg.nlp.measures", "predicate_words"))
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
    content: int  # where its content starts, after connectives, adverbs and dates
    subjects: tuple[Mention, ...] = ()  # the entities that open the clause, as a coordinated group
    subject_end: int = -1  # where the group ends
    source: bool = False  # the clause only says who reports (X表示，)
    listed: bool = False  # the last subject closes a list after 等 (A、B等C)


class Mentions:
    """The entity mentions of a Doc's sentences: the Doc's entities, and every other occurrence of a name or alias of
    them (a name found in one sentence and missed in another), longest first, without overlaps. Read per sentence
    and only for the sentences that state a figure; the names are looked for once in the whole text, when first
    needed (compiling a pattern of them per document would cost ten times as much), and a Mention is made only for
    what a sentence keeps."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        # (start, end, label, type): tuples, sorted and disjoint as doc.ents are
        self.ents = [(start, end, name or text[start:end], label) for start, end, label, name in entity_spans(doc)]
        self.starts = [m[0] for m in self.ents]
        names: dict[str, tuple[str, str]] = {}
        for label, info in (doc._.kg_entities or {}).items():
            entity = (label, info.type)
            if len(label) >= 2:
                names.setdefault(label, entity)
            for name in info.aliases:
                if len(name) >= 2:
                    names.setdefault(name, entity)
        self.names = names
        self._occurring: list[tuple[int, int, str]] | None = None  # (start, -length, name) of every occurrence
        self._occurring_starts: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.ents or self.names)

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside text[start:end], in reading order: an occurrence of a name replaces the entities it
        holds, and is dropped when it cuts through one (even one that crosses the sentence's edge)."""
        ents = self.ents
        i = max(bisect_right(self.starts, start) - 1, 0)
        found = []
        while i < len(ents) and ents[i][0] < end:
            if ents[i][1] > start:
                found.append(ents[i])
            i += 1
        for at, name in self._occurrences(start, end):
            stop = at + len(name)
            if all(at <= m[0] and m[1] <= stop for m in found if m[0] < stop and at < m[1]):
                found = [m for m in found if not (at <= m[0] and m[1] <= stop)]
                found.append((at, stop, *self.names[name]))
        found.sort(key=itemgetter(0))
        return [Mention(*m) for m in found if start <= m[0] and m[1] <= end]

    def _occurrences(self, start: int, end: int) -> list[tuple[int, str]]:
        """Names in text[start:end] from left to right, the longest where several start at one place, none inside
        another's occurrence: what one alternation of the names, longest first, would find."""
        if self._occurring is None:
            self._occurring = _every_occurrence(self.text, self.names)
            self._occurring_starts = [at for at, _, _ in self._occurring]
        chosen: list[tuple[int, str]] = []
        position = start
        for at, shorter, name in islice(self._occurring, bisect_left(self._occurring_starts, start), None):
            if at >= end:
                break
            if at >= position and at - shorter <= end:
                chosen.append((at, name))
                position = at - shorter
        return chosen


def _every_occurrence(text: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Every occurrence of every name in the text, overlapping ones too, as (start, -length, name), sorted: a few
    names in a short text, so a search per name costs less than building an automaton of them."""
    found = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            found.append((at, -len(name), name))
            at = text.find(name, at + 1)
    found.sort()
    return found


def clauses_of(text: str, start: int, end: int, mentions: list[Mention], times: list[TimeRef]) -> list[Clause]:
    """The clauses of a sentence, each with the entities that open it."""
    bounds = []
    position = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, end))
    clauses = []
    by_start = {m.start: m for m in mentions}
    for cs, ce in bounds:
        start_at = opening(text, cs, ce, times)
        group, group_end, listed = _group_at(text, start_at, ce, by_start)
        rest = text[group_end:ce].strip(_SKIP) if group else ""
        source = bool(group) and rest.endswith(_SPEECH)
        clauses.append(Clause(cs, ce, start_at, tuple(group), group_end, source, listed))
    return clauses


def predicate_at(view: TokenView, position: int) -> bool:
    """Whether a verb, an adverb, a preposition or a conjunction (or 的) comes at a position: what makes the entities
    before it a subject (银联打造…, 银联已…, 银联在…, 银联积极…), where a noun does not (银联网络, 中国快递业)."""
    i = view.index_at(position)
    tag = view.tags[i] if 0 <= i < len(view.tags) else ""
    word = view.words[i] if 0 <= i < len(view.words) else ""
    return is_verb(word, tag) or tag.startswith(("d", "p", "c")) or tag == "ad" or word == "的"


def is_verb(word: str, tag: str) -> bool:
    """A verb by jieba's tag (not a verbal noun, vn), or one of the verbs its dictionary tags otherwise (上线)."""
    return (tag.startswith("v") and tag != "vn") or word.strip() in _PREDICATE_WORDS


def opens_with_verb(view: TokenView, content: int) -> bool:
    """A clause whose content starts with a verb has no subject of its own (实现15个省市…, 开通…): it is the subject
    before it; a verb of saying (显示，…) makes the clause a source, not such a clause."""
    i = view.index_at(content)
    return 0 <= i < len(view.words) and view.starts[i] == content and opening_verb(view.words[i], view.tags[i])


def opening_verb(word: str, tag: str) -> bool:
    """Whether a clause that opens with this word leaves its subject out (see opens_with_verb)."""
    return is_verb(word, tag) and not word.startswith(_SPEECH)


def first_content(text: str, start: int, end: int) -> int:
    """Where the content of a sentence's first clause with content starts (今年以来，实现… → 实现), read with the
    times of that clause only."""
    position = start
    for match in (*_CLAUSE_BREAK.finditer(text, start, end), None):
        stop = match.start() if match is not None else end
        content = opening(text, position, stop, find_times(text, position, stop))
        if content < stop:
            return content
        position = match.end() if match is not None else end
    return end


def place_of(text: str, clauses: list[Clause], mentions: list[Mention]) -> Mention | None:
    """在…上海，: the place the first clause of a sentence sets it in, when that clause is only 在 and a phrase that
    ends with a place; the counts that are the subjects of its later clauses (3200家便利店支持…) are that place's."""
    first = clauses[0]
    if len(clauses) < 2 or first.subjects or not text.startswith(("在", "于"), first.content):
        return None
    places = [m for m in mentions if first.content < m.start and m.end <= first.end]
    if not places or places[-1].type != "LOC" or text[places[-1].end : first.end].strip(_SKIP):
        return None
    return places[-1]


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


def _group_at(text: str, position: int, end: int, by_start: dict[int, Mention]) -> tuple[list[Mention], int, bool]:
    """The coordinated entities that start at a position (A、B和C, A、B等C), and where they end."""
    group: list[Mention] = []
    listed = False
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
