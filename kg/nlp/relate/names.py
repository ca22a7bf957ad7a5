"""Relations a name states by itself: 哈尔滨松雷商场 is in 哈尔滨, 银联二维码 is run by 银联 (when the document names
银联), 生态环境部固体废物与化学品司 is part of 生态环境部, and the members of a list closed by an owner's product family
(A、B等银联移动支付产品) are run by that owner."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.entities import specific_name
from kg.nlp.known import known_org_names, known_places
from kg.nlp.relate.base import DocumentRule, Mention, Passage, RelationHit, hit_in_sentence
from kg.ontology import KnownEntity

_ORGANIZATION = "组织"  # an international organization's name ends in it (上海合作组织, 世界卫生组织)
# what may stand between two coordinated entities: a conjunction, quotes, and list items that are not entities
_COORDINATION_GAP = re.compile(r"[”’」』\s]*(?:、|和|及|与|以及)?(?:[^，。；、,;]{1,14}、)*[“‘「『\s]*")
OWNER_KINDS = frozenset(words.read_words("kg.nlp.relate", "owner_kinds"))
UNIT_HEADS = words.read_words("kg.nlp.relate", "unit_heads")
_COMPANY_FORMS = (*words.LEGAL_SUFFIXES, "公司")
_UNIT_ENDINGS = (*UNIT_HEADS, *_COMPANY_FORMS)  # what ends the name of a unit or of a company held
_FIRM_HEADS = (*words.ORG_HEADS, *words.INDUSTRY_HEADS)  # what ends a whole firm's name: 东方证券, 亨通光电
_PRODUCT_CLASS = "产品"  # X支付产品, X理财产品: the kind, of which the owner has many
_LIST_TAIL = re.compile(r"[”’」』]?等(?:[0-9０-９]+|[一二三四五六七八九十百千几多]+)?" + words.measure_class() + "?")


def name_internal(passage: Passage, rule: DocumentRule) -> list[RelationHit]:
    """A place that opens an organization's or initiative's name locates it; an organization of the document whose
    name opens a product's or initiative's name runs it. The assertions: located_in, operates.

    They are right about 3 times in 5 on the development corpus (a place in a company's registered name is no fact
    the annotators kept), and their confidences say so; an owner followed by a bare head or a class of products
    (华为手机, 瑞银计划, 银联支付产品) runs no product of that name. A known organization the
    document names only inside another name (新浪 in 新浪财经APP) owns nothing."""
    located, runs, unit_of, held_by = rule.asserts
    places = known_places()
    out = []
    for x in passage.mentions:
        parent, rest = _parent(passage, x)
        if parent is not None:
            relation = held_by if rest.endswith(_COMPANY_FORMS) else unit_of  # 公司 before its unit head 司
            out.append(hit_in_sentence(passage, rule, relation, x.name, parent, x.start))
        if x.label in {"ORG", "INITIATIVE"}:
            for n in range(min(len(x.surface) - 2, 8), 1, -1):
                place = places.get(x.surface[:n])
                # 中国银联 is national, not located; 上海证券交易所 without 上海 is no name, so 上海 is part of it;
                # 亚太经合组织, 欧洲央行: a region in an organization's name is its scope, not where it is
                # 上海合作组织: an international organization is named for its founding or its scope, not its seat
                scope = place is not None and (
                    place.level == "country"
                    or (place.level == "region" and x.label == "ORG")
                    or x.surface.endswith(_ORGANIZATION)
                    or _known_org_opens(x.surface, n)  # 上海合作组织|示范区: the place is the known name's
                )
                if place is not None and not scope and specific_name(x.surface[n:]):
                    place = _innermost(places, place, x.surface[n:])
                    out.append(hit_in_sentence(passage, rule, located, x.name, place.label, x.start))
                    break
        owner, rest = _owner(passage, x)
        if owner is not None and _names_one(rest):
            out.append(hit_in_sentence(passage, rule, runs, owner, x.name, x.start))
    return out


def _known_org_opens(surface: str, place_end: int) -> bool:
    """Whether a known international organization's name longer than the place opens the surface (上海合作组织|示范区;
    not 香港联合交易所|董事局, which is where its exchange is)."""
    names = known_org_names()
    return any(
        surface[:k] in names and surface[:k].endswith(_ORGANIZATION) for k in range(len(surface) - 1, place_end, -1)
    )


def _parent(passage: Passage, x: Mention) -> tuple[str | None, str]:
    """The organization of the document whose name opens an organization's name, when the rest names a unit of it
    (生态环境部|固体废物与化学品司) or a company it holds (东方证券|资产管理有限公司: a whole firm's name before a
    legal form, where a short form before one is the same company's registered name); and the rest."""
    if x.label != "ORG":
        return None, ""
    for n in range(min(len(x.surface) - 3, 12), 1, -1):
        prefix, rest = x.surface[:n], x.surface[n:]
        parent = passage.org_names.get(prefix)
        if parent is None or parent == x.name or not rest.endswith(_UNIT_ENDINGS):
            continue
        if not (prefix.endswith(_FIRM_HEADS) or prefix in known_org_names()):
            return None, ""  # 华融|交易中心: a short form of another member of a group names no parent
        if not rest.endswith(_COMPANY_FORMS):
            return parent, rest  # 华瑞证券|研究所: a unit's head alone names the unit of that organization
        if not prefix.endswith(_FIRM_HEADS):
            return None, ""  # 海润|光伏科技股份有限公司: a short form and its own registered name, one company
        return (parent, rest) if specific_name(rest) else (None, "")  # 华瑞证券|有限公司 is the firm itself
    return None, ""


def _innermost(places: dict[str, KnownEntity], place: KnownEntity, rest: str) -> KnownEntity:
    """北京西城区国资委 is in 西城区: a place inside the one that opens a name, right after it, is where it is."""
    for n in range(min(len(rest) - 1, 8), 1, -1):
        inner = places.get(rest[:n])
        if inner is not None and inner.parent == place.label:
            return _innermost(places, inner, rest[n:])
    return place


def _owner(passage: Passage, x: Mention) -> tuple[str | None, str]:
    """The organization of the document whose name opens a product's or initiative's name, and the rest."""
    if x.label in {"PRODUCT", "INITIATIVE"}:
        for n in range(min(len(x.surface) - 2, 12), 1, -1):
            owner = passage.org_names.get(x.surface[:n])
            if owner is not None and owner != x.name:
                return owner, x.surface[n:]
    return None, ""


def _names_one(rest: str) -> bool:
    """Whether what follows an owner's name names one thing of its own: not a kind alone (华为手机, 瑞银计划: its
    phones, or a verb read as a name) and not a class of products (银联支付产品)."""
    rest = rest.strip()
    return rest not in OWNER_KINDS and not rest.endswith(_PRODUCT_CLASS)


def owner_of_list(passage: Passage, rule: DocumentRule) -> list[RelationHit]:
    """A、B等银联移动支付产品: the owner whose name opens the product family that closes a list runs each member."""
    text, ents = passage.text, passage.mentions
    (runs,) = rule.asserts
    out = []
    for k, x in enumerate(ents):
        owner = _owner(passage, x)[0] if k else None
        if owner is None:
            continue
        tail = _LIST_TAIL.fullmatch(text[ents[k - 1].end : x.start])
        if tail is None:
            continue
        members = [ents[k - 1]]
        for y in reversed(ents[: k - 1]):
            if not _COORDINATION_GAP.fullmatch(text[y.end : members[-1].start]):
                break
            members.append(y)
        for m in members:
            if m.label in {"PRODUCT", "INITIATIVE"} and m.name != owner:
                out.append(hit_in_sentence(passage, rule, runs, owner, m.name, x.start))
    return out
