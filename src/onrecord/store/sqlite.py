"""SQLite backend of the store: one file, FTS5 full-text search, WAL journal."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from onrecord.errors import OnrecordError
from onrecord.store.base import SearchQuery, SqlStore

SCHEMA_VERSION = 2  # 2: per-actor summary tables (store_summary.py)
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    origin TEXT,
    duplicate_of INTEGER REFERENCES articles(id),
    similarity REAL,
    n_statements INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE UNIQUE INDEX IF NOT EXISTS articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    norm TEXT NOT NULL,
    last TEXT NOT NULL,
    kind TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS actors_norm ON actors(norm);
CREATE INDEX IF NOT EXISTS actors_last ON actors(last);
CREATE TABLE IF NOT EXISTS aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    UNIQUE (actor_id, norm)
);
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm);
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_id INTEGER REFERENCES actors(id),
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
    sort_date TEXT,
    deadline TEXT
);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE INDEX IF NOT EXISTS statements_actor_date ON statements(actor_id, sort_date DESC, id DESC);
CREATE INDEX IF NOT EXISTS statements_date ON statements(sort_date DESC, id DESC);
-- Full-text index. Its rowid is (day of sort_date << 32 | statement id), so
-- FTS5 returns matches newest first without sorting them, and a date range is
-- a rowid range; the speaker and kind are indexed as columns, so a filtered
-- text search is an intersection of posting lists. Contentless: the text
-- lives in statements.
CREATE VIRTUAL TABLE IF NOT EXISTS statement_index USING fts5(
    content, actor, kind, content='', tokenize='porter unicode61'
);
CREATE TABLE IF NOT EXISTS event_groups (
    id INTEGER PRIMARY KEY, type TEXT NOT NULL, key TEXT, date TEXT, name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_groups_key ON event_groups(key);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES event_groups(id),
    type TEXT NOT NULL,
    plover TEXT,
    mode TEXT,
    date TEXT,
    place TEXT,
    participants TEXT NOT NULL,
    participant_names TEXT NOT NULL,
    qualifiers TEXT NOT NULL,
    mentions TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_group ON events(group_id);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE TABLE IF NOT EXISTS event_statuses (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id),
    group_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    source_actor_id INTEGER,
    source_name TEXT,
    statement_id INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    evidence_start INTEGER,
    evidence_end INTEGER,
    condition_text TEXT,
    asserted TEXT
);
CREATE INDEX IF NOT EXISTS event_statuses_group ON event_statuses(group_id);
CREATE INDEX IF NOT EXISTS event_statuses_event ON event_statuses(event_id);
CREATE INDEX IF NOT EXISTS event_statuses_source ON event_statuses(source_actor_id);
-- Per-actor summaries kept with each article (store_summary.py).
CREATE TABLE IF NOT EXISTS actor_stats (
    actor_id INTEGER PRIMARY KEY,
    statements INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    first_date TEXT,
    last_date TEXT
);
CREATE INDEX IF NOT EXISTS actor_stats_statements ON actor_stats(statements);
CREATE TABLE IF NOT EXISTS actor_days (
    actor_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (actor_id, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_participants (
    actor_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (actor_id, group_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS signatures (article_id INTEGER PRIMARY KEY, sig TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS minhash_bands (
    band INTEGER NOT NULL, value INTEGER NOT NULL, article_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS minhash_bands_lookup ON minhash_bands(band, value);
"""


class SqliteStore(SqlStore):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # isolation_level=None: transactions are begun explicitly, one per article
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.executescript(SCHEMA)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if self._missing_summaries():  # a store from before them, or written directly
                # once writers are shut out, look again: another process may have filled them
                with self.transaction():
                    self._fill_summaries(self._missing_summaries())
        except sqlite3.DatabaseError as exc:
            raise OnrecordError(f"{self.path}: not an onrecord SQLite store ({exc})") from None

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

    def _text_filter(self, text: str) -> tuple[str, list[Any]]:
        # used only where the index cannot answer alone (an article filter)
        return (
            "s.id IN (SELECT rowid & 4294967295 FROM statement_index"
            " WHERE statement_index MATCH ?)",
            [f"content : ({fts_query(text)})"],
        )

    @staticmethod
    def _index_answers(query: SearchQuery) -> bool:
        """Words to match and no article filter: the full-text index alone finds
        the statements, already in newest-first order."""
        return bool(query.text and query.text.strip()) and query.article is None

    def search(self, query: SearchQuery) -> list[dict[str, Any]]:
        if not self._index_answers(query):
            return super().search(query)
        return self._by_ids(self._index_ids(query, offset=query.offset))

    def statements_page(
        self, query: SearchQuery, after: tuple[str, int] | None = None
    ) -> list[dict[str, Any]]:
        # with words to match, the index's rowid order (day, id) is the page order
        if not self._index_answers(query):
            return super().statements_page(query, after)
        before = index_key(after[0] or None, after[1]) if after is not None else None
        return self._by_ids(self._index_ids(query, before=before))

    def _index_ids(
        self, query: SearchQuery, offset: int = 0, before: int | None = None
    ) -> list[int]:
        """Ids of statements matching ``query`` (one the index answers), newest
        first, from the full-text index alone; ``before`` a rowid bound."""
        assert query.text is not None
        match = f"content : ({fts_query(query.text)})"
        if query.speaker:
            actors = self.speaker_ids(query.speaker)
            if not actors:
                return []
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
        if before is not None:
            where.append("rowid < ?")
            params.append(before)
        keys = self.conn.execute(
            f"SELECT rowid FROM statement_index WHERE {' AND '.join(where)}"
            " ORDER BY rowid DESC LIMIT ? OFFSET ?",
            (*params, query.limit, offset),
        ).fetchall()
        return [int(k) & _ID_MASK for (k,) in keys]

    def _by_ids(self, ids: list[int]) -> list[dict[str, Any]]:
        """The statements with these ids, in this order."""
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        sql = "SELECT " + self._STATEMENT_COLUMNS + self._STATEMENT_FROM
        rows = self.conn.execute(sql + f" WHERE s.id IN ({marks})", ids).fetchall()
        by_id = {int(r[0]): self._statement(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]


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
