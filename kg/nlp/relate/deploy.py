"""Where a product is used and what it is built on: deployed_at (X … 在A、B … 落地) and part_of (依托X … 打造Y)."""

from __future__ import annotations

from kg.nlp.relate.base import Sentence, SentenceRule
from kg.nlp.relate.clauses import clause_end, leading_run, separated, triggers
from kg.nlp.words import LAUNCH


def deploy_verb(sentence: Sentence, rule: SentenceRule) -> None:
    """X … 在 A、B … 落地/上线/应用: the last product or initiative before 在 is deployed at each site after it."""
    text, s, e, ents = sentence.text, sentence.start, sentence.end, sentence.mentions
    (deployed,) = rule.asserts
    for m in triggers(rule.cue, text, s, e, ents):
        ds = m.start()
        zai = text.rfind("在", s, ds)
        if zai == -1 or separated(text, zai, ds):
            continue
        sites = [x for x in ents if zai < x.start and x.end <= ds and x.label in {"ORG", "LOC"}]
        things = [x for x in ents if x.end <= zai and x.label in {"PRODUCT", "INITIATIVE"}]
        if not sites or not things:
            continue
        for site in sites:
            sentence.add(rule, deployed, things[-1].name, site.name)


def part_cue(sentence: Sentence, rule: SentenceRule) -> None:
    """依托/基于 X … 打造/上线 Y: Y is part of X."""
    text, s, e, ents = sentence.text, sentence.start, sentence.end, sentence.mentions
    (part_of,) = rule.asserts
    for m in rule.cue.finditer(text, s, e):
        pe = m.end()
        bases = [x for x in ents if x.start >= pe and x.label in {"PRODUCT", "INITIATIVE", "ORG"}]
        if not bases or separated(text, pe, bases[0].start):
            continue
        base = bases[0]
        launch = LAUNCH.search(text, base.end, e)
        if not launch:
            continue
        end = clause_end(text, launch.end(), e)
        parts = [x for x in ents if launch.end() <= x.start < end and x.label in {"PRODUCT", "INITIATIVE"}]
        for t in leading_run(text, launch.end(), parts):
            sentence.add(rule, part_of, t.name, base.name)
