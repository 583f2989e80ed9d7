"""Positions: stance rules, topic clustering and naming, and the `positions` command.

The real embedding model (loaded once per process by onrecord.positions.embeddings, in
some seconds: the tests using it are marked slow), a real SQLite store built from the
seed and a few PolNeAR dev texts, and a PostgreSQL one (the ``pg`` fixture, conftest.py).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from onrecord.positions.embeddings import embed
from onrecord.positions.stance import aggregate, stance_of
from onrecord.positions.topics import build_topics, cluster, match_topic, phrases, silhouette

from .helpers import DEV_TEXTS, SEED, PgServer, baseline, jsonl_of, query, run

FLOORS = baseline("positions_synthetic")

STANCE_CASES = [
    # denial of the topic's thing: oppose
    ("There is no meeting planned.", "oppose"),
    ("There are no current plans for a meeting between Putin and Zelensky", "oppose"),
    ("Kyiv ruled out any territorial concessions", "oppose"),
    ("Moscow rejects NATO membership for Ukraine", "oppose"),
    ("Ukraine will never join NATO", "oppose"),
    ("I don't think NATO should admit Ukraine", "oppose"),
    ("NATO may be obsolete", "oppose"),
    # terms attached: conditional
    ("He would only meet Zelensky if a deal had already been worked out", "conditional"),
    ("Putin is ready to meet, provided this meeting has an agenda", "conditional"),
    ("There will be no deal unless the guarantees are given", "conditional"),
    ("Zelensky wants security guarantees first", "conditional"),
    ("He won't meet Putin until a ceasefire is in place", "conditional"),
    # support
    ("We support Ukraine's membership in NATO", "support"),
    ("The sanctions must stay in place", "support"),
    ("A meeting between the two leaders is being prepared", "support"),
    ("We are not against the talks", "support"),
    ("He backs the trilateral summit", "support"),
    # another's position named inside the statement is not the speaker's
    ("that Trump's opposition to a ceasefire made the talks pointless", "unclear"),
    ("The talks will continue despite Kyiv's rejection of the plan", "support"),
    # nothing to go on
    ("It was raining in Moscow.", "unclear"),
    ("Reporters asked if the summit would happen", "unclear"),
]


@pytest.mark.parametrize(("text", "expected"), STANCE_CASES)
def test_stance_rules(text: str, expected: str) -> None:
    result = stance_of(text)
    assert result.stance == expected, result
    if expected != "unclear":
        assert result.cue and result.rule


def test_cell_takes_majority_then_most_recent() -> None:
    cell = aggregate([(1, "support", "2025-08-01"), (2, "oppose", "2025-08-03"),
                      (3, "oppose", "2025-08-02"), (4, "unclear", "2025-08-04")])  # fmt: skip
    assert cell.stance == "oppose" and cell.statements == (1, 3, 2, 4)
    assert cell.counts == {"support": 1, "oppose": 2, "unclear": 1}
    tie = aggregate([(5, "support", "2025-08-05"), (6, "conditional", "2025-08-01")])
    assert tie.stance == "support"  # the newer of the tied
    assert aggregate([(7, "unclear", None)]).stance == "unclear"


def test_phrases_stay_in_clauses_and_skip_stop_words() -> None:
    got = phrases("I don't think North Korea's test of NATO membership, sadly, matters")
    assert "north korea" in got and "nato membership" in got and "test of nato" in got
    assert got["nato"] == "NATO"
    assert not any(k.startswith(("don", "i ", "korea's")) for k in got)
    assert "membership sadly" not in got  # not across the comma


NATO = [
    "Ukraine should be allowed to join NATO as soon as possible",
    "NATO membership for Ukraine is not on the table",
    "Kyiv's bid for NATO membership was discussed at the summit",
    "Russia will never accept Ukraine in NATO",
    "the alliance must keep its door open to Ukraine's NATO membership",
    "Ukraine's NATO membership would be a red line for Moscow",
]
TARIFFS = [
    "the new tariffs on Chinese steel will hurt American farmers",
    "tariffs on imported cars raise prices for consumers",
    "secondary tariffs could be imposed on buyers of Russian oil",
    "the tariffs on aluminium imports should be lifted",
    "higher import tariffs would start a trade war",
    "he threatened steep tariffs on countries that buy Russian oil",
]


@pytest.fixture(scope="module")
def synthetic() -> tuple[list[str], np.ndarray]:
    texts = NATO + TARIFFS
    return texts, embed(texts)


@pytest.mark.slow  # loads the embedding model
def test_embeddings_are_unit_vectors(synthetic: tuple[list[str], np.ndarray]) -> None:
    _, vectors = synthetic
    assert vectors.shape == (12, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert embed([]).shape == (0, 384)


@pytest.mark.slow  # loads the embedding model
def test_topics_separate_and_are_named(synthetic: tuple[list[str], np.ndarray]) -> None:
    texts, vectors = synthetic
    labels = cluster(vectors)
    nato, tariffs = set(labels[:6].tolist()), set(labels[6:].tolist())
    assert not nato & tariffs
    # most of each theme lands in one topic
    assert max(np.bincount(labels[:6])) >= 4 and max(np.bincount(labels[6:])) >= 4
    assert silhouette(vectors, labels) >= FLOORS["silhouette"]
    topics, _ = build_topics(texts, vectors, embed_fn=embed)
    by_member = {i: t for t in topics for i in t.members}
    assert "nato" in by_member[1].name.lower()
    assert "tariff" in by_member[6].name.lower()
    (best, sim), *_ = match_topic("Ukraine NATO membership", topics, embed_fn=embed)
    assert best is by_member[1] and sim >= FLOORS["topic_match_similarity"]
    (best, _), *_ = match_topic("trade war", topics, embed_fn=embed)
    assert best is by_member[6]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("positions")
    db = tmp / "positions.db"
    src = jsonl_of(DEV_TEXTS[:3], tmp / "dev.jsonl")
    code, _, err = run("ingest", str(SEED), str(src), "--db", str(db), "--workers", "1")
    assert code == 0, err
    return db


@pytest.mark.slow  # loads the embedding model
def test_positions_json(store: Path) -> None:
    code, out, _ = run("positions", "--json", "--min-size", "2", "--db", str(store))
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"topics", "cells"} and doc["topics"] and doc["cells"]
    assert set(doc["topics"][0]) == {"id", "name", "size"}
    ids = {t["id"] for t in doc["topics"]}
    for c in doc["cells"]:
        assert {"actor", "topic", "stance", "statements"} <= set(c)
        assert c["topic"] in ids and c["statements"]
        assert c["stance"] in {"support", "oppose", "conditional", "unclear"}
    # the vectors are cached: one per statement, and a second run reuses them
    conn = sqlite3.connect(store)
    (n_vec,) = conn.execute("SELECT COUNT(*) FROM statement_vectors").fetchone()
    (n_st,) = conn.execute("SELECT COUNT(*) FROM statements").fetchone()
    assert n_vec == n_st
    code, again, err = run("positions", "--json", "--min-size", "2", "--db", str(store))
    assert code == 0 and "embedded" not in err and json.loads(again) == doc
    # the same cells as rows: one a line, every topic
    code, out, _ = run("positions", "--format", "csv", "--min-size", "2", "--db", str(store))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(doc["cells"])
    names = {t["id"]: t["name"] for t in doc["topics"]}
    assert [(r["actor"], r["topic"], r["stance"], r["statement_ids"]) for r in rows] == [
        (c["actor"], names[c["topic"]], c["stance"], " ".join(map(str, c["statements"])))
        for c in doc["cells"]
    ]


@pytest.mark.slow  # loads the embedding model
def test_positions_topic_has_lavrov_opposing(store: Path) -> None:
    code, out, _ = run("positions", "--topic", "Putin Zelensky meeting", "--json",
                       "--min-size", "2", "--db", str(store))  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    assert 1 <= len(doc["topics"]) <= 3
    lavrov = [c for c in doc["cells"] if c["actor"] == "Sergei Lavrov"]
    assert lavrov and lavrov[0]["stance"] in {"oppose", "conditional"}
    conn = sqlite3.connect(store)
    said = [conn.execute("SELECT content FROM statements WHERE id = ?", (sid,)).fetchone()[0]
            for sid in lavrov[0]["statements"]]  # fmt: skip
    assert any("meeting" in s for s in said)
    code, table, _ = run("positions", "--topic", "Putin Zelensky meeting", "--min-size", "2",
                         "--db", str(store))  # fmt: skip
    assert code == 0 and "Sergei Lavrov" in table and "nearest topics" in table


@pytest.mark.slow  # loads the embedding model
def test_topics_are_fitted_once_and_reused(store: Path, tmp_path: Path) -> None:
    """The topic model is kept in the store: a later run assigns statements to
    it (names stay put), --refit clusters again; no topic is a lone surname."""
    code, out, _ = run("positions", "--json", "--min-size", "2", "--db", str(store))
    assert code == 0
    first = json.loads(out)
    conn = sqlite3.connect(store)
    saved = conn.execute("SELECT COUNT(*), MIN(fitted_at) FROM topics").fetchone()
    assert saved[0] >= len(first["topics"])
    speakers = {r[0] for r in conn.execute("SELECT name FROM actors")}
    surnames = {name.split()[-1] for name in speakers if " " in name}
    assert not {t["name"] for t in first["topics"]} & surnames
    # a new article: its statements join the saved topics, which keep their names
    more = jsonl_of(DEV_TEXTS[3:4], tmp_path / "more.jsonl")
    code, _, err = run("ingest", str(more), "--db", str(store), "--workers", "1")
    assert code == 0, err
    code, out, _ = run("positions", "--json", "--min-size", "2", "--db", str(store))
    later = json.loads(out)
    names = {t["id"]: t["name"] for t in first["topics"]}
    assert all(names.get(t["id"], t["name"]) == t["name"] for t in later["topics"])
    assert conn.execute("SELECT MIN(fitted_at) FROM topics").fetchone()[0] == saved[1]
    code, _, _ = run("positions", "--json", "--refit", "--min-size", "2", "--db", str(store))
    assert code == 0
    assert conn.execute("SELECT COUNT(*) FROM topics").fetchone()[0] > 0


def test_positions_on_empty_store_is_one_line_error(tmp_path: Path) -> None:
    code, out, err = run("positions", "--db", str(tmp_path / "empty.db"))
    assert code == 1 and out == ""
    assert err.startswith("error:") and err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.service
def test_positions_on_postgresql(pg: PgServer) -> None:
    url = pg.new_database("positions")
    code, _, err = run("ingest", str(SEED), "--db", url, "--workers", "1")
    assert code == 0, err
    code, out, _ = run("positions", "--json", "--min-size", "2", "--db", url)
    assert code == 0
    doc = json.loads(out)
    assert any(c["actor"] == "Sergei Lavrov" for c in doc["cells"])
    n_vectors = query(url, "SELECT COUNT(*) FROM statement_vectors")
    assert n_vectors == query(url, "SELECT COUNT(*) FROM statements")
    code, again, err = run("positions", "--json", "--min-size", "2", "--db", url)
    assert code == 0 and "embedded" not in err and json.loads(again) == doc
