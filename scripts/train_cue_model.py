"""Train the cue model (``src/onrecord/data/cue_model.json``) on PolNeAR train.

Data: PolNeAR v1.0.0 (Newell, Margolin & Ruths 2018), train split only, read
from ``../shared/data/polnear/train``; the weights store feature names and
numbers, no article text. A candidate (a verb with a complement, exactly as
``onrecord.extract.attribution.verb_candidates`` finds them) is positive when its
content overlaps a gold content by at least half of the longer of the two.
Model: L2-regularized logistic regression trained with AdaGrad.

    python scripts/train_cue_model.py [--split DIR] [--cache train.pkl]
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from onrecord.eval.polnear import _length, _overlap
from onrecord.eval.polnear_corpus import load_split
from onrecord.extract.attribution import verb_candidates
from onrecord.extract.quotes import find_quotes
from onrecord.nlp import load_nlp

OUT = Path(__file__).resolve().parents[1] / "src/onrecord/data/cue_model.json"


Example = tuple[list[str], np.ndarray, int]


def examples(split: Path, cache: Path | None) -> list[Example]:
    golds = list(load_split(split))
    nlp = load_nlp()
    if cache is not None and cache.exists():
        # a pickled list of Doc.to_bytes(), tensors included (parsing is slow)
        blobs = pickle.loads(cache.read_bytes())
        docs = [Doc(nlp.vocab).from_bytes(b) for b in blobs]
    else:
        docs = list(nlp.pipe((g.text for g in golds), n_process=2, batch_size=16))
    out = []
    for gold, doc in zip(golds, docs, strict=True):
        for ti, content, feats in verb_candidates(doc, find_quotes(doc.text)):
            tok = doc[ti]
            label = any(s <= tok.idx < e for g in gold.attributions for s, e in g.cue) or any(
                _overlap(g.content, content) >= 0.5 * max(_length(g.content), _length(content))
                and _overlap(g.content, content) > 0
                for g in gold.attributions
            )
            out.append((feats.sparse, feats.dense, int(label)))
    return out


def train(
    data: list[Example], epochs: int = 5, l2: float = 1e-4, lr: float = 0.3, dense_lr: float = 0.1
) -> tuple[float, dict[str, float], np.ndarray]:
    weights: dict[str, float] = {}
    grads: dict[str, float] = {}
    bias, gbias = 0.0, 0.0
    width = len(data[0][1]) if data else 0
    dense = np.zeros(width, dtype=np.float64)
    gdense = np.full(width, 1e-8)
    rng = random.Random(13)
    for _ in range(epochs):
        rng.shuffle(data)
        for feats, vec, y in data:
            z = bias + sum(weights.get(f, 0.0) for f in feats) + float(dense @ vec)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y
            gbias += g * g
            bias -= lr * g / math.sqrt(gbias + 1e-8)
            for f in feats:
                w = weights.get(f, 0.0)
                gf = g + l2 * w
                grads[f] = grads.get(f, 0.0) + gf * gf
                weights[f] = w - lr * gf / math.sqrt(grads[f] + 1e-8)
            gd = g * vec + l2 * dense
            gdense += gd * gd
            dense -= dense_lr * gd / np.sqrt(gdense)
    sparse = {f: round(w, 4) for f, w in weights.items() if abs(w) >= 1e-3}
    return bias, sparse, dense


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", type=Path, default=Path("../shared/data/polnear/train"))
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    data = examples(args.split, args.cache)
    pos = sum(y for _, _, y in data)
    print(f"{len(data)} candidates, {pos} positive")
    bias, weights, dense = train(data)
    OUT.write_text(
        json.dumps(
            {
                "about": "logistic cue model, PolNeAR v1.0.0 train; scripts/train_cue_model.py",
                "threshold": args.threshold,
                "bias": round(bias, 4),
                "weights": dict(sorted(weights.items())),
                "dense": [round(float(x), 5) for x in dense],
            },
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(weights)} weights to {OUT}")


if __name__ == "__main__":
    main()
