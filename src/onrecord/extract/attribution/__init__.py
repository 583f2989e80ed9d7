"""Attribution: who said what — direct, indirect and mixed speech.

A pure function from a parsed spaCy ``Doc`` (plus the quotation spans found in
its text) to :class:`Attribution` records with character offsets. Speakers
are mentions here; resolving them to people is :mod:`onrecord.extract.speakers`.

1. the learned tagger (:mod:`~onrecord.extract.attribution.tagger`) marks
   source, cue and content spans over windows of the article's text;
2. :mod:`~onrecord.extract.attribution.linking` ties them into attributions,
   one per cue (a quote paragraph with no cue continues the speaker before);
3. :mod:`~onrecord.extract.attribution.learned` puts them on the parse: the
   cue's and the source's head tokens, the kind from the quotations inside,
   and the speaker from the parse where the tagger marked none or the parse
   sees a relay (:mod:`~onrecord.extract.attribution.subjects`);
4. a possessed noun with a that-clause inside another statement ("his view
   that …") is its possessor's position (:mod:`~onrecord.extract.attribution.nested`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.extract.attribution.context import (
    AttributionContext,
    AttributionOptions,
    Draft,
    is_according_to,
)
from onrecord.extract.attribution.learned import learned_drafts
from onrecord.extract.attribution.linking import link
from onrecord.extract.attribution.nested import possessed_positions
from onrecord.extract.quotes import Quote
from onrecord.records import Span

__all__ = ["Attribution", "AttributionOptions", "extract_attributions"]


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: str  # direct | indirect | mixed
    content: tuple[Span, ...]
    quotes: tuple[Span, ...] = ()
    cue: Span | None = None
    cue_token: int | None = None  # index of the cue's head token in the Doc
    source: Span | None = None
    source_token: int | None = None  # head token of the speaker mention
    continuation_of: int | None = None  # index of the attribution it continues


def extract_attributions(
    doc: Doc, quotes: Sequence[Quote], options: AttributionOptions
) -> list[Attribution]:
    """All attributions in ``doc`` in text order."""
    ctx = AttributionContext(doc, quotes)
    # the model runs only on windows where a cue could stand: a verb, "according
    # to", a quotation
    cues_at = [t.idx for t in doc if t.pos_ in ("VERB", "AUX") or is_according_to(t)]
    tagged = options.tagger.tag(ctx.text, cues_at + [q.start for q in quotes])
    linked = link(doc, ctx.text, tagged, [q.span for q in quotes])
    drafts: list[tuple[Draft, int | None]] = []  # with the index it continues in ``linked``
    kept: dict[int, int] = {}  # index in ``linked`` -> index in ``drafts``
    for n, d in enumerate(learned_drafts(ctx, linked)):
        if d is not None:
            kept[n] = len(drafts)
            owner = linked[n].continuation_of
            drafts.append((d, kept.get(owner) if owner is not None else None))
    cues = {d.cue_token for d, _ in drafts if d.cue_token is not None}
    drafts += [(d, None) for d in possessed_positions(doc, cues)]
    drafts = [
        (d, owner if owner is not None else _said_before(ctx.text, d, drafts))
        for d, owner in drafts
    ]
    order = sorted(range(len(drafts)), key=lambda i: drafts[i][0].content[0][0])
    where = {i: n for n, i in enumerate(order)}
    out = []
    for i in order:
        d, owner = drafts[i]
        out.append(
            Attribution(
                kind=d.kind,
                content=tuple(d.content),
                quotes=tuple(d.quotes),
                cue=d.cue,
                cue_token=d.cue_token,
                source=d.source,
                source_token=d.source_token,
                continuation_of=where[owner] if owner is not None else None,
            )
        )
    return out


def _said_before(text: str, draft: Draft, drafts: Sequence[tuple[Draft, int | None]]) -> int | None:
    """For a quotation nobody is named as saying ("Quote: “…”"), the statement
    before it in its paragraph whose speaker is named: the same speaker goes on."""
    if draft.source is not None or draft.kind != "direct":
        return None
    start = draft.content[0][0]
    earlier = [
        (d.content[0][0], i)
        for i, (d, _) in enumerate(drafts)
        if d.source is not None
        and d.content[0][0] < start
        and "\n" not in text[d.content[0][0] : start]
    ]
    return max(earlier)[1] if earlier else None
