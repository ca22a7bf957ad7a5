"""Teams named by a place or a club's short name in a match report: in a sentence about a team sport's match, its
league or its betting, the names beside a match word are teams (罗马战胜米兰, 那不勒斯vs锡耶纳, 做客汉诺威), though
the gazetteer knows most of them as cities. Organizations, as CLUENER2020 and the ontology count sports clubs."""

from __future__ import annotations

import re

from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.text import Candidate, TokenView

_SPORT, _MATCH = cues.TEAM_SPORT_CUES, cues.MATCH_WORDS
_TEAM_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "j", "nt"})
_MAX_TEAM = 6  # characters: 马德里竞技, 拉科鲁尼亚
_ROUNDS = ("轮", "回合", "场")  # 上轮, 首回合: when, not who
_SENTENCE = re.compile(r"[^。！？；\n]+")


def teams(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The teams beside each match word of a sentence about a team sport."""
    text = view.text
    if not _SPORT.search(text):
        return
    for sentence in _SENTENCE.finditer(text):
        if not _SPORT.search(text, *sentence.span()):
            continue
        for match in _MATCH.finditer(text, *sentence.span()):
            ms, me = match.span()
            after = me + 1 if text.startswith("了", me) else me  # 战胜了|那不勒斯
            for start, end in (_team_before(view, ms), _team_after(view, after)):
                if end > start and text.startswith("队", end):
                    end += 1  # 越南|队: the team's own name
                if end - start >= 2:
                    out.append(Candidate(start, end, rule.label, rule.name, rule.score))


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
