"""The frame lexicon: trigger words with their kind, frame, role links and confidence, and the small closed word
lists that fill roles (markers, copulas, anaphors). All of it is data in `lexicon/`; this module only reads it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

KINDS = frozenset({"verb", "joint", "noun", "received", "possessive", "juxtaposed", "class"})
ROLES = frozenset(
    {
        "agent",
        "patient",
        "partner",
        "party",
        "beneficiary",
        "recipient",
        "location",
        "member",
        "anchor",
        "owner",
        "possessed",
        "instrument",
    }
)
MARKER_ROLES = frozenset(
    {"agent", "partner", "beneficiary", "recipient", "location", "patient", "source", "instrument"}
)
FAMILIES = ("launch", "operate", "partner", "invest", "subsidiary", "deploy", "locate", "regulate", "part")
# the plain word lists: field of the Lexicon -> file
WORD_LISTS = {
    "joint_adverbs": "joint_adverbs.txt",
    "distributives": "distributives.txt",
    "copulas": "copulas.txt",
    "introducers": "introducers.txt",
    "head_blockers": "head_blockers.txt",
    "receive_verbs": "receive_verbs.txt",
    "blockers": "blockers.txt",
    "public_bodies": "public_bodies.txt",
    "hopes": "hopes.txt",
    "bare_founding": "bare_founding.txt",
    "holders": "holders.txt",
    "body_endings": "body_endings.txt",
    "officers": "officers.txt",
    "auxiliaries": "auxiliaries.txt",
    "platform_accounts": "platform_accounts.txt",
}
NO_WORD = "-"  # the trigger of a frame that is a shape, not a word (A B side by side)


@dataclass(frozen=True, slots=True)
class Link:
    """One relation read off a frame: the members of one role relate to those of another. A role written
    role:TYPE only counts members of that type (开展: "patient deployed_at agent:LOC": a place that carries out a
    programme hosts it; an organization that does launches it)."""

    head: str
    relation: str
    tail: str
    head_type: str | None = None
    tail_type: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A trigger of one frame: how its roles are found (kind) and which relations they give (links)."""

    trigger: str
    kind: str
    frame: str
    family: str
    links: tuple[Link, ...]
    confidence: float
    implicit: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: dict[str, tuple[Entry, ...]]  # trigger word -> its entries (one per frame it triggers)
    frame_words: dict[str, tuple[str, ...]]  # frame -> its trigger words, longest first
    shapes: dict[str, Entry]  # kind -> the entry of a frame with no word (possessive, juxtaposed)
    classes: dict[str, Entry]  # class word -> its entry (美国公司A)
    markers: dict[str, str]  # marker word -> role
    joint_adverbs: frozenset[str]
    distributives: frozenset[str]
    copulas: frozenset[str]
    introducers: frozenset[str]
    anaphors: dict[str, tuple[str, str]]  # word -> (where: "any" or "start", what: "topic", "company" or "party")
    head_blockers: frozenset[str]
    receive_verbs: frozenset[str]
    public_bodies: frozenset[str]  # endings of the names of public bodies, whose joint acts are no partnership
    hopes: frozenset[str]  # words after which a cooperation is only wished for (看好A和B合作)
    bare_founding: frozenset[str]  # founding verbs whose bare subject is what is founded (X正发起设立，)
    holders: frozenset[str]  # words between A and 的 that make what follows A's own (A旗下的B)
    body_endings: frozenset[str]  # words that end a body's name (合作|署, 合作|组织)
    officers: frozenset[str]  # titles whose holder speaks for the organization before them (A董事长)
    auxiliaries: frozenset[str]  # words of intent or aspect between a subject and its verb (X拟落户)
    platform_accounts: frozenset[str]  # nouns after a platform that make it an account there (微信公众号)
    automaton: ahocorasick.Automaton  # every trigger and blocker, for one pass over a text


def _lines(name: str) -> list[list[str]]:
    """The rows of a data file: tab-separated fields, without comments and blank lines."""
    text = resources.files("kg.nlp.frames").joinpath("lexicon", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def _words(name: str) -> frozenset[str]:
    return frozenset(row[0].strip() for row in _lines(name))


def parse_links(text: str, where: str) -> tuple[Link, ...]:
    links = []
    for part in text.split(";"):
        fields = part.split()
        if len(fields) != 3:
            raise ValueError(f"{where}: a link is 'role relation role', not {part.strip()!r}")
        head, relation, tail = fields
        head, _, head_type = head.partition(":")
        tail, _, tail_type = tail.partition(":")
        if head not in ROLES or tail not in ROLES:
            raise ValueError(f"{where}: unknown role in {part.strip()!r}")
        links.append(Link(head, relation, tail, head_type or None, tail_type or None))
    return tuple(links)


def _family(family: str) -> list[Entry]:
    entries = []
    first_links: dict[str, tuple[Link, ...]] = {}
    for k, row in enumerate(_lines(f"{family}.tsv")):
        where = f"{family}.tsv row {k + 1}"
        if len(row) != 6:
            raise ValueError(f"{where}: expected 6 tab-separated fields, got {len(row)}")
        trigger, kind, frame, links, confidence, implicit = row
        if kind not in KINDS:
            raise ValueError(f"{where}: unknown kind {kind!r}")
        parsed = parse_links(links, where) if links.strip() else first_links.get(frame)
        if parsed is None:
            raise ValueError(f"{where}: frame {frame!r} has no links yet")
        first_links.setdefault(frame, parsed)
        roles = frozenset() if implicit == "-" else frozenset(implicit.split(","))
        entries.append(Entry(trigger, kind, frame, family, parsed, float(confidence), roles))
    return entries


@cache
def load_lexicon() -> Lexicon:
    """The frame lexicon, read once per process."""
    entries: dict[str, list[Entry]] = {}
    shapes: dict[str, Entry] = {}
    classes: dict[str, Entry] = {}
    for family in FAMILIES:
        for entry in _family(family):
            if entry.kind == "class":
                classes[entry.trigger] = entry
            elif entry.trigger == NO_WORD or entry.kind == "possessive":
                shapes[entry.kind] = entry
            else:
                entries.setdefault(entry.trigger, []).append(entry)
    markers = {}
    for row in _lines("markers.tsv"):
        if row[1] not in MARKER_ROLES:
            raise ValueError(f"markers.tsv: unknown role {row[1]!r}")
        markers[row[0]] = row[1]
    words = {field: _words(name) for field, name in WORD_LISTS.items()}
    blockers = words.pop("blockers")
    automaton = ahocorasick.Automaton()
    for word in sorted(set(entries) | blockers):
        automaton.add_word(word, (word, word in entries))
    automaton.make_automaton()
    frame_words: dict[str, list[str]] = {}
    for word, found in entries.items():
        for frame in {e.frame for e in found}:
            frame_words.setdefault(frame, []).append(word)
    return Lexicon(
        entries={word: tuple(found) for word, found in entries.items()},
        frame_words={frame: tuple(sorted(ws, key=lambda w: (-len(w), w))) for frame, ws in frame_words.items()},
        shapes=shapes,
        classes=classes,
        markers=markers,
        anaphors={row[0]: (row[1], row[2]) for row in _lines("anaphors.tsv")},
        automaton=automaton,
        **words,
    )
