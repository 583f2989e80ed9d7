"""Opposed claims across sources and over time (issue 13): the words that
oppose, and the contradictions the store lists, on made-up texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.claims.listing import contradictions
from onrecord.claims.opposition import terms
from onrecord.cli import cli
from onrecord.store import open_store


@pytest.mark.parametrize(
    ("a", "b", "term"),
    [
        ("Iran and Israel have agreed to a complete ceasefire.",
         "There is no agreement on any ceasefire.", "agree"),
        ("The strikes totally obliterated the nuclear sites.",
         "The strikes did nothing significant to the nuclear sites.", "damage"),
        ("The talks on Saturday will be direct.", "The talks were held indirectly.", "direct"),
        ("We are going to talk to them next week.", "I'm not talking to them.", "talk"),
        ("Enrichment will continue.", "We cannot allow enrichment.", "continue"),
    ],
)  # fmt: skip
def test_opposed_terms(a: str, b: str, term: str) -> None:
    assert term in terms(a).opposed(terms(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a hedge is no denial
        ("A meeting of the leaders is possible.", "The Kremlin does not rule out a meeting."),
        # what a condition negates is not the claim
        ("The two sides agreed on a truce.", "Sanctions follow if Iran does not agree."),
        # both ways at once
        ("Enrichment will continue with or without a deal.", "A deal was agreed."),
        # a negation reaches the word it governs, not the whole clause
        ("Iran must not obtain a nuclear weapon.", "Iran has a nuclear programme."),
        # a negated stop is a going on
        ("Enrichment is not something that can be stopped.", "Enrichment will continue."),
    ],
)
def test_not_opposed(a: str, b: str) -> None:
    assert not terms(a).opposed(terms(b))


def _ingest(tmp_path: Path, articles: list[dict[str, str]]) -> Path:
    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = tmp_path / "claims.db"
    result = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_a_claim_and_its_denial_across_outlets(tmp_path: Path) -> None:
    db = _ingest(
        tmp_path,
        [
            {"id": "wire-1", "published": "2025-06-24", "url": "https://wire.example/1",
             "text": "Tom Baker said on Tuesday that Ruritania and Freedonia had agreed to a "
                     "complete ceasefire."},
            {"id": "post-1", "published": "2025-06-24", "url": "https://post.example/1",
             "text": "Tom Baker said on Tuesday that Ruritania and Freedonia agreed to a full "
                     "ceasefire."},
            {"id": "daily-1", "published": "2025-06-24", "url": "https://daily.example/1",
             "text": "Ivan Petrov said on Tuesday that there was no agreement on any ceasefire "
                     "between Ruritania and Freedonia."},
        ],
    )  # fmt: skip
    with open_store(str(db)) as store:
        items = contradictions(store, min_confidence=0.0, kind="claim")
    (item,) = [
        c for c in items if {c["a"]["source"], c["b"]["source"]} == {"Tom Baker", "Ivan Petrov"}
    ]
    assert item["relation"] == "across sources"
    assert "agree" in item["why"]
    # one item for the pair of sources, resting on both outlets' reports
    assert len(item["pairs"]) == 2
    assert {item["a"]["url"], item["b"]["url"]} & {"https://daily.example/1"}


def test_a_source_reversing_itself(tmp_path: Path) -> None:
    db = _ingest(
        tmp_path,
        [
            {"id": "a-1", "published": "2025-06-25",
             "text": "Tom Baker said on Wednesday: “We are going to talk to Ruritania next "
                     "week about the nuclear programme.”"},
            {"id": "b-1", "published": "2025-06-30",
             "text": "Tom Baker said on Monday: “I'm not talking to Ruritania about the "
                     "nuclear programme.”"},
        ],
    )  # fmt: skip
    with open_store(str(db)) as store:
        items = contradictions(store, min_confidence=0.0, kind="claim")
    (item,) = items
    assert item["relation"] == "stance change"
    assert item["a"]["asserted"] < item["b"]["asserted"]


def test_one_source_on_one_day_is_no_reversal(tmp_path: Path) -> None:
    db = _ingest(
        tmp_path,
        [
            {"id": "a-1", "published": "2025-06-25",
             "text": "Tom Baker said on Wednesday: “We are going to talk to Ruritania.”"},
            {"id": "b-1", "published": "2025-06-25",
             "text": "Tom Baker said on Wednesday: “I'm not talking to Ruritania now.”"},
        ],
    )  # fmt: skip
    with open_store(str(db)) as store:
        assert contradictions(store, min_confidence=0.0, kind="claim") == []


def test_a_deadline_knows_what_became_of_it(tmp_path: Path) -> None:
    """A later statement on the same matter that reports the deadline expired
    or extended is the deadline's status over time."""
    db = _ingest(
        tmp_path,
        [
            {"id": "a-1", "published": "2025-06-02",
             "text": "Tom Baker said on Monday that Ruritania must sign the border treaty "
                     "within two weeks."},
            {"id": "b-1", "published": "2025-06-20",
             "text": "Ivan Petrov said on Friday that the deadline for Ruritania to sign the "
                     "border treaty had been extended by a month."},
            {"id": "c-1", "published": "2025-06-21",
             "text": "Anna Novak said on Saturday that the weather on the border was fine."},
        ],
    )  # fmt: skip
    with open_store(str(db)) as store:
        from onrecord.claims.listing import deadlines

        (d,) = deadlines(store)
    assert d["text"] == "two weeks" and d["due"] == "2025-06-16"
    assert d["outcome"] == "extended"
    (h,) = d["history"]
    assert h["speaker"] == "Ivan Petrov" and h["date"] == "2025-06-20"
    result = CliRunner().invoke(cli, ["deadlines", "--db", str(db)], env={"COLUMNS": "80"})
    assert result.exit_code == 0 and "extended" in result.output


def test_a_shorter_excerpt_of_a_quote_is_no_variant() -> None:
    from onrecord.claims.utterances import variants

    reports = [
        {"id": 1, "article": "a", "content": 'that the strikes "did nothing significant" to it'},
        {"id": 2, "article": "b", "content": 'the strikes did "nothing significant" to the sites'},
        {"id": 3, "article": "c", "content": 'the strikes "did nothing important" there'},
    ]
    found = variants(reports)
    # 1 and 2 quote the same words (2 fewer of them): only 3 changed the wording
    assert {frozenset((v["a"]["article"], v["b"]["article"])) for v in found} == {
        frozenset(("a", "c")),
    }
