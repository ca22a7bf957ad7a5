"""The word lists of the measurement extractor, as data files beside this module (one entry per line, `#` comments)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of a one-column list, in file order."""
    return tuple(row[0] for row in table(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a list, split at tabs, in file order; blank lines and `#` comments are skipped."""
    rows = []
    for line in (_HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return tuple(rows)
