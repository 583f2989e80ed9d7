"""The index pages' lists: articles, actors and events, filtered, sorted and
cut into numbered pages, each with the total it was cut from.

A sort is one of a few named orders (never SQL from a request); a filter on
words is a case-insensitive "contains" on the title or name.
"""

from __future__ import annotations

from typing import Any

from onrecord.store.events import SqlAccess
from onrecord.store.search import like_escape, outlet_condition

#: the orders each list offers, by name; the first is the default
ARTICLE_SORTS = {
    "newest": "COALESCE(ar.published, '') DESC, ar.id DESC",
    "oldest": "COALESCE(ar.published, '9999') ASC, ar.id ASC",
    "statements": "ar.n_statements DESC, ar.id DESC",
    "title": "LOWER(COALESCE(ar.title, ar.doc_id)) ASC, ar.id ASC",
}
ACTOR_SORTS = {
    "statements": "st.statements DESC, a.name, a.id",
    "name": "LOWER(a.name) ASC, a.id",
    "recent": "COALESCE(st.last_date, '') DESC, st.statements DESC, a.id",
    "articles": "st.articles DESC, st.statements DESC, a.id",
}
EVENT_SORTS = {
    "sources": "COUNT(es.id) DESC, g.id",
    "newest": "MAX(COALESCE(es.asserted, '')) DESC, g.id DESC",
    "oldest": "MIN(COALESCE(es.asserted, '9999')) ASC, g.id",
    "type": "g.type, COUNT(es.id) DESC, g.id",
}


def _contains(words: str) -> str:
    return f"%{like_escape(words.strip().lower())}%"


class CorpusListings(SqlAccess):
    """Mixin of :class:`onrecord.store.base.SqlStore`: numbered pages of lists."""

    # provided by CorpusReading / EventQueries
    _ARTICLE_COLUMNS: str

    def _article(self, row: Any) -> dict[str, Any]:
        raise NotImplementedError

    def _event_summary(self, row: Any) -> dict[str, Any]:
        raise NotImplementedError

    def list_articles(
        self, q: str | None = None, outlet: str | None = None, sort: str = "newest",
        limit: int = 50, offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
        """Articles whose title or id contains ``q``, from ``outlet``; (page, total)."""
        where: list[str] = []
        params: list[Any] = []
        if q and q.strip():
            where.append("LOWER(COALESCE(ar.title, '') || ' ' || ar.doc_id) LIKE ? ESCAPE '\\'")
            params.append(_contains(q))
        if outlet and outlet.strip():
            cond, patterns = outlet_condition("ar.url", outlet)
            where.append(cond)
            params += patterns
        cond = " WHERE " + " AND ".join(where) if where else ""
        order = ARTICLE_SORTS.get(sort, ARTICLE_SORTS["newest"])
        rows = self._rows(
            "SELECT " + self._ARTICLE_COLUMNS + " FROM articles ar" + cond
            + f" ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )  # fmt: skip
        total = self._one("SELECT COUNT(*) FROM articles ar" + cond, params)
        return [self._article(r) for r in rows], int(total[0]) if total else 0

    def list_actors(
        self, q: str | None = None, kind: str | None = None, sort: str = "statements",
        limit: int = 50, offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
        """Actors with statements whose name contains ``q``, of ``kind``; (page, total)."""
        where = ["a.id = st.actor_id"]
        params: list[Any] = []
        if q and q.strip():
            where.append("LOWER(a.name) LIKE ? ESCAPE '\\'")
            params.append(_contains(q))
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        cond = " FROM actor_stats st CROSS JOIN actors a WHERE " + " AND ".join(where)
        order = ACTOR_SORTS.get(sort, ACTOR_SORTS["statements"])
        rows = self._rows(
            "SELECT a.id, a.name, a.kind, st.statements, st.articles, st.first_date,"
            f" st.last_date{cond} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        total = self._one("SELECT COUNT(*)" + cond, params)
        items = [
            {"id": int(i), "name": n, "kind": k, "statements": int(c), "articles": int(na),
             "first": f, "last": la}
            for i, n, k, c, na, f, la in rows
        ]  # fmt: skip
        return items, int(total[0]) if total else 0

    def list_events(
        self, event_type: str | None = None, q: str | None = None, sort: str = "sources",
        limit: int = 50, offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
        """Events of ``event_type`` whose stored name contains ``q``; (page, total)."""
        where: list[str] = []
        params: list[Any] = []
        if event_type:
            where.append("g.type = ?")
            params.append(event_type)
        if q and q.strip():
            where.append("LOWER(g.name) LIKE ? ESCAPE '\\'")
            params.append(_contains(q))
        cond = " WHERE " + " AND ".join(where) if where else ""
        order = EVENT_SORTS.get(sort, EVENT_SORTS["sources"])
        rows = self._rows(
            "SELECT g.id, g.type, g.name, g.date, COUNT(DISTINCT e.article_id), COUNT(es.id)"
            " FROM event_groups g JOIN events e ON e.group_id = g.id"
            f" LEFT JOIN event_statuses es ON es.event_id = e.id{cond}"
            f" GROUP BY g.id, g.type, g.name, g.date ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        total = self._one(
            "SELECT COUNT(*) FROM event_groups g"
            + (cond + " AND" if cond else " WHERE")
            + " EXISTS (SELECT 1 FROM events e WHERE e.group_id = g.id)",
            params,
        )  # fmt: skip
        return [self._event_summary(r) for r in rows], int(total[0]) if total else 0

    def event_types(self) -> list[tuple[str, int]]:
        """Each event type with its number of events, most first."""
        rows = self._rows(
            "SELECT type, COUNT(*) FROM event_groups GROUP BY type ORDER BY COUNT(*) DESC, type"
        )
        return [(str(t), int(n)) for t, n in rows]
