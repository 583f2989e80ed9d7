"""Small immutable records passed between pipeline stages.

Every record that comes from text carries character offsets (Python ``str``
indices) into the article text it was extracted from: that is its evidence.
The stages build these records; the JSON of the ``analyze --json`` contract
is made from them (and read back into them) in :mod:`onrecord.contract` only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from the input, before any analysis."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    #: where it came from, for messages: a path, or ``path:line`` for JSONL.
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalized time expression (TimeML TIMEX3)."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2025-08-22, 2025-W34, P2W, PRESENT_REF, XXXX-XX-XX ...
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, START, END, APPROX, ...

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Entity:
    """A discourse entity: every mention of one person/organisation/place."""

    id: str
    name: str  # canonical name: the longest proper-name mention
    type: str  # PERSON | ORG | GPE | NORP | ...
    mentions: tuple[Span, ...] = ()
    #: words the article puts before the name ("foreign minister"), sorted
    descriptors: tuple[str, ...] = ()


# --- statements -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a statement is attributed to: the person it resolves to (``entity``,
    with its canonical ``name``) and the mention in the text (``span``)."""

    name: str | None
    entity: str | None
    span: Span | None
    text: str | None = None  # the mention's words, where there is one


@dataclass(frozen=True, slots=True)
class Cue:
    """The word that reports the statement ("said", "according to")."""

    text: str
    span: Span
    #: index of the cue's head token in the parsed Doc (None once read back
    #: from JSON, which has no tokens)
    token: int | None = None


@dataclass(frozen=True, slots=True)
class Content:
    """What was said: the words, and the spans they come from (a statement
    interrupted by its cue, "“…,” he said, “…”", has several)."""

    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time limit set in a statement: "within two weeks" (``duration``
    counted from the day it was said) or "by the end of the month"."""

    text: str
    span: Span
    duration: str | None  # TIMEX3 duration value (P2W), None for a date
    due: str | None  # the day it falls due, where it can be counted


@dataclass(frozen=True, slots=True)
class Statement:
    """An attributed statement: speaker, cue, content, when it was said."""

    id: str
    kind: str  # direct | indirect | mixed
    speaker: Speaker
    cue: Cue | None
    content: Content
    quotes: tuple[Span, ...] = ()
    date: str | None = None  # TIMEX3 value of when it was said
    #: "timex" (a day in its own sentence: said Friday) | "context" (a day set
    #: earlier in the article: "He added") | "published" (the article's date) |
    #: None (undated: "has repeatedly said", "earlier", no day in the article)
    date_basis: str | None = None
    date_span: Span | None = None  # the time expression that dates it ("Friday")
    continues: str | None = None  # id of the statement whose quotation this goes on
    deadline: Deadline | None = None
    #: head token of the speaker mention in the parsed Doc (None from JSON)
    source_token: int | None = None

    @property
    def cue_token(self) -> int | None:
        return self.cue.token if self.cue is not None else None


# --- events -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plover:
    """The event's PLOVER type and mode ("MEET"/"meet", "REJECT"/"meet")."""

    type: str
    mode: str | None


@dataclass(frozen=True, slots=True)
class EventSource:
    """Who asserts a status: an entity, or (``entity`` None) the article."""

    entity: str | None
    name: str


@dataclass(frozen=True, slots=True)
class Condition:
    """The condition a status depends on ("provided this meeting …")."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class EventStatus:
    """What one source says of an event: held, planned, denied, …"""

    status: str
    source: EventSource
    statement: str | None  # id of the statement that asserts it
    trigger: Span  # the event word
    evidence: Span  # its sentence
    condition: Condition | None
    asserted: str | None  # when it was asserted (the statement's date)


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, its participants, and each source's status of it."""

    id: str
    type: str  # meeting | interview | threat | ...
    plover: Plover
    participants: tuple[str, ...]  # entity ids, sorted
    participant_names: tuple[str, ...]
    qualifiers: tuple[str, ...]  # "trilateral", "peace", …
    place: str | None  # entity id
    place_name: str | None
    date: str | None  # TIMEX3 value
    mentions: tuple[Span, ...]
    statuses: tuple[EventStatus, ...]


@dataclass(frozen=True, slots=True)
class EventMention:
    """A word that names something happening (TimeML style)."""

    span: Span
    text: str
    lemma: str
    pos: str  # VERB | NOUN
    event_class: str  # speech | cognitive | other
    tense: str | None  # PAST | PRESENT | FUTURE
    time: str | None  # value of the time expression it is anchored to
    time_span: Span | None
    dct_relation: str | None  # BEFORE | INCLUDES | AFTER the article's date


# --- one article ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NarratedDeadline:
    """A time limit the narration states, not a quotation ("Britain, France
    and Germany on Thursday launched a 30-day process"; "Tehran still has
    eight days to …"): who set it, as the clause names them, and when."""

    deadline: Deadline
    set_by: str | None  # the clause's subject ("Britain, France and Germany")
    set_on: str | None  # the day it was set (ISO), the counting starts from


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline finds in one article."""

    id: str
    title: str | None
    published: dt.date | None
    url: str | None
    text: str
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()
    deadlines: tuple[NarratedDeadline, ...] = ()  # those outside any statement
