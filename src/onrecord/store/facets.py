"""How many statements a search finds, and facet counts of them: by speaker,
kind, outlet (web domain) and month, as a faceted search page shows them.

The conditions are the search's own (:meth:`StatementSearch._statement_filters`);
only the statements table is read, except for the speaker's name and the
article's URL.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from onrecord.present.dates import human_date
from onrecord.store.interface import SearchQuery
from onrecord.store.search import StatementSearch, outlet_of

#: facet names, in the order a page shows them
FACETS = ("speaker", "kind", "outlet", "month")
#: facets count at most this many matches, the newest (a page stays fast on a
#: store of millions; the page says when its facets are of the newest only)
FACET_SAMPLE = 1000


class StatementFacets(StatementSearch):
    """Mixin of :class:`onrecord.store.base.SqlStore`: counts of found statements."""

    def count(self, query: SearchQuery) -> int:
        filters = self._statement_filters(query)
        if filters is None:
            return 0
        where, params = filters
        sql = "SELECT COUNT(*) FROM statements s" + _where(where)
        row = self._one(sql, params)
        return int(row[0]) if row else 0

    def newest_ids(self, query: SearchQuery, n: int) -> list[int]:
        """The ids of the ``n`` newest statements ``query`` finds."""
        filters = self._statement_filters(query)
        if filters is None:
            return []
        where, params = filters
        rows = self._rows(
            "SELECT s.id FROM statements s" + _where(where)
            + f" ORDER BY {self.newest_first} LIMIT ?",
            [*params, n],
        )  # fmt: skip
        return [int(r[0]) for r in rows]

    def facets(
        self, query: SearchQuery, top: int = 10, sample: int = FACET_SAMPLE
    ) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {name: [] for name in FACETS}
        ids = self.newest_ids(query, sample)
        if not ids:
            return out
        # over the newest matches, by id: a few thousand rows at most, whatever the store
        where = [f"s.id IN ({', '.join('?' for _ in ids)})"]
        params: list[Any] = list(ids)
        cond = _where(where)
        rows = self._rows(
            "SELECT s.actor_id, a.name, COUNT(*) FROM statements s"
            " LEFT JOIN actors a ON a.id = s.actor_id" + cond
            + " GROUP BY s.actor_id, a.name ORDER BY COUNT(*) DESC, s.actor_id LIMIT ?",
            [*params, top],
        )  # fmt: skip
        out["speaker"] = [
            {"value": name, "label": name, "count": int(n), "actor_id": int(aid)}
            for aid, name, n in rows if aid is not None and name
        ]  # fmt: skip
        rows = self._rows(
            "SELECT s.kind, COUNT(*) FROM statements s" + cond
            + " GROUP BY s.kind ORDER BY COUNT(*) DESC",
            params,
        )  # fmt: skip
        out["kind"] = [{"value": k, "label": k, "count": int(n)} for k, n in rows]
        rows = self._rows(
            "SELECT ar.url, COUNT(*) FROM statements s JOIN articles ar ON ar.id = s.article_id"
            + cond + " GROUP BY ar.url",
            params,
        )  # fmt: skip
        outlets: Counter[str] = Counter()
        for url, n in rows:
            name = outlet_of(url)
            if name:
                outlets[name] += int(n)
        out["outlet"] = [
            {"value": name, "label": name, "count": n}
            for name, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ]
        rows = self._rows(
            "SELECT SUBSTR(s.sort_date, 1, 7), COUNT(*) FROM statements s" + cond
            + (" AND" if where else " WHERE") + " s.sort_date > ''"
            " GROUP BY SUBSTR(s.sort_date, 1, 7)",
            params,
        )  # fmt: skip
        months = sorted(((str(m), int(n)) for m, n in rows), reverse=True)[:top]
        out["month"] = [{"value": m, "label": human_date(m), "count": n} for m, n in months]
        return out

    # provided by SqlStore
    newest_first: str

    def outlets(self) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for (url,) in self._rows("SELECT url FROM articles WHERE url IS NOT NULL"):
            name = outlet_of(url)
            if name:
                counts[name] += 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _where(where: list[str]) -> str:
    return " WHERE " + " AND ".join(where) if where else ""
