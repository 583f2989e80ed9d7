"""Server-drawn charts, and the reference binning of an actor's activity: the
timeline shows days, or weeks, months or years over long spans, so a page
stays small (the store bins in SQL; tests check it against ``bin_days``)."""

from __future__ import annotations

import datetime as dt
import re

from onrecord.store.summaries import MAX_POINTS
from onrecord.web import svg

from .helpers import bin_days


def days(first: str, count: int, step: int = 1) -> list[tuple[str, int]]:
    start = dt.date.fromisoformat(first)
    return [((start + dt.timedelta(days=i * step)).isoformat(), 1 + i % 3) for i in range(count)]


def test_bins_widen_with_the_span() -> None:
    cases = [
        (days("2025-08-01", 30), "day", 30),
        (days("2025-01-01", 300), "week", 44),  # 300 days: Mondays from 2024-12-30
        (days("2020-01-01", 900, step=2), "month", 60),  # about five years
        (days("1990-01-01", 400, step=30), "year", 33),
    ]
    for per_day, unit, n in cases:
        got_unit, points = bin_days(per_day)
        assert got_unit == unit and len(points) == n, (unit, len(points))
        assert len(points) <= MAX_POINTS
        assert sum(c for _, c in points) == sum(c for _, c in per_day)  # nothing lost
        assert [d for d, _ in points] == sorted(d for d, _ in points)
    _, weeks = bin_days(days("2025-01-01", 300))
    assert all(d.weekday() == 0 for d, _ in weeks)  # weeks start on Monday


def test_timeline_draws_one_point_per_bin_and_skips_bad_dates() -> None:
    per_day = [*days("2019-01-01", 2000), ("", 4), ("not a date", 2)]
    unit, points = bin_days(per_day)
    chart = str(svg.timeline([(d.isoformat(), n) for d, n in points] + [("", 4)], unit))
    drawn = re.findall(r'<circle class="point"[^>]*data-count="(\d+)"', chart)
    assert 0 < len(drawn) <= MAX_POINTS
    assert sum(map(int, drawn)) == sum(c for _, c in days("2019-01-01", 2000))
    assert 'data-unit="month"' in chart and "month of 2019-01-01" in chart
    assert "No dated statements" in str(svg.timeline([("", 3)], "day"))
