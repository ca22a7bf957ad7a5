"""Public bodies named by a scope and a field: 郑州市|城市规划|局, 武汉市|住房保障管理|中心, 国家|安全|委员会,
深圳|钟表|行业协会. Such names hold no proper word of their own: the place (or the nation) and the field words before
an institution's head are the name. Used by the head-word rules (heads.py) to accept a span that `left_boundary`
found with `fields_inside`.
"""

from __future__ import annotations

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.text import TokenView


def field_verb(view: TokenView, k: int, head_start: int = -1) -> bool:
    """Whether token k is a verb that names a field between two nouns of a public body's name (住房|保障|管理中心,
    城市|规划|局, 中央|审计|委员会), not a clause's verb (听取|中央审计委员会): a line of business or a field from the
    data list, with name words on both sides."""
    return (
        view.tags[k] in {"v", "vn"}
        and view.words[k] in cues.BUSINESS_SCOPE_VERBS
        and 0 < k < len(view.words) - 1
        and view.tags[k - 1] in cues.NAME_TAGS
        and view.words[k - 1] not in cues.STOP_WORDS
        and (view.tags[k + 1] in cues.NAME_TAGS or view.ends[k] == head_start)  # 住房|保障|办: the head after it
    )


def scope_and_field(view: TokenView, start: int, end: int) -> bool:
    """A place or the nation followed by field words up to `end`, where the head starts (江苏省|体育, 北京|住房公积金
    管理, 东莞市|工业和信息化, 国家|生物制造产业创新): how public bodies are named. The fields may hold the field verbs
    above, and descriptive words (城市规划) beside one word of their own; descriptive words alone (上海市|重点) name a
    kind."""
    i, j = view.index_at(start), view.index_at(end - 1)
    if view.starts[i] != start or not (view.tags[i] == "ns" or view.words[i] in cues.PUBLIC_SCOPES):
        return False
    if i > 0 and view.words[i - 1].endswith("届"):
        return False  # 政协第十二届|全国委员会: a term's number sits inside a name that began before it
    fields = [k for k in range(i + 1, j + 1) if view.words[k] not in {"和", "与"}]
    own = [k for k in fields if view.words[k] not in words.GENERIC_MODIFIERS]
    return bool(own) and all(
        (view.tags[k] in cues.NAME_TAGS and view.words[k] not in cues.STOP_WORDS) or field_verb(view, k, end)
        for k in fields
    )


_PERSON_TAGS = frozenset({"x", "nr", "nrt", "nrfg"})


def scope_after_a_person(view: TokenView, start: int, end: int) -> int:
    """Where a public body's name that runs from start to its head at end opens when a person's name stands before its
    place (王耀强|乌审旗|建设局, 记者张三|深圳市|统计局): at the place, since a public body is named from its scope."""
    i = view.index_at(start)
    if i < 0 or view.starts[i] != start or not _person_like(view, i):
        return start
    k = i + 1
    while k < len(view.words) and view.starts[k] < end and _person_like(view, k):
        k += 1
    if k < len(view.words) and view.starts[k] < end and scope_and_field(view, view.starts[k], end):
        return view.starts[k]
    return start


def _person_like(view: TokenView, k: int) -> bool:
    """A word that may be a person's name: two characters or more (乌 of 乌国家紧急情况服务局 is Ukraine's)."""
    return view.tags[k] in _PERSON_TAGS and len(view.words[k]) >= 2
