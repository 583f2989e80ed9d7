"""Building an attribution's content: character spans from parse tokens.

The parse gives the tokens of what was said; these functions turn them into
spans of the text: runs of tokens without edge punctuation, pieces the
parse split apart joined again, quotations the parse cut taken whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from onrecord.extract.attribution.context import AttributionContext
from onrecord.extract.quotes import Quote
from onrecord.records import Span

_EDGE_PUNCT = set(",;:—–-")
#: Dropped from the end of a content: sentence punctuation, not "30%" or "$5".
_TRAILING_PUNCT = frozenset([".", ",", ";", ":", "!", "?", "…", "—", "–", "-", "--", "(", "["])


def trim(doc: Doc, tokens: Iterable[Token]) -> list[Span]:
    """Contiguous character spans over ``tokens``, edge punctuation dropped."""
    idx = sorted(t.i for t in tokens)
    runs: list[list[int]] = []
    for i in idx:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    for run in runs:
        toks = [doc[i] for i in run]
        while toks and (
            (toks[0].is_punct and toks[0].text in _EDGE_PUNCT)
            or toks[0].is_space
            or (toks[0].dep_ == "cc" and len(toks) > 1)  # "And perhaps …"
        ):
            toks.pop(0)
        while toks and (
            toks[-1].text in _TRAILING_PUNCT
            or toks[-1].is_space
            or toks[-1].dep_ == "cc"  # "…were not complete, and"
        ):
            toks.pop()
        if toks:
            spans.append((toks[0].idx, toks[-1].idx + len(toks[-1])))
    return spans


_MAX_GAP_CHARS = 60


def close_gaps(
    spans: list[Span], verb: Token, source: Span | None, ctx: AttributionContext
) -> list[Span]:
    """Join content pieces that the parse split apart ("tax returns | from
    1995 | that showed …"): content is only discontinuous around its own cue
    and speaker, or at a sentence break."""
    out = spans[:1]
    for s, e in spans[1:]:
        ps, pe = out[-1]
        gap = ctx.text[pe:s]
        blocked = (
            pe <= verb.idx < s
            or (source is not None and pe <= source[0] < s)
            or "\n" in gap
            or len(gap) > _MAX_GAP_CHARS
            or any(c in gap for c in ".!?")
        )
        if blocked:
            out.append((s, e))
        else:
            out[-1] = (ps, e)
    # a content that stops at a preposition runs on into a quotation right
    # after it: "are to blame for focusing on “he said this, he tweeted that.”"
    last_s, last_e = out[-1]
    rest = ctx.text[last_e : last_e + 3].lstrip()
    if rest[:1] in ("“", '"') or rest[:2] == "''":
        nxt = next((q for q in ctx.quotes if last_e <= q.start <= last_e + 3), None)
        if nxt is not None:
            tail = ctx.doc.char_span(last_s, last_e, alignment_mode="expand")
            if tail is not None and tail[-1].pos_ in ("ADP", "DET", "VERB", "SCONJ"):
                out[-1] = (last_s, nxt.end)
    return out


def cover_quotes(spans: list[Span], quotes: Sequence[Quote]) -> list[Span]:
    """Widen spans that end or start inside a quotation to take all of it:
    the parse may cut a quotation, a speaker's words never are."""
    out = []
    for s, e in spans:
        for q in quotes:
            if q.start < s < q.end:
                s = q.start
            if q.start < e < q.end:
                e = q.end
        out.append((s, e))
    return out


def subtract(spans: Sequence[Span], holes: Sequence[Span]) -> list[Span]:
    """The parts of ``spans`` not covered by ``holes``."""
    out = []
    for s, e in spans:
        pos = s
        for hs, he in sorted(holes):
            if he <= pos or hs >= e:
                continue
            if hs > pos:
                out.append((pos, hs))
            pos = max(pos, he)
        if pos < e:
            out.append((pos, e))
    return out


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]
