"""What a folder walk passes over: files of no readable kind, counted by kind and reported in one line per folder
(``kg: skipped 3 files in examples/: 2 images (.png), 1 other (.exe)``), never as errors.

The kinds are data (`skipped_kinds.txt`): a name for one and for several, and the extensions of each.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.ingest.errors import shown

_KINDS_FILE = Path(__file__).with_name("skipped_kinds.txt")
_OTHER = ("other", "others")


@cache
def _kinds() -> dict[str, tuple[str, str]]:
    """Extension → (the kind's name for one file, for several)."""
    kinds: dict[str, tuple[str, str]] = {}
    for line in _KINDS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            one, several, extensions = line.split("\t")
            kinds.update(dict.fromkeys(extensions.split(), (one, several)))
    return kinds


def kind_of(name: str) -> tuple[tuple[str, str], str]:
    """The kind of a file name and the extension that tells it ("" for a name without one)."""
    lower = name.lower()
    kinds = _kinds()
    extensions = [e for e in kinds if lower.endswith(e) and len(e) < len(lower)]
    if extensions:
        extension = max(extensions, key=len)
        return kinds[extension], extension
    suffix = Path(lower).suffix
    return _OTHER, suffix


@dataclass(slots=True)
class SkippedFiles:
    """The files one folder walk skipped, by kind, and the extensions seen of each kind."""

    folder: str
    extensions: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    counts: Counter = field(default_factory=Counter)

    def add(self, name: str) -> None:
        kind, extension = kind_of(name)
        self.counts[kind] += 1
        if extension:
            self.extensions[kind].add(extension)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def __str__(self) -> str:
        total = sum(self.counts.values())
        parts = []
        for kind, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0] == _OTHER, item[0])):
            seen = ", ".join(sorted(self.extensions.get(kind, ())))
            parts.append(f"{count} {kind[0] if count == 1 else kind[1]}" + (f" ({seen})" if seen else ""))
        folder = shown(self.folder.rstrip("/") + "/")
        return f"skipped {total} file{'s' if total != 1 else ''} in {folder}: {', '.join(parts)}"
