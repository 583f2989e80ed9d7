"""Handlers for expressions relative to the publication date or counted in
units: "today", "this morning", "last week", "two years ago", "three months",
"every day", "5 p.m.", "now", "the fiscal year". Each turns a rule's match
into a :class:`Norm`.
"""

from __future__ import annotations

import datetime as dt
import re

from onrecord.lang.en.time_words import DEICTIC_DAYS, PARTS_OF_DAY, REF_WORDS, REL_SHIFT, SET_WORDS
from onrecord.timex.anchor import (
    Context,
    Handler,
    Norm,
    group,
    resolve_month_day,
    resolve_weekday,
    tense,
)
from onrecord.timex.dates import (
    iso_day,
    iso_month,
    iso_week,
    quarter_of,
    shift_month,
    shift_quarter,
)
from onrecord.timex.lexicon import (
    day_number,
    iso_duration,
    iso_fractional_duration,
    mod_of,
    month_number,
    parse_number,
    unit_key,
    weekday_number,
)
from onrecord.timex.patterns import COMPARISON


def _deictic_day(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m.group("day").lower()
    offset = DEICTIC_DAYS[word]
    part = group(m, "part")
    suffix = ""
    if part:
        suffix = "T" + PARTS_OF_DAY[part.lower()]
    elif word == "tonight":
        suffix = "TNI"
    if ctx.dct is None:
        return Norm("TIME" if suffix else "DATE", "XXXX-XX-XX" + suffix)
    value = iso_day(ctx.dct + dt.timedelta(days=offset)) + suffix
    return Norm("TIME" if suffix else "DATE", value, mod_of(group(m, "mod")))


def _part_of_day(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = (group(m, "rel") or "this").lower().split()[-1]
    part = m.group("part").lower()
    code = PARTS_OF_DAY[part]
    offset = -1 if rel in ("last", "yesterday") else 1 if rel in ("tomorrow", "next") else 0
    if part == "overnight":
        offset = -1 if tense(ctx, m.start(), m.end()) < 0 else 0
    if ctx.dct is None:
        return Norm("TIME", f"XXXX-XX-XXT{code}")
    return Norm("TIME", iso_day(ctx.dct + dt.timedelta(days=offset)) + "T" + code)


def _relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("unit").lower()
    mod = mod_of(group(m, "mod"))
    shift = REL_SHIFT.get(rel, 0)
    if unit in ("decade", "century") and rel in ("the past", "the last", "the next", "the coming"):
        # "the past decade" is a stretch of time, not the calendar decade
        return Norm("DURATION", iso_duration(1, unit))
    if rel == "the last":
        shift = -1
    if ctx.dct is None:
        return Norm(
            "DATE",
            {
                "week": "XXXX-WXX",
                "weekend": "XXXX-WXX-WE",
                "month": "XXXX-XX",
                "year": "XXXX",
                "decade": "XXX",
                "century": "XX",
            }[unit],
            mod,
        )
    d = ctx.dct
    if unit == "week":
        value = iso_week(d + dt.timedelta(weeks=shift))
    elif unit == "weekend":
        base = d + dt.timedelta(weeks=shift)
        weekday_paper = shift == 0 and rel == "the" and base.weekday() < 5
        if weekday_paper and tense(ctx, m.start(), m.end()) < 0:
            base -= dt.timedelta(weeks=1)  # "over the weekend" in a weekday paper: the past one
        value = iso_week(base) + "-WE"
    elif unit == "month":
        value = iso_month(*shift_month(d.year, d.month, shift))
    elif unit == "year":
        value = f"{d.year + shift:04d}"
        before = ctx.text[max(0, m.start() - 60) : m.start()]
        if shift == -1 and not mod and COMPARISON.search(before):
            # "net of $3 million, compared with $5 million last year": a quarter's results
            return Norm("DATE", value, mod, anchor="year_back")
    elif unit == "decade":
        value = str(d.year // 10 + shift)
    else:  # century
        value = f"{d.year // 100 + shift:02d}"
    return Norm("DATE", value, mod)


def _ago(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = unit_key(m.group("unit"))
    n = parse_number(re.split(r"\s*(?:\bto\b|\bor\b|-)\s*", m.group("qty"))[0])
    direction = -1 if m.group("dir").lower() in ("ago", "earlier", "before") else 1
    mod = mod_of(group(m, "mod"))
    if n is None or ctx.dct is None:
        return Norm("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", mod)
    k = round(n) * direction
    d = ctx.dct
    if unit == "day":
        value = iso_day(d + dt.timedelta(days=k))
    elif unit in ("week", "weekend", "fortnight"):
        value = iso_week(d + dt.timedelta(weeks=k * (2 if unit == "fortnight" else 1)))
    elif unit == "month":
        value = iso_month(*shift_month(d.year, d.month, k))
    elif unit == "quarter":
        y, q = shift_quarter(d.year, quarter_of(d), k)
        value = f"{y}-Q{q}"
    elif unit == "year":
        value = f"{d.year + k:04d}"
        if k == -1:
            return Norm("DATE", value, mod, anchor="year_back")
    elif unit == "decade":
        value = f"{d.year + 10 * k:04d}"
    elif unit == "century":
        value = f"{d.year // 100 + k:02d}"
    elif unit in ("hour", "minute", "second"):
        value = iso_day(d)
    else:
        return None
    return Norm("DATE", value, mod)


def _year_ago_adj(m: re.Match[str], ctx: Context) -> Norm | None:
    if ctx.dct is None:
        return Norm("DATE", "XXXX")
    return Norm("DATE", f"{ctx.dct.year - 1:04d}", anchor="year_back")


def _duration_rule(m: re.Match[str], ctx: Context) -> Norm | None:
    qty = m.group("qty")
    unit = m.group("unit")
    after = ctx.text[m.end() : m.end() + 12]
    if re.match(r"(?:-|\s+)olds?\b", after, re.I):
        return None  # ages: "52 years old", "the 6-year-old"
    qty_l = qty.lower()
    if unit_key(unit) == "quarter" and (
        re.match(r"\s+of\b", after) or re.search(r"(?:three|a)[\s-]quarters?$", m.group(0), re.I)
    ):
        return None  # fractions: "three-quarters of", "a quarter of"
    if unit_key(unit) == "second" and qty_l in ("a", "an"):
        return None  # "a second time" (ordinal, not a unit)
    first = re.split(r"\s*(?:\bto\b|\bor\b|-(?=\s*\d|\s*[a-z]+\s))\s*", qty)[0]
    n = parse_number(first)
    if n is not None and n == 0:
        return None
    if re.match(r"half\s", qty_l):
        n = 0.5
    if group(m, "andhalf") and n is not None:
        n += 0.5
    mod = mod_of(group(m, "mod"))
    if qty_l in ("a", "an") and not group(m, "mod"):
        before = ctx.text[max(0, m.start() - 25) : m.start()]
        if re.search(
            r"(?:\d|million|billion|thousand|cents?|dollars?|percent|%|times|twice|once|"
            r"pence|marks|yen|francs|pounds|seats|flights|meals|shifts|hours?|days?)\s*$",
            before,
            re.I,
        ):
            return Norm("SET", iso_duration(1, unit))  # "$33 million a year", "twice a day"
    if n is not None and n != int(n):
        return Norm("DURATION", iso_fractional_duration(n, unit), mod)
    return Norm("DURATION", iso_duration(n, unit), mod)


def _vague_duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = unit_key(m.group("unit"))
    rel = (group(m, "rel") or "").lower()
    if rel.startswith("recent") and unit == "year":
        return Norm("DATE", "PAST_REF")
    return Norm("DURATION", iso_duration(None, unit))


def _set_rule(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m.group(0).lower()
    if word in SET_WORDS:
        return Norm("SET", SET_WORDS[word])
    unit = group(m, "unit")
    if unit:
        return Norm("SET", iso_duration(1, unit))
    return None


def _ref(m: re.Match[str], ctx: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", m.group("ref").lower())
    return Norm("DATE", REF_WORDS[word])


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    word = (group(m, "named") or "").lower()
    if word in ("noon", "midday"):
        return 12, 0
    if word == "midnight":
        return 24, 0
    hour = int(m.group("h"))
    minute = int(group(m, "min") or 0)
    ampm = (group(m, "ampm") or "").lower().replace(".", "").replace(" ", "")
    pod = (group(m, "pod") or "").lower()
    if ampm == "pm" or pod in ("afternoon", "evening", "night"):
        if hour < 12:
            hour += 12
    elif (ampm == "am" or pod == "morning") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return hour, minute


def _time(m: re.Match[str], ctx: Context) -> Norm | None:
    clock = _clock(m)
    if clock is None:
        return None
    hour, minute = clock
    date_value: str | None = None
    if group(m, "wd"):
        if ctx.dct is None:
            date_value = f"XXXX-WXX-{weekday_number(m.group('wd')) + 1}"
        else:
            wd = weekday_number(m.group("wd"))
            date_value = iso_day(resolve_weekday(ctx.dct, wd, tense(ctx, m.start(), m.end())))
    elif group(m, "dday"):
        if ctx.dct is not None:
            offset = DEICTIC_DAYS[m.group("dday").lower()]
            date_value = iso_day(ctx.dct + dt.timedelta(days=offset))
    elif group(m, "tmonth"):
        date_value = resolve_month_day(
            ctx, month_number(m.group("tmonth")), day_number(m.group("tday")), m.start(), m.end()
        )
    elif ctx.dct is not None:
        date_value = iso_day(ctx.dct)
    clock_text = (
        f"T{hour:02d}:{minute:02d}" if minute or not group(m, "named") else f"T{hour:02d}:00"
    )
    value = (date_value or "XXXX-XX-XX") + clock_text
    return Norm("TIME", value, mod_of(group(m, "mod")))


def _bare_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the year", "the week", "the month": the current one in news."""
    unit = m.group("unit").lower()
    if re.match(r"\s+(?:end(?:ed|ing)|to\s+date)\b", ctx.text[m.end() :], re.I):
        return Norm("DURATION", iso_duration(1, unit))
    if ctx.dct is None:
        return Norm("DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit])
    value = {
        "year": f"{ctx.dct.year:04d}",
        "month": iso_month(ctx.dct.year, ctx.dct.month),
        "week": iso_week(ctx.dct),
    }[unit]
    return Norm("DATE", value)


def _fiscal_relative(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = re.sub(r"\s+", " ", (group(m, "rel") or "the").lower())
    if ctx.dct is None:
        return Norm("DATE", "XXXX")
    shift = {
        "last": -1,
        "the last": -1,
        "the previous": -1,
        "the prior": -1,
        "next": 1,
        "the next": 1,
        "the latest": -1,
        "the coming": 1,
    }.get(rel, 0)
    return Norm("DATE", f"{ctx.dct.year + shift:04d}")


#: The handlers of this module, by the name the rule table
#: (:data:`onrecord.timex.patterns.RULE_PATTERNS`) gives them.
HANDLERS: dict[str, Handler] = {
    "deictic_day": _deictic_day,
    "part_of_day": _part_of_day,
    "relative_unit": _relative_unit,
    "ago": _ago,
    "year_ago_adj": _year_ago_adj,
    "duration_rule": _duration_rule,
    "vague_duration": _vague_duration,
    "set_rule": _set_rule,
    "ref": _ref,
    "time": _time,
    "bare_unit": _bare_unit,
    "fiscal_relative": _fiscal_relative,
}
