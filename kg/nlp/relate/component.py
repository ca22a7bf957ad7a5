"""kg_relations: typed relations between the entities of a document, from one table of rules.

The frame layer (`kg.nlp.frames`) comes first: it reads each sentence as predicates with typed roles over groups of
entities, and the relations off them by its lexicon, one data file per relation family (A推出B, 由A领投, B的股东包括A,
A旗下的B, 在A落地 …); its rules are named `frame:<frame>`. Then names state some relations by themselves (a place
that opens a name, an owner whose name opens a product's, the owner of a product family that closes a list). A year
in the sentence goes on the relation; relations whose ends violate the ontology's domain and range are dropped.

Each row of the table names a rule, its function and what it asserts (relation, confidence). The order of the rows
is the order of the hits, and the first of two equal hits in a sentence is the one kept.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.entities import EntityInfo
from kg.nlp.frames import frame_relations
from kg.nlp.known import known_places
from kg.nlp.relate import names
from kg.nlp.relate.base import Assertion, DocumentRule, Mention, Passage, RelationHit
from kg.nlp.text import sentences_of, text_of, words_of
from kg.ontology import load_ontology


def frames(passage: Passage, rule: DocumentRule) -> list[RelationHit]:
    """The relations the frame layer reads; its lexicon says which, at what confidence, under which rule name."""
    return frame_relations(passage.text, passage.bounds, passage.mentions, passage.words)


DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    DocumentRule("frames", frames, ()),
    DocumentRule(
        "name_internal",
        names.name_internal,
        (
            Assertion("located_in", 0.55, "place_prefix"),
            Assertion("operates", 0.6, "owner_prefix"),
            Assertion("part_of", 0.6, "parent_prefix"),
            Assertion("subsidiary_of", 0.6, "parent_prefix"),
        ),
    ),
    DocumentRule("owner_of_list", names.owner_of_list, (Assertion("operates", 0.65),)),
)


class RelationExtractor:
    """Runs the rule table over a Doc, and keeps the relations the ontology allows."""

    def __init__(
        self, nlp: Language, name: str = "kg_relations", document_rules: tuple[DocumentRule, ...] = DOCUMENT_RULES
    ) -> None:
        self.name = name
        self.document_rules = document_rules
        onto = load_ontology()
        self._domain = {code: set(r.domain) for code, r in onto.relations.items()}
        self._range = {code: set(r.range) for code, r in onto.relations.items()}
        self._place_by_label = {ent.label: ent for ent in known_places().values()}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        mentions = []
        for e in doc.ents:  # the surface sliced from the text: Span.text would build a Token object per token
            surface = text[e.start_char : e.end_char]
            mentions.append(Mention(e.start_char, e.end_char, e.label_, e.kb_id_ or surface, surface))
        org_names = {
            name: label
            for label, info in (doc._.kg_entities or {}).items()
            if info.type == "ORG"
            for name in (label, *info.aliases)
        }
        words = words_of(doc)  # the segmenter's own words: a view of the split Doc costs more
        passage = Passage(text, sentences_of(doc), mentions, org_names, words)
        for rule in self.document_rules:
            passage.hits.extend(rule.find(passage, rule))
        doc._.kg_relations = self._valid(passage.hits, {x.name: x.label for x in mentions})
        self._add_implied_entities(doc)
        return doc

    def _add_implied_entities(self, doc: Doc) -> None:
        """A place named only inside another name (哈尔滨 in 哈尔滨松雷商场) becomes an entity of its own, so the
        relation that name states has both ends."""
        infos = doc._.kg_entities
        known = self._place_by_label
        for h in doc._.kg_relations:
            for end in (h.head, h.tail):
                if end not in infos and end in known:
                    ent = known[end]
                    infos[end] = EntityInfo(end, ent.type, set(ent.aliases), 1, True, ent.label_en)

    def _known_type(self, name: str) -> str | None:
        """The type of a place that the document names only inside another name."""
        return "LOC" if name in self._place_by_label else None

    def _valid(self, hits: list[RelationHit], types: dict[str, str]) -> list[RelationHit]:
        """Keep relations whose ends have the classes the ontology allows; one hit per fact and sentence."""
        seen = set()
        out = []
        for h in hits:
            dom, rng = self._domain.get(h.relation, set()), self._range.get(h.relation, set())
            ht, tt = types.get(h.head) or self._known_type(h.head), types.get(h.tail) or self._known_type(h.tail)
            if (dom and ht not in dom) or (rng and tt not in rng):
                continue
            key = (h.head, h.relation, h.tail, h.sent_start)
            if key in seen:
                continue
            seen.add(key)
            out.append(h)
        return out


@Language.factory("kg_relations")
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
