"""The listing commands as a journalist uses them in an 80-column terminal
or a pipe: nothing that identifies a row is cut, every listing says how many
it shows of how many, --format table|tsv|json|csv, unknown names are a
one-line error with close matches (exit 2), `onrecord article ID`, human
`analyze` in article order with events, and `stats` with corpus health."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import SEED, SHARED, run

NEWSDEV = SHARED / "data/newsdev/articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    src = tmp / "news.jsonl"
    src.write_text("\n".join(NEWSDEV.read_text(encoding="utf-8").splitlines()[:6]) + "\n",
                   encoding="utf-8")  # fmt: skip
    path = tmp / "cli.db"
    code, _, err = run("ingest", str(SEED), str(src), "--db", str(path), "--workers", "2")
    assert code == 0, err
    return path


def at80(*args: str) -> tuple[int, str, str]:
    """The command piped, as at an 80-column terminal."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "onrecord", *args], capture_output=True,
                       text=True, env=env, timeout=300)  # fmt: skip
    return p.returncode, p.stdout, p.stderr


def test_tables_never_cut_dates_kinds_or_ids(db: Path) -> None:
    code, out, _ = at80("search", "--db", str(db), "--all")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    rows = json.loads(at80("search", "--db", str(db), "--all", "--format", "json")[1])
    assert len(rows) > 20
    for r in rows:
        assert str(r["id"]) in out
        if r["sort_date"]:
            assert r["sort_date"] in out  # whole, on one line
    assert "…" not in out
    for kind in ("indirect", "direct", "mixed"):
        assert f" {kind} " in out or kind not in {r["kind"] for r in rows}
    assert f"{len(rows)} statements" in out


def test_listings_say_how_many_of_how_many(db: Path) -> None:
    total = len(json.loads(at80("events", "--db", str(db), "--all", "--json")[1]))
    code, out, _ = at80("events", "--db", str(db), "--limit", "2")
    assert code == 0 and f"showing 2 of {total} events (use --limit N or --all)" in out
    code, out, _ = at80("actors", "--db", str(db), "--limit", "3")
    assert re.search(r"showing 3 of \d+ actors", out)


def test_every_format(db: Path) -> None:
    for command in (["search", "talks"], ["events"], ["actors"], ["stats"], ["deadlines"]):
        tsv = at80(*command, "--db", str(db), "--format", "tsv")[1].splitlines()
        assert tsv and all(line.count("\t") == tsv[0].count("\t") for line in tsv), command
        table = list(csv.reader(io.StringIO(at80(*command, "--db", str(db), "--format", "csv")[1])))
        assert len(table) >= 2 and len({len(r) for r in table}) == 1, command
        assert json.loads(at80(*command, "--db", str(db), "--format", "json")[1]), command


def test_unknown_names_are_one_line_errors_with_close_matches(db: Path) -> None:
    for args, close in ((["events", "--type", "meting"], "'meeting'"),
                        (["search", "--speaker", "Lavrof"], "'Sergei Lavrov'"),
                        (["events", "--status", "helld"], "'held'"),
                        (["actor", "Lavrof"], "'Sergei Lavrov'")):  # fmt: skip
        code, out, err = at80(*args, "--db", str(db))
        assert code == 2, args
        assert out == "" and len(err.strip().splitlines()) == 1 and close in err, (args, err)
        assert "Traceback" not in err


def test_article_command_marks_the_statements_in_the_text(db: Path) -> None:
    rows = json.loads(at80("search", "no meeting planned", "--db", str(db), "--json")[1])
    article_id = rows[0]["article_id"]
    code, out, _ = at80("article", str(article_id), "--db", str(db))
    assert code == 0
    doc = json.loads(at80("article", str(article_id), "--db", str(db), "--json")[1])
    for st in doc["statement_list"]:
        assert f"[s{st['id']}]" in out  # where its words start in the text
    assert "**" not in out and "](#)" not in out  # Markdown read as its words
    code, _, err = at80("article", "999999", "--db", str(db))
    assert code == 2 and "no article 999999" in err


def test_analyze_reads_in_article_order_with_events() -> None:
    code, out, _ = at80("analyze", str(SEED))
    assert code == 0
    offsets = [int(m) for m in re.findall(r"^│ (\d+) +│", out, re.MULTILINE)]
    assert len(offsets) >= 10 and offsets == sorted(offsets)
    assert "Events (" in out and "Vladimir Putin – Volodymyr" in out
    assert "denied: Sergei Lavrov" in out


def test_stats_reports_corpus_health(db: Path) -> None:
    info = json.loads(at80("stats", "--db", str(db), "--json")[1])
    for key in ("speakers_resolved", "dated_by_publication_only", "events",
                "status_contradictions", "deadlines"):  # fmt: skip
        assert key in info, key
    assert 0.5 < info["speakers_resolved"] <= 1
    code, out, _ = at80("stats", "--db", str(db))
    assert code == 0 and re.search(r"speakers resolved\s+\d+%", out)
