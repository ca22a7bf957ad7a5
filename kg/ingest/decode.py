"""Bytes to text: what a file holds is sniffed from its content, not its extension (gzip, binary data, JSON Lines
or text), and text is decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

Bytes that are neither UTF-8 nor GB18030 are decoded as UTF-8 with replacement characters when at most 1% of the
text is replaced, and are an error otherwise. Bytes that start like UTF-16 but do not decode as UTF-16 text are tried
as the other encodings, and are undecodable when those fail too.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from kg.ingest.errors import ErrorHandler, IngestError

SNIFF_BYTES = 65536
_JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_MAX_REPLACED = 0.01
_MIN_TEXTLIKE = 0.9

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"PK\x03\x04", "ZIP"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\xd0\xcf\x11\xe0", "MS Office"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "executable"),
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def sniff(raw: IO[bytes], path: Path, source: str) -> tuple[IO[bytes], bool]:
    """The (decompressed) byte stream, rewound, and whether it holds JSON Lines; refuse binary data."""
    stream = raw
    head = raw.read(SNIFF_BYTES)
    if head.startswith(b"\x1f\x8b"):
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw)
        head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if not head.strip():
        raise IngestError(source, "empty file", "add text or remove the file")
    kind = binary_kind(head)
    if kind:
        raise IngestError(source, f"binary file ({kind})", "convert it to text first")
    return stream, is_jsonl(path, head, stream)


def is_jsonl(path: Path, head: bytes, stream: IO[bytes]) -> bool:
    """JSON Lines by extension, or when the first non-blank line is a complete JSON object."""
    if head.startswith(UTF16_BOMS):
        return False
    if path.name.lower().endswith(_JSONL_EXTENSIONS):
        return True
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False
    line = next((line for line in stream if line.strip()), b"")
    stream.seek(0)
    try:
        first = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return is_json_object(first.strip())


def is_json_object(line: str) -> bool:
    """Whether one line is a whole JSON object: the mark of JSON Lines whatever the file is called."""
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def decode_bytes(data: bytes, *, source: str) -> str:
    """Decode file content: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030/GBK; refuse binary data."""
    if not data.strip():
        raise IngestError(source, "empty file", "add text or remove the file")
    kind = binary_kind(data)
    if kind:
        raise IngestError(source, f"binary file ({kind})", "convert it to text first")
    marked = data.startswith(UTF16_BOMS)
    if marked:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:
            if _looks_like_text(text):
                return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text
    text = data.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") > _MAX_REPLACED * len(text):
        # two bytes that look like a UTF-16 mark make no UTF-16 file: such bytes are undecodable, like any others
        problem = "not UTF-16, UTF-8 or GB18030 text, although it starts with a UTF-16 mark" if marked else ""
        raise IngestError(source, problem or "not UTF-8 or GB18030 text", "convert it to UTF-8")
    return text


def decoded_lines(
    stream: Iterable[bytes], source: str, on_error: ErrorHandler, first: int = 1
) -> Iterator[tuple[int, str]]:
    """Numbered lines of a byte stream, each UTF-8 or else GB18030 (a LF byte never sits inside either); `first` is
    the number of the first line, for a stream that starts inside a file."""
    for number, line in enumerate(stream, first):
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        try:
            yield number, line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield number, line.decode("gb18030")
            except UnicodeDecodeError:
                on_error(IngestError(source, "not UTF-8 or GB18030 text", "convert it to UTF-8", number))


def binary_kind(head: bytes) -> str | None:
    """What kind of binary file the first bytes show (``"PDF"``, ``"NUL bytes"`` ...), or None for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head and not head.startswith(UTF16_BOMS):
        return "NUL bytes"
    return None


def _looks_like_text(text: str) -> bool:
    """GB18030 decodes almost any bytes, so accept it only when the result reads as CJK/ASCII text."""
    if not text:
        return False
    good = sum(1 for ch in text if _textlike(ch))
    return good >= _MIN_TEXTLIKE * len(text)


def _textlike(ch: str) -> bool:
    code = ord(ch)
    return (
        (0x20 <= code < 0x7F)
        or ch in "\t\n\r"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or ch in "“”‘’…—·"
    )
