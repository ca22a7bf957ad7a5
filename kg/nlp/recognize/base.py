"""A row of the recognizer's rule table: what a rule is called, what it runs, and what it proposes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.nlp.text import Candidate, TokenView


@dataclass(frozen=True, slots=True)
class RecognizerRule:
    """One rule of `kg_recognizer`.

    `find(view, out, rule)` appends the rule's candidates to `out`, each with `rule.name` as its rule, `rule.score`
    as its score and `rule.label` as its type; a rule whose label is None types each name by its own cue (a head word,
    the noun after a quote, the class that closes a list). `cue` is the pattern a rule anchors on, when the same
    function serves several rows (head words of organizations, of products …); `strict` asks that the name's modifier
    hold a proper name that is not a place."""

    name: str
    find: Callable[[TokenView, list[Candidate], RecognizerRule], None]
    label: str | None
    score: float
    cue: re.Pattern[str] | None = None
    strict: bool = False
