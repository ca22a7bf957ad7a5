"""A statistical backbone for the rules: Baidu LAC's words, POS and entity tags (kg_backbone), and its vote on the
rules' candidates (kg_backbone_vote)."""

from __future__ import annotations

from spacy.language import Language

from kg.nlp.backbone import component, vote  # noqa: F401 - registers the factories


def add_backbone(nlp: Language, config: dict | None = None) -> None:
    """Put kg_backbone first and its vote right before kg_entities (last when there is none)."""
    nlp.add_pipe("kg_backbone", first=True)
    where = {"before": "kg_entities"} if "kg_entities" in nlp.pipe_names else {}
    nlp.add_pipe("kg_backbone_vote", config=config or {}, **where)
