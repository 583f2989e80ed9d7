"""Articles, actors, events and the store's counts, read for the CLI and the
web pages (lists, keyset pages, one item in full), and the cache of statement
vectors.

SQL here is the common subset of SQLite and PostgreSQL, run through the
store's own helpers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from onrecord.store.events import ACTOR_GROUPS
from onrecord.store.facets import StatementFacets
from onrecord.store.listings import CorpusListings


class CorpusReading(StatementFacets, CorpusListings):
    """Mixin of :class:`onrecord.store.base.SqlStore`: articles, actors, events
    and counts out; statements through :class:`StatementFacets`."""

    # provided by SqlStore
    oldest_first: str

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # -- reading ---------------------------------------------------------------

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
        card = self._actor_card(actor_id)
        if card is None:
            return None
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
            **card,
            "statements": statements,
            "first": min(dates) if dates else None,
            "last": max(dates) if dates else None,
            "articles": len({s["article_id"] for s in statements}),
        }

    def _actor_card(self, actor_id: int) -> dict[str, Any] | None:
        """An actor's id, name, kind, roles and aliases."""
        row = self._one("SELECT id, name, kind, roles FROM actors WHERE id = ?", (actor_id,))
        if row is None:
            return None
        aliases = [r[0] for r in self._rows(
            "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY alias", (actor_id,)
        )]  # fmt: skip
        return {
            "id": int(row[0]), "name": row[1], "kind": row[2], "roles": json.loads(row[3]),
            "aliases": aliases,
        }  # fmt: skip

    #: actors with their counts (summaries.py); CROSS JOIN makes SQLite loop over
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

    def vectors(self, model: str) -> dict[int, bytes]:
        """The cached content vectors of ``model``, by statement id."""
        rows = self._rows(
            "SELECT statement_id, vector FROM statement_vectors WHERE model = ?", (model,)
        )
        return {int(sid): bytes(blob) for sid, blob in rows}

    def save_vectors(self, model: str, vectors: Sequence[tuple[int, bytes]]) -> None:
        """Cache content vectors (statement id, bytes) of ``model``, in one transaction."""
        # INSERT … ON CONFLICT … DO UPDATE is spelled the same in SQLite (3.24+) and PostgreSQL
        with self.transaction():
            self._exec_many(
                "INSERT INTO statement_vectors (statement_id, model, vector) VALUES (?, ?, ?)"
                " ON CONFLICT (statement_id) DO UPDATE"
                " SET model = excluded.model, vector = excluded.vector",
                [(sid, model, blob) for sid, blob in vectors],
            )
            self._derived_changed("vectors")

    def _derived_changed(self, kind: str) -> None:
        """Count one more save of derived data of ``kind`` (inside its
        transaction): the store's version moves, and caches of pages built
        on it (utterances, positions) are dropped."""
        self._exec(
            "INSERT INTO derived_changes (kind, n) VALUES (?, 1)"
            " ON CONFLICT (kind) DO UPDATE SET n = derived_changes.n + 1",
            (kind,),
        )

    def vector_count(self, model: str) -> int:
        """How many statements have a cached content vector of ``model``."""
        row = self._one("SELECT COUNT(*) FROM statement_vectors WHERE model = ?", (model,))
        return int(row[0]) if row else 0

    def topic_model(self, model: str) -> list[tuple[int, str, float, bytes]]:
        """The fitted topics of ``positions`` for ``model`` (id, name, threshold,
        centroid bytes), in id order; empty where none was fitted."""
        rows = self._rows(
            "SELECT id, name, threshold, centroid FROM topics WHERE model = ? ORDER BY id",
            (model,),
        )
        return [(int(i), str(n), float(t), bytes(c)) for i, n, t, c in rows]

    def save_topic_model(
        self, model: str, threshold: float, topics: Sequence[tuple[int, str, bytes]]
    ) -> None:
        """Replace the fitted topics (id, name, centroid bytes), in one transaction."""
        fitted = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.transaction():
            self._exec("DELETE FROM topics")
            self._exec_many(
                "INSERT INTO topics (id, model, threshold, name, centroid, fitted_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(i, model, threshold, name, blob, fitted) for i, name, blob in topics],
            )
            self._derived_changed("topics")

    def version(self) -> int:
        """A number that grows whenever the store's content changes, seen from
        any process: every change is made with a new article or a rule about
        actors (curation.py), added or deleted (rules are only ever marked
        deleted), or is derived data saved (vectors, topics), so it is the
        newest article id, plus the newest rule id, plus the number of deleted
        rules, plus the saves of derived data (primary-key lookups and small
        counts)."""
        row = self._one(
            "SELECT (SELECT MAX(id) FROM articles), (SELECT MAX(id) FROM actor_rules),"
            " (SELECT COUNT(deleted_at) FROM actor_rules),"
            " (SELECT SUM(n) FROM derived_changes)"
        )
        return sum(int(x) for x in row or () if x is not None)

    def stats(self) -> dict[str, Any]:
        articles, dups = self._one(
            "SELECT COUNT(*) - COUNT(duplicate_of), COUNT(duplicate_of) FROM articles"
        ) or (0, 0)
        (statements,) = self._one("SELECT COUNT(*) FROM statements") or (0,)
        # one row per actor with statements (summaries.py)
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
        card = self._actor_card(actor_id)
        if card is None:
            return None
        # counts from the per-actor summaries (summaries.py)
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
        groups = {int(r[0]) for r in self._rows(ACTOR_GROUPS, (actor_id, actor_id))}
        return {
            **card, "per_day": per_day, "statements": int(total),
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
