"""kg_backbone_vote: LAC's analysis as one voter among kg's recognizers, before overlaps are settled.

LAC is good at where a name starts and ends and at telling people and places from organizations; kg's rules are
better at products, programmes and long names. So LAC votes, it does not decide (each vote can be switched off in
the component's config, which is how benchmarks/backbone.py compares them):
- `add_orgs`: an organization LAC finds becomes an ORG candidate, scored below the gazetteer and the strong
  head-word rules, unless it is a class phrase (省政府, 该公司), a common word, or a fragment of a known name;
- `boundaries`: a rule's candidate ("org": an organization; "all": any) that starts or ends inside a LAC word is
  dropped, since a name starts and ends at a word boundary;
- `type_veto` (off by default: it cost dev organizations and gained nothing elsewhere): an ORG candidate that is
  exactly a word LAC calls a person or a place is dropped;
- `left_edges`: a rule's organization that ends where LAC's does but starts earlier, over words LAC sees no name
  in (主办方|星河集团), starts where LAC's does.
Known names (the gazetteer's) are never dropped or cut.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.backbone.component import analysis_of
from kg.nlp.backbone.tagger import Analysis
from kg.nlp.recognize.cues import PROPER_TAGS, STOP_WORDS
from kg.nlp.text import Candidate, WordSet, candidates_of, text_of
from kg.nlp.tokenizer import dictionary_tags
from kg.nlp.words import GENERIC_MODIFIERS, MODERN_WORDS, ORG_HEADS, read_words

BACKBONE_ORG_SCORE = 0.5  # below the gazetteer (0.75–0.9) and the head-word rules (0.8), above weak guesses
CLASS_OPENINGS = frozenset(read_words("kg.nlp.backbone", "class_openings"))
_ORG_HEADS = WordSet(ORG_HEADS)
_NAME_TAGS = frozenset({"PER", "LOC", "ORG", "nz", "nw"})
_GLUE_TAGS = frozenset("cpu")  # jieba's conjunctions, prepositions and particles (u, uj, ul, ...)


class BackboneVote:
    """Adds LAC's organizations to the candidates and vetoes the rules' candidates that LAC's words contradict."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        add_orgs: bool,
        boundaries: str,
        type_veto: bool,
        left_edges: bool,
        org_score: float,
    ) -> None:
        if boundaries not in {"none", "org", "all"}:
            raise ValueError(f"boundaries must be none, org or all, not {boundaries!r}")
        self.name = name
        self.add_orgs = add_orgs
        self.boundaries = boundaries
        self.type_veto = type_veto
        self.left_edges = left_edges
        self.org_score = org_score

    def __call__(self, doc: Doc) -> Doc:
        analysis = analysis_of(doc)
        if analysis is None:
            return doc
        candidates = candidates_of(doc)
        kept = [c for c in candidates if c.known or not self._vetoed(c, analysis)]
        if self.left_edges:
            trim_to_lac_orgs(analysis, kept)
        if self.add_orgs:
            kept += backbone_orgs(analysis, text_of(doc), kept, self.org_score)
        candidates[:] = kept
        return doc

    def _vetoed(self, c: Candidate, analysis: Analysis) -> bool:
        if self.type_veto and c.label == "ORG" and _same_span_tag(analysis, c.start, c.end) in {"PER", "LOC"}:
            return True
        if self.boundaries == "all" or (self.boundaries == "org" and c.label == "ORG"):
            return cuts_a_word(analysis, c.start) or cuts_a_word(analysis, c.end)
        return False


def trim_to_lac_orgs(analysis: Analysis, candidates: list[Candidate]) -> None:
    """主办方星河集团 → 星河集团: a rule's organization that ends where one of LAC's ends, but starts earlier over words
    that are no name to LAC (a role, a verb, a demonstrative), starts where LAC's does."""
    org_start_by_end = {e: s for s, e, _ in analysis.spans({"ORG"})}
    name_starts = [s for s, _, _ in analysis.spans(_NAME_TAGS)]
    for c in candidates:
        start = org_start_by_end.get(c.end)
        if c.known or c.label != "ORG" or start is None or start <= c.start:
            continue
        if bisect_left(name_starts, c.start) == bisect_left(name_starts, start):  # no name word starts before LAC's
            c.start = start


def cuts_a_word(analysis: Analysis, offset: int) -> bool:
    """Whether a character offset falls strictly inside one of LAC's words."""
    i = bisect_right(analysis.starts, offset) - 1
    return i >= 0 and analysis.starts[i] < offset < analysis.ends[i]


def _same_span_tag(analysis: Analysis, start: int, end: int) -> str | None:
    i = bisect_left(analysis.starts, start)
    if i < len(analysis.starts) and analysis.starts[i] == start and analysis.ends[i] == end:
        return analysis.tags[i]
    return None


def backbone_orgs(analysis: Analysis, text: str, others: list[Candidate], score: float) -> list[Candidate]:
    """LAC's organizations as candidates, unless one is a class phrase, a common word without an organization
    head (专利局 stays), has a function word glued to its end (深圳证券交易所和), cuts through a known name, holds a
    known organization or product with more around it (a known name's edges are settled), or is part of a known
    name or another organization of the same document (电信 in 中国电信, 星河 in 星河基金: kg's aliases and short
    forms say what such a fragment names)."""
    known = [c for c in others if c.known]
    names = {text[c.start : c.end] for c in others if c.known or c.label == "ORG"}
    found = []
    for start, end, _ in analysis.spans({"ORG"}):
        name = text[start:end]
        if end - start < 2 or class_phrase(name) or (common_word(name) and not _ORG_HEADS.longest_suffix(name)):
            continue
        if glued_function_word(name):
            continue
        if any(s < start < e < end or start < s < end < e for s, e in ((c.start, c.end) for c in known)):
            continue
        if any(
            start <= c.start and c.end <= end and (c.end - c.start) < (end - start) and c.label != "LOC" for c in known
        ):
            continue
        if any(name in other and name != other for other in names):
            continue
        found.append(Candidate(start, end, "ORG", "backbone_org", score))
    return found


def glued_function_word(name: str) -> bool:
    """深圳证券交易所和, 上海市规划与: a conjunction, preposition or structural particle glued to the end of a name;
    a name may end in a character that is a function word elsewhere (巴塞罗那, 乌迪内, 文华财经)."""
    last = name[-1]
    return last in STOP_WORDS and dictionary_tags().get(last, "")[:1] in _GLUE_TAGS


def common_word(name: str) -> bool:
    """联合, 普惠, 金融科技: a word of jieba's dictionary with a common tag, or a modern common word, is no name."""
    tag = dictionary_tags().get(name)
    return (tag is not None and tag not in PROPER_TAGS) or name in MODERN_WORDS


def class_phrase(name: str) -> bool:
    """省政府, 市人民政府, 该公司, 中小基金公司: levels, demonstratives or descriptors before head words name a kind
    of body, not one; so do head words alone."""
    opening = name
    for _ in range(3):
        head = _ORG_HEADS.longest_suffix(opening)
        if head is None:
            break
        opening = opening[: -len(head)]
    if opening == name:
        return False
    return opening == "" or opening in CLASS_OPENINGS or opening in GENERIC_MODIFIERS


@Language.factory(
    "kg_backbone_vote",
    default_config={
        "add_orgs": True,
        "boundaries": "org",
        "type_veto": False,
        "left_edges": True,
        "org_score": BACKBONE_ORG_SCORE,
    },
)
def make_backbone_vote(
    nlp: Language, name: str, add_orgs: bool, boundaries: str, type_veto: bool, left_edges: bool, org_score: float
) -> BackboneVote:
    return BackboneVote(nlp, name, add_orgs, boundaries, type_veto, left_edges, org_score)
