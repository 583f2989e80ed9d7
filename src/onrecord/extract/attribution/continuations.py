"""Continued quotations: one with no cue of its own goes on from the last.

A quotation without a cue continues the speaker of the attributed quotation
before it when it follows that one in the same paragraph, or opens the next
paragraph.
"""

from __future__ import annotations

from onrecord.extract.attribution.context import AttributionContext, Draft
from onrecord.extract.quotes import Quote


def previous_quote_attribution(
    quote: Quote, qi: int, drafts: list[Draft], ctx: AttributionContext
) -> Draft | None:
    """The attributed quotation this one continues, if nothing stands between."""
    # the nearest earlier quotation that is itself attributed: a scare quote
    # ("a “Coalition of the Willing”") in between does not break the chain
    prev_q = next(
        (q for q in reversed(ctx.quotes[:qi]) if any(q.span in d.quotes for d in drafts)),
        None,
    )
    if prev_q is None:
        return None
    owner = next((d for d in drafts if prev_q.span in d.quotes and d.kind == "direct"), None)
    if owner is None:
        return None
    between = ctx.text[prev_q.end : quote.start]
    if ctx.same_paragraph(prev_q.end, quote.start):
        return owner
    # next paragraph: only if that paragraph opens with the quotation
    para_start, _ = ctx.paragraph_bounds(quote.start)
    if ctx.text[para_start : quote.start].strip() == "" and between.count("\n\n") <= 1:
        return owner
    return None
