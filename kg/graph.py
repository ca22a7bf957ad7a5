"""KnowledgeGraph: the merged graph of many documents, over a networkx MultiDiGraph.

Documents are added one extraction at a time, in any order. Names are resolved
to entities only when the graph is read, from what has been accumulated, so the
result does not depend on the order of documents or on how they were sharded
over workers.
"""

from __future__ import annotations

import copy as copy_module
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from kg import plugins
from kg.iri import DEFAULT_BASE
from kg.model import (
    ENTITY_TYPES,
    SYMMETRIC_RELATIONS,
    DocumentMeta,
    Entity,
    EntityRecord,
    Evidence,
    Extraction,
    Measurement,
    Relation,
    RelationRecord,
    fact_key,
    normalize_name,
)
from kg.unionfind import UnionFind

if TYPE_CHECKING:
    import pandas
    import rdflib


@dataclass(slots=True)
class _Name:
    """What all documents together say about one surface label, as counts, so that a document taken out is
    subtracted rather than everything else re-added."""

    types: Counter = field(default_factory=Counter)
    alias_counts: Counter = field(default_factory=Counter)
    mentions: int = 0
    documents: set[str] = field(default_factory=set)
    english: Counter = field(default_factory=Counter)
    known_count: int = 0

    @property
    def aliases(self) -> set[str]:
        return set(self.alias_counts)

    @property
    def label_en(self) -> str | None:
        return min(self.english) if self.english else None

    @property
    def known(self) -> bool:
        return self.known_count > 0


class KnowledgeGraph:
    """Entities, relations and their evidence, merged across documents.

    >>> g = KnowledgeGraph()
    >>> g.entities()
    []
    """

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base
        self._documents: dict[str, DocumentMeta] = {}
        self._names: dict[str, _Name] = defaultdict(_Name)
        self._records: dict[str, tuple[EntityRecord, ...]] = {}
        self._relations: dict[str, tuple[RelationRecord, ...]] = {}
        self._facts: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
        self._measurements: dict[str, tuple[Measurement, ...]] = {}
        self._resolved: _Resolved | None = None
        self._revision = 0

    # building -------------------------------------------------------------
    def add(self, extraction: Extraction) -> None:
        """Merge one document's extraction; a document id seen before is replaced."""
        doc = extraction.document
        if doc.id in self._documents:
            self._remove_document(doc.id)
        self._documents[doc.id] = doc
        self._records[doc.id] = extraction.entities
        self._relations[doc.id] = extraction.relations
        for ent in extraction.entities:
            _count_record(self._names[ent.label], ent, doc.id, 1)
        for rel in extraction.relations:
            self._facts[fact_key(rel.head, rel.relation, rel.tail)].add(rel.evidence)
        if extraction.measurements:
            self._measurements[doc.id] = extraction.measurements
        self._resolved = None
        self._revision += 1

    def update(self, extractions: Iterable[Extraction]) -> KnowledgeGraph:
        for extraction in extractions:
            self.add(extraction)
        return self

    def refresh(self, meta: DocumentMeta) -> None:
        """Give a document new metadata that its extraction does not depend on (`kg.batch.extraction_key`)."""
        self._documents[meta.id] = meta
        self._resolved = None
        self._revision += 1

    def remove(self, doc_id: str) -> None:
        """Forget one document and all it contributed (`kg build --update --prune` for an input that is gone)."""
        if doc_id in self._documents:
            self._remove_document(doc_id)
            self._resolved = None
            self._revision += 1

    def _remove_document(self, doc_id: str) -> None:
        """Subtract what one document contributed, so that re-adding it does not count twice."""
        for ent in self._records.pop(doc_id, ()):
            name = self._names[ent.label]
            _count_record(name, ent, doc_id, -1)
            if not name.documents:
                del self._names[ent.label]
        self._measurements.pop(doc_id, None)
        for rel in self._relations.pop(doc_id, ()):
            key = fact_key(rel.head, rel.relation, rel.tail)
            kept = self._facts.get(key, set())
            kept.discard(rel.evidence)
            if not kept:
                self._facts.pop(key, None)
        del self._documents[doc_id]

    def extractions(self) -> Iterator[Extraction]:
        """Each document's extraction as it was added, in document order: what `kg.state` keeps for updates."""
        for doc_id in sorted(self._documents):
            yield Extraction(
                self._documents[doc_id],
                self._records.get(doc_id, ()),
                self._relations.get(doc_id, ()),
                self._measurements.get(doc_id, ()),
            )

    # reading ----------------------------------------------------------------
    @property
    def documents(self) -> list[DocumentMeta]:
        return [self._documents[k] for k in sorted(self._documents)]

    @property
    def revision(self) -> int:
        """A number that moves whenever the graph changes: what is computed from the graph (an in-memory SPARQL
        store) is stale once it has moved."""
        return self._revision

    @property
    def nx(self) -> nx.MultiDiGraph:
        """The graph as networkx: nodes keyed by canonical label, edges keyed by relation label."""
        return self._resolve().graph

    def find(self, name: str) -> Entity | None:
        """The entity that any of its names (label, alias, English name) refers to."""
        resolved = self._resolve()
        label = resolved.index.get(normalize_name(name))
        return resolved.entities[label] if label is not None else None

    def entities(self, type: str | None = None) -> list[Entity]:
        ents = self._resolve().entities.values()
        return [e for e in ents if type is None or e.type == type.upper()]

    def relations(
        self,
        head: str | None = None,
        relation: str | None = None,
        tail: str | None = None,
        min_confidence: float = 0.0,
    ) -> list[Relation]:
        """Merged facts, filtered by any name of their ends and by label."""
        head_label = self._label_or_none(head)
        tail_label = self._label_or_none(tail)
        out = []
        for rel in self._resolve().relations:
            symmetric = rel.relation in SYMMETRIC_RELATIONS
            if head is not None and rel.head != head_label and not (symmetric and rel.tail == head_label):
                continue
            if tail is not None and rel.tail != tail_label and not (symmetric and rel.head == tail_label):
                continue
            if relation is not None and rel.relation != relation:
                continue
            if rel.confidence < min_confidence:
                continue
            out.append(rel)
        return out

    def measurements(
        self,
        subject: str | None = None,
        property: str | None = None,
        unit: str | None = None,
        *,
        as_df: bool = False,
    ) -> list[Measurement] | pandas.DataFrame:
        """The figures stated about entities (and about relations: a stake on an invested_in), their subject and
        object named by the entity's canonical label; filtered by any name of the subject, the measured property
        and the unit. Ordered by document and position. With ``as_df=True``, a pandas DataFrame of the same rows."""
        wanted = self._label_or_none(subject)
        out = []
        for doc_id in sorted(self._measurements):
            for m in self._measurements[doc_id]:
                found = self.find(m.subject)
                other = self.find(m.object) if m.object else None
                if found is None or (m.object and other is None):
                    continue
                if subject is not None and found.label != wanted:
                    continue
                if (property is not None and m.property != property) or (unit is not None and m.unit != unit):
                    continue
                out.append(replace(m, subject=found.label, object=other.label if other else None))
        if not as_df:
            return out
        return plugins.load("measurements_df")(out)

    def _label_or_none(self, name: str | None) -> str | None:
        if name is None:
            return None
        ent = self.find(name)
        return ent.label if ent else "\0unknown"

    def filtered(self, min_confidence: float) -> KnowledgeGraph:
        """A copy without the evidence below a confidence threshold."""
        copy = KnowledgeGraph(self.base)
        copy._documents = dict(self._documents)
        copy._records = dict(self._records)
        for doc_id, records in self._relations.items():
            copy._relations[doc_id] = tuple(r for r in records if r.evidence.confidence >= min_confidence)
        copy._names = copy_module.deepcopy(self._names)
        for doc_id, figures in self._measurements.items():
            kept = tuple(m for m in figures if m.evidence.confidence >= min_confidence)
            if kept:
                copy._measurements[doc_id] = kept
        for key, evidence in self._facts.items():
            kept = {e for e in evidence if e.confidence >= min_confidence}
            if kept:
                copy._facts[key] = kept
        return copy

    def __len__(self) -> int:
        return len(self._resolve().entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities())

    def __repr__(self) -> str:
        r = self._resolve()
        return (
            f"<KnowledgeGraph: {len(self._documents)} documents, {len(r.entities)} entities, "
            f"{len(r.relations)} relations>"
        )

    # output: implementations found by name in kg.plugins, so that this module imports none of them --------
    def save(self, directory: str | Path, workers: int = 1, files: Collection[str] | None = None) -> list[Path]:
        """Write every export (the same files as `kg build`), or the ``files`` named (kg.nq, kg.html, …), into a
        directory; ``workers=2`` writes them in two processes."""
        return plugins.load("save")(self, Path(directory), workers=workers, files=files)

    def sparql(
        self, query: str, bindings: dict[str, Any] | None = None, *, as_df: bool = False
    ) -> list[dict[str, Any]] | bool | pandas.DataFrame:
        """Run SPARQL over the graph: rows as dicts {variable: value} in SELECT order (a bool for ASK), or with
        ``as_df=True`` a pandas DataFrame.

        Bindings are values (str, int, float, bool, rdflib or pyoxigraph terms), never pasted into the query text; a
        plain string also matches the language-tagged labels ("中国银联"@zh) where the query matches it in a triple
        pattern (see `kg.bindings`).
        """
        return plugins.load("sparql")(self, query, bindings=bindings, as_df=as_df)

    def to_rdflib(self) -> rdflib.Dataset:
        """The graph as an rdflib Dataset, a named graph per document: the quads of kg.nq."""
        return plugins.load("rdflib")(self)

    def serialize(
        self,
        destination: str | Path | IO[bytes] | IO[str] | None = None,
        format: str = "turtle",
        encoding: str | None = None,
    ) -> str | bytes | KnowledgeGraph:
        """An export in one of rdflib's format names (turtle, nt, nquads, trig, json-ld, xml), as rdflib's
        `Graph.serialize`: str, bytes with an `encoding`, or written to `destination` (the graph is returned)."""
        return plugins.load("serialize")(self, destination, format, encoding)

    def _repr_html_(self) -> str:
        return plugins.load("html")(self, notebook=True)

    # resolution -------------------------------------------------------------
    def _resolve(self) -> _Resolved:
        if self._resolved is None:
            self._resolved = _resolve(self._names, self._facts)
        return self._resolved


def _count_record(name: _Name, ent: EntityRecord, doc_id: str, sign: int) -> None:
    """Add (sign 1) or subtract (sign -1) one document's record of a label."""
    _count(name.types, ent.type, sign * ent.mentions)
    for alias in {a for a in ent.aliases if a != ent.label}:
        _count(name.alias_counts, alias, sign)
    name.mentions += sign * ent.mentions
    if sign > 0:
        name.documents.add(doc_id)
    else:
        name.documents.discard(doc_id)
    name.known_count += sign * ent.known
    if ent.label_en:
        _count(name.english, ent.label_en, sign)


def _count(counter: Counter, key: str, delta: int) -> None:
    """Counter arithmetic that drops what reaches zero, so a subtracted document leaves no trace."""
    value = counter.pop(key, 0) + delta
    if value:
        counter[key] = value


@dataclass(slots=True)
class _Resolved:
    entities: dict[str, Entity]
    index: dict[str, str]
    relations: list[Relation]
    graph: nx.MultiDiGraph


def _canonical_order(label: str, name: _Name) -> tuple:
    """Sort key for the label a cluster is named by: known names, then most documents, then longest."""
    return (not name.known, -len(name.documents), -len(label), label)


def _resolve(names: dict[str, _Name], facts: dict[tuple[str, str, str], set[Evidence]]) -> _Resolved:
    # Union labels that another label lists as its alias, when that alias points one way only and the two are not
    # different entities of the ontology (a known entity's names are all listed there).
    sets = UnionFind(names)
    by_norm: dict[str, set[str]] = defaultdict(set)
    for label in names:
        by_norm[normalize_name(label)].add(label)
    alias_owners: dict[str, set[str]] = defaultdict(set)
    for label, name in names.items():
        for alias in name.aliases:
            alias_owners[normalize_name(alias)].add(label)

    for key, labels in sorted(by_norm.items()):
        ordered = sorted(labels)
        for other in ordered[1:]:
            sets.union(ordered[0], other)
        owners = alias_owners.get(key, set())
        if len(owners) == 1:
            owner = next(iter(owners))
            if not (names[owner].known and any(names[label].known for label in ordered)):
                sets.union(ordered[0], owner)
    clusters = sets.groups()

    entities: dict[str, Entity] = {}
    label_of: dict[str, str] = {}
    for members in clusters.values():
        canonical = min(members, key=lambda m: _canonical_order(m, names[m]))
        types: Counter = Counter()
        aliases: set[str] = set()
        docs: set[str] = set()
        mentions = 0
        known = False
        english = sorted((not names[m].known, names[m].label_en) for m in members if names[m].label_en)
        label_en = english[0][1] if english else None
        for m in sorted(members):
            n = names[m]
            types.update(n.types)
            aliases.update(n.aliases)
            aliases.add(m)
            docs |= n.documents
            mentions += n.mentions
            known = known or n.known
        type_ = max(ENTITY_TYPES, key=lambda t: (types.get(t, 0), -ENTITY_TYPES.index(t)))
        aliases.discard(canonical)
        entities[canonical] = Entity(
            label=canonical,
            type=type_,
            aliases=sorted(aliases),
            label_en=label_en,
            mentions=mentions,
            documents=sorted(docs),
            known=known,
        )
        for m in members:
            label_of[m] = canonical

    _drop_shared_aliases(entities)
    index: dict[str, str] = {}
    for canonical in sorted(entities, key=lambda c: _canonical_order(c, names.get(c, _Name()))):
        ent = entities[canonical]
        for name in [canonical, *ent.aliases, *([ent.label_en] if ent.label_en else [])]:
            index.setdefault(normalize_name(name), canonical)

    merged: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    for (head, rel, tail), evidence in facts.items():
        h, t = label_of.get(head), label_of.get(tail)
        if h is None or t is None or h == t:
            continue
        merged[fact_key(h, rel, t)] |= evidence
    relations = [Relation(h, rel, t, sorted(ev, key=_evidence_order)) for (h, rel, t), ev in sorted(merged.items())]

    graph = nx.MultiDiGraph()
    for label in sorted(entities):
        ent = entities[label]
        graph.add_node(
            label,
            type=ent.type,
            aliases=ent.aliases,
            label_en=ent.label_en,
            mentions=ent.mentions,
            documents=ent.documents,
            known=ent.known,
        )
    for rel in relations:
        graph.add_edge(
            rel.head,
            rel.tail,
            key=rel.relation,
            relation=rel.relation,
            evidence=rel.evidence,
            confidence=rel.confidence,
            years=rel.years,
        )
    return _Resolved(dict(sorted(entities.items())), index, relations, graph)


def _drop_shared_aliases(entities: dict[str, Entity]) -> None:
    """An alias that two entities claim, or that is another entity's label, names neither for sure: drop it, so that
    every name of the graph points one way and reading the graph back resolves it the same."""
    claims: Counter = Counter()
    for ent in entities.values():
        claims.update({normalize_name(n) for n in (ent.label, *ent.aliases)})
    for ent in entities.values():
        ent.aliases = [a for a in ent.aliases if claims[normalize_name(a)] == 1]


def _evidence_order(e: Evidence) -> tuple:
    return (e.document, e.start, e.end, e.rule, -e.confidence, e.year or 0)
