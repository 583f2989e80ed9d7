"""Positions: an actor × topic table of stances, from the statements in the store.

Statement content is embedded (:mod:`onrecord.positions.embeddings`), clustered into
named topics (:mod:`onrecord.positions.topics`), each statement gets a stance
(:mod:`onrecord.positions.stance`), and each actor × topic cell takes its statements'
majority stance. Vectors are cached in the store's own database, in a table of
this module (``statement_vectors``), so a second run embeds only statements
added since; the fitted topics are kept there too (:mod:`onrecord.positions.model`),
so a second run only assigns statements to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from onrecord.positions import model
from onrecord.positions.model import TopicModel, fit
from onrecord.positions.stance import aggregate, stance_of
from onrecord.positions.topics import (
    DEFAULT_THRESHOLD,
    Topic,
    clusterable,
    match_topic,
)
from onrecord.store.interface import Store

EmbedFn = Callable[[Sequence[str]], np.ndarray]

#: statements embedded and written per transaction (an interrupted run keeps its work)
CHUNK = 512


def embedded(store: Store) -> tuple[list[dict[str, Any]], dict[int, bytes]]:
    """The statements whose content vectors are cached already, in the store's
    order, and those vectors by statement id (nothing is embedded: for page
    views and listings of what is compared)."""
    from onrecord.positions import embeddings

    cached = store.vectors(embeddings.MODEL_NAME)
    if not cached:
        return [], cached
    return [st for st in store.iter_statements() if int(st["id"]) in cached], cached


def statement_vectors(
    store: Store,
    statements: Sequence[dict[str, Any]],
    embed_fn: EmbedFn | None = None,
    model: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cached: dict[int, bytes] | None = None,
) -> np.ndarray:
    """The unit vectors of ``statements``' content, in order: read from the
    store's ``statement_vectors`` table (or ``cached``, what the caller read of
    it already), the missing ones embedded and written."""
    from onrecord.positions import embeddings

    embed_fn = embed_fn or embeddings.embed
    model = model or embeddings.MODEL_NAME
    ids = [int(s["id"]) for s in statements]
    if cached is None:
        cached = store.vectors(model)  # statement id -> float32 bytes
    missing = [i for i, sid in enumerate(ids) if sid not in cached]
    for start in range(0, len(missing), CHUNK):
        part = missing[start : start + CHUNK]
        vecs = np.asarray(embed_fn([statements[i]["content"] for i in part]), dtype=np.float32)
        rows = [(ids[i], v.tobytes()) for i, v in zip(part, vecs, strict=True)]
        store.save_vectors(model, rows)
        cached.update(rows)
        if progress:
            progress(min(start + CHUNK, len(missing)), len(missing))
    if not ids:
        return np.zeros((0, 384), dtype=np.float32)
    # one buffer for all: stacking 100,000 small arrays costs seconds
    flat = np.frombuffer(b"".join(cached[sid] for sid in ids), dtype=np.float32)
    return flat.reshape(len(ids), -1)


@dataclass
class Positions:
    topics: list[Topic]  # the topics shown, largest first
    cells: list[dict[str, Any]]  # {"actor", "actor_id", "topic", "stance", "statements", "counts"}
    actors: list[str]  # row order: most statements in the shown topics first
    statements: dict[int, dict[str, Any]]  # id → statement (with its "stance" and "cue")
    matched: list[tuple[Topic, float]] | None = None  # --topic: the topics and similarity

    def to_json(self) -> dict[str, Any]:
        return {
            "topics": [{"id": t.id, "name": t.name, "size": t.size} for t in self.topics],
            "cells": self.cells,
        }


def positions(
    statements: Sequence[dict[str, Any]],
    vectors: np.ndarray,
    topic: str | None = None,
    top_actors: int = 15,
    min_size: int = 3,
    threshold: float = DEFAULT_THRESHOLD,
    embed_fn: EmbedFn | None = None,
    fitted: TopicModel | None = None,
) -> Positions:
    """The actor × topic table of ``statements`` (store statement dicts, aligned
    with their ``vectors``). Statements too short to say anything are left out
    of the topics; only statements with an actor make cells. With ``fitted``,
    the statements join its topics (nearest centroid) instead of being clustered."""
    keep = [i for i, s in enumerate(statements) if clusterable(s["content"])]
    stmts = [statements[i] for i in keep]
    vecs = vectors[keep] if keep else np.zeros((0, vectors.shape[1]), dtype=np.float32)
    if embed_fn is None:
        from onrecord.positions.embeddings import embed as embed_fn
    if fitted is None:
        fitted = fit([s["content"] for s in stmts], vecs, threshold, embed_fn, surnames(stmts))
    found = fitted.topics(fitted.assign(vecs))
    shown = [t for t in found if t.size >= min_size]
    matched = None
    if topic is not None:
        matched = match_topic(topic, shown, embed_fn=embed_fn)
        shown = [t for t, _ in matched]
    names: dict[int, str] = {}
    per_actor: Counter[int] = Counter()
    for t in shown:
        for i in t.members:
            s = stmts[i]
            if s.get("actor_id") is not None:
                names[int(s["actor_id"])] = s["speaker"]
                per_actor[int(s["actor_id"])] += 1
    rows = [a for a, _ in sorted(per_actor.items(), key=lambda kv: (-kv[1], names[kv[0]]))]
    rows = rows[:top_actors]
    wanted = set(rows)
    by_id: dict[int, dict[str, Any]] = {}
    groups: dict[tuple[int, int], list[tuple[int, str, str | None]]] = {}
    for t in shown:
        for i in t.members:
            s = stmts[i]
            if s.get("actor_id") is None or int(s["actor_id"]) not in wanted:
                continue  # stances only for the rows shown
            st = stance_of(s["content"])
            by_id[int(s["id"])] = {**s, "stance": st.stance, "cue": st.cue}
            key = (int(s["actor_id"]), t.id)
            groups.setdefault(key, []).append((int(s["id"]), st.stance, s["sort_date"]))
    order = {t.id: k for k, t in enumerate(shown)}
    cells = []
    for actor in rows:
        for tid in sorted((tid for a, tid in groups if a == actor), key=order.__getitem__):
            cell = aggregate(groups[(actor, tid)])
            cells.append({
                "actor": names[actor],
                "actor_id": actor,
                "topic": tid,
                "stance": cell.stance,
                "statements": list(cell.statements),
                "counts": cell.counts,
            })  # fmt: skip
    return Positions(shown, cells, [names[a] for a in rows], by_id, matched)


def cached_positions(store: Store, top_actors: int = 15, min_size: int = 3) -> Positions | None:
    """The table from what the store keeps: its saved topic model and the
    statements already embedded (nothing is embedded or fitted: for page
    views); None when `onrecord positions` has not been run on it yet."""
    from onrecord.positions import embeddings

    fitted = model.load(store, embeddings.MODEL_NAME)
    if fitted is None:
        return None
    statements, cached = embedded(store)
    if not statements:
        return None
    flat = np.frombuffer(b"".join(cached[int(st["id"])] for st in statements), dtype=np.float32)
    vectors = flat.reshape(len(statements), -1)
    return positions(statements, vectors, None, top_actors, min_size, fitted.threshold,
                     fitted=fitted)  # fmt: skip


def surnames(statements: Sequence[dict[str, Any]]) -> frozenset[str]:
    """The last words of the speakers' names, lowercase: never a topic's whole name."""
    return frozenset(
        str(s["speaker"]).split()[-1].lower()
        for s in statements
        if s.get("actor_id") is not None and s.get("speaker")
    )


def store_positions(
    store: Store,
    topic: str | None = None,
    top_actors: int = 15,
    min_size: int = 3,
    threshold: float = DEFAULT_THRESHOLD,
    refit: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> Positions:
    """:func:`positions` over the whole store: vectors embedded where not cached
    yet, the topic model saved in the store fitted once (again with ``refit``,
    or when ``threshold`` differs from the one it was fitted at) and reused."""
    from onrecord.positions import embeddings

    statements = list(store.iter_statements())

    def embedded(done: int, total: int) -> None:
        if progress:
            progress("embedding", done, total)

    vectors = statement_vectors(store, statements, progress=embedded)
    fitted = None if refit else model.load(store, embeddings.MODEL_NAME)
    if fitted is not None and abs(fitted.threshold - threshold) > 1e-9:
        fitted = None
    if fitted is None:
        if progress:
            progress("fitting topics", 0, 1)
        keep = [i for i, s in enumerate(statements) if clusterable(s["content"])]
        kept = [statements[i] for i in keep]
        fitted = model.fit(
            [s["content"] for s in kept], vectors[keep], threshold, embeddings.embed,
            surnames(kept),
        )  # fmt: skip
        model.save(store, embeddings.MODEL_NAME, fitted)
        if progress:
            progress("fitting topics", 1, 1)
    return positions(statements, vectors, topic, top_actors, min_size, threshold, fitted=fitted)
