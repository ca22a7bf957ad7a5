"""launched: an organization before a launch verb and the products or initiatives after it (A推出B, A、B联合推出C),
and the passive form (由A、B共同开发的C, C，由A研发)."""

from __future__ import annotations

import re

from kg.nlp.relate.base import Sentence, SentenceRule
from kg.nlp.relate.clauses import before, clause_end, leading_run, partner_group, separated, triggers
from kg.nlp.relate.cues import PART
from kg.nlp.words import LAUNCH

_SOURCE_MARKS = frozenset("从据向")  # prepositions before the source of a report (记者从X获悉, 据X消息)
_BY = re.compile(r"由")


def launch_verb(sentence: Sentence, rule: SentenceRule) -> None:
    """ORG … 推出/发行/上线 … PRODUCT|INITIATIVE; every member of a coordinated object list counts. The assertions:
    the clause's own subject (with the organizations joined to it: A联合B推出C), an earlier organization of the
    sentence, the topic of the paragraph."""
    text, s, e = sentence.text, sentence.start, sentence.end
    ents, orgs, topic = sentence.mentions, sentence.orgs, sentence.topic
    by_subject, by_earlier_org, by_topic = rule.asserts
    for m in triggers(rule.cue, text, s, e, ents):
        vs, ve = m.span()
        if any(x.start <= vs < x.end for x in ents):
            continue
        end = clause_end(text, ve, e)
        targets = [x for x in ents if ve <= x.start < end and x.label in {"PRODUCT", "INITIATIVE"}]
        targets = leading_run(text, ve, targets)
        if not targets:
            continue
        subject = before(text, vs, orgs)
        launchers = partner_group(text, subject) if subject else []
        assertion = by_subject
        if not launchers:
            # 记者从X获悉, 据X: an organization after 从 or 据 is the source of the news, not its subject
            prior = [x for x in orgs if x.end <= vs and text[max(s, x.start - 1) : x.start] not in _SOURCE_MARKS]
            if prior:
                launchers, assertion = [prior[-1].name], by_earlier_org
            elif topic and not PART.search(text, s, vs):
                # 依托X上线Y with no subject says what Y is part of, not who launched it
                launchers, assertion = [topic], by_topic
        for head in launchers:
            for t in targets:
                sentence.add(rule, assertion, head, t.name)


def passive_launch(sentence: Sentence, rule: SentenceRule) -> None:
    """由A、B和C共同开发的Y: A, B and C launched Y; "Y，由A研发" likewise."""
    text, e, ents, orgs = sentence.text, sentence.end, sentence.mentions, sentence.orgs
    (launched,) = rule.asserts
    for m in _BY.finditer(text, sentence.start, e):
        group = leading_run(text, m.end(), [x for x in orgs if x.start >= m.end()])
        if not group or group[0].start - m.end() > 2:
            continue
        verb = LAUNCH.search(text, group[-1].end, min(e, group[-1].end + 12))
        if verb is None or separated(text, group[-1].end, verb.start()):
            continue
        after = leading_run(
            text, verb.end(), [x for x in ents if x.start >= verb.end() and x.label in {"PRODUCT", "INITIATIVE"}]
        )
        earlier = [x for x in ents if x.end <= m.start() and x.label in {"PRODUCT", "INITIATIVE"}]
        targets = after if after and after[0].start - verb.end() <= 3 else earlier[-1:]
        for org in group:
            for t in targets:
                sentence.add(rule, launched, org.name, t.name)
