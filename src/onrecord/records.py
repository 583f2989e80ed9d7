"""Small immutable records passed between pipeline stages.

Every record that comes from text carries character offsets (Python ``str``
indices) into the article text it was extracted from: that is its evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class Statement:
    """An attributed statement: speaker, cue, content, with evidence offsets."""

    id: str
    kind: str  # direct | indirect | mixed
    content_spans: tuple[Span, ...]
    content_text: str
    cue_span: Span | None = None
    cue_text: str | None = None
    speaker_span: Span | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    speaker_entity: str | None = None
    date: str | None = None  # TIMEX3 value of when it was said
    date_basis: str | None = None  # "timex" (said Friday) | "published" (article date)
    date_span: Span | None = None
    deadlines: tuple[dict[str, str], ...] = field(default_factory=tuple)
