"""Deadlines: time limits set in a statement, looking forward.

A duration after "within" or "in the next" ("within two weeks"), or one that
names a process with a limit ("a 30-day process", "a 60-day ultimatum"), is
due counted from the day the statement was said; a date after "by" or
"until" ("by the end of March") is due on the last day it covers, at its next
occurrence after the statement ("by the end of March" said in October is
next March). A duration looking back ("in the past two weeks", "in recent
months", "24 years in Congress") is never a deadline, nor is a forecast
("could restart enrichment within months"). The date arithmetic is
:mod:`onrecord.timex.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.records import Deadline, NarratedDeadline, Span, Timex
from onrecord.timex.dates import add_duration, period_end
from onrecord.timex.lexicon import parse_number

#: Words that turn a duration inside a statement into a deadline
#: ("within two weeks", "in the next 10 days").
DEADLINE_CUES = ("within", "in the next", "in the coming")

#: A bare "in" makes a duration a deadline only in a clause about the future
#: ("will decide in two weeks"; not "has not faced a race in 24 years").
_BARE_IN = "in"
_FUTURE = re.compile(
    r"\b(?:will|would|shall|'ll|going to|plans? to|expects? to|aims? to|"
    r"intends? to|wants? to|has to|have to|must)\b",
    re.IGNORECASE,
)
#: A time given to do something: "have eight days to", "gave them two weeks to".
_HAVE = re.compile(r"\b(?:have|has|had|given|gave|give|gives|get|gets|got)(?: \w+)?$", re.I)
#: A forecast, not a limit anyone set: "could restart enrichment within months".
_FORECAST = re.compile(r"\b(?:could|might|may)\b", re.IGNORECASE)

#: Words before a date that make it a deadline ("by the end of the month").
BY_CUES = ("by", "by the end of", "until", "no later than", "before the end of", "by end of")

#: What a duration that names a time limit qualifies ("a 30-day process").
_LIMITED = re.compile(
    r"[\s-]*(?:long[\s-]+)?(?:process|period|ultimatum|deadline|window|countdown|"
    r"grace period|timeline|timetable)\b",
    re.IGNORECASE,
)

#: A duration looking back: "the past two weeks", "the last three decades".
_LOOKING_BACK = re.compile(
    r"(?:^|\b)(?:the\s+)?(?:past|last|previous|preceding|recent|earlier)\b", re.IGNORECASE
)
#: A month named: a date that recurs every year ("by the end of March").
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE
)

#: How far before a time expression its cue may start (characters).
_LOOK_BACK = 24

#: A TIMEX3 value that names one day.
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")

#: A year written out: the date is the one named, not its next occurrence.
_YEAR = re.compile(r"\b\d{4}\b")


def find_deadline(
    text: str,
    content: Sequence[Span],
    timexes: Sequence[Timex],
    said: str | None,
    published: str | None = None,
) -> Deadline | None:
    """The first time limit set in the statement's ``content``; ``said`` is
    the statement's date (TIMEX3 value) that durations count from; a date's
    next occurrence counts from it, else from ``published``."""
    for tx in timexes:
        inside = [(s, e) for s, e in content if s <= tx.start < e]
        if not inside:
            continue
        before = text[max(0, tx.start - _LOOK_BACK) : tx.start].lower().rstrip(" “\"'‘")
        if _looks_back(tx, before, text) or _forecast(text, inside[0][0], tx.start):
            continue
        if tx.type == "DURATION" and _sets_limit(tx, before, text, inside[0][0]):
            start = _set_before(text, inside[0][0], tx, timexes, said) or said
            due = add_duration(start, tx.value) if start else None
            return Deadline(tx.text, tx.span, tx.value, due)
        if tx.type in ("DATE", "TIME") and any(before.endswith(cue) for cue in BY_CUES):
            due = period_end(tx.value[:10] if tx.type == "TIME" else tx.value)
            if not due:
                continue
            ref = said or published
            due = next_occurrence(due, ref, tx.text)
            if ref and len(ref) >= 10 and due < ref[:10]:
                continue  # "by 1991", "by Sunday" that had passed: a date looking back
            return Deadline(tx.text, tx.span, None, due)
    return None


def _looks_back(tx: Timex, before: str, text: str) -> bool:
    """ "(in) the past two weeks", "the last three decades", "two years ago"."""
    if _LOOKING_BACK.match(tx.text) or re.search(r"\b(?:past|last|recent)\s*$", before):
        return True
    return text[tx.end : tx.end + 5].lower().lstrip().startswith("ago")


#: "two months ago": when a limit was set, counted back from the statement.
_AGO = re.compile(r"^(?P<n>[\w-]+(?: [\w-]+)?) (?P<unit>day|week|month|year)s? ago$", re.I)


def _set_before(
    text: str, start: int, tx: Timex, timexes: Sequence[Timex], said: str | None
) -> str | None:
    """The day a limit was set where the statement says it was set earlier
    ("Two months ago I gave Iran a 60 day ultimatum": counted from two months
    before the statement), else None."""
    if not said or len(said) < 10:
        return None
    sentence = max(text.rfind(". ", start, tx.start), start)
    for other in timexes:
        if not sentence <= other.start < tx.start:
            continue
        m = _AGO.match(other.text.strip())
        n = parse_number(m.group("n")) if m else None
        if m is None or n is None or n != int(n):
            continue
        back = add_duration(said[:10], f"P-{int(n)}{m.group('unit')[0].upper()}")
        if back:
            return back
    return None


def _forecast(text: str, start: int, at: int) -> bool:
    """Whether the clause of the time expression is a forecast ("Iran could
    produce a weapon within months"): its sentence before it has a modal of
    possibility."""
    clause = text[start:at]
    cut = max(clause.rfind(". "), clause.rfind("; "))
    return bool(_FORECAST.search(clause[cut + 1 :]))


def _sets_limit(tx: Timex, before: str, text: str, start: int) -> bool:
    if any(before.endswith(cue) for cue in DEADLINE_CUES):
        return True
    if _HAVE.search(before) and text.startswith(" to ", tx.end):
        return True  # "still have eight days to agree", "gave them two weeks to leave"
    if _LIMITED.match(text, tx.end):
        return True  # "a 30-day process", "a 60 day ultimatum"
    if before.endswith(f" {_BARE_IN}") or before == _BARE_IN:
        return bool(_FUTURE.search(text[start : tx.start]))
    return False


def next_occurrence(due: str, said: str | None, words: str) -> str:
    """``due`` moved on by whole years to its first occurrence on or after the
    statement's day ``said``, unless the words name the year."""
    if not said or len(said) < 10 or len(due) != 10 or _YEAR.search(words):
        return due
    if not _MONTH.search(words):
        return due  # "Sunday", "the year": the text's anchor already chose which one
    day = said[:10]
    year = int(due[:4])
    while due < day and year < int(day[:4]) + 2:
        year += 1
        due = _in_year(due, year)
    return due


def _in_year(day: str, year: int) -> str:
    """``day`` (YYYY-MM-DD) in another year (29 February becomes the 28th)."""
    month_day = day[5:]
    if month_day == "02-29" and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        month_day = "02-28"
    return f"{year:04d}-{month_day}"


def narrated_deadlines(
    doc: Doc,
    text: str,
    timexes: Sequence[Timex],
    said_in: Sequence[Span],
    published: str | None,
) -> list[NarratedDeadline]:
    """Time limits the narration states outside the statements (``said_in``:
    their content spans): "Britain, France and Germany launched a 30-day
    process on August 28", "Tehran still has eight days to agree". Each counts
    from the day its sentence sets (a day of the narration, not after
    publication), else the publication day."""
    out = []
    for tx in timexes:
        if any(s <= tx.start < e for s, e in said_in):
            continue
        toks = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if toks is None:
            continue
        sent = toks.sent
        set_on = _day_set(timexes, tx, sent.start_char, sent.end_char, published)
        found = find_deadline(text, [(sent.start_char, sent.end_char)], [tx], set_on)
        if found is None:
            continue
        # who set it: the subject of the verb whose clause holds the limit
        # ("after Britain, France and Germany launched a 30-day process")
        verb = toks.root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        set_by = None
        if subject is not None:
            edge = subject.right_edge
            set_by = text[subject.left_edge.idx : edge.idx + len(edge)].strip(" ,")
        out.append(NarratedDeadline(found, set_by, set_on))
    return out


def _day_set(
    timexes: Sequence[Timex], tx: Timex, start: int, end: int, published: str | None
) -> str | None:
    """The day the sentence gives for setting the limit: its full date nearest
    ``tx`` ("launched a 30-day process on August 28"), not after publication;
    else the publication day."""
    days = [
        other
        for other in timexes
        if other is not tx
        and start <= other.start < end
        and other.type == "DATE"
        and _DAY_VALUE.fullmatch(other.value)
        and (not published or other.value <= published)
    ]
    if not days:
        return published
    return min(days, key=lambda o: min(abs(o.start - tx.end), abs(tx.start - o.end))).value
