"""Regular expressions of the temporal tagger: fragments for the words of time
(months, weekdays, quantities, units), the cues of a sentence's tense, the
contexts that veto a match, and the rule table itself.

``RULE_PATTERNS`` pairs each pattern with the name of its handler, as
registered in :mod:`onrecord.timex.named_handlers` and
:mod:`onrecord.timex.relative_handlers`.

Fragments are written for ``re.IGNORECASE`` patterns; those that must keep
their case (month names, which clash with "may" and "march") say so with a
scoped ``(?-i:...)`` group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from onrecord.lang.en.time_words import FLOATING_HOLIDAYS, HOLIDAYS, MODIFIERS, ORDINALS


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
MODIFIER = alternation(MODIFIERS)


# --- the tense of a sentence ----------------------------------------------

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


# --- contexts that veto or re-read a match ----------------------------------

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


# --- the rule table ---------------------------------------------------------

BOUNDARY_LEFT = r"(?<![\w$#@£€¥])"  # left boundary
BOUNDARY_RIGHT = r"(?![\w])"  # right boundary
_MOD = rf"(?:(?P<mod>{MODIFIER})\s+)?"
_EDGE = r"(?:(?P<mod>early|late|mid|the\s+(?:beginning|end|middle|start)\s+of)(?:\s+|-))?"
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

#: (pattern, handler name), in priority order: among matches of
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
