"""JSON inputs: JSONL files (``.jsonl``, one record per line) and ``.json`` files.

A record is a JSON object ``{"id", "text", "published"?, "title"?, "url"?}``
(:class:`JsonRecord`); ``text`` is used as given, not normalized or stripped,
except that mojibake is repaired (:func:`onrecord.inputs.text.repair_mojibake`:
"FranÃ§ois" -> "François"), so offsets are into the repaired text;
``published`` is ``YYYY-MM-DD`` or an ISO datetime and, when given, wins over
the caller's ``published`` (which only fills in records without one).  A
``.json`` file named explicitly may hold one such object or an array of them.

:func:`iter_jsonl` is the one JSONL reader: ``analyze`` and ``ingest`` read a
whole file with it, ``batch`` a byte range of one (a unit of work, planned
with :func:`line_ranges`), so both give the same line numbers, records and
problems.  A bad line is a problem in its place and the lines after it are
still read.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from onrecord.inputs.dates import parse_iso_date
from onrecord.inputs.markdown import markdown_to_text
from onrecord.inputs.text import (
    MAX_INPUT_SIZE,
    InputProblem,
    bom_encoding,
    check_field,
    check_text,
    clean_str,
    decode_text,
    parse_each,
    read_bytes,
    repair_mojibake,
    too_large,
)

#: Suffix of files read as JSONL.
JSONL_SUFFIX = ".jsonl"
#: Bytes at the head of a JSONL file looked at for NUL bytes (a binary file).
BINARY_SNIFF_BYTES = 8192
_BOM = b"\xef\xbb\xbf"


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
        raise InputProblem(f"text {too_large(len(text), MAX_INPUT_SIZE)}")
    check_text(text, '"text"')  # as a file's bytes are checked: the same rule everywhere
    raw_id = obj.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        raise InputProblem(f'"id" must be a string, got {_describe_json(raw_id)}')
    record_id = str(raw_id).strip() if raw_id is not None else None
    check_field(record_id, "id")
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
        fields[key] = clean_str(value)
        check_field(fields[key], key)
    title = fields["title"]
    return JsonRecord(
        text=markdown_to_text(repair_mojibake(text)),
        id=record_id or None,
        published=published,
        title=repair_mojibake(title) if title else None,
        url=fields["url"],
    )


def loads(text: str, where: str = "column") -> object:
    """``json.loads``, with every way it fails on hostile input as an
    :class:`InputProblem`: bad syntax, a number too long for Python's
    integers (over 4,300 digits), nesting too deep for its recursion."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno}, column {exc.colno}" if where == "line" else f"column {exc.colno}"
        raise InputProblem(f"invalid JSON: {exc.msg} ({at})") from None
    except ValueError:  # int("1" * 5000): the only other ValueError json raises
        raise InputProblem(
            f"invalid JSON: a number of over {sys.get_int_max_str_digits()} digits"
        ) from None
    except RecursionError:
        raise InputProblem("invalid JSON: nested too deeply") from None


def parse_jsonl_line(line: str) -> JsonRecord:
    """Parse one JSONL line into a record; :class:`InputProblem` if it is not one."""
    return parse_jsonl_record(loads(line))


def _parse_raw_line(raw: bytes, lineno: int, offset: int) -> JsonRecord | InputProblem | None:
    """One line's bytes (starting at byte ``offset`` of the file) as a record, a
    problem, or None for a blank line."""
    if lineno == 1 and raw.startswith(_BOM):
        raw, offset = raw[len(_BOM) :], offset + len(_BOM)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputProblem(
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {offset + exc.start}"
        )
    if not line.strip():
        return None
    if "\x00" in line:
        return InputProblem("binary data (NUL byte) in line")
    return _parse_line(line)


def _parse_line(line: str) -> JsonRecord | InputProblem:
    """One line's own error boundary: whatever goes wrong with it is its problem."""
    try:
        return parse_jsonl_line(line)
    except InputProblem as exc:
        return exc
    except Exception as exc:  # never expected; still this line's problem alone
        return InputProblem(f"unreadable record ({type(exc).__name__})")


def iter_jsonl(
    path: Path, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[tuple[int, JsonRecord | InputProblem]]:
    """(line number, record or problem) for each non-blank line of a JSONL file.

    Lines end at ``\\n``.  With ``start``/``end``, only the lines in bytes
    ``[start, end)`` of the file are read, the first numbered ``first_line``:
    the range must begin and end at line starts (:func:`line_ranges` gives
    such ranges).  Byte offsets in messages count from the start of the file
    either way.  Raises :class:`InputProblem` if the file cannot be opened, is
    binary (a NUL byte in its first :data:`BINARY_SNIFF_BYTES`), or, read
    whole, holds no record.
    """
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputProblem("no such file or directory") from None
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror or exc}") from None
    with handle:
        head = handle.read(BINARY_SNIFF_BYTES)
        wide = bom_encoding(head)
        if wide is not None and start == 0 and end is None:
            yield from _iter_wide(handle, wide, first_line)
            return
        if b"\x00" in head:
            raise InputProblem("binary file (contains NUL bytes), not JSONL")
        handle.seek(start)
        offset = start
        seen_any = False
        for lineno, raw in enumerate(handle, start=first_line):
            if end is not None and offset >= end:
                break
            item = _parse_raw_line(raw, lineno, offset)
            offset += len(raw)
            if item is not None:
                seen_any = True
                yield lineno, item
        if not seen_any and start == 0 and end is None:
            raise InputProblem("empty file (no JSON records)")


def _iter_wide(
    handle: io.BufferedReader, encoding: str, first_line: int
) -> Iterator[tuple[int, JsonRecord | InputProblem]]:
    """The lines of a UTF-16 or UTF-32 JSONL file (it starts with its byte
    order mark), decoded as read."""
    handle.seek(0)
    lines = io.TextIOWrapper(handle, encoding=encoding, newline="\n")
    seen_any = False
    lineno = first_line - 1
    try:
        for lineno, line in enumerate(lines, start=first_line):
            if line.strip():
                seen_any = True
                yield lineno, _parse_line(line)
    except UnicodeDecodeError:
        raise InputProblem(f"not valid {encoding.upper()} after line {lineno}") from None
    finally:
        lines.detach()
    if not seen_any:
        raise InputProblem("empty file (no JSON records)")


def line_ranges(path: Path, records: int) -> list[tuple[int, int, int]] | None:
    """(byte start, byte end, first line number) of runs of ``records`` non-blank
    lines of a JSONL file, for :func:`iter_jsonl`; None where the file is better
    read whole (binary, unreadable, or one run at most)."""
    try:
        with path.open("rb") as fh:
            if b"\x00" in fh.read(BINARY_SNIFF_BYTES):
                return None
            fh.seek(0)
            ranges: list[tuple[int, int, int]] = []
            start, first, count, offset = 0, 1, 0, 0
            for lineno, raw in enumerate(fh, start=1):
                if count == records:
                    ranges.append((start, offset, first))
                    start, first, count = offset, lineno, 0
                offset += len(raw)
                if raw.strip():
                    count += 1
            if count:
                ranges.append((start, offset, first))
    except OSError:
        return None
    return ranges if len(ranges) > 1 else None


def read_json(path: Path) -> list[JsonRecord | InputProblem]:
    """Records of a ``.json`` file: one object, or an array of objects."""
    value = loads(decode_text(read_bytes(path)), where="line")
    items = value if isinstance(value, list) else [value]
    if not items:
        raise InputProblem("empty JSON array (no records)")
    return parse_each(items, parse_jsonl_record)
