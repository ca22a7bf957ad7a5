"""A foreign state's bodies named by its country: its armed and police forces (美军, 俄罗斯军方, 英国警方) and its
ministries (埃及文化部, 日本防卫省). The gazetteer knows the Chinese ministries only; these names hold no word a
list could hold, but the country and a closed class of words (军, 海军, 警方; a field before 部, 省, 署) make one."""

from __future__ import annotations

from functools import cache

from kg.nlp.known import known_places
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import dictionary_tag
from kg.nlp.text import Candidate, TokenView
from kg.nlp.words import ORG_HEADS

_INITIALS, _FORCES, _MINISTRY_ENDINGS = cues.COUNTRY_INITIALS, cues.FORCE_WORDS, cues.MINISTRY_ENDINGS
_DIRECTIONS = frozenset("东南西北中内外上下前后全本总")  # 北部, 全部, 总部: a part, not a ministry
_FIELD_TAGS = frozenset({"n", "vn", "v", "nt"})  # not a proper name's (信德省/nz is a province)
_MAX_FIELD_WORDS = 3  # words of a field before a ministry's ending (能源|信息|署)
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
        elif word in countries or _with_a_field(view, k):
            end = _force_or_ministry(view, k + 1, field=word not in countries)
            if end is not None and not text.startswith(("部", "门"), end):
                out.append(Candidate(view.starts[k], end, rule.label, rule.name, rule.score))


def _force_or_ministry(view: TokenView, k: int, field: bool = False) -> int | None:
    """Where the force or the ministry that starts at token k ends (海军, 文化部, 防卫|省, 经济|产业省, 能源|信息|署),
    or None; ``field`` when a field word is already before token k (美国能源|信息|署: one word with the country)."""
    if _word_at(view, k) in _FORCES and not field:
        return view.ends[k]
    for m in range(k, k + _MAX_FIELD_WORDS):
        word = _word_at(view, m)
        if field and word in _MINISTRY_ENDINGS:
            return view.ends[m]  # 防卫|省
        if (
            len(word) >= 3
            and word.endswith(_MINISTRY_ENDINGS)
            and word not in ORG_HEADS
            and word[-2] not in _DIRECTIONS
            and _field(view, m, word[:-1])
        ):
            return view.ends[m]  # 文化部, 经济|产业省 (not 俱乐部, a body's kind, or 公司总部, a head office)
        if len(word) < 2 or word in ORG_HEADS or not _field(view, m, word):
            return None
        field = True
    return None


def _with_a_field(view: TokenView, k: int) -> bool:
    """Whether token k is a country's name and a field word that the segmenter made one word (美国能源|信息|署)."""
    word = view.words[k]
    country = _country_opening(word)
    if country is None or len(word) - len(country) < 2:
        return False
    rest = word[len(country) :]
    return dictionary_tag(rest) in _FIELD_TAGS and not set(rest) <= _DIRECTIONS and rest not in known_places()


def _country_opening(word: str) -> str | None:
    return next((word[:n] for n in range(len(word) - 2, 1, -1) if word[:n] in _countries()), None)


def _joined(word: str) -> bool:
    """Whether one word is a country's name and its force or ministry (日本外务省, 美国海军)."""
    country = _country_opening(word)
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
