"""The search page, as datasette users know one: filters for words, speaker,
kind, outlet, dates and event, all in the URL and honoured alike by
``/api/statements``; facet counts that click to filter; the total; sort by
date or relevance; every matched form of the words highlighted. With no
filter at all it lists every statement, newest first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from onrecord.claims.listing import utterance_index
from onrecord.errors import OnrecordError
from onrecord.store import FACET_SAMPLE, SearchQuery
from onrecord.web.deps import MAX_ID, quick_unless, require_read, store_of
from onrecord.web.pages import STATEMENT_COLUMNS, decorate
from onrecord.web.views import Pager, day, highlighter, link, marked, respond

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

#: results per page, and the deepest page offered
PER_PAGE = 25
MAX_PAGE = 40
#: the filters, in the order the page shows them as removable chips
FILTERS = ("q", "speaker", "kind", "outlet", "since", "until", "event", "article")


def _ranked(params: dict[str, Any]) -> bool:
    """Best match first ranks every match of the words: work that grows with the store."""
    return params.get("sort") == "relevance" and bool((params.get("q") or "").strip())


@router.get("/search")
@quick_unless(_ranked)
def search(
    request: Request,
    q: str | None = Query(None, max_length=500),
    speaker: str | None = Query(None, max_length=200),
    kind: Literal["direct", "indirect", "mixed"] | None = None,
    outlet: str | None = Query(None, max_length=200),
    since: dt.date | None = None,
    until: dt.date | None = None,
    event: int | None = Query(None, ge=0, le=MAX_ID),
    article: int | None = Query(None, ge=0, le=MAX_ID),
    sort: Literal["date", "relevance"] = "date",
    page: int = Query(1, ge=1, le=MAX_PAGE),
) -> Response:
    store = store_of(request)
    words = q.strip() if q and q.strip() else None
    query = SearchQuery(
        text=words, speaker=(speaker or "").strip() or None, since=since, until=until,
        kind=kind, outlet=(outlet or "").strip() or None, event=event, article=article,
        sort=sort if words else "date", limit=PER_PAGE,
    )  # fmt: skip
    # the newest matches, read once: the facets' sample, the first pages when
    # newest first, and the total when there are fewer
    newest = store.newest_ids(query, FACET_SAMPLE)
    everything = len(newest) < FACET_SAMPLE
    # no page past MAX_PAGE is offered: counting further would be work for nothing
    cap = MAX_PAGE * PER_PAGE
    total = len(newest) if everything else store.count(query, cap)
    more_than = total > cap
    pager = Pager(request, page, PER_PAGE, min(total, cap))
    if page >= MAX_PAGE:
        pager.next = None  # the deepest page offered: narrow the search instead
    end = pager.offset + PER_PAGE
    if query.sort == "date" and (everything or end <= len(newest)):
        results = store.statements(newest[pager.offset : end])
    else:
        results = store.search(dataclasses.replace(query, offset=pager.offset))
    cut = highlighter(words)
    decorate(results, utterance_index(store) if results else {})
    for r in results:
        r["marked"] = marked(cut(r["content"]))
    facets = store.facets(query, ids=newest)
    for name, values in facets.items():
        for v in values:
            v["href"] = link(request, **_facet_filter(name, str(v["value"])), page=None)
            v["active"] = _active(name, v, query)
    chips = [
        {"name": f, "value": _shown(f, request.query_params.get(f), store),
         "remove": link(request, **{f: None, "page": None})}
        for f in FILTERS if request.query_params.get(f)
    ]  # fmt: skip
    missing = _speaker_problem(store, query) if total == 0 else None
    return respond(
        request, "search.html", results, STATEMENT_COLUMNS, total=min(total, cap), results=results,
        pager=pager, facets=facets, chips=chips, missing=missing, q=q or "",
        speaker=speaker or "", kind=kind or "", outlet=outlet or "",
        since=since.isoformat() if since else "", until=until.isoformat() if until else "",
        event=event, article=article, sort=sort, sort_links={s: link(request, sort=s, page=None)
                                            for s in ("date", "relevance")},
        more=pager.next is not None and page < MAX_PAGE, page=page, facet_sample=FACET_SAMPLE,
        more_than=more_than,
    )  # fmt: skip


def _facet_filter(name: str, value: str) -> dict[str, str]:
    """The URL parameters a facet value sets: a month is a since–until range."""
    if name == "month":
        return {"since": f"{value}-01", "until": _month_end(value)}
    return {name: value}


def _month_end(month: str) -> str:
    first = dt.date.fromisoformat(f"{month}-01")
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (following - dt.timedelta(days=1)).isoformat()


def _active(name: str, value: dict[str, Any], query: SearchQuery) -> bool:
    if name == "month":
        return bool(
            query.since
            and query.since.isoformat() == f"{value['value']}-01"
            and query.until
            and query.until.isoformat() == _month_end(value["value"])
        )
    current = {"speaker": query.speaker, "kind": query.kind, "outlet": query.outlet}.get(name)
    return current is not None and current.lower() == str(value["value"]).lower()


def _shown(name: str, value: str | None, store: Any) -> str:
    """A filter as its chip says it: an event by its title, a day in words."""
    if value is None:
        return ""
    if name == "event" and value.isdigit():
        found = store.event(int(value))
        return str(found["title"]) if found else value
    if name in ("since", "until"):
        return day(value)
    if name == "article" and value.isdigit():
        found = store.article(int(value))
        return str(found["title"] or found["doc_id"]) if found else value
    return value


def _speaker_problem(store: Any, query: SearchQuery) -> str | None:
    """Why a speaker filter finds nothing: no such actor (with close names)."""
    if not query.speaker or store.speaker_ids(query.speaker):
        return None
    try:
        store.resolve_actor(query.speaker)
    except OnrecordError as exc:
        return str(exc)
    return None
