"""kg.train: training a small NER on gold and CLUENER files, and the `kg train` command.

The training files are invented sentences (tests/fixtures/train); 青禾远航 is a made-up company that no rule knows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.nlp.trained import META_FILE, ModelError, check_model
from kg.train import train

FIXTURES = Path(__file__).parent / "fixtures" / "train"
GOLD = FIXTURES / "launch.gold.json"
CLUENER = FIXTURES / "cluener.jsonl"
NEW_SENTENCE = "青禾远航今天在杭州发布了一款新的支付终端。"


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[Path, dict, list[str]]:
    """One model for the module, on both fixture files, every epoch kept (no dev split)."""
    lines: list[str] = []
    out = tmp_path_factory.mktemp("train") / "model"
    meta = train([GOLD, CLUENER], out, epochs=15, dev_fraction=0.0, seed=0, log=lines.append)
    return out, meta, lines


# training -----------------------------------------------------------------------------------------------------------


def test_training_saves_a_model_without_training_text(trained) -> None:
    out, meta, lines = trained
    assert sum(line.startswith("kg: epoch ") for line in lines) == 15
    assert meta["labels"] == ["LOC", "ORG"]
    assert [(f["name"], f["format"], f["texts"]) for f in meta["files"]] == [
        ("launch.gold.json", "gold", 16),
        ("cluener.jsonl", "cluener", 32),
    ]
    assert meta["train_texts"] == 48 and meta["dev_texts"] == 0 and meta["best_epoch"] == 15
    assert json.loads((out / META_FILE).read_text(encoding="utf-8")) == meta
    assert check_model(out) == meta
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {p.relative_to(out).parts[0] for p in files} == {"config.cfg", "meta.json", META_FILE, "ner", "vocab"}
    for p in files:
        data = p.read_bytes()
        assert "青禾远航".encode() not in data and "南山区".encode() not in data, p


def test_training_is_deterministic(trained, tmp_path: Path) -> None:
    out, meta, _ = trained
    again = train([GOLD, CLUENER], tmp_path / "again", epochs=15, dev_fraction=0.0, seed=0, log=lambda _: None)
    assert again == meta
    assert (tmp_path / "again" / "ner" / "model").read_bytes() == (out / "ner" / "model").read_bytes()


def test_dev_split_prints_scores_keeps_the_best_epoch_and_stops_early(tmp_path: Path) -> None:
    lines: list[str] = []
    meta = train([GOLD, CLUENER], tmp_path / "m", epochs=30, dev_fraction=0.25, patience=2, log=lines.append)
    assert lines[0] == "kg: 36 training texts, 12 dev texts; 0 spans widened and 0 dropped to fit tokens"
    epochs = [line for line in lines if line.startswith("kg: epoch ")]
    f1 = [float(re.search(r" F ([0-9.]+) ", line).group(1)) for line in epochs]
    assert len(epochs) < 30 and lines[-2] == "kg: no better dev F1 for 2 epochs: stopping"
    assert max(f1) > 0 and meta["best_epoch"] == f1.index(max(f1)) + 1 == len(epochs) - 2
    assert round(meta["dev"]["f"], 3) == max(f1) and set(meta["dev"]["labels"]) == {"ORG", "LOC"}
    best = meta["dev"]
    assert lines[-1] == (
        f"kg: dev P {best['p']:.3f} R {best['r']:.3f} F {best['f']:.3f} (epoch {meta['best_epoch']}) → {tmp_path / 'm'}"
    )
    assert meta["dev_texts"] == 12


def test_output_that_is_not_a_model_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ModelError, match="exists and is not a model trained by `kg train`"):
        train([GOLD], tmp_path, epochs=1)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_retraining_replaces_an_earlier_model(trained, tmp_path: Path) -> None:
    out = tmp_path / "m"
    train([CLUENER], out, epochs=1, dev_fraction=0.0, log=lambda _: None)
    meta = train([GOLD], out, epochs=1, dev_fraction=0.0, log=lambda _: None)
    assert check_model(out)["files"] == meta["files"] and [f["name"] for f in meta["files"]] == ["launch.gold.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]  # no temporary folder left behind


# the command line ------------------------------------------------------------------------------------------


def test_cli_trains_and_builds_with_the_model(tmp_path: Path, capsys) -> None:
    from kg.cli import main

    model = tmp_path / "model"
    assert main(["train", str(GOLD), str(CLUENER), "-o", str(model), "--epochs", "2", "--dev-fraction", "0.2"]) == 0
    err = capsys.readouterr().err
    assert "kg: epoch 1/2" in err and "kg: epoch 2/2" in err and f"→ {model}" in err
    article = tmp_path / "a.md"
    article.write_text(NEW_SENTENCE + "\n", encoding="utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "--model", str(model)]) == 0
    assert (tmp_path / "out" / "kg.nq").is_file()
    capsys.readouterr()
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "--model", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"kg: {tmp_path}: not a model trained by `kg train` (no {META_FILE}, config.cfg and ner/)"
    assert main(["train", str(tmp_path / "none.jsonl"), "-o", str(model)]) == 2
    assert capsys.readouterr().err.strip() == f"kg: {tmp_path / 'none.jsonl'}: no such file or folder"
