"""Dating on its own: small made-up texts -> when each statement was said.

Through the public entry point (``onrecord.analyze_text``, the output contract).
The article is published on Friday 22 August 2025, so Monday is the 18th,
Tuesday the 19th, Wednesday the 20th and Thursday the 21st.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import onrecord

FRIDAY = dt.date(2025, 8, 22)


def dating(text: str, content_starts: str) -> tuple[str | None, str | None, str | None]:
    """(date, basis, the words that set the date) of the statement whose content
    starts with ``content_starts``."""
    rec: dict[str, Any] = onrecord.analyze_text(text, published=FRIDAY)
    found = [s for s in rec["statements"] if s["content"]["text"].startswith(content_starts)]
    assert len(found) == 1, [s["content"]["text"] for s in rec["statements"]]
    (st,) = found
    span = st["date_span"]
    return st["date"], st["date_basis"], text[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("text", "starts", "date", "basis"),
    [
        # a day hung from the cue
        (
            "Maria Lopez said Friday that the bridge would reopen in May.",
            "that the bridge",
            "2025-08-22",
            "timex",
        ),
        (
            "Maria Lopez told reporters on Thursday that the bridge would reopen.",
            "that the bridge",
            "2025-08-21",
            "timex",
        ),
        # ... or from the occasion of saying
        (
            "At a press conference on Wednesday, Maria Lopez said that the bridge would reopen.",
            "that the bridge",
            "2025-08-20",
            "timex",
        ),
        # a day hung from another verb of the cue's clause
        (
            "Maria Lopez announced the closure on Monday, warning that the bridge was unsafe.",
            "that the bridge",
            "2025-08-18",
            "timex",
        ),
        (
            "Speaking in Glasgow on Monday, Maria Lopez warned that the bridge was unsafe.",
            "that the bridge",
            "2025-08-18",
            "timex",
        ),
        (
            "Tom Baker said that the bridge was safe, "
            "but Maria Lopez insisted on Tuesday that it was not.",
            "that the bridge",
            None,
            None,
        ),
        # a day that modifies a noun does not date the saying
        (
            "Maria Lopez criticized his Tuesday comments, saying that they were reckless.",
            "that they were reckless",
            None,
            None,
        ),
        # a day inside the content is what was said, not when
        ("Maria Lopez said that the council had met on Monday.", "that the council", None, None),
        # a vaguer time leaves it undated
        ("Maria Lopez said this week that the bridge would reopen.", "that the bridge", None, None),
        # habitual and undated reports
        (
            "Maria Lopez has repeatedly said that the bridge is unsafe.",
            "that the bridge",
            None,
            None,
        ),
        (
            "Tom Baker has previously indicated that he would resign.",
            "that he would resign",
            None,
            None,
        ),
        ("Earlier, Maria Lopez said that the bridge was unsafe.", "that the bridge", None, None),
        (
            "The council met on Monday. "
            "Days after the vote, Maria Lopez said that the plan had failed.",
            "that the plan",
            None,
            None,
        ),
        # no day anywhere: the publication day is not assumed
        ("Maria Lopez said that the bridge was unsafe.", "that the bridge", None, None),
    ],
)
def test_own_sentence(text: str, starts: str, date: str | None, basis: str | None) -> None:
    assert dating(text, starts)[:2] == (date, basis)


@pytest.mark.parametrize(
    ("text", "starts", "date", "basis", "set_by"),
    [
        # the speaker's day carries on to what they say next
        (
            "Maria Lopez said on Tuesday that the bridge would reopen in May. "
            "She added that the budget would be cut by half.",
            "that the budget",
            "2025-08-19",
            "context",
            "Tuesday",
        ),
        (
            "Maria Lopez told reporters on Tuesday that the bridge would reopen. "
            "Tom Baker, the treasurer, disagreed with the plan. "
            "“We will find the money,” Lopez said.",
            "“We will find the money",
            "2025-08-19",
            "context",
            "Tuesday",
        ),
        # the scene the narration sets, where no one else has spoken since
        (
            "The mayor held a press conference on Wednesday. "
            "Maria Lopez said that the bridge would reopen in May.",
            "that the bridge",
            "2025-08-20",
            "context",
            "Wednesday",
        ),
        # a quote's "previously" does not open a new scene
        (
            "Maria Lopez said on Tuesday that the bridge would reopen. "
            "“The plan was previously rejected twice,” she added.",
            "“The plan was",
            "2025-08-19",
            "context",
            "Tuesday",
        ),
        # a wire dateline sets the day of the story below it
        (
            "HARBORTOWN, Aug. 21 (Wire) - Maria Lopez said that the bridge would reopen in May.",
            "that the bridge",
            "2025-08-21",
            "context",
            "Aug. 21",
        ),
        # the story's first report takes the day's news its lede goes on to set
        (
            "Maria Lopez said that the bridge would reopen in May.\n\n"
            "Speaking to reporters on Thursday, Tom Baker said the money was there.",
            "that the bridge",
            "2025-08-21",
            "context",
            "Thursday",
        ),
        # the spokesman of a body goes on with the day the body spoke
        (
            "(Wire) The Ruritanian Foreign Ministry announced Monday that it had no plan to "
            "resume talks.\n\n"
            "Foreign Ministry spokesman Tomas Berg delivered the update at a weekly briefing.\n\n"
            "“For now, we have no plan,” he stated.",
            "“For now",
            "2025-08-18",
            "context",
            "Monday",
        ),
        # "today" in the speaker's own words is the day of speaking
        (
            "“Today we start again,” Maria Lopez said.",
            "“Today we start",
            "2025-08-22",
            "context",
            "Today",
        ),
    ],
)
def test_inherited_from_context(text: str, starts: str, date: str, basis: str, set_by: str) -> None:
    assert dating(text, starts) == (date, basis, set_by)


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # a change of speaker the text marks stops inheritance
        (
            "Maria Lopez said on Tuesday that the bridge would reopen in May. "
            "Meanwhile, Tom Baker said that the budget was too small.",
            "that the budget",
        ),
        # ... and so does a change of scene the text announces
        (
            "Maria Lopez said on Tuesday that the bridge would reopen in May. "
            "In a separate interview, she said that the budget was too small.",
            "that the budget",
        ),
        # ... and an earlier act told in the pluperfect
        (
            "Maria Lopez said on Tuesday that the bridge would reopen in May. "
            "Tom Baker had warned that the budget was too small.",
            "that the budget",
        ),
        # ... and a story's first report is not dated by an older day below it
        (
            "Maria Lopez said that the bridge would reopen in May.\n\n"
            "Speaking to reporters on Monday, Tom Baker said the money was there.",
            "that the bridge",
        ),
        # ... and a report in the present: what a source says now
        (
            "Maria Lopez said on Tuesday that the bridge would reopen in May. "
            "The Harbor Gazette reports that the budget was too small.",
            "that the budget",
        ),
        # ... and hearsay in the passive: no one's dated act
        (
            "Maria Lopez said on Tuesday that the bridge would reopen in May. "
            "A city report was said to have concluded that the budget was too small.",
            "to have concluded",
        ),
        # ... and an undated report stays undated after a dated one
        (
            "Maria Lopez said on Tuesday that the bridge would reopen in May. "
            "She has repeatedly said that the budget was too small.",
            "that the budget",
        ),
    ],
)
def test_inheritance_stops(text: str, starts: str) -> None:
    assert dating(text, starts) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "date", "basis"),
    [
        # a headline takes the day its lede sets ...
        (
            "Lopez Says Bridge Will Reopen in May\n\n"
            "Maria Lopez said on Tuesday that the bridge would reopen in May.",
            "2025-08-19",
            "context",
        ),
        # ... else the day the story was published
        (
            "Lopez Says Bridge Will Reopen in May\n\n"
            "Maria Lopez said that the bridge would reopen in May.",
            "2025-08-22",
            "published",
        ),
    ],
)
def test_headline(text: str, date: str, basis: str) -> None:
    assert dating(text, "Bridge Will Reopen")[:2] == (date, basis)


def test_a_view_reported_inside_another_statement_is_undated() -> None:
    # Lopez spoke on Monday, but her view is reported inside Ortiz's claim of
    # Friday: it was held on no day the text gives
    text = (
        "Maria Lopez said on Monday that the bridge would reopen.\n\n"
        "Juan Ortiz said Friday that the two councils were aligned on some points. "
        "Ortiz also claimed the councils agreed on several issues, including Lopez's "
        "opposition to the toll and her view that the tunnel should be ready to close."
    )
    assert dating(text, "that the tunnel") == (None, None, None)
    assert dating(text, "the councils agreed")[:2] == ("2025-08-22", "context")
