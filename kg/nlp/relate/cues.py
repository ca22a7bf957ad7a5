"""The relation rules' trigger patterns, compiled once from the word lists."""

from __future__ import annotations

from kg.nlp import lexicon as lx
from kg.nlp.text import alternation

LAUNCH = alternation(lx.LAUNCH_VERBS)
PARTNER = alternation(lx.PARTNER_VERBS)
INVEST = alternation(lx.INVEST_VERBS)
REGULATE = alternation(lx.REGULATE_VERBS)
DEPLOY = alternation(lx.DEPLOY_VERBS)
OPERATE = alternation(lx.OPERATE_VERBS)
PART = alternation(lx.PART_CUES)
SUBSIDIARY = alternation(lx.SUBSIDIARY_CUES)
