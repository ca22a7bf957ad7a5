"""Predicates: the trigger words of the frame lexicon found in a text, at jieba token boundaries, never inside an
entity mention and never inside a longer word that states no relation (联合创始人, 合作社, 股东大会)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.nlp.frames.lexicon import Entry, Lexicon
from kg.nlp.frames.words import Words
from kg.nlp.mentions import Mention
from kg.nlp.tokenizer import dictionary_tags


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger word at its offsets, with the lexicon entries it triggers."""

    word: str
    start: int
    end: int
    entries: tuple[Entry, ...]


_NAME_CHARACTER = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")  # a letter or a Han character: part of a name
_ADVERB_TAGS = ("d", "ad", "v", "vn")  # what jieba glues before a verb into one word: 共同开发, 深入开展


def _after_adverb(words: Words, start: int, tags: dict[str, str]) -> bool:
    """Whether the word a trigger ends begins with an adverb or a verb (共同开发, 深入开展)."""
    prefix = words.prefix_before(start)
    return len(prefix) >= 2 and tags.get(prefix, "").startswith(_ADVERB_TAGS)


def _in_title(text: str, start: int, end: int) -> bool:
    opening = text.rfind("《", max(0, start - 40), start)
    if opening < 0 or text.rfind("》", opening, start) >= 0:
        return False
    closing = text.find("》", end, end + 40)
    return closing >= 0 and (opening + 1, closing) != (start, end)


def without_labels(text: str, lexicon: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """The mentions but those a relational noun cuts through whose own part is only a number label (“7+3”试点 in
    “7+3”试点城市, “1+N”试点 in “1+N”试点地区): the label names the noun's members, it is no name of anything, and
    the noun is the predicate (its programme named before, or left to the discourse)."""
    cut = set()
    for end, (word, is_trigger) in lexicon.automaton.iter(text):
        if not is_trigger or not any(e.kind == "noun" for e in lexicon.entries[word]):
            continue
        start = end + 1 - len(word)
        for k, m in enumerate(mentions):
            if m.start < start < m.end <= end and not _NAME_CHARACTER.search(text, m.start, start):
                cut.add(k)
    return [m for k, m in enumerate(mentions) if k not in cut] if cut else mentions


def _ends_in_a_body(words: Words, end: int, lexicon: Lexicon) -> bool:
    """Whether the word after a trigger ends a body's name (合作|署, 合作|社, 合作|组织): a one-character ending as a
    noun, a longer one whatever the segmenter tags it (组织 is a verb to it too)."""
    word, tag = words.word_at(end)
    return word in lexicon.body_endings and (tag.startswith("n") or len(word) > 1)


def find_triggers(text: str, lexicon: Lexicon, words: Words | None, mentions: list[Mention]) -> list[Trigger]:
    """Every trigger of a text in text order. Where words overlap the longest wins (战略合作协议 over 合作), and a
    blocker that wins hides the trigger inside it."""
    tags = dictionary_tags()
    found = []
    for end, (word, is_trigger) in lexicon.automaton.iter(text):
        found.append((end + 1 - len(word), end + 1, word, is_trigger))
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    out = []
    for start, end, word, is_trigger in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        if not is_trigger or (words is not None and not words.is_end(end)):
            continue
        if _in_title(text, start, end):
            continue  # 《投资时报》: a word of a title is no predicate (《战略合作协议》 is one)
        if words is not None and _ends_in_a_body(words, end, lexicon):
            continue  # 国家国际发展合作|署: a name the recognizer missed, no cooperation
        entries = lexicon.entries[word]
        if words is not None and not words.is_start(start):
            # 共同|开发 is one jieba word: a predicate may end a word an adverb begins; a noun may not
            entries = tuple(e for e in entries if e.kind in ("verb", "joint"))
            if not entries or not _after_adverb(words, start, tags):
                continue
        out.append(Trigger(word, start, end, entries))
    out.sort(key=lambda t: t.start)
    return out
