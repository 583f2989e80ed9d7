"""How many statements a search finds, and facet counts of them: by speaker,
kind, outlet (web domain) and month, as a faceted search page shows them.

The conditions are the search's own (:meth:`StatementSearch._statement_filters`);
only the statements table is read, except for the speaker's name and the
article's URL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from onrecord.present.dates import human_date
from onrecord.store.interface import SearchQuery
from onrecord.store.search import StatementSearch, outlet_of

#: facet names, in the order a page shows them
FACETS = ("speaker", "kind", "outlet", "month")
#: facets count at most this many matches, the newest (a page stays fast on a
#: store of millions; the page says when its facets are of the newest only)
FACET_SAMPLE = 100


class StatementFacets(StatementSearch):
    """Mixin of :class:`onrecord.store.base.SqlStore`: counts of found statements."""

    def count(self, query: SearchQuery, cap: int | None = None) -> int:
        filters = self._statement_filters(query)
        if filters is None:
            return 0
        where, params = filters
        sql = "SELECT 1 FROM statements s" + _where(where)
        if cap is not None:  # past the cap, counting on is work no page needs
            sql, params = sql + " LIMIT ?", [*params, cap + 1]
        row = self._one(f"SELECT COUNT(*) FROM ({sql}) counted", params)
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
        self, query: SearchQuery, top: int = 10, sample: int = FACET_SAMPLE,
        ids: Sequence[int] | None = None,
    ) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
        out: dict[str, list[dict[str, Any]]] = {name: [] for name in FACETS}
        if ids is None:
            ids = self.newest_ids(query, sample)
        if not ids:
            return out
        # the newest matches read once, by id, with their speaker's name and article's
        # URL, and counted here: one query of at most ``sample`` rows, whatever the store
        rows = self._rows(
            "SELECT s.actor_id, a.name, s.kind, ar.url, s.sort_date FROM statements s"
            " JOIN articles ar ON ar.id = s.article_id LEFT JOIN actors a ON a.id = s.actor_id"
            f" WHERE s.id IN ({', '.join('?' for _ in ids)})",
            list(ids),
        )
        by_actor: Counter[tuple[int, str]] = Counter()
        kinds: Counter[str] = Counter()
        outlets: Counter[str] = Counter()
        months: Counter[str] = Counter()
        for aid, name, kind, url, day in rows:
            if aid is not None and name:
                by_actor[(int(aid), str(name))] += 1
            kinds[str(kind)] += 1
            outlet = outlet_of(url)
            if outlet:
                outlets[outlet] += 1
            if day:
                months[str(day)[:7]] += 1
        speakers = dict(sorted(by_actor.items(), key=lambda kv: (-kv[1], kv[0][0]))[:top])
        out["speaker"] = [
            {"value": name, "label": name, "count": n, "actor_id": aid}
            for (aid, name), n in speakers.items()
        ]  # fmt: skip
        out["kind"] = [{"value": k, "label": k, "count": n} for k, n in kinds.most_common()]
        out["outlet"] = [
            {"value": name, "label": name, "count": n}
            for name, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ]
        out["month"] = [
            {"value": m, "label": human_date(m), "count": n}
            for m, n in sorted(months.items(), reverse=True)[:top]
        ]
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
