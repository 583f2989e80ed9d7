"""Attribution: who said what — direct, indirect and mixed speech.

A pure function from a parsed spaCy ``Doc`` (plus the quotation spans found in
its text) to :class:`Attribution` records with character offsets. Speakers
are mentions here; resolving them to people is :mod:`onrecord.extract.speakers`.

Three passes, each adding what the earlier ones did not cover:

1. cue words (reporting verbs from the lexicon, "according to") outside
   quotations take their content from the parse: the clausal complement
   ("said *that …*"), the object of verbs such as "announced", or the rest of
   the sentence for a parenthetical ("…, officials said, …");
2. quotations that read as statements take the nearest cue in the text around
   them ("“…,” Lavrov said" / "Lavrov said: “…”");
3. a quotation with no cue of its own that follows an attributed one in the
   same paragraph, or opens the next paragraph, continues the same speaker.

The passes live beside this module, by role:
:mod:`~onrecord.extract.attribution.indirect` (1),
:mod:`~onrecord.extract.attribution.direct` (2) and
:mod:`~onrecord.extract.attribution.continuations` (3); content spans are
built in :mod:`~onrecord.extract.attribution.spans`, and what the passes
share is in :mod:`~onrecord.extract.attribution.context`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.extract.attribution.absolute import split_with_clauses
from onrecord.extract.attribution.checks import (
    according_to_relays,
    is_hedge,
    is_hypothetical,
    relays_a_cue,
)
from onrecord.extract.attribution.context import (
    AttributionContext,
    AttributionOptions,
    Draft,
    is_according_to,
)
from onrecord.extract.attribution.continuations import previous_quote_attribution
from onrecord.extract.attribution.direct import cue_for_quote, signature_name
from onrecord.extract.attribution.indirect import (
    Features,
    accept_cue,
    according_to,
    colon_statement,
    cue_subject,
    indirect,
    inverted_subject,
)
from onrecord.extract.attribution.spans import inside
from onrecord.extract.quotes import Quote
from onrecord.records import Span

__all__ = ["Attribution", "AttributionOptions", "extract_attributions", "verb_candidates"]

#: Parts of speech that can be cues: verbs, and nouns with a that-clause
#: ("the claim that …", "charges that …").
_CANDIDATE_POS = ("VERB", "AUX", "NOUN")


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
    drafts: list[Draft] = []
    used_cues: set[int] = set()
    for tok in doc:
        if ctx.in_quote(tok) is not None:
            continue
        draft = None
        if is_according_to(tok):
            if not according_to_relays(tok, options):
                draft = according_to(tok, ctx)
        elif tok.text == ":":
            draft = colon_statement(tok, ctx)
        elif tok.pos_ in _CANDIDATE_POS and not _not_a_report(tok, options):
            found = indirect(tok, ctx)
            if found is not None and accept_cue(tok, found[1], options):
                draft = found[0]
        if draft is not None and draft.content:
            drafts.append(draft)
            used_cues.add(tok.i)
    covered = [q for d in drafts for q in d.quotes]
    for qi, quote in enumerate(quotes):
        if any(inside(quote.span, c) for d in drafts for c in d.content) or quote.span in covered:
            continue
        if not ctx.statement_like(quote, options):
            continue
        cue = cue_for_quote(quote, qi, ctx, options)
        if cue is not None:
            owner = next((d for d in drafts if d.cue_token == cue.i and d.kind == "direct"), None)
            if owner is not None:
                # "“…,” he said, “…”": both halves are one statement
                owner.content.append(quote.span)
                owner.quotes.append(quote.span)
                continue
            # a misparsed indirect reading of the same cue gives way to the quote
            drafts = [d for d in drafts if d.cue_token != cue.i]
            if cue.pos_ == "PUNCT":  # a dash signature
                source, source_tok = signature_name(cue, ctx)
            else:
                source, source_tok = cue_subject(cue, ctx)
                if source is None and cue.idx > quote.start:
                    source, source_tok = inverted_subject(cue, ctx)
            drafts.append(Draft("direct", [quote.span], [quote.span], cue.i, source, source_tok))
            continue
        prev = previous_quote_attribution(quote, qi, drafts, ctx)
        if prev is not None:
            if ctx.same_paragraph(prev.quotes[-1][1], quote.start):
                prev.content.append(quote.span)
                prev.quotes.append(quote.span)
            else:
                drafts.append(
                    Draft(
                        "direct",
                        [quote.span],
                        [quote.span],
                        prev.cue_token,
                        prev.source,
                        prev.source_token,
                        continuation_of=-1,
                    )
                )
    drafts = split_with_clauses(doc, _drop_nested(drafts), options.cue_verbs)
    drafts.sort(key=lambda d: d.content[0][0])
    out: list[Attribution] = []
    for d in drafts:
        cue_span = ctx.cue_span(d.cue_token) if d.cue_token is not None else None
        cont = None
        if d.continuation_of is not None:
            cont = next(
                (
                    i
                    for i, o in enumerate(out)
                    if o.cue_token == d.cue_token and not o.continuation_of
                ),
                None,
            )
        content = tuple(sorted(set(d.content)))
        out.append(
            Attribution(
                kind=d.kind,
                content=content,
                quotes=tuple(d.quotes),
                cue=cue_span,
                cue_token=d.cue_token,
                source=d.source,
                source_token=d.source_token,
                continuation_of=cont,
            )
        )
    return out


def _not_a_report(tok: Token, options: AttributionOptions) -> bool:
    """Hedges, hypotheticals and relays: see :mod:`~onrecord.extract.attribution.checks`."""
    return is_hedge(tok, options) or is_hypothetical(tok) or relays_a_cue(tok, options)


def verb_candidates(doc: Doc, quotes: Sequence[Quote]) -> list[tuple[int, list[Span], Features]]:
    """Every verb that could be a cue: (token index, content spans, features).

    Used to train the cue model on exactly what extraction will see.
    """
    ctx = AttributionContext(doc, quotes)
    out = []
    for tok in doc:
        if tok.pos_ in _CANDIDATE_POS and ctx.in_quote(tok) is None:
            found = indirect(tok, ctx)
            if found is not None:
                out.append((tok.i, found[0].content, found[1]))
    return out


def _drop_nested(drafts: list[Draft]) -> list[Draft]:
    """Keep one statement where two readings claim the same words.

    "Officials said the campaign planned to bus in supporters" yields the
    statement of "said" and, inside it, one of "planned": when an indirect
    statement's content is at least half of a larger one's, the larger one
    (the reported speech as a whole) stands. Direct quotes are never dropped.
    """

    def size(d: Draft) -> int:
        return sum(e - s for s, e in d.content)

    def shared(a: Draft, b: Draft) -> int:
        return sum(
            max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a.content for s2, e2 in b.content
        )

    indirect = [d for d in drafts if d.kind != "direct"]
    return [
        d
        for d in drafts
        if d.kind == "direct"
        or not any(size(o) > size(d) and shared(o, d) >= 0.5 * size(o) for o in indirect)
    ]
