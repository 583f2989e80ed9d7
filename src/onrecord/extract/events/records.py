"""What the parts of the event stage hand each other.

:class:`EventContext` holds the article's lookups, built once per article by
:func:`onrecord.extract.events.extract_events`; :class:`Mention` is one event
word as found, before mentions of the same real-world event are merged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.extract.entities import EntityIndex
from onrecord.extract.events.triggers import Trigger
from onrecord.records import Span, Statement, Timex


@dataclass(frozen=True, slots=True)
class EventContext:
    doc: Doc
    text: str  # doc.text, read once: spaCy rebuilds it on every access
    index: EntityIndex
    statements: Sequence[Statement]
    timexes: Sequence[Timex]
    published: str | None


@dataclass(slots=True)
class Mention:
    tok: Token
    trigger: Trigger
    participants: set[str]
    place: str | None
    date: Timex | None
    status: str | None
    condition: Span | None
    source: str | None  # entity id; None = the article
    source_name: str | None
    statement: str | None
    asserted: str | None
    anaphoric: bool
    distinct: frozenset[str] = frozenset()
    #: participants known only as "we"/"I" of the speaker: they do not say which event
    weak: frozenset[str] = frozenset()
