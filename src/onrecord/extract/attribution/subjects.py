"""The speaker mention of a cue, from the parse.

The tagger marks sources; where it marks none (a participle: "…, saying …"
takes the subject of the verb it hangs from; an inverted "“…,” posted the
president"), or where the parse sees a relay ("Tasnim cited the minister as
saying", "IRNA reports"), the cue's subject in the parse is the speaker,
inherited along conjunctions.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from onrecord.extract.attribution.context import AttributionContext
from onrecord.records import Span

#: Dependency labels of a cue verb's subject (the speaker).
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Dependencies through which a subject-less verb ("…, adding that …",
#: "… and warned that …") inherits the speaker of the verb it hangs from.
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "acl", "dep")
_EDGE_PUNCT = set(",;:—–-")
#: Dropped from the end of a mention: sentence punctuation.
_TRAILING_PUNCT = frozenset([".", ",", ";", ":", "!", "?", "…", "—", "–", "-", "--", "(", "["])


def cue_subject(
    verb: Token, ctx: AttributionContext, relays: bool = True
) -> tuple[Span | None, int | None]:
    """The speaker mention of a cue verb, inherited along conjunctions.

    With ``relays``, also through "responded by saying", to the person a
    medium "cited as saying" and to the medium of "IRNA reports"; without,
    the plain subject (comparing the two tells a relay).
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
