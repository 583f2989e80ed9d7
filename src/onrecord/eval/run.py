"""Run the real pipeline over an annotated corpus and score it (I/O edge of
the evaluation modules, which only compute scores)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onrecord.eval.polnear import Predicted, Scorer
from onrecord.eval.polnear_corpus import load_split
from onrecord.pipeline import analyze_stream
from onrecord.records import Article


def predicted(record: dict[str, Any]) -> list[Predicted]:
    out = []
    for st in record["statements"]:
        out.append(
            Predicted(
                content=tuple(tuple(s) for s in st["content"]["spans"]),
                cue=(tuple(st["cue"]["span"]),) if st["cue"] else (),
                source=(tuple(st["speaker"]["span"]),) if st["speaker"]["span"] else (),
            )
        )
    return out


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
