"""RSS/Atom feed inputs (``.rss``, ``.atom``, ``.xml``) into :class:`Article` records.

Parsed with feedparser: one article per entry.  :func:`parse_feed` takes the
file's bytes and knows nothing of files; :func:`read_feed` does the file I/O
and yields one :class:`~onrecord.records.Article` per entry and one
:class:`~onrecord.errors.InputError` per bad entry, never raising for bad
input.

* text: the entry's full content (its first non-empty ``content`` value, else
  its ``summary``/``description``), turned from HTML into plain text by
  :func:`onrecord.inputs.html.html_to_text` when the feed says it is HTML: one
  paragraph per block, blocks separated by a blank line (as for HTML pages).
  An entry with no text is an :class:`InputError` for ``path#entry N`` (``N``
  counts entries from 1, in feed order).
* title, url: the entry's title and link.
* published: the entry's ``published`` (else ``updated``) date, taken from
  the date as written in the feed, so ``Fri, 22 Aug 2025 23:30 -0500`` is
  22 August (the publisher's local date), not 23 August UTC.  The
  ``published`` argument only fills in entries that give no date.
* id: ``feed-`` + the first 12 hex digits of the SHA-1 of the entry's
  ``id``/``guid``, else of its link, else of its text (:func:`~onrecord.inputs.text.stable_id`):
  stable across runs and independent of where the entry sits in the feed.
* A file that is not an RSS or Atom feed (a ``.xml`` sitemap, say) is one
  :class:`InputError` "not an RSS/Atom feed".

Ids go through the caller's ``claim`` function (the dispatch's per-run id
registry), so a repeated entry gets ``-2`` appended.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from onrecord.errors import InputError
from onrecord.inputs.dates import parse_date, parse_iso_date
from onrecord.inputs.html import html_to_text, is_html_type
from onrecord.inputs.text import (
    Claim,
    InputProblem,
    clean_str,
    parse_each,
    plain_text,
    read_bytes,
    repair_mojibake,
    stable_id,
)
from onrecord.records import Article

#: Suffixes read as RSS/Atom feeds (``.xml`` only if it parses as one).
FEED_SUFFIXES = (".rss", ".atom", ".xml")


def is_feed_path(path: Path) -> bool:
    """Whether ``path`` is read as an RSS/Atom feed (by its suffix)."""
    return path.name.lower().endswith(FEED_SUFFIXES)


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
    return html_to_text(value) if is_html_type(content_type) else plain_text(value)


def _entry_text(entry: Mapping[str, Any]) -> str:
    for content in entry.get("content") or ():
        if isinstance(content, Mapping) and (text := _detail_text(content.get("value"), content)):
            return text
    return _detail_text(entry.get("summary"), entry.get("summary_detail"))


def parse_feed_entry(entry: Mapping[str, Any]) -> FeedEntry:
    """One feedparser entry as a :class:`FeedEntry`; :class:`InputProblem` if it has no text."""
    text = repair_mojibake(_entry_text(entry))  # "FranÃ§ois" -> "François"
    if not text:
        raise InputProblem("feed entry has no text (no content or summary)")
    title = _detail_text(entry.get("title"), entry.get("title_detail")) or None
    if title is not None:
        title = repair_mojibake(" ".join(title.split()))
    url = clean_str(entry.get("link"))
    key = clean_str(entry.get("id")) or url or text
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
