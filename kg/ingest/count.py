"""How many documents the inputs hold, known cheaply, for a progress bar's total and time left.

Reading every input twice would cost as much as reading it: a file is one document; JSON Lines count their lines,
all of them in a small file and, in a large or gzipped one, estimated from the first megabyte against the file's
size. Standard input cannot be counted, and then there is no total.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

from kg.ingest.decode import SNIFF_BYTES, is_json_object
from kg.ingest.files import walk_inputs

EXACT_BYTES = 64 << 20  # JSON Lines up to this size are counted line by line
SAMPLE_BYTES = 1 << 20  # larger ones from a sample of this much text
_JSONL_NAMES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def count_documents(inputs: Iterable[str | Path]) -> int | None:
    """About how many documents reading the inputs gives (exactly, unless a JSON Lines file is large or gzipped);
    None when an input is standard input."""
    total = 0
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        files = [file for file, _ in walk_inputs(path, lambda error: None)] if path.is_dir() else [path]
        total += sum(_count_file(file) for file in files)
    return total


def _count_file(path: Path) -> int:
    """The documents of one file: its lines if it holds JSON Lines, else one; an unreadable file counts one (its
    error ticks the bar)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as raw:
            zipped = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw) if zipped else raw
            head = stream.read(SNIFF_BYTES)
            if not _is_jsonl(path, head):
                return 1
            if not zipped and size <= EXACT_BYTES:
                newlines, last = head.count(b"\n"), head[-1:]
                for block in iter(lambda: stream.read(1 << 20), b""):
                    newlines, last = newlines + block.count(b"\n"), block[-1:]
                return newlines + (last not in (b"\n", b""))
            sample = head + stream.read(SAMPLE_BYTES - len(head))
            if len(sample) < SAMPLE_BYTES:  # the whole text was read
                return _lines(sample)
            read = raw.tell() if zipped else len(sample)  # bytes of the file behind the sample
            return round(_lines(sample) * size / max(read, 1))
    except (OSError, EOFError, ValueError):
        return 1


def _is_jsonl(path: Path, head: bytes) -> bool:
    if path.name.lower().endswith(_JSONL_NAMES):
        return True
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    return first.startswith(b"{") and is_json_object(first.decode("utf-8", "replace").strip())


def _lines(data: bytes) -> int:
    """Lines, near enough (a blank one counts too): newlines, plus a last line without one."""
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
