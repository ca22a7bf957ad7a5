"""The jieba words the frames read, cut at the entities' edges.

The frame layer takes the segmenter's own words (kg_entities splits tokens at entity edges, and rebuilding a view
of the split Doc would cost more than all the frames): a word that crosses an entity's edge is read as two, each
with the word's tag."""

from __future__ import annotations

from collections.abc import Iterator

from kg.nlp.mentions import Mention
from kg.nlp.text import TokenView


class Words:
    """Word boundaries, words and tags of a text, with the entities' edges as boundaries too."""

    __slots__ = ("_edges", "view")

    def __init__(self, view: TokenView, mentions: list[Mention]) -> None:
        self.view = view
        self._edges = frozenset(p for m in mentions for p in (m.start, m.end))

    def is_start(self, pos: int) -> bool:
        return pos in self._edges or self.view.is_start(pos)

    def is_end(self, pos: int) -> bool:
        return pos in self._edges or self.view.is_end(pos)

    def between(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """(start, end, tag) of the words of text[start:end], a word that crosses either end cut to it."""
        view = self.view
        k = max(0, view.index_at(start))
        while k < len(view.words) and view.starts[k] < end:
            s, e = max(view.starts[k], start), min(view.ends[k], end)
            if s < e:
                yield s, e, view.tags[k]
            k += 1

    def word_at(self, pos: int) -> tuple[str, str]:
        """The word (or what is left of it) that starts at pos, and its tag."""
        view = self.view
        k = view.index_at(pos)
        if k < 0 or pos >= len(view.text):
            return "", ""
        return view.text[pos : view.ends[k]], view.tags[k]

    def prefix_before(self, pos: int) -> str:
        """The part of the word around pos that stands before it ("" at a boundary)."""
        if self.is_start(pos):
            return ""
        k = self.view.index_at(pos)
        start = self.view.starts[k] if k >= 0 else pos
        while start < pos and any(p in self._edges for p in range(start + 1, pos)):
            start += 1
        return self.view.text[start:pos]
