"""Run the real pipeline over an annotated corpus and score it (I/O edge of
the evaluation modules, which only compute scores)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from onrecord.claims.listing import contradictions, utterances
from onrecord.contract import from_json
from onrecord.corpus.accept import accept
from onrecord.errors import OnrecordError
from onrecord.eval.news import PredArticle, PredStatement, Scores, StoreSide, StoreView, evaluate
from onrecord.eval.news_gold import read_gold
from onrecord.eval.polnear import Predicted, Scorer
from onrecord.eval.polnear_corpus import load_split
from onrecord.inputs import read_inputs
from onrecord.pipeline import analyze_stream
from onrecord.records import Article
from onrecord.store import Store, open_store


def predicted(record: dict[str, Any]) -> list[Predicted]:
    """The statements of one ``analyze --json`` record, as the scorer reads them."""
    return [
        Predicted(
            content=st.content.spans,
            cue=(st.cue.span,) if st.cue else (),
            source=(st.speaker.span,) if st.speaker.span else (),
        )
        for st in from_json(record).statements
    ]


def run_polnear(split: Path, workers: int | None = None) -> dict[str, Any]:
    golds = list(load_split(split))
    if not golds:
        raise OnrecordError(f"{split}: no PolNeAR documents (expected text/ and attributions/)")
    articles = [Article(g.name, g.text, g.published, origin=g.name) for g in golds]
    scorer = Scorer()
    for gold, record in zip(golds, analyze_stream(articles, workers=workers), strict=True):
        if isinstance(record, Exception):
            scorer.add(gold.text, gold.attributions, [])
            continue
        scorer.add(gold.text, gold.attributions, predicted(record))
    return scorer.result()


def news_article(record: dict[str, Any]) -> PredArticle:
    """One ``analyze --json`` record as the newsdev scorer reads it."""
    statements = tuple(
        PredStatement(
            id=st.id,
            spans=st.content.spans,
            speaker=st.speaker.name or st.speaker.text,
            date=st.date,
            deadline=st.deadline.text if st.deadline else None,
            due=st.deadline.due if st.deadline else None,
        )
        for st in from_json(record).statements
    )
    narrated = tuple((d["text"], d["due"]) for d in record.get("deadlines", ()))
    return PredArticle(record["id"], record["text"], statements, narrated)


def store_view(store: Store) -> StoreView:
    """The statements' actors and the listed contradictions of an ingested store."""
    actor_of: dict[tuple[str, str], int | None] = {}
    spans: dict[int, StoreSide] = {}
    for st in store.iter_statements():
        actor_of[(st["article"], st["statement"])] = st["actor_id"]
        spans[st["id"]] = StoreSide(st["article"], tuple((s, e) for s, e in st["spans"]))
    items = []
    for item in contradictions(store, limit=1_000_000):
        pairs = [(spans.get(a), spans.get(b)) for a, b in item["pairs"]]
        items.append([(a, b) for a, b in pairs if a is not None and b is not None])
    utterance_of: dict[tuple[str, str], int] = {}
    labels = {st["id"]: (st["article"], st["statement"]) for st in store.iter_statements()}
    for utt in utterances(store):
        for report in utt["statements"]:
            utterance_of[labels[report["statement"]]] = utt["id"]
    return StoreView(actor_of, items, utterance_of)


def run_news(path: Path, workers: int | None = None) -> Scores:
    """Analyze ``path``/articles.jsonl, ingest it into a throw-away SQLite store
    and score both against ``path``/gold.json (:mod:`onrecord.eval.news`)."""
    articles_file, gold_file = path / "articles.jsonl", path / "gold.json"
    if not articles_file.is_file() or not gold_file.is_file():
        raise OnrecordError(f"{path}: not a newsdev corpus (expected articles.jsonl and gold.json)")
    gold = read_gold(gold_file)
    items = list(read_inputs([articles_file]))
    origins = {a.id: a.origin for a in items if isinstance(a, Article)}
    predicted: dict[str, PredArticle] = {}
    with (
        tempfile.TemporaryDirectory(prefix="onrecord-news-") as tmp,
        open_store(str(Path(tmp) / "news.db")) as store,
    ):
        for record in analyze_stream(items, workers=workers):
            if isinstance(record, Exception):
                continue  # scored as an article with no statements
            predicted[record["id"]] = news_article(record)
            accept(store, record, origins.get(record["id"]))
        store.resolve_descriptions()  # as `ingest` does after its articles
        view = store_view(store)
    return evaluate(gold, predicted, view)
