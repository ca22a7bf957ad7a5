"""One document from decoded text: front matter, then an HTML, Markdown or plain body, and its title."""

from __future__ import annotations

import re
from typing import Any

from kg.ingest.errors import IngestError
from kg.ingest.html_text import html_to_text
from kg.ingest.markdown_text import markdown_to_text
from kg.ingest.metadata import FRONT_MATTER, load_front_matter, to_document
from kg.ingest.text import clean_text, clean_title, normalize_newlines
from kg.model import Document

_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|/?(?:html|body|head|p|div|br|h[1-6]|ul|ol|li|table|tr|td|span|article|section"
    r"|img|a|strong|em|b|i|blockquote|pre|font|center))(?:\s[^<>]*)?/?>",
    re.I,
)
_MARKDOWN = re.compile(
    r"^#{1,6}[ \t]|^[ \t]*>[ \t]|^```|^[ \t]*[-*+][ \t]+\S|!?\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*", re.M
)


def parse_text(raw: str, *, source: str, doc_id: str) -> Document:
    """Build one document from decoded text: front matter, then an HTML, Markdown or plain body."""
    text = normalize_newlines(raw.lstrip("\ufeff"))
    meta: dict[str, Any] = {}
    match = FRONT_MATTER.match(text)
    if match:
        meta = load_front_matter(match, text, source)
        text = text[match.end() :]
    body, title = body_and_title(text, meta.get("title"))
    if not body:
        raise IngestError(source, "empty document", "the file has no text once markup is removed")
    return to_document(doc_id, body, title, meta, source)


def body_and_title(text: str, given_title: object) -> tuple[str, str]:
    """Cleaned body and title; without a given title the page's <title>, first <h1> or leading '# ' is used.

    A heading taken as title is removed from the body: the title is never part of the text.
    """
    if _HTML_TAG.search(text):
        body, heading = html_to_text(text)
    elif _MARKDOWN.search(text):
        body, heading = markdown_to_text(text)
    else:
        body, heading = text, ""
    body = clean_text(body)
    title = clean_title(given_title)
    if title or not heading:
        return body, title
    first, _, rest = body.partition("\n")
    if clean_title(first) == heading:
        body = rest.lstrip("\n")
    return body, heading
