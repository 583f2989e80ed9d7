"""The response cache: pages and API reads served again while the store is
unchanged, and never once it has changed (a write through the API, an ingest
from another connection), on a real SQLite store; private servers still need
the token for a cached page."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest

from onrecord.web.cache import Entry, PageCache, Scope

from .helpers import DEV_TEXTS, SEED, client_for, jsonl_of, run

pytestmark = pytest.mark.anyio

TOKEN = "cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store of its own for each test: these tests change it."""
    path = tmp_path / "cache.db"
    src = jsonl_of(DEV_TEXTS[:2], tmp_path / "dev.jsonl")
    code, _, err = run("ingest", str(SEED), str(src), "--db", str(path), "--workers", "1")
    assert code == 0, err
    return path


def statement_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'href="/articles/\d+#s(\d+)"', html)]


async def test_repeated_reads_are_hits_with_the_same_body(db: Path) -> None:
    async with client_for(db) as client:
        for url in ("/", "/search?q=meeting", "/actors/1", "/api/statements?speaker=Lavrov"):
            first, second = await client.get(url), await client.get(url)
            assert first.status_code == second.status_code == 200, url
            assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit"), url
            assert first.content == second.content
            assert second.headers["content-type"] == first.headers["content-type"]
            # the outer guard still adds its headers to a cached response
            assert second.headers["x-frame-options"] == "DENY"
        # a different query string is a different page
        other = await client.get("/search?q=summit")
        assert other.headers["x-cache"] == "miss"


async def test_errors_and_static_files_are_not_kept(db: Path) -> None:
    async with client_for(db) as client:
        for _ in range(2):
            missing = await client.get("/articles/999999")
            assert missing.status_code == 404 and missing.headers["x-cache"] == "miss"
            bad = await client.get("/api/statements", params={"kind": "shouted"})
            assert bad.status_code == 422 and bad.headers["x-cache"] == "miss"
        assert "x-cache" not in (await client.get("/static/style.css")).headers
    async with client_for(db, cache_bytes=0) as uncached:
        r = await uncached.get("/")
        assert r.status_code == 200 and "x-cache" not in r.headers


async def test_a_write_through_the_api_shows_at_once(db: Path) -> None:
    body = {
        "id": "api-1", "text": "Anna Quellborn said the quarry treaty was dead.",
        "published": "2025-09-01", "title": "Quarry treaty",
    }  # fmt: skip
    async with client_for(db, token=TOKEN) as client:
        before = await client.get("/search", params={"q": "quarry"})
        assert "Quellborn" not in before.text
        assert (await client.get("/search", params={"q": "quarry"})).headers["x-cache"] == "hit"
        stored = await client.post("/api/articles", json=body, headers=AUTH)
        assert stored.status_code == 201, stored.text
        after = await client.get("/search", params={"q": "quarry"})
        assert after.headers["x-cache"] == "miss" and "Quellborn" in after.text
        stats = (await client.get("/api/stats")).json()
        assert stats["articles"] == 4


async def test_an_ingest_elsewhere_shows_within_the_check_interval(
    db: Path, tmp_path: Path
) -> None:
    async with client_for(db) as client:
        before = (await client.get("/api/stats")).json()
        home = await client.get("/")
        assert (await client.get("/api/stats")).headers["x-cache"] == "hit"
        # another connection (here the CLI, as another process would) stores an article
        src = tmp_path / "more.jsonl"
        text = DEV_TEXTS[5].read_text(encoding="utf-8")
        src.write_text(json.dumps({"id": "more", "published": "2025-09-02", "text": text}) + "\n")
        code, _, err = run("ingest", str(src), "--db", str(db), "--workers", "1")
        assert code == 0, err
        await asyncio.sleep(0.3)  # past the quarter-second check interval
        after = await client.get("/api/stats")
        assert after.headers["x-cache"] == "miss"
        assert after.json()["articles"] == before["articles"] + 1
        new_home = await client.get("/")
        assert new_home.headers["x-cache"] == "miss" and new_home.content != home.content


async def test_private_cached_pages_still_need_the_token(db: Path) -> None:
    async with client_for(db, token=TOKEN, private=True) as client:
        assert (await client.get("/actors/1", headers=AUTH)).headers["x-cache"] == "miss"
        assert (await client.get("/actors/1", headers=AUTH)).headers["x-cache"] == "hit"
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            refused = await client.get("/actors/1", headers=headers)
            assert refused.status_code == 401, headers
            assert "Statements over time" not in refused.text


async def test_kept_bytes_stay_under_the_limit() -> None:
    sent: list[dict[str, Any]] = []

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        body = b"x" * 400
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Any) -> None:
        sent.append(dict(message))

    days = iter(["2025-09-01"] * 3 + ["2025-09-02"] * 100)
    cache = PageCache(app, version=lambda: 7, max_bytes=1000, check_every=0,
                      today=lambda: next(days))  # fmt: skip
    for n in range(3):
        scope = {"type": "http", "method": "GET", "path": f"/p{n}", "query_string": b""}
        await cache(scope, receive, send)
        assert cache.size <= 1000
    assert list(cache.entries) == [("/p1", b""), ("/p2", b"")]  # the oldest went first
    assert all(isinstance(e, Entry) for e in cache.entries.values())
    # a new day empties it (deadlines are relative to today)
    await cache({"type": "http", "method": "GET", "path": "/p2", "query_string": b""},
                receive, send)  # fmt: skip
    assert sent[-2]["headers"][-1] == (b"x-cache", b"miss")
    assert list(cache.entries) == [("/p2", b"")]
