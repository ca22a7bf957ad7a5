"""kg_recognizer: general rules for names that no list holds, run from one table.

Each rule anchors on closed-class cues (a head word that ends a name, a quote, a launch verb, a byline) and finds
the other boundary from segmentation and POS (`boundaries`). The table says which rules run, in which order, and what
each proposes: its rule name, its type (None: typed by the rule's own cue) and its score. Order matters: the rules
at the end (owned products, coordination) read the candidates of the rules before them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.recognize import (
    abbreviated_bodies,
    bylines,
    dictionary_orgs,
    financing,
    forces,
    funds,
    heads,
    latin,
    launch,
    legal,
    lists,
    news_sites,
    parents,
    partners,
    places,
    products,
    quotes,
    repeated,
    speaking_firms,
    stems,
    stock_movers,
    stock_names,
    teams,
)
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.recognize.cues import CATEGORY_ENDINGS, INDUSTRY_HEAD, INITIATIVE_HEAD, ORG_HEAD, PRODUCT_HEAD
from kg.nlp.text import WordSet, candidates_of, view_of
from kg.nlp.words import ORG_HEADS

RULES: tuple[RecognizerRule, ...] = (
    RecognizerRule("org_head", heads.headed, "ORG", 0.8, cue=ORG_HEAD),
    RecognizerRule("org_industry", heads.headed, "ORG", 0.6, cue=INDUSTRY_HEAD, strict=True),
    RecognizerRule("product_head", heads.headed, "PRODUCT", 0.6, cue=PRODUCT_HEAD),
    RecognizerRule("initiative_head", heads.headed, "INITIATIVE", 0.6, cue=INITIATIVE_HEAD),
    RecognizerRule("dictionary_org", dictionary_orgs.dictionary_orgs, "ORG", 0.7),
    RecognizerRule("abbreviated_body", abbreviated_bodies.abbreviated_bodies, "ORG", 0.65),
    RecognizerRule("news_site", news_sites.news_sites, "ORG", 0.65),
    RecognizerRule("speaking_firm", speaking_firms.speaking_firms, "ORG", 0.6),
    RecognizerRule("registered_name", legal.registered_names, "ORG", 0.8),
    RecognizerRule("org_context", bylines.org_context, "ORG", 0.55),
    RecognizerRule("stock_name", stock_names.before_codes, "ORG", 0.6),
    RecognizerRule("stock_table", stock_names.in_tables, "ORG", 0.55),
    RecognizerRule("stock_change", stock_names.before_changes, "ORG", 0.55),
    RecognizerRule("stock_status", stock_names.after_status_marks, "ORG", 0.6),
    RecognizerRule("team", teams.teams, "ORG", 0.95),  # above the gazetteer's city: 罗马 of 罗马战胜米兰 is a team
    RecognizerRule("state_force", forces.forces, "ORG", 0.85),  # above the country: 英国|警方 is one body
    RecognizerRule("round_party", financing.financed, "ORG", 0.55),
    RecognizerRule("listed_company", financing.listed, "ORG", 0.55),
    RecognizerRule("kin_party", parents.kin, "ORG", 0.55),
    RecognizerRule("group_member", stems.group_members, "ORG", 0.6),
    RecognizerRule("repeated_name", repeated.repeated_names, "ORG", 0.55),
    RecognizerRule("quoted", quotes.quoted, None, 0.85),
    RecognizerRule("launch_object", launch.launch_objects, None, 0.65),
    RecognizerRule("latin_name", latin.latin_names, None, 0.5),
    RecognizerRule("fund_product", funds.fund_products, "PRODUCT", 0.75),
    RecognizerRule("list_member", lists.listed, None, 0.7),
    RecognizerRule("owner_product", products.owned_products, "PRODUCT", 0.7),
    RecognizerRule("country_arm", legal.country_arms, "ORG", 0.92),  # above the known firm: 恒生银行（中国） is its arm
    RecognizerRule("partner_side", partners.partners, "ORG", 0.45),
    RecognizerRule("place_head", places.places, "LOC", 0.6),
    RecognizerRule("generation", products.generations, "PRODUCT", 0.6),
    RecognizerRule("byline", bylines.bylines, "ORG", 0.6),
    RecognizerRule("coordination", lists.coordinated, None, 0.55),
    RecognizerRule("list_sibling", lists.siblings, "ORG", 0.5),
    RecognizerRule("stock_mover", stock_movers.stock_movers, "ORG", 0.5),
)


_ORG_HEADS = WordSet(ORG_HEADS)


class Recognizer:
    """Proposes ORG, PRODUCT, INITIATIVE and LOC candidates by running the rule table; overlaps are settled later."""

    def __init__(self, nlp: Language, name: str = "kg_recognizer", rules: tuple[RecognizerRule, ...] = RULES) -> None:
        self.name = name
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        view = view_of(doc)
        out = candidates_of(doc)
        for rule in self.rules:
            rule.find(view, out, rule)
        out[:] = [c for c in out if c.label != "ORG" or c.known or not _category(view.text[c.start : c.end])]
        return doc


def _category(name: str) -> bool:
    """白马股, 仙股, 券商板块: a category of stocks or a sector is a kind of company, whatever cue stood beside it; an
    organization's head keeps the name (星河控股)."""
    return name.endswith(CATEGORY_ENDINGS) and _ORG_HEADS.longest_suffix(name) is None


@Language.factory("kg_recognizer")
def make_recognizer(nlp: Language, name: str) -> Recognizer:
    return Recognizer(nlp, name)
