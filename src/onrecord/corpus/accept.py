"""Storing an article: the steps ``ingest``, ``load`` and the API's POST share.

1. :func:`check`: the input's content hash, and whether the store already
   has it (same normalized text, or near-duplicate text at the same URL):
   then it is a duplicate and need not be analyzed; other text at a stored
   URL is stored as a new version of the article there;
2. the analysis, by the caller (one article, or many on all cores);
3. :func:`prepare`: the record with its content hash, MinHash signature and
   bands, as the store takes it (:data:`onrecord.store.PreparedArticle`);
4. :func:`accept`: stored, in one transaction (or many prepared ones at once
   with ``Store.add_many``), linked to the original if a near-duplicate.

The store checks again in the transaction, so two writers racing on one
article store it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onrecord.store import AddResult, PreparedArticle, Store
from onrecord.store.dedupe import bands, content_hash, signature


@dataclass(frozen=True, slots=True)
class Checked:
    """An input looked up in the store before analysis."""

    content_hash: str
    #: the stored article it repeats (status "duplicate"), or None: analyze it
    duplicate: AddResult | None


def check(store: Store, text: str, url: str | None) -> Checked:
    """The content hash of an input's text, and whether it is stored already
    (the same text, or a near-duplicate of the latest version at its URL; other
    text at a stored URL is a new version, to analyze)."""
    digest = content_hash(text)
    existing = store.known(url, digest, text)
    duplicate = AddResult("duplicate", existing, existing) if existing is not None else None
    return Checked(digest, duplicate)


def prepare(
    record: dict[str, Any], origin: str | None, digest: str | None = None
) -> PreparedArticle:
    """An analyzed record with its keys: its content hash (``digest``, the
    one :func:`check` gave its input, else its own text's), its MinHash
    signature and bands."""
    text = record["text"]
    sig = signature(text)
    return record, digest or content_hash(text), sig, bands(sig), origin


def accept(
    store: Store, record: dict[str, Any], origin: str | None, digest: str | None = None
) -> AddResult:
    """Store one analyzed record (see :func:`prepare` for ``digest``)."""
    return store.add(*prepare(record, origin, digest))
