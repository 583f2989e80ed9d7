"""The ``analyze`` pipeline: one article in, one record of the contract out.

``analyze_doc`` is a pure function from an :class:`Article` and its parsed
spaCy ``Doc`` to the JSON-ready record (see ``data/analysis.schema.json``).
``analyze_stream`` runs it over many articles on all cores, keeping input
order and passing bad inputs through as errors so a batch never stops.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from onrecord.errors import InputError
from onrecord.extract.attribution import Attribution, AttributionOptions, extract_attributions
from onrecord.extract.cue_model import load_model
from onrecord.extract.cues import cue_verbs
from onrecord.extract.entities import EntityIndex, build_entities
from onrecord.extract.event_mentions import event_mentions
from onrecord.extract.events import extract_events
from onrecord.extract.quotes import find_quotes
from onrecord.extract.speakers import Speaker, resolve_speaker
from onrecord.nlp import load_nlp
from onrecord.records import Article, Span, Timex
from onrecord.timex.dates import add_duration, period_end
from onrecord.timex.resolve import find_timexes

#: Words that turn a duration inside a statement into a deadline
#: ("within two weeks", "in the next 10 days").
_DEADLINE_CUES = ("within", "in the next", "in the coming", "in")


@dataclass(frozen=True, slots=True)
class Options:
    attribution: AttributionOptions

    @classmethod
    def default(cls) -> Options:
        model = load_model()
        return cls(
            AttributionOptions(cue_verbs=cue_verbs(), model=model, threshold=model.threshold)
        )


def analyze_doc(article: Article, doc: Doc, options: Options) -> dict[str, Any]:
    text = article.text
    quotes = find_quotes(text)
    attributions = extract_attributions(doc, quotes, options.attribution)
    index = build_entities(doc)
    published = article.published.isoformat() if article.published else None
    timexes = find_timexes(text, article.published)
    extra_mentions: dict[str, list[Span]] = {}
    recent: list[tuple[int, str]] = []
    statements: list[dict[str, Any]] = []
    ids: list[str] = []
    for n, att in enumerate(attributions, start=1):
        speaker = resolve_speaker(doc, att.source, att.source_token, index, recent)
        if att.continuation_of is not None:
            prev = statements[att.continuation_of]["speaker"]
            speaker = Speaker(prev["name"], prev["entity"], speaker.span)
        if speaker.entity and att.source:
            recent.append((att.source[0], speaker.entity))
            extra_mentions.setdefault(speaker.entity, []).append(att.source)
        ids.append(f"S{n}")
        statements.append(_statement(ids[-1], att, speaker, doc, text, timexes, published, ids))
    return {
        "id": article.id,
        "title": article.title,
        "published": published,
        "url": article.url,
        "text": text,
        "entities": _entities(index, extra_mentions),
        "statements": statements,
        "timexes": [_timex(t) for t in timexes],
        "events": extract_events(doc, statements, index, timexes, published),
        "event_mentions": event_mentions(doc, timexes),
    }


def _entities(index: EntityIndex, extra: dict[str, list[Span]]) -> list[dict[str, Any]]:
    out = []
    for e in index.entities:
        mentions = set(e.mentions)
        for s in extra.get(e.id, []):
            if not any(m[0] < s[1] and s[0] < m[1] for m in mentions):
                mentions.add(s)  # a pronoun or description that refers to it
        out.append(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "mentions": [list(m) for m in sorted(mentions)],
                # words the article puts before the name ("foreign minister")
                "descriptors": sorted(
                    d for d in index.descriptors.get(e.id, ()) if not d.startswith("@")
                ),
            }
        )
    return out


def _timex(t: Timex) -> dict[str, Any]:
    out: dict[str, Any] = {
        "span": [t.start, t.end],
        "text": t.text,
        "type": t.type,
        "value": t.value,
    }
    if t.mod:
        out["mod"] = t.mod
    return out


def _statement(
    sid: str,
    att: Attribution,
    speaker: Speaker,
    doc: Doc,
    text: str,
    timexes: list[Timex],
    published: str | None,
    ids: list[str],
) -> dict[str, Any]:
    # ``text`` is the article's text: spaCy's Doc.text rebuilds it on every access
    date_tx = _statement_timex(doc, text, att, timexes)
    date = date_tx.value if date_tx else published
    basis = "timex" if date_tx else ("published" if published else None)
    deadline = _deadline(text, att, timexes, date)
    return {
        "id": sid,
        "kind": att.kind,
        "speaker": {
            "name": speaker.name,
            "entity": speaker.entity,
            "span": list(speaker.span) if speaker.span else None,
            "text": text[speaker.span[0] : speaker.span[1]] if speaker.span else None,
        },
        "cue": {"text": text[att.cue[0] : att.cue[1]], "span": list(att.cue)} if att.cue else None,
        "content": {
            "text": " ".join(text[s:e] for s, e in att.content),
            "spans": [list(s) for s in att.content],
        },
        "quotes": [list(q) for q in att.quotes],
        "date": date,
        "date_basis": basis,
        "date_span": [date_tx.start, date_tx.end] if date_tx else None,
        "continues": ids[att.continuation_of] if att.continuation_of is not None else None,
        "deadline": deadline,
    }


def _statement_timex(doc: Doc, text: str, att: Attribution, timexes: list[Timex]) -> Timex | None:
    """The time expression that dates the act of saying ("said Friday")."""
    if att.cue_token is None:
        return None
    cue = doc[att.cue_token]
    content = att.content
    sent = cue.sent
    for tx in timexes:
        if tx.type not in ("DATE", "TIME") or not (sent.start_char <= tx.start < sent.end_char):
            continue
        if any(s <= tx.start < e for s, e in content):
            continue
        if text[tx.end : tx.end + 2] in ("'s", "’s"):
            continue  # "this week's talks" dates the talks, not the saying
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        # "said Friday" (npadvmod), "told X on Thursday" (pobj of a preposition
        # of the cue); not "said of this week's talks" (the talks' date)
        if tok.head.i == cue.i and tok.dep_ in ("npadvmod", "tmod", "advmod", "obl"):
            return tx
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i == cue.i:
            return tx
    return None


#: Words before a date that make it a deadline ("by the end of the month").
_BY_CUES = ("by", "by the end of", "until", "no later than", "before the end of", "by end of")


def _deadline(
    text: str, att: Attribution, timexes: list[Timex], said: str | None
) -> dict[str, Any] | None:
    """A time limit set in the statement: a duration ("within two weeks",
    due counted from the day it was said) or a date ("by the end of the month")."""
    for tx in timexes:
        if not any(s <= tx.start < e for s, e in att.content):
            continue
        before = text[max(0, tx.start - 24) : tx.start].lower().rstrip(" “\"'‘")
        if tx.type == "DURATION" and any(before.endswith(cue) for cue in _DEADLINE_CUES):
            due = add_duration(said, tx.value) if said else None
            return {"text": tx.text, "span": [tx.start, tx.end], "duration": tx.value, "due": due}
        if tx.type == "DATE" and any(before.endswith(cue) for cue in _BY_CUES):
            due = period_end(tx.value)
            if due:
                return {"text": tx.text, "span": [tx.start, tx.end], "duration": None, "due": due}
    return None


# --- many articles -------------------------------------------------------------

_WORKER_OPTIONS: Options | None = None


def init_worker() -> Options:
    """Set up a worker process (or Ray actor) once: spaCy loaded, options built.
    Used as the process pools' initializer by ``analyze_stream`` and ``batch``."""
    global _WORKER_OPTIONS
    if _WORKER_OPTIONS is None:
        _WORKER_OPTIONS = Options.default()
    load_nlp()
    return _WORKER_OPTIONS


def worker_options() -> Options:
    """This worker's options (built on first use where ``init_worker`` did not run)."""
    return _WORKER_OPTIONS or init_worker()


def _analyze_chunk(articles: list[Article]) -> list[dict[str, Any] | InputError]:
    options = worker_options()
    return list(analyze_serial(articles, options))


def analyze_serial(
    articles: list[Article], options: Options
) -> Iterator[dict[str, Any] | InputError]:
    nlp = load_nlp()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        try:
            yield analyze_doc(article, doc, options)
        except Exception as exc:  # one bad document must not stop the batch
            yield InputError(article.origin or article.id, f"analysis failed: {exc!r}")


def analyze_article(article: Article, options: Options | None = None) -> dict[str, Any]:
    """Analyze one article in this process."""
    doc = load_nlp()(article.text)
    return analyze_doc(article, doc, options or Options.default())


def analyze_text(
    text: str,
    published: dt.date | None = None,
    *,
    id: str = "text",
    title: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Analyze a string; offsets in the result refer to ``text`` exactly."""
    return analyze_article(Article(id, text, published, title, url, origin=id))


def analyze_stream(
    items: Iterable[Article | InputError], workers: int | None = None, chunk: int = 8
) -> Iterator[dict[str, Any] | InputError]:
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
        pending: list[tuple[list[Article | InputError], Any]] = []
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


def _merge(batch: list[Article | InputError], fut: Any) -> Iterator[dict[str, Any] | InputError]:
    results = iter(fut.result() if fut is not None else [])
    for item in batch:
        yield item if isinstance(item, InputError) else next(results)


def _resolve_batch(
    batch: list[Article | InputError], run: Any
) -> Iterator[dict[str, Any] | InputError]:
    results = iter(run([a for a in batch if isinstance(a, Article)]))
    for item in batch:
        yield item if isinstance(item, InputError) else next(results)
