"""The store: ingest, idempotency, interruption, search, actors, export.

Real SQLite files in a temporary directory, the real spaCy model, the seed
and PolNeAR dev texts as input.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from onrecord.store import SearchQuery, SqlStore, open_store

from .helpers import (
    DEV_TEXTS,
    SEED,
    actors_seen_opening_at_once,
    assert_actor_answers,
    assert_summaries_agree,
    check_activity,
    check_statement_pages,
    jsonl_of,
    run,
    sqlite_query,
    syndicated_copy,
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store filled from the seed and 12 PolNeAR dev articles."""
    tmp = tmp_path_factory.mktemp("store")
    db = tmp / "corpus.db"
    src = jsonl_of(DEV_TEXTS[:12], tmp / "dev.jsonl")
    code, _, err = run("ingest", str(SEED), str(src), "--db", str(db), "--workers", "2")
    assert code == 0, err
    return db


def stats(db: Path) -> dict[str, Any]:
    code, out, _ = run("stats", "--json", "--db", str(db))
    assert code == 0
    return dict(json.loads(out))


def test_counts_after_ingest(corpus: Path) -> None:
    s = stats(corpus)
    assert s["articles"] == 13
    assert s["statements"] >= 200
    assert 20 <= s["actors"] < s["statements"]
    conn = sqlite3.connect(corpus)
    # every article holds exactly the statements it says it has
    bad = conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN statements s ON s.article_id = a.id"
        " GROUP BY a.id HAVING COUNT(s.id) != MAX(a.n_statements)"
    ).fetchall()
    assert bad == []


def test_summaries_after_ingest(corpus: Path) -> None:
    query = sqlite_query(corpus)
    assert_summaries_agree(query)
    assert len(query("SELECT * FROM actor_days")) > 20
    assert len(query("SELECT * FROM event_participants")) > 5
    store = open_store(str(corpus))
    assert isinstance(store, SqlStore)
    try:
        assert store._missing_summaries() == []  # up to date: nothing to fill on open
        assert_actor_answers(store, query)
    finally:
        store.close()


def version(db: Path) -> int:
    store = open_store(str(db))
    try:
        return store.version()
    finally:
        store.close()


def test_reingest_stores_nothing_twice(corpus: Path, tmp_path: Path) -> None:
    before, before_version = stats(corpus), version(corpus)
    assert before_version > 0
    src = jsonl_of(DEV_TEXTS[:3], tmp_path / "again.jsonl")
    code, _, err = run("ingest", str(SEED), str(src), "--db", str(corpus))
    assert code == 0
    assert "4 duplicate" in err
    assert stats(corpus) == before
    assert version(corpus) == before_version  # nothing changed: pages may be served as cached
    assert_summaries_agree(sqlite_query(corpus))


def test_near_duplicate_is_linked_not_counted(corpus: Path, tmp_path: Path) -> None:
    copy = syndicated_copy(tmp_path)
    before, before_version = stats(corpus), version(corpus)
    code, _, err = run("ingest", str(copy), "--db", str(corpus))
    assert code == 0 and "1 near-duplicate" in err
    assert version(corpus) > before_version  # a new link is a change
    after = stats(corpus)
    assert after["articles"] == before["articles"]
    assert after["statements"] == before["statements"]
    assert after["near_duplicates"] == before["near_duplicates"] + 1
    assert_summaries_agree(sqlite_query(corpus))


def copy_store(db: Path, to: Path) -> Path:
    with sqlite3.connect(db) as src, sqlite3.connect(to) as dst:
        src.backup(dst)
    return to


@pytest.mark.parametrize("how", ["drop", "delete"])
def test_summaries_filled_on_open(corpus: Path, tmp_path: Path, how: str) -> None:
    """A store from before the summary tables (or written directly, as the
    benchmark does) gets them filled when it is opened, once."""
    old = copy_store(corpus, tmp_path / "old.db")
    with sqlite3.connect(old) as conn:
        if how == "drop":
            conn.executescript(
                "DROP TABLE actor_stats; DROP TABLE actor_days; DROP TABLE event_participants;"
                " DROP INDEX event_statuses_source;"
            )
        else:
            conn.executescript(
                "DELETE FROM actor_stats; DELETE FROM actor_days; DELETE FROM event_participants;"
            )
    query = sqlite_query(old)

    assert actors_seen_opening_at_once(str(old)) == [stats(corpus)["actors"]] * 4
    assert_summaries_agree(query)
    assert query("SELECT * FROM actor_stats") == sqlite_query(corpus)("SELECT * FROM actor_stats")
    store = open_store(str(old))
    assert isinstance(store, SqlStore)
    try:
        assert_actor_answers(store, query)
    finally:
        store.close()


def test_summaries_with_add_many_and_undated(tmp_path: Path) -> None:
    """Articles stored one by one or many in one transaction, with and without
    dates, in either order: the same summaries, equal to grouping statements."""
    from onrecord.pipeline import analyze_text

    dated = analyze_text(SEED.read_text(encoding="utf-8"), dt.date(2025, 8, 22), id="seed")
    undated = copy.deepcopy(dated)
    undated.update(id="undated", published=None)
    for st in undated["statements"]:
        st["date"] = None  # no sort date at all
    partly = copy.deepcopy(dated)
    partly.update(id="partly", published="2025-09-01")
    for st in partly["statements"][::2]:
        st["date"] = None  # the publication date instead
    items = [(rec, rec["id"], None, None, "test") for rec in (undated, dated, partly)]
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    store = open_store(str(one))
    for item in reversed(items):
        store.add(*item)
    store.close()
    store = open_store(str(many))
    assert isinstance(store, SqlStore)
    assert [r.status for r in store.add_many(items)] == ["stored"] * 3
    assert [r.status for r in store.add_many(items)] == ["duplicate"] * 3
    store.close()
    for db in (one, many):
        assert_summaries_agree(sqlite_query(db))
    summary = sqlite_query(one)("SELECT * FROM actor_stats ORDER BY actor_id")
    assert summary == sqlite_query(many)("SELECT * FROM actor_stats ORDER BY actor_id")
    assert "2025-08-21" in {r[3] for r in summary} and "2025-09-01" in {r[4] for r in summary}
    # actors quoted only without a date: no first or last day, no days
    nodates = tmp_path / "nodates.db"
    store = open_store(str(nodates))
    assert isinstance(store, SqlStore)
    store.add(undated, "undated", None, None, "test")
    query = sqlite_query(nodates)
    assert_summaries_agree(query)
    assert {r[3:] for r in query("SELECT * FROM actor_stats")} == {(None, None)}
    assert query("SELECT * FROM actor_days") == []
    top = store.actors(top=50)
    assert top and all(a["first"] is None and a["last"] is None for a in top)
    found = store.actor_by_id(top[0]["id"])
    assert found is not None
    assert found["per_day"] == []
    assert found["statements"] == top[0]["statements"] > 0
    store.close()


def test_search_text_newest_first(corpus: Path) -> None:
    code, out, _ = run("search", "no meeting planned", "--json", "--db", str(corpus))
    assert code == 0
    rows = json.loads(out)
    assert rows and rows[0]["speaker"] == "Sergei Lavrov"
    assert any("There is no meeting planned" in r["content"] for r in rows)
    code, out, _ = run("search", "Clinton", "--json", "--limit", "50", "--db", str(corpus))
    dates = [r["sort_date"] for r in json.loads(out)]
    assert len(dates) > 5 and dates == sorted(dates, reverse=True)


def test_statement_pages_follow_search_order_with_undated(tmp_path: Path) -> None:
    db = tmp_path / "pages.db"
    src = jsonl_of(DEV_TEXTS[:3], tmp_path / "dated.jsonl")
    # Lavrov a year and a half before the seed: an activity long enough for weeks,
    # months and years
    earlier = tmp_path / "earlier.jsonl"
    earlier.write_text(json.dumps({
        "id": "earlier", "published": "2024-01-15",
        "text": "MOSCOW, Jan 15, 2024\nSergei Lavrov said the talks had failed.\n",
    }) + "\n")  # fmt: skip
    # a plain text file has no date line: its statements are undated
    code, _, err = run("ingest", str(SEED), str(src), str(earlier), str(DEV_TEXTS[3]),
                       "--db", str(db))  # fmt: skip
    assert code == 0, err
    store = open_store(str(db))
    try:
        assert isinstance(store, SqlStore)
        walks = check_statement_pages(store)
        assert check_activity(store) == {"day", "week", "month", "year"}
        dates = [s["sort_date"] for s in store.search(SearchQuery(limit=10**6))]
        assert None in dates and dates[-1] is None  # undated ones exist, and come last
        assert len(walks["all"]) == store.stats()["statements"]
    finally:
        store.close()


def test_search_by_speaker_and_date(corpus: Path) -> None:
    code, out, _ = run("search", "--speaker", "Lavrov", "--since", "2025-08-01", "--json",
                       "--db", str(corpus))  # fmt: skip
    assert code == 0
    rows = json.loads(out)
    assert len(rows) >= 6 and {r["speaker"] for r in rows} == {"Sergei Lavrov"}
    code, out, _ = run("search", "--speaker", "Lavrov", "--since", "2025-09-01", "--json",
                       "--db", str(corpus))  # fmt: skip
    assert json.loads(out) == []


def test_search_survives_query_syntax(corpus: Path) -> None:
    for q in ['"unbalanced', "AND OR NOT", "a*b(c)", "NEAR(", "-"]:
        code, _, err = run("search", q, "--json", "--db", str(corpus))
        assert code == 0, err
    store = open_store(str(corpus))
    assert isinstance(store, SqlStore)
    try:
        # a NUL (not passable on a command line; it can come over HTTP) separates words
        plain = store.search(SearchQuery(text="no meeting", speaker="Lavrov"))
        assert plain
        assert store.search(SearchQuery(text="no\x00meeting", speaker="Lav\x00rov")) == []
        assert store.search(SearchQuery(text="no\x00meeting", speaker="Lavrov")) == plain
        assert store.statements_page(SearchQuery(text="\x00meeting\x00"))
    finally:
        store.close()


def test_actor_timeline_and_aliases(corpus: Path) -> None:
    code, out, _ = run("actor", "Lavrov", "--json", "--db", str(corpus))
    assert code == 0
    info = json.loads(out)
    assert info["name"] == "Sergei Lavrov" and info["kind"] == "PERSON"
    assert {"Sergei Lavrov", "Lavrov"} <= set(info["aliases"])
    dates = [s["sort_date"] for s in info["statements"]]
    assert dates == sorted(dates)
    code, _, err = run("actor", "Nobody Atall", "--db", str(corpus))
    assert code == 2 and "no speaker" in err  # an unknown name: one line, exit 2


def test_people_sharing_a_surname_stay_apart(corpus: Path) -> None:
    conn = sqlite3.connect(corpus)
    names = [r[0] for r in conn.execute("SELECT name FROM actors WHERE kind = 'PERSON'")]
    assert len(names) == len(set(names)), "one person, one actor"
    assert "Donald Trump" in names
    trumps = [n for n in names if n.endswith("Trump")]
    assert trumps.count("Donald Trump") == 1
    clintons = {n for n in names if n.endswith("Clinton")}
    assert "Hillary Clinton" in clintons
    # Bill and Hillary Clinton, if both speak, are two actors
    assert len(clintons) == len({n.split()[0] for n in clintons})


def test_actors_top(corpus: Path) -> None:
    code, out, _ = run("actors", "--top", "5", "--json", "--db", str(corpus))
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5
    counts = [r["statements"] for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_export_round_trips(corpus: Path, tmp_path: Path) -> None:
    store = open_store(str(corpus))
    expected = list(store.iter_statements())
    store.close()
    code, out, _ = run("export", "statements", "--format", "jsonl", "--db", str(corpus))
    assert code == 0 and [json.loads(x) for x in out.splitlines()] == expected
    csv_path = tmp_path / "s.csv"
    run("export", "statements", "--format", "csv", "-o", str(csv_path), "--db", str(corpus))
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["id"]) for r in rows] == [e["id"] for e in expected]
    assert [r["content"] for r in rows] == [e["content"] for e in expected]
    assert [json.loads(r["spans"]) for r in rows] == [e["spans"] for e in expected]
    import pyarrow.parquet as pq

    pq_path = tmp_path / "s.parquet"
    code, _, _ = run("export", "statements", "--format", "parquet", "-o", str(pq_path),
                     "--db", str(corpus))  # fmt: skip
    table = pq.read_table(pq_path).to_pylist()
    assert [r["id"] for r in table] == [e["id"] for e in expected]
    assert [r["speaker"] for r in table] == [e["speaker"] for e in expected]
    assert [json.loads(r["spans"]) for r in table] == [e["spans"] for e in expected]


def test_bad_file_reported_rest_stored(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    code, _, err = run("ingest", str(bad), str(SEED), "--db", str(db))
    assert code == 1
    assert str(bad) in err and "binary" in err
    assert stats(db)["articles"] == 1


def test_store_api_in_memory() -> None:
    store = open_store("sqlite:///:memory:")
    assert store.stats()["articles"] == 0
    assert store.search(SearchQuery(text="anything")) == []
    store.close()


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    code, _, err = run("stats", "--db", str(junk))
    assert code != 0 and "not an onrecord SQLite store" in err


@pytest.mark.slow
def test_interrupted_ingest_resumes(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    src = jsonl_of(DEV_TEXTS[:24], tmp_path / "many.jsonl")
    cmd = [sys.executable, "-m", "onrecord", "ingest", str(src), "--db", str(db),
           "--workers", "2"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 3:
            break
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGKILL)  # kill -9, workers included
    proc.wait()
    conn = sqlite3.connect(db)
    half = conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN statements s ON s.article_id = a.id"
        " GROUP BY a.id HAVING COUNT(s.id) != MAX(a.n_statements)"
    ).fetchall()
    assert half == []  # no half article
    partial = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 3 <= partial < 24
    conn.close()
    assert_summaries_agree(sqlite_query(db))  # written with each article, or not at all
    code, _, err = run("ingest", str(src), "--db", str(db))
    assert code == 0, err
    assert f"{partial} duplicate" in err  # the stored ones were skipped, not analyzed again
    assert stats(db)["articles"] == 24
    assert_summaries_agree(sqlite_query(db))
