"""Plain text inputs (``.txt``), and what every reader shares: problems, size limits, decoding.

What ``Article.text`` is for a plain text file (every offset downstream is an
index into it): the file decoded as UTF-8, mojibake repaired
(:func:`repair_mojibake`), a leading BOM dropped, ``\\r\\n``
and lone ``\\r`` turned into ``\\n``, the trailing ``Original url:`` block (if
any) removed, then leading and trailing whitespace stripped.  The title and
date lines of the "seed layout" stay in the text: the text is what the user
gave us, not a guess at the body.

The seed layout is: a title line, a date line (``August 22, 2025``,
``Aug. 22, 2025``, ``22 August 2025``, ``2025-08-22``,
``Friday, August 22, 2025``; see :func:`onrecord.inputs.dates.parse_dateline`),
the body, and at the end ``Original url:`` with the URL on the same or a
following line, optionally in ``<...>``.  Without a date line the title is the
first line if it looks like a headline (short, not ending in
``.``/``,``/``;``/``:``, more text after it).

The pure functions (:func:`decode_text`, :func:`parse_text_document`) take
bytes or strings and know nothing of files; :func:`read_bytes` does the file
I/O, with the size limit.  A bad input is an :class:`InputProblem` whose
message is the user-facing reason; the dispatch in :mod:`onrecord.inputs`
turns it into an :class:`~onrecord.errors.InputError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from onrecord.inputs.dates import parse_dateline
from onrecord.inputs.markdown import markdown_to_text

T = TypeVar("T")

#: A function that turns an id base into an id unique within the run (the
#: dispatch's per-run id registry, :class:`onrecord.inputs.Ids`).
Claim = Callable[[str], str]

#: Largest input accepted: bytes for a text/HTML file, characters for a JSON text.
MAX_INPUT_SIZE = 10_000_000
#: Suffixes of plain text files (read as text when walking a directory).
TEXT_SUFFIXES = (".txt", ".text")
#: A first line longer than this is not taken as a title.
MAX_TITLE_CHARS = 200
#: Share of control characters above which decoded text counts as binary.
MAX_CONTROL_SHARE = 0.05

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


#: Byte order marks of UTF-16 text (longest first: UTF-32's starts like UTF-16's).
_UTF16_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
               (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))  # fmt: skip


def bom_encoding(head: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` if ``head`` starts with that encoding's
    byte order mark, else None."""
    return next((encoding for bom, encoding in _UTF16_BOMS if head.startswith(bom)), None)


def decode_text(data: bytes) -> str:
    """Decode file bytes as UTF-8 text, or raise :class:`InputProblem` saying why not.

    Drops a UTF-8 byte order mark; reads UTF-16 and UTF-32 text that starts
    with its byte order mark; rejects binary data (NUL bytes, or mostly
    control characters: :func:`check_text`, the rule for every input), invalid
    UTF-8 (naming the byte offset) and empty or whitespace-only content;
    repairs mojibake (:func:`repair_mojibake`). Newlines are left as they are.
    """
    if not data:
        raise InputProblem("empty file")
    if (encoding := bom_encoding(data)) is not None:
        try:
            text = data.decode(encoding)  # the codec reads the BOM and drops it
        except UnicodeDecodeError as exc:
            raise InputProblem(
                f"not valid {encoding.upper()}: bad data at byte offset {exc.start}"
            ) from None
    else:
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
    check_text(text, "file")
    return repair_mojibake(text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str, what: str = "text") -> None:
    """The one rule for article text from every input (files, JSON, feeds,
    archives, the API): :class:`InputProblem` for NUL characters or mostly
    control characters (binary data, not text) and for lone surrogates (not
    Unicode: no UTF-8 file can hold one, only a JSON ``\\ud800`` escape)."""
    if "\x00" in text:
        raise InputProblem(f"binary {what} (contains NUL characters), not text")
    if (m := _SURROGATE.search(text)) is not None:
        raise InputProblem(
            f"{what} is not valid Unicode: a lone surrogate U+{ord(m.group()):04X}"
            f" at character {m.start()}"
        )
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputProblem(f"binary {what} (mostly control characters), not text")


def check_field(value: str | None, name: str) -> None:
    """A metadata field (title, URL, id) holds no NUL and no lone surrogate:
    :class:`InputProblem` naming the field if it does."""
    if value is None:
        return
    if "\x00" in value:
        raise InputProblem(f'"{name}" holds a NUL character')
    if (m := _SURROGATE.search(value)) is not None:
        raise InputProblem(
            f'"{name}" is not valid Unicode: a lone surrogate U+{ord(m.group()):04X}'
        )


def repair_mojibake(text: str) -> str:
    """``text`` with mojibake repaired: UTF-8 that was once decoded as Latin-1
    or Windows-1252 ("FranÃ§ois" -> "François", "Zelenskyyâ€™s" ->
    "Zelenskyy’s"). Nothing else changes: curly quotes, dashes and accents
    that are right stay as they are (ftfy's encoding fixes only, not its
    ``fix_text``, which would also straighten quotes)."""
    if text.isascii():
        return text  # nothing to repair, and ftfy not imported for it
    import ftfy  # imported here: only non-ASCII text needs it

    # line by line, as ftfy's own fix_text does: one line's right characters
    # do not stop the repair of another's
    return "".join(ftfy.fix_encoding(line) for line in text.splitlines(keepends=True))


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain_text(text: str) -> str:
    """Plain text laid out as :func:`onrecord.inputs.html.html_to_text` lays out HTML.

    Paragraphs are split at blank lines and their whitespace collapsed;
    paragraphs are separated by a blank line.
    """
    paragraphs = re.split(r"\n[ \t]*\n", normalize_newlines(text))
    return "\n\n".join(p for p in (" ".join(par.split()) for par in paragraphs) if p)


def clean_str(value: object) -> str | None:
    """``value`` stripped if it is a non-blank string, else None (for metadata fields)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


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
    text = markdown_to_text(text).strip()  # "**Ministry**", "[told](#)": their words
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


def stable_id(prefix: str, key: str) -> str:
    """``prefix-`` + the first 12 hex digits of the SHA-1 of ``key`` (feed and WARC ids)."""
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def too_large(size: int, limit: int) -> str:
    """The reason given for an input over the size limit (bytes or characters)."""
    return f"too large ({size / 1e6:.1f} MB > {limit / 1e6:g} MB limit)"


def read_bytes(path: Path) -> bytes:
    """The bytes of a file; :class:`InputProblem` if it is missing, unreadable or too large."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_SIZE:
            raise InputProblem(too_large(size, MAX_INPUT_SIZE))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputProblem("no such file or directory") from None
    except PermissionError:
        raise InputProblem("permission denied") from None
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror or exc}") from None


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
