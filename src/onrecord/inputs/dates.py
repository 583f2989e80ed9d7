"""Dates as inputs give them: user-given dates, ISO dates of JSON records, datelines.

:func:`parse_date` reads the CLI's ``--published`` (``2025-08-22``,
``August 22, 2025``, ``Aug. 22, 2025``, ``22 August 2025``,
``Friday, August 22, 2025``, ISO datetimes); :func:`parse_iso_date` the
``"published"`` field of a JSON record (``YYYY-MM-DD`` or an ISO datetime);
:func:`parse_dateline` the date line of a text file's seed layout
(see :mod:`onrecord.inputs.text`), which must be the whole line.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# A time after the date on a dateline: "August 22, 2025, 10:35 a.m." / "| 14:05 GMT".
_TIME_TAIL = r"(?:\s*[,|·•–—-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\b.{0,30})?"
_DATE_PATTERNS = (
    re.compile(rf"{_YEAR}-(?P<mon>\d{{1,2}})-(?P<day>\d{{1,2}})", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
)
# Labels sometimes put before a dateline.
_DATELINE_LABEL = re.compile(r"^(?:published|posted|updated|date)(?:\s+on)?\s*:?\s*", re.IGNORECASE)


def _match_date(s: str, *, allow_time: bool) -> dt.date | None:
    """The date ``s`` consists of, or None if it is not a date; ValueError if impossible."""
    s = s.strip()
    for pattern in _DATE_PATTERNS:
        m = re.fullmatch(pattern.pattern + (_TIME_TAIL if allow_time else ""), s, pattern.flags)
        if m is None:
            continue
        groups = m.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else _MONTHS[groups["month"].lower()]
        try:
            return dt.date(int(groups["year"]), month, int(groups["day"]))
        except ValueError as exc:
            raise ValueError(f"invalid date {s!r}: {exc}") from None
    return None


def parse_date(s: str) -> dt.date:
    """Parse a user-given date such as ``2025-08-22`` or ``August 22, 2025``.

    Also accepted: ``Aug. 22, 2025``, ``22 August 2025``,
    ``Friday, August 22, 2025`` and ISO datetimes (``2025-08-22T10:00:00Z``).
    Raises ValueError with a one-line message naming the bad value.
    """
    text = s.strip()
    date = _match_date(text, allow_time=False)
    if date is not None:
        return date
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise ValueError(
        f"unrecognised date {s!r}: expected YYYY-MM-DD (or a date like 'August 22, 2025')"
    )


def parse_iso_date(s: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` or an ISO 8601 datetime (as JSON records must give it)."""
    text = s.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):
            return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise ValueError(f"invalid date {s!r}: {exc}") from None
    raise ValueError(f"unparseable date {s!r} (expected YYYY-MM-DD or an ISO datetime)")


def parse_dateline(line: str) -> dt.date | None:
    """The date a dateline gives (``Friday, August 22, 2025``), or None.

    The whole line must be the date (optionally after ``Published:`` and
    followed by a time), so that body sentences mentioning dates never match.
    """
    text = _DATELINE_LABEL.sub("", line.strip())
    if not text or len(text) > 80:
        return None
    try:
        return _match_date(text, allow_time=True)
    except ValueError:
        return None
