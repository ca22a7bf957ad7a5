"""Training data for `kg train`: samples of text with entity spans, read from two kinds of files told apart by content.

* our gold files (NAME.gold.json next to the article it annotates): every occurrence of a canonical name or alias in
  the article's cleaned text is labelled with the entity's type, longest first and non-overlapping. Occurrences of
  optional entities (generic names like 商业银行) are left unlabelled, neither entity nor non-entity, because the gold
  neither asks for them nor counts them as errors;
* CLUENER2020 JSON Lines (plain or gzipped): company, government and organization spans are ORG. Address spans are
  left unlabelled unless asked for (they are street addresses as often as places, much longer than the gazetteer's
  places, and a long trained span wins over the rules' shorter ones); game, movie, book, name, position and scene
  spans are not entities of ours.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.nlp.text import sentence_bounds
from kg.nlp.trained import MIN_CHARS

GOLD_SUFFIX = ".gold.json"
CLUENER_ORG = frozenset({"company", "government", "organization"})
CLUENER_ADDRESS = "address"
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


class TrainingDataError(ValueError):
    """A training file that is neither a gold file nor CLUENER JSON Lines, or that cannot be read."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One training text: entity spans (start, end, label) and spans that are neither entity nor non-entity."""

    text: str
    entities: tuple[tuple[int, int, str], ...]
    unlabeled: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class FileStats:
    name: str
    format: str
    texts: int = 0
    entities: Counter = field(default_factory=Counter)
    unlabeled: int = 0
    dropped: int = 0  # spans that did not fit: wrong offsets, overlaps, or across a sentence end

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "format": self.format,
            "texts": self.texts,
            "entities": dict(sorted(self.entities.items())),
            "unlabeled": self.unlabeled,
            "dropped": self.dropped,
        }


@dataclass(slots=True)
class TrainingData:
    samples: list[Sample]
    files: list[FileStats]


def read_training_files(paths: Iterable[str | Path], *, cluener_address: bool = False) -> TrainingData:
    """Samples from gold files and CLUENER files (a folder stands for the *.gold.json files in it), in input order.

    `cluener_address` labels CLUENER address spans LOC instead of leaving them unlabelled.
    """
    samples: list[Sample] = []
    files: list[FileStats] = []
    for path in _expand(paths):
        text = _read_text(path)
        gold = _as_gold(text)
        stats = FileStats(path.name, "gold" if gold is not None else "cluener")
        if gold is not None:
            found = _gold_samples(path, gold, stats)
        else:
            found = _cluener_samples(path, text, stats, cluener_address)
        samples += found
        stats.texts = len(found)
        files.append(stats)
    return TrainingData(samples, files)


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    for item in paths:
        path = Path(item)
        if path.is_dir():
            golds = sorted(path.glob("*" + GOLD_SUFFIX))
            if not golds:
                raise TrainingDataError(f"{path}: no *{GOLD_SUFFIX} files in this folder")
            yield from golds
        elif path.is_file():
            yield path
        else:
            raise TrainingDataError(f"{path}: no such file or folder")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return data.decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise TrainingDataError(f"{path}: cannot read it ({error})") from error


def _as_gold(text: str) -> dict | None:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return None
    return obj if isinstance(obj, dict) and isinstance(obj.get("entities"), list) else None


def _gold_samples(path: Path, gold: dict, stats: FileStats) -> list[Sample]:
    from kg.ingest import IngestError, read_documents

    article = _article_of(path, gold)
    try:
        text = next(iter(read_documents([article]))).text
    except (IngestError, StopIteration) as error:
        raise TrainingDataError(f"{path}: cannot read its article {article.name} ({error})") from error
    names: list[tuple[str, str, bool]] = []
    for entity in gold["entities"]:
        if not isinstance(entity, dict) or not isinstance(entity.get("canonical"), str):
            raise TrainingDataError(f"{path}: every entity needs a canonical name")
        optional = bool(entity.get("optional"))
        for name in (entity["canonical"], *entity.get("aliases", ())):
            name = str(name).strip()
            if len(name) >= MIN_CHARS:
                names.append((name, str(entity.get("type", "ORG")), optional))
    spans = _occurrences(text, names)
    samples = []
    for start, end in sentence_bounds(text):
        inside = [s for s in spans if start <= s[0] and s[1] <= end]
        stats.dropped += sum(1 for s in spans if s[0] < end and s[1] > start and s not in inside)
        entities = tuple((s - start, e - start, label) for s, e, label, optional in inside if not optional)
        unlabeled = tuple((s - start, e - start) for s, e, _, optional in inside if optional)
        stats.entities.update(label for _, _, label in entities)
        stats.unlabeled += len(unlabeled)
        samples.append(Sample(text[start:end], entities, unlabeled))
    return samples


def _article_of(path: Path, gold: dict) -> Path:
    """The article next to a gold file: its "document" field (last component only, so it stays in the folder), or
    NAME.* beside NAME.gold.json."""
    named = gold.get("document")
    if named:
        article = path.parent / Path(str(named)).name
        if article.is_file():
            return article
    stem = path.name[: -len(GOLD_SUFFIX)] if path.name.endswith(GOLD_SUFFIX) else path.stem
    for sibling in sorted(path.parent.glob(stem + ".*")):
        if sibling.is_file() and sibling != path and not sibling.name.endswith(GOLD_SUFFIX):
            return sibling
    raise TrainingDataError(f"{path}: no article next to it")


def _occurrences(text: str, names: list[tuple[str, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """Every occurrence of every name, longest first, without overlaps; a Latin name must not sit inside a longer
    Latin word (JD in JDX)."""
    taken = bytearray(len(text))
    found = []
    for name, label, optional in sorted(set(names), key=lambda n: (-len(n[0]), n[2], n[0], n[1])):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]) and _latin_bounded(text, start, end):
                taken[start:end] = b"\x01" * (end - start)
                found.append((start, end, label, optional))
            start = text.find(name, start + 1)
    return sorted(found)


def _latin_bounded(text: str, start: int, end: int) -> bool:
    if _ASCII_ALNUM.match(text[start]) and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
        return False
    return not (_ASCII_ALNUM.match(text[end - 1]) and end < len(text) and _ASCII_ALNUM.match(text[end]))


def _cluener_samples(path: Path, text: str, stats: FileStats, address: bool) -> list[Sample]:
    samples = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            row = None
        if not (isinstance(row, dict) and isinstance(row.get("text"), str) and isinstance(row.get("label", {}), dict)):
            raise TrainingDataError(
                f"{path}:{number}: neither a kg gold file nor CLUENER JSON Lines "
                '(one {"text": ..., "label": {...}} object per line)'
            )
        samples.append(_cluener_sample(row, stats, address))
    return samples


def _cluener_sample(row: dict, stats: FileStats, address: bool) -> Sample:
    text = row["text"]
    spans: list[tuple[int, int, str | None]] = []
    for kind, names in sorted(row.get("label", {}).items()):
        if kind in CLUENER_ORG:
            label: str | None = "ORG"
        elif kind == CLUENER_ADDRESS:
            label = "LOC" if address else None
        else:
            continue
        if not isinstance(names, dict):
            continue
        for name, offsets in sorted(names.items()):
            for pair in offsets:
                start, end = pair[0], pair[1] + 1  # CLUENER's ends are inclusive
                if text[start:end] != name:
                    stats.dropped += 1
                    continue
                spans.append((start, end, label))
    entities: list[tuple[int, int, str]] = []
    unlabeled: list[tuple[int, int]] = []
    last_end = -1
    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < last_end:
            stats.dropped += 1
            continue
        last_end = end
        if label is None:
            unlabeled.append((start, end))
        else:
            entities.append((start, end, label))
    stats.entities.update(label for _, _, label in entities)
    stats.unlabeled += len(unlabeled)
    return Sample(text, tuple(entities), tuple(unlabeled))
