"""Time expressions of business news and the date each one names: 截至2021年底 → 2021-12-31, 2022年一季度 →
2022-Q1, 2019年以来 → 2019/<the document's date>, 今年 → the document's year.

Finding is done on the text alone; a relative expression (今年, 去年底, 6月30日 with no year, 目前) is resolved
later against the document's own date, and says so, or says that the document has none.

The libraries measured for this (jionlp, dateparser, ChineseTimeNLP) read too few of these expressions right or
read them against the clock; see README.md, "Figures and dates".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace

from kg.nlp.measures.numbers import parse_number
from kg.nlp.words import read_table

_RELATIVE_YEARS = {word: int(offset) for word, offset in read_table("kg.nlp.measures", "time_words")}
_TO = r"\s?(?:-|—|~|至|到)\s?"  # 2019-2021年, 1-2月: a span written with one 年 or 月
_YEAR = (
    rf"(?:(?P<year>(?:19|20)[0-9]{{2}})(?:{_TO}(?P<year_to>(?:19|20)[0-9]{{2}}))?\s?年|"
    r"(?P<year_cn>[〇零一二三四五六七八九]{4})年|"
    rf"(?P<year_rel>{'|'.join(sorted(_RELATIVE_YEARS, key=len, reverse=True))}))"
)
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_PART = (
    r"(?:第?(?P<quarter>[一二三四1-4])\s?季度|前(?P<quarters>[一二三两])\s?个?季度|(?P<half>上|下)半年|"
    rf"(?P<month>{_MONTH})(?:{_TO}(?P<month_to>{_MONTH}))?\s?月份?"
    r"(?:\s?(?P<day>[12][0-9]|3[01]|0?[1-9])\s?[日号])?(?P<month_edge>底|末|初)?|"
    r"(?P<year_edge>底|末|初)|全年)"
)
# a year, a part of a year (a quarter, a month, a day, its end), or both; a part with no year may not be 底, 末, 初 or
# 全年 alone (checked in `_when`)
_POINT = rf"(?<![0-9]){_YEAR}?\s?{_PART}?"
_NOW_WORDS = ("截至目前", "截止目前", "目前", "当前", "如今", "现在")
_NOW = rf"(?P<now>{'|'.join(_NOW_WORDS)})"
# 近三年, 过去5年, 近半年, 近6个月: the years or months up to the document's date
_RECENT = r"(?:近|最近|过去)(?P<recent>[0-9]+|[一二两三四五六七八九十]+|半)\s?个?(?P<recent_unit>年|月)(?:来|以来)?"
_AS_OF = r"(?P<as_of>截至|截止到|截止|到)\s?"
_SINCE = r"\s?(?P<since>以来|起|开始)"
_SPAN = re.compile(r"\s?(?:至|到|-|—|~)\s?")
_POINT_RE = re.compile(_POINT)
# every part of a point is optional; the look-ahead (the same patterns, unnamed, after a quick test of the first
# character) makes a point start with a year or a part of a year, so that the search does not stop, with an empty
# match, at every character of the text
_NAMED = re.compile(r"\?P<\w+>")
_FIRST = "".join(sorted({w[0] for w in _RELATIVE_YEARS} | set("第前上下底末初全0123456789十〇零一二三四五六七八九")))
_STARTS_POINT = rf"(?=\s|[{_FIRST}])(?=\s?(?:{_NAMED.sub('', _YEAR)}|{_NAMED.sub('', _PART)}))"
_TIME_RE = re.compile(rf"{_NOW}|{_RECENT}|(?:{_AS_OF})?{_STARTS_POINT}{_POINT}(?:{_SINCE})?")
# Every time expression find_times keeps has one of these: 年, 月 or 季度 (a year, a half-year, a month, a quarter,
# 近三年), a relative year, or now. A text without any has no time, and is not searched with the pattern above.
_TIME_WORDS = re.compile(
    "|".join(re.escape(w) for w in sorted({"年", "月", "季度", *_RELATIVE_YEARS, *_NOW_WORDS}, key=len, reverse=True))
)
_COMPARED = ("较", "比", "同", "与", "是", "相比")  # 较去年, 比上年末: the base of a comparison, not the figure's time


@dataclass(frozen=True, slots=True)
class When:
    """One point or period as written: absolute parts, or a year counted from the document's year."""

    year: int | None = None
    year_offset: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    quarters: int | None = None
    half: int | None = None
    edge: str | None = None  # "end" for 底/末, "start" for 初
    now: bool = False
    months_back: int | None = None  # 近三年: 36 months before the document's date


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression of the text: a point (2021年6月), as of a point (截至…), since a point (…以来) or a span."""

    start: int
    end: int
    text: str
    mode: str  # at, as_of, since (近三年 too), span
    first: When
    last: When | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    """The time a figure holds for: an ISO-like value (2021-12-31, 2022-Q1, 2021-H1, 2019/2022-03-18) and its
    precision (day, month, quarter, half-year, year, span), or None with a note saying why."""

    value: str | None
    precision: str | None
    note: str = ""


def find_times(text: str, start: int = 0, end: int | None = None) -> list[TimeRef]:
    """Time expressions in text[start:end], in reading order; the bases of comparisons (较去年) are left out."""
    end = len(text) if end is None else end
    found: list[TimeRef] = []
    if _TIME_WORDS.search(text, start, end) is None:
        return found
    position = start
    while position < end:
        match = _TIME_RE.search(text, position, end)
        if match is None:
            break
        position = max(match.end(), position + 1)
        if text[max(start, match.start() - 2) : match.start()].endswith(_COMPARED):
            continue
        if match.end() == match.start() or not _has_point(match):
            continue
        if match.group("now"):
            found.append(TimeRef(match.start(), match.end(), match.group(), "as_of", When(now=True)))
            continue
        if match.group("recent"):
            found.append(TimeRef(match.start(), match.end(), match.group(), "since", _recent(match)))
            continue
        first = _when(match)
        mode = "as_of" if match.group("as_of") else "since" if match.group("since") else "at"
        span_end = match.end()
        if match.group("year_to") or match.group("month_to"):
            last = replace(first, year=int(match.group("year_to") or first.year or 0) or None)
            last = replace(last, month=_small(match.group("month_to")) or first.month)
            found.append(TimeRef(match.start(), span_end, match.group(), "span", first, last))
            continue
        if mode == "at":
            after = _SPAN.match(text, match.end(), end)
            second = _POINT_RE.match(text, after.end(), end) if after else None
            if second is not None and second.end() > second.start() and _has_point(second):
                found.append(
                    TimeRef(
                        match.start(), second.end(), text[match.start() : second.end()], "span", first, _when(second)
                    )
                )
                position = second.end()
                continue
        found.append(TimeRef(match.start(), span_end, match.group(), mode, first))
    return [_trimmed(t) for t in found]


def _trimmed(ref: TimeRef) -> TimeRef:
    """Without the space or line break a point may start with (于 6 月, a month at the start of a line)."""
    text = ref.text.lstrip()
    return ref if text == ref.text else replace(ref, start=ref.end - len(text), text=text)


def _has_point(match: re.Match[str]) -> bool:
    """Whether a match names a time: a year, or a month, quarter or half-year with no year."""
    groups = match.groupdict()
    if (
        groups.get("now")
        or groups.get("recent")
        or groups.get("year")
        or groups.get("year_cn")
        or groups.get("year_rel")
    ):
        return True
    return any(groups.get(name) for name in ("month", "quarter", "quarters", "half"))


def _when(match: re.Match[str]) -> When:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("year_cn"):
        year = int(parse_number(groups["year_cn"]) or 0) or None
    offset = _RELATIVE_YEARS.get(groups.get("year_rel") or "")
    edge_word = groups.get("month_edge") or groups.get("year_edge")
    return When(
        year=year,
        year_offset=offset,
        month=_small(groups.get("month")),
        day=_small(groups.get("day")),
        quarter=_small(groups.get("quarter")),
        quarters=_small(groups.get("quarters")),
        half={"上": 1, "下": 2}.get(groups.get("half") or ""),
        edge={"底": "end", "末": "end", "初": "start"}.get(edge_word or ""),
    )


def _recent(match: re.Match[str]) -> When:
    count = 0.5 if match.group("recent") == "半" else parse_number(match.group("recent")) or 0
    return When(months_back=int(count * 12) if match.group("recent_unit") == "年" else int(count))


def _small(text: str | None) -> int | None:
    if not text:
        return None
    value = parse_number(text)
    return None if value is None else int(value)


def resolve(ref: TimeRef, document_date: str | None) -> Resolved:
    """The value and precision of a time expression, with the document's date (ISO) for what is relative."""
    base = _date_parts(document_date)
    relative = _relative(ref.first) or (ref.last is not None and _relative(ref.last))
    if relative and base is None:
        return Resolved(None, None, f"{ref.text}: relative to the document's date, and the document has none")
    if ref.first.now:
        return Resolved(document_date, "day", f"{ref.text}: the document's date")
    first = _point(ref.first, base)
    if first is None:
        return Resolved(None, None, f"{ref.text}: not a date")
    note = f"{ref.text}: read with the document's date {document_date}" if relative else ""
    if ref.mode == "since":
        until = document_date or ".."
        return Resolved(
            f"{first[0]}/{until}", "span", note or (f"{ref.text}: until the document's date" if document_date else "")
        )
    if ref.mode == "span" and ref.last is not None:
        last = _point(ref.last, base)
        if last is None:
            return Resolved(None, None, f"{ref.text}: not a date")
        return Resolved(f"{first[0]}/{last[0]}", "span", note)
    return Resolved(first[0], first[1], note)


def _relative(when: When) -> bool:
    return when.now or when.year is None


def _date_parts(date: str | None) -> tuple[int, int, int] | None:
    if not date or not re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
        return None
    return int(date[:4]), int(date[5:7]), int(date[8:10])


def _point(when: When, base: tuple[int, int, int] | None) -> tuple[str, str] | None:
    """The value and precision of one point or period."""
    if when.months_back is not None and base is not None:
        months = base[0] * 12 + base[1] - 1 - when.months_back
        year, month = divmod(months, 12)
        day = min(base[2], calendar.monthrange(year, month + 1)[1])
        return f"{year:04d}-{month + 1:02d}-{day:02d}", "day"
    year = when.year
    if year is None:
        if base is None:
            return None
        year = base[0] + (when.year_offset or 0)
    if when.month is not None:
        if not 1 <= when.month <= 12:
            return None
        last_day = calendar.monthrange(year, when.month)[1]
        if when.day is not None:
            return (f"{year:04d}-{when.month:02d}-{when.day:02d}", "day") if when.day <= last_day else None
        if when.edge is not None:
            day = last_day if when.edge == "end" else 1
            return f"{year:04d}-{when.month:02d}-{day:02d}", "day"
        return f"{year:04d}-{when.month:02d}", "month"
    if when.quarter is not None:
        return f"{year:04d}-Q{when.quarter}", "quarter"
    if when.quarters is not None:
        return f"{year:04d}-01/{year:04d}-{3 * when.quarters:02d}", "span"
    if when.half is not None:
        return f"{year:04d}-H{when.half}", "half-year"
    if when.edge is not None:
        return (f"{year:04d}-12-31" if when.edge == "end" else f"{year:04d}-01-01"), "day"
    return f"{year:04d}", "year"
