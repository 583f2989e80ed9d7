"""``onrecord ingest``: inputs → analysis on all cores → the store.

Articles already stored (same URL or same normalized content) are skipped
before analysis, which is what makes a re-run after an interruption resume
where it stopped. Each article is written in its own transaction; a bad
input is reported and skipped, and the others are stored. The steps of
storing one are :mod:`onrecord.corpus.accept`'s, which the analysis on all
cores (:func:`onrecord.pipeline.analyze_stream`) splits: check, then store.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from onrecord.corpus.accept import accept, check
from onrecord.errors import InputError
from onrecord.pipeline import analyze_stream
from onrecord.records import Article
from onrecord.store import AddResult, Store


@dataclass(slots=True)
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    #: of those stored, new versions of an article at a stored URL
    versions: int = 0

    def count(self, result: AddResult) -> None:
        self.counts[result.status] += 1
        self.versions += result.version_of is not None

    @property
    def processed(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        rate = self.processed / self.seconds if self.seconds else 0.0
        parts = [f"{self.counts[k]} {k}" for k in ("stored", "duplicate", "near-duplicate")]
        if self.versions:
            parts[0] += f" ({self.versions} new version{'s' if self.versions > 1 else ''})"
        return (
            f"{self.processed} articles: {', '.join(parts)}; {len(self.errors)} failed;"
            f" {rate:.1f} docs/s"
        )


#: Called after each input: (result or error, articles done so far).
Progress = Callable[[AddResult | InputError, int], None]


def ingest(
    items: Iterable[Article | InputError],
    store: Store,
    workers: int | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    report = IngestReport()
    start = time.perf_counter()
    pending: dict[str, str] = {}  # article id -> content hash, for those to analyze

    def fresh() -> Iterator[Article | InputError]:
        for item in items:
            if isinstance(item, InputError):
                yield item
                continue
            seen = check(store, item.text, item.url)
            if seen.duplicate is not None:
                report.counts["duplicate"] += 1
                if progress:
                    progress(seen.duplicate, report.processed)
                continue
            pending[item.id] = seen.content_hash
            yield item

    origins: dict[str, str] = {}
    for result in analyze_stream(_remember(fresh(), origins), workers=workers):
        if isinstance(result, InputError):
            report.errors.append(result)
            if progress:
                progress(result, report.processed)
            continue
        # the input's hash, as checked (else, for an id seen twice, the record's)
        added = accept(store, result, origins.get(result["id"]), pending.pop(result["id"], None))
        report.count(added)
        if progress:
            progress(added, report.processed)
    if report.counts["stored"]:
        # a description an earlier article could not place ("the foreign minister
        # of Oman") may fit a person that later articles described so
        store.resolve_descriptions()
    report.seconds = time.perf_counter() - start
    return report


def _remember(
    items: Iterable[Article | InputError], origins: dict[str, str]
) -> Iterator[Article | InputError]:
    for item in items:
        if isinstance(item, Article):
            origins[item.id] = item.origin
        yield item
