"""Dating statements: when something was said.

A statement is dated by a time expression that hangs from its cue ("said
Friday", "told reporters on Thursday"), else by the article's publication
date. A pure function of the parsed article and its time expressions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.records import Span, Timex

#: Dependencies by which a date hangs directly from the cue ("said Friday").
_CUE_DATE_DEPS = ("npadvmod", "tmod", "advmod", "obl")


@dataclass(frozen=True, slots=True)
class Dating:
    """When a statement was said, and on what grounds."""

    date: str | None  # TIMEX3 value
    basis: str | None  # "timex" (said Friday) | "published" (article date) | None
    span: Span | None  # the time expression, where one dates it


def date_statement(
    doc: Doc,
    text: str,
    cue_token: int | None,
    content: Sequence[Span],
    timexes: Sequence[Timex],
    published: str | None,
) -> Dating:
    """When the statement was said: by the time expression of its cue, else
    the publication date (``published``, ISO), else unknown.

    ``text`` is the article's text: spaCy's ``Doc.text`` rebuilds it on every access.
    """
    tx = statement_timex(doc, text, cue_token, content, timexes)
    if tx is not None:
        return Dating(tx.value, "timex", tx.span)
    return Dating(published, "published" if published else None, None)


def statement_timex(
    doc: Doc,
    text: str,
    cue_token: int | None,
    content: Sequence[Span],
    timexes: Sequence[Timex],
) -> Timex | None:
    """The time expression that dates the act of saying ("said Friday")."""
    if cue_token is None:
        return None
    cue = doc[cue_token]
    sent = cue.sent
    for tx in timexes:
        if tx.type not in ("DATE", "TIME") or not (sent.start_char <= tx.start < sent.end_char):
            continue
        if any(s <= tx.start < e for s, e in content):
            continue
        if text[tx.end : tx.end + 2] in ("'s", "’s"):
            continue  # "this week's talks" dates the talks, not the saying
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        # "said Friday" (npadvmod), "told X on Thursday" (pobj of a preposition
        # of the cue); not "said of this week's talks" (the talks' date)
        if tok.head.i == cue.i and tok.dep_ in _CUE_DATE_DEPS:
            return tx
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i == cue.i:
            return tx
    return None
