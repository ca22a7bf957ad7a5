"""kg_measures: the figures a sentence states about the entities the pipeline found, with what they measure,
their comparison, the time they hold for and their subject (an entity, or the invested_in relation a stake or an
amount qualifies). Runs after kg_relations; precision comes first, so a figure whose subject is unclear is dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.measures.figures import candidate_starts, find_figures, normalize_digits
from kg.nlp.measures.passage import Passage
from kg.nlp.measures.reading import MeasureHit, SentenceReader
from kg.nlp.text import sentences_of, text_of

if not Doc.has_extension("kg_measurements"):
    Doc.set_extension("kg_measurements", default=None)


class MeasureExtractor:
    def __init__(self, nlp: Language, name: str = "kg_measures") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Only the sentences where one pattern finds a possible figure are read; what else they need (mentions,
        tokens, the sentences before them) is read only for them."""
        hits: list[MeasureHit] = []
        doc._.kg_measurements = hits
        text = normalize_digits(text_of(doc))
        candidates = candidate_starts(text)
        if not candidates or not doc._.kg_entities:
            return doc  # kg_entities holds every entity of the Doc
        bounds = sentences_of(doc)  # the digits normalized are no sentence ends: the bounds of text_of(doc)
        passage = Passage(doc, text, bounds)
        k = 0
        while k < len(candidates):  # from each sentence with a candidate to the next, not through every sentence
            index = bisect_right(bounds, candidates[k], key=itemgetter(0)) - 1
            if index < 0 or candidates[k] >= bounds[index][1]:  # between sentences
                k += 1
                continue
            s, e = bounds[index]
            k = bisect_left(candidates, e, k)
            if not passage.may_read(index):
                continue
            figures = find_figures(text, s, e)
            if figures and passage.readable(index, figures):
                hits.extend(SentenceReader(passage, index, figures).hits())
        return doc


@Language.factory("kg_measures")
def make_measure_extractor(nlp: Language, name: str) -> MeasureExtractor:
    return MeasureExtractor(nlp, name)
