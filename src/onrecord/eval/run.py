"""Run the real pipeline over an annotated corpus and score it (I/O edge of
the evaluation modules, which only compute scores)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onrecord.contract import from_json
from onrecord.eval.polnear import Predicted, Scorer
from onrecord.eval.polnear_corpus import load_split
from onrecord.pipeline import analyze_stream
from onrecord.records import Article


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
        from onrecord.errors import OnrecordError

        raise OnrecordError(f"{split}: no PolNeAR documents (expected text/ and attributions/)")
    articles = [Article(g.name, g.text, g.published, origin=g.name) for g in golds]
    scorer = Scorer()
    for gold, record in zip(golds, analyze_stream(articles, workers=workers), strict=True):
        if isinstance(record, Exception):
            scorer.add(gold.text, gold.attributions, [])
            continue
        scorer.add(gold.text, gold.attributions, predicted(record))
    return scorer.result()
