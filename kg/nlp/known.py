"""The known names: entities and places read from the ontology, with every name and alias they go by.

Names of entities come from here (and from the recognizer's rules), never from the word lists of kg/nlp/words, which
hold cue words of the language only.
"""

from __future__ import annotations

from functools import cache

from kg.nlp.words import NATIONAL_BODY_ENDINGS, NATIONAL_PREFIXES
from kg.ontology import KnownEntity, load_ontology


@cache
def known_entities() -> tuple[KnownEntity, ...]:
    """The ontology's known entities, then its places."""
    onto = load_ontology()
    return onto.known + onto.places


@cache
def known_surface_forms() -> tuple[tuple[str, KnownEntity], ...]:
    """Every name and alias of a known entity or place, paired with its entity; first claim wins."""
    seen: dict[str, KnownEntity] = {}
    for ent in known_entities():
        for name in (ent.label, *ent.aliases, *([ent.label_en] if ent.label_en else [])):
            if name and name not in seen and _usable_surface(name, ent):
                seen[name] = ent
    return tuple(sorted(seen.items()))


@cache
def _claimed() -> dict[str, KnownEntity]:
    """Every name a known entity or place goes by → its owner, for the short forms below to leave alone."""
    return dict(known_surface_forms())


@cache
def national_short_forms() -> dict[str, KnownEntity]:
    """发改委, 能源局, 证券业协会: a national body's name without its 国家 or 中国, where no known name claims it.
    Alone it names the national body; the gazetteer leaves it to the rules after a place or a level (深圳市发改委)."""
    claimed = _claimed()
    found: dict[str, KnownEntity] = {}
    for name, ent in known_surface_forms():
        prefix = next((p for p in NATIONAL_PREFIXES if name.startswith(p)), "")
        short = name[len(prefix) :]
        if (
            ent.type == "ORG"
            and prefix
            and len(short) >= 3
            and short.endswith(NATIONAL_BODY_ENDINGS)
            and short not in claimed
        ):
            found.setdefault(short, ent)
    return found


@cache
def county_short_forms() -> dict[str, KnownEntity]:
    """临安, 象山, 庐江: a county's or a district's two-character name without its suffix, where no known name claims
    it. Such names collide with words (长寿, 大关, 惠民), so the gazetteer takes one only right after its province or
    city, where the dictionary tags the word as a place (海南琼海)."""
    claimed = _claimed()
    found: dict[str, KnownEntity] = {}
    for ent in known_entities():
        if ent.level in {"district", "county"}:
            for name in (ent.label, *ent.aliases):
                if len(name) == 2 and name not in claimed:
                    found.setdefault(name, ent)
    return found


@cache
def context_names() -> dict[str, KnownEntity]:
    """罗马, 利物浦, 勇士: names of known organizations that are also a place or a word (kg:contextLabel). The
    gazetteer never takes them; a rule whose context says so (teams, in a match report) does."""
    claimed = _claimed()
    found: dict[str, KnownEntity] = {}
    for ent in known_entities():
        for name in ent.context_aliases:
            if name not in claimed or claimed[name].type == "LOC":
                found.setdefault(name, ent)
    return found


@cache
def known_org_names() -> frozenset[str]:
    """Every name and alias of a known organization."""
    return frozenset(name for name, ent in known_surface_forms() if ent.type == "ORG")


def names_a_known_org(name: str) -> bool:
    """Whether a name is a known organization's, or one a known organization has in context (a club's 火箭)."""
    return name in known_org_names() or name in context_names()


@cache
def known_places() -> dict[str, KnownEntity]:
    """Every usable name of a known place → the place."""
    return {name: ent for name, ent in known_surface_forms() if ent.type == "LOC"}


def _usable_surface(name: str, ent: KnownEntity) -> bool:
    """Short forms of districts and counties collide with ordinary words (长寿, 资源, 惠民): match those only with
    their administrative suffix. The whole world (CLDR region 001) is not a place a fact can be located in."""
    if ent.code == "001":
        return False
    if ent.level in {"district", "county"} and len(name) <= 2:
        return False
    return len(name) >= 2
