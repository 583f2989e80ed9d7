"""Tests for the rule-based temporal tagger and its TimeML evaluation."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from onrecord.eval.timeml import parse_tml
from onrecord.timex import add_duration, find_timexes

DCT = dt.date(2025, 8, 22)  # a Friday


def _tag(text: str, dct: dt.date | None = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed cases: news-style weekday resolution against a Friday paper
        ("The minister said Friday that talks would resume.", ("Friday", "DATE", "2025-08-22")),
        ("He met the envoy on Monday.", ("Monday", "DATE", "2025-08-18")),
        ("The two leaders spoke on Thursday.", ("Thursday", "DATE", "2025-08-21")),
        ("Talks continued this week.", ("this week", "DATE", "2025-W34")),
        ("The deal must be signed within two weeks.", ("two weeks", "DURATION", "P2W")),
        ("Ahead of this week's White House talks, he spoke.", ("this week", "DATE", "2025-W34")),
        # future tense points forward
        ("He will travel to Paris on Monday.", ("Monday", "DATE", "2025-08-25")),
        ("Next Monday he flies to Kyiv.", ("Next Monday", "DATE", "2025-08-25")),
        ("They met last Friday.", ("last Friday", "DATE", "2025-08-15")),
        # deictic expressions
        ("It happened last week.", ("last week", "DATE", "2025-W33")),
        ("The vote is next month.", ("next month", "DATE", "2025-09")),
        ("Shares fell yesterday.", ("yesterday", "DATE", "2025-08-21")),
        ("Shares fell today.", ("today", "DATE", "2025-08-22")),
        ("He speaks tonight.", ("tonight", "TIME", "2025-08-22TNI")),
        ("Sales rose this morning.", ("this morning", "TIME", "2025-08-22TMO")),
        ("Sales rose last year.", ("last year", "DATE", "2024")),
        ("He left two years ago.", ("two years ago", "DATE", "2023")),
        ("He left three days ago.", ("three days ago", "DATE", "2025-08-19")),
        ("She arrived earlier this week.", ("earlier this week", "DATE", "2025-W34")),
        ("Prices rose over the past three months.", ("the past three months", "DURATION", "P3M")),
        ("Fighting flared in recent days.", ("recent days", "DURATION", "PXD")),
        ("It is over now.", ("now", "DATE", "PRESENT_REF")),
        ("He is currently abroad.", ("currently", "DATE", "PRESENT_REF")),
        ("It was built in the 1990s.", ("the 1990s", "DATE", "199")),
        ("Profit rose in the third quarter.", ("the third quarter", "DATE", "2025-Q3")),
        ("Profit rose in fiscal 1998.", ("fiscal 1998", "DATE", "1998")),
        ("It opens this summer.", ("this summer", "DATE", "2025-SU")),
        # explicit dates
        ("It was signed on August 22, 2025.", ("August 22, 2025", "DATE", "2025-08-22")),
        ("It was signed on Aug. 22.", ("Aug. 22", "DATE", "2025-08-22")),
        ("It was signed on 22 August 2025.", ("22 August 2025", "DATE", "2025-08-22")),
        ("Released 2025-08-22 in Rome.", ("2025-08-22", "DATE", "2025-08-22")),
        ("Filed on 8/22/2025.", ("8/22/2025", "DATE", "2025-08-22")),
        ("The attacks of Sept. 11 changed that.", ("Sept. 11", "DATE", "2025-09-11")),
        ("The law passed in 1998.", ("1998", "DATE", "1998")),
        ("It was founded in March 1949.", ("March 1949", "DATE", "1949-03")),
        ("He resigned in January.", ("January", "DATE", "2025-01")),
        ("Elections are due in November.", ("November", "DATE", "2025-11")),
        # durations and sets
        ("He served 2 1/2 years in prison.", ("2 1/2 years", "DURATION", "P2Y6M")),
        ("They signed a five-year contract.", ("five-year", "DURATION", "P5Y")),
        ("The strike lasted 16 hours.", ("16 hours", "DURATION", "PT16H")),
        ("The paper appears daily.", ("daily", "SET", "P1D")),
        ("They meet every week.", ("every week", "SET", "P1W")),
        ("It costs $5 million a year.", ("a year", "SET", "P1Y")),
        # clock times
        ("The blast came at 3:30 p.m.", ("3:30 p.m.", "TIME", "2025-08-22T15:30")),
        ("Talks broke off at noon Thursday.", ("noon Thursday", "TIME", "2025-08-21T12:00")),
    ],
)
def test_find_timexes(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _tag(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said Friday.", ("Friday", "DATE", "XXXX-WXX-5")),
        ("It was signed on August 22.", ("August 22", "DATE", "XXXX-08-22")),
        ("It was signed on August 22, 2025.", ("August 22, 2025", "DATE", "2025-08-22")),
        ("Talks continued this week.", ("this week", "DATE", "XXXX-WXX")),
        ("The deal must be signed within two weeks.", ("two weeks", "DURATION", "P2W")),
        ("It is over now.", ("now", "DATE", "PRESENT_REF")),
    ],
)
def test_find_timexes_without_dct(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _tag(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "May I ask you something?",
        "It cost $1998 to fix.",
        "There were 1,998 people there.",
        "Meet me in Room 2012.",
        "The 52-year-old chairman resigned.",
        "He is 52 years old.",
        "Iraq imports three-quarters of its food.",
        "Prices may fall soon.",
    ],
)
def test_not_tagged(text: str) -> None:
    assert _tag(text) == []


def test_offsets_sorted_and_non_overlapping() -> None:
    text = (
        "On Monday, Aug. 18, the minister said that within two weeks, and before "
        "the end of the third quarter, talks would resume; two years ago they failed."
    )
    timexes = find_timexes(text, DCT)
    assert timexes
    for t in timexes:
        assert text[t.start : t.end] == t.text
    for a, b in itertools.pairwise(timexes):
        assert a.end <= b.start


@pytest.mark.parametrize(
    ("date_value", "duration", "expected"),
    [
        ("2025-08-21", "P2W", "2025-09-04"),
        ("2025-08-21", "P10D", "2025-08-31"),
        ("2025-01-31", "P1M", "2025-02-28"),
        ("2024-02-29", "P1Y", "2025-02-28"),
        ("2025-08", "P3M", "2025-11"),
        ("2025", "P2Y", "2027"),
        ("2025-08-21", "PT2H", None),
        ("2025-W34", "P1W", None),
        ("PRESENT_REF", "P1D", None),
        ("2025", "P3D", None),
    ],
)
def test_add_duration(date_value: str, duration: str, expected: str | None) -> None:
    assert add_duration(date_value, duration) == expected


def test_parse_tml_offsets() -> None:
    source = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">19980108</TIMEX3></DCT>'
        '<TEXT>Shares fell &amp; rose <TIMEX3 tid="t1" type="DATE" value="1998-01-07">'
        'yesterday</TIMEX3>, <EVENT eid="e1">traders</EVENT> said.</TEXT></TimeML>'
    )
    doc = parse_tml(source)
    assert doc.dct == dt.date(1998, 1, 8)
    assert doc.text == "Shares fell & rose yesterday, traders said."
    (gold,) = doc.timexes
    assert doc.text[gold.start : gold.end] == "yesterday"
    assert gold.value == "1998-01-07"
