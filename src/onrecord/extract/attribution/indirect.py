"""Indirect and mixed speech: a cue word and what the parse hangs from it.

A reporting verb outside quotations takes its content from the parse: the
clausal complement ("said *that …*"), the object of verbs such as
"announced", or the rest of the sentence for a parenthetical ("…, officials
said, …"). "According to" and a headline's "Name: …" work the same way.
Where quotations lie inside the content, the statement is mixed. The
speaker is the cue's subject, inherited along conjunctions.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from spacy.tokens import Token

from onrecord.extract.attribution.context import (
    AttributionContext,
    AttributionOptions,
    Draft,
    is_cue_verb,
)
from onrecord.extract.attribution.spans import close_gaps, cover_quotes, overlaps, subtract, trim
from onrecord.extract.cue_model import dense_features, features
from onrecord.records import Span

#: Dependency labels of a cue verb's subject (the speaker).
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Dependencies through which a subject-less verb ("…, adding that …",
#: "… and warned that …") inherits the speaker of the verb it hangs from.
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "acl", "dep")
#: Verbs whose direct object is the attributed content ("announced a plan").
_OBJECT_CONTENT_MIN_TOKENS = 1


class Features(NamedTuple):
    """What the cue model scores a candidate verb on."""

    sparse: list[str]
    dense: np.ndarray


def accept_cue(verb: Token, feats: Features, options: AttributionOptions) -> bool:
    """Is ``verb`` a cue: by the cue model when there is one, else by the lexicon."""
    if options.model is None:
        return is_cue_verb(verb, options)
    return options.model.probability(feats.sparse, feats.dense) >= options.threshold


def cue_subject(
    verb: Token, ctx: AttributionContext, relays: bool = True
) -> tuple[Span | None, int | None]:
    """The speaker mention of a cue verb, inherited along conjunctions.

    With ``relays``, also through "responded by saying", to the person a
    medium "cited as saying" and to the medium of "IRNA reports"; the cue
    model was trained without these, so it scores cues on the plain subject.
    """
    if verb.pos_ == "NOUN":
        # "Trump's claim that …" / "claims by the campaign that …" / "IRNA reports that …"
        for child in verb.children:
            if child.dep_ == "poss" or (
                relays
                and child.dep_ in ("compound", "amod")
                and child.ent_type_ in ("ORG", "PERSON")
                and child.i < verb.i
            ):
                return (child.idx, child.idx + len(child)), child.i
            if child.dep_ == "prep" and child.lower_ == "by":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    spans = trim(ctx.doc, objs[0].subtree)
                    if spans:
                        return (spans[0][0], spans[-1][1]), objs[0].i
        return None, None
    seen = 0
    tok: Token | None = verb
    while tok is not None and seen < 4:
        cited = _cited_as_saying(tok, ctx) if relays else None
        if cited is not None:
            return cited
        if (
            relays
            and tok.dep_ == "pcomp"
            and tok.head.dep_ == "prep"
            and tok.head.head.i != tok.head.i
        ):
            # "responded by saying …", "cited X as saying …"
            tok = tok.head.head
            seen += 1
            continue
        for child in tok.children:
            if child.dep_ in _SUBJECT_DEPS and ctx.in_quote(child) is None:
                sub = list(child.subtree)
                spans = trim(ctx.doc, sub)
                if spans:
                    return (spans[0][0], spans[-1][1]), child.i
        if verb.dep_ == "relcl" and tok is verb:
            head = verb.head
            return (head.idx, head.idx + len(head)), head.i
        for child in tok.children:
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    spans = trim(ctx.doc, objs[0].subtree)
                    return (spans[0][0], spans[-1][1]), objs[0].i
        if tok.dep_ in _INHERIT_DEPS and tok.head is not tok:
            tok = tok.head
            seen += 1
            continue
        break
    return None, None


def inverted_subject(verb: Token, ctx: AttributionContext) -> tuple[Span | None, int | None]:
    """ "“…,” posted the US president": after a quotation, the noun the parse
    took for the cue's object is its speaker."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i]
    if not objs or objs[0].pos_ not in ("NOUN", "PROPN") or ctx.in_quote(objs[0]) is not None:
        return None, None
    spans = trim(ctx.doc, objs[0].subtree)
    if not spans:
        return None, None
    return (spans[0][0], spans[-1][1]), objs[0].i


def _cited_as_saying(verb: Token, ctx: AttributionContext) -> tuple[Span, int] | None:
    """ "Tasnim cited (quoted) the minister as saying": the object speaks, the
    subject only relays."""
    if verb.lemma_.lower() not in ("cite", "quote"):
        return None
    as_saying = any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.pos_ == "VERB" for g in c.children)
        for c in verb.children
    )
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not as_saying or not objs or (subjects and subjects[0].ent_type_ == "PERSON"):
        # "Hegseth cited the general as saying": a person's own report nests
        # the other; only a medium's stands aside
        return None
    spans = trim(ctx.doc, objs[0].subtree)
    if not spans:
        return None
    return (spans[0][0], spans[-1][1]), objs[0].i


#: Verbs whose object is the addressee, not the content ("told reporters that …").
_ADDRESSEE_VERBS = frozenset(
    ["tell", "ask", "inform", "assure", "warn", "remind", "urge", "promise"]
)


def content_tokens(verb: Token) -> tuple[list[Token], str] | None:
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


def indirect(verb: Token, ctx: AttributionContext) -> tuple[Draft, Features] | None:
    found = content_tokens(verb)
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
    spans = trim(ctx.doc, content)
    if not spans:
        return None
    source, source_tok = cue_subject(verb, ctx)
    spans = close_gaps(spans, verb, source, ctx)
    quotes = [q for q in ctx.quotes if any(overlaps(q.span, s) for s in spans)]
    spans = cover_quotes(spans, quotes)
    kind = "indirect"
    if quotes:
        outside = "".join(ctx.text[s:e] for s, e in subtract(spans, [q.span for q in quotes]))
        if not any(c.isalnum() for c in outside):
            return None  # the clause is a quotation: the quote pass attributes it
        kind = "mixed"
    ordered = sorted(content, key=lambda t: t.i)
    inside = {t.i for t in ordered}
    content_head = next((t for t in ordered if t.head.i not in inside), None)
    scored = cue_subject(verb, ctx, relays=False)[1]
    subject = ctx.doc[scored] if scored is not None else None
    feats = Features(
        features(verb, ordered, shape, bool(quotes), subject),
        dense_features(verb, content_head, subject),
    )
    if source is None:
        # after scoring, which knows the cue as subject-less
        source, source_tok = _described_noun(verb, ctx)
    return Draft(kind, spans, [q.span for q in quotes], verb.i, source, source_tok), feats


#: Nouns for writings that say things: "a report citing …", "a letter warning …".
_DOCUMENTS = frozenset(
    ["report", "article", "statement", "study", "assessment", "letter", "document", "story"]
)


def _described_noun(verb: Token, ctx: AttributionContext) -> tuple[Span | None, int | None]:
    """ "a CNN report citing …": the noun a subject-less cue's clause describes."""
    if verb.dep_ != "acl" or verb.head.lemma_.lower() not in _DOCUMENTS or verb.i < verb.head.i:
        return None, None
    noun = verb.head
    inner = {t.i for t in verb.subtree}
    spans = trim(ctx.doc, [t for t in noun.subtree if t.i not in inner])
    if not spans:
        return None, None
    return (spans[0][0], spans[-1][1]), noun.i


def according_to(tok: Token, ctx: AttributionContext) -> Draft | None:
    to = ctx.doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    source_spans = trim(ctx.doc, objs[0].subtree)
    phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i}
    sent = tok.sent
    content = [t for t in sent if t.i not in phrase]
    spans = trim(ctx.doc, content)
    if not spans or not source_spans:
        return None
    return _reported(spans, tok, (source_spans[0][0], source_spans[-1][1]), objs[0].i, ctx)


def _reported(
    spans: list[Span], cue: Token, source: Span, source_tok: int, ctx: AttributionContext
) -> Draft:
    """An indirect statement, or a mixed one where quotations lie inside."""
    quotes = [q.span for q in ctx.quotes if any(overlaps(q.span, s) for s in spans)]
    return Draft("mixed" if quotes else "indirect", spans, quotes, cue.i, source, source_tok)


_MAX_COLON_SOURCE_TOKENS = 6


def colon_statement(tok: Token, ctx: AttributionContext) -> Draft | None:
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
    spans = trim(ctx.doc, right)
    if not spans or len(right) < 3:
        return None
    spans = [(spans[0][0], spans[-1][1])]
    return _reported(spans, tok, (left[0].idx, left[-1].idx + len(left[-1])), left[-1].i, ctx)
