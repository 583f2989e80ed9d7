"""Read user inputs (text, HTML, JSONL files and directories) into :class:`Article` records.

Entry point: :func:`read_inputs`, which yields, in input order, one
:class:`~onrecord.records.Article` per article or one
:class:`~onrecord.errors.InputError` per bad file (or bad JSONL line): it never
raises for bad input, so a batch carries on past it.

The pure parsing functions (:func:`parse_date`, :func:`decode_text`,
:func:`parse_text_document`, :func:`parse_html_document`,
:func:`parse_jsonl_record`) take strings or bytes and know nothing of files;
the ``read_*`` functions below them do the file I/O.

What ``Article.text`` is (every offset downstream is an index into it):

* **Plain text** (``.txt``): the file decoded as UTF-8, a leading BOM dropped,
  ``\\r\\n`` and lone ``\\r`` turned into ``\\n``, the trailing
  ``Original url:`` block (if any) removed, then leading and trailing
  whitespace stripped.  The title and date lines of the "seed layout" stay in
  the text: the text is what the user gave us, not a guess at the body.
  The seed layout is: a title line, a date line (``August 22, 2025``,
  ``Aug. 22, 2025``, ``22 August 2025``, ``2025-08-22``,
  ``Friday, August 22, 2025``), the body, and at the end ``Original url:``
  with the URL on the same or a following line, optionally in ``<...>``.
  Without a date line the title is the first line if it looks like a
  headline (short, not ending in ``.``/``,``/``;``/``:``, more text after it).
* **HTML** (``.html``/``.htm``, or any file that starts like an HTML
  document): the main text trafilatura extracts, one paragraph per block,
  blocks separated by a blank line (as in plain text, so that a headline is
  never run into the first sentence); title, date and URL come from the page
  metadata, the date else from a dateline at the top of the text.
* **Feeds and web archives** (``.rss``/``.atom``/``.xml``, ``.warc``/``.warc.gz``):
  one article per feed entry or archived HTML page, read by
  :mod:`onrecord.inputs.sources` (see there for text, dates and ids).
* **JSONL** (``.jsonl``): one JSON object per line,
  ``{"id", "text", "published"?, "title"?, "url"?}``; ``text`` is used
  exactly as given, not normalized or stripped.  ``.json`` files named
  explicitly may hold one such object or an array of them.

Dates: the ``published`` argument (the CLI's ``--published``) overrides a
date detected in a text or HTML file; for JSON records an explicit
``"published"`` field wins and the argument only fills in missing ones.

Ids: a file's stem (``lavrov.txt`` -> ``lavrov``); a JSON record's ``id``, or
``<stem>-<line>`` when it has none.  Ids are unique within one
:func:`read_inputs` call: a repeat gets ``-2``, ``-3``, ... appended.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Largest input accepted: bytes for a text/HTML file, characters for a JSON text.
MAX_INPUT_SIZE = 10_000_000
#: File suffixes read when walking a directory (files named explicitly are
#: read whatever their suffix; ``.json`` is left out of directory walks so
#: that the tool's own JSON output lying next to the inputs is not re-read).
DIRECTORY_SUFFIXES = (
    ".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl",
    ".rss", ".atom", ".xml", ".warc", ".warc.gz",
)  # fmt: skip
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: A first line longer than this is not taken as a title.
MAX_TITLE_CHARS = 200
#: Fewer words than this extracted from a page means it holds no article.
MIN_HTML_WORDS = 10
#: Share of control characters above which decoded text counts as binary.
MAX_CONTROL_SHARE = 0.05

_BINARY_SNIFF_BYTES = 8192
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class InputProblem(ValueError):
    """Why a piece of input is not usable; the message is the user-facing reason."""


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """What the pure parsers make of one document, before ids and origins."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# A time after the date on a dateline: "August 22, 2025, 10:35 a.m." / "| 14:05 GMT".
_TIME_TAIL = r"(?:\s*[,|·•–—-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\b.{0,30})?"
_DATE_PATTERNS = (
    re.compile(rf"{_YEAR}-(?P<mon>\d{{1,2}})-(?P<day>\d{{1,2}})", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
)
# Labels sometimes put before a dateline.
_DATELINE_LABEL = re.compile(r"^(?:published|posted|updated|date)(?:\s+on)?\s*:?\s*", re.IGNORECASE)


def _match_date(s: str, *, allow_time: bool) -> dt.date | None:
    """The date ``s`` consists of, or None if it is not a date; ValueError if impossible."""
    s = s.strip()
    for pattern in _DATE_PATTERNS:
        m = re.fullmatch(pattern.pattern + (_TIME_TAIL if allow_time else ""), s, pattern.flags)
        if m is None:
            continue
        groups = m.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else _MONTHS[groups["month"].lower()]
        try:
            return dt.date(int(groups["year"]), month, int(groups["day"]))
        except ValueError as exc:
            raise ValueError(f"invalid date {s!r}: {exc}") from None
    return None


def parse_date(s: str) -> dt.date:
    """Parse a user-given date such as ``2025-08-22`` or ``August 22, 2025``.

    Also accepted: ``Aug. 22, 2025``, ``22 August 2025``,
    ``Friday, August 22, 2025`` and ISO datetimes (``2025-08-22T10:00:00Z``).
    Raises ValueError with a one-line message naming the bad value.
    """
    text = s.strip()
    date = _match_date(text, allow_time=False)
    if date is not None:
        return date
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise ValueError(
        f"unrecognised date {s!r}: expected YYYY-MM-DD (or a date like 'August 22, 2025')"
    )


def parse_iso_date(s: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` or an ISO 8601 datetime (as JSON records must give it)."""
    text = s.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):
            return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise ValueError(f"invalid date {s!r}: {exc}") from None
    raise ValueError(f"unparseable date {s!r} (expected YYYY-MM-DD or an ISO datetime)")


def parse_dateline(line: str) -> dt.date | None:
    """The date a dateline gives (``Friday, August 22, 2025``), or None.

    The whole line must be the date (optionally after ``Published:`` and
    followed by a time), so that body sentences mentioning dates never match.
    """
    text = _DATELINE_LABEL.sub("", line.strip())
    if not text or len(text) > 80:
        return None
    try:
        return _match_date(text, allow_time=True)
    except ValueError:
        return None


# --------------------------------------------------------------------------- plain text


def decode_text(data: bytes) -> str:
    """Decode file bytes as UTF-8 text, or raise :class:`InputProblem` saying why not.

    Drops a UTF-8 byte order mark; rejects binary data (NUL bytes, or mostly
    control characters), invalid UTF-8 (naming the byte offset) and empty or
    whitespace-only content.  Newlines are left as they are.
    """
    if not data:
        raise InputProblem("empty file")
    if b"\x00" in data:
        raise InputProblem("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputProblem(
            f"not valid UTF-8: byte 0x{bad:02x} at byte offset {exc.start} "
            "(convert the file to UTF-8)"
        ) from None
    if not text.strip():
        raise InputProblem("empty file (only whitespace)")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputProblem("binary file (mostly control characters), not text")
    return text


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_ORIGINAL_URL = re.compile(
    r"(?:^|\n)[ \t]*original[ \t]+url[ \t]*:[ \t]*\s*<?(?P<url>[a-z][a-z0-9+.-]*://[^\s<>]+)>?\s*\Z",
    re.IGNORECASE,
)
_SENTENCE_END = (".", ",", ";", ":")


def _looks_like_headline(line: str) -> bool:
    return len(line) < MAX_TITLE_CHARS and not line.endswith(_SENTENCE_END)


def parse_text_document(text: str) -> ParsedDocument:
    """Parse plain text, detecting the seed layout (title, date line, ``Original url:``).

    ``text`` should already be decoded and newline-normalized.  The returned
    text is ``text`` minus the trailing ``Original url:`` block, stripped.
    Raises :class:`InputProblem` if nothing is left.
    """
    url: str | None = None
    m = _ORIGINAL_URL.search(text)
    if m is not None:
        url = m.group("url")
        text = text[: m.start()]
    text = text.strip()
    if not text:
        raise InputProblem("no article text (only an 'Original url:' line)")

    lines = [line.strip() for line in text.split("\n")]
    nonempty = [line for line in lines if line][:3]
    title: str | None = None
    published: dt.date | None = None
    first = nonempty[0]
    second = nonempty[1] if len(nonempty) > 1 else None
    has_more = len(nonempty) > 2
    if (date := parse_dateline(first)) is not None:
        # dateline first, then maybe a headline
        published = date
        if second is not None and has_more and _looks_like_headline(second):
            title = second
    elif second is not None and (date := parse_dateline(second)) is not None:
        published = date
        if len(first) < MAX_TITLE_CHARS:
            title = first
    elif second is not None and _looks_like_headline(first):
        title = first
    return ParsedDocument(text=text, title=title, published=published, url=url)


# --------------------------------------------------------------------------- HTML

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML document (doctype, ``<html>`` or ``<head>``)."""
    return _HTML_START.match(text[:4096]) is not None


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
    title = _clean_str(raw.get("title"))
    found_url = _clean_str(raw.get("url")) or url
    published: dt.date | None = None
    date = _clean_str(raw.get("date"))
    if date is not None:
        try:
            published = parse_iso_date(date)
        except ValueError:
            published = None
    if published is None:
        # trafilatura found no date in the metadata: a dateline at the top of the text?
        published = parse_text_document(text).published
    return ParsedDocument(text=text, title=title, published=published, url=found_url)


def _clean_str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


# --------------------------------------------------------------------------- JSON records


@dataclass(frozen=True, slots=True)
class JsonRecord:
    """One validated JSON(L) input record."""

    text: str
    id: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None


def _describe_json(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


def parse_jsonl_record(obj: object) -> JsonRecord:
    """Validate one decoded JSON value as an input record; :class:`InputProblem` if bad."""
    if not isinstance(obj, dict):
        raise InputProblem(f"expected a JSON object, got {_describe_json(obj)}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else "empty" if isinstance(text, str) else "not a string"
        raise InputProblem(f'"text" is {what}: each record needs the article text')
    if len(text) > MAX_INPUT_SIZE:
        raise InputProblem(f"text {_too_large(len(text))}")
    raw_id = obj.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        raise InputProblem(f'"id" must be a string, got {_describe_json(raw_id)}')
    record_id = str(raw_id).strip() if raw_id is not None else None
    published: dt.date | None = None
    raw_published = obj.get("published")
    if raw_published is not None:
        if not isinstance(raw_published, str):
            raise InputProblem(
                f'"published" must be a YYYY-MM-DD string, got {_describe_json(raw_published)}'
            )
        try:
            published = parse_iso_date(raw_published)
        except ValueError as exc:
            raise InputProblem(f'"published": {exc}') from None
    fields: dict[str, str | None] = {}
    for key in ("title", "url"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InputProblem(f'"{key}" must be a string, got {_describe_json(value)}')
        fields[key] = _clean_str(value)
    return JsonRecord(
        text=text,
        id=record_id or None,
        published=published,
        title=fields["title"],
        url=fields["url"],
    )


def parse_jsonl_line(line: str) -> JsonRecord:
    """Parse one JSONL line into a record; :class:`InputProblem` if it is not one."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputProblem(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    return parse_jsonl_record(obj)


def _too_large(size: int) -> str:
    return f"too large ({size / 1e6:.1f} MB > {MAX_INPUT_SIZE / 1e6:g} MB limit)"


# --------------------------------------------------------------------------- file I/O


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_SIZE:
            raise InputProblem(_too_large(size))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputProblem("no such file or directory") from None
    except PermissionError:
        raise InputProblem("permission denied") from None
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror or exc}") from None


def read_file(path: Path, *, published: dt.date | None = None) -> ParsedDocument:
    """Read and parse one text or HTML file; :class:`InputProblem` if it is unusable."""
    data = read_bytes(path)
    text = normalize_newlines(decode_text(data))
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        doc = parse_html_document(text)
    else:
        doc = parse_text_document(text)
    if published is not None:
        doc = ParsedDocument(text=doc.text, title=doc.title, published=published, url=doc.url)
    return doc


def iter_jsonl(path: Path) -> Iterator[tuple[int, JsonRecord | InputProblem]]:
    """(line number, record or problem) for each non-blank line of a JSONL file."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputProblem("no such file or directory") from None
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror or exc}") from None
    with handle:
        head = handle.read(_BINARY_SNIFF_BYTES)
        if b"\x00" in head:
            raise InputProblem("binary file (contains NUL bytes), not JSONL")
        handle.seek(0)
        offset = 0
        seen_any = False
        for lineno, raw in enumerate(handle, start=1):
            line_offset = offset
            offset += len(raw)
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
                line_offset += 3
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                seen_any = True
                yield (
                    lineno,
                    InputProblem(
                        f"not valid UTF-8: byte 0x{raw[exc.start]:02x} "
                        f"at byte offset {line_offset + exc.start}"
                    ),
                )
                continue
            if not line.strip():
                continue
            seen_any = True
            if "\x00" in line:
                yield lineno, InputProblem("binary data (NUL byte) in line")
                continue
            try:
                yield lineno, parse_jsonl_line(line)
            except InputProblem as exc:
                yield lineno, exc
        if not seen_any:
            raise InputProblem("empty file (no JSON records)")


def read_json(path: Path) -> list[JsonRecord | InputProblem]:
    """Records of a ``.json`` file: one object, or an array of objects."""
    text = decode_text(read_bytes(path))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputProblem(
            f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    items = value if isinstance(value, list) else [value]
    if not items:
        raise InputProblem("empty JSON array (no records)")
    return parse_each(items, parse_jsonl_record)


def parse_each(items: Iterable[Any], parse: Callable[[Any], T]) -> list[T | InputProblem]:
    """Parse every item; a bad one stands in its place as its problem, so the
    good ones around it are still read."""
    out: list[T | InputProblem] = []
    for item in items:
        try:
            out.append(parse(item))
        except InputProblem as exc:
            out.append(exc)
    return out
