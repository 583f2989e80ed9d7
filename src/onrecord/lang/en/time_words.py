"""English time words and what they stand for, as Python tables.

Month, weekday and number words, units, seasons, holidays and the other words
the temporal tagger (:mod:`onrecord.timex`) reads. Keys are lower case; values
are numbers or TIMEX3/ISO 8601 codes. Data only: the regular expressions that
find these words in text are in :mod:`onrecord.timex.patterns`.
"""

from __future__ import annotations

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

# Decades named by word, with the digit of their tens: "the sixties" -> 196.
DECADE_WORDS: dict[str, str] = {
    "twenties": "2",
    "thirties": "3",
    "forties": "4",
    "fifties": "5",
    "sixties": "6",
    "seventies": "7",
    "eighties": "8",
    "nineties": "9",
}

# Days named from the day of writing, as an offset in days.
DEICTIC_DAYS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}

# Words before a unit ("last week", "the coming year"): how many units from the current one.
REL_SHIFT: dict[str, int] = {
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

# Words for the present, past or future as such (TIMEX3 reference values).
REF_WORDS: dict[str, str] = {
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
