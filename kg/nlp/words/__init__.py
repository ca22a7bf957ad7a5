"""Word lists as data, and the lists that more than one component reads.

Each list is a file `words/NAME.txt` in the folder of the package that owns it (this folder for the shared lists and
for the modules of kg/nlp itself, kg/nlp/recognize/words for the recognizer's, kg/nlp/measures/words for the
figures', kg/nlp/relate/words for the relation rules'): one entry per line, in the order the code reads them, with
`#` comment lines and a header comment that says what the list is for and who reads it. The lists are cue words of
the language of news (the words that end an organization's name, the verbs that introduce a launch), never names of
entities: names come from the ontology. Each list is read once, when its module is imported, into a module constant
of the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.resources import files

LOADED: set[tuple[str, str]] = set()  # (package, list name) of every list read, for the test that each file is used


def read_words(package: str, name: str) -> tuple[str, ...]:
    """The entries of `words/NAME.txt` in a package's folder, in file order."""
    text = files(package).joinpath("words", f"{name}.txt").read_text(encoding="utf-8")
    LOADED.add((package, name))
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def read_table(package: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `words/NAME.tsv` in a package's folder, split at tabs, in file order: a list whose entries carry
    columns (a unit and its kind, a cue and the property it names)."""
    text = files(package).joinpath("words", f"{name}.tsv").read_text(encoding="utf-8")
    LOADED.add((package, name))
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def alternation(words: Iterable[str]) -> re.Pattern[str]:
    """One regular expression for a word list, longest words first so that the longest match wins."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def measure_class(without: str = "") -> str:
    """The measure words as a regular expression's character class ([家个款…]), less the ones in `without`."""
    return "[" + "".join(w for w in _MEASURE_WORDS if w not in without) + "]"


def _shared(name: str) -> tuple[str, ...]:
    return read_words("kg.nlp", name)


ORG_HEADS = _shared("org_heads")
INDUSTRY_HEADS = _shared("industry_heads")
STRONG_PRODUCT_HEADS = frozenset(_shared("strong_product_heads"))
PRODUCT_HEADS = tuple(sorted(STRONG_PRODUCT_HEADS | set(_shared("weak_product_heads"))))
INITIATIVE_HEADS = _shared("initiative_heads")
GENERIC_MODIFIERS = frozenset(_shared("generic_modifiers"))
LAUNCH_VERBS = _shared("launch_verbs")
JOINING_VERBS = _shared("joining_verbs")
_MEASURE_WORDS = _shared("measure_words")
MEASURE_WORDS = frozenset(_MEASURE_WORDS)
LEADING_FUNCTION_CHARS = frozenset(_shared("leading_function_chars"))
PRODUCT_DECORATIONS = _shared("product_decorations")
LEGAL_SUFFIXES = _shared("legal_suffixes")
MODERN_WORDS = _shared("modern_words")
PERSON_TITLES = _shared("person_titles")
NATIONAL_BODY_ENDINGS = _shared("national_body_endings")
NATIONAL_PREFIXES = _shared("national_prefixes")
LOCAL_LEVELS = _shared("local_levels")

LAUNCH = alternation(LAUNCH_VERBS)  # the launch verbs as one pattern, for the recognizer
