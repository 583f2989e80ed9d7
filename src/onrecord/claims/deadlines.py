"""What became of a deadline: later statements that report it met, extended
or missed.

A later statement (said after the deadline was set, and no later than two
months after it fell due) follows a deadline up where it is about the same
thing (its content vector close to that of the statement that set it, and a
word of substance in common) and says what became of a time limit:
"extended", "postponed", "more time" (extended); "expired", "missed",
"passed", "day 61" (missed); "met", "completed", "reached",
"decided", "launched" (met). Each deadline's follow-ups, oldest first, are its
status over time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from onrecord.claims.contradictions import as_day, said_day
from onrecord.claims.opposition import terms

#: How long after it fell due a statement may still report on a deadline (days).
AFTER_DUE = 60
#: Words of substance the follow-up shares with the statement that set the deadline.
MIN_SHARED = 2
#: The least cosine similarity of the follow-up to the statement that set the deadline.
MIN_SIMILARITY = 0.55

_OUTCOMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("extended", re.compile(
        r"\b(?:extend(?:s|ed|ing)?|extension|postpon(?:e|es|ed|ing)|delay(?:s|ed|ing)?|"
        r"push(?:es|ed)? back|more time|reprieve|grace period)\b", re.I)),
    ("missed", re.compile(
        r"\b(?:expir(?:e|es|ed|ing)|missed|lapsed?|ran out|(?:deadline|ultimatum)\s+"
        r"(?:has\s+|had\s+)?passed|day \d+|too late)\b", re.I)),
    ("met", re.compile(
        r"\b(?:met the deadline|complet(?:e|es|ed)|reached|decided|made (?:a|the|his|her) "
        r"decision|launched|signed|concluded|reinstated|reimposed)\b", re.I)),
)  # fmt: skip


#: Words before an outcome that leave it open: "can be reached", "may be delayed".
_OPEN = re.compile(
    r"\b(?:can|could|may|might|would|will|should|not|no|if|hope[sd]?|to)\b(?:\s+\w+){0,2}\s*$",
    re.I,
)


def outcome(text: str) -> str | None:
    """What a statement says became of a time limit, if it says so as done
    ("the deadline expired", not "the deal can be reached")."""
    for name, pattern in _OUTCOMES:
        for m in pattern.finditer(text):
            if not _OPEN.search(text[max(0, m.start() - 40) : m.start()]):
                return name
    return None


def follow_ups(
    deadline: Mapping[str, Any],
    reports: Sequence[tuple[Mapping[str, Any], str]],
    vector_of: Mapping[int, np.ndarray],
) -> list[dict[str, Any]]:
    """The later statements reporting on ``deadline`` (a store deadline: its
    statement id, content, the day it was said and its due day), oldest first;
    ``reports``: the statements that speak of an outcome, each with the one it
    speaks of (:func:`outcome`); ``vector_of``: content vectors by statement id."""
    said = as_day(deadline.get("said"))
    if said is None or deadline.get("statement_id") is None:
        return []  # no day to count from, or a limit the narration states
    mine = vector_of.get(int(deadline["statement_id"]))
    if mine is None:
        return []
    due = as_day(deadline.get("due")) or said
    until = due + dt.timedelta(days=AFTER_DUE)
    own = set(terms(str(deadline["statement"])).polarity)
    out = []
    for st, status in reports:
        if st["id"] == deadline["statement_id"]:
            continue
        when = said_day(st)
        if when is None or not said < when <= until:
            continue
        theirs = vector_of.get(int(st["id"]))
        if theirs is None or float(mine @ theirs) < MIN_SIMILARITY:
            continue
        if len(own & set(terms(str(st["content"])).polarity)) < MIN_SHARED:
            continue
        out.append(
            {
                "status": status,
                "date": when.isoformat(),
                "statement_id": st["id"],
                "speaker": st.get("speaker") or st.get("speaker_text"),
                "content": st["content"],
                "article": st["article"],
                "article_id": st.get("article_id"),
            }
        )
    out.sort(key=lambda f: (f["date"], f["statement_id"]))
    return out
