"""IRIs minted from names: readable (Chinese stays Chinese) and always valid.

An entity is ``base + "entity/" + label``, a document ``base + "doc/" + id``, with Chinese characters left as they
are (IRIs, not URIs) and everything outside RFC 3987 ``iunreserved`` percent-encoded as UTF-8, ``%`` included, so
the encoding is injective and distinct labels never share an IRI. An entity IRI depends on its canonical label only,
so a new alias never moves it. Readings of a fact and builds are named by a hash of what identifies them, so the
same input mints the same IRIs on every run.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from kg.model import DocumentMeta, Evidence, Measurement, Relation, RelationRecord

DEFAULT_BASE = "https://w3id.org/kg/id/"

_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF), (0x10000, 0x1FFFD), (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD), (0x40000, 0x4FFFD), (0x50000, 0x5FFFD), (0x60000, 0x6FFFD),
    (0x70000, 0x7FFFD), (0x80000, 0x8FFFD), (0x90000, 0x9FFFD), (0xA0000, 0xAFFFD),
    (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD), (0xD0000, 0xDFFFD), (0xE1000, 0xEFFFD),
)  # fmt: skip


# Names made only of characters `_keep` keeps (ASCII letters, digits, -._~ and CJK unified ideographs), which are
# most labels and document ids: returned as they are, without a look at each character.
_KEPT_AS_IS = re.compile(r"[A-Za-z0-9\-._~\u4e00-\u9fff]+")


def _keep(ch: str) -> bool:
    """Whether a character may stay unencoded: iunreserved, minus invisible and space-like ones."""
    if ch.isascii():
        return ch.isalnum() or ch in "-._~"
    code = ord(ch)
    if not any(lo <= code <= hi for lo, hi in _UCSCHAR):
        return False
    return unicodedata.category(ch)[0] not in "CZ"


def encode_segment(text: str) -> str:
    """Percent-encode one path segment; injective because ``%`` itself is encoded.

    >>> encode_segment("中国银联 Pay/100%")
    '中国银联%20Pay%2F100%25'
    """
    if text in {".", ".."}:  # dot segments would be removed by IRI normalisation
        return text.replace(".", "%2E")
    if _KEPT_AS_IS.fullmatch(text):
        return text
    return "".join(ch if _keep(ch) else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in text)


def entity_iri(base: str, label: str) -> str:
    """IRI of an entity, from its canonical label only."""
    return f"{base}entity/{encode_segment(label)}"


def document_iri(base: str, doc_id: str) -> str:
    return f"{base}doc/{encode_segment(doc_id)}"


def assertion_iri(base: str, relation: Relation | RelationRecord, evidence: Evidence) -> str:
    """IRI of one reading of a fact: a hash of where it was read and by which rule."""
    key = [
        evidence.document, relation.head, relation.relation, relation.tail,
        evidence.start, evidence.end, evidence.rule,
    ]  # fmt: skip
    return f"{base}assertion/{_digest(key)}"


def measurement_iri(base: str, measurement: Measurement) -> str:
    """IRI of one figure read in a document: a hash of where it was read and what it measures, which no merge of
    entities moves."""
    m = measurement
    key = [m.evidence.document, m.start, m.end, m.property, m.unit, m.relation or "", m.value]
    return f"{base}measurement/{_digest(key)}"


def reading_iri(base: str, doc_id: str, content_hash: str | None) -> str:
    """IRI of the reading of one document's content: a hash of its id and content, so that it stays the same from
    one build to the next while the document does (the build's IRI changes with every document added)."""
    key = f"{doc_id}\n{content_hash or ''}".encode()  # the hash (hex) holds no line break: the last one splits
    return f"{base}reading/{hashlib.sha256(key).hexdigest()[:32]}"


def build_iri(base: str, documents: Iterable[DocumentMeta]) -> str:
    """IRI of the build: a hash of its input documents, so the same input names the same build."""
    return f"{base}build/{_digest(sorted([d.id, d.content_hash] for d in documents))}"


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]
