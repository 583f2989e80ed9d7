"""Events: types, participants, per-source statuses; the seed's events; the
store's event groups, contradictions, deadlines and PLOVER export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from spacy.language import Language

from onrecord.cli import cli
from onrecord.inputs import read_inputs
from onrecord.pipeline import Options, analyze_article, analyze_doc
from onrecord.records import Article

from .helpers import SEED

FRIDAY = dt.date(2025, 8, 22)


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    (article,) = list(read_inputs([str(SEED)]))
    assert isinstance(article, Article)
    return analyze_article(article)


def find(rec: dict[str, Any], etype: str, *names: str) -> dict[str, Any]:
    found = [
        e
        for e in rec["events"]
        if e["type"] == etype and all(n in e["participant_names"] for n in names)
    ]
    assert found, [(e["type"], e["participant_names"]) for e in rec["events"]]
    return found[0]


def statuses(ev: dict[str, Any]) -> set[tuple[str, str]]:
    return {(s["source"]["name"], s["status"]) for s in ev["statuses"]}


def test_putin_zelensky_meeting_per_source(seed: dict[str, Any]) -> None:
    ev = find(seed, "meeting", "Vladimir Putin", "Volodymyr Zelensky")
    assert set(ev["participant_names"]) == {"Vladimir Putin", "Volodymyr Zelensky"}
    got = statuses(ev)
    assert ("Donald Trump", "planned") in got
    assert ("Sergei Lavrov", "denied") in got
    assert ("Vladimir Putin", "conditional") in got
    conditions = [s["condition"]["text"] for s in ev["statuses"] if s["condition"]]
    assert any(c.startswith("a deal to end the war") for c in conditions)
    # "a face-to-face meeting between the Ukrainian and Russian leaders", "a
    # Putin-Zelensky meeting" and "such talks" are this one event
    text = seed["text"]
    mentions = {text[a:b] for a, b in ev["mentions"]}
    assert {"meeting", "talks"} <= mentions
    assert ev["plover"] == {"type": "REJECT", "mode": "meet"}
    # every status points at words of the article
    for s in ev["statuses"]:
        a, b = s["evidence"]
        assert text[s["trigger"][0] : s["trigger"][1]] in text[a:b]


def test_trilateral_summit_is_another_event_and_proposed(seed: dict[str, Any]) -> None:
    ev = next(e for e in seed["events"] if "trilateral" in e["qualifiers"])
    assert ("Donald Trump", "proposed") in statuses(ev)
    assert "Donald Trump" in ev["participant_names"]


def test_white_house_meeting_held_monday(seed: dict[str, Any]) -> None:
    ev = find(seed, "meeting", "Donald Trump", "Volodymyr Zelensky")
    assert ev["place_name"] == "White House"
    assert ev["date"] == "2025-08-18"
    assert {s["status"] for s in ev["statuses"]} == {"held"}


def test_alaska_summit_held(seed: dict[str, Any]) -> None:
    ev = next(e for e in seed["events"] if e["place_name"] == "Alaska")
    assert ev["type"] == "meeting"
    assert {"Russia", "U.S."} <= set(ev["participant_names"])
    assert {s["status"] for s in ev["statuses"]} == {"held"}


@pytest.mark.parametrize(
    ("who", "date"), [(("Sergei Lavrov", "NBC"), "2025-08-22"), (("Todd Starnes",), "2025-08-21")]
)
def test_interviews(seed: dict[str, Any], who: tuple[str, ...], date: str) -> None:
    ev = find(seed, "interview", *who)
    assert ev["date"] == date
    assert ev["plover"]["type"] == "CONSULT"


def test_tariff_threat_and_veto_demand(seed: dict[str, Any]) -> None:
    threat = find(seed, "threat", "Donald Trump")
    assert threat["plover"]["type"] == "THREATEN"
    (st,) = threat["statuses"]
    assert st["condition"]["text"].startswith("it refused to agree")
    text = seed["text"]
    assert "secondary tariffs" in text[st["evidence"][0] : st["evidence"][1]]
    demand = next(e for e in seed["events"] if e["type"] == "demand")
    assert ("Sergei Lavrov", "held") in statuses(demand)
    assert "veto" in {text[a:b] for a, b in demand["mentions"]}


PREAMBLE = (
    "Russian President Vladimir Putin and Ukrainian President Volodymyr Zelensky have not met "
    "since the war began. "
)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("There is no meeting planned between Putin and Zelensky, the Kremlin said.", "denied"),
        ("The Kremlin ruled out a meeting between Putin and Zelensky.", "denied"),
        ("Putin would only meet Zelensky if a peace deal was agreed first.", "conditional"),
        ("Putin and Zelensky met in Istanbul on Monday.", "held"),
        ("Putin and Zelensky will meet in Istanbul next week.", "planned"),
        ("Turkey proposed a summit between Putin and Zelensky.", "proposed"),
        ("The summit between Putin and Zelensky was cancelled.", "cancelled"),
        ("The talks between Putin and Zelensky were postponed.", "postponed"),
    ],
)
def test_status_negation_modality_tense(nlp: Language, sentence: str, status: str) -> None:
    text = PREAMBLE + sentence
    rec = analyze_doc(Article("t", text, FRIDAY), nlp(text), Options.default())
    start = len(PREAMBLE)
    meetings = [
        e for e in rec.events if e.type == "meeting" and any(a >= start for a, _ in e.mentions)
    ]
    assert meetings, rec.events
    got = {s.status for e in meetings for s in e.statuses if s.trigger[0] >= start}
    assert status in got
    assert {"Vladimir Putin", "Volodymyr Zelensky"} <= set(meetings[0].participant_names)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("events") / "ev.db"
    code, _, err = run("ingest", str(SEED), "--db", str(db))
    assert code == 0, err
    return db


def test_contradiction_across_sources(store: Path) -> None:
    code, out, _ = run("contradictions", "--json", "--db", str(store))
    assert code == 0
    pairs = json.loads(out)
    found = [
        c
        for c in pairs
        if {c["a"]["source"], c["b"]["source"]} == {"Sergei Lavrov", "Donald Trump"}
    ]
    assert found and (found[0]["kind"], found[0]["relation"]) == ("status", "across sources")
    c = found[0]
    # one item per event and pair of sources, and it says why
    assert len(found) == len({c["event"] for c in found})
    assert "Sergei Lavrov" in c["why"] and "Donald Trump" in c["why"]
    by = {c["a"]["source"]: c["a"], c["b"]["source"]: c["b"]}
    assert by["Sergei Lavrov"]["status"] == "denied"
    assert by["Donald Trump"]["status"] == "planned"
    assert "no current plans" in by["Sergei Lavrov"]["statement"]
    assert "preparations were apparently underway" in by["Donald Trump"]["statement"]
    assert by["Donald Trump"]["url"].startswith("https://www.themoscowtimes.com/")


def test_events_are_one_group_across_articles(store: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(
        "Zelensky Open To Talks\n\nAugust 25, 2025\n\n"
        "Ukrainian President Volodymyr Zelensky said Monday he was ready to meet "
        "Russian President Vladimir Putin, but the Kremlin has ruled out a meeting between "
        "Putin and Zelensky for now.\n",
        encoding="utf-8",
    )
    run("ingest", str(other), "--db", str(store))
    after = json.loads(run("events", "--json", "--db", str(store))[1])
    pz = [e for e in after if set(e["participants"]) == {"Vladimir Putin", "Volodymyr Zelensky"}]
    # the new article's Putin–Zelensky meeting joined the known event
    assert len(pz) == 1 and pz[0]["articles"] == 2
    sources = {(s["source"], s["status"]) for s in pz[0]["statuses"]}
    assert ("Volodymyr Zelensky", "proposed") in sources


@pytest.mark.parametrize(("as_of", "state"), [("2025-08-25", "open"), ("2025-09-04", "due"),
                                              ("2025-09-30", "overdue")])  # fmt: skip
def test_deadlines(store: Path, as_of: str, state: str) -> None:
    code, out, _ = run("deadlines", "--as-of", as_of, "--json", "--db", str(store))
    assert code == 0
    (d,) = json.loads(out)
    assert d["speaker"] == "Donald Trump" and d["due"] == "2025-09-04" and d["status"] == state
    assert "within two weeks" in d["statement"]


def test_plover_export(store: Path) -> None:
    code, out, _ = run("export-events", "--db", str(store))
    assert code == 0
    records = [json.loads(x) for x in out.splitlines()]
    denied = [
        r for r in records if r["status"] == "denied" and r["source_actor"] == "Sergei Lavrov"
    ]
    assert denied and denied[0]["event_type"] == "REJECT" and denied[0]["mode"] == "meet"
    assert denied[0]["actor1"] == "Sergei Lavrov"
    assert {r["event_type"] for r in records} >= {"CONSULT", "THREATEN", "DEMAND"}


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Trump said Ukraine must agree by the end of the month.", "2025-08-31"),
        ("The minister said the deal must be signed by September 15.", "2025-09-15"),
        ("Trump told reporters on Thursday that he would decide within two weeks.", "2025-09-04"),
        # said on no day the text gives: the deadline is found, its due day is not known
        ("The senator said the vote would happen in the next 10 days.", None),
        # a duration naming a process with a limit
        ("The minister said on Thursday that it opens a 30-day period for talks.", "2025-09-20"),
        # a time of day after "no later than": due the day of that hour (the next 4 am)
        ("Trump said on Thursday that the truce starts no later than 4 am.", "2025-08-22"),
        # a bare "in" in a clause about the future
        ("Trump said on Thursday that he will decide in two weeks.", "2025-09-04"),
        # a limit set earlier is counted from when it was set
        ("Trump said on Thursday: “Two months ago I gave them a 60 day ultimatum.”", "2025-08-20"),
    ],
)
def test_deadlines_from_durations_and_dates(nlp: Language, sentence: str, due: str | None) -> None:
    rec = analyze_doc(Article("t", sentence, FRIDAY), nlp(sentence), Options.default())
    deadlines = [s.deadline for s in rec.statements if s.deadline]
    assert deadlines and deadlines[0].due == due


@pytest.mark.parametrize(
    "sentence",
    [
        "The senator said the hearing was the second he was called to in the past two weeks.",
        "Tom Baker said Scott has never faced a competitive race in 24 years in Congress.",
        "She wrote that poverty has doubled in the past three decades.",
        "The minister said prices had risen in recent months.",
        "The minister said the offer was made two weeks ago.",
        # a forecast is no limit anyone set
        "Grossi said the country could restart enrichment within months.",
    ],
)
def test_a_duration_looking_back_is_no_deadline(nlp: Language, sentence: str) -> None:
    rec = analyze_doc(Article("t", sentence, FRIDAY), nlp(sentence), Options.default())
    assert rec.statements, sentence
    assert not [s.deadline for s in rec.statements if s.deadline]


def test_a_date_deadline_is_its_next_occurrence(nlp: Language) -> None:
    """ "by the end of March" said in October is next March, not last."""
    text = "The prime minister said on Sunday that Britain would leave by the end of March."
    october = dt.date(2016, 10, 3)  # a Monday
    rec = analyze_doc(Article("t", text, october), nlp(text), Options.default())
    (deadline,) = [s.deadline for s in rec.statements if s.deadline]
    assert deadline.due == "2017-03-31"
    named = "The prime minister said on Sunday that Britain would leave by March 2018."
    rec = analyze_doc(Article("t", named, october), nlp(named), Options.default())
    (deadline,) = [s.deadline for s in rec.statements if s.deadline]
    assert deadline.due == "2018-03-31"  # the year named, not the next March
    # a date that had passed when it was said looks back: no deadline
    past = "The prime minister said on Sunday that the law was passed by March 2016."
    rec = analyze_doc(Article("t", past, october), nlp(past), Options.default())
    assert not [s.deadline for s in rec.statements if s.deadline]


@pytest.mark.parametrize(
    ("sentence", "etype", "status"),
    [
        # a rejected format is a rejected proposal, not a denied event
        (
            "Lavrov said Moscow rejected any alternative format for the negotiations.",
            "meeting",
            "conditional",
        ),
        (
            "Araghchi said there will be no negotiations in any other form.",
            "meeting",
            "conditional",
        ),
        # a consequence of not agreeing is no denial of the meeting
        (
            "Rubio said Russia could face sanctions if Putin does not agree to a meeting.",
            "sanction",
            "conditional",
        ),
        # a hedge leaves the meeting possible
        (
            "Peskov said the Kremlin does not rule out a meeting between Putin and Zelensky.",
            "meeting",
            "proposed",
        ),
        # rejecting a claim about the talks is not denying them
        (
            "Leavitt dismissed Iran's insistence that the discussions would be indirect.",
            "meeting",
            "mentioned",
        ),
        # ... while a plain denial is one
        ("Lavrov said no meeting between Putin and Zelensky is planned.", "meeting", "denied"),
    ],
)
def test_what_is_not_a_denial(nlp: Language, sentence: str, etype: str, status: str) -> None:
    rec = analyze_doc(Article("t", sentence, FRIDAY), nlp(sentence), Options.default())
    found = [s.status for e in rec.events if e.type == etype for s in e.statuses]
    assert found and set(found) == {status}, [(e.type, e.statuses) for e in rec.events]


def test_a_limit_the_narration_states(tmp_path: Path) -> None:
    """Outside any statement, "launched a 30-day process on August 18" is a
    deadline set by the clause's subject, counted from the day it names; the
    store lists it with the statements' deadlines."""
    import onrecord

    text = (
        "The council met on Friday after Ruritania and Freedonia launched a 30-day process "
        "on August 18 to settle the border dispute. Both sides still have eight days to agree."
    )
    rec = onrecord.analyze_text(text, published=FRIDAY)
    found = {d["text"]: d for d in rec["deadlines"]}
    assert found["30-day"]["set_by"] == "Ruritania and Freedonia"
    assert (found["30-day"]["set_on"], found["30-day"]["due"]) == ("2025-08-18", "2025-09-17")
    assert found["eight days"]["due"] == "2025-08-30"
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "n1", "published": "2025-08-22", "text": text}) + "\n")
    db = tmp_path / "n.db"
    code, _, err = run("ingest", str(src), "--db", str(db))
    assert code == 0, err
    code, out, _ = run("deadlines", "--as-of", "2025-09-01", "--json", "--db", str(db))
    listed = {d["text"]: d for d in json.loads(out)}
    assert listed["30-day"]["statement_id"] is None
    assert listed["30-day"]["speaker"] == "Ruritania and Freedonia"
    assert listed["30-day"]["status"] == "open" and listed["eight days"]["status"] == "overdue"
