"""Views of a Doc that the rule components share: tokens with character offsets, sentences, candidates."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc

from kg.nlp.tokenizer import TOKENS_KEY, dictionary_freqs

MAX_SENTENCE_CHARS = 400

# Sentence ends: a full stop and its closing quotes; a newline (headlines, list items); and two ideographic spaces, the
# indent that opens a paragraph in Chinese web text, which stands where a line break was lost (…学位\u3000\u30002012年…)
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+|\u3000{2,}")
YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")


@dataclass(slots=True)
class Candidate:
    """A possible entity mention, in character offsets, before overlaps are resolved."""

    start: int
    end: int
    label: str
    rule: str
    score: float
    canonical: str | None = None
    label_en: str | None = None
    known: bool = False


class TokenView:
    """Token texts, tags and character offsets of a Doc, with lookups by character."""

    __slots__ = ("_start_set", "ends", "freqs", "starts", "tags", "text", "words")

    def __init__(self, text: str, words: list[str], tags: list[str]) -> None:
        self.text = text
        self.words = words
        self.tags = tags
        self.ends = list(accumulate(map(len, words)))
        self.starts = [0, *self.ends[:-1]] if words else []
        self._start_set = frozenset(self.starts)
        self.freqs = dictionary_freqs()

    @classmethod
    def from_doc(cls, doc: Doc) -> TokenView:
        words = [t.text_with_ws for t in doc]
        return cls("".join(words), words, [t.tag_ for t in doc])

    def index_at(self, char: int) -> int:
        """Index of the token that contains a character offset."""
        return bisect_right(self.starts, char) - 1

    def is_start(self, char: int) -> bool:
        return char in self._start_set

    def is_end(self, char: int) -> bool:
        if char >= len(self.text):
            return True
        return self.is_start(char)


class WordSet:
    """A word list that finds the words a text ends or starts with by one lookup per word length, not per word."""

    __slots__ = ("lengths", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        if "" in self.words:
            raise ValueError("a WordSet holds no empty word")
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)

    def longest_suffix(self, text: str, *, shorter: bool = False) -> str | None:
        """The longest word that text ends with; shorter: only a word shorter than the text."""
        limit = len(text) - 1 if shorter else len(text)
        for n in self.lengths:
            if n <= limit and text[-n:] in self.words:
                return text[-n:]
        return None

    def suffixes(self, text: str) -> list[str]:
        """Every word that text ends with, longest first."""
        return [text[-n:] for n in self.lengths if n <= len(text) and text[-n:] in self.words]

    def has_prefix(self, text: str) -> bool:
        """Whether text starts with one of the words."""
        return any(text[:n] in self.words for n in self.lengths if n <= len(text))


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets, trimmed of surrounding whitespace."""
    bounds = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if not match.group()[0].isspace() else match.start()
        _append_trimmed(text, start, end, bounds)
        start = match.end()
    _append_trimmed(text, start, len(text), bounds)
    return bounds


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        # A run-on "sentence" (a table, a text with no full stops) is cut at its last clause break, or hard, so
        # that the rules, which compare every trigger with every name of a sentence, stay linear in the text.
        cut = max(text.rfind(ch, start + 1, start + MAX_SENTENCE_CHARS) for ch in "，,、 ")
        cut = cut + 1 if cut > start else start + MAX_SENTENCE_CHARS
        out.append((start, cut))
        start = cut
    if end > start:
        out.append((start, end))


def sentences_of(doc: Doc) -> list[tuple[int, int]]:
    """The sentence bounds of a Doc's text, found once and shared by the components (kg_relations, kg_measures)."""
    extensions = doc._
    bounds = extensions.kg_sentences
    if bounds is None:
        bounds = extensions.kg_sentences = sentence_bounds(text_of(doc))
    return bounds


def entity_spans(doc: Doc) -> list[tuple[int, int, str, str]]:
    """The Doc's entities as (start_char, end_char, label, kb_id), in order: kg_entities keeps them as it sets
    doc.ents (a component that changes doc.ents after it must set kg_entity_spans to None), because doc.ents makes
    a Span per entity on each call; a Doc no kg_entities read gives its doc.ents."""
    spans = doc._.kg_entity_spans
    if spans is None:
        spans = [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents]
    return spans


def words_of(doc: Doc) -> TokenView:
    """The segmenter's own words of a Doc (not cut at the entities' edges as the Doc's tokens may be), with their
    offsets, built once and shared (kg_relations, kg_measures); a Doc the kg tokenizer did not make gives its view."""
    extensions = doc._
    words = extensions.kg_words
    if words is None:
        tokens = doc.user_data.get(TOKENS_KEY)
        words = extensions.kg_words = TokenView(*tokens) if tokens is not None else view_of(doc)
    return words


def view_of(doc: Doc) -> TokenView:
    """The token view of a Doc, built once and shared by the components until tokens change."""
    extensions = doc._  # each `doc._` makes an accessor object: one per call
    view = extensions.kg_view
    if view is None:
        tokens = doc.user_data.get(TOKENS_KEY)
        fresh = tokens is not None and len(tokens[1]) == len(doc)
        view = extensions.kg_view = TokenView(*tokens) if fresh else TokenView.from_doc(doc)
    return view


def text_of(doc: Doc) -> str:
    """The text of a Doc; the tokenizer keeps it, because Doc.text joins every token again on each call."""
    tokens = doc.user_data.get(TOKENS_KEY)
    return tokens[0] if tokens is not None else doc.text


def candidates_of(doc: Doc) -> list[Candidate]:
    extensions = doc._
    candidates = extensions.kg_candidates
    if candidates is None:
        candidates = extensions.kg_candidates = []
    return candidates


# what the components share through a Doc, each None until set
for _name in ("kg_view", "kg_sentences", "kg_words", "kg_entity_spans", "kg_candidates", "kg_entities", "kg_relations"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
