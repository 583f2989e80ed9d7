"""Events on their own: small made-up texts -> event type, who reports what status,
participants, date and place.

Through the public entry point (``onrecord.analyze_text``, the output contract).
"(the article)" is the source of a status the article states in its own voice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import onrecord

FRIDAY = dt.date(2025, 8, 22)
ARTICLE = "(the article)"


def events_of(text: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = onrecord.analyze_text(text, published=FRIDAY)["events"]
    return events


def statuses(event: dict[str, Any]) -> set[tuple[str, str]]:
    return {(s["source"]["name"], s["status"]) for s in event["statuses"]}


@pytest.mark.parametrize(
    ("text", "etype", "status"),
    [
        # planned, denied, held: the same meeting as said, ruled out, or done
        (
            "Anna Kowalski said she will meet Tom Baker in Warsaw next week.",
            "meeting",
            ("Anna Kowalski", "planned"),
        ),
        (
            "Anna Kowalski denied that she would meet Tom Baker.",
            "meeting",
            ("Anna Kowalski", "denied"),
        ),
        (
            "Tom Baker said there would be no meeting with Anna Kowalski.",
            "meeting",
            ("Tom Baker", "denied"),
        ),
        ("Anna Kowalski and Tom Baker met in Warsaw on Monday.", "meeting", (ARTICLE, "held")),
        (
            "Anna Kowalski will only meet Tom Baker if the sanctions are lifted.",
            "meeting",
            (ARTICLE, "conditional"),
        ),
        ("Sylvania proposed a summit with Freedonia.", "meeting", ("Sylvania", "proposed")),
        ("The summit between Kowalski and Baker was cancelled.", "meeting", (ARTICLE, "cancelled")),
        (
            "The talks between Freedonia and Sylvania were postponed until October.",
            "meeting",
            (ARTICLE, "postponed"),
        ),
        # other types
        ("Tom Baker visited Warsaw on Tuesday.", "visit", (ARTICLE, "held")),
        (
            "Tom Baker told the BBC on Thursday that the deal was dead.",
            "interview",
            (ARTICLE, "held"),
        ),
        # the tagger reads signing, as PolNeAR does, as the signatories' own
        # act of position: they are the source of the status
        (
            "Freedonia and Sylvania signed a trade agreement on Tuesday.",
            "agreement",
            ("Freedonia", "held"),
        ),
        ("Anna Kowalski called for a ceasefire.", "agreement", ("Anna Kowalski", "proposed")),
        (
            "Freedonia demanded a veto over the agreement, Anna Kowalski said.",
            "demand",
            ("Anna Kowalski", "held"),
        ),
        (
            "Tom Baker threatened to impose tariffs on Freedonia if it refused to negotiate.",
            "sanction",
            ("Tom Baker", "conditional"),
        ),
    ],
)
def test_type_and_status(text: str, etype: str, status: tuple[str, str]) -> None:
    found = [e for e in events_of(text) if e["type"] == etype]
    assert found, [(e["type"], statuses(e)) for e in events_of(text)]
    assert status in statuses(found[0])


@pytest.mark.parametrize(
    ("text", "etype", "participants", "date", "place"),
    [
        (
            "Anna Kowalski said she will meet Tom Baker in Warsaw next week.",
            "meeting",
            {"Anna Kowalski", "Tom Baker"},
            None,
            "Warsaw",
        ),
        (
            "Anna Kowalski and Tom Baker met in Warsaw on Monday.",
            "meeting",
            {"Anna Kowalski", "Tom Baker"},
            "2025-08-18",
            "Warsaw",
        ),
        (
            "The European Union and NATO met in Brussels.",
            "meeting",
            {"European Union", "NATO"},
            None,
            "Brussels",
        ),
        (
            "Tom Baker told the BBC on Thursday that the deal was dead.",
            "interview",
            {"Tom Baker", "BBC"},
            "2025-08-21",
            None,
        ),
        (
            "Tom Baker visited Warsaw on Tuesday.",
            "visit",
            {"Tom Baker", "Warsaw"},
            "2025-08-19",
            None,
        ),
    ],
)
def test_participants_date_and_place(
    text: str, etype: str, participants: set[str], date: str | None, place: str | None
) -> None:
    (event,) = [e for e in events_of(text) if e["type"] == etype]
    assert set(event["participant_names"]) == participants
    assert event["date"] == date
    assert event["place_name"] == place


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        (
            "Anna Kowalski said she will meet Tom Baker in Warsaw next week.",
            {"type": "CONSULT", "mode": "meet"},
        ),
        ("Anna Kowalski denied that she would meet Tom Baker.", {"type": "REJECT", "mode": "meet"}),
        ("Tom Baker visited Warsaw on Tuesday.", {"type": "CONSULT", "mode": "visit"}),
        (
            "Freedonia and Sylvania signed a trade agreement on Tuesday.",
            {"type": "AGREE", "mode": None},
        ),
    ],
)
def test_plover_codes(text: str, plover: dict[str, str | None]) -> None:
    assert events_of(text)[0]["plover"] == plover


def test_no_event_where_nothing_happens() -> None:
    assert events_of("Tom Baker works for Acme Corp. in Chicago.") == []
