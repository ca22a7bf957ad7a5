"""The spaCy pipeline: `zh` with a private jieba segmenter, then the kg_* components.

Every component is a registered factory, so a user can add one to a pipeline of their own:

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.JiebaTokenizer.v1"}}})
    nlp.add_pipe("kg_gazetteer")
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from kg.nlp import entities, gazetteer, measures, recognize, relate, tokenizer  # noqa: F401 - registers factories
from kg.nlp.backbone import add_backbone  # registers kg_backbone and kg_backbone_vote
from kg.nlp.trained import add_trained_ner

PIPELINE = ("kg_gazetteer", "kg_recognizer", "kg_entities", "kg_relations", "kg_measures")


def make_pipeline(model: str | Path | None = None, *, backbone: bool = False) -> Language:
    """The extraction pipeline; with a trained model directory, its NER proposes candidates next to the rules; with
    backbone (the accurate mode), Baidu LAC votes on the candidates (kg/nlp/backbone: better organizations on text
    the rules were not written on, about 3–5 times slower)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.JiebaTokenizer.v1"}}})
    for name in PIPELINE:
        nlp.add_pipe(name)
    if backbone:
        add_backbone(nlp)
    if model is not None:
        add_trained_ner(nlp, Path(model))
    return nlp
