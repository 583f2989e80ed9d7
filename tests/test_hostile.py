"""Hostile-but-fair input (issue 15): each numbered case of the issue is a test
here, named after it; every one of them failed before its fix (the functions
added by the fixes are imported inside the tests that use them, so that each
test fails on its own account against the code before them).

The real spaCy model, real SQLite stores in temporary folders, the CLI in
process and the ASGI app through httpx. Property-based fuzzing of the same
surfaces is in test_fuzz.py.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from onrecord.errors import InputError, OnrecordError
from onrecord.inputs import read_inputs
from onrecord.pipeline import analyze_text
from onrecord.records import Article
from onrecord.store import open_store

from .helpers import DEV_TEXTS, SEED, client_for, run, sqlite_query

TOKEN = "hostile-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PUBLISHED = "2025-08-22"


def big_text(chars: int = 1_200_000) -> str:
    """The seed article, then paragraphs of long tokens (cheap to parse, so the
    test is about the parser's character limit, not its speed) up to ``chars``,
    then a quotation the parser only reaches in a later part."""
    seed = SEED.read_text(encoding="utf-8")
    tail = '\n\n"We will not attend the talks," Lavrov told reporters on Monday.\n'
    paragraphs, size, i = [], len(seed) + len(tail), 0
    while size < chars:
        paragraphs.append("Z" * 3990 + f"{i:010d}")
        size += 4002
        i += 1
    return seed + "\n\n" + "\n\n".join(paragraphs) + tail


def stats(db: Path) -> dict[str, Any]:
    with open_store(str(db)) as store:
        return store.stats()


def stored_doc_ids(db: Path) -> list[str]:
    return sorted(r[0] for r in sqlite_query(db)("SELECT doc_id FROM articles"))


def jsonl_line(**record: Any) -> str:
    return json.dumps(record) + "\n"


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


# -- 1. a text over the parser's 1,000,000 characters -----------------------------


def test_1_text_parts_join_back_and_break_at_paragraphs() -> None:
    from onrecord.nlp import text_parts

    text = "First paragraph here.\n\nSecond one, longer than that.\n\nThird.\nA line.\n\nEnd"
    parts = text_parts(text, 40)
    assert "".join(parts) == text and all(len(p) <= 40 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])  # cut between paragraphs
    assert text_parts("x" * 95, 40) == ["x" * 40, "x" * 40, "x" * 15]  # no break: cut anyway


def test_1_long_text_is_parsed_in_parts_with_offsets_kept(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mechanism, quickly: the real model with its limit lowered."""
    from onrecord.nlp import parse

    text = SEED.read_text(encoding="utf-8")
    doc = parse(nlp, text, limit=1000)
    assert doc.text == text and len(text) > 3000
    whole = nlp(text)
    assert [t.text for t in doc] == [t.text for t in whole]
    assert {(e.start_char, e.end_char, e.text) for e in doc.ents} & {
        (e.start_char, e.end_char, e.text) for e in whole.ents
    }
    monkeypatch.setattr(nlp, "max_length", 1500)
    record = analyze_text(text, PUBLISHED)
    assert record["text"] == text and record["statements"]
    for st in record["statements"]:
        for start, end in st["content"]["spans"]:
            assert st["content"]["text"].find(text[start:end]) >= 0


@pytest.mark.slow
def test_1_a_text_over_a_million_characters_is_analyzed() -> None:
    text = big_text()
    assert len(text) > 1_000_000
    record = analyze_text(text, PUBLISHED)
    last = record["statements"][-1]
    (start, end), *_ = last["content"]["spans"]
    assert start > 1_000_000 and text[start:end] == '"We will not attend the talks,"'
    assert last["speaker"]["name"] and "Lavrov" in last["speaker"]["name"]


@pytest.mark.slow
def test_1_ingest_stores_the_others_and_the_big_one(tmp_path: Path) -> None:
    """A folder with a 1.2 M-character article among others: everything is
    stored, and a re-run stores nothing twice."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DEV_TEXTS[0], folder / "a.txt")
    (folder / "b.txt").write_text(big_text(), encoding="utf-8")
    shutil.copy(SEED, folder / "c.txt")
    db = tmp_path / "s.db"
    code, _, err = run("ingest", str(folder), "--db", str(db), "--workers", "1")
    assert code == 0, err
    assert stored_doc_ids(db) == ["a", "b", "c"]
    before = stats(db)
    code, _, err = run("ingest", str(folder), "--db", str(db), "--workers", "1")
    assert code == 0 and "3 duplicate" in err
    assert stats(db) == before


@pytest.mark.slow
@pytest.mark.anyio
async def test_1_the_api_analyzes_a_text_over_a_million_characters(tmp_path: Path) -> None:
    text = big_text()
    async with client_for(tmp_path / "api.db", token=TOKEN) as client:
        r = await client.post("/api/analyze", json={"text": text}, headers=AUTH, timeout=600)
        assert r.status_code == 200, r.text[:200]
        assert r.json()["text"] == text
        r = await client.post(
            "/api/articles", json={"id": "big", "text": text}, headers=AUTH, timeout=600
        )
        assert r.status_code == 201, r.text[:200]


# -- 2. JSONL lines that crashed the reader -----------------------------------------


def hostile_jsonl(path: Path) -> Path:
    seed = SEED.read_text(encoding="utf-8")
    dev = DEV_TEXTS[0].read_text(encoding="utf-8")
    lines = [
        jsonl_line(id="good-1", text=seed, published=PUBLISHED),
        '{"id": "digits", "text": "x", "n": ' + "7" * 5000 + "}\n",
        '{"id": "deep", "text": "x", "n": ' + "[" * 200_000 + "]" * 200_000 + "}\n",
        jsonl_line(id="good-2", text=dev),
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_2_bad_json_lines_cost_only_themselves(tmp_path: Path) -> None:
    items = list(read_inputs([hostile_jsonl(tmp_path / "h.jsonl")]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    digits, deep = items[1], items[2]
    assert isinstance(digits, InputError) and isinstance(deep, InputError)
    assert digits.origin.endswith("h.jsonl:2") and "digits" in digits.reason
    assert deep.origin.endswith("h.jsonl:3") and "nested too deeply" in deep.reason


def test_2_ingest_stores_the_good_lines_around_bad_ones(tmp_path: Path) -> None:
    src, db = hostile_jsonl(tmp_path / "h.jsonl"), tmp_path / "s.db"
    code, _, err = run("ingest", str(src), "--db", str(db), "--workers", "1")
    assert code == 1
    assert [e.split(": ")[1] for e in error_lines(err)] == [f"{src}:2", f"{src}:3"]
    assert stored_doc_ids(db) == ["good-1", "good-2"]
    before = stats(db)
    code, _, err = run("ingest", str(src), "--db", str(db), "--workers", "1")
    assert code == 1 and stats(db) == before  # a re-run stores nothing twice


def test_2_ingest_reads_as_it_analyzes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs stream: articles are stored before the last input is read (they
    were all read first, so one bad input stopped the run before any was stored)."""
    import onrecord.inputs

    folder, db = tmp_path / "in", tmp_path / "s.db"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02d}.txt").write_text(f"Peskov said talks number {i} were off.\n")
    stored_when_read: list[int] = []
    real = onrecord.inputs.read_inputs

    def watched(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for item in real(*args, **kwargs):
            if db.exists():
                stored_when_read.append(len(stored_doc_ids(db)))
            yield item

    monkeypatch.setattr(onrecord.inputs, "read_inputs", watched)
    code, _, err = run("ingest", str(folder), "--db", str(db), "--workers", "1")
    assert code == 0, err
    assert len(stored_when_read) == 12 and stored_when_read[-1] >= 8  # analyzed 8 at a time


# -- 3. lone surrogates ---------------------------------------------------------------


def test_3_lone_surrogates_are_refused_in_their_line(tmp_path: Path) -> None:
    src, db = tmp_path / "s.jsonl", tmp_path / "s.db"
    src.write_text(
        '{"id": "t", "text": "Lavrov said \\ud800 no."}\n'
        + '{"id": "h", "text": "Peskov said no meeting was planned.", "title": "A \\udc80"}\n'
        + jsonl_line(id="after", text=SEED.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    code, _, err = run("ingest", str(src), "--db", str(db), "--workers", "1")
    assert code == 1
    errors = error_lines(err)
    assert len(errors) == 2
    assert f"{src}:1" in errors[0] and "surrogate U+D800" in errors[0]
    assert f"{src}:2" in errors[1] and '"title"' in errors[1] and "U+DC80" in errors[1]
    assert stored_doc_ids(db) == ["after"]
    code, out, err = run("analyze", str(src), "--json")
    assert code == 1 and len(out.splitlines()) == 1 and len(error_lines(err)) == 2


@pytest.mark.anyio
async def test_3_the_api_refuses_lone_surrogates_with_422(tmp_path: Path) -> None:
    raw = b'{"id": "s", "text": "Lavrov said \\ud800 no.", "published": "2025-08-22"}'
    async with client_for(tmp_path / "api.db", token=TOKEN) as client:
        for url in ("/api/analyze", "/api/articles"):
            r = await client.post(
                url, content=raw, headers={**AUTH, "content-type": "application/json"}
            )
            assert r.status_code == 422, (url, r.text)
        r = await client.post(
            "/api/articles",
            content=b'{"text": "Peskov said no.", "title": "\\udc80"}',
            headers={**AUTH, "content-type": "application/json"},
        )
        assert r.status_code == 422 and "title" in r.text
        assert (await client.get("/api/stats")).json()["articles"] == 0


# -- 4. unsafe links --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JavaScript://%0aalert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ("https:///no-host", False),
        ("/articles/1", False),
        (None, False),
    ],
)
def test_4_only_http_urls_are_links(url: str | None, safe: bool) -> None:
    from onrecord.web.app import safe_href

    assert safe_href(url) == (url if safe else None)


@pytest.mark.anyio
async def test_4_unsafe_urls_are_not_rendered_as_hrefs(tmp_path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    dev = DEV_TEXTS[0].read_text(encoding="utf-8")
    feed = tmp_path / "f.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        "<title>From a feed</title><link>javascript:alert(document.cookie)</link>"
        f"<description>{DEV_TEXTS[1].read_text(encoding='utf-8')[:3000]}</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    src = tmp_path / "u.jsonl"
    src.write_text(
        jsonl_line(id="js", text=seed, url="javascript:alert(1)")
        + jsonl_line(id="data", text=dev, url="data:text/html;base64,PHNjcmlwdD4=")
        + jsonl_line(
            id="ok", text=DEV_TEXTS[2].read_text(encoding="utf-8"), url="https://example.org/ok"
        ),
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    code, _, err = run("ingest", str(src), str(feed), "--db", str(db), "--workers", "1")
    assert code == 0, err
    ids = dict(sqlite_query(db)("SELECT doc_id, id FROM articles"))
    assert len(ids) == 4
    async with client_for(db) as client:
        for doc_id, article_id in ids.items():
            page = (await client.get(f"/articles/{article_id}")).text
            hrefs = [h.split('"')[1] for h in page.split("href=")[1:]]
            assert not any(h.lower().startswith(("javascript", "data")) for h in hrefs), doc_id
            assert ('href="https://example.org/ok"' in page) is (doc_id == "ok")


# -- 5. CSV formula injection --------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_5_csv_cells_that_start_a_formula_are_escaped(start: str) -> None:
    from onrecord.present.cells import csv_cell

    assert csv_cell(start + "HYPERLINK(1)") == "'" + start + "HYPERLINK(1)"
    assert csv_cell("Lavrov said " + start) == "Lavrov said " + start
    assert csv_cell(-5) == -5 and csv_cell(None) is None


def test_5_exported_titles_reach_spreadsheets_as_text(tmp_path: Path) -> None:
    src, db = tmp_path / "t.jsonl", tmp_path / "s.db"
    title = '=HYPERLINK("http://evil.example","click")'
    src.write_text(jsonl_line(id="f", text=SEED.read_text(encoding="utf-8"), title=title),
                   encoding="utf-8")  # fmt: skip
    assert run("ingest", str(src), "--db", str(db), "--workers", "1")[0] == 0
    code, out, err = run("export", "statements", "--format", "csv", "--db", str(db))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["title"] == "'" + title for r in rows)
    cells = [c for r in rows for c in r.values() if c]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


# -- 6. control characters in JSON text --------------------------------------------------


def test_6_control_text_in_json_is_refused_as_in_a_file(tmp_path: Path) -> None:
    text = "Lavrov said there was no meeting. " + "\x01" * 52_000
    (tmp_path / "c.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "c.jsonl").write_text(jsonl_line(id="c", text=text), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"id": "j", "text": text}), encoding="utf-8")
    db = tmp_path / "s.db"
    code, _, err = run("ingest", str(tmp_path), str(tmp_path / "c.json"), "--db", str(db))
    assert code == 1
    errors = error_lines(err)
    assert len(errors) == 3 and all("mostly control characters" in e for e in errors)
    assert stats(db)["articles"] == 0
    with pytest.raises(OnrecordError, match="mostly control characters"):
        analyze_text(text)


@pytest.mark.anyio
async def test_6_the_api_refuses_control_text(tmp_path: Path) -> None:
    text = "Lavrov said there was no meeting. " + "\x01" * 52_000
    async with client_for(tmp_path / "api.db", token=TOKEN) as client:
        for url in ("/api/analyze", "/api/articles"):
            r = await client.post(url, json={"text": text}, headers=AUTH)
            assert r.status_code == 422 and "control characters" in r.text, url
        assert (await client.get("/api/stats")).json()["articles"] == 0


# -- 7. tampered cursors ---------------------------------------------------------------------


def cursor_of(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


TAMPERED = [
    cursor_of(b'[{"a": 1}, "x"]'),
    cursor_of(b'["2025-08-22", "12"]'),
    cursor_of(b'["2025-08-22", 1.5]'),
    cursor_of(b"[true, 1]"),
    cursor_of(b'[["x"], [1]]'),
    cursor_of(b'["\\ud800", 1]'),
    cursor_of(b'["a\\u0000b", 1]'),
    cursor_of(b"[" * 1500 + b"]" * 1500),
    cursor_of(b'{"a": 1}'),
    cursor_of(b"[1, 2, 3, 4, 5, 6, 7]"),
    cursor_of(b"\xff\xfe"),
    "not base64 ☃",
    "A" * 10_000,
]
LISTINGS = ["articles", "statements", "actors", "events", "contradictions", "utterances",
            "deadlines"]  # fmt: skip


@pytest.mark.anyio
async def test_7_tampered_cursors_are_400(tmp_path: Path) -> None:
    async with client_for(tmp_path / "api.db") as client:
        for listing in LISTINGS:
            for cursor in TAMPERED:
                r = await client.get(f"/api/{listing}", params={"cursor": cursor})
                assert r.status_code == 400, (listing, cursor[:40], r.status_code)
                assert r.json() == {"error": "invalid cursor"}


# -- 8. the smaller ones ----------------------------------------------------------------------


@pytest.mark.anyio
async def test_8_an_oversized_chunked_body_gets_413(tmp_path: Path) -> None:
    async def chunks() -> Any:
        for _ in range(40):
            yield b" " * 65_536  # 2.5 MB in all, no Content-Length

    async with client_for(tmp_path / "api.db", token=TOKEN) as client:
        r = await client.post(
            "/api/analyze", content=chunks(),
            headers={**AUTH, "content-type": "application/json"},
        )  # fmt: skip
        assert "content-length" not in r.request.headers
        assert r.status_code == 413 and "too large" in r.json()["error"]

        async def small() -> Any:
            yield b'{"text": "Peskov said no meeting '
            yield b'was planned."}'

        r = await client.post(
            "/api/analyze", content=small(), headers={**AUTH, "content-type": "application/json"}
        )
        assert r.status_code == 200 and r.json()["text"].startswith("Peskov")


def get_routes(routes: Any) -> Iterator[str]:
    """The path of every GET route, included routers' too."""
    for route in routes:
        inner = getattr(route, "original_router", None)  # how FastAPI keeps an included router
        if inner is not None:
            yield from get_routes(inner.routes)
        elif "GET" in (getattr(route, "methods", None) or ()):
            yield route.path


@pytest.mark.anyio
async def test_8_head_answers_like_get_on_every_route(tmp_path: Path) -> None:
    import re

    from onrecord.web import create_app

    db = tmp_path / "s.db"
    src = tmp_path / "a.jsonl"
    src.write_text(jsonl_line(id="a", text=SEED.read_text(encoding="utf-8"),
                              published=PUBLISHED), encoding="utf-8")  # fmt: skip
    assert run("ingest", str(src), "--db", str(db), "--workers", "1")[0] == 0
    paths = sorted(set(get_routes(create_app(str(db)).routes)))
    assert {"/", "/api/stats", "/articles/{article_id}", "/search"} <= set(paths)
    async with client_for(db) as client:
        for template in [*paths, "/static/style.css", "/no/such/page", "/search?q=meeting"]:
            path = re.sub(r"\{[^}]+\}", "1", template)
            got, head = await client.get(path), await client.head(path)
            assert head.status_code == got.status_code != 405, path
            assert head.content == b"", path
            assert head.headers["content-type"] == got.headers["content-type"], path
            if "content-length" in got.headers:
                assert head.headers["content-length"] == got.headers["content-length"], path


def test_8_ingest_error_lines_are_whole(tmp_path: Path) -> None:
    deep = tmp_path / ("a-folder-with-a-rather-long-name-" * 4)
    deep.mkdir()
    bad = deep / ("an-empty-article-whose-name-is-longer-than-a-console-" * 2 + ".txt")
    bad.write_bytes(b"")
    code, _, err = run("ingest", str(bad), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert f"error: {bad}: empty file" in err.splitlines()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_8_utf16_files_are_read(tmp_path: Path, encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    bom = b"\xfe\xff" if encoding == "utf-16-be" else b""  # Python writes the others' itself
    (tmp_path / "a.txt").write_bytes(bom + text.encode(encoding))
    (tmp_path / "b.jsonl").write_bytes(bom + jsonl_line(id="j", text=text).encode(encoding))
    (tmp_path / "c.jsonl").write_text(jsonl_line(id="j", text=text), encoding="utf-8")
    items = list(read_inputs([tmp_path / f for f in ("a.txt", "b.jsonl", "c.jsonl")] + [SEED]))
    assert all(isinstance(i, Article) for i in items), items
    wide_txt, wide_jsonl, utf8_jsonl, utf8_txt = [(a.text, a.title) for a in items]  # type: ignore[union-attr]
    assert wide_txt == utf8_txt and wide_jsonl == utf8_jsonl


def test_8_a_store_in_an_unwritable_folder_says_so(tmp_path: Path) -> None:
    # /proc takes no new files, whoever asks (root too)
    code, out, err = run("stats", "--db", "/proc/onrecord-test.db")
    assert (code, out) == (2, "")
    assert "not writable" in err and "not an onrecord" not in err and len(err.splitlines()) == 1
    code, _, err = run("stats", "--db", str(tmp_path / "no" / "such" / "s.db"))
    assert code == 2 and "no folder" in err
    (tmp_path / "junk.db").write_text("no store here")
    code, _, err = run("stats", "--db", str(tmp_path / "junk.db"))
    assert code == 2 and "not an onrecord SQLite store" in err


def test_8_an_existing_store_in_a_folder_gone_read_only_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    with open_store(str(folder / "s.db")):
        pass
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)]).returncode != 0:
        pytest.skip("chattr +i is not available here (it needs root on ext4)")
    try:
        code, _, err = run("stats", "--db", str(folder / "s.db"))
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)
    assert code == 2 and "not writable" in err and "not an onrecord" not in err


# -- 8. versions: other text at a stored URL ---------------------------------------------------


URL = "https://example.org/news/talks"


def test_8_other_text_at_a_stored_url_is_a_new_version(tmp_path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    update = DEV_TEXTS[0].read_text(encoding="utf-8")
    db = tmp_path / "s.db"
    first, second = tmp_path / "v1.jsonl", tmp_path / "v2.jsonl"
    first.write_text(jsonl_line(id="v1", text=seed, url=URL), encoding="utf-8")
    second.write_text(
        jsonl_line(id="v2", text=update, url=URL)
        # a small correction of that text: the same version
        + jsonl_line(id="v2b", text=update.replace(" the ", " the  ", 1) + " (corrected)", url=URL),
        encoding="utf-8",
    )
    assert run("ingest", str(first), "--db", str(db), "--workers", "1")[0] == 0
    code, _, err = run("ingest", str(second), "--db", str(db), "--workers", "1")
    assert code == 0 and "1 stored (1 new version)" in err and "1 duplicate" in err
    rows = sqlite_query(db)("SELECT id, doc_id, previous_version, n_statements FROM articles")
    (v1, _, prev1, n1), (v2, _, prev2, n2) = sorted(rows)
    assert (prev1, prev2) == (None, v1) and n1 > 0 and n2 > 0  # the earlier one kept
    with open_store(str(db)) as store:
        versions = store.versions(v2)
        assert [(v["version"], v["id"], v["previous_version"]) for v in versions] == [
            (1, v1, None), (2, v2, v1),
        ]  # fmt: skip
        assert store.versions(v1) == versions and store.versions(999) == []
        before = store.stats()
    code, out, err = run("article", str(v1), "--versions", "--json", "--db", str(db))
    assert code == 0, err
    assert [(v["version"], v["id"]) for v in json.loads(out)] == [(1, v1), (2, v2)]
    code, out, _ = run("article", str(v2), "--versions", "--db", str(db))
    assert code == 0 and "2 versions" in out
    for src in (first, second):  # a re-run stores nothing twice
        code, _, err = run("ingest", str(src), "--db", str(db), "--workers", "1")
        assert code == 0 and "0 stored" in err
    assert stats(db) == before


@pytest.mark.anyio
async def test_8_the_article_page_and_api_show_versions(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with client_for(db, token=TOKEN) as client:
        texts = [SEED.read_text(encoding="utf-8"), DEV_TEXTS[0].read_text(encoding="utf-8")]
        added = []
        for n, text in enumerate(texts):
            r = await client.post("/api/articles", json={"id": f"v{n}", "text": text, "url": URL},
                                  headers=AUTH)  # fmt: skip
            assert r.status_code == 201, r.text
            added.append(r.json())
        assert added[1]["version_of"] == added[0]["article_id"]
        newer = added[1]["article_id"]
        api = (await client.get(f"/api/articles/{newer}")).json()
        assert [v["id"] for v in api["versions"]] == [a["article_id"] for a in added]
        page = (await client.get(f"/articles/{newer}")).text
        assert f'href="/articles/{added[0]["article_id"]}">version 1</a>' in page
        assert "<strong>version 2</strong>" in page


def test_8_a_version_2_store_is_migrated_and_takes_versions(tmp_path: Path) -> None:
    """A store as version 2 left it (a unique URL index, no previous_version)
    is brought to version 3 with its articles kept, and then takes versions."""
    from onrecord.corpus.accept import accept

    db = tmp_path / "old.db"
    seed = SEED.read_text(encoding="utf-8")
    record = {"id": "a", "text": seed, "url": URL, "published": PUBLISHED, "statements": [],
              "entities": [], "events": []}  # fmt: skip
    with open_store(str(db)) as store:
        accept(store, record, "test")
    with sqlite3.connect(db) as conn:
        for sql in (
            "DROP INDEX articles_url_first", "DROP INDEX articles_next_version",
            "DROP INDEX articles_url_versions", "ALTER TABLE articles DROP COLUMN previous_version",
            "CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL",
            "UPDATE schema_version SET version = 2",
        ):  # fmt: skip
            conn.execute(sql)
    with open_store(str(db)) as store:
        assert store.stats()["articles"] == 1
        added = accept(store, {**record, "id": "b", "text": DEV_TEXTS[0].read_text()}, "test")
        assert (added.status, added.version_of) == ("stored", 1)
    query = sqlite_query(db)
    assert query("SELECT version FROM schema_version") == [(3,)]
    indexes = {r[0] for r in query("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "articles_url" not in indexes and "articles_url_first" in indexes
    # still one first version per URL
    with pytest.raises(sqlite3.IntegrityError), sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO articles (doc_id, url, content_hash, text, n_statements,"
            " ingested_at) VALUES ('c', ?, 'h', 't', 0, 'now')",
            (URL,),
        )


# -- and all of them at once: a re-run stores every good article once ------------------------


def test_a_folder_of_hostile_inputs_stores_every_good_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    hostile_jsonl(folder / "h.jsonl")
    (folder / "controls.txt").write_bytes(b"words " + b"\x01" * 5000)
    (folder / "utf16.txt").write_bytes(DEV_TEXTS[1].read_text(encoding="utf-8").encode("utf-16"))
    (folder / "empty.html").write_bytes(b"")
    (folder / "s.jsonl").write_text('{"id": "s", "text": "a \\udfff b"}\n', encoding="utf-8")
    shutil.copy(DEV_TEXTS[2], folder / "z.txt")
    db = tmp_path / "s.db"
    code, _, err = run("ingest", str(folder), "--db", str(db), "--workers", "2")
    assert code == 1 and len(error_lines(err)) == 5, err
    assert stored_doc_ids(db) == ["good-1", "good-2", "utf16", "z"]
    before = stats(db)
    code, _, err = run("ingest", str(folder), "--db", str(db), "--workers", "2")
    assert code == 1 and "0 stored, 4 duplicate" in err
    assert stats(db) == before
