"""Word lists are data: no long word list in kg's Python code, and every list file is documented, clean and read."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

import kg.nlp
from kg.nlp.words import LOADED

KG = Path(kg.nlp.__file__).resolve().parents[1]
MAX_WORDS = 20
LIST_FILES = sorted([*KG.rglob("words/*.txt"), *KG.rglob("words/*.tsv")])


def word_lists_in(source: str) -> list[tuple[int, int]]:
    """(line, number of words) of every literal word list in Python source: a list, tuple or set of strings, a
    frozenset or set of a string's Chinese characters (frozenset("…"); an alphabet or punctuation is no word list), or
    a string split into words ("… …".split()). A module's `__all__` lists names of its own, not words."""
    found = []
    tree = ast.parse(source)
    exported = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    }
    for node in ast.walk(tree):
        words = 0
        if id(node) in exported:
            continue
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            words = sum(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            text = node.args[0].value
            if isinstance(node.func, ast.Name) and node.func.id in {"frozenset", "set"} and isinstance(text, str):
                words = sum(unicodedata.category(ch) == "Lo" for ch in text)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            words = len(node.func.value.value.split())
        if words:
            found.append((node.lineno, words))
    return found


@pytest.mark.parametrize(
    ("source", "longest"),
    [
        ("X = (" + ", ".join(f'"w{i}"' for i in range(21)) + ")", 21),
        ("X = frozenset({" + ", ".join(f'"w{i}"' for i in range(25)) + "})", 25),
        ('X = frozenset("' + "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥" + '")', 22),
        ('X = tuple("' + " ".join(f"w{i}" for i in range(30)) + '".split())', 30),
        ('X = ("a", "b")\nY = set("甲乙丙")\nZ = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.,;")', 3),
        ("__all__ = [" + ", ".join(f'"n{i}"' for i in range(30)) + ']\nX = ("a", "b")', 2),
    ],
)
def test_the_detector_finds_word_lists_in_every_form(source: str, longest: int) -> None:
    assert max(n for _, n in word_lists_in(source)) == longest


@pytest.mark.parametrize("path", sorted(KG.rglob("*.py")), ids=lambda p: str(p.relative_to(KG.parent)))
def test_no_python_file_holds_a_long_word_list(path: Path) -> None:
    long = [(line, n) for line, n in word_lists_in(path.read_text(encoding="utf-8")) if n > MAX_WORDS]
    assert not long, f"{path}: word lists of more than {MAX_WORDS} entries at (line, entries) {long}: make them data"


def test_there_are_word_list_files() -> None:
    owners = {p.parent.parent.name for p in LIST_FILES}
    assert len(LIST_FILES) >= 40 and owners == {"nlp", "recognize", "measures", "backbone", "relate"}


@pytest.mark.parametrize("path", LIST_FILES, ids=lambda p: str(p.relative_to(KG.parent)))
def test_a_word_list_file_has_a_header_and_no_duplicates(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert header and re.search(r"(?i)\b(used|read) by\b", " ".join(header)), (
        f"{path}: no header comment saying what the list is for and who uses it"
    )
    entries = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if path.suffix == ".tsv":  # a table: its first column is the entry, the others describe it
        entries = [e.split("\t")[0] for e in entries]
    assert entries and all(" " not in e for e in entries), path
    assert len(entries) == len(set(entries)), (
        f"{path}: duplicate entries {sorted({e for e in entries if entries.count(e) > 1})}"
    )


@pytest.mark.parametrize("path", LIST_FILES, ids=lambda p: str(p.relative_to(KG.parent)))
def test_every_word_list_file_is_read_by_a_module(path: Path) -> None:
    package = ".".join(path.parent.parent.relative_to(KG.parent).parts)
    assert (package, path.stem) in LOADED, f"{path}: no module reads this list"
