"""How every listing command prints its rows: ``--format table|tsv|json|csv``.

A table never cuts a date, kind, status, count or id: those columns are as
wide as their longest value and do not wrap; only the long text (content,
titles, names) wraps, at any terminal width. Every listing says how many
rows it shows of how many there are, and how to see the rest.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from onrecord.errors import OnrecordError
from onrecord.present.cells import csv_cell

FORMATS = ("table", "tsv", "json", "csv")


@dataclass(frozen=True)
class Column:
    """A column: its header, how to get its value from a row, and whether it
    is short (never cut, never wrapped) or text (wraps)."""

    name: str
    value: Callable[[dict[str, Any]], Any]
    short: bool = True
    ratio: int = 1


def field(name: str, key: str | None = None, short: bool = True, ratio: int = 1) -> Column:
    """A column of a row's ``key`` (default: ``name``)."""
    k = key or name
    return Column(name, lambda row: row.get(k), short, ratio)


def format_option(f: Any) -> Any:
    """``--format`` (default table) and ``--json``, the same as ``--format json``."""
    f = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(f)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="table (wrapped to the terminal), tsv, json or csv.",
    )(f)  # fmt: skip


def limit_options(default: int) -> Callable[[Any], Any]:
    """``--limit N`` and ``--all``."""

    def add(f: Any) -> Any:
        f = click.option("--all", "everything", is_flag=True, help="Every row (no limit).")(f)
        return click.option("--limit", type=click.IntRange(1), default=default,
                            show_default=True, help="Rows to show.")(f)  # fmt: skip

    return add


def cell(value: Any) -> str:
    """A value as plain text: "" for none, lists joined, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def safe_cell(value: Any) -> str:
    """A CSV cell no spreadsheet runs as a formula (a leading quote, OWASP)."""
    return str(csv_cell(cell(value)))


def emit(
    rows: Sequence[dict[str, Any]], columns: Sequence[Column], fmt: str, *,
    what: str, total: int | None = None, json_doc: Any = None,
) -> None:  # fmt: skip
    """Print ``rows`` in ``fmt``; for a table, a line saying how many of how many.
    ``json_doc`` is what ``json`` prints (default: the rows as they are)."""
    if fmt == "json":
        sys.stdout.write(json.dumps(rows if json_doc is None else json_doc,
                                    ensure_ascii=False, indent=2) + "\n")  # fmt: skip
        return
    if fmt in ("tsv", "csv"):
        writer = csv.writer(sys.stdout, delimiter="\t" if fmt == "tsv" else ",",
                            lineterminator="\n")  # fmt: skip
        writer.writerow([c.name for c in columns])
        for row in rows:
            values = [c.value(row) for c in columns]
            if fmt == "tsv":  # one row a line: tabs and newlines inside a value become spaces
                writer.writerow([" ".join(cell(v).split()) for v in values])
            else:
                writer.writerow([safe_cell(v) for v in values])
        return
    out = Console()
    if rows:
        out.print(table(rows, columns))
    out.print(Text(count_line(len(rows), total, what), style="dim"))


def table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> Table:
    grid = Table(show_lines=True, expand=True, pad_edge=False, padding=(0, 1))
    texts = [[cell(c.value(r)) for c in columns] for r in rows]
    for i, c in enumerate(columns):
        if c.short:
            longest = max([len(c.name), *(max(map(len, t[i].split("\n")), default=0)
                                          for t in texts)])  # fmt: skip
            grid.add_column(c.name, no_wrap=True, min_width=longest, overflow="ignore")
        else:
            grid.add_column(c.name, ratio=c.ratio, overflow="fold", min_width=8)
    for t in texts:
        grid.add_row(*(Text(v) for v in t))
    return grid


def count_line(shown: int, total: int | None, what: str) -> str:
    """The count a listing ends with: showing 50 of 366 events, or 3 events."""
    if total is None or total <= shown:
        return f"{shown:,} {what}"
    return f"showing {shown:,} of {total:,} {what} (use --limit N or --all)"


def unknown(what: str, given: str, known: Sequence[str]) -> OnrecordError:
    """A one-line error for an unknown name, with the closest known ones (the
    command line prints it as one line and exits 2)."""
    from onrecord.store.names import close_matches

    close = close_matches(given, known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    if not close and known:
        hint = f"; known: {', '.join(list(known)[:8])}{', …' if len(known) > 8 else ''}"
    return OnrecordError(f"unknown {what} {given!r}{hint}")
