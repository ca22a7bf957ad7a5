"""Public bodies written short after their scope (北京市|住|建委, 仙游县|委, 市住|保办, 自治区|党委): the abbreviation
is no dictionary word, so the segmenter cuts it into pieces, and no head-word rule sees a name. A place, or a level of
government written alone (市, 省, 县: the one the text is about), followed by a few short pieces that end in the head
character of a committee, an office or a bureau names that place's body.

The pieces must look like an abbreviation: characters the dictionary does not hold as words (x), abbreviations (j),
one-character words, and a last word that names a body of its own kind (工委, 县委). A common noun that ends in 局
(政局, 僵局, 布局: a situation) or a verb in 办 (举办, 创办) is no body: after a place it is what the place has or
does, and is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.nlp import words
from kg.nlp.recognize.base import RecognizerRule
from kg.nlp.text import Candidate, TokenView

# levels of government written with one character (市, 县, 旗); not 各 (each) or 跨 (across), which name no level
LEVELS = frozenset(level for level in words.LOCAL_LEVELS if len(level) == 1 and level not in {"各", "跨"})
_BODY_CHARS = ("委", "办", "局")
_BODY = re.compile("[委办局]")
_ROLES = ("常委",)  # a standing committee's member: a person (市委常委), not a body
_MAX_LENGTH = 4  # 住建委, 住保办, 教工委: abbreviations are short; a longer run is a name in full or no name
_PIECE_TAGS = frozenset({"x", "j", "zg", "ng"})  # outside the dictionary, abbreviations, bound morphemes
_ONE_CHARACTER_TAGS = frozenset({"v", "n", "vn", "a"})  # 住|建委, 教|工委: a character of the abbreviation


def level(view: TokenView, k: int) -> bool:
    """Whether token k is a level of government written alone (市, 省, 县), which names the one the text is about when
    a body follows it (市|教育局), and does not end a word before it (城|市 is no level)."""
    return k >= 0 and view.words[k] in LEVELS and (k == 0 or view.tags[k - 1] not in {"ns", "n", "nz", "nt"})


def abbreviated_bodies(view: TokenView, out: list[Candidate], rule: RecognizerRule) -> None:
    """A place or a level of government, then an abbreviated body (北京市|住|建委, 市|教委 written 市教委 as one piece
    the segmenter does not know, 市住|保办): that place's committee, office or bureau."""
    words_, tags = view.words, view.tags
    bodies = [match.start() for match in _BODY.finditer(view.text)]
    if not bodies:
        return
    for k in range(len(words_)):
        word = words_[k]
        at = bisect_right(bodies, view.starts[k])
        if at == len(bodies) or bodies[at] - view.starts[k] > _MAX_LENGTH + len(word):
            continue  # no body's character within reach
        if tags[k] == "ns" or level(view, k):
            first = k + 1  # the body's pieces follow the scope
        elif word[0] in LEVELS and len(word) >= 2 and (k == 0 or tags[k - 1] not in {"ns", "n"}):
            if (
                3 <= len(word) <= _MAX_LENGTH
                and word.endswith(_BODY_CHARS)
                and not word.endswith(_ROLES)
                and tags[k] in {"n", "j", "x"}
            ):
                out.append(Candidate(view.starts[k], view.ends[k], rule.label or "ORG", rule.name, rule.score))
                continue  # 市教委, 市建委: the segmenter's one word, level and body
            if tags[k] != "x":
                continue
            first = k  # 市住|建委: the level glued to the first piece
        else:
            continue
        length = -1 if first == k else 0  # the level glued to the first piece is no piece
        for j in range(first, min(first + 3, len(words_))):
            length += len(words_[j])
            if length > _MAX_LENGTH or not _piece(view, j):
                break
            if words_[j].endswith(_ROLES):
                break  # 市委|常委: a member of the committee, a person's role
            if words_[j].endswith(_BODY_CHARS) and _last_piece(view, j, j > first or first == k):
                out.append(Candidate(view.starts[k], view.ends[j], rule.label or "ORG", rule.name, rule.score))
                break


def _piece(view: TokenView, j: int) -> bool:
    """A piece of an abbreviation: no dictionary word (x), an abbreviation (j), a bound morpheme, one character, or a
    two-character noun that ends in 委 (工委, 县委: bodies)."""
    word, tag = view.words[j], view.tags[j]
    if tag in _PIECE_TAGS:
        return True
    if len(word) == 1:
        return tag in _ONE_CHARACTER_TAGS
    return tag in {"n", "nt"} and word.endswith("委") and len(word) == 2


def _last_piece(view: TokenView, j: int, after_pieces: bool) -> bool:
    """Whether the word that ends in a body's character ends an abbreviated body: an abbreviation or a word outside
    the dictionary (建委, 保办), a committee (县委, 工委), or the bare character after other pieces (仙游县|委 is the
    county's committee; 北京|办 alone is an errand)."""
    word, tag = view.words[j], view.tags[j]
    if len(word) == 1:
        return word == "委" or (after_pieces and tag not in {"v", "vn"})
    return tag in {"j", "x", "nt"} or word.endswith("委")
