"""What a plain string bound to a SPARQL variable stands for: the label as it is written, whatever its language tag.

kg writes every label with a language tag ("中国银联"@zh, "China UnionPay"@en), and in RDF a plain literal is another
term: bound as it is, "中国银联" never matches ``?x skos:prefLabel ?name``. So a plain string bound to a variable that
the query matches in a triple pattern stands for each of its forms the store holds, in this order: the plain
literal, then @zh, then @en; the query runs once per form and the answers follow one another (ORDER BY and LIMIT
apply within each). A variable the query only uses in expressions (``FILTER(str(?label) = ?name)``) keeps the plain
literal those comparisons expect, as does an explicit term (``rdflib.Literal("中国银联")``). Values are substituted
by the store, never pasted into the query text.

Where the variable occurs is read with rdflib's SPARQL parser; a query that parser cannot read gets the plain literal.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

import pyoxigraph as ox

from kg.rdf import PREFIXES

LANGUAGES = ("zh", "en")  # the tags kg writes labels with

Term = ox.NamedNode | ox.Literal | ox.BlankNode


def substitution_sets(
    store: ox.Store, query: str, terms: dict[ox.Variable, Term], plain: set[ox.Variable]
) -> list[dict[ox.Variable, Term]]:
    """The substitutions to run the query with: one set, or one per combination of the forms of the plain strings
    (variables in `plain`) that the query matches in a triple pattern."""
    matched = pattern_objects(query) if plain else frozenset()
    choices = []
    for variable, term in terms.items():
        forms = [term]
        if variable in plain and variable.value in matched:
            held = [form for form in _forms(term.value) if _holds(store, form)]
            forms = held or forms
        choices.append([(variable, form) for form in forms])
    return [dict(choice) for choice in itertools.product(*choices)]


def _forms(text: str) -> list[ox.Literal]:
    return [ox.Literal(text), *(ox.Literal(text, language=tag) for tag in LANGUAGES)]


def _holds(store: ox.Store, term: ox.Literal) -> bool:
    return next(iter(store.quads_for_pattern(None, None, term, None)), None) is not None


@functools.lru_cache(maxsize=256)
def pattern_objects(query: str) -> frozenset[str]:
    """The names of the variables in the object position of a triple pattern of the query (paths included)."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        algebra = prepareQuery(query, initNs=PREFIXES).algebra
    except Exception:  # pyparsing's errors, and plain Exceptions for unknown prefixes: the store will say what is wrong
        return frozenset()
    found: set[str] = set()
    _collect(algebra, found)
    return frozenset(found)


def _collect(node: Any, found: set[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if isinstance(node, CompValue):
        if node.name in ("BGP", "TriplesBlock"):  # TriplesBlock: an EXISTS pattern, left unparsed, triples flattened
            found.update(str(o) for triple in node["triples"] for o in list(triple)[2::3] if isinstance(o, Variable))
        for value in node.values():
            _collect(value, found)
    elif isinstance(node, list | tuple):
        for value in node:
            _collect(value, found)
