"""The pages a journalist works in: index pages with numbered pages, search
filters and facets honoured alike by the page and the API, the data links
(JSON, CSV) of every page, statements anchored in the article text, errors
as pages. In process through httpx, on a real store of the seed and real
2025 news excerpts (newsdev) with their URLs."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .helpers import SEED, SHARED, client_for, run

pytestmark = pytest.mark.anyio
NEWSDEV = SHARED / "data/newsdev/articles.jsonl"
PAGES = ("/", "/search", "/articles", "/actors", "/events", "/deadlines", "/utterances",
         "/positions", "/contradictions")  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pages")
    src = tmp / "news.jsonl"
    lines = NEWSDEV.read_text(encoding="utf-8").splitlines()[:10]
    # one made-up article: Markdown marks, a title a spreadsheet would run, an unknown speaker
    lines.append(json.dumps({
        "id": "md", "published": "2025-08-30", "url": "https://example.org/md",
        "title": "=HYPERLINK(\"http://x\")",
        "text": "MOSCOW\n\n**Foreign Ministry** spokeswoman Maria Zakharova [told](#) reporters"
                " on Friday that \"no summit is being prepared.\"",
    }))  # fmt: skip
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp / "pages.db"
    code, _, err = run("ingest", str(SEED), str(src), "--db", str(path), "--workers", "2")
    assert code == 0, err
    return path


@pytest.fixture
def client(db: Path) -> Iterator[httpx.AsyncClient]:
    yield client_for(db)


def ids_linked(page: str) -> list[tuple[int, int]]:
    return [(int(a), int(s)) for a, s in re.findall(r'href="/articles/(\d+)#s(\d+)"', page)]


async def test_every_index_page_offers_its_data_and_pages(client: httpx.AsyncClient) -> None:
    for url in PAGES:
        page = await client.get(url)
        assert page.status_code == 200, url
        text = page.text
        assert "None" not in re.sub(r"<[^>]+>", "", text), url  # never a Python None shown
        for kind, fmt in (("application/json", "json"), ("text/csv", "csv")):
            alt = re.search(rf'<link rel="alternate" type="{kind}" href="([^"]+)">', text)
            assert alt is not None, (url, kind)
            data = await client.get(html.unescape(alt.group(1)))
            assert data.status_code == 200 and data.headers["content-type"].startswith(kind)
            if fmt == "json":
                assert isinstance(data.json()["items"], list)
            else:
                assert next(csv.reader(io.StringIO(data.text)))  # a header row
            assert f">{fmt.upper()}</a>" in text  # and a visible link
    assert (await client.get("/articles", params={"format": "xml"})).status_code == 400


async def test_home_lists_lead_to_index_pages_that_reach_everything(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onrecord.web import lists

    monkeypatch.setattr(lists, "PER_PAGE", 4)
    stats = (await client.get("/api/stats")).json()
    home = (await client.get("/")).text
    assert f'href="/articles">{stats["articles"]} articles' in home
    seen: list[int] = []
    url: str | None = "/articles"
    while url:
        page = (await client.get(url)).text
        seen += [int(i) for i in re.findall(r'<td><a href="/articles/(\d+)">', page)]
        nxt = re.search(r'<a rel="next" href="([^"]+)"', page)
        url = html.unescape(nxt.group(1)) if nxt else None
    assert sorted(seen) == sorted(set(seen)) and len(seen) == stats["articles"]
    oldest = (await client.get("/articles", params={"sort": "oldest", "format": "json"})).json()
    days = [a["published"] for a in oldest["items"]]
    assert days == sorted(days) and oldest["total"] == stats["articles"]
    actors = (await client.get("/actors", params={"q": "lavrov", "format": "json"})).json()
    assert actors["items"] and all("lavrov" in a["name"].lower() for a in actors["items"])
    events = (await client.get("/events", params={"type": "meeting", "format": "json"})).json()
    assert events["total"] > 0 and {e["type"] for e in events["items"]} == {"meeting"}
    for e in events["items"]:
        assert not re.search(r"\d{4}-\d\d|_REF|T(MO|AF|EV|NI)\b|PLOVER", e["title"]), e["title"]


async def test_search_filters_facets_and_api_agree(client: httpx.AsyncClient) -> None:
    everything = (await client.get("/search", params={"format": "json"})).json()
    assert everything["total"] >= 40  # no filter at all: every statement
    page = (await client.get("/search", params={"q": "meeting"})).text
    total = int(re.search(r'id="total">([\d,]+) statement', page).group(1).replace(",", ""))
    kinds = re.findall(r'<li(?: class="active")?><a href="([^"]+kind=[^"]+)">(\w+)</a> '
                       r'<span class="n">(\d+)</span>', page)  # fmt: skip
    assert kinds and sum(int(n) for _, _, n in kinds) == total
    href, kind, n = kinds[0]
    narrowed = (await client.get(html.unescape(href) + "&format=json")).json()
    assert narrowed["total"] == int(n) and {r["kind"] for r in narrowed["items"]} == {kind}
    outlet = re.search(r'<a href="([^"]+outlet=[^"]+)">([\w.-]+)</a> <span class="n">(\d+)', page)
    assert outlet is not None
    by_outlet = (await client.get(html.unescape(outlet.group(1)) + "&format=json")).json()
    assert by_outlet["total"] == int(outlet.group(3))
    assert all(outlet.group(2) in r["url"] for r in by_outlet["items"])
    api = (await client.get("/api/statements", params={"q": "meeting", "outlet": outlet.group(2),
                                                        "limit": 200})).json()  # fmt: skip
    assert [r["id"] for r in api["items"]] == [r["id"] for r in by_outlet["items"]]
    dated = (await client.get("/search", params={"since": "2025-08-01", "until": "2025-08-31",
                                                  "format": "json"})).json()  # fmt: skip
    assert dated["total"] and all("2025-08" in r["sort_date"] for r in dated["items"])
    best = (await client.get("/search", params={"q": "meeting", "sort": "relevance",
                                                 "format": "json"})).json()  # fmt: skip
    assert sorted(r["id"] for r in best["items"]) == sorted(
        r["id"] for r in (await client.get("/search", params={"q": "meeting",
                                                              "format": "json"})).json()["items"]
    )  # fmt: skip


async def test_every_matched_form_is_highlighted(client: httpx.AsyncClient) -> None:
    page = (await client.get("/search", params={"q": "meetings"})).text
    marked = {m.lower() for m in re.findall(r"<mark>(\w+)</mark>", page)}
    assert "meeting" in marked or "meet" in marked
    assert marked <= {"meet", "meets", "meeting", "meetings"}


async def test_an_event_filter_shows_each_sources_words(client: httpx.AsyncClient) -> None:
    events = (await client.get("/events", params={"format": "json"})).json()["items"]
    event = next(e for e in events if any(s["statement_id"] for s in e["statuses"]))
    page = (await client.get(f"/events/{event['id']}")).text
    assert 'href="/search?event=' in page
    words = (await client.get("/search", params={"event": event["id"], "format": "json"})).json()
    wanted = {s["statement_id"] for s in event["statuses"] if s["statement_id"]}
    assert {r["id"] for r in words["items"]} == wanted
    chip = (await client.get("/search", params={"event": event["id"]})).text
    assert f"event: {html.escape(event['title'])}" in chip


async def test_links_to_statements_land_on_their_words(client: httpx.AsyncClient) -> None:
    search = (await client.get("/search", params={"q": "meeting"})).text
    links = ids_linked(search)
    assert links
    for article_id, sid in links[:10]:
        page = (await client.get(f"/articles/{article_id}")).text
        words = re.search(rf'<span class="(statement|anchor)" id="s{sid}">', page)
        assert words is not None, (article_id, sid)
        assert f'href="#s{sid}"' in page  # the statement list points there too


async def test_nested_statements_show_inside_their_reporter(client: httpx.AsyncClient) -> None:
    arts = (await client.get("/articles", params={"format": "json"})).json()["items"]
    seed = next(a for a in arts if "lavrov" in a["doc_id"])
    page = (await client.get(f"/articles/{seed['id']}")).text
    text = page[page.index('<article class="text">') : page.index("</article>")]
    # the opened and closed statement elements nest properly in the text
    depth = 0
    for tag in re.findall(r'<span class="statement" id="s\d+">|</span>|<span[^>]*>', text):
        if tag.startswith('<span class="statement"'):
            depth += 1
    assert depth >= 10
    assert '<ol class="statements nested"' in page  # a report within a report, nested
    assert "date-basis" in page and "cue-text" in page


async def test_markdown_input_reads_as_words_and_csv_is_safe(client: httpx.AsyncClient) -> None:
    arts = (await client.get("/articles", params={"q": "hyperlink", "format": "json"})).json()
    (md,) = arts["items"]
    article = (await client.get(f"/api/articles/{md['id']}")).json()
    assert "**" not in article["text"] and "](#)" not in article["text"]
    assert "Foreign Ministry spokeswoman Maria Zakharova told reporters" in article["text"]
    table = (await client.get("/articles", params={"q": "hyperlink", "format": "csv"})).text
    row = next(iter(csv.DictReader(io.StringIO(table))))
    assert row["title"].startswith("'=")


async def test_errors_on_pages_are_pages(client: httpx.AsyncClient) -> None:
    for url, status in (("/actors/abc", 422), ("/search?since=yesterday", 422),
                        ("/articles/999999", 404), ("/nowhere", 404)):  # fmt: skip
        r = await client.get(url)
        assert r.status_code == status, url
        assert r.headers["content-type"].startswith("text/html"), url
        assert '<a class="brand" href="/">onrecord</a>' in r.text
    api = await client.get("/api/actors/abc")
    assert api.status_code == 422 and api.json()["error"] == "invalid request"


async def test_api_page_lists_endpoints_with_working_examples(client: httpx.AsyncClient) -> None:
    page = (await client.get("/api")).text
    examples = re.findall(r'<br><a href="(/api/[^"]+)">', page)
    assert len(examples) >= 10
    for href in examples:
        r = await client.get(html.unescape(href))
        assert r.status_code == 200, href


async def test_unknown_speaker_says_so_with_close_names(client: httpx.AsyncClient) -> None:
    page = (await client.get("/search", params={"speaker": "Lavrof"})).text
    assert "No results" in page and "Lavrov" in page


async def test_actor_page_describes_in_the_articles_words(client: httpx.AsyncClient) -> None:
    lavrov = (await client.get("/api/statements", params={"speaker": "Lavrov"})).json()
    page = (await client.get(f"/actors/{lavrov['items'][0]['actor_id']}")).text
    assert "Described as: Russian Foreign Minister</p>" in page
