"""English word lists and tables, kept as data files beside this module.

``words("event_nouns")`` reads ``event_nouns.txt`` (one entry a line);
``rows("event_triggers")`` reads ``event_triggers.tsv`` (tab-separated fields). In both, blank
lines and lines starting with ``#`` are comments. Files are read once and
cached; what they hold is immutable. Word tables that code reads as Python
values (month names, number words) are modules here
(:mod:`onrecord.lang.en.time_words`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources

__all__ = ["parse_rows", "parse_words", "rows", "words"]


def _entries(text: str) -> Iterator[str]:
    """The lines of ``text`` that are neither blank nor ``#`` comments."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield line


def parse_words(text: str) -> frozenset[str]:
    """The entries of a word list, one a line, stripped of spaces."""
    return frozenset(line.strip() for line in _entries(text))


def parse_rows(text: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a table, in order, split at tabs.

    Fields are kept as written: an empty last field (a trailing tab) stays.
    """
    return tuple(tuple(line.split("\t")) for line in _entries(text))


def _read(filename: str) -> str:
    folder = resources.files(__name__)
    path = folder.joinpath(filename)
    if not path.is_file():
        have = sorted(p.name for p in folder.iterdir() if p.name.endswith((".txt", ".tsv")))
        raise LookupError(f"no word list {filename!r} in {__name__} (there are: {', '.join(have)})")
    return path.read_text(encoding="utf-8")


@cache
def words(name: str) -> frozenset[str]:
    """The word list ``<name>.txt`` (see :func:`parse_words`)."""
    return parse_words(_read(f"{name}.txt"))


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The table ``<name>.tsv`` (see :func:`parse_rows`)."""
    return parse_rows(_read(f"{name}.tsv"))
