"""Claims that contradict each other: two sources asserting opposite things
about the same fact ("the talks were direct" / "held indirectly"; "totally
obliterated" / "did nothing significant"), or one source reversing itself.

Candidates pair statements whose words oppose on one term
(:mod:`~onrecord.claims.opposition`) and share another (the subject), said
within a time window; they are kept where their content vectors (MiniLM) say
they are about the same thing. One item per pair of sources (or one source
over time), every pair of its reports behind it, the closest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from onrecord.claims.opposition import Terms, scales, terms

#: Statements further apart than this (days) are not about one moment's fact.
WINDOW_DAYS = 31
#: The least cosine similarity of the two contents: with a word of their
#: subject in common, and without.
SUBJECT_SIMILARITY = 0.35
MIN_SIMILARITY = 0.4
#: Statements with fewer words than this carry no checkable claim.
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class ClaimPair:
    a: int  # index into the statements given
    b: int
    opposed: tuple[str, ...]  # the terms one affirms and the other negates
    similarity: float
    affirmed_first: bool = True  # whether ``a`` affirms the first opposed term

    @property
    def confidence(self) -> float:
        return round(min(1.0, self.similarity + 0.1 * (len(self.opposed) - 1)), 3)


#: Mentions that name nobody in particular: no source of their own.
_NOBODY = frozenset("he she it they we i you who which this that".split())


def source_key(st: Mapping[str, Any]) -> str:
    """Who says it: the actor, else the speaker's name ("" for a bare pronoun)."""
    if st.get("actor_id") is not None:
        return f"#{st['actor_id']}"
    name = str(st.get("speaker") or st.get("speaker_text") or "").lower().strip()
    return "" if name in _NOBODY else name


def as_day(value: Any) -> dt.date | None:
    """The day an ISO date or datetime value names (None where it names none)."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def said_day(st: Mapping[str, Any]) -> dt.date | None:
    """The day a stored statement was said, else the day it was published."""
    return as_day(st.get("date") or st.get("published"))


def claim_pairs(statements: Sequence[Mapping[str, Any]], vectors: np.ndarray) -> list[ClaimPair]:
    """Opposed claims among ``statements`` (store dicts: content, actor_id,
    speaker, date, published), best first; ``vectors`` their unit content vectors."""
    parsed: list[Terms | None] = [
        terms(st["content"]) if len(str(st["content"]).split()) >= MIN_WORDS else None
        for st in statements
    ]
    by_term: dict[str, tuple[list[int], list[int]]] = {}
    for i, t in enumerate(parsed):
        if t is None:
            continue
        for term, pol in t.polarity.items():
            pos, neg = by_term.setdefault(term, ([], []))
            if True in pol:
                pos.append(i)
            if False in pol:
                neg.append(i)
    classes = set(scales().values())
    best: dict[tuple[int, int], ClaimPair] = {}
    days = [said_day(st) for st in statements]
    keys = [source_key(st) for st in statements]
    for pos, neg in by_term.values():
        for i in pos:
            for j in neg:
                pair = _pair(i, j, statements, parsed, vectors, days, keys, classes)
                if pair is None:
                    continue
                best[(pair.a, pair.b)] = pair  # one per pair, whatever terms brought it
    return sorted(best.values(), key=lambda p: -p.confidence)


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """One contradiction between two sources (or one source at two times): its
    statement pairs, the strongest first, and the term the strongest opposes."""

    sources: tuple[str, str]
    term: str
    pairs: tuple[ClaimPair, ...]

    @property
    def confidence(self) -> float:
        """The closest pair's, discounted where few reports bear it out: half
        for one pair of statements, three quarters for two, and so on."""
        return round(self.pairs[0].confidence * (1 - 0.5 ** len(self.pairs)), 3)


def claim_items(statements: Sequence[Mapping[str, Any]], vectors: np.ndarray) -> list[ClaimItem]:
    """:func:`claim_pairs` grouped: one item per pair of sources (or one source
    reversing itself), its pairs of statements the strongest first."""
    keys = [source_key(st) for st in statements]
    groups: dict[tuple[str, str], list[ClaimPair]] = {}
    for pair in claim_pairs(statements, vectors):
        if not keys[pair.a] or not keys[pair.b]:
            continue  # nobody named says one side
        a, b = sorted((keys[pair.a], keys[pair.b]))
        groups.setdefault((a, b), []).append(pair)
    items = []
    for (a, b), pairs in groups.items():
        pairs.sort(key=lambda p: -p.confidence)
        items.append(ClaimItem((a, b), pairs[0].opposed[0], tuple(pairs)))
    return sorted(items, key=lambda it: -it.confidence)


def _pair(
    i: int,
    j: int,
    statements: Sequence[Mapping[str, Any]],
    parsed: Sequence[Terms | None],
    vectors: np.ndarray,
    days: Sequence[dt.date | None],
    keys: Sequence[str],
    classes: set[str],
) -> ClaimPair | None:
    same_source = keys[i] == keys[j]
    one_article = statements[i].get("article_id") == statements[j].get("article_id")
    if i == j or (same_source and one_article):
        return None
    di, dj = days[i], days[j]
    if di is None or dj is None or abs((di - dj).days) > WINDOW_DAYS:
        return None
    if same_source and di == dj:
        return None  # one source, one day: not a reversal
    ti, tj = parsed[i], parsed[j]
    assert ti is not None and tj is not None
    opposed = ti.opposed(tj)
    if not opposed:
        return None
    subject = ti.shared(tj) - set(opposed) - classes
    sim = float(vectors[i] @ vectors[j])
    if sim < (SUBJECT_SIMILARITY if subject else MIN_SIMILARITY):
        return None
    a, b = (i, j) if (di, i) <= (dj, j) else (j, i)
    first = parsed[a]
    assert first is not None
    affirmed = True in first.polarity[opposed[0]] and False not in first.polarity[opposed[0]]
    return ClaimPair(a, b, tuple(opposed), round(sim, 3), affirmed)
