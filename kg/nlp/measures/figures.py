"""Stated figures in a text: a number with its unit or measure word, a share (8.97%, 七成, 百分之五, 三分之一),
money with its currency, a range (10-15亿元), and the words that qualify it (超过, 逾, 近, 约, 余, 以上).

A number with no unit after it (a year, a date, an age, a code, a model number) is no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.nlp.measures.numbers import parse_number
from kg.nlp.words import read_table

_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_FULL_WIDTH = re.compile("[０-９．％]")
_ARABIC_DIGITS = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_ARABIC = rf"{_ARABIC_DIGITS}(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)?"
# a number with a multiplier may stand without a unit: 访问次数超过2亿, 80万小微商户 (see `_bare`)
_MULTIPLIED = rf"{_ARABIC_DIGITS}(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
# A number that starts after a letter, a digit, a slash or 第 is part of a code, a model or an ordinal; a Chinese
# numeral after 数/几/上/成 is vague (数十, 上千).
_NOT_AFTER = r"(?<![0-9A-Za-z./／_#第-])"
_NUMBER = rf"{_NOT_AFTER}(?:{_ARABIC}|(?<![第数几上成好每]){_CHINESE})"
_BARE = re.compile(_MULTIPLIED)
_RANGE = re.compile(rf"\s?(?:-|－|—|~|～|至|到)\s?({_ARABIC}|{_CHINESE})")
_FRACTION = re.compile(rf"({_CHINESE})分之({_CHINESE}|[0-9.]+)")
_PER_CENT = re.compile(rf"百分之({_CHINESE}|[0-9.]+)")
_PER = re.compile(r"\s?/\s?([A-Za-z]+|千瓦时|立方米|平方米|[\u4e00-\u9fff])")
_TENTHS_NOT_BEFORE = frozenset("为立本员果交功绩熟都长效就型品分年人才")
_NUMERAL_DIGITS = frozenset("零〇一二两三四五六七八九十")
_BARE_MULTIPLIERS = frozenset({"十万", "百万", "千万", "十亿", "百亿", "千亿", "万亿"})


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    kind: str
    not_before: frozenset[str]


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated figure: where it is written (comparison words included), its value and how it is qualified."""

    start: int
    end: int
    value: float
    unit: str
    kind: str
    comparison: str = "eq"
    upper: float | None = None


def _units() -> tuple[dict[str, Unit], list[int]]:
    rows = read_table("kg.nlp.measures", "units")
    units = {row[0]: Unit(row[1], row[2], frozenset(row[3] if len(row) > 3 else "")) for row in rows}
    return units, sorted({len(w) for w in units}, reverse=True)


def _comparisons() -> tuple[dict[str, str], dict[str, str]]:
    before, after = {}, {}
    for word, where, comparison in read_table("kg.nlp.measures", "comparisons"):
        (before if where == "before" else after)[word] = comparison
    return before, after


_UNITS, _UNIT_LENGTHS = _units()
_BEFORE, _AFTER = _comparisons()
_BEFORE_LENGTHS = sorted({len(w) for w in _BEFORE}, reverse=True)
_AFTER_LENGTHS = sorted({len(w) for w in _AFTER}, reverse=True)
# A number that may start a figure: one with its unit, 成, the sign of a range or 分之 after it, the number of
# 百分之五, or a number with a multiplier. The search stops at no other number (a year, a date, a code), and finds
# where figures may be in a whole text in one pass, so that the sentences without one are never read.
_UNIT_WORDS = "|".join(re.escape(w) for w in sorted(_UNITS, key=len, reverse=True))
# units of one character, and the first two characters of the others (日元, not 日 of 30日)
_UNIT_CHARACTERS = "".join(sorted(re.escape(w) for w in _UNITS if len(w) == 1))
_UNIT_STARTS = "|".join(sorted({re.escape(w[:2]) for w in _UNITS if len(w) > 1 and w[0] not in _UNITS}))
_CANDIDATE = re.compile(
    rf"[0-9零〇一二两三四五六七八九十百千万亿][余多]?\s?(?:[{_UNIT_CHARACTERS}成至到~～—－\-]|{_UNIT_STARTS})"
    r"|分之|[0-9][万亿]"
)
_NUMBER_CHARACTERS = frozenset("0123456789,.零〇一二两三四五六七八九十百千万亿")
_LOOK_AHEAD = 8  # characters after a candidate in which a figure's number must end: 余, a space, a unit of 4
_FIGURE_NUMBER = re.compile(
    rf"{_NUMBER}(?=[余多]?\s?(?:{_UNIT_WORDS}|成|-|－|—|~|～|至|到|分之))|(?<=百分之){_NUMBER}"
    rf"|{_NOT_AFTER}{_MULTIPLIED}(?![0-9A-Za-z%.])"
)


def normalize_digits(text: str) -> str:
    """Full-width digits, point and per cent sign as ASCII, one character for one, so offsets stay the same."""
    return text.translate(_DIGITS) if _FULL_WIDTH.search(text) else text


def candidate_starts(text: str) -> list[int]:
    """Where figures may be in a text with ASCII digits: every figure find_figures reads has one of them inside (a
    numeral, then what may start a unit, a range or 分之; or a multiplier after a digit), found by one pattern of
    character classes, which is five times as fast as the exact search."""
    return [match.start() for match in _CANDIDATE.finditer(text)]


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every stated figure in text[start:end], in reading order; `text` should have ASCII digits already.

    The exact pattern is tried only near the places the quick pattern finds (see `candidate_starts`): from the
    start of the number there, up to a few characters after it (its unit)."""
    end = len(text) if end is None else end
    figures: list[Figure] = []
    position = start
    for candidate in _CANDIDATE.finditer(text, start, end):
        if candidate.end() <= position:
            continue
        back = candidate.start()
        while back > position and text[back - 1] in _NUMBER_CHARACTERS:
            back -= 1
        stop = min(end, candidate.end() + _LOOK_AHEAD)
        while True:
            match = _FIGURE_NUMBER.search(text, max(back, position), stop)
            if match is None or match.start() > candidate.end():
                break  # (a number further on is the next candidate's, read with all of its unit)
            figure = _shares(text, match.start(), end) or _figure_at(text, match, end) if _usable(match) else None
            if figure is None:
                back = match.end()
                continue
            figures.append(figure)
            position = figure.end
            break
    return figures


def _usable(match: re.Match[str]) -> bool:
    return _usable_number(match.group())


def _usable_number(number: str) -> bool:
    if number[0].isdigit():
        return True
    if number in _BARE_MULTIPLIERS:
        return True
    # a lone 一 is an article (一家银行, 一批产品), not a count
    return number != "一" and any(ch in _NUMERAL_DIGITS for ch in number)


def _shares(text: str, start: int, end: int) -> Figure | None:
    """百分之五 and 三分之一, which start with a numeral that is not the figure's value."""
    for pattern in (_PER_CENT, _FRACTION):
        match = pattern.match(text, start - 3 if pattern is _PER_CENT else start, end)
        if match is None or match.start() > start:
            continue
        if pattern is _PER_CENT:
            value = parse_number(match.group(1))
            value = None if value is None else value / 100
        else:
            whole, part = parse_number(match.group(1)), parse_number(match.group(2))
            value = None if not whole or part is None else part / whole
        if value is not None:
            return _qualified(text, match.start(), match.end(), end, round(value, 10), "%", "share")
    return None


def _figure_at(text: str, match: re.Match[str], end: int) -> Figure | None:
    """The figure a number starts, if a unit, a range or 成 follows it; the number is parsed only then."""
    number = match.group()
    position = match.end()
    comparison = "eq"
    if text.startswith(("余", "多"), position):  # 400余家, 40多辆
        comparison = "gt"
        position += 1
    if text.startswith("成", position) and not number[0].isdigit():
        value = parse_number(number)
        if value is None or len(number) != 1 or text[position + 1 : position + 2] in _TENTHS_NOT_BEFORE:
            return None
        return _qualified(text, match.start(), position + 1, end, round(value / 10, 10), "%", "share", comparison)
    unit_word = _unit_at(text, position, end)
    upper = None
    if unit_word is None:
        ranged = _RANGE.match(text, position, end)
        if ranged is None:
            return _bare(text, match, position, end, comparison)
        upper_end, upper_value, unit_word = _upper(text, ranged, end)
        if unit_word is None:
            return _bare_range(text, match, ranged, end)
        value = parse_number(number) if upper_value is not None else None
        if value is None:
            return None
        value = _with_multiplier_of(number, ranged.group(1), value)
        upper, position, comparison = upper_value, upper_end, "range"
    else:
        value = parse_number(number)
        if value is None:
            return None
        position += len(unit_word) + (1 if text.startswith(" ", position) else 0)
        ranged = _RANGE.match(text, position, end)
        if ranged is not None:
            upper_end, upper_value, second_unit = _upper(text, ranged, end)
            if second_unit == unit_word and upper_value is not None:
                upper, position, comparison = upper_value, upper_end, "range"
    unit = _UNITS[unit_word]
    name = unit.name
    if unit.kind == "share" and name == "%":
        value, upper = value / 100, None if upper is None else upper / 100
    if unit.kind == "money":
        per = _PER.match(text, position, end)
        if per is not None:
            name, position = f"{name}/{per.group(1)}", per.end()
    return _qualified(text, match.start(), position, end, _rounded(value), name, unit.kind, comparison, upper)


def _bare(text: str, match: re.Match[str], position: int, end: int, comparison: str) -> Figure | None:
    """A number with a multiplier and no unit (超过1亿；, 逾80万小微商户): a figure of kind "number" and no unit,
    which the reading of its sentence keeps as a count when a countable noun follows it, or as a number when the
    clause ends after it, and drops otherwise (10万亿新赛道)."""
    if not _BARE.fullmatch(match.group()) or text[position : position + 1] in ("%", "."):
        return None
    value = parse_number(match.group())
    if value is None:
        return None
    return _qualified(text, match.start(), position, end, value, "", "number", comparison)


def _bare_range(text: str, match: re.Match[str], ranged: re.Match[str], end: int) -> Figure | None:
    """8万亿至10万亿, 10-15亿: a range of numbers whose upper bound has a multiplier, and no unit."""
    if not _BARE.fullmatch(ranged.group(1)) or re.match(r"[0-9A-Za-z%.]", text[ranged.end() : ranged.end() + 1]):
        return None
    value, upper = parse_number(match.group()), parse_number(ranged.group(1))
    if value is None or upper is None:
        return None
    value = _with_multiplier_of(match.group(), ranged.group(1), value)
    return _qualified(text, match.start(), ranged.end(), end, _rounded(value), "", "number", "range", upper)


def _unit_at(text: str, position: int, end: int) -> str | None:
    if text.startswith(" ", position):
        position += 1
    for n in _UNIT_LENGTHS:
        word = text[position : position + n]
        if len(word) == n and position + n <= end and word in _UNITS:
            if text[position + n : position + n + 1] in _UNITS[word].not_before:
                return None
            return word
    return None


def _upper(text: str, ranged: re.Match[str], end: int) -> tuple[int, float | None, str | None]:
    unit_word = _unit_at(text, ranged.end(), end)
    if unit_word is None:
        return ranged.end(), None, None
    stop = ranged.end() + len(unit_word) + (1 if text.startswith(" ", ranged.end()) else 0)
    return stop, parse_number(ranged.group(1)), unit_word


def _with_multiplier_of(number: str, upper: str, value: float) -> float:
    """10-15亿元: the lower bound takes the multiplier written once, after the upper one."""
    if not number[-1].isdigit():
        return value
    upper_value, upper_plain = parse_number(upper), parse_number(upper.rstrip("万亿千百十"))
    if upper_value is None or not upper_plain or upper_value == upper_plain:
        return value
    return value * (upper_value / upper_plain)


def _qualified(
    text: str,
    start: int,
    stop: int,
    end: int,
    value: float,
    unit: str,
    kind: str,
    comparison: str = "eq",
    upper: float | None = None,
) -> Figure:
    """The figure with the comparison words written before and after it."""
    for n in _BEFORE_LENGTHS:
        word = text[start - n : start] if start >= n else ""
        if word in _BEFORE:
            comparison, start = _BEFORE[word], start - n
            break
    for n in _AFTER_LENGTHS:
        word = text[stop : stop + n]
        if stop + n <= end and word in _AFTER:
            comparison, stop = _AFTER[word], stop + n
            break
    return Figure(start, stop, value, unit, kind, comparison, upper)


def _rounded(value: float) -> float:
    return float(f"{value:.10g}")
