"""What every handler shares: the normalized value a handler returns, the text
and publication date it reads, and the news-domain heuristics that anchor a
relative expression on that date (the tense of the sentence, the year of a
month named without one, the nearest weekday).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from onrecord.timex.dates import checked_date, iso_month
from onrecord.timex.patterns import FUTURE_CUES, PAST_CUES, SENTENCE_END


@dataclass(frozen=True, slots=True)
class Norm:
    """A TIMEX3 type, value and mod, as a handler finds them."""

    type: str
    value: str
    mod: str | None = None
    #: how a later pass may re-anchor the value on the previous timex in the
    #: text: "year_back" ("a year earlier") or "quarter" ("the quarter").
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """The whole text and its publication date (``dct``), which handlers read."""

    text: str
    dct: dt.date | None


#: A rule's handler: the match and its context to a value, or None to veto the match.
Handler = Callable[[re.Match[str], Context], Norm | None]

_FUTURE_RE = re.compile(FUTURE_CUES, re.I)
_PAST_RE = re.compile(PAST_CUES, re.I)
_SENTENCE_END = re.compile(SENTENCE_END)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:that|whether|if|because|but)\b", re.I)


def tense(ctx: Context, start: int, end: int) -> int:
    """+1 if the sentence around ``start:end`` speaks of the future, -1 of the past, else 0.

    The cue nearest the expression wins, as a cheap stand-in for HeidelTime's
    tense of the sentence's verbs ("will meet Monday" vs "met Monday").
    """
    left = max(0, start - 120)
    before = ctx.text[left:start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = ctx.text[end : end + 80]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start()]
    # "told X on Thursday that he would know": a verb in a following
    # subordinate clause does not set the tense of this expression.
    clause = _CLAUSE_BREAK.search(after)
    if clause:
        after = after[: clause.start()]
    best: tuple[int, int] | None = None  # (distance, direction)
    for regex, direction in ((_FUTURE_RE, 1), (_PAST_RE, -1)):
        for m in regex.finditer(before):
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, direction)
        for m in regex.finditer(after):
            dist = m.start() + 20  # words after the expression count a little less
            if dist > 60:
                break
            if best is None or dist < best[0]:
                best = (dist, direction)
    return best[1] if best else 0


def resolve_weekday(dct: dt.date, weekday: int, direction: int, strict: bool = False) -> dt.date:
    """Nearest ``weekday`` before (``direction`` -1) or after (+1) ``dct``.

    Unless ``strict``, ``dct`` itself counts ("said Friday" in a Friday paper).
    """
    delta = (weekday - dct.weekday()) % 7 if direction > 0 else -((dct.weekday() - weekday) % 7)
    if delta == 0 and strict:
        delta = 7 * direction
    return dct + dt.timedelta(days=delta)


# A month this many months after the DCT is still taken as this year's in a
# past-tense sentence (reports of plans made: "agreed to join in April").
_MONTHS_AHEAD_IN_PAST = 2
# Without a tense cue, news looks back a little further than it looks ahead.
_NEUTRAL_LIMITS = (4, 7)


def year_for_month(ctx: Context, month: int, start: int, end: int) -> int:
    """The year of a month named without one, in a text written on ``ctx.dct``.

    The nearest such month wins ("January" in a November paper is next
    January), unless the sentence's tense points the other way and the month
    is more than a couple of months off ("met in October" in a March paper).
    """
    assert ctx.dct is not None
    year = ctx.dct.year
    offset = month - ctx.dct.month  # -11 .. 11
    direction = tense(ctx, start, end)
    if direction < 0:
        limit_ahead, limit_behind = _MONTHS_AHEAD_IN_PAST, 12
    elif direction > 0:
        limit_ahead, limit_behind = 12, _MONTHS_AHEAD_IN_PAST
    else:
        limit_ahead, limit_behind = _NEUTRAL_LIMITS
    if offset > limit_ahead:
        year -= 1
    elif -offset > limit_behind:
        year += 1
    return year


def resolve_month(ctx: Context, month: int, start: int, end: int) -> str:
    """A month named without a year (see :func:`year_for_month`)."""
    if ctx.dct is None:
        return f"XXXX-{month:02d}"
    return iso_month(year_for_month(ctx, month, start, end), month)


def resolve_month_day(ctx: Context, month: int, day: int, start: int, end: int) -> str | None:
    """A day of a month named without a year; None if no month has that day."""
    if not 1 <= day <= 31:
        return None
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    return checked_date(year_for_month(ctx, month, start, end), month, day)


def group(m: re.Match[str], name: str) -> str | None:
    """The text of group ``name`` of ``m``; None if it did not take part or does not exist."""
    value: str | None = m.groupdict().get(name)
    return value
