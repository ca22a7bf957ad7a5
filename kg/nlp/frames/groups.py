"""Mentions → groups: the coordinated mentions that fill one role together (A、B和C; A、B等8家公司; the two
sub-lists of "A、B等11个城市和C、D等5个地区"; 除A外……B、C). A relation on a group holds for each member."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.nlp.frames.words import Words
from kg.nlp.mentions import Mention

_COUNT = r"(?:[0-9０-９]+|[一二三四五六七八九十百千几多两]+)"
# what may stand between two members: a conjunction, quotes, a remark in brackets, list items that are not
# entities, or the close of a sub-list and a conjunction (A等11个城市和B)
_GAP = re.compile(
    r"[\s”’」』》]*(?:[（(][^（()）]{0,40}[）)])?"
    rf"(?:等{_COUNT}?[家个所款项只类种批位名座]?[\u4e00-\u9fff]{{0,6}}?(?=和|及|以及|、))?"
    r"(?:、|和|及|与|以及|或|或者|同|跟)?"
    r"(?:[^，。；、,;（）()“”]{1,14}、)*[\s“‘「『《]*"
)
# A、支付机构及B: right after a member, items that are no entities, the last one joined by a conjunction
_KINDS_GAP = re.compile(
    r"[”’」』》]?、(?:[^，。；、,;（）()“”]{1,14}、)*[^，。；、,;（）()“”]{1,14}?(?:和|及|以及|或)[\s“‘「『《]*"
)
# 等, or 等 with a count and a measure word, closing a list (A、B等8家公司: the class noun is read by the frames)
_CLOSE = re.compile(rf"[”’」』》]?\s*等(?:{_COUNT}[家个所款项只类种批位名座])?")
_PARTNER_JOINS = ("与", "同", "跟")
_JOINING = frozenset("、和及与或同跟”’」』》“‘「『《")  # a gap with none of these is no coordination (华为P30)
# a place, then a few words of description, then a name: the place describes the name (河南网红商场正弘城); the
# words describe when jieba tags none of them a verb, preposition, conjunction, adverb, particle or pronoun
_DESCRIBED = re.compile(r"[\u4e00-\u9fff]{0,6}")
_NOT_DESCRIBING = ("v", "p", "c", "d", "u", "r", "w")
_ITEM_BEFORE = re.compile(r"、[\u4e00-\u9fff]{1,6}$")  # a list comma, then words of the item, up to the place
_ITEM_AFTER = re.compile(r"[\u4e00-\u9fff]{1,6}(?=、|等)")  # words of the item after the place, then the next item
_BESIDES_OPEN = re.compile(r"除了?$")
_BESIDES_CLOSE = re.compile(r"^(?:之)?外")


@dataclass(slots=True)
class Group:
    """Mentions that fill one role together; `end` includes the 等… that closes the list."""

    members: list[Mention]
    start: int
    end: int
    joint: bool = False  # two members joined by 与/同/跟: a pair acting together

    @property
    def last(self) -> Mention:
        return self.members[-1]


def build_groups(text: str, mentions: list[Mention], words: Words | None = None) -> list[Group]:
    """The groups of a sentence's mentions, in text order; a mention in brackets right after another one (an alias
    or a remark: A（以下简称B）) joins no group."""
    groups: list[Group] = []
    previous: Mention | None = None
    phrase_start: int | None = None  # where the next name's phrase starts, when a place describes it
    for k, m in enumerate(mentions):
        if previous is not None and _in_brackets_after(text, previous, m):
            continue
        if _inside_a_title(text, m):
            continue  # 《中国共产党问责条例》: the title names the document, not the party
        if m.label == "LOC" and k + 1 < len(mentions) and _describes(text, m, mentions[k + 1], words):
            phrase_start = phrase_start if phrase_start is not None else m.start
            continue
        if m.label == "LOC" and _inside_an_item(text, m):
            continue  # A、中新B生态城、C: the place names part of an item that is no entity; the list goes on
        start = m.start if phrase_start is None else phrase_start
        phrase_start = None
        group = groups[-1] if groups else None
        if group is not None and previous is not None and (previous.start, previous.end) == (m.start, m.end):
            group.members.append(m)  # 双方: two organizations in one word
            continue
        if group is not None and previous is not None and _coordinated(text, previous, m, start):
            gap = text[previous.end : start]
            group.joint = group.joint or gap.strip() in _PARTNER_JOINS
            group.members.append(m)
            group.end = m.end
        else:
            groups.append(Group([m], start, m.end))
        previous = m
    for group in groups:
        close = _CLOSE.match(text, group.end)
        if close and close.end() > group.end:
            group.end = close.end()
    return _merge_besides(text, groups)


def _describes(text: str, place: Mention, name: Mention, words: Words | None) -> bool:
    if name.label == "LOC":
        return name.start == place.end  # 福建省光泽县: the province says where the county is; the county is named
    if name.start < place.end or not _DESCRIBED.fullmatch(text, place.end, name.start):
        return False
    if words is None:
        return True
    return not any(tag.startswith(_NOT_DESCRIBING) for _, _, tag in words.between(place.end, name.start))


def _inside_an_item(text: str, m: Mention) -> bool:
    """A、中新B生态城、C: a place with words of an item on both sides, the item between list commas (or 等)."""
    before = _ITEM_BEFORE.search(text, max(0, m.start - 7), m.start)
    after = _ITEM_AFTER.match(text, m.end)
    return before is not None and after is not None


def _coordinated(text: str, a: Mention, b: Mention, b_start: int) -> bool:
    if not _JOINING.intersection(text[a.end : b_start]):
        return False
    if not _GAP.fullmatch(text, a.end, b_start) and not _KINDS_GAP.fullmatch(text, a.end, b_start):
        return False
    # W的A、B的Z: two possessive phrases side by side; A and B are not one group
    return not (text[max(0, a.start - 1) : a.start] == "的" and text[b.end : b.end + 1] == "的")


def _inside_a_title(text: str, m: Mention) -> bool:
    """Whether the mention is part of a 《title》 but not all of it."""
    opening = text.rfind("《", max(0, m.start - 40), m.start + 1)
    if opening < 0 or text.rfind("》", opening, m.start) >= 0:
        return False
    closing = text.find("》", m.end, m.end + 40)
    return closing >= 0 and (opening + 1, closing) != (m.start, m.end)


def _in_brackets_after(text: str, previous: Mention, m: Mention) -> bool:
    gap = text[previous.end : m.start].lstrip("”’」』》 ")
    return gap[:1] in ("（", "(") and "）" not in gap and ")" not in gap


def _merge_besides(text: str, groups: list[Group]) -> list[Group]:
    """除A外，还有B、C: A is one more member of the list that follows (a group of several, or closed by 等)."""
    out: list[Group] = []
    pending: list[Mention] = []
    for group in groups:
        if _BESIDES_OPEN.search(text[max(0, group.start - 2) : group.start]) and _BESIDES_CLOSE.match(
            text[group.end : group.end + 2]
        ):
            pending.extend(group.members)
            continue
        if pending and (len(group.members) > 1 or group.end > group.last.end):
            group.members[:0] = pending
            pending = []
        out.append(group)
    return out
