"""Rule-based temporal tagger in the style of HeidelTime (news domain).

:func:`find_timexes` finds time expressions in raw text with regular
expressions and normalizes them to TimeML TIMEX3 types and values. Relative
expressions ("Friday", "last week", "two years ago", "the third quarter") are
resolved against the document creation time (``dct``), with the news-domain
heuristics of HeidelTime: a bare weekday or month points back from the
publication date unless the sentence speaks of the future.

No I/O and no NLP model: everything is regular expressions over the text, so
it is fast enough to run over whole corpora.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from onrecord.records import Timex
from onrecord.timex.rules import (
    BOUNDARY_LEFT,
    BOUNDARY_RIGHT,
    COMPARISON,
    DATE_AFTER_WEEKDAY,
    DECADE_WORDS,
    DEICTIC_DAYS,
    FLOATING_HOLIDAYS,
    FUTURE_CUES,
    HOLIDAYS,
    MAY_CONTEXT,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NOT_YEAR_AFTER,
    NOT_YEAR_BEFORE,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    PAST_CUES,
    REF_WORDS,
    REL_SHIFT,
    RULE_PATTERNS,
    SEASON_START_MONTH,
    SEASONS,
    SENTENCE_END,
    SET_WORDS,
    WEEKDAYS,
    checked_date,
    iso_day,
    iso_duration,
    iso_fractional_duration,
    iso_month,
    iso_week,
    mod_of,
    nth_weekday,
    parse_number,
    quarter_of,
    shift_month,
    shift_quarter,
    unit_key,
)

__all__ = ["find_timexes"]


@dataclass(frozen=True, slots=True)
class _Norm:
    type: str
    value: str
    mod: str | None = None
    #: how a later pass may re-anchor the value on the previous timex in the
    #: text: "year_back" ("a year earlier") or "quarter" ("the quarter").
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    dct: dt.date | None


_Handler = Callable[[re.Match[str], _Context], _Norm | None]

# ----------------------------------------------------------------- tense ---

_FUTURE_RE = re.compile(FUTURE_CUES, re.I)
_PAST_RE = re.compile(PAST_CUES, re.I)
_SENTENCE_END = re.compile(SENTENCE_END)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:that|whether|if|because|but)\b", re.I)


def _tense(ctx: _Context, start: int, end: int) -> int:
    """+1 if the sentence around ``start:end`` speaks of the future, -1 of the past, else 0.

    The cue nearest the expression wins, as a cheap stand-in for HeidelTime's
    tense of the sentence's verbs ("will meet Monday" vs "met Monday").
    """
    left = max(0, start - 120)
    before = ctx.text[left:start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = ctx.text[end : end + 80]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start()]
    # "told X on Thursday that he would know": a verb in a following
    # subordinate clause does not set the tense of this expression.
    clause = _CLAUSE_BREAK.search(after)
    if clause:
        after = after[: clause.start()]
    best: tuple[int, int] | None = None  # (distance, direction)
    for regex, direction in ((_FUTURE_RE, 1), (_PAST_RE, -1)):
        for m in regex.finditer(before):
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, direction)
        for m in regex.finditer(after):
            dist = m.start() + 20  # words after the expression count a little less
            if dist > 60:
                break
            if best is None or dist < best[0]:
                best = (dist, direction)
    return best[1] if best else 0


# --------------------------------------------------------------- helpers ---


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS[w]


def _weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower()]


def _resolve_weekday(dct: dt.date, weekday: int, direction: int, strict: bool = False) -> dt.date:
    """Nearest ``weekday`` before (``direction`` -1) or after (+1) ``dct``.

    Unless ``strict``, ``dct`` itself counts ("said Friday" in a Friday paper).
    """
    delta = (weekday - dct.weekday()) % 7 if direction > 0 else -((dct.weekday() - weekday) % 7)
    if delta == 0 and strict:
        delta = 7 * direction
    return dct + dt.timedelta(days=delta)


def _year_for_month(ctx: _Context, month: int, start: int, end: int) -> int:
    """The year of a month named without one, in a text written on ``ctx.dct``.

    The nearest such month wins ("January" in a November paper is next
    January), unless the sentence's tense points the other way and the month
    is more than a couple of months off ("met in October" in a March paper).
    """
    assert ctx.dct is not None
    year = ctx.dct.year
    offset = month - ctx.dct.month  # -11 .. 11
    direction = _tense(ctx, start, end)
    if direction < 0:
        limit_ahead, limit_behind = _MONTHS_AHEAD_IN_PAST, 12
    elif direction > 0:
        limit_ahead, limit_behind = 12, _MONTHS_AHEAD_IN_PAST
    else:
        limit_ahead, limit_behind = _NEUTRAL_LIMITS
    if offset > limit_ahead:
        year -= 1
    elif -offset > limit_behind:
        year += 1
    return year


# A month this many months after the DCT is still taken as this year's in a
# past-tense sentence (reports of plans made: "agreed to join in April").
_MONTHS_AHEAD_IN_PAST = 2
# Without a tense cue, news looks back a little further than it looks ahead.
_NEUTRAL_LIMITS = (4, 7)


def _resolve_month(ctx: _Context, month: int, start: int, end: int) -> str:
    """A month named without a year (see :func:`_year_for_month`)."""
    if ctx.dct is None:
        return f"XXXX-{month:02d}"
    return iso_month(_year_for_month(ctx, month, start, end), month)


def _resolve_month_day(ctx: _Context, month: int, day: int, start: int, end: int) -> str | None:
    if not 1 <= day <= 31:
        return None
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    return checked_date(_year_for_month(ctx, month, start, end), month, day)


def _day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _g(m: re.Match[str], name: str) -> str | None:
    value: str | None = m.groupdict().get(name)
    return value


# ------------------------------------------------------------- handlers ----


def _full_date(m: re.Match[str], ctx: _Context) -> _Norm | None:
    month = _month_number(m.group("month"))
    day = _day_number(m.group("day"))
    year = _g(m, "year")
    if year:
        value = checked_date(int(year), month, day)
    else:
        value = _resolve_month_day(ctx, month, day, m.start(), m.end())
    return _Norm("DATE", value) if value else None


def _numeric_date(m: re.Match[str], ctx: _Context) -> _Norm | None:
    if _g(m, "iso"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        mo, d, y = int(m.group("m2")), int(m.group("d2")), int(m.group("y2"))
        if y < 100:
            y += 1900 if y > 30 else 2000
    value = checked_date(y, mo, d)
    return _Norm("DATE", value) if value else None


def _month_year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    month = _month_number(m.group("month"))
    return _Norm("DATE", iso_month(int(m.group("year")), month), mod_of(_g(m, "mod")))


def _month_alone(m: re.Match[str], ctx: _Context) -> _Norm | None:
    word = m.group("month")
    preceding = ctx.text[max(0, m.start() - 20) : m.start()]
    if word.lower() == "may" and not _g(m, "rel") and not MAY_CONTEXT.search(preceding):
        return None  # "May" the modal verb
    if word.lower() == "march" and re.match(r"\s+(?:on|to|through|in)\b", ctx.text[m.end() :]):
        return None  # "march on the capital"
    if ctx.text[max(0, m.start() - 4) : m.start()].lower().endswith("the "):
        following = ctx.text[m.end() : m.end() + 12]
        if re.match(r"\s+of\s+[A-Z]", following):
            return None  # "the March of Dimes"
    month = _month_number(word)
    rel = re.sub(r"\s+", " ", (_g(m, "rel") or "").lower())
    if rel and ctx.dct is not None:
        year = ctx.dct.year
        if rel in ("last", "this past") and month >= ctx.dct.month:
            year -= 1
        elif rel in ("next", "this coming") and month <= ctx.dct.month:
            year += 1
        value = iso_month(year, month)
    else:
        value = _resolve_month(ctx, month, m.start(), m.end())
    return _Norm("DATE", value, mod_of(_g(m, "mod")))


def _month_rel_year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    month = _month_number(m.group("month"))
    shift = {"this": 0, "last": -1, "next": 1}[m.group("yrel").lower()]
    if ctx.dct is None:
        return _Norm("DATE", f"XXXX-{month:02d}", mod_of(_g(m, "mod")))
    return _Norm("DATE", iso_month(ctx.dct.year + shift, month), mod_of(_g(m, "mod")))


def _spoken_year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    words = re.split(r"[\s-]+", m.group("spoken").lower())
    if words[0] == "two":  # two thousand (and) N
        rest = [w for w in words[2:] if w != "and"]
        n = NUMBER_WORDS.get(rest[0], 0) if rest else 0
        return _Norm("DATE", f"{2000 + n:04d}")
    century = NUMBER_WORDS[words[0]]
    if words[1] == "hundred":
        return _Norm("DATE", f"{century * 100:04d}")
    n = sum(NUMBER_WORDS.get(w, 0) for w in words[1:])
    if "the year" not in m.group(0).lower() and n < 10:
        return None
    return _Norm("DATE", f"{century * 100 + n:04d}")


def _year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    year = m.group("year")
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    after = ctx.text[m.end() : m.end() + 20]
    if not _g(m, "lead") and (NOT_YEAR_BEFORE.search(before) or NOT_YEAR_AFTER.match(after)):
        return None  # numbers that are not years: money, counts, addresses, identifiers
    return _Norm("DATE", year)


def _decade(m: re.Match[str], ctx: _Context) -> _Norm | None:
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
    return _Norm("DATE", value, mod_of(_g(m, "mod")))


def _decade_word(m: re.Match[str], ctx: _Context) -> _Norm | None:
    return _Norm("DATE", "19" + DECADE_WORDS[m.group("word").lower()], mod_of(_g(m, "mod")))


def _century(m: re.Match[str], ctx: _Context) -> _Norm | None:
    word = m.group("ord").lower()
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not n:
        return None
    return _Norm("DATE", f"{n - 1:02d}", mod_of(_g(m, "mod")))


def _season(m: re.Match[str], ctx: _Context) -> _Norm | None:
    code = SEASONS[m.group("season").lower()]
    year_text = _g(m, "year")
    rel = (_g(m, "rel") or "").lower().split()
    mod = mod_of(_g(m, "mod"))
    if year_text:
        return _Norm("DATE", f"{year_text}-{code}", mod)
    if ctx.dct is None:
        return _Norm("DATE", f"XXXX-{code}", mod)
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
    return _Norm("DATE", f"{year}-{code}", mod)


def _quarter(m: re.Match[str], ctx: _Context) -> _Norm | None:
    n = ORDINALS.get(m.group("ord").lower().replace("fiscal", "").strip(" -"))
    if n is None or n > 4:
        return None
    year_text = _g(m, "year") or _g(m, "year2")
    if year_text:
        return _Norm("DATE", f"{year_text}-Q{n}")
    if ctx.dct is None:
        return _Norm("DATE", f"XXXX-Q{n}")
    year = ctx.dct.year
    rel = (_g(m, "rel") or "").lower()
    if "last" in rel or "previous" in rel or re.search(r"year.(?:ago|earlier)", rel):
        year -= 1
    elif "next" in rel:
        year += 1
    elif n > quarter_of(ctx.dct) and _tense(ctx, m.start(), m.end()) <= 0:
        # Financial news reports on quarters already closed: "the fourth quarter" in January.
        year -= 1
    return _Norm("DATE", f"{year}-Q{n}")


def _relative_quarter(m: re.Match[str], ctx: _Context) -> _Norm | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    if ctx.dct is None:
        return _Norm("DATE", "XXXX-QX")
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
    return _Norm("DATE", f"{y}-Q{q}", anchor=anchor)


def _period_of_year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    year = m.group("year")
    return _Norm("DATE", year, anchor=f"year:{year}")


def _half(m: re.Match[str], ctx: _Context) -> _Norm | None:
    word = m.group("half").lower()
    n = 1 if word in ("first", "1st") else 2
    year_text = _g(m, "year")
    if year_text:
        return _Norm("DATE", f"{year_text}-H{n}")
    if ctx.dct is None:
        return _Norm("DATE", f"XXXX-H{n}")
    year = ctx.dct.year
    if n == 2 and ctx.dct.month <= 6 and _tense(ctx, m.start(), m.end()) < 0:
        year -= 1
    return _Norm("DATE", f"{year}-H{n}")


def _weekday(m: re.Match[str], ctx: _Context) -> _Norm | None:
    wd = _weekday_number(m.group("weekday"))
    part = _g(m, "part")
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
    kind = "TIME" if part else "DATE"
    if _g(m, "plural"):
        return _Norm("SET", f"XXXX-WXX-{wd + 1}{suffix}")
    if ctx.dct is None:
        return _Norm(kind, f"XXXX-WXX-{wd + 1}{suffix}")
    rel = re.sub(r"\s+", " ", (_g(m, "rel") or "").lower())
    dated = DATE_AFTER_WEEKDAY.match(ctx.text, m.end())
    if dated and not rel:  # "Thursday, Jan. 6": the weekday of that date
        year = dated.group("year")
        month, day = _month_number(dated.group("month")), _day_number(dated.group("day"))
        value = (
            checked_date(int(year), month, day)
            if year
            else _resolve_month_day(ctx, month, day, m.start(), m.end())
        )
        return _Norm(kind, value + suffix) if value else None
    if rel in ("last", "this past", "past"):
        d = _resolve_weekday(ctx.dct, wd, -1, strict=True)
    elif rel in ("next", "this coming", "coming"):
        d = _resolve_weekday(ctx.dct, wd, 1, strict=True)
    elif rel in ("the previous", "the preceding", "the prior"):
        d = _resolve_weekday(ctx.dct, wd, -1, strict=True) - dt.timedelta(weeks=1)
    else:
        d = _resolve_weekday(ctx.dct, wd, _tense(ctx, m.start(), m.end()) or -1)
    return _Norm(kind, iso_day(d) + suffix)


def _weekday_set(m: re.Match[str], ctx: _Context) -> _Norm | None:
    wd = _weekday_number(m.group("weekday"))
    return _Norm("SET", f"XXXX-WXX-{wd + 1}")


def _deictic_day(m: re.Match[str], ctx: _Context) -> _Norm | None:
    word = m.group("day").lower()
    offset = DEICTIC_DAYS[word]
    part = _g(m, "part")
    suffix = ""
    if part:
        suffix = "T" + PARTS_OF_DAY[part.lower()]
    elif word == "tonight":
        suffix = "TNI"
    if ctx.dct is None:
        return _Norm("TIME" if suffix else "DATE", "XXXX-XX-XX" + suffix)
    value = iso_day(ctx.dct + dt.timedelta(days=offset)) + suffix
    return _Norm("TIME" if suffix else "DATE", value, mod_of(_g(m, "mod")))


def _part_of_day(m: re.Match[str], ctx: _Context) -> _Norm | None:
    rel = (_g(m, "rel") or "this").lower().split()[-1]
    part = m.group("part").lower()
    code = PARTS_OF_DAY[part]
    offset = -1 if rel in ("last", "yesterday") else 1 if rel in ("tomorrow", "next") else 0
    if part == "overnight":
        offset = -1 if _tense(ctx, m.start(), m.end()) < 0 else 0
    if ctx.dct is None:
        return _Norm("TIME", f"XXXX-XX-XXT{code}")
    return _Norm("TIME", iso_day(ctx.dct + dt.timedelta(days=offset)) + "T" + code)


def _relative_unit(m: re.Match[str], ctx: _Context) -> _Norm | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("unit").lower()
    mod = mod_of(_g(m, "mod"))
    shift = REL_SHIFT.get(rel, 0)
    if unit in ("decade", "century") and rel in ("the past", "the last", "the next", "the coming"):
        # "the past decade" is a stretch of time, not the calendar decade
        return _Norm("DURATION", iso_duration(1, unit))
    if rel == "the last":
        shift = -1
    if ctx.dct is None:
        return _Norm(
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
        if weekday_paper and _tense(ctx, m.start(), m.end()) < 0:
            base -= dt.timedelta(weeks=1)  # "over the weekend" in a weekday paper: the past one
        value = iso_week(base) + "-WE"
    elif unit == "month":
        value = iso_month(*shift_month(d.year, d.month, shift))
    elif unit == "year":
        value = f"{d.year + shift:04d}"
        before = ctx.text[max(0, m.start() - 60) : m.start()]
        if shift == -1 and not mod and COMPARISON.search(before):
            # "net of $3 million, compared with $5 million last year": a quarter's results
            return _Norm("DATE", value, mod, anchor="year_back")
    elif unit == "decade":
        value = str(d.year // 10 + shift)
    else:  # century
        value = f"{d.year // 100 + shift:02d}"
    return _Norm("DATE", value, mod)


def _ago(m: re.Match[str], ctx: _Context) -> _Norm | None:
    unit = unit_key(m.group("unit"))
    n = parse_number(re.split(r"\s*(?:\bto\b|\bor\b|-)\s*", m.group("qty"))[0])
    direction = -1 if m.group("dir").lower() in ("ago", "earlier", "before") else 1
    mod = mod_of(_g(m, "mod"))
    if n is None or ctx.dct is None:
        return _Norm("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", mod)
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
            return _Norm("DATE", value, mod, anchor="year_back")
    elif unit == "decade":
        value = f"{d.year + 10 * k:04d}"
    elif unit == "century":
        value = f"{d.year // 100 + k:02d}"
    elif unit in ("hour", "minute", "second"):
        value = iso_day(d)
    else:
        return None
    return _Norm("DATE", value, mod)


def _year_ago_adj(m: re.Match[str], ctx: _Context) -> _Norm | None:
    if ctx.dct is None:
        return _Norm("DATE", "XXXX")
    return _Norm("DATE", f"{ctx.dct.year - 1:04d}", anchor="year_back")


def _duration_rule(m: re.Match[str], ctx: _Context) -> _Norm | None:
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
    if _g(m, "andhalf") and n is not None:
        n += 0.5
    mod = mod_of(_g(m, "mod"))
    if qty_l in ("a", "an") and not _g(m, "mod"):
        before = ctx.text[max(0, m.start() - 25) : m.start()]
        if re.search(
            r"(?:\d|million|billion|thousand|cents?|dollars?|percent|%|times|twice|once|"
            r"pence|marks|yen|francs|pounds|seats|flights|meals|shifts|hours?|days?)\s*$",
            before,
            re.I,
        ):
            return _Norm("SET", iso_duration(1, unit))  # "$33 million a year", "twice a day"
    if n is not None and n != int(n):
        return _Norm("DURATION", iso_fractional_duration(n, unit), mod)
    return _Norm("DURATION", iso_duration(n, unit), mod)


def _vague_duration(m: re.Match[str], ctx: _Context) -> _Norm | None:
    unit = unit_key(m.group("unit"))
    rel = (_g(m, "rel") or "").lower()
    if rel.startswith("recent") and unit == "year":
        return _Norm("DATE", "PAST_REF")
    return _Norm("DURATION", iso_duration(None, unit))


def _set_rule(m: re.Match[str], ctx: _Context) -> _Norm | None:
    word = m.group(0).lower()
    if word in SET_WORDS:
        return _Norm("SET", SET_WORDS[word])
    unit = _g(m, "unit")
    if unit:
        return _Norm("SET", iso_duration(1, unit))
    return None


def _set_month(m: re.Match[str], ctx: _Context) -> _Norm | None:
    return _Norm("SET", f"XXXX-{_month_number(m.group('month')):02d}")


def _ref(m: re.Match[str], ctx: _Context) -> _Norm | None:
    word = re.sub(r"\s+", " ", m.group("ref").lower())
    return _Norm("DATE", REF_WORDS[word])


def _holiday(m: re.Match[str], ctx: _Context) -> _Norm | None:
    name = re.sub(r"\s+", " ", m.group("name").lower())
    year_text = _g(m, "year")
    year = int(year_text) if year_text else (ctx.dct.year if ctx.dct else None)
    if name in HOLIDAYS:
        md = HOLIDAYS[name]
        if year is None:
            return _Norm("DATE", f"XXXX-{md}")
        if not year_text and ctx.dct is not None:
            year = _year_for_month(ctx, int(md[:2]), m.start(), m.end())
        return _Norm("DATE", f"{year:04d}-{md}")
    month, weekday, n = FLOATING_HOLIDAYS[name]
    if year is None:
        return _Norm("DATE", "XXXX-XX-XX")
    if not year_text and ctx.dct is not None:
        year = _year_for_month(ctx, month, m.start(), m.end())
    return _Norm("DATE", iso_day(nth_weekday(year, month, weekday, n)))


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    word = (_g(m, "named") or "").lower()
    if word in ("noon", "midday"):
        return 12, 0
    if word == "midnight":
        return 24, 0
    hour = int(m.group("h"))
    minute = int(_g(m, "min") or 0)
    ampm = (_g(m, "ampm") or "").lower().replace(".", "").replace(" ", "")
    pod = (_g(m, "pod") or "").lower()
    if ampm == "pm" or pod in ("afternoon", "evening", "night"):
        if hour < 12:
            hour += 12
    elif (ampm == "am" or pod == "morning") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return hour, minute


def _time(m: re.Match[str], ctx: _Context) -> _Norm | None:
    clock = _clock(m)
    if clock is None:
        return None
    hour, minute = clock
    date_value: str | None = None
    if _g(m, "wd"):
        if ctx.dct is None:
            date_value = f"XXXX-WXX-{_weekday_number(m.group('wd')) + 1}"
        else:
            wd = _weekday_number(m.group("wd"))
            date_value = iso_day(_resolve_weekday(ctx.dct, wd, _tense(ctx, m.start(), m.end())))
    elif _g(m, "dday"):
        if ctx.dct is not None:
            offset = DEICTIC_DAYS[m.group("dday").lower()]
            date_value = iso_day(ctx.dct + dt.timedelta(days=offset))
    elif _g(m, "tmonth"):
        date_value = _resolve_month_day(
            ctx, _month_number(m.group("tmonth")), _day_number(m.group("tday")), m.start(), m.end()
        )
    elif ctx.dct is not None:
        date_value = iso_day(ctx.dct)
    clock_text = f"T{hour:02d}:{minute:02d}" if minute or not _g(m, "named") else f"T{hour:02d}:00"
    value = (date_value or "XXXX-XX-XX") + clock_text
    return _Norm("TIME", value, mod_of(_g(m, "mod")))


def _bare_unit(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """ "the year", "the week", "the month": the current one in news."""
    unit = m.group("unit").lower()
    if re.match(r"\s+(?:end(?:ed|ing)|to\s+date)\b", ctx.text[m.end() :], re.I):
        return _Norm("DURATION", iso_duration(1, unit))
    if ctx.dct is None:
        return _Norm("DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit])
    value = {
        "year": f"{ctx.dct.year:04d}",
        "month": iso_month(ctx.dct.year, ctx.dct.month),
        "week": iso_week(ctx.dct),
    }[unit]
    return _Norm("DATE", value)


def _fiscal_relative(m: re.Match[str], ctx: _Context) -> _Norm | None:
    rel = re.sub(r"\s+", " ", (_g(m, "rel") or "the").lower())
    if ctx.dct is None:
        return _Norm("DATE", "XXXX")
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
    return _Norm("DATE", f"{ctx.dct.year + shift:04d}")


# The rule table in timex_rules names each rule's handler: ``_full_date`` is "full_date".
_HANDLERS: dict[str, _Handler] = {
    name[1:]: func
    for name, func in list(globals().items())
    if name.startswith("_") and callable(func)
}
_COMPILED: list[tuple[re.Pattern[str], _Handler]] = [
    (re.compile(BOUNDARY_LEFT + "(?:" + pattern + ")" + BOUNDARY_RIGHT, re.I), _HANDLERS[name])
    for pattern, name in RULE_PATTERNS
]

# How far back (characters) a quarter mentioned earlier still anchors "a year ago".
_ANCHOR_WINDOW = 600


def _reanchor(found: list[tuple[int, int, _Norm]]) -> list[tuple[int, int, _Norm]]:
    """Resolve financial-news anaphora against the previous quarter mentioned.

    "Net rose in the third quarter ... from $5 million a year earlier": the year
    earlier is the same quarter of the year before (TimeBank annotates
    1988-Q3), and "the quarter" is the quarter just named.
    """
    out: list[tuple[int, int, _Norm]] = []
    last_quarter: tuple[int, str] | None = None
    for start, end, norm in found:
        recent = last_quarter if last_quarter and start - last_quarter[0] < _ANCHOR_WINDOW else None
        if norm.anchor == "year_back" and recent:
            y, q = recent[1].split("-Q")
            norm = _Norm(norm.type, f"{int(y) - 1:04d}-Q{q}", norm.mod)
        elif norm.anchor == "quarter" and recent:
            norm = _Norm(norm.type, recent[1], norm.mod)
        elif norm.anchor and norm.anchor.startswith("year:") and recent:
            norm = _Norm(norm.type, f"{norm.anchor[5:]}-Q{recent[1][-1]}", norm.mod)
        elif re.fullmatch(r"\d{4}-Q\d", norm.value) and norm.anchor != "year_back":
            last_quarter = (end, norm.value)
        out.append((start, end, norm))
    return out


def find_timexes(text: str, dct: dt.date | None) -> list[Timex]:
    """Time expressions in ``text``, normalized against ``dct`` (publication date).

    Returns non-overlapping :class:`Timex` records sorted by offset, with
    ``text[t.start:t.end] == t.text``. Without ``dct``, relative expressions
    get underspecified values (``XXXX-08-22``, ``XXXX-WXX-5``).
    """
    ctx = _Context(text, dct)
    candidates: list[tuple[int, int, int, _Norm]] = []
    for priority, (regex, handler) in enumerate(_COMPILED):
        for m in regex.finditer(text):
            if m.end() == m.start():
                continue
            norm = handler(m, ctx)
            if norm is not None:
                candidates.append((m.start(), m.end(), priority, norm))
    # Longest match wins; among equals, the rule listed first.
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int, _Norm]] = []
    occupied = bytearray(len(text) + 1)
    for start, end, _, norm in candidates:
        if any(occupied[start:end]):
            continue
        occupied[start:end] = b"\x01" * (end - start)
        taken.append((start, end, norm))
    taken.sort(key=lambda t: t[0])
    return [
        Timex(start, end, text[start:end], norm.type, norm.value, norm.mod)
        for start, end, norm in _reanchor(taken)
    ]
