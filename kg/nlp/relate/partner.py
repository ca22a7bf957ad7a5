"""partnered_with: A联合B, A与B合作, and the organizations of one subject acting together (A、B共同…)."""

from __future__ import annotations

import re

from kg.nlp.relate.base import Sentence, SentenceRule
from kg.nlp.relate.clauses import after, before, leading_run, partner_group, separated, triggers, with_partner
from kg.nlp.relate.cues import AGREEMENT_VERBS

_JOINTLY = re.compile(r"(?:共同|联合|一起|携手)(?=[\u4e00-\u9fff])")


def partner_verb(sentence: Sentence, rule: SentenceRule) -> None:
    """A联合B, A与B合作: the organization before the verb and those after it, or the two sides of 与."""
    text, s, e = sentence.text, sentence.start, sentence.end
    ents, orgs, topic = sentence.mentions, sentence.orgs, sentence.topic
    (partnered,) = rule.asserts
    for m in triggers(rule.cue, text, s, e, ents):
        vs, ve = m.span()
        left = before(text, vs, orgs)
        right = leading_run(text, ve, after(text, ve, orgs))
        if not right and m.group() in AGREEMENT_VERBS:
            # A与B合作: the partners stand on either side of 与 before the verb; else all before it are partners
            pair = with_partner(text, s, vs, orgs)
            left, right = ([pair[0]], [pair[1]]) if pair else (left[-1:], left[:-1])
        heads = [left[-1].name] if left else ([topic] if topic else [])
        for head in heads:
            for t in right:
                sentence.add(rule, partnered, head, t.name)


def joint_subject(sentence: Sentence, rule: SentenceRule) -> None:
    """A、B和C共同开发: the organizations of one subject before 共同/联合/一起/携手 worked together."""
    text, orgs = sentence.text, sentence.orgs
    (partnered,) = rule.asserts
    for m in _JOINTLY.finditer(text, sentence.start, sentence.end):
        group = [x for x in orgs if x.end <= m.start() and not separated(text, x.end, m.start())]
        names = partner_group(text, group) if group else []
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                sentence.add(rule, partnered, a, b)
