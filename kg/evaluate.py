"""Scoring against gold files, by the rules of the project's official scorer (shared/eval/kg_score.py).

The numbers must agree with the official scorer exactly, so that `kg eval` can be trusted without running it:
the same name normalization, the same order of matching, the same rounding and the same printed layout.
The rules (shared/corpus/README.md):

- Entities are matched per document, as sets, by any shared name (label or alias) after normalization.
- A second predicted entity for the same gold entity is a false positive: it should have been merged.
- Optional gold entities and relations are neither required nor counted as false positives.
- Predicted types outside the scored types are ignored; a wrong type still counts for the untyped score.
- A relation matches when head, tail and one of the gold labels agree; direction matters except for
  symmetric relations (partnered_with).

Beyond the scorer, `kg eval` prints the relations per label (`EvalReport.by_label`: a prediction counts under its own
label, a missed gold relation under the first label it accepts, so the labels add up to the relations' total), and
scores named subsets of the gold files separately (`select_gold`: the development articles and the fresh ones, say).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from kg.model import ENTITY_TYPES, RELATION_LABELS, fact_key, normalize_name

GOLD_SUFFIX = ".gold.json"

# Error kinds in the order the scorer prints them, with the names it prints.
_ERROR_NAMES: dict[str, str] = {
    "fn": "fn_list",
    "fp": "fp_list",
    "dup": "dup_list",
    "type": "type_errors",
    "rel_fn": "rel_fn_list",
    "rel_fp": "rel_fp_list",
}


@dataclass
class Score:
    """Counts of one measure; precision, recall and F1 are exact, `to_json` rounds them like the scorer."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, int | float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }

    def _line(self, name: str, width: int) -> str:
        # The scorer prints the 4-digit rounded values with 3 digits; rounding twice can differ from once.
        s = self.to_json()
        return (
            f"  {name:<{width}} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}"
            f"  (tp {self.tp} fp {self.fp} fn {self.fn})"
        )


@dataclass
class EvalReport:
    """Scores over a gold folder, and every miss, false positive, duplicate and type error behind them."""

    documents: int
    missing: list[str]
    entities: Score
    by_type: dict[str, Score]
    entities_untyped: Score
    relations: Score
    relations_untyped: Score
    errors: list[tuple] = field(default_factory=list)
    by_label: dict[str, Score] = field(default_factory=dict)  # relations per label, the ontology's order first

    def to_json(self, by_label: bool = False) -> dict[str, Any]:
        """The object `kg_score.py --json` prints; with `by_label`, the relations per label too."""
        labels = {"relations_by_label": {k: s.to_json() for k, s in self.by_label.items()}} if by_label else {}
        return {
            "documents": self.documents,
            "missing_predictions": list(self.missing),
            "entities": self.entities.to_json(),
            "entities_by_type": {t: s.to_json() for t, s in self.by_type.items()},
            "entities_untyped": self.entities_untyped.to_json(),
            "relations": self.relations.to_json(),
            "relations_untyped": self.relations_untyped.to_json(),
            **labels,
        }

    def format(self, errors: bool = False) -> str:
        """The text `kg_score.py [--errors]` prints, without the final newline."""
        lines = [" ".join([_ERROR_NAMES[row[0]], *map(_show, row[1:])]) for row in self.errors] if errors else []
        lines.append(f"documents {self.documents}; missing predictions: {self.missing or 'none'}")
        lines.extend(s._line(t, 11) for t, s in self.by_type.items())
        for name in ("entities_untyped", "relations", "relations_untyped"):
            lines.append(getattr(self, name)._line(name, 18))
        lines.append(
            f"entities F1 {self.entities.to_json()['f1']:.3f} relations F1 {self.relations.to_json()['f1']:.3f}"
        )
        return "\n".join(lines)

    def format_labels(self) -> str:
        """The relations per label, in the layout of the scorer's lines (which it does not print), one column for
        every split."""
        width = max(len(label) for label in (*RELATION_LABELS, *self.by_label)) + 1
        return "\n".join(["relations by label", *(s._line(label, width) for label, s in self.by_label.items())])


def _show(value: object) -> str:
    # Gold label lists are kept as tuples in error rows; the scorer prints them as lists.
    return str(list(value)) if isinstance(value, tuple) else str(value)


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """NAME -> gold object for every NAME.gold.json, in file-name order (the order errors are listed in)."""
    return {
        p.name[: -len(GOLD_SUFFIX)]: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(Path(gold_dir).glob("*" + GOLD_SUFFIX))
    }


def format_reports(reports: Mapping[str, EvalReport], errors: bool = False) -> str:
    """What `kg eval` prints: for each split (titled unless it is the only, unnamed one), the scorer's text, then the
    relations per label."""
    blocks = []
    for name, report in reports.items():
        title = [f"== {name}: {report.documents} gold files"] if name else []
        blocks.append("\n".join([*title, report.format(errors), report.format_labels()]))
    return "\n".join(blocks)


def split_gold(gold: Mapping[str, dict], specs: Sequence[str]) -> dict[str, dict[str, dict]]:
    """Named subsets of the gold objects, one per spec NAME=FILES (FILES: comma-separated names or patterns, as in
    fresh=D09,D1[0-3]); without specs, all of them under the name ""."""
    if not specs:
        return {"": dict(gold)}
    splits = {}
    for spec in specs:
        name, _, patterns = spec.partition("=")
        if not name or not patterns:
            raise ValueError(f"split {spec!r}: expected NAME=FILES, such as fresh=D09,D1[0-3]")
        splits[name] = select_gold(gold, patterns.split(","))
    return splits


def select_gold(gold: Mapping[str, dict], patterns: Sequence[str]) -> dict[str, dict]:
    """The gold objects whose NAME is one of `patterns` or matches one as a shell pattern (D0[1-8], 000_*), in the
    order of `gold`; a pattern that matches no NAME is an error, since a mistyped name would silently shrink a split."""
    unmatched = [p for p in patterns if not any(fnmatchcase(name, p) for name in gold)]
    if unmatched:
        raise ValueError(f"no gold file named {', '.join(unmatched)}")
    return {name: g for name, g in gold.items() if any(fnmatchcase(name, p) for p in patterns)}


def gold_documents(gold_dir: Path, names: Iterable[str] | None = None) -> list[Path]:
    """The articles the gold files annotate (or those of the gold files `names`), so `kg eval` can extract them.

    The gold's "document" field names the file; only its last component is used, so a gold file cannot point
    outside its folder. Without it (or when that file is absent), NAME.* next to NAME.gold.json is taken.
    """
    gold_dir = Path(gold_dir)
    siblings = sorted(p for p in gold_dir.iterdir() if p.is_file() and not p.name.endswith(GOLD_SUFFIX))
    found: set[Path] = set()
    gold = load_gold(gold_dir)
    for name in gold if names is None else names:
        gold_of_name = gold[name]
        named = gold_of_name.get("document")
        path = gold_dir / Path(str(named)).name if named else None
        if path is None or not path.is_file():
            path = next((p for p in siblings if p.name.startswith(name + ".")), None)
        if path is None:
            raise FileNotFoundError(f"{gold_dir / (name + GOLD_SUFFIX)}: no article next to it")
        found.add(path)
    return sorted(found)


def score(gold: Mapping[str, dict], predictions: Iterable[dict], *, types: Sequence[str] = ENTITY_TYPES) -> EvalReport:
    """Score `kg extract` JSONL records against gold objects keyed by NAME (see `load_gold`).

    Documents are scored in the order of `gold`. `types` restricts scoring to some entity types, like the
    scorer's --types.
    """
    types = tuple(t.upper() for t in types)
    tally = _Tally(types)
    assigned = _assign(list(gold), predictions)
    missing = [name for name in gold if name not in assigned]
    for name, doc_gold in gold.items():
        _score_document(name, doc_gold, assigned.get(name, {}), tally)
    entities = Score(*(sum(getattr(s, k) for s in tally.by_type.values()) for k in ("tp", "fp", "fn")))
    errors = [row for kind in _ERROR_NAMES for row in tally.errors[kind]]
    known = [label for label in RELATION_LABELS if label in tally.by_label]
    by_label = {label: tally.by_label[label] for label in [*known, *sorted(set(tally.by_label) - set(known))]}
    return EvalReport(
        len(gold),
        missing,
        entities,
        tally.by_type,
        tally.entities_untyped,
        tally.relations,
        tally.relations_untyped,
        errors,
        by_label,
    )


def _norm(name: object) -> str:
    # Predictions are untrusted JSON: a label may be a number or null, which the scorer compares as text.
    return normalize_name(str(name))


def _names(label: object, aliases: object) -> set[str]:
    names = {_norm(label)} | {_norm(a) for a in aliases or []}
    names.discard("")
    return names


def _assign(names: list[str], predictions: Iterable[dict]) -> dict[str, dict]:
    """Gold NAME -> prediction record; a record names its document by path, file name or stem. Last one wins."""
    assigned: dict[str, dict] = {}
    for record in predictions:
        document = str(record.get("document") or record.get("source") or record.get("id") or "")
        file_name = Path(document).name
        for name in names:
            if file_name.startswith(name + ".") or Path(file_name).stem == Path(name).stem:
                assigned[name] = record
    return assigned


@dataclass
class _Tally:
    """Running counts and error rows over all documents."""

    types: tuple[str, ...]
    by_type: dict[str, Score] = field(init=False)
    entities_untyped: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    relations_untyped: Score = field(default_factory=Score)
    by_label: defaultdict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: dict[str, list[tuple]] = field(default_factory=lambda: {kind: [] for kind in _ERROR_NAMES})

    def __post_init__(self) -> None:
        self.by_type = {t: Score() for t in self.types}


@dataclass
class _Candidate:
    """A predicted entity of a scored type, with the gold entities sharing a name with it, best first."""

    entity: dict
    type: str
    golds: list[int]


@dataclass
class _GoldRelation:
    """A gold relation by entity index, and whether a typed and an untyped prediction have claimed it."""

    head: int
    tail: int
    labels: frozenset[str]
    first: str  # the label a miss counts under
    optional: bool
    typed_hit: bool = False
    untyped_hit: bool = False


def _score_document(doc: str, gold: dict, prediction: dict, tally: _Tally) -> None:
    golds: list[dict] = gold["entities"]
    matched = _score_entities(doc, golds, prediction.get("entities", []), tally)
    _score_relations(doc, golds, gold.get("relations", []), prediction.get("relations", []), matched, tally)


def _score_entities(doc: str, golds: list[dict], predicted: list[dict], tally: _Tally) -> dict[Any, int | None]:
    """Match predicted entities to gold ones; return predicted id (and label) -> gold index or None.

    Entities whose best gold entity has their own type choose first, so that a correctly typed entity is not
    turned into a duplicate by a wrongly typed one listed before it.
    """
    gold_names = [_names(g["canonical"], g.get("aliases")) for g in golds]
    candidates = []
    for entity in predicted:
        etype = str(entity.get("type", "")).upper()
        if etype not in tally.types:
            continue
        names = _names(entity.get("label", ""), entity.get("aliases"))
        label = _norm(entity.get("label", ""))
        shared = [i for i, g in enumerate(gold_names) if names & g]
        shared.sort(key=lambda i: (golds[i]["type"] != etype, _norm(golds[i]["canonical"]) != label))
        candidates.append(_Candidate(entity, etype, shared))
    candidates.sort(key=lambda c: not (c.golds and golds[c.golds[0]]["type"] == c.type))

    matched: dict[Any, int | None] = {}
    taken: set[int] = set()
    typed_taken: set[int] = set()
    for c in candidates:
        label = c.entity.get("label")
        # optional gold entities are never taken, so any number of predictions may match them
        gi = next((i for i in c.golds if i not in taken), c.golds[0] if c.golds else None)
        matched[c.entity.get("id", label)] = gi
        matched.setdefault(label, gi)
        typed = tally.by_type[c.type]
        if gi is None:
            typed.fp += 1
            tally.entities_untyped.fp += 1
            tally.errors["fp"].append(("fp", doc, label, c.type))
        elif golds[gi].get("optional"):
            continue
        elif gi in taken:
            typed.fp += 1
            tally.entities_untyped.fp += 1
            tally.errors["dup"].append(("dup", doc, label, golds[gi]["canonical"]))
        else:
            taken.add(gi)
            tally.entities_untyped.tp += 1
            if golds[gi]["type"] == c.type:
                typed.tp += 1
                typed_taken.add(gi)
            else:
                typed.fp += 1
                tally.errors["type"].append(("type", doc, label, c.type, golds[gi]["type"]))
    for gi, g in enumerate(golds):
        if g.get("optional") or g["type"] not in tally.types:
            continue
        if gi not in typed_taken:
            tally.by_type[g["type"]].fn += 1
            tally.errors["fn"].append(("fn", doc, g["canonical"], g["type"]))
        if gi not in taken:
            tally.entities_untyped.fn += 1
    return matched


def _score_relations(
    doc: str,
    golds: list[dict],
    gold_relations: list[dict],
    predicted: list[dict],
    matched: dict[Any, int | None],
    tally: _Tally,
) -> None:
    """Count predicted relations against gold ones, typed (label and direction) and untyped (the pair only).

    A gold relation counts once; a second prediction of it is a false positive. A prediction that only
    matches an optional gold relation is ignored in both scores.
    """
    index = {_norm(g["canonical"]): i for i, g in enumerate(golds)}
    relations = []
    for r in gold_relations:
        head, tail = index.get(_norm(r["head"])), index.get(_norm(r["tail"]))
        if head is None or tail is None:
            raise ValueError(f"{doc}: gold relation names an unknown entity: {r}")
        labels = r["relation"] if isinstance(r["relation"], list) else [r["relation"]]
        relations.append(_GoldRelation(head, tail, frozenset(labels), labels[0], bool(r.get("optional"))))

    for r in predicted:
        head, tail, label = matched.get(r.get("head")), matched.get(r.get("tail")), r.get("relation")
        typed: _GoldRelation | None = None
        untyped: _GoldRelation | None = None
        if head is not None and tail is not None:
            pair = [g for g in relations if {g.head, g.tail} == {head, tail}]
            same = [
                g for g in pair if label in g.labels and fact_key(g.head, label, g.tail) == fact_key(head, label, tail)
            ]
            # prefer a gold relation no earlier prediction has claimed
            typed = next((g for g in same if not g.typed_hit), same[0] if same else None)
            untyped = next((g for g in pair if not g.untyped_hit), pair[0] if pair else None)
        if typed is not None:
            if typed.optional:
                continue
            if typed.typed_hit:
                tally.relations.fp += 1
                tally.by_label[str(label)].fp += 1
            else:
                typed.typed_hit = True
                tally.relations.tp += 1
                tally.by_label[str(label)].tp += 1
        else:
            if untyped is not None and untyped.optional:
                continue
            tally.relations.fp += 1
            tally.by_label[str(label)].fp += 1
            tally.errors["rel_fp"].append(("rel_fp", doc, r.get("head"), label, r.get("tail")))
        if untyped is None:
            tally.relations_untyped.fp += 1
        elif not untyped.optional:
            if untyped.untyped_hit:
                tally.relations_untyped.fp += 1
            else:
                untyped.untyped_hit = True
                tally.relations_untyped.tp += 1

    for g in relations:
        if g.optional:
            continue
        if not g.typed_hit:
            tally.relations.fn += 1
            tally.by_label[g.first].fn += 1
            tally.errors["rel_fn"].append(
                ("rel_fn", doc, golds[g.head]["canonical"], tuple(sorted(g.labels)), golds[g.tail]["canonical"])
            )
        if not g.untyped_hit:
            tally.relations_untyped.fn += 1
