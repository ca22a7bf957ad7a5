"""kg_trained_ner: a model trained by `kg train` runs next to the rules and proposes candidates.

The model is trained on the invented sentences of tests/fixtures/train; 青禾远航 is a made-up company that no rule
knows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Span

from kg.nlp import make_pipeline
from kg.nlp.text import Candidate, candidates_of
from kg.nlp.trained import META_FILE, ModelError, TrainedNER, load_trained
from kg.train import train

FIXTURES = Path(__file__).parents[1] / "fixtures" / "train"
NEW_SENTENCE = "青禾远航今天在杭州发布了一款新的支付终端。"


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """One model for the module, on both fixture files, every epoch kept (no dev split)."""
    out = tmp_path_factory.mktemp("trained") / "model"
    train(
        [FIXTURES / "launch.gold.json", FIXTURES / "cluener.jsonl"],
        out,
        epochs=15,
        dev_fraction=0.0,
        seed=0,
        log=lambda _: None,
    )
    return out


def test_pipeline_with_model_finds_a_name_no_rule_finds(trained) -> None:
    out = trained
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
    out = trained
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
    out = trained
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("config.cfg", META_FILE):
        (broken / name).write_bytes((out / name).read_bytes())
    (broken / "ner").mkdir()
    with pytest.raises(ModelError, match="cannot load the trained model") as error:
        load_trained(broken)
    assert "\n" not in str(error.value)
