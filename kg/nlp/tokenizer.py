"""spaCy tokenizer over a private jieba segmenter, with part-of-speech tags from jieba's dictionary.

spaCy's own `zh` jieba mode calls jieba's process-wide segmenter, so `jieba.add_word` there would leak words into
every other user of jieba in the process. Here each tokenizer owns a `jieba.Tokenizer`, and user words (the names
the ontology knows) go into that instance only. Tags are looked up in jieba's dictionary instead of running its
HMM tagger, which keeps tagging as cheap as segmentation.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from types import SimpleNamespace

import jieba
import numpy
from spacy.attrs import TAG
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.nlp.segmenter import Segmenter
from kg.nlp.words import LEADING_FUNCTION_CHARS, MEASURE_WORDS, MODERN_WORDS, ORG_HEADS, PERSON_TITLES

TOKENS_KEY = "kg_tokens"  # Doc.user_data: (text, words, tags) as segmented, so components need not re-read the Doc
# LEADING_FUNCTION_CHARS are cut off the unknown word they open; 和 and 与 are not among them: they sit inside words
# jieba does not know as often as at their edge (碳中和)
_TRAILING_FUNCTION_CHARS = frozenset("等的了")
# a measure word that opens an unknown word right after a number is cut off too (8|家星河); 次, 亿 and 万 stay: cutting
# them changes the names found (万人政府 after a number would go), a change of behaviour measured and not made
_MEASURE_CHARS = MEASURE_WORDS - {"次", "亿", "万"}
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&.+\-]*")
# a quarter or a half of a (fiscal) year, with or without the year: Q3, 3Q, 17Q4, 2018H1, 1H19, FY2019, FY19
# the end of a date glued to a time of day by the segmenter (19|日晚, 3|月初), a word outside its dictionary
_TIME_OF_DAY = re.compile(r"[日月年][早晚前后间底初末夜]")
_PERIOD = re.compile(r"(?:(?:19|20)?[0-9]{2})?(?:[QH][1-4]|[1-4][QH])(?:(?:19|20)?[0-9]{2})?|FY(?:19|20)?[0-9]{2}")
# a number, with or without a unit (70MPa, 5G, 100MW): a quantity, never part of what makes a name proper
_NUMBER = re.compile(r"[0-9０-９][0-9０-９.,%％]*[A-Za-z]{0,4}")
_SPACE = re.compile(r"\s+")


@cache
def _dictionary() -> tuple[dict[str, str], dict[str, int]]:
    """jieba's bundled dictionary, read once: word → POS tag, and word → corpus frequency."""
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    tags: dict[str, str] = {}
    freqs: dict[str, int] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2:
                freqs[parts[0]] = int(parts[1])
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
    return tags, freqs


def dictionary_tags() -> dict[str, str]:
    """Word → most likely POS tag."""
    return _dictionary()[0]


def dictionary_freqs() -> dict[str, int]:
    """Word → corpus frequency: a cheap measure of how generic a word is."""
    return _dictionary()[1]


_FALLBACK_TAGS = ("_SP", "m", "eng", "w", "x")  # what tag_word gives a word outside the dictionary


def tag_word(word: str, tags: dict[str, str]) -> str:
    tag = tags.get(word)
    if tag is not None:
        return tag
    if _SPACE.fullmatch(word):
        return "_SP"
    if _PERIOD.fullmatch(word) or _TIME_OF_DAY.fullmatch(word):
        return "t"  # Q3, 17Q4, FY2019: a reporting period; 19|日晚: the end of a date and a time of day
    if _NUMBER.fullmatch(word):
        return "m"
    if _ASCII_WORD.fullmatch(word):
        return "eng"
    if len(word) == 1 and not word.isalnum():
        return "w"
    return "x"


def head_title_words(freqs: dict[str, int]) -> list[str]:
    """The words of a dictionary that join an organization's head to a person's title (银行行长, 大学教授): segmented
    as one word they hide the head, so 星河银行行长 would have no 银行 to end the bank's name."""
    return sorted(
        head + title
        for head in ORG_HEADS
        for title in PERSON_TITLES
        if freqs.get(head) and freqs.get(title) and freqs.get(head + title)
    )


def _indexes(items: list, values: Iterable) -> list[int]:
    """Positions of some values in a list, in order, found by list.index (a loop in C)."""
    found = []
    for value in values:
        i = -1
        try:
            while True:
                i = items.index(value, i + 1)
                found.append(i)
        except ValueError:
            pass
    return sorted(found)


class StatelessTokenizer:
    """What spaCy asks of a tokenizer besides `__call__`: a tokenizer of ours is rebuilt from its config and has no
    state to save, so serialising it writes nothing and reading it changes nothing."""

    def __call__(self, text: str) -> Doc:
        raise NotImplementedError

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> StatelessTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> StatelessTokenizer:
        return self


class JiebaTokenizer(StatelessTokenizer):
    """A spaCy tokenizer: jieba segmentation with a private user dictionary, and dictionary POS tags."""

    def __init__(
        self, vocab: Vocab, user_words: Iterable[str] = (), places: Iterable[str] = (), common: Iterable[str] = ()
    ) -> None:
        self.vocab = vocab
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        # jieba tags many words ns that are no place (海马, 上市); here ns means "in the gazetteer", and a word jieba
        # calls a place that the gazetteer does not know is just a proper name
        self._places = frozenset(places)
        self._tags = {w: ("nz" if t == "ns" and w not in self._places else t) for w, t in dictionary_tags().items()}
        self._tags.update({w: "ns" for w in self._places})
        common = [w for w in common if w not in self._tags]
        self._tags.update({w: "n" for w in common})
        self._seen_tags: dict[str, str] = {}
        self._tag_ids = {tag: vocab.strings.add(tag) for tag in {*self._tags.values(), *_FALLBACK_TAGS}}
        self.user_words = sorted(set(user_words) | set(common))
        for word in self.user_words:
            if len(word) > 1:
                self._jieba.add_word(word, freq=max(self._jieba.suggest_freq(word, tune=False), 1000))
        for word in head_title_words(self._jieba.FREQ):
            self._jieba.del_word(word)
        self._segmenter = Segmenter(self._jieba)
        # the tags a word outside jieba's dictionary can have: x, unless it is a place or common word given here
        freq = self._jieba.FREQ
        self._unknown_tags = {"x"} | {t for w, t in self._tags.items() if len(w) > 1 and not freq.get(w)}

    def __call__(self, text: str) -> Doc:
        words, tags = self._segment(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        if words:  # the tags' ids go in as one array: Doc(tags=…) looks each string up again, token by token
            ids = numpy.fromiter(map(self._tag_ids.__getitem__, tags), dtype=numpy.uint64, count=len(tags))
            doc.from_array([TAG], ids)
        # tuples: a Doc keeps them, and tuples of strings are left alone by the garbage collector, lists are not
        doc.user_data[TOKENS_KEY] = (text, tuple(words), tuple(tags))
        return doc

    def _tag(self, words: list[str]) -> list[str]:
        """One dictionary lookup per word: each word is tagged when first seen and remembered (like the vocab, which
        keeps every word it has seen), in a dictionary of the words met so far, far smaller than jieba's."""
        tags = list(map(self._seen_tags.get, words))
        for i in _indexes(tags, (None,)):
            tags[i] = self._seen_tags[words[i]] = tag_word(words[i], self._tags)
        return tags

    def _segment(self, text: str) -> tuple[list[str], list[str]]:
        """jieba's words and their tags, except that an unknown word does not swallow a function word at its edge:
        jieba's HMM glues 据/在/该 onto the name after them and 等/的 onto the name before (据财|联社, 惠农e贷等).

        Only the few words tagged as unknown are looked at, so no Python code runs for the other words."""
        words = self._segmenter.cut(text)
        tags = self._tag(words)
        freq = self._jieba.FREQ
        out_words: list[str] = []
        out_tags: list[str] = []
        done = 0  # words[:done] are in out_words
        for i in _indexes(tags, self._unknown_tags):
            word = words[i]
            if len(word) < 2 or freq.get(word) or not "\u4e00" <= word[0] <= "\u9fff":
                continue
            out_words += words[done:i]
            out_tags += tags[done:i]
            done = i + 1
            pieces = []
            after_number = bool(out_words) and out_words[-1][-1:].isdigit()
            if word[0] in LEADING_FUNCTION_CHARS or (after_number and word[0] in _MEASURE_CHARS):
                pieces.append(word[0])
                word = word[1:]
            if len(word) > 1 and word[-1] in _TRAILING_FUNCTION_CHARS:
                pieces.append(word[:-1])
                word = word[-1]
            pieces.append(word)
            out_words += pieces
            out_tags += self._tag(pieces)
        if done == 0:
            return words, tags
        return out_words + words[done:], out_tags + tags[done:]


@registry.tokenizers("kg.JiebaTokenizer.v1")
def create_jieba_tokenizer(use_ontology_words: bool = True):
    """Registered tokenizer factory: `[nlp.tokenizer] @tokenizers = "kg.JiebaTokenizer.v1"`."""

    def make(nlp) -> JiebaTokenizer:
        words: list[str] = []
        places: list[str] = []
        common: tuple[str, ...] = ()
        if use_ontology_words:
            from kg.nlp.known import known_surface_forms

            forms = known_surface_forms()
            words = [name for name, _ in forms]
            places = [name for name, ent in forms if ent.type == "LOC"]
            common = MODERN_WORDS
        return JiebaTokenizer(nlp.vocab, words, places, common)

    return make


_PIECE = re.compile(r"[A-Za-z0-9]+|.", re.S)


def char_doc(vocab: Vocab, text: str, words: Sequence[str], tags: Sequence[str]) -> Doc:
    """A Doc of characters from jieba's words and tags: each character is tagged with its word's tag and its
    position in the word (B, I, E, or S for a word of one piece)."""
    pieces: list[str] = []
    piece_tags: list[str] = []
    for word, tag in zip(words, tags):
        parts = _PIECE.findall(word)
        for i, part in enumerate(parts):
            pos = "S" if len(parts) == 1 else "B" if i == 0 else "E" if i == len(parts) - 1 else "I"
            pieces.append(part)
            piece_tags.append(f"{tag}-{pos}")
    doc = Doc(vocab, words=pieces, spaces=[False] * len(pieces), tags=piece_tags)
    doc.user_data[TOKENS_KEY] = (text, list(pieces), piece_tags)
    return doc


class CharTokenizer(StatelessTokenizer):
    """Characters tagged with their jieba word (see `char_doc`), the tokens of a model trained by `kg train`; the
    segmenter is built on first use, so loading a model whose tokenizer is never called (the pipeline passes its own
    segmentation) costs nothing."""

    def __init__(self, vocab: Vocab, use_ontology_words: bool = True) -> None:
        self.vocab = vocab
        self.use_ontology_words = use_ontology_words
        self._segmenter = None

    def __call__(self, text: str) -> Doc:
        if self._segmenter is None:
            own = SimpleNamespace(vocab=Vocab())  # its own vocab: jieba's words stay out of the model's
            self._segmenter = create_jieba_tokenizer(self.use_ontology_words)(own)
        _, words, tags = self._segmenter(text).user_data[TOKENS_KEY]
        return char_doc(self.vocab, text, words, tags)


@registry.tokenizers("kg.CharTokenizer.v1")
def create_char_tokenizer(use_ontology_words: bool = True):
    """Registered tokenizer factory: `[nlp.tokenizer] @tokenizers = "kg.CharTokenizer.v1"`."""

    def make(nlp) -> CharTokenizer:
        return CharTokenizer(nlp.vocab, use_ontology_words)

    return make
