"""kg.train_data: reading gold and CLUENER files into training samples.

The training files are invented sentences (tests/fixtures/train); 青禾远航 is a made-up company that no rule knows.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.train_data import TrainingDataError, read_training_files

FIXTURES = Path(__file__).parent / "fixtures" / "train"
GOLD = FIXTURES / "launch.gold.json"
CLUENER = FIXTURES / "cluener.jsonl"


def entity_texts(sample) -> list[tuple[str, str]]:
    return [(sample.text[s:e], label) for s, e, label in sample.entities]


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
