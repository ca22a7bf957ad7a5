"""kg.JiebaTokenizer.v1: a private jieba dictionary, lossless segmentation, dictionary tags."""

from __future__ import annotations

import jieba
import pytest
from spacy.language import Language
from spacy.vocab import Vocab

from kg.nlp.known import known_surface_forms
from kg.nlp.tokenizer import JiebaTokenizer, char_doc, dictionary_tags, head_title_words, tag_word

INVENTED = "顺捷星河物流"  # a name no dictionary holds


def test_user_words_do_not_leak_into_the_global_segmenter() -> None:
    sentence = f"{INVENTED}今天开业"
    before = jieba.lcut(sentence)
    assert INVENTED not in before  # otherwise the test could not fail

    tokenizer = JiebaTokenizer(Vocab(), [INVENTED])

    assert INVENTED in [t.text for t in tokenizer(sentence)]
    assert jieba.lcut(sentence) == before


def test_the_pipelines_ontology_words_stay_private(nlp: Language) -> None:
    """The session pipeline is built by now: its user words must still be unknown to jieba's global segmenter."""
    sentence = "宁德时代发布新电池，云闪付APP和银联商务同步上线"
    assert {"宁德时代", "云闪付APP", "银联商务"} <= {t.text for t in nlp.make_doc(sentence)}
    globally = jieba.lcut(sentence)
    assert "宁德时代" not in globally and "银联商务" not in globally and "云闪付APP" not in globally


@pytest.mark.parametrize(
    "text",
    [
        "中国银联推出云闪付APP。",
        "  前导空格\n\n两个换行\t制表符  ",
        "UnionPay与Visa在2024年合作，增长12.5%，共3000万张卡。",
        "Hello World 你好 😀🎉 emoji混排👍🏽结束",
        "ＡＢＣ全角字母１２３",
        "",
        "\n",
    ],
)
def test_tokens_concatenate_back_to_the_text(nlp: Language, text: str) -> None:
    doc = nlp.make_doc(text)
    assert "".join(t.text for t in doc) == text
    assert doc.text == text
    assert all(t.idx == sum(len(u.text) for u in doc[: t.i]) for t in doc)


def test_tags_come_from_jiebas_dictionary(nlp: Language) -> None:
    tags = dictionary_tags()
    doc = nlp.make_doc("银行推出产品，用户 3000 名 OK")
    by_text = {t.text: t.tag_ for t in doc}
    assert by_text["银行"] == tags["银行"]
    assert by_text["推出"] == tags["推出"] == "v"
    assert by_text["产品"] == tags["产品"]
    assert by_text["，"] == "w"
    assert by_text["3000"] == "m"
    assert by_text["OK"] == "eng"
    assert by_text[" "] == "_SP"


def test_words_outside_the_dictionary_get_fallback_tags() -> None:
    tags = dictionary_tags()
    assert tag_word("顺捷星河", tags) == "x"
    assert tag_word("HarmonyOS", tags) == "eng"
    assert tag_word("12.5%", tags) == "m"
    assert tag_word("\n\n", tags) == "_SP"
    assert tag_word("😀", tags) == "w"


@pytest.mark.parametrize("period", ["Q3", "4Q", "17Q4", "2018H1", "1H19", "FY2019", "FY19"])
def test_a_reporting_period_is_a_time(period: str) -> None:
    assert tag_word(period, dictionary_tags()) == "t"


@pytest.mark.parametrize("word", ["日晚", "日早", "月初", "月末"])
def test_the_end_of_a_date_glued_to_a_time_of_day_is_a_time(word: str) -> None:
    assert tag_word(word, dictionary_tags()) == "t"


@pytest.mark.parametrize("word", ["Q5", "H1N1", "QQ", "FYI", "A4"])
def test_latin_words_that_are_no_period_stay_latin(word: str) -> None:
    assert tag_word(word, dictionary_tags()) == "eng"


@pytest.mark.parametrize("name", ["中国农业银行", "云闪付APP", "宁德时代", "银联商务", "易方达基金"])
def test_known_names_stay_one_token(nlp: Language, name: str) -> None:
    assert name in dict(known_surface_forms())
    doc = nlp.make_doc(f"据悉{name}今日宣布")
    assert name in [t.text for t in doc]


def test_remembered_blocks_give_jiebas_own_segmentation() -> None:
    tokenizer = JiebaTokenizer(Vocab(), user_words=["云闪付"])
    texts = [
        "央视网消息：中国银联推出云闪付APP 2.0版，支持NFC、5G和Apple Pay。",
        "央视网消息：中国银联推出云闪付APP 2.0版，覆盖300个城市……（完）",
        "  \n\t第1季度营收增长12.5%，\u3000净利润¥3.2亿元!!",
        "",
    ]
    for text in texts * 2:  # the second pass is served from the remembered blocks
        assert tokenizer._segmenter.cut(text) == list(tokenizer._jieba.cut(text, HMM=True))
    info = tokenizer._segmenter.cut_block.cache_info()
    assert info.hits > info.misses and info.maxsize is not None  # reused, and bounded


def test_char_doc_has_one_token_per_character_tagged_with_its_word() -> None:
    doc = char_doc(Vocab(), "据UnionPay2024年", ["据", "UnionPay2024", "年"], ["p", "eng", "m"])
    assert [t.text for t in doc] == ["据", "UnionPay2024", "年"]
    doc = char_doc(Vocab(), "青禾远航发布", ["青禾", "远航", "发布"], ["x", "n", "v"])
    assert [t.text for t in doc] == list("青禾远航发布")
    assert [t.tag_ for t in doc] == ["x-B", "x-E", "n-B", "n-E", "v-B", "v-E"]
    assert doc.text == "青禾远航发布"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("华瑞银行行长张三表示，将加大对小微企业的支持。", "华瑞银行"),
        ("北京华瑞大学教授李四认为，利率仍有下行空间。", "北京华瑞大学"),
        ("北京天正律师事务所律师王五表示，合同有效。", "北京天正律师事务所"),
        ("北京仁和医院院长赵六介绍，医院已开通线上挂号。", "北京仁和医院"),
    ],
)
def test_a_title_glued_to_an_organizations_head_is_split_off(nlp: Language, text: str, name: str) -> None:
    """jieba's dictionary has 银行行长, 大学教授, 事务所律师, 医院院长 as words: kept whole, they hid the head that ends
    the name before them."""
    words = [t.text for t in nlp.make_doc(text)]
    head_and_title = next(w for w in words if name.endswith(w))
    assert words[words.index(head_and_title) + 1] in {"行长", "教授", "律师", "院长"}
    assert name in {e.text for e in nlp(text).ents if e.label_ == "ORG"}


def test_a_head_and_title_with_no_name_before_them_name_no_organization(nlp: Language) -> None:
    for text in ("该银行行长表示，将加大对小微企业的支持。", "多位大学教授认为，利率仍有下行空间。"):
        assert not [e for e in nlp(text).ents if e.label_ == "ORG"]


def test_only_words_made_of_a_head_and_a_title_are_split() -> None:
    freqs = {"银行": 9, "行长": 9, "银行行长": 5, "银行卡": 7, "卡": 3, "星河": 4, "星河行长": 2}
    assert head_title_words(freqs) == ["银行行长"]
