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
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord.extract.cue_model import CueModel, dense_features, features
from onrecord.extract.quotes import Quote
from onrecord.records import Span

#: Dependency labels of a cue verb's subject (the speaker).
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Dependencies through which a subject-less verb ("…, adding that …",
#: "… and warned that …") inherits the speaker of the verb it hangs from.
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "acl", "dep")
#: Verbs whose direct object is the attributed content ("announced a plan").
_OBJECT_CONTENT_MIN_TOKENS = 1
#: Parts of speech that can be cues: verbs, and nouns with a that-clause
#: ("the claim that …", "charges that …").
_CANDIDATE_POS = ("VERB", "AUX", "NOUN")
_EDGE_PUNCT = set(",;:—–-")
#: Dropped from the end of a content: sentence punctuation, not "30%" or "$5".
_TRAILING_PUNCT = frozenset([".", ",", ";", ":", "!", "?", "…", "—", "–", "-", "--", "(", "["])


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


@dataclass(slots=True)
class _Draft:
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


def extract_attributions(
    doc: Doc, quotes: Sequence[Quote], options: AttributionOptions
) -> list[Attribution]:
    """All attributions in ``doc`` in text order."""
    ctx = _Context(doc, quotes)
    drafts: list[_Draft] = []
    used_cues: set[int] = set()
    for tok in doc:
        if ctx.in_quote(tok) is not None:
            continue
        draft = None
        if _is_according_to(tok):
            draft = _according_to(tok, ctx)
        elif tok.text == ":":
            draft = _colon(tok, ctx)
        elif tok.pos_ in _CANDIDATE_POS:
            found = _indirect(tok, ctx)
            if found is not None and _accept(tok, found[1], options):
                draft = found[0]
        if draft is not None and draft.content:
            drafts.append(draft)
            used_cues.add(tok.i)
    covered = [q for d in drafts for q in d.quotes]
    for qi, quote in enumerate(quotes):
        if any(_inside(quote.span, c) for d in drafts for c in d.content) or quote.span in covered:
            continue
        if not ctx.statement_like(quote, options):
            continue
        cue = _cue_for_quote(quote, qi, ctx, options)
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
                source, source_tok = _signature_name(cue, ctx)
            else:
                source, source_tok = _subject(cue, ctx)
            drafts.append(_Draft("direct", [quote.span], [quote.span], cue.i, source, source_tok))
            continue
        prev = _previous_quote_attribution(quote, qi, drafts, ctx)
        if prev is not None:
            if ctx.same_paragraph(prev.quotes[-1][1], quote.start):
                prev.content.append(quote.span)
                prev.quotes.append(quote.span)
            else:
                drafts.append(
                    _Draft(
                        "direct",
                        [quote.span],
                        [quote.span],
                        prev.cue_token,
                        prev.source,
                        prev.source_token,
                        continuation_of=-1,
                    )
                )
    drafts = _drop_nested(drafts)
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


class _Context:
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
        if _is_according_to(tok):
            toks.append(self.doc[i + 1])
        else:
            toks += [c for c in tok.children if c.dep_ == "prt"]
        return (min(t.idx for t in toks), max(t.idx + len(t) for t in toks))


def _accept(verb: Token, feats: Features, options: AttributionOptions) -> bool:
    if options.model is None:
        return _is_cue_verb(verb, options)
    return options.model.probability(feats.sparse, feats.dense) >= options.threshold


def _is_cue_verb(tok: Token, options: AttributionOptions) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in options.cue_verbs


def _is_according_to(tok: Token) -> bool:
    return (
        tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    )


def _trim(doc: Doc, tokens: Iterable[Token]) -> list[Span]:
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


def _is_quote_mark(tok: Token) -> bool:
    return tok.text in ("“", "”", '"', "''", "’", "»", "«")


def _subject(verb: Token, ctx: _Context) -> tuple[Span | None, int | None]:
    """The speaker mention of a cue verb, inherited along conjunctions."""
    if verb.pos_ == "NOUN":
        # "Trump's claim that …" / "claims by the campaign that …"
        for child in verb.children:
            if child.dep_ == "poss":
                return (child.idx, child.idx + len(child)), child.i
            if child.dep_ == "prep" and child.lower_ == "by":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    spans = _trim(ctx.doc, objs[0].subtree)
                    if spans:
                        return (spans[0][0], spans[-1][1]), objs[0].i
        return None, None
    seen = 0
    tok: Token | None = verb
    while tok is not None and seen < 4:
        for child in tok.children:
            if child.dep_ in _SUBJECT_DEPS and ctx.in_quote(child) is None:
                sub = list(child.subtree)
                spans = _trim(ctx.doc, sub)
                if spans:
                    return (spans[0][0], spans[-1][1]), child.i
        if verb.dep_ == "relcl" and tok is verb:
            head = verb.head
            return (head.idx, head.idx + len(head)), head.i
        for child in tok.children:
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    spans = _trim(ctx.doc, objs[0].subtree)
                    return (spans[0][0], spans[-1][1]), objs[0].i
        if tok.dep_ in _INHERIT_DEPS and tok.head is not tok:
            tok = tok.head
            seen += 1
            continue
        break
    return None, None


#: Verbs whose object is the addressee, not the content ("told reporters that …").
_ADDRESSEE_VERBS = frozenset(
    ["tell", "ask", "inform", "assure", "warn", "remind", "urge", "promise"]
)


def _content_tokens(verb: Token) -> tuple[list[Token], str] | None:
    """The complement that holds what was said, from the parse, and its shape."""
    children = list(verb.children)
    if verb.pos_ == "NOUN":
        for child in children:
            if child.dep_ in ("acl", "ccomp") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in child.children
            ):
                return list(child.subtree), "noun_that"
        return None
    for child in children:
        if child.dep_ in ("ccomp", "csubj"):
            return list(child.subtree), child.dep_
    objects = [c for c in children if c.dep_ == "dobj"]
    xcomps = [c for c in children if c.dep_ in ("xcomp", "oprd") and c.i > verb.i]
    if objects and xcomps:
        # "urged people to protest", "called the test a violation"
        return list(objects[0].subtree) + [t for x in xcomps for t in x.subtree], "dobj+xcomp"
    if objects and len(list(objects[0].subtree)) >= _OBJECT_CONTENT_MIN_TOKENS:
        if verb.lemma_.lower() in _ADDRESSEE_VERBS:
            return None
        return list(objects[0].subtree), "dobj"
    if xcomps:
        return list(xcomps[0].subtree), "xcomp"
    preps = [c for c in children if c.dep_ == "prep" and c.i > verb.i]
    for prep in preps:
        objs = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
        if objs and prep.lower_ in ("for", "on", "about", "against", "of"):
            # "called for a ban", "warned of consequences" (PolNeAR keeps the preposition)
            return list(objs[0].subtree), "prep"
    return None


class Features(NamedTuple):
    sparse: list[str]
    dense: np.ndarray


def _indirect(verb: Token, ctx: _Context) -> tuple[_Draft, Features] | None:
    found = _content_tokens(verb)
    content, shape = found if found is not None else ([], "")
    if (
        not content
        and verb.dep_ in ("parataxis", "ccomp")
        and verb.head.i != verb.i
        and any(c.dep_ == "nsubj" for c in verb.children)
    ):
        # "Whatever progress …, officials said, could …": the head clause is the content.
        inner = set(t.i for t in verb.subtree)
        content = [t for t in verb.head.subtree if t.i not in inner]
        shape = "parenthetical"
    if not content:
        return None
    spans = _trim(ctx.doc, content)
    if not spans:
        return None
    source, source_tok = _subject(verb, ctx)
    spans = _close_gaps(spans, verb, source, ctx)
    quotes = [q for q in ctx.quotes if any(_overlaps(q.span, s) for s in spans)]
    spans = _cover_quotes(spans, quotes)
    kind = "indirect"
    if quotes:
        outside = "".join(ctx.text[s:e] for s, e in _subtract(spans, [q.span for q in quotes]))
        if not any(c.isalnum() for c in outside):
            return None  # the clause is a quotation: the quote pass attributes it
        kind = "mixed"
    ordered = sorted(content, key=lambda t: t.i)
    inside = {t.i for t in ordered}
    content_head = next((t for t in ordered if t.head.i not in inside), None)
    subject = ctx.doc[source_tok] if source_tok is not None else None
    feats = Features(
        features(verb, ordered, shape, bool(quotes), subject),
        dense_features(verb, content_head, subject),
    )
    return _Draft(kind, spans, [q.span for q in quotes], verb.i, source, source_tok), feats


def verb_candidates(doc: Doc, quotes: Sequence[Quote]) -> list[tuple[int, list[Span], Features]]:
    """Every verb that could be a cue: (token index, content spans, features).

    Used to train the cue model on exactly what extraction will see.
    """
    ctx = _Context(doc, quotes)
    out = []
    for tok in doc:
        if tok.pos_ in _CANDIDATE_POS and ctx.in_quote(tok) is None:
            found = _indirect(tok, ctx)
            if found is not None:
                out.append((tok.i, found[0].content, found[1]))
    return out


def _according_to(tok: Token, ctx: _Context) -> _Draft | None:
    to = ctx.doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    source_spans = _trim(ctx.doc, objs[0].subtree)
    phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i}
    sent = tok.sent
    content = [t for t in sent if t.i not in phrase]
    spans = _trim(ctx.doc, content)
    if not spans or not source_spans:
        return None
    return _reported(spans, tok, (source_spans[0][0], source_spans[-1][1]), objs[0].i, ctx)


def _reported(
    spans: list[Span], cue: Token, source: Span, source_tok: int, ctx: _Context
) -> _Draft:
    """An indirect statement, or a mixed one where quotations lie inside."""
    quotes = [q.span for q in ctx.quotes if any(_overlaps(q.span, s) for s in spans)]
    return _Draft("mixed" if quotes else "indirect", spans, quotes, cue.i, source, source_tok)


_MAX_COLON_SOURCE_TOKENS = 6


def _colon(tok: Token, ctx: _Context) -> _Draft | None:
    """Headline style "Pat Caddell: Democrat Voters Worried …": a short name
    opening a sentence, a colon, and the rest of the line as the content."""
    sent = tok.sent
    left = [t for t in sent if t.i < tok.i and not t.is_space]
    if (
        not left
        or len(left) > _MAX_COLON_SOURCE_TOKENS
        or left[-1].ent_type_ not in ("PERSON", "ORG")
    ):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in left):
        return None  # "Trump said:" is a cue verb's business
    line_end = ctx.text.find("\n", tok.idx)
    end = min(sent.end_char, line_end if line_end >= 0 else len(ctx.text))
    right = [t for t in sent if t.i > tok.i and t.idx < end]
    spans = _trim(ctx.doc, right)
    if not spans or len(right) < 3:
        return None
    spans = [(spans[0][0], spans[-1][1])]
    return _reported(spans, tok, (left[0].idx, left[-1].idx + len(left[-1])), left[-1].i, ctx)


def _cue_for_quote(
    quote: Quote, qi: int, ctx: _Context, options: AttributionOptions
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
        if ctx.in_quote(tok) is None and _is_cue_verb(tok, options):
            if (
                not hands_over
                and _content_tokens(tok) is not None
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
        and (_is_cue_verb(t, options) or (colon and t.pos_ == "VERB"))
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


def _dash_signature(quote: Quote, after: Span, ctx: _Context) -> Token | None:
    """“…” ― Krystal Correa: a quotation signed with a dash and a name."""
    toks = [t for t in ctx.tokens_in(quote.end, after[1]) if not t.is_space]
    if len(toks) >= 2 and toks[0].text in _DASHES and toks[1].pos_ == "PROPN" and toks[1].is_title:
        return toks[0]
    return None


def _signature_name(dash: Token, ctx: _Context) -> tuple[Span | None, int | None]:
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


def _points_back(verb: Token, quote: Quote, ctx: _Context) -> bool:
    """True if the verb's complement is (inside) the quotation itself."""
    found = _content_tokens(verb)
    content = found[0] if found is not None else []
    return any(ctx.in_quote(t) is not None and quote.start <= t.idx < quote.end for t in content)


def _previous_quote_attribution(
    quote: Quote, qi: int, drafts: list[_Draft], ctx: _Context
) -> _Draft | None:
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


_MAX_GAP_CHARS = 60


def _close_gaps(spans: list[Span], verb: Token, source: Span | None, ctx: _Context) -> list[Span]:
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


def _cover_quotes(spans: list[Span], quotes: Sequence[Quote]) -> list[Span]:
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


def _subtract(spans: Sequence[Span], holes: Sequence[Span]) -> list[Span]:
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


def _drop_nested(drafts: list[_Draft]) -> list[_Draft]:
    """Keep one statement where two readings claim the same words.

    "Officials said the campaign planned to bus in supporters" yields the
    statement of "said" and, inside it, one of "planned": when an indirect
    statement's content is at least half of a larger one's, the larger one
    (the reported speech as a whole) stands. Direct quotes are never dropped.
    """

    def size(d: _Draft) -> int:
        return sum(e - s for s, e in d.content)

    def shared(a: _Draft, b: _Draft) -> int:
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


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]
