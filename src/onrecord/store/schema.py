"""The store's tables, written once for SQLite and PostgreSQL.

Each statement is the same in both dialects but for a few column types,
named here in braces and filled in per dialect by :func:`statements`:

- ``{ID}``: the table's own key, given by the database as rows are added;
- ``{INT64}``: a 64-bit integer (ids referring to other rows, counts):
  ``INTEGER`` is already 64 bits in SQLite, ``BIGINT`` in PostgreSQL;
- ``{REAL}``: a double;
- ``{SORTED}``: text that is sorted on or compared in ranges (dates, names).
  PostgreSQL compares it byte-wise (``COLLATE "C"``), as SQLite does,
  whatever the database's default collation: both backends then order alike,
  and the date indexes serve ISO-date range filters;
- ``{NO_ROWID}``: SQLite keeps two small summary tables in their primary key;
- ``{BLOB}``: bytes (statement vectors).

Full-text search is where the dialects differ: SQLite has an FTS5 table
(:data:`SQLITE_ONLY`), PostgreSQL a generated ``tsvector`` column with a GIN
index (:data:`POSTGRES_ONLY`).

Every statement creates only what is missing (``IF NOT EXISTS``): run on
each open, it makes a new store whole and adds any table an older one lacks.
Changes to existing tables are migrations (:mod:`onrecord.store.migrations`).
"""

from __future__ import annotations

from typing import Literal

Dialect = Literal["sqlite", "postgresql"]

TYPES: dict[Dialect, dict[str, str]] = {
    "sqlite": {
        "ID": "INTEGER PRIMARY KEY",
        "INT64": "INTEGER",
        "REAL": "REAL",
        "SORTED": "TEXT",
        "NO_ROWID": " WITHOUT ROWID",
        "FULL_TEXT": "",
        "BLOB": "BLOB",
    },
    "postgresql": {
        "ID": "BIGSERIAL PRIMARY KEY",
        "INT64": "BIGINT",
        "REAL": "DOUBLE PRECISION",
        "SORTED": 'TEXT COLLATE "C"',
        "NO_ROWID": "",
        "BLOB": "BYTEA",
        # the statement's words for full-text search, kept by the database itself
        "FULL_TEXT": ",\n    content_tsv tsvector GENERATED ALWAYS AS"
        " (to_tsvector('english', content)) STORED",
    },
}

ARTICLES = [
    """CREATE TABLE IF NOT EXISTS articles (
    id {ID},
    doc_id TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    title TEXT,
    published {SORTED},
    text TEXT NOT NULL,
    origin TEXT,
    duplicate_of {INT64} REFERENCES articles(id),
    similarity {REAL},
    n_statements INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    previous_version {INT64} REFERENCES articles(id)
)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS articles_hash ON articles(content_hash)",
    # one first version per URL, and each version followed by one at most: a
    # URL's versions are one chain (migration 3 replaced a unique URL index)
    "CREATE UNIQUE INDEX IF NOT EXISTS articles_url_first ON articles(url)"
    " WHERE url IS NOT NULL AND previous_version IS NULL",
    "CREATE UNIQUE INDEX IF NOT EXISTS articles_next_version ON articles(previous_version)"
    " WHERE previous_version IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS articles_url_versions ON articles(url)",
    "CREATE INDEX IF NOT EXISTS articles_published ON articles(published)",
]

ACTORS = [
    """CREATE TABLE IF NOT EXISTS actors (
    id {ID},
    name {SORTED} NOT NULL,
    norm TEXT NOT NULL,
    last TEXT NOT NULL,
    kind TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]'
)""",
    "CREATE INDEX IF NOT EXISTS actors_norm ON actors(norm)",
    "CREATE INDEX IF NOT EXISTS actors_last ON actors(last)",
    """CREATE TABLE IF NOT EXISTS aliases (
    actor_id {INT64} NOT NULL REFERENCES actors(id),
    alias {SORTED} NOT NULL,
    norm TEXT NOT NULL,
    UNIQUE (actor_id, norm)
)""",
    "CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm)",
]

STATEMENTS = [
    """CREATE TABLE IF NOT EXISTS statements (
    id {ID},
    article_id {INT64} NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_id {INT64} REFERENCES actors(id),
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
    sort_date {SORTED},
    deadline TEXT{FULL_TEXT}
)""",
    "CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id)",
    "CREATE INDEX IF NOT EXISTS statements_actor_date"
    " ON statements(actor_id, sort_date DESC, id DESC)",
    "CREATE INDEX IF NOT EXISTS statements_date ON statements(sort_date DESC, id DESC)",
]

#: SQLite's full-text index. Its rowid is (day of sort_date << 32 | statement
#: id), so FTS5 returns matches newest first without sorting them, and a date
#: range is a rowid range; the speaker and kind are indexed as columns, so a
#: filtered text search is an intersection of posting lists. Contentless: the
#: text lives in statements.
SQLITE_ONLY = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS statement_index USING fts5(
    content, actor, kind, content='', tokenize='porter unicode61'
)""",
]

#: PostgreSQL's full-text index, over the generated ``content_tsv`` column
POSTGRES_ONLY = [
    "CREATE INDEX IF NOT EXISTS statements_tsv ON statements USING GIN (content_tsv)",
]

EVENTS = [
    """CREATE TABLE IF NOT EXISTS event_groups (
    id {ID}, type TEXT NOT NULL, key TEXT, date TEXT, name TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS event_groups_key ON event_groups(key)",
    """CREATE TABLE IF NOT EXISTS events (
    id {ID},
    article_id {INT64} NOT NULL REFERENCES articles(id),
    local_id TEXT NOT NULL,
    group_id {INT64} NOT NULL REFERENCES event_groups(id),
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
    id {ID},
    event_id {INT64} NOT NULL REFERENCES events(id),
    group_id {INT64} NOT NULL,
    status TEXT NOT NULL,
    source_actor_id {INT64},
    source_name TEXT,
    statement_id {INT64},
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
]

#: per-actor summaries kept with each article (summaries.py)
SUMMARIES = [
    """CREATE TABLE IF NOT EXISTS actor_stats (
    actor_id {INT64} PRIMARY KEY,
    statements {INT64} NOT NULL,
    articles {INT64} NOT NULL,
    first_date {SORTED},
    last_date {SORTED}
)""",
    "CREATE INDEX IF NOT EXISTS actor_stats_statements ON actor_stats(statements)",
    """CREATE TABLE IF NOT EXISTS actor_days (
    actor_id {INT64} NOT NULL,
    day {SORTED} NOT NULL,
    n {INT64} NOT NULL,
    PRIMARY KEY (actor_id, day)
){NO_ROWID}""",
    """CREATE TABLE IF NOT EXISTS event_participants (
    actor_id {INT64} NOT NULL,
    group_id {INT64} NOT NULL,
    PRIMARY KEY (actor_id, group_id)
){NO_ROWID}""",
]

#: MinHash signatures and their LSH bands, to find near-duplicates (dedupe.py)
NEAR_DUPLICATES = [
    "CREATE TABLE IF NOT EXISTS signatures (article_id {INT64} PRIMARY KEY, sig TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS minhash_bands (
    band INTEGER NOT NULL, value {INT64} NOT NULL, article_id {INT64} NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS minhash_bands_lookup ON minhash_bands(band, value)",
]

#: statement content vectors, cached for ``positions`` (one model's at a time per statement)
VECTORS = [
    """CREATE TABLE IF NOT EXISTS statement_vectors (
    statement_id {INT64} PRIMARY KEY,
    model TEXT NOT NULL,
    vector {BLOB} NOT NULL
)"""
]

#: time limits the narration states outside any statement ("launched a 30-day
#: process on August 28"), with who set them and when
NARRATED_DEADLINES = [
    """CREATE TABLE IF NOT EXISTS narrated_deadlines (
    id {ID},
    article_id {INT64} NOT NULL REFERENCES articles(id),
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    duration TEXT,
    due TEXT,
    set_by TEXT,
    set_on TEXT
)""",
    "CREATE INDEX IF NOT EXISTS narrated_deadlines_article ON narrated_deadlines (article_id)",
]

#: the fitted topic model of ``positions``: each topic's name and centroid, so
#: that new statements join the nearest topic without clustering again
TOPICS = [
    """CREATE TABLE IF NOT EXISTS topics (
    id {INT64} PRIMARY KEY,
    model TEXT NOT NULL,
    threshold REAL NOT NULL,
    name TEXT NOT NULL,
    centroid {BLOB} NOT NULL,
    fitted_at TEXT NOT NULL
)"""
]

#: how many times each kind of derived data (content vectors, the topic model)
#: has been saved: pages read from it, so the store's version counts it
DERIVED = [
    """CREATE TABLE IF NOT EXISTS derived_changes (
    kind TEXT PRIMARY KEY,
    n {INT64} NOT NULL
)"""
]

#: the user's corrections of actors, kept as rules (curation.py): each rule, and
#: the names it decides for new articles (normalized, as actors.norm) with the
#: actor each now means (NULL: no actor)
ACTOR_RULES = [
    """CREATE TABLE IF NOT EXISTS actor_rules (
    id {ID},
    kind TEXT NOT NULL,
    actor_id {INT64},
    subject {SORTED} NOT NULL,
    target_id {INT64},
    target TEXT,
    scope TEXT,
    statements {INT64} NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
)""",
    "CREATE INDEX IF NOT EXISTS actor_rules_actor ON actor_rules(actor_id)",
    "CREATE INDEX IF NOT EXISTS actor_rules_target ON actor_rules(target_id)",
    """CREATE TABLE IF NOT EXISTS actor_rule_names (
    rule_id {INT64} NOT NULL REFERENCES actor_rules(id),
    norm TEXT NOT NULL,
    actor_id {INT64},
    PRIMARY KEY (norm, rule_id)
){NO_ROWID}""",
    "CREATE INDEX IF NOT EXISTS actor_rule_names_actor ON actor_rule_names(actor_id)",
]

#: the store's schema version: one row (migrations.py)
VERSION = ["CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"]


def statements(dialect: Dialect) -> list[str]:
    """Every CREATE statement of the store, in order, in ``dialect``."""
    own = SQLITE_ONLY if dialect == "sqlite" else POSTGRES_ONLY
    parts = [
        *ARTICLES,
        *ACTORS,
        *STATEMENTS,
        *own,
        *EVENTS,
        *SUMMARIES,
        *NEAR_DUPLICATES,
        *VECTORS,
        *TOPICS,
        *DERIVED,
        *NARRATED_DEADLINES,
        *ACTOR_RULES,
    ]
    return [sql.format_map(TYPES[dialect]) for sql in [*parts, *VERSION]]
