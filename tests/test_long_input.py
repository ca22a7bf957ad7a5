"""A very long line with no full stop is cut into pieces that spaCy and the rules handle in bounded time and memory."""

from __future__ import annotations

import re
from pathlib import Path

from kg import extract
from kg.ingest import read_documents
from kg.model import Document
from kg.nlp.text import MAX_SENTENCE_CHARS, sentence_bounds

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run_on_line(chars: int) -> str:
    """The example articles with every punctuation mark and line break removed, repeated to `chars` characters."""
    text = "".join(d.text for d in read_documents([EXAMPLES]))
    text = re.sub(r"[\s，。；：！？、“”（）《》,.;:!?()\"']", "", text)
    return (text * (chars // len(text) + 1))[:chars]


def test_sentences_never_exceed_the_cap():
    text = _run_on_line(50_000)
    bounds = sentence_bounds(text)
    assert max(e - s for s, e in bounds) <= MAX_SENTENCE_CHARS
    assert "".join(text[s:e] for s, e in bounds) == text


def test_a_long_line_is_chunked_and_its_evidence_points_into_the_text(monkeypatch):
    monkeypatch.setattr(extract, "CHUNK_CHARS", 20_000)
    text = _run_on_line(120_000)
    chunks = list(extract._chunks(text))
    assert len(chunks) >= 6 and all(len(t) <= 20_000 for _, t in chunks)
    assert "".join(t for _, t in chunks) == text
    result = extract.Extractor().extract(Document(id="long.txt", text=text))
    assert result.entities and result.relations
    for r in result.relations:
        assert text[r.evidence.start : r.evidence.end] == r.evidence.sentence
        assert len(r.evidence.sentence) <= MAX_SENTENCE_CHARS
