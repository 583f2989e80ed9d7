"""A small learned filter: is this verb with a complement an attribution?

The cue lexicon alone cannot tell "Trump *claimed* that …" (an attribution)
from "the report *found* its way …". Each candidate verb — any verb outside a
quotation whose parse gives it a complement — is described by a few sparse
features (its lemma, how often the lemma was a cue in PolNeAR train, the
complement's shape, the subject's kind) and scored by a logistic model trained
on PolNeAR train (``scripts/train_cue_model.py``; weights in
``data/cue_model.json``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from spacy.tokens import Token

from onrecord.extract.cues import load_lexicon

_RATE_BUCKETS = (0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7)
_LEN_BUCKETS = (2, 4, 8, 16, 32)


#: Width of the parser's contextual token vectors (en_core_web_sm tok2vec).
DENSE_WIDTH = 96
#: Tokens whose contextual vectors are features: the cue, the content's head,
#: the speaker's head.
DENSE_SLOTS = 3


@dataclass(frozen=True, slots=True)
class CueModel:
    bias: float
    weights: dict[str, float]
    threshold: float
    dense: np.ndarray | None = None

    def probability(self, features: Iterable[str], dense: np.ndarray | None = None) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        if self.dense is not None and dense is not None:
            z += float(self.dense @ dense)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def dense_features(verb: Token, content_head: Token | None, subject: Token | None) -> np.ndarray:
    """The parser's contextual vectors of the cue, content head and speaker
    (zeros where a slot is empty or the Doc carries no tensor)."""
    tensor = verb.doc.tensor
    out = np.zeros(DENSE_WIDTH * DENSE_SLOTS, dtype=np.float32)
    if tensor is None or tensor.shape[0] != len(verb.doc) or tensor.shape[-1] != DENSE_WIDTH:
        return out
    for slot, tok in enumerate((verb, content_head, subject)):
        if tok is not None:
            out[slot * DENSE_WIDTH : (slot + 1) * DENSE_WIDTH] = tensor[tok.i]
    return out


@cache
def load_model() -> CueModel:
    raw = json.loads(
        resources.files("onrecord").joinpath("data/cue_model.json").read_text(encoding="utf-8")
    )
    dense = np.asarray(raw["dense"], dtype=np.float32) if raw.get("dense") else None
    return CueModel(float(raw["bias"]), dict(raw["weights"]), float(raw["threshold"]), dense)


@cache
def _rates() -> dict[str, float]:
    return {e.lemma: e.rate for e in load_lexicon() if e.pos == "VERB"}


def _bucket(value: float, bounds: Sequence[float]) -> int:
    return sum(value >= b for b in bounds)


def features(
    verb: Token, content: Sequence[Token], shape: str, has_quote: bool, subject: Token | None
) -> list[str]:
    lemma = verb.lemma_.lower()
    rate = _rates().get(lemma, 0.0)
    first = content[0] if content else None
    feats = [
        f"lemma={lemma}",
        f"rate={_bucket(rate, _RATE_BUCKETS)}",
        f"shape={shape}",
        f"lemma+shape={lemma}+{shape}",
        f"dep={verb.dep_}",
        f"tag={verb.tag_}",
        f"quote={has_quote}",
        f"len={_bucket(len(content), _LEN_BUCKETS)}",
        f"rate+shape={_bucket(rate, _RATE_BUCKETS)}+{shape}",
    ]
    if first is not None:
        function_word = first.tag_ in ("IN", "WDT", "WP", "WRB", "TO")
        feats.append(f"first={first.lower_ if function_word else first.pos_}")
    if subject is None:
        feats.append("subj=none")
    else:
        kind = subject.ent_type_ or subject.pos_
        feats.append(f"subj={kind}")
        feats.append(f"lemma+subj={lemma}+{kind}")
        if subject.pos_ == "PRON":
            feats.append(f"subjpron={subject.lower_}")
    for child in verb.children:
        if child.dep_ == "neg":
            feats.append("neg")
        elif child.dep_ == "aux" and child.tag_ == "MD":
            feats.append("modal")
        elif child.dep_ == "prep" and child.i > verb.i:
            feats.append(f"lemma+prep={lemma}+{child.lower_}")
        elif child.dep_ == "auxpass":
            feats.append("passive")
    if verb.sent.start == 0:
        feats.append("first_sentence")
    return feats
