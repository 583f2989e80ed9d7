"""The contradictions a user is shown: event statuses that cannot both hold
(from the store's event groups) and opposed claims (from the statements'
words and vectors), ranked by confidence, each saying why.

The I/O edge of :mod:`onrecord.claims`: reads the store, embeds what is not
cached yet, returns plain dicts for the CLI, the web and the evaluation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from onrecord.claims.contradictions import ClaimItem, claim_items
from onrecord.store import Store

#: Items below this confidence are not listed unless asked for.
MIN_CONFIDENCE = 0.65

EmbedFn = Callable[[Sequence[str]], np.ndarray]


def contradictions(
    store: Store,
    limit: int = 100,
    min_confidence: float = MIN_CONFIDENCE,
    kind: str | None = None,
    embed_fn: EmbedFn | None = None,
) -> list[dict[str, Any]]:
    """Status and claim contradictions of the store, most confident first."""
    items: list[dict[str, Any]] = []
    if kind in (None, "status"):
        items += store.contradictions(limit=1_000_000)
    if kind in (None, "claim"):
        items += claim_contradictions(store, embed_fn)
    items = [c for c in items if c["confidence"] >= min_confidence]
    items.sort(key=lambda c: (-c["confidence"], c["a"].get("asserted") or ""))
    return items[:limit]


def claim_contradictions(store: Store, embed_fn: EmbedFn | None = None) -> list[dict[str, Any]]:
    from onrecord.positions.table import statement_vectors

    statements = list(store.iter_statements())
    if not statements:
        return []
    vectors = statement_vectors(store, statements, embed_fn)
    return [_item(it, statements) for it in claim_items(statements, vectors)]


def _side(st: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "event": None,
        "status": None,
        "source": st.get("speaker") or st.get("speaker_text"),
        "source_actor_id": st.get("actor_id"),
        "condition": None,
        "asserted": st.get("date"),
        "evidence": st["content"],
        "evidence_span": st["spans"][0] if st.get("spans") else None,
        "statement_id": st["id"],
        "statement": st["content"],
        "article_id": st["article_id"],
        "article": st["article"],
        "title": st.get("title"),
        "url": st.get("url"),
        "published": st.get("published"),
    }


def _item(item: ClaimItem, statements: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    best = item.pairs[0]
    a, b = statements[best.a], statements[best.b]
    same = item.sources[0] == item.sources[1]
    who_a = a.get("speaker") or a.get("speaker_text")
    who_b = b.get("speaker") or b.get("speaker_text")
    return {
        "event": None,
        "event_name": None,
        "event_type": None,
        "kind": "claim",
        "relation": "stance change" if same else "across sources",
        "confidence": item.confidence,
        "why": (
            f"{who_a} {'affirms' if best.affirmed_first else 'negates'} and {who_b} "
            f"{'negates' if best.affirmed_first else 'affirms'} '{best.opposed[0]}'"
            + (
                f" (also {', '.join(repr(t) for t in best.opposed[1:])})"
                if best.opposed[1:]
                else ""
            )
            + f"; similarity {best.similarity:.2f}, {len(item.pairs)} report pair"
            + ("s" if len(item.pairs) != 1 else "")
        ),
        "a": _side(a),
        "b": _side(b),
        "pairs": [[statements[p.a]["id"], statements[p.b]["id"]] for p in item.pairs],
    }


def utterances(
    store: Store,
    actor_id: int | None = None,
    embed_fn: EmbedFn | None = None,
    cached_only: bool = False,
) -> list[dict[str, Any]]:
    """The store's utterances reported more than once, the latest first; with
    ``actor_id``, only that actor's. An utterance's id is the store id of its
    first report. With ``cached_only``, only statements whose vectors are
    cached already take part (nothing is embedded: for page views)."""
    from onrecord.claims.utterances import group_utterances, variants, verbatim
    from onrecord.positions.embeddings import MODEL_NAME
    from onrecord.positions.table import embedded, statement_vectors

    if cached_only:
        statements, cached = embedded(store)
    else:
        cached = store.vectors(MODEL_NAME)
        statements = list(store.iter_statements())
    if not statements:
        return []
    vectors = statement_vectors(store, statements, embed_fn, cached=cached)
    out = []
    for utt in group_utterances(statements, vectors):
        members = [statements[i] for i in utt.members]
        if actor_id is not None and members[0].get("actor_id") != actor_id:
            continue
        first = members[0]
        out.append(
            {
                "id": first["id"],
                "actor": first.get("speaker") or first.get("speaker_text"),
                "actor_id": first.get("actor_id"),
                "date": min((m["date"] for m in members if m.get("date")), default=None),
                "first_reported": _report(first),
                "statements": [
                    {**_report(m), "content": m["content"], "verbatim": verbatim(m)}
                    for m in members
                ],
                "variants": variants(members),
            }
        )
    out.sort(key=lambda u: (u["first_reported"]["published"] or "", u["id"]), reverse=True)
    return out


def _report(st: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "article": st["article"],
        "article_id": st["article_id"],
        "statement": st["id"],
        "date": st.get("date"),
        "published": st.get("published"),
        "title": st.get("title"),
        "url": st.get("url"),
    }


#: (store, version) -> statement id -> (utterance id, reports): the last few stores seen
_INDEX: dict[tuple[int, int], dict[int, tuple[int, int]]] = {}
_INDEX_KEEP = 4


def utterance_index(store: Store) -> dict[int, tuple[int, int]]:
    """Each grouped statement's utterance id and the number of its reports,
    computed once per store version from the vectors cached so far (pages
    link statements to it; a page view embeds nothing)."""
    key = (id(store), store.version())
    found = _INDEX.get(key)
    if found is None:
        found = {}
        for u in utterances(store, cached_only=True):
            for st in u["statements"]:
                found[int(st["statement"])] = (int(u["id"]), len(u["statements"]))
        if len(_INDEX) >= _INDEX_KEEP:
            _INDEX.pop(next(iter(_INDEX)))
        _INDEX[key] = found
    return found


def deadlines(
    store: Store, as_of: dt.date | None = None, cached_only: bool = False
) -> list[dict[str, Any]]:
    """The store's deadlines, each with what later statements report became of
    it (``history``: met, extended or missed, oldest first) and the latest of
    those as ``outcome`` (None: nothing reported yet). Only the deadlines'
    statements and those that speak of an outcome are embedded; with
    ``cached_only``, none: only statements embedded already are followed up."""
    from onrecord.claims.deadlines import follow_ups, outcome
    from onrecord.positions.table import statement_vectors

    found = store.deadlines(as_of)
    if not found:
        return found
    setting = {d["statement_id"] for d in found}
    wanted, reports = [], []
    cached: dict[int, bytes] | None = None
    if cached_only:
        from onrecord.positions.embeddings import MODEL_NAME

        cached = store.vectors(MODEL_NAME)
    for st in store.iter_statements():
        if cached is not None and int(st["id"]) not in cached:
            continue
        status = outcome(str(st["content"]))  # once per statement, not per deadline
        if status is not None:
            reports.append((st, status))
        if status is not None or st["id"] in setting:
            wanted.append(st)
    vectors = statement_vectors(store, wanted, cached=cached)
    vector_of = {int(st["id"]): v for st, v in zip(wanted, vectors, strict=True)}
    for d in found:
        d["history"] = follow_ups(d, reports, vector_of)
        d["outcome"] = d["history"][-1]["status"] if d["history"] else None
    return found
