"""A foreign state's bodies named by its country: its armed and police forces (美军, 俄罗斯军方, 英国警方) and its
ministries (埃及文化部, 日本防卫省). The gazetteer knows the Chinese ministries only; these names hold no word a
list could hold, but the country and a closed class of words (军, 海军, 警方; a field before 部, 省, 署) make one."""

from __future__ import annotations

from functools import cache

from kg.nlp.known import known_places
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.text import Candidate, TokenView
from kg.nlp.words import ORG_HEADS

_INITIALS, _FORCES, _MINISTRY_ENDINGS = cues.COUNTRY_INITIALS, cues.FORCE_WORDS, cues.MINISTRY_ENDINGS
_DIRECTIONS = frozenset("东南西北中内外上下前后全本总")  # 北部, 全部, 总部: a part, not a ministry
_FIELD_TAGS = frozenset({"n", "vn", "v", "nt"})  # not a proper name's (信德省/nz is a province)
_CHINA = frozenset({"中国", "中华人民共和国", "我国"})


def forces(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """美军, 俄罗斯军方, 英国警方, 埃及文化部, 日本防卫省."""
    text, words, tags = view.text, view.words, view.tags
    countries, armies = _countries(), "军" in text
    for k, word in enumerate(words):
        if armies and word[0] in _INITIALS and (word[1:] == "军" or (len(word) == 1 and _word_at(view, k + 1) == "军")):
            out.append(Candidate(view.starts[k], view.starts[k] + 2, rule.label, rule.name, rule.score))  # 美军, 韩|军
        elif tags[k] == "nt" and _joined(word):
            out.append(Candidate(view.starts[k], view.ends[k], rule.label, rule.name, rule.score))  # 日本外务省
        elif word in countries:
            end = _force_or_ministry(view, k + 1)
            if end is not None and not text.startswith(("部", "门"), end):
                out.append(Candidate(view.starts[k], end, rule.label, rule.name, rule.score))


def _force_or_ministry(view: TokenView, k: int) -> int | None:
    """Where the force or the ministry that starts at token k ends (海军, 文化部, 防卫|省), or None."""
    word = _word_at(view, k)
    if word in _FORCES:
        return view.ends[k]
    if len(word) >= 3 and word.endswith(_MINISTRY_ENDINGS) and word not in ORG_HEADS and _field(view, k, word[:-1]):
        return view.ends[k]  # 文化部 (not 俱乐部, a body's kind)
    if len(word) >= 2 and _word_at(view, k + 1) in _MINISTRY_ENDINGS and _field(view, k, word):
        return view.ends[k + 1]  # 防卫|省
    return None


def _joined(word: str) -> bool:
    """Whether one word is a country's name and its force or ministry (日本外务省, 美国海军)."""
    country = next((word[:n] for n in range(len(word) - 2, 1, -1) if word[:n] in _countries()), None)
    if country is None:
        return False
    rest = word[len(country) :]
    stem = rest[:-1]
    return rest in _FORCES or (
        rest.endswith(_MINISTRY_ENDINGS) and len(stem) >= 2 and not set(stem) <= _DIRECTIONS and rest not in ORG_HEADS
    )


def _field(view: TokenView, k: int, stem: str) -> bool:
    """Whether the words before a ministry's ending name a field (文化, 防卫, 环境保护), not a part (北, 东南) or a
    place (河内|省: a province)."""
    return (
        view.tags[k] in _FIELD_TAGS
        and not set(stem) <= _DIRECTIONS
        and stem not in cues.STOP_WORDS
        and stem not in known_places()
    )


def _word_at(view: TokenView, k: int) -> str:
    return view.words[k] if 0 <= k < len(view.words) else ""


@cache
def _countries() -> frozenset[str]:
    """Every name of a foreign country."""
    return frozenset(name for name, ent in known_places().items() if ent.level == "country") - _CHINA
