"""The ontology as Python values: entity types, relation types, known entities and places.

Everything that names a type, a relation or a well-known entity reads it from here, so
ontology/kg.ttl, ontology/entities.ttl and ontology/places.tsv stay the single definition.
The gazetteer has thousands of rows and is read with plain Python; the two small Turtle
files are parsed with rdflib.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SKOS

from kg.iri import DEFAULT_BASE, entity_iri
from kg.model import ENTITY_TYPES, RELATION_LABELS

NAMESPACE = "https://w3id.org/kg/ontology#"
KG = Namespace(NAMESPACE)

# Legend defaults, used when kg.ttl carries no kg:color / kg:shape for a class.
DEFAULT_STYLE: dict[str, tuple[str, str]] = {
    "ORG": ("#4E79A7", "dot"),
    "PRODUCT": ("#F28E2B", "diamond"),
    "INITIATIVE": ("#59A14F", "square"),
    "LOC": ("#B07AA1", "triangle"),
}
_FALLBACK_STYLE = ("#9D9D9D", "dot")


@dataclass(frozen=True, slots=True)
class EntityType:
    """A class of kg.ttl, keyed by the code the extractor uses ("ORG")."""

    code: str
    iri: str
    label_zh: str
    label_en: str
    comment: str
    color: str
    shape: str


@dataclass(frozen=True, slots=True)
class RelationType:
    """An object property of kg.ttl; domain and range are type codes, empty meaning any."""

    code: str
    iri: str
    label_zh: str
    label_en: str
    comment: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    symmetric: bool


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """A name the extractor recognises without a model: an entity of entities.ttl or a place."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    label_en: str | None = None
    level: str | None = None
    parent: str | None = None
    code: str | None = None
    context_aliases: tuple[str, ...] = ()  # kg:contextLabel: its name only where a rule's context says so

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that refers to this entity: label, aliases, then the English name if not listed."""
        extra = (self.label_en,) if self.label_en and self.label_en not in self.aliases else ()
        return (self.label, *self.aliases, *extra)


@dataclass(frozen=True)
class Ontology:
    """Types and relations by code, in the order of kg.model, plus the lexicon of known names."""

    namespace: str
    types: dict[str, EntityType]
    relations: dict[str, RelationType]
    known: tuple[KnownEntity, ...]
    places: tuple[KnownEntity, ...]

    def type_of_iri(self, iri: str) -> str | None:
        """The code of the class with this IRI, or None."""
        return next((t.code for t in self.types.values() if t.iri == iri), None)

    def relation_of_iri(self, iri: str) -> str | None:
        """The code of the property with this IRI, or None."""
        return next((r.code for r in self.relations.values() if r.iri == iri), None)


def ontology_dir() -> Path:
    """The folder holding kg.ttl: the checkout's ontology/ if present, else the installed kg._ontology."""
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if (checkout / "kg.ttl").is_file():
        return checkout
    return Path(str(resources.files("kg._ontology")))


@functools.cache
def load_ontology() -> Ontology:
    """Read the ontology folder once per process."""
    folder = ontology_dir()
    schema = Graph().parse(folder / "kg.ttl", format="turtle")
    types = _entity_types(schema)
    codes = {t.iri: t.code for t in types.values()}
    return Ontology(
        namespace=NAMESPACE,
        types=types,
        relations=_relation_types(schema, codes),
        known=_known_entities(folder / "entities.ttl", codes),
        places=_places(folder / "places.tsv"),
    )


def _rank(code: str, preferred: tuple[str, ...]) -> tuple[int, str]:
    """Codes named by kg.model first, in its order; any others after, sorted."""
    return (preferred.index(code) if code in preferred else len(preferred), code)


def _order(codes: list[str], preferred: tuple[str, ...]) -> list[str]:
    return sorted(codes, key=lambda c: _rank(c, preferred))


def _text(graph: Graph, subject: URIRef, predicate: URIRef, lang: str | None = None) -> str:
    """One literal, preferring the language asked for, chosen deterministically."""
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    matching = [o for o in values if lang is None or o.language == lang]
    pool = matching or ([o for o in values if o.language is None] if lang else [])
    return str(min(pool, key=str)) if pool else ""


def _entity_types(graph: Graph) -> dict[str, EntityType]:
    found: dict[str, EntityType] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        code = _text(graph, cls, KG.code)
        if not code or not isinstance(cls, URIRef):
            continue
        color, shape = DEFAULT_STYLE.get(code, _FALLBACK_STYLE)
        found[code] = EntityType(
            code=code,
            iri=str(cls),
            label_zh=_text(graph, cls, RDFS.label, "zh"),
            label_en=_text(graph, cls, RDFS.label, "en"),
            comment=_text(graph, cls, RDFS.comment, "en") or _text(graph, cls, RDFS.comment),
            color=_text(graph, cls, KG.color) or color,
            shape=_text(graph, cls, KG.shape) or shape,
        )
    return {code: found[code] for code in _order(list(found), ENTITY_TYPES)}


def _class_codes(graph: Graph, node: object, codes: dict[str, str]) -> tuple[str, ...]:
    """Type codes of a domain or range: one class or an owl:unionOf list of classes."""
    if isinstance(node, URIRef):
        return (codes[str(node)],) if str(node) in codes else ()
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        if union is not None:
            members = [str(m) for m in Collection(graph, union)]
            return tuple(_order([codes[m] for m in members if m in codes], ENTITY_TYPES))
    return ()


def _relation_types(graph: Graph, codes: dict[str, str]) -> dict[str, RelationType]:
    found: dict[str, RelationType] = {}
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        code = _text(graph, prop, KG.code)
        if not code or not isinstance(prop, URIRef):
            continue
        domain = sorted({c for d in graph.objects(prop, RDFS.domain) for c in _class_codes(graph, d, codes)})
        range_ = sorted({c for r in graph.objects(prop, RDFS.range) for c in _class_codes(graph, r, codes)})
        found[code] = RelationType(
            code=code,
            iri=str(prop),
            label_zh=_text(graph, prop, RDFS.label, "zh"),
            label_en=_text(graph, prop, RDFS.label, "en"),
            comment=_text(graph, prop, RDFS.comment, "en") or _text(graph, prop, RDFS.comment),
            domain=tuple(_order(domain, ENTITY_TYPES)),
            range=tuple(_order(range_, ENTITY_TYPES)),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
        )
    return {code: found[code] for code in _order(list(found), RELATION_LABELS)}


def _known_entities(path: Path, codes: dict[str, str]) -> tuple[KnownEntity, ...]:
    """The SKOS concepts of kg:KnownEntities, sorted by type then label."""
    graph = Graph().parse(path, format="turtle")
    out = []
    for concept in graph.subjects(SKOS.inScheme, KG.KnownEntities):
        if not isinstance(concept, URIRef):
            continue
        type_codes = sorted(codes[str(t)] for t in graph.objects(concept, RDF.type) if str(t) in codes)
        label = _text(graph, concept, SKOS.prefLabel, "zh")
        if not type_codes or not label:
            continue
        aliases = sorted({str(a) for a in graph.objects(concept, SKOS.altLabel)} - {label})
        in_context = sorted({str(a) for a in graph.objects(concept, KG.contextLabel)} - {label, *aliases})
        out.append(
            KnownEntity(
                iri=str(concept),
                label=label,
                type=_order(type_codes, ENTITY_TYPES)[0],
                aliases=tuple(aliases),
                label_en=_text(graph, concept, SKOS.prefLabel, "en") or None,
                context_aliases=tuple(in_context),
            )
        )
    return tuple(sorted(out, key=lambda e: (_rank(e.type, ENTITY_TYPES), e.label)))


def _places(path: Path) -> tuple[KnownEntity, ...]:
    """The gazetteer written by scripts/build_places.py, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple(
            KnownEntity(
                iri=entity_iri(DEFAULT_BASE, row["label"]),
                label=row["label"],
                type="LOC",
                aliases=tuple(a for a in row["aliases"].split("|") if a),
                level=row["level"] or None,
                parent=row["parent"] or None,
                code=row["code"] or None,
            )
            for row in rows
        )
