"""The article that defines the mission: every statement, speaker and date."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.contract import validate_analysis
from onrecord.inputs import read_inputs
from onrecord.pipeline import analyze_article
from onrecord.records import Article

from .helpers import SEED


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    (article,) = list(read_inputs([str(SEED)]))
    assert isinstance(article, Article)
    return analyze_article(article)


def by_speaker(rec: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [s for s in rec["statements"] if s["speaker"]["name"] == name]


def has_cue(st: dict[str, Any], verb: str) -> bool:
    """Whether ``verb`` is a word of the statement's cue (cues keep their
    auxiliaries and adverbs, as PolNeAR marks them: "has previously indicated")."""
    return bool(st["cue"]) and verb in st["cue"]["text"].rstrip(":").split()


def quote_texts(rec: dict[str, Any], statements: list[dict[str, Any]]) -> list[str]:
    return [rec["text"][a:b].strip('“”"') for s in statements for a, b in s["quotes"]]


def test_metadata(seed: dict[str, Any]) -> None:
    assert seed["title"] == "Lavrov Says 'No Meeting Planned' Between Putin and Zelensky"
    assert seed["published"] == "2025-08-22"
    assert seed["url"].startswith("https://www.themoscowtimes.com/2025/08/22/")


def test_output_fits_published_schema(seed: dict[str, Any]) -> None:
    validate_analysis(seed)


def test_lavrov_direct_quotes(seed: dict[str, Any]) -> None:
    lavrov = [s for s in by_speaker(seed, "Sergei Lavrov") if s["kind"] == "direct"]
    quotes = quote_texts(seed, lavrov)
    assert len(quotes) == 5
    assert quotes[1] == "There is no meeting planned."
    assert quotes[-1] == "How can we meet with a person who is pretending to be a leader?"
    assert any(q.startswith("President Putin said clearly") for q in quotes)
    assert any(q.startswith("President Trump suggested after Anchorage") for q in quotes)
    assert any(q.startswith("Zelensky said no to everything") for q in quotes)
    # two of the five are continuations with no cue of their own: they share
    # the statement (and cue) of the quote before them
    assert sum(len(s["quotes"]) - 1 for s in lavrov) == 2


def test_trump_direct_quote(seed: dict[str, Any]) -> None:
    trump = [s for s in by_speaker(seed, "Donald Trump") if s["kind"] == "direct"]
    assert quote_texts(seed, trump) == ["After that, we’ll have to maybe take a different tack,"]
    assert seed["text"][slice(*trump[0]["speaker"]["span"])] == "he"


def test_scare_quote_is_not_a_statement(seed: dict[str, Any]) -> None:
    for s in seed["statements"]:
        assert seed["text"][s["content"]["spans"][0][0] :].startswith("“Coalition") is False


@pytest.mark.parametrize(
    ("speaker", "cue", "starts", "date"),
    [
        ("Sergei Lavrov", "said", "that there are no current plans", "2025-08-22"),
        # "after hosting … on Monday": a day on another verb of the sentence
        ("Donald Trump", "announced", "that preparations were apparently underway", "2025-08-18"),
        # "has previously indicated": undated, not the publication day
        ("Vladimir Putin", "indicated", "he would only meet Zelensky", None),
        ("Sergei Lavrov", "claimed", "the White House and Kremlin were aligned", "2025-08-22"),
        ("Volodymyr Zelensky", "said", "he wanted more clarity", "2025-08-21"),
        ("Sergei Lavrov", "insisted", "that Moscow must have an effective veto", "2025-08-22"),
        ("Donald Trump", "told", "that he would know “within two weeks”", "2025-08-21"),
    ],
)
def test_indirect_statements(
    seed: dict[str, Any], speaker: str, cue: str, starts: str, date: str | None
) -> None:
    found = [
        s
        for s in by_speaker(seed, speaker)
        if has_cue(s, cue) and s["content"]["text"].startswith(starts)
    ]
    assert len(found) == 1, [s["content"]["text"] for s in by_speaker(seed, speaker)]
    assert found[0]["date"] == date


def test_statement_dated_by_said_friday(seed: dict[str, Any]) -> None:
    (st,) = [s for s in seed["statements"] if s["content"]["text"].startswith("that there are no")]
    assert st["date_basis"] == "timex"
    assert seed["text"][slice(*st["date_span"])] == "Friday"


@pytest.mark.parametrize(
    ("speaker", "cue", "starts", "date", "basis", "set_by"),
    [
        # the announcement "after hosting … at the White House on Monday"
        ("Donald Trump", "announced", "that preparations", "2025-08-18", "timex", "Monday"),
        # the quote after "told … Todd Starnes on Thursday": the same interview
        ("Donald Trump", "said", "“After that", "2025-08-21", "context", "Thursday"),
        # Lavrov's quotes and claims after "said Friday"
        (
            "Sergei Lavrov",
            "claimed",
            "the White House and Kremlin",
            "2025-08-22",
            "context",
            "Friday",
        ),
        # habitual reports are undated, not dated by the publication day
        ("Vladimir Putin", "indicated", "he would only meet", None, None, None),
        # a view reported inside Lavrov's claim: not dated by Lavrov's day or Trump's Monday
        ("Donald Trump", "view", "that Kyiv should be ready", None, None, None),
        ("Donald Trump", "said", "Ukraine should not be admitted", None, None, None),
    ],
)
def test_statement_dates(
    seed: dict[str, Any],
    speaker: str,
    cue: str,
    starts: str,
    date: str | None,
    basis: str | None,
    set_by: str | None,
) -> None:
    (st,) = [
        s
        for s in by_speaker(seed, speaker)
        if has_cue(s, cue) and s["content"]["text"].startswith(starts)
    ]
    assert (st["date"], st["date_basis"]) == (date, basis)
    span = st["date_span"]
    assert (seed["text"][slice(*span)] if span else None) == set_by


def test_deadline_within_two_weeks(seed: dict[str, Any]) -> None:
    (st,) = [s for s in seed["statements"] if s.get("deadline")]
    assert st["speaker"]["name"] == "Donald Trump"
    assert st["deadline"]["duration"] == "P2W"
    assert st["deadline"]["due"] == "2025-09-04"  # said Thursday 2025-08-21 + two weeks


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Friday", "2025-08-22"),
        ("Monday", "2025-08-18"),
        ("Thursday", "2025-08-21"),
        ("this week", "2025-W34"),
        ("two weeks", "P2W"),
    ],
)
def test_timexes(seed: dict[str, Any], text: str, value: str) -> None:
    values = {t["value"] for t in seed["timexes"] if t["text"] == text}
    assert value in values


def test_entities_canonical(seed: dict[str, Any]) -> None:
    names = {e["name"]: e for e in seed["entities"]}
    for person in ("Sergei Lavrov", "Vladimir Putin", "Volodymyr Zelensky", "Donald Trump"):
        assert names[person]["type"] == "PERSON"
    # "Lavrov" alone (even where the tagger calls it something else) is Sergei Lavrov
    lavrov = names["Sergei Lavrov"]
    assert len(lavrov["mentions"]) >= 6
    assert "Lavrov" not in names
    for a, b in lavrov["mentions"]:
        assert "Lavrov" in seed["text"][a:b] or seed["text"][a:b].lower() in ("he", "his")


def test_nested_view_is_the_inner_speakers(seed: dict[str, Any]) -> None:
    # "Lavrov claimed … Trump's opposition … and his view that …": the view is Trump's
    (view,) = [s for s in seed["statements"] if has_cue(s, "view")]
    assert view["speaker"]["name"] == "Donald Trump"
    assert view["speaker"]["text"] == "his"


@pytest.mark.parametrize("cue", ["appeared", "refused", "harden", "agree"])
def test_analysis_and_hypotheticals_are_not_statements(seed: dict[str, Any], cue: str) -> None:
    # the journalist's reading ("… appeared to harden that stance") and a
    # hypothetical ("if it refused to agree") report nobody's words
    assert not [s for s in seed["statements"] if has_cue(s, cue)]


def test_every_speaker_is_a_person_of_the_story(seed: dict[str, Any]) -> None:
    people = {"Sergei Lavrov", "Vladimir Putin", "Volodymyr Zelensky", "Donald Trump"}
    assert {s["speaker"]["name"] for s in seed["statements"]} <= people
