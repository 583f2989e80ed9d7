"""A store's size and health, as ``onrecord stats`` reports it: how much of
the record a user can trust at a glance (speakers resolved to an actor,
statements dated by their own words rather than the publication day) and
what the cross-source views hold (events, contradictions, utterances,
deadlines)."""

from __future__ import annotations

from typing import Any

from onrecord.store import Store


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def corpus_health(store: Store) -> dict[str, Any]:
    """The store's counts and shares. Utterances are counted over statements
    already embedded (nothing is embedded here); None when none are."""
    from onrecord.claims.listing import MIN_CONFIDENCE
    from onrecord.claims.listing import utterances as utterance_listing
    from onrecord.positions.embeddings import MODEL_NAME

    info = dict(store.stats())
    statements = resolved = by_publication = undated = 0
    for st in store.iter_statements():
        statements += 1
        resolved += st.get("actor_id") is not None
        by_publication += st.get("date_basis") == "published"
        undated += not st.get("date")
    info["speakers_resolved"] = _share(resolved, statements)
    info["dated_by_publication_only"] = _share(by_publication, statements)
    info["undated"] = _share(undated, statements)
    info["events"] = sum(n for _, n in store.event_types())
    info["status_contradictions"] = sum(
        1 for c in store.contradictions(limit=1_000_000) if c["confidence"] >= MIN_CONFIDENCE
    )
    embedded = store.vector_count(MODEL_NAME)
    info["statements_embedded"] = embedded
    info["utterances_reported_twice_or_more"] = (
        len(utterance_listing(store, cached_only=True)) if embedded else None
    )
    info["deadlines"] = len(store.deadlines())
    return info
