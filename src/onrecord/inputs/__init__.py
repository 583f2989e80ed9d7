"""Inputs: files, directories, JSONL, feeds and web archives → :class:`Article` records.

:func:`read_inputs` dispatches each path to its reader (:mod:`.reader` for
text, HTML and JSON; :mod:`.sources` for feeds and WARC) and never raises for
bad input: a bad file or line is an :class:`InputError` in its place.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from onrecord.errors import InputError
from onrecord.inputs import sources
from onrecord.inputs.reader import (
    DIRECTORY_SUFFIXES,
    InputProblem,
    JsonRecord,
    iter_jsonl,
    read_file,
    read_json,
)
from onrecord.records import Article


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


def read_path(path: Path, ids: Ids, published: dt.date | None) -> Iterator[Article | InputError]:
    origin = str(path)
    suffix = path.suffix.lower()
    if sources.is_warc_path(path):
        yield from sources.read_warc(path, ids.claim, published)
        return
    if sources.is_feed_path(path):
        yield from sources.read_feed(path, ids.claim, published)
        return
    try:
        if suffix == ".jsonl":
            for lineno, item in iter_jsonl(path):
                where = f"{origin}:{lineno}"
                if isinstance(item, InputProblem):
                    yield InputError(where, str(item))
                else:
                    yield record_article(item, ids, f"{path.stem}-{lineno}", where, published)
        elif suffix == ".json":
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


def sample_paths() -> list[Path]:
    """The bundled sample articles (``onrecord/samples/*.txt``), sorted by name."""
    return sorted((Path(__file__).parents[1] / "samples").glob("*.txt"))
