"""Ownership: subsidiaries (A旗下的B, B是A的全资子公司), shareholders (X的股东包括A、B; A持股), and who runs a product
(A旗下的X, A、B等N家公司的X, A运营X)."""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.relate.base import Sentence, SentenceRule
from kg.nlp.relate.clauses import after, before, leading_run, partner_group, separated, triggers

_CHILD_OF = re.compile(r"(?:旗下|下属|下)的?")
_IS_CHILD = re.compile(r"(是|为|系)[^，。；]{2,20}?的(?:全资|控股)?子公司")
_HOLDS = re.compile(r"持股(?:比例)?|持有[^，。；]{0,6}股份|参股")
_OF = re.compile(r"(?:旗下|推出|发行|上报|申报)?的")
# between an owner and 的: nothing, or the count and class that close its list (等8家公募基金公司)
_OWNER_GAP = re.compile(
    r"(?:等?[0-9一二三四五六七八九十两几多]*" + words.measure_class() + r"?[\u4e00-\u9fff]{0,6}(?:公司|企业|机构))?"
)
_SHAREHOLDERS = re.compile(r"(?:的)?(?:发起)?股东(?:包括|为|有|是|共计[^，。；]{0,8}[，,]?)?[:：]?")


def subsidiary_cue(sentence: Sentence, rule: SentenceRule) -> None:
    """A旗下(的)B, A的子公司B: an organization after the cue is a subsidiary, a product is run by its owner. The
    assertions: for an organization, for a product or initiative."""
    text, s, e, ents, orgs = sentence.text, sentence.start, sentence.end, sentence.mentions, sentence.orgs
    child_of, runs = rule.asserts
    for m in rule.cue.finditer(text, s, e):
        cs, ce = m.span()
        left = before(text, cs, orgs)
        right = after(text, ce, ents)
        if left and right and text[left[-1].end : cs] in {"", "的"}:
            for t in leading_run(text, ce, right):
                if t.label == "ORG":
                    sentence.add(rule, child_of, t.name, left[-1].name)
                else:
                    sentence.add(rule, runs, left[-1].name, t.name)


def subsidiary_shape(sentence: Sentence, rule: SentenceRule) -> None:
    """Ownership stated by the sentence's shape: X(旗)下(属)的Y, and Y是X的(全资)子公司; one assertion per shape."""
    text, s, e, orgs = sentence.text, sentence.start, sentence.end, sentence.orgs
    held_under, declared = rule.asserts
    for m in _CHILD_OF.finditer(text, s, e):
        parent = [x for x in orgs if x.end == m.start()]
        child = [x for x in orgs if x.start == m.end()]
        if parent and child:
            sentence.add(rule, held_under, child[0].name, parent[0].name)
    for m in _IS_CHILD.finditer(text, s, e):
        child = [x for x in orgs if x.end == m.start()]
        parent = [x for x in orgs if x.start == m.start() + len(m.group(1))]
        if child and parent:
            sentence.add(rule, declared, child[0].name, parent[0].name)


def shareholders(sentence: Sentence, rule: SentenceRule) -> None:
    """X的股东包括A、B: A and B invested in X; 持股 in the sentences that follow speaks of X."""
    text, orgs = sentence.text, sentence.orgs
    (invested,) = rule.asserts
    for m in _SHAREHOLDERS.finditer(text, sentence.start, sentence.end):
        owned = [x for x in orgs if x.end <= m.start()]
        if not owned:
            continue
        sentence.passage.held = owned[-1].name
        holders = [x for x in orgs if x.start >= m.end() and x.name != owned[-1].name]
        for h in leading_run(text, m.end(), holders):
            sentence.add(rule, invested, h.name, owned[-1].name)


def shareholding(sentence: Sentence, rule: SentenceRule) -> None:
    """A持股: A invested in the company whose shareholders an earlier sentence listed."""
    text, orgs, held = sentence.text, sentence.orgs, sentence.passage.held
    (invested,) = rule.asserts
    for m in _HOLDS.finditer(text, sentence.start, sentence.end):
        holders = [x for x in orgs if x.end <= m.start() and not separated(text, x.end, m.start())]
        if held and holders:
            for name in partner_group(text, holders):
                sentence.add(rule, invested, name, held)


def possessive(sentence: Sentence, rule: SentenceRule) -> None:
    """A、B等N家公司的X, A旗下的X: A (and B) run X."""
    text, ents, orgs = sentence.text, sentence.mentions, sentence.orgs
    (runs,) = rule.asserts
    for m in _OF.finditer(text, sentence.start, sentence.end):
        owners = [x for x in orgs if x.end <= m.start() and m.start() - x.end <= 10]
        owners = [x for x in owners if _OWNER_GAP.fullmatch(text[x.end : m.start()])]
        things = [x for x in ents if x.start == m.end() and x.label in {"PRODUCT", "INITIATIVE"}]
        if owners and things:
            for name in partner_group(text, [x for x in orgs if x.end <= owners[-1].end]):
                sentence.add(rule, runs, name, things[0].name)


def operate_verb(sentence: Sentence, rule: SentenceRule) -> None:
    """ORG 运营/经营/旗下 PRODUCT: the organization runs the products after the verb."""
    text, s, e, ents, orgs = sentence.text, sentence.start, sentence.end, sentence.mentions, sentence.orgs
    (runs,) = rule.asserts
    for m in triggers(rule.cue, text, s, e, ents):
        vs, ve = m.span()
        left = before(text, vs, orgs)
        right = after(text, ve, [x for x in ents if x.label in {"PRODUCT", "INITIATIVE"}])
        if left and right:
            for t in leading_run(text, ve, right):
                sentence.add(rule, runs, left[-1].name, t.name)
