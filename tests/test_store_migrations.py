"""The store's schema version and migrations, its interface, its closing, and
the shared steps of storing an article (corpus/accept.py).

SQLite stores in a temporary directory; the PostgreSQL ones on a throw-away
server (the ``pg`` fixture), each made from a store the CLI filled from the seed.
"""

from __future__ import annotations

import ast
import inspect
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from onrecord.errors import OnrecordError
from onrecord.store import SqlStore, Store, open_store
from onrecord.store import migrations as migrations_module
from onrecord.store.dedupe import NEAR_DUPLICATE_THRESHOLD, bands, content_hash, signature
from onrecord.store.migrations import MIGRATIONS, Versioned, current_version, migration
from onrecord.store.schema import statements

from .helpers import SEED, PgServer, assert_summaries_agree, query, run, sqlite_query

SRC = Path(__file__).resolve().parents[1] / "src" / "onrecord"
SUMMARY_TABLES = ("actor_stats", "actor_days", "event_participants")


def newer_line(name: str, found: int) -> str:
    return (
        f"error: {name}: store schema version {found} is newer than this onrecord's"
        f" ({current_version()}); upgrade onrecord"
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store the CLI filled from the seed article."""
    db = tmp_path_factory.mktemp("seeded") / "seeded.db"
    code, _, err = run("ingest", str(SEED), "--db", str(db), "--workers", "1")
    assert code == 0, err
    return db


def copy_of(db: Path, to: Path) -> Path:
    with sqlite3.connect(db) as src, sqlite3.connect(to) as dst:
        src.backup(dst)
    return to


def execute(db: Path, *sql: str) -> None:
    with sqlite3.connect(db) as conn:
        for statement in sql:
            conn.execute(statement)


#: a store of this code made as one of version 1 was: without the tables of
#: version 2 (the user's actor rules), its version 1
AS_VERSION_1 = (
    "DROP TABLE actor_rule_names",
    "DROP TABLE actor_rules",
    "UPDATE schema_version SET version = 1",
)


def version_of(db: Path) -> list[tuple[Any, ...]]:
    return sqlite_query(db)("SELECT version FROM schema_version")


def tables_of(db: Path) -> set[str]:
    return {r[0] for r in sqlite_query(db)("SELECT name FROM sqlite_master WHERE type = 'table'")}


def recorded(calls: list[int], version: int, step: Callable[[Versioned], None]) -> Any:
    def run_step(store: Versioned) -> None:
        calls.append(version)
        step(store)

    return run_step


# -- the schema version (SQLite) -----------------------------------------------


def test_this_code_is_at_its_last_migration() -> None:
    # version 1 is the first schema, that of stores from before versions were recorded
    assert current_version() == max(MIGRATIONS, default=1) == 3
    assert list(MIGRATIONS) == list(range(2, current_version() + 1))


def test_a_new_store_records_the_current_version(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with open_store(str(db)) as store:
        assert store.stats()["articles"] == 0
    assert version_of(db) == [(current_version(),)]
    with open_store(str(db)):
        pass
    assert version_of(db) == [(current_version(),)]  # one row, however often opened


@pytest.mark.parametrize("before", ["versions", "summaries"])
def test_a_store_from_before_versions_is_migrated(
    seeded: Path, tmp_path: Path, before: str
) -> None:
    """A store written before versions were recorded is version 1: opened, it is
    brought to the current version, its summary tables (even if it predates
    them) made and filled, its data as it was."""
    old = copy_of(seeded, tmp_path / "old.db")
    execute(old, "DROP TABLE schema_version")
    if before == "summaries":
        execute(old, *(f"DROP TABLE {t}" for t in SUMMARY_TABLES))
    code, out, err = run("stats", "--json", "--db", str(old))
    assert code == 0, err
    assert out == run("stats", "--json", "--db", str(seeded))[1]
    assert version_of(old) == [(current_version(),)]
    assert_summaries_agree(sqlite_query(old))
    same = "SELECT * FROM actor_stats ORDER BY actor_id"
    assert sqlite_query(old)(same) == sqlite_query(seeded)(same) != []


def test_a_newer_store_is_refused_and_left_alone(seeded: Path, tmp_path: Path) -> None:
    newer = copy_of(seeded, tmp_path / "newer.db")
    # as a newer onrecord might have left it: a table gone, the version raised
    execute(newer, "DROP TABLE actor_days", "UPDATE schema_version SET version = 7")
    code, out, err = run("stats", "--db", str(newer))
    assert (code, out) == (2, "")
    assert err.splitlines() == [newer_line(str(newer), 7)]
    with pytest.raises(OnrecordError) as refused:
        open_store(str(newer))
    assert f"error: {refused.value}" == newer_line(str(newer), 7)
    assert "actor_days" not in tables_of(newer)  # nothing created in it
    assert version_of(newer) == [(7,)]


def add_language(store: Versioned) -> None:
    store._exec("ALTER TABLE articles ADD COLUMN language TEXT")


def fill_language(store: Versioned) -> None:
    store._exec("UPDATE articles SET language = 'en'")


def fail(store: Versioned) -> None:
    raise RuntimeError("migration 3 failed")


def test_migrations_run_in_order_once(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setitem(MIGRATIONS, 2, recorded(calls, 2, add_language))
    monkeypatch.setitem(MIGRATIONS, 3, recorded(calls, 3, fill_language))
    assert current_version() == 3
    current = copy_of(seeded, tmp_path / "v1.db")
    execute(current, *AS_VERSION_1)
    unversioned = copy_of(seeded, tmp_path / "none.db")
    execute(unversioned, "DROP TABLE schema_version")
    for db in (current, unversioned):
        calls.clear()
        open_store(str(db)).close()
        assert calls == [2, 3]
        assert version_of(db) == [(3,)]
        assert sqlite_query(db)("SELECT DISTINCT language FROM articles") == [("en",)]
        open_store(str(db)).close()
        assert calls == [2, 3]  # not again
    calls.clear()
    open_store(str(tmp_path / "new.db")).close()
    assert calls == []  # a new store is made at the current version
    assert version_of(tmp_path / "new.db") == [(3,)]


def test_a_failed_migration_changes_nothing(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(MIGRATIONS, 2, add_language)
    monkeypatch.setitem(MIGRATIONS, 3, fail)
    db = copy_of(seeded, tmp_path / "v1.db")
    execute(db, *AS_VERSION_1)
    with pytest.raises(RuntimeError, match="migration 3 failed"):
        open_store(str(db))
    assert version_of(db) == [(1,)]
    columns = [r[1] for r in sqlite_query(db)("PRAGMA table_info(articles)")]
    assert "language" not in columns  # migration 2 rolled back with it


def test_migration_numbers_follow_the_last(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations_module, "MIGRATIONS", {})
    for number in (1, 3):  # 1 is the first schema; 2 comes next
        with pytest.raises(ValueError, match=f"migration {number} registered where 2 comes next"):
            migration(number)(add_language)
    assert migration(2)(add_language) is add_language
    assert migration(3)(fill_language) is fill_language
    registered = migrations_module.MIGRATIONS
    assert registered == {2: add_language, 3: fill_language}
    assert current_version() == 3


def test_version_errors_name_the_store_in_one_line() -> None:
    error = migrations_module.newer_store("db.sqlite", 9, 1)
    assert str(error) == (
        "db.sqlite: store schema version 9 is newer than this onrecord's (1); upgrade onrecord"
    )


# -- the schema, written once ----------------------------------------------------


def test_both_dialects_share_one_description() -> None:
    lite, post = statements("sqlite"), statements("postgresql")
    assert len(lite) == len(post) and not any("{" in s for s in lite + post)
    created = [s.split("(")[0].split()[-1] for s in lite if "CREATE TABLE" in s]
    assert created == [s.split("(")[0].split()[-1] for s in post if "CREATE TABLE" in s]
    assert "content_tsv tsvector" in " ".join(post) and "content_tsv" not in " ".join(lite)
    assert "USING fts5" in " ".join(lite) and "fts5" not in " ".join(post)
    conn = sqlite3.connect(":memory:")
    for sql in lite:
        conn.execute(sql)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {*created, "statement_index", "schema_version"} <= tables


# -- the interface and closing ---------------------------------------------------


def _members(cls: type) -> dict[str, inspect.Signature]:
    names = [n for n in vars(cls) if not n.startswith("_") or n in ("__enter__", "__exit__")]
    return {n: inspect.signature(getattr(cls, n)) for n in names if callable(getattr(cls, n))}


def test_the_backends_implement_every_method_of_the_interface() -> None:
    wanted = _members(Store)
    assert {"add_many", "statements_page", "article", "actor_by_id", "actor_activity",
            "event_ids", "__enter__", "__exit__"} <= set(wanted)  # fmt: skip
    for name, signature_ in wanted.items():
        have = inspect.signature(getattr(SqlStore, name))
        params = [(p.name, p.default) for p in signature_.parameters.values()]
        assert [(p.name, p.default) for p in have.parameters.values()] == params, name


def test_the_web_layer_sees_only_the_interface() -> None:
    allowed = {"Store", "SearchQuery", "AddResult", "open_store", "ACTOR_SORTS", "ARTICLE_SORTS",
               "EVENT_SORTS", "FACET_SAMPLE", "outlet_of"}  # fmt: skip
    for path in sorted((SRC / "web").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and "onrecord.store" in (node.module or ""):
                names = {a.name for a in node.names}
                assert node.module == "onrecord.store" and names <= allowed, (path.name, names)
        assert "isinstance(store" not in source, path.name


def test_the_store_is_a_context_manager(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "c.db")) as store:
        assert store.stats()["articles"] == 0
    with pytest.raises(sqlite3.ProgrammingError):
        store.stats()  # closed
    with pytest.raises(KeyError), open_store(str(tmp_path / "c.db")) as failing:
        raise KeyError("inside")
    with pytest.raises(sqlite3.ProgrammingError):
        failing.stats()  # closed on the way out, the error kept


# -- storing an article: check, prepare, accept ----------------------------------


def record(id: str, text: str, url: str | None = None) -> dict[str, Any]:
    """An analyzed record without statements, entities or events."""
    return {"id": id, "text": text, "url": url, "published": "2025-08-22", "statements": [],
            "entities": [], "events": []}  # fmt: skip


def test_accept_stores_once_and_links_near_duplicates(tmp_path: Path) -> None:
    from onrecord.corpus.accept import accept, check, prepare

    text = SEED.read_text(encoding="utf-8")
    copy = text.replace("Lavrov", "Sergey Lavrov", 1) + "\nFirst published elsewhere.\n"
    with open_store(str(tmp_path / "a.db")) as store:
        first = check(store, text, "https://example.org/a")
        assert first.content_hash == content_hash(text) and first.duplicate is None
        stored = accept(store, record("a", text, "https://example.org/a"), "test",
                        first.content_hash)  # fmt: skip
        assert stored.status == "stored"
        again = check(store, text + "  ", None)  # same normalized text
        assert again.duplicate is not None and again.duplicate.article_id == stored.article_id
        # the same URL: a near-duplicate text is the article there, other text a new version
        edited = text.replace("Lavrov", "Sergei Lavrov", 1)
        assert check(store, edited, "https://example.org/a").duplicate is not None
        assert check(store, "other", "https://example.org/a").duplicate is None
        assert accept(store, record("a2", text), "test").status == "duplicate"
        near = accept(store, record("b", copy), "test")
        assert (near.status, near.duplicate_of) == ("near-duplicate", stored.article_id)
        assert near.similarity is not None and near.similarity >= NEAR_DUPLICATE_THRESHOLD
        assert store.stats()["near_duplicates"] == 1
    rec, digest, sig, band, origin = prepare(record("c", copy), "here")
    assert (digest, origin) == (content_hash(copy), "here")
    assert sig == signature(copy) and band == bands(signature(copy))
    assert prepare(rec, None, "given")[1] == "given"  # the input's hash, as checked
    (row,) = sqlite_query(tmp_path / "a.db")("SELECT origin FROM articles WHERE doc_id = 'a'")
    assert row == ("test",)


# -- PostgreSQL -----------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_seeded(pg: PgServer) -> Iterator[str]:
    """The name of a PostgreSQL database the CLI filled from the seed (a template)."""
    url = pg.new_database("seeded")
    code, _, err = run("ingest", str(SEED), "--db", url, "--workers", "1")
    assert code == 0, err
    yield "seeded"


def pg_copy(pg: PgServer, template: str, name: str) -> str:
    with psycopg.connect(pg.url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    pg.databases.add(name)
    return pg.url(name)


def pg_execute(url: str, *sql: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in sql:
            conn.execute(statement)


def test_postgres_new_and_old_stores_get_the_current_version(pg: PgServer, pg_seeded: str) -> None:
    new = pg.new_database("fresh")
    with open_store(new) as store:
        assert store.stats()["articles"] == 0
    assert query(new, "SELECT version FROM schema_version") == [(current_version(),)]
    old = pg_copy(pg, pg_seeded, "unversioned")
    pg_execute(old, "DROP TABLE schema_version", *(f"DROP TABLE {t}" for t in SUMMARY_TABLES))
    code, out, err = run("stats", "--json", "--db", old)
    assert code == 0, err
    assert out == run("stats", "--json", "--db", pg.url(pg_seeded))[1]
    assert query(old, "SELECT version FROM schema_version") == [(current_version(),)]
    assert_summaries_agree(lambda sql: query(old, sql))
    assert query(old, "SELECT COUNT(*) FROM actor_stats")[0][0] > 0


def test_postgres_newer_store_is_refused_and_left_alone(pg: PgServer, pg_seeded: str) -> None:
    url = pg_copy(pg, pg_seeded, "newer")
    pg_execute(url, "DROP TABLE actor_days", "UPDATE schema_version SET version = 7")
    code, out, err = run("stats", "--db", url)
    assert (code, out) == (2, "")
    assert err.splitlines() == [newer_line(f"127.0.0.1:{pg.port}/newer", 7)]
    assert query(url, "SELECT to_regclass('actor_days')") == [(None,)]
    assert query(url, "SELECT version FROM schema_version") == [(7,)]


def test_postgres_migrations_run_once_or_not_at_all(
    pg: PgServer, pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    url = pg_copy(pg, pg_seeded, "migrating")
    pg_execute(url, *AS_VERSION_1)
    monkeypatch.setitem(MIGRATIONS, 2, recorded(calls, 2, add_language))
    monkeypatch.setitem(MIGRATIONS, 3, fail)
    with pytest.raises(RuntimeError, match="migration 3 failed"):
        open_store(url)
    assert calls == [2]
    assert query(url, "SELECT version FROM schema_version") == [(1,)]
    column = "SELECT 1 FROM information_schema.columns WHERE column_name = 'language'"
    assert query(url, column) == []  # rolled back with the failed one
    monkeypatch.setitem(MIGRATIONS, 3, recorded(calls, 3, fill_language))
    open_store(url).close()
    open_store(url).close()
    assert calls == [2, 2, 3]
    assert query(url, "SELECT version FROM schema_version") == [(3,)]
    assert query(url, "SELECT DISTINCT language FROM articles") == [("en",)]
