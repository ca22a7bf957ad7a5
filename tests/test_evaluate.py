"""Scoring: the rules on tiny invented cases, and exact agreement with the official scorer."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from shared_data import shared

from kg.evaluate import EvalReport, Score, format_reports, gold_documents, load_gold, score, split_gold
from kg.model import ENTITY_TYPES, normalize_name

# Invented gold for one short article about widely known organizations.
TINY: dict[str, dict] = {
    "A": {
        "document": "A.md",
        "entities": [
            {"canonical": "中国银联", "type": "ORG", "aliases": ["银联", "UnionPay"]},
            {"canonical": "云闪付", "type": "PRODUCT", "aliases": ["云闪付APP"]},
            {"canonical": "华为", "type": "ORG", "aliases": ["华为公司"]},
            {"canonical": "上海", "type": "LOC"},
            {"canonical": "商业银行", "type": "ORG", "optional": True},
        ],
        "relations": [
            {"head": "中国银联", "relation": ["operates", "launched"], "tail": "云闪付"},
            {"head": "中国银联", "relation": "partnered_with", "tail": "华为"},
            {"head": "云闪付", "relation": "deployed_at", "tail": "上海"},
            {"head": "中国银联", "relation": "located_in", "tail": "上海", "optional": True},
        ],
    },
}

# Invented gold whose entities share a name, and whose relations repeat a pair.
OVERLAP: dict = {
    "entities": [
        {"canonical": "华为", "type": "ORG", "aliases": ["华为公司", "华为技术"]},
        {"canonical": "华为技术", "type": "ORG"},
        {"canonical": "鸿蒙", "type": "PRODUCT", "aliases": ["HarmonyOS"]},
    ],
    "relations": [
        {"head": "华为", "relation": "launched", "tail": "鸿蒙"},
        {"head": "华为", "relation": ["operates", "launched"], "tail": "鸿蒙"},
    ],
}


def ent(id_: str, label: str, type_: str, *aliases: str) -> dict:
    return {"id": id_, "label": label, "type": type_, "aliases": list(aliases)}


def rel(head: str, relation: str, tail: str) -> dict:
    return {"head": head, "relation": relation, "tail": tail}


PERFECT_ENTITIES = [
    ent("u", "中国银联", "ORG", "银联"),
    ent("y", "云闪付", "PRODUCT"),
    ent("h", "华为", "ORG"),
    ent("s", "上海", "LOC"),
]
PERFECT_RELATIONS = [rel("u", "launched", "y"), rel("u", "partnered_with", "h"), rel("y", "deployed_at", "s")]


def doc(entities: list[dict], relations: list[dict] | None = None, document: str = "A.md") -> dict:
    return {"document": document, "entities": entities, "relations": relations or []}


def counts(s: Score) -> tuple[int, int, int]:
    return s.tp, s.fp, s.fn


# --- the rules ------------------------------------------------------------------------------------------------


def test_perfect_predictions_score_one() -> None:
    report = score(TINY, [doc(PERFECT_ENTITIES, PERFECT_RELATIONS)])
    assert report.documents == 1 and report.missing == []
    assert counts(report.entities) == (4, 0, 0)
    assert counts(report.by_type["ORG"]) == (2, 0, 0)
    assert counts(report.relations) == (3, 0, 0)
    assert report.entities.f1 == report.relations.f1 == 1.0
    assert report.errors == []


def test_names_match_after_normalization() -> None:
    predicted = [ent("u", "ＵＮＩＯＮ ＰＡＹ", "ORG"), ent("y", "《云闪付 app》", "PRODUCT"), ent("s", "“上海”", "LOC")]
    report = score(TINY, [doc(predicted)])
    assert counts(report.entities) == (3, 0, 1)
    assert [e for e in report.errors if e[0] != "rel_fn"] == [("fn", "A", "华为", "ORG")]


def test_a_predicted_alias_can_match_a_gold_alias() -> None:
    report = score(TINY, [doc([ent("h", "华为技术", "ORG", "华为公司")])])
    assert counts(report.by_type["ORG"]) == (1, 0, 1)


def test_an_unmerged_duplicate_is_a_false_positive() -> None:
    report = score(TINY, [doc([ent("u1", "中国银联", "ORG"), ent("u2", "银联", "ORG")])])
    assert counts(report.by_type["ORG"]) == (1, 1, 1)
    assert counts(report.entities_untyped) == (1, 1, 3)
    assert ("dup", "A", "银联", "中国银联") in report.errors


def test_optional_entities_are_neither_required_nor_false_positives() -> None:
    with_optional = score(TINY, [doc([*PERFECT_ENTITIES, ent("b", "商业银行", "ORG")])])
    without = score(TINY, [doc(PERFECT_ENTITIES)])
    assert counts(with_optional.entities) == counts(without.entities) == (4, 0, 0)


def test_a_wrong_type_counts_untyped_but_not_typed() -> None:
    report = score(TINY, [doc([ent("y", "云闪付", "ORG")])])
    assert counts(report.by_type["ORG"]) == (0, 1, 2)
    assert counts(report.by_type["PRODUCT"]) == (0, 0, 1)
    assert counts(report.entities_untyped) == (1, 0, 3)
    assert ("type", "A", "云闪付", "ORG", "PRODUCT") in report.errors


def test_an_entity_of_the_right_type_is_matched_before_a_wrongly_typed_one() -> None:
    report = score(TINY, [doc([ent("p", "华为", "PRODUCT"), ent("o", "华为公司", "ORG")])])
    assert counts(report.by_type["ORG"]) == (1, 0, 1)
    assert counts(report.by_type["PRODUCT"]) == (0, 1, 1)
    assert ("dup", "A", "华为", "华为") in report.errors


def test_unscored_types_are_ignored_and_types_are_case_insensitive() -> None:
    report = score(TINY, [doc([ent("x", "任正非", "PERSON"), ent("h", "华为", "org")])])
    assert counts(report.entities) == (1, 0, 3)


def test_types_restrict_scoring() -> None:
    report = score(TINY, [doc([ent("h", "华为", "ORG"), ent("y", "云闪付", "PRODUCT")])], types=["org", "loc"])
    assert list(report.by_type) == ["ORG", "LOC"]
    assert counts(report.entities) == (1, 0, 2)
    assert counts(report.entities_untyped) == (1, 0, 2)


def test_unmatched_predicted_entities_are_false_positives() -> None:
    report = score(TINY, [doc([ent("t", "腾讯", "ORG")])])
    assert counts(report.by_type["ORG"]) == (0, 1, 2)
    assert ("fp", "A", "腾讯", "ORG") in report.errors


def test_direction_matters_except_for_partnered_with() -> None:
    reversed_ = [rel("y", "launched", "u"), rel("h", "partnered_with", "u")]
    report = score(TINY, [doc(PERFECT_ENTITIES, reversed_)])
    assert counts(report.relations) == (1, 1, 2)
    assert counts(report.relations_untyped) == (2, 0, 1)
    assert ("rel_fp", "A", "y", "launched", "u") in report.errors
    assert ("rel_fn", "A", "中国银联", ("launched", "operates"), "云闪付") in report.errors


def test_any_listed_label_is_accepted_and_others_are_not() -> None:
    ok = score(TINY, [doc(PERFECT_ENTITIES, [rel("u", "operates", "y")])])
    wrong = score(TINY, [doc(PERFECT_ENTITIES, [rel("u", "part_of", "y")])])
    assert counts(ok.relations) == (1, 0, 2)
    assert counts(wrong.relations) == (0, 1, 3)
    assert counts(wrong.relations_untyped) == (1, 0, 2)


def test_optional_relations_are_ignored_even_with_a_wrong_label() -> None:
    extra = [rel("u", "located_in", "s"), rel("s", "regulates", "u")]
    report = score(TINY, [doc(PERFECT_ENTITIES, PERFECT_RELATIONS + extra)])
    assert counts(report.relations) == (3, 0, 0)
    assert counts(report.relations_untyped) == (3, 0, 0)


def test_a_repeated_relation_is_a_false_positive() -> None:
    report = score(TINY, [doc(PERFECT_ENTITIES, [*PERFECT_RELATIONS, rel("u", "operates", "y")])])
    assert counts(report.relations) == (3, 1, 0)
    assert counts(report.relations_untyped) == (3, 1, 0)


def test_relations_may_name_entities_by_label_and_unknown_ends_are_false_positives() -> None:
    entities = [{"label": "中国银联", "type": "ORG"}, ent("y", "云闪付", "PRODUCT")]
    report = score(TINY, [doc(entities, [rel("中国银联", "launched", "y"), rel("y", "deployed_at", "nowhere")])])
    assert counts(report.relations) == (1, 1, 2)
    assert counts(report.relations_untyped) == (1, 1, 2)


def test_a_gold_entity_whose_canonical_is_the_label_is_preferred() -> None:
    report = score({"C": OVERLAP}, [doc([ent("t", "华为技术", "ORG")], document="C.md")])
    assert counts(report.by_type["ORG"]) == (1, 0, 1)
    assert ("fn", "C", "华为", "ORG") in report.errors


def test_a_repeated_prediction_claims_a_second_gold_relation_of_the_same_pair() -> None:
    entities = [ent("h", "华为", "ORG"), ent("m", "鸿蒙", "PRODUCT")]
    relations = [rel("h", "launched", "m"), rel("华为", "launched", "m")]  # the second names its head by label
    report = score({"C": OVERLAP}, [doc(entities, relations, document="C.md")])
    assert counts(report.relations) == (2, 0, 0)
    assert counts(report.relations_untyped) == (2, 0, 0)


def test_documents_are_matched_by_path_name_or_stem_and_missing_ones_score_zero() -> None:
    gold = {**TINY, "B": {"entities": [{"canonical": "北京", "type": "LOC"}], "relations": []}}
    by_path = score(gold, [doc(PERFECT_ENTITIES, document="/data/news/A.md")])
    assert by_path.missing == ["B"]
    assert counts(by_path.by_type["LOC"]) == (1, 0, 1)
    by_source = score(gold, [{"source": "B.txt", "entities": [ent("b", "北京", "LOC")]}])
    assert by_source.missing == ["A"]
    assert counts(by_source.by_type["LOC"]) == (1, 0, 1)
    assert score(gold, []).missing == ["A", "B"]


def test_a_gold_relation_naming_an_unknown_entity_is_an_error() -> None:
    gold = {"A": {"entities": [], "relations": [rel("甲", "launched", "乙")]}}
    with pytest.raises(ValueError, match="unknown entity"):
        score(gold, [])


def test_precision_recall_f1() -> None:
    s = Score(tp=1, fp=2, fn=0)
    assert (s.precision, s.recall, s.f1) == (1 / 3, 1.0, 0.5)
    assert s.to_json() == {"tp": 1, "fp": 2, "fn": 0, "p": 0.3333, "r": 1.0, "f1": 0.5}
    assert Score().to_json() == {"tp": 0, "fp": 0, "fn": 0, "p": 0.0, "r": 0.0, "f1": 0.0}


def test_format_prints_rounded_values_and_errors_first() -> None:
    tiny = Score(tp=1, fp=2001, fn=0)  # P = 0.0004995: 0.0005 after rounding to 4 digits, so 0.001 printed
    report = EvalReport(
        documents=2,
        missing=["B"],
        entities=tiny,
        by_type={"ORG": tiny, "LOC": Score()},
        entities_untyped=Score(1, 0, 1),
        relations=Score(),
        relations_untyped=Score(),
        errors=[("fn", "A", "北京", "LOC"), ("rel_fn", "A", "中国银联", ("launched", "operates"), "云闪付")],
    )
    assert report.format(errors=True) == "\n".join(
        [
            "fn_list A 北京 LOC",
            "rel_fn_list A 中国银联 ['launched', 'operates'] 云闪付",
            "documents 2; missing predictions: ['B']",
            "  ORG         P 0.001  R 1.000  F1 0.001  (tp 1 fp 2001 fn 0)",
            "  LOC         P 0.000  R 0.000  F1 0.000  (tp 0 fp 0 fn 0)",
            "  entities_untyped   P 1.000  R 0.500  F1 0.667  (tp 1 fp 0 fn 1)",
            "  relations          P 0.000  R 0.000  F1 0.000  (tp 0 fp 0 fn 0)",
            "  relations_untyped  P 0.000  R 0.000  F1 0.000  (tp 0 fp 0 fn 0)",
            "entities F1 0.001 relations F1 0.000",
        ]
    )
    assert report.format().startswith("documents 2; missing predictions: ['B']\n")
    assert "missing predictions: none" in score(TINY, [doc([])]).format()


def test_load_gold_and_gold_documents(tmp_path: Path) -> None:
    write = _write_gold
    write(tmp_path, "b", {"document": "b.md", "entities": [], "relations": []})
    write(tmp_path, "a", {"entities": [], "relations": []})
    write(tmp_path, "c", {"document": "../../etc/c.txt", "entities": [], "relations": []})
    for name in ("a.txt", "b.md", "c.txt", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert list(load_gold(tmp_path)) == ["a", "b", "c"]
    assert gold_documents(tmp_path) == [tmp_path / "a.txt", tmp_path / "b.md", tmp_path / "c.txt"]
    write(tmp_path, "d", {"entities": [], "relations": []})
    with pytest.raises(FileNotFoundError, match=r"d\.gold\.json"):
        gold_documents(tmp_path)
    assert gold_documents(tmp_path, ["c", "b"]) == [tmp_path / "b.md", tmp_path / "c.txt"]  # d's article not needed


def test_same_input_same_report() -> None:
    records = [doc([*PERFECT_ENTITIES, ent("t", "腾讯", "ORG")], [rel("y", "launched", "u")])]
    first, second = score(TINY, records), score(TINY, list(reversed(records)))
    assert first.to_json() == second.to_json() and first.errors == second.errors


# --- beyond the scorer: relations per label, named splits -------------------------------------------------------


def test_relations_per_label_add_up_to_the_relations_total() -> None:
    predicted = [
        rel("u", "launched", "y"),  # gold accepts operates or launched: counted under launched
        rel("h", "partnered_with", "u"),  # symmetric
        rel("u", "regulates", "h"),  # no such gold relation
        rel("u", "made_up", "y"),  # a label outside the ontology is listed after its labels
        rel("u", "located_in", "s"),  # optional in the gold: counted nowhere
    ]
    report = score(TINY, [doc(PERFECT_ENTITIES, predicted)])
    assert {label: counts(s) for label, s in report.by_label.items()} == {
        "launched": (1, 0, 0),
        "partnered_with": (1, 0, 0),
        "deployed_at": (0, 0, 1),
        "regulates": (0, 1, 0),
        "made_up": (0, 1, 0),
    }
    assert list(report.by_label) == ["launched", "partnered_with", "deployed_at", "regulates", "made_up"]
    totals = tuple(sum(getattr(s, k) for s in report.by_label.values()) for k in ("tp", "fp", "fn"))
    assert totals == counts(report.relations) == (2, 2, 1)


def test_a_missed_relation_counts_under_the_first_label_it_accepts() -> None:
    report = score(TINY, [doc(PERFECT_ENTITIES, [rel("u", "partnered_with", "h")])])
    assert counts(report.by_label["operates"]) == (0, 0, 1)  # gold: ["operates", "launched"]
    assert "launched" not in report.by_label
    repeated = score(TINY, [doc(PERFECT_ENTITIES, [rel("u", "launched", "y"), rel("u", "operates", "y")])])
    assert counts(repeated.by_label["launched"]) == (1, 0, 0)
    assert counts(repeated.by_label["operates"]) == (0, 1, 0)  # the same fact again, as the scorer counts it


def test_the_label_table_and_json() -> None:
    report = score(TINY, [doc(PERFECT_ENTITIES, [rel("u", "launched", "y"), rel("u", "regulates", "h")])])
    assert report.format_labels() == "\n".join(
        [
            "relations by label",
            "  launched        P 1.000  R 1.000  F1 1.000  (tp 1 fp 0 fn 0)",
            "  partnered_with  P 0.000  R 0.000  F1 0.000  (tp 0 fp 0 fn 1)",
            "  deployed_at     P 0.000  R 0.000  F1 0.000  (tp 0 fp 0 fn 1)",
            "  regulates       P 0.000  R 0.000  F1 0.000  (tp 0 fp 1 fn 0)",
        ]
    )
    assert "relations_by_label" not in report.to_json()  # the scorer's object stays the scorer's
    by_label = report.to_json(by_label=True)["relations_by_label"]
    assert by_label["regulates"] == {"tp": 0, "fp": 1, "fn": 0, "p": 0.0, "r": 0.0, "f1": 0.0}


GOLD_FILES = {name: {"entities": [], "relations": []} for name in ("000_seed", "D01", "D02", "D09", "D10", "D11")}


def test_split_gold_by_names_and_patterns() -> None:
    splits = split_gold(GOLD_FILES, ["fresh=D09,D1[0-3]", "dev=000_*,D0[1-8]", "one=D02"])
    assert {name: list(subset) for name, subset in splits.items()} == {
        "fresh": ["D09", "D10", "D11"],
        "dev": ["000_seed", "D01", "D02"],
        "one": ["D02"],
    }
    assert split_gold(GOLD_FILES, []) == {"": GOLD_FILES}


@pytest.mark.parametrize(
    ("spec", "message"),
    [("fresh=D09,D14", "no gold file named D14"), ("fresh", "expected NAME=FILES"), ("=D09", "expected NAME=FILES")],
)
def test_a_split_that_names_no_gold_file_is_an_error(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        split_gold(GOLD_FILES, [spec])


def test_each_split_is_scored_and_printed_apart() -> None:
    gold = {"A": TINY["A"], "B": {"document": "B.md", "entities": TINY["A"]["entities"], "relations": []}}
    records = [doc(PERFECT_ENTITIES, PERFECT_RELATIONS), doc(PERFECT_ENTITIES, document="B.md")]
    reports = {name: score(subset, records) for name, subset in split_gold(gold, ["a=A", "b=B"]).items()}
    text = format_reports(reports)
    assert text.startswith("== a: 1 gold files\ndocuments 1; missing predictions: none\n")
    assert "\n== b: 1 gold files\n" in text
    assert text.count("relations by label") == 2
    assert reports["a"].relations.f1 == 1.0 and counts(reports["b"].relations) == (0, 0, 0)
    alone = format_reports({"": reports["a"]})
    assert alone == reports["a"].format() + "\n" + reports["a"].format_labels()


# --- agreement with the official scorer -----------------------------------------------------------------------


def _write_gold(folder: Path, name: str, gold: dict) -> None:
    (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def _assert_agrees(gold_dir: Path, records: list[dict], tmp_path: Path, types: str | None = None) -> EvalReport:
    """Score with both implementations; the JSON and the printed text with --errors must be identical."""
    scorer = shared("eval", "kg_score.py")
    path = tmp_path / "predictions.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    extra = ["--types", types] if types else []

    def official(*flags: str) -> str:
        command = [sys.executable, str(scorer), str(gold_dir), str(path), *extra, *flags]
        return subprocess.run(command, capture_output=True, text=True, check=True, encoding="utf-8").stdout

    report = score(load_gold(gold_dir), records, types=types.split(",") if types else ENTITY_TYPES)
    assert report.to_json() == json.loads(official("--json"))
    assert report.format(errors=True) + "\n" == official("--errors")
    return report


Variant = Callable[[str, dict, random.Random], "dict | None"]


def _ids(gold: dict, with_optional: bool) -> dict[str, str]:
    """Normalized gold name -> predicted entity id, for the entities a variant predicts."""
    ids: dict[str, str] = {}
    for i, g in enumerate(gold["entities"]):
        if with_optional or not g.get("optional"):
            ids[normalize_name(g["canonical"])] = f"e{i}"
    return ids


def _from_gold(name: str, gold: dict, with_optional: bool = False) -> dict:
    ids = _ids(gold, with_optional)
    entities = [
        ent(f"e{i}", g["canonical"], g["type"], *g.get("aliases", []))
        for i, g in enumerate(gold["entities"])
        if with_optional or not g.get("optional")
    ]
    relations = []
    for r in gold["relations"]:
        head, tail = ids.get(normalize_name(r["head"])), ids.get(normalize_name(r["tail"]))
        labels = r["relation"] if isinstance(r["relation"], list) else [r["relation"]]
        if head and tail and (with_optional or not r.get("optional")):
            relations.append(rel(head, labels[0], tail))
    return doc(entities, relations, document=gold.get("document", name + ".txt"))


def perfect(name: str, gold: dict, rng: random.Random) -> dict:
    return _from_gold(name, gold)


def with_optional(name: str, gold: dict, rng: random.Random) -> dict:
    return _from_gold(name, gold, with_optional=True)


def dropped(name: str, gold: dict, rng: random.Random) -> dict:
    record = _from_gold(name, gold)
    record["entities"] = record["entities"][::3]
    return record


def extra(name: str, gold: dict, rng: random.Random) -> dict:
    record = _from_gold(name, gold)
    record["entities"] += [ent(f"x{i}", f"虚构公司{i}", t) for i, t in enumerate(ENTITY_TYPES)]
    record["relations"] += [rel("x0", "launched", "x1"), rel("x0", "partnered_with", "e0")]
    return record


def split_aliases(name: str, gold: dict, rng: random.Random) -> dict:
    record = _from_gold(name, gold)
    for e in list(record["entities"]):
        if e["aliases"]:
            record["entities"].append(ent(e["id"] + "b", e["aliases"][-1], e["type"]))
            e["aliases"] = []
            record["relations"].append(rel(e["id"] + "b", "part_of", e["id"]))
    return record


def wrong_types(name: str, gold: dict, rng: random.Random) -> dict:
    record = _from_gold(name, gold)
    for e in record["entities"][::2]:
        e["type"] = ENTITY_TYPES[(ENTITY_TYPES.index(e["type"]) + 1) % len(ENTITY_TYPES)]
    return record


def reversed_relations(name: str, gold: dict, rng: random.Random) -> dict:
    record = _from_gold(name, gold)
    record["relations"] = [rel(r["tail"], r["relation"], r["head"]) for r in record["relations"]]
    return record


def reversed_symmetric(name: str, gold: dict, rng: random.Random) -> dict:
    record = _from_gold(name, gold)
    record["relations"] = [
        rel(r["tail"], r["relation"], r["head"]) if r["relation"] == "partnered_with" else r
        for r in record["relations"]
    ]
    return record


def other_labels(name: str, gold: dict, rng: random.Random) -> dict:
    ids = _ids(gold, with_optional=True)
    record = _from_gold(name, gold, with_optional=True)
    record["relations"] = []
    for i, r in enumerate(gold["relations"]):
        labels = r["relation"] if isinstance(r["relation"], list) else [r["relation"]]
        label = "regulates" if i % 3 == 0 else labels[-1]
        head, tail = ids[normalize_name(r["head"])], ids[normalize_name(r["tail"])]
        record["relations"] += [rel(head, label, tail)] * (2 if i % 4 == 1 else 1)
    return record


def odd_records(name: str, gold: dict, rng: random.Random) -> dict | None:
    """Missing documents, documents named by path or by "source", entities without ids, odd types."""
    if name.endswith(("2", "5")):
        return None
    record = _from_gold(name, gold)
    if name.endswith("3"):
        record["source"] = "corpus/" + record.pop("document")
    elif name.endswith("4"):
        record["document"] = "/somewhere/else/" + record["document"]
    for e in record["entities"][1::4]:
        del e["id"]
    for e in record["entities"][2::5]:
        e["type"] = e["type"].lower()
    record["entities"].append(ent("p", "某某", "PERSON"))
    record["relations"].append(rel(record["entities"][0]["label"], "launched", "p"))
    return record


def shuffled_mix(name: str, gold: dict, rng: random.Random) -> dict:
    """Random edits of every kind, so matching order and tie-breaking are exercised."""
    record = _from_gold(name, gold, with_optional=rng.random() < 0.5)
    entities = []
    for e in record["entities"]:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.25 and e["aliases"]:
            entities.append(ent(e["id"] + "d", rng.choice(e["aliases"]), rng.choice(ENTITY_TYPES)))
        elif roll < 0.35:
            e["type"] = rng.choice(ENTITY_TYPES)
        elif roll < 0.45 and e["aliases"]:
            e["label"], e["aliases"] = e["aliases"][0], [e["label"]]
        entities.append(e)
    entities.append(ent("n", "虚构集团", "ORG"))
    rng.shuffle(entities)
    ids = [e.get("id") for e in entities]
    relations = []
    for r in record["relations"]:
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.3:
            r = rel(r["tail"], r["relation"], r["head"])
        elif roll < 0.4:
            r = rel(r["head"], rng.choice(["partnered_with", "part_of", "operates"]), r["tail"])
        relations += [r, r] if roll > 0.9 else [r]
    relations += [rel(rng.choice(ids), "partnered_with", rng.choice(ids)) for _ in range(3)]
    rng.shuffle(relations)
    record["entities"], record["relations"] = entities, relations
    return record


VARIANTS: list[Variant] = [
    perfect,
    with_optional,
    dropped,
    extra,
    split_aliases,
    wrong_types,
    reversed_relations,
    reversed_symmetric,
    other_labels,
    odd_records,
]


def _corpus_records(variant: Variant, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    records = [variant(name, gold, rng) for name, gold in load_gold(shared("corpus")).items()]
    return [r for r in records if r is not None]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
def test_agrees_with_the_official_scorer_on_the_corpus(variant: Variant, tmp_path: Path) -> None:
    report = _assert_agrees(shared("corpus"), _corpus_records(variant), tmp_path)
    if variant is perfect:
        assert report.entities.f1 == report.relations.f1 == 1.0


@pytest.mark.parametrize("seed", range(4))
def test_agrees_with_the_official_scorer_on_random_edits(seed: int, tmp_path: Path) -> None:
    _assert_agrees(shared("corpus"), _corpus_records(shuffled_mix, seed), tmp_path)


def test_agrees_with_the_official_scorer_on_some_types(tmp_path: Path) -> None:
    _assert_agrees(shared("corpus"), _corpus_records(shuffled_mix, 7), tmp_path, types="ORG,loc")


@pytest.mark.parametrize(
    "records",
    [
        [doc(PERFECT_ENTITIES, PERFECT_RELATIONS)],
        [
            doc(
                [
                    ent("u1", "中国银联", "ORG"),
                    ent("u2", "银联", "ORG"),
                    ent("p", "华为", "PRODUCT"),
                    ent("o", "华为公司", "ORG"),
                    ent("b", "商业银行", "ORG"),
                    ent("t", "腾讯", "ORG"),
                ],
                [rel("u2", "partnered_with", "o"), rel("u1", "located_in", "s"), rel("t", "invested_in", "u1")],
            )
        ],
        [
            doc(
                PERFECT_ENTITIES,
                [
                    rel("y", "launched", "u"),
                    rel("h", "partnered_with", "u"),
                    rel("u", "operates", "y"),
                    rel("s", "regulates", "u"),
                    rel("y", "deployed_at", "s"),
                    rel("y", "deployed_at", "s"),
                ],
            )
        ],
        [
            doc(
                [ent("t", "华为技术", "ORG"), ent("h", "华为公司", "ORG"), ent("m", "HarmonyOS", "PRODUCT")],
                [rel("华为公司", "launched", "m"), rel("h", "launched", "m"), rel("m", "operates", "t")],
                document="C.md",
            )
        ],
    ],
    ids=["perfect", "entities", "relations", "overlap"],
)
def test_agrees_with_the_official_scorer_on_tiny_cases(records: list[dict], tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for name, gold in TINY.items():
        _write_gold(gold_dir, name, gold)
    _write_gold(gold_dir, "C", OVERLAP)
    _write_gold(gold_dir, "B", {"entities": [{"canonical": "北京", "type": "LOC"}], "relations": []})
    _assert_agrees(gold_dir, records, tmp_path)
