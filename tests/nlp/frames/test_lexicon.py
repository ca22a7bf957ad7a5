"""The frame lexicon's data files: each says what it is for, each row is well formed and unique, each file is read,
and every relation a link names is one of the ontology's."""

from __future__ import annotations

import itertools
import re
from importlib import resources

import pytest

from kg.nlp.frames import lexicon as lx
from kg.ontology import load_ontology

FOLDER = resources.files("kg.nlp.frames").joinpath("lexicon")
FILES = sorted(p.name for p in FOLDER.iterdir() if p.name.endswith((".tsv", ".txt")))


@pytest.mark.parametrize("name", FILES)
def test_every_file_opens_with_a_header_and_has_no_duplicate_rows(name: str) -> None:
    lines = FOLDER.joinpath(name).read_text(encoding="utf-8").splitlines()
    header = " ".join(line.lstrip("# ") for line in itertools.takewhile(lambda line: line.startswith("#"), lines))
    assert lines[0].startswith("# "), f"{name} has no header saying what it is for"
    assert re.search(r"(?i)\b(used|read) by kg/nlp/frames/lexicon\.py", header), f"{name}: the header names no reader"
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    keys = [tuple(row.split("\t")[:3]) for row in rows]
    assert len(keys) == len(set(keys)), f"{name} repeats a row"


def test_every_file_is_read() -> None:
    families = {f"{family}.tsv" for family in lx.FAMILIES}
    word_lists = {"markers.tsv", "anaphors.tsv", *lx.WORD_LISTS.values()}
    assert set(FILES) == families | word_lists


def test_links_name_relations_of_the_ontology_and_known_types() -> None:
    relations = set(load_ontology().relations)
    lexicon = lx.load_lexicon()
    entries = [e for es in lexicon.entries.values() for e in es]
    entries += [*lexicon.shapes.values(), *lexicon.classes.values()]
    assert entries
    for entry in entries:
        assert 0 < entry.confidence <= 1
        assert entry.implicit <= lx.ROLES
        for link in entry.links:
            assert link.relation in relations, (entry.trigger, link)
            assert {link.head_type, link.tail_type} <= {None, "ORG", "PRODUCT", "INITIATIVE", "LOC"}


def test_a_malformed_link_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown role"):
        lx.parse_links("agent launched object", "test")
    with pytest.raises(ValueError, match="unknown role"):
        lx.parse_links("agent:LOC launched nobody", "test")
    assert lx.parse_links("patient deployed_at agent:LOC", "test")[0].tail_type == "LOC"
