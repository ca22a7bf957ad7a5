"""kg_relations: typed relations between the entities of a sentence, from one table of rules.

The sentence rules read a sentence as a sequence of entities and trigger words, one family per module: launch,
partner, ownership (subsidiaries, shareholders, who runs a product), invest (investing and regulating), deploy
(deployed_at, part_of), located. A sentence with no subject before its verb takes the organization that was the
subject of an earlier sentence of the same paragraph (银联……。同时，发行…… → 银联). The document rules then read the
whole Doc (names: relations a name states by itself). A year in the sentence goes on the relation; relations whose
ends violate the ontology's domain and range are dropped.

Each row of the tables names a rule, its function, when it applies and what it asserts (relation, confidence). The
order of the rows is the order of the hits, and the first of two equal hits in a sentence is the one kept.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.entities import EntityInfo
from kg.nlp.known import known_orgs, known_places
from kg.nlp.relate import deploy, invest, launch, located, names, ownership, partner
from kg.nlp.relate.base import (
    Assertion,
    DocumentRule,
    Mention,
    Passage,
    RelationHit,
    Sentence,
    SentenceRule,
    has_org,
    has_org_or_topic,
    has_two_mentions,
)
from kg.nlp.relate.clauses import is_subject_position, year_of
from kg.nlp.relate.cues import DEPLOY, INVEST, OPERATE, PART, PARTNER, REGULATE, SUBSIDIARY
from kg.nlp.text import sentence_bounds, text_of
from kg.nlp.words import LAUNCH
from kg.ontology import load_ontology

SENTENCE_RULES: tuple[SentenceRule, ...] = (
    SentenceRule(
        "launch_verb",
        launch.launch_verb,
        has_org_or_topic,
        # by the clause's subject, by an earlier organization of the sentence, by the paragraph's topic
        (Assertion("launched", 0.8), Assertion("launched", 0.6), Assertion("launched", 0.55)),
        cue=LAUNCH,
    ),
    SentenceRule("passive_launch", launch.passive_launch, has_org, (Assertion("launched", 0.7),)),
    SentenceRule("joint_subject", partner.joint_subject, has_org, (Assertion("partnered_with", 0.7),)),
    SentenceRule(
        "subsidiary_shape",
        ownership.subsidiary_shape,
        has_org,
        # X(旗)下(属)的Y, Y是X的(全资)子公司
        (Assertion("subsidiary_of", 0.7), Assertion("subsidiary_of", 0.75)),
    ),
    SentenceRule("shareholders", ownership.shareholders, has_org, (Assertion("invested_in", 0.65),)),
    SentenceRule("shareholding", ownership.shareholding, has_org, (Assertion("invested_in", 0.6),)),
    SentenceRule("possessive", ownership.possessive, has_org, (Assertion("operates", 0.6),)),
    SentenceRule("partner_verb", partner.partner_verb, has_org, (Assertion("partnered_with", 0.75),), cue=PARTNER),
    SentenceRule("part_cue", deploy.part_cue, has_two_mentions, (Assertion("part_of", 0.7),), cue=PART),
    SentenceRule("deploy_verb", deploy.deploy_verb, has_two_mentions, (Assertion("deployed_at", 0.7),), cue=DEPLOY),
    SentenceRule(
        "subsidiary_cue",
        ownership.subsidiary_cue,
        has_org,
        # an organization after the cue, a product or initiative after it
        (Assertion("subsidiary_of", 0.7), Assertion("operates", 0.7)),
        cue=SUBSIDIARY,
    ),
    SentenceRule("invest_verb", invest.verb_between, has_org, (Assertion("invested_in", 0.6),), cue=INVEST),
    SentenceRule("regulate_verb", invest.verb_between, has_org, (Assertion("regulates", 0.6),), cue=REGULATE),
    SentenceRule("operate_verb", ownership.operate_verb, has_org, (Assertion("operates", 0.65),), cue=OPERATE),
    SentenceRule("located_verb", located.located_verb, has_two_mentions, (Assertion("located_in", 0.7),)),
)

DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    DocumentRule(
        "name_internal",
        names.name_internal,
        (Assertion("located_in", 0.75, "place_prefix"), Assertion("operates", 0.7, "owner_prefix")),
    ),
    DocumentRule("place_class", located.place_class, (Assertion("located_in", 0.65),)),
    DocumentRule("owner_of_list", names.owner_of_list, (Assertion("operates", 0.65),)),
)


class RelationExtractor:
    """Runs the rule tables over a Doc's sentences and mentions, and keeps the relations the ontology allows."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_relations",
        sentence_rules: tuple[SentenceRule, ...] = SENTENCE_RULES,
        document_rules: tuple[DocumentRule, ...] = DOCUMENT_RULES,
    ) -> None:
        self.name = name
        self.sentence_rules = sentence_rules
        self.document_rules = document_rules
        onto = load_ontology()
        self._domain = {code: set(r.domain) for code, r in onto.relations.items()}
        self._range = {code: set(r.range) for code, r in onto.relations.items()}
        self._places = known_places()
        self._known_org_labels = {ent.label for ent in known_orgs().values()}
        self._known_by_label = {ent.label: ent for ent in (*self._places.values(), *known_orgs().values())}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        mentions = []
        for e in doc.ents:  # the surface sliced from the text: Span.text would build a Token object per token
            surface = text[e.start_char : e.end_char]
            mentions.append(Mention(e.start_char, e.end_char, e.label_, e.kb_id_ or surface, surface))
        org_aliases = {
            a: label for label, info in (doc._.kg_entities or {}).items() if info.type == "ORG" for a in info.aliases
        }
        passage = Passage(text, sentence_bounds(text), mentions, org_aliases)
        topic: str | None = None
        k = 0
        prev_end = 0
        for s, e in passage.bounds:
            if "\n" in text[prev_end:s]:
                topic = None
            prev_end = e
            while k < len(mentions) and mentions[k].start < s:
                k += 1
            inside = []
            j = k
            while j < len(mentions) and mentions[j].end <= e:
                inside.append(mentions[j])
                j += 1
            if not inside:
                continue  # every rule relates the entities of its sentence; the topic carries over
            subject = self._sentence(passage, s, e, inside, topic)
            if subject is not None:
                topic = subject
        for rule in self.document_rules:
            passage.hits.extend(rule.find(passage, rule))
        doc._.kg_relations = self._valid(passage.hits, {x.name: x.label for x in mentions})
        self._add_implied_entities(doc)
        return doc

    def _sentence(self, passage: Passage, s: int, e: int, inside: list[Mention], topic: str | None) -> str | None:
        """Run the sentence rules that apply; the organization the sentence is about, if it names one first."""
        text = passage.text
        orgs = [x for x in inside if x.label == "ORG"]
        sentence = Sentence(passage, text, s, e, inside, orgs, topic, year_of(text, s, e))
        for rule in self.sentence_rules:
            if rule.applies(sentence):
                rule.find(sentence, rule)
        return orgs[0].name if orgs and is_subject_position(text, s, orgs[0]) else None

    def _add_implied_entities(self, doc: Doc) -> None:
        """A place or a known organization named only inside another name (哈尔滨 in 哈尔滨松雷商场, 银联 in
        银联二维码) becomes an entity of its own, so the relation that name states has both ends."""
        infos = doc._.kg_entities
        known = self._known_by_label
        for h in doc._.kg_relations:
            for end in (h.head, h.tail):
                if end not in infos and end in known:
                    ent = known[end]
                    infos[end] = EntityInfo(end, ent.type, set(ent.aliases), 1, True, ent.label_en)

    def _known_type(self, name: str) -> str | None:
        """The type of a place or known organization that the document names only inside another name."""
        if name in self._places:
            return "LOC"
        return "ORG" if name in self._known_org_labels else None

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
