"""kg.nlp.segmenter: the same words as jieba's accurate mode with its HMM, on any text."""

from __future__ import annotations

import jieba
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.nlp.segmenter import Segmenter
from kg.nlp.tokenizer import dictionary_freqs


@pytest.fixture(scope="module")
def tokenizer() -> jieba.Tokenizer:
    """A private jieba with words of our own added, as the pipeline's tokenizer has."""
    instance = jieba.Tokenizer()
    instance.initialize()
    for word in ("顺捷星河物流", "云闪付APP", "青禾数科"):
        instance.add_word(word, freq=1000)
    return instance


@pytest.fixture(scope="module")
def segmenter(tokenizer: jieba.Tokenizer) -> Segmenter:
    return Segmenter(tokenizer)


# pieces that make jieba's choices hard: dictionary words of every length (they overlap when joined), single
# characters outside the dictionary (HMM runs), Latin letters, digits, spaces and punctuation (block edges)
_WORDS = sorted(w for w, f in dictionary_freqs().items() if f > 50)[::97]
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from("的了在和与是我们银行支付平台农村移动便民工程鼟龘靐齉"),
    st.sampled_from(["App", "APP", "5G", "12.5%", "3000", "e贷", "C919", "-", "_", "#", ".", "&"]),
    st.sampled_from([" ", "\n", "\t", "，", "。", "、", "“", "”", "《", "》", "（", "）", "!", "\r\n"]),
    st.sampled_from(["顺捷星河物流", "云闪付APP", "青禾数科", "顺捷星河"]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(_PIECES, max_size=30))
def test_same_words_as_jieba(pieces: list[str], tokenizer: jieba.Tokenizer, segmenter: Segmenter) -> None:
    text = "".join(pieces)
    assert segmenter.cut(text) == list(tokenizer.cut(text, HMM=True))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "中国银联携手农业银行在河南推出云闪付APP，覆盖3000万用户。",
        "顺捷星河物流今天开业",  # a word added to the dictionary
        "鼟龘靐齉鼟",  # characters jieba has no word for: the HMM decides
        "据财联社报道，惠农e贷等产品上线",  # unknown runs at the edges of known words
        "研究生命起源",  # the classic ambiguity (研究生|命 or 研究|生命), decided by the route's scores
        "结婚的和尚未结婚的",
        "  前导空格\n\n两个换行\t制表符  ",
    ],
)
def test_same_words_as_jieba_on_sentences(text: str, tokenizer: jieba.Tokenizer, segmenter: Segmenter) -> None:
    assert segmenter.cut(text) == list(tokenizer.cut(text, HMM=True))


def test_blocks_are_tuples_and_rejoin_to_the_block(segmenter: Segmenter) -> None:
    block = "农业银行推出福农卡"
    words = segmenter.cut_block(block)
    assert isinstance(words, tuple) and "".join(words) == block and len(words) > 1
