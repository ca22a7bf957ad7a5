"""Launch objects: what a launch verb introduces (推出X, 发行X) is a product or an initiative when its head word
says so."""

from __future__ import annotations

from kg.nlp import words
from kg.nlp.recognize import cues
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.boundaries import QUANTITY, common_word, compound_modifier, is_proper, right_boundary
from kg.nlp.recognize.cues import INITIATIVE_HEAD_WORDS, PRODUCT_HEAD_WORDS
from kg.nlp.recognize.heads import kind_of_plan, names_one
from kg.nlp.recognize.kinds import type_by_head
from kg.nlp.text import Candidate, TokenView


def launch_objects(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """The object of a launch verb (推出X, 发行X) is a product or initiative when its head word says so."""
    text = view.text
    for match in words.LAUNCH.finditer(text):
        vs, ve = match.span()
        if not (view.is_start(vs) and view.is_end(ve)):
            continue
        i = view.index_at(ve)
        # skip a quantity or aspect marker: 推出了首张, 发行逾4700万张
        while i < len(view.words) and (
            view.words[i] in {"了", "过", "出", "首张", "首个", "首款", "首批", "一款", "一张", "一系列"}
            or view.tags[i] in {"m", "q", "mq"}
            or QUANTITY.match(view.words[i])
        ):
            i += 1
        if i >= len(view.words):
            continue
        start = view.starts[i]
        end = right_boundary(view, i)
        if end is None or end - start < 2:
            continue
        name = text[start:end]
        label = type_by_head(name, weak=True)
        if label is None or not (is_proper(view, start, end) or _named_by_the_launch(view, start, end, label)):
            continue
        kind = next((h for h in cues.KIND_PRODUCT_HEADS if name.endswith(h)), None)
        if kind is not None and not names_one(view, start, end - len(kind)):
            continue  # 建设科技创新资源共享平台: a kind of platform
        head = INITIATIVE_HEAD_WORDS.longest_suffix(name) if label == "INITIATIVE" else None
        if head is not None and kind_of_plan(text, end - len(head)):
            continue  # 开展专项资管计划: a kind of transaction
        out.append(Candidate(start, end, label, rule.name, rule.score))


def _named_by_the_launch(view: TokenView, start: int, end: int, label: str) -> bool:
    """The launch verb is the evidence that a name of common words names one thing: a product's word after one content
    word (上线乡村振兴专区), a programme's after two (开展移动支付便民工程; 实施军事行动 names a kind)."""
    name = view.text[start:end]
    if label == "PRODUCT":
        head = next((h for h in PRODUCT_HEAD_WORDS.suffixes(name) if h in words.STRONG_PRODUCT_HEADS), None)
        return head is not None and len(name) > len(head) and not common_word(view, start, end)
    head = INITIATIVE_HEAD_WORDS.longest_suffix(name) or ""
    return compound_modifier(view, start, end - len(head))
