"""Statements out of the store: the row a statement is read as, search by
words, speaker, dates and kind, and keyset pages of the results.

SQL here is the common subset of SQLite and PostgreSQL, run through the
store's own helpers; the words filter is the backend's own (``_text_filter``).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from onrecord.store.actors import normalize
from onrecord.store.events import SqlAccess
from onrecord.store.interface import SearchQuery


class StatementSearch(SqlAccess):
    """Mixin of :class:`onrecord.store.base.SqlStore`: statements found and read."""

    # provided by SqlStore
    conn: Any
    newest_first: str

    def _sql(self, sql: str) -> str:
        raise NotImplementedError

    def _text_filter(self, text: str) -> tuple[str, list[Any]]:
        raise NotImplementedError

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
        """The actors a speaker filter means: ``#12`` is actor 12; a name,
        alias or surname every actor it names."""
        if re.fullmatch(r"#\d{1,18}", speaker.strip()):
            return [int(speaker.strip()[1:])]
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
            ("s.id IN (SELECT statement_id FROM event_statuses WHERE group_id = ?)", query.event),
        ):
            if value is not None:
                where.append(cond)
                params.append(value)
        if query.outlet:
            cond, patterns = outlet_condition("url", query.outlet)
            where.append(f"s.article_id IN (SELECT id FROM articles WHERE {cond})")
            params += patterns
        return where, params

    def _relevance(self, text: str) -> tuple[str, list[Any], str, list[Any]]:
        """A join and an ORDER BY putting the best matches of ``text`` first
        (the backend's own ranking): (join, its parameters, order, its parameters)."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> list[dict[str, Any]]:
        filters = self._statement_filters(query)
        if filters is None:
            return []
        where, params = filters
        if query.sort == "relevance" and query.text and query.text.strip():
            join, join_params, order, order_params = self._relevance(query.text)
            sql = "SELECT " + self._STATEMENT_COLUMNS + self._STATEMENT_FROM + join
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += f" ORDER BY {order}, {self.newest_first} LIMIT ? OFFSET ?"
            args = [*join_params, *params, *order_params, query.limit, query.offset]
            return [self._statement(r) for r in self._rows(sql, args)]
        return self._statement_rows(where, params, self.newest_first, query.limit, query.offset)

    def statements(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """The statements with these ids, in this order (an unknown id is left out)."""
        if not ids:
            return []
        sql = "SELECT " + self._STATEMENT_COLUMNS + self._STATEMENT_FROM
        rows = self._rows(sql + f" WHERE s.id IN ({', '.join('?' for _ in ids)})", list(ids))
        by_id = {int(r[0]): self._statement(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

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


@functools.lru_cache(maxsize=65536)
def outlet_of(url: str | None) -> str | None:
    """The outlet of an article: its URL's host without "www." ("reuters.com")."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname if "://" in url else None
    except ValueError:  # a malformed URL ("http://[x") names no outlet
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def outlet_condition(column: str, outlet: str) -> tuple[str, list[str]]:
    """A condition that the URL in ``column`` is an outlet's or one of its
    subdomains', and its LIKE patterns: (SQL, parameters)."""
    domain = like_escape(outlet.strip().lower().removeprefix("www."))
    patterns = [f"%://{domain}/%", f"%://{domain}", f"%.{domain}/%", f"%.{domain}"]
    return "(" + " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in patterns) + ")", patterns


def like_escape(text: str) -> str:
    """``text`` for a LIKE pattern with ``ESCAPE '\\'``: its own %, _ and \\ literal."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
