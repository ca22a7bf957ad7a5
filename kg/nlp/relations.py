"""kg_relations: typed relations between the entities of a sentence, from trigger words.

The rules read a sentence as a sequence of entities and trigger words:
- launched: ORG … 推出/发行/上线 … PRODUCT|INITIATIVE; every member of a coordinated object list counts;
- partnered_with: ORG 联合/携手/与 ORG(、ORG…); "A联合B推出C" also gives B launched C;
- part_of: 依托/基于 X … 打造/上线 Y gives Y part_of X;
- deployed_at: X … 在 A、B … 落地/上线/应用 gives X deployed_at A and B;
- located_in: a place that prefixes an organization's name (哈尔滨松雷商场), or 总部位于/位于;
- subsidiary_of, invested_in, regulates: ORG … cue … ORG;
- operates: an organization whose name prefixes a product's (银联二维码), or ORG 运营/旗下 PRODUCT.
A sentence with no subject before its verb takes the organization that was the subject of an earlier sentence
of the same paragraph (银联……。同时，发行…… → 银联). A year in the sentence goes on the relation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import ChainMap
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import lexicon as lx
from kg.nlp.entities import EntityInfo, specific_name
from kg.nlp.text import YEAR, alternation, sentence_bounds, text_of
from kg.ontology import load_ontology


@dataclass(frozen=True, slots=True)
class RelationHit:
    head: str
    relation: str
    tail: str
    sent_start: int
    sent_end: int
    year: int | None
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class _Ent:
    start: int
    end: int
    label: str
    name: str
    text: str


_LAUNCH = alternation(lx.LAUNCH_VERBS)
_SOURCE_MARKS = frozenset("从据向")  # prepositions before the source of a report (记者从X获悉, 据X消息)
_PARTNER = alternation(lx.PARTNER_VERBS)
_INVEST = alternation(lx.INVEST_VERBS)
_REGULATE = alternation(lx.REGULATE_VERBS)
_DEPLOY = alternation(lx.DEPLOY_VERBS)
_OPERATE = alternation(lx.OPERATE_VERBS)
_PART = alternation(lx.PART_CUES)
_SUBSIDIARY = alternation(lx.SUBSIDIARY_CUES)
_CLAUSE = re.compile(r"[，,：:]")
# what may stand between two coordinated entities: a conjunction, quotes, and list items that are not entities
_COORDINATION_GAP = re.compile(r"[”’」』\s]*(?:、|和|及|与|以及)?(?:[^，。；、,;]{1,14}、)*[“‘「『\s]*")
_LIST_TAIL = re.compile(r"[”’」』]?等(?:[0-9０-９]+|[一二三四五六七八九十百千几多]+)?[家个所款项只类种批]?")
_BY = re.compile(r"由")
# what joins the organizations of one subject: a conjunction or partnering verb, after an adverbial of time or place
_JOIN_GAP = re.compile(r"\s*(?:在[^，。；、]{0,12}?)?(?:、|和|及|与|以及|联合|携手|联手|会同)\s*")
_JOINTLY = re.compile(r"(?:共同|联合|一起|携手)(?=[\u4e00-\u9fff])")
_CHILD_OF = re.compile(r"(?:旗下|下属|下)的?")
_IS_CHILD = re.compile(r"(是|为|系)[^，。；]{2,20}?的(?:全资|控股)?子公司")
_PLACE_CLASS = re.compile(
    r"(?:最大的?|知名的?|头部|本土|领先的?)?(?:电商|零售商|公司|企业|平台|巨头|运营商|银行|集团)(?:企业|公司|平台|巨头)?"
)
_HOLDS = re.compile(r"持股(?:比例)?|持有[^，。；]{0,6}股份|参股")
_OF = re.compile(r"(?:旗下|推出|发行|上报|申报)?的")
# between an owner and 的: nothing, or the count and class that close its list (等8家公募基金公司)
_OWNER_GAP = re.compile(r"(?:等?[0-9一二三四五六七八九十两几多]*[家个只]?[\u4e00-\u9fff]{0,6}(?:公司|企业|机构))?")
_SHAREHOLDERS = re.compile(r"(?:的)?(?:发起)?股东(?:包括|为|有|是|共计[^，。；]{0,8}[，,]?)?[:：]?")
_LOCATED = re.compile(r"(?:总部)?位于|坐落于|地处")


class RelationExtractor:
    def __init__(self, nlp: Language, name: str = "kg_relations") -> None:
        self.name = name
        onto = load_ontology()
        self._domain = {code: set(r.domain) for code, r in onto.relations.items()}
        self._range = {code: set(r.range) for code, r in onto.relations.items()}
        self._places = {name: ent for name, ent in lx.known_surface_forms() if ent.type == "LOC"}
        self._known_orgs = {name: ent for name, ent in lx.known_surface_forms() if ent.type == "ORG" and len(name) >= 2}
        self._known_org_labels = {ent.label for ent in self._known_orgs.values()}
        self._known_org_names = {name: ent.label for name, ent in self._known_orgs.items()}
        self._known_by_label = {ent.label: ent for ent in (*self._places.values(), *self._known_orgs.values())}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        ents = []
        for e in doc.ents:  # the surface sliced from the text: Span.text would build a Token object per token
            surface = text[e.start_char : e.end_char]
            ents.append(_Ent(e.start_char, e.end_char, e.label_, e.kb_id_ or surface, surface))
        hits: list[RelationHit] = []
        topic: str | None = None
        k = 0
        prev_end = 0
        bounds = sentence_bounds(text)
        self._held = None
        for s, e in bounds:
            if "\n" in text[prev_end:s]:
                topic = None
            prev_end = e
            while k < len(ents) and ents[k].start < s:
                k += 1
            inside = []
            j = k
            while j < len(ents) and ents[j].end <= e:
                inside.append(ents[j])
                j += 1
            if not inside:
                continue  # every rule relates the entities of its sentence; the topic carries over
            found, subject = self._sentence(text, s, e, inside, topic, _year(text, s, e))
            hits.extend(found)
            if subject is not None:
                topic = subject
        org_aliases = {
            a: label for label, info in (doc._.kg_entities or {}).items() if info.type == "ORG" for a in info.aliases
        }
        hits.extend(self._name_internal(text, ents, bounds, org_aliases))
        hits.extend(self._described_by_place(text, ents, bounds))
        hits.extend(self._owned_lists(text, ents, hits, bounds))
        doc._.kg_relations = self._valid(hits, {x.name: x.label for x in ents})
        self._add_implied_entities(doc, text)
        return doc

    def _add_implied_entities(self, doc: Doc, text: str) -> None:
        """A place or a known organization named only inside another name (哈尔滨 in 哈尔滨松雷商场, 银联 in
        银联二维码) becomes an entity of its own, so the relation that name states has both ends."""
        infos = doc._.kg_entities
        known = self._known_by_label
        for h in doc._.kg_relations:
            for end in (h.head, h.tail):
                if end not in infos and end in known:
                    ent = known[end]
                    infos[end] = EntityInfo(end, ent.type, set(ent.aliases), 1, True, ent.label_en)

    # sentence rules ---------------------------------------------------------
    def _sentence(self, text, s, e, ents, topic, year) -> tuple[list[RelationHit], str | None]:
        out: list[RelationHit] = []
        orgs = [x for x in ents if x.label == "ORG"]
        subject = orgs[0].name if orgs and _is_subject_position(text, s, orgs[0]) else None

        def hit(head, rel, tail, conf, rule):
            if head != tail:
                out.append(RelationHit(head, rel, tail, s, e, year, conf, rule))

        # each family runs only where its sentence can satisfy it: the launcher is an organization or the topic of
        # the paragraph; most rules relate an organization to another entity; the rest need two entities of any type
        if orgs or topic:
            self._launched(text, s, e, ents, orgs, topic, hit)
        if orgs:
            self._joint_and_passive(text, s, e, ents, orgs, hit)
            self._held_by(text, s, e, ents, orgs, hit)
            self._partnered(text, s, e, ents, orgs, topic, hit)
        if len(ents) >= 2:
            self._part_of(text, s, e, ents, hit)
            self._deployed(text, s, e, ents, hit)
        if orgs:
            self._owned(text, s, e, ents, orgs, hit)
            self._invested_or_regulated(text, s, e, ents, orgs, hit)
            self._operated(text, s, e, ents, orgs, hit)
        if len(ents) >= 2:
            self._located(text, s, e, ents, hit)
        return out, subject

    def _launched(self, text, s, e, ents, orgs, topic, hit) -> None:
        """launched (and the partners of "A联合B推出C")."""
        for m in _triggers(_LAUNCH, text, s, e, ents):
            vs, ve = m.span()
            if any(x.start <= vs < x.end for x in ents):
                continue
            clause_end = _clause_end(text, ve, e)
            targets = [x for x in ents if ve <= x.start < clause_end and x.label in {"PRODUCT", "INITIATIVE"}]
            targets = _leading_run(text, ve, targets)
            if not targets:
                continue
            before = _before(text, vs, orgs)
            launchers = _partner_group(text, before) if before else []
            conf = 0.8
            if not launchers:
                # 记者从X获悉, 据X: an organization after 从 or 据 is the source of the news, not its subject
                prior = [x for x in orgs if x.end <= vs and text[max(s, x.start - 1) : x.start] not in _SOURCE_MARKS]
                if prior:
                    launchers, conf = [prior[-1].name], 0.6
                elif topic and not _PART.search(text, s, vs):
                    # 依托X上线Y with no subject says what Y is part of, not who launched it
                    launchers, conf = [topic], 0.55
            for head in launchers:
                for t in targets:
                    hit(head, "launched", t.name, conf, "launch_verb")

    def _partnered(self, text, s, e, ents, orgs, topic, hit) -> None:
        """partnered_with: A联合B, A与B合作."""
        for m in _triggers(_PARTNER, text, s, e, ents):
            vs, ve = m.span()
            left = _before(text, vs, orgs)
            right = _leading_run(text, ve, _after(text, ve, orgs))
            if not right and m.group() in {"合作", "签约", "签署", "战略合作"}:
                # A与B合作: the partners stand on either side of 与 before the verb; else all before it are partners
                pair = _with_partner(text, s, vs, orgs)
                left, right = ([pair[0]], [pair[1]]) if pair else (left[-1:], left[:-1])
            heads = [left[-1].name] if left else ([topic] if topic else [])
            for head in heads:
                for t in right:
                    hit(head, "partnered_with", t.name, 0.75, "partner_verb")

    def _part_of(self, text, s, e, ents, hit) -> None:
        """part_of: 依托X … 打造/上线Y."""
        for m in _PART.finditer(text, s, e):
            pe = m.end()
            bases = [x for x in ents if x.start >= pe and x.label in {"PRODUCT", "INITIATIVE", "ORG"}]
            if not bases or _separated(text, pe, bases[0].start):
                continue
            base = bases[0]
            launch = _LAUNCH.search(text, base.end, e)
            if not launch:
                continue
            clause_end = _clause_end(text, launch.end(), e)
            parts = [x for x in ents if launch.end() <= x.start < clause_end and x.label in {"PRODUCT", "INITIATIVE"}]
            for t in _leading_run(text, launch.end(), parts):
                hit(t.name, "part_of", base.name, 0.7, "part_cue")

    def _deployed(self, text, s, e, ents, hit) -> None:
        """deployed_at: X … 在 A、B … 落地."""
        for m in _triggers(_DEPLOY, text, s, e, ents):
            ds = m.start()
            zai = text.rfind("在", s, ds)
            if zai == -1 or _separated(text, zai, ds):
                continue
            sites = [x for x in ents if zai < x.start and x.end <= ds and x.label in {"ORG", "LOC"}]
            things = [x for x in ents if x.end <= zai and x.label in {"PRODUCT", "INITIATIVE"}]
            if not sites or not things:
                continue
            for site in sites:
                hit(things[-1].name, "deployed_at", site.name, 0.7, "deploy_verb")

    def _owned(self, text, s, e, ents, orgs, hit) -> None:
        """subsidiary_of (or operates, for a product): A旗下(的)B / B是A的子公司."""
        for m in _SUBSIDIARY.finditer(text, s, e):
            cs, ce = m.span()
            left = _before(text, cs, orgs)
            right = _after(text, ce, ents)
            if left and right and text[left[-1].end : cs] in {"", "的"}:
                for t in _leading_run(text, ce, right):
                    rel = "subsidiary_of" if t.label == "ORG" else "operates"
                    head, tail = (t.name, left[-1].name) if rel == "subsidiary_of" else (left[-1].name, t.name)
                    hit(head, rel, tail, 0.7, "subsidiary_cue")

    def _invested_or_regulated(self, text, s, e, ents, orgs, hit) -> None:
        """invested_in / regulates: ORG(、ORG…) cue ORG."""
        for pattern, rel, rule in ((_INVEST, "invested_in", "invest_verb"), (_REGULATE, "regulates", "regulate_verb")):
            for m in _triggers(pattern, text, s, e, ents):
                vs, ve = m.span()
                left = _before(text, vs, orgs)
                right = _after(text, ve, ents)
                if not left or not right:
                    continue
                for head in _partner_group(text, left):
                    hit(head, rel, right[0].name, 0.6, rule)

    def _operated(self, text, s, e, ents, orgs, hit) -> None:
        """operates: ORG 运营 PRODUCT."""
        for m in _triggers(_OPERATE, text, s, e, ents):
            vs, ve = m.span()
            left = _before(text, vs, orgs)
            right = _after(text, ve, [x for x in ents if x.label in {"PRODUCT", "INITIATIVE"}])
            if left and right:
                for t in _leading_run(text, ve, right):
                    hit(left[-1].name, "operates", t.name, 0.65, "operate_verb")

    def _located(self, text, s, e, ents, hit) -> None:
        """located_in: X位于Y."""
        for m in _LOCATED.finditer(text, s, e):
            left = [x for x in ents if x.end <= m.start() and x.label in {"ORG", "INITIATIVE"}]
            right = [x for x in ents if x.start >= m.end() and x.label == "LOC"]
            if left and right and not _separated(text, left[-1].end, m.start()):
                hit(left[-1].name, "located_in", right[0].name, 0.7, "located_verb")

    def _joint_and_passive(self, text, s, e, ents, orgs, hit) -> None:
        """由A、B和C共同开发的Y: A, B and C launched Y and worked together; "Y，由A研发" likewise."""
        for m in _BY.finditer(text, s, e):
            group = _leading_run(text, m.end(), [x for x in orgs if x.start >= m.end()])
            if not group or group[0].start - m.end() > 2:
                continue
            verb = _LAUNCH.search(text, group[-1].end, min(e, group[-1].end + 12))
            if verb is None or _separated(text, group[-1].end, verb.start()):
                continue
            after = _leading_run(
                text, verb.end(), [x for x in ents if x.start >= verb.end() and x.label in {"PRODUCT", "INITIATIVE"}]
            )
            before = [x for x in ents if x.end <= m.start() and x.label in {"PRODUCT", "INITIATIVE"}]
            targets = after if after and after[0].start - verb.end() <= 3 else before[-1:]
            for org in group:
                for t in targets:
                    hit(org.name, "launched", t.name, 0.7, "passive_launch")
        for m in _JOINTLY.finditer(text, s, e):
            group = [x for x in orgs if x.end <= m.start() and not _separated(text, x.end, m.start())]
            names = _partner_group(text, group) if group else []
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    hit(a, "partnered_with", b, 0.7, "joint_subject")

    def _held_by(self, text, s, e, ents, orgs, hit) -> None:
        """Ownership stated by the sentence's shape: Y是X的(全资)子公司, X(旗)下(属)的Y, X的股东包括A、B."""
        for m in _CHILD_OF.finditer(text, s, e):
            parent = [x for x in orgs if x.end == m.start()]
            child = [x for x in orgs if x.start == m.end()]
            if parent and child:
                hit(child[0].name, "subsidiary_of", parent[0].name, 0.7, "subsidiary_shape")
        for m in _IS_CHILD.finditer(text, s, e):
            child = [x for x in orgs if x.end == m.start()]
            parent = [x for x in orgs if x.start == m.start() + len(m.group(1))]
            if child and parent:
                hit(child[0].name, "subsidiary_of", parent[0].name, 0.75, "subsidiary_shape")
        for m in _SHAREHOLDERS.finditer(text, s, e):
            owned = [x for x in orgs if x.end <= m.start()]
            if not owned:
                continue
            self._held = owned[-1].name  # 持股 in the sentences that follow speaks of this company
            holders = [x for x in orgs if x.start >= m.end() and x.name != owned[-1].name]
            for h in _leading_run(text, m.end(), holders):
                hit(h.name, "invested_in", owned[-1].name, 0.65, "shareholders")
        for m in _HOLDS.finditer(text, s, e):
            before = [x for x in orgs if x.end <= m.start() and not _separated(text, x.end, m.start())]
            if self._held and before:
                for name in _partner_group(text, before):
                    hit(name, "invested_in", self._held, 0.6, "shareholding")
        # possession: A、B等N家公司的X, A旗下的X → A operates X
        for m in _OF.finditer(text, s, e):
            owners = [x for x in orgs if x.end <= m.start() and m.start() - x.end <= 10]
            owners = [x for x in owners if _OWNER_GAP.fullmatch(text[x.end : m.start()])]
            things = [x for x in ents if x.start == m.end() and x.label in {"PRODUCT", "INITIATIVE"}]
            if owners and things:
                for name in _partner_group(text, [x for x in orgs if x.end <= owners[-1].end]):
                    hit(name, "operates", things[0].name, 0.6, "possessive")

    # name-internal relations -----------------------------------------------
    def _name_internal(self, text: str, ents: list[_Ent], bounds, aliases: dict[str, str]) -> list[RelationHit]:
        """Relations that a name states by itself: 哈尔滨松雷商场 is in 哈尔滨; 银联二维码 is run by 银联."""
        out = []
        doc_orgs = dict(aliases)  # every name of an organization of the document, then the known ones
        for x in ents:
            if x.label == "ORG":
                doc_orgs.setdefault(x.text, x.name)
                doc_orgs.setdefault(x.name, x.name)
        org_names = ChainMap(doc_orgs, self._known_org_names)
        for x in ents:
            sent = _sentence_at(bounds, x.start)
            if x.label in {"ORG", "INITIATIVE"}:
                for n in range(min(len(x.text) - 2, 8), 1, -1):
                    place = self._places.get(x.text[:n])
                    # 中国银联 is national, not located; 上海证券交易所 without 上海 is no name, so 上海 is part of it
                    if place is not None and place.level != "country" and specific_name(x.text[n:]):
                        out.append(
                            RelationHit(
                                x.name,
                                "located_in",
                                place.label,
                                sent[0],
                                sent[1],
                                _year(text, *sent),
                                0.75,
                                "place_prefix",
                            )
                        )
                        break
            if x.label in {"PRODUCT", "INITIATIVE"}:
                for n in range(min(len(x.text) - 2, 12), 1, -1):
                    owner = org_names.get(x.text[:n])
                    if owner is not None and owner != x.name:
                        out.append(
                            RelationHit(
                                owner, "operates", x.name, sent[0], sent[1], _year(text, *sent), 0.7, "owner_prefix"
                            )
                        )
                        break
        return out

    def _described_by_place(self, text: str, ents: list[_Ent], bounds) -> list[RelationHit]:
        """韩国最大电商企业Coupang, 巴基斯坦电商Daraz: a place and a class right before a name locate it."""
        out = []
        for x in ents:
            if x.label != "ORG":
                continue
            m = _PLACE_CLASS.search(text, max(0, x.start - 12), x.start)
            if m is None or m.end() != x.start:
                continue
            before = text[max(0, m.start() - 8) : m.start()]
            names = (before[k:] for k in range(len(before) - 1))  # the place ends where the class words begin
            place = next((self._places[n] for n in names if n in self._places), None)
            if place is not None and place.level == "country":
                sent = _sentence_at(bounds, x.start)
                out.append(
                    RelationHit(x.name, "located_in", place.label, *sent, _year(text, *sent), 0.65, "place_class")
                )
        return out

    def _owned_lists(self, text: str, ents: list[_Ent], hits: list[RelationHit], bounds) -> list[RelationHit]:
        """A、B等银联移动支付产品: the owner of the product family that closes a list operates each member."""
        owners = {h.tail: h.head for h in hits if h.rule == "owner_prefix"}
        out = []
        for k, x in enumerate(ents):
            owner = owners.get(x.name)
            if owner is None or k == 0:
                continue
            tail = _LIST_TAIL.fullmatch(text[ents[k - 1].end : x.start])
            if tail is None:
                continue
            members = [ents[k - 1]]
            for y in reversed(ents[: k - 1]):
                if not _COORDINATION_GAP.fullmatch(text[y.end : members[-1].start]):
                    break
                members.append(y)
            sent = _sentence_at(bounds, x.start)
            for m in members:
                if m.label in {"PRODUCT", "INITIATIVE"} and m.name != owner:
                    out.append(
                        RelationHit(
                            owner, "operates", m.name, sent[0], sent[1], _year(text, *sent), 0.65, "owner_of_list"
                        )
                    )
        return out

    def _known_type(self, name: str) -> str | None:
        """The type of a place or known organization that the document names only inside another name."""
        if name in self._places:
            return "LOC"
        return "ORG" if name in self._known_org_labels else None

    def _valid(self, hits: list[RelationHit], types: dict[str, str]) -> list[RelationHit]:
        """Keep relations whose ends have the classes the ontology allows; one hit per fact and sentence."""
        seen = set()
        out = []
        for h in hits:
            dom, rng = self._domain.get(h.relation, set()), self._range.get(h.relation, set())
            ht, tt = types.get(h.head) or self._known_type(h.head), types.get(h.tail) or self._known_type(h.tail)
            if (dom and ht not in dom) or (rng and tt not in rng):
                continue
            key = (h.head, h.relation, h.tail, h.sent_start)
            if key in seen:
                continue
            seen.add(key)
            out.append(h)
        return out


# helpers --------------------------------------------------------------------------
def _year(text: str, s: int, e: int) -> int | None:
    m = YEAR.search(text, s, e)
    return int(m.group(1)) if m else None


@dataclass(frozen=True, slots=True)
class _Trigger:
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


def _triggers(pattern: re.Pattern[str], text: str, s: int, e: int, ents: list[_Ent]) -> list[_Trigger]:
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


def _sentence_at(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence around a character offset (bounds are sorted and disjoint)."""
    i = bisect_right(bounds, (pos, float("inf"))) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return bounds[i]
    return (pos, pos)


def _clause_end(text: str, start: int, end: int) -> int:
    m = re.compile(r"[，,；;：:]").search(text, start, end)
    return m.start() if m else end


def _separated(text: str, a: int, b: int) -> bool:
    """Whether a clause boundary lies between two offsets."""
    return bool(_CLAUSE.search(text, a, b)) if a < b else False


def _before(text: str, pos: int, ents: list[_Ent]) -> list[_Ent]:
    """The entities that end before pos in the same clause."""
    return [x for x in ents if x.end <= pos and not _separated(text, x.end, pos)]


def _after(text: str, pos: int, ents: list[_Ent]) -> list[_Ent]:
    """The entities that start after pos in the same clause."""
    return [x for x in ents if x.start >= pos and not _separated(text, pos, x.start)]


def _leading_run(text: str, start: int, ents: list[_Ent]) -> list[_Ent]:
    """The coordinated entities that follow a verb: the first one and those joined to it by 、/和/及/与."""
    run: list[_Ent] = []
    pos = start
    for x in sorted(ents, key=lambda x: x.start):
        gap = text[pos : x.start]
        if run and not _COORDINATION_GAP.fullmatch(gap):
            break
        if not run and len(gap) > 14:
            break
        run.append(x)
        pos = x.end
    return run


def _partner_group(text: str, before: list[_Ent]) -> list[str]:
    """The subject of a verb with the organizations joined to it: A联合B推出 → A and B; A、B推出 → A and B."""
    group = [before[-1]]
    for x in reversed(before[:-1]):
        gap = text[x.end : group[-1].start]
        if _JOIN_GAP.fullmatch(gap):
            group.append(x)
        else:
            break
    return [x.name for x in reversed(group)]


def _with_partner(text: str, s: int, vs: int, orgs: list[_Ent]) -> tuple[_Ent, _Ent] | None:
    """A与B(开展)合作: the organizations on either side of 与/和/同 before the verb."""
    seg = [x for x in orgs if s <= x.start and x.end <= vs]
    for a, b in zip(seg, seg[1:]):
        if text[a.end : b.start] in {"与", "和", "同", "跟"}:
            return a, b
    return None


def _is_subject_position(text: str, s: int, ent: _Ent) -> bool:
    """An organization early in its sentence, before any verb-like cue, is what the sentence is about."""
    lead = text[s : ent.start]
    return len(lead) <= 12 and not re.search(r"[在与和同跟对向给]", lead)


@Language.factory("kg_relations")
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
