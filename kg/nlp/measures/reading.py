"""Whose a figure is and what it measures, by its place in its sentence: the reading of one sentence's figures
with its clauses, entities and times (see subjects.py for the clauses and their subjects)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.nlp.measures.figures import Figure
from kg.nlp.measures.properties import counted_noun, phrase, property_name
from kg.nlp.measures.subjects import COUNT_VERBS, Clause, Mention, clauses_of, opening
from kg.nlp.measures.times import TimeRef, find_times
from kg.nlp.measures.tokens import SentenceTokens

_STAKE = frozenset({"持股比例", "股权比例"})
_INVESTED = frozenset({"投资额", "出资额"})
_EACH = re.compile(r"均|都|各")
_RESPECTIVELY = "分别"
_FROM = re.compile(r"从")
_NUMERAL = re.compile(r"[0-9]|[十百千万亿]亿|[百千]万")
# 比/较 (not 同比, 环比, 占比, 比例): the figure is a difference from something else
_COMPARATIVE = re.compile(r"(?<![同环占对])比(?![例重率])|较")
# between two items of a list of figures: the rest of the first item's noun, and one separator
_LIST_GAP = re.compile(r"(?:[^，,、；;。]{0,12}?(?:[、，,]|以及|和|及|与)\s*){1,2}")


@dataclass(frozen=True, slots=True)
class MeasureHit:
    """One figure about an entity (or about a relation between two), in character offsets of the Doc."""

    subject: str
    property: str
    value: float
    unit: str
    comparison: str
    upper: float | None
    start: int
    end: int
    sent_start: int
    sent_end: int
    time: TimeRef | None
    rule: str
    confidence: float
    relation: str | None = None
    object: str | None = None


@dataclass(frozen=True, slots=True)
class _List:
    """The figure before, for the next item of a list: where it ends, whose it is, its verb, its properties."""

    end: int
    members: tuple[Mention, ...]
    verb: str  # what the list's first figure counts with (覆盖4041个城市地铁，逾1760个公交 → 覆盖)
    parts: list[str]
    index: int
    rule: str
    kind: str
    paired: str | None = None  # the property, when the members pair with the figures one by one


class SentenceReader:
    """The figures of one sentence and the clauses, entities and times they are read with."""

    def __init__(
        self, doc: Doc, tokens: SentenceTokens, start: int, end: int, mentions: list[Mention], figures: list[Figure]
    ):
        text = tokens.text
        self.text, self.start, self.end = text, start, end
        self.view = tokens.view(start, end)
        self.mentions = mentions
        self.figures = figures
        self.times = find_times(text, start, end)
        self.clauses = clauses_of(text, start, end, mentions, self.times)
        self.invested = [r for r in doc._.kg_relations or () if r.relation == "invested_in" and r.sent_start == start]
        self.previous_property: str | None = None
        self.last: _List | None = None

    def hits(self) -> list[MeasureHit]:
        out: list[MeasureHit] = []
        subject_clause: Clause | None = None
        for clause in self.clauses:
            if clause.subjects:
                subject_clause = clause
            figures = [f for f in self.figures if clause.start <= f.start < clause.end]
            for figure in figures:
                out.extend(self._read(figure, clause, subject_clause))
            if clause.source:
                subject_clause = None
        return out

    def _read(self, figure: Figure, clause: Clause, subject_clause: Clause | None) -> list[MeasureHit]:
        own = subject_clause is clause
        if own and figure.start < clause.subject_end:
            return []
        anchor = clause.subject_end if own else opening(self.text, clause.start, clause.end, self.times)
        counted_entity = self._mention_at(figure.end + (self.text[figure.end : figure.end + 1] in "“「『"))
        counted = counted_noun(self.view, figure.end, clause.end)
        attribute = self._qualified(figure, clause)
        if attribute is not None:
            return attribute
        last = self.last
        if last is not None and last.kind == figure.kind and _LIST_GAP.fullmatch(self.text, last.end, figure.start):
            return self._continued(figure, counted)  # the next item of a list of figures (…，逾2700所学校，…)
        self.last = None
        if figure.start <= anchor and not own:
            return []  # the figure opens its clause: it is the clause's subject (7500家便利店支持…)
        if figure.kind == "share" and counted and property_name("", counted, "share") not in _STAKE:
            return []  # 七成用户来自海外: a part of a group, said of the part
        if any(anchor <= f.start and f.end <= figure.start for f in self.figures) or _NUMERAL.search(
            self.text, anchor, figure.start
        ):
            return []  # another figure or number (超千亿企业3家) stands between the subject and this one
        if _FROM.search(self.text, max(anchor, figure.start - 1), figure.start) or _COMPARATIVE.search(
            self.text, clause.start, figure.start
        ):
            return []  # 从214家…: the level before a change; 比进口产品高1个百分点: a difference
        before = phrase(self.view, anchor, figure.start, self.times)
        if counted_entity is not None and counted_entity.type == "PRODUCT":
            verb = next((v for v in COUNT_VERBS if before.endswith(v)), None)
            if verb is not None:
                return [self._hit(figure, counted_entity.label, COUNT_VERBS[verb], "counted_product", 0.7)]
        if subject_clause is None or subject_clause.source or not self._subject_of(subject_clause, own):
            return []
        start = subject_clause.subject_end
        held = {r.tail for r in self.invested if any(r.head == m.label for m in subject_clause.subjects)}
        if self.text[start : figure.start].strip("”」』 ") == "等" or self._entity_between(start, figure.start, held):
            return []  # A等14所高校: the figure counts a list the subject is one of
        parts = before.split("、")
        respectively = len(parts) > 1 and self._respectively(figure)
        members, paired = self._members(subject_clause, figure, parts)
        if not members:
            return []
        name = property_name(parts[0] if respectively else before, counted, figure.kind, self.previous_property)
        if name is None or (name in _STAKE and counted and not self._holds(members)):
            return []  # 转让X 30%股权: a stake that changes hands, not one the subject holds
        self.previous_property = name
        rule, confidence = ("clause_subject", 0.7) if own else ("earlier_clause_subject", 0.6)
        verb = before if counted else ""
        if verb or paired or len(parts) > 1:
            paired_name = name if paired else None
            group = paired or tuple(members)
            self.last = _List(figure.end + len(counted), group, verb, parts, 0, rule, figure.kind, paired_name)
        return [self._on(member, figure, name, rule, confidence) for member in members]

    def _continued(self, figure: Figure, counted: str) -> list[MeasureHit]:
        """A figure that continues a list: the subject and verb of the list's first figure, with its own counted
        noun, or the next of the properties the list pairs with its figures (商户、终端分别…万户、…万台)."""
        last = self.last
        index = last.index + 1
        members = last.members
        if last.paired is not None:  # A和B分别为x、y: the next figure is the next member's
            name = last.paired
            members = last.members[index : index + 1]
        elif counted:
            name = property_name(last.verb, counted, figure.kind)
        elif len(last.parts) > index:
            name = property_name(last.parts[index], "", figure.kind)
        else:
            name = None
        self.last = _List(
            figure.end + len(counted), last.members, last.verb, last.parts, index, last.rule, last.kind, last.paired
        )
        if name is None or not members:
            return []
        return [self._on(member, figure, name, last.rule, 0.6) for member in members]

    def _qualified(self, figure: Figure, clause: Clause) -> list[MeasureHit] | None:
        """注册资本100亿元的X: the figure qualifies the entity after 的; None when it does not."""
        after = figure.end + 1 if self.text.startswith("的", figure.end) else -1
        entity = self._mention_at(after)
        if entity is None:
            return None
        start = opening(self.text, clause.start, clause.end, self.times)
        if any(start <= m.start < figure.start for m in self.mentions):
            return []
        name = property_name(phrase(self.view, start, figure.start, self.times), "", figure.kind)
        return [] if name is None else [self._hit(figure, entity.label, name, "attribute", 0.7)]

    def _members(
        self, clause: Clause, figure: Figure, parts: list[str]
    ) -> tuple[list[Mention], tuple[Mention, ...] | None]:
        """The subjects a figure is about: the one entity of the clause, each of a group (A和B均为…), the first of
        a group it pairs with a list of figures (A和B分别为x、y; the group is returned too), or the class that
        closes a list (A、B等C)."""
        group = list(clause.subjects)
        if len(group) == 1:
            return group, None
        between = self.text[clause.subject_end : figure.start]
        if _RESPECTIVELY in between:
            if len(parts) == 1:
                return [group[0]], tuple(group)
            return [], None
        if _EACH.search(between):
            return group, None
        return ([group[-1]] if clause.listed else []), None

    def _subject_of(self, clause: Clause, own: bool) -> bool:
        """Whether the entities that open a clause are its subject: a verb, an adverb or a preposition follows
        them; a place must be followed so (上海有…, not 中国快递业…), and so must a subject carried to a later
        clause (a byline, 新华社客户端济南电, is none); in its own clause an organization may own the noun after
        it (华融证券总资产…)."""
        i = self.view.index_at(clause.subject_end)
        tag = self.view.tags[i] if 0 <= i < len(self.view.tags) else ""
        word = self.view.words[i] if 0 <= i < len(self.view.words) else ""
        predicate = (tag.startswith(("v", "d", "p", "c")) and tag != "vn") or word == "的"
        if predicate:
            return True
        return own and all(m.type != "LOC" for m in clause.subjects)

    def _holds(self, members: list[Mention]) -> bool:
        return any(r.head == m.label for r in self.invested for m in members)

    def _respectively(self, figure: Figure) -> bool:
        clause = next(c for c in self.clauses if c.start <= figure.start < c.end)
        return _RESPECTIVELY in self.text[clause.start : figure.start]

    def _on(self, member: Mention, figure: Figure, name: str, rule: str, confidence: float) -> MeasureHit:
        """A stake or an invested amount of an investor goes on its invested_in relation, when the sentence has
        exactly one for that investor."""
        if name in _STAKE or (name in _INVESTED and figure.kind == "money"):
            relations = {r.tail for r in self.invested if r.head == member.label}
            if len(relations) == 1:
                return self._hit(figure, member.label, name, "invested_in", 0.75, "invested_in", relations.pop())
        return self._hit(figure, member.label, name, rule, confidence)

    def _hit(
        self,
        figure: Figure,
        subject: str,
        name: str,
        rule: str,
        confidence: float,
        relation: str | None = None,
        obj: str | None = None,
    ) -> MeasureHit:
        return MeasureHit(
            subject=subject,
            property=name,
            value=figure.value,
            unit=figure.unit,
            comparison=figure.comparison,
            upper=figure.upper,
            start=figure.start,
            end=figure.end,
            sent_start=self.start,
            sent_end=self.end,
            time=self._time_of(figure),
            rule=rule,
            confidence=confidence,
            relation=relation,
            object=obj,
        )

    def _mention_at(self, position: int) -> Mention | None:
        return next((m for m in self.mentions if m.start == position), None)

    def _entity_between(self, start: int, end: int, held: set[str]) -> bool:
        """Another entity between the subject and its figure, other than a place after 在/于 (在上海), a company
        the subject invested in (A入股B，持股5%), or the members of a list the figure counts (A、B等124个商场)."""
        clause_start = next(c for c in self.clauses if c.start <= end <= c.end).start
        between = [
            m
            for m in self.mentions
            if start <= m.start
            and m.end <= end
            and not (m.type == "LOC" and (m.start < clause_start or self.text[m.start - 1] in "在于"))
            and m.label not in held
        ]
        if not between:
            return False
        return not self.text[between[-1].end : end].lstrip("”」』").startswith("等")

    def _time_of(self, figure: Figure) -> TimeRef | None:
        """The nearest time expression before the figure in its clause, else one that opens an earlier clause."""
        clause = next(c for c in self.clauses if c.start <= figure.start < c.end)
        before = [t for t in self.times if t.end <= figure.start]
        same = [t for t in before if t.start >= clause.start]
        if same:
            return same[-1]
        openers = [t for t in before if any(_opens(self.text, c, t) for c in self.clauses if c.start <= t.start)]
        return openers[-1] if openers else None


def _opens(text: str, clause: Clause, time: TimeRef) -> bool:
    return clause.start <= time.start < clause.end and not text[clause.start : time.start].strip(" “”，,")
