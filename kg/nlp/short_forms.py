"""Short forms of names, and the evidence that lets a short form merge with a full name in one document.

A short form names the same entity as a full name when the article says so or the ontology does, not merely because
it could be one:

- **declared** in the text: X（以下简称“Y”）, X，简称Y, Y（全称“X”）, or a name in brackets right after another of
  the same type, X（Y）;
- **known**: the ontology lists every name of the entities it knows, so a known name (瑞银 is 瑞银集团) abbreviates no
  other organization, and two known names merge only when they are names of the same entity;
- **an abbreviation** that is not declared (上海环交所 for 上海环境能源交易所) merges only when neither name is known,
  when it keeps the places that open the full name (a Chinese place may shrink to its first character, 杭数所; a
  foreign country stays whole, since 瑞 is 瑞士 as often as 瑞典; a second place, 广西…北海市, stays whole), and when
  it abbreviates one name of the document only.
"""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.known import known_places
from kg.nlp.text import Candidate, WordSet
from kg.ontology import KnownEntity

NAME_HEADS = WordSet((*words.ORG_HEADS, *words.INDUSTRY_HEADS, *words.PRODUCT_HEADS, *words.INITIATIVE_HEADS))

_QUOTED = r"[“\"「『《]([^”\"」』》\n]{2,24})[”\"」』》]"  # a title's too: X》（以下简称《Y》）
_BARE = r"([^（）()“”\"「」『』\s，,、。；;：:]{2,24})"
# X（以下简称“Y”）, X，简称Y, X（英文简称“Y”）: the short form follows the cue
_SHORT_AFTER = re.compile(
    r"[（(，,]?\s*(?:以下|下文)?(?:简称|又称|下称|英文名|英文简称)[为是：:]?\s*(?:" + _QUOTED + "|" + _BARE + ")"
)
# Y（全称“X”）, Y，全称X: the full name follows the cue
_FULL_AFTER = re.compile(r"[（(，,]\s*全称[为是：:]?\s*(?:" + _QUOTED + r"|([^（）()“”\"「」『』\s，,、。；;]{2,40}))")
_CUES = re.compile(r"简称|又称|下称|英文名|全称|[（(]")  # what every declaration holds: a quick test before the scans
_BRACKETS = re.compile(r"[（(]([^（）()\n]{2,40})[）)]")


def declared_short_forms(text: str, chosen: list[Candidate]) -> list[tuple[str, str]]:
    """(full name, short form) pairs that the text declares right after a name (within three characters)."""
    if not _CUES.search(text):
        return []
    ends = {c.end: c for c in chosen}
    starts = {c.start: c for c in chosen}

    def before(position: int) -> Candidate | None:
        return next((ends[p] for p in range(position, max(-1, position - 4), -1) if p in ends), None)

    def surface(c: Candidate) -> str:
        return text[c.start : c.end]

    pairs = []
    for match in _SHORT_AFTER.finditer(text):
        name = before(match.start())
        if name is not None and (match.group(1) or _could_abbreviate(match.group(2), surface(name))):
            pairs.append((surface(name), (match.group(1) or match.group(2)).strip()))
    for match in _FULL_AFTER.finditer(text):
        name = before(match.start())
        if name is not None and (match.group(1) or _could_abbreviate(surface(name), match.group(2))):
            pairs.append(((match.group(1) or match.group(2)).strip(), surface(name)))
    for match in _BRACKETS.finditer(text):
        name, inside = ends.get(match.start()), starts.get(match.start(1))
        if name is None or inside is None or inside.end != match.end(1) or inside.label != name.label:
            continue
        if _could_abbreviate(surface(inside), surface(name)) or _could_abbreviate(surface(name), surface(inside)):
            pairs.append((surface(name), surface(inside)))
    return pairs


def _could_abbreviate(short: str, full: str) -> bool:
    """Whether a short form declared without quotes, or in brackets, starts with a character of the full name (股转公司
    of 全国中小企业股份转让系统有限责任公司) or is a Latin name (IMF). A name cut short by the recognizer (顾问有限公司
    of 北京展恒理财顾问有限公司（下称：展恒理财）) or a body in brackets after its government (香港特区政府（财政司）)
    declares nothing; a quoted form after 又称 or 英文名 may be any name (又称“恐慌指数”)."""
    return short.isascii() or short[0] in full


def is_abbreviation(short: str, full: str) -> bool:
    """上海环交所 abbreviates 上海环境能源交易所, 中保协 abbreviates 中国保险行业协会: the short form keeps the first
    character (or the one after 中国) and characters of the full name in order, ending in a character of its head word,
    and never the full head word itself (中国银行 is no abbreviation of 中国农业银行)."""
    if not 2 <= len(short) < len(full) or len(full) < 4:
        return False
    body = full[2:] if full.startswith("中国") and not short.startswith("中") else full
    if short[0] != body[0]:
        return False
    head = NAME_HEADS.longest_suffix(full)
    if head is None or short.endswith(head) or short[-1] not in head:
        return False
    it = iter(body)
    return all(ch in it for ch in short)


def keeps_places(short: str, full: str) -> bool:
    """Whether a short form keeps the places that open a full name: the first whole, or by its first character when
    it is in China (沪, 杭; 中 for 中国); every later one whole. 瑞银 does not keep 瑞典 of 瑞典北欧斯安银行, and
    广西自治区政府 drops 北海市 of 广西壮族自治区北海市人民政府."""
    for i, (name, place) in enumerate(leading_places(full)):
        if any(n in short for n in (place.label, *place.aliases) if len(n) >= 2):
            continue
        chinese = place.level != "country" or place.label == "中国"
        if i > 0 or not chinese or not short.startswith(name[0]):
            return False
    return True


def leading_places(name: str) -> list[tuple[str, KnownEntity]]:
    """The places a name opens with, in order, each as (the name written, the place): 广西壮族自治区北海市人民政府 →
    广西壮族自治区, 北海市."""
    places = known_places()
    found = []
    rest = name
    while True:
        written = next((rest[:n] for n in range(min(len(rest) - 1, 10), 1, -1) if rest[:n] in places), None)
        if written is None:
            return found
        found.append((written, places[written]))
        rest = rest[len(written) :]
