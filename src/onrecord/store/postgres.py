"""PostgreSQL backend of the store (psycopg 3): tsvector + GIN full-text search.

The connection runs in autocommit mode, so reads never leave it "idle in
transaction"; each article is written in one explicit transaction, during
which a transaction-level advisory lock serializes writers (as SQLite's
``BEGIN IMMEDIATE`` does) so that two ingests never create one actor twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import psycopg

from onrecord.errors import OnrecordError
from onrecord.store.base import SqlStore

#: advisory lock keys (any bigint): one held while creating the schema, one per write
_SCHEMA_LOCK = 0x6F6E7265636F7201  # "onrecor" + 1
_WRITE_LOCK = 0x6F6E7265636F7202

#: Text columns that are sorted on are compared byte-wise (COLLATE "C"), as
#: SQLite does, whatever the database's default collation: both backends
#: then order alike, and the date indexes serve ISO-date range filters.
SCHEMA = [
    """CREATE TABLE IF NOT EXISTS articles (
    id BIGSERIAL PRIMARY KEY,
    doc_id TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    title TEXT,
    published TEXT COLLATE "C",
    text TEXT NOT NULL,
    origin TEXT,
    duplicate_of BIGINT REFERENCES articles(id),
    similarity DOUBLE PRECISION,
    n_statements INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS articles_hash ON articles(content_hash)",
    "CREATE UNIQUE INDEX IF NOT EXISTS articles_url ON articles(url) WHERE url IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS articles_published ON articles(published)",
    """CREATE TABLE IF NOT EXISTS actors (
    id BIGSERIAL PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    norm TEXT NOT NULL,
    last TEXT NOT NULL,
    kind TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]'
)""",
    "CREATE INDEX IF NOT EXISTS actors_norm ON actors(norm)",
    "CREATE INDEX IF NOT EXISTS actors_last ON actors(last)",
    """CREATE TABLE IF NOT EXISTS aliases (
    actor_id BIGINT NOT NULL REFERENCES actors(id),
    alias TEXT COLLATE "C" NOT NULL,
    norm TEXT NOT NULL,
    UNIQUE (actor_id, norm)
)""",
    "CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm)",
    """CREATE TABLE IF NOT EXISTS statements (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_id BIGINT REFERENCES actors(id),
    speaker_name TEXT,
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    content TEXT NOT NULL,
    spans TEXT NOT NULL,
    date TEXT,
    date_basis TEXT,
    sort_date TEXT COLLATE "C",
    deadline TEXT,
    content_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED
)""",
    "CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id)",
    "CREATE INDEX IF NOT EXISTS statements_actor_date"
    " ON statements(actor_id, sort_date DESC, id DESC)",
    "CREATE INDEX IF NOT EXISTS statements_date ON statements(sort_date DESC, id DESC)",
    "CREATE INDEX IF NOT EXISTS statements_tsv ON statements USING GIN (content_tsv)",
    """CREATE TABLE IF NOT EXISTS event_groups (
    id BIGSERIAL PRIMARY KEY, type TEXT NOT NULL, key TEXT, date TEXT, name TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS event_groups_key ON event_groups(key)",
    """CREATE TABLE IF NOT EXISTS events (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,
    group_id BIGINT NOT NULL REFERENCES event_groups(id),
    type TEXT NOT NULL,
    plover TEXT,
    mode TEXT,
    date TEXT,
    place TEXT,
    participants TEXT NOT NULL,
    participant_names TEXT NOT NULL,
    qualifiers TEXT NOT NULL,
    mentions TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS events_group ON events(group_id)",
    "CREATE INDEX IF NOT EXISTS events_article ON events(article_id)",
    """CREATE TABLE IF NOT EXISTS event_statuses (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events(id),
    group_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    source_actor_id BIGINT,
    source_name TEXT,
    statement_id BIGINT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    evidence_start INTEGER,
    evidence_end INTEGER,
    condition_text TEXT,
    asserted TEXT
)""",
    "CREATE INDEX IF NOT EXISTS event_statuses_group ON event_statuses(group_id)",
    "CREATE INDEX IF NOT EXISTS event_statuses_event ON event_statuses(event_id)",
    "CREATE INDEX IF NOT EXISTS event_statuses_source ON event_statuses(source_actor_id)",
    # per-actor summaries kept with each article (store_summary.py)
    """CREATE TABLE IF NOT EXISTS actor_stats (
    actor_id BIGINT PRIMARY KEY,
    statements BIGINT NOT NULL,
    articles BIGINT NOT NULL,
    first_date TEXT COLLATE "C",
    last_date TEXT COLLATE "C"
)""",
    "CREATE INDEX IF NOT EXISTS actor_stats_statements ON actor_stats(statements)",
    """CREATE TABLE IF NOT EXISTS actor_days (
    actor_id BIGINT NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (actor_id, day)
)""",
    """CREATE TABLE IF NOT EXISTS event_participants (
    actor_id BIGINT NOT NULL,
    group_id BIGINT NOT NULL,
    PRIMARY KEY (actor_id, group_id)
)""",
    "CREATE TABLE IF NOT EXISTS signatures (article_id BIGINT PRIMARY KEY, sig TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS minhash_bands (
    band INTEGER NOT NULL, value BIGINT NOT NULL, article_id BIGINT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS minhash_bands_lookup ON minhash_bands(band, value)",
]


class PostgresStore(SqlStore):
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
                cur = self.conn.cursor()
                # two processes opening a new store at once would race on the
                # catalog even with IF NOT EXISTS; take turns
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                for ddl in SCHEMA:
                    cur.execute(ddl)
                if self._missing_summaries():  # a store from before them: fill them
                    # shut writers out, then look again (one may have filled them)
                    cur.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
                    self._fill_summaries(self._missing_summaries())
        except psycopg.Error as exc:
            self.conn.close()
            raise OnrecordError(
                f"PostgreSQL at {where}: cannot create the onrecord tables: {_reason(exc, url)}"
            ) from None

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
