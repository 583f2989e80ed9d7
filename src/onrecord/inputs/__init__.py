"""Inputs: files, directories, JSONL, feeds and web archives → :class:`Article` records.

:func:`read_inputs` yields, in input order, one
:class:`~onrecord.records.Article` per article or one
:class:`~onrecord.errors.InputError` per bad file (or bad JSONL line, feed
entry, archived page): it never raises for bad input, so a batch carries on
past it.  ``Article.text`` is what every offset downstream indexes; what it is
for each kind of input is told where that kind is read:

* plain text (``.txt``, ``.text``): :mod:`.text` (the "seed layout" of title,
  date line and ``Original url:``; dates from :mod:`.dates`);
* HTML (``.html``/``.htm``/``.xhtml``, or any file that starts like HTML):
  :mod:`.html`;
* JSONL (``.jsonl``) and ``.json`` named explicitly: :mod:`.jsonl`;
* RSS/Atom feeds (``.rss``/``.atom``/``.xml``): :mod:`.feeds`;
* WARC web archives (``.warc``/``.warc.gz``): :mod:`.warc`.

Each module's pure parsing functions take strings or bytes and know nothing
of files; its ``read_*``/``iter_*`` functions do the file I/O.  This module
only dispatches: it picks the reader by suffix, turns problems into errors
and gives ids.

Dates: the ``published`` argument (the CLI's ``--published``) overrides a
date detected in a text or HTML file; for JSON records, feed entries and
archived pages a date they give wins and the argument only fills in missing
ones.

Ids: a file's stem (``lavrov.txt`` -> ``lavrov``); a JSON record's ``id``, or
``<stem>-<line>`` when it has none; feed and WARC ids as their modules say.
Ids are unique within one :func:`read_inputs` call (:class:`Ids`): a repeat
gets ``-2``, ``-3``, ... appended.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from onrecord.errors import InputError
from onrecord.inputs.feeds import FEED_SUFFIXES, is_feed_path, read_feed
from onrecord.inputs.html import HTML_SUFFIXES, looks_like_html, parse_html_document
from onrecord.inputs.jsonl import JSONL_SUFFIX, JsonRecord, iter_jsonl, read_json
from onrecord.inputs.text import (
    TEXT_SUFFIXES,
    InputProblem,
    ParsedDocument,
    check_field,
    check_text,
    decode_text,
    normalize_newlines,
    parse_text_document,
    read_bytes,
)
from onrecord.inputs.warc import WARC_SUFFIXES, is_warc_path, read_warc
from onrecord.records import Article

#: File suffixes read when walking a directory (files named explicitly are
#: read whatever their suffix; ``.json`` is left out of directory walks so
#: that the tool's own JSON output lying next to the inputs is not re-read).
DIRECTORY_SUFFIXES = (
    *TEXT_SUFFIXES, *HTML_SUFFIXES, JSONL_SUFFIX, *FEED_SUFFIXES, *WARC_SUFFIXES,
)  # fmt: skip


class Ids:
    """Hands out article ids, unique within one run."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, base: str) -> str:
        base = base or "article"
        candidate, n = base, 1
        while candidate in self._seen:
            n += 1
            candidate = f"{base}-{n}"
        self._seen.add(candidate)
        return candidate


def record_article(
    record: JsonRecord, ids: Ids, base: str, origin: str, published: dt.date | None
) -> Article:
    return Article(
        id=ids.claim(record.id or base),
        text=record.text,
        published=record.published or published,
        title=record.title,
        url=record.url,
        origin=origin,
    )


def read_file(path: Path, *, published: dt.date | None = None) -> ParsedDocument:
    """Read and parse one text or HTML file (HTML by suffix, else by its start);
    :class:`InputProblem` if it is unusable."""
    data = read_bytes(path)
    text = normalize_newlines(decode_text(data))
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        doc = parse_html_document(text)
    else:
        doc = parse_text_document(text)
    if published is not None:
        doc = dataclasses.replace(doc, published=published)
    return doc


def check_article(article: Article) -> Article:
    """An article as every reader and the API hand it on: its text and
    metadata checked by the one rule for all inputs (:func:`check_text`,
    :func:`check_field`); :class:`InputProblem` saying what is wrong."""
    check_text(article.text)
    for name in ("title", "url", "id"):
        check_field(getattr(article, name), name)
    return article


def guarded(origin: str, items: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    """One input's error boundary: each article checked (:func:`check_article`),
    a bad one an :class:`InputError` in its place; should the reader itself
    fail, what it read before stands and the failure is one error naming the
    input: never an exception that stops the run."""
    try:
        for item in items:
            if isinstance(item, Article):
                try:
                    item = check_article(item)
                except InputProblem as exc:
                    item = InputError(item.origin or origin, str(exc))
            yield item
    except InputProblem as exc:
        yield InputError(origin, str(exc))
    except Exception as exc:  # a reader's bug or a library's failure on hostile bytes
        detail = " ".join(str(exc).split())[:200]
        yield InputError(
            origin, f"unreadable ({type(exc).__name__}{': ' if detail else ''}{detail})"
        )


def read_jsonl(
    path: Path,
    ids: Ids,
    published: dt.date | None,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[Article | InputError]:
    """The articles of a JSONL file, or of its bytes ``[start, end)`` (a batch
    unit; see :func:`onrecord.inputs.jsonl.iter_jsonl`), each line's origin
    ``path:line``."""
    return guarded(str(path), _read_jsonl(path, ids, published, start, end, first_line))


def _read_jsonl(
    path: Path,
    ids: Ids,
    published: dt.date | None,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[Article | InputError]:
    origin = str(path)
    try:
        for lineno, item in iter_jsonl(path, start, end, first_line):
            where = f"{origin}:{lineno}"
            if isinstance(item, InputProblem):
                yield InputError(where, str(item))
            else:
                yield record_article(item, ids, f"{path.stem}-{lineno}", where, published)
    except InputProblem as exc:
        yield InputError(origin, str(exc))


def read_path(path: Path, ids: Ids, published: dt.date | None) -> Iterator[Article | InputError]:
    """The articles (and errors) of one file, by its kind, in its own error
    boundary (:func:`guarded`)."""
    return guarded(str(path), _read_path(path, ids, published))


def _read_path(path: Path, ids: Ids, published: dt.date | None) -> Iterator[Article | InputError]:
    origin = str(path)
    suffix = path.suffix.lower()
    if is_warc_path(path):
        yield from read_warc(path, ids.claim, published)
        return
    if is_feed_path(path):
        yield from read_feed(path, ids.claim, published)
        return
    if suffix == JSONL_SUFFIX:
        yield from _read_jsonl(path, ids, published)
        return
    try:
        if suffix == ".json":
            items = read_json(path)
            for index, item in enumerate(items):
                where = origin if len(items) == 1 else f"{origin}[{index}]"
                if isinstance(item, InputProblem):
                    yield InputError(where, str(item))
                else:
                    base = path.stem if len(items) == 1 else f"{path.stem}-{index + 1}"
                    yield record_article(item, ids, base, where, published)
        else:
            doc = read_file(path, published=published)
            yield Article(
                id=ids.claim(path.stem),
                text=doc.text,
                published=doc.published,
                title=doc.title,
                url=doc.url,
                origin=origin,
            )
    except InputProblem as exc:
        yield InputError(origin, str(exc))


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def iter_directory(directory: Path) -> list[Path]:
    """Input files under ``directory``, recursively, sorted by path.

    Only files with a :data:`DIRECTORY_SUFFIXES` suffix; hidden files and
    directories (names starting with ``.``) are skipped.  Sorting is by path
    components, so ``a.txt`` < ``b/a.txt`` < ``z.txt``.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not _is_hidden(d)]
        found.extend(
            Path(root) / name
            for name in files
            if not _is_hidden(name) and name.lower().endswith(DIRECTORY_SUFFIXES)
        )
    return sorted(found, key=lambda path: path.relative_to(directory).parts)


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    published: dt.date | None = None,
) -> Iterator[Article | InputError]:
    """Read files and directories into articles, in input order.

    Yields an :class:`Article` per article and an :class:`InputError` per bad
    file or bad JSONL line; it does not raise for bad input.  ``published``
    (the CLI's ``--published``) overrides dates found in text and HTML files
    and fills in JSON records that give none.
    """
    ids = Ids()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for file in iter_directory(path):
                found = True
                yield from read_path(file, ids, published)
            if not found:
                suffixes = " ".join(DIRECTORY_SUFFIXES)
                yield InputError(str(path), f"directory has no input files ({suffixes})")
        else:
            yield from read_path(path, ids, published)


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """About how many articles and errors :func:`read_inputs` will yield, found
    without parsing (for a progress bar): one per file, one per non-blank
    line of a JSONL file; a feed or an archive counts once, however many
    articles it holds."""
    total = 0
    for given in paths:
        path = Path(given)
        for file in iter_directory(path) if path.is_dir() else [path]:
            total += _count_lines(file) if file.suffix.lower() == JSONL_SUFFIX else 1
    return total


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return max(1, sum(1 for line in fh if line.strip()))
    except OSError:
        return 1


def sample_paths() -> list[Path]:
    """The bundled sample articles (``onrecord/samples/*.txt``), sorted by name."""
    return sorted((Path(__file__).parents[1] / "samples").glob("*.txt"))
