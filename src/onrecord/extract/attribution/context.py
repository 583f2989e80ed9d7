"""What the attribution stage shares: its settings, drafts, per-document lookups.

:class:`AttributionOptions` is the stage's one settings object;
:class:`Draft` is an attribution while it is put on the parse;
:class:`AttributionContext` answers the questions asked of the document
(is this token inside a quotation).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord.extract.attribution.tagger import LoadedTagger
from onrecord.extract.quotes import Quote
from onrecord.records import Span


@dataclass(slots=True)
class Draft:
    kind: str
    content: list[Span]
    quotes: list[Span] = field(default_factory=list)
    cue_token: int | None = None
    source: Span | None = None
    source_token: int | None = None
    cue: Span | None = None


@dataclass(frozen=True, slots=True)
class AttributionOptions:
    """Settings of the attribution stage: the learned span tagger, loaded once per worker."""

    tagger: LoadedTagger


class AttributionContext:
    """Per-document lookups."""

    def __init__(self, doc: Doc, quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.text = doc.text
        self.quotes = list(quotes)
        self._starts = [q.start for q in self.quotes]

    def in_quote(self, tok: Token) -> int | None:
        i = bisect.bisect_right(self._starts, tok.idx) - 1
        if i >= 0 and self.quotes[i].start <= tok.idx < self.quotes[i].end:
            return i
        return None


def is_according_to(tok: Token) -> bool:
    return (
        tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    )
