"""Positions held inside another's words: "his view that …", "Trump's claim that …".

A noun with a possessor and a that-clause reports the possessor's position,
even where it sits inside someone else's statement ("Lavrov claimed … his view
that Kyiv should be ready …"). The tagger labels one layer of spans, so there
it marks only the outer content; the parse finds the inner one.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Token

from onrecord.extract.attribution.context import Draft
from onrecord.extract.attribution.subjects import trim


def _that_clause(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in child.children
        ):
            return child
    return None


def possessed_positions(doc: Doc, cues: Collection[int]) -> list[Draft]:
    """A draft for each possessed noun with a that-clause whose token is not a cue already."""
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.i in cues:
            continue
        owners = [c for c in tok.children if c.dep_ == "poss"]
        clause = _that_clause(tok)
        if not owners or clause is None:
            continue
        owner = owners[0]
        content = trim(doc, clause.subtree)
        if not content:
            continue
        source = (owner.left_edge.idx, owner.idx + len(owner))
        out.append(
            Draft(
                "indirect",
                [(content[0][0], content[-1][1])],
                [],
                tok.i,
                source,
                owner.i,
                cue=(tok.idx, tok.idx + len(tok)),
            )
        )
    return out
