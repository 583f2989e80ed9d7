"""Word lists, the rule table and ISO 8601 value helpers for the temporal tagger.

Kept apart from :mod:`onrecord.timex.resolve`, which holds the handlers that turn a
rule's match into a TIMEX3 value and the matching engine. ``RULE_PATTERNS``
names each rule's handler by its name in :mod:`onrecord.timex.resolve`.

Fragments are written for ``re.IGNORECASE`` patterns; those that must keep
their case (month names, which clash with "may" and "march") say so with a
scoped ``(?-i:...)`` group.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}

MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}

# Month in which each season starts, to decide whether "last summer" is this
# year's or last year's (northern hemisphere, as in the news the rules target).
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

UNITS: dict[str, str] = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centuries": "CE",
    "millennium": "ML",
}

# Units below a day are written after a "T" in ISO 8601 durations (PT5H).
TIME_UNITS = frozenset({"second", "minute", "hour"})

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "a thousand": 1000,
    "thousand": 1000,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "couple of": 2,
    "a couple": 2,
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}

# Quantities that give an unknown amount: "several years" -> PXY.
VAGUE_NUMBERS = frozenset(
    {"several", "a few", "few", "many", "some", "a number of", "numerous", "more"}
)

HOLIDAYS: dict[str, str] = {
    "new year's day": "01-01",
    "new year's eve": "12-31",
    "valentine's day": "02-14",
    "independence day": "07-04",
    "halloween": "10-31",
    "veterans day": "11-11",
    "christmas eve": "12-24",
    "christmas day": "12-25",
    "christmas": "12-25",
    "boxing day": "12-26",
    "new year's": "01-01",
}

# Holidays on the nth weekday of a month: (month, weekday, n); n = -1 is the last.
FLOATING_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving day": (11, 3, 4),
    "thanksgiving": (11, 3, 4),
    "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1),
    "martin luther king day": (1, 0, 3),
    "presidents day": (2, 0, 3),
    "presidents' day": (2, 0, 3),
    "columbus day": (10, 0, 2),
    "mother's day": (5, 6, 2),
    "father's day": (6, 6, 3),
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (longest first, spaces as ``\\s+``)."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(w.replace(".", r"\.").replace(" ", r"\s+") for w in items)


# --- regex fragments -------------------------------------------------------

_UNIT_WORD = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade)"
UNIT = _UNIT_WORD + r"s?|centur(?:y|ies)|millenni(?:um|a)"

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
NUMBER_WORD = (
    rf"(?:(?:{_TENS})(?:[\s-]+(?:{_ONES}))?|{_TEENS}|{_ONES}"
    r"|a\s+hundred|one\s+hundred|hundred|a\s+thousand|thousand|a\s+dozen|dozen"
    r"|a\s+couple\s+of|couple\s+of|a\s+couple)"
)
DIGITS = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?"
VAGUE = r"(?:several|a\s+few|few|many|some|a\s+number\s+of|numerous)"
QUANTITY = rf"(?:{DIGITS}|{NUMBER_WORD}|{VAGUE}|an?|half\s+an?)"
# "two to three weeks", "12 to 18 months", "two or three years"
QUANTITY_RANGE = rf"(?:{QUANTITY})(?:\s*(?:to|or|-)\s*(?:{DIGITS}|{NUMBER_WORD}))?"

MONTH_FULL = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER"
    r"|NOVEMBER|DECEMBER)"
)
# Abbreviations need their full stop ("Jan." not the name "Jan"), except before a
# day number ("Sept 11").
MONTH_ABBR = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
MONTH_ABBR_BARE = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
MONTH_BEFORE_DAY = rf"(?:{MONTH_FULL}|{MONTH_ABBR}|{MONTH_ABBR_BARE})"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
ORDINAL = alternation(ORDINALS)
HOLIDAY = alternation(list(HOLIDAYS) + list(FLOATING_HOLIDAYS))

# Approximating modifiers kept inside the span, with their TIMEX3 mod.
MODIFIERS: dict[str, str] = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
    "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "just over": "MORE_THAN",
    "just under": "LESS_THAN",
}
MODIFIER = alternation(MODIFIERS)

# Words of the sentence that make a bare weekday or month point forward.
FUTURE_CUES = (
    r"\b(?:will|won't|'ll|shall|going\s+to|plans?\s+to|planned|planning|scheduled|expected"
    r"|expects?|is\s+to|are\s+to|to\s+be\s+held|next(?!\s+to)|upcoming|coming|soon"
    r"|as\s+early\s+as|tomorrow|would|set\s+to|intends?\s+to|hopes?\s+to)\b"
)
# Regular past tense "-ed" counts, but not passives after "be"/"been" ("to be published").
PAST_CUES = (
    r"\b(?:said|says|was|were|had|did|ago|last|earlier|yesterday|told|announced|reported|came"
    r"|went|met|began|took|made|gave|sent|left|held|found|fell|rose|won|lost|became|got|saw"
    r"|bought|sold|paid|led|brought|caught|thought|struck|spent|built|broke|chose|drove|fought"
    r"|flew|grew|knew|ran|shot|spoke|stood|threw|wrote|kept|heard|felt|meant|sought|taught"
    r"|(?<!\bbe\s)(?<!\bbeen\s)\w+ed)\b"
)
# Full stops that do not end a sentence: initials, titles, a.m./p.m., month abbreviations.
SENTENCE_END = (
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bCo)(?<!\bMrs)(?<!\bInc)"
    r"(?<!\bCorp)(?<!\bLtd)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bNo)(?<!\b[ap]\.m)"
    r"(?<!\bJan)(?<!\bFeb)(?<!\bAug)(?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\bU\.S)"
    r"[.!?][\"'’”]*\s+|\n\s*\n"
)


# --- ISO 8601 values and calendar arithmetic ---------------------------------


def iso_day(d: dt.date) -> str:
    return d.isoformat()


def iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + n
    return index // 12, index % 12 + 1


def shift_quarter(y: int, q: int, n: int) -> tuple[int, int]:
    index = y * 4 + (q - 1) + n
    return index // 4, index % 4 + 1


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


def checked_date(year: int, month: int, day: int) -> str | None:
    try:
        return iso_day(dt.date(year, month, day))
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    days = [
        dt.date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).weekday() == weekday
    ]
    return days[n - 1] if n > 0 else days[n]


DECADE_WORDS = {
    "twenties": "2",
    "thirties": "3",
    "forties": "4",
    "fifties": "5",
    "sixties": "6",
    "seventies": "7",
    "eighties": "8",
    "nineties": "9",
}


DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


REL_SHIFT = {
    "this": 0,
    "the current": 0,
    "the present": 0,
    "current": 0,
    "last": -1,
    "the past": -1,
    "past": -1,
    "the previous": -1,
    "previous": -1,
    "the prior": -1,
    "next": 1,
    "the next": 1,
    "the coming": 1,
    "coming": 1,
    "the following": 1,
    "the same": 0,
    "the": 0,
    "so far this": 0,
}


# A unit's next smaller unit and how many of them make one, to write 2 1/2 years as P2Y6M.
SUBUNIT = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}


def iso_fractional_duration(n: float, unit: str) -> str:
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


REF_WORDS = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the moment": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "once": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF",
    "eventually": "FUTURE_REF",
    "sometime": "FUTURE_REF",
}


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


# Words before "May" that make it the month, not the modal verb ("in May", "mid-May").
MAY_CONTEXT = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|through|early|late|mid|last|next|this|"
    r"before|after|during|between|and|to|or)\s+|-)$",
    re.I,
)

# Context of a four-digit number that is not a year: money, identifiers, counts,
# ranges such as "1990-5".
NOT_YEAR_BEFORE = re.compile(
    r"(?:[$#€£¥]|\d[.,]?|\b(?:No|Nos|Room|Rm|Flight|Suite|Route|Highway|Interstate|Apt|Unit|Box"
    r"|Article|Section|Chapter|page|pages|p|pp)\.?\s*)$",
    re.I,
)
NOT_YEAR_AFTER = re.compile(
    r"(?:[.,]\d|\s*(?:%|percent|per\s*cent|points?|people|shares|tons|feet|meters|miles|km|acres"
    r"|units|votes|barrels|troops|soldiers|members|dollars|yen|marks|cars|employees|workers|jobs"
    r"|homes|copies|pounds)\b|\s*[-–]\s*\d(?!\d{1,3}\b))",
    re.I,
)

# "compared with $5 million last year": "last year" is then a period of last year.
COMPARISON = re.compile(r"\b(?:compared\s+with|from|versus|vs\.|against)\b[^.;]*$", re.I)

# An explicit date right after a weekday: "Thursday, Jan. 6".
DATE_AFTER_WEEKDAY = re.compile(
    rf",?\s+(?P<month>{MONTH_BEFORE_DAY})\s+(?P<day>{DAY_NUMBER})(?!\d)(?:,?\s+(?P<year>{YEAR4}))?"
)


# Adverbs and adjectives of frequency (TIMEX3 SET values).
SET_WORDS: dict[str, str] = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "quarterly": "P1Q",
    "hourly": "PT1H",
    "nightly": "P1D",
    "biweekly": "P2W",
    "semiannually": "P6M",
}


# --- the rule table ---------------------------------------------------------

BOUNDARY_LEFT = r"(?<![\w$#@£€¥])"  # left boundary
BOUNDARY_RIGHT = r"(?![\w])"  # right boundary
_MOD = rf"(?:(?P<mod>{MODIFIER})\s+)?"
_EDGE = r"(?:(?P<mod>early|late|mid|the\s+(?:beginning|end|middle|start)\s+of)(?:\s+|-))?"
_YEAR_SUFFIX = rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR4}))?"
_UNITS_SINGLE = r"(?P<unit>week|weekend|month|year|decade|century)"
_TIME_CORE = (
    r"(?:(?P<named>noon|midday|midnight)|(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)|\s+o'clock|\s+in\s+the\s+"
    r"(?P<pod>morning|afternoon|evening|night)))"
    r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|local\s+time))?"
)
_TIME_DATE = (
    rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<dday>today|yesterday|tomorrow)"
    rf"|(?P<tmonth>{MONTH_BEFORE_DAY})\s+(?P<tday>{DAY_NUMBER})))?"
)

_SPOKEN_ONES = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_SPOKEN_TENS = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:"
    + _SPOKEN_ONES.replace("|ten|eleven|twelve", "")
    + r"))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
)

#: (pattern, handler name in onrecord.timex.resolve), in priority order: among matches of
#: equal length the rule listed first wins.
RULE_PATTERNS: list[tuple[str, str]] = [
    # explicit dates: "August 22, 2025", "Aug. 22", "Sept 11"
    # (a weekday before it is a timex of its own in TimeBank: "Thursday, Jan. 6")
    (
        rf"(?P<month>{MONTH_BEFORE_DAY})\s+(?P<day>{DAY_NUMBER})(?!\d)"
        rf"(?:,?\s+(?P<year>{YEAR4}))?(?![\w%])(?!,\d)",
        "full_date",
    ),
    # "22 August 2025", "the 22nd of August"
    (
        rf"(?:the\s+)?(?P<day>{DAY_NUMBER})\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR4}))?",
        "full_date",
    ),
    (
        r"(?P<iso>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}))"
        r"|(?P<m2>1[0-2]|0?[1-9])/(?P<d2>[12]\d|3[01]|0?[1-9])/(?P<y2>\d{4}|\d{2})(?![/\d])",
        "numeric_date",
    ),
    (rf"{_EDGE}(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR4})", "month_year"),
    (rf"{_EDGE}(?P<month>{MONTH})\s+(?P<yrel>this|last|next)\s+year", "month_rel_year"),
    (
        rf"{_EDGE}(?:(?P<rel>this|last|next|this\s+past|this\s+coming)\s+)?(?P<month>{MONTH})"
        r"(?!\s+\d)",
        "month_alone",
    ),
    # spoken years in broadcast transcripts: "nineteen ninety-six", "the year two thousand"
    (
        rf"(?:the\s+year\s+)?(?P<spoken>(?:nineteen|eighteen)[\s-]+(?:{_SPOKEN_TENS}"
        rf"|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?:{_SPOKEN_ONES}))?)",
        "spoken_year",
    ),
    # years: "1998", "fiscal 1998", "the year 2000"
    (
        rf"(?P<lead>(?:the\s+)?(?:fiscal|calendar|model)\s+(?:year\s+)?|the\s+year\s+)?"
        rf"(?P<year>{YEAR4})(?!['’]?s\b)(?![-–]\d{{2}}\b)",
        "year",
    ),
    (rf"(?:the\s+)?{_EDGE}(?:the\s+)?(?P<decade>(?:1[6-9]|20)\d0|'\d0)['’]?s", "decade"),
    (
        rf"{_EDGE}(?:the\s+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties"
        r"|nineties)",
        "decade_word",
    ),
    (rf"{_EDGE}(?:the\s+)?(?P<ord>{ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century", "century"),
    # seasons
    (
        rf"{_EDGE}(?:(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+coming|the\s+past)\s+)?"
        rf"(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR4}))",
        "season",
    ),
    (
        rf"{_EDGE}(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+coming|the\s+past)\s+"
        rf"(?P<season>{SEASON})",
        "season",
    ),
    (rf"(?P<mod>early|late|mid)(?:\s+|-)(?P<season>{SEASON})", "season"),
    (
        rf"(?:the|in|this|during|by|until|through)\s+(?P<season>summer|winter|autumn)(?:\s+of)?"
        rf"(?:\s+(?P<year>{YEAR4}))?",
        "season",
    ),
    # quarters and halves
    (
        rf"(?:(?P<rel>this\s+year['’]s|last\s+year['’]s|next\s+year['’]s|the(?:\s+comparable)?"
        r"(?:\s+year[\s-](?:ago|earlier))?|its|their|a|this)\s+)?"
        rf"(?:(?:fiscal|calendar)[\s-]+)?(?:(?P<year>{YEAR4})\s+)?(?P<ord>(?:fiscal[\s-]+)?"
        rf"(?:first|second|third|fourth|1st|2nd|3rd|4th))(?:\s+|-)(?:fiscal\s+)?quarter"
        rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>{YEAR4}))?",
        "quarter",
    ),
    (
        r"(?P<rel>this|last|next|the(?:\s+(?:latest|current|previous|prior|preceding|same|past|"
        r"recent|most\s+recent|just-ended|just\s+ended|comparable(?:\s+year-ago|\s+year-earlier)?|"
        r"year-ago|year-earlier|next|coming))?)\s+quarter(?!s)(?![\s-]+(?:of|century|mile|point))",
        "relative_quarter",
    ),
    # "the 1988 period", "the corresponding period last year": that quarter of another year
    (rf"the\s+(?P<year>{YEAR4})\s+(?:period|quarter)(?!s)", "period_of_year"),
    (
        r"the\s+(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:of\s+)?(?:a\s+year\s+"
        r"(?:ago|earlier)|last\s+year|the\s+previous\s+year|the\s+prior\s+year)"
        r"|last\s+year['’]s\s+(?:period|quarter)",
        "year_ago_adj",
    ),
    # "the latest period": the quarter being reported (financial news)
    (
        r"(?P<rel>the\s+(?:latest|same|comparable(?:\s+year-ago|\s+year-earlier)?|year-ago|"
        r"year-earlier|most\s+recent))\s+period",
        "relative_quarter",
    ),
    (
        rf"(?:the\s+)?(?P<half>first|second|last|1st|2nd)[\s-]half(?:\s+of)?(?:\s+(?:fiscal\s+)?"
        rf"(?P<year>{YEAR4}))?",
        "half",
    ),
    # weekdays
    (rf"(?:(?:each|every)\s+)(?P<weekday>{WEEKDAY})", "weekday_set"),
    (
        r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous|"
        rf"the\s+preceding|the\s+prior)\s+)?(?P<weekday>{WEEKDAY})(?P<plural>s)?"
        rf"(?:\s+(?P<part>{PART_OF_DAY}))?",
        "weekday",
    ),
    # deictic days
    (
        rf"{_EDGE}(?:(?:earlier|later)\s+)?(?P<day>today|yesterday|tomorrow|tonight)"
        rf"(?:\s+(?P<part>{PART_OF_DAY}))?",
        "deictic_day",
    ),
    (
        rf"(?:(?P<rel>this|last|tomorrow|yesterday|later\s+this|earlier\s+this|early\s+this|"
        rf"late\s+this|mid)[\s-]+)(?P<part>{PART_OF_DAY})",
        "part_of_day",
    ),
    (r"(?P<part>overnight)", "part_of_day"),
    # this/last/next week, month, year...
    (
        rf"(?:(?P<mod>earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
        rf"the\s+middle\s+of|the\s+rest\s+of|mid)(?:\s+|-))?(?P<rel>this|last|next|the\s+past|"
        rf"the\s+coming|the\s+current|the\s+previous|the\s+prior|the\s+following|so\s+far\s+this|"
        rf"the\s+next|the\s+last)\s+{_UNITS_SINGLE}",
        "relative_unit",
    ),
    (r"(?P<rel>the)\s+(?P<unit>weekend)", "relative_unit"),
    (
        r"(?:the\s+)?(?:(?P<rel>current|latest|last|next|previous|prior|coming)\s+)?fiscal\s+year",
        "fiscal_relative",
    ),
    (
        r"(?:(?P<rel>last|next|this)\s+)?(?:the\s+)?(?:year[\s-]end|year['’]s\s+end|full\s+year)",
        "fiscal_relative",
    ),
    (
        r"the\s+(?P<unit>year|week|month)(?!\s+(?:before|after|earlier|later|ago|of|in\s+which|"
        r"when|that|following))(?!['’-]\w)",
        "bare_unit",
    ),
    # "two years ago", "a year earlier", "a week or so ago"
    (
        rf"{_MOD}(?:just\s+)?(?P<qty>{QUANTITY_RANGE})\s+(?:more\s+)?(?P<unit>{UNIT})"
        r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|hence|from\s+now)(?![\w-])",
        "ago",
    ),
    (
        r"(?:the\s+)?year[\s-](?:ago|earlier)(?:\s+(?:period|results?|quarter|level))?",
        "year_ago_adj",
    ),
    # durations: "two weeks", "the past three months", "a five-year", "16-hour"
    (
        rf"{_MOD}(?:the\s+)?(?:(?:past|last|next|first|previous|coming|final|following|"
        rf"latest|remaining|initial|ensuing|additional|further|same|full|entire|other)\s+)?"
        rf"(?P<qty>{QUANTITY_RANGE})(?:\s+(?:more|additional|straight|consecutive|long))?"
        rf"(?:\s+|-)(?:(?:trading|business|calendar|working|school)\s+)?(?P<unit>{UNIT})"
        r"(?P<andhalf>\s+and\s+a\s+half)?(?:-long)?",
        "duration_rule",
    ),
    (
        r"(?<!-)(?:(?P<rel>recent|coming|past|the\s+past|the\s+last|the\s+next|the\s+coming|"
        r"the\s+previous|several|many|few|the\s+following)\s+)?(?P<unit>years|months|weeks|days|"
        r"decades|centuries|hours|minutes|quarters)(?=\s|[,.;:]|$)(?!\s+(?:of\s+age|old))",
        "vague_duration",
    ),
    # sets
    (r"daily|weekly|monthly|annually|yearly|hourly|nightly|semiannually", "set_rule"),
    (
        r"(?:(?:each|every|per|a)\s+(?:other\s+)?)(?P<unit>day|week|month|year|quarter|hour|"
        r"night|weekend)",
        "set_rule",
    ),
    (rf"(?:each|every)\s+(?P<month>{MONTH})", "set_month"),
    # present / past / future references
    # "previously", "soon", bare "future" and "recent" are left out: TimeBank
    # annotates them too rarely for them to pay.
    (
        r"(?P<ref>now|currently|nowadays|at\s+present|at\s+the\s+moment|these\s+days|"
        r"recently|lately|the\s+past|the\s+(?:near\s+)?future|current)",
        "ref",
    ),
    (rf"(?P<name>{HOLIDAY})(?:\s+(?P<year>{YEAR4}))?", "holiday"),
    # clock times: "10:35 a.m.", "noon Thursday", "5 p.m. EST, Nov. 9", "4 in the morning"
    (rf"{_MOD}{_TIME_CORE}{_TIME_DATE}", "time"),
]
