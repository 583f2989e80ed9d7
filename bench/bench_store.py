"""Search and listing latency on a large generated SQLite store.

Generates a store of N statements (default 1,000,000) straight into the
schema (the analysis is not what is measured here), then times the first
page of typical queries, each run several times: median and p95 in ms.
Target: a speaker-filtered or text search's first page in under 50 ms.

    .venv/bin/python bench/bench_store.py [--statements 1000000] [--db /tmp/bench.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
from pathlib import Path

from onrecord.store import SearchQuery
from onrecord.store.actors import normalize
from onrecord.store.sqlite import SqliteStore


def _words(text: str) -> list[str]:
    return text.split()


WORDS = _words(
    "minister president talks meeting sanctions summit ceasefire election vote budget tax "
    "plan reform court ruling border security troops oil gas prices inflation growth jobs "
    "trade tariffs deal agreement treaty peace war attack police protest campaign poll "
    "senate congress parliament law bill veto health care schools climate energy nuclear "
    "missile drone refugees migration economy bank rates market investors company strike"
)
FILLER = _words("the a of to and in that is was for on with as it be by this will not we they")
FIRST = _words("Anna Boris Carlos Dmitri Elena Fatima George Hana Ivan Julia Karim Lena Maria")
LAST = _words("Lavrov Petrov Schmidt Garcia Rossi Novak Kowalski Jensen Silva Tanaka Okafor")


def sentence(rng: random.Random) -> str:
    n = rng.randint(8, 30)
    words = [rng.choice(WORDS) if rng.random() < 0.35 else rng.choice(FILLER) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate(path: Path, statements: int, per_article: int = 20, seed: int = 7) -> None:
    rng = random.Random(seed)
    store = SqliteStore(path)
    conn = store.conn
    conn.execute("BEGIN")
    actors = []
    for i in range(5000):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}{i}"
        actors.append(name)
    conn.executemany(
        "INSERT INTO actors (id, name, norm, last, kind, roles)"
        " VALUES (?, ?, ?, ?, 'PERSON', '[]')",
        [(i + 1, n, normalize(n), normalize(n).split()[-1]) for i, n in enumerate(actors)],
    )
    conn.executemany(
        "INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?)",
        [(i + 1, n, normalize(n)) for i, n in enumerate(actors)],
    )
    start = dt.date(2015, 1, 1)
    n_articles = statements // per_article
    weights = [1 / (r + 1) for r in range(len(actors))]  # a few actors are quoted a lot
    sid = 0
    for a in range(1, n_articles + 1):
        published = (start + dt.timedelta(days=rng.randrange(3650))).isoformat()
        conn.execute(
            "INSERT INTO articles (id, doc_id, url, content_hash, title, published, text,"
            " origin, n_statements, ingested_at) VALUES (?, ?, ?, ?, ?, ?, '', 'bench', ?, ?)",
            (a, f"a{a}", f"https://example.org/{a}", f"h{a}", f"Article {a}", published,
             per_article, published),
        )  # fmt: skip
        speakers = rng.choices(range(1, len(actors) + 1), weights=weights, k=per_article)
        rows = []
        for k in range(per_article):
            sid += 1
            text = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
            if rng.random() < 0.0005:
                text += " There is no meeting planned."
            kind = rng.choice(["direct", "indirect", "mixed"])
            spans = json.dumps([[0, len(text)]])
            rows.append((sid, a, f"S{k + 1}", kind, speakers[k], text, spans, published, published))
        conn.executemany(
            "INSERT INTO statements (id, article_id, local_id, kind, actor_id, content, spans,"
            " date, date_basis, sort_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'published', ?)",
            rows,
        )
    store._index_text(range(1, sid + 1))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    store.close()


def prepare(db: Path, statements: int, keep: bool = False) -> None:
    """A freshly generated store at ``db`` (or the existing one, with ``keep``)."""
    if keep and db.exists():
        return
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t = time.perf_counter()
    generate(db, statements)
    print(f"generated {statements:,} statements in {time.perf_counter() - t:.0f} s")


def timed(store: SqliteStore, query: SearchQuery, runs: int) -> tuple[float, float, int]:
    times = []
    n = 0
    for _ in range(runs):
        t = time.perf_counter()
        n = len(store.search(query))
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/onrecord-bench.db"))
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--keep", action="store_true", help="reuse an existing generated store")
    args = ap.parse_args()
    prepare(args.db, args.statements, keep=args.keep)
    store = SqliteStore(args.db)
    (count,) = store.conn.execute("SELECT COUNT(*) FROM statements").fetchone()
    top = store.actors(3)
    rare = store.conn.execute("SELECT name FROM actors ORDER BY id DESC LIMIT 1").fetchone()[0]
    queries = {
        "speaker (most quoted)": SearchQuery(speaker=top[0]["name"]),
        "speaker (rarely quoted)": SearchQuery(speaker=rare),
        "speaker + since": SearchQuery(speaker=top[1]["name"], since=dt.date(2023, 1, 1)),
        "text: rare phrase": SearchQuery(text='"no meeting planned"'),
        "text: two words": SearchQuery(text="nuclear summit"),
        "text: common word": SearchQuery(text="minister"),
        "text + speaker": SearchQuery(text="sanctions", speaker=top[0]["name"]),
        "all, newest first": SearchQuery(),
    }
    print(f"{count:,} statements in {args.db}; first page (20), {args.runs} runs each")
    print(f"  {'query':<26}{'median ms':>10}{'p95 ms':>9}{'rows':>6}")
    worst = 0.0
    for name, q in queries.items():
        med, p95, n = timed(store, q, args.runs)
        worst = max(worst, med)
        print(f"  {name:<26}{med:10.1f}{p95:9.1f}{n:6d}")
    print(f"  slowest median: {worst:.1f} ms (target < 50 ms)")
    store.close()


if __name__ == "__main__":
    main()
