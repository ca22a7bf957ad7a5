"""kg_backbone: LAC's analysis of each Doc, run in batches across Docs, kept on the Doc for the voters to read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.backbone.tagger import Analysis, lac_tagger
from kg.nlp.text import text_of

_BATCH_CHARS = 200_000  # characters of Docs analysed together: enough for full batches, bounded in memory


class Backbone:
    """Sets `doc._.kg_backbone` to LAC's Analysis of the Doc's text (words, offsets, POS and entity tags)."""

    def __init__(self, nlp: Language, name: str = "kg_backbone") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Docs in batches, so that the pieces of many Docs that have the same length share one model run."""
        batch: list[Doc] = []
        chars = 0
        for doc in docs:
            batch.append(doc)
            chars += len(text_of(doc))
            if len(batch) >= batch_size or chars >= _BATCH_CHARS:
                yield from self._analyse(batch)
                batch, chars = [], 0
        yield from self._analyse(batch)

    @staticmethod
    def _analyse(docs: list[Doc]) -> list[Doc]:
        for doc, analysis in zip(docs, lac_tagger().analyse([text_of(d) for d in docs])):
            doc._.kg_backbone = analysis
        return docs


def analysis_of(doc: Doc) -> Analysis | None:
    """The backbone's analysis of a Doc, or None when the pipeline has no kg_backbone."""
    return doc._.kg_backbone


if not Doc.has_extension("kg_backbone"):
    Doc.set_extension("kg_backbone", default=None)


@Language.factory("kg_backbone")
def make_backbone(nlp: Language, name: str) -> Backbone:
    return Backbone(nlp, name)
