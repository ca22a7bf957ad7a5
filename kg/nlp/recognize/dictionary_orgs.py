"""Organizations the segmenter's dictionary knows (jieba's nt tag) that end like an institution (国防部, 法新社,
卫生局), with the places before them and the abbreviated units after them (国务院港澳办), and abbreviated bodies
(发改委, 银监局) after a place or a level of government (市发改委: the city's)."""

from __future__ import annotations

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.abbreviated_bodies import level
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import dictionary_tag, generic_institution, known_org_names
from kg.nlp.recognize.company_kinds import counted
from kg.nlp.recognize.openings import parent_of_a_unit
from kg.nlp.text import Candidate, TokenView


def dictionary_orgs(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Words the segmenter's dictionary tags as organizations (nt) that end like an institution (国防部, 法新社,
    卫生局), with the places before them (美国国防部, 郯城县卫生局), and abbreviated units after them (国务院港澳办).
    A kind of institution (商业银行, 上市公司) is no name: its modifier is a descriptor."""
    for k in [k for k, tag in enumerate(view.tags) if tag == "nt"]:
        word = view.words[k]
        if len(word) < 2 or not word.endswith(cues.INSTITUTION_ENDINGS) or generic_institution(word):
            continue
        if word.endswith(cues.FACILITY_ENDINGS):
            continue  # 国际会议中心, 奥体中心: a venue, no body
        if _two_known_names(word):
            continue  # 中共中央国务院: the dictionary joined two bodies the gazetteer knows apart
        if counted(view, view.starts[k], view.ends[k]):
            continue  # 这家|外贸公司: a firm counted is a firm of a kind
        start = view.starts[k]
        j = k - 1
        while j >= 0 and view.tags[j] == "ns" and k - j <= 2:
            start = view.starts[j]
            j -= 1
        if j == k - 1 and level(view, j):
            start = view.starts[j]  # 县|农业局: the county's bureau
        label = "INITIATIVE" if word.endswith(cues.FAIR_ABBREVIATIONS) else rule.label  # 广交会: a fair, an event
        start = parent_of_a_unit(view, out, start, view.ends[k])  # 邮储银行|北京分行: the unit of the bank before it
        out.append(Candidate(start, view.ends[k], label, rule.name, rule.score))
    for k in range(1, len(view.tags)):
        # 国务院|港澳办: an abbreviated body (j) right after an organization the dictionary knows (nt) is its unit;
        # 广州|中院, 重庆|工商联: one right after a place is that place's body; 市|发改委, 省|银监局: one right after a
        # level of government is the body of the city or province the text is about
        word = view.words[k]
        if (
            view.tags[k] == "j"
            and (view.tags[k - 1] in {"nt", "ns"} or level(view, k - 1))
            and len(word) >= 2
            and word.endswith(cues.INSTITUTION_ENDINGS)
            and (not generic_institution(word) or (level(view, k - 1) and _abbreviated_head(word)))
            and not (view.tags[k - 1] == "ns" and _names_one_of_its_own(word))
        ):
            games = word.endswith(cues.FAIR_ABBREVIATIONS)
            if games and view.tags[k - 1] == "nt":
                continue  # 国际奥委会|奥运会部: games after a body are none of its units
            label = "INITIATIVE" if games else rule.label  # 杭州|亚运会: games, an event
            out.append(Candidate(view.starts[k - 1], view.ends[k], label, rule.name, rule.score))


def _abbreviated_head(word: str) -> bool:
    """发改委, 住建委: an abbreviated body that the head words hold (it ends the names of many: 国家发改委, 省发改委),
    so it is generic alone and names one body after a level of government."""
    return len(word) >= 3 and word in words.ORG_HEADS


def _names_one_of_its_own(word: str) -> bool:
    """中国|欧盟, 日本|美军: an abbreviation that names a body of its own (a known one, a country's forces) after a
    place is a second name, not that place's body. A known name that ends like a body of any state (央行, 证监会) is
    the place's own (韩国|央行)."""
    if len(word) == 2 and word[0] in cues.COUNTRY_INITIALS and word[1] == "军":
        return True
    return word in known_org_names() and not word.endswith(_BODY_OF_ANY_STATE)


_BODY_OF_ANY_STATE = ("行", "部", "局", "署", "委", "会", "院", "办")


def _two_known_names(word: str) -> bool:
    """Whether a word is two known organizations' names written together (中共中央|国务院)."""
    names = known_org_names()
    return any(word[:k] in names and word[k:] in names for k in range(2, len(word) - 1))


def generic_dictionary_org(view: TokenView, start: int, end: int) -> bool:
    """人民军队: one word that the dictionary tags as an organization but that names a kind of institution."""
    i = view.index_at(start)
    whole_word = view.starts[i] == start and view.ends[i] == end
    return whole_word and view.tags[i] == "nt" and generic_institution(view.words[i])


_RARE_STEM = 100  # a stem rarer than this in the dictionary's corpus is a name's (锡业, 金丰), not a field's (维修)
_KIND_STEM_TAGS = frozenset({"ns", "s", "m", "a", "ad", "v", "vn", "d"})  # places, counts, qualities, acts: kinds


def dictionary_name(view: TokenView, start: int, head_start: int, end: int) -> bool:
    """Whether text[start:end] is one word the dictionary tags as a proper noun (nz, nt) that ends in a head, with a
    rare stem of its own (锡业股份, 金丰投资, 国泰人寿): the dictionary's name, though the stem alone is no proper
    word. A common stem (维修中心, 海外基金), a place (湖南投资) or a quality (高科技) before the head makes a kind."""
    i = view.index_at(start)
    if i < 0 or view.starts[i] != start or view.ends[i] != end or view.tags[i] not in {"nz", "nt"}:
        return False
    stem = view.text[start:head_start]
    return (
        len(stem) >= 2
        and view.freqs.get(stem, 0) < _RARE_STEM
        and dictionary_tag(stem) not in _KIND_STEM_TAGS
        and not generic_institution(view.words[i])
    )
