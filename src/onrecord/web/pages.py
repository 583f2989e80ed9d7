"""Server-rendered pages of one item: home, an article, an actor, an event,
an utterance; and the contradictions. (Lists: :mod:`onrecord.web.lists`;
search: :mod:`onrecord.web.search_page`.)

Text from articles is only ever handed to templates as plain strings (Jinja
autoescapes it) or as HTML built from escaped pieces
(:mod:`onrecord.web.article_text`). Every page answers ``?format=json`` and
``?format=csv`` with its rows (:func:`onrecord.web.views.respond`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from markupsafe import Markup, escape

from onrecord.claims.listing import contradictions as listing
from onrecord.claims.listing import utterance_index
from onrecord.claims.listing import utterances as utterance_listing
from onrecord.present import date_label, described_as, own_words
from onrecord.web import svg
from onrecord.web.article_text import article_html, nesting, speaker_name
from onrecord.web.deps import ItemId, quick, require_read, store_of
from onrecord.web.views import Pager, day, respond

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

#: an actor page's latest statements (the rest: a search by speaker)
LATEST = 25
#: what the home page shows of each list before its "more" link
HOME_ITEMS = 15
#: contradictions per page
PER_PAGE = 25

#: the columns of a statement row in a page's CSV
STATEMENT_COLUMNS = (
    "id", "article_id", "article", "title", "url", "published", "speaker", "actor_id",
    "speaker_text", "kind", "cue", "content", "date", "date_basis", "spans",
)  # fmt: skip


def decorate(statements: list[dict[str, Any]], reported: dict[int, tuple[int, int]]) -> None:
    """What a page shows beside a statement: who (never "None"), where its date
    comes from, and the utterance it is one report of; ``meta``, the line
    saying so (built here: a page of these is faster joined than templated)."""
    for st in statements:
        st["who"] = speaker_name(st)
        st["date_label"] = date_label(st.get("date"), st.get("date_basis"))
        st["day"] = day(st.get("date") or st.get("sort_date"))
        st["utterance"] = reported.get(int(st["id"]))
        st["meta"] = meta_html(st)


def meta_html(st: dict[str, Any]) -> Markup:
    """Speaker (linked; their own words where they add something: "he"), kind,
    cue, and the day with where it comes from; every value escaped."""
    who = escape(st["who"])
    if st.get("actor_id") is not None:
        out = f'<a class="speaker" href="/actors/{int(st["actor_id"])}">{who}</a>'
    else:
        out = f'<span class="speaker unresolved">{who}</span>'
    said = own_words(st.get("speaker_text"), st["who"])
    if said:
        out += f' <span class="own-words">(“{escape(said)}”)</span>'
    out += f"\n· {escape(st.get('kind') or '')}"
    if st.get("cue"):
        out += f' · <span class="cue-text">“{escape(st["cue"])}”</span>'
    out += f'\n· <span class="when">{escape(st["day"] or "undated")}</span>'
    if st.get("date_label"):
        out += f' <span class="date-basis">({escape(st["date_label"])})</span>'
    return Markup(out)


@router.get("/")
@quick
def home(request: Request) -> Response:
    store = store_of(request)
    top = store.actors(top=HOME_ITEMS)
    chart = svg.bars([(a["name"], a["statements"], f"/actors/{a['id']}") for a in top])
    events, n_events = store.list_events(limit=HOME_ITEMS)
    articles, n_articles = store.list_articles(limit=HOME_ITEMS)
    stats = store.stats()
    return respond(
        request, "home.html", [stats], list(stats), stats=stats, chart=chart, events=events,
        n_events=n_events, articles=articles, n_articles=n_articles, n_top=len(top),
    )  # fmt: skip


@router.get("/articles/{article_id}")
@quick
def article(request: Request, article_id: ItemId) -> Response:
    store = store_of(request)
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    found["versions"] = store.versions(article_id)  # same URL, other text: issue 15
    statements = found["statement_list"]
    decorate(statements, utterance_index(store))
    parent = nesting(statements)
    children: dict[int, list[dict[str, Any]]] = {}
    for st in statements:
        st["within"] = parent.get(st["id"])
        if st["within"] is not None:
            children.setdefault(st["within"], []).append(st)
    # in the order of the text: where each statement's words start
    statements.sort(key=lambda s: (min((a for a, _ in s["spans"]), default=0), s["id"]))
    tops = [st for st in statements if st["within"] is None]
    return respond(
        request, "article.html", statements, STATEMENT_COLUMNS, article=found,
        text=article_html(found["text"], statements), tops=tops, children=children,
        published=day(found.get("published")),
    )  # fmt: skip


@router.get("/actors/{actor_id}")
@quick
def actor(request: Request, actor_id: ItemId) -> Response:
    store = store_of(request)
    found = store.actor_by_id(actor_id, recent=LATEST, days=False)
    if found is None:
        raise HTTPException(404, "no such actor")
    events = [e for e in (store.event(g) for g in found["events"][:50]) if e is not None]
    unit, points = store.actor_activity(actor_id, finest="week")  # counts per week
    chart = svg.timeline(points, unit)
    # the user's corrections that concern them (merged from, renamed from, split)
    rules = store.actor_rules(actor_id)
    decorate(found["latest"], utterance_index(store))
    return respond(
        request, "actor.html", found["latest"], STATEMENT_COLUMNS, actor=found, chart=chart,
        unit=unit, events=events, more_events=len(found["events"]) > 50, rules=rules,
        described=described_as(found),
        first=day(found.get("first")), last=day(found.get("last")),
    )  # fmt: skip


#: the columns of an event's CSV: one row per source's status
STATUS_COLUMNS = (
    "event", "status", "source", "source_actor_id", "condition", "asserted", "evidence",
    "statement_id", "statement", "article_id", "article", "title", "url", "published",
)  # fmt: skip


@router.get("/events/{event_id}")
@quick
def event(request: Request, event_id: ItemId) -> Response:
    found = store_of(request).event(event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    statuses = sorted(
        found["statuses"], key=lambda s: s.get("asserted") or s.get("published") or "9999"
    )
    for st in statuses:
        st["day"] = day(st.get("asserted") or st.get("published"))
    chart = svg.status_chart(statuses)
    return respond(
        request, "event.html", statuses, STATUS_COLUMNS, event=found, statuses=statuses,
        chart=chart, colours=svg.STATUS_COLOURS,
    )  # fmt: skip


#: the columns of the contradictions CSV: one row per pair
CONTRADICTION_COLUMNS = (
    "kind", "relation", "confidence", "why", "event", "event_name", "a_source", "a_status",
    "a_statement", "a_article_id", "a_statement_id", "b_source", "b_status", "b_statement",
    "b_article_id", "b_statement_id",
)  # fmt: skip


def _flat_pair(c: dict[str, Any]) -> dict[str, Any]:
    row = {k: c.get(k) for k in ("kind", "relation", "confidence", "why", "event", "event_name")}
    for side in ("a", "b"):
        s = c[side]
        row |= {f"{side}_source": s.get("source"), f"{side}_status": s.get("status"),
                f"{side}_statement": s.get("statement") or s.get("evidence"),
                f"{side}_article_id": s.get("article_id"),
                f"{side}_statement_id": s.get("statement_id")}  # fmt: skip
    return row


@router.get("/contradictions")
def contradictions(
    request: Request,
    kind: str | None = Query(None, pattern="^(status|claim)$"),
    page: int = Query(1, ge=1, le=10_000),
) -> Response:
    found = listing(store_of(request), limit=100_000, kind=kind)
    pager = Pager(request, page, PER_PAGE, len(found))
    shown = found[pager.offset : pager.offset + PER_PAGE]
    return respond(
        request, "contradictions.html", [_flat_pair(c) for c in shown], CONTRADICTION_COLUMNS,
        total=len(found), contradictions=shown, pager=pager, kind=kind or "",
    )  # fmt: skip


@router.get("/utterances/{utterance_id}")
def utterance(request: Request, utterance_id: ItemId) -> Response:
    found = next((u for u in utterance_listing(store_of(request)) if u["id"] == utterance_id), None)
    if found is None:
        raise HTTPException(404, "no such utterance")
    rows = [{**st, "actor": found["actor"]} for st in found["statements"]]
    columns = ("statement", "actor", "published", "verbatim", "content", "article_id", "title")
    return respond(request, "utterance.html", rows, columns, u=found)
