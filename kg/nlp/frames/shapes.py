"""Frames with no trigger word, read off the shape of a noun phrase:

- possessive: A的B, an organization's product or programme (A、B等8家公司的C: each of them);
- juxtaposed: A B side by side, or with a word or two of class between (华为P30系列, 添可洗地机芙万2.0);
- class: a place, a few words and a class word before an organization (美国公司A, 韩国最大电商企业A)."""

from __future__ import annotations

import re

from kg.nlp.frames.groups import Group
from kg.nlp.frames.lexicon import Lexicon
from kg.nlp.frames.table import Frame
from kg.nlp.frames.words import Words
from kg.nlp.mentions import Mention

_MODIFIER = re.compile(r"[\u4e00-\u9fff“”\"]{0,8}")
_PLACE_MODIFIER = re.compile(r"(?:的)?[\u4e00-\u9fff]{0,4}?(?:的)?")
_NOUN_TAGS = ("n", "nz", "nw", "eng")
_MAX_CLASS_WORDS = 4  # characters of class between an owner and its product (洗地机)


def shape_frames(
    text: str,
    groups: list[Group],
    mentions: list[Mention],
    lexicon: Lexicon,
    words: Words | None,
    verb_ends: frozenset[int],
) -> list[Frame]:
    """The shape frames of a sentence; `verb_ends` are where its predicates end (持股A的B: A is the verb's object,
    and B no thing of A's)."""
    frames = []
    possessive = lexicon.shapes.get("possessive")
    juxtaposed = lexicon.shapes.get("juxtaposed")
    accounts = tuple(lexicon.platform_accounts)
    for owner, group in zip(groups, groups[1:]):
        thing = group.members[0]
        gap = text[owner.end : thing.start]
        if text.startswith(accounts, group.end):
            continue  # 其微信|公众号, X的抖音|账号: an account on the platform, which is no product of the owner's
        if possessive is not None and gap.startswith("的") and _MODIFIER.fullmatch(gap, 1) and "的" not in gap[1:]:
            if any(owner.start - k in verb_ends for k in range(3)):
                continue  # 持股A的B: A is the verb's object
            frame = Frame(possessive, owner.end, owner.end + 1)
        elif juxtaposed is not None and thing.label == "PRODUCT" and _juxtaposed(owner, thing, words):
            frame = Frame(juxtaposed, owner.last.end, thing.start)
            owner = Group([owner.last], owner.last.start, owner.last.end)
        else:
            continue
        frame.fill("owner", owner.members)
        frame.fill("possessed", group.members if gap.startswith("的") else [thing])
        frames.append(frame)
    frames.extend(_class_frames(text, mentions, lexicon))
    return frames


def _juxtaposed(group: Group, thing: Mention, words: Words | None) -> bool:
    """A B with nothing between, or a class noun or two (words tagged as nouns) and no more; only a product (茅台沪港通
    is no programme of 茅台's)."""
    owner = group.last
    if group.end != owner.end:
        return False
    if owner.end == thing.start:
        return True
    if words is None or thing.start - owner.end > _MAX_CLASS_WORDS:
        return False
    return all(tag.startswith(_NOUN_TAGS) for _, _, tag in words.between(owner.end, thing.start))


def _class_frames(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Frame]:
    frames = []
    lengths = sorted({len(w) for w in lexicon.classes}, reverse=True)
    for place, name in zip(mentions, mentions[1:]):
        if place.label != "LOC" or name.label != "ORG":
            continue
        before = text[place.end : name.start]
        word = next((before[-n:] for n in lengths if len(before) > n - 1 and before[-n:] in lexicon.classes), None)
        if word is None or not _PLACE_MODIFIER.fullmatch(before[: -len(word)]):
            continue
        frame = Frame(lexicon.classes[word], name.start - len(word), name.start)
        frame.fill("anchor", [place])
        frame.fill("member", [name])
        frames.append(frame)
    return frames
