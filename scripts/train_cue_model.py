"""Train the cue model (``src/onrecord/data/cue_model.json``) on PolNeAR train.

Data: PolNeAR v1.0.0 (Newell, Margolin & Ruths 2018), train split only, read
from ``../shared/data/polnear/train``; the weights store feature names and
numbers, no article text. A candidate (a verb with a complement, exactly as
``onrecord.attribution.verb_candidates`` finds them) is positive when its
content overlaps a gold content by at least half of the longer of the two.
Model: L2-regularized logistic regression trained with AdaGrad.

    python scripts/train_cue_model.py [--split DIR] [--cache DIR/train.spacy]
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

from spacy.tokens import DocBin

from onrecord.attribution import verb_candidates
from onrecord.eval_polnear import _length, _overlap
from onrecord.nlp import load_nlp
from onrecord.polnear import load_split
from onrecord.quotes import find_quotes

OUT = Path(__file__).resolve().parents[1] / "src/onrecord/data/cue_model.json"


def examples(split: Path, cache: Path | None) -> list[tuple[list[str], int]]:
    golds = list(load_split(split))
    nlp = load_nlp()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((g.text for g in golds), n_process=2, batch_size=16))
    out = []
    for gold, doc in zip(golds, docs, strict=True):
        for _, content, feats in verb_candidates(doc, find_quotes(doc.text)):
            label = any(
                _overlap(g.content, content) >= 0.5 * max(_length(g.content), _length(content))
                and _overlap(g.content, content) > 0
                for g in gold.attributions
            )
            out.append((feats, int(label)))
    return out


def train(
    data: list[tuple[list[str], int]], epochs: int = 5, l2: float = 1e-4, lr: float = 0.3
) -> tuple[float, dict[str, float]]:
    weights: dict[str, float] = {}
    grads: dict[str, float] = {}
    bias, gbias = 0.0, 0.0
    rng = random.Random(13)
    for _ in range(epochs):
        rng.shuffle(data)
        for feats, y in data:
            z = bias + sum(weights.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y
            gbias += g * g
            bias -= lr * g / math.sqrt(gbias + 1e-8)
            for f in feats:
                w = weights.get(f, 0.0)
                gf = g + l2 * w
                grads[f] = grads.get(f, 0.0) + gf * gf
                weights[f] = w - lr * gf / math.sqrt(grads[f] + 1e-8)
    return bias, {f: round(w, 4) for f, w in weights.items() if abs(w) >= 1e-3}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", type=Path, default=Path("../shared/data/polnear/train"))
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    data = examples(args.split, args.cache)
    pos = sum(y for _, y in data)
    print(f"{len(data)} candidates, {pos} positive")
    bias, weights = train(data)
    OUT.write_text(
        json.dumps(
            {
                "about": "logistic cue model, PolNeAR v1.0.0 train; scripts/train_cue_model.py",
                "threshold": args.threshold,
                "bias": round(bias, 4),
                "weights": dict(sorted(weights.items())),
            },
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(weights)} weights to {OUT}")


if __name__ == "__main__":
    main()
