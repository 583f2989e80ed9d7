"""WARC web archive inputs (``.warc``, ``.warc.gz``) into :class:`Article` records.

Read with warcio, plain or gzipped: one article per ``response`` record whose
HTTP status is 200 and whose ``Content-Type`` is HTML; every other record
(requests, metadata, images, redirects, 404 pages) is skipped silently.
:func:`iter_warc_responses` reads an already-open binary stream,
:func:`parse_warc_response` is pure, and :func:`read_warc` does the file I/O,
yielding one :class:`~onrecord.records.Article` per page and one
:class:`~onrecord.errors.InputError` per bad record, never raising for bad
input.

* text, title: from :func:`onrecord.inputs.html.parse_html_document`
  (trafilatura), exactly as for an ``.html`` file; a page with no article text
  is an :class:`InputError` for ``path#record N`` (``N`` counts all WARC
  records from 1, ``warcinfo`` and ``request`` records included) and the
  archive carries on.
* url: the record's ``WARC-Target-URI``.
* published: the page's own date if trafilatura finds one, else the capture
  date (the date part of ``WARC-Date``); the ``published`` argument only
  fills in a record that has neither.
* id: ``warc-`` + the first 12 hex digits of the SHA-1 of the URL
  (:func:`onrecord.inputs.text.stable_id`).
* A corrupt or truncated archive yields the articles before the damage, then
  one :class:`InputError` naming the file.  An archive with no HTML response
  at all is one :class:`InputError` too.

Ids go through the caller's ``claim`` function (the dispatch's per-run id
registry), so a second capture of the same URL gets ``-2`` appended.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from onrecord.errors import InputError
from onrecord.inputs.dates import parse_iso_date
from onrecord.inputs.html import decode_html, is_html_type, parse_html_document
from onrecord.inputs.text import MAX_INPUT_SIZE, Claim, InputProblem, ParsedDocument, stable_id
from onrecord.records import Article

#: Name endings read as WARC archives.
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc_path(path: Path) -> bool:
    """Whether ``path`` is read as a WARC archive (``.warc`` or ``.warc.gz``)."""
    return path.name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class WarcResponse:
    """An archived HTTP 200 HTML response."""

    number: int  # the record's position in the archive, counting all records from 1
    url: str
    captured: dt.date | None  # the date part of WARC-Date
    html: str


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
    if record.http_headers.get_statuscode() != "200" or not is_html_type(content_type):
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
