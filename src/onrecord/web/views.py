"""What every page shares: rendering, the data links (the same list as JSON
or CSV), numbered pages, highlighting of matched words, and dates in words.

A page handler builds its rows and hands them to :func:`respond`, which
answers HTML, ``?format=json`` or ``?format=csv`` from the same rows, so a
page's data links carry exactly its filters.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import math
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

import snowballstemmer
from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup, escape

from onrecord.present.cells import csv_cell as safe
from onrecord.present.dates import day_label

#: the formats a page's data link offers
FORMATS = ("json", "csv")


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    page = request.app.state.templates.TemplateResponse(request, name, context)
    assert isinstance(page, HTMLResponse)
    return page


def link(request: Request, **changes: Any) -> str:
    """This page's path and query with ``changes`` (None removes a parameter)."""
    # the request's parameters read once per request (a page makes dozens of links)
    base: dict[str, str] | None = request.scope.get("onrecord.params")
    if base is None:
        base = request.scope["onrecord.params"] = dict(request.query_params)
    params = dict(base)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.scope["path"] + ("?" + query if query else "")


def csv_cell(value: Any) -> str:
    """A value as a CSV cell no spreadsheet runs as a formula: lists and dicts
    as their JSON, the rest as text, escaped by the one OWASP rule
    (:func:`onrecord.present.cells.csv_cell`)."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return str(safe(str(value)))


def respond(
    request: Request, template: str, rows: Sequence[dict[str, Any]], columns: Sequence[str],
    total: int | None = None, **context: Any,
) -> Response:  # fmt: skip
    """The page as HTML, or its ``rows`` as JSON (``{"items", "total"}``) or as
    CSV (``columns``), as ``?format=`` asks; the HTML carries the data links."""
    fmt = request.query_params.get("format")
    if fmt == "json":
        return JSONResponse(
            {"items": list(rows), "total": total if total is not None else len(rows)}
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row.get(c)) for c in columns])
        name = (request.url.path.strip("/").replace("/", "-") or "home") + ".csv"
        return Response(
            out.getvalue(), media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'inline; filename="{name}"'},
        )  # fmt: skip
    if fmt is not None:
        raise HTTPException(400, "format must be json or csv")
    context["data_links"] = {f: link(request, format=f) for f in FORMATS}
    return render(request, template, **context)


class Pager:
    """Numbered pages of ``per_page`` over ``total`` items: where this one
    starts, and the links to the pages around it."""

    def __init__(self, request: Request, page: int, per_page: int, total: int) -> None:
        self.page = page
        self.per_page = per_page
        self.total = total
        self.pages = max(1, math.ceil(total / per_page))
        self.offset = (page - 1) * per_page
        self.first = self.offset + 1
        self.last = min(total, self.offset + per_page)
        back = min(page - 1, self.pages)  # past the end: back to the last page
        self.prev = link(request, page=back if back > 1 else None) if page > 1 else None
        self.next = link(request, page=page + 1) if page < self.pages else None

    @property
    def summary(self) -> str:
        if not self.total:
            return "none"
        if self.pages == 1:
            return f"all {self.total:,}"
        return f"{self.first:,}–{self.last:,} of {self.total:,}"


# -- words and dates -------------------------------------------------------------

_stemmers = threading.local()  # a stemmer keeps state while it stems: one per thread
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem of a lowercase word, as SQLite's "porter" tokenizer makes it."""
    stemmer = getattr(_stemmers, "porter", None)
    if stemmer is None:
        stemmer = _stemmers.porter = snowballstemmer.stemmer("porter")
    return str(stemmer.stemWord(word))


def highlighter(query: str | None) -> Callable[[str], list[tuple[str, bool]]]:
    """A function cutting a text into (piece, matched) pieces, a piece matched
    where its word has the Porter stem of one of the query's words, as the
    full-text index matched it ("meeting" marks "meets" and "meetings")."""
    stems = {stem(w.lower()) for w in _WORD.findall(query or "") if len(w) > 1}
    if not stems:
        return lambda text: [(text, False)]

    # a word can only share a stem that starts as it does: a regex (in C) finds the
    # words that start so, and only those are stemmed
    heads = sorted({st[:2] for st in stems}, key=len, reverse=True)
    candidates = re.compile(r"\b(?:" + "|".join(map(re.escape, heads)) + r")\w*", re.IGNORECASE)

    def cut(text: str) -> list[tuple[str, bool]]:
        out: list[tuple[str, bool]] = []
        pos = 0
        for m in candidates.finditer(text):
            if stem(m.group().lower()) in stems:
                if m.start() > pos:
                    out.append((text[pos : m.start()], False))
                out.append((m.group(), True))
                pos = m.end()
        if pos < len(text):
            out.append((text[pos:], False))
        return out

    return cut


def marked(pieces: list[tuple[str, bool]]) -> Markup:
    """The pieces as HTML, matches in ``<mark>``: every piece escaped (a search
    page shows a page of these; one join is far cheaper than a template loop)."""
    return Markup(
        "".join(f"<mark>{escape(piece)}</mark>" if hit else escape(piece) for piece, hit in pieces)
    )


@functools.lru_cache(maxsize=4096)
def day(value: str | None) -> str:
    """An ISO day as "22 Aug 2025" (anything else as it is; "" for none)."""
    if not value:
        return ""
    try:
        return day_label(dt.date.fromisoformat(value[:10]))
    except ValueError:
        return value
