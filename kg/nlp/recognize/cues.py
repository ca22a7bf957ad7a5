"""The recognizer's cue patterns, compiled once from the word lists."""

from __future__ import annotations

from kg.nlp import lexicon as lx
from kg.nlp.text import WordSet, alternation

ORG_HEAD = alternation(lx.ORG_HEADS)
INDUSTRY_HEAD = alternation(lx.INDUSTRY_HEADS)
PRODUCT_HEAD = alternation(lx.PRODUCT_HEADS)
INITIATIVE_HEAD = alternation(lx.INITIATIVE_HEADS)
ORG_CONTEXT = alternation(lx.ORG_CONTEXT_AFTER)
LAUNCH = alternation(lx.LAUNCH_VERBS)
LOC_HEAD = alternation(lx.LOC_HEADS)
PARTNER = alternation(("联合", "携手", "联手", "牵手", "合作伙伴"))

SHARED_HEADS = WordSet((*lx.ORG_HEADS, *lx.INDUSTRY_HEADS, *lx.STRONG_PRODUCT_HEADS))
INITIATIVE_HEADS = WordSet(lx.INITIATIVE_HEADS)
PRODUCT_HEADS = WordSet(lx.PRODUCT_HEADS)
