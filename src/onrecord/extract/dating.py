"""Dating statements: when something was said.

A statement is dated, in this order, by

1. a day its own sentence gives the act of saying: hung from the cue ("said
   Friday", "told reporters on Thursday", "said in a speech on Monday") or from
   another verb of the cue's clause ("announced on Monday …, threatening …",
   "Speaking in Scotland on Monday, he warned"). A day that modifies a noun
   ("the Aug. 8 deadline", "the Friday summit") or lies inside the content
   (what was said, not when) does not date it; a vaguer time ("said this
   week", "over the weekend") leaves it undated;
2. nothing, where the report is habitual or undated ("has repeatedly said",
   "had earlier claimed", "has said", "days after … said");
3. the day of the discourse it belongs to (:mod:`onrecord.extract.discourse_dates`:
   "Lavrov spoke on Tuesday. … He added that …");
4. else it stays undated: the article does not fix the day.

A headline ("Lavrov Says 'No Meeting Planned'") takes the day of the lede below
it, else the publication day.

A pure function of the parsed article, the statements before it and the time
expressions.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.extract.discourse_dates import (
    DATE_DEPS,
    context_date,
    day_of,
    is_headline,
    is_undated_report,
    lede_day,
)
from onrecord.records import Span, Speaker, Statement, Timex

#: Verbs of a clause linked to the cue may pass on their day through these
#: dependencies ("Speaking … on Monday, he warned"; "announced …, threatening").
_CLAUSE_DEPS = frozenset(("advcl", "conj", "xcomp", "pcomp", "prep", "ROOT", "ccomp", "mark"))


@dataclass(frozen=True, slots=True)
class Dating:
    """When a statement was said, and on what grounds."""

    date: str | None  # ISO day (TIMEX3 value)
    #: "timex" (said Friday) | "context" (a day set earlier in the article) |
    #: "published" (the article's date) | None (undated)
    basis: str | None
    span: Span | None  # the time expression that dates it, where one does


def date_statement(
    doc: Doc,
    text: str,
    cue_token: int | None,
    content: Sequence[Span],
    speaker: Speaker,
    earlier: Sequence[Statement],
    timexes: Sequence[Timex],
    published: str | None,
    quotes: Sequence[Span],
) -> Dating:
    """When the statement was said, given the statements before it (``earlier``,
    already dated) and the article's time expressions.

    ``text`` is the article's text: spaCy's ``Doc.text`` rebuilds it on every access;
    ``quotes`` the spans of its quotations.
    """
    tx = statement_timex(doc, text, cue_token, content, timexes, quotes)
    if tx is not None:
        day = day_of(tx.value)
        return Dating(day, "timex" if day else None, tx.span)
    if cue_token is not None and is_undated_report(doc[cue_token]):
        return Dating(None, None, None)
    anchor = cue_token_start(doc, cue_token, content)
    if _reported_within(anchor, earlier):
        # a view or claim reported inside another statement ("Lavrov claimed …
        # his view that …") is when the reporter said it, not when its owner
        # did: with no day of its own it is undated
        return Dating(None, None, None)
    headline = is_headline(text, anchor)
    if cue_token is not None and _is_present(doc[cue_token]) and not headline:
        # "CNN reports that …", "officials say …": what a source says now, on
        # no day the article fixes (a headline's present is its story's day)
        return Dating(None, None, None)
    if headline:
        # a headline sums up the story it heads: the day its lede sets, else
        # the day the story was published
        lede = lede_day(doc, text, anchor, timexes, published, quotes)
        if lede is not None:
            return Dating(lede[0], "context", lede[1])
        return Dating(published, "published" if published else None, None)
    found = context_date(doc, text, anchor, content, speaker, earlier, timexes, published, quotes)
    if found is None and _opens_story(text, earlier):
        found = lede_day(doc, text, anchor, timexes, published, quotes)
        if found is not None and not _is_news_day(found[0], published):
            found = None
    if found is not None:
        return Dating(found[0], "context", found[1])
    # No day in the sentence or its context: the article does not fix it. The
    # publication day is not assumed (measured on newsdev it is wrong more
    # often than right: such reports are background, not the day's news).
    return Dating(None, None, None)


def _reported_within(anchor: int, earlier: Sequence[Statement]) -> bool:
    """Whether the cue at ``anchor`` lies inside an earlier statement's content."""
    return any(s <= anchor < e for st in earlier for s, e in st.content.spans)


def _is_present(cue: Token) -> bool:
    """Whether a cue is a verb in the simple present ("says", "report"; a
    cue tagged as the plural noun heading its sentence is one: "IRNA reports
    that …")."""
    return cue.tag_ in ("VBZ", "VBP") or (cue.tag_ == "NNS" and cue.dep_ == "ROOT")


def _opens_story(text: str, earlier: Sequence[Statement]) -> bool:
    """Whether a statement is the story's first report (below its headline)."""
    return all(
        is_headline(text, st.cue.span[0] if st.cue else st.content.spans[0][0]) for st in earlier
    )


def _is_news_day(day: str, published: str | None) -> bool:
    """Whether ``day`` is the publication day or the day before it: the day's
    news, which a story's first report tells."""
    if published is None:
        return False
    try:
        gap = datetime.date.fromisoformat(published[:10]) - datetime.date.fromisoformat(day)
    except ValueError:
        return False
    return 0 <= gap.days <= 1


def cue_token_start(doc: Doc, cue_token: int | None, content: Sequence[Span]) -> int:
    """Where the statement stands in the text: its cue, else its content."""
    if cue_token is not None:
        return int(doc[cue_token].idx)
    return min((s for s, _ in content), default=0)


def statement_timex(
    doc: Doc,
    text: str,
    cue_token: int | None,
    content: Sequence[Span],
    timexes: Sequence[Timex],
    quotes: Sequence[Span],
) -> Timex | None:
    """The time expression that dates the act of saying: one hung from the
    cue, else a day hung from another verb of its clause; a vaguer time on
    the cue itself ("said this week") is returned too, and leaves it undated."""
    if cue_token is None:
        return None
    cue = doc[cue_token]
    sent = cue.sent
    on_cue: list[Timex] = []
    on_clause: list[tuple[int, Timex]] = []
    for tx in timexes:
        if tx.type not in ("DATE", "TIME") or not (sent.start_char <= tx.start < sent.end_char):
            continue
        if text[tx.end : tx.end + 2] in ("'s", "’s"):
            continue  # "this week's talks" dates the talks, not the saying
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        verb = _governor(span.root, cue) if span is not None else None
        if verb is None:
            continue
        if any(s <= tx.start < e for s, e in content) and (
            verb.i != cue.i or any(s <= tx.start < e for s, e in quotes)
        ):
            continue  # what was said, not when (a content span may take in "on Monday")
        if verb.i == cue.i:
            on_cue.append(tx)
        elif day_of(tx.value) and _in_clause(verb, cue, content):
            on_clause.append((abs(verb.i - cue.i), tx))
    for tx in on_cue:
        if day_of(tx.value):
            return tx
    if on_clause:
        return min(on_clause, key=lambda p: p[0])[1]
    return on_cue[0] if on_cue else None


def _governor(tok: Token, cue: Token) -> Token | None:
    """The word a time expression dates: the verb (or the cue) it hangs from
    ("said Friday", "told X on Thursday"), seen through the nouns of
    prepositional phrases ("Speaking in a meeting with officials on Tuesday",
    "during the second leg of his tour on Thursday"); None where it modifies
    a noun ("the Friday summit", "the Aug. 8 deadline")."""
    if tok.dep_ in DATE_DEPS:
        return tok.head
    for _ in range(4):
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            return None
        head = tok.head.head
        if head.i == cue.i or head.pos_ not in ("NOUN", "PROPN"):
            return head
        if head.dep_ == "dobj":
            return head.head  # "announced the talks on Monday"
        if head.dep_ != "pobj":
            return None
        tok = head
    return None


def _in_clause(verb: Token, cue: Token, content: Sequence[Span]) -> bool:
    """Whether ``verb`` belongs to the cue's clause: one is reached from the
    other through verbs and prepositions only (not through a noun: "the talks
    held on Monday" dates the talks), and it is not part of what was said."""
    if verb.pos_ not in ("VERB", "AUX") or any(s <= verb.idx < e for s, e in content):
        return False
    subjects = {_subject(verb), _subject(cue)}
    if None not in subjects and len(subjects) == 2:
        return False  # "X said …, but Y reiterated on Tuesday": another's act
    for low, high in ((verb, cue), (cue, verb)):
        tok = low
        while tok.i != high.i and tok.dep_ in _CLAUSE_DEPS and tok.head.i != tok.i:
            tok = tok.head
            if tok.i != high.i and tok.pos_ in ("NOUN", "PROPN", "PRON"):
                break
        if tok.i == high.i:
            return True
    return False


def _subject(verb: Token) -> int | None:
    """The index of a verb's own subject, if it has one."""
    return next((c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
