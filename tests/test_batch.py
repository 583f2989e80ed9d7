"""``onrecord batch`` (local engine) and ``onrecord load``: the same records as
``analyze``, bad inputs as error rows, and a load equal to ``ingest``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from onrecord.batch.plan import plan_units
from onrecord.batch.tables import iter_errors, iter_records, rebuild, record_rows, to_tables
from onrecord.batch.worker import UnitIds, read_unit
from onrecord.errors import InputError
from onrecord.inputs import read_inputs

from .helpers import SEED, analyze_json, make_inputs, run


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[dict[str, Any]], list]:
    root = tmp_path_factory.mktemp("batch")
    inputs = make_inputs(root)
    records, errors = analyze_json(inputs)
    assert len(records) == 8 and len(errors) == 1
    return inputs, records, errors


def batch_records(out: Path) -> list[dict[str, Any]]:
    return [record for record, _ in iter_records(out)]


@pytest.mark.parametrize(("workers", "chunk"), [("1", "64"), ("2", "2")])
def test_batch_rows_equal_analyze(case: Any, tmp_path: Path, workers: str, chunk: str) -> None:
    inputs, expected, errors = case
    out = tmp_path / "out"
    code, _, err = run("batch", *inputs, "--out", str(out), "--workers", workers,
                       "--chunk", chunk)  # fmt: skip
    assert code == 1, err  # the broken JSONL line failed; the job still completed
    assert "8 articles" in err and "1 errors" in err and "docs/s" in err
    assert batch_records(out) == expected
    (error,) = list(iter_errors(out))
    assert f"{error['id']}: {error['reason']}" == errors[0]
    assert error["id"].endswith("feed.jsonl:2")
    job = json.loads((out / "_job.json").read_text())
    assert job["complete"] and job["articles"] == 8 and job["errors"] == 1
    # every table is readable as one dataset, with the contract's fields
    import pyarrow.dataset as ds

    statements = ds.dataset(out / "statements", format="parquet").to_table()
    assert statements.num_rows == sum(len(r["statements"]) for r in expected)
    assert {"speaker", "cue", "content", "date", "deadline"} <= set(statements.column_names)
    events = ds.dataset(out / "events", format="parquet").to_table()
    assert events.num_rows == sum(len(r["events"]) for r in expected)


def test_rerun_same_job_rewrites_and_other_job_is_refused(case: Any, tmp_path: Path) -> None:
    inputs, expected, _ = case
    out = tmp_path / "out"
    assert run("batch", str(SEED), "--out", str(out), "--workers", "1")[0] == 0
    first = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    assert run("batch", str(SEED), "--out", str(out), "--workers", "1")[0] == 0
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == first
    assert batch_records(out) == expected[:1]
    code, _, err = run("batch", *inputs, "--out", str(out))
    assert code == 2 and err.startswith("error: ") and len(err.splitlines()) == 1


def test_plan_units(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"d{i}.txt").write_text(f"Article {i}.\n")
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({"id": f"x{i}", "text": f"T {i}."}) + "\n\n"
                           for i in range(7)))  # fmt: skip
    units = plan_units(
        [str(tmp_path / "d*.txt"), str(big), str(tmp_path / "missing.txt"), "nope/*.txt"], chunk=3
    )
    kinds = [(u.kind, len(u.paths)) for u in units]
    assert kinds == [("files", 3), ("files", 2), ("jsonl", 1), ("jsonl", 1), ("jsonl", 1),
                     ("files", 1), ("error", 1)]  # fmt: skip
    assert [u.ordinal for u in units] == list(range(7))
    ids = [a.id for u in units[2:5] for a in read_unit(u, None)]
    assert ids == [f"x{i}" for i in range(7)]
    lines = [a.origin.rsplit(":", 1)[1] for u in units[2:5] for a in read_unit(u, None)]
    assert lines == ["1", "3", "5", "7", "9", "11", "13"]
    (missing,) = read_unit(units[5], None)
    assert "no such file" in str(missing)
    assert "no files match" in str(next(read_unit(units[6], None)))


def _described(items: list[Any]) -> list[tuple[str, ...]]:
    return [(i.origin, i.reason) if isinstance(i, InputError) else (i.origin, i.id, i.text)
            for i in items]  # fmt: skip


@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_jsonl_ranges_read_as_analyze_reads_the_file(tmp_path: Path, chunk: int) -> None:
    """A JSONL file cut into line ranges gives the same ids, origins and errors as
    read whole: a BOM, bad UTF-8 (offsets from the file's start), a NUL, a bad
    line, blank lines, CRLF endings and a lone CR inside a record."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": "First."}).encode() + b"\r\n"
        + b"\n"
        + b'{"text": "Bad \xff byte."}\n'
        + b'{"id": "cr",\r "text": "A lone CR between tokens."}\n'
        + b'{"id": "a", "text": "%s"}\n' % (b"Repeated id. " * 700)  # the NUL past 8 KiB
        + b'{"text": "NUL \x00 inside."}\n'
        + b"{broken\n"
        + b"   \n"
        + b'{"text": "No id, last line."}'
    )  # fmt: skip
    units = plan_units([str(path)], chunk=chunk)
    assert [u.kind for u in units] == ["jsonl"] * len(units) and len(units) > 1
    ids = UnitIds()
    ranged = [item for u in units for item in read_unit(u, None, ids)]
    whole = list(read_inputs([path]))
    assert _described(ranged) == _described(whole)
    assert [o for o, *_ in _described(whole)] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7, 9)]
    assert "byte 0xff at byte offset 49" in _described(whole)[1][1]


def test_rows_round_trip_unknown_fields() -> None:
    record = {
        "id": "a", "title": None, "published": None, "url": None, "text": "x",
        "entities": [{"id": "E1", "name": "X", "type": "PERSON", "mentions": [[0, 1]],
                      "descriptors": [], "salience": 0.5}],
        "statements": [{"id": "S1", "kind": "direct",
                        "speaker": {"name": None, "entity": None, "span": None},
                        "cue": None, "content": {"text": "x", "spans": [[0, 1]]}, "date": None}],
        "timexes": [{"span": [0, 1], "text": "x", "type": "DATE", "value": "2025"},
                    {"span": [0, 1], "text": "x", "type": "DATE", "value": "2025", "mod": "END"}],
        "events": [{"type": "meeting"}],
        "language": "en",
    }  # fmt: skip
    (rebuilt, origin), *_ = rebuild(to_tables(record_rows(record, 0, 0, "o")))
    assert origin == "o"
    assert rebuilt == record
    assert json.dumps(rebuilt) == json.dumps(record)  # same key order too


def test_engine_ray_without_ray_is_one_line(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    code, _, err = run("batch", str(SEED), "--out", str(tmp_path / "o"), "--engine", "ray")
    assert code == 2
    assert err.strip() == (
        "error: --engine ray needs Ray, which is not installed: pip install 'onrecord[ray]'"
    )


def test_load_is_idempotent_and_equals_ingest(case: Any, tmp_path: Path) -> None:
    inputs, _, _ = case
    # a syndicated copy, so near-duplicate linking is part of the comparison
    copy = tmp_path / "copy.txt"
    text = SEED.read_text(encoding="utf-8").split("Original url")[0]  # no URL: not the same
    copy.write_text(text.replace(" said ", " stated ", 1), encoding="utf-8")
    inputs = [*inputs, str(copy)]
    ingested, loaded, out = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "out"
    assert run("ingest", *inputs, "--db", str(ingested), "--workers", "1")[0] == 1
    assert run("batch", *inputs, "--out", str(out), "--workers", "1")[0] == 1  # broken line
    code, _, err = run("load", str(out), "--db", str(loaded), "--batch-size", "3")
    assert code == 0 and "9 articles: 8 stored, 0 duplicate, 1 near-duplicate" in err, err
    code, _, err = run("load", str(out), "--db", str(loaded))
    assert code == 0 and "9 articles: 0 stored, 9 duplicate" in err, err
    for db_args in (["stats", "--json"], ["export", "statements", "--format", "jsonl"],
                    ["actors", "--json", "--top", "50"]):  # fmt: skip
        a = run(*db_args, "--db", str(ingested))[1]
        b = run(*db_args, "--db", str(loaded))[1]
        assert a == b and a.strip()
    import sqlite3

    cols = "doc_id, url, content_hash, title, published, text, origin, duplicate_of, similarity"
    rows = [sqlite3.connect(db).execute(f"SELECT {cols} FROM articles ORDER BY id").fetchall()
            for db in (ingested, loaded)]  # fmt: skip
    assert rows[0] == rows[1]


def test_load_refuses_unfinished_output(tmp_path: Path) -> None:
    (tmp_path / "_job.json").write_text('{"key": "k", "complete": false}')
    code, _, err = run("load", str(tmp_path), "--db", str(tmp_path / "x.db"))
    assert code == 2 and "did not finish" in err and len(err.splitlines()) == 1
