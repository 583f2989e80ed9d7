"""The PostgreSQL store, against a real server started for these tests.

A throw-away cluster from the installed PostgreSQL server binaries (Debian:
``/usr/lib/postgresql/*/bin``) in a temporary directory, listening on
127.0.0.1 only. Without a server the tests are skipped, saying why; in CI
(``CI`` set) they fail instead, so they never go missing silently.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import pytest

from onrecord.store import SearchQuery, SqlStore, open_store
from onrecord.store.postgres import PostgresStore
from onrecord.store.sqlite import SqliteStore

from .helpers import (
    DEV_TEXTS,
    SEED,
    PgServer,
    actors_seen_opening_at_once,
    assert_actor_answers,
    assert_summaries_agree,
    check_activity,
    check_statement_pages,
    jsonl_of,
    pg_query,
    query,
    run,
    sqlite_query,
    syndicated_copy,
)

pytestmark = [pytest.mark.service, pytest.mark.slow]  # a PostgreSQL server of their own


@pytest.fixture(scope="module")
def corpus(pg: PgServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PostgreSQL store filled from the seed and 12 PolNeAR dev articles."""
    url = pg.new_database("corpus")
    src = jsonl_of(DEV_TEXTS[:12], tmp_path_factory.mktemp("pg") / "dev.jsonl")
    code, _, err = run("ingest", str(SEED), str(src), "--db", url, "--workers", "2")
    assert code == 0, err
    return url


def stats(db: str) -> dict[str, Any]:
    code, out, err = run("stats", "--json", "--db", db)
    assert code == 0, err
    return dict(json.loads(out))


def test_counts_after_ingest(corpus: str) -> None:
    s = stats(corpus)
    assert s["articles"] == 13
    assert s["statements"] >= 200
    assert 20 <= s["actors"] < s["statements"]
    bad = query(
        corpus,
        "SELECT a.id FROM articles a LEFT JOIN statements s ON s.article_id = a.id"
        " GROUP BY a.id HAVING COUNT(s.id) != MAX(a.n_statements)",
    )
    assert bad == []
    # the full-text column is filled for every statement
    assert query(corpus, "SELECT COUNT(*) FROM statements WHERE content_tsv IS NULL") == [(0,)]


def test_summaries_after_ingest(corpus: str) -> None:
    assert_summaries_agree(pg_query(corpus))
    assert query(corpus, "SELECT COUNT(*) FROM event_participants")[0][0] > 5
    store = open_store(corpus)
    assert isinstance(store, PostgresStore)
    try:
        assert store._missing_summaries() == []  # up to date: nothing to fill on open
        assert_actor_answers(store, pg_query(corpus))
        assert store.conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    finally:
        store.close()


def test_reingest_stores_nothing_twice(corpus: str, tmp_path: Path) -> None:
    before = stats(corpus)
    src = jsonl_of(DEV_TEXTS[:3], tmp_path / "again.jsonl")
    code, _, err = run("ingest", str(SEED), str(src), "--db", corpus)
    assert code == 0, err
    assert "4 duplicate" in err
    assert stats(corpus) == before
    assert_summaries_agree(pg_query(corpus))


def test_near_duplicate_is_linked_not_counted(corpus: str, tmp_path: Path) -> None:
    copy = syndicated_copy(tmp_path)
    before = stats(corpus)
    code, _, err = run("ingest", str(copy), "--db", corpus)
    assert code == 0 and "1 near-duplicate" in err, err
    after = stats(corpus)
    assert after["articles"] == before["articles"]
    assert after["statements"] == before["statements"]
    assert after["near_duplicates"] == before["near_duplicates"] + 1
    linked = query(corpus, "SELECT duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")
    assert linked and all(r[0] is not None for r in linked)
    assert_summaries_agree(pg_query(corpus))


@pytest.mark.parametrize("how", ["drop", "delete"])
def test_summaries_filled_on_open(pg: PgServer, corpus: str, how: str) -> None:
    """A store from before the summary tables gets them filled when opened, once,
    however many open it at the same time."""
    name = f"old_{how}"
    with psycopg.connect(pg.url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE corpus')
    pg.databases.add(name)
    url = pg.url(name)
    with psycopg.connect(url, autocommit=True) as conn:
        if how == "drop":
            for table in ("actor_stats", "actor_days", "event_participants"):
                conn.execute(f"DROP TABLE {table}")
            conn.execute("DROP INDEX event_statuses_source")
        else:
            for table in ("actor_stats", "actor_days", "event_participants"):
                conn.execute(f"DELETE FROM {table}")

    assert actors_seen_opening_at_once(url) == [stats(corpus)["actors"]] * 4
    assert_summaries_agree(pg_query(url))
    table = "SELECT * FROM actor_stats ORDER BY actor_id"
    assert query(url, table) == query(corpus, table)
    assert query(url, "SELECT 1 FROM pg_indexes WHERE indexname = 'event_statuses_source'")
    store = open_store(url)
    assert isinstance(store, PostgresStore)
    try:
        assert_actor_answers(store, pg_query(url))
    finally:
        store.close()


def test_search_text_newest_first(corpus: str) -> None:
    code, out, _ = run("search", "no meeting planned", "--json", "--db", corpus)
    assert code == 0
    rows = json.loads(out)
    assert rows and rows[0]["speaker"] == "Sergei Lavrov"
    assert any("There is no meeting planned" in r["content"] for r in rows)
    code, out, _ = run("search", "Clinton", "--json", "--limit", "50", "--db", corpus)
    dates = [r["sort_date"] for r in json.loads(out)]
    assert len(dates) > 5 and dates == sorted(dates, reverse=True)


def test_search_by_speaker_and_date(corpus: str) -> None:
    code, out, _ = run("search", "--speaker", "Lavrov", "--since", "2025-08-01", "--json",
                       "--db", corpus)  # fmt: skip
    assert code == 0
    rows = json.loads(out)
    assert len(rows) >= 6 and {r["speaker"] for r in rows} == {"Sergei Lavrov"}
    code, out, _ = run("search", "--speaker", "Lavrov", "--since", "2025-09-01", "--json",
                       "--db", corpus)  # fmt: skip
    assert json.loads(out) == []


STRAY = ['"unbalanced', "AND OR NOT", "a*b(c)", "NEAR(", "-", "!", "&|", "<->", ":*", "'", "or",
         "(((", '""', "- - -", "foo:* & !bar", "\\", "%s", "?", "a\x00b"]  # fmt: skip


def test_search_survives_query_syntax(corpus: str) -> None:
    for q in STRAY:
        if "\x00" in q:
            continue  # not passable as a command-line argument; the API check below has it
        code, out, err = run("search", "--json", "--db", corpus, "--", q)
        assert code == 0, (q, err)
        assert isinstance(json.loads(out), list)
    store = open_store(corpus)
    try:
        for q in STRAY:
            store.search(SearchQuery(text=q))
        # a quoted phrase is a phrase, and stray operators don't hide the words
        assert store.search(SearchQuery(text='"no meeting planned'))
        assert store.search(SearchQuery(text='"no meeting planned"'))
        assert store.search(SearchQuery(text="meeting AND planned"))
    finally:
        store.close()


def test_reads_leave_no_open_transaction(corpus: str) -> None:
    store = open_store(corpus)
    assert isinstance(store, PostgresStore)
    try:
        store.search(SearchQuery(text="Clinton"))
        store.actor("Lavrov")
        store.stats()
        list(store.iter_statements())
        assert store.conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    finally:
        store.close()


def test_actor_timeline_and_aliases(corpus: str) -> None:
    code, out, _ = run("actor", "Lavrov", "--json", "--db", corpus)
    assert code == 0
    info = json.loads(out)
    assert info["name"] == "Sergei Lavrov" and info["kind"] == "PERSON"
    assert {"Sergei Lavrov", "Lavrov"} <= set(info["aliases"])
    dates = [s["sort_date"] for s in info["statements"]]
    assert dates == sorted(dates)
    code, _, err = run("actor", "Nobody Atall", "--db", corpus)
    assert code == 2 and "no speaker" in err  # an unknown name: one line, exit 2


def test_people_sharing_a_surname_stay_apart(corpus: str) -> None:
    names = [r[0] for r in query(corpus, "SELECT name FROM actors WHERE kind = 'PERSON'")]
    assert len(names) == len(set(names)), "one person, one actor"
    assert [n for n in names if n.endswith("Trump")].count("Donald Trump") == 1
    assert "Hillary Clinton" in {n for n in names if n.endswith("Clinton")}


def test_actors_top(corpus: str) -> None:
    code, out, _ = run("actors", "--top", "5", "--json", "--db", corpus)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5
    counts = [r["statements"] for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_export_round_trips(corpus: str) -> None:
    store = open_store(corpus)
    expected = list(store.iter_statements())
    store.close()
    code, out, _ = run("export", "statements", "--format", "jsonl", "--db", corpus)
    assert code == 0 and [json.loads(x) for x in out.splitlines()] == expected
    assert [e["id"] for e in expected] == sorted(e["id"] for e in expected)
    assert all(isinstance(e["spans"], list) for e in expected)


def test_same_results_as_sqlite(pg: PgServer, tmp_path: Path) -> None:
    """The same inputs give the same store in SQLite and in PostgreSQL."""
    src = jsonl_of(DEV_TEXTS[12:16], tmp_path / "eq.jsonl")
    sqlite_db = str(tmp_path / "eq.db")
    pg_db = pg.new_database("equivalence")
    # Lavrov long before the seed: an activity binned by weeks, months and years
    earlier = tmp_path / "earlier.jsonl"
    earlier.write_text(json.dumps({
        "id": "earlier", "published": "2024-01-15",
        "text": "MOSCOW, Jan 15, 2024\nSergei Lavrov said the talks had failed.\n",
    }) + "\n")  # fmt: skip
    for db in (sqlite_db, pg_db):
        # the plain text file has no date line: undated statements too
        code, _, err = run("ingest", str(SEED), str(src), str(earlier), str(DEV_TEXTS[16]),
                           "--db", db, "--workers", "1")  # fmt: skip
        assert code == 0, err
    assert stats(pg_db) == stats(sqlite_db)
    assert stats(pg_db)["articles"] == 7

    def export(db: str) -> list[dict[str, Any]]:
        code, out, err = run("export", "statements", "--format", "jsonl", "--db", db)
        assert code == 0, err
        return [json.loads(x) for x in out.splitlines()]

    lite, post = export(sqlite_db), export(pg_db)
    assert [(s["id"], s["speaker"], s["content"]) for s in post] == [
        (s["id"], s["speaker"], s["content"]) for s in lite
    ]
    assert post == lite  # dates, spans, cues, actors and articles alike too
    for args in (["actors", "--top", "10"], ["search", "--speaker", "Lavrov"],
                 ["search", "said", "--limit", "30"], ["actor", "Lavrov"]):  # fmt: skip
        outs = [run(*args, "--json", "--db", db)[1] for db in (sqlite_db, pg_db)]
        assert json.loads(outs[0]) == json.loads(outs[1]), args
    for table in ("SELECT * FROM actor_stats ORDER BY actor_id",
                  "SELECT * FROM actor_days ORDER BY actor_id, day",
                  "SELECT * FROM event_participants ORDER BY actor_id, group_id"):  # fmt: skip
        assert query(pg_db, table) == sqlite_query(Path(sqlite_db))(table), table
    stores: list[SqlStore] = [SqliteStore(sqlite_db), PostgresStore(pg_db)]
    try:
        for (actor_id,) in query(pg_db, "SELECT id FROM actors ORDER BY id"):
            lite_actor, pg_actor = (s.actor_by_id(actor_id) for s in stores)
            assert lite_actor == pg_actor
        assert stores[0].stats() == stores[1].stats()
        # cursor pages: each backend in its own search order; the same pages where
        # no words are matched (SQLite matches word prefixes, PostgreSQL stems)
        lite_pages, pg_pages = (check_statement_pages(s) for s in stores)
        for name in ("all", "speaker", "since"):
            assert lite_pages[name] == pg_pages[name], name
        # activity binned in SQL (weeks differ in syntax between the two)
        assert check_activity(stores[1]) == {"day", "week", "month", "year"}
    finally:
        for s in stores:
            s.close()


def test_interrupted_ingest_resumes(pg: PgServer, tmp_path: Path) -> None:
    url = pg.new_database("interrupted")
    src = jsonl_of(DEV_TEXTS[16:30], tmp_path / "many.jsonl")
    cmd = [sys.executable, "-m", "onrecord", "ingest", str(src), "--db", url, "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            (stored,) = query(url, "SELECT COUNT(*) FROM articles")[0]
        except psycopg.Error:
            continue  # the tables are not there yet
        if stored >= 3:
            break
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGKILL)  # kill -9, workers included
    proc.wait()
    half = query(
        url,
        "SELECT a.id FROM articles a LEFT JOIN statements s ON s.article_id = a.id"
        " GROUP BY a.id HAVING COUNT(s.id) != MAX(a.n_statements)",
    )
    assert half == []  # no half article
    assert_summaries_agree(pg_query(url))  # written with each article, or not at all
    (partial,) = query(url, "SELECT COUNT(*) FROM articles")[0]
    assert 3 <= partial < 14
    code, _, err = run("ingest", str(src), "--db", url)
    assert code == 0, err
    assert f"{partial} duplicate" in err  # the stored ones were skipped, not analyzed again
    assert stats(url)["articles"] == 14
    assert_summaries_agree(pg_query(url))


def test_schema_creation_is_safe_concurrently(pg: PgServer) -> None:
    url = pg.new_database("concurrent")

    def open_close(_: int) -> int:
        store = PostgresStore(url)
        n = int(store.stats()["articles"])
        store.close()
        return n

    with ThreadPoolExecutor(6) as pool:
        assert list(pool.map(open_close, range(6))) == [0] * 6
    # and again, on the existing tables
    assert open_close(0) == 0


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://nobody@127.0.0.1:1/x",
        "postgresql://nobody:s3cr3t-pw@127.0.0.1:1/x",
        "postgres://nobody@127.0.0.1:notaport/x",
    ],
)
def test_unreachable_server_is_a_clear_error(url: str) -> None:
    code, out, err = run("stats", "--db", url)  # `run` also asserts no traceback
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "127.0.0.1" in lines[0]
    assert "s3cr3t-pw" not in err + out
