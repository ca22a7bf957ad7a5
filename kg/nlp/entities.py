"""kg_entities: settle overlapping candidates into doc.ents, and resolve aliases to one canonical entity.

Alias rules work within a document, where a short form is unambiguous: 云闪付APP → 云闪付 (a decoration),
哈尔滨松雷商场 → 松雷商场 (a place prefix), X股份有限公司 → X (a legal form), 中国X银行 → X银行, 红火计划 as the tail of
助商惠民-红火计划. Once an organization is known in a document, its short form found elsewhere in the text is a
mention of it too (易方达基金 … 易方达), and a known one's name cut once, where no other name claims the cut (天弘).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp import words
from kg.nlp.known import known_places, known_surface_forms, names_a_known_org
from kg.nlp.recognize.boundaries import continues_noun
from kg.nlp.recognize.cues import PROPER_TAGS
from kg.nlp.short_forms import NAME_HEADS, declared_short_forms, is_abbreviation, keeps_places
from kg.nlp.text import Candidate, TokenView, WordSet, candidates_of, view_of
from kg.nlp.tokenizer import dictionary_freqs, dictionary_tags
from kg.ontology import KnownEntity, load_ontology
from kg.unionfind import UnionFind

# (noun, the words after the name that keep it): 教育部|门 is 教育部门 unless 门户 follows (words/nouns_across_names)
_NOUNS_ACROSS = tuple((noun, tuple(keep.split(","))) for noun, keep in words.read_table("kg.nlp", "nouns_across_names"))
_GENERIC_SHORT = 300  # a short form more frequent than this in jieba's dictionary is a common word
_REPEATED = frozenset({"ORG", "PRODUCT"})  # types whose names found once are mentions wherever the text repeats them


@dataclass(slots=True)
class EntityInfo:
    """One entity of a document after alias resolution."""

    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    known: bool = False
    label_en: str | None = None


class EntityResolver:
    def __init__(self, nlp: Language, name: str = "kg_entities") -> None:
        self.name = name
        onto = load_ontology()
        self._places = {p.label for p in onto.places} | {a for p in onto.places for a in p.aliases if len(a) >= 2}
        self._known_by_name = {surface: ent for surface, ent in known_surface_forms()}

    def __call__(self, doc: Doc) -> Doc:
        view = view_of(doc)
        chosen = self._select(candidates_of(doc), view.text)
        chosen = self._trim_to_attested_suffix(chosen, view.text)
        declared = declared_short_forms(view.text, chosen)
        clusters = self._cluster(chosen, view, declared)
        chosen += self._short_form_mentions(view, chosen, clusters, declared)
        chosen.sort(key=lambda c: c.start)
        doc._.kg_entities = self._entities(chosen, clusters, view.text)
        _name_with_holders(doc._.kg_entities, chosen, clusters, view.text)
        self._set_ents(doc, chosen, clusters)
        return doc

    # selection ------------------------------------------------------------
    @staticmethod
    def _select(cands: list[Candidate], text: str) -> list[Candidate]:
        """Greedy non-overlapping choice; no name starts or ends in a space."""
        for c in cands:
            while c.start < c.end and text[c.start].isspace():
                c.start += 1
            while c.end > c.start and text[c.end - 1].isspace():
                c.end -= 1
        cands = [
            c
            for c in cands
            if (c.end - c.start >= 2 or (c.end > c.start and c.known)) and not _inside_a_noun(text, c.end)
        ]
        known = {(c.start, c.end, c.label): c for c in cands if c.known}
        for c in cands if known else ():  # 网信办 by a head word is the national body the gazetteer knows so
            k = None if c.known else known.get((c.start, c.end, c.label))
            if k is not None:
                c.known, c.canonical, c.label_en = True, k.canonical, k.label_en
        taken: list[Candidate] = []
        occupied: set[int] = set()
        # a trained recognizer (kg train), when there is one, learned where names end from annotated text: its spans
        # are settled before the rules' guesses; then longer spans first, then higher scores
        for c in sorted(cands, key=lambda c: (c.rule != "trained_ner", -(c.end - c.start), -c.score, c.start, c.label)):
            if any(i in occupied for i in range(c.start, c.end)):
                continue
            taken.append(c)
            occupied.update(range(c.start, c.end))
        return sorted(taken, key=lambda c: c.start)

    def _trim_to_attested_suffix(self, chosen: list[Candidate], text: str) -> list[Candidate]:
        """做深做透移动支付便民工程 → 移动支付便民工程 when the shorter name stands alone elsewhere in the document.

        A prefix that is a place or a known name stays: it is part of the name (哈尔滨松雷商场)."""
        by_label: dict[str, set[str]] = defaultdict(set)
        for c in chosen:
            by_label[c.label].add(text[c.start : c.end])
        for c in chosen:
            if c.known:
                continue
            surface = text[c.start : c.end]
            names = by_label[c.label]
            cut = next((k for k in range(1, len(surface)) if surface[k:] in names), None)
            if cut is None:
                continue
            rest = surface[:cut]
            if rest in self._places or rest in self._known_by_name or rest in by_label["ORG"]:
                continue
            if c.rule == "quoted" or rest[-1] in "-－·・—":
                continue  # “助商惠民-红火计划” is the whole name; 红火计划 is its short form
            c.start += len(rest)
        return chosen

    # clustering -----------------------------------------------------------
    def _cluster(self, chosen: list[Candidate], view: TokenView, declared: list[tuple[str, str]]) -> dict[str, str]:
        """Surface → canonical surface, by the alias rules of the module docstring."""
        text = view.text
        surfaces: dict[str, Candidate] = {}
        for c in chosen:
            surfaces.setdefault(text[c.start : c.end], c)
        sets = UnionFind(surfaces)

        def union(a: str, b: str) -> None:
            ca, cb = surfaces[a], surfaces[b]
            if not (ca.known and cb.known and ca.canonical != cb.canonical):  # the ontology knows them apart
                sets.union(a, b)

        # indexes that keep the rules below linear in the number of names: the names each tail ends, and the
        # organizations by the character an abbreviation of theirs would start with
        tails: Counter = Counter(s[k:] for s in surfaces for k in range(1, len(s) - 2))
        orgs_by_initial: dict[str, list[str]] = defaultdict(list)
        for s, c in sorted(surfaces.items()):
            if c.label == "ORG":
                orgs_by_initial[s[0]].append(s)
                if s.startswith("中国") and len(s) > 2:
                    orgs_by_initial[s[2]].append(s)
        abbreviated: dict[str, list[str]] = defaultdict(list)
        by_canonical: dict[str, str] = {}
        for s, c in sorted(surfaces.items()):
            if c.known and c.canonical:
                if c.canonical in by_canonical:
                    union(by_canonical[c.canonical], s)
                else:
                    by_canonical[c.canonical] = s
        for s, c in sorted(surfaces.items()):
            for core in self._cores(s, c.label):
                if core in surfaces and (surfaces[core].label == c.label or c.label == "ORG"):
                    union(s, core)
                elif core in by_canonical:
                    union(s, by_canonical[core])
                elif core in self._known_by_name and self._known_by_name[core].label in by_canonical:
                    union(s, by_canonical[self._known_by_name[core].label])  # “一带一路”倡议: 一带一路倡议
            if c.label == "ORG" and not c.known:
                for other in orgs_by_initial.get(s[0], ()):
                    if not surfaces[other].known and is_abbreviation(s, other) and keeps_places(s, other):
                        abbreviated[s].append(other)
            if not c.known:
                for k in range(1, len(s) - 2):
                    other = s[k:]
                    oc = surfaces.get(other)
                    # 北京冬奥村 and 延庆冬奥村 both end in 冬奥村: that tail names neither
                    if oc is not None and oc.label == c.label and not oc.known and tails[other] == 1:
                        union(s, other)
        for short, fulls in abbreviated.items():
            if len({sets.find(full) for full in fulls}) == 1:  # a short form that fits two names names neither
                union(short, fulls[0])
        for full, short in declared:
            if full in surfaces and short in surfaces:
                union(full, short)  # X（以下简称“Y”）: the article says so itself
        canon: dict[str, str] = {}
        members = sets.groups()
        counts = Counter(text[c.start : c.end] for c in chosen)
        for group in members.values():
            best = min(group, key=lambda s: self._canonical_key(s, surfaces[s], counts[s]))
            name = surfaces[best].canonical if surfaces[best].known and surfaces[best].canonical else best
            known = None if surfaces[best].known else self._known_by_name.get(_QUOTE_MARKS.sub("", best))
            if known is not None and known.type == surfaces[best].label:
                name = known.label  # “一带一路”倡议 alone: the initiative the ontology knows as 一带一路倡议
            for s in group:
                canon[s] = name
        return canon

    def _cores(self, surface: str, label: str) -> list[str]:
        """Shorter forms of a name that would name the same entity."""
        cores = self._cores_once(surface, label)
        for core in list(cores):
            cores += [c for c in self._cores_once(core, label) if c not in cores]
        return cores

    def _cores_once(self, surface: str, label: str) -> list[str]:
        cores = []
        unquoted = _QUOTE_MARKS.sub("", surface)
        if unquoted != surface:
            cores.append(unquoted)  # “一带一路”倡议 is 一带一路倡议, which the ontology may know
        if label == "PRODUCT":
            for deco in words.PRODUCT_DECORATIONS:
                if surface.endswith(deco) and len(surface) - len(deco) >= 2:
                    cores.append(surface[: -len(deco)].rstrip())
        if label == "ORG":
            for suffix in (*words.LEGAL_SUFFIXES, "公司"):
                if surface.endswith(suffix) and len(surface) - len(suffix) >= 2:
                    cores.append(surface[: -len(suffix)])
                    break
            if surface.startswith("中国") and len(surface) >= 5:
                cores.append(surface[2:])
            latin = _LATIN_PREFIX.match(surface)
            if latin and surface[latin.end() :] in _ORG_CLASS_WORDS:
                cores.append(latin.group())  # Daraz电商, OZON公司: a Latin name and the class it belongs to
        place = self._leading_place(surface, rest=2)
        if place:
            cores.append(surface[len(place) :])
        return [c for c in cores if len(c) >= 2 and specific_name(c)]

    def _leading_place(self, name: str, rest: int) -> str:
        """The longest place (of at most 8 characters) that opens a name and leaves rest characters or more of it."""
        return next((name[:n] for n in range(min(len(name) - rest, 8), 1, -1) if name[:n] in self._places), "")

    @staticmethod
    def _canonical_key(surface: str, cand: Candidate, count: int) -> tuple:
        legal = surface.endswith(words.LEGAL_SUFFIXES)
        decorated = cand.label == "PRODUCT" and surface.endswith(words.PRODUCT_DECORATIONS)
        return (not cand.known, legal, decorated, -count, -len(surface), surface)

    # short forms ----------------------------------------------------------
    def _short_form_mentions(
        self, view: TokenView, chosen: list[Candidate], canon: dict[str, str], declared: list[tuple[str, str]]
    ) -> list[Candidate]:
        """Mentions of an organization by the short form of its name (海马汽车 … 海马), and of any name by the short
        form the text declares for it (星海数据交易所（以下简称“星数所”） … 星数所)."""
        text = view.text
        occupied = set()
        for c in chosen:
            occupied.update(range(c.start, c.end))
        owners: dict[str, set[str]] = defaultdict(set)
        label_of: dict[str, str] = {}
        type_of: dict[str, str] = defaultdict(lambda: "ORG")
        types = {text[c.start : c.end]: c.label for c in chosen}
        direct: set[str] = set()  # short forms cut from a name as written (海马汽车 → 海马)
        cut: set[str] = set()  # … and from a shorter form of it (康希诺生物股份公司 → 康希诺生物 → 康希诺)
        repeated: dict[str, str] = {}  # names as found, with their types
        lent: dict[str, set[str]] = defaultdict(set)  # short forms of known organizations (天弘基金 → 天弘)
        for full, short in declared:
            if full in canon and short not in canon and len(short) >= 2:
                owners[short].add(canon[full])
                label_of[short], type_of[short] = canon[full], types[full]
        for c in chosen:
            surface = text[c.start : c.end]
            if (
                c.label in _REPEATED
                and not c.known
                and self._distinctive(surface, view.freqs, derived=False)
                and (c.label == "ORG" or surface not in view.freqs)  # a product in quotes may be a term (限购, 爆仓)
            ):
                repeated.setdefault(surface, c.label)
            if c.label != "ORG":
                continue
            # 康希诺生物股份公司 → 康希诺生物 (its legal form dropped) → 康希诺 (its line of business dropped); a known
            # organization's name as written, cut once (天弘基金 → 天弘), unless the cut is another known name
            for form in (surface, *(self._cores(surface, c.label) if not c.known else ())):
                for head in _SHORT_FORM_HEADS.suffixes(form):
                    short = form[: -len(head)]
                    if c.known:  # lent only where no other name claims it, and as a cut (no noun goes on after it)
                        if not names_a_known_org(short) and self._distinctive(short, view.freqs, derived=True):
                            lent[short].add(canon[surface])
                    elif self._distinctive(short, view.freqs, derived=form != surface):
                        owners[short].add(canon[surface])
                        label_of[short] = canon[surface]
                        (cut if form != surface else direct).add(short)
        for surface, label in repeated.items():
            if surface not in owners:
                # 爱尔眼科(300015.SZ) … 爱尔眼科都很难落选: a name found once by its cue is the same name again (a
                # short form of a longer name is that name's, above)
                owners[surface].add(canon[surface])
                label_of[surface], type_of[surface] = canon[surface], label
                direct.add(surface)
        named = {text[c.start : c.end] for c in chosen if c.label == "ORG"}
        for short, lenders in lent.items():  # after the names the text itself found (广发 found by a cue stays)
            lenders = lenders | {canon[name] for name in named if name.startswith(short)}  # 光大|银行, 光大|证券
            if short not in owners and len(lenders) == 1:
                owners[short], label_of[short] = lenders, next(iter(lenders))
                cut.add(short)
        derived = cut - direct
        found = []
        for short, owner in sorted(owners.items(), key=lambda item: (-len(item[0]), item[0])):  # longest first
            if len(owner) != 1:
                continue
            start = text.find(short)
            while start != -1:
                end = start + len(short)
                # a derived short form that a noun goes on from names something else (南水北调|工程 of 南水北调集团)
                inside = short in derived and end < len(text) and continues_noun(view, end)
                free = not any(i in occupied for i in range(start, end))
                if free and not inside and view.is_start(start) and view.is_end(end):
                    found.append(Candidate(start, end, type_of[short], "short_form", 0.6, canonical=label_of[short]))
                    canon[short] = label_of[short]
                    occupied.update(range(start, end))
                start = text.find(short, end)
        return found

    def _distinctive(self, short: str, freqs: dict[str, int], *, derived: bool) -> bool:
        """A short form names one organization when it is no common word and no place; one cut from a shorter form
        of the name (derived) also is no common noun of the dictionary, nor a place and a common word (美国联邦 of
        美国联邦快递公司)."""
        if len(short) < 2 or freqs.get(short, 0) >= _GENERIC_SHORT or short in self._places:
            return False
        if not derived:
            return True
        if short in freqs and dictionary_tags().get(short) not in PROPER_TAGS:
            return False  # 公交 of 北京公交集团: a common noun the name is about, not the name cut short
        place = self._leading_place(short, rest=1)
        rest = short[len(place) :]
        return not place or (len(rest) >= 2 and freqs.get(rest, 0) < _GENERIC_SHORT)

    # output ---------------------------------------------------------------
    def _entities(self, chosen: list[Candidate], canon: dict[str, str], text: str) -> dict[str, EntityInfo]:
        infos: dict[str, EntityInfo] = {}
        types: dict[str, Counter] = defaultdict(Counter)
        for c in chosen:
            surface = text[c.start : c.end]
            label = canon.get(surface, surface)
            info = infos.setdefault(label, EntityInfo(label, c.label))
            info.mentions += 1
            if surface != label:
                info.aliases.add(surface)
            types[label][c.label] += 2 if c.known else 1
            if c.known:
                info.known = True
                info.label_en = info.label_en or c.label_en
        for label, info in infos.items():
            info.type = max(types[label], key=lambda t: (types[label][t], t))
            if info.type == "ORG" and not info.known:
                for surface in [label, *info.aliases]:
                    info.aliases.update(c for c in self._cores(surface, "ORG") if c != label and len(c) >= 3)
            known = self._known_by_name.get(label)
            if known is not None:  # every name the ontology knows, so any of them finds the entity
                info.aliases.update(known.aliases)
                info.label_en = info.label_en or known.label_en
        return dict(sorted(infos.items()))

    def _set_ents(self, doc: Doc, chosen: list[Candidate], canon: dict[str, str]) -> None:
        view = doc._.kg_view
        text = view.text
        align(doc, [(c.start, c.end) for c in chosen], view.starts)
        doc._.kg_view = None  # tokens may have been split
        # token offsets from one array rather than doc.char_span per entity, which makes Token objects to compare
        offsets = doc.to_array([IDX, LENGTH])
        starts, ends = offsets[:, 0].tolist(), offsets.sum(axis=1).tolist()
        ents, spans = [], []
        for c in chosen:
            i, j = bisect_left(starts, c.start), bisect_left(ends, c.end)
            if i == len(starts) or starts[i] != c.start or j == len(ends) or ends[j] != c.end:
                continue  # not on token boundaries
            name = canon.get(text[c.start : c.end], text[c.start : c.end])
            ents.append(Span(doc, i, j + 1, label=c.label, kb_id=name))
            spans.append((c.start, c.end, c.label, name))
        doc.set_ents(ents, default="outside")
        doc._.kg_entity_spans = spans  # what entity_spans(doc) reads, instead of a Span per entity from doc.ents


def _inside_a_noun(text: str, end: int) -> bool:
    """Whether the last character of a name ending at end opens a common noun with what follows (教育部|门,
    中国银行|业)."""
    return any(text.startswith(noun, end - 1) and not text.startswith(keep, end) for noun, keep in _NOUNS_ACROSS)


def _name_with_holders(infos: dict[str, EntityInfo], chosen: list[Candidate], canon: dict[str, str], text: str) -> None:
    """福建省光泽县, 上海市普陀区: a place written right after a place the gazetteer puts it in is also named by the
    two together, an alias of the smaller place; both stay entities of their own, so that neither is lost."""
    places = known_places()
    for holder, held in zip(chosen, chosen[1:]):
        if holder.label != "LOC" or held.label != "LOC" or holder.end != held.start:
            continue
        holder_name, held_name = text[holder.start : holder.end], text[held.start : held.end]
        outer, inner = places.get(holder_name), places.get(held_name)
        if outer is None or inner is None or outer.label not in _ancestors(places, inner):
            continue
        info = infos.get(canon.get(held_name, held_name))
        if info is not None:
            info.aliases.add(holder_name + held_name)


def _ancestors(places: dict[str, KnownEntity], place: KnownEntity) -> list[str]:
    """The labels of the places that hold a place, nearest first (光泽县: 南平市, 福建省, 中国)."""
    found: list[str] = []
    while place.parent is not None and place.parent not in found and (up := places.get(place.parent)) is not None:
        found.append(place.parent)
        place = up
    return found


_QUOTE_MARKS = re.compile(r"[“”\"「」『』]")
_LATIN_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9&.\- ]*[A-Za-z0-9]")
_ORG_CLASS_WORDS = frozenset({"公司", "集团", "电商", "平台", "银行", "企业"})
_OPENING_ORG_HEADS = WordSet(h for h in words.ORG_HEADS if len(h) >= 2)
_SHORT_FORM_HEADS = WordSet((*words.INDUSTRY_HEADS, "基金", "证券", "保险", "集团", "公司"))  # what a short form drops


def specific_name(name: str) -> bool:
    """Whether a shorter form still names one thing: 松雷商场 does, 人民政府 and 地铁集团有限公司 do not.

    The part before the head word must be there, must not start with another head (银行深圳市分行), and must not be a
    common word or a descriptor."""
    modifier = name
    for _ in range(3):
        head = NAME_HEADS.longest_suffix(modifier, shorter=True)
        if head is None:
            break
        modifier = modifier[: -len(head)]
    if modifier == name and len(name) <= 2:
        return False
    if _OPENING_ORG_HEADS.has_prefix(modifier):
        return False
    if modifier in words.GENERIC_MODIFIERS:
        return False
    return dictionary_freqs().get(modifier, 0) < 300


def align(doc: Doc, spans: list[tuple[int, int]], starts: list[int] | None = None) -> None:
    """Split tokens so that every span starts and ends on a token boundary (`starts`: the tokens' offsets, if known)."""
    if starts is None:
        starts = [t.idx for t in doc]
    splits: dict[int, set[int]] = defaultdict(set)
    for cut in {p for span in spans for p in span}:
        i = bisect_right(starts, cut) - 1
        if i >= 0 and starts[i] < cut < starts[i] + len(doc[i].text):
            splits[i].add(cut - starts[i])
    if not splits:
        return
    with doc.retokenize() as retokenizer:
        for i, offsets in splits.items():
            token = doc[i]
            bounds = [0, *sorted(offsets), len(token.text)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


@Language.factory("kg_entities")
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp, name)
