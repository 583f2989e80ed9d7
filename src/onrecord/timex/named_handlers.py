"""Handlers for expressions that name a calendar period: dates ("Aug. 22",
"8/22/2025"), months, years, decades, centuries, seasons, quarters, halves,
weekdays and holidays. Each turns a rule's match into a :class:`Norm`.
"""

from __future__ import annotations

import datetime as dt
import re

from onrecord.lang.en.time_words import (
    DECADE_WORDS,
    FLOATING_HOLIDAYS,
    HOLIDAYS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
)
from onrecord.timex.anchor import (
    Context,
    Handler,
    Norm,
    group,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
    tense,
    year_for_month,
)
from onrecord.timex.dates import (
    checked_date,
    iso_day,
    iso_month,
    nth_weekday,
    quarter_of,
    shift_quarter,
)
from onrecord.timex.lexicon import day_number, mod_of, month_number, weekday_number
from onrecord.timex.patterns import DATE_AFTER_WEEKDAY, MAY_CONTEXT, NOT_YEAR_AFTER, NOT_YEAR_BEFORE

# Month in which each season starts, to decide whether "last summer" is this
# year's or last year's (northern hemisphere, as in the news the rules target).
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _full_date(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("month"))
    day = day_number(m.group("day"))
    year = group(m, "year")
    if year:
        value = checked_date(int(year), month, day)
    else:
        value = resolve_month_day(ctx, month, day, m.start(), m.end())
    return Norm("DATE", value) if value else None


def _numeric_date(m: re.Match[str], ctx: Context) -> Norm | None:
    if group(m, "iso"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        mo, d, y = int(m.group("m2")), int(m.group("d2")), int(m.group("y2"))
        if y < 100:
            y += 1900 if y > 30 else 2000
    value = checked_date(y, mo, d)
    return Norm("DATE", value) if value else None


def _month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("month"))
    return Norm("DATE", iso_month(int(m.group("year")), month), mod_of(group(m, "mod")))


def _month_alone(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m.group("month")
    preceding = ctx.text[max(0, m.start() - 20) : m.start()]
    if word.lower() == "may" and not group(m, "rel") and not MAY_CONTEXT.search(preceding):
        return None  # "May" the modal verb
    if word.lower() == "march" and re.match(r"\s+(?:on|to|through|in)\b", ctx.text[m.end() :]):
        return None  # "march on the capital"
    if ctx.text[max(0, m.start() - 4) : m.start()].lower().endswith("the "):
        following = ctx.text[m.end() : m.end() + 12]
        if re.match(r"\s+of\s+[A-Z]", following):
            return None  # "the March of Dimes"
    month = month_number(word)
    rel = re.sub(r"\s+", " ", (group(m, "rel") or "").lower())
    if rel and ctx.dct is not None:
        year = ctx.dct.year
        if rel in ("last", "this past") and month >= ctx.dct.month:
            year -= 1
        elif rel in ("next", "this coming") and month <= ctx.dct.month:
            year += 1
        value = iso_month(year, month)
    else:
        value = resolve_month(ctx, month, m.start(), m.end())
    return Norm("DATE", value, mod_of(group(m, "mod")))


def _month_rel_year(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("month"))
    shift = {"this": 0, "last": -1, "next": 1}[m.group("yrel").lower()]
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}", mod_of(group(m, "mod")))
    return Norm("DATE", iso_month(ctx.dct.year + shift, month), mod_of(group(m, "mod")))


def _spoken_year(m: re.Match[str], ctx: Context) -> Norm | None:
    words = re.split(r"[\s-]+", m.group("spoken").lower())
    if words[0] == "two":  # two thousand (and) N
        rest = [w for w in words[2:] if w != "and"]
        n = NUMBER_WORDS.get(rest[0], 0) if rest else 0
        return Norm("DATE", f"{2000 + n:04d}")
    century = NUMBER_WORDS[words[0]]
    if words[1] == "hundred":
        return Norm("DATE", f"{century * 100:04d}")
    n = sum(NUMBER_WORDS.get(w, 0) for w in words[1:])
    if "the year" not in m.group(0).lower() and n < 10:
        return None
    return Norm("DATE", f"{century * 100 + n:04d}")


def _year(m: re.Match[str], ctx: Context) -> Norm | None:
    year = m.group("year")
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    after = ctx.text[m.end() : m.end() + 20]
    if not group(m, "lead") and (NOT_YEAR_BEFORE.search(before) or NOT_YEAR_AFTER.match(after)):
        return None  # numbers that are not years: money, counts, addresses, identifiers
    return Norm("DATE", year)


def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    digits = m.group("decade")
    if digits.startswith("'") or len(digits) == 2:
        decade = digits.strip("'")[0]
        century = "19"
        if ctx.dct is not None and ctx.dct.year >= 2000 and decade in "012":
            century = "20"
        value = century + decade
    elif digits.endswith("00"):
        value = digits[:2]  # "the 1900s" -> the 19th-century-ish "19"
    else:
        value = digits[:3]
    return Norm("DATE", value, mod_of(group(m, "mod")))


def _decade_word(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", "19" + DECADE_WORDS[m.group("word").lower()], mod_of(group(m, "mod")))


def _century(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m.group("ord").lower()
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not n:
        return None
    return Norm("DATE", f"{n - 1:02d}", mod_of(group(m, "mod")))


def _season(m: re.Match[str], ctx: Context) -> Norm | None:
    code = SEASONS[m.group("season").lower()]
    year_text = group(m, "year")
    rel = (group(m, "rel") or "").lower().split()
    mod = mod_of(group(m, "mod"))
    if year_text:
        return Norm("DATE", f"{year_text}-{code}", mod)
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{code}", mod)
    year, month = ctx.dct.year, ctx.dct.month
    first = SEASON_START_MONTH[code]
    # A season is labelled with the year it starts in (winter 1997 = Dec 1997 - Feb 1998).
    if code == "WI" and month <= 2:
        year -= 1
        ongoing, over = True, False
    else:
        ongoing = first <= month < first + 3
        over = month >= first + 3
    if rel and rel[-1] in ("last", "past", "previous"):
        # the latest season that is over: "last fall" in January is last year's
        if not over:
            year -= 1
    elif rel and rel[-1] in ("next", "coming") and (ongoing or over):
        year += 1  # the next one not yet begun
    return Norm("DATE", f"{year}-{code}", mod)


def _quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    n = ORDINALS.get(m.group("ord").lower().replace("fiscal", "").strip(" -"))
    if n is None or n > 4:
        return None
    year_text = group(m, "year") or group(m, "year2")
    if year_text:
        return Norm("DATE", f"{year_text}-Q{n}")
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-Q{n}")
    year = ctx.dct.year
    rel = (group(m, "rel") or "").lower()
    if "last" in rel or "previous" in rel or re.search(r"year.(?:ago|earlier)", rel):
        year -= 1
    elif "next" in rel:
        year += 1
    elif n > quarter_of(ctx.dct) and tense(ctx, m.start(), m.end()) <= 0:
        # Financial news reports on quarters already closed: "the fourth quarter" in January.
        year -= 1
    return Norm("DATE", f"{year}-Q{n}")


def _relative_quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    if ctx.dct is None:
        return Norm("DATE", "XXXX-QX")
    y, q = ctx.dct.year, quarter_of(ctx.dct)
    if rel in ("this", "the current", "the present"):
        shift = 0
    elif rel in ("next", "the next", "the coming"):
        shift = 1
    elif "year" in rel:  # the year-ago / year-earlier quarter
        shift = -5
    else:  # "last quarter"; "the (latest) quarter": the quarter being reported, just closed
        shift = -1
    y, q = shift_quarter(y, q, shift)
    anchor = "year_back" if "year" in rel else "quarter" if shift == -1 and rel != "last" else None
    return Norm("DATE", f"{y}-Q{q}", anchor=anchor)


def _period_of_year(m: re.Match[str], ctx: Context) -> Norm | None:
    year = m.group("year")
    return Norm("DATE", year, anchor=f"year:{year}")


def _half(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m.group("half").lower()
    n = 1 if word in ("first", "1st") else 2
    year_text = group(m, "year")
    if year_text:
        return Norm("DATE", f"{year_text}-H{n}")
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-H{n}")
    year = ctx.dct.year
    if n == 2 and ctx.dct.month <= 6 and tense(ctx, m.start(), m.end()) < 0:
        year -= 1
    return Norm("DATE", f"{year}-H{n}")


def _weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = weekday_number(m.group("weekday"))
    part = group(m, "part")
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
    kind = "TIME" if part else "DATE"
    if group(m, "plural"):
        return Norm("SET", f"XXXX-WXX-{wd + 1}{suffix}")
    if ctx.dct is None:
        return Norm(kind, f"XXXX-WXX-{wd + 1}{suffix}")
    rel = re.sub(r"\s+", " ", (group(m, "rel") or "").lower())
    dated = DATE_AFTER_WEEKDAY.match(ctx.text, m.end())
    if dated and not rel:  # "Thursday, Jan. 6": the weekday of that date
        year = dated.group("year")
        month, day = month_number(dated.group("month")), day_number(dated.group("day"))
        value = (
            checked_date(int(year), month, day)
            if year
            else resolve_month_day(ctx, month, day, m.start(), m.end())
        )
        return Norm(kind, value + suffix) if value else None
    if rel in ("last", "this past", "past"):
        d = resolve_weekday(ctx.dct, wd, -1, strict=True)
    elif rel in ("next", "this coming", "coming"):
        d = resolve_weekday(ctx.dct, wd, 1, strict=True)
    elif rel in ("the previous", "the preceding", "the prior"):
        d = resolve_weekday(ctx.dct, wd, -1, strict=True) - dt.timedelta(weeks=1)
    else:
        d = resolve_weekday(ctx.dct, wd, tense(ctx, m.start(), m.end()) or -1)
    return Norm(kind, iso_day(d) + suffix)


def _weekday_set(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = weekday_number(m.group("weekday"))
    return Norm("SET", f"XXXX-WXX-{wd + 1}")


def _set_month(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("SET", f"XXXX-{month_number(m.group('month')):02d}")


def _holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = re.sub(r"\s+", " ", m.group("name").lower())
    year_text = group(m, "year")
    year = int(year_text) if year_text else (ctx.dct.year if ctx.dct else None)
    if name in HOLIDAYS:
        md = HOLIDAYS[name]
        if year is None:
            return Norm("DATE", f"XXXX-{md}")
        if not year_text and ctx.dct is not None:
            year = year_for_month(ctx, int(md[:2]), m.start(), m.end())
        return Norm("DATE", f"{year:04d}-{md}")
    month, weekday, n = FLOATING_HOLIDAYS[name]
    if year is None:
        return Norm("DATE", "XXXX-XX-XX")
    if not year_text and ctx.dct is not None:
        year = year_for_month(ctx, month, m.start(), m.end())
    return Norm("DATE", iso_day(nth_weekday(year, month, weekday, n)))


#: The handlers of this module, by the name the rule table
#: (:data:`onrecord.timex.patterns.RULE_PATTERNS`) gives them.
HANDLERS: dict[str, Handler] = {
    "full_date": _full_date,
    "numeric_date": _numeric_date,
    "month_year": _month_year,
    "month_alone": _month_alone,
    "month_rel_year": _month_rel_year,
    "spoken_year": _spoken_year,
    "year": _year,
    "decade": _decade,
    "decade_word": _decade_word,
    "century": _century,
    "season": _season,
    "quarter": _quarter,
    "relative_quarter": _relative_quarter,
    "period_of_year": _period_of_year,
    "half": _half,
    "weekday": _weekday,
    "weekday_set": _weekday_set,
    "set_month": _set_month,
    "holiday": _holiday,
}
