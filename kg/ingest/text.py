"""Text that later stages compute character offsets on: ``\\n`` newlines, no trailing spaces, at most one blank
line in a row, NFC (not NFKC: full-width punctuation is kept); and one-line metadata values.

JSON and YAML escapes can spell a lone surrogate (``\\ud800``), which no UTF-8 file can hold: every export would
fail on it, so it becomes U+FFFD here, in text and metadata alike, as a decoder would have made of a bad byte.
"""

from __future__ import annotations

import html
import re
import unicodedata

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """The text with each lone surrogate replaced by U+FFFD, so that it can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def normalize_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def clean_text(text: str) -> str:
    """Normalise text that offsets will refer to: newlines, trailing spaces, blank lines, NFC."""
    text = unicodedata.normalize("NFC", normalize_newlines(without_surrogates(text)))
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def clean_title(value: object) -> str:
    """One line of metadata; feeds often leave HTML entities in titles, so they are unescaped. Control characters
    go (XML cannot hold most of them, and a title is no place for them)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = unicodedata.normalize("NFC", html.unescape(without_surrogates(str(value))))
    return " ".join(_CONTROL.sub(" ", text).split())
