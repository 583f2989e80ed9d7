"""The index pages: articles, actors, events, deadlines, utterances and
positions — numbered pages, a named sort, filters in the URL, each row a
link to its page; and the API page (the endpoints, with example links).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from onrecord.claims.listing import deadlines as deadline_listing
from onrecord.claims.listing import utterances as utterance_listing
from onrecord.store import ACTOR_SORTS, ARTICLE_SORTS, EVENT_SORTS, outlet_of
from onrecord.web.deps import quick, require_read, store_of
from onrecord.web.views import Pager, day, render, respond

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

#: rows per page of an index
PER_PAGE = 50


def _page_no() -> Any:
    return Query(1, ge=1, le=100_000)


def _words() -> Any:
    # a new Query each time: FastAPI mixes up parameters that share one
    return Query(None, max_length=200)


ARTICLE_COLUMNS = ("id", "doc_id", "title", "url", "outlet", "published", "statements")
ACTOR_COLUMNS = ("id", "name", "kind", "statements", "articles", "first", "last")
EVENT_COLUMNS = ("id", "title", "type", "when", "participants", "place", "articles", "sources")
DEADLINE_COLUMNS = ("status", "outcome", "due", "text", "said", "speaker", "statement",
                    "article_id", "statement_id", "title")  # fmt: skip
UTTERANCE_COLUMNS = ("id", "actor", "actor_id", "date", "reports", "first_published",
                     "quoted_differently", "content")  # fmt: skip


def _sort(value: str | None, choices: dict[str, str]) -> str:
    return value if value in choices else next(iter(choices))


@router.get("/articles")
@quick
def articles(
    request: Request, q: str | None = _words(), outlet: str | None = _words(),
    sort: str | None = None, page: int = _page_no(),
) -> Response:  # fmt: skip
    store = store_of(request)
    order = _sort(sort, ARTICLE_SORTS)
    rows, total = store.list_articles(q, outlet, order, PER_PAGE, (page - 1) * PER_PAGE)
    pager = Pager(request, page, PER_PAGE, total)
    for a in rows:
        a["outlet"] = outlet_of(a["url"])
        a["day"] = day(a["published"])
    return respond(
        request, "articles.html", rows, ARTICLE_COLUMNS, total=total, articles=rows,
        pager=pager, q=q or "", outlet=outlet or "", sort=order, sorts=list(ARTICLE_SORTS),
        outlets=store.outlets()[:50],
    )  # fmt: skip


@router.get("/actors")
@quick
def actors(
    request: Request, q: str | None = _words(),
    kind: str | None = Query(None, pattern="^(PERSON|ORG|GPE|NORP|OTHER)$"),
    sort: str | None = None, page: int = _page_no(),
) -> Response:  # fmt: skip
    store = store_of(request)
    order = _sort(sort, ACTOR_SORTS)
    rows, total = store.list_actors(q, kind, order, PER_PAGE, (page - 1) * PER_PAGE)
    pager = Pager(request, page, PER_PAGE, total)
    for a in rows:
        a["span"] = " – ".join(x for x in (day(a["first"]), day(a["last"])) if x)
    return respond(
        request, "actors.html", rows, ACTOR_COLUMNS, total=total, actors=rows, pager=pager,
        q=q or "", kind=kind or "", sort=order, sorts=list(ACTOR_SORTS),
    )  # fmt: skip


@router.get("/events")
@quick
def events(
    request: Request, type: str | None = Query(None, max_length=40), q: str | None = _words(),
    sort: str | None = None, page: int = _page_no(),
) -> Response:  # fmt: skip
    store = store_of(request)
    order = _sort(sort, EVENT_SORTS)
    types = store.event_types()
    rows, total = store.list_events(type, q, order, PER_PAGE, (page - 1) * PER_PAGE)
    pager = Pager(request, page, PER_PAGE, total)
    for e in rows:
        e["sources"] = len({s["source"] for s in e["statuses"]})
        e["span"] = _span([s["asserted"] or s["published"] for s in e["statuses"]])
    return respond(
        request, "events.html", rows, EVENT_COLUMNS, total=total, events=rows, pager=pager,
        type=type or "", q=q or "", sort=order, sorts=list(EVENT_SORTS), types=types,
    )  # fmt: skip


def _span(days: list[str | None]) -> str:
    """ "18 Aug 2025 – 22 Aug 2025" from the first to the last ISO day given."""
    known = sorted(d[:10] for d in days if d)
    if not known:
        return ""
    return day(known[0]) if known[0] == known[-1] else f"{day(known[0])} – {day(known[-1])}"


@router.get("/deadlines")
def deadlines(
    request: Request,
    status: str | None = Query(None, pattern="^(open|due|overdue)$"),
    as_of: dt.date | None = None, page: int = _page_no(),
) -> Response:  # fmt: skip
    found = deadline_listing(store_of(request), as_of, cached_only=True)
    if status:
        found = [d for d in found if d["status"] == status]
    pager = Pager(request, page, PER_PAGE, len(found))
    rows = found[pager.offset : pager.offset + PER_PAGE]
    for d in rows:
        d["due_day"] = day(d["due"])
        d["said_day"] = day(d["said"])
    return respond(
        request, "deadlines.html", rows, DEADLINE_COLUMNS, total=len(found), deadlines=rows,
        pager=pager, status=status or "",
    )  # fmt: skip


@router.get("/utterances")
def utterances(
    request: Request, actor: int | None = Query(None, ge=0, le=2**63 - 1), page: int = _page_no()
) -> Response:
    from onrecord.positions.embeddings import MODEL_NAME

    store = store_of(request)
    # a page view embeds nothing (minutes on a large store): it groups the
    # statements compared already and says how many are not, and how to compare them
    found = utterance_listing(store, actor, cached_only=True)
    waiting = max(0, int(store.stats().get("statements") or 0) - store.vector_count(MODEL_NAME))
    pager = Pager(request, page, PER_PAGE, len(found))
    shown = found[pager.offset : pager.offset + PER_PAGE]
    rows = [
        {"id": u["id"], "actor": u["actor"], "actor_id": u["actor_id"], "date": u["date"],
         "reports": len(u["statements"]), "first_published": u["first_reported"]["published"],
         "quoted_differently": bool(u["variants"]), "content": u["statements"][0]["content"]}
        for u in shown
    ]  # fmt: skip
    for u in shown:
        u["day"] = day(u["date"])
    return respond(
        request, "utterances.html", rows, UTTERANCE_COLUMNS, total=len(found), utterances=shown,
        pager=pager, actor=actor, waiting=waiting,
    )  # fmt: skip


@router.get("/positions")
def positions(request: Request, top: int = Query(15, ge=1, le=100)) -> Response:
    from onrecord.positions.table import cached_positions

    table = cached_positions(store_of(request), top_actors=top)
    rows: list[dict[str, Any]] = []
    grid: dict[str, dict[int, dict[str, Any]]] = {}
    if table is not None:
        names = {t.id: t.name for t in table.topics}
        for c in table.cells:
            rows.append({**c, "topic_name": names.get(c["topic"]),
                         "statements": c["statements"]})  # fmt: skip
            grid.setdefault(c["actor"], {})[c["topic"]] = c
    columns = ("actor", "actor_id", "topic", "topic_name", "stance", "counts", "statements")
    return respond(
        request, "positions.html", rows, columns, table=table, grid=grid,
        actor_ids={c["actor"]: c["actor_id"] for c in rows},
    )  # fmt: skip


#: the API page: each endpoint with what it gives and an example
ENDPOINTS = (
    ("/api/stats", "Counts of articles, statements and actors, and the date range."),
    ("/api/statements?q=meeting&limit=5", "Statements, newest first: q, speaker, since, until,"
     " kind, outlet, event, article; cursor pages."),
    ("/api/articles?limit=5", "Articles, newest first; cursor pages."),
    ("/api/articles/{id}", "One article: its text and statements with their spans."),
    ("/api/actors?limit=5", "Actors with statements, with their counts."),
    ("/api/actors/{id}", "One actor: aliases, statements per day, latest statements, events."),
    ("/api/events?limit=5", "Events with every source's status; type filter."),
    ("/api/events/{id}", "One event."),
    ("/api/contradictions?limit=5", "Incompatible assertions, most confident first."),
    ("/api/utterances?limit=5", "Utterances reported more than once."),
    ("/api/deadlines?limit=5", "Time limits set in statements, by due date."),
    ("/api/openapi.json", "The OpenAPI description of all of the above."),
)  # fmt: skip


@router.get("/api")
def api_page(request: Request) -> Response:
    store = store_of(request)
    first = {
        "articles": store.list_articles(limit=1)[0],
        "actors": store.list_actors(limit=1)[0],
        "events": store.list_events(limit=1)[0],
    }
    items = []
    for path, what in ENDPOINTS:
        href: str | None = path
        if "{id}" in path:
            kind = path.split("/")[2]
            href = path.replace("{id}", str(first[kind][0]["id"])) if first[kind] else None
        items.append({"path": path.split("?")[0], "href": href, "what": what})
    return render(request, "api.html", endpoints=items)
