"""What a plain string bound to a SPARQL variable stands for: the label as it is written, whatever its language tag.

kg writes every label with a language tag ("中国银联"@zh, "China UnionPay"@en), and in RDF a plain literal is another
term: bound as it is, "中国银联" never matches ``?x skos:prefLabel ?name``. So a plain string bound to a variable that
the query matches in a triple pattern stands for each of its forms the store holds, in this order: the plain
literal, then @zh, then @en; the query runs once per form and the answers follow one another (ORDER BY and LIMIT
apply within each). A variable the query only uses in expressions (``FILTER(str(?label) = ?name)``) keeps the plain
literal those comparisons expect, as does an explicit term (``rdflib.Literal("中国银联")``). Values are substituted
by the store, never pasted into the query text.

A plain string bound to a variable that the query matches as the object of ``kg:key`` stands for the key kg writes
for that name (`kg.model.normalize_name`: NFKC, case-folded, no spaces or quote marks), so ``?e kg:key ?name`` with
``name="ICBC"`` finds the entity whose key is "icbc" through the store's index, without scanning labels.

Where the variable occurs is read with rdflib's SPARQL parser; a query that parser cannot read gets the plain literal.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

import pyoxigraph as ox

from kg.model import normalize_name
from kg.rdf import KG, PREFIXES

LANGUAGES = ("zh", "en")  # the tags kg writes labels with

Term = ox.NamedNode | ox.Literal | ox.BlankNode


def substitution_sets(
    store: ox.Store, query: str, terms: dict[ox.Variable, Term], plain: set[ox.Variable]
) -> list[dict[ox.Variable, Term]]:
    """The substitutions to run the query with: one set, or one per combination of the forms of the plain strings
    (variables in `plain`) that the query matches in a triple pattern."""
    matched, keys = (pattern_objects(query), key_objects(query)) if plain else (frozenset(), frozenset())
    choices = []
    for variable, term in terms.items():
        forms = [term]
        if variable in plain and variable.value in keys:
            forms = [ox.Literal(normalize_name(term.value))]
        elif variable in plain and variable.value in matched:
            held = [form for form in _forms(term.value) if _holds(store, form)]
            forms = held or forms
        choices.append([(variable, form) for form in forms])
    return [dict(choice) for choice in itertools.product(*choices)]


def _forms(text: str) -> list[ox.Literal]:
    return [ox.Literal(text), *(ox.Literal(text, language=tag) for tag in LANGUAGES)]


def _holds(store: ox.Store, term: ox.Literal) -> bool:
    return next(iter(store.quads_for_pattern(None, None, term, None)), None) is not None


def pattern_objects(query: str) -> frozenset[str]:
    """The names of the variables in the object position of a triple pattern of the query (paths included)."""
    return _objects(query, None)


def key_objects(query: str) -> frozenset[str]:
    """The names of the variables the query matches as the object of ``kg:key``."""
    return _objects(query, KG + "key")


@functools.lru_cache(maxsize=256)
def _objects(query: str, predicate: str | None) -> frozenset[str]:
    """Object variables of the query's triple patterns, of any predicate (None) or of that predicate's."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        algebra = prepareQuery(query, initNs=PREFIXES).algebra
    except Exception:  # pyparsing's errors, and plain Exceptions for unknown prefixes: the store will say what is wrong
        return frozenset()
    found: set[str] = set()
    _collect(algebra, found, predicate)
    return frozenset(found)


def _collect(node: Any, found: set[str], predicate: str | None) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if isinstance(node, CompValue):
        if node.name in ("BGP", "TriplesBlock"):  # TriplesBlock: an EXISTS pattern, left unparsed, triples flattened
            for block in node["triples"]:  # a triple, or several flattened into one list
                terms = list(block)
                found.update(
                    str(o)
                    for p, o in zip(terms[1::3], terms[2::3])
                    if isinstance(o, Variable) and (predicate is None or str(p) == predicate)
                )
        for value in node.values():
            _collect(value, found, predicate)
    elif isinstance(node, list | tuple):
        for value in node:
            _collect(value, found, predicate)
