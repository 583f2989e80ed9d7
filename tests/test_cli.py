"""The command line: output contract, order, and bad input without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import cli
from onrecord.contract import validate_analysis
from onrecord.inputs import sample_paths

from .helpers import SEED


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_analyze_seed_json() -> None:
    code, out, _ = run("analyze", str(SEED), "--json")
    assert code == 0
    (line,) = out.splitlines()
    record = json.loads(line)
    validate_analysis(record)
    assert record["published"] == "2025-08-22"
    assert len(record["statements"]) >= 10


def test_analyze_report_is_readable() -> None:
    code, out, _ = run("analyze", str(SEED))
    assert code == 0
    assert "Sergei Lavrov" in out and "Statements" in out and "2025-W34" in out


def test_plain_text_with_published(tmp_path: Path) -> None:
    f = tmp_path / "note.txt"
    f.write_text("The minister said on Monday that talks would resume.\n", encoding="utf-8")
    code, out, _ = run("analyze", str(f), "--json", "--published", "2025-08-22")
    assert code == 0
    rec = json.loads(out)
    assert rec["published"] == "2025-08-22"
    assert {t["value"] for t in rec["timexes"]} >= {"2025-08-18"}


def test_jsonl_offsets_refer_to_given_text(tmp_path: Path) -> None:
    text = "  Leading spaces stay.\r\n“We will win,” Maria Lopez said.  "
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "a1", "text": text, "published": "2025-01-02"}) + "\n")
    code, out, _ = run("analyze", str(f), "--json")
    assert code == 0
    rec = json.loads(out)
    assert rec["text"] == text
    (st,) = [s for s in rec["statements"] if s["kind"] == "direct"]
    a, b = st["content"]["spans"][0]
    assert text[a:b] == "“We will win,”"


def test_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"doc{i}", "text": f"Officials said on Monday that plan {i} would work."})
        for i in range(6)
    ]
    lines.insert(2, "{broken json")
    lines.insert(4, json.dumps({"id": "no-text"}))
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("analyze", str(f), "--json", "--workers", "2")
    assert code == 1
    assert [json.loads(x)["id"] for x in out.splitlines()] == [f"doc{i}" for i in range(6)]
    errors = [x for x in err.splitlines() if x.startswith("error:")]
    assert len(errors) == 2
    assert f"{f}:3" in errors[0] and f"{f}:5" in errors[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("latin1.txt", "café".encode("latin-1"), "UTF-8"),
        ("huge.txt", b"word " * 4_200_000, "too large"),
        ("page.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_input_one_line_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run("analyze", str(bad), str(SEED), "--json")
    assert code == 1
    errors = [x for x in err.splitlines() if x.startswith("error:")]
    assert len(errors) == 1
    assert str(bad) in errors[0] and message in errors[0]
    # the good article in the same batch is still analyzed
    assert [json.loads(x)["id"] for x in out.splitlines()] == [SEED.stem]


def test_missing_file_and_bad_date() -> None:
    code, _, err = run("analyze", "/nonexistent/file.txt")
    assert code == 1 and "/nonexistent/file.txt" in err
    code, _, err = run("analyze", str(SEED), "--published", "22/22/2025")
    assert code == 2 and "published" in err.lower()


@pytest.mark.slow  # a real process with two workers, each loading the model
def test_samples_run_in_parallel_processes_in_order() -> None:
    # a real process, as a user runs it, on the bundled samples with 2 workers
    paths = [str(p) for p in sample_paths()]
    proc = subprocess.run(
        [sys.executable, "-m", "onrecord", "analyze", *paths, "--json", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(x)["id"] for x in proc.stdout.splitlines()]
    assert ids == [Path(p).stem for p in paths]
    assert "Traceback" not in proc.stderr


def test_schema_command() -> None:
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"].startswith("onrecord")
