"""Deadlines: time limits set in a statement.

A duration after "within" or "in the next" ("within two weeks") is due
counted from the day the statement was said; a date after "by" or "until"
("by the end of the month") is due on the last day it covers. The date
arithmetic is :mod:`onrecord.timex.dates`.
"""

from __future__ import annotations

from collections.abc import Sequence

from onrecord.records import Deadline, Span, Timex
from onrecord.timex.dates import add_duration, period_end

#: Words that turn a duration inside a statement into a deadline
#: ("within two weeks", "in the next 10 days").
DEADLINE_CUES = ("within", "in the next", "in the coming", "in")

#: Words before a date that make it a deadline ("by the end of the month").
BY_CUES = ("by", "by the end of", "until", "no later than", "before the end of", "by end of")

#: How far before a time expression its cue may start (characters).
_LOOK_BACK = 24


def find_deadline(
    text: str, content: Sequence[Span], timexes: Sequence[Timex], said: str | None
) -> Deadline | None:
    """The first time limit set in the statement's ``content``; ``said`` is
    the statement's date (TIMEX3 value) that durations count from."""
    for tx in timexes:
        if not any(s <= tx.start < e for s, e in content):
            continue
        before = text[max(0, tx.start - _LOOK_BACK) : tx.start].lower().rstrip(" “\"'‘")
        if tx.type == "DURATION" and any(before.endswith(cue) for cue in DEADLINE_CUES):
            due = add_duration(said, tx.value) if said else None
            return Deadline(tx.text, tx.span, tx.value, due)
        if tx.type == "DATE" and any(before.endswith(cue) for cue in BY_CUES):
            due = period_end(tx.value)
            if due:
                return Deadline(tx.text, tx.span, None, due)
    return None
