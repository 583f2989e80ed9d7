"""The store's SQL, shared by its SQLite (embedded, FTS5) and PostgreSQL
(tsvector + GIN) backends: articles and their statements, kept for search
across a corpus (the interface: :class:`onrecord.store.interface.Store`).

:class:`SqlStore` is made of mixins by role, over the connection helpers and
dialect hooks it keeps here: writing articles, statements and actors
(:mod:`onrecord.store.writing`), searching statements
(:mod:`onrecord.store.search`), reading articles, actors and counts
(:mod:`onrecord.store.reading`), events (:mod:`onrecord.store.events`) and the
schema kept up to date (:mod:`onrecord.store.migrations`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self

from onrecord.store.events import EventQueries
from onrecord.store.migrations import Versioned
from onrecord.store.reading import CorpusReading
from onrecord.store.writing import ArticleWriting


class SqlStore(ArticleWriting, EventQueries, CorpusReading, Versioned):
    """SQL shared by the backends; subclasses set the connection and dialect.

    Implements :class:`onrecord.store.interface.Store`."""

    conn: Any
    placeholder = "?"

    # -- dialect hooks ---------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        raise NotImplementedError

    def _index_text(self, statement_ids: Sequence[int]) -> None:
        """Make new statements findable by full-text search."""

    def _unindex_text(self, statement_ids: Sequence[int], actor_id: int) -> None:
        """Take statements of actor ``actor_id`` out of full-text search before
        they change actor (:meth:`_index_text` puts them back), where the index
        keeps each statement's actor."""

    def _text_filter(self, text: str) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        self.conn.commit()

    def _rollback(self) -> None:
        self.conn.rollback()

    #: how statements are ordered, newest first (a backend may need NULLS LAST)
    newest_first = "s.sort_date DESC, s.id DESC"
    oldest_first = "s.sort_date ASC, s.id ASC"

    # -- helpers ---------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        rows: list[tuple[Any, ...]] = cur.fetchall()
        return rows

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.cursor().execute(self._sql(sql), tuple(params))

    def _exec_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.cursor().executemany(self._sql(sql), [tuple(r) for r in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (writers take turns): committed when the block
        ends, rolled back if it raises."""
        self._begin()
        try:
            yield
        except BaseException:
            self._rollback()
            raise
        self._commit()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
