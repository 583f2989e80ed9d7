"""What the attribution passes share: settings, drafts, per-document lookups.

:class:`AttributionOptions` is the stage's one settings object;
:class:`Draft` is an attribution while the passes still add to it;
:class:`AttributionContext` answers the questions every pass asks of the
document (is this token inside a quotation, are two offsets in one
paragraph, where does a cue stand).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord.extract.cue_model import CueModel
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
    continuation_of: int | None = None


@dataclass(frozen=True, slots=True)
class AttributionOptions:
    """Settings of the attribution stage (tuned on PolNeAR dev)."""

    cue_verbs: frozenset[str]
    #: scores verb candidates; without it, the lexicon alone decides
    model: CueModel | None = None
    threshold: float = 0.5
    min_quote_tokens: int = 3  # shorter quotations are scare quotes or titles
    max_glue_chars: int = 160  # how far from a quotation its cue may stand


class AttributionContext:
    """Per-document lookups shared by the passes."""

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

    def same_paragraph(self, a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return "\n" not in self.text[lo:hi]

    def paragraph_bounds(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def tokens_in(self, start: int, end: int) -> SpacySpan:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span if span is not None else self.doc[0:0]

    def statement_like(self, quote: Quote, options: AttributionOptions) -> bool:
        toks = [t for t in self.tokens_in(quote.start, quote.end) if not t.is_punct]
        if len(toks) < options.min_quote_tokens:
            return False
        inner = self.text[quote.start : quote.end].rstrip("”\"»’' ")
        ends_like_speech = inner[-1:] in ".,!?…;:-—" if inner else False
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in toks)
        return ends_like_speech or (has_verb and len(toks) >= 5)

    def cue_span(self, i: int) -> Span:
        tok = self.doc[i]
        toks = [tok]
        if is_according_to(tok):
            toks.append(self.doc[i + 1])
        else:
            toks += [c for c in tok.children if c.dep_ == "prt"]
        return (min(t.idx for t in toks), max(t.idx + len(t) for t in toks))


def is_cue_verb(tok: Token, options: AttributionOptions) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in options.cue_verbs


def is_according_to(tok: Token) -> bool:
    return (
        tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    )
