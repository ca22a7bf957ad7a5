"""HTML pages and fragments reduced to text, with paragraph breaks kept and the page's title remembered."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from kg.ingest.text import clean_title

_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul"),
    }
)
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "svg", "canvas", "button", "select"}
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _collapse_space(match: re.Match[str]) -> str:
    """HTML whitespace becomes one space, but a line break between two CJK characters disappears."""
    text, start, end = match.string, match.start(), match.end()
    if "\n" not in match.group() or start == 0 or end == len(text):
        return " "
    return "" if _is_wide(text[start - 1]) and _is_wide(text[end]) else " "


class _HTMLText(HTMLParser):
    """Collect visible text with block boundaries as newlines; remember <title> and the first <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self._inline: list[str] = []
        self._title_parts: list[str] = []
        self._skip = 0
        self._pre = 0
        self._in_head = False
        self._in_title = False
        self._in_h1 = False
        self._h1_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "title":
            self._in_title = True
        elif tag == "br":
            self._break("\n")
        elif tag in ("td", "th"):
            self._inline.append(" ")
        elif tag in _BLOCK_TAGS:
            self._break("\n\n")
            if tag == "pre":
                self._pre += 1
            if tag == "h1" and not self.h1 and not self._in_h1:
                self._in_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> is one line break, not a start and an end tag; a self-closed <script/> hides nothing.
        if tag not in _SKIP_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
            if not self.title:
                self.title = "".join(self._title_parts)
        elif tag == "br":
            self._break("\n")
        elif tag in _BLOCK_TAGS:
            self._break("\n\n")
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            if tag == "h1" and self._in_h1:
                self._in_h1 = False
                self.h1 = "".join(self._h1_parts)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self._title_parts.append(data)
        elif not self._in_head:
            self._inline.append(data)
            if self._in_h1:
                self._h1_parts.append(data)

    def close(self) -> None:
        super().close()
        self._break("")

    def _break(self, separator: str) -> None:
        run = "".join(self._inline)
        self._inline.clear()
        if not self._pre:
            run = _HTML_SPACE.sub(_collapse_space, run).strip(" ")
        if run:
            self.parts.append(run)
        self.parts.append(separator)


def html_to_text(markup: str) -> tuple[str, str]:
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    text = re.sub(r"\n{3,}", "\n\n", "".join(parser.parts))
    return text, clean_title(parser.title) or clean_title(parser.h1)
