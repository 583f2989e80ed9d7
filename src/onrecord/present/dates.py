"""TIMEX3 values (TimeML) as a reader would write them.

``2025-W34`` → "week of 18 Aug 2025", ``PRESENT_REF`` → "now",
``2025-04-12TMO`` → "12 Apr 2025, morning", ``2025-Q3`` → "Q3 2025",
``P3D`` → "3 days". A value this module does not know is returned as it is.
"""

from __future__ import annotations

import datetime as dt
import re

_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_HALVES = {"H1": "first half of", "H2": "second half of"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second",
          "DE": "decade", "CE": "century"}  # fmt: skip
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})(?::\d{2})?|T(MO|AF|EV|NI|DT))?$")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-WE)?$")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])$")
_PART_OF_YEAR = re.compile(r"(\d{4})-(SP|SU|FA|WI|H1|H2)$")
_DECADE = re.compile(r"(\d{3})X?$")
_DURATION = re.compile(r"P(?:(\d+|X)(DE|CE|Y|M|W|D))?(?:T(\d+|X)([HMS]))?$")


#: English month abbreviations, whatever the machine's locale (strftime's %b is not)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: dt.date) -> str:
    """A day as "18 Aug 2025" (no leading zero, English month abbreviation)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_label(day: dt.date) -> str:
    """A day's month as "Aug 2025"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def human_date(value: str | None) -> str:
    """The TIMEX3 ``value`` in words; "" for None."""
    if not value:
        return ""
    value = value.strip()
    if value in _REFS:
        return _REFS[value]
    try:
        return _human(value) or value
    except ValueError:  # a month 13 or a day 31 February: shown as written
        return value


def _human(value: str) -> str | None:
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        out = day_label(day)
        if m[4]:
            out += f" {m[4]}"
        elif m[5]:
            out += f", {_PARTS[m[5]]}"
        return out
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if value.endswith("-WE"):
            return f"weekend of {day_label(monday + dt.timedelta(days=5))}"
        return f"week of {day_label(monday)}"
    if m := _MONTH.match(value):
        return month_label(dt.date(int(m[1]), int(m[2]), 1))
    if m := _QUARTER.match(value):
        return f"Q{m[2]} {m[1]}"
    if m := _PART_OF_YEAR.match(value):
        if m[2] in _HALVES:
            return f"{_HALVES[m[2]]} {m[1]}"
        return f"{_SEASONS[m[2]]} {m[1]}"
    if re.fullmatch(r"\d{4}", value):
        return value
    if m := _DECADE.match(value):
        return f"the {m[1]}0s"
    if m := _DURATION.match(value):
        parts = []
        if m[1]:
            parts.append(_amount(m[1], _UNITS[m[2]]))
        if m[3]:
            parts.append(_amount(m[3], _TIME_UNITS[m[4]]))
        return " ".join(parts) or None
    return None


def _amount(count: str, unit: str) -> str:
    if count == "X":
        return f"some {unit}s"
    n = int(count)
    return f"{n} {unit}" + ("" if n == 1 else "s")


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_label(date: str | None, basis: str | None) -> str | None:
    """Where a statement's date comes from, in a few words: "said Monday" (a
    day in its own sentence), "from context" (a day set earlier in the
    article), "publication date"; None when it is undated."""
    if not date:
        return None
    if basis == "timex":
        try:
            return "said " + _WEEKDAYS[dt.date.fromisoformat(date[:10]).weekday()]
        except ValueError:
            return "date in its sentence"  # a week or a month, stored before days only
    return {"context": "from context", "published": "publication date"}.get(basis or "")
