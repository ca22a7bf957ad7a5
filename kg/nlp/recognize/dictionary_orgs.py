"""Organizations the segmenter's dictionary knows (jieba's nt tag) that end like an institution (国防部, 法新社,
卫生局), with the places before them and the abbreviated units after them (国务院港澳办)."""

from __future__ import annotations

from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import generic_institution, known_org_names
from kg.nlp.recognize.company_kinds import counted
from kg.nlp.text import Candidate, TokenView


def dictionary_orgs(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """Words the segmenter's dictionary tags as organizations (nt) that end like an institution (国防部, 法新社,
    卫生局), with the places before them (美国国防部, 郯城县卫生局), and abbreviated units after them (国务院港澳办).
    A kind of institution (商业银行, 上市公司) is no name: its modifier is a descriptor."""
    for k in [k for k, tag in enumerate(view.tags) if tag == "nt"]:
        word = view.words[k]
        if len(word) < 2 or not word.endswith(cues.INSTITUTION_ENDINGS) or generic_institution(word):
            continue
        if _two_known_names(word):
            continue  # 中共中央国务院: the dictionary joined two bodies the gazetteer knows apart
        if counted(view, view.starts[k], view.ends[k]):
            continue  # 这家|外贸公司: a firm counted is a firm of a kind
        start = view.starts[k]
        j = k - 1
        while j >= 0 and view.tags[j] == "ns" and k - j <= 2:
            start = view.starts[j]
            j -= 1
        label = "INITIATIVE" if word.endswith(cues.FAIR_ABBREVIATIONS) else rule.label  # 广交会: a fair, an event
        out.append(Candidate(start, view.ends[k], label, rule.name, rule.score))
    for k in range(1, len(view.tags)):
        # 国务院|港澳办: an abbreviated body (j) right after an organization the dictionary knows (nt) is its unit
        word = view.words[k]
        if (
            view.tags[k] == "j"
            and view.tags[k - 1] == "nt"
            and len(word) >= 2
            and word.endswith(cues.INSTITUTION_ENDINGS)
        ):
            out.append(Candidate(view.starts[k - 1], view.ends[k], rule.label, rule.name, rule.score))


def _two_known_names(word: str) -> bool:
    """Whether a word is two known organizations' names written together (中共中央|国务院)."""
    names = known_org_names()
    return any(word[:k] in names and word[k:] in names for k in range(2, len(word) - 1))


def generic_dictionary_org(view: TokenView, start: int, end: int) -> bool:
    """人民军队: one word that the dictionary tags as an organization but that names a kind of institution."""
    i = view.index_at(start)
    whole_word = view.starts[i] == start and view.ends[i] == end
    return whole_word and view.tags[i] == "nt" and generic_institution(view.words[i])
