"""invested_in and regulates: organizations before a verb of investing (投资, 入股) or regulating (监管, 批准) and the
entity after it."""

from __future__ import annotations

from kg.nlp.relate.base import Sentence, SentenceRule
from kg.nlp.relate.clauses import after, before, partner_group, triggers


def verb_between(sentence: Sentence, rule: SentenceRule) -> None:
    """ORG(、ORG…) cue X: each organization of the subject stands in the row's relation to the first entity after
    the cue (one row per verb family)."""
    text, s, e, ents, orgs = sentence.text, sentence.start, sentence.end, sentence.mentions, sentence.orgs
    (relation,) = rule.asserts
    for m in triggers(rule.cue, text, s, e, ents):
        vs, ve = m.span()
        left = before(text, vs, orgs)
        right = after(text, ve, ents)
        if not left or not right:
            continue
        for head in partner_group(text, left):
            sentence.add(rule, relation, head, right[0].name)
