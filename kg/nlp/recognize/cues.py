"""The recognizer's cue words, read once from kg/nlp/recognize/words/, and its cue patterns, compiled once.

The lists the recognizer shares with other components (head words, launch verbs, descriptors) are in `kg.nlp.words`.
"""

from __future__ import annotations

import re

from kg.nlp import words
from kg.nlp.text import WordSet
from kg.nlp.words import alternation, read_table, read_words


def _own(name: str) -> tuple[str, ...]:
    return read_words("kg.nlp.recognize", name)


NON_INSTITUTION_ENDINGS = _own("non_institution_endings")
NON_PRODUCT_ENDINGS = _own("non_product_endings")
GENERIC_INSTITUTIONS = frozenset(_own("generic_institutions"))
FIELD_WORDS = frozenset(_own("field_words"))
INSTITUTION_ENDINGS = _own("institution_endings")
PERIODICAL_ENDINGS = tuple(_own("periodical_endings"))
GOVERNMENT_HEADS = frozenset(_own("government_heads"))
WEAK_ORG_HEADS = frozenset(_own("weak_org_heads"))
ACTIVITY_HEADS = frozenset(_own("activity_heads"))
PRODUCT_LINE_HEADS = frozenset(_own("product_line_heads"))
PUBLIC_BODY_HEADS = frozenset(_own("public_body_heads"))
STRONG_ORG_HEADS = frozenset(_own("strong_org_heads"))
NAMED_HEADS = frozenset(_own("named_heads"))
LOC_HEADS = _own("loc_heads")
BILATERAL_PREFIXES = _own("bilateral_prefixes")
CATEGORY_ENDINGS = _own("category_endings")
FIRM_HEADS = _own("firm_heads")
ORG_CONTEXT_AFTER = _own("org_context_after")
ROLE_MODIFIERS = frozenset(_own("role_modifiers"))
ROLE_FIELDS = frozenset(_own("role_fields"))
DEPARTMENT_FIELDS = frozenset(_own("department_fields"))
SURNAMES = frozenset(_own("surnames"))
MANY_OF_A_KIND = _own("many_of_a_kind")
THEME_ENDINGS = _own("theme_endings")
LATIN_TERMS = frozenset(_own("latin_terms"))
ORG_SUBJECT_VERBS = _own("org_subject_verbs")
NAME_TIME_WORDS = frozenset(_own("name_time_words"))
FAIR_ABBREVIATIONS = _own("fair_abbreviations")
# kin nouns of a company → whether the name after one is typed too (母公司海星) or only the name before (X的控股股东)
KIN_NOUNS = {noun: sides == "both" for noun, sides in read_table("kg.nlp.recognize", "kin_nouns")}
DESCRIPTOR_CLASSES = _own("descriptor_classes")
KIN_MODIFIERS = _own("kin_modifiers")
LISTING_VENUES = _own("listing_venues")
COMMODITIES = _own("commodities")
BUSINESS_SCOPE_VERBS = frozenset(_own("business_scope_verbs"))
ROUND_INVESTOR_VERBS = _own("round_investor_verbs")
ROUND_RAISE_VERBS = _own("round_raise_verbs")
ROUND_RECEIVE_VERBS = _own("round_receive_verbs")
SERIES_OF = _own("series_of")
KIND_PRODUCT_HEADS = frozenset(_own("kind_product_heads"))
KIND_INITIATIVE_HEADS = frozenset(_own("kind_initiative_heads"))
PLAN_KINDS = _own("plan_kinds")
STATISTIC_WORDS = _own("statistic_words")
MARKET_INDEX_WORDS = _own("market_index_words")
REGIONAL_FIRM_HEADS = frozenset(_own("regional_firm_heads"))
ROLE_NOUNS = _own("role_nouns")
UNIT_ROLES = _own("unit_roles")
ACTIVITY_ROLES = frozenset(_own("activity_roles"))
DEPARTMENT_ENDINGS = _own("department_endings")
PLACE_KIND_HEADS = frozenset(_own("place_kind_heads"))
CLASS_NOUNS_BEFORE_NAMES = frozenset(_own("class_nouns_before_names"))
CLASS_NOUN_ENDINGS = tuple(_own("class_noun_endings"))
STRATEGIC_COMPOUNDS = _own("strategic_compounds")
NATIONAL_SCOPES = _own("national_scopes")
PUBLIC_SCOPES = frozenset(_own("public_scopes"))
FACILITY_ENDINGS = tuple(_own("facility_endings"))
GLOBAL_SCOPES = _own("global_scopes")
GLOBAL_SCOPE_HEADS = frozenset(_own("global_scope_heads"))
EVENT_HEADS = _own("event_heads")
PRODUCT_FOLLOWERS = _own("product_followers")
INITIATIVE_FOLLOWERS = _own("initiative_followers")
PRODUCT_PRECEDERS = _own("product_preceders")
INITIATIVE_PRECEDERS = _own("initiative_preceders")
BUILT_PROGRAMMES = _own("built_programmes")
PROJECT_CLASS_WORDS = _own("project_class_words")
WORK_NOUNS = _own("work_nouns")
GROUP_LINES = _own("group_lines")
CLASS_MARKERS = _own("class_markers")
ORGANIZE_VERBS = frozenset(_own("organize_verbs"))
DOCUMENT_NOUNS = _own("document_nouns")
POLICY_DOCUMENT_HEADS = _own("policy_document_heads")
ORG_CLASSIFIERS = _own("org_classifiers")
BRAND_CLASSES = _own("brand_classes")
PRODUCT_CLASSIFIERS = _own("product_classifiers")
INITIATIVE_CLASSIFIERS = _own("initiative_classifiers")
MEMBER_CLASSES = frozenset(_own("member_classes"))
STOP_WORDS = frozenset(_own("stop_words"))
NAME_TAGS = frozenset(_own("name_tags"))
PROPER_TAGS = frozenset(_own("proper_tags"))
TRANSLITERATION_CHARS = frozenset(_own("transliteration_chars"))
CITY_SHORT_FORMS = frozenset(_own("city_short_forms"))
TO_A_PLACE = frozenset(_own("to_a_place"))
REGION_OPENINGS = frozenset(_own("region_openings"))
REGION_AREAS = frozenset(_own("region_areas"))
LEADING_CLITICS = frozenset(_own("leading_clitics"))
FUND_TYPES = _own("fund_types")
INDEX_PROVIDERS = _own("index_providers")
TRAILING_CLITICS = frozenset(_own("trailing_clitics"))

ORG_HEAD = alternation(words.ORG_HEADS)
INDUSTRY_HEAD = alternation(words.INDUSTRY_HEADS)
PRODUCT_HEAD = alternation(words.PRODUCT_HEADS)
INITIATIVE_HEAD = alternation(words.INITIATIVE_HEADS)
ORG_CONTEXT = alternation(ORG_CONTEXT_AFTER)
LOC_HEAD = alternation(LOC_HEADS)
# the parties of joining verbs (A联合B, A携手B), and a word that names one (合作伙伴X)
PARTNER = alternation((*words.JOINING_VERBS, "合作伙伴"))

SHARED_HEAD_WORDS = WordSet((*words.ORG_HEADS, *words.INDUSTRY_HEADS, *words.STRONG_PRODUCT_HEADS))
INITIATIVE_HEAD_WORDS = WordSet(words.INITIATIVE_HEADS)
PRODUCT_HEAD_WORDS = WordSet(words.PRODUCT_HEADS)

# a stock code in brackets after a company's name (（600000）, （ 600066 ）, （SZ:000001）, （00700.HK）, (01299),
# （00728．通）, a Hong Kong code that Stock Connect trades): evidence of a company before it, and no part of its name
STOCK_CODE = re.compile(
    r"[（(]\s*(?:(?:SH|SZ|HK|BJ)?[:：]?\s*)?[0-9]{6}(?:\s*[.．]\s*(?:SH|SZ|BJ))?\s*[）)]"
    r"|[（(]\s*(?:0[0-9]{4}|[0-9]{4,5}(?=\s*[.．]\s*(?:HK|通)))(?:\s*[.．]\s*(?:HK|通))?\s*[）)]"
)
BEFORE_STOCK_NAMES = frozenset(_own("before_stock_names"))
TEAM_SPORT_CUES = alternation(_own("team_sport_cues"))
MATCH_WORDS = alternation(_own("match_words"))
UNIT_HEADS = _own("unit_heads")
COUNTRY_INITIALS = frozenset(_own("country_initials"))
FORCE_WORDS = frozenset(_own("force_words"))
MINISTRY_ENDINGS = _own("ministry_endings")
