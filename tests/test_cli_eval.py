"""`kg eval` on a small gold folder of invented articles (tests/fixtures/eval): splits scored apart, the relations
per label, JSON, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.evaluate import format_reports, load_gold, score, split_gold
from kg.extract import Extractor, extraction_to_json
from kg.ingest import read_documents

GOLD = Path(__file__).parent / "fixtures" / "eval"


def entity(id_: str, label: str, type_: str) -> dict:
    return {"id": id_, "label": label, "type": type_, "aliases": []}


@pytest.fixture
def predictions(tmp_path: Path) -> Path:
    """alpha found whole, beta with a wrong label, gamma with one of its two relations."""
    records = [
        {
            "document": "alpha.txt",
            "entities": [entity("u", "中国银联", "ORG"), entity("y", "云闪付", "PRODUCT")],
            "relations": [{"head": "u", "relation": "launched", "tail": "y"}],
        },
        {
            "document": "beta.txt",
            "entities": [entity("h", "华为", "ORG"), entity("a", "农行", "ORG")],
            "relations": [{"head": "h", "relation": "invested_in", "tail": "a"}],
        },
        {
            "document": "gamma.txt",
            "entities": [entity("y", "云闪付", "PRODUCT"), entity("s", "深圳", "LOC"), entity("u", "银联", "ORG")],
            "relations": [{"head": "y", "relation": "deployed_at", "tail": "s"}],
        },
    ]
    path = tmp_path / "predictions.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_splits_are_scored_apart_with_their_labels(predictions: Path, capsys: pytest.CaptureFixture) -> None:
    args = ["eval", str(GOLD), "--predictions", str(predictions), "--split", "first=alpha", "--split", "rest=b*,gamma"]
    assert main(args) == 0
    out = capsys.readouterr().out
    first, rest = out.split("== rest: 2 gold files\n")
    assert first.startswith("== first: 1 gold files\ndocuments 1; missing predictions: none\n")
    assert "  relations          P 1.000  R 1.000  F1 1.000  (tp 1 fp 0 fn 0)" in first
    assert "  ORG         P 1.000  R 1.000  F1 1.000  (tp 1 fp 0 fn 0)" in first
    assert first.endswith("relations by label\n  launched        P 1.000  R 1.000  F1 1.000  (tp 1 fp 0 fn 0)\n")
    assert "  relations          P 0.500  R 0.333  F1 0.400  (tp 1 fp 1 fn 2)" in rest
    labels = rest.split("relations by label\n")[1].splitlines()
    assert labels == [
        "  operates        P 0.000  R 0.000  F1 0.000  (tp 0 fp 0 fn 1)",
        "  partnered_with  P 0.000  R 0.000  F1 0.000  (tp 0 fp 0 fn 1)",
        "  deployed_at     P 1.000  R 1.000  F1 1.000  (tp 1 fp 0 fn 0)",
        "  invested_in     P 0.000  R 0.000  F1 0.000  (tp 0 fp 1 fn 0)",
    ]


def test_without_splits_every_gold_file_is_scored_once(predictions: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["eval", str(GOLD), "--predictions", str(predictions)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("documents 3; missing predictions: none\n") and "==" not in out
    assert "  relations          P 0.667  R 0.500  F1 0.571  (tp 2 fp 1 fn 2)" in out


def test_json_per_split(predictions: Path, capsys: pytest.CaptureFixture) -> None:
    args = ["eval", str(GOLD), "--predictions", str(predictions), "--json", "--split", "g=gamma", "--split", "a=alpha"]
    assert main(args) == 0
    found = json.loads(capsys.readouterr().out)
    assert list(found) == ["g", "a"]
    assert found["g"]["documents"] == 1 and found["g"]["relations"]["fn"] == 1
    assert found["g"]["relations_by_label"]["operates"]["fn"] == 1
    assert found["a"]["relations_by_label"] == {"launched": {"tp": 1, "fp": 0, "fn": 0, "p": 1.0, "r": 1.0, "f1": 1.0}}
    assert main(["eval", str(GOLD), "--predictions", str(predictions), "--json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert whole["documents"] == 3 and set(whole["relations_by_label"]) == {
        "launched",
        "operates",
        "partnered_with",
        "deployed_at",
        "invested_in",
    }


@pytest.mark.parametrize(("split", "message"), [("fresh=delta", "no gold file named delta"), ("fresh", "NAME=FILES")])
def test_a_bad_split_is_one_line_and_exit_2(split: str, message: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["eval", str(GOLD), "--split", split]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg: ") and message in err and len(err.splitlines()) == 1


def test_without_predictions_the_split_is_extracted_and_scored(capsys: pytest.CaptureFixture) -> None:
    assert main(["eval", str(GOLD), "--split", "one=beta"]) == 0
    out = capsys.readouterr().out
    gold = split_gold(load_gold(GOLD), ["one=beta"])
    records = [extraction_to_json(x) for x in Extractor().extract_many(read_documents([GOLD / "beta.txt"]))]
    assert out == format_reports({"one": score(gold["one"], records)}) + "\n"
    assert out.startswith("== one: 1 gold files\ndocuments 1; missing predictions: none\n")
