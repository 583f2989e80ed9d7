"""Property-based fuzzing (Hypothesis) of everything hostile input reaches:
the readers (text, HTML, JSONL, feeds, WARC), the analysis of arbitrary
Unicode text, the API's bodies and query parameters, and its cursors.

The invariants: no exception escapes; each input gives a result or a clear
one-line error naming it; what is stored agrees with what was answered.

Two budgets, chosen by ``ONRECORD_FUZZ``:

* ``ci`` (the default): few examples, derandomized (the same ones on every
  run), no example database; the whole file runs in well under two minutes;
* ``release``: twenty times the examples, random, with Hypothesis's example
  database (``.hypothesis/``) so a failure found is tried first next time:
  ``ONRECORD_FUZZ=release .venv/bin/python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import base64
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.contract import validate_analysis
from onrecord.errors import InputError, OnrecordError
from onrecord.inputs import Ids, check_article, read_inputs, read_path
from onrecord.nlp import text_parts
from onrecord.pipeline import analyze_text
from onrecord.records import Article

settings.register_profile(
    "ci", max_examples=20, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
settings.register_profile(
    "release", max_examples=400, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
PROFILE = os.environ.get("ONRECORD_FUZZ", "ci")
settings.load_profile(PROFILE)
#: the release run tries this many times the examples of CI
SCALE = 20 if PROFILE == "release" else 1


def examples(n: int) -> int:
    return n * SCALE


TOKEN = "fuzz-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# -- what hostile text is made of ------------------------------------------------

#: every code point, lone surrogates and control characters included
ANY_CHAR = st.characters(codec=None, categories=None)
HOSTILE = st.sampled_from(
    ["\x00", "\x01", "\x1f", "\x7f", "\ud800", "\udfff", "\ufeff", "\u202e", "\r", "\r\n",
     "\n\n", "\t", "﻿", "Ã©", "“", "”", '"', "«", "»", "&amp;", "<", "]]>", "𝕏", "\u0301"]
)  # fmt: skip
WORDS = st.sampled_from(
    ["Lavrov", "said", "Peskov", "told", "reporters", "on", "Friday", "August 22, 2025",
     "meeting", "no", "planned", "“We will not attend,”", "he", "added", ".", ",", "\n\n"]
)  # fmt: skip
TEXT = st.lists(st.one_of(WORDS, HOSTILE, st.text(ANY_CHAR, max_size=8)), max_size=40).map(" ".join)


def one_line(error: InputError) -> None:
    assert "\n" not in str(error) and error.reason, error


def check_items(items: list[Article | InputError]) -> list[Article]:
    """Each item an article that passes the rule for every input, or a one-line error."""
    for item in items:
        assert isinstance(item, Article | InputError), item
        if isinstance(item, InputError):
            one_line(item)
        else:
            check_article(item)
    return [i for i in items if isinstance(i, Article)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def read_one(path: Path) -> list[Article | InputError]:
    return list(read_path(path, Ids(), None))


# -- the readers -------------------------------------------------------------------


@settings(max_examples=examples(80))
@given(data=st.one_of(st.binary(max_size=3000), TEXT.map(lambda t: t.encode("utf-8", "replace"))))
def test_text_files(folder: Path, data: bytes) -> None:
    path = folder / "fuzz.txt"
    path.write_bytes(data)
    items = read_one(path)
    assert len(items) == 1
    check_items(items)


HTML_TAGS = st.sampled_from(
    ["<html>", "<head><title>T</title></head>", "<body>", "<article>", "<p>", "</p>", "<div>",
     "<script>alert(1)</script>", "<a href='javascript:alert(1)'>x</a>", "<br>", "<!--", "-->",
     "<meta charset='utf-16'>", "<h1>", "</h1>", "&#xd800;", "&#0;", "<![CDATA[", "</html>"]
)  # fmt: skip


@settings(max_examples=examples(50))
@given(parts=st.lists(st.one_of(HTML_TAGS, TEXT), max_size=30))
def test_html_files(folder: Path, parts: list[str]) -> None:
    path = folder / "fuzz.html"
    path.write_bytes(("<!doctype html>" + "".join(parts)).encode("utf-8", "surrogatepass"))
    check_items(read_one(path))


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHAR, max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {"text": TEXT},
    optional={"id": st.one_of(st.text(ANY_CHAR, max_size=10), st.integers(), JSON_VALUE),
              "title": st.one_of(st.text(ANY_CHAR, max_size=20), JSON_VALUE),
              "url": st.one_of(st.just("javascript:alert(1)"), st.text(ANY_CHAR, max_size=20)),
              "published": st.one_of(st.dates().map(str), st.text(max_size=12), JSON_VALUE)},
)  # fmt: skip
LINE = st.one_of(
    RECORD.map(json.dumps),
    JSON_VALUE.map(json.dumps),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    st.integers(1, 6000).map(lambda n: '{"text": "x", "n": ' + "9" * n + "}"),
    st.integers(1, 3000).map(lambda n: '{"text": ' + "[" * n + "]" * n + "}"),
)


@settings(max_examples=examples(80))
@given(lines=st.lists(LINE, max_size=8))
def test_jsonl_files(folder: Path, lines: list[str]) -> None:
    path = folder / "fuzz.jsonl"
    data = b"".join(
        line.replace("\n", " ").encode("utf-8", "surrogatepass") + b"\n" for line in lines
    )
    path.write_bytes(data)
    items = read_one(path)
    check_items(items)
    raw = [r for r in data.split(b"\n") if r.strip()]
    if raw and b"\x00" not in data[:8192]:  # a line each, in order, each named by its line
        numbered = [i for i in items if isinstance(i, Article) or ":" in i.origin]
        assert len(numbered) == len(raw), items


def rss(entries: list[dict[str, str]], escape: bool) -> str:
    from xml.sax.saxutils import escape as esc

    def field(value: str) -> str:
        return esc(value) if escape else value

    items = "".join(
        f"<item><title>{field(e['title'])}</title><link>{field(e['link'])}</link>"
        f"<description>{field(e['text'])}</description><pubDate>{field(e['date'])}</pubDate>"
        "</item>"
        for e in entries
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'
    )


ENTRY = st.fixed_dictionaries(
    {"title": TEXT, "link": st.one_of(st.just("javascript:alert(1)"), TEXT), "text": TEXT,
     "date": st.one_of(st.just("Fri, 22 Aug 2025 23:30 -0500"), TEXT)}
)  # fmt: skip


@settings(max_examples=examples(60))
@given(
    feed=st.one_of(
        st.tuples(st.lists(ENTRY, max_size=4), st.booleans()).map(lambda a: rss(*a)),
        st.binary(max_size=2000).map(lambda b: b.decode("latin-1")),
    )
)
def test_feeds(folder: Path, feed: str) -> None:
    path = folder / "fuzz.rss"
    path.write_bytes(feed.encode("utf-8", "surrogatepass"))
    check_items(read_one(path))


def warc_bytes(records: list[tuple[int, str, bytes]], gzip: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for status, content_type, payload in records:
        headers = StatusAndHeaders(
            f"{status} X", [("Content-Type", content_type)], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/a", "response", payload=io.BytesIO(payload),
                length=len(payload), http_headers=headers,
            )
        )  # fmt: skip
    return out.getvalue()


WARC_RECORD = st.tuples(
    st.sampled_from([200, 200, 404, 301]),
    st.sampled_from(["text/html", "text/html; charset=utf-16", "text/html; charset=bogus",
                     "image/png", ""]),
    st.one_of(st.binary(max_size=500),
              st.lists(st.one_of(HTML_TAGS, TEXT), max_size=20).map(
                  lambda p: "".join(p).encode("utf-8", "surrogatepass"))),
)  # fmt: skip


@settings(max_examples=examples(60))
@given(
    records=st.lists(WARC_RECORD, min_size=1, max_size=3),
    gzip=st.booleans(),
    cut=st.one_of(st.none(), st.integers(0, 4000)),
)
def test_warc_files(folder: Path, records: list[Any], gzip: bool, cut: int | None) -> None:
    data = warc_bytes(records, gzip)
    path = folder / ("fuzz.warc.gz" if gzip else "fuzz.warc")
    path.write_bytes(data if cut is None else data[:cut])
    check_items(read_one(path))


@settings(max_examples=examples(100))
@given(text=st.text(ANY_CHAR, min_size=1, max_size=400), limit=st.integers(1, 120))
def test_text_parts_join_back(text: str, limit: int) -> None:
    parts = text_parts(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(p) <= limit for p in parts)


# -- the analysis of arbitrary Unicode text ----------------------------------------------


@settings(max_examples=examples(40))
@given(text=TEXT, published=st.one_of(st.none(), st.dates().map(str), st.text(max_size=10)))
def test_analysis_of_any_text(text: str, published: str | None) -> None:
    try:
        record = analyze_text(text, published)
    except OnrecordError as exc:  # a clear refusal, in one line
        assert "\n" not in str(exc) and str(exc)
        return
    validate_analysis(record)
    assert record["text"] == text
    for st_ in record["statements"]:
        assert all(0 <= a <= b <= len(text) for a, b in st_["content"]["spans"])
    for ent in record["entities"]:
        assert all(text[a:b] for a, b in ent["mentions"])


# -- the API: bodies, query parameters, cursors ----------------------------------------


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from onrecord.web import create_app

    db = tmp_path_factory.mktemp("fuzz-api") / "api.db"
    with TestClient(create_app(str(db), token=TOKEN, cache_bytes=0)) as client:
        yield client


OK_WRITE = {200, 201, 400, 413, 422}
BODY = st.one_of(
    RECORD.map(lambda r: json.dumps(r).encode()),
    JSON_VALUE.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=300),
)


@settings(max_examples=examples(60))
@given(body=BODY, url=st.sampled_from(["/api/articles", "/api/analyze"]))
def test_api_bodies(api: Any, body: bytes, url: str) -> None:
    before = api.get("/api/stats").json()["articles"]
    r = api.post(url, content=body, headers={**AUTH, "content-type": "application/json"})
    assert r.status_code in OK_WRITE, (r.status_code, r.text[:200])
    assert isinstance(r.json(), dict)
    after = api.get("/api/stats").json()["articles"]
    # stored counts agree with the answer: one more for a 201, none otherwise
    assert after == before + (r.status_code == 201), r.text[:200]
    if r.status_code == 200 and url == "/api/articles":
        again = api.get(f"/api/articles/{r.json()['article_id']}")
        assert again.status_code == 200


LISTINGS = ["articles", "statements", "actors", "events", "contradictions", "utterances",
            "deadlines"]  # fmt: skip
PARAM = st.one_of(
    st.text(ANY_CHAR, max_size=20), st.integers().map(str), st.dates().map(str),
    st.sampled_from(["", "-1", "0", "9" * 30, "1e9", "direct", "NaN", "%00"]),
)  # fmt: skip
PARAMS = st.dictionaries(
    st.sampled_from(["limit", "cursor", "q", "speaker", "since", "until", "kind", "article",
                     "as_of", "type", "actor"]),
    PARAM, max_size=4,
)  # fmt: skip


def safe_params(params: dict[str, str]) -> dict[str, str]:
    # what an HTTP client can send: a URL carries UTF-8, so no lone surrogates
    return {k: v.encode("utf-8", "replace").decode("utf-8") for k, v in params.items()}


@settings(max_examples=examples(80))
@given(listing=st.sampled_from(LISTINGS), params=PARAMS)
def test_api_query_parameters(api: Any, listing: str, params: dict[str, str]) -> None:
    r = api.get(f"/api/{listing}", params=safe_params(params))
    assert r.status_code in {200, 400, 422}, (r.status_code, r.text[:200])
    if r.status_code == 200:
        assert set(r.json()) == {"items", "next"}


CURSOR = st.one_of(
    st.text(ANY_CHAR, max_size=40),
    JSON_VALUE.map(lambda v: base64.urlsafe_b64encode(json.dumps(v).encode()).decode()),
    st.lists(st.one_of(st.integers(), st.text(max_size=5), st.booleans(), st.floats()),
             max_size=7).map(lambda v: base64.urlsafe_b64encode(json.dumps(v).encode()).decode()),
)  # fmt: skip


@settings(max_examples=examples(80))
@given(listing=st.sampled_from(LISTINGS), cursor=CURSOR)
def test_api_cursors(api: Any, listing: str, cursor: str) -> None:
    r = api.get(f"/api/{listing}", params=safe_params({"cursor": cursor}))
    assert r.status_code in {200, 400}, (r.status_code, r.text[:200])
    if r.status_code == 400:
        assert r.json() == {"error": "invalid cursor"}


def test_readers_of_a_whole_folder_agree_with_each_file(folder: Path) -> None:
    """Read together (a folder) or one by one, the same items: one file's
    trouble never changes another's."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    assert files, "the reader tests above leave their last inputs here"
    together = [type(i).__name__ for i in read_inputs([folder])]
    alone = [type(i).__name__ for f in files for i in read_inputs([f])]
    assert sorted(together) == sorted(alone)
