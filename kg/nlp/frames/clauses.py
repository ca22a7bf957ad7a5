"""Clauses and their subjects. A sentence is cut at ，；： outside brackets and quotes; a clause's subject is its
first entity group that no marker governs, that modifies no other noun and that stands before its first predicate.
A clause without one keeps the subject of the clause before it (A推出B，并上线C: A launched C), unless a noun of
its own stands where the subject would be (记者表示 …)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.nlp.frames.groups import Group
from kg.nlp.frames.lexicon import Lexicon
from kg.nlp.frames.predicates import Trigger
from kg.nlp.frames.words import Words
from kg.nlp.mentions import Mention

_BREAKS = frozenset("，,；;：:")
_OPEN = frozenset("（(“《「『【")
_CLOSE = frozenset("）)”》」』】")
_BREAK_OR_BRACKET = re.compile("[" + re.escape("".join(sorted(_BREAKS | _OPEN | _CLOSE))) + "]")
QUOTE_CLOSE = "”’」』》"  # closing quotes and book-title marks
_QUOTE_OPEN = "“‘「『《"
_BLOCKER_MODIFIERS = re.compile(r"有关|相关|主要|第[0-9一二三四五六七八九十]{1,2}")  # A有关负责人, A第二分厂
_HEAD_NOUN_TAGS = frozenset({"n", "ng", "nz", "nt"})  # what heads a phrase after a name (主题卡 in 乡村振兴主题卡)
_SPACE_AND_QUOTES = " \u3000“‘「『《"
# POS of a noun that can be a clause's own subject (jieba's tags): common, person, organization and other nouns,
# Latin words, and pronouns other than the demonstratives and anaphors (其中, 该, 这)
_NOUN_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "nw", "eng", "r"})
_PREDICATE_TAGS = ("v", "p")  # a verb or preposition before any noun: the clause's subject is left out
_NOT_SUBJECTS = frozenset({"其中", "其", "该", "此", "这", "这些", "那", "各", "每", "本", "其他", "之一", "自身"})
_BEFORE_OF = 4  # characters between a possessor and its 的 (旗下, 推出)
_DESCRIBING = ("作为", "身为")  # 作为A的子公司，B……: the clause describes the subject of the next one
_BYLINE_ENDS = ("讯", "电", "报道", "消息")  # 财联社6月5日讯: the source of the report, not a subject
_REMARK = r"\s*(?:[（(][^（()）]{0,20}[）)])?\s*"  # (北京，记者 X)
_BYLINE = re.compile(rf"{_REMARK}(?:[0-9０-９]{{1,2}}月[0-9０-９]{{1,2}}日)?{_REMARK}(?:讯|电)")


@dataclass(slots=True)
class Clause:
    """A stretch of a sentence between clause breaks, with the subject it has or keeps."""

    start: int
    end: int
    subject: Group | None = None
    carried: bool = False  # the subject is an earlier sentence's (kept through the clauses of this one)
    kept: Group | None = None  # the subject the clauses before this one had (产品X于2021年上市: who launched X)
    kept_carried: bool = False  # … and it is an earlier sentence's
    describes: Group | None = None  # a 作为 clause: the subject of the clause it describes
    groups: list[Group] = field(default_factory=list)


def split_clauses(text: str, start: int, end: int) -> list[Clause]:
    clauses = []
    depth = 0
    begin = start
    for m in _BREAK_OR_BRACKET.finditer(text, start, end):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            clauses.append(Clause(begin, m.start()))
            begin = m.end()
    clauses.append(Clause(begin, end))
    return clauses


class Shape:
    """How the groups of one sentence stand: the marker before each, whether it modifies a noun after it."""

    def __init__(self, text: str, lexicon: Lexicon, words: Words | None) -> None:
        self.text = text
        self.lexicon = lexicon
        self.words = words
        self._marker_lengths = sorted({len(w) for w in lexicon.markers}, reverse=True)
        self._copula_lengths = sorted({len(w) for w in lexicon.copulas}, reverse=True)
        self._blocker_lengths = sorted({len(w) for w in lexicon.head_blockers}, reverse=True)

    def marker(self, group: Group, floor: int) -> str | None:
        """The role a marker word right before the group gives it (由A: agent, 在A: location), or None. A copula
        is no marker (成为A), and 为 is one only when no 的 follows the group (为A搭建 but 为A的股东)."""
        before = self.text[floor : group.start].rstrip(_SPACE_AND_QUOTES)
        marker = next((before[-n:] for n in self._marker_lengths if before[-n:] in self.lexicon.markers), None)
        if marker is None:
            return None
        copula = self.copula_before(group.start, floor)
        if copula is not None and (len(copula) > len(marker) or self.text[group.end : group.end + 1] == "的"):
            return None
        return self.lexicon.markers[marker]

    def copula_before(self, pos: int, floor: int) -> str | None:
        before = self.text[floor:pos].rstrip(_SPACE_AND_QUOTES)
        for n in self._copula_lengths:
            if len(before) >= n and before[-n:] in self.lexicon.copulas:
                return before[-n:]
        return None

    def possessed_after(self, group: Group, mentions: list[Mention], limit: int) -> Mention | None:
        """W的X, W旗下的X, W推出的X: the mention X that the group W modifies (through a few words and 的, and a
        few words of X's own), or None."""
        of = self.text.find("的", group.end, min(limit, group.end + _BEFORE_OF + 1))
        if of < 0 or any(ch in _BREAKS for ch in self.text[group.end : of]):
            return None
        pos = of
        for m in mentions:
            if m.start > pos and m.start <= min(limit, pos + 7):
                gap = self.text[pos + 1 : m.start]
                if not any(ch in _BREAKS or ch == "的" for ch in gap):
                    return m
        return None

    def head_blocked(self, group: Group) -> bool:
        """A负责人, A用户, 乡村振兴主题卡: a noun right after the group makes it a modifier of something else;
        A6月5日讯: the group is the source of the report."""
        return self.modifies_noun(group.last) or bool(_BYLINE.match(self.text, group.end))

    def modifies_noun(self, m: Mention) -> bool:
        """Whether a noun after the mention heads the phrase: a word of the head-blocker list, or, after a name
        that is not an organization's and not in quotes, any word jieba tags a noun (乡村振兴|主题卡)."""
        end = m.end
        after = self.text[end : end + max(self._blocker_lengths, default=0) + 2].lstrip(QUOTE_CLOSE + " ")
        modifier = _BLOCKER_MODIFIERS.match(after)
        after = after[modifier.end() :] if modifier else after
        if any(after[:n] in self.lexicon.head_blockers for n in self._blocker_lengths):
            return True
        if m.label == "ORG" or self.words is None or end >= len(self.text):
            return False
        if self.text[end] in QUOTE_CLOSE or (m.start > 0 and self.text[m.start - 1] in _QUOTE_OPEN):
            return False
        word, tag = self.words.word_at(end)
        # jieba tags some predicates nouns (落地): a trigger word is no head noun
        return tag in _HEAD_NOUN_TAGS and word.strip() not in self.lexicon.entries

    def own_noun_subject(self, start: int, limit: int, mentions: list[Mention]) -> bool:
        """Whether a noun that is not an entity opens the clause as its subject (记者表示…; after a relative clause:
        爱创业的张三表示…): then the clause does not keep an earlier subject. A verb or a preposition first
        (联合多家银行推出…, 据了解…) means the subject is left out."""
        if self.words is None or start >= limit:
            return False
        opening = next((tag for s, e, tag in self.words.between(start, limit) if self.text[s:e].strip()), "")
        if opening.startswith("p"):
            return False  # 在短短两年的时间里: a phrase of time or place, no subject
        of = self.text.rfind("的", start, limit)
        near = [m for m in mentions if m.start < limit and m.end > start]
        for s, e, tag in self.words.between(of + 1 if of >= 0 else start, limit):
            if any((m.start <= s and e <= m.end) or m.start == e for m in near):
                return False  # a name (or a word describing it: 第一款产品Nano) opens the clause
            if tag in _NOUN_TAGS and self.text[s:e].strip() not in _NOT_SUBJECTS:
                return True
            if tag.startswith(_PREDICATE_TAGS):
                return False
        return False


def _words_end(text: str, clause: Clause) -> int:
    """Where the clause's words end, before its closing punctuation."""
    end = clause.end
    while end > clause.start and not ("\u4e00" <= text[end - 1] <= "\u9fff" or text[end - 1].isalnum()):
        end -= 1
    return end


def assign_subjects(
    clauses: list[Clause],
    groups: list[Group],
    triggers: list[Trigger],
    mentions: list[Mention],
    shape: Shape,
    carried: Group | None,
) -> Group | None:
    """Give every clause its subject (its own or the one kept from before); return the sentence's topic: the first
    subject of its own, or the one it kept."""
    text = shape.text
    topic: Group | None = None
    inherited = carried is not None
    for clause in clauses:
        clause.groups = [g for g in groups if clause.start <= g.start and g.end <= clause.end]
        clause.kept, clause.kept_carried = carried, inherited
        words = text[clause.start : clause.end].strip(_SPACE_AND_QUOTES)
        if words.startswith(_DESCRIBING) or words.endswith(_BYLINE_ENDS):
            continue  # its entities describe the next clause's subject, or are the source of the text
        # a name after the first trigger is no subject (注册地北京, 投资方为A: the noun is), unless the noun stands
        # right before it and the clause goes on (收购方A来头不小: A is)
        first = next((t for t in triggers if clause.start <= t.start < clause.end), None)
        limit = clause.end if first is None else first.start
        for group in clause.groups:
            apposed = first is not None and any(e.kind == "noun" for e in first.entries)
            if group.start >= limit and not (
                apposed and group.start == limit + len(first.word) and group.end < _words_end(text, clause)
            ):
                break
            if (
                shape.marker(group, clause.start)
                or shape.head_blocked(group)
                or shape.copula_before(group.start, clause.start)
            ):
                continue
            if (
                text[group.end : group.end + 1] == "的"
                or shape.possessed_after(group, mentions, clause.end) is not None
            ):
                continue  # 星河科技的股东大会: the subject is what 的 leads to
            clause.subject = group
            break
        if clause.subject is not None:
            carried, inherited = clause.subject, False
            topic = topic or clause.subject
            if not triggers:
                break  # no frame will ask the later clauses for their subjects
        elif shape.own_noun_subject(clause.start, limit, mentions):
            carried = None  # 记者表示，……: what follows is the reporter's, not the earlier subject's
        elif carried is not None:
            clause.subject, clause.carried = carried, inherited
    for clause, following in zip(clauses, clauses[1:]):
        if text[clause.start : clause.end].lstrip(_SPACE_AND_QUOTES).startswith(_DESCRIBING):
            clause.describes = following.subject
    return topic or carried
