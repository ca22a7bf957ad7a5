"""kg.train: reading gold and CLUENER files, training a small NER, and running it next to the rules.

The training files are invented sentences (tests/fixtures/train); 青禾远航 is a made-up company that no rule knows.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from spacy.tokens import Span
from spacy.vocab import Vocab

from kg.nlp import make_pipeline
from kg.nlp.text import Candidate, candidates_of
from kg.train import (
    META_FILE,
    ModelError,
    TrainedNER,
    TrainingDataError,
    char_doc,
    check_model,
    load_trained,
    read_training_files,
    train,
)

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


def entity_texts(sample) -> list[tuple[str, str]]:
    return [(sample.text[s:e], label) for s, e, label in sample.entities]


# reading ------------------------------------------------------------------------------------------------------------


def test_gold_file_labels_every_occurrence_of_names_and_aliases() -> None:
    data = read_training_files([GOLD])
    assert [(f.name, f.format, f.texts) for f in data.files] == [("launch.gold.json", "gold", 16)]
    by_text = {s.text: s for s in data.samples}
    sample = by_text["中国银联（UnionPay）为这项服务提供清算支持。"]
    assert entity_texts(sample) == [("中国银联", "ORG"), ("UnionPay", "ORG")]
    assert entity_texts(by_text["银联有关负责人表示，欢迎更多机构加入。"]) == [("银联", "ORG")]
    assert entity_texts(by_text["中国工商银行表示，双方将在上海和深圳先行试点。"]) == [
        ("中国工商银行", "ORG"),  # not 工商银行 inside it: longest first
        ("上海", "LOC"),
        ("深圳", "LOC"),
    ]
    optional = by_text["分析人士认为，青禾远航的技术能力得到了商业银行的认可。"]
    assert entity_texts(optional) == [("青禾远航", "ORG")]
    assert [optional.text[s:e] for s, e in optional.unlabeled] == ["商业银行"]
    assert data.files[0].entities == {"ORG": 22, "LOC": 3}
    assert data.files[0].unlabeled == 1


def test_gold_names_do_not_match_inside_latin_words(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("京东（JD）与JDX不是一回事。JD.com是京东的网站。", encoding="utf-8")
    gold = {"document": "a.md", "entities": [{"canonical": "京东", "type": "ORG", "aliases": ["JD", "JD.com"]}]}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    data = read_training_files([tmp_path])  # a folder stands for its gold files
    assert [entity_texts(s) for s in data.samples] == [
        [("京东", "ORG"), ("JD", "ORG")],
        [("JD.com", "ORG"), ("京东", "ORG")],
    ]


def test_cluener_spans_map_to_org_and_inclusive_ends(tmp_path: Path) -> None:
    packed = tmp_path / "cluener.txt"  # gzipped, under a name that says nothing: recognised by content
    packed.write_bytes(gzip.compress(CLUENER.read_bytes()))
    plain, zipped = read_training_files([CLUENER]), read_training_files([packed])
    assert plain.samples == zipped.samples
    assert zipped.files[0].format == "cluener" and zipped.files[0].texts == 32
    by_text = {s.text: s for s in plain.samples}
    # position and name are not entities of ours; address is unlabelled, neither entity nor non-entity
    sample = by_text["青禾远航的工程师王明介绍了产品的安全设计。"]
    assert entity_texts(sample) == [("青禾远航", "ORG")] and sample.unlabeled == ()
    sample = by_text["腾讯公司在深圳南山区举办开发者大会。"]
    assert entity_texts(sample) == [("腾讯公司", "ORG")]
    assert [sample.text[s:e] for s, e in sample.unlabeled] == ["深圳南山区"]
    assert entity_texts(by_text["电影《流浪地球》由中国电影股份有限公司发行。"]) == [("中国电影股份有限公司", "ORG")]
    assert plain.files[0].entities == {"ORG": 33} and plain.files[0].unlabeled == 7
    with_address = read_training_files([CLUENER], cluener_address=True)
    assert with_address.files[0].entities == {"ORG": 33, "LOC": 7}


def test_cluener_offsets_that_do_not_match_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bad_offsets.jsonl"
    row = {"text": "华为发布新手机。", "label": {"company": {"华为": [[0, 1]], "小米": [[2, 3]]}}}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    data = read_training_files([path])
    assert entity_texts(data.samples[0]) == [("华为", "ORG")]
    assert data.files[0].dropped == 1


def test_files_of_neither_format_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text('{"text": "华为", "label": {}}\n这不是 JSON。\n', encoding="utf-8")
    with pytest.raises(TrainingDataError, match=r"notes\.json:2: neither a kg gold file nor CLUENER"):
        read_training_files([path])
    with pytest.raises(TrainingDataError, match="no such file"):
        read_training_files([tmp_path / "missing.jsonl"])


def test_char_doc_has_one_token_per_character_tagged_with_its_word() -> None:
    doc = char_doc(Vocab(), "据UnionPay2024年", ["据", "UnionPay2024", "年"], ["p", "eng", "m"])
    assert [t.text for t in doc] == ["据", "UnionPay2024", "年"]
    doc = char_doc(Vocab(), "青禾远航发布", ["青禾", "远航", "发布"], ["x", "n", "v"])
    assert [t.text for t in doc] == list("青禾远航发布")
    assert [t.tag_ for t in doc] == ["x-B", "x-E", "n-B", "n-E", "v-B", "v-E"]
    assert doc.text == "青禾远航发布"


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


# running next to the rules ------------------------------------------------------------------------------------------


def test_pipeline_with_model_finds_a_name_no_rule_finds(trained) -> None:
    out, _, _ = trained
    rules = make_pipeline()
    assert "青禾远航" not in {e.text for e in rules(NEW_SENTENCE).ents}
    nlp = make_pipeline(out)
    assert nlp.pipe_names == [
        "kg_gazetteer",
        "kg_recognizer",
        "kg_trained_ner",
        "kg_entities",
        "kg_relations",
        "kg_measures",
    ]
    doc = nlp(NEW_SENTENCE)
    trained_cands = [(c.start, c.end, c.label, c.score) for c in doc._.kg_candidates if c.rule == "trained_ner"]
    assert (0, 4, "ORG", 0.5) in trained_cands
    assert ("青禾远航", "ORG") in {(e.text, e.label_) for e in doc.ents}
    assert ("杭州", "LOC") in {(e.text, e.label_) for e in doc.ents}  # the gazetteer's places stay
    texts = [NEW_SENTENCE, "记者从青禾远航获悉，该公司将扩大招聘。"]
    assert [{e.text for e in d.ents if e.label_ == "ORG"} for d in nlp.pipe(texts)] == [{"青禾远航"}, {"青禾远航"}]


def test_trained_spans_that_cut_through_known_names_are_dropped(trained) -> None:
    out, _, _ = trained
    nlp = make_pipeline()
    doc = nlp.make_doc("据中国银联介绍，青禾远航将加入。")
    candidates_of(doc).append(Candidate(1, 5, "ORG", "gazetteer", 0.9, canonical="中国银联", known=True))
    component = TrainedNER(nlp, "kg_trained_ner", str(out), 0.5)
    chars = component._chars(doc)
    chars.ents = [Span(chars, 0, 3, "ORG"), Span(chars, 8, 12, "ORG"), Span(chars, 14, 15, "ORG")]
    component._add(doc, chars)
    assert [(c.start, c.end, c.rule) for c in doc._.kg_candidates] == [(1, 5, "gazetteer"), (8, 12, "trained_ner")]


def test_a_folder_that_is_not_a_model_gives_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as missing:
        make_pipeline(tmp_path / "nowhere")
    assert "no such model folder" in str(missing.value) and "\n" not in str(missing.value)
    (tmp_path / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    with pytest.raises(ModelError) as other:
        make_pipeline(tmp_path)
    assert str(other.value) == f"{tmp_path}: not a model trained by `kg train` (no {META_FILE}, config.cfg and ner/)"


def test_a_damaged_model_gives_one_clear_line(trained, tmp_path: Path) -> None:
    out, _, _ = trained
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("config.cfg", META_FILE):
        (broken / name).write_bytes((out / name).read_bytes())
    (broken / "ner").mkdir()
    with pytest.raises(ModelError, match="cannot load the trained model") as error:
        load_trained(broken)
    assert "\n" not in str(error.value)


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
