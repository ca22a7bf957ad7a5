"""The relation rules' trigger words, read once from kg/nlp/relate/words/, as patterns compiled once.

The launch verbs and the verbs of joining, which the recognizer reads too, are in `kg.nlp.words`.
"""

from __future__ import annotations

from kg.nlp import words
from kg.nlp.words import alternation, read_words


def _own(name: str) -> tuple[str, ...]:
    return read_words("kg.nlp.relate", name)


AGREEMENT_VERBS = frozenset(_own("agreement_verbs"))
PARTNER = alternation((*words.JOINING_VERBS, *AGREEMENT_VERBS))
INVEST = alternation(_own("invest_verbs"))
REGULATE = alternation(_own("regulate_verbs"))
DEPLOY = alternation(_own("deploy_verbs"))
OPERATE = alternation(_own("operate_verbs"))
PART = alternation(_own("part_cues"))
SUBSIDIARY = alternation(_own("subsidiary_cues"))
