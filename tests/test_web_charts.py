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
    wide = chart[: chart.index('class="chart timeline narrow"')]
    drawn = re.findall(r'<rect class="point"[^>]*data-count="(\d+)"', wide)
    assert 0 < len(drawn) <= MAX_POINTS
    assert sum(map(int, drawn)) == sum(c for _, c in days("2019-01-01", 2000))
    assert 'data-unit="month"' in chart and "month of 2019-01-01" in chart
    assert "No dated statements" in str(svg.timeline([("", 3)], "day"))


def test_a_single_day_is_drawn_as_a_day_on_a_week_axis() -> None:
    chart = str(svg.timeline([("2025-08-22", 3)], "day"))
    wide = chart[: chart.index('class="chart timeline narrow"')]
    labels = re.findall(
        r'<text x="[\d.]+" y="[\d.]+" text-anchor="middle"[^>]*>([^<]+)</text>', wide
    )
    assert "22 Aug" in labels and len(set(labels)) >= 5  # days around it, not one date twice
    (width,) = re.findall(r'<rect class="point"[^>]*width="([\d.]+)"', wide)
    assert 60 < float(width) < 120  # a day of a week's axis about 680 wide


def test_axis_ticks_suit_the_span() -> None:
    d = dt.date
    assert svg.ticks(d(2025, 8, 18), d(2025, 8, 22))[0][1] == "18 Aug"
    weeks = svg.ticks(d(2025, 8, 1), d(2025, 9, 20))
    assert all(t.weekday() == 0 for t, _ in weeks) and 4 <= len(weeks) <= 8
    months = [t for _, t in svg.ticks(d(2025, 3, 1), d(2025, 9, 20))]
    assert months[0] == "Mar 2025" and "Jun" in months
    years = [t for _, t in svg.ticks(d(2016, 9, 1), d(2025, 9, 20))]
    assert years and all(len(y) == 4 for y in years) and len(years) <= 8


def test_story_lanes_follow_time_and_both_sizes_are_drawn() -> None:
    statuses = [
        {"source": "B", "status": "denied", "asserted": "2025-08-22"},
        {"source": "A", "status": "planned", "asserted": "2025-08-18"},
    ]
    chart = str(svg.status_chart(statuses))
    assert chart.count("<svg") == 2 and "story wide" in chart and "story narrow" in chart
    wide = chart[: chart.index("story narrow")]
    assert wide.index(">A<") < wide.index(">B<")  # the first to speak, first
