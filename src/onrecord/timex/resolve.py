"""Rule-based temporal tagger in the style of HeidelTime (news domain).

:func:`find_timexes` finds time expressions in raw text with regular
expressions and normalizes them to TimeML TIMEX3 types and values. Relative
expressions ("Friday", "last week", "two years ago", "the third quarter") are
resolved against the document creation time (``dct``), with the news-domain
heuristics of HeidelTime: a bare weekday or month points back from the
publication date unless the sentence speaks of the future.

No I/O and no NLP model: everything is regular expressions over the text, so
it is fast enough to run over whole corpora.
"""

from __future__ import annotations

import datetime as dt
import re

from onrecord.records import Timex
from onrecord.timex.anchor import Context, Handler, Norm
from onrecord.timex.named_handlers import HANDLERS as NAMED_HANDLERS
from onrecord.timex.patterns import BOUNDARY_LEFT, BOUNDARY_RIGHT, RULE_PATTERNS
from onrecord.timex.relative_handlers import HANDLERS as RELATIVE_HANDLERS

__all__ = ["find_timexes"]


def _registry(*tables: dict[str, Handler]) -> dict[str, Handler]:
    """The handler tables merged; a name registered twice is a mistake, not an override."""
    merged: dict[str, Handler] = {}
    for table in tables:
        for name, handler in table.items():
            if name in merged:
                raise ValueError(f"two timex handlers are named {name!r}")
            merged[name] = handler
    return merged


_HANDLERS = _registry(NAMED_HANDLERS, RELATIVE_HANDLERS)
# The rules in priority order, each with its handler (a name not registered fails here).
_COMPILED: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(BOUNDARY_LEFT + "(?:" + pattern + ")" + BOUNDARY_RIGHT, re.I), _HANDLERS[name])
    for pattern, name in RULE_PATTERNS
]

# How far back (characters) a quarter mentioned earlier still anchors "a year ago".
_ANCHOR_WINDOW = 600


def _reanchor(found: list[tuple[int, int, Norm]]) -> list[tuple[int, int, Norm]]:
    """Resolve financial-news anaphora against the previous quarter mentioned.

    "Net rose in the third quarter ... from $5 million a year earlier": the year
    earlier is the same quarter of the year before (TimeBank annotates
    1988-Q3), and "the quarter" is the quarter just named.
    """
    out: list[tuple[int, int, Norm]] = []
    last_quarter: tuple[int, str] | None = None
    for start, end, norm in found:
        recent = last_quarter if last_quarter and start - last_quarter[0] < _ANCHOR_WINDOW else None
        if norm.anchor == "year_back" and recent:
            y, q = recent[1].split("-Q")
            norm = Norm(norm.type, f"{int(y) - 1:04d}-Q{q}", norm.mod)
        elif norm.anchor == "quarter" and recent:
            norm = Norm(norm.type, recent[1], norm.mod)
        elif norm.anchor and norm.anchor.startswith("year:") and recent:
            norm = Norm(norm.type, f"{norm.anchor[5:]}-Q{recent[1][-1]}", norm.mod)
        elif re.fullmatch(r"\d{4}-Q\d", norm.value) and norm.anchor != "year_back":
            last_quarter = (end, norm.value)
        out.append((start, end, norm))
    return out


def find_timexes(text: str, dct: dt.date | None) -> list[Timex]:
    """Time expressions in ``text``, normalized against ``dct`` (publication date).

    Returns non-overlapping :class:`Timex` records sorted by offset, with
    ``text[t.start:t.end] == t.text``. Without ``dct``, relative expressions
    get underspecified values (``XXXX-08-22``, ``XXXX-WXX-5``).
    """
    ctx = Context(text, dct)
    candidates: list[tuple[int, int, int, Norm]] = []
    for priority, (regex, handler) in enumerate(_COMPILED):
        for m in regex.finditer(text):
            if m.end() == m.start():
                continue
            norm = handler(m, ctx)
            if norm is not None:
                candidates.append((m.start(), m.end(), priority, norm))
    # Longest match wins; among equals, the rule listed first.
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int, Norm]] = []
    occupied = bytearray(len(text) + 1)
    for start, end, _, norm in candidates:
        if any(occupied[start:end]):
            continue
        occupied[start:end] = b"\x01" * (end - start)
        taken.append((start, end, norm))
    taken.sort(key=lambda t: t[0])
    return [
        Timex(start, end, text[start:end], norm.type, norm.value, norm.mod)
        for start, end, norm in _reanchor(taken)
    ]
