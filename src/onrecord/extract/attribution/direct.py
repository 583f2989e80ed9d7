"""Direct quotes: the cue that stands next to a quotation.

A quotation that reads as a statement takes the nearest cue in the text
around it: the reporting verb after it ("“…,” Lavrov said"), the one before
it ("Lavrov said: “…”"), or a dash and a name ("“…” ― Krystal Correa").
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.extract.attribution.context import (
    AttributionContext,
    AttributionOptions,
    is_cue_verb,
)
from onrecord.extract.attribution.indirect import content_tokens
from onrecord.extract.quotes import Quote
from onrecord.records import Span


def cue_for_quote(
    quote: Quote, qi: int, ctx: AttributionContext, options: AttributionOptions
) -> Token | None:
    """The reporting verb standing next to a quotation, if any."""
    para_start, para_end = ctx.paragraph_bounds(quote.start)
    prev_end = ctx.quotes[qi - 1].end if qi > 0 else 0
    next_start = ctx.quotes[qi + 1].start if qi + 1 < len(ctx.quotes) else len(ctx.text)
    after = (quote.end, min(para_end, next_start, quote.end + options.max_glue_chars))
    before = (max(para_start, prev_end, quote.start - options.max_glue_chars), quote.start)
    # "“…,” Lavrov said" — the commonest news pattern: the cue follows. A
    # quotation closed by a comma (or ? ! —) hands over to its cue; one closed
    # by a full stop only if the cue has no content of its own.
    inner = ctx.text[quote.start : quote.end].rstrip("”\"»’' ")
    hands_over = inner[-1:] in (",", "?", "!", "—", "–", "-", "…")
    for tok in ctx.tokens_in(*after):
        if ctx.in_quote(tok) is None and is_cue_verb(tok, options):
            if (
                not hands_over
                and content_tokens(tok) is not None
                and not _points_back(tok, quote, ctx)
            ):
                break  # a new sentence with its own content is not this quote's cue
            return tok
        if tok.text in (".", "!", "?") and tok.idx > quote.end + 1:
            break
    # "Lavrov said: “…”" / "Lavrov said, “…”"
    if not ctx.text[before[0] : quote.start].strip() and before[0] == para_start > 0:
        # "He said:\n\n“…”": a paragraph that is only the quotation, after a
        # paragraph ending in a colon
        prev_start, prev_end = ctx.paragraph_bounds(max(0, para_start - 2))
        if ctx.text[prev_start:prev_end].rstrip().endswith(":"):
            before = (max(prev_start, prev_end - options.max_glue_chars), quote.start)
    colon = ctx.text[before[0] : quote.start].rstrip().endswith(":")
    cands = [
        t
        for t in ctx.tokens_in(*before)
        if ctx.in_quote(t) is None
        # "Limbaugh continued: “…”" — any verb that hands over with a colon
        and (is_cue_verb(t, options) or (colon and t.pos_ == "VERB"))
    ]
    if cands:
        tok = cands[-1]
        glue = ctx.text[tok.idx + len(tok) : quote.start].strip()
        # "X said: “…”", "X told the host, “…”", "X said that “…”" — but not
        # "X said on CNN's “State of the Union”", where the quote is a title
        introduces = not glue or glue.endswith((":", ",", " that")) or glue == "that"
        if introduces and "." not in glue.replace("Mr.", "").replace("Ms.", "").replace("Dr.", ""):
            return tok
    return _dash_signature(quote, after, ctx)


_DASHES = ("―", "—", "–", "-", "--")


def _dash_signature(quote: Quote, after: Span, ctx: AttributionContext) -> Token | None:
    """“…” ― Krystal Correa: a quotation signed with a dash and a name."""
    toks = [t for t in ctx.tokens_in(quote.end, after[1]) if not t.is_space]
    if len(toks) >= 2 and toks[0].text in _DASHES and toks[1].pos_ == "PROPN" and toks[1].is_title:
        return toks[0]
    return None


def signature_name(dash: Token, ctx: AttributionContext) -> tuple[Span | None, int | None]:
    toks: list[Token] = []
    for t in ctx.doc[dash.i + 1 :]:
        if t.is_space and not toks:
            continue
        if t.pos_ != "PROPN" and not (toks and t.text == "."):
            break
        toks.append(t)
    if not toks:
        return None, None
    return (toks[0].idx, toks[-1].idx + len(toks[-1])), toks[-1].i


def _points_back(verb: Token, quote: Quote, ctx: AttributionContext) -> bool:
    """True if the verb's complement is (inside) the quotation itself."""
    found = content_tokens(verb)
    content = found[0] if found is not None else []
    return any(ctx.in_quote(t) is not None and quote.start <= t.idx < quote.end for t in content)
