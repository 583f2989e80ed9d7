"""What the time words stand for: month and weekday numbers, quantities,
units and their ISO 8601 durations, modifiers and their TIMEX3 ``mod``.

Readers over the word tables in :mod:`onrecord.lang.en.time_words`; the
handlers call them on the text a rule matched.
"""

from __future__ import annotations

import re

from onrecord.lang.en.time_words import (
    MODIFIERS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)

# Units below a day are written after a "T" in ISO 8601 durations (PT5H).
TIME_UNITS = frozenset({"second", "minute", "hour"})

# A unit's next smaller unit and how many of them make one, to write 2 1/2 years as P2Y6M.
SUBUNIT = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}


def month_number(word: str) -> int:
    """1-12 for a month name or abbreviation ("Sept." -> 9)."""
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS[w]


def weekday_number(word: str) -> int:
    """0 (Monday) to 6 (Sunday), as :meth:`datetime.date.weekday`."""
    return WEEKDAYS[word.lower()]


def day_number(word: str) -> int:
    """The day of the month in "22", "22nd"."""
    return int(re.sub(r"\D", "", word))


def parse_number(word: str) -> float | None:
    """The number a quantity word or numeral stands for; None if vague."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w in VAGUE_NUMBERS:
        return None
    if w.startswith("half a"):
        return 0.5
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?: 1/2)?", w)
    if m:
        base = float(m.group(1).replace(",", ""))
        return base + 0.5 if w.endswith("1/2") else base
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = re.split(r"[\s-]+", w)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def unit_key(unit: str) -> str:
    """The key in ``UNITS`` of a unit word ("Years" -> "year", "centuries" -> "century")."""
    u = unit.lower()
    if u.startswith("centur"):
        return "century"
    if u.startswith("millenni"):
        return "millennium"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


def iso_duration(n: float | None, unit: str) -> str:
    """ISO 8601 duration for ``n`` ``unit`` (``n`` None -> unknown amount, ``X``)."""
    key = unit_key(unit)
    code = UNITS[key]
    if key == "weekend":
        code, n = "D", (2 * n if n is not None else None)
    elif key == "fortnight":
        code, n = "W", (2 * n if n is not None else None)
    elif key == "decade":
        code, n = "Y", (10 * n if n is not None else None)
    elif key == "century":
        code, n = "Y", (100 * n if n is not None else None)
    elif key == "millennium":
        code, n = "Y", (1000 * n if n is not None else None)
    if n is None:
        amount = "X"
    elif n == int(n):
        amount = str(int(n))
    else:
        amount = f"{n:g}"
    prefix = "PT" if key in TIME_UNITS else "P"
    return f"{prefix}{amount}{code}"


def iso_fractional_duration(n: float, unit: str) -> str:
    """ISO 8601 duration for a fractional ``n`` in whole smaller units (2.5 years -> P2Y6M)."""
    key = unit_key(unit)
    code = UNITS[key]
    whole, fraction = int(n), n - int(n)
    if code not in SUBUNIT or key in ("minute",):
        return iso_duration(n, unit)
    sub_code, factor = SUBUNIT[code]
    sub = round(fraction * factor)
    time_part = key in TIME_UNITS
    head = f"{whole}{code}" if whole else ""
    if time_part or code == "D":
        # "PT5H30M", "P2DT12H": the smaller unit crosses into the time part
        if code == "D":
            return f"P{head}T{sub}{sub_code}"
        return f"PT{head}{sub}{sub_code}"
    return f"P{head}{sub}{sub_code}"


def mod_of(word: str | None) -> str | None:
    """The TIMEX3 ``mod`` for a modifier word ("about" -> APPROX, "early" -> START)."""
    if not word:
        return None
    w = re.sub(r"\s+", " ", word.lower().strip(" -"))
    if w in MODIFIERS:
        return MODIFIERS[w]
    if w in ("early", "the beginning of", "the start of"):
        return "START"
    if w in ("late", "the end of"):
        return "END"
    if w in ("mid", "the middle of"):
        return "MID"
    return None
