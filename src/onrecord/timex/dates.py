"""ISO date arithmetic on TIMEX3 values: formatting days, weeks and months,
shifting months and quarters, the nth weekday of a month, a duration added to
a date, the last day a date value covers. Used by the resolver and by deadlines.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re


def iso_day(d: dt.date) -> str:
    """2025-08-22."""
    return d.isoformat()


def iso_week(d: dt.date) -> str:
    """The ISO week ``d`` falls in: 2025-W34."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def iso_month(y: int, m: int) -> str:
    """2025-08."""
    return f"{y:04d}-{m:02d}"


def quarter_of(d: dt.date) -> int:
    """1-4: the calendar quarter of ``d``."""
    return (d.month - 1) // 3 + 1


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months after month ``m`` of ``y`` (``n`` may be negative)."""
    index = y * 12 + (m - 1) + n
    return index // 12, index % 12 + 1


def shift_quarter(y: int, q: int, n: int) -> tuple[int, int]:
    """(year, quarter) ``n`` quarters after quarter ``q`` of ``y``."""
    index = y * 4 + (q - 1) + n
    return index // 4, index % 4 + 1


def checked_date(year: int, month: int, day: int) -> str | None:
    """The ISO day, or None if there is no such date (February 30)."""
    try:
        return iso_day(dt.date(year, month, day))
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (0 = Monday) of the month; ``n`` = -1 is the last."""
    days = [
        dt.date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).weekday() == weekday
    ]
    return days[n - 1] if n > 0 else days[n]


def add_duration(date_value: str, duration: str) -> str | None:
    """``date_value`` (YYYY-MM-DD, YYYY-MM or YYYY) moved forward by ``duration``.

    Handles ``PnD``, ``PnW``, ``PnM``, ``PnQ`` and ``PnY`` (negative ``n`` is not
    ISO but is accepted); the result keeps the granularity of ``date_value``
    when the duration allows it. Returns None when it cannot compute one.
    """
    m = re.fullmatch(r"P(-?\d+)([DWMQY])", duration)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_value):
        try:
            d = dt.date.fromisoformat(date_value)
        except ValueError:
            return None
        try:
            if unit == "D":
                return iso_day(d + dt.timedelta(days=n))
            if unit == "W":
                return iso_day(d + dt.timedelta(weeks=n))
            months = n * {"M": 1, "Q": 3, "Y": 12}[unit]
            y, mo = shift_month(d.year, d.month, months)
            day = min(d.day, calendar.monthrange(y, mo)[1])
            return iso_day(dt.date(y, mo, day))
        except (OverflowError, ValueError):
            return None
    ym = re.fullmatch(r"(\d{4})-(\d{2})", date_value)
    if ym and unit in "MQY":
        months = n * {"M": 1, "Q": 3, "Y": 12}[unit]
        return iso_month(*shift_month(int(ym.group(1)), int(ym.group(2)), months))
    if re.fullmatch(r"\d{4}", date_value) and unit == "Y":
        return f"{int(date_value) + n:04d}"
    return None


def period_end(value: str) -> str | None:
    """The last day a TIMEX3 date covers: 2025-08 -> 2025-08-31, 2025-W35 -> its Sunday."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            return f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 7).isoformat()
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        y, q = int(m[1]), int(m[2])
        return f"{y:04d}-{3 * q:02d}-{calendar.monthrange(y, 3 * q)[1]:02d}"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31"
    return None
