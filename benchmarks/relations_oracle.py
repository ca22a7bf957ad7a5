"""Relation extraction on the development corpus, with the recognizer's entities and with the gold ones.

    python benchmarks/relations_oracle.py [--split dev|fresh|seed|all ...] [--errors] [--optional] [--json FILE]

Relation recall is bounded by entity recognition: a relation whose ends were not found cannot be scored. The
oracle run measures the relation layer alone: the gold entities (every occurrence of a canonical name or alias
in the article's text, longest first, without overlaps) become the document's entities, and only kg_relations runs
after them. Entities the gold marks optional (generic collectives such as 商业银行, national strategies) are left
out unless `--optional` is given: the gold asks for none of their relations and counts most of them as false
positives, so they would measure the annotation's choice rather than the relation layer. Both runs are scored
by the rules of the project's scorer (`kg.evaluate`), for each split:

- relations P/R/F1, overall and per label (`kg.evaluate`'s `by_label`, as `kg eval` prints it: a prediction counts
  under its own label, a missed gold relation under the first label it accepts);
- the share of predicted relations by rule family (`frame:*` rules by frame, the older rules by name).

Splits: seed (the UnionPay article), dev (seed + D01–D08), fresh (D09–D13), all. The corpus lives in
../shared/corpus; it is read from there and never copied.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = "000_6ab065ab207a674c"
SPLITS = {
    "seed": [SEED],
    "dev": [SEED, *(f"D{k:02d}" for k in range(1, 9))],
    "fresh": [f"D{k:02d}" for k in range(9, 14)],
    "all": [SEED, *(f"D{k:02d}" for k in range(1, 14))],
}
_LATIN = re.compile(r"[A-Za-z0-9]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", nargs="+", choices=sorted(SPLITS), default=["dev", "fresh", "all"])
    parser.add_argument("--errors", action="store_true", help="list the relation misses and false positives")
    parser.add_argument("--optional", action="store_true", help="inject the optional gold entities too")
    parser.add_argument("--json", type=Path, help="write every figure as JSON")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"{CORPUS}: not found (the development corpus lives in ../shared/corpus)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from kg.evaluate import load_gold

    gold = load_gold(CORPUS)
    names = sorted({name for split in args.split for name in SPLITS[split]})
    articles = {name: _article(name, gold[name]) for name in names}
    runs = {"recognized": _extract(articles, None), "oracle": _extract(articles, gold, args.optional)}
    figures: dict = {}
    for run, predictions in runs.items():
        for split in args.split:
            subset = {name: gold[name] for name in SPLITS[split]}
            figures[f"{run}/{split}"] = result = _figures(subset, predictions)
            _print(f"{run} entities, {split}", result, args.errors)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return 0


def _article(name: str, gold: dict) -> Path:
    return CORPUS / Path(str(gold.get("document") or name)).name


def _extract(articles: dict[str, Path], gold: dict[str, dict] | None, optional: bool = False) -> dict[str, dict]:
    """Name -> `kg extract` record; with gold, its entities (and with `optional` the optional ones too) replace
    the recognizer's."""
    from kg.extract import Extractor, extraction_to_json
    from kg.ingest import read_documents
    from kg.nlp import make_pipeline

    nlp = make_pipeline()
    documents = {name: next(iter(read_documents([path]))) for name, path in articles.items()}
    if gold is not None:
        for pipe in ("kg_gazetteer", "kg_recognizer", "kg_entities"):
            nlp.remove_pipe(pipe)
        injector = nlp.add_pipe("kg_gold_entities", before="kg_relations")
        injector.entities = {
            documents[name].text: _occurrences(documents[name].text, gold[name], optional) for name in articles
        }
    extractor = Extractor(nlp=nlp)
    return {
        name: extraction_to_json(extraction)
        for name, extraction in zip(documents, extractor.extract_many(documents.values()))
    }


def _occurrences(text: str, gold: dict, optional: bool) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    """(start, end, type, canonical, aliases) of every gold name in the text, longest first, without overlaps;
    a Latin name never matches inside a longer Latin word."""
    names = []
    for entity in gold["entities"]:
        if entity.get("optional") and not optional:
            continue
        aliases = tuple(str(a) for a in entity.get("aliases", ()))
        for name in (entity["canonical"], *aliases):
            if len(name) >= 2:
                names.append((name, entity["type"], entity["canonical"], aliases))
    taken = bytearray(len(text))
    found = []
    for name, label, canonical, aliases in sorted(set(names), key=lambda n: (-len(n[0]), n[0], n[2])):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            inside_latin = (start > 0 and _LATIN.match(text[start - 1]) and _LATIN.match(text[start])) or (
                end < len(text) and _LATIN.match(text[end]) and _LATIN.match(text[end - 1])
            )
            if not any(taken[start:end]) and not inside_latin:
                taken[start:end] = b"\x01" * (end - start)
                found.append((start, end, label, canonical, aliases))
            start = text.find(name, start + 1)
    return sorted(found)


def _figures(gold: dict[str, dict], predictions: dict[str, dict]) -> dict:
    from kg.evaluate import score

    records = [predictions[name] for name in gold]
    overall = score(gold, records)
    rules = Counter(_family(r.get("rule", "")) for record in records for r in record["relations"])
    return {
        "relations": overall.relations.to_json(),
        "entities": overall.entities.to_json(),
        "by_label": {label: s.to_json() for label, s in overall.by_label.items()},
        "rules": dict(sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))),
        "errors": [list(row) for row in overall.errors if row[0] in ("rel_fn", "rel_fp")],
        "names": {
            name: {r["head"]: r["head_label"] for r in predictions[name]["relations"]}
            | {r["tail"]: r["tail_label"] for r in predictions[name]["relations"]}
            for name in gold
        },
    }


def _family(rule: str) -> str:
    return rule if rule.startswith("frame:") else f"rule:{rule}"


def _print(title: str, result: dict, errors: bool) -> None:
    rel = result["relations"]
    print(f"== {title}: relations P {rel['p']:.3f} R {rel['r']:.3f} F1 {rel['f1']:.3f}", end="")
    print(f"  (tp {rel['tp']} fp {rel['fp']} fn {rel['fn']}); entities F1 {result['entities']['f1']:.3f}")
    for label, s in result["by_label"].items():
        print(f"   {label:15} P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f}  (tp {s['tp']} fp {s['fp']} fn {s['fn']})")
    total = sum(result["rules"].values()) or 1
    print("   rules: " + ", ".join(f"{rule} {n / total:.0%}" for rule, n in result["rules"].items()))
    if errors:
        for row in result["errors"]:
            names = result["names"].get(row[1], {})
            print("   " + " ".join(str(names.get(x, x)) for x in row))


def _register_injector() -> None:
    from spacy.language import Language

    from kg.nlp.entities import EntityInfo, align

    class GoldEntities:
        """Sets a document's entities to the gold occurrences found in its text (see `_occurrences`)."""

        def __init__(self) -> None:
            self.entities: dict[str, list[tuple[int, int, str, str, tuple[str, ...]]]] = {}

        def __call__(self, doc):
            found = self.entities.get(doc.text, [])
            align(doc, [(s, e) for s, e, *_ in found])
            doc._.kg_view = None
            infos: dict[str, EntityInfo] = {}
            spans = []
            for start, end, label, canonical, aliases in found:
                info = infos.setdefault(canonical, EntityInfo(canonical, label, set(aliases)))
                info.mentions += 1
                span = doc.char_span(start, end, label=label, kb_id=canonical)
                if span is not None:
                    spans.append(span)
            doc._.kg_entities = dict(sorted(infos.items()))
            doc.set_ents(spans, default="outside")
            return doc

    Language.factory("kg_gold_entities")(lambda nlp, name: GoldEntities())


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    _register_injector()
    raise SystemExit(main())
