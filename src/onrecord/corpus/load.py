"""``onrecord load``: a ``batch`` output (Parquet tables) into the store.

Each article's record is rebuilt from its rows (:func:`onrecord.batch.tables.rebuild`)
and stored as ``ingest`` stores it (:mod:`onrecord.corpus.accept`): same content
hash, MinHash signature and bands, same origin, in input order, so
near-duplicates link the same way. Articles already in the store (same URL or
same normalized text) are skipped, so loading twice is loading once. Many
articles go in one transaction (``Store.add_many``), which is what makes it
fast; none is ever half stored.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

from onrecord.batch.output import JOB_FILE
from onrecord.batch.tables import iter_records, part_names
from onrecord.corpus.accept import prepare
from onrecord.corpus.ingest import IngestReport
from onrecord.errors import OnrecordError
from onrecord.store import PreparedArticle, Store

#: Articles per transaction.
DEFAULT_BATCH = 200


#: A load reports like an ingest: stored, duplicate, near-duplicate, docs/s.
LoadReport = IngestReport


def check_output(path: Path) -> None:
    """A complete ``batch`` output, or a one-line error saying what is wrong."""
    job = path / JOB_FILE
    try:
        doc = json.loads(job.read_text())
    except FileNotFoundError:
        raise OnrecordError(f"{path}: not an onrecord batch output (no {JOB_FILE})") from None
    except (OSError, ValueError) as exc:
        raise OnrecordError(f"{job}: unreadable ({exc})") from None
    if not doc.get("complete"):
        raise OnrecordError(f"{path}: the batch job did not finish; run the same batch again")


def count_articles(path: Path) -> int:
    total = 0
    for name in part_names(path):
        file = path / "articles" / name
        if file.is_file():
            total += pq.ParquetFile(file).metadata.num_rows
    return total


def load(
    path: Path,
    store: Store,
    batch: int = DEFAULT_BATCH,
    progress: Callable[[LoadReport], None] | None = None,
) -> LoadReport:
    """Store every article of the batch output at ``path``."""
    check_output(path)
    report = LoadReport()
    start = time.perf_counter()
    pending: list[PreparedArticle] = []

    def flush() -> None:
        results = store.add_many(pending)
        for result in results:
            report.count(result)
        pending.clear()
        report.seconds = time.perf_counter() - start
        if progress:
            progress(report)

    for record, origin in iter_records(path):
        pending.append(prepare(record, origin))
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    if report.counts["stored"]:
        store.resolve_descriptions()  # as `ingest` does after its articles
    report.seconds = time.perf_counter() - start
    return report
