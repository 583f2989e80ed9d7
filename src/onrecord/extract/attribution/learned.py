"""The tagger's linked spans as attribution drafts on the parse.

Each linked attribution (:mod:`~onrecord.extract.attribution.linking`) gets
the parse tokens the later stages read: the cue's head token (for dating and
relays) and the source's head token (for resolving "he" and "the official"),
and its kind from the quotations its content holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from onrecord.extract.attribution.context import AttributionContext, Draft, is_according_to
from onrecord.extract.attribution.linking import Linked, gap, kind_of
from onrecord.extract.attribution.subjects import cue_subject, inverted_subject
from onrecord.records import Span


def head_token(doc: Doc, span: Span) -> int | None:
    """The syntactic head of the tokens covering ``span`` (None where none do)."""
    toks = doc.char_span(span[0], span[1], alignment_mode="expand")
    if toks is None or not len(toks):
        return None
    return int(toks.root.i)


#: Cues of the writer's own reading, not anybody's words ("… appeared to harden that stance").
_READINGS = frozenset(["appear", "seem"])


def learned_drafts(ctx: AttributionContext, linked: Sequence[Linked]) -> list[Draft | None]:
    """One draft per linked attribution, None for those that are nobody's words."""
    out: list[Draft | None] = []
    doc = ctx.doc
    for item in linked:
        content = sorted(item.content)
        cue = head_token(doc, item.cue.span)
        cue_span: Span = item.cue.span
        source = item.source.span if item.source else None
        source_tok = head_token(doc, source) if source else None
        if source is not None and source_tok is not None and cue is not None:
            source = _whole_clauses(doc, source, source_tok, doc[cue].idx)
        inner = _inner_report(doc, content, cue, source) or _relayed_report(ctx, content, cue)
        if inner is not None:
            # "According to Reuters, Carter told reporters: “…”": Carter's words
            (source, source_tok, cue, cue_span), content = inner
        elif cue is not None:
            if doc[cue].lemma_.lower() in _READINGS:
                out.append(None)
                continue
            source, source_tok = _speaker_of(ctx, doc[cue], item, source, source_tok)
            if source_tok is not None:
                content = _not_describing(doc, source_tok, content)
            if source is not None:
                # the speaker is not part of what was said ("“…” posted
                # President Carter", "cited Kowalski as saying")
                content = [c for c in content if gap(c, source) > 0] or content
        if not content:
            out.append(None)
            continue
        kind, inside = kind_of(content, ctx.quotes)
        if source is None and kind == "direct":
            source, source_tok = _last_subject(doc, content[0][0])
        if source is None and kind == "indirect":
            out.append(None)
            continue  # words of nobody in particular ("conflicting statements about …")
        out.append(
            Draft(
                kind,
                content,
                list(inside),
                cue,
                source,
                source_tok,
                cue=cue_span,
            )
        )
    return out


def _whole_clauses(doc: Doc, source: Span, head: int, limit: int) -> Span:
    """The source widened over the clauses that describe it ("Tom Baker — who
    has sought a deal for months — said"), up to the cue at ``limit``."""
    end = source[1]
    for child in doc[head].children:
        if child.dep_ in ("relcl", "appos") and child.i > head:
            edge = child.right_edge
            if source[1] <= edge.idx + len(edge) <= limit:
                end = max(end, edge.idx + len(edge))
    return (source[0], end)


def _inner_report(
    doc: Doc, content: list[Span], cue: int | None, source: Span | None
) -> tuple[tuple[Span, int, int, Span], list[Span]] | None:
    """A content piece that is only the subject of a verb outside the content
    ("According to Reuters, [Carter] told reporters: [“…”]", whether or not the
    tagger marked "told"): that subject speaks, through that verb, the rest of
    the content."""
    for piece in content:
        toks = doc.char_span(piece[0], piece[1], alignment_mode="expand")
        if toks is None or len(content) < 2:
            continue
        root = toks.root
        verb = root.head
        if source is not None and piece[1] <= source[0] < verb.idx:
            continue  # the tagged source stands nearer ("Tehran, Iran - Iran's leader … said")
        if (
            root.dep_ in ("nsubj", "nsubjpass")
            and root.pos_ == "PROPN"
            and verb.pos_ == "VERB"
            and not any(s <= verb.idx < e for s, e in content)
        ):
            rest = [c for c in content if c != piece]
            return ((piece, root.i, verb.i, (verb.idx, verb.idx + len(verb))), rest)
    return None


#: Cues of a relay: the medium that carries somebody else's words.
_RELAY_CUES = frozenset(["report", "cite", "quote", "according"])


def _relayed_report(
    ctx: AttributionContext, content: list[Span], cue: int | None
) -> tuple[tuple[Span, int, int, Span], list[Span]] | None:
    """A relay whose content opens with another report ("According to Reuters,
    [Trump told reporters on Friday: “…”]", "[Iran's leader said on Tuesday
    that …], state television reported"): the one tagger layer holds only the
    outer report, but the words are the inner speaker's, through the inner verb."""
    doc = ctx.doc
    if cue is None or not content:
        return None
    head = doc[cue]
    if head.tag_ == "VBG" and head.dep_ == "advcl" and content[0][0] <= head.head.idx < head.idx:
        # "[X described the talks as …], adding that …, Reuters reported": the
        # participle's subject adds what follows it
        return _participle_report(doc, content, head)
    if head.lemma_.lower() not in _RELAY_CUES and not is_according_to(head):
        return None
    first = content[0]
    toks = doc.char_span(first[0], first[1], alignment_mode="expand")
    if toks is None:
        return None
    subject = next((t for t in toks if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.left_edge.idx != toks[0].idx or subject.pos_ not in _NAMING:
        return None
    verb = subject.head
    if not toks.start <= verb.i < toks.end or verb.pos_ != "VERB":
        return None
    start = _reported_words(ctx, verb, content[-1][1])
    if start is None:
        return None
    said = [(max(s, start), e) for s, e in content if e > start]
    end = subject.right_edge.idx + len(subject.right_edge)
    speaker: Span = (subject.left_edge.idx, end)
    return ((speaker, subject.i, verb.i, (verb.idx, verb.idx + len(verb))), said)


def _participle_report(
    doc: Doc, content: list[Span], cue: Token
) -> tuple[tuple[Span, int, int, Span], list[Span]] | None:
    subject = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.idx != content[0][0] or subject.pos_ not in _NAMING:
        return None
    said = [c for c in content if c[0] > cue.idx]
    if not said:
        return None
    speaker: Span = (subject.left_edge.idx, subject.idx + len(subject))
    return ((speaker, subject.i, cue.i, (cue.idx, cue.idx + len(cue))), said)


#: Parts of speech of a subject that names who speaks.
_NAMING = frozenset(["PROPN", "NOUN", "PRON"])


def _reported_words(ctx: AttributionContext, verb: Token, end: int) -> int | None:
    """Where what ``verb`` reports starts, before ``end``: its that-clause, else
    a quotation after it ("told reporters: “…”")."""
    for child in verb.children:
        if child.dep_ == "ccomp" and verb.i < child.i and child.left_edge.idx < end:
            return int(child.left_edge.idx)
    for q in ctx.quotes:
        if verb.idx < q.start < end and "." not in ctx.text[verb.idx + len(verb) : q.start]:
            return q.start
    return None


def _speaker_of(
    ctx: AttributionContext,
    cue: Token,
    item: Linked,
    source: Span | None,
    source_tok: int | None,
) -> tuple[Span | None, int | None]:
    """The tagged source, but where the parse sees a relay ("Tasnim cited
    Araghchi as saying", "according to the report") the one relayed, and
    where the tagger found none, the cue's subject ("…, saying" takes the
    subject of the verb it hangs from; "“…,” posted the president")."""
    relayed = cue_subject(cue, ctx)
    relay = relayed[0] is not None and relayed != cue_subject(cue, ctx, relays=False)
    if relay and (source is None or cue.pos_ == "NOUN" or cue.lemma_ in ("cite", "quote")):
        return relayed
    if source is not None:
        return _named_subject(cue, source) or (source, source_tok)
    if relayed[0] is None and item.content and cue.idx > item.content[0][0]:
        relayed = inverted_subject(cue, ctx)
    said_by = relayed[0]
    if (
        said_by is not None
        and said_by[0] < cue.idx
        and any(gap(said_by, c) == 0 for c in item.content)
    ):
        # the parse's subject is part of what was said ("That meeting was
        # widely seen as …"): nobody is named as saying it
        return None, None
    return relayed


def _named_subject(cue: Token, source: Span) -> tuple[Span, int] | None:
    """The name in apposition at the end of a tagged source that leaves out
    the cue's subject ("an adviser to Iran's supreme leader [Ayatollah Ali
    Khamenei, Ali Shamkhani,] said": the adviser, Shamkhani, speaks)."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    if not subjects or any(source[0] <= s.idx < source[1] for s in subjects):
        return None
    doc = cue.doc
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    if span is None:
        return None
    names = [
        t
        for t in span
        if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.pos_ == "PROPN" and t.head in span
    ]
    if not names:
        return None
    name = names[-1]
    return (name.left_edge.idx, name.idx + len(name)), name.i


def _not_describing(doc: Doc, speaker: int, content: list[Span]) -> list[Span]:
    """The content less what a relative clause says of the speaker ("Zelensky,
    who earlier expressed willingness to meet Putin, said …": the willingness
    describes him, it is not what he said)."""
    clauses = [c for c in doc[speaker].children if c.dep_ == "relcl"]
    if not clauses:
        return content
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in clauses]
    return [c for c in content if not any(s <= c[0] and c[1] <= e for s, e in spans)]


def _last_subject(doc: Doc, start: int) -> tuple[Span | None, int | None]:
    """A named subject of the sentence before a quotation nobody is named as
    saying, in the same paragraph ("Peskov commented on the talks. Quote: “…”")."""
    here = doc.char_span(start, start + 1, alignment_mode="expand")
    if here is None or here.sent.start == 0:
        return None, None
    before = doc[here.sent.start - 1].sent
    if "\n" in doc.text[before.end_char : start]:
        return None, None
    for tok in before:
        if tok.dep_ == "nsubj" and tok.head == before.root and tok.pos_ == "PROPN":
            return (tok.left_edge.idx, tok.idx + len(tok)), tok.i
    return None, None
