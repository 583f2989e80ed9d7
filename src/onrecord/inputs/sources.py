"""Read RSS/Atom feeds and WARC web archives into :class:`Article` records.

:mod:`onrecord.inputs.reader` dispatches here for ``.rss``, ``.atom`` and ``.xml``
files (feeds) and ``.warc`` / ``.warc.gz`` files (web archives).  As there,
the ``read_*`` functions yield one :class:`~onrecord.records.Article` per
article and one :class:`~onrecord.errors.InputError` per bad entry or record,
and never raise for bad input.

The pure parsing functions (:func:`html_to_text`, :func:`parse_feed`,
:func:`parse_warc_response`) take strings or bytes and know nothing of files;
:func:`iter_warc_responses` reads an already-open binary stream;
:func:`read_feed` and :func:`read_warc` do the file I/O.

**Feeds** (parsed with feedparser): one article per entry.

* text: the entry's full content (its first non-empty ``content`` value, else
  its ``summary``/``description``), turned from HTML into plain text by
  :func:`html_to_text` when the feed says it is HTML: one paragraph per
  block, blocks separated by a blank line (as :mod:`onrecord.inputs.reader` does for
  HTML pages).  An entry with no text is an :class:`InputError` for
  ``path#entry N`` (``N`` counts entries from 1, in feed order).
* title, url: the entry's title and link.
* published: the entry's ``published`` (else ``updated``) date, taken from
  the date as written in the feed, so ``Fri, 22 Aug 2025 23:30 -0500`` is
  22 August (the publisher's local date), not 23 August UTC.  The
  ``published`` argument only fills in entries that give no date.
* id: ``feed-`` + the first 12 hex digits of the SHA-1 of the entry's
  ``id``/``guid``, else of its link, else of its text: stable across runs and
  independent of where the entry sits in the feed.
* A file that is not an RSS or Atom feed (a ``.xml`` sitemap, say) is one
  :class:`InputError` "not an RSS/Atom feed".

**WARC archives** (read with warcio, plain or gzipped): one article per
``response`` record whose HTTP status is 200 and whose ``Content-Type`` is
HTML; every other record (requests, metadata, images, redirects, 404 pages) is
skipped silently.

* text, title: from :func:`onrecord.inputs.reader.parse_html_document` (trafilatura),
  exactly as for an ``.html`` file; a page with no article text is an
  :class:`InputError` for ``path#record N`` (``N`` counts all WARC records
  from 1, ``warcinfo`` and ``request`` records included) and the archive
  carries on.
* url: the record's ``WARC-Target-URI``.
* published: the page's own date if trafilatura finds one, else the capture
  date (the date part of ``WARC-Date``); the ``published`` argument only
  fills in a record that has neither.
* id: ``warc-`` + the first 12 hex digits of the SHA-1 of the URL.
* A corrupt or truncated archive yields the articles before the damage, then
  one :class:`InputError` naming the file.  An archive with no HTML response
  at all is one :class:`InputError` too.

Ids go through the caller's ``claim`` function (the reader's per-run id
registry), so a second capture of the same URL gets ``-2`` appended.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from onrecord.errors import InputError
from onrecord.inputs.reader import (
    MAX_INPUT_SIZE,
    InputProblem,
    ParsedDocument,
    normalize_newlines,
    parse_date,
    parse_each,
    parse_html_document,
    parse_iso_date,
    read_bytes,
)
from onrecord.records import Article

#: Suffixes read as RSS/Atom feeds (``.xml`` only if it parses as one).
FEED_SUFFIXES = (".rss", ".atom", ".xml")
#: Name endings read as WARC archives.
WARC_SUFFIXES = (".warc", ".warc.gz")
#: Content types (of a feed entry or an archived response) treated as HTML.
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")

#: A function that turns an id base into an id unique within the run.
Claim = Callable[[str], str]


def is_feed_path(path: Path) -> bool:
    """Whether ``path`` is read as an RSS/Atom feed (by its suffix)."""
    return path.name.lower().endswith(FEED_SUFFIXES)


def is_warc_path(path: Path) -> bool:
    """Whether ``path`` is read as a WARC archive (``.warc`` or ``.warc.gz``)."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def stable_id(prefix: str, key: str) -> str:
    """``prefix-`` + the first 12 hex digits of the SHA-1 of ``key``."""
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


# --------------------------------------------------------------------------- HTML to text

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


def plain_text(text: str) -> str:
    """Plain text with the same layout as :func:`html_to_text` gives.

    Paragraphs are split at blank lines and their whitespace collapsed.
    """
    paragraphs = re.split(r"\n[ \t]*\n", normalize_newlines(text))
    return "\n\n".join(p for p in (" ".join(par.split()) for par in paragraphs) if p)


def _is_html_type(content_type: str | None) -> bool:
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return mime in HTML_CONTENT_TYPES


# --------------------------------------------------------------------------- feeds


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One usable feed entry, before ids and origins."""

    key: str  # what the id is derived from: entry id, else link, else text
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None


def parse_feed_date(value: str) -> dt.date | None:
    """The date in a feed's date string (RFC 822 or ISO 8601), or None.

    The date is the one written (the publisher's local date), not converted
    to UTC.
    """
    text = value.strip()
    if not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for parse in (parse_iso_date, parse_date):
        try:
            return parse(text)
        except ValueError:
            pass
    return None


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and (date := parse_feed_date(raw)) is not None:
            return date
        parsed = entry.get(f"{key}_parsed")
        if parsed is not None:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (AttributeError, ValueError):
                pass
    return None


def _detail_text(value: object, detail: object) -> str:
    """Plain text of a feedparser text construct (``value`` with its ``*_detail``)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    content_type = detail.get("type") if isinstance(detail, Mapping) else None
    return html_to_text(value) if _is_html_type(content_type) else plain_text(value)


def _entry_text(entry: Mapping[str, Any]) -> str:
    for content in entry.get("content") or ():
        if isinstance(content, Mapping) and (text := _detail_text(content.get("value"), content)):
            return text
    return _detail_text(entry.get("summary"), entry.get("summary_detail"))


def _str_field(entry: Mapping[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def parse_feed_entry(entry: Mapping[str, Any]) -> FeedEntry:
    """One feedparser entry as a :class:`FeedEntry`; :class:`InputProblem` if it has no text."""
    text = _entry_text(entry)
    if not text:
        raise InputProblem("feed entry has no text (no content or summary)")
    title = _detail_text(entry.get("title"), entry.get("title_detail")) or None
    if title is not None:
        title = " ".join(title.split())
    url = _str_field(entry, "link")
    key = _str_field(entry, "id") or url or text
    return FeedEntry(key=key, text=text, title=title, url=url, published=_entry_date(entry))


def parse_feed(data: bytes) -> list[FeedEntry | InputProblem]:
    """The entries of an RSS or Atom feed, in feed order (a problem for each bad one).

    Raises :class:`InputProblem` if ``data`` is not an RSS/Atom feed or has
    no entries.
    """
    # A stream, never a str: feedparser would fetch a str that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version"):
        raise InputProblem("not an RSS/Atom feed")
    entries = parsed.get("entries") or []
    if not entries:
        raise InputProblem("feed has no entries")
    return parse_each(entries, parse_feed_entry)


def read_feed(
    path: Path, claim: Claim, published: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Articles (and errors) for each entry of the feed file ``path``."""
    origin = str(path)
    try:
        data = read_bytes(path)
        if not data.strip():
            raise InputProblem("empty file")
        entries = parse_feed(data)
    except InputProblem as exc:
        yield InputError(origin, str(exc))
        return
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#entry {number}"
        if isinstance(entry, InputProblem):
            yield InputError(where, str(entry))
            continue
        yield Article(
            id=claim(stable_id("feed", entry.key)),
            text=entry.text,
            published=entry.published or published,
            title=entry.title,
            url=entry.url,
            origin=where,
        )


# --------------------------------------------------------------------------- WARC


@dataclass(frozen=True, slots=True)
class WarcResponse:
    """An archived HTTP 200 HTML response."""

    number: int  # the record's position in the archive, counting all records from 1
    url: str
    captured: dt.date | None  # the date part of WARC-Date
    html: str


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(payload: bytes, content_type: str | None) -> str:
    """Decode an HTML payload: the header's charset, else a ``<meta>`` charset, else UTF-8.

    Undecodable bytes are replaced rather than rejected: a page is still
    worth extracting if a few characters are wrong.
    """
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


def _capture_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


class _ArchiveIterator(ArchiveIterator):
    """warcio's iterator, noting whether the last gzip member ended properly.

    warcio stops quietly at a gzip member cut short; this remembers it.
    """

    gzip_cut_short = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.gzip_cut_short = True
        super().close()


_DRAIN_BYTES = 1 << 16


def _html_response_headers(record: Any) -> str | None:
    """The Content-Type of an HTTP 200 HTML ``response`` record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type: str | None = record.http_headers.get_header("Content-Type")
    if record.http_headers.get_statuscode() != "200" or not _is_html_type(content_type):
        return None
    return content_type or "text/html"


def iter_warc_responses(stream: IO[bytes]) -> Iterator[WarcResponse | tuple[int, InputProblem]]:
    """HTTP 200 HTML responses in a WARC stream (plain or gzipped), in archive order.

    Other records are skipped.  A response too large to read is yielded as
    ``(record number, problem)``.  A corrupt or truncated archive raises
    :class:`InputProblem` after the responses before the damage.
    """
    number = 0
    complete = 0  # records read whole
    end = 0  # where the last complete record ends in the stream
    try:
        records = _ArchiveIterator(stream, arc2warc=False)
        for record in records:
            number += 1
            if record.rec_headers.get_header("Content-Length") is None:
                # every WARC record has one: these are the first lines of a cut-off record
                raise InputProblem(f"truncated WARC: record {number} is cut short")
            content_type = _html_response_headers(record)
            payload = b""
            if content_type is not None:
                payload = record.content_stream().read(MAX_INPUT_SIZE + 1)
            while record.raw_stream.read(_DRAIN_BYTES):
                pass
            if getattr(record.raw_stream, "limit", 0) > 0:  # the file ended inside it
                raise InputProblem(f"truncated WARC: record {number} is cut short")
            records.read_to_end()
            end = records.offset
            complete = number
            if content_type is None:
                continue
            if len(payload) > MAX_INPUT_SIZE:
                yield (
                    number,
                    InputProblem(f"response too large (> {MAX_INPUT_SIZE / 1e6:g} MB limit)"),
                )
                continue
            yield WarcResponse(
                number=number,
                url=record.rec_headers.get_header("WARC-Target-URI") or "",
                captured=_capture_date(record.rec_headers.get_header("WARC-Date")),
                html=decode_html(payload, content_type),
            )
        if records.gzip_cut_short or _has_trailing_data(stream, end):
            where = f"after record {complete}" if complete else "in the first record"
            raise InputProblem(f"truncated WARC: incomplete data {where}")
    except InputProblem:
        raise
    except Exception as exc:  # warcio fails in many ways on damaged input
        known = isinstance(exc, ArchiveLoadFailed | zlib.error | EOFError)
        detail = " ".join(str(exc).split()) if known else ""
        where = f"after record {complete}" if complete else "at the start"
        raise InputProblem(
            f"corrupt or truncated WARC ({where}): {detail or 'unreadable record'}"
        ) from None


def _has_trailing_data(stream: IO[bytes], end: int) -> bool:
    """Whether anything but whitespace follows offset ``end`` (a cut-off record)."""
    try:
        stream.seek(end)
        rest = stream.read(_DRAIN_BYTES)
    except (OSError, ValueError):  # not seekable: cannot tell
        return False
    return bool(rest.strip())


def parse_warc_response(response: WarcResponse) -> ParsedDocument:
    """The article in an archived page; :class:`InputProblem` if it holds none.

    The URL is the record's target URI; the date the page's own, else the
    capture date.
    """
    doc = parse_html_document(response.html, url=response.url or None)
    return ParsedDocument(
        text=doc.text,
        title=doc.title,
        published=doc.published or response.captured,
        url=response.url or doc.url,
    )


def read_warc(
    path: Path, claim: Claim, published: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Articles (and errors) for each HTML response in the WARC file ``path``."""
    origin = str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield InputError(origin, "no such file or directory")
        return
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}")
        return
    seen_any = False
    with handle:
        if not handle.read(1):
            yield InputError(origin, "empty file")
            return
        handle.seek(0)
        try:
            for item in iter_warc_responses(handle):
                seen_any = True
                if isinstance(item, tuple):
                    number, problem = item
                    yield InputError(f"{origin}#record {number}", str(problem))
                    continue
                where = f"{origin}#record {item.number}"
                try:
                    doc = parse_warc_response(item)
                except InputProblem as exc:
                    yield InputError(where, str(exc))
                    continue
                yield Article(
                    id=claim(stable_id("warc", doc.url or where)),
                    text=doc.text,
                    published=doc.published or published,
                    title=doc.title,
                    url=doc.url,
                    origin=where,
                )
        except InputProblem as exc:
            yield InputError(origin, str(exc))
            return
    if not seen_any:
        yield InputError(origin, "no HTML responses (HTTP 200, text/html) in WARC")
