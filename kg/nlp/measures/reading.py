"""Whose a figure is and what it measures, by its place in its sentence: the reading of one sentence's figures
with its clauses, entities and times (see subjects.py for the clauses and their subjects)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.nlp.measures.figures import Figure
from kg.nlp.measures.passage import Passage
from kg.nlp.measures.properties import counted_noun, leading_verb, phrase, property_name
from kg.nlp.measures.subjects import COUNT_VERBS, Clause, Mention, opens_with_verb, place_of, predicate_at
from kg.nlp.measures.times import TimeRef
from kg.nlp.text import WordSet
from kg.nlp.words import read_words

_STAKE = frozenset({"持股比例", "股权比例"})
_INVESTED = frozenset({"投资额", "出资额"})
_EACH = re.compile(r"均|都|各")
_RESPECTIVELY = "分别"
_FROM = re.compile(r"从")
_NUMERAL = re.compile(r"[0-9]|[十百千万亿]亿|[百千]万")
# 比/较 (not 同比, 环比, 占比, 比例): the figure is a difference from something else
_COMPARATIVE = re.compile(r"(?<![同环占对])比(?![例重率])|较")
# between two items of a list of figures: the rest of the first item's noun, and one separator
_LIST_GAP = re.compile(r"(?:[^，,、；;。0-9]{0,12}?(?:[、，,]|以及|和|及|与)\s*){1,2}")
_COUNT_NOUNS = WordSet(read_words("kg.nlp.measures", "count_nouns"))
_CLOSERS = "”」』 "
_LOCALIZERS = ("中", "里", "内")
_QUOTE_OPENERS = ("“", "「", "『")
_PLACE_JOINERS = ("、", "和", "与", "及", "至", "到")  # 苏州、无锡两个园区; 江苏至浙江两条线路
_NOUN_JOINERS = ("以及", "及", "和", "与")  # a clause that opens with one of these continues a list of nouns
# what follows a member of a list closed by 等: the other items, then 等 (A、B、C等90个商场)
_LIST_TAIL = re.compile(r"[”」』]?(?:、[^，,；;。、]{1,15}?)*[”」』]?等")
_COPULA = re.compile(r"(?:分别|均|都)?(?:是|为|相当于)")


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
    verb: str  # what the list's first figure counts with (覆盖300个城市地铁，逾900个公交 → 覆盖)
    parts: list[str]
    index: int
    rule: str
    kind: str
    paired: str | None = None  # the property, when the members pair with the figures one by one


class SentenceReader:
    """The figures of one sentence and the clauses, entities and times they are read with."""

    def __init__(self, passage: Passage, index: int, figures: list[Figure]) -> None:
        parts = passage.parts(index)
        self.passage, self.index = passage, index
        self.text, self.start, self.end = passage.text, parts.start, parts.end
        self.view = parts.view
        self.mentions = parts.mentions
        self.times = parts.times
        self.clauses = parts.clauses
        self.figures = figures
        self.invested = passage.invested(parts.start)
        self.place = place_of(self.text, self.clauses, self.mentions)
        self.previous_property: str | None = None
        self.last: _List | None = None

    def hits(self) -> list[MeasureHit]:
        out: list[MeasureHit] = []
        subject_clause: Clause | None = None
        previous: list[MeasureHit] = []
        for clause in self.clauses:
            if clause.subjects:
                subject_clause = clause
            figures = [f for f in self.figures if clause.start <= f.start < clause.end]
            read = self._multiples(figures, clause, previous)
            if read is None:
                read = [hit for figure in figures for hit in self._read(figure, clause, subject_clause)]
            out.extend(read)
            previous = read
            if clause.source:
                subject_clause = None
        return out

    def _read(self, figure: Figure, clause: Clause, subject_clause: Clause | None) -> list[MeasureHit]:
        own = subject_clause is clause
        if (own and figure.start < clause.subject_end) or figure.kind == "multiple":
            return []  # 是同行的2倍: a multiple of what the sentence does not measure (see `_multiples`)
        anchor = clause.subject_end if own else clause.content
        bare = figure.kind == "number"
        counted = counted_noun(self.view, figure.end, clause.end, whole=not bare)
        if bare and not _COUNT_NOUNS.longest_suffix(counted):
            counted = counted_noun(self.view, figure.end, clause.end)  # jieba may join 万 to the noun: 万小微|商户
        if bare:
            counted_figure = self._counted_or_number(figure, counted, clause)
            if counted_figure is None:
                return []  # 10万亿新赛道, 2亿水平: a number no count noun follows and that does not end its clause
            figure, counted = counted_figure, counted if counted_figure.kind == "count" else ""
        counted_entity = self._mention_at(figure.end + (self.text[figure.end : figure.end + 1] in "“「『"))
        attribute = self._qualified(figure, clause)
        if attribute is not None:
            return attribute
        last = self.last
        if last is not None and last.kind == figure.kind and _LIST_GAP.fullmatch(self.text, last.end, figure.start):
            return self._continued(figure, counted)  # the next item of a list of figures (…，逾2700所学校，…)
        self.last = None
        place = self._mention_at(figure.start, end=True)
        if place is not None and place.type == "LOC" and not own and figure.kind == "count" and counted:
            return self._in_place(figure, place, anchor, counted)  # 支持深圳300余家医院…
        if self.text[figure.start - 1 : figure.start] in _QUOTE_OPENERS:
            return []  # “两个确立”, “四个不摘”: a figure that opens a quoted term is part of its name
        if figure.start <= anchor and not own:
            return self._counted_subject(figure, clause, counted)  # 3200家便利店支持…: the count is the subject
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
        before = ""  # the phrase that names the figure, read only once the figure may still be kept
        if counted_entity is not None and counted_entity.type == "PRODUCT":
            before = self._before(figure, anchor, counted)
            verb = next((v for v in COUNT_VERBS if before.endswith(v)), None)
            if verb is not None:
                return [self._hit(figure, counted_entity.label, COUNT_VERBS[verb], "counted_product", 0.7)]
        if subject_clause is None:
            topic = self._topic(clause)
            if topic is None or self._entity_between(anchor, figure.start, set()):
                return []
            if self.text.startswith("的", figure.end + len(counted)):
                return []  # 来自100多个国家的代表…: the verb opens a relative clause, not a predicate
            before = before or self._before(figure, anchor, counted)
            return self._on_members(figure, [topic], None, before, counted, "topic", 0.5)
        if subject_clause.source or not self._subject_of(subject_clause, own):
            return []
        if not own and self.text.startswith(_NOUN_JOINERS, clause.content):
            return []  # …，以及A、B等9个单位的责任: a clause that continues a list of nouns carries no subject
        start = subject_clause.subject_end
        held = {r.tail for r in self.invested if any(r.head == m.label for m in subject_clause.subjects)}
        if self.text[start : figure.start].strip(_CLOSERS) == "等":
            return self._counted_subject(figure, clause, counted)  # A等20所高校: the count of a group A is one of
        if self._entity_between(start, figure.start, held):
            return []
        before = before or self._before(figure, anchor, counted)
        members, paired = self._members(subject_clause, figure, before.split("、"))
        rule, confidence = ("clause_subject", 0.7) if own else ("earlier_clause_subject", 0.6)
        return self._on_members(figure, members, paired, before, counted, rule, confidence)

    def _before(self, figure: Figure, anchor: int, counted: str) -> str:
        """The phrase that names a figure with the noun it counts: the words between its subject and it, less a list
        the figure counts (覆盖A、B等15个国家 → 覆盖), or only the verb when the figure is an item of the verb's
        list (实现A、15个省市B → 实现)."""
        if counted and self.text.startswith("、", figure.start - 1):
            return leading_verb(self.view, anchor, figure.start)
        end = figure.start
        if counted and self.text.startswith("等", figure.start - 1):
            listed = [m for m in self.mentions if anchor <= m.start and _LIST_TAIL.fullmatch(self.text, m.end, end)]
            end = listed[0].start if listed else end
        return phrase(self.view, anchor, end, self.times, self.mentions)

    def _on_members(
        self,
        figure: Figure,
        members: list[Mention],
        paired: tuple[Mention, ...] | None,
        before: str,
        counted: str,
        rule: str,
        confidence: float,
    ) -> list[MeasureHit]:
        """The figure on each of its subjects, named by the phrase before it and the noun it counts; the list it
        may open is remembered for the figures after it."""
        if not members:
            return []
        parts = before.split("、")
        respectively = len(parts) > 1 and self._respectively(figure)
        name = property_name(parts[0] if respectively else before, counted, figure.kind, self.previous_property)
        if name is None or (name in _STAKE and counted and not self._holds(members)):
            return []  # 转让X 30%股权: a stake that changes hands, not one the subject holds
        self.previous_property = name
        verb = before if counted else ""
        if counted or paired or len(parts) > 1:  # a list of counts, even when its verb is no name (实现)
            paired_name = name if paired else None
            group = paired or tuple(members)
            self.last = _List(figure.end + len(counted), group, verb, parts, 0, rule, figure.kind, paired_name)
        return [self._on(member, figure, name, rule, confidence) for member in members]

    def _counted_or_number(self, figure: Figure, counted: str, clause: Clause) -> Figure | None:
        """A number with a multiplier and no unit: a count when a countable noun follows it (逾80万小微商户), a
        number when it ends its clause (访问次数超过2亿), else nothing."""
        if counted:
            return replace(figure, kind="count") if _COUNT_NOUNS.longest_suffix(counted) else None
        return None if self.text[figure.end : clause.end].strip(_CLOSERS + "。！？!?") else figure

    def _in_place(self, figure: Figure, place: Mention, anchor: int, counted: str) -> list[MeasureHit]:
        """A count right after a place, in a clause with no subject of its own (支持深圳300余家医院…): how
        many of them the place has, named by the verb before the place; a place that closes a list or a route of
        places (苏州、无锡两个园区, 江苏至浙江两条线路) is one of what is counted."""
        if self.text[place.start - 1 : place.start] in _PLACE_JOINERS:
            return []
        if self.text.startswith("在", anchor) and counted.endswith(_LOCALIZERS) and len(counted) > 2:
            counted = counted[:-1]  # 在苏州800家企业中: among them
        verb = phrase(self.view, anchor, place.start, self.times, self.mentions)
        name = property_name(verb, counted, "count")
        if name is None:
            return []
        self.last = _List(figure.end + len(counted), (place,), verb, [], 0, "place_count", "count")
        return [self._hit(figure, place.label, name, "place_count", 0.6)]

    def _counted_subject(self, figure: Figure, clause: Clause, counted: str) -> list[MeasureHit]:
        """A count that is the subject of its clause (3200家便利店、5万台终端支持受理X; A等20所高校均开通了Y):
        the count of the place the sentence is set in (在…上海，), named by the noun and the predicate after the
        counts; with no such place, nothing."""
        if self.place is None or figure.kind != "count" or not counted:
            return []
        last = [f for f in self.figures if clause.start <= f.start < clause.end][-1]
        predicate_start = last.end + len(counted_noun(self.view, last.end, clause.end))
        predicate = phrase(self.view, predicate_start, clause.end, self.times, self.mentions)
        if not predicate:
            return []
        name = property_name(predicate, counted, "count") or property_name("", counted, "count")
        if name is None:
            return []
        self.last = _List(figure.end + len(counted), (self.place,), predicate, [], 0, "place_topic", "count")
        return [self._hit(figure, self.place.label, name, "place_topic", 0.5)]

    def _topic(self, clause: Clause) -> Mention | None:
        """The subject a sentence that leaves it out takes from the sentences before it (…；实现15个省市…): only
        when both the sentence and the figure's clause open with a verb."""
        if not self.passage.opens_with_verb(self.index) or not opens_with_verb(self.view, clause.content):
            return None
        return self.passage.topic_before(self.index)

    def _multiples(self, figures: list[Figure], clause: Clause, previous: list[MeasureHit]) -> list[MeasureHit] | None:
        """是2010年底的9倍、6倍: the multiples of a clause of their own after a clause with as many figures are
        those figures' multiples, one by one (their subject, property and time); None when the clause is not so."""
        if not figures or clause.subjects or any(f.kind != "multiple" for f in figures):
            return None
        if not _COPULA.match(self.text, clause.content, clause.end):
            return None
        starts = sorted({h.start for h in previous})
        if len(starts) != len(figures):
            return None
        return [
            replace(hit, **_stated(figure), rule="multiple", confidence=0.6)
            for figure, start in zip(figures, starts)
            for hit in previous
            if hit.start == start
        ]

    def _continued(self, figure: Figure, counted: str) -> list[MeasureHit]:
        """A figure that continues a list: the subject and verb of the list's first figure, with its own counted
        noun, or the next of the properties the list pairs with its figures (商户、终端分别…万户、…万台)."""
        last = self.last
        index = last.index + 1
        members = last.members
        if last.paired is not None:  # A和B分别为x、y: the next figure is the next member's
            name = last.paired
            members = last.members[index : index + 1]
        elif counted:  # the list's verb with the noun, or the noun alone when both are too long for a name
            name = property_name(last.verb, counted, figure.kind) or property_name("", counted, figure.kind)
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
        start = clause.content
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
        """Whether the entities that open a clause are its subject: a predicate follows them; a place must be
        followed so (上海有…, not 中国快递业…), and so must a subject carried to a later clause (a byline,
        某某社客户端杭州电, is none); in its own clause an organization may own the noun after it (星辰证券总资产…)."""
        if predicate_at(self.view, clause.subject_end):
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
            **_stated(figure),
            sent_start=self.start,
            sent_end=self.end,
            time=self._time_of(figure),
            rule=rule,
            confidence=confidence,
            relation=relation,
            object=obj,
        )

    def _mention_at(self, position: int, *, end: bool = False) -> Mention | None:
        """The mention that starts at a position, or with `end`, the one that ends there."""
        return next((m for m in self.mentions if (m.end if end else m.start) == position), None)

    def _entity_between(self, start: int, end: int, held: set[str]) -> bool:
        """Another entity between the subject and its figure, other than a place after 在/于 (在上海), a company
        the subject invested in (A入股B，持股5%), or a member of a list closed by 等 (A、B、C等90个商场)."""
        clause_start = next(c for c in self.clauses if c.start <= end <= c.end).start
        for m in self.mentions:
            if not start <= m.start or m.end > end or m.label in held:
                continue
            if m.type == "LOC" and (m.start < clause_start or self.text[m.start - 1] in "在于"):
                continue
            if _LIST_TAIL.match(self.text, m.end, end) is None:
                return True
        return False

    def _time_of(self, figure: Figure) -> TimeRef | None:
        """The nearest time expression before the figure in its clause, else one that opens an earlier clause."""
        clause = next(c for c in self.clauses if c.start <= figure.start < c.end)
        before = [t for t in self.times if t.end <= figure.start]
        same = [t for t in before if t.start >= clause.start]
        if same:
            return same[-1]
        openers = [t for t in before if any(_opens(self.text, c, t) for c in self.clauses if c.start <= t.start)]
        return openers[-1] if openers else None


def _stated(figure: Figure) -> dict:
    """The fields of a MeasureHit that are the figure's as written."""
    return {
        "value": figure.value,
        "unit": figure.unit,
        "comparison": figure.comparison,
        "upper": figure.upper,
        "start": figure.start,
        "end": figure.end,
    }


def _opens(text: str, clause: Clause, time: TimeRef) -> bool:
    return clause.start <= time.start < clause.end and not text[clause.start : time.start].strip(" “”，,")
