"""The store: one :class:`Store` interface, SQLite and PostgreSQL backends.

``open_store`` picks the backend from the URL; the backends' shared SQL lives
in :mod:`onrecord.store.base`.
"""

from __future__ import annotations

from onrecord.store.base import AddResult, SearchQuery, SqlStore, Store

__all__ = ["AddResult", "SearchQuery", "SqlStore", "Store", "open_store"]


def open_store(url: str | None) -> Store:
    """``sqlite:///path``, a plain path, or ``postgresql://…`` (default
    ``onrecord.db`` in the working directory)."""
    url = url or "onrecord.db"
    if url.startswith(("postgresql://", "postgres://")):
        from onrecord.store.postgres import PostgresStore

        return PostgresStore(url)
    from onrecord.store.sqlite import SqliteStore

    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    if url.startswith("sqlite:///") and path != ":memory:":
        path = "/" + path if not path.startswith("/") and url.startswith("sqlite:////") else path
    return SqliteStore(path)
