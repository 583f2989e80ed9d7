"""The store: one :class:`Store` interface, SQLite and PostgreSQL backends.

``open_store`` picks the backend from the URL; the interface is in
:mod:`onrecord.store.interface`, the backends' shared SQL in
:mod:`onrecord.store.base`, their tables in :mod:`onrecord.store.schema`, and
the schema version and migrations in :mod:`onrecord.store.migrations`.
"""

from __future__ import annotations

from onrecord.store.base import SqlStore
from onrecord.store.facets import FACET_SAMPLE
from onrecord.store.interface import AddResult, PreparedArticle, SearchQuery, Store
from onrecord.store.listings import ACTOR_SORTS, ARTICLE_SORTS, EVENT_SORTS
from onrecord.store.search import outlet_of

__all__ = [
    "ACTOR_SORTS", "ARTICLE_SORTS", "EVENT_SORTS", "FACET_SAMPLE", "AddResult",
    "PreparedArticle", "SearchQuery", "SqlStore", "Store", "open_store", "outlet_of",
]  # fmt: skip


def open_store(url: str | None) -> Store:
    """``sqlite:///path``, a plain path, or ``postgresql://…`` (default
    ``onrecord.db`` in the working directory), made or migrated to this
    code's schema version. A context manager: ``with open_store(url) as
    store:`` closes it."""
    url = url or "onrecord.db"
    if url.startswith(("postgresql://", "postgres://")):
        from onrecord.store.postgres import PostgresStore

        return PostgresStore(url)
    from onrecord.store.sqlite import SqliteStore

    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    if url.startswith("sqlite:///") and path != ":memory:":
        path = "/" + path if not path.startswith("/") and url.startswith("sqlite:////") else path
    return SqliteStore(path)
