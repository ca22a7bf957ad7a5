"""The tokens of the sentences kg_measures reads: a view of the whole Doc would cost a pass over every token of every
Doc with a figure, and a Token object per token where kg_entities has split tokens."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.attrs import IDX, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc

from kg.nlp.text import TokenView, words_of
from kg.nlp.tokenizer import TOKENS_KEY, dictionary_freqs


class _SentenceView(TokenView):
    """A TokenView of some tokens of a Doc, whose offsets are the Doc's (a TokenView counts them from 0)."""

    __slots__ = ()

    def __init__(self, text: str, words: list[str], tags: list[str], starts: list[int], ends: list[int]) -> None:
        self.text, self.words, self.tags, self.starts, self.ends = text, words, tags, starts, ends
        self._start_set = frozenset(starts)
        self.freqs = dictionary_freqs()


class _TagNames(dict):
    """Tag hash → tag name, looked up in the StringStore once per tag."""

    def __init__(self, strings: StringStore) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, tag: int) -> str:
        name = self[tag] = self.strings[tag]
        return name


class SentenceTokens:
    """Token offsets, texts and tags of one Doc; `view` gives the tokens of one sentence. They are the tokenizer's
    lists, sliced, when the Doc still has its tokens (and `text` is the tokenizer's); else the Doc's arrays, whose
    texts and tags are read per sentence."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        tokens = doc.user_data.get(TOKENS_KEY)
        if tokens is not None and tokens[0] is text and len(tokens[1]) == len(doc):
            self.words: Sequence[str] | None = tokens[1]
            self.tags: Sequence[str] | None = tokens[2]
            self.starts: list[int] = words_of(doc).starts  # the offsets of these words, shared with kg_relations
        else:
            rows = doc.to_array([IDX, TAG])
            self.words = self.tags = None
            self.starts = rows[:, 0].tolist()
            self.tag_ids: list[int] = rows[:, 1].tolist()
            self.names = _TagNames(doc.vocab.strings)

    def token_at(self, position: int) -> tuple[int, str, str]:
        """The start, text and tag of the token that holds a position."""
        i = max(bisect_right(self.starts, position) - 1, 0)
        if self.words is not None and self.tags is not None:
            return self.starts[i], self.words[i], self.tags[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], self.text[self.starts[i] : end], self.names[self.tag_ids[i]]

    def view(self, start: int, end: int) -> TokenView:
        """The tokens of text[start:end], with the Doc's offsets."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = bisect_left(self.starts, end)
        starts = self.starts[first:last]
        ends = [*starts[1:], self.starts[last] if last < len(self.starts) else len(self.text)]
        if self.words is not None and self.tags is not None:
            words, tags = list(self.words[first:last]), list(self.tags[first:last])
            return _SentenceView(self.text, words, tags, starts, ends)
        words = [self.text[a:b] for a, b in zip(starts, ends)]
        tags = [self.names[tag] for tag in self.tag_ids[first:last]]
        return _SentenceView(self.text, words, tags, starts, ends)
