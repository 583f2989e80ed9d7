"""SQLite backend of the store: one file, FTS5 full-text search, WAL journal.

Its tables are :mod:`onrecord.store.schema`'s, made, checked and migrated on open
(:mod:`onrecord.store.migrations`) in one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from onrecord.errors import OnrecordError
from onrecord.store.base import SqlStore
from onrecord.store.interface import SearchQuery


def open_failure(path: str, exc: sqlite3.DatabaseError) -> OnrecordError:
    """Why the store at ``path`` could not be opened, in one line: a file
    that is no SQLite store, or a folder SQLite cannot write in (a new store
    is a file there, and an existing one keeps its journal beside it)."""
    if not isinstance(exc, sqlite3.OperationalError) or path == ":memory:":
        return OnrecordError(f"{path}: not an onrecord SQLite store ({exc})")
    file = Path(path)
    folder = file.parent
    if not folder.is_dir():
        return OnrecordError(f"{path}: cannot create the store: no folder {folder}")
    if not file.exists():
        return OnrecordError(
            f"{path}: cannot create the store: the folder {folder} is not writable ({exc})"
        )
    if file.is_dir():
        return OnrecordError(f"{path}: is a folder, not a store file")
    if "locked" in str(exc) or "busy" in str(exc):
        return OnrecordError(f"{path}: the store is busy in another process ({exc}); try again")
    return OnrecordError(
        f"{path}: cannot open the store: it or its folder {folder} is not writable"
        f" (SQLite keeps its journal beside the store) ({exc})"
    )


class SqliteStore(SqlStore):
    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # isolation_level=None: transactions are begun explicitly, one per article
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.DatabaseError as exc:
            raise open_failure(self.path, exc) from None
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            # one write transaction: other openers and writers wait their turn
            with self.transaction():
                self._open_schema(self.path)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise open_failure(self.path, exc) from None
        except BaseException:
            self.conn.close()
            raise

    def _table_exists(self, name: str) -> bool:
        return (
            self._one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
            is not None
        )

    # the coming Sunday (or the day itself), less six days
    _week_start = "date(day, 'weekday 0', '-6 days')"

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        cur = self.conn.execute(sql, tuple(params))
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    def _index_text(self, statement_ids: Sequence[int]) -> None:
        ids = list(statement_ids)
        for start in range(0, len(ids), 500):  # SQLite limits the number of parameters
            self._index_chunk(ids[start : start + 500])

    def _index_chunk(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        marks = ", ".join("?" for _ in ids)
        rows = self.conn.execute(
            f"SELECT id, sort_date, actor_id, kind, content FROM statements WHERE id IN ({marks})",
            tuple(ids),
        ).fetchall()
        self.conn.executemany(
            "INSERT INTO statement_index (rowid, content, actor, kind) VALUES (?, ?, ?, ?)",
            [
                (index_key(date, sid), content, f"a{actor}" if actor else "", kind)
                for sid, date, actor, kind, content in rows
            ],
        )

    def _unindex_text(self, statement_ids: Sequence[int], actor_id: int) -> None:
        """The index keeps each statement's actor: a contentless FTS5 table
        forgets a row when told the values it was given. Rows are found by
        their actor (the low 32 bits of a rowid are the statement id)."""
        wanted = set(statement_ids)
        keys = {
            int(k) & _ID_MASK: int(k)
            for (k,) in self.conn.execute(
                "SELECT rowid FROM statement_index WHERE statement_index MATCH ?",
                (f'actor : "a{actor_id}"',),
            )
            if int(k) & _ID_MASK in wanted
        }
        ids = list(keys)
        for start in range(0, len(ids), 500):  # SQLite limits the number of parameters
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.conn.execute(
                f"SELECT id, kind, content FROM statements WHERE id IN ({marks})", chunk
            ).fetchall()
            self.conn.executemany(
                "INSERT INTO statement_index (statement_index, rowid, content, actor, kind)"
                " VALUES ('delete', ?, ?, ?, ?)",
                [(keys[int(sid)], content, f"a{actor_id}", kind) for sid, kind, content in rows],
            )

    def _text_filter(self, text: str) -> tuple[str, list[Any]]:
        # used only where the index cannot answer alone (an article filter)
        return (
            "s.id IN (SELECT rowid & 4294967295 FROM statement_index"
            " WHERE statement_index MATCH ?)",
            [f"content : ({fts_query(text)})"],
        )

    def _relevance(self, text: str) -> tuple[str, list[Any], str, list[Any]]:
        # FTS5's rank is bm25: smaller is better
        join = (
            " JOIN (SELECT rowid & 4294967295 AS sid, rank AS score FROM statement_index"
            " WHERE statement_index MATCH ?) m ON m.sid = s.id"
        )
        return join, [f"content : ({fts_query(text)})"], "m.score", []

    @staticmethod
    def _index_answers(query: SearchQuery) -> bool:
        """Words to match and no article, outlet or event filter: the full-text
        index alone finds the statements, newest first or best match first."""
        return (
            bool(query.text and query.text.strip())
            and query.article is None
            and query.outlet is None
            and query.event is None
        )

    def search(self, query: SearchQuery) -> list[dict[str, Any]]:
        if not self._index_answers(query):
            return super().search(query)
        ranked = query.sort == "relevance"
        return self.statements(self._index_ids(query, offset=query.offset, ranked=ranked))

    def statements_page(
        self, query: SearchQuery, after: tuple[str, int] | None = None
    ) -> list[dict[str, Any]]:
        # with words to match, the index's rowid order (day, id) is the page order
        if not self._index_answers(query):
            return super().statements_page(query, after)
        before = index_key(after[0] or None, after[1]) if after is not None else None
        return self.statements(self._index_ids(query, before=before))

    def count(self, query: SearchQuery, cap: int | None = None) -> int:
        if not self._index_answers(query):
            return super().count(query, cap)
        match, where, params = self._index_match(query)
        if match is None:
            return 0
        sql = f"SELECT 1 FROM statement_index WHERE {' AND '.join(where)}"
        if cap is not None:
            sql, params = sql + " LIMIT ?", [*params, cap + 1]
        row = self.conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()
        return int(row[0])

    def newest_ids(self, query: SearchQuery, n: int) -> list[int]:
        if not self._index_answers(query):
            return super().newest_ids(query, n)
        return self._index_ids(dataclasses.replace(query, limit=n, offset=0))

    def _index_match(self, query: SearchQuery) -> tuple[str | None, list[str], list[Any]]:
        """The full-text MATCH of a query the index answers, with its rowid
        bounds: (match or None when no actor has the speaker's name, WHERE, params)."""
        assert query.text is not None
        match = f"content : ({fts_query(query.text)})"
        if query.speaker:
            actors = self.speaker_ids(query.speaker)
            if not actors:
                return None, [], []
            match += " AND actor : (" + " OR ".join(f'"a{a}"' for a in actors) + ")"
        if query.kind:
            match += f' AND kind : "{query.kind}"'
        where: list[str] = ["statement_index MATCH ?"]
        params: list[Any] = [match]
        if query.since:
            where.append("rowid >= ?")
            params.append(index_key(query.since.isoformat(), 0))
        if query.until:
            where.append("rowid <= ?")
            params.append(index_key(query.until.isoformat(), _ID_MASK))
        return match, where, params

    def _index_ids(
        self, query: SearchQuery, offset: int = 0, before: int | None = None, ranked: bool = False
    ) -> list[int]:
        """Ids of statements matching ``query`` (one the index answers), newest
        first (or, ``ranked``, best match first, then newest), from the
        full-text index alone; ``before`` a rowid bound."""
        match, where, params = self._index_match(query)
        if match is None:
            return []
        if before is not None:
            where.append("rowid < ?")
            params.append(before)
        keys = self.conn.execute(
            f"SELECT rowid FROM statement_index WHERE {' AND '.join(where)}"
            f" ORDER BY {'rank, ' if ranked else ''}rowid DESC LIMIT ? OFFSET ?",
            (*params, query.limit, offset),
        ).fetchall()
        return [int(k) & _ID_MASK for (k,) in keys]


_ID_MASK = (1 << 32) - 1


def index_key(sort_date: str | None, statement_id: int) -> int:
    """The full-text index rowid: day number in the high bits, id in the low."""
    try:
        day = dt.date.fromisoformat(sort_date).toordinal() if sort_date else 0
    except ValueError:
        day = 0
    return (day << 32) | (statement_id & _ID_MASK)


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: each word quoted (no syntax errors
    from stray operators), all of them required; a quoted phrase stays a phrase."""
    parts: list[str] = []
    rest = text
    while '"' in rest:
        before, _, after = rest.partition('"')
        phrase, _, rest = after.partition('"')
        parts += _words(before)
        if phrase.strip():
            parts.append('"' + phrase.replace('"', "").strip() + '"')
    parts += _words(rest)
    return " ".join(parts) if parts else '""'


def _words(text: str) -> list[str]:
    return ['"' + w.replace('"', "") + '"' for w in text.split() if w.replace('"', "")]
