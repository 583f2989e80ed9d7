"""The store: articles and their statements, kept for search across a corpus.

One small interface (:class:`Store`) with SQLite (embedded, FTS5) and
PostgreSQL (tsvector + GIN) implementations sharing this SQL base. Each
article is written in one transaction together with its statements, so an
interrupted ingest never leaves half an article; adding an article already
stored (same URL or same normalized content) changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from onrecord.store.actors import KnownActor, match_actor, normalize
from onrecord.store.events import EventQueries
from onrecord.store.summaries import SummaryTables

#: Speakers of these kinds become actors; descriptions without a name
#: ("Pentagon officials") stay speaker text on their statement.
ACTOR_KINDS = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True, slots=True)
class AddResult:
    status: str  # "stored" | "duplicate" | "near-duplicate"
    article_id: int
    duplicate_of: int | None = None
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str | None = None
    speaker: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    article: int | None = None
    limit: int = 20
    offset: int = 0

    def __post_init__(self) -> None:
        # a NUL means nothing in a search, and SQLite's FTS5 parser and PostgreSQL
        # both refuse it: it separates words, as a space would
        for name in ("text", "speaker"):
            value = getattr(self, name)
            if value is not None and "\x00" in value:
                object.__setattr__(self, name, value.replace("\x00", " "))


class Store(Protocol):
    def known(self, url: str | None, content_hash: str) -> int | None: ...
    def add(
        self,
        record: dict[str, Any],
        content_hash: str,
        signature: Sequence[int] | None = None,
        bands: Sequence[int] | None = None,
        origin: str | None = None,
    ) -> AddResult: ...
    def search(self, query: SearchQuery) -> list[dict[str, Any]]: ...
    def actor(self, name: str) -> dict[str, Any] | None: ...
    def actors(self, top: int = 20) -> list[dict[str, Any]]: ...
    def iter_statements(self) -> Iterator[dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...
    def version(self) -> int: ...
    def events(self, limit: int = 50, event_type: str | None = None) -> list[dict[str, Any]]: ...
    def event(self, group_id: int) -> dict[str, Any] | None: ...
    def contradictions(self, limit: int = 100) -> list[dict[str, Any]]: ...
    def deadlines(self, as_of: dt.date | None = None) -> list[dict[str, Any]]: ...
    def iter_plover(self) -> Iterator[dict[str, Any]]: ...
    def close(self) -> None: ...


def sort_date(date: str | None, published: str | None) -> str | None:
    """A full YYYY-MM-DD to order statements by: its own date if it is a
    day, else the article's publication date."""
    if date and len(date) == 10 and date[4] == "-" and date[7] == "-" and date[:4].isdigit():
        return date
    return published


class SqlStore(EventQueries, SummaryTables):
    """SQL shared by the backends; subclasses set the connection and dialect."""

    conn: Any
    placeholder = "?"

    # -- dialect hooks ---------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        raise NotImplementedError

    def _index_text(self, statement_ids: Sequence[int]) -> None:
        """Make new statements findable by full-text search."""

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

    # -- writing ---------------------------------------------------------------

    def known(self, url: str | None, content_hash: str) -> int | None:
        row = self._one("SELECT id FROM articles WHERE content_hash = ?", (content_hash,))
        if row is None and url:
            row = self._one("SELECT id FROM articles WHERE url = ?", (url,))
        return int(row[0]) if row else None

    def add(
        self,
        record: dict[str, Any],
        content_hash: str,
        signature: Sequence[int] | None = None,
        bands: Sequence[int] | None = None,
        origin: str | None = None,
    ) -> AddResult:
        existing = self.known(record.get("url"), content_hash)
        if existing is not None:
            return AddResult("duplicate", existing, existing)
        with self.transaction():
            # another process may have stored it since the check above
            existing = self.known(record.get("url"), content_hash)
            if existing is not None:
                return AddResult("duplicate", existing, existing)  # nothing written
            return self._add(record, content_hash, signature, bands, origin)

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

    def _add(
        self,
        record: dict[str, Any],
        content_hash: str,
        signature: Sequence[int] | None,
        bands: Sequence[int] | None,
        origin: str | None,
    ) -> AddResult:
        near, similarity = self._near_duplicate(signature, bands)
        statements = record["statements"] if near is None else []
        article_id = self._insert_id(
            "INSERT INTO articles (doc_id, url, content_hash, title, published, text, origin,"
            " duplicate_of, similarity, n_statements, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record["id"],
                record.get("url"),
                content_hash,
                record.get("title"),
                record.get("published"),
                record["text"],
                origin,
                near,
                similarity,
                len(statements),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )
        if signature is not None and near is None:
            self._exec(
                "INSERT INTO signatures (article_id, sig) VALUES (?, ?)",
                (article_id, json.dumps(list(signature))),
            )
            for band, value in enumerate(bands or ()):
                self._exec(
                    "INSERT INTO minhash_bands (band, value, article_id) VALUES (?, ?, ?)",
                    (band, value, article_id),
                )
        if near is not None:
            # a syndicated copy: linked to the original, its statements are
            # the original's and are not counted twice
            return AddResult("near-duplicate", article_id, near, similarity)
        entities = {e["id"]: e for e in record.get("entities", [])}
        ids = []
        stored: list[tuple[int | None, str | None]] = []  # (actor, sort_date) per statement
        for st in statements:
            actor_id = self._actor_for(st, entities)
            day = sort_date(st.get("date"), record.get("published"))
            ids.append(self._insert_statement(article_id, st, actor_id, day))
            stored.append((actor_id, day))
        self._index_text(ids)
        self._count_statements(stored)
        statement_ids = {st["id"]: sid for st, sid in zip(statements, ids, strict=True)}
        self._store_events(article_id, record, statement_ids, entities)
        return AddResult("stored", article_id)

    def _insert_statement(
        self, article_id: int, st: dict[str, Any], actor_id: int | None, day: str | None
    ) -> int:
        sp, cue = st["speaker"], st["cue"]
        return self._insert_id(
            "INSERT INTO statements (article_id, local_id, kind, actor_id, speaker_name,"
            " speaker_text, speaker_start, speaker_end, cue_text, cue_start, cue_end, content,"
            " spans, date, date_basis, sort_date, deadline)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                st["id"],
                st["kind"],
                actor_id,
                sp["name"],
                sp.get("text"),
                sp["span"][0] if sp["span"] else None,
                sp["span"][1] if sp["span"] else None,
                cue["text"] if cue else None,
                cue["span"][0] if cue else None,
                cue["span"][1] if cue else None,
                st["content"]["text"],
                json.dumps(st["content"]["spans"]),
                st.get("date"),
                st.get("date_basis"),
                day,
                json.dumps(st["deadline"]) if st.get("deadline") else None,
            ),
        )

    def _near_duplicate(
        self, signature: Sequence[int] | None, bands: Sequence[int] | None
    ) -> tuple[int | None, float | None]:
        if signature is None or not bands:
            return None, None
        from onrecord.store.dedupe import NEAR_DUPLICATE_THRESHOLD, similarity

        clauses = " OR ".join("(band = ? AND value = ?)" for _ in bands)
        params: list[Any] = [x for pair in enumerate(bands) for x in pair]
        rows = self._rows(
            f"SELECT DISTINCT s.article_id, s.sig FROM minhash_bands b JOIN signatures s"
            f" ON s.article_id = b.article_id WHERE {clauses}",
            params,
        )
        best: tuple[float, int] | None = None
        for article_id, sig in rows:
            sim = similarity(list(signature), json.loads(sig))
            if sim >= NEAR_DUPLICATE_THRESHOLD and (best is None or sim > best[0]):
                best = (sim, int(article_id))
        return (best[1], round(best[0], 3)) if best else (None, None)

    def _actor_for(self, st: dict[str, Any], entities: dict[str, dict[str, Any]]) -> int | None:
        eid = st["speaker"].get("entity")
        ent = entities.get(eid) if eid else None
        return self._actor_for_entity(ent, st["speaker"].get("text"))

    def _actor_for_entity(self, ent: dict[str, Any] | None, mention: str | None) -> int | None:
        """The actor an article's entity is, created if new (see actors.py)."""
        if ent is None or ent["type"] not in ACTOR_KINDS:
            return None
        name, kind = ent["name"], ent["type"]
        roles = frozenset(ent.get("descriptors", []))
        known = self._candidates(name)
        match = match_actor(name, kind, roles, known)
        if match.actor_id is None:
            actor_id = self._insert_id(
                "INSERT INTO actors (name, norm, last, kind, roles) VALUES (?, ?, ?, ?, ?)",
                (name, normalize(name), _last(name), kind, json.dumps(sorted(roles))),
            )
        else:
            actor_id = match.actor_id
            row = self._one("SELECT roles FROM actors WHERE id = ?", (actor_id,))
            merged = sorted(set(json.loads(row[0]) if row else []) | roles)
            if match.upgrade_name:
                self._exec(
                    "UPDATE actors SET name = ?, norm = ?, roles = ? WHERE id = ?",
                    (name, normalize(name), json.dumps(merged), actor_id),
                )
            else:
                self._exec(
                    "UPDATE actors SET roles = ? WHERE id = ?", (json.dumps(merged), actor_id)
                )
        for alias in {name, mention or ""}:
            if _name_like(alias, name):
                self._alias(actor_id, alias)
        return actor_id

    def _alias(self, actor_id: int, alias: str) -> None:
        norm = normalize(alias)
        if self._one("SELECT 1 FROM aliases WHERE actor_id = ? AND norm = ?", (actor_id, norm)):
            return
        self._exec(
            "INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?)", (actor_id, alias, norm)
        )

    def _candidates(self, name: str) -> list[KnownActor]:
        rows = self._rows(
            "SELECT id, name, kind, roles FROM actors WHERE last = ? OR norm = ?",
            (_last(name), normalize(name)),
        )
        return [KnownActor(int(i), n, k, frozenset(json.loads(r))) for i, n, k, r in rows]

    # -- reading ---------------------------------------------------------------

    _STATEMENT_COLUMNS = (
        "s.id, s.local_id, s.kind, s.actor_id, a.name, s.speaker_name, s.speaker_text,"
        " s.cue_text, s.content, s.spans, s.date, s.date_basis, s.sort_date, s.deadline,"
        " s.article_id, ar.doc_id, ar.title, ar.url, ar.published"
    )
    _STATEMENT_FROM = (
        " FROM statements s JOIN articles ar ON ar.id = s.article_id"
        " LEFT JOIN actors a ON a.id = s.actor_id"
    )

    def _statement(self, row: Sequence[Any]) -> dict[str, Any]:
        (sid, local, kind, actor_id, actor_name, sp_name, sp_text, cue, content, spans, date,
         basis, sdate, deadline, art_id, doc_id, title, url, published) = row  # fmt: skip
        return {
            "id": int(sid),
            "statement": local,
            "kind": kind,
            "actor_id": actor_id,
            "speaker": actor_name or sp_name,
            "speaker_text": sp_text,
            "cue": cue,
            "content": content,
            "spans": json.loads(spans),
            "date": date,
            "date_basis": basis,
            "sort_date": sdate,
            "deadline": json.loads(deadline) if deadline else None,
            "article_id": int(art_id),
            "article": doc_id,
            "title": title,
            "url": url,
            "published": published,
        }

    def speaker_ids(self, speaker: str) -> list[int]:
        norm = normalize(speaker)
        rows = self._rows(
            "SELECT DISTINCT actor_id FROM aliases WHERE norm = ?"
            " UNION SELECT id FROM actors WHERE norm = ? OR last = ?",
            (norm, norm, norm),
        )
        return sorted(int(r[0]) for r in rows)

    def _statement_filters(self, query: SearchQuery) -> tuple[list[str], list[Any]] | None:
        """WHERE conditions and parameters for a statement query; None when the
        speaker is known to no actor (nothing can match)."""
        where: list[str] = []
        params: list[Any] = []
        if query.speaker:
            ids = self.speaker_ids(query.speaker)
            if not ids:
                return None
            where.append(f"s.actor_id IN ({', '.join('?' for _ in ids)})")
            params += ids
        if query.text:
            clause, args = self._text_filter(query.text)
            where.append(clause)
            params += args
        for cond, value in (
            ("s.sort_date >= ?", query.since.isoformat() if query.since else None),
            ("s.sort_date <= ?", query.until.isoformat() if query.until else None),
            ("s.kind = ?", query.kind),
            ("s.article_id = ?", query.article),
        ):
            if value is not None:
                where.append(cond)
                params.append(value)
        return where, params

    def search(self, query: SearchQuery) -> list[dict[str, Any]]:
        filters = self._statement_filters(query)
        if filters is None:
            return []
        where, params = filters
        return self._statement_rows(where, params, self.newest_first, query.limit, query.offset)

    def actor(self, name: str) -> dict[str, Any] | None:
        ids = self.speaker_ids(name)
        if not ids:
            return None
        # the most quoted of the actors the name may mean
        counts = self._rows(
            f"SELECT actor_id, COUNT(*) FROM statements WHERE actor_id IN"
            f" ({', '.join('?' for _ in ids)}) GROUP BY actor_id ORDER BY COUNT(*) DESC, actor_id",
            ids,
        )
        actor_id = int(counts[0][0]) if counts else ids[0]
        row = self._one("SELECT id, name, kind, roles FROM actors WHERE id = ?", (actor_id,))
        if row is None:
            return None
        aliases = [r[0] for r in self._rows(
            "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY alias", (actor_id,)
        )]  # fmt: skip
        timeline = self._rows(
            "SELECT "
            + self._STATEMENT_COLUMNS
            + self._STATEMENT_FROM
            + f" WHERE s.actor_id = ? ORDER BY {self.oldest_first}",
            (actor_id,),
        )
        statements = [self._statement(r) for r in timeline]
        dates = [s["sort_date"] for s in statements if s["sort_date"]]
        return {
            "id": int(row[0]),
            "name": row[1],
            "kind": row[2],
            "roles": json.loads(row[3]),
            "aliases": aliases,
            "statements": statements,
            "first": min(dates) if dates else None,
            "last": max(dates) if dates else None,
            "articles": len({s["article_id"] for s in statements}),
        }

    #: actors with their counts (store_summary.py); CROSS JOIN makes SQLite loop over
    #: actor_stats first, so the most quoted are read from its index, not sorted
    _ACTOR_SUMMARY = (
        "a.id, a.name, a.kind, st.statements, st.articles, st.first_date, st.last_date"
        " FROM actor_stats st CROSS JOIN actors a WHERE a.id = st.actor_id"
    )

    def actors(self, top: int = 20) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT " + self._ACTOR_SUMMARY + " ORDER BY st.statements DESC, a.name, a.id LIMIT ?",
            (top,),
        )
        return [
            {"id": int(i), "name": n, "kind": k, "statements": int(c), "articles": int(na),
             "first": f, "last": la}
            for i, n, k, c, na, f, la in rows
        ]  # fmt: skip

    def iter_statements(self) -> Iterator[dict[str, Any]]:
        cur = self.conn.cursor()
        cur.execute(
            self._sql("SELECT " + self._STATEMENT_COLUMNS + self._STATEMENT_FROM + " ORDER BY s.id")
        )
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                return
            for r in rows:
                yield self._statement(r)

    def version(self) -> int:
        """A number that grows whenever the store's content changes, seen from
        any process: every change is made with a new article, so it is the
        newest article id (one primary-key lookup)."""
        row = self._one("SELECT MAX(id) FROM articles")
        return int(row[0]) if row and row[0] is not None else 0

    def stats(self) -> dict[str, Any]:
        articles, dups = self._one(
            "SELECT COUNT(*) - COUNT(duplicate_of), COUNT(duplicate_of) FROM articles"
        ) or (0, 0)
        (statements,) = self._one("SELECT COUNT(*) FROM statements") or (0,)
        # one row per actor with statements (store_summary.py)
        (actors,) = self._one("SELECT COUNT(*) FROM actor_stats") or (0,)
        # two subqueries, each one end of the published index (MIN and MAX together scan it)
        span = self._one(
            "SELECT (SELECT MIN(published) FROM articles), (SELECT MAX(published) FROM articles)"
        ) or (None, None)
        return {
            "articles": int(articles),
            "near_duplicates": int(dups),
            "statements": int(statements),
            "actors": int(actors),
            "first_published": span[0],
            "last_published": span[1],
        }

    # -- pages (keyset pagination: newest first by (sort key, id)) -------------

    def statements_page(
        self, query: SearchQuery, after: tuple[str, int] | None = None
    ) -> list[dict[str, Any]]:
        """Like :meth:`search` (limit, no offset), ordered by (sort_date or "", id)
        descending, starting after the cursor key ``after``: stable under inserts.

        Dated statements come first, then undated ones: two queries that each
        walk an index in order, where one ORDER BY COALESCE(…) would sort them all."""
        if query.text is not None and not query.text.strip():
            query = dataclasses.replace(query, text=None)  # blank text: no text filter here
        filters = self._statement_filters(query)
        if filters is None:
            return []
        where, params = filters
        out: list[dict[str, Any]] = []
        if after is None or after[0]:
            dated, args = [*where, "s.sort_date > ''"], list(params)
            if after is not None:
                dated.append("(s.sort_date, s.id) < (?, ?)")
                args += [after[0], after[1]]
            out = self._statement_rows(dated, args, "s.sort_date DESC, s.id DESC", query.limit)
        if len(out) < query.limit:
            undated, args = [*where, "(s.sort_date IS NULL OR s.sort_date = '')"], list(params)
            if after is not None and not after[0]:
                undated.append("s.id < ?")
                args.append(after[1])
            out += self._statement_rows(undated, args, "s.id DESC", query.limit - len(out))
        return out

    def _statement_rows(
        self, where: list[str], params: list[Any], order: str, limit: int, offset: int = 0
    ) -> list[dict[str, Any]]:
        sql = "SELECT " + self._STATEMENT_COLUMNS + self._STATEMENT_FROM
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order} LIMIT ? OFFSET ?"
        return [self._statement(r) for r in self._rows(sql, [*params, limit, offset])]

    _ARTICLE_COLUMNS = (
        "ar.id, ar.doc_id, ar.url, ar.title, ar.published, ar.origin, ar.duplicate_of,"
        " ar.similarity, ar.n_statements, ar.ingested_at"
    )

    def _article(self, row: Sequence[Any]) -> dict[str, Any]:
        aid, doc_id, url, title, published, origin, dup, sim, n, ingested = row
        return {
            "id": int(aid), "doc_id": doc_id, "url": url, "title": title,
            "published": published, "origin": origin, "duplicate_of": dup,
            "similarity": sim, "statements": int(n), "ingested_at": ingested,
        }  # fmt: skip

    def articles_page(
        self, limit: int = 20, after: tuple[str, int] | None = None
    ) -> list[dict[str, Any]]:
        """Articles newest first by (published or "", id), after the cursor key."""
        where, params = "", []
        if after is not None:
            where = (
                " WHERE (COALESCE(ar.published, '') < ?"
                " OR (COALESCE(ar.published, '') = ? AND ar.id < ?))"
            )
            params = [after[0], after[0], after[1]]
        rows = self._rows(
            "SELECT " + self._ARTICLE_COLUMNS + " FROM articles ar" + where
            + " ORDER BY COALESCE(ar.published, '') DESC, ar.id DESC LIMIT ?",
            [*params, limit],
        )  # fmt: skip
        return [self._article(r) for r in rows]

    def article(self, article_id: int) -> dict[str, Any] | None:
        """One article with its text and statements (with speaker and cue spans)."""
        row = self._one(
            "SELECT " + self._ARTICLE_COLUMNS + ", ar.text FROM articles ar WHERE ar.id = ?",
            (article_id,),
        )
        if row is None:
            return None
        out = self._article(row[:-1])
        out["text"] = row[-1]
        rows = self._rows(
            "SELECT " + self._STATEMENT_COLUMNS
            + ", s.speaker_start, s.speaker_end, s.cue_start, s.cue_end"
            + self._STATEMENT_FROM + " WHERE s.article_id = ? ORDER BY s.id",
            (article_id,),
        )  # fmt: skip
        statements = []
        for r in rows:
            st = self._statement(r[:-4])
            ss, se, cs, ce = r[-4:]
            st["speaker_span"] = [ss, se] if ss is not None else None
            st["cue_span"] = [cs, ce] if cs is not None else None
            statements.append(st)
        out["statement_list"] = statements
        return out

    def actors_page(self, limit: int = 20, after: int | None = None) -> list[dict[str, Any]]:
        """Actors who have statements, by id, after the cursor id."""
        rows = self._rows(
            "SELECT " + self._ACTOR_SUMMARY + " AND st.actor_id > ? ORDER BY st.actor_id LIMIT ?",
            (after if after is not None else 0, limit),
        )
        return [
            {"id": int(i), "name": n, "kind": k, "statements": int(c), "articles": int(na),
             "first": f, "last": la}
            for i, n, k, c, na, f, la in rows
        ]  # fmt: skip

    def actor_by_id(
        self, actor_id: int, recent: int = 50, days: bool = True
    ) -> dict[str, Any] | None:
        """An actor, their statement counts by day (unless not ``days``: see
        :meth:`actor_activity` for them binned), their latest statements and the
        event groups they take part in or speak about."""
        row = self._one("SELECT id, name, kind, roles FROM actors WHERE id = ?", (actor_id,))
        if row is None:
            return None
        aliases = [r[0] for r in self._rows(
            "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY alias", (actor_id,)
        )]  # fmt: skip
        # counts from the per-actor summaries (store_summary.py)
        per_day = [
            (d, int(n))
            for d, n in self._rows(
                "SELECT day, n FROM actor_days WHERE actor_id = ? ORDER BY day", (actor_id,)
            )
        ] if days else []  # fmt: skip
        total, first, last = self._one(
            "SELECT statements, first_date, last_date FROM actor_stats WHERE actor_id = ?",
            (actor_id,),
        ) or (0, None, None)
        latest = [
            self._statement(r) for r in self._rows(
                "SELECT " + self._STATEMENT_COLUMNS + self._STATEMENT_FROM
                + f" WHERE s.actor_id = ? ORDER BY {self.newest_first} LIMIT ?",
                (actor_id, recent),
            )
        ]  # fmt: skip
        # groups of events the actor takes part in (event_participants mirrors
        # events.participants) or of statuses they are the source of
        groups = {int(r[0]) for r in self._rows(
            "SELECT group_id FROM event_participants WHERE actor_id = ?"
            " UNION SELECT group_id FROM event_statuses WHERE source_actor_id = ?",
            (actor_id, actor_id),
        )}  # fmt: skip
        return {
            "id": int(row[0]), "name": row[1], "kind": row[2], "roles": json.loads(row[3]),
            "aliases": aliases, "per_day": per_day, "statements": int(total),
            "first": first, "last": last, "latest": latest, "events": sorted(groups),
        }  # fmt: skip

    def event_ids(
        self, limit: int = 20, after: int | None = None, event_type: str | None = None
    ) -> list[int]:
        """Event group ids in id order, after the cursor id."""
        where = "WHERE id > ?"
        params: list[Any] = [after if after is not None else 0]
        if event_type:
            where += " AND type = ?"
            params.append(event_type)
        rows = self._rows(
            f"SELECT id FROM event_groups {where} ORDER BY id LIMIT ?", [*params, limit]
        )
        return [int(r[0]) for r in rows]

    def close(self) -> None:
        self.conn.close()

    def add_many(
        self,
        items: Sequence[
            tuple[dict[str, Any], str, Sequence[int] | None, Sequence[int] | None, str | None]
        ],
    ) -> list[AddResult]:
        """Store many articles (record, content hash, signature, bands, origin) in one
        transaction, for bulk loading: each as ``add`` would, known ones skipped. On any
        failure none of them is stored: every article stays all-or-nothing, and a re-run
        resumes."""
        results: list[AddResult] = []
        with self.transaction():
            for record, content_hash, signature, bands, origin in items:
                existing = self.known(record.get("url"), content_hash)
                if existing is not None:
                    results.append(AddResult("duplicate", existing, existing))
                    continue
                results.append(self._add(record, content_hash, signature, bands, origin))
        return results


def _name_like(alias: str, name: str) -> bool:
    """An alias worth keeping: a way of writing the name ("Lavrov", "Russian
    Foreign Minister Sergei Lavrov"), not a phrase about the person
    ("Lavrov's remarks on Friday")."""
    words = normalize(alias).split()
    return (
        bool(words)
        and alias[:1].isupper()
        and len(words) <= 6
        and "'s" not in alias
        and "’s" not in alias
        and words[-1] == _last(name)
    )


def _last(name: str) -> str:
    words = normalize(name).split()
    return words[-1] if words else ""
