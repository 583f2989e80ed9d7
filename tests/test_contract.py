"""The contract's JSON is made from the records and read back into them
without loss; the stages hand each other typed records."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from spacy.language import Language

from onrecord.contract import (
    ENTITY_KEYS,
    STATEMENT_KEYS,
    TIMEX_KEYS,
    from_json,
    to_json,
    validate_analysis,
)
from onrecord.inputs import read_inputs
from onrecord.pipeline import Options, analyze_article, analyze_doc, analyze_text
from onrecord.records import Analysis, Article, Statement

from .helpers import SEED

FRIDAY = dt.date(2025, 8, 22)

#: Made-up texts that reach the contract's optional parts: a timex ``mod``
#: ("early last week"), a deadline, a condition, "according to", a pronoun
#: speaker, a quotation that continues another, and no publication date
#: (statements without a date).
WITH_DATE = (
    "“We will not meet Putin unless the guns fall silent,” Ukrainian President Volodymyr "
    "Zelensky said on Thursday. He said a deal must be signed within two weeks.\n\n"
    "According to U.S. officials, Donald Trump and Vladimir Putin met in Alaska early last week."
)
WITHOUT_DATE = (
    "Foreign Minister Ana Ruiz said talks with Morocco could resume by the end of the month, "
    "provided the ceasefire holds. “There will be no summit,” she said.\n\n"
    "“Our door remains open to every serious proposal.”"
)


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    (article,) = list(read_inputs([str(SEED)]))
    assert isinstance(article, Article)
    return analyze_article(article)


@pytest.fixture(scope="module")
def made_up() -> list[dict[str, Any]]:
    return [
        analyze_text(WITH_DATE, FRIDAY, id="a", title="A", url="https://example.org/a"),
        analyze_text(WITHOUT_DATE, id="b"),
    ]


def _round_trip(record: dict[str, Any]) -> None:
    validate_analysis(record)
    analysis = from_json(record)
    assert isinstance(analysis, Analysis)
    again = to_json(analysis)
    assert again == record
    # the same bytes: ``json.dumps`` writes keys in insertion order
    assert json.dumps(again, ensure_ascii=False) == json.dumps(record, ensure_ascii=False)


def test_seed_round_trips(seed: dict[str, Any]) -> None:
    assert seed["statements"] and seed["events"] and seed["event_mentions"]
    _round_trip(seed)


def test_made_up_texts_round_trip(made_up: list[dict[str, Any]]) -> None:
    with_date, without_date = made_up
    # the parts these texts are here for
    assert any("mod" in t for t in with_date["timexes"])
    assert any(s["deadline"] for s in with_date["statements"])
    assert any(s["date_basis"] == "timex" for s in with_date["statements"])
    assert without_date["published"] is None
    assert all(s["date"] is None for s in without_date["statements"])
    assert any(st["condition"] for e in without_date["events"] for st in e["statuses"])
    assert any(s["continues"] for s in without_date["statements"])
    for record in made_up:
        _round_trip(record)


def test_keys_are_written_in_the_declared_order(made_up: list[dict[str, Any]]) -> None:
    # the Parquet tables of ``onrecord batch`` take their columns from these
    record = made_up[0]
    assert all(list(s) == list(STATEMENT_KEYS) for s in record["statements"])
    assert all(list(e) == list(ENTITY_KEYS) for e in record["entities"])
    for t in record["timexes"]:
        assert list(t) == [k for k in TIMEX_KEYS if k != "mod" or "mod" in t]


def test_read_back_records_are_typed(made_up: list[dict[str, Any]]) -> None:
    analysis = from_json(made_up[0])
    assert analysis.published == FRIDAY
    first = analysis.statements[0]
    assert first.speaker.name == "Volodymyr Zelensky"
    assert first.cue is not None and first.cue.text == "said"
    assert first.cue_token is None  # JSON has no tokens
    deadline = next(s.deadline for s in analysis.statements if s.deadline)
    # "He said" takes Thursday from the sentence before: due two weeks after it
    assert (deadline.duration, deadline.due) == ("P2W", "2025-09-04")


def test_analyze_doc_returns_statement_records(nlp: Language) -> None:
    article = Article("a", WITH_DATE, FRIDAY)
    doc = nlp(WITH_DATE)
    analysis = analyze_doc(article, doc, Options.default())
    assert isinstance(analysis, Analysis)
    assert all(isinstance(s, Statement) for s in analysis.statements)
    first = analysis.statements[0]
    assert first.speaker.name == "Volodymyr Zelensky"
    assert first.content.text == "“We will not meet Putin unless the guns fall silent,”"
    assert first.date == "2025-08-21" and first.date_basis == "timex"
    # the cue's token comes from the parse, so later stages need not look for it
    assert first.cue is not None and first.cue_token is not None
    assert doc[first.cue_token].text == first.cue.text == "said"
    assert to_json(analysis) == analyze_text(WITH_DATE, FRIDAY, id="a")
