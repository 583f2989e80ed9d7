"""One utterance, many reports: statements of one actor, said within a few
days, whose contents say the same thing (wire copy, translations, rewrites
of one remark), grouped with union-find.

Each group knows its first report, which reports quote the words (verbatim)
and which paraphrase them, and where the quoted words differ between
outlets: a quotation that changed on its way.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from onrecord.claims.contradictions import as_day, said_day

#: Reports of one utterance are dated at most this many days apart.
MAX_DAYS = 3
#: The least cosine similarity of a report to the mean of an utterance's
#: reports: where both are dated to the same day (the occasion), and otherwise.
SAME_DAY = 0.3
MIN_SIMILARITY = 0.6
#: Quoted passages this similar (difflib ratio) are one quotation, told two ways.
SAME_QUOTE = 0.6

_QUOTED = re.compile(r"[“\"«]([^”\"»]{12,})[”\"»]")
_WORDS = re.compile(r"[\w’']+")


@dataclass(frozen=True, slots=True)
class Utterance:
    members: tuple[int, ...]  # indexes into the statements given, first report first


def group_utterances(
    statements: Sequence[Mapping[str, Any]], vectors: np.ndarray
) -> list[Utterance]:
    """Groups of two or more statements that report one utterance. In date
    order, each statement of an actor joins the actor's group, begun at most
    ``MAX_DAYS`` before, whose mean vector is closest to its own, if close
    enough (``SAME_DAY`` where both are dated to one day, the occasion;
    ``MIN_SIMILARITY`` otherwise); a group stays about one thing, it is not a
    chain of neighbours."""
    days = [said_day(st) for st in statements]
    order = sorted(
        (i for i, st in enumerate(statements) if st.get("actor_id") is not None and days[i]),
        key=lambda i: (days[i], statements[i]["id"]),
    )
    groups: list[list[int]] = []
    sums: list[np.ndarray] = []
    by_actor: dict[Any, list[int]] = {}  # actor -> indexes into ``groups``
    voices = spoken_for(statements)
    for i in order:
        day = days[i]
        assert day is not None
        best, best_sim = None, -1.0
        actor = statements[i]["actor_id"]
        mine = [
            g
            for a in (actor, *voices.get((statements[i].get("article_id"), actor), ()))
            for g in by_actor.get(a, [])
        ]
        for g in mine:
            first = days[groups[g][0]]
            assert first is not None
            if (day - first).days > MAX_DAYS:
                continue
            centroid = sums[g] / max(float(np.linalg.norm(sums[g])), 1e-9)
            sim = float(vectors[i] @ centroid)
            need = SAME_DAY if _one_day(statements[i], statements[groups[g][0]]) else MIN_SIMILARITY
            if sim >= need and sim > best_sim:
                best, best_sim = g, sim
        if best is None:
            by_actor.setdefault(statements[i]["actor_id"], []).append(len(groups))
            groups.append([i])
            sums.append(vectors[i].astype(np.float64).copy())
        else:
            groups[best].append(i)
            sums[best] += vectors[i]
    out = []
    for members in groups:
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (str(statements[i].get("published") or ""), statements[i]["id"]))
        out.append(Utterance(tuple(members)))
    return sorted(out, key=lambda u: statements[u.members[0]]["id"])


def spoken_for(
    statements: Sequence[Mapping[str, Any]],
) -> dict[tuple[Any, Any], set[Any]]:
    """(article, actor) -> the other actors the actor speaks for in that
    article: those whose name its mention holds ("Foreign Ministry spokesman
    Esmaeil Baghaei" speaks for the Foreign Ministry), so that a spokesman's
    words are of the body's occasion too."""
    names: dict[Any, dict[Any, str]] = {}  # article -> actor -> name
    for st in statements:
        if st.get("actor_id") is not None and st.get("speaker"):
            names.setdefault(st.get("article_id"), {})[st["actor_id"]] = str(st["speaker"])
    out: dict[tuple[Any, Any], set[Any]] = {}
    for st in statements:
        actor, mention = st.get("actor_id"), str(st.get("speaker_text") or "")
        if actor is None or not mention:
            continue
        for other, name in names.get(st.get("article_id"), {}).items():
            if other != actor and len(name) > 3 and f" {name.lower()} " in f" {mention.lower()} ":
                out.setdefault((st.get("article_id"), actor), set()).add(other)
    return out


def _one_day(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two reports are of one day's occasion: both dated to it, or one
    undated and published that day or the day after (the first report of it)."""
    da, db = a.get("date"), b.get("date")
    if da and db:
        return bool(da == db)
    if not da and not db:
        return False
    dated, undated = (a, b) if da else (b, a)
    said, published = said_day(dated), as_day(undated.get("published"))
    return said is not None and published is not None and 0 <= (published - said).days <= 1


def quoted(content: str) -> list[str]:
    """The passages of a content inside quotation marks."""
    return [m.group(1).strip(" ,.") for m in _QUOTED.finditer(content)]


def verbatim(st: Mapping[str, Any]) -> bool:
    """Whether a report gives the speaker's own words (a quotation)."""
    return st.get("kind") in ("direct", "mixed") or bool(quoted(str(st["content"])))


def variants(statements: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Where quotations of one utterance differ between reports: for each pair
    of close but unequal quoted passages, both wordings and the words that differ."""
    passages: list[tuple[Mapping[str, Any], str]] = [
        (st, q) for st in statements for q in quoted(str(st["content"]))
    ]
    out = []
    seen: set[tuple[str, str]] = set()
    for n, (a, qa) in enumerate(passages):
        for b, qb in passages[n + 1 :]:
            if a["id"] == b["id"]:
                continue
            wa, wb = _WORDS.findall(qa.lower()), _WORDS.findall(qb.lower())
            if wa == wb or _inside(wa, wb) or _inside(wb, wa):
                continue  # the same words, or a shorter excerpt of them
            matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
            if matcher.ratio() < SAME_QUOTE:
                continue
            key = (qa, qb) if qa <= qb else (qb, qa)
            if key in seen:
                continue
            seen.add(key)
            changes = [
                {"a": " ".join(wa[i1:i2]), "b": " ".join(wb[j1:j2])}
                for op, i1, i2, j1, j2 in matcher.get_opcodes()
                if op != "equal"
            ]
            out.append(
                {
                    "a": {"statement": a["id"], "article": a["article"], "quote": qa},
                    "b": {"statement": b["id"], "article": b["article"], "quote": qb},
                    "changes": changes,
                }
            )
    return out


def _inside(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is a run of ``long``'s words (an excerpt, not a change)."""
    n = len(short)
    return n <= len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))
