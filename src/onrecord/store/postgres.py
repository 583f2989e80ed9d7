"""PostgreSQL backend of the store (psycopg 3): tsvector + GIN full-text search.

The connection runs in autocommit mode, so reads never leave it "idle in
transaction"; each article is written in one explicit transaction, during
which a transaction-level advisory lock serializes writers (as SQLite's
``BEGIN IMMEDIATE`` does) so that two ingests never create one actor twice.
Its tables are :mod:`onrecord.store.schema`'s, made, checked and migrated on
open (:mod:`onrecord.store.migrations`) in one transaction, openers taking turns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import psycopg

from onrecord.errors import OnrecordError
from onrecord.store.base import SqlStore

#: advisory lock keys (any bigint): one held while opening (creating, checking and
#: migrating the schema), one per write
_SCHEMA_LOCK = 0x6F6E7265636F7201  # "onrecor" + 1
_WRITE_LOCK = 0x6F6E7265636F7202


class PostgresStore(SqlStore):
    dialect = "postgresql"
    placeholder = "%s"
    # PostgreSQL puts NULLs first in DESC order, SQLite last: say where they go
    newest_first = "s.sort_date DESC NULLS LAST, s.id DESC"
    oldest_first = "s.sort_date ASC NULLS LAST, s.id ASC"

    def __init__(self, url: str) -> None:
        self.url = url
        where = _where(url)
        options: dict[str, Any] = {"autocommit": True}
        if "connect_timeout" not in url:
            options["connect_timeout"] = 10
        try:
            self.conn = psycopg.connect(url, **options)
        except psycopg.Error as exc:
            raise OnrecordError(
                f"cannot connect to PostgreSQL at {where}: {_reason(exc, url)}"
            ) from None
        try:
            with self.conn.transaction():
                # two processes opening a new store at once would race on the
                # catalog even with IF NOT EXISTS; take turns
                self.conn.cursor().execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                self._open_schema(where)
        except psycopg.Error as exc:
            self.conn.close()
            raise OnrecordError(
                f"PostgreSQL at {where}: cannot create the onrecord tables: {_reason(exc, url)}"
            ) from None
        except BaseException:
            self.conn.close()
            raise

    def _table_exists(self, name: str) -> bool:
        row = self._one("SELECT to_regclass(?) IS NOT NULL", (name,))
        return bool(row and row[0])

    def _shut_out_writers(self) -> None:
        # writers take this lock for each transaction (_begin)
        self.conn.cursor().execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))

    _week_start = "to_char(date_trunc('week', day::date), 'YYYY-MM-DD')"

    def _begin(self) -> None:
        cur = self.conn.cursor()
        cur.execute("BEGIN")
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))

    def _commit(self) -> None:
        self.conn.cursor().execute("COMMIT")

    def _rollback(self) -> None:
        if not self.conn.closed:
            self.conn.cursor().execute("ROLLBACK")

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql) + " RETURNING id", tuple(params))
        row = cur.fetchone()
        assert row is not None
        return int(row[0])

    def _index_text(self, statement_ids: Sequence[int]) -> None:
        """Nothing to do: ``content_tsv`` is a generated column."""

    def _relevance(self, text: str) -> tuple[str, list[Any], str, list[Any]]:
        order = "ts_rank(s.content_tsv, websearch_to_tsquery('english', %s)) DESC"
        return "", [], order, [text]

    def _text_filter(self, text: str) -> tuple[str, list[Any]]:
        # websearch syntax ("phrase", -word, or) never raises on stray operators;
        # all other words are required, as in the SQLite backend
        return (
            "s.content_tsv @@ websearch_to_tsquery('english', %s)",
            [text],
        )


def _where(url: str) -> str:
    """host:port/database of a URL, without user or password."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = parts.port
    except ValueError:
        return url.split("@")[-1].split("/")[0] or "localhost"
    db = parts.path.lstrip("/")
    return f"{host}:{port}/{db}" if port else f"{host}/{db}"


def _reason(exc: BaseException, url: str) -> str:
    """The first line of a driver error, with any password in the URL masked."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    reason = lines[0] if lines else type(exc).__name__
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if password:
        reason = reason.replace(password, "***")
    return reason
