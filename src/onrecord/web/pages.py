"""Server-rendered pages: search, article, actor, event (story), contradictions, utterances.

Text from articles is only ever handed to templates as plain strings (Jinja
autoescapes it); highlighting is done by splitting text into segments here,
never by building HTML from it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from onrecord.claims.listing import contradictions as listing
from onrecord.claims.listing import utterance_index
from onrecord.claims.listing import utterances as utterance_listing
from onrecord.store import SearchQuery
from onrecord.web import svg
from onrecord.web.deps import ItemId, require_read, store_of

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

#: search results per page, and the deepest page offered
PER_PAGE = 25
MAX_PAGE = 200
#: an actor page's latest statements (the rest: a search by speaker)
LATEST = 25
#: a span label's priority where spans overlap: the speaker over the cue over the content
_RANK = {"speaker": 3, "cue": 2, "content": 1}


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    page = request.app.state.templates.TemplateResponse(request, name, context)
    assert isinstance(page, HTMLResponse)
    return page


def highlighter(query: str | None) -> Callable[[str], list[tuple[str, bool]]]:
    """A function cutting a text into (piece, matched) for the query's words
    (and their endings); the pattern is built once for all results."""
    words = [w for w in re.findall(r"\w+", query or "") if len(w) > 1]
    if not words:
        return lambda text: [(text, False)]
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\w*", re.IGNORECASE)

    def cut(text: str) -> list[tuple[str, bool]]:
        out: list[tuple[str, bool]] = []
        pos = 0
        for m in pattern.finditer(text):
            if m.start() > pos:
                out.append((text[pos : m.start()], False))
            out.append((m.group(), True))
            pos = m.end()
        if pos < len(text):
            out.append((text[pos:], False))
        return out

    return cut


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_label(date: str | None, basis: str | None) -> str | None:
    """Where a statement's date comes from, in a few words: "said Monday" (a
    day in its own sentence), "from context" (a day set earlier in the
    article), "publication date"; None when it is undated."""
    if not date:
        return None
    if basis == "timex":
        try:
            return "said " + _WEEKDAYS[dt.date.fromisoformat(date[:10]).weekday()]
        except ValueError:
            return "date in its sentence"  # a week or a month, stored before days only
    return {"context": "from context", "published": "publication date"}.get(basis or "")


def marked(pieces: list[tuple[str, bool]]) -> Markup:
    """The pieces as HTML, matches in ``<mark>``: every piece escaped (a search
    page shows a page of these; one join is far cheaper than a template loop)."""
    return Markup(
        "".join(f"<mark>{escape(piece)}</mark>" if hit else escape(piece) for piece, hit in pieces)
    )


def article_segments(text: str, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article text cut at every statement span: each piece with what it is
    (speaker, cue, content or plain), its statement and the speaker's actor."""
    marks: list[tuple[int, int, str, dict[str, Any]]] = []
    for st in statements:
        for a, b in st["spans"]:
            marks.append((a, b, "content", st))
        if st.get("cue_span"):
            marks.append((*st["cue_span"], "cue", st))
        if st.get("speaker_span"):
            marks.append((*st["speaker_span"], "speaker", st))
    n = len(text)
    cuts = sorted({0, n, *(max(0, min(n, p)) for a, b, _, _ in marks for p in (a, b))})
    out: list[dict[str, Any]] = []
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        best: tuple[int, int, str, dict[str, Any]] | None = None
        for m in marks:
            if m[0] <= a and b <= m[1] and (best is None or _RANK[m[2]] > _RANK[best[2]]):
                best = m
        kind: str | None = best[2] if best else None
        owner = best[3] if best else None
        piece = {
            "text": text[a:b],
            "kind": kind,
            "statement": owner["id"] if owner else None,
            "actor": owner["actor_id"] if owner and kind == "speaker" else None,
            "title": f"{owner['speaker']} ({owner['kind']})" if owner else None,
        }
        prev = out[-1] if out else None
        if prev and all(prev[k] == piece[k] for k in ("kind", "statement", "actor")):
            prev["text"] += piece["text"]
        else:
            out.append(piece)
    return out


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = store_of(request)
    top = store.actors(top=15)
    chart = svg.bars([(a["name"], a["statements"], f"/actors/{a['id']}") for a in top])
    return _render(
        request, "home.html", stats=store.stats(), chart=chart, events=store.events(limit=15),
        articles=store.articles_page(15),
    )  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: str | None = Query(None, max_length=500),
    speaker: str | None = Query(None, max_length=200),
    page: int = Query(1, ge=1, le=MAX_PAGE),
) -> HTMLResponse:
    results: list[dict[str, Any]] = []
    more = False
    if (q and q.strip()) or (speaker and speaker.strip()):
        query = SearchQuery(
            text=q or None, speaker=speaker or None, limit=PER_PAGE + 1,
            offset=(page - 1) * PER_PAGE,
        )  # fmt: skip
        results = store_of(request).search(query)
        more, results = len(results) > PER_PAGE, results[:PER_PAGE]
    cut = highlighter(q)
    reported = utterance_index(store_of(request)) if results else {}
    for r in results:
        r["utterance"] = reported.get(int(r["id"]))
        r["marked"] = marked(cut(r["content"]))
        r["date_label"] = date_label(r["date"], r["date_basis"])
    return _render(
        request, "search.html", q=q or "", speaker=speaker or "", results=results, page=page,
        first=(page - 1) * PER_PAGE + 1, more=more and page < MAX_PAGE,
    )  # fmt: skip


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: ItemId) -> HTMLResponse:
    found = store_of(request).article(article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    pieces = article_segments(found["text"], found["statement_list"])
    reported = utterance_index(store_of(request))
    for st in found["statement_list"]:
        st["date_label"] = date_label(st.get("date"), st.get("date_basis"))
        st["utterance"] = reported.get(int(st["id"]))
    return _render(request, "article.html", article=found, pieces=pieces)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: ItemId) -> HTMLResponse:
    store = store_of(request)
    found = store.actor_by_id(actor_id, recent=LATEST, days=False)
    if found is None:
        raise HTTPException(404, "no such actor")
    events = [e for e in (store.event(g) for g in found["events"][:50]) if e is not None]
    unit, points = store.actor_activity(actor_id)
    chart = svg.timeline(points, unit)
    # the user's corrections that concern them (merged from, renamed from, split)
    rules = store.actor_rules(actor_id)
    reported = utterance_index(store)
    for st in found["latest"]:
        st["utterance"] = reported.get(int(st["id"]))
    return _render(request, "actor.html", actor=found, chart=chart, events=events, rules=rules)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: ItemId) -> HTMLResponse:
    found = store_of(request).event(event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    chart = svg.status_chart(found["statuses"])
    return _render(request, "event.html", event=found, chart=chart, colours=svg.STATUS_COLOURS)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request) -> HTMLResponse:
    found = listing(store_of(request), limit=500)
    return _render(request, "contradictions.html", contradictions=found)


@router.get("/utterances", response_class=HTMLResponse)
def utterances(request: Request) -> HTMLResponse:
    found = utterance_listing(store_of(request))
    return _render(request, "utterances.html", utterances=found[:500])


@router.get("/utterances/{utterance_id}", response_class=HTMLResponse)
def utterance(request: Request, utterance_id: ItemId) -> HTMLResponse:
    found = next((u for u in utterance_listing(store_of(request)) if u["id"] == utterance_id), None)
    if found is None:
        raise HTTPException(404, "no such utterance")
    return _render(request, "utterance.html", u=found)
