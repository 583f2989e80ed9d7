"""HTML inputs: web pages (``.html``/``.htm``/``.xhtml``, or any file that starts
like an HTML document) and the HTML fragments feeds and archives carry.

What ``Article.text`` is for an HTML page: the main text trafilatura extracts
(:func:`parse_html_document`), one paragraph per block, blocks separated by a
blank line (as in plain text, so that a headline is never run into the first
sentence); title, date and URL come from the page metadata, the date else
from a dateline at the top of the text.  A page with too little main text is
an :class:`~onrecord.inputs.text.InputProblem`.

An HTML fragment (a feed entry's content) is turned into text with the same
layout by :func:`html_to_text`, without trafilatura; :func:`decode_html`
decodes the bytes of an archived page by its declared charset.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

from onrecord.inputs.dates import parse_iso_date
from onrecord.inputs.text import (
    InputProblem,
    ParsedDocument,
    clean_str,
    normalize_newlines,
    parse_text_document,
    repair_mojibake,
)

#: Suffixes of files always read as HTML (other files are sniffed: :func:`looks_like_html`).
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Content types (of a feed entry or an archived response) treated as HTML.
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
#: Fewer words than this extracted from a page means it holds no article.
MIN_HTML_WORDS = 10

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML document (doctype, ``<html>`` or ``<head>``)."""
    return _HTML_START.match(text[:4096]) is not None


def is_html_type(content_type: str | None) -> bool:
    """Whether a ``Content-Type`` (parameters allowed) is one of :data:`HTML_CONTENT_TYPES`."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return mime in HTML_CONTENT_TYPES


def parse_html_document(html: str, url: str | None = None) -> ParsedDocument:
    """Extract the main article text and metadata from an HTML page with trafilatura.

    Raises :class:`InputProblem` ("no article text found in HTML") when
    trafilatura finds no main text.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    raw: dict[str, Any]
    if doc is None:
        raw = {}
    elif isinstance(doc, dict):
        raw = doc
    else:
        raw = doc.as_dict()
    lines = normalize_newlines(str(raw.get("text") or "")).split("\n")
    text = "\n\n".join(line.strip() for line in lines if line.strip())
    if not text:
        raise InputProblem("no article text found in HTML")
    if (words := len(text.split())) < MIN_HTML_WORDS:
        plural = "" if words == 1 else "s"
        raise InputProblem(
            f"no article text found in HTML (only {words} word{plural} of main text)"
        )
    title = clean_str(raw.get("title"))
    found_url = clean_str(raw.get("url")) or url
    published: dt.date | None = None
    date = clean_str(raw.get("date"))
    if date is not None:
        try:
            published = parse_iso_date(date)
        except ValueError:
            published = None
    if published is None:
        # trafilatura found no date in the metadata: a dateline at the top of the text?
        published = parse_text_document(text).published
    return ParsedDocument(text=text, title=title, published=published, url=found_url)


# --------------------------------------------------------------------------- fragments

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe"}


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment as a list of blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0

    def _break(self) -> None:
        block = " ".join("".join(self._current).split())
        if block:
            self.blocks.append(block)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._break()


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block, separated by a blank line.

    Block elements (``p``, ``div``, ``li``, ``h1``..., ``br``) end a
    paragraph; whitespace inside a paragraph is collapsed to single spaces;
    scripts and styles are dropped; character references are decoded.
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "\n\n".join(collector.blocks)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(payload: bytes, content_type: str | None) -> str:
    """Decode an HTML payload: the header's charset, else a ``<meta>`` charset, else UTF-8.

    Undecodable bytes are replaced rather than rejected: a page is still
    worth extracting if a few characters are wrong. Mojibake is repaired
    (:func:`onrecord.inputs.text.repair_mojibake`).
    """
    return repair_mojibake(_decode(payload, content_type))


def _decode(payload: bytes, content_type: str | None) -> str:
    candidates: list[str] = []
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if m:
        candidates.append(m.group(1))
    if meta := _META_CHARSET.search(payload[:4096]):
        candidates.append(meta.group(1).decode("ascii"))
    for charset in candidates:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        return payload.decode("cp1252", errors="replace")
