"""The ``analyze`` pipeline: one article in, one record of the contract out.

``analyze_doc`` is a pure function from an :class:`Article` and its parsed
spaCy ``Doc`` to an :class:`~onrecord.records.Analysis`; it only runs the
stages of :mod:`onrecord.extract` and :mod:`onrecord.timex` in order. The
public functions return the contract's JSON (``data/analysis.schema.json``),
made from that record by :func:`onrecord.contract.to_json`.
``analyze_stream`` runs it over many articles on all cores, keeping input
order and passing bad inputs through as errors so a batch never stops.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from onrecord.contract import to_json
from onrecord.errors import InputError, OnrecordError
from onrecord.extract.attribution import AttributionOptions, extract_attributions
from onrecord.extract.attribution.tagger import load_tagger
from onrecord.extract.deadlines import narrated_deadlines
from onrecord.extract.entities import build_entities, entity_records
from onrecord.extract.event_mentions import event_mentions
from onrecord.extract.events import extract_events
from onrecord.extract.quotes import find_quotes
from onrecord.extract.statements import build_statements
from onrecord.nlp import load_nlp, parse_many
from onrecord.records import Analysis, Article
from onrecord.timex.resolve import find_timexes

#: One article's result as the public functions return it: the contract's
#: JSON object, or the error that kept it from being analyzed.
Result = dict[str, Any] | InputError


@dataclass(frozen=True, slots=True)
class Options:
    attribution: AttributionOptions

    @classmethod
    def default(cls) -> Options:
        return cls(AttributionOptions(tagger=load_tagger()))


def analyze_doc(article: Article, doc: Doc, options: Options) -> Analysis:
    """Everything the stages find in one parsed article."""
    # the article's text: spaCy's Doc.text rebuilds it on every access
    text = article.text
    quotes = find_quotes(text)
    attributions = extract_attributions(doc, quotes, options.attribution)
    index = build_entities(doc)
    published = article.published.isoformat() if article.published else None
    timexes = find_timexes(text, article.published)
    statements = build_statements(doc, text, quotes, attributions, index, timexes, published)
    cues = frozenset(a.cue_token for a in attributions if a.cue_token is not None)
    return Analysis(
        id=article.id,
        title=article.title,
        published=article.published,
        url=article.url,
        text=text,
        entities=entity_records(index, statements),
        statements=tuple(statements),
        timexes=tuple(timexes),
        events=tuple(extract_events(doc, statements, index, timexes, published)),
        event_mentions=tuple(event_mentions(doc, timexes, cues)),
        deadlines=tuple(
            narrated_deadlines(
                doc, text, timexes, [sp for st in statements for sp in st.content.spans], published
            )
        ),
    )


# --- many articles -------------------------------------------------------------

_WORKER_OPTIONS: Options | None = None


def init_worker(threads: int | None = 1) -> Options:
    """Set up a worker process (or Ray actor) once: spaCy loaded, options built.
    Used as the process pools' initializer by ``analyze_stream`` and ``batch``:
    one process per core, so the tagger's torch runs on ``threads`` threads
    (None: torch's default, for a single process)."""
    global _WORKER_OPTIONS
    if threads is not None:
        import torch

        torch.set_num_threads(threads)
    if _WORKER_OPTIONS is None:
        _WORKER_OPTIONS = Options.default()
    load_nlp()
    return _WORKER_OPTIONS


def worker_options() -> Options:
    """This worker's options (built on first use where ``init_worker`` did not run)."""
    return _WORKER_OPTIONS or init_worker(threads=None)


def _analyze_chunk(articles: list[Article]) -> list[Result]:
    options = worker_options()
    return list(analyze_serial(articles, options))


def analyze_serial(articles: list[Article], options: Options) -> Iterator[Result]:
    """Each article analyzed in its own error boundary: one that cannot be
    parsed or analyzed is its own :class:`InputError`, the others go on."""
    nlp = load_nlp()
    texts = [a.text for a in articles]
    for article, doc in zip(articles, parse_many(nlp, texts), strict=True):
        try:
            if isinstance(doc, Exception):
                raise doc
            yield to_json(analyze_doc(article, doc, options))
        except Exception as exc:  # one bad document must not stop the batch
            yield InputError(article.origin or article.id, failure(exc))


def failure(exc: BaseException) -> str:
    """One line saying why an article's analysis failed."""
    detail = " ".join(str(exc).split())[:300]
    return f"analysis failed: {type(exc).__name__}" + (f": {detail}" if detail else "")


def analyze_article(article: Article, options: Options | None = None) -> dict[str, Any]:
    """Analyze one article in this process: the contract's JSON object; an
    :class:`InputError` of one line if it cannot be (as in a batch)."""
    (result,) = analyze_serial([article], options or worker_options())
    if isinstance(result, InputError):
        raise result
    return result


def analyze_text(
    text: str,
    published: dt.date | str | None = None,
    *,
    id: str = "text",
    title: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Analyze a string; offsets in the result refer to ``text`` exactly.
    ``published`` is a date or an ISO day ("2025-08-22"); anything else is an
    :class:`~onrecord.errors.OnrecordError` saying so, as is a text no input
    may hold (:func:`onrecord.inputs.check_article`)."""
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published.strip())
        except ValueError:
            raise OnrecordError(f"published: {published!r} is not a day (YYYY-MM-DD)") from None
    if published is not None and not isinstance(published, dt.date):
        raise OnrecordError(f"published: expected a date, got {type(published).__name__}")
    if isinstance(published, dt.datetime):
        published = published.date()
    if not isinstance(text, str):
        raise OnrecordError(f"text: expected a string, got {type(text).__name__}")
    from onrecord.inputs import check_article
    from onrecord.inputs.text import InputProblem

    try:  # the rule every input follows: no binary data, no lone surrogates
        article = check_article(Article(id, text, published, title, url, origin=id))
    except InputProblem as exc:
        raise InputError(id, str(exc)) from None
    return analyze_article(article)


def analyze(
    paths: Iterable[str | os.PathLike[str]],
    published: dt.date | None = None,
    workers: int | None = None,
) -> Iterator[dict[str, Any] | InputError]:
    """Files and directories in, one record of the contract (or one
    :class:`InputError`) per article out, in input order: ``onrecord analyze``."""
    from onrecord.inputs import read_inputs

    return analyze_stream(read_inputs(paths, published=published), workers=workers)


def analyze_stream(
    items: Iterable[Article | InputError], workers: int | None = None, chunk: int = 8
) -> Iterator[Result]:
    """Analyze articles on ``workers`` processes (default: all cores), in input order.

    Errors in the input pass through in place, so the caller can report them
    between the results of the good documents around them.
    """
    workers = workers or os.cpu_count() or 1
    batches = _batches(items, chunk)
    if workers <= 1:
        options = Options.default()
        for batch in batches:
            yield from _resolve_batch(batch, lambda arts: list(analyze_serial(arts, options)))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=init_worker) as pool:
        pending: list[tuple[list[Article | InputError], Future[list[Result]] | None]] = []
        for batch in batches:
            arts = [a for a in batch if isinstance(a, Article)]
            pending.append((batch, pool.submit(_analyze_chunk, arts) if arts else None))
            if len(pending) > 2 * workers:
                yield from _merge(*pending.pop(0))
        for batch, fut in pending:
            yield from _merge(batch, fut)


def _batches(
    items: Iterable[Article | InputError], size: int
) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if sum(isinstance(b, Article) for b in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _merge(batch: list[Article | InputError], fut: Future[list[Result]] | None) -> Iterator[Result]:
    results = iter(fut.result() if fut is not None else [])
    for item in batch:
        yield item if isinstance(item, InputError) else next(results)


def _resolve_batch(
    batch: list[Article | InputError], run: Callable[[list[Article]], list[Result]]
) -> Iterator[Result]:
    results = iter(run([a for a in batch if isinstance(a, Article)]))
    for item in batch:
        yield item if isinstance(item, InputError) else next(results)
