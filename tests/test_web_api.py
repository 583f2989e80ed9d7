"""The REST API and pages, in process through httpx against the ASGI app, on a
real SQLite store filled by `ingest` from the seed and PolNeAR dev texts."""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from onrecord.contract import validate_analysis
from onrecord.store import SqlStore
from onrecord.web import create_app

from .helpers import DEV_TEXTS, SEED, client_for, jsonl_of, run

pytestmark = pytest.mark.anyio

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("web")
    path = tmp / "web.db"
    src = jsonl_of(DEV_TEXTS[:6], tmp / "dev.jsonl")
    code, _, err = run("ingest", str(SEED), str(src), "--db", str(path), "--workers", "2")
    assert code == 0, err
    return path


@pytest.fixture
def client(db: Path) -> Iterator[httpx.AsyncClient]:
    yield client_for(db, token=TOKEN)


async def walk(client: httpx.AsyncClient, url: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        r = await client.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items
    raise AssertionError("pages never ended")


async def test_openapi_spec_served(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    for path in ("/api/statements", "/api/articles", "/api/actors", "/api/events",
                 "/api/contradictions", "/api/deadlines", "/api/analyze"):  # fmt: skip
        assert path in spec["paths"], path
    assert "HTTPBearer" in json.dumps(spec["components"]["securitySchemes"])


async def test_statement_pages_walk_without_gaps(client: httpx.AsyncClient, db: Path) -> None:
    everything = await walk(client, "/api/statements", limit=200)
    small = await walk(client, "/api/statements", limit=7)
    ids = [s["id"] for s in small]
    assert len(ids) == len(set(ids))  # no duplicates
    assert ids == [s["id"] for s in everything]  # same order, no gaps
    stats = (await client.get("/api/stats")).json()
    assert len(ids) == stats["statements"] >= 40
    keys = [(s["sort_date"] or "", s["id"]) for s in small]
    assert keys == sorted(keys, reverse=True)


async def test_cursor_is_stable_under_inserts(client: httpx.AsyncClient, db: Path) -> None:
    first = (await client.get("/api/articles", params={"limit": 3})).json()
    assert len(first["items"]) == 3 and first["next"]
    rest = await walk(client, "/api/articles", limit=3, cursor=first["next"])
    ids = [a["id"] for a in first["items"] + rest]
    assert len(ids) == len(set(ids)) == (await client.get("/api/stats")).json()["articles"]
    # a walk resumed from the same cursor gives the same page
    again = await client.get("/api/articles", params={"limit": 3, "cursor": first["next"]})
    assert [a["id"] for a in again.json()["items"]] == [a["id"] for a in rest[:3]]
    bad = await client.get("/api/articles", params={"cursor": "not-a-cursor!"})
    assert bad.status_code == 400 and "cursor" in bad.json()["error"]


async def test_statement_filters(client: httpx.AsyncClient) -> None:
    lavrov = await walk(client, "/api/statements", speaker="Lavrov")
    assert lavrov and all(s["speaker"] == "Sergei Lavrov" for s in lavrov)
    hits = await walk(client, "/api/statements", q="meeting")
    assert hits and all("meet" in s["content"].lower() for s in hits)  # stemmed
    direct = await walk(client, "/api/statements", kind="direct")
    assert direct and all(s["kind"] == "direct" for s in direct)
    dated = await walk(client, "/api/statements", since="2025-08-01", until="2025-08-31")
    assert dated and all("2025-08-01" <= s["sort_date"] <= "2025-08-31" for s in dated)
    aid = lavrov[0]["article_id"]
    one = await walk(client, "/api/statements", article=aid, speaker="Lavrov", q="meeting")
    assert one and all(s["article_id"] == aid for s in one)
    assert (await client.get("/api/statements", params={"kind": "shouted"})).status_code == 422
    assert (await client.get("/api/statements", params={"since": "yesterday"})).status_code == 422


async def test_resources(client: httpx.AsyncClient) -> None:
    actors = await walk(client, "/api/actors", limit=5)
    assert len({a["id"] for a in actors}) == len(actors) >= 10
    lavrov = next(a for a in actors if a["name"] == "Sergei Lavrov")
    one = (await client.get(f"/api/actors/{lavrov['id']}")).json()
    assert one["statements"] == lavrov["statements"] and one["per_day"]
    assert one["events"]
    events = await walk(client, "/api/events", limit=2)
    assert events and all(e["statuses"] is not None for e in events)
    assert (await client.get(f"/api/events/{events[0]['id']}")).json()["id"] == events[0]["id"]
    contradictions = await walk(client, "/api/contradictions", limit=1)
    assert any(c["a"]["source"] != c["b"]["source"] for c in contradictions)
    await walk(client, "/api/deadlines", limit=2)
    arts = await walk(client, "/api/articles")
    art = (await client.get(f"/api/articles/{arts[0]['id']}")).json()
    assert art["text"] and art["statements"] is not None
    assert (await client.get("/api/articles/999999")).status_code == 404
    assert (await client.get("/api/actors/999999")).json() == {"error": "no such actor"}


async def test_write_token_rules(db: Path) -> None:
    body = {"text": "Lavrov said there was no meeting planned.", "published": "2025-08-22"}
    async with client_for(db) as no_token:
        r = await no_token.post("/api/analyze", json=body, headers=AUTH)
        assert r.status_code == 403 and "token" in r.json()["error"]
        r = await no_token.post("/api/articles", json={"id": "x", "text": "x"}, headers=AUTH)
        assert r.status_code == 403
    async with client_for(db, token=TOKEN) as client:
        assert (await client.post("/api/analyze", json=body)).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        r = await client.post("/api/analyze", json=body, headers=wrong)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert (await client.get("/api/statements")).status_code == 200  # reads open
    with pytest.raises(ValueError):
        create_app(str(db), private=True)
    async with client_for(db, token=TOKEN, private=True) as private:
        assert (await private.get("/api/statements")).status_code == 401
        assert (await private.get("/")).status_code == 401
        assert (await private.get("/api/statements", headers=AUTH)).status_code == 200


async def test_analyze_returns_the_contract(client: httpx.AsyncClient) -> None:
    text = SEED.read_text(encoding="utf-8")
    r = await client.post(
        "/api/analyze", json={"text": text, "published": "2025-08-22"}, headers=AUTH
    )
    assert r.status_code == 200, r.text
    record = r.json()
    validate_analysis(record)
    assert any(s["speaker"]["name"] == "Sergei Lavrov" for s in record["statements"])


async def test_post_article_stores_once(client: httpx.AsyncClient) -> None:
    body = {
        "id": "api-1",
        "text": 'Moscow, Aug 25, 2025\n"We will not attend the talks," Lavrov told reporters on'
        " Monday. The Kremlin spokesman Dmitry Peskov said a meeting was possible.",
        "published": "2025-08-25",
        "title": "Posted through the API",
    }
    first = await client.post("/api/articles", json=body, headers=AUTH)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "stored"
    aid = first.json()["article_id"]
    again = await client.post("/api/articles", json=body, headers=AUTH)
    assert again.status_code == 200
    assert again.json() == {"status": "duplicate", "article_id": aid, "duplicate_of": aid,
                            "similarity": None, "version_of": None}  # fmt: skip
    stored = (await client.get(f"/api/articles/{aid}")).json()
    assert stored["title"] == "Posted through the API" and stored["statements"]
    bad = await client.post("/api/articles", json={"id": "b", "text": "x", "published": "soon"},
                            headers=AUTH)  # fmt: skip
    assert bad.status_code == 422 and "published" in bad.json()["error"]


async def test_oversized_body_is_refused(client: httpx.AsyncClient) -> None:
    big = {"text": "word " * 500_000}
    r = await client.post("/api/analyze", json=big, headers=AUTH)
    assert r.status_code == 413 and "too large" in r.json()["error"]


async def test_no_traceback_in_a_500(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: SqlStore) -> dict[str, Any]:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(SqlStore, "stats", boom)
    async with client_for(db) as client:
        api = await client.get("/api/stats")
        page = await client.get("/")
    assert api.status_code == 500 and api.json() == {"error": "internal error"}
    assert page.status_code == 500
    for r in (api, page):
        assert "Traceback" not in r.text and "secret" not in r.text


async def test_pages_render_and_escape(client: httpx.AsyncClient) -> None:
    home = await client.get("/")
    assert home.status_code == 200 and "<svg" in home.text
    assert "default-src 'self'" in home.headers["content-security-policy"]
    found = await client.get("/search", params={"q": "meeting"})
    assert found.status_code == 200 and "<mark>" in found.text
    xss = await client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in xss.text and "&lt;script&gt;" in xss.text
    assert (await client.get("/static/style.css")).status_code == 200
    assert (await client.get("/articles/999999")).status_code == 404
    assert (await client.get("/contradictions")).status_code == 200


async def test_search_page_pages_through_all_results(client: httpx.AsyncClient) -> None:
    everything = [s["id"] for s in await walk(client, "/api/statements", q="the")]
    assert len(everything) > 25  # more than one page
    seen: list[int] = []
    url: str | None = "/search?q=the"
    while url:
        page = await client.get(url)
        assert page.status_code == 200
        ids = [int(i) for i in re.findall(r'href="/articles/\d+#s(\d+)"', page.text)]
        assert 0 < len(ids) <= 25
        seen += ids
        more = re.search(r'<a rel="next" href="([^"]+)"', page.text)
        url = html.unescape(more.group(1)) if more else None
    assert seen == everything  # every result once, newest first, as the API gives them
    from onrecord.web.search_page import MAX_PAGE

    past = await client.get("/search", params={"q": "the", "page": MAX_PAGE})
    assert past.status_code == 200 and "No more results" in past.text
    assert (await client.get("/search", params={"q": "the", "page": 0})).status_code == 422


async def test_actor_page_links_to_all_their_statements(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onrecord.web import pages

    monkeypatch.setattr(pages, "LATEST", 3)  # this small store's actors have a few each
    actors = await walk(client, "/api/actors", limit=100)
    top = max(actors, key=lambda a: a["statements"])
    assert top["statements"] > 3
    page = await client.get(f"/actors/{top['id']}")
    assert page.status_code == 200
    assert page.text.count("<blockquote>") == 3  # the latest only
    more = re.search(r'<a class="all-statements" href="([^"]+)">All (\d+) statements', page.text)
    assert more is not None and int(more.group(2)) == top["statements"]
    listed = await client.get(html.unescape(more.group(1)))
    assert listed.status_code == 200
    assert listed.text.count('class="result"') == top["statements"]
    said = f'<a class="speaker" href="/actors/{top["id"]}">{top["name"]}</a>'
    assert listed.text.count(said) == top["statements"]


async def test_out_of_range_ids_and_nul_bytes_are_refused_or_read(
    client: httpx.AsyncClient,
) -> None:
    huge = str(2**80)
    for url in (f"/actors/{huge}", f"/articles/{huge}", f"/events/{huge}", "/actors/-1",
                f"/api/actors/{huge}", f"/api/articles/{huge}", f"/api/events/{huge}",
                f"/api/statements?article={huge}"):  # fmt: skip
        r = await client.get(url)
        assert r.status_code == 422, (url, r.status_code)
    cursor = base64.urlsafe_b64encode(json.dumps([2**80]).encode()).decode()
    r = await client.get("/api/actors", params={"cursor": cursor})
    assert r.status_code == 400 and r.json() == {"error": "invalid cursor"}
    for params in ({"q": "\x00meeting"}, {"speaker": "\x00"}, {"q": "\xff\x00\ufffe"}):
        assert (await client.get("/search", params=params)).status_code == 200, params
        assert (await client.get("/api/statements", params=params)).status_code == 200, params


async def test_quick_reads_run_on_the_loop_with_sqlite_only(db: Path) -> None:
    """Pages of bounded work run on the event loop over SQLite (no thread hop);
    best-match ranking, the unbounded listings, and every read of a networked
    store run in a worker thread."""
    import threading

    app = create_app(str(db), cache_bytes=0)
    stores = app.state.stores
    opened_in: list[int] = []
    get = stores.get

    def spy() -> Any:
        opened_in.append(threading.get_ident())
        return get()

    stores.get = spy
    loop = threading.get_ident()

    async def thread_of(client: httpx.AsyncClient, url: str) -> int:
        opened_in.clear()
        assert (await client.get(url)).status_code == 200, url
        assert len(set(opened_in)) == 1, url
        return opened_in[0]

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for url in ("/search?q=meeting", "/actors/1", "/articles", "/api/statements"):
            assert await thread_of(client, url) == loop, url
        for url in ("/search?q=meeting&sort=relevance", "/contradictions", "/api/deadlines"):
            assert await thread_of(client, url) != loop, url
        stores.local = False  # as for postgresql://
        assert await thread_of(client, "/search?q=meeting") != loop
