"""Exact and near-duplicate signatures for article texts (pure functions, no I/O).

* :func:`content_hash`: SHA-256 of :func:`normalize_text`, so the same
  article with different case, whitespace or punctuation hashes the same.
* :func:`signature`: a MinHash (datasketch) over the word 5-shingles of the
  normalized text; :func:`similarity` of two signatures estimates the Jaccard
  similarity of their shingle sets.  Everything is seeded and hashed with
  SHA-1, never Python's per-process ``hash()``, so a signature is the same in
  every process and run and can be stored.
* :func:`bands`: locality-sensitive hashing.  The signature is cut into
  :data:`BANDS` bands of ``rows`` values; each band is hashed to one signed
  64-bit integer (it fits an indexed SQL ``INTEGER``/``BIGINT`` column).  Two
  texts sharing any band value are *candidates*, to be confirmed with
  :func:`similarity` >= :data:`NEAR_DUPLICATE_THRESHOLD`.

Banding choice: 128 permutations as 21 bands of 6 rows (126 values used).
A pair with Jaccard similarity ``s`` shares at least one band with
probability ``1 - (1 - s**6)**21`` (:func:`candidate_probability`):

========  ============
Jaccard   P(candidate)
========  ============
0.9       > 0.99999
0.8       0.998
0.7       0.93
0.5       0.28
0.3       0.015
0.1       0.00002
========  ============

So near-duplicates (>= 0.8) are practically always found, while unrelated
news articles, whose 5-shingle Jaccard is typically below 0.05, practically
never collide.  Pairs around 0.5 do become candidates a quarter of the time;
that costs one :func:`similarity` comparison each and no wrong answer.  (16
bands of 8 rows would miss about 5% of pairs at 0.8.)
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Sequence

#: Estimated Jaccard similarity from which two articles count as near-duplicates.
NEAR_DUPLICATE_THRESHOLD = 0.8
#: MinHash permutations per signature.
NUM_PERM = 128
#: LSH bands per signature (rows per band: ``NUM_PERM // BANDS`` = 6).
BANDS = 21
#: Words per shingle.
SHINGLE_SIZE = 5
#: MinHash seed: fixed, so signatures are comparable across runs.  Changing it
#: (or the shingling, or :func:`normalize_text`) invalidates stored signatures.
SEED = 20250822

_MAX_HASH = (1 << 32) - 1  # datasketch's affine32 "no value" sentinel
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_NOISE = re.compile(r"[^\w\s]|_")


def normalize_text(text: str) -> str:
    """Text reduced to its words: NFKC, case-folded, punctuation and symbols removed.

    Apostrophes are dropped (``don't`` -> ``dont``); every other punctuation
    mark or symbol becomes a space; runs of whitespace collapse to one space;
    the result is stripped.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _NOISE.sub(" ", text)
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 hex digest of :func:`normalize_text` of ``text``: exact duplicates."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """The word ``size``-shingles of the normalized text.

    A text of fewer than ``size`` words is one shingle; an empty text none.
    """
    words = normalize_text(text).split()
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> list[int]:
    """MinHash signature (``num_perm`` integers in ``[0, 2**32)``) of ``text``'s shingles.

    Stable across calls, processes and runs.  A text with no words gets the
    empty signature (every value ``2**32 - 1``), which :func:`similarity`
    treats as similar to nothing and :func:`bands` indexes nowhere.
    """
    # imported here: datasketch takes most of a second to import
    from datasketch import MinHash
    from datasketch.hashfunc import sha1_hash32

    minhash = MinHash(num_perm=num_perm, seed=SEED, hashfunc=sha1_hash32, scheme="affine32")
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return [int(value) for value in minhash.hashvalues]


def is_empty_signature(sig: Sequence[int]) -> bool:
    """Whether ``sig`` is the signature of a text with no words."""
    return all(value == _MAX_HASH for value in sig)


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal values.

    0.0 if either is an empty signature.  ValueError if the lengths differ.
    """
    if len(sig_a) != len(sig_b):
        raise ValueError(f"signatures differ in length ({len(sig_a)} != {len(sig_b)})")
    if not sig_a or is_empty_signature(sig_a) or is_empty_signature(sig_b):
        return 0.0
    return sum(a == b for a, b in zip(sig_a, sig_b, strict=True)) / len(sig_a)


def bands(sig: Sequence[int], bands: int = BANDS) -> list[int]:
    """One signed 64-bit hash per LSH band of ``sig`` (``len(sig) // bands`` rows each).

    Band ``i``'s value hashes the band number, the row count and the band's
    values, so equal values in different bands, or under another banding, do
    not collide.  An empty signature has no bands (``[]``).  ValueError if
    ``sig`` is shorter than ``bands``.
    """
    if bands < 1:
        raise ValueError(f"bands must be positive, got {bands}")
    rows = len(sig) // bands
    if rows < 1:
        raise ValueError(f"a signature of {len(sig)} values cannot make {bands} bands")
    if is_empty_signature(sig):
        return []
    out: list[int] = []
    for band in range(bands):
        values = sig[band * rows : (band + 1) * rows]
        data = struct.pack(f"<II{rows}Q", band, rows, *values)
        digest = hashlib.blake2b(data, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def candidate_probability(jaccard: float, bands: int = BANDS, rows: int | None = None) -> float:
    """Probability that a pair with Jaccard similarity ``jaccard`` shares a band.

    ``rows`` defaults to ``NUM_PERM // bands``.
    """
    rows = NUM_PERM // bands if rows is None else rows
    return float(1.0 - (1.0 - jaccard**rows) ** bands)
