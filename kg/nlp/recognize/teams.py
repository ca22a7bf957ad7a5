"""Teams named by a place or a club's short name in a match report: in a sentence about a team sport's match, its
league or its betting, the names beside a match word are teams (罗马战胜米兰, 那不勒斯vs锡耶纳, 做客汉诺威), though
the gazetteer knows most of them as cities. Organizations, as CLUENER2020 and the ontology count sports clubs."""

from __future__ import annotations

import re
from functools import cache

import ahocorasick

from kg.nlp.known import KnownEntity, context_names, known_entities
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.text import Candidate, TokenView

_SPORT, _MATCH = cues.TEAM_SPORT_CUES, cues.MATCH_WORDS
_TEAM_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "j", "nt"})
_MAX_TEAM = 6  # characters: 马德里竞技, 拉科鲁尼亚
_ROUNDS = ("轮", "回合", "场")  # 上轮, 首回合: when, not who
_CLUB_HEADS = ("俱乐部", "队")
_SENTENCE = re.compile(r"[^。！？；\n]+")


def teams(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The teams beside each match word of a sentence about a team sport."""
    text = view.text
    clubs = _club_names()
    if not _SPORT.search(text) and not (clubs and clubs.search(text)):
        return
    for sentence in _SENTENCE.finditer(text):
        cues_at = _cues_at(text, *sentence.span())
        if not cues_at:
            continue
        for match in _MATCH.finditer(text, *sentence.span()):
            ms, me = match.span()
            after = me + 1 if text.startswith("了", me) else me  # 战胜了|那不勒斯
            for start, end in (_team_before(view, ms), _team_after(view, after)):
                if end > start and text.startswith("队", end):
                    end += 1  # 越南|队: the team's own name
                if end - start >= 2:
                    out.append(_candidate(start, end, text[start:end], rule))
        _clubs_named(view, *sentence.span(), cues_at, out, rule)
        _place_teams(view, *sentence.span(), out, rule)


def _cues_at(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the sentence says it is about a team sport: its cue words and the clubs' own names (皇马, 曼联)."""
    spans = [m.span() for m in _SPORT.finditer(text, start, end)]
    names = _club_names()
    if names is not None:
        spans += [m.span() for m in names.finditer(text, start, end)]
    return spans


def _clubs_named(
    view: TokenView, start: int, end: int, cues_at: list[tuple[int, int]], out: list[Candidate], rule: RecognizerRule
) -> None:
    """罗马, 利物浦, 勇士 anywhere in the sentence, as whole words: a club that the gazetteer leaves to its city or to
    the word (切尔西罗马稳胜利物浦, 拜仁身上). Its own name is no cue for itself (港股中超千亿市值: no league)."""
    clubs = _club_automaton()
    if not len(clubs):
        return
    text = view.text
    for end_index, length in clubs.iter_long(text, start, end):
        s, e = end_index - length + 1, end_index + 1
        if view.is_start(s) and view.is_end(e) and any(ce <= s or e <= cs for cs, ce in cues_at):
            out.append(_candidate(s, e, text[s:e], rule))


def _place_teams(view: TokenView, start: int, end: int, out: list[Candidate], rule: RecognizerRule) -> None:
    """葡萄牙队, 上海队: a place the gazetteer found, with 队 right after it, is that place's team in a match report."""
    text = view.text
    for c in [c for c in out if c.label == "LOC" and start <= c.start and c.end < end and text[c.end] == "队"]:
        if view.is_end(c.end + 1):
            out.append(Candidate(c.start, c.end + 1, rule.label, rule.name, rule.score))


def _candidate(start: int, end: int, name: str, rule: RecognizerRule) -> Candidate:
    """The team, as the known club when its name is one of a club's context names."""
    club: KnownEntity | None = context_names().get(name)
    if club is None or club.type != rule.label:
        return Candidate(start, end, rule.label, rule.name, rule.score)
    known = {"canonical": club.label, "label_en": club.label_en, "known": True}
    return Candidate(start, end, rule.label, rule.name, rule.score, **known)


@cache
def _club_names() -> re.Pattern[str] | None:
    """曼联, 皇马, 利物浦队: the names a club goes by anywhere, which make a sentence about its sport as a cue word
    does (皇马轻取尤文当心利物浦输球). A club is a known organization named as one (…俱乐部, …队) or one with
    context names."""
    clubs = {e.label: e for e in context_names().values() if e.type == "ORG"}
    clubs.update((e.label, e) for e in known_entities() if e.type == "ORG" and e.label.endswith(_CLUB_HEADS))
    names = sorted({name for ent in clubs.values() for name in ent.names}, key=lambda n: (-len(n), n))
    return re.compile("|".join(map(re.escape, names))) if names else None


@cache
def _club_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for name, ent in context_names().items():
        if ent.type == "ORG":
            automaton.add_word(name, len(name))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _team_before(view: TokenView, pos: int) -> tuple[int, int]:
    """The run of name words that ends at pos (none when pos is inside a word)."""
    k = view.index_at(pos - 1) if pos > 0 else -1
    if k < 0 or view.ends[k] != pos:
        return pos, pos
    start = pos
    while k >= 0 and _team_word(view, k) and pos - view.starts[k] <= _MAX_TEAM:
        start = view.starts[k]
        k -= 1
    return start, pos


def _team_after(view: TokenView, pos: int) -> tuple[int, int]:
    """The run of name words that starts at pos (none when pos is inside a word)."""
    k = view.index_at(pos)
    if k < 0 or k >= len(view.words) or view.starts[k] != pos:
        return pos, pos
    end = pos
    while k < len(view.words) and _team_word(view, k) and view.ends[k] - pos <= _MAX_TEAM:
        end = view.ends[k]
        k += 1
    return pos, end


def _team_word(view: TokenView, k: int) -> bool:
    word = view.words[k]
    return (
        view.tags[k] in _TEAM_TAGS
        and not _MATCH.fullmatch(word)
        and not _SPORT.fullmatch(word)
        and word not in cues.STOP_WORDS
        and not word.isdigit()
        and not word.endswith(_ROUNDS)
    )
