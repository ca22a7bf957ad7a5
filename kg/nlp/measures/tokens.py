"""The tokens of the sentences kg_measures reads, from the Doc's arrays: a view of the whole Doc would cost a pass
over every token of every Doc with a figure, and a Token object per token where kg_entities has split tokens."""

from __future__ import annotations

from spacy.attrs import IDX, TAG
from spacy.tokens import Doc

from kg.nlp.text import TokenView


class SentenceTokens:
    """Token offsets and tags of one Doc, read once; `view` gives the tokens of one sentence."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.rows = doc.to_array([IDX, TAG])
        self.strings = doc.vocab.strings

    def view(self, start: int, end: int) -> TokenView:
        """The tokens of text[start:end], after one untagged word standing for the text before them, so that
        offsets are the Doc's."""
        column = self.rows[:, 0]
        first = max(int(column.searchsorted(start, "right")) - 1, 0)
        last = int(column.searchsorted(end, "left"))
        offsets = column[first:last].tolist()
        offsets.append(int(column[last]) if last < len(column) else len(self.text))
        words = [self.text[a:b] for a, b in zip(offsets, offsets[1:])]
        tags = [self.strings[tag] for tag in self.rows[first:last, 1].tolist()]
        if offsets[0] > 0:
            words.insert(0, self.text[: offsets[0]])
            tags.insert(0, "")
        return TokenView(self.text, words, tags)
