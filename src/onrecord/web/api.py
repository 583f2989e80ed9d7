"""The REST API under ``/api/``: JSON, paginated with opaque keyset cursors.

A page is ``{"items": [...], "next": cursor or null}``; pass ``cursor=next``
for the following page. Cursors are keys, not offsets: articles or
statements added meanwhile do not shift a walk through the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from onrecord.claims.listing import contradictions as listing
from onrecord.claims.listing import utterances as utterance_listing
from onrecord.errors import InputError
from onrecord.store import AddResult, SearchQuery
from onrecord.web.deps import (
    MAX_BODY,
    MAX_ID,
    ItemId,
    decode_cursor,
    encode_cursor,
    quick,
    require_read,
    require_write,
    store_of,
)

router = APIRouter(prefix="/api")
read = [Depends(require_read)]
Limit = Query(20, ge=1, le=200, description="Items per page.")
Cursor = Query(None, description="The `next` value of the previous page.")


class Page(BaseModel):
    items: list[dict[str, Any]]
    next: str | None = Field(None, description="Cursor of the next page; null on the last.")


class AnalyzeIn(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_BODY)
    published: dt.date | None = Field(None, description="Publication date (YYYY-MM-DD).")
    id: str | None = None
    title: str | None = None
    url: str | None = None


class ArticleIn(BaseModel):
    """One article as a line of the JSONL input."""

    id: str | None = None
    text: str = Field(..., min_length=1, max_length=MAX_BODY)
    published: str | None = Field(None, description="YYYY-MM-DD")
    title: str | None = None
    url: str | None = None


class Added(BaseModel):
    status: Literal["stored", "duplicate", "near-duplicate"]
    article_id: int
    duplicate_of: int | None = None
    similarity: float | None = None
    version_of: int | None = Field(
        None, description="Stored as a new version of this article (same URL, other text)."
    )


#: the shape of each listing's cursor key (decode_cursor checks it)
DAY_ID: tuple[type, ...] = (str, int)
ID: tuple[type, ...] = (int,)
CONTRADICTION: tuple[type, ...] = (str, int, int, int, str, str)
DEADLINE: tuple[type, ...] = (str, int, int)


def _key(cursor: str | None, shape: tuple[type, ...]) -> list[Any] | None:
    return decode_cursor(cursor, shape)


def _page(
    items: list[dict[str, Any]], limit: int, key: Callable[[dict[str, Any]], list[Any]]
) -> Page:
    """One more item than asked for was fetched: it says there is a next page."""
    more = len(items) > limit
    items = items[:limit]
    return Page(items=items, next=encode_cursor(key(items[-1])) if more and items else None)


def _list_page(
    items: Sequence[dict[str, Any]], key: Callable[[dict[str, Any]], list[Any]],
    cursor: str | None, limit: int, shape: tuple[type, ...],
) -> Page:  # fmt: skip
    """A computed list in a fixed key order, after the cursor key (of ``shape``)."""
    after = decode_cursor(cursor, shape)
    ordered = sorted(items, key=key)
    if after is not None:
        ordered = [i for i in ordered if key(i) > after]
    return _page(ordered[: limit + 1], limit, key)


@router.get("/stats", dependencies=read, tags=["corpus"])
def stats(request: Request) -> dict[str, Any]:
    """Counts of articles, statements and actors, and the date range."""
    return store_of(request).stats()


@router.get("/articles", dependencies=read, response_model=Page, tags=["articles"])
@quick
def articles(request: Request, limit: int = Limit, cursor: str | None = Cursor) -> Page:
    """Articles, newest first."""
    after = _key(cursor, DAY_ID)
    rows = store_of(request).articles_page(
        limit + 1, (str(after[0]), int(after[1])) if after else None
    )
    return _page(rows, limit, lambda a: [a["published"] or "", a["id"]])


@router.get("/articles/{article_id}", dependencies=read, tags=["articles"])
@quick
def article(request: Request, article_id: ItemId) -> dict[str, Any]:
    """One article: its text, its statements with their spans, and its versions
    (other texts stored at its URL, oldest first)."""
    store = store_of(request)
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    found["statements"] = found.pop("statement_list")
    found["versions"] = store.versions(article_id)
    return found


@router.get("/statements", dependencies=read, response_model=Page, tags=["statements"])
@quick
def statements(
    request: Request,
    speaker: str | None = Query(None, description="Actor name, surname or alias."),
    q: str | None = Query(None, max_length=500, description="Words in the statement content."),
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: Literal["direct", "indirect", "mixed"] | None = None,
    article: int | None = Query(None, ge=0, le=MAX_ID, description="Article id."),
    outlet: str | None = Query(None, max_length=200, description="Web domain, e.g. reuters.com."),
    event: int | None = Query(None, ge=0, le=MAX_ID, description="Event id: its sources' words."),
    limit: int = Limit,
    cursor: str | None = Cursor,
) -> Page:
    """Statements, newest first, filtered (as the search page filters them)."""
    after = _key(cursor, DAY_ID)
    query = SearchQuery(text=q, speaker=speaker, since=since, until=until, kind=kind,
                        article=article, limit=limit + 1, outlet=outlet or None,
                        event=event)  # fmt: skip
    key = (str(after[0]), int(after[1])) if after else None
    rows = store_of(request).statements_page(query, key)
    return _page(rows, limit, lambda s: [s["sort_date"] or "", s["id"]])


@router.get("/actors", dependencies=read, response_model=Page, tags=["actors"])
@quick
def actors(request: Request, limit: int = Limit, cursor: str | None = Cursor) -> Page:
    """Actors with at least one statement, by id, with their counts."""
    after = _key(cursor, ID)
    rows = store_of(request).actors_page(limit + 1, int(after[0]) if after else None)
    return _page(rows, limit, lambda a: [a["id"]])


@router.get("/actors/{actor_id}", dependencies=read, tags=["actors"])
@quick
def actor(request: Request, actor_id: ItemId) -> dict[str, Any]:
    """An actor: aliases, statements per day, latest statements, event ids, and
    the user's rules that concern them (``onrecord actors rules``)."""
    store = store_of(request)
    found = store.actor_by_id(actor_id)
    if found is None:
        raise HTTPException(404, "no such actor")
    return {**found, "rules": store.actor_rules(actor_id)}


@router.get("/events", dependencies=read, response_model=Page, tags=["events"])
@quick
def events(
    request: Request, type: str | None = Query(None, description="Event type, e.g. meeting."),
    limit: int = Limit, cursor: str | None = Cursor,
) -> Page:  # fmt: skip
    """Events (one per real-world event, across articles) with every source's status."""
    store = store_of(request)
    after = _key(cursor, ID)
    ids = store.event_ids(limit + 1, int(after[0]) if after else None, type)
    found = [e for e in (store.event(i) for i in ids) if e is not None]
    return _page(found, limit, lambda e: [e["id"]])


@router.get("/events/{event_id}", dependencies=read, tags=["events"])
@quick
def event(request: Request, event_id: ItemId) -> dict[str, Any]:
    found = store_of(request).event(event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    return found


@router.get("/contradictions", dependencies=read, response_model=Page, tags=["events"])
def contradictions(request: Request, limit: int = Limit, cursor: str | None = Cursor) -> Page:
    """Incompatible assertions, most confident first: statuses of one event
    that cannot both hold (``kind: "status"``) and opposed claims (``kind: "claim"``)."""
    found = listing(store_of(request), limit=100_000)
    key: Callable[[dict[str, Any]], list[Any]] = lambda c: [  # noqa: E731
        c["kind"], int(c["event"] or 0), c["a"]["statement_id"] or 0,
        c["b"]["statement_id"] or 0, c["a"]["status"] or "", c["b"]["status"] or "",
    ]  # fmt: skip
    return _list_page(found, key, cursor, limit, CONTRADICTION)


@router.get("/utterances", dependencies=read, response_model=Page, tags=["statements"])
def utterances(
    request: Request, actor: int | None = None, limit: int = Limit, cursor: str | None = Cursor
) -> Page:
    """Utterances reported more than once: the first report, every report
    (verbatim or paraphrase) and where the quoted words differ."""
    found = utterance_listing(store_of(request), actor)
    key: Callable[[dict[str, Any]], list[Any]] = lambda u: [u["id"]]  # noqa: E731
    return _list_page(found, key, cursor, limit, ID)


@router.get("/utterances/{utterance_id}", dependencies=read, tags=["statements"])
def utterance(request: Request, utterance_id: ItemId) -> dict[str, Any]:
    """One utterance (its id: the store id of its first report)."""
    for u in utterance_listing(store_of(request)):
        if u["id"] == utterance_id:
            return u
    raise HTTPException(404, "no such utterance")


@router.get("/deadlines", dependencies=read, response_model=Page, tags=["statements"])
def deadlines(
    request: Request, as_of: dt.date | None = None, limit: int = Limit,
    cursor: str | None = Cursor,
) -> Page:  # fmt: skip
    """Statements that set a time limit, by due date; status open, due or overdue."""
    found = store_of(request).deadlines(as_of)
    return _list_page(
        found,
        lambda d: [d["due"] or "9999", d["statement_id"] or 0, d["narrated_id"] or 0],
        cursor,
        limit,
        DEADLINE,
    )


@router.post("/analyze", dependencies=[Depends(require_write)], tags=["analysis"])
def analyze(body: AnalyzeIn) -> dict[str, Any]:
    """Analyze a text: the `onrecord analyze --json` contract (see `onrecord schema`)."""
    from onrecord.errors import OnrecordError
    from onrecord.pipeline import analyze_text

    try:
        return analyze_text(body.text, body.published, id=body.id or "text", title=body.title,
                            url=body.url)  # fmt: skip
    except OnrecordError as exc:  # a text no input may hold: as `analyze` refuses it
        raise HTTPException(422, str(exc)) from None


@router.post(
    "/articles", dependencies=[Depends(require_write)], response_model=Added,
    status_code=201, tags=["articles"],
    responses={200: {"model": Added, "description": "Already stored (duplicate)."}},
)  # fmt: skip
def add_article(request: Request, body: ArticleIn) -> Any:
    """Analyze one article and store it, as `onrecord ingest` does; an article
    already stored (same URL or same normalized text) is not stored again."""
    from onrecord.corpus.accept import accept, check
    from onrecord.inputs.jsonl import parse_jsonl_record
    from onrecord.inputs.text import InputProblem
    from onrecord.pipeline import analyze_article
    from onrecord.records import Article

    try:
        rec = parse_jsonl_record(body.model_dump(exclude_none=True))
    except InputProblem as exc:
        raise HTTPException(422, str(exc)) from None
    store = store_of(request)
    seen = check(store, rec.text, rec.url)
    if seen.duplicate is not None:
        return _added(seen.duplicate)
    article = Article(rec.id or f"api-{seen.content_hash[:12]}", rec.text, rec.published,
                      rec.title, rec.url, origin="api")  # fmt: skip
    try:  # in the error boundary `ingest` gives each input: a failure is this article's 422
        record = analyze_article(article)
    except InputError as exc:
        raise HTTPException(422, exc.reason) from None
    return _added(accept(store, record, "api", seen.content_hash))


def _added(result: AddResult) -> JSONResponse:
    """201 for an article stored now, 200 for one stored before."""
    code = 200 if result.status == "duplicate" else 201
    return JSONResponse(Added(status=result.status, article_id=result.article_id,  # type: ignore[arg-type]
                              duplicate_of=result.duplicate_of, similarity=result.similarity,
                              version_of=result.version_of).model_dump(), code)  # fmt: skip
