"""Time expressions on their own: values relative to the publication date.

The cases tests/test_timex.py does not have: months and seasons a year away, year
and week boundaries, a leap day, tense choosing the direction, and modifiers.
Through the stable entry point ``find_timexes(text, published_date)``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.timex import find_timexes

FRIDAY = dt.date(2025, 8, 22)  # the seed's publication date


def tagged(text: str, published: dt.date) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named months and seasons: "next"/"last" move a year when needed
        ("The talks resume next March.", ("next March", "DATE", "2026-03")),
        ("Talks resumed last March.", ("last March", "DATE", "2025-03")),
        ("The war began in February 2022.", ("February 2022", "DATE", "2022-02")),
        ("It opens next summer.", ("next summer", "DATE", "2026-SU")),
        ("It began last autumn.", ("last autumn", "DATE", "2024-FA")),
        # months, years, weeks and days from the publication date
        ("Prices fell last month.", ("last month", "DATE", "2025-07")),
        ("Sales rose this month.", ("this month", "DATE", "2025-08")),
        ("It happened earlier this month.", ("earlier this month", "DATE", "2025-08")),
        ("The vote is next year.", ("next year", "DATE", "2026")),
        ("The vote is this year.", ("this year", "DATE", "2025")),
        ("The summit is next week.", ("next week", "DATE", "2025-W35")),
        ("They met two weeks ago.", ("two weeks ago", "DATE", "2025-W32")),
        ("It happened last weekend.", ("last weekend", "DATE", "2025-W33-WE")),
        ("He arrives tomorrow.", ("tomorrow", "DATE", "2025-08-23")),
        # weekdays: "last"/"this" and the verb's tense choose the week
        ("They met last Monday.", ("last Monday", "DATE", "2025-08-18")),
        ("He will speak this Friday.", ("this Friday", "DATE", "2025-08-22")),
        ("He spoke on Sunday.", ("Sunday", "DATE", "2025-08-17")),
        ("He will speak on Sunday.", ("Sunday", "DATE", "2025-08-24")),
        ("He spoke on Friday morning.", ("Friday morning", "TIME", "2025-08-22TMO")),
        ("They met on Saturday, Aug. 16.", ("Aug. 16", "DATE", "2025-08-16")),
        ("They met on Saturday, Aug. 16.", ("Saturday", "DATE", "2025-08-16")),
        # parts of a year
        ("Sales rose in the second half of 2024.", ("the second half of 2024", "DATE", "2024-H2")),
        # durations: "within" and "in" keep the amount, vague ones an X
        ("It ends within two weeks.", ("two weeks", "DURATION", "P2W")),
        ("The deal is due in three weeks.", ("three weeks", "DURATION", "P3W")),
        ("He served for six months.", ("six months", "DURATION", "P6M")),
        ("It lasted a decade.", ("a decade", "DURATION", "P10Y")),
        ("Talks go on for the next few weeks.", ("the next few weeks", "DURATION", "PXW")),
        ("Prices rise in the coming months.", ("the coming months", "DURATION", "PXM")),
    ],
)
def test_values_against_a_friday_paper(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in tagged(text, FRIDAY)


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # across a year's end, both ways
        ("2025-12-30", "The vote is next year.", ("next year", "DATE", "2026")),
        ("2025-12-15", "Talks resume next month.", ("next month", "DATE", "2026-01")),
        ("2026-01-03", "It happened last week.", ("last week", "DATE", "2025-W52")),
        ("2026-01-03", "He spoke on Friday.", ("Friday", "DATE", "2026-01-02")),
        # a leap day
        ("2024-03-01", "He left yesterday.", ("yesterday", "DATE", "2024-02-29")),
        # the next March of a February paper is this year's
        ("2025-02-10", "The talks resume next March.", ("next March", "DATE", "2025-03")),
        # a month named without a year: the tense says which side of the paper
        ("2025-02-10", "It was signed in December.", ("December", "DATE", "2024-12")),
        ("2025-02-10", "It will be signed in December.", ("December", "DATE", "2025-12")),
        ("2025-08-24", "He will travel on Monday.", ("Monday", "DATE", "2025-08-25")),
        ("2025-08-24", "He said Friday that talks would resume.", ("Friday", "DATE", "2025-08-22")),
    ],
)
def test_values_move_with_the_publication_date(
    published: str, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in tagged(text, dt.date.fromisoformat(published))


def test_modifier_is_kept_apart_from_the_value() -> None:
    (mid,) = find_timexes("It is due by mid-September.", FRIDAY)
    assert (mid.text, mid.value, mid.mod) == ("mid-September", "2025-09", "MID")
