"""kg_measures: the figures a sentence states about the entities the pipeline found, with what they measure,
their comparison, the time they hold for and their subject (an entity, or the invested_in relation a stake or an
amount qualifies). Runs after kg_relations; precision comes first, so a figure whose subject is unclear is dropped.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.measures.figures import candidate_starts, find_figures, normalize_digits
from kg.nlp.measures.reading import MeasureHit, SentenceReader
from kg.nlp.measures.subjects import Mentions
from kg.nlp.measures.tokens import SentenceTokens
from kg.nlp.text import sentence_bounds, text_of

if not Doc.has_extension("kg_measurements"):
    Doc.set_extension("kg_measurements", default=None)


class MeasureExtractor:
    def __init__(self, nlp: Language, name: str = "kg_measures") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Only the sentences where one pattern finds a possible figure are read, and only those with an entity."""
        hits: list[MeasureHit] = []
        doc._.kg_measurements = hits
        text = normalize_digits(text_of(doc))
        candidates = candidate_starts(text)
        if not candidates:
            return doc
        mentions: Mentions | None = None
        tokens: SentenceTokens | None = None
        k = 0
        for s, e in sentence_bounds(text):
            while k < len(candidates) and candidates[k] < s:
                k += 1
            if k == len(candidates):
                break
            if candidates[k] >= e:
                continue
            figures = find_figures(text, s, e)
            if not figures:
                continue
            if mentions is None:
                mentions = Mentions(doc, text)
                if not mentions:
                    return doc
            inside = mentions.within(s, e)
            if inside:
                tokens = tokens or SentenceTokens(doc, text)
                hits.extend(SentenceReader(doc, tokens, s, e, inside, figures).hits())
        return doc


@Language.factory("kg_measures")
def make_measure_extractor(nlp: Language, name: str) -> MeasureExtractor:
    return MeasureExtractor(nlp, name)
