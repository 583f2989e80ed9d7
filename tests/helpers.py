"""Plain functions the test modules share, so that no test module imports another.

The shared data's paths, the CLI run in process, inputs built from PolNeAR dev,
an app client over httpx, the checks the SQLite and PostgreSQL store tests both
run, a throw-away PostgreSQL server (its fixture, ``pg``, is in conftest.py) and
the reference binning of an actor's activity that the store is checked against.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import httpx
import psycopg
import pytest
from click.testing import CliRunner

from onrecord.cli import cli
from onrecord.store import SearchQuery, SqlStore, open_store
from onrecord.store.summaries import MAX_POINTS, time_unit

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "data/seed/moscowtimes-2025-08-22-lavrov-no-meeting-planned.txt"
POLNEAR = SHARED / "data/polnear"
TIMEBANK = SHARED / "data/timebank"
MEANTIME = SHARED / "data/meantime"
DEV_TEXTS = sorted((POLNEAR / "dev/text").glob("*.txt"))
BASELINE_FILE = Path(__file__).parent / "quality_baseline.json"


def baseline(section: str) -> dict[str, float]:
    """The pinned floors of one section of tests/quality_baseline.json."""
    floors: dict[str, float] = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))[section]
    return floors


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (for a server under test)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --------------------------------------------------------------------------- the CLI and inputs


def run(*args: str) -> tuple[int, str, str]:
    """The CLI in process: exit code, stdout, stderr; never a traceback."""
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.exit_code, result.stdout, result.stderr


def jsonl_of(paths: list[Path], out: Path) -> Path:
    """PolNeAR texts as JSONL records with their publication dates."""
    meta = {}
    for line in (POLNEAR / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        meta[cols[1]] = cols[5]
    with out.open("w", encoding="utf-8") as fh:
        for p in paths:
            rec = {"id": p.stem, "text": p.read_text(encoding="utf-8"), "published": meta[p.stem]}
            fh.write(json.dumps(rec) + "\n")
    return out


def make_inputs(root: Path) -> list[str]:
    """The seed, three PolNeAR dev texts, and a JSONL with a broken line."""
    texts = root / "polnear"
    texts.mkdir()
    for path in DEV_TEXTS[:3]:
        shutil.copy(path, texts / path.name)
    jsonl = root / "feed.jsonl"
    lines = [
        {"id": "j1", "text": "The minister said on Friday that talks would resume.",
         "published": "2025-08-22"},
        "{broken",
        {"id": "j2", "text": "“We will win,” Maria Lopez told reporters on Monday.",
         "published": "2025-08-20", "url": "https://example.org/j2"},
        {"text": "Officials said the plan would be announced within two weeks."},
        {"id": "j1", "text": "A repeated id gets a suffix, the minister said."},
    ]  # fmt: skip
    jsonl.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
        + "\n",
        encoding="utf-8",
    )
    return [str(SEED), str(texts), str(jsonl)]


def analyze_json(inputs: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """``analyze --json`` on the inputs of ``make_inputs``: records and error lines."""
    code, out, err = run("analyze", *inputs, "--json", "--workers", "1")
    assert code == 1  # the broken line
    errors = [line.removeprefix("error: ") for line in err.splitlines() if line.startswith("error")]
    return [json.loads(line) for line in out.splitlines()], errors


def client_for(db: Path, **kwargs: Any) -> httpx.AsyncClient:
    """An httpx client on the ASGI app over ``db``, in process (no server)."""
    # FastAPI is imported only by the tests that drive the app, not by every module here
    from onrecord.web import create_app

    app = create_app(str(db), **kwargs)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://test")


# --------------------------------------------------------------------------- charts


#: the first day of a day's unit
STARTS: dict[str, Callable[[dt.date], dt.date]] = {
    "day": lambda d: d,
    "week": lambda d: d - dt.timedelta(days=d.weekday()),
    "month": lambda d: d.replace(day=1),
    "year": lambda d: d.replace(month=1, day=1),
}


def bin_days(
    per_day: Sequence[tuple[str, int]], max_points: int = MAX_POINTS
) -> tuple[str, list[tuple[dt.date, int]]]:
    """Counts per day summed per unit in Python: the reference for
    ``SqlStore.actor_activity``. Impossible dates are left out."""
    days: list[tuple[dt.date, int]] = []
    for s, n in per_day:
        try:
            days.append((dt.date.fromisoformat((s or "")[:10]), n))
        except ValueError:
            continue
    if not days:
        return "day", []
    unit = time_unit(min(d for d, _ in days), max(d for d, _ in days), max_points)
    binned: dict[dt.date, int] = {}
    for d, n in days:
        key = STARTS[unit](d)
        binned[key] = binned.get(key, 0) + n
    return unit, sorted(binned.items())


# --------------------------------------------------------------------------- store checks

Query = Callable[[str], list[tuple[Any, ...]]]

#: each summary table (store_summary.py) and what it must equal, from statements
SUMMARIES = [
    (
        "SELECT actor_id, statements, articles, first_date, last_date FROM actor_stats"
        " ORDER BY actor_id",
        "SELECT actor_id, COUNT(*), COUNT(DISTINCT article_id), MIN(sort_date), MAX(sort_date)"
        " FROM statements WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY actor_id",
    ),
    (
        "SELECT actor_id, day, n FROM actor_days ORDER BY actor_id, day",
        "SELECT actor_id, sort_date, COUNT(*) FROM statements"
        " WHERE actor_id IS NOT NULL AND sort_date IS NOT NULL"
        " GROUP BY actor_id, sort_date ORDER BY actor_id, sort_date",
    ),
]


def sqlite_query(db: Path) -> Query:
    def query(sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(db) as conn:
            return conn.execute(sql).fetchall()

    return query


def assert_summaries_agree(query: Query) -> None:
    """The summary tables hold exactly what grouping statements and events gives."""
    for actual, expected in SUMMARIES:
        assert query(actual) == query(expected), actual
    participants = sorted(
        {(int(a), int(g)) for g, p in query("SELECT group_id, participants FROM events")
         for a in json.loads(p)}
    )  # fmt: skip
    stored = query("SELECT actor_id, group_id FROM event_participants ORDER BY actor_id, group_id")
    assert [(int(a), int(g)) for a, g in stored] == participants


def assert_actor_answers(store: SqlStore, query: Query) -> None:
    """``actors``, ``actors_page``, ``stats`` and ``actor_by_id`` answer what grouping
    the statements directly gives (the queries they used before the summary tables)."""

    def grouped(where: str, order: str) -> list[dict[str, Any]]:
        rows = query(
            "SELECT a.id, a.name, a.kind, COUNT(s.id), COUNT(DISTINCT s.article_id),"
            " MIN(s.sort_date), MAX(s.sort_date) FROM actors a JOIN statements s"
            f" ON s.actor_id = a.id {where} GROUP BY a.id, a.name, a.kind ORDER BY {order}"
        )
        keys = ("id", "name", "kind", "statements", "articles", "first", "last")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    everyone = grouped("", "COUNT(s.id) DESC, a.name, a.id")
    assert len(everyone) >= 20
    for top in (1, 5, 15, len(everyone) + 3):
        assert store.actors(top=top) == everyone[:top]
    by_id = grouped("", "a.id")
    pages, after = [], None
    while page := store.actors_page(7, after):
        pages += page
        after = page[-1]["id"]
    assert pages == by_id
    assert store.actors_page(7, by_id[2]["id"]) == by_id[3:10]
    (n_actors,) = query("SELECT COUNT(DISTINCT actor_id) FROM statements")[0]
    assert store.stats()["actors"] == n_actors
    events = query("SELECT group_id, participants FROM events")
    sources = query("SELECT group_id, source_actor_id FROM event_statuses")
    with_events = 0
    for (actor_id,) in query("SELECT id FROM actors ORDER BY id"):
        found = store.actor_by_id(actor_id)
        assert found is not None
        per_day = [
            tuple(r)
            for r in query(
                f"SELECT sort_date, COUNT(*) FROM statements WHERE actor_id = {int(actor_id)}"
                " AND sort_date IS NOT NULL GROUP BY sort_date ORDER BY sort_date"
            )
        ]
        (total,) = query(f"SELECT COUNT(*) FROM statements WHERE actor_id = {int(actor_id)}")[0]
        groups = {int(g) for g, p in events if actor_id in json.loads(p)}
        groups |= {int(g) for g, a in sources if a == actor_id}
        with_events += bool(groups)
        assert found["per_day"] == per_day
        assert found["statements"] == total and type(found["statements"]) is int
        assert found["first"] == (per_day[0][0] if per_day else None)
        assert found["last"] == (per_day[-1][0] if per_day else None)
        assert found["events"] == sorted(groups)
    assert with_events >= 3  # the comparison covers event groups too


def syndicated_copy(tmp_path: Path) -> Path:
    """The seed under a new headline, with a trailer: a near-duplicate."""
    body = SEED.read_text(encoding="utf-8").split("\n", 3)[3]
    copy = tmp_path / "syndicated.txt"
    copy.write_text(
        "Moscow Rules Out Summit, Lavrov Says\n\nAugust 22, 2025\n\n"
        + body
        + "\n\nThis article first appeared on a partner site.\n",
        encoding="utf-8",
    )
    return copy


def actors_seen_opening_at_once(url: str, n: int = 4) -> list[int]:
    """The actor count each of ``n`` stores opened at the same time sees: one
    fills missing summary tables, the others wait and find them filled."""

    def open_close(_: int) -> int:
        store = open_store(url)
        try:
            return int(store.stats()["actors"])
        finally:
            store.close()

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(open_close, range(n)))


def walk_statement_pages(store: SqlStore, query: SearchQuery, size: int = 7) -> list[int]:
    """Statement ids, following ``statements_page`` cursors ``size`` at a time."""
    ids: list[int] = []
    after: tuple[str, int] | None = None
    for _ in range(10_000):
        page = store.statements_page(dataclasses.replace(query, limit=size), after)
        ids += [s["id"] for s in page]
        if len(page) < size:
            return ids
        after = (page[-1]["sort_date"] or "", page[-1]["id"])
    raise AssertionError("pages never ended")


def check_statement_pages(store: SqlStore) -> dict[str, list[int]]:
    """Cursor pages give every statement once, in ``search``'s newest-first
    order (dated by day and id, then undated by id), for each kind of filter."""
    article = store.search(SearchQuery(text="president", limit=1))[0]["article_id"]
    queries = {
        "all": SearchQuery(),
        "speaker": SearchQuery(speaker="Lavrov"),
        "text": SearchQuery(text="president"),
        "text+speaker+kind": SearchQuery(text="meeting", speaker="Lavrov", kind="direct"),
        "text+article": SearchQuery(text="president", article=article),
        "since": SearchQuery(since=dt.date(2016, 10, 1), kind="indirect"),
    }
    walks = {}
    for name, query in queries.items():
        walked = walk_statement_pages(store, query)
        everything = [s["id"] for s in store.search(dataclasses.replace(query, limit=10**6))]
        assert walked == everything, name
        assert walked, name
        # the search page's shortcut: the newest ids, read once, are the first
        # page, and the facets of them are the query's own
        assert store.newest_ids(query, 7) == everything[:7], name
        some = everything[:5][::-1]
        assert [s["id"] for s in store.statements([*some, 10**12])] == some, name
        assert store.facets(query) == store.facets(query, ids=store.newest_ids(query, 100)), name
        walks[name] = walked
    return walks


def check_activity(store: SqlStore) -> set[str]:
    """Every actor's activity binned in SQL equals the per-day counts binned in
    Python (``bin_days``), at several resolutions; the units used."""
    units: set[str] = set()
    for actor in store.actors(top=10**6):
        found = store.actor_by_id(actor["id"])
        assert found is not None
        for max_points in (120, 40, 12, 3):
            unit, points = store.actor_activity(actor["id"], max_points)
            py_unit, py_points = bin_days(found["per_day"], max_points)
            assert (unit, points) == (py_unit, [(d.isoformat(), n) for d, n in py_points]), (
                actor["name"], max_points,
            )  # fmt: skip
            assert sum(n for _, n in points) == sum(n for _, n in found["per_day"])
            units.add(unit)
    return units


# --------------------------------------------------------------------------- PostgreSQL


def pg_unavailable(reason: str) -> NoReturn:
    """Skip, saying why; in CI (``CI`` set) fail instead, so tests never go missing silently."""
    message = f"no PostgreSQL server for the store tests: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: failing, not skipping)", pytrace=False)
    pytest.skip(message)


def pg_bindir() -> Path | None:
    """The newest installed server's bin directory."""

    def version(path: str) -> tuple[int, ...]:
        number = Path(path).parent.parent.name
        return tuple(int(x) for x in number.split(".") if x.isdigit())

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=version)
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def last_line(text: str) -> str:
    lines = [x for x in text.strip().splitlines() if x.strip()]
    return lines[-1] if lines else "(no output)"


@dataclass
class PgServer:
    """A throw-away cluster from the installed server binaries, on 127.0.0.1 only."""

    bindir: Path
    root: Path
    prefix: list[str]  # runs a command as the server's owner
    port: int = 0
    databases: set[str] = field(default_factory=set)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def cmd(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.prefix, *args], cwd=self.root, capture_output=True, text=True,
            timeout=120, check=check,
        )  # fmt: skip

    def start(self) -> None:
        init = self.cmd(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync", check=False,
        )  # fmt: skip
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {last_line(init.stderr or init.stdout)}")
        for _ in range(3):  # another process may take the free port first
            self.port = free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port}"
                f" -c unix_socket_directories={self.root}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            started = self.cmd(
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                str(self.root / "server.log"), "-w", "-t", "60", "-o", options, "start",
                check=False,
            )  # fmt: skip
            if started.returncode == 0:
                return
        log = self.root / "server.log"
        tail = log.read_text(errors="replace") if log.exists() else started.stderr
        raise RuntimeError(f"pg_ctl start failed: {last_line(tail)}")

    def stop(self) -> None:
        if self.port:
            self.cmd(
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop",
                check=False,
            )  # fmt: skip

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str) -> str:
        """A new, empty database; its URL."""
        assert name.isidentifier() and name not in self.databases
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.databases.add(name)
        return self.url(name)


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of one SQL query on a PostgreSQL database."""
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def pg_query(url: str) -> Query:
    return lambda sql: query(url, sql)
