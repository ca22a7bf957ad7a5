"""jieba's accurate-mode segmentation (with its HMM for unknown words), computed the same way with less Python.

jieba finds the most probable path through the words of a block in three passes: a dictionary of candidate words at
every position, a route over it (a generator and a `log` per candidate), then a walk that sends runs of single
characters to the HMM. Here the candidate scan and the route are one backwards pass over precomputed log
probabilities, and the HMM's answer for a run is remembered. The arithmetic and the tie-breaking are jieba's, so the
words are the same; `tests/nlp/test_segmenter.py` compares the two on generated text. One difference bounds the time:
a run of more than `MAX_HMM_RUN` unknown characters goes to the HMM in pieces of that length, where jieba's time
grows with the square of the run (a run of 100,000 characters took 25 s).
"""

from __future__ import annotations

from functools import lru_cache
from math import log

import jieba
from jieba import finalseg

# jieba segments a text as independent blocks: runs of Chinese, Latin letters and digits, and what lies between them
BLOCKS = jieba.re_han_default
_ABSENT = object()
HMM_CACHE_SIZE = 1 << 15  # runs of unknown characters remembered (a few MB)
BLOCK_CACHE_SIZE = 1 << 17  # blocks remembered, least recently used out first (about 100 MB full)
# jieba's HMM copies the best path at every character, so its time grows with the square of a run's length: a run of
# unknown characters longer than this (a table pasted without separators, never a word) goes to it in pieces
MAX_HMM_RUN = 100
# a block longer than this is not remembered: repeats are clauses, and a cache of long blocks would hold megabytes
MAX_CACHED_BLOCK = 100


class Segmenter:
    """Segments a text exactly as `tokenizer.cut(text, HMM=True)` does, for a jieba tokenizer whose dictionary no
    longer changes (words added later are not seen).

    Blocks are remembered: news repeats its clauses (a fifth of the CCTV corpus's Chinese characters are in a block
    seen before), and a block's words depend on the block alone, so a repeated one costs a lookup."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        tokenizer.check_initialized()
        self._freq = tokenizer.FREQ
        logtotal = log(tokenizer.total)
        # every prefix jieba knows → log probability of the word, or None for a prefix that is not itself a word
        self._logp: dict[str, float | None] = {w: (log(f) - logtotal if f else None) for w, f in self._freq.items()}
        self._unknown = log(1) - logtotal  # what jieba scores a single character outside its dictionary
        self._hmm = lru_cache(maxsize=HMM_CACHE_SIZE)(lambda run: tuple(finalseg.cut(run)))
        self._jieba = tokenizer
        self.cut_block = lru_cache(maxsize=BLOCK_CACHE_SIZE)(self._segment_block)

    def cut(self, text: str) -> list[str]:
        words: list[str] = []
        cut_block, segment_block = self.cut_block, self._segment_block
        for block in BLOCKS.split(text):
            if block:
                words += cut_block(block) if len(block) <= MAX_CACHED_BLOCK else segment_block(block)
        return words

    def _segment_block(self, block: str) -> tuple[str, ...]:
        """The words of one block of `BLOCKS.split`: jieba segments each block on its own. A tuple, since the cache
        keeps it (the garbage collector leaves tuples of strings alone, not lists)."""
        if BLOCKS.match(block):
            return tuple(self._cut_han(block))
        return tuple(self._jieba.cut(block, HMM=True))  # spaces and punctuation: cheap, and left to jieba

    def _route(self, block: str) -> list[int]:
        """For each position, where the best word starting there ends: jieba's `get_DAG` and `calc` in one pass."""
        logp, unknown, absent = self._logp, self._unknown, _ABSENT
        n = len(block)
        scores = [0.0] * (n + 1)
        ends = list(range(1, n + 1))
        for k in range(n - 1, -1, -1):
            best = None
            end = k + 1
            value = logp.get(block[k], absent)
            while value is not absent:
                if value is not None:
                    score = value + scores[end]
                    if best is None or score >= best:  # jieba's max over (score, end): a tie goes to the longer word
                        best = score
                        ends[k] = end
                if end >= n:
                    break
                end += 1
                value = logp.get(block[k:end], absent)
            scores[k] = unknown + scores[k + 1] if best is None else best
        return ends

    def _cut_han(self, block: str) -> list[str]:
        """jieba's `__cut_DAG`: the route's words, with each run of two or more single characters that is not itself a
        word handed to the HMM."""
        ends = self._route(block)
        freq, hmm = self._freq, self._hmm
        words: list[str] = []
        start = 0  # of the current run of single characters
        x, n = 0, len(block)
        while x < n:
            y = ends[x]
            if y - x > 1:
                if start < x:
                    words += _run(block[start:x], freq, hmm)
                words.append(block[x:y])
                start = y
            x = y
        if start < n:
            words += _run(block[start:], freq, hmm)
        return words


def _run(run: str, freq: dict[str, int], hmm) -> tuple[str, ...] | str:
    if len(run) == 1:
        return (run,)
    if freq.get(run):
        return run  # a known word cut into characters: jieba yields them one by one
    if len(run) <= MAX_HMM_RUN:
        return hmm(run)
    return tuple(word for start in range(0, len(run), MAX_HMM_RUN) for word in hmm(run[start : start + MAX_HMM_RUN]))
