"""The store's schema version, and the migrations that bring an older store up to it.

A store records the version of its tables in a one-row table,
``schema_version``, the same in SQLite and PostgreSQL. Opening a store
(:meth:`Versioned._open_schema`, in one transaction that shuts out other
openers, and writers while it changes anything):

1. reads the store's version: the row of ``schema_version``; a store with
   tables but no version was written before versions were recorded and is
   version 1, the first schema; an empty database has none;
2. refuses a store newer than this code (:func:`current_version`), in one
   line naming both versions: this code may not know what its tables mean;
3. runs, in order, each migration numbered above the store's version: each
   sees the store as the one before it left it;
4. creates whatever table or index is missing (:mod:`onrecord.store.schema`,
   the current schema): all of them in a new store, which is then at the
   current version with no migration run;
5. records the version; should anything fail, the transaction is rolled
   back and the store stays as it was;
6. fills the per-actor summary tables if they are empty though there is
   data for them (:mod:`onrecord.store.summaries`), a few single-row
   lookups. At every open, not only in a migration: a tool that writes rows
   directly (the benchmark's generator) leaves them empty at any version,
   and a store from before them (version 1 too) gets them so.

A migration is a small function of the store registered with its number,
the next after the last, by :func:`migration`; the highest number is this
code's version. A change to an existing table is a migration, together with
the same change in :mod:`onrecord.store.schema` for new stores::

    @migration(2)
    def statement_language(store: Versioned) -> None:
        store._exec("ALTER TABLE statements ADD COLUMN language TEXT")

A new table or index needs none: step 4 adds it.
"""

from __future__ import annotations

from collections.abc import Callable

from onrecord.errors import OnrecordError
from onrecord.store.schema import Dialect, statements
from onrecord.store.summaries import SummaryTables

#: the first schema: that of stores written before versions were recorded
UNVERSIONED = 1

Migration = Callable[["Versioned"], None]

#: version -> the migration that brings a store from the one before to it
MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    """Register a migration to ``version``: the next number after the last one."""

    def register(step: Migration) -> Migration:
        expected = current_version() + 1
        if version != expected:
            raise ValueError(f"migration {version} registered where {expected} comes next")
        MIGRATIONS[version] = step
        return step

    return register


def current_version() -> int:
    """This code's schema version: that of its last migration."""
    return max(MIGRATIONS, default=UNVERSIONED)


def newer_store(name: str, found: int, current: int) -> OnrecordError:
    return OnrecordError(
        f"{name}: store schema version {found} is newer than this onrecord's ({current});"
        " upgrade onrecord"
    )


class Versioned(SummaryTables):
    """Mixin of :class:`onrecord.store.base.SqlStore`: the schema made and kept
    up to date on open."""

    #: the backend's SQL dialect (schema.py)
    dialect: Dialect = "sqlite"

    def _table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def _column_exists(self, table: str, column: str) -> bool:
        if self.dialect == "sqlite":
            return any(r[1] == column for r in self._rows(f"PRAGMA table_info({table})"))
        return (
            self._one(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = ? AND column_name = ?",
                (table, column),
            )
            is not None
        )

    def _shut_out_writers(self) -> None:
        """Wait for writers in other connections, and keep them out until the
        transaction ends (if opening alone does not already)."""

    def _recorded_version(self) -> int | None:
        """The version the store records, if it does."""
        if not self._table_exists("schema_version"):
            return None
        row = self._one("SELECT MAX(version) FROM schema_version")
        return int(row[0]) if row is not None and row[0] is not None else None

    def _open_schema(self, name: str) -> None:
        """Check, migrate and complete the schema (see the module docstring);
        inside the caller's transaction, other openers shut out. ``name`` names
        the store in errors."""
        recorded = self._recorded_version()
        found = recorded
        if found is None and self._table_exists("articles"):
            found = UNVERSIONED  # written before versions were recorded
        current = current_version()
        if found is not None and found > current:
            raise newer_store(name, found, current)
        if found is not None and found < current:
            self._shut_out_writers()
            for version in sorted(MIGRATIONS):
                if version > found:
                    MIGRATIONS[version](self)
        for sql in statements(self.dialect):
            self._exec(sql)
        if recorded != current:
            self._exec("DELETE FROM schema_version")
            self._exec("INSERT INTO schema_version (version) VALUES (?)", (current,))
        if self._missing_summaries():
            # shut writers out, then look again: another process may have filled them
            self._shut_out_writers()
            self._fill_summaries(self._missing_summaries())


@migration(2)
def actor_rules(store: Versioned) -> None:
    """Version 2: the user's rules about actors (``actor_rules``,
    ``actor_rule_names``; :mod:`onrecord.store.curation`). New tables only,
    made by step 4; the number is what matters: an older onrecord refuses a
    store whose rules it would not follow on ingest."""


@migration(3)
def article_versions(store: Versioned) -> None:
    """Version 3: an article at a stored URL whose text is no near-duplicate of
    the one there is a new version of it (``articles.previous_version``), the
    earlier one kept; the unique index on URLs becomes one on a URL's first
    version (step 4 makes it and the chain's index)."""
    if not store._column_exists("articles", "previous_version"):
        int64 = "BIGINT" if store.dialect == "postgresql" else "INTEGER"
        store._exec(
            f"ALTER TABLE articles ADD COLUMN previous_version {int64} REFERENCES articles(id)"
        )
    store._exec("DROP INDEX IF EXISTS articles_url")
