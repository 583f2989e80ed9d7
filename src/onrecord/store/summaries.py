"""Per-actor summaries of the store, kept up to date as articles are stored.

Listing the most quoted actors, or one actor's statements per day, would
otherwise group all of their statements on every page view. Three derived
tables answer those questions from a few rows instead:

- ``actor_stats``: per actor, the number of statements, of distinct articles,
  and the first and last ``sort_date`` (what a ``GROUP BY actor_id`` over
  ``statements`` gives, NULL dates ignored as MIN/MAX ignore them);
- ``actor_days``: per actor and ``sort_date`` (not NULL), the number of
  statements;
- ``event_participants``: the event groups each actor takes part in (the
  actor ids of ``events.participants``; written where events are stored, in
  store_events.py, and filled here on open like the others).

They are written in the same transaction as the article they count (see
``SqlStore._add``), so they never disagree with ``statements`` and
``events``. A store written before they existed, or by a tool that inserts
rows directly (the benchmark generator), has them empty: opening it fills
them from the data (:meth:`SummaryTables._missing_summaries`, cheap when
nothing is missing, then :meth:`SummaryTables._fill_summaries`).

SQL here is the common subset of SQLite and PostgreSQL (``ON CONFLICT … DO
UPDATE`` upserts included), run through the store's own helpers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from onrecord.store.events import ADD_PARTICIPANT, SqlAccess

#: each summary table, with a query that finds (without a full scan) a row it
#: should have been derived from: if the table is empty and this finds a row,
#: the table is missing (an older store) and is filled on open
_SOURCES = {
    # answered from the statements_actor_date index (actor_id, sort_date DESC, id DESC)
    "actor_stats": "SELECT 1 FROM statements WHERE actor_id IS NOT NULL LIMIT 1",
    "actor_days": (
        "SELECT 1 FROM statements WHERE actor_id IS NOT NULL AND sort_date IS NOT NULL LIMIT 1"
    ),
    # an event without actor participants has '[]' (json.dumps of an empty list)
    "event_participants": "SELECT 1 FROM events WHERE participants <> '[]' LIMIT 1",
}

#: each per-actor summary table counted from the statements of the actors
#: ``{actors}`` (a condition on ``actor_id``) picks
_COUNT = {
    "actor_stats": (
        "INSERT INTO actor_stats (actor_id, statements, articles, first_date, last_date)"
        " SELECT actor_id, COUNT(*), COUNT(DISTINCT article_id), MIN(sort_date), MAX(sort_date)"
        " FROM statements WHERE {actors} GROUP BY actor_id"
    ),
    "actor_days": (
        "INSERT INTO actor_days (actor_id, day, n)"
        " SELECT actor_id, sort_date, COUNT(*) FROM statements"
        " WHERE {actors} AND sort_date IS NOT NULL GROUP BY actor_id, sort_date"
    ),
}

#: at most this many points in an actor's activity: days, else weeks, months, years
MAX_POINTS = 120


def time_unit(
    first: dt.date, last: dt.date, max_points: int = MAX_POINTS, finest: str = "day"
) -> str:
    """The finest of day, week, month and year (but no finer than ``finest``)
    that cuts first..last into at most ``max_points`` units."""
    if finest == "day" and (last - first).days < max_points:
        return "day"
    monday = [d - dt.timedelta(days=d.weekday()) for d in (first, last)]
    if finest in ("day", "week") and (monday[1] - monday[0]).days // 7 < max_points:
        return "week"
    if (last.year - first.year) * 12 + last.month - first.month < max_points:
        return "month"
    return "year"


#: the first day of a day's month and year, in SQL both backends speak
_UNIT_START = {
    "day": "day",
    "month": "substr(day, 1, 7) || '-01'",
    "year": "substr(day, 1, 4) || '-01-01'",
}

_UPSERT_STATS = (
    "INSERT INTO actor_stats (actor_id, statements, articles, first_date, last_date)"
    " VALUES (?, ?, 1, ?, ?) ON CONFLICT (actor_id) DO UPDATE SET"
    " statements = actor_stats.statements + excluded.statements,"
    " articles = actor_stats.articles + excluded.articles,"
    " first_date = CASE WHEN actor_stats.first_date IS NULL"
    " OR excluded.first_date < actor_stats.first_date"
    " THEN excluded.first_date ELSE actor_stats.first_date END,"
    " last_date = CASE WHEN actor_stats.last_date IS NULL"
    " OR excluded.last_date > actor_stats.last_date"
    " THEN excluded.last_date ELSE actor_stats.last_date END"
)
_UPSERT_DAYS = (
    "INSERT INTO actor_days (actor_id, day, n) VALUES (?, ?, ?)"
    " ON CONFLICT (actor_id, day) DO UPDATE SET n = actor_days.n + excluded.n"
)


class SummaryTables(SqlAccess):
    """Mixin of :class:`onrecord.store.base.SqlStore`: the per-actor summary tables."""

    #: SQL for the Monday of the week of ``day`` (a YYYY-MM-DD string), per backend
    _week_start = ""

    # -- reading ---------------------------------------------------------------

    def actor_activity(
        self, actor_id: int, max_points: int = MAX_POINTS, finest: str = "day"
    ) -> tuple[str, list[tuple[str, int]]]:
        """An actor's statements over time, summed per day, week, month or year
        (the finest unit, no finer than ``finest``, giving at most ``max_points``;
        :func:`time_unit`):
        (unit, [(first day of the unit, count)]) in date order. Binned in SQL, so
        an actor with thousands of days costs a few rows."""
        row = self._one(
            "SELECT first_date, last_date FROM actor_stats WHERE actor_id = ?", (actor_id,)
        )
        try:
            first, last = (dt.date.fromisoformat(str(d)[:10]) for d in row or ())
        except (TypeError, ValueError):
            return "day", []
        unit = time_unit(first, last, max_points, finest)
        start = self._week_start if unit == "week" else _UNIT_START[unit]
        rows = self._rows(
            f"SELECT {start}, SUM(n) FROM actor_days WHERE actor_id = ? GROUP BY 1 ORDER BY 1",
            (actor_id,),
        )
        return unit, [(str(d), int(n)) for d, n in rows if d]

    # -- writing (inside the article's transaction) ----------------------------

    def _count_statements(self, stored: Iterable[tuple[int | None, str | None]]) -> None:
        """Add one article's statements, as (actor id, sort_date) pairs, to the
        per-actor counts."""
        per_actor: dict[int, list[Any]] = {}  # actor id -> [count, first, last]
        per_day: dict[tuple[int, str], int] = {}
        for actor_id, day in stored:
            if actor_id is None:
                continue
            # the value the TEXT column holds (a date string, or None)
            day = None if day is None else str(day)
            agg = per_actor.setdefault(actor_id, [0, None, None])
            agg[0] += 1
            if day is not None:
                agg[1] = day if agg[1] is None or day < agg[1] else agg[1]
                agg[2] = day if agg[2] is None or day > agg[2] else agg[2]
                per_day[actor_id, day] = per_day.get((actor_id, day), 0) + 1
        if per_actor:
            self._exec_many(
                _UPSERT_STATS,
                [(a, n, first, last) for a, (n, first, last) in sorted(per_actor.items())],
            )
        if per_day:
            self._exec_many(_UPSERT_DAYS, [(a, d, n) for (a, d), n in sorted(per_day.items())])

    def _recount(self, actor_ids: Sequence[int]) -> None:
        """The per-actor summaries of these actors, counted again from their
        statements (after statements changed actor)."""
        for actor_id in actor_ids:
            for table, count in _COUNT.items():
                self._exec(f"DELETE FROM {table} WHERE actor_id = ?", (actor_id,))
                self._exec(count.format(actors="actor_id = ?"), (actor_id,))

    # -- filling on open -------------------------------------------------------

    def _missing_summaries(self) -> list[str]:
        """The summary tables that are empty though there is data for them: a
        few single-row lookups, no scan."""
        return [
            table
            for table, source in _SOURCES.items()
            if self._one(f"SELECT 1 FROM {table} LIMIT 1") is None and self._one(source)
        ]

    def _fill_summaries(self, tables: Sequence[str]) -> None:
        """Fill the given (empty) summary tables from the stored data; run inside
        the caller's transaction."""
        for table in tables:
            if table in _COUNT:
                self._exec(_COUNT[table].format(actors="actor_id IS NOT NULL"))
                continue
            pairs: set[tuple[int, int]] = set()
            for group_id, participants in self._rows(
                "SELECT group_id, participants FROM events WHERE participants <> '[]'"
            ):
                pairs |= {(int(a), int(group_id)) for a in json.loads(participants)}
            if pairs:
                self._exec_many(ADD_PARTICIPANT, sorted(pairs))
