"""Statements of a second speaker tucked into another's with "with".

"The ministry has said its aim is to stop the dam, with the minister
accusing the neighbour of “moving fast”": the minister's accusation is his
own statement, not part of the ministry's. A "with" clause whose verb
(an "-ing" form of a cue verb) has a person as its subject is cut off the
statement it closes and made one of its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.extract.attribution.context import Draft
from onrecord.records import Span


def split_with_clauses(doc: Doc, drafts: list[Draft], cue_verbs: frozenset[str]) -> list[Draft]:
    """``drafts`` with each closing "with <person> <cue>-ing …" clause of an
    indirect statement made a statement of that person's."""
    out: list[Draft] = []
    verbs: set[int] = set()  # the cues of the statements made here
    made: set[int] = set()  # and those statements' ids
    for d in drafts:
        clause = _with_clause(doc, d, cue_verbs) if d.kind != "direct" else None
        if clause is None:
            out.append(d)
            continue
        prep, verb, subj = clause
        cut = prep.idx
        rest = [t for t in verb.subtree if t.i > verb.i]
        while rest and rest[-1].is_punct and rest[-1].text not in ("”", "’", '"'):
            rest.pop()
        if not rest:
            out.append(d)
            continue
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1])
        kept = [(s, min(e, cut)) for s, e in d.content if s < cut]
        kept = [_rstrip(doc.text, s, e) for s, e in kept]
        kept = [(s, e) for s, e in kept if e > s]
        if not kept:
            out.append(d)
            continue
        own_quotes = [q for q in d.quotes if q[1] <= cut]
        their_quotes = [q for q in d.quotes if start <= q[0] and q[1] <= end + 1]
        out.append(
            Draft(
                "mixed" if own_quotes else "indirect",
                kept,
                own_quotes,
                d.cue_token,
                d.source,
                d.source_token,
                d.continuation_of,
            )
        )
        names = list(subj.subtree)
        source = (names[0].idx, names[-1].idx + len(names[-1]))
        theirs = Draft(
            "mixed" if their_quotes else "indirect",
            [(start, end)],
            their_quotes,
            verb.i,
            source,
            subj.i,
        )
        out.append(theirs)
        verbs.add(verb.i)
        made.add(id(theirs))
    # the clause's verb read on its own as a cue gives way to its statement
    return [d for d in out if d.cue_token not in verbs or id(d) in made]


def _with_clause(
    doc: Doc, d: Draft, cue_verbs: frozenset[str]
) -> tuple[Token, Token, Token] | None:
    """The (with, verb, subject) tokens of a clause that closes ``d``'s content."""
    if not d.content:
        return None
    first, last = d.content[0][0], d.content[-1][1]
    for tok in doc:
        if not first < tok.idx < last or tok.lower_ != "with" or tok.dep_ != "prep":
            continue
        if doc[tok.i - 1].text != ",":
            continue  # ", with …" sets the clause off
        for verb in tok.children:
            if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.lemma_.lower() not in cue_verbs:
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.ent_type_ == "PERSON":
                return tok, verb, subj
    return None


def _rstrip(text: str, start: int, end: int) -> Span:
    while end > start and text[end - 1] in " ,;\n":
        end -= 1
    return (start, end)
